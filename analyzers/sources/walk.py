"""Finds prompt files under the paths a user names: recursive, skipping hidden folders, paths that
``.gitignore`` files exclude, installed packages (``site-packages``, ``node_modules``, virtual
environments), binary files, and whatever ``--include``/``--exclude`` say.

Files without an extension and ``.tmpl``/``.tpl`` files are read only when named, or when they sit
under a *prompt folder* (``prompts``, ``preprompts``, ``templates``; the ``prompt-folders``
setting): elsewhere they are build files, licences and other languages' templates."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pathspec

PROMPT_EXTENSIONS = frozenset({
    ".txt", ".md", ".markdown", ".prompt", ".text", ".snap",
    ".j2", ".jinja", ".jinja2", ".mustache", ".hbs", ".handlebars",
    ".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".prompty", ".gz", ".py",
})
# Read only under a prompt folder ("" is a file without an extension).
FOLDER_EXTENSIONS = frozenset({"", ".tmpl", ".tpl"})
PROMPT_FOLDERS = ("prompts", "preprompts", "templates")
# Folders of installed code, never the project's own prompts.
SKIP_FOLDERS = frozenset({"node_modules", "site-packages", "__pycache__"})


@dataclass(frozen=True)
class Found:
    path: str  # as shown to the user
    explicit: bool  # named on the command line (read whatever its extension)


def _spec(patterns: list[str]) -> pathspec.PathSpec | None:
    return pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None


def _gitignore(directory: Path) -> pathspec.PathSpec | None:
    f = directory / ".gitignore"
    if not f.is_file():
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines(f.read_text(errors="replace").splitlines())
    except (OSError, ValueError):
        return None


def _wanted(p: Path, root: Path, folders: frozenset[str]) -> bool:
    suffix = p.suffix.lower()
    if suffix in PROMPT_EXTENSIONS:
        return True
    if suffix not in FOLDER_EXTENSIONS and "." in p.name:
        return False
    return any(part.lower() in folders for part in p.relative_to(root).parts[:-1]) or \
        root.name.lower() in folders


def find_files(paths: list[str], include: list[str] | None = None,
               exclude: list[str] | None = None,
               prompt_folders: list[str] | tuple[str, ...] | None = None) -> tuple[list[Found], list[str]]:
    """Files to read, in a stable order, and the paths that do not exist."""
    inc, exc = _spec(include or []), _spec(exclude or [])
    folders = frozenset(f.lower() for f in (PROMPT_FOLDERS if prompt_folders is None else prompt_folders))
    found: list[Found] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(p: str, explicit: bool) -> None:
        if p not in seen:
            seen.add(p)
            found.append(Found(p, explicit))

    for raw in paths:
        root = Path(raw)
        if raw == "-" or root.is_file() or (os.path.exists(raw) and not root.is_dir()):
            # a FIFO or device named on the command line: the input layer refuses it by name
            add(raw, True)
            continue
        if not root.is_dir():
            missing.append(raw)
            continue
        ignores: list[tuple[Path, pathspec.PathSpec]] = []
        for dirpath, dirnames, filenames in os.walk(root):
            here = Path(dirpath)
            gi = _gitignore(here)
            if gi:
                ignores.append((here, gi))
            active = [(d, s) for d, s in ignores if here == d or d in here.parents]

            def ignored(p: Path, is_dir: bool) -> bool:
                for base, spec in active:
                    rel = p.relative_to(base).as_posix() + ("/" if is_dir else "")
                    if spec.match_file(rel):
                        return True
                return False

            dirnames[:] = sorted(d for d in dirnames
                                 if not d.startswith(".") and d not in SKIP_FOLDERS
                                 and not (here / d / "pyvenv.cfg").is_file() and not ignored(here / d, True))
            for name in sorted(filenames):
                p = here / name
                if name.startswith(".") or ignored(p, False):
                    continue
                rel = p.relative_to(root).as_posix()
                if inc is not None:
                    if not (inc.match_file(rel) or inc.match_file(name)):
                        continue
                elif not _wanted(p, root, folders):
                    continue
                if exc is not None and (exc.match_file(rel) or exc.match_file(name)):
                    continue
                add(str(p), False)
    return found, missing

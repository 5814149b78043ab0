"""YAML configs that pull in other configs with a top-level ``include:`` (EleutherAI lm-evaluation-harness
and lmms-eval task configs).

Their loader (``load_yaml_config`` in ``lm_eval/utils.py`` and ``lmms_eval/utils.py``) reads ``include``
as one path or a list of paths, each resolved against the including file's folder, loads each included
file as YAML (whatever its name: ``_default_template_yaml``, ``_template``, ``flores`` have no extension)
and updates the included fields with the including file's own: a task's fields are its own plus the
included ones.  So a file named by an ``include:`` is a config file, read as YAML, never a prose prompt;
and its fields are read with the keys of the files that include it (a template that holds ``doc_to_text``
without the ``task`` its including files name is a task config's part).

Found by a line pattern on the including file's text (top-level ``include:`` with a scalar, a flow list
or a block list), so a walk need not parse every YAML file twice."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from ..inputs import open_text

_INCLUDE = re.compile(r"""^["']?include["']?[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?$""", re.M)
_BLOCK_ITEM = re.compile(r"""^[ \t]+-[ \t]+(.+?)[ \t]*(?:#.*)?$""")
_TOP_KEY = re.compile(r"""^["']?([A-Za-z_][\w.-]*)["']?[ \t]*:(?:[ \t]|$)""", re.M)
_MAX_BYTES = 1 << 20
YAML_SUFFIXES = (".yaml", ".yml")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def include_values(text: str) -> list[str]:
    """The paths a YAML text's top-level ``include:`` names, as written (``[]`` when it has none)."""
    m = _INCLUDE.search(text)
    if not m:
        return []
    value = m.group(1)
    if value.startswith("["):
        return [v for v in (_unquote(p) for p in value.strip("[]").split(",")) if v]
    if value:
        return [_unquote(value)]
    out = []
    for line in text[m.end():].lstrip("\r\n").splitlines():
        item = _BLOCK_ITEM.match(line)
        if not item:
            break
        out.append(_unquote(item.group(1)))
    return out


def _read(path: Path) -> str | None:
    try:
        if not path.is_file() or path.stat().st_size > _MAX_BYTES:
            return None
        with open_text(str(path), encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return None


def included_files(config: Path, text: str | None = None) -> list[Path]:
    """The existing files a YAML config includes (each path as written, else against the config's folder,
    as the loader resolves it)."""
    text = _read(config) if text is None else text
    if not text:
        return []
    out = []
    for value in include_values(text):
        candidate = config.parent / value
        if candidate.is_file():
            out.append(Path(os.path.normpath(candidate)))
    return out


@lru_cache(maxsize=1024)
def _includes_in(folder: Path) -> tuple[tuple[Path, Path], ...]:
    """(includer, included) pairs of the YAML files directly in ``folder``."""
    pairs = []
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.lower().endswith(YAML_SUFFIXES) and e.is_file())
    except OSError:
        return ()
    for name in names:
        config = folder / name
        text = _read(config)
        if text and "include" in text:
            pairs.extend((config, target) for target in included_files(config, text))
    return tuple(pairs)


def includers_of(path: str | Path) -> list[Path]:
    """The YAML configs that include ``path``: in its folder and in the folders directly below it (a
    variant's ``include: ../_default_template_yaml``)."""
    p = Path(os.path.normpath(os.path.abspath(path)))
    folder = p.parent
    folders = [folder]
    try:
        folders += sorted(Path(e.path) for e in os.scandir(folder) if e.is_dir() and not e.name.startswith("."))
    except OSError:
        pass
    out = []
    for f in folders:
        out += [config for config, target in _includes_in(Path(os.path.abspath(f)))
                if Path(os.path.abspath(target)) == p]
    return out


def top_level_keys(path: Path) -> frozenset[str]:
    """The top-level keys of a YAML file, by their lines (``key:`` at column 0)."""
    text = _read(path)
    return frozenset(_TOP_KEY.findall(text)) if text else frozenset()


def included_keys(path: str) -> frozenset[str]:
    """The top-level keys of the configs that include ``path`` (its fields' context), none when no file
    includes it."""
    out: set[str] = set()
    for config in includers_of(path):
        out |= top_level_keys(config)
    return frozenset(out)


def read_as_yaml(path: str | Path) -> bool:
    """Whether a file without an extension is a YAML config another config includes."""
    p = Path(path)
    return "." not in p.name.lstrip(".") and p.is_file() and bool(includers_of(p))

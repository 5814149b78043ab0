"""``[tool.pcache]`` in pyproject.toml, or a ``pcache.toml`` (top-level keys or ``[tool.pcache]``),
found by walking up from the first path; one configuration for every command (scan, lint, show, diff,
probe, audit).  Command-line flags win over the file.

Keys (``-`` and ``_`` are interchangeable): model, select, ignore, fail-on, include, exclude,
per-file-ignores (table: glob -> codes), syntax, format, min-cached-ratio, pc202-min-uncached,
variables (table: variable-name glob -> volatility class), role (head | whole | final-turn, or a table:
path / container / ``path::container`` pattern -> one of those), conversation-turns, turn-tokens, conversations-per-day,
show-config-variables,
prompt-folders (folder names whose extensionless and .tmpl/.tpl files are prompts).

``include``, ``exclude``, the keys of ``per-file-ignores`` and of the ``role`` table are gitignore-style
patterns anchored at the directory of the config file (``prompts/drafts/**`` means that folder next to
pyproject.toml, whatever path is linted; ``*.md`` matches at any depth), matched with pathspec
(``PathMatcher``, ``PathTable``).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from .errors import PcacheError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS = {"model", "select", "ignore", "fail_on", "include", "exclude", "per_file_ignores", "syntax", "format",
        "min_cached_ratio", "pc202_min_uncached", "variables", "role", "conversation_turns", "turn_tokens",
        "conversations_per_day", "show_config_variables",
        "show_notes", "prompt_folders"}
SEVERITIES = ("error", "warning", "info")
SYNTAXES = ("auto", "jinja", "mustache", "handlebars", "sk", "go", "format", "template", "none")


@dataclass
class Config:
    path: str | None = None  # the file it came from
    model: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    syntax: str | None = None
    format: str | None = None
    min_cached_ratio: float | None = None
    pc202_min_uncached: int | None = None
    variables: dict[str, str] = field(default_factory=dict)  # glob -> volatility class
    role: str | None = None  # default position of prompts that are not request bodies
    roles: dict[str, str] = field(default_factory=dict)  # path / container glob -> position
    conversation_turns: int | None = None
    turn_tokens: int | None = None
    conversations_per_day: int | None = None
    show_config_variables: bool | None = None
    show_notes: bool | None = None
    prompt_folders: list[str] | None = None  # None: the default (prompts, preprompts, templates)

    @property
    def root(self) -> Path:
        """The directory patterns are anchored at: the config file's, else the current directory."""
        return Path(self.path).resolve().parent if self.path else Path.cwd().resolve()

    def matcher(self, include: list[str] | None = None, exclude: list[str] | None = None) -> "PathMatcher":
        """The config's patterns (``include``/``exclude`` given here replace the config's)."""
        return PathMatcher(self.root, self.include if include is None else include,
                           self.exclude if exclude is None else exclude, self.per_file_ignores)

    def corpus_roots(self) -> list[str]:
        """The folders the configured corpus lives in: the fixed leading part of each ``include``
        pattern (``prompts/**/*.j2`` -> ``prompts``), else the config's directory."""
        roots: list[str] = []
        for pattern in self.include:
            parts = pattern.strip("/").split("/")
            fixed = []
            for part in parts[:-1] if not pattern.endswith("/") else parts:
                if any(c in part for c in "*?[!"):
                    break
                fixed.append(part)
            if "/" not in pattern.strip("/") and not pattern.endswith("/"):
                fixed = []  # a bare name pattern matches at any depth
            root = self.root.joinpath(*fixed)
            if str(root) not in roots:
                roots.append(str(root))
        return roots or [str(self.root)]


def relative_to(root: Path, path: str) -> str:
    """``path`` relative to ``root`` (posix); paths outside it as given."""
    full = Path(os.path.abspath(path))
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


class PathTable:
    """A table of gitignore-style patterns (anchored at ``root``, as include/exclude) -> values: the
    first pattern that matches a path (root-relative) or one of the extra names given wins.  The role
    table (``[tool.pcache.role]``) uses it for paths, containers and ``path::container`` keys."""

    def __init__(self, root: Path | str, table: dict):
        self.root = Path(root).resolve()
        self._specs = [(pathspec.GitIgnoreSpec.from_lines([pattern]), value) for pattern, value in table.items()]

    def lookup(self, path: str, names: tuple[str, ...] = ()):
        rel = relative_to(self.root, path)
        targets = (rel, *names)
        for spec, value in self._specs:
            if any(t and spec.match_file(t) for t in targets):
                return value
        return None


class PathMatcher:
    """include / exclude / per-file-ignores as gitignore-style patterns anchored at ``root``."""

    def __init__(self, root: Path, include: list[str], exclude: list[str],
                 per_file_ignores: dict[str, list[str]] | None = None):
        self.root = Path(root).resolve()
        self.include = pathspec.GitIgnoreSpec.from_lines(include) if include else None
        self.exclude = pathspec.GitIgnoreSpec.from_lines(exclude) if exclude else None
        self.ignores = [(pathspec.GitIgnoreSpec.from_lines([pattern]), codes)
                        for pattern, codes in (per_file_ignores or {}).items()]

    def relative(self, path: str) -> str:
        """``path`` relative to the root (posix); paths outside it as given."""
        return relative_to(self.root, path)

    def selected(self, path: str) -> bool:
        if path == "-":
            return True
        rel = self.relative(path)
        if self.exclude is not None and self.exclude.match_file(rel):
            return False
        return self.include is None or self.include.match_file(rel)

    def ignored_codes(self, path: str) -> list[str]:
        rel = self.relative(path)
        return [c for spec, codes in self.ignores if spec.match_file(rel) for c in codes]


def _codes(value, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PcacheError(f"{where}: {key} must be a list of rule codes")
    return [v.strip().upper() for v in value if v.strip()]


def _globs(value, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PcacheError(f"{where}: {key} must be a list of patterns")
    try:
        pathspec.GitIgnoreSpec.from_lines(value)
    except ValueError as exc:
        raise PcacheError(f"{where}: {key}: bad pattern ({exc})") from None
    return value


def parse_table(table: dict, where: str) -> Config:
    cfg = Config(path=where)
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in KEYS:
            raise PcacheError(f"{where}: unknown setting {raw_key!r} in [tool.pcache]",
                              hint="known: " + ", ".join(sorted(k.replace("_", "-") for k in KEYS)))
        if key in ("select", "ignore"):
            setattr(cfg, key, _codes(value, raw_key, where))
        elif key in ("include", "exclude"):
            setattr(cfg, key, _globs(value, raw_key, where))
        elif key == "prompt_folders":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) and v and "/" not in v for v in value):
                raise PcacheError(f"{where}: prompt-folders must be a list of folder names")
            cfg.prompt_folders = value
        elif key == "per_file_ignores":
            if not isinstance(value, dict):
                raise PcacheError(f"{where}: per-file-ignores must be a table of glob = [codes]")
            _globs(list(value), raw_key, where)
            cfg.per_file_ignores = {g: _codes(v, f"per-file-ignores.{g}", where) for g, v in value.items()}
        elif key == "fail_on":
            if value not in SEVERITIES:
                raise PcacheError(f"{where}: fail-on must be one of {', '.join(SEVERITIES)}, not {value!r}")
            cfg.fail_on = value
        elif key == "syntax":
            if value not in SYNTAXES:
                raise PcacheError(f"{where}: syntax must be one of {', '.join(SYNTAXES)}, not {value!r}")
            cfg.syntax = value
        elif key == "min_cached_ratio":
            if not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise PcacheError(f"{where}: min-cached-ratio must be a number between 0 and 1")
            cfg.min_cached_ratio = float(value)
        elif key == "variables":
            from .volatility import check_class

            if not isinstance(value, dict):
                raise PcacheError(f"{where}: variables must be a table of name-glob = \"class\"")
            cfg.variables = {str(g): check_class(v, f"{where}: variables.{g}") for g, v in value.items()}
        elif key == "role":
            from .conversation import check_position

            if isinstance(value, dict):
                _globs(list(value), raw_key, where)
                cfg.roles = {str(g): check_position(v, f"{where}: role.{g}") for g, v in value.items()}
            else:
                cfg.role = check_position(value, f"{where}: role")
        elif key in ("conversation_turns", "turn_tokens", "conversations_per_day"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise PcacheError(f"{where}: {raw_key} must be a whole number >= 1")
            setattr(cfg, key, value)
        elif key in ("show_config_variables", "show_notes"):
            if not isinstance(value, bool):
                raise PcacheError(f"{where}: {key.replace('_', '-')} must be true or false")
            setattr(cfg, key, value)
        elif key == "pc202_min_uncached":
            if not isinstance(value, int) or value < 0:
                raise PcacheError(f"{where}: pc202-min-uncached must be a whole number >= 0")
            cfg.pc202_min_uncached = value
        else:  # model, format
            if not isinstance(value, str):
                raise PcacheError(f"{where}: {raw_key} must be a string")
            setattr(cfg, key, value)
    return cfg


def _read(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PcacheError(f"{path}:{_toml_line(str(exc), text)}: invalid TOML: "
                          f"{_toml_where(str(exc))}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PcacheError(f"{path}: cannot read the config file ({exc})") from None


def _toml_line(message: str, text: str) -> int:
    """The line ``tomllib`` stopped at: ``(at line N, column M)`` in its message (Python 3.11-3.13 give no
    attribute), or ``(at end of document)``: the file's last line."""
    m = re.search(r"\(at line (\d+), column \d+\)$", message)
    return int(m.group(1)) if m else max(1, len(text.splitlines()))


def _toml_where(message: str) -> str:
    """The message without the line the ``FILE:LINE:`` prefix already says (its column kept)."""
    return re.sub(r"\(at line \d+, column (\d+)\)$", r"(column \1)", message)


def load_config_file(path: str) -> Config:
    """An explicit ``--config FILE``: a pcache.toml or a pyproject.toml."""
    p = Path(path)
    if not p.is_file():
        raise PcacheError(f"{path}: config file not found")
    data = _read(p)
    table = data.get("tool", {}).get("pcache")
    if table is None:
        table = {} if p.name == "pyproject.toml" else {k: v for k, v in data.items() if k != "tool"}
    return parse_table(table, str(p))


def config_for(explicit: str | None, first_path: str | None) -> Config:
    """``--config FILE`` when given, else the nearest config above ``first_path`` (or the current directory)."""
    if explicit:
        return load_config_file(explicit)
    return find_config(first_path if first_path and first_path != "-" else ".")


def find_config(start: str | None) -> Config:
    """The nearest ``pcache.toml`` or ``pyproject.toml`` with ``[tool.pcache]`` above ``start``."""
    # (os.path.realpath, not Path.resolve: on Python 3.11 a path that is a symlink loop makes resolve raise
    # RuntimeError; the loop is then the loader's one line naming the file, as any unreadable input)
    here = Path(os.path.realpath(start or "."))
    if not here.is_dir():
        here = here.parent
    for d in (here, *here.parents):
        candidate = d / "pcache.toml"
        if candidate.is_file():
            return load_config_file(str(candidate))
        candidate = d / "pyproject.toml"
        if candidate.is_file():
            data = _read(candidate)
            if "pcache" in data.get("tool", {}):
                return parse_table(data["tool"]["pcache"], str(candidate))
        if (d / ".git").exists():
            break  # stop at the repository root
    return Config()

"""``[tool.pcache]`` in pyproject.toml, or a ``pcache.toml`` (top-level keys or ``[tool.pcache]``),
found by walking up from the first path.  Command-line flags win over the file.

Keys (``-`` and ``_`` are interchangeable): model, select, ignore, fail-on, include, exclude,
per-file-ignores (table: glob -> codes), syntax, format, min-cached-ratio, pc202-min-uncached,
variables (table: variable-name glob -> volatility class), role (head | whole | final-turn, or a table:
path / container glob -> one of those), conversation-turns, turn-tokens, conversations-per-day,
show-config-variables.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PcacheError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS = {"model", "select", "ignore", "fail_on", "include", "exclude", "per_file_ignores", "syntax", "format",
        "min_cached_ratio", "pc202_min_uncached", "variables", "role", "conversation_turns", "turn_tokens",
        "conversations_per_day", "show_config_variables"}
SEVERITIES = ("error", "warning", "info")
SYNTAXES = ("auto", "jinja", "mustache", "format", "template", "none")


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
        raise PcacheError(f"{where}: {key} must be a list of globs")
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
        elif key == "per_file_ignores":
            if not isinstance(value, dict):
                raise PcacheError(f"{where}: per-file-ignores must be a table of glob = [codes]")
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
                cfg.roles = {str(g): check_position(v, f"{where}: role.{g}") for g, v in value.items()}
            else:
                cfg.role = check_position(value, f"{where}: role")
        elif key in ("conversation_turns", "turn_tokens", "conversations_per_day"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise PcacheError(f"{where}: {raw_key} must be a whole number >= 1")
            setattr(cfg, key, value)
        elif key == "show_config_variables":
            if not isinstance(value, bool):
                raise PcacheError(f"{where}: show-config-variables must be true or false")
            cfg.show_config_variables = value
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
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PcacheError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PcacheError(f"{path}: cannot read the config file ({exc})") from None


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


def find_config(start: str | None) -> Config:
    """The nearest ``pcache.toml`` or ``pyproject.toml`` with ``[tool.pcache]`` above ``start``."""
    here = Path(start or ".").resolve()
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

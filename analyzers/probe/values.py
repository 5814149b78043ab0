"""Values for template variables: given ones (``--vars`` file, ``--var``) and generated samples.

Every repeat gets a different generated value for every variable that has no given value, so a probe
measures the prefix that real traffic of the template shares.  Given values may be lists: repeat ``i``
takes item ``i`` (cycling).
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone

from ..errors import PcacheError

_WORDS = ("alpine", "harbor", "cobalt", "meadow", "quartz", "ember", "lattice", "summit", "willow",
          "falcon", "juniper", "orbit", "granite", "tundra", "saffron", "beacon")


def load_vars_file(path: str) -> dict:
    from ..inputs import InputError, load_yaml, loads_json, read_text

    try:
        text = read_text(path)
        data = load_yaml(text) if path.endswith((".yaml", ".yml")) else loads_json(text)
    except OSError as exc:
        raise PcacheError(f"{path}: {exc.strerror or exc}") from None
    except InputError as exc:
        where = f"{path}:{exc.line}" if exc.line else path
        raise PcacheError(f"{where}: {exc.message}",
                          hint=exc.hint or "--vars takes a mapping of variable name to value (or list of "
                                           "values)") from None
    if not isinstance(data, dict):
        raise PcacheError(f"{path}: --vars must be a mapping of variable name to value")
    return data


def parse_var_options(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise PcacheError(f"bad --var {item!r}", hint="use --var NAME=VALUE")
        out[name.strip()] = value
    return out


def _leaf(name: str) -> str:
    return name.replace("]", "").replace("[", ".").split(".")[-1].lower()


def sample_value(name: str, repeat: int, rng: random.Random) -> str:
    """A plausible value for variable ``name``, different for every repeat."""
    leaf = _leaf(name)
    base = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(days=rng.randrange(300),
                                                                 seconds=rng.randrange(86400))
    if any(k in leaf for k in ("date", "time", "now", "today", "timestamp")):
        return base.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    if any(k in leaf for k in ("id", "number", "count", "num")):
        return str(rng.randrange(10_000, 99_999))
    if "email" in leaf:
        return f"{rng.choice(_WORDS)}.{repeat}@example.com"
    words = " ".join(rng.choice(_WORDS) for _ in range(3))
    return f"{leaf} {repeat + 1}: {words}"


def values_for(names: list[str], repeats: int, given: dict, same_values: bool,
               seed: int | None = None) -> list[dict[str, str]]:
    """One mapping name -> value per repeat.  Without a seed, every run gets fresh values, so a probe
    never reads what an earlier probe of the same template left in the cache."""
    rng = random.Random(f"{seed}:{','.join(names)}") if seed is not None else random.Random()
    out: list[dict[str, str]] = []
    for i in range(repeats):
        values: dict[str, str] = {}
        for name in names:
            if name in values:
                continue
            if name in given:
                v = given[name]
                if isinstance(v, list):
                    v = v[i % len(v)] if v else ""
                values[name] = v if isinstance(v, str) else json.dumps(v)
            elif same_values and out:
                values[name] = out[0][name]
            else:
                values[name] = sample_value(name, i, rng)
        out.append(values)
    return out

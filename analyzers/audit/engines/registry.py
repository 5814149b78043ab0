"""Replay engines by ``--engine`` name (one module each; the two kinds: ``interface.py``)."""

from __future__ import annotations

from .local import LocalEngine
from .ray_data import RayEngine  # imports Ray only when it runs (the optional ray extra)

ENGINES = {"local": LocalEngine, "ray": RayEngine}


def engine_for(name: str):
    try:
        return ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown engine {name!r} (known: {', '.join(sorted(ENGINES))})") from None

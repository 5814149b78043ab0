"""Replay engines by ``--engine`` name (one module each)."""

from __future__ import annotations

from ..ray_engine import RayEngine  # imports Ray only when it runs (the optional ray extra)
from .local import LocalEngine

ENGINES = {"local": LocalEngine, "ray": RayEngine}


def engine_for(name: str):
    try:
        return ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown engine {name!r} (known: {', '.join(sorted(ENGINES))})") from None

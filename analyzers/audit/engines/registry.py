"""Replay engines by ``--engine`` name (one module each)."""

from __future__ import annotations

from .local import LocalEngine

ENGINES = {"local": LocalEngine}


def engine_for(name: str):
    try:
        return ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown engine {name!r} (known: {', '.join(sorted(ENGINES))})") from None

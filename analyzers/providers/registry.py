"""Loads the dated, sourced regime data files and picks the cache model for a model name."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from .interface import RegimeData, Threshold

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA_DIR = Path(__file__).with_name("data")


@lru_cache(maxsize=None)
def load_regime(stem: str) -> RegimeData:
    raw = tomllib.loads((DATA_DIR / f"{stem}.toml").read_text(encoding="utf-8"))
    values = {
        key: Threshold(v["value"], v.get("source", ""), str(v.get("as_of", "")), v.get("note", ""))
        for key, v in raw.items()
        if isinstance(v, dict) and "value" in v
    }
    return RegimeData(raw["id"], raw["name"], tuple(raw.get("providers", ())), raw["kind"], values)


def cache_model_for(model: str | None = None, provider: str | None = None):
    """The cache model for ``model``. Only the OpenAI legacy regime exists so far."""
    from . import openai_legacy

    return openai_legacy.create()

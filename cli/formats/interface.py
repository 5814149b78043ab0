"""Machine and human outputs of ``pcache lint``: one module per format, each with
``render(result, suggestions, color=False) -> str``.  ``FORMATS`` lists them."""

from __future__ import annotations

import importlib
from typing import Protocol

FORMATS = ("text", "json", "sarif", "github", "markdown")


class Formatter(Protocol):
    def render(self, result, suggestions: list, color: bool = False) -> str: ...


def get_formatter(name: str) -> Formatter:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return importlib.import_module(f"{__package__}.{name}")


def money(value) -> str:
    return "n/a" if value is None else f"${value:,.4f}"

"""GitHub Actions workflow commands: ``::error file=...,line=...,col=...,title=PC101::message``.

``summary(result)`` is the markdown table the lint command appends to ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def line(f) -> str:
    return (f"::{COMMAND[f.severity]} file={escape_property(f.path)},line={f.line},col={f.column},"
            f"title={escape_property(f.code)}::{escape_data(f.message)}")


def render(result, suggestions: list, color: bool = False) -> str:
    return "".join(line(f) + "\n" for f in result.findings)


def summary(result) -> str:
    from . import markdown

    return markdown.render(result, [])

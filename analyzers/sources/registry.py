"""The list of sources, tried in order: the first whose ``matches`` is true reads the file."""

from __future__ import annotations

from .interface import Source
from .text import TextSource


def _optional(module: str, cls: str) -> list[Source]:
    """Sources added by later modules; a missing one is simply not offered."""
    import importlib

    try:
        return [getattr(importlib.import_module(f"{__package__}.{module}"), cls)()]
    except (ImportError, AttributeError):
        return []


def all_sources() -> list[Source]:
    return [
        *_optional("jsonl", "JsonlSource"),
        *_optional("anthropic", "AnthropicSource"),  # before "request": told apart by content
        *_optional("gemini", "GeminiSource"),
        *_optional("request", "RequestSource"),
        *_optional("prompty", "PromptySource"),
        *_optional("yaml_messages", "YamlSource"),
        *_optional("config_fields", "ConfigFieldsSource"),  # after the request/messages readers
        *_optional("js_code", "JsCodeSource"),
        *_optional("template", "TemplateSource"),
        TextSource(),
    ]

"""The list of sources, tried in order: the first whose ``matches`` is true reads the file.

A new input format is one module plus one line here (a broken module fails loudly on import)."""

from __future__ import annotations

from .anthropic import AnthropicSource
from .config_fields import ConfigFieldsSource
from .gemini import GeminiSource
from .interface import Source
from .js.source import JsCodeSource
from .jsonl import JsonlSource
from .prompty import PromptySource
from .python.source import PythonSource
from .request import RequestSource
from .template import TemplateSource
from .text import TextSource
from .yaml_messages import YamlSource


def all_sources() -> list[Source]:
    return [
        JsonlSource(),
        AnthropicSource(),  # before RequestSource: told apart by content
        GeminiSource(),
        RequestSource(),
        PromptySource(),
        YamlSource(),
        ConfigFieldsSource(),  # after the request/messages readers: reads what they decline
        JsCodeSource(),
        PythonSource(),
        TemplateSource(),
        TextSource(),
    ]

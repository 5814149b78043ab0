"""The log readers, tried in order on the first KB of a file."""

from __future__ import annotations

from .batch import BatchOutputReader
from .helicone import HeliconeReader
from .interface import read_head
from .jsonl import JsonlReader
from .langfuse import LangfuseReader
from .litellm import LiteLLMReader
from .openinference import OpenInferenceReader
from .otel_genai import OtelGenAiReader
from .usage_api import UsageApiCsvReader, UsageApiJsonReader

# Specific shapes first (their sniffs look for their own keys); the generic JSONL reader last.
READERS = [BatchOutputReader(), UsageApiJsonReader(), OpenInferenceReader(), OtelGenAiReader(), LangfuseReader(),
           LiteLLMReader(), HeliconeReader(), UsageApiCsvReader(), JsonlReader()]
BY_NAME = {r.name: r for r in READERS}


def pick_reader(path: str, name: str | None = None):
    if name and name != "auto":
        return BY_NAME[name]
    head = read_head(path)
    for reader in READERS:
        if reader.sniff(path, head):
            return reader
    return None

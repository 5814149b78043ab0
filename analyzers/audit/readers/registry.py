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
from .parquet import ParquetReader
from .usage_api import UsageApiCsvReader, UsageApiJsonReader
from .vcr_cassette import VcrCassetteReader

# Specific shapes first (their sniffs look for their own keys); the generic JSONL reader last.
READERS = [ParquetReader(), BatchOutputReader(), UsageApiJsonReader(), OpenInferenceReader(), OtelGenAiReader(), LangfuseReader(),
           LiteLLMReader(), HeliconeReader(), UsageApiCsvReader(), VcrCassetteReader(), JsonlReader()]
BY_NAME = {r.name: r for r in READERS}
# What a file no reader understands is reported as (by every engine)
UNKNOWN_FORMAT = ("not a log format pcache audit reads (JSONL, Parquet, Batch output, Usage API JSON/CSV, span "
                  "exports, VCR cassettes)")


def pick_reader(path: str, name: str | None = None, head: str | None = None):
    """The reader of the file at ``path`` (or named ``path``, whose first bytes as text are ``head``)."""
    if name and name != "auto":
        return BY_NAME[name]
    if head is None:
        head = read_head(path)
    for reader in READERS:
        if reader.sniff(path, head):
            return reader
    return None


# File names a directory given to ``audit`` is searched for (recursively; hidden entries skipped).
LOG_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".yaml", ".yml", ".log", ".jsonl.gz", ".json.gz",
                ".csv.gz", ".ndjson.gz", ".log.gz", ".parquet")


def expand_paths(paths: list[str]) -> list[str]:
    """Files of ``paths``: a directory stands for the log files below it (sorted), e.g. a test suite's
    ``cassettes/`` folder; other paths are kept as given."""
    import os

    out: list[str] = []
    for p in paths:
        if not os.path.isdir(p):
            out.append(p)
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out.extend(os.path.join(root, f) for f in sorted(files)
                       if not f.startswith(".") and f.lower().endswith(LOG_SUFFIXES))
    return out

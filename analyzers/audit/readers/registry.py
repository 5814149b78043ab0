"""The log readers, tried in order on the first KB of a file."""

from __future__ import annotations

from .batch import BatchOutputReader
from .interface import read_head
from .jsonl import JsonlReader
from .usage_api import UsageApiCsvReader, UsageApiJsonReader

READERS = [BatchOutputReader(), UsageApiJsonReader(), UsageApiCsvReader(), JsonlReader()]
BY_NAME = {r.name: r for r in READERS}


def pick_reader(path: str, name: str | None = None):
    if name and name != "auto":
        return BY_NAME[name]
    head = read_head(path)
    for reader in READERS:
        if reader.sniff(path, head):
            return reader
    return None

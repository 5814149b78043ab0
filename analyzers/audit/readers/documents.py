"""JSON exports read as documents: a whole-file JSON value (an array, or a page ``{"data": [...]}``),
or one value per line (JSONL).  Shared by the exporters' readers (Langfuse, LiteLLM, Helicone, OTLP)."""

from __future__ import annotations

from typing import Iterator

from ...inputs import InputError, loads_json, read_text
from .interface import ReadErrors, json_lines


def documents(path: str, errors: ReadErrors, progress=None) -> Iterator[tuple[int, object]]:
    """(line, value): the whole file's JSON value (line 0: its records have no line of their own) when it
    parses as one, else each line's."""
    from .interface import read_head

    head = read_head(path, 1 << 16)
    first = head.lstrip()[:1]
    if first == "[" or (first == "{" and not _one_line_object(head)):
        try:
            yield 0, loads_json(read_text(path))
            return
        except InputError:
            pass  # JSON lines after all
    yield from json_lines(path, errors, progress)


def _one_line_object(head: str) -> bool:
    """Whether the first line is a complete JSON value (JSONL) rather than the start of a document."""
    from ...inputs import try_json

    return try_json(head.lstrip().split("\n", 1)[0]) is not None


def items(doc, keys: tuple[str, ...] = ("data", "items", "observations", "logs", "requests")) -> list:
    """The records of one document: a list, a page with a list under a known key, or one object."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for k in keys:
            if isinstance(doc.get(k), list):
                return doc[k]
        return [doc]
    return []

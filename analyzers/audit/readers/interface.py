"""A log reader turns one file into ``Record``s, streaming (constant memory), counting bad lines.

One module per input shape; ``registry.py`` lists them and picks one by sniffing the first line.
"""

from __future__ import annotations

import gzip
import os
import io
from dataclasses import dataclass, field
from typing import IO, Iterator, Protocol

from ..usage import Usage


@dataclass
class Record:
    """One request (or, for usage exports, one pre-aggregated bucket of ``requests`` requests)."""

    usage: Usage | None
    model: str | None = None
    time: float | None = None  # unix seconds
    request: dict | None = None  # the request body (Chat/Responses), when the log has it
    path: str = ""
    line: int = 0
    id: str | None = None  # custom_id / request id
    requests: int = 1
    batch: bool = False  # priced with the Batch discount
    provider: str | None = None  # genai-prices provider id when the log says (host, provider field)


@dataclass
class ReadErrors:
    """Malformed lines: a count and the first few examples, never an abort."""

    lines: int = 0
    examples: list[str] = field(default_factory=list)
    max_examples: int = 5

    def add(self, path: str, line: int | None, message: str) -> None:
        self.lines += 1
        if len(self.examples) < self.max_examples:
            where = f"{path}:{line}" if line else path
            self.examples.append(f"{where}: {message}")


@dataclass(frozen=True)
class ReaderOptions:
    request_field: str | None = None  # dotted paths inside a JSONL line
    response_field: str | None = None
    time_field: str | None = None
    model_field: str | None = None
    batch_input: tuple[str, ...] = ()  # Batch input files to join by custom_id
    model: str | None = None  # --model: overrides every record's model (Azure deployments...)
    preset: str | None = None


class Reader(Protocol):
    name: str

    def sniff(self, path: str, head: str) -> bool:
        """Whether this reader understands a file whose first KB of text is ``head``."""
        ...

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors,
             progress=None) -> Iterator[Record]:
        ...


def open_text(path: str) -> IO[str]:
    """Open a (possibly gzip-compressed) text file; ``-`` is stdin."""
    import sys

    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    raw = open(path, "rb")
    magic = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8", errors="replace")
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace")


class ByteProgress:
    """Reports how far into the (compressed) file the reader is, in bytes of the file on disk."""

    def __init__(self, handle: IO[str], callback, total: int):
        self.handle = handle
        self.callback = callback
        self.total = total
        self._raw = _raw_file(handle)

    def tick(self) -> None:
        if self.callback is not None and self._raw is not None:
            try:
                self.callback(self._raw.tell(), self.total)
            except (OSError, ValueError):
                pass


def json_lines(path: str, errors: "ReadErrors", progress=None) -> Iterator[tuple[int, object]]:
    """(line number, parsed value) of every non-blank line; bad JSON is counted in ``errors``."""
    import json

    total = os.path.getsize(path) if path != "-" else 0
    with open_text(path) as fh:
        ticker = ByteProgress(fh, progress, total)
        for n, line in enumerate(fh, start=1):
            if n % 2048 == 0:
                ticker.tick()
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                errors.add(path, n, f"not JSON ({exc.msg} at column {exc.colno})")
                continue
            yield n, obj
        ticker.tick()


def _raw_file(handle):
    buf = getattr(handle, "buffer", None)
    if isinstance(buf, gzip.GzipFile):
        return buf.fileobj
    return getattr(buf, "raw", buf)


def dig(obj, path: str | None):
    """``obj`` at the dotted ``path`` (``a.b.0.c``); None when missing."""
    if not path:
        return obj
    for part in path.split("."):
        if isinstance(obj, dict):
            obj = obj.get(part)
        elif isinstance(obj, list) and part.lstrip("-").isdigit():
            i = int(part)
            obj = obj[i] if -len(obj) <= i < len(obj) else None
        else:
            return None
        if obj is None:
            return None
    return obj


def parse_time(v) -> float | None:
    """Unix seconds (or ms/us/ns) or an ISO-8601 string -> unix seconds."""
    from datetime import datetime, timezone

    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        x = float(v)
        while x > 1e11:  # ms, us, ns
            x /= 1000.0
        return x
    if isinstance(v, str):
        s = v.strip()
        try:
            return parse_time(float(s))
        except ValueError:
            pass
        if s.endswith("Z"):
            s = s[:-1] + "+00:00"
        try:
            dt = datetime.fromisoformat(s.replace(" ", "T", 1) if "T" not in s and " " in s else s)
        except ValueError:
            return None
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=timezone.utc)
        return dt.timestamp()
    return None

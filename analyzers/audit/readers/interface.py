"""A log reader turns one file into ``Record``s, streaming (constant memory), counting bad lines.

One module per input shape; ``registry.py`` lists them and picks one by sniffing the first line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterator, Protocol

from ...inputs import InputError, LineReader, loads_json
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
    diagnosis: object = None  # providers.diagnostics.CacheDiagnosis the response carried, if any


@dataclass
class ReadErrors:
    """Malformed lines: a count and the first few examples, never an abort."""

    lines: int = 0
    examples: list[str] = field(default_factory=list)
    max_examples: int = 5

    def add(self, path: str, line: int | None, message: str) -> None:
        """A bad line (or, with no line, a whole file: always listed)."""
        self.lines += 1
        if len(self.examples) < self.max_examples or not line:
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


def read_head(path: str, size: int = 4096) -> str:
    """The first ``size`` bytes of a (possibly gzipped) file as text, for sniffing its shape."""
    with LineReader(path) as lr:
        head = lr.head(size)
    return head.decode("utf-8", "replace").lstrip("\ufeff")


def text_lines(path: str, errors: "ReadErrors", progress=None, keepends: bool = False) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line; over-long and non-UTF-8 lines are counted in ``errors``."""
    with LineReader(path) as lr:
        total = lr.size()
        for n, line in lr.lines(lambda ln, msg: errors.add(path, ln, msg), keepends):
            if progress is not None and n % 2048 == 0:
                progress(lr.tell(), total)
            yield n, line
        if progress is not None:
            progress(lr.tell(), total)


def json_lines(path: str, errors: "ReadErrors", progress=None) -> Iterator[tuple[int, object]]:
    """(line number, parsed value) of every non-blank line; bad JSON is counted in ``errors``."""
    for n, line in text_lines(path, errors, progress):
        if not line.strip():
            continue
        try:
            obj = loads_json(line, n)
        except InputError as exc:
            errors.add(path, exc.line or n, exc.message)
            continue
        yield n, obj


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


MAX_TIME = 32503680000.0  # 3000-01-01: later "timestamps" are garbage, not requests


def _short(v) -> str:
    r = repr(v)
    return r if len(r) <= 24 else r[:20] + "..."


def parse_time(v) -> float | None:
    """Unix seconds (or ms/us/ns) or an ISO-8601 string -> unix seconds; None when there is no time.
    Raises ValueError for a number that is not a time (inf, nan, negative, past the year 3000)."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        try:
            x = float(v)
        except OverflowError:
            x = math.inf
        if not math.isfinite(x) or x < 0:
            raise ValueError(f"timestamp {_short(v)} is not a time")
        for _ in range(3):  # ms, us, ns
            if x > 1e11:
                x /= 1000.0
        if x > MAX_TIME:
            raise ValueError(f"timestamp {_short(v)} is out of range")
        return x
    if isinstance(v, str):
        s = v.strip()
        try:
            num = float(s)
        except ValueError:
            pass
        else:
            return parse_time(num)
        if s.endswith("Z"):
            s = s[:-1] + "+00:00"
        try:
            dt = datetime.fromisoformat(s.replace(" ", "T", 1) if "T" not in s and " " in s else s)
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=timezone.utc)
            x = dt.timestamp()
        except (ValueError, OverflowError, OSError):
            return None
        if not 0 <= x <= MAX_TIME:
            raise ValueError(f"timestamp {_short(v)} is out of range")
        return x
    return None

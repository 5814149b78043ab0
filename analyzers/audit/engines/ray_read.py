"""Reading for ``--engine ray``: the logs' records, read by pcache's own readers in Ray tasks.

A unit of reading is a whole file, or, for a local uncompressed line-based log (JSONL) larger than
``SPLIT_BYTES``, a span of its lines: the driver cuts the file at line ends (counting lines, so each
span knows the number of its first line) and each span is parsed by the JSONL reader's per-line code
(``records_of_lines``, as the local engine's workers parse lines), so a one-file log is parsed on every
CPU.  An object in storage larger than ``SPLIT_BYTES`` is cut the same way by ranged reads
(``object_spans``; the lines before each span are counted by Ray tasks, ``count_lines``), so a big
object is parsed on every CPU of the cluster too.  Records, bad lines and their numbers are the local
engine's.

Whole files, local or in object storage (``s3://``, ``gs://``), are read by Ray Data itself:
``read_binary_files``'s datasource over the location's pyarrow filesystem (``ray_data.stored_files``:
the bytes as stored), one row of bytes per file, parsed in the
``map_batches`` task that tokenizes them (``read_object``): lines by the reader's ``records_of_lines``
(gzip decompressed in the task), other formats (Parquet, cassettes, CSV) from a temporary file for
the reader that needs one.  Not ``read_json``: Arrow's JSON reader infers one schema per block and
rejects chat bodies whose ``content`` is a string on one line and a list of parts on the next (every
real log mixes them), and it drops the line numbers the report cites for bad lines.  Not ``read_text``:
its rows carry no line number either, and it decodes a whole file before any line is checked.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ...errors import PcacheError
from ...inputs import LineReader
from ..readers.interface import ReadErrors, ReaderOptions

SPLIT_BYTES = 8 << 20  # a local line-based log larger than this is read in spans of about this size
_BOM = b"\xef\xbb\xbf"
_BATCH_LINES = 256  # lines parsed at a time in a span


class _RawErrors(ReadErrors):
    """A file's bad lines as (path, line, message), at most ``max_examples`` per file plus every
    whole-file error: enough to rebuild, in file order, exactly the examples the local engine lists."""

    def __init__(self, rename: dict[str, str]):
        super().__init__()
        self.rename = rename
        self.raw: list[tuple[str, int | None, str]] = []

    def add(self, path: str, line: int | None, message: str) -> None:
        self.lines += 1
        if len(self.raw) < self.max_examples or not line:
            self.raw.append((self.rename.get(path, path), line, message))


@dataclass
class FileRead:
    """What reading one file gave besides its records: its reader and its bad lines."""

    location: str
    reader: str | None = None
    error_lines: int = 0
    errors: list = field(default_factory=list)  # (path, line, message)


def read_location(location: str, reader_name: str | None, reader_options: ReaderOptions,
                  model_map: dict) -> Iterator[object]:
    """The records of one log (local path or URL) with usage, as the local engine takes them (the
    model map applied), then one ``FileRead``.  Records of a URL are named by the URL."""
    import os

    from ...inputs import InputError, why_missing
    from ..readers.registry import UNKNOWN_FORMAT, pick_reader
    from ..storage import is_url, local_copy, shown

    name = shown(location)
    info = FileRead(name)
    errors = _RawErrors({})
    if not is_url(location) and not os.path.exists(location):
        errors.add(location, None, why_missing(location))
    else:
        try:
            with local_copy(location) as path:
                errors.rename[path] = name
                try:
                    rd = pick_reader(path, reader_name)
                    if rd is None:
                        errors.add(path, None, UNKNOWN_FORMAT)
                    else:
                        info.reader = rd.name
                        for rec in rd.read(path, reader_options, errors, None):
                            if rec.usage is None:
                                continue
                            if path != location:
                                rec.path = name
                            if model_map and rec.model in model_map:
                                rec.model = model_map[rec.model]
                            yield rec
                except InputError as exc:
                    errors.add(path, None, f"{exc.message}" + (f" (line {exc.line})" if exc.line else ""))
                except OSError as exc:
                    errors.add(path, None, exc.strerror or str(exc))
        except PcacheError as exc:  # the object could not be fetched: this file only
            errors.add(name, None, exc.message)
    info.error_lines, info.errors = errors.lines, errors.raw
    yield info


def _parse_lines(rd, location: str, lines: Iterator[tuple[int, str]], reader_options: ReaderOptions,
                 model_map: dict, errs: list) -> Iterator[object]:
    """The records (with usage, model map applied) of (line number, text) pairs, parsed ``_BATCH_LINES``
    at a time by ``rd.records_of_lines`` (a span's records are never all alive at once)."""
    while True:
        batch = list(itertools.islice(lines, _BATCH_LINES))
        if not batch:
            break
        records, bad = rd.records_of_lines(batch, reader_options, location)
        errs.extend(bad)
        for _i, rec in records:
            if rec.usage is None:
                continue
            if model_map and rec.model in model_map:
                rec.model = model_map[rec.model]
            yield rec


class _BytesLines(LineReader):
    """``LineReader`` over a whole file's bytes as stored (gzip detected as for a file)."""

    def __init__(self, path: str, data: bytes):
        import gzip

        from ...inputs import GZIP_MAGIC, InputError

        self.path = path
        self._raw = io.BufferedReader(io.BytesIO(data))
        head = data[:2]
        self._stream = gzip.GzipFile(fileobj=self._raw) if head == GZIP_MAGIC else self._raw
        if path.endswith(".gz") and head != GZIP_MAGIC and head:
            raise InputError("named .gz but not gzip-compressed")


def read_object(location: str, data: bytes, reader_name: str | None, reader_options: ReaderOptions,
                model_map: dict) -> Iterator[object]:
    """The records of one file read by Ray Data (its bytes as stored), named by ``location`` (a URL
    less its credentials), as the local engine reads the same file; then one ``FileRead``."""
    import os
    import shutil
    import tempfile
    from urllib.parse import urlsplit

    from ...inputs import InputError
    from ..readers.registry import UNKNOWN_FORMAT, pick_reader
    from ..storage import is_url, shown

    name = shown(location)
    base = os.path.basename(urlsplit(location).path if is_url(location) else location) or "log"
    info = FileRead(name)
    errors = _RawErrors({})
    found: list[tuple[int, str]] = []
    try:
        head = _BytesLines(base, data).head(4096).decode("utf-8", "replace").lstrip("\ufeff")
        rd = pick_reader(base, reader_name, head)
        if rd is None:
            errors.add(name, None, UNKNOWN_FORMAT)
        elif hasattr(rd, "records_of_lines"):
            info.reader = rd.name
            lines = _BytesLines(base, data).lines(lambda n, msg: found.append((n, msg)))
            yield from _parse_lines(rd, name, lines, reader_options, model_map, found)
        else:  # a reader of whole files: from a local copy, named by the location
            info.reader = rd.name
            tmp = tempfile.mkdtemp(prefix="pcache-log-")
            try:
                path = os.path.join(tmp, base)
                with open(path, "wb") as f:
                    f.write(data)
                errors.rename[path] = name
                for rec in rd.read(path, reader_options, errors, None):
                    if rec.usage is None:
                        continue
                    rec.path = name
                    if model_map and rec.model in model_map:
                        rec.model = model_map[rec.model]
                    yield rec
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    except InputError as exc:
        for n, msg in sorted(found, key=lambda e: e[0]):
            errors.add(name, n, msg)
        found = []
        errors.add(name, None, f"{exc.message}" + (f" (line {exc.line})" if exc.line else ""))
    except OSError as exc:
        errors.add(name, None, exc.strerror or str(exc))
    for n, msg in sorted(found, key=lambda e: e[0]):
        errors.add(name, n, msg)
    info.error_lines, info.errors = errors.lines, errors.raw
    yield info


def merge_errors(reads: Iterable[FileRead]) -> ReadErrors:
    """The files' bad lines in file order, capped as the local engine caps them."""
    out = ReadErrors()
    for fr in reads:
        for path, line, message in fr.errors:
            out.add(path, line, message)
        out.lines += fr.error_lines - len(fr.errors)
    return out


def expand_locations(paths: Iterable[str]) -> list[str]:
    """The files the paths name (a URL ending in / names every object under it); a prefix with none is
    one line."""
    from ..storage import expand, shown

    out = []
    for p in paths:
        got = expand(p)
        if not got:
            raise PcacheError(f"{shown(p)}: no objects under this prefix")
        out.extend(got)
    return out


def line_spans(location: str, reader_name: str | None) -> list[tuple[int, int, int]] | None:
    """(start byte, end byte, number of the first line) of the spans a local, uncompressed log larger than
    ``SPLIT_BYTES`` is read in, when its reader parses lines elsewhere (``records_of_lines``); else None
    (the file is one unit, and its reader reports what is wrong with it)."""
    import os

    from ...inputs import GZIP_MAGIC
    from ..readers.registry import pick_reader
    from ..storage import is_url

    try:
        if is_url(location) or not os.path.isfile(location):
            return None
        size = os.path.getsize(location)
        if size <= SPLIT_BYTES or not hasattr(pick_reader(location, reader_name), "records_of_lines"):
            return None
        spans, start, line = [], 0, 1
        with open(location, "rb") as f:
            if f.read(2) == GZIP_MAGIC:
                return None
            while start < size:
                f.seek(start + SPLIT_BYTES)
                end = start + SPLIT_BYTES
                while end < size:
                    rest = f.readline(1 << 20)
                    end = f.tell()
                    if rest.endswith(b"\n") and f.read(3) != _BOM:  # a span never starts with a BOM
                        f.seek(end)
                        break
                    f.seek(end)
                end = min(end, size)
                spans.append((start, end, line))
                f.seek(start)
                left = end - start
                while left:
                    chunk = f.read(min(left, 1 << 20))
                    line += chunk.count(b"\n")
                    left -= len(chunk)
                start = end
        return spans
    except Exception:  # noqa: BLE001 - the whole-file read reports the file's problem as the local engine does
        return None


def object_spans(location: str, reader_name: str | None) -> tuple[list[tuple[int, int]], str] | None:
    """The (start, end) byte ranges an object in storage larger than ``SPLIT_BYTES`` is read in, cut at line
    ends by ranged reads of a few bytes around each cut (never before a byte order mark), when it is not
    gzip-compressed and its reader parses lines elsewhere; with that reader's name.  None: read whole.
    The number of each span's first line is counted by the tasks of ``count_lines``."""
    import os
    from urllib.parse import urlsplit

    from ...inputs import GZIP_MAGIC
    from ..readers.registry import pick_reader
    from ..storage import resolve, storage_error

    fs, path = resolve(location)
    try:
        with fs.open_input_file(path) as f:
            size = f.size()
            if size <= SPLIT_BYTES:
                return None
            head = f.read_at(4096, 0)
            if head[:2] == GZIP_MAGIC:
                return None
            name = os.path.basename(urlsplit(location).path)
            rd = pick_reader(name, reader_name, head.decode("utf-8", "replace").lstrip("\ufeff"))
            if rd is None or not hasattr(rd, "records_of_lines"):
                return None
            spans, start = [], 0
            while start < size:
                end = start + SPLIT_BYTES
                while end < size:
                    chunk = f.read_at(min(1 << 16, size - end), end)
                    cut = chunk.find(b"\n")
                    if cut < 0:
                        end += len(chunk)
                        continue
                    end += cut + 1
                    if f.read_at(3, end) != _BOM:  # a span never starts with a BOM
                        break
                end = min(end, size)
                spans.append((start, end))
                start = end
            return spans, rd.name
    except OSError as exc:
        raise storage_error(location, exc) from None


def count_lines(row: dict) -> dict:
    """Ray Data task: the line ends in bytes [start, end) of an object (``object_spans``), read in ranges."""
    from ..storage import resolve, storage_error

    fs, path = resolve(row["location"])
    n, pos, end = 0, int(row["start"]), int(row["end"])
    try:
        with fs.open_input_file(path) as f:
            while pos < end:
                chunk = f.read_at(min(8 << 20, end - pos), pos)
                n += chunk.count(b"\n")
                pos += len(chunk)
    except OSError as exc:
        raise storage_error(row["location"], exc) from None
    return {**row, "lines": n}


class _SpanLines(LineReader):
    """``LineReader.lines`` over the bytes of one span (the same limits, decoding and error messages)."""

    def __init__(self, path: str, data: bytes):
        self.path = path
        self._raw = self._stream = io.BufferedReader(io.BytesIO(data))


def read_span(location: str, start: int, end: int, first_line: int, reader_name: str | None,
              reader_options: ReaderOptions, model_map: dict) -> Iterator[object]:
    """The records (with usage, model map applied) of the lines of ``location`` in [start, end), numbered
    from ``first_line``, with their line numbers as sequence; then one ``FileRead`` of the span."""
    from ...inputs import open_regular
    from ..readers.registry import pick_reader
    from ..storage import is_url, resolve, shown, storage_error

    rd = pick_reader(location, reader_name)
    if is_url(location):  # a ranged read of the object (``object_spans`` planned it)
        fs, path = resolve(location)
        try:
            with fs.open_input_file(path) as f:
                data = f.read_at(end - start, start)
        except OSError as exc:
            raise storage_error(location, exc) from None
        location = shown(location)
    else:
        with open_regular(location) as f:
            f.seek(start)
            data = f.read(end - start)
    found: list[tuple[int, str]] = []
    errs: list[tuple[int, str]] = []
    base = first_line - 1
    lines = _SpanLines(location, data).lines(lambda n, msg: found.append((base + n, msg)))
    del data
    yield from _parse_lines(rd, location, ((base + n, text) for n, text in lines), reader_options, model_map, errs)
    errors = _RawErrors({})
    for n, msg in sorted(found + errs, key=lambda e: e[0]):
        errors.add(location, n, msg)
    yield FileRead(location, rd.name, errors.lines, errors.raw)


def join_reads(reads: list[tuple[int, FileRead]]) -> list[FileRead]:
    """(file index, FileRead) of every unit, in read order -> one ``FileRead`` per file (its spans' bad
    lines in line order)."""
    out: list[FileRead] = []
    last = None
    for index, fr in reads:
        if index == last:
            out[-1].error_lines += fr.error_lines
            out[-1].errors.extend(fr.errors)
            continue
        out.append(fr)
        last = index
    return out

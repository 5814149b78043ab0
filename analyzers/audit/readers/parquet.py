"""Parquet request logs: one row per request, the columns of a JSONL request log's fields.

Each row is read as the JSON object a line of the generic JSONL reader holds (``jsonl.py``: the same
field names, presets, ``--request-field`` ... and the same Record), so a log converted from JSONL to
Parquet gives the same report.  Nested bodies may be stored either way:

* as JSON text in a string column (``request``, ``response``, ``usage`` ...): chat bodies whose
  ``content`` is a string in one request and a list of parts in the next have no single Arrow type;
* as Arrow structs / lists, which are taken as they are (a null struct field is a missing key).

A string cell of a column a request, response or usage is looked up in (the reader's default names
and the first part of ``--request-field`` / ``--response-field``) is parsed when it holds a JSON
object; a cell that is not valid JSON is a bad row (``file:row``, rows numbered from 1).  Arrow
timestamps are read as such (a zone-less one is UTC).  Rows are read in record batches (bounded memory).

pyarrow comes with the ``parquet`` and ``ray`` extras; without it a Parquet file is one error line
naming the extra to install, and the other files are read.
"""

from __future__ import annotations

from typing import Iterator

from ...inputs import InputError, loads_json
from .interface import ReadErrors, ReaderOptions, Record
from .jsonl import _REQUEST_KEYS, _RESPONSE_KEYS, JsonlReader

EXTRA = "pip install 'prompt-cache-analyzer[parquet]'"
MAGIC = "PAR1"
_BATCH_ROWS = 1024


def _pyarrow_parquet():
    try:
        import pyarrow.parquet as pq
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] != "pyarrow":
            raise
        raise InputError(f"reading Parquet needs pyarrow, which is not installed: {EXTRA}") from None
    return pq


def _json_columns(options: ReaderOptions) -> set[str]:
    names = {*_REQUEST_KEYS, *_RESPONSE_KEYS, "usage"}
    for f in (options.request_field, options.response_field):
        if f and f != "-":
            names.add(f.split(".")[0])
    return names


def _plain(value):
    """An Arrow row value as JSON would hold it: timestamps as unix seconds, bytes as text, Decimal as
    float, nulls in structs dropped (a missing key)."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.timestamp()
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc).timestamp()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


class ParquetReader:
    name = "parquet"

    def sniff(self, path: str, head: str) -> bool:
        return head.startswith(MAGIC) or path.lower().endswith(".parquet")

    def rows(self, path: str, options: ReaderOptions, errors: ReadErrors,
             progress=None) -> Iterator[tuple[int, dict]]:
        """(row number from 1, the row as a JSONL line's object) of every row."""
        import os

        pq = _pyarrow_parquet()
        try:
            pf = pq.ParquetFile(path)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises ArrowInvalid, OSError ... for a bad file
            raise InputError(f"not a readable Parquet file ({str(exc).splitlines()[0][:200]})") from None
        parse = _json_columns(options)
        total = os.path.getsize(path)
        n = 0
        for gi in range(pf.num_row_groups):
            for batch in pf.iter_batches(batch_size=_BATCH_ROWS, row_groups=[gi], use_threads=False):
                for row in batch.to_pylist():
                    n += 1
                    obj, bad = {}, None
                    for k, v in row.items():
                        if v is None:
                            continue
                        if k in parse and isinstance(v, str) and v.lstrip()[:1] == "{":
                            try:
                                v = loads_json(v, n)
                            except InputError as exc:
                                bad = f"column {k}: {exc.message}"
                                break
                        else:
                            v = _plain(v)
                        obj[k] = v
                    if bad is not None:
                        errors.add(path, n, bad)
                        continue
                    yield n, obj
            if progress is not None:
                progress(total * (gi + 1) // max(1, pf.num_row_groups), total)

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        lines = JsonlReader()
        for n, obj in self.rows(path, options, errors, progress):
            try:
                yield lines.record(obj, options, path, n)
            except ValueError as exc:
                errors.add(path, n, str(exc))

"""OpenAI Usage API exports: the completions usage endpoint's JSON pages of buckets, and the
dashboard's CSV export.  Each result/row is one pre-aggregated record (``num_model_requests``
requests of one model on one day): cost and hit ratio only, no replay.

JSON: ``{"object": "page", "data": [{"start_time", "end_time", "results": [{"input_tokens",
"input_cached_tokens", "output_tokens", "num_model_requests", "model", "batch", ...}]}]}`` (a list of
pages, or one page per line, is accepted too).  CSV: one row per bucket with the same column names
plus a time column (``start_time_iso``, ``start_time``, ``date`` or ``timestamp``).
"""

from __future__ import annotations

import csv
from typing import Iterator

from ..usage import Usage, check_count
from ...inputs import InputError, loads_json, read_text
from .interface import ReadErrors, ReaderOptions, Record, parse_time, text_lines

_TIME_COLUMNS = ("start_time_iso", "start_time", "date", "timestamp", "day", "bucket_start_time")


def _num(v, name: str = "count") -> int:
    if v is None or v == "":
        return 0
    if isinstance(v, bool):
        raise ValueError(f"{name} is {v!r}, not a number")
    if not isinstance(v, (int, float)):
        s = str(v).replace(",", "").strip()
        if len(s) > 40:
            raise ValueError(f"{name} is not a number ({s[:20]}...)")
        v = float(s)
    check_count(name, v)
    return int(v)


def _truthy(v) -> bool:
    return v is True or (isinstance(v, str) and v.strip().lower() in ("true", "1", "yes"))


def _record(result: dict, start, options: ReaderOptions, path: str, line: int) -> Record:
    total = _num(result.get("input_tokens"), "input_tokens")
    cached = min(_num(result.get("input_cached_tokens"), "input_cached_tokens"), total)
    usage = Usage(total, cached, 0, _num(result.get("output_tokens"), "output_tokens"), shape="usage_api")
    model = options.model or result.get("model") or None
    if model is not None and not isinstance(model, str):
        raise ValueError(f"model is {type(model).__name__}, not a name")
    return Record(usage, model, parse_time(start), None, path, line,
                  requests=_num(result.get("num_model_requests"), "num_model_requests") or 1,
                  batch=_truthy(result.get("batch")),
                  provider="openai")


class UsageApiJsonReader:
    name = "usage-api-json"

    def sniff(self, path: str, head: str) -> bool:
        h = head.lstrip()
        return h[:1] in "{[" and '"bucket"' in head or ('"results"' in head and '"start_time"' in head)

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        text = read_text(path)
        try:
            docs = [loads_json(text)]
        except InputError:
            docs = []
            for n, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        docs.append(loads_json(line, n))
                    except InputError as exc:
                        errors.add(path, exc.line or n, exc.message)
        pages = []
        for d in docs:
            pages.extend(d if isinstance(d, list) else [d])
        for p, page in enumerate(pages):
            buckets = page.get("data", [page]) if isinstance(page, dict) else []
            for b, bucket in enumerate(buckets):
                if not isinstance(bucket, dict) or not isinstance(bucket.get("results"), list):
                    errors.add(path, None, f"page {p} bucket {b}: no results list")
                    continue
                for result in bucket["results"]:
                    if not isinstance(result, dict) or "input_tokens" not in result:
                        errors.add(path, None, f"page {p} bucket {b}: result without input_tokens")
                        continue
                    try:
                        yield _record(result, bucket.get("start_time"), options, path, 0)
                    except ValueError as exc:
                        errors.add(path, None, f"page {p} bucket {b}: {exc}")


class UsageApiCsvReader:
    name = "usage-api-csv"

    def sniff(self, path: str, head: str) -> bool:
        first = head.split("\n", 1)[0]
        return "input_tokens" in first and "," in first and not first.lstrip().startswith("{")

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        lines = text_lines(path, errors, progress, keepends=True)
        rows = csv.DictReader(line for _n, line in lines)
        try:
            cols = rows.fieldnames or []
        except csv.Error as exc:
            errors.add(path, 1, f"bad CSV header ({exc})")
            return
        tcol = next((c for c in _TIME_COLUMNS if c in cols), None)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:  # e.g. a field over csv.field_size_limit(): that row only
                errors.add(path, rows.reader.line_num, f"bad CSV row ({exc})")
                continue
            n = rows.reader.line_num
            try:
                yield _record(row, row.get(tcol) if tcol else None, options, path, n)
            except (ValueError, TypeError) as exc:
                errors.add(path, n, str(exc))

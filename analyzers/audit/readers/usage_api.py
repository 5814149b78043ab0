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
import json
from typing import Iterator

from ..usage import Usage
from .interface import ReadErrors, ReaderOptions, Record, open_text, parse_time

_TIME_COLUMNS = ("start_time_iso", "start_time", "date", "timestamp", "day", "bucket_start_time")


def _num(v) -> int:
    if v is None or v == "":
        return 0
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return int(v)
    return int(float(str(v).replace(",", "")))


def _truthy(v) -> bool:
    return v is True or (isinstance(v, str) and v.strip().lower() in ("true", "1", "yes"))


def _record(result: dict, start, options: ReaderOptions, path: str, line: int) -> Record:
    total = _num(result.get("input_tokens"))
    cached = min(_num(result.get("input_cached_tokens")), total)
    usage = Usage(total, cached, 0, _num(result.get("output_tokens")), shape="usage_api")
    model = options.model or result.get("model") or None
    return Record(usage, model, parse_time(start), None, path, line,
                  requests=_num(result.get("num_model_requests")) or 1, batch=_truthy(result.get("batch")),
                  provider="openai")


class UsageApiJsonReader:
    name = "usage-api-json"

    def sniff(self, path: str, head: str) -> bool:
        h = head.lstrip()
        return h[:1] in "{[" and '"bucket"' in head or ('"results"' in head and '"start_time"' in head)

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        with open_text(path) as fh:
            text = fh.read()
        try:
            docs = [json.loads(text)]
        except ValueError:
            docs = []
            for n, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        docs.append(json.loads(line))
                    except ValueError as exc:
                        errors.add(path, n, f"not JSON ({exc.msg})")
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
        with open_text(path) as fh:
            rows = csv.DictReader(fh)
            cols = rows.fieldnames or []
            tcol = next((c for c in _TIME_COLUMNS if c in cols), None)
            for n, row in enumerate(rows, start=2):
                try:
                    yield _record(row, row.get(tcol) if tcol else None, options, path, n)
                except (ValueError, TypeError) as exc:
                    errors.add(path, n, f"bad number ({exc})")

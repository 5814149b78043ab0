"""Helicone request exports (``npx @helicone/export`` as JSON, JSONL or CSV; the REST API's request
query): one row per request with ``request_created_at``, ``request_body``, ``model``, ``provider`` and
the counts ``prompt_tokens``, ``prompt_cache_read_tokens``, ``prompt_cache_write_tokens``,
``completion_tokens``.

Helicone's ``prompt_tokens`` are the fresh, uncached tokens only (its cost code prices them apart
from cache reads and writes: Helicone/helicone ``packages/cost/index.ts``), so the billed input is
``prompt_tokens + prompt_cache_read_tokens + prompt_cache_write_tokens``.  A row whose
``prompt_cache_read_tokens`` is null has unknown cached tokens (never 0).
"""

from __future__ import annotations

import csv
from typing import Iterator

from ..usage import Usage
from .documents import documents, items
from .exported import chat_body, count, maybe_json, provider, shape_of
from .interface import ReadErrors, ReaderOptions, Record, parse_time, text_lines


def row_record(row: dict, options: ReaderOptions, path: str, line: int) -> Record | None:
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    fresh = count(row, "prompt_tokens")
    if fresh is None:
        raise ValueError("no prompt_tokens")
    read = count(row, "prompt_cache_read_tokens")
    write = count(row, "prompt_cache_write_tokens") or 0
    total = fresh + (read or 0) + write
    prov = provider(row.get("provider"))
    u = Usage(total, read or 0, write, count(row, "completion_tokens") or 0, shape=shape_of(prov),
              cached_known=read is not None)
    model = options.model or row.get("model") or row.get("response_model") or row.get("request_model")
    model = model if isinstance(model, str) and model else None
    body = maybe_json(row.get("request_body"))
    rid = row.get("request_id")
    return Record(u, model, parse_time(row.get("request_created_at") or row.get("created_at")),
                  chat_body(body, model), path, line, rid if isinstance(rid, str) else None, provider=prov)


class HeliconeReader:
    name = "helicone"

    def sniff(self, path: str, head: str) -> bool:
        first = head.split("\n", 1)[0]
        return '"request_created_at"' in head or '"prompt_cache_read_tokens"' in head or \
            ("request_id" in first and "prompt_cache_read_tokens" in first)

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        from .interface import read_head

        if read_head(path).lstrip()[:1] not in "{[":
            yield from self._csv(path, options, errors, progress)
            return
        for n, doc in documents(path, errors, progress):
            for k, row in enumerate(items(doc)):
                try:
                    rec = row_record(row, options, path, n)
                except ValueError as exc:
                    errors.add(path, n or None, str(exc) if n else f"record {k}: {exc}")
                    continue
                if rec is not None:
                    yield rec

    def _csv(self, path, options, errors, progress) -> Iterator[Record]:
        rows = csv.DictReader(line for _n, line in text_lines(path, errors, progress, keepends=True))
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                errors.add(path, rows.reader.line_num, f"bad CSV row ({exc})")
                continue
            try:
                rec = row_record(row, options, path, rows.reader.line_num)
            except ValueError as exc:
                errors.add(path, rows.reader.line_num, str(exc))
                continue
            if rec is not None:
                yield rec

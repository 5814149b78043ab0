"""OpenAI Batch output JSONL, joined with the Batch input file(s) by ``custom_id`` when given.

Output line: ``{"id", "custom_id", "response": {"status_code", "request_id", "body": {... "usage"}},
"error"}``; input line: ``{"custom_id", "method", "url", "body": {...request...}}``.  The join keeps only
an index custom_id -> byte offset of the input in memory and seeks to each body when needed.
"""

from __future__ import annotations

import os
import tempfile
from typing import Iterator

from ...inputs import GZIP_MAGIC, LIMITS, InputError, LineReader, loads_json, open_regular
from ..usage import extract_usage, find_usage
from .interface import ReadErrors, ReaderOptions, Record, json_lines, parse_time


class _InputIndex:
    def __init__(self, paths: tuple[str, ...], errors: ReadErrors):
        self.files: list = []
        self.index: dict[str, tuple[int, int]] = {}
        self._tmp: list[str] = []
        try:
            self._index(paths, errors)
        except BaseException:
            self.close()
            raise

    def _index(self, paths: tuple[str, ...], errors: ReadErrors) -> None:
        for path in paths:
            plain = self._plain(path)
            fh = open_regular(plain)
            fi = len(self.files)
            self.files.append(fh)
            offset = 0
            for n, line in enumerate(fh, start=1):
                start = offset
                offset += len(line)
                if not line.strip():
                    continue
                key = _custom_id(line)
                if key is None:
                    errors.add(path, n, "Batch input line without custom_id")
                    continue
                self.index[key] = (fi, start)

    def _plain(self, path: str) -> str:
        with open_regular(path) as fh:
            gz = fh.read(2) == GZIP_MAGIC
        if not gz:
            return path
        fd, tmp = tempfile.mkstemp(suffix=".jsonl")
        self._tmp.append(tmp)
        with os.fdopen(fd, "wb") as out, LineReader(path) as src:
            for _n, line in src.lines(lambda n, msg: None, keepends=True):
                out.write(line.encode("utf-8"))
        return tmp

    def body(self, custom_id: str) -> dict | None:
        at = self.index.get(custom_id)
        if at is None:
            return None
        fh = self.files[at[0]]
        fh.seek(at[1])
        try:
            obj = loads_json(fh.readline(LIMITS.max_bytes))
        except InputError:
            return None
        body = obj.get("body") if isinstance(obj, dict) else None
        return body if isinstance(body, dict) else None

    def close(self) -> None:
        for fh in self.files:
            fh.close()
        for tmp in self._tmp:
            os.unlink(tmp)


def _custom_id(line: bytes) -> str | None:
    try:
        obj = loads_json(line)
    except InputError:
        return None
    cid = obj.get("custom_id") if isinstance(obj, dict) else None
    return cid if isinstance(cid, str) else None


class BatchOutputReader:
    name = "batch"

    def sniff(self, path: str, head: str) -> bool:
        first = head.lstrip().split("\n", 1)[0]
        return first.startswith("{") and '"custom_id"' in first and '"response"' in first

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        index = _InputIndex(options.batch_input, errors) if options.batch_input else None
        try:
            for n, obj in json_lines(path, errors, progress):
                resp = obj.get("response") if isinstance(obj, dict) else None
                if not isinstance(resp, dict):
                    if isinstance(obj, dict) and obj.get("error"):
                        continue  # a failed request: no usage, nothing billed
                    errors.add(path, n, "Batch output line without response")
                    continue
                body = resp.get("body") if isinstance(resp.get("body"), dict) else {}
                if resp.get("status_code") not in (None, 200):
                    continue  # failed requests are not billed
                try:
                    usage = extract_usage(find_usage(body))
                    created = parse_time(body.get("created") or body.get("created_at"))
                except ValueError as exc:
                    errors.add(path, n, str(exc))
                    continue
                if usage is None:
                    errors.add(path, n, "Batch output line without usage")
                    continue
                cid = obj.get("custom_id") if isinstance(obj.get("custom_id"), str) else None
                request = index.body(cid) if index is not None and cid else None
                if index is not None and cid and request is None:
                    errors.add(path, n, f"custom_id {cid!r} not found in the Batch input")
                model = options.model or body.get("model") or (request or {}).get("model")
                if model is not None and not isinstance(model, str):
                    errors.add(path, n, f"model is a {type(model).__name__}, not a model name")
                    continue
                yield Record(usage, model, created, request, path, n, cid, batch=True)
        finally:
            if index is not None:
                index.close()

"""``.jsonl`` / ``.ndjson``: one request per line.

A line is a plain Chat Completions or Responses body, an OpenAI Batch input line
(``{"custom_id", "method", "url", "body"}``, named by its ``custom_id``), a log line wrapping the body in
``request`` (auto-detected), or any shape with ``--request-field a.b.c``.  Other prompts are named
``path#L<n>``.  A bad line is reported with its line number and the other lines still load.
"""

from __future__ import annotations

import json

from ..model import SourceError
from .interface import LoadedFile, SourceOptions
from .request import NOT_A_BODY_HINT, find_body, json_value_offsets, make_prompt

EXTENSIONS = (".jsonl", ".ndjson")


class JsonlSource:
    name = "jsonl"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith(EXTENSIONS)

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        loaded = LoadedFile()
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                loaded.errors.append(SourceError(path, f"invalid JSON: {exc.msg} (column {exc.colno})", n))
                continue
            body, body_path, custom_id = find_body(obj, options.request_field)
            if body is None:
                what = (f"no request body at {options.request_field!r}" if options.request_field
                        else "not an OpenAI request body")
                loaded.errors.append(SourceError(path, what, n, None if options.request_field else
                                                 NOT_A_BODY_HINT + " (or give --request-field PATH)"))
                continue
            offsets = json_value_offsets(line)

            def locate(p: tuple, _offsets=offsets, _prefix=body_path, _n=n):
                off = _offsets.get((*_prefix, *p))
                return (_n, off + 1) if off is not None else None

            start = offsets.get(body_path, 0)
            loaded.prompts.append(make_prompt(body, custom_id or f"{path}#L{n}", path, locate,
                                              (n, start + 1), line=n))
        return loaded

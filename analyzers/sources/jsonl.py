"""``.jsonl`` / ``.ndjson``: one request per line.

A line is a plain Chat Completions or Responses body, an OpenAI Batch input line
(``{"custom_id", "method", "url", "body"}``, named by its ``custom_id``), a log line wrapping the body in
``request`` (auto-detected), or any shape with ``--request-field a.b.c``.  Anthropic Messages bodies
(also Message Batches items ``{"custom_id", "params"}``) and Gemini ``contents`` bodies are recognised
in the same places and rendered by ``anthropic.py`` / ``gemini.py`` (token counts are estimates).  Other prompts are named
``path#L<n>``.  A bad line is reported with its line number and the other lines still load.
"""

from __future__ import annotations

import json

from ..model import SourceError
from .interface import LoadedFile, SourceOptions
from ..framing import body_kind
from . import anthropic, gemini
from .request import NOT_A_BODY_HINT, dig, find_body, json_value_offsets, make_prompt

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
            kind, body, body_path, custom_id = find_any_body(obj, options.request_field)
            if body is None:
                what = (f"no request body at {options.request_field!r}" if options.request_field
                        else "not a request body (OpenAI, Anthropic or Gemini)")
                loaded.errors.append(SourceError(path, what, n, None if options.request_field else
                                                 NOT_A_BODY_HINT + " (or give --request-field PATH)"))
                continue
            offsets = json_value_offsets(line)

            def locate(p: tuple, _offsets=offsets, _prefix=body_path, _n=n):
                off = _offsets.get((*_prefix, *p))
                return (_n, off + 1) if off is not None else None

            start = offsets.get(body_path, 0)
            prompt = body_prompt(kind, body, custom_id or f"{path}#L{n}", path, locate, (n, start + 1), n)
            if options.model and kind != "openai":
                prompt.model = options.model
            loaded.prompts.append(prompt)
        return loaded


def body_prompt(kind: str, body: dict, name: str, path: str = "", locate=None, default: tuple[int, int] = (1, 1),
                line: int = 1):
    """The ``Prompt`` of a request body of ``kind`` (anthropic | gemini | openai; see ``body_kind_any``)."""
    locate = locate or (lambda p: None)
    if kind == "anthropic":
        return anthropic.make_prompt(body, name, path, locate, default, line=line)
    if kind == "gemini":
        return gemini.make_prompt(body, name, path, locate, default, line=line)
    return make_prompt(body, name, path, locate, default, line=line)


def body_kind_any(body) -> str | None:
    """anthropic | gemini | openai for a request body, None when it is none of them."""
    if anthropic.is_anthropic_body(body):
        return "anthropic"
    if isinstance(body, dict) and gemini.is_gemini_body(body) and not body_kind(body):
        return "gemini"
    return "openai" if body_kind(body) else None


_WRAPPERS: tuple[tuple, ...] = ((), ("params",), ("body",), ("request",), ("request", "body"))


def find_any_body(obj, request_field: str | None = None) -> tuple[str, dict | None, tuple, str | None]:
    """(kind, body, path of the body in the line, custom_id): an Anthropic Messages or Gemini body
    at the line itself, ``params`` (Message Batches), ``body``, ``request`` or ``request.body`` (or
    ``request_field``), else whatever ``find_body`` finds for OpenAI.  kind: anthropic|gemini|openai."""
    if request_field:
        cands = [(dig(obj, request_field), tuple(request_field.split(".")))]
    else:
        cands = [(dig(obj, ".".join(w)) if w else obj, w) for w in _WRAPPERS]
    for body, where in cands:
        kind = body_kind_any(body)
        if kind == "anthropic":
            cid = obj.get("custom_id") if isinstance(obj, dict) and where in (("params",), ("body",)) else None
            return "anthropic", body, where, (str(cid) if cid is not None else None)
        if kind == "gemini":
            return "gemini", body, where, None
    body, where, cid = find_body(obj, request_field)
    return "openai", body, where, cid

"""``.jsonl`` / ``.ndjson``: one request per line.

A line is a plain Chat Completions or Responses body, an OpenAI Batch input line
(``{"custom_id", "method", "url", "body"}``, named by its ``custom_id``), a log line wrapping the body in
``request`` (auto-detected), or any shape with ``--request-field a.b.c``.  Anthropic Messages bodies
(also Message Batches items ``{"custom_id", "params"}``) and Gemini ``contents`` bodies are recognised
in the same places and rendered by ``anthropic.py`` / ``gemini.py`` (token counts are estimates).  Other prompts are named
``path#L<n>``.  A bad line is reported with its line number and the other lines still load.
"""

from __future__ import annotations

from typing import Iterator

from ..inputs import InputError, loads_json
from ..model import SourceError
from .interface import LoadedFile, NoRequests, SourceOptions
from ..framing import body_kind
from . import anthropic, gemini
from .request import NOT_A_BODY_HINT, JsonOffsets, dig, find_body, make_prompt

EXTENSIONS = (".jsonl", ".ndjson")


class JsonlSource:
    name = "jsonl"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith(EXTENSIONS)

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        loaded = LoadedFile()
        shared = _Sharer()
        for n, line in enumerate(_lines(text), start=1):
            if not line.strip():
                continue
            try:
                obj = loads_json(line, n)
            except InputError as exc:
                loaded.errors.append(SourceError(path, exc.message, exc.line or n))
                continue
            kind, body, body_path, custom_id = find_any_body(obj, options.request_field)
            if body is None:
                what = (f"no request body at {options.request_field!r}" if options.request_field
                        else "not a request body (OpenAI, Anthropic or Gemini)")
                loaded.errors.append(SourceError(path, what, n, None if options.request_field else
                                                 NOT_A_BODY_HINT + " (or give --request-field PATH)"))
                continue
            offsets = JsonOffsets(line)
            shared.share(body, offsets, body_path, line)

            def locate(p: tuple, _offsets=offsets, _prefix=body_path, _n=n):
                off = _offsets.get((*_prefix, *p))
                return (_n, off + 1) if off is not None else None

            start = offsets.get(body_path, 0)
            prompt = body_prompt(kind, body, custom_id or f"{path}#L{n}", path, locate, (n, start + 1), n)
            if options.model and kind != "openai":
                prompt.model = options.model
            loaded.prompts.append(prompt)
        if not loaded.prompts and loaded.errors and not options.request_field:
            raise NoRequests(loaded.errors)  # a data set, not a log of requests (--request-field: an error)
        return loaded


# Line breaks ``str.splitlines`` knows besides "\n"; without them a "\n" split gives the same lines.
_ASCII_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e")
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


def _lines(text: str) -> Iterator[str]:
    """``text.splitlines()`` one line at a time (no list of every line next to the text)."""
    if any(c in text for c in _ASCII_BREAKS) or (not text.isascii() and any(c in text for c in _OTHER_BREAKS)):
        yield from text.splitlines()
        return
    pos, size = 0, len(text)
    while pos < size:
        nl = text.find("\n", pos)
        if nl < 0:
            yield text[pos:]
            return
        yield text[pos:nl]
        pos = nl + 1


_SHARE_MIN = 64  # strings at least this long are kept once per file
_SHARED_KEYS = ("tools", "functions", "response_format", "toolConfig", "tool_config")


class _Sharer:
    """Requests of one file repeat the same system prompt and tools: equal message texts become one
    string object and equal tool lists one (read-only) object, so memory grows with distinct text."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.values: dict[str, object] = {}

    def text(self, value):
        if isinstance(value, str) and len(value) >= _SHARE_MIN:
            return self.texts.setdefault(value, value)
        return value

    def share(self, body: dict, offsets: JsonOffsets, body_path: tuple, line: str) -> None:
        """Share ``body``'s texts; ``offsets``/``body_path``/``line`` give each value's JSON text."""
        text = self.text
        for key, value in body.items():
            if isinstance(value, str):
                body[key] = text(value)
            elif key in _SHARED_KEYS and isinstance(value, (list, dict)) and value:
                span = offsets.span((*body_path, key))
                if span is not None:  # equal JSON text -> equal value
                    body[key] = self.values.setdefault(line[span[0]:span[1]], value)
            elif isinstance(value, list):
                self._messages(value)
            elif isinstance(value, dict):
                for k, v in value.items():  # Anthropic/Gemini system blocks, Responses text...
                    if isinstance(v, str):
                        value[k] = text(v)
                    elif isinstance(v, list):
                        self._messages(v)

    def _messages(self, items: list) -> None:
        text = self.text
        for i, m in enumerate(items):
            if isinstance(m, str):
                items[i] = text(m)
            elif isinstance(m, dict):
                for k, v in m.items():
                    if isinstance(v, str):
                        m[k] = text(v)
                    elif isinstance(v, list):
                        for j, part in enumerate(v):
                            if isinstance(part, str):
                                v[j] = text(part)
                            elif isinstance(part, dict):
                                for pk, pv in part.items():
                                    if isinstance(pv, str):
                                        part[pk] = text(pv)


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

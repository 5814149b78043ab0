"""``.json`` files holding an OpenAI Chat Completions or Responses request body (or a list of them).

The body is rendered the way the model sees it (``analyzers/framing.py``); segments point at the
line and column of the JSON value they come from.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from ..framing import body_kind, render_body
from ..model import Prompt
from ..inputs import loads_json
from .interface import LoadedFile, NotThisFormat, SourceOptions, SourceParseError

# Strings are consumed whole in C by the unrolled form of ``"(?:[^"\\]|\\.)*"``.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_SPACE = re.compile(r"[ \t\n\r]*")
_WS = frozenset(" \t\n\r")
_SCALAR = re.compile(r"[^ \t\n\r,\]}]+")
_scan_value = json.JSONDecoder().scan_once  # the C scanner: (value, end) of the JSON value at an index


def _string_end(text: str, pos: int) -> int:
    """The index after the JSON string that opens at ``pos`` (found with ``str.find``, C speed)."""
    find = text.find
    end = find('"', pos + 1)
    while text[end - 1] == "\\":  # an escaped quote unless the backslashes before it pair up
        run = end - 1
        while text[run - 1] == "\\":
            run -= 1
        if (end - run) % 2 == 0:
            break
        end = find('"', end + 1)
    return end + 1


def _key(tok: str) -> str:
    if "\\" not in tok:
        return tok[1:-1]
    try:
        return json.loads(tok)
    except ValueError:
        return tok.strip('"')


def json_value_offsets(text: str, start: int = 0, end: int | None = None) -> dict[tuple, int]:
    """Character offset of every value in a JSON document, by path (keys and list indexes).

    A light scanner over JSON tokens (strings are skipped whole by one regex match), meant for text
    that ``json.loads`` has already accepted.  ``JsonOffsets`` gives the same answers lazily."""
    out: dict[tuple, int] = {}
    stack: list[list] = []  # frames: [kind "{" or "[", path, key or index, expecting_key]
    path: tuple = ()
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        tok = m.group()
        if stack:
            frame = stack[-1]
            if frame[0] == "{":
                if tok == "}":
                    stack.pop()
                    continue
                if tok == ",":
                    frame[3] = True
                    continue
                if tok == ":":
                    continue
                if frame[3]:  # a key
                    frame[2] = _key(tok)
                    frame[3] = False
                    continue
                here = (*frame[1], frame[2])
            else:
                if tok == "]":
                    stack.pop()
                    continue
                if tok == ",":
                    frame[2] += 1
                    continue
                here = (*frame[1], frame[2])
        else:
            here = path
        out[here] = m.start()
        if tok == "{":
            stack.append(["{", here, None, True])
        elif tok == "[":
            stack.append(["[", here, 0, False])
    return out


class JsonOffsets:
    """``json_value_offsets`` computed lazily: ``get(path)`` reads only the objects and arrays on
    ``path`` (their members' start offsets, once each).  Containers near the top (a request body, its
    messages, each message) are read together in one pass; deeper ones are skipped whole (strings by
    ``str.find``, objects and arrays by the C JSON scanner) until a path goes into them.  For text
    ``json.loads`` accepted."""

    __slots__ = ("text", "root", "_members", "_ends")

    EAGER_DEPTH = 2  # containers this deep (the root is 0) are read with their parent

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        self.text = text
        root = _SPACE.match(text, start).end()
        self.root = root if root < (len(text) if end is None else end) else None
        self._members: dict[int, dict] = {}  # container offset -> {key or index: value offset}
        self._ends: dict[int, int] = {}  # offset of a container -> offset after it

    def get(self, path: tuple, default=None):
        off = self.root
        if off is None:
            return default
        members = self._members
        for depth, key in enumerate(path):
            kids = members.get(off)
            if kids is None:
                self._read(off, depth)
                kids = members[off]
            off = kids.get(key)
            if off is None:
                return default
        return off

    def span(self, path: tuple) -> tuple[int, int] | None:
        """(start, end) offsets of the object or array at ``path`` (not the root), else None."""
        start = self.get(path) if path else None
        end = self._ends.get(start) if start is not None else None
        return (start, end) if end is not None else None

    def __getitem__(self, path: tuple) -> int:
        off = self.get(path)
        if off is None:
            raise KeyError(path)
        return off

    def __contains__(self, path: tuple) -> bool:
        return self.get(path) is not None

    def _read(self, off: int, depth: int) -> int:
        """Record the members of the container at ``off``; the offset after the value."""
        text = self.text
        kids: dict = {}
        self._members[off] = kids
        opener = text[off]
        if opener != "{" and opener != "[":
            return off  # a scalar: no members (its end is never needed)
        closer = "}" if opener == "{" else "]"
        # JSON whitespace is skipped by hand: most gaps are "" or " ", and a regex call on a long
        # line costs more than the few characters it would skip.
        pos = off + 1
        while text[pos] in _WS:
            pos += 1
        ends = self._ends
        if text[pos] == closer:
            ends[off] = pos + 1
            return pos + 1
        index = 0
        eager = depth + 1 <= self.EAGER_DEPTH
        while True:
            if opener == "{":
                end = _string_end(text, pos)
                key = _key(text[pos:end])
                pos = end
                while text[pos] in _WS:
                    pos += 1
                pos += 1  # the ':'
                while text[pos] in _WS:
                    pos += 1
            else:
                key = index
                index += 1
            kids[key] = pos
            ch = text[pos]
            if ch == '"':
                pos = _string_end(text, pos)
            elif ch == "{" or ch == "[":
                if eager:
                    pos = self._read(pos, depth + 1)
                else:
                    start = pos
                    pos = ends[start] = _scan_value(text, pos)[1]
            else:
                pos = _SCALAR.match(text, pos).end()
            while text[pos] in _WS:
                pos += 1
            if text[pos] != ",":
                ends[off] = pos + 1
                return pos + 1
            pos += 1
            while text[pos] in _WS:
                pos += 1


class LineIndex:
    """Offsets -> 1-based (line, column) with a bisect over line starts."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def locator(offsets: dict[tuple, int], lines: LineIndex, prefix: tuple = ()):
    def locate(path: tuple) -> tuple[int, int] | None:
        off = offsets.get((*prefix, *path))
        return lines(off) if off is not None else None

    return locate


def dig(obj: Any, dotted: str) -> Any:
    """``obj`` at a dotted path (``request.body``, ``data.0.body``); None when absent."""
    for key in dotted.split("."):
        if isinstance(obj, dict) and key in obj:
            obj = obj[key]
        elif isinstance(obj, list) and key.isdigit() and int(key) < len(obj):
            obj = obj[int(key)]
        else:
            return None
    return obj


def find_body(obj: Any, request_field: str | None = None) -> tuple[dict | None, tuple, str | None]:
    """(body, path of the body inside ``obj``, Batch custom_id) for a plain body, an OpenAI Batch input
    line, a log line wrapping the body in ``request`` (or ``request.body``), or ``request_field``."""
    if request_field:
        body = dig(obj, request_field)
        path = tuple(int(k) if k.isdigit() and isinstance(obj, list) else k for k in request_field.split("."))
        return (body if body_kind(body) else None), path, None
    if body_kind(obj):
        return obj, (), None
    if isinstance(obj, dict):
        if body_kind(obj.get("body")):
            cid = obj.get("custom_id")
            return obj["body"], ("body",), (str(cid) if cid is not None else None)
        req = obj.get("request")
        if body_kind(req):
            return req, ("request",), None
        if isinstance(req, dict) and body_kind(req.get("body")):
            return req["body"], ("request", "body"), None
    return None, (), None


def make_prompt(body: dict, name: str, path: str, locate, default: tuple[int, int], line: int = 1,
                expand=None) -> Prompt:
    rendered = render_body(body, locate, default, expand)
    model = body.get("model") if isinstance(body.get("model"), str) else None
    return Prompt(name=name, path=path, segments=rendered.segments, kind=rendered.kind, model=model,
                  estimate=rendered.estimate, line=line, body=body, notes=list(rendered.notes),
                  estimate_reasons=list(rendered.reasons))


NOT_A_BODY_HINT = ("expected a Chat Completions body (with \"messages\") or a Responses body (with "
                   "\"input\"/\"instructions\"), a list of them, or Batch/log lines in a .jsonl file")


def json_error(exc: json.JSONDecodeError) -> SourceParseError:
    from ..inputs import json_message

    return SourceParseError(json_message(exc), line=exc.lineno)


class RequestSource:
    name = "request"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith(".json")

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        data = loads_json(text)
        lines = LineIndex(text)
        offsets = JsonOffsets(text)
        items = data if isinstance(data, list) else [data]
        loaded = LoadedFile()
        for i, item in enumerate(items):
            body, body_path, custom_id = find_body(item, options.request_field)
            prefix = ((i,) if isinstance(data, list) else ()) + body_path
            if body is None:
                where = lines(offsets.get(prefix[:1] if isinstance(data, list) else (), 0))[0]
                msg = "not an OpenAI request body" + (f" (item {i + 1})" if isinstance(data, list) else "")
                if not isinstance(data, list):
                    raise NotThisFormat(msg, line=where, hint=NOT_A_BODY_HINT)
                from ..model import SourceError

                loaded.errors.append(SourceError(path, msg, where, NOT_A_BODY_HINT))
                continue
            start = lines(offsets.get(prefix, 0))
            name = custom_id or (f"{path}#{i + 1}" if isinstance(data, list) else path)
            loaded.prompts.append(make_prompt(body, name, path, locator(offsets, lines, prefix), start,
                                              line=start[0]))
        if not loaded.prompts:
            raise NotThisFormat("not an OpenAI request body (nor a list of them)", line=1,
                                hint=NOT_A_BODY_HINT)
        return loaded

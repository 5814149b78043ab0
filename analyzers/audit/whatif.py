"""What-if layout: whole lines holding volatile literals (dates, ids, ...) moved after the static prefix.

The volatile detectors are the PC102 ones in ``analyzers/volatile.py`` when that module is present;
otherwise a small built-in set below.  ``--volatile REGEX`` adds patterns to either.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace

from ..framing import body_kind
from ..model import Segment
from ..suggest_requests import MOVABLE_ROLES, _pieces, _role, cut_lines, final_user_path, message_paths

class VolatileFinder:
    def __init__(self, extra: list[str] | tuple[str, ...] = ()):
        self.extra = [re.compile(p) for p in extra]
        self._memo: OrderedDict[str, list] = OrderedDict()
        from ..volatile import find_volatile

        self._lib = find_volatile

    @property
    def source(self) -> str:
        return "analyzers/volatile.py"

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Merged (start, end) spans of volatile literals; memoised (system prompts repeat a lot)."""
        memo = self._memo
        hit = memo.get(text)
        if hit is not None:
            memo.move_to_end(text)
            return hit
        found = self._spans(text)
        memo[text] = found
        if len(memo) > 4096:
            memo.popitem(last=False)
        return found

    def _spans(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        spans.extend((v.start, v.end) for v in self._lib(text))
        for rx in self.extra:
            spans.extend(m.span() for m in rx.finditer(text) if m.end() > m.start())
        if not spans:
            return []
        spans.sort()
        merged = [spans[0]]
        for s, e in spans[1:]:
            if s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        return merged


def move_volatile(segments: list[Segment], finder: VolatileFinder) -> tuple[list[Segment], int]:
    """Segments with every volatile literal cut out and appended at the end (a body that is not an
    OpenAI request has no messages to move whole lines between).  Returns (segments, literals moved)."""
    out: list[Segment] = []
    moved: list[str] = []
    for seg in segments:
        if seg.kind == "special" or not seg.text:
            out.append(seg)
            continue
        spans = finder.spans(seg.text)
        if not spans:
            out.append(seg)
            continue
        pieces, pos = [], 0
        for s, e in spans:
            pieces.append(seg.text[pos:s])
            moved.append(seg.text[s:e])
            pos = e
        pieces.append(seg.text[pos:])
        out.append(replace(seg, text="".join(pieces)))
    if moved:
        at = len(out)
        while at > 0 and out[at - 1].kind == "special":
            at -= 1
        out.insert(at, Segment("\n" + " ".join(moved), "static", verbatim=False, part="user"))
    return out, len(moved)


def mask_line(line: str, finder: VolatileFinder) -> str:
    """A moved line with its volatile values replaced by ``…``: the label a person recognises
    (``Request time: …``), the same for every request that carries it."""
    spans = finder.spans(line)
    if not spans:
        return line
    out, pos = [], 0
    for s, e in spans:
        out.append(line[pos:s])
        out.append("\u2026")
        pos = e
    out.append(line[pos:])
    return "".join(out)


def move_volatile_lines(body: dict, finder: VolatileFinder) -> tuple[dict | None, list[str]]:
    """The layout ``lint --suggest`` proposes (``analyzers/suggest_requests.py``): every whole line of a
    system/developer message (never the final user turn) that holds a volatile literal is cut out,
    label and value together, and the moved lines become one note of the same role placed right
    before the final user turn.  Returns (new body, moved lines), or (None, []) when nothing moves.

    Only the changed messages are copied (the tools and the other messages are shared with ``body``)."""
    kind = body_kind(body)
    if kind is None:
        return None, []
    final = final_user_path(body, kind)
    moves: list[tuple[tuple, str, list[tuple[int, int]]]] = []
    for path in message_paths(body, kind):
        if path == final or _role(body, path) not in MOVABLE_ROLES:
            continue
        for ppath, text in _pieces(body, path):
            spans = finder.spans(text)
            if spans:
                moves.append((ppath, text, spans))
    if not moves:
        return None, []
    new = dict(body)
    copied: set[tuple] = set()
    moved: list[str] = []
    role = "system"
    for ppath, text, spans in moves:
        rest, lines = cut_lines(text, spans)
        moved.extend(lines)
        _set_copy(new, ppath, rest, copied)
        mpath = ppath[:2] if ppath[0] in ("messages", "input") and len(ppath) > 1 else ppath[:1]
        role = _role(new, mpath) if mpath != ("instructions",) else ("developer" if kind == "responses" else "system")
    if not moved:
        return None, []
    note = {"role": role, "content": "\n".join(moved)}
    final = final_user_path(new, kind)
    if kind == "chat":
        msgs = list(new["messages"]) if ("messages",) not in copied else new["messages"]
        msgs.insert(final[1] if final else len(msgs), note)
        new["messages"] = msgs
    else:
        inp = new.get("input")
        if isinstance(inp, str):
            new["input"] = [note, {"role": "user", "content": inp}]
        elif isinstance(inp, list):
            inp = list(inp) if ("input",) not in copied else inp
            inp.insert(final[1] if final and len(final) == 2 else len(inp), note)
            new["input"] = inp
        else:
            new["input"] = [note]
    return new, moved


def _set_copy(root: dict, path: tuple, value, copied: set[tuple]) -> None:
    """``root[path] = value``, copying each container on the way the first time it is written."""
    node = root
    for depth in range(len(path) - 1):
        key = path[depth]
        child = node[key]
        sub = path[:depth + 1]
        if sub not in copied:
            child = list(child) if isinstance(child, list) else dict(child)
            node[key] = child
            copied.add(sub)
        node = child
    node[path[-1]] = value

"""What-if layout: volatile literals (dates, ids, ...) moved after the static prefix.

The volatile detectors are the PC102 ones in ``analyzers/volatile.py`` when that module is present;
otherwise a small built-in set below.  ``--volatile REGEX`` adds patterns to either.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace

from ..model import Segment

# Fallback patterns (used only when analyzers/volatile.py is missing).
BUILTIN_PATTERNS = (
    r"\b(?:19|20)\d\d-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?\b",
    r"\b[0-2]?\d:[0-5]\d(?::[0-5]\d)?\b",
    r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
    r"\b1[0-9]{9}(?:[0-9]{3})?\b",
    r"(?i)\b(?:req|chatcmpl|resp|msg|call|run|sess|trace)[_-][A-Za-z0-9]{6,}\b",
    r"(?i)\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b",
)


class VolatileFinder:
    def __init__(self, extra: list[str] | tuple[str, ...] = ()):
        self.extra = [re.compile(p) for p in extra]
        self._memo: OrderedDict[str, list] = OrderedDict()
        try:
            from .. import volatile as _vol

            self._lib = _vol.find_volatile
            self.builtin = []
        except ImportError:  # the PC102 module is not there yet
            self._lib = None
            self.builtin = [re.compile(p) for p in BUILTIN_PATTERNS]

    @property
    def source(self) -> str:
        return "analyzers/volatile.py" if self._lib is not None else "built-in patterns"

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
        if self._lib is not None:
            spans.extend((v.start, v.end) for v in self._lib(text))
        for rx in self.builtin + self.extra:
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
    """The segments with every volatile literal cut out and appended, in order, at the very end.

    Returns (new segments, number of literals moved)."""
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
        # Before the trailing framing (the reply priming), i.e. at the end of the last message.
        at = len(out)
        while at > 0 and out[at - 1].kind == "special":
            at -= 1
        out.insert(at, Segment("\n" + " ".join(moved), "static", verbatim=False, part="user"))
    return out, len(moved)

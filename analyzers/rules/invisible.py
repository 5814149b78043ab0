"""PC301: two prompts that diverge only by invisible differences (CRLF vs LF, trailing spaces, tabs vs
spaces, NBSP, Unicode normalisation).  Checked only for the pairs prefix analysis says diverge."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from .context import LintContext
from .interface import Finding, Rule

_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"}
_RUNS = re.compile(r"[ \t]+")
_TRAILING = re.compile(r" +(?=\n)| +$")


def normalise(text: str) -> str:
    """``text`` with line endings, trailing spaces, tab/space runs, exotic spaces and NFD/NFC made equal."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
    return _TRAILING.sub("", _RUNS.sub(" ", text))


def common_prefix_len(a: str, b: str) -> int:
    """Length of the common prefix of two strings (binary search on slice equality: C speed)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


@dataclass(frozen=True)
class InvisibleDifference:
    kind: str  # "line endings (CRLF vs LF)", ...
    here: str  # repr of this side around the difference
    there: str
    odd_here: bool  # this side holds the unusual character (CRLF, NBSP, tab, trailing space, NFD)
    char: int  # offset of the first differing character in this side's text


def _is_odd(ch: str, rest: str) -> bool:
    if ch in "\r\t" or ch in "\u00a0\u2007\u202f" or unicodedata.combining(ch):
        return True
    return ch == " " and rest.lstrip(" ").startswith(("\n", "\r"))


def classify(a: str, b: str, start: int) -> InvisibleDifference | None:
    """The first difference of ``a`` and ``b`` at or after ``start`` if it is an invisible one."""
    d = start + common_prefix_len(a[start:start + 4096], b[start:start + 4096])
    ca, cb = a[d:d + 1], b[d:d + 1]
    pair = {ca, cb}
    if "\r" in pair:
        kind = "line endings (CRLF vs LF)"
    elif pair & set("\u00a0\u2007\u202f"):
        kind = "non-breaking space vs space"
    elif "\t" in pair:
        kind = "tabs vs spaces"
    elif " " in pair and (a[d:].lstrip(" ").startswith(("\n", "\r")) or b[d:].lstrip(" ").startswith(("\n", "\r"))
                          or not a[d:].strip(" ") or not b[d:].strip(" ")):
        kind = "trailing spaces"
    elif " " in pair:
        kind = "repeated spaces"
    elif unicodedata.normalize("NFC", a[max(0, d - 1):d + 3]) == unicodedata.normalize("NFC", b[max(0, d - 1):d + 3]) \
            or any(unicodedata.combining(c) for c in (a[d:d + 2] + b[d:d + 2])):
        kind = "Unicode normalisation (NFC vs NFD)"
    else:
        return None
    lo = max(0, d - 4)
    here, there = a[lo:d + 4], b[lo:d + 4]
    return InvisibleDifference(kind, repr(here), repr(there), _is_odd(ca, a[d + 1:d + 3]) if ca else False, d)


class InvisibleDivergence(Rule):
    code = "PC301"
    name = "invisible-difference"
    severity = "warning"
    family = "invisible"
    summary = ("Two prompts diverge only by invisible characters (CRLF, trailing spaces, tabs, NBSP, NFC/NFD); "
               "error when it costs cached tokens, else info.")

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        candidates: dict[tuple[int, int], tuple] = {}
        for pair in ctx.pairs:
            i, j = pair.index, pair.other
            a, b = ctx.tokenized[i], ctx.tokenized[j]
            if ctx.in_final_turn(i, pair.char):
                continue
            diff = classify(a.text, b.text, pair.char)
            if diff is None:
                continue
            na, nb = normalise(a.text), normalise(b.text)
            head = len(normalise(a.text[:pair.char]))
            shared_chars = common_prefix_len(na, nb)
            full = shared_chars >= min(len(na), len(nb))
            if shared_chars <= head:
                continue
            shared = len(a.encoding.encode_ordinary(na[:shared_chars])) if not full else min(len(a), len(b))
            gain = shared - pair.token
            if not full and gain < ctx.step:
                continue
            key = (min(i, j), max(i, j))
            if key in candidates and not diff.odd_here:
                continue
            candidates[key] = (pair, diff, shared, full)
        for pair, diff, shared, full in candidates.values():
            i, j = pair.index, pair.other
            loc = ctx.location_at_char(i, diff.char)
            other = ctx.tokenized[j].name
            after = "are identical" if full else f"would share about {shared:,} tokens"
            lost = ctx.cache.cacheable(shared) - ctx.cache.cacheable(pair.token)
            yield self.finding(
                ctx, i, loc.line, loc.column,
                f"differs from {other} at token {pair.token:,} only by {diff.kind}: {diff.here} vs {diff.there}; "
                f"with that normalised the two {after} ({lost:,} more cacheable tokens)",
                token=pair.token, cost_tokens=lost, severity="error" if lost > 0 else "info",
                fix="normalise line endings, whitespace and Unicode (NFC) where prompts are built or stored",
                other=other, kind=diff.kind)

"""Making text safe and readable in one-line excerpts."""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
# The same escapes for ASCII text as one ``str.translate`` table (control characters -> \uXXXX).
_ASCII = {**{c: f"\\u{c:04x}" for c in (*range(32), 127)}, **{ord(k): v for k, v in _NAMED.items()}}


def _escape(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif ch == " " or ch.isprintable() and unicodedata.category(ch)[0] not in "ZC":
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


def visible(text: str, limit: int = 60) -> str:
    """``text`` with line breaks, tabs, NBSP, zero-width and other invisible characters escaped."""
    head = text[:limit]
    s = head.translate(_ASCII) if head.isascii() else _escape(head)
    # Trailing spaces (before a line break or at the end) are invisible: mark them.
    s = s.replace(" \\n", "\u2423\\n").replace(" \\r", "\u2423\\r")
    if s.endswith(" "):
        s = s[:-1] + "\u2423"
    if len(text) > limit:
        s += "\u2026"
    return s

"""Python string literals as *located text*: the value of a literal (or an implicit concatenation of
literals, f-strings included) with, for every character, where it was written in the file.

``ast`` gives where a literal starts and ends, not where each character of its value comes from
(escapes, implicit concatenation, f-string parts; and before Python 3.12 no positions inside
f-strings at all), so the literal's source is read again here with the lexical rules of the
language reference.  The value built that way is checked against the one ``ast`` computed; a
literal this reader does not understand is reported as one non-verbatim piece at its start.

A value is a list of pieces: ``Chunk`` (static text and a map value offset -> file offset) and
``Var`` (an f-string ``{...}`` field or an expression concatenated in: its text as written).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """Value offsets from ``start`` on come from the file at ``file``: one for one when
    ``verbatim``, else (an escape) all of them from the escape at ``file``."""

    start: int
    file: int
    verbatim: bool


@dataclass
class Chunk:
    text: str
    runs: list[Run] = field(default_factory=list)

    def file_offset(self, offset: int) -> tuple[int, bool]:
        """File offset of value ``offset``, and whether the text from there is verbatim."""
        run = self.runs[0]
        for r in self.runs:
            if r.start > offset:
                break
            run = r
        if run.verbatim:
            return run.file + offset - run.start, True
        return run.file, False

    def slices(self, a: int, b: int):
        """``(value start, value end, file offset, verbatim)`` for the runs covering ``[a, b)``."""
        bounds = [r.start for r in self.runs[1:]] + [len(self.text)]
        for r, end in zip(self.runs, bounds):
            lo, hi = max(a, r.start), min(b, end)
            if lo < hi:
                yield lo, hi, (r.file + lo - r.start if r.verbatim else r.file), r.verbatim


@dataclass
class Var:
    text: str  # as written: ``{getpass.getuser()}`` or the source of a concatenated expression
    file: int  # file offset where it starts
    expression: str  # the expression (with conversion and format spec) as written
    name: str  # the expression alone: what the value is


Piece = "Chunk | Var"


class Builder:
    """Collects pieces; consecutive static text joins one chunk."""

    def __init__(self):
        self.pieces: list = []

    def static(self, value: str, file: int, verbatim: bool) -> None:
        if not value:
            return
        last = self._open_chunk()
        prev = last.runs[-1] if last.runs else None
        contiguous = (prev is not None and prev.verbatim and verbatim
                      and prev.file + len(last.text) - prev.start == file)
        if not contiguous:
            last.runs.append(Run(len(last.text), file, verbatim))
        last.text += value

    def _open_chunk(self) -> Chunk:
        """The chunk static text joins: the last piece, or a new one after a variable."""
        if not self.pieces or not isinstance(self.pieces[-1], Chunk):
            self.pieces.append(Chunk(""))
        return self.pieces[-1]

    def var(self, v: Var) -> None:
        self.pieces.append(v)

    def extend(self, pieces: list) -> None:
        for p in pieces:
            if isinstance(p, Var):
                self.var(p)
            else:
                bounds = [r.start for r in p.runs[1:]] + [len(p.text)]
                for r, end in zip(p.runs, bounds):
                    if r.verbatim:
                        self.static(p.text[r.start:end], r.file, True)
                    else:
                        self._escape(p.text[r.start:end], r.file)

    def _escape(self, value: str, file: int) -> None:
        """A non-verbatim run, kept whole (its characters all point at ``file``)."""
        if not value:
            return
        last = self._open_chunk()
        last.runs.append(Run(len(last.text), file, False))
        last.text += value


def static_text(pieces: list) -> str:
    return "".join(p.text for p in pieces if isinstance(p, Chunk))


def value_text(pieces: list) -> str:
    return "".join(p.text for p in pieces)


# ---------------------------------------------------------------------------------------------
# Reading literals

_PREFIX = re.compile(r"[A-Za-z]{0,3}(?=['\"])")
_ESCAPE = re.compile(r"\\(?:\r\n|\n|\r|[0-7]{1,3}|x[0-9a-fA-F]{2}|N\{[^}\n]*\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)",
                     re.S)
_GAP = re.compile(r"(?:[ \t\f]|\\\r?\n|\r?\n|#[^\r\n]*)*")


_ESCAPE_CHARS = frozenset("\\\\'\"abfnrtvxNuU01234567")


class Unreadable(Exception):
    pass


def _decode_escape(esc: str) -> str:
    if esc[1] in "\r\n":
        return ""  # a backslash-newline continues the line
    if esc[1] == "N":
        try:
            return codecs.decode(esc, "unicode_escape")
        except UnicodeDecodeError:
            raise Unreadable(esc) from None
    if esc[1] not in _ESCAPE_CHARS:
        return esc  # Python keeps an unknown escape as written (and warns about it; pcache does not)
    return codecs.decode(esc, "unicode_escape")


def _plain(out: Builder, src: str, a: int, b: int, raw: bool) -> None:
    """Literal text ``src[a:b]`` (no f-string fields) into ``out``, escapes decoded."""
    pos = a
    while pos < b:
        bs = -1 if raw else src.find("\\", pos, b)
        cr = src.find("\r", pos, b)
        nxt = min(x for x in (bs, cr, b) if x >= 0)
        out.static(src[pos:nxt], pos, True)
        if nxt >= b:
            return
        if nxt == cr and (bs < 0 or cr < bs):  # a source newline \r\n or \r reads as \n
            step = 2 if src.startswith("\r\n", cr) else 1
            out._escape("\n", cr)
            pos = cr + step
            continue
        m = _ESCAPE.match(src, nxt, b)
        if m is None:
            raise Unreadable("backslash at the end of a literal")
        value = _decode_escape(m.group())
        if value:
            out._escape(value, nxt)
        pos = m.end()


def _skip_string(src: str, pos: int, end: int) -> int:
    """End of the string literal whose quote is at ``pos`` (inside an f-string field)."""
    quote = src[pos:pos + 3] if src.startswith(src[pos] * 3, pos) else src[pos]
    i = pos + len(quote)
    while i < end:
        if src[i] == "\\":
            i += 2
            continue
        if src.startswith(quote, i):
            return i + len(quote)
        i += 1
    raise Unreadable("unterminated string in an f-string field")


def _field_end(src: str, start: int, end: int) -> int:
    """Offset just past the ``}`` closing the f-string field opened at ``start``; after the
    top-level ``:`` only braces count (a format spec may hold ``#``, quotes, nested fields)."""
    depth = 0
    spec = False
    i = start
    while i < end:
        c = src[i]
        if spec:
            if c == "{":
                i = _field_end(src, i, end)
                continue
            if c == "}":
                return i + 1
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        elif c in "'\"":
            i = _skip_string(src, i, end)
            continue
        elif c == ":" and depth == 1:
            spec = True
        i += 1
    raise Unreadable("unclosed '{' in an f-string")




def _field_name(inner: str) -> str:
    """The expression of an f-string field without ``=``, ``!conversion`` and ``:format spec``."""
    depth = 0
    i = 0
    while i < len(inner):
        c = inner[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c in "'\"":
            try:
                i = _skip_string(inner, i, len(inner))
            except Unreadable:
                return inner.strip()
            continue
        elif depth == 0 and c == "!" and not inner.startswith("!=", i):
            return inner[:i].strip()
        elif depth == 0 and c == ":":
            return inner[:i].strip()
        elif depth == 0 and c == "=" and inner[i - 1:i] not in ("=", "!", "<", ">") \
                and not inner.startswith("==", i):
            return inner[:i].strip()
        i += 1
    return inner.strip()


def _fstring_body(out: Builder, src: str, a: int, b: int, raw: bool) -> None:
    pos = a
    while pos < b:
        brace = min((x for x in (src.find("{", pos, b), src.find("}", pos, b)) if x >= 0), default=b)
        if brace > pos:
            _plain(out, src, pos, brace, raw)
        if brace >= b:
            return
        if src.startswith(src[brace] * 2, brace):
            out._escape(src[brace], brace)
            pos = brace + 2
            continue
        if src[brace] == "}":
            raise Unreadable("single '}' in an f-string")
        end = _field_end(src, brace, b)
        inner = src[brace + 1:end - 1]
        out.var(Var(src[brace:end], brace, inner.strip(), _field_name(inner)))
        pos = end


def read_literals(src: str, start: int, end: int) -> list:
    """The pieces of the literal(s) written in ``src[start:end]`` (an implicit concatenation may
    hold several, with whitespace, comments and line continuations between them)."""
    out = Builder()
    pos = start
    while pos < end:
        m = _PREFIX.match(src, pos, end)
        if m is None:
            raise Unreadable(f"no string literal at offset {pos}")
        prefix = m.group().lower()
        if "b" in prefix:
            raise Unreadable("bytes literal")
        q = m.end()
        quote = src[q] * 3 if src.startswith(src[q] * 3, q) else src[q]
        body = q + len(quote)
        close = _closing(src, body, quote, end, "f" in prefix)
        raw = "r" in prefix
        if "f" in prefix or "t" in prefix:
            _fstring_body(out, src, body, close, raw)
        else:
            _plain(out, src, body, close, raw)
        pos = _GAP.match(src, close + len(quote), end).end()
    return out.pieces


def _closing(src: str, body: int, quote: str, end: int, fstr: bool) -> int:
    i = body
    while i < end:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if fstr and c == "{":
            if src.startswith("{{", i):
                i += 2
                continue
            i = _field_end(src, i, end)
            continue
        if src.startswith(quote, i):
            return i
        if len(quote) == 1 and c in "\r\n":
            raise Unreadable("newline in a single-quoted literal")
        i += 1
    raise Unreadable("unterminated literal")


# ---------------------------------------------------------------------------------------------
# Operations the code applies to a value: deletions (dedent, strip) keep the map exact.


def delete(pieces: list, spans: list[tuple[int, int]]) -> list:
    """``pieces`` with the value ranges ``spans`` (offsets into ``value_text``) removed; a span
    never covers part of a ``Var``."""
    if not spans:
        return pieces
    out = Builder()
    base = 0
    spans = sorted(spans)
    for p in pieces:
        length = len(p.text)
        if isinstance(p, Var):
            out.var(p)
            base += length
            continue
        keep_from = 0
        local = [(max(a - base, 0), min(b - base, length)) for a, b in spans if a < base + length and b > base]
        for a, b in local + [(length, length)]:
            if a > keep_from:
                for lo, hi, f, verbatim in p.slices(keep_from, a):
                    if verbatim:
                        out.static(p.text[lo:hi], f, True)
                    else:
                        out._escape(p.text[lo:hi], f)
            keep_from = max(keep_from, b)
        base += length
    return out.pieces


_PLACEHOLDER = "\x00"


def _masked(pieces: list) -> str:
    """The value with each variable as one placeholder per character (never whitespace)."""
    return "".join(p.text if isinstance(p, Chunk) else _PLACEHOLDER * len(p.text) for p in pieces)


def dedent(pieces: list) -> list:
    """``textwrap.dedent`` on the value (a variable counts as text that is not whitespace): it
    keeps every line and removes a prefix of each, so each line's deleted prefix is read off the
    result line by line."""
    import textwrap

    text = _masked(pieces)
    spans = []
    pos = 0
    for before, after in zip(text.split("\n"), textwrap.dedent(text).split("\n")):
        cut = len(before) - len(after)
        if cut < 0 or not before.endswith(after):
            raise Unreadable("dedent")
        if cut:
            spans.append((pos, pos + cut))
        pos += len(before) + 1
    return delete(pieces, spans)


def strip(pieces: list, how: str = "strip", chars: str | None = None) -> list:
    text = _masked(pieces)
    spans = []
    if how in ("strip", "lstrip"):
        kept = text.lstrip(chars)
        spans.append((0, len(text) - len(kept)))
    if how in ("strip", "rstrip"):
        kept = text.rstrip(chars)
        spans.append((len(kept), len(text)))
    if chars and _PLACEHOLDER in chars:
        raise Unreadable("strip")
    return delete(pieces, [s for s in spans if s[0] < s[1]])

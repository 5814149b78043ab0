"""Python ``str.format`` templates (``string.Formatter().parse``) and ``string.Template`` (its ``pattern``).

Pieces are ``(kind, offset, text, name, verbatim)`` with offsets into the text as given.  An escape
(``{{``, ``}}``, ``$$``) becomes a one-character static piece at the escape's position.
"""

from __future__ import annotations

import re
import string

from .interface import SourceParseError


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _field_end(text: str, start: int) -> int:
    """Offset just past the ``}`` closing the replacement field opened at ``start`` (nested specs)."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    raise SourceParseError("unclosed '{' in format template", line=_line(text, start))


def _format_error(text: str, cursor: int, exc: ValueError) -> SourceParseError:
    """Point at the first brace from ``cursor`` on that is not an escape: the one Python rejected."""
    i = cursor
    while i < len(text):
        c = text[i]
        if c in "{}":
            if text.startswith(c * 2, i):
                i += 2
                continue
            return SourceParseError(f"format template: {exc}", line=_line(text, i),
                                    hint="double literal braces ({{ }}), or use --syntax none")
        i += 1
    return SourceParseError(f"format template: {exc}", line=_line(text, cursor))


def parse_format(text: str, path: str) -> tuple[list[tuple], list[tuple[int, str]]]:
    """``str.format``'s fields; a text it rejects, or reads as fields that are no names, whose
    ``{name}`` slots a loader fills by replacing them (``template.looks_replaced``), is read as those
    slots and text."""
    try:
        pieces, comments = _parse_format(text)
    except SourceParseError:
        pieces, comments = None, []
    if pieces is None or any(kind == "variable" and not _NAME.fullmatch(name) for kind, _, _, name, _ in pieces):
        if expression_fields(text):
            return _parse_expressions(text), []
        from .template import _prose, looks_replaced

        if looks_replaced(_prose(text)):  # as detection reads it: code examples in fences left out
            return _parse_replaced(text), []
        if pieces is None:
            _parse_format(text)  # raises the error as before
    return pieces, comments


_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\w+\])*|\d*")


# f-string templates: each ``{...}`` field a Python expression, functions called in it.  Haystack 1.x's
# ``PromptTemplate`` checks its text as an f-string (``ast.parse``) and lets it call ``join``, ``to_strings``,
# ``replace``, ``enumerate``, ``str``: ``{join(documents)}``, ``{join(documents, delimiter=new_line,
# pattern=new_line+'Document[$idx]: $content', str_replace={...})}`` (deepset's prompthub).  ``str.format``
# reads no call (and splits the second field at its first colon).
_OPENERS = {"(": ")", "[": "]", "{": "}"}


def fstring_fields(text: str) -> list[tuple[int, int, str]] | None:
    """The ``{...}`` fields of an f-string-like text, ``(start, end, body)``, brackets and quoted strings
    inside a field skipped (a field may hold ``{new_line: ' '}``); ``{{``/``}}`` outside one are escapes.
    None when a field is never closed or a ``}`` closes nothing."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "{}" and text.startswith(c * 2, i):
            i += 2
            continue
        if c == "}":
            return None
        if c != "{":
            i += 1
            continue
        stack, j = ["}"], i + 1
        while j < n and stack:
            d = text[j]
            if d in "'\"":
                close = text.find(d, j + 1)
                if close < 0:
                    return None
                j = close + 1
                continue
            if d in _OPENERS:
                stack.append(_OPENERS[d])
            elif d in ")]}":
                if d != stack.pop():
                    return None
            j += 1
        if stack:
            return None
        out.append((i, j, text[i + 1:j - 1]))
        i = j
    return out


def expression_fields(text: str) -> bool:
    """Whether ``text`` is an f-string template that calls a function in a field: every field a Python
    expression (``ast``), one of them a call of a bare name (``{join(documents)}``).  A JSON example
    (``{"a": 1}``), code (``{return x(y)}``) or LaTeX (``\\frac{a}{b}``: no call) is none."""
    import ast

    if "(" not in text:
        return False
    fields = fstring_fields(text)
    if not fields:
        return False
    called = False
    for _, _, body in fields:
        try:
            node = ast.parse(body.strip(), mode="eval").body
        except (SyntaxError, ValueError):
            return False
        called = called or (isinstance(node, ast.Call) and isinstance(node.func, ast.Name))
    return called


def _parse_expressions(text: str) -> list[tuple]:
    pieces: list[tuple] = []
    cursor = 0
    for start, end, body in fstring_fields(text) or []:
        if start > cursor:
            pieces.extend(_escaped_static(text, cursor, start))
        pieces.append(("variable", start, text[start:end], body.strip(), True))
        cursor = end
    if cursor < len(text):
        pieces.extend(_escaped_static(text, cursor, len(text)))
    return pieces


def _escaped_static(text: str, start: int, end: int) -> list[tuple]:
    """Static pieces of ``text[start:end]``, a doubled brace one piece of one brace at its place."""
    out, cursor = [], start
    for m in re.finditer(r"\{\{|\}\}", text[start:end]):
        at = start + m.start()
        if at > cursor:
            out.append(("static", cursor, text[cursor:at], None, True))
        out.append(("static", at, m.group(0)[0], None, True))
        cursor = at + 2
    if cursor < end:
        out.append(("static", cursor, text[cursor:end], None, True))
    return out


def _parse_replaced(text: str) -> list[tuple]:
    from .template import _REPLACED_FIELD

    pieces: list[tuple] = []
    cursor = 0
    for m in _REPLACED_FIELD.finditer(text):
        if m.start() > cursor:
            pieces.append(("static", cursor, text[cursor:m.start()], None, True))
        pieces.append(("variable", m.start(), m.group(0), m.group(1), True))
        cursor = m.end()
    if cursor < len(text):
        pieces.append(("static", cursor, text[cursor:], None, True))
    return pieces


def _parse_format(text: str) -> tuple[list[tuple], list[tuple[int, str]]]:
    pieces: list[tuple] = []
    cursor = 0
    auto = 0
    items = string.Formatter().parse(text)
    while True:
        try:
            literal, field, spec, conversion = next(items)
        except StopIteration:
            break
        except ValueError as exc:
            raise _format_error(text, cursor, exc) from None
        if literal:
            escaped = field is None and literal[-1] in "{}" and text.startswith(literal[-1] * 2,
                                                                                  cursor + len(literal) - 1)
            plain = literal[:-1] if escaped else literal
            if plain:
                pieces.append(("static", cursor, plain, None, True))
            cursor += len(plain)
            if escaped:
                pieces.append(("static", cursor, literal[-1], None, True))
                cursor += 2
        if field is not None:
            end = _field_end(text, cursor)
            name = field
            if name == "":
                name, auto = str(auto), auto + 1
            pieces.append(("variable", cursor, text[cursor:end], name, True))
            cursor = end
    return pieces, []


class _DottedTemplate(string.Template):
    """``string.Template`` whose braced names may be dotted (``${context.filetype}``): the references of
    loaders that fill a file's ``${...}`` from an object; a bare ``$name`` stays an identifier."""
    braceidpattern = r"(?a:[_a-z][_a-z0-9]*(?:\.[_a-z][_a-z0-9]*)*)"


def parse_dollar(text: str, path: str) -> tuple[list[tuple], list[tuple[int, str]]]:
    """``string.Template``: ``$name``, ``${name}``, ``$$``.  A ``$`` before anything else (``$5``)
    is left as text, as ``safe_substitute`` does; an unclosed ``${`` is an error."""
    pieces: list[tuple] = []
    pos = 0
    for m in _DottedTemplate.pattern.finditer(text):
        if m.group("invalid") is not None:
            if text.startswith("${", m.start()):
                raise SourceParseError("invalid '${' placeholder in string.Template",
                                       line=_line(text, m.start()))
            continue
        if m.start() > pos:
            pieces.append(("static", pos, text[pos:m.start()], None, True))
        if m.group("escaped") is not None:
            pieces.append(("static", m.start(), "$", None, True))
        else:
            name = m.group("named") or m.group("braced")
            pieces.append(("variable", m.start(), m.group(0), name, True))
        pos = m.end()
    if pos < len(text):
        pieces.append(("static", pos, text[pos:], None, True))
    return pieces, []

"""AI.JSX chat messages: ``<SystemMessage>``, ``<UserMessage>``, ``<AssistantMessage>`` elements whose children
are the message text (fixie-ai/ai-jsx, ``ai-jsx/core/completion``, ``ai-jsx/core/conversation``).

AI.JSX renders an element's children to a string and concatenates them, so the prompt is the children in
order: JSX text, cleaned as every JSX compiler does (Babel ``cleanJSXElementLiteralChild``, TypeScript the
same): tabs become spaces, each line loses its indentation (not the first line) and its trailing blanks
(not the last), blank lines are dropped and the lines left are joined by one space; HTML character
references decoded. A ``{'text'}`` child (a string or a template without substitutions) is text the code
writes; any other ``{expr}`` child, or a nested element, is a variable whose text is the expression as
written. Only elements whose tag is imported from the ``ai-jsx`` package are read: a React chat UI's own
``<UserMessage>`` bubble component is no prompt."""

from __future__ import annotations

import html
import re

from ...js_tree import text as _text
from .literals import _Candidate, _Part, literal_parts

MESSAGE_TAGS = {"SystemMessage": "system", "UserMessage": "user", "AssistantMessage": "assistant"}
_PACKAGE = "ai-jsx"
_LINE = re.compile(r"\r\n|\n|\r")


def _from_package(spec: str) -> bool:
    return spec == _PACKAGE or spec.startswith(_PACKAGE + "/")


def _tag(element) -> str | None:
    opening = next((c for c in element.named_children if c.type == "jsx_opening_element"), None)
    if opening is None:
        return None
    name = opening.child_by_field_name("name") or next(
        (c for c in opening.named_children if c.type in ("identifier", "member_expression")), None)
    return _text(name) if name is not None else None


def message_role(element, imports: dict) -> str | None:
    """The role of an AI.JSX message element (``system``/``user``/``assistant``), else None."""
    tag = _tag(element)
    if not tag:
        return None
    head, _, member = tag.partition(".")
    entry = imports.get(head)
    if entry is None or not _from_package(entry[0]):
        return None
    name = member if member else entry[1]
    if member and entry[1] != "*":
        return None
    return MESSAGE_TAGS.get(name)


def jsx_message_candidates(root, imports: dict) -> list[_Candidate]:
    """Every AI.JSX message element of the file, a candidate named after its tag."""
    if not any(_from_package(spec) and (name in MESSAGE_TAGS or name == "*") for spec, name in imports.values()):
        return []
    out: list[_Candidate] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "jsx_element":
            role = message_role(node, imports)
            if role is not None:
                out.append(_Candidate(node, node, _tag(node).rpartition(".")[2], role, message=True, jsx=True))
        stack.extend(reversed(node.named_children))
    return out


def _clean_run(pieces: list[tuple[str, int, bool]]) -> list[_Part]:
    """JSX text (one run of ``jsx_text`` and character references) -> static parts, cleaned as Babel's
    ``cleanJSXElementLiteralChild`` does; each kept line one part at its first character's byte offset."""
    chars: list[tuple[str, int, bool]] = []  # (char, byte offset, verbatim)
    for text, start, verbatim in pieces:
        if not verbatim:
            chars.extend((ch, start, False) for ch in text)
            continue
        off = start
        for ch in text:
            chars.append((ch, off, True))
            off += len(ch.encode("utf-8"))
    raw = "".join(c for c, _, _ in chars)
    lines: list[tuple[int, int]] = []  # (start, end) indices into raw
    pos = 0
    for m in _LINE.finditer(raw):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, len(raw)))
    last_non_empty = max((i for i, (s, e) in enumerate(lines) if raw[s:e].strip(" \t")), default=-1)
    out: list[_Part] = []
    for i, (s, e) in enumerate(lines):
        if i != 0:
            while s < e and raw[s] in " \t":
                s += 1
        if i != len(lines) - 1:
            while e > s and raw[e - 1] in " \t":
                e -= 1
        if s >= e:
            continue
        seg = chars[s:e]
        text = "".join(c for c, _, _ in seg).replace("\t", " ")
        verbatim = all(v for _, _, v in seg) and "\t" not in text
        out.append(_Part("static", text, seg[0][1], verbatim=verbatim))
        if i != last_non_empty:
            out.append(_Part("static", " ", chars[e - 1][1], verbatim=False))
    return out


def jsx_message_parts(element) -> list[_Part]:
    """The parts of a message element's children, in order (see the module docstring)."""
    parts: list[_Part] = []
    run: list[tuple[str, int, bool]] = []

    def flush():
        if run:
            parts.extend(_clean_run(run))
            run.clear()

    for c in element.named_children:
        t = c.type
        if t in ("jsx_opening_element", "jsx_closing_element"):
            continue
        if t == "jsx_text":
            run.append((_text(c), c.start_byte, True))
            continue
        if t == "html_character_reference":
            run.append((html.unescape(_text(c)), c.start_byte, False))
            continue
        flush()
        if t == "jsx_expression":
            inner = [n for n in c.named_children if n.type != "comment"]
            if not inner:
                continue  # {/* a comment */}
            expr = inner[0]
            if expr.type in ("string", "template_string"):
                nested = literal_parts(expr)  # {' '}, {`text ${v}`}: the literal's own parts
                if nested is not None:
                    parts.extend(nested)
                    continue
            parts.append(_Part("variable", _text(c), c.start_byte, expression=_text(expr)))
        else:  # a nested element: what it renders is not written here
            parts.append(_Part("variable", _text(c), c.start_byte, expression=_text(c)))
    flush()
    return parts

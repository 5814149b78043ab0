"""Mustache and Handlebars templates (no library needed: the grammar is small).

``{{ name }}``, ``{{{ name }}}``, ``{{& name }}``, partials ``{{> p }}`` and Dify's ``{{#name#}}`` are
placeholders (kept as written); sections ``{{#x}}``, inverted sections ``{{^x}}`` and Handlebars ``{{else}}`` are control
points (variable pieces with empty text); comments ``{{! }}`` / ``{{!-- --}}`` are dropped and returned;
``{{=<% %>=}}`` changes the delimiters; Handlebars ``~`` strips whitespace on its side and ``\\{{``
(in .hbs/.handlebars files) is a literal ``{{``.  Standalone section/comment/partial lines vanish
entirely, as the Mustache spec says.
"""

from __future__ import annotations

import re

from .interface import SourceParseError

_STANDALONE = set("#^/!>=")
# A name between two ``#`` (``{{#context#}}``, ``{{#1711.text#}}``) is Dify's variable syntax (its prompt
# templates and workflow nodes): a section's name never ends with ``#``.
_HASHED_VAR = re.compile(r"#[\w.]+#")
# A Handlebars parameter that is a literal: ``"system"``, ``role="user"``, ``3``, ``true``.
# Dotprompt helpers that mark where a message or section starts and emit no text of their own.
_MARKER_HELPERS = frozenset({"role", "section"})
_LITERAL_PARAM = re.compile(r"""(?:[\w-]+=)?(?:"[^"]*"|'[^']*'|-?\d+(?:\.\d+)?|true|false|null|undefined)""")
_PARAM = re.compile(r"""(?:[\w-]+=)?(?:"[^"]*"|'[^']*'|[^\s"']+)""")


def _literal_params(body: str) -> bool:
    """Whether a Handlebars block helper has parameters and all of them are literals
    (``{{#message role="system"}}``, Semantic Kernel's chat message block): its output does not
    depend on the data, so it is no variable point (``{{#if x}}``, ``{{#each items}}`` are)."""
    params = _PARAM.findall(body.split(None, 1)[1]) if len(body.split(None, 1)) > 1 else []
    return bool(params) and all(_LITERAL_PARAM.fullmatch(p) for p in params)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def parse_handlebars(text: str, path: str) -> tuple[list[tuple], list[tuple[int, str]]]:
    """Handlebars (``\\{{`` escapes, ``~`` whitespace control), whatever the file's extension."""
    return parse(text, path, handlebars=True)


def parse(text: str, path: str, handlebars: bool | None = None) -> tuple[list[tuple], list[tuple[int, str]]]:
    if handlebars is None:
        handlebars = path.lower().endswith((".hbs", ".handlebars"))
    otag, ctag = "{{", "}}"
    pieces: list[tuple] = []
    comments: list[tuple[int, str]] = []
    sections: list[tuple[str, int]] = []
    pos = 0  # start of static text not yet emitted
    strip_next = False

    def emit_static(start: int, end: int, rstrip: bool = False) -> None:
        nonlocal strip_next
        chunk = text[start:end]
        if strip_next:
            stripped = chunk.lstrip()
            start += len(chunk) - len(stripped)
            chunk = stripped
            strip_next = False
        if rstrip:
            chunk = chunk.rstrip()
        if chunk:
            pieces.append(("static", start, chunk, None, True))

    search = 0
    while True:
        open_at = text.find(otag, search)
        if open_at < 0:
            emit_static(pos, len(text))
            break
        if handlebars and otag == "{{" and open_at > 0 and text[open_at - 1] == "\\":
            # \{{ is a literal {{ in Handlebars: drop the backslash, keep the rest as text
            emit_static(pos, open_at - 1)
            pos = open_at
            search = open_at + 2
            continue
        inner_start = open_at + len(otag)
        close = ctag
        if otag == "{{" and text.startswith("{", inner_start):
            close = "}}}"
        elif text.startswith("!--", inner_start):
            close = "--" + ctag
        close_at = text.find(close, inner_start)
        if close_at < 0:
            raise SourceParseError(f"unclosed {otag!r} in Mustache template", line=_line(text, open_at))
        end = close_at + len(close)
        raw = text[inner_start:close_at]
        if close == "}}}":
            raw = raw[1:]
        ltrim = raw.startswith("~")
        rtrim = raw.endswith("~")
        body = raw.strip("~").strip() if handlebars or ltrim or rtrim else raw.strip()
        sigil = "{" if close == "}}}" else (body[:1] if body[:1] in "#^/!>&=" else "")
        name = body[1:].strip() if sigil and sigil != "{" else body
        if sigil == "{":
            name = body
        if body == "else" or body.startswith("else ") or (body == "^" and handlebars):
            sigil = "else"
        if _HASHED_VAR.fullmatch(body):  # Dify's {{#context#}}, {{#sys.query#}}: a variable, no section
            sigil, name = "", body

        # Standalone tags (alone on their line) remove the whole line, indentation and newline.
        tag_start, tag_end = open_at, end
        if sigil and (sigil in _STANDALONE or sigil == "else"):
            line_start = text.rfind("\n", 0, open_at) + 1
            nl = text.find("\n", end)
            line_end = len(text) if nl < 0 else nl + 1
            if line_start >= pos and not text[line_start:open_at].strip() \
                    and not text[end:line_end].strip() and not strip_next:
                tag_start, tag_end = line_start, line_end
        emit_static(pos, tag_start, rstrip=ltrim)
        strip_next = rtrim

        if sigil == "!":
            comments.append((open_at, body[1:].strip().strip("-").strip()))
        elif sigil == "=":
            spec = body[1:]
            if not spec.endswith("="):
                raise SourceParseError("bad set-delimiter tag (want {{=<% %>=}})", line=_line(text, open_at))
            parts = spec[:-1].split()
            if len(parts) != 2:
                raise SourceParseError("bad set-delimiter tag (want {{=<% %>=}})", line=_line(text, open_at))
            otag, ctag = parts
        elif sigil in ("#", "^"):
            if not name:
                raise SourceParseError(f"empty section tag {text[open_at:end]!r}", line=_line(text, open_at))
            # (Handlebars partial blocks {{#> name}} and inline partials {{#*inline "x"}} close as {{/name}})
            sections.append((name.lstrip(">*").split()[0] if name.lstrip(">* ") else name, open_at))
            if not (handlebars and sigil == "#" and _literal_params(name)):
                pieces.append(("variable", open_at, "", sigil + name, True))
        elif sigil == "/" and handlebars and name in _MARKER_HELPERS and \
                not any(opened == name for opened, _ in sections):
            pass  # Dotprompt's {{section "x"}} ... {{/section}}: a marker, written as if a block
        elif sigil == "/":
            if not sections:
                raise SourceParseError(f"closing tag {text[open_at:end]!r} without an open section",
                                       line=_line(text, open_at))
            opened, at = sections.pop()
            if name.split()[:1] != [opened]:
                raise SourceParseError(
                    f"section {opened!r} (line {_line(text, at)}) closed by {text[open_at:end]!r}",
                    line=_line(text, open_at))
        elif sigil == "else":
            if not sections:
                raise SourceParseError("'else' outside a section", line=_line(text, open_at))
            pieces.append(("variable", open_at, "", body, True))
        else:  # {{ x }}, {{{ x }}}, {{& x }}, {{> partial }}
            if not name:
                raise SourceParseError(f"empty tag {text[open_at:end]!r}", line=_line(text, open_at))
            label = (sigil + name) if sigil == ">" else name
            pieces.append(("variable", open_at, text[open_at:end], label, True))
        pos = search = tag_end
    if sections:
        name, at = sections[-1]
        raise SourceParseError(f"section {name!r} is never closed", line=_line(text, at))
    return pieces, comments

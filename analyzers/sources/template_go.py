"""Go's ``text/template`` (the package's documentation, "Text and spaces", "Actions", "Arguments", "Pipelines"):
the templates of Go programs that fill prompts, LocalAI's model configs (``template: {chat: ..., function:
...}``, ``prompt-templates/*.tmpl``) and Ollama's Modelfiles among them.

An action is ``{{ ... }}``; ``{{- `` and `` -}}`` trim the white space before and after it (the dash must be
followed or preceded by a space, tab or newline: ``{{-3}}`` is the number -3).  Inside an action, strings
(``"..."`` with escapes, ``\\`...\\``` raw, ``'c'``) may hold ``}}``.  What each action is here:

* a comment, ``{{/* ... */}}``: nothing (kept as a comment);
* a constant, ``{{"text"}}``, ``{{`{{not an action}}`}}`` (how a literal ``{{`` is written): that text,
  static (not verbatim: the file writes it quoted);
* a declaration of a constant, ``{{$tools := ""}}``: nothing (it writes nothing, the same at every render);
* ``{{end}}``, ``{{break}}``, ``{{continue}}``: nothing (they close or leave a block);
* control, ``{{if .Content}}``, ``{{else}}``, ``{{range .Functions}}``, ``{{with ...}}``, ``{{template ...}}``,
  ``{{block ...}}``, ``{{define ...}}``: a variable piece with empty text, since what follows depends on the
  data (as Jinja's ``{% if %}``);
* any other pipeline, ``{{.Input}}``, ``{{toJson .Functions}}``, ``{{ index .FunctionCall "name" }}``: a
  placeholder, named by the pipeline as written.

``looks_go`` tells Go's syntax from the other double-brace ones: a field of the data is written with a
leading period (``.Input``, ``.RoleName``), which neither Jinja, Mustache nor Semantic Kernel writes; and
``{{end}}`` closes Go's blocks (Jinja writes ``{% endif %}``, Mustache ``{{/if}}``).
"""

from __future__ import annotations

import re

from .interface import SourceParseError

_CONTROL = ("if", "else", "range", "with", "template", "block", "define")
_QUIET = ("end", "break", "continue")
_CONSTANT = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`|\'(?:[^\'\\\n]|\\.)+\'|-?\d[\w.+-]*|true|false|nil', re.S)
_DECLARE = re.compile(r"\$[A-Za-z_]\w*\s*:?=\s*(.*)", re.S)
_WORD = re.compile(r"[A-Za-z_]\w*")
# A field of the data (``.Input``, ``{{ .RoleName }}``, ``toJson .Functions``), or Go's block keywords with the
# arguments Go writes (``range .Functions``, ``if eq .RoleName "user"``, ``{{end}}``).
_GO_HINT = re.compile(r"\{\{-?\s*(?:[^{}\n]*?(?<![\w.\]\)\"'`])\.[A-Za-z_]\w*|end\s*-?\}\}|range\s+[$.])")


def looks_go(text: str) -> bool:
    """Whether ``text`` uses Go ``text/template`` actions (see the module docstring)."""
    return "{{" in text and bool(_GO_HINT.search(text))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _action_end(text: str, start: int) -> int:
    """Offset of the ``}}`` closing the action whose body starts at ``start`` (strings skipped)."""
    i = start
    n = len(text)
    while i < n:
        c = text[i]
        if c == "}" and text.startswith("}}", i):
            return i
        if c in "\"'`":
            m = _CONSTANT.match(text, i)
            if m is None:
                raise SourceParseError("unterminated string in a Go template action", line=_line(text, i))
            i = m.end()
            continue
        if c == "/" and text.startswith("/*", i):
            close = text.find("*/", i + 2)
            if close < 0:
                raise SourceParseError("unclosed comment in a Go template", line=_line(text, i))
            i = close + 2
            continue
        i += 1
    raise SourceParseError("unclosed action '{{' in a Go template", line=_line(text, start))


def _unquote(token: str) -> str:
    if token[0] == "`":
        return token[1:-1]
    body = token[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), body)


def parse(text: str, path: str) -> tuple[list[tuple], list[tuple[int, str]]]:
    """Pieces ``(kind, offset, text, name, verbatim)`` and comments ``(offset, body)`` of a Go template."""
    pieces: list[tuple] = []
    comments: list[tuple[int, str]] = []
    pos = 0  # where the static text not yet emitted starts
    trim_next = False
    while True:
        open_at = text.find("{{", pos)
        if open_at < 0:
            break
        body_start = open_at + 2
        trim_before = text.startswith("-", body_start) and body_start + 1 < len(text) and text[body_start + 1] in " \t\r\n"
        if trim_before:
            body_start += 2
        close_at = _action_end(text, body_start)
        body_end = close_at
        trim_after = close_at >= 2 and text[close_at - 1] == "-" and text[close_at - 2] in " \t\r\n" \
            and close_at - 1 >= body_start
        if trim_after:
            body_end = close_at - 1
        end = close_at + 2
        _static(pieces, text, pos, open_at, trim_next, trim_before)
        body = text[body_start:body_end].strip()
        _emit(pieces, comments, body, open_at, text[open_at:end], text)
        pos = end
        trim_next = trim_after
    _static(pieces, text, pos, len(text), trim_next, False)
    return pieces, comments


def _static(pieces: list, text: str, start: int, end: int, trim_start: bool, trim_end: bool) -> None:
    """The text between two actions, the white space a trim marker takes away removed."""
    static = text[start:end]
    if trim_start:
        stripped = static.lstrip(" \t\r\n")
        start += len(static) - len(stripped)
        static = stripped
    if trim_end:
        static = static.rstrip(" \t\r\n")
    if static:
        pieces.append(("static", start, static, None, True))


def _emit(pieces: list, comments: list, body: str, at: int, written: str, text: str) -> None:
    if not body:
        raise SourceParseError("empty action '{{}}' in a Go template", line=_line(text, at))
    if body.startswith("/*"):
        if not body.endswith("*/"):
            raise SourceParseError("a Go template comment must end its action", line=_line(text, at))
        comments.append((at, body[2:-2].strip()))
        return
    m = _CONSTANT.fullmatch(body)
    if m is not None and body[0] in "\"'`":
        value = _unquote(body)
        if value:
            pieces.append(("static", at, value, None, False))
        return
    if m is not None:  # a number or a boolean written out
        pieces.append(("static", at, body, None, False))
        return
    d = _DECLARE.fullmatch(body)
    if d is not None and _CONSTANT.fullmatch(d.group(1).strip() or '""'):
        return  # ``$x := ""``: writes nothing
    head = _WORD.match(body)
    keyword = head.group(0) if head else ""
    if keyword in _QUIET and body == keyword:
        return
    if keyword in _CONTROL:
        pieces.append(("variable", at, "", body, True))
        return
    pieces.append(("variable", at, written, body, True))


# The fields a chat server gives a template of one message: its role (LocalAI's ``.RoleName``, Ollama's
# ``.Role``).  A template that writes the role of the message it renders frames each message of a chat.
_ROLE_FIELD = re.compile(r"(?<![\w\]\)])\.(?:RoleName|Role)\b")


def frames_messages(text: str) -> bool:
    """Whether a Go template writes the role of the message it renders (LocalAI's ``chat_message``:
    ``<|im_start|>{{ .RoleName }}``, Ollama's ``{{ if eq .Role "user" }}``): a chat format, message framing
    rather than a prompt, as a Jinja chat template is (``template_jinja.is_chat_template``)."""
    return any(_ROLE_FIELD.search(text[m.start():m.end()]) for m in re.finditer(r"\{\{.*?\}\}", text, re.S))


# A model's control tokens, which a chat format writes around the text: ``<|im_start|>``, ``<｜User｜>``,
# ``<start_of_turn>``, ``</s>``, ``[INST]``, ``[/INST]``, ``[AVAILABLE_TOOLS]``, ``<<SYS>>``.
_CONTROL_TOKEN = re.compile(r"<\|[^|<>\n]*\|>|<｜[^｜<>\n]*｜>|</?[A-Za-z_][\w.-]*>|\[/?[A-Z_]+\]|<</?[A-Z]+>>")


# Quoted strings of the JSON or Python literals a template writes around its fields (a tool's
# ``{"type": "function", "function": {"name": "{{.Name}}", ...}}``): data, not what it says.
_QUOTED = re.compile(r'"[^"\n]*"|\'[^\'\n]*\'')


def prose_of(static_text: str) -> str:
    """The static text of a Go template with the model's control tokens and the quoted strings of its
    literals taken out: what it says to the model besides the chat format's markers and the data it
    lays out, and what is left of them (punctuation), as words separated by spaces."""
    text = _QUOTED.sub(" ", _CONTROL_TOKEN.sub(" ", static_text))
    return " ".join(w for w in text.split() if any(c.isalpha() for c in w))  # (punctuation left of a literal)

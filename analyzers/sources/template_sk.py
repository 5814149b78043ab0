"""Semantic Kernel's prompt template syntax (``skprompt.txt``; ``template_format: semantic-kernel``).

A block is ``{{ ... }}`` holding one of (Semantic Kernel, "Prompt template syntax"):

* a variable, ``{{$input}}``: a placeholder named ``input`` (kept as written); Teams AI's prompt folders
  (the same ``skprompt.txt``) name a memory path, ``{{$conversation.lists}}``: ``TemplateSection`` reads
  the value with ``Memory.getValue(path)``, which splits the path on dots into a scope and a key;
* a function call, ``{{time.Date}}``, ``{{recall $input}}``, ``{{plugin.fn arg=$x "text"}}``: a
  placeholder too (its output is computed at render time), named by the call as written;
* a value, ``{{'text'}}`` / ``{{"text"}}``: that text, static (how a literal ``{{`` is written).

There are no comments and no control flow.  As in Semantic Kernel's tokenizer, a ``{{`` that is never
closed, or an empty block, is plain text.
"""

from __future__ import annotations

import re

_VARIABLE = re.compile(r"\$([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")
_FUNCTION = re.compile(r"[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)?(?:\s+.*)?", re.S)
_VALUE = re.compile(r"""(['"])(.*)\1""", re.S)


def parse(text: str, path: str) -> tuple[list[tuple], list[tuple[int, str]]]:
    pieces: list[tuple] = []
    pos = 0
    search = 0
    while True:
        open_at = text.find("{{", search)
        if open_at < 0:
            break
        close_at = text.find("}}", open_at + 2)
        if close_at < 0:
            break  # never closed: text
        inner_open = open_at
        body = text[open_at + 2:close_at].strip()
        kind = _block(body)
        if kind is None:
            # the innermost "{{" before the closing "}}" may open one ("{{{{$x}}" is "{{" + a block)
            inner_open = text.rfind("{{", open_at, close_at)
            body = text[inner_open + 2:close_at].strip()
            kind = _block(body)
        end = close_at + 2
        if kind is None:
            search = open_at + 2
            continue
        if inner_open > pos:
            pieces.append(("static", pos, text[pos:inner_open], None, True))
        if kind == "value":
            quote = body[0]
            value = body[1:-1].replace("\\" + quote, quote).replace("\\\\", "\\")
            if value:
                pieces.append(("static", inner_open, value, None, False))
        else:
            name = body[1:] if kind == "variable" else body
            pieces.append(("variable", inner_open, text[inner_open:end], name, True))
        pos = search = end
    if pos < len(text):
        pieces.append(("static", pos, text[pos:], None, True))
    return pieces, []


def _block(body: str) -> str | None:
    """variable | function | value, or None for text that is not a block (empty, ``{{ }}`` in prose)."""
    if not body:
        return None
    if _VARIABLE.fullmatch(body):
        return "variable"
    if _VALUE.fullmatch(body):
        return "value"
    if _FUNCTION.fullmatch(body):
        return "function"
    return None


def looks_sk(text: str) -> bool:
    """Whether ``text`` uses Semantic Kernel blocks: a ``{{$variable}}`` or a call with a ``$``
    argument (``{{recall $input}}``), which neither Jinja nor Mustache can parse."""
    return bool(_SK_HINT.search(text))


_SK_HINT = re.compile(r"\{\{\s*(?:\$[A-Za-z_]|[A-Za-z_][\w.]*\s+[^{}\n]*\$[A-Za-z_])")

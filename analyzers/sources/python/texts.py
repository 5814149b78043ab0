"""What a string's pieces hold: str.format fields, %-directives, strftime runs, prose, JSON, filled slots."""

from __future__ import annotations

import json
import re
import string

from .. import python_literals as lit
from ..prompt_names import SQL_STATEMENT, count_words
from .rules import _CONFIG_FILE, _DIAGRAM, _HTML, _LETTERS, _RICH, _TERMINAL_ASK, _TERMINAL_STYLE


_ONLY_FIELDS = re.compile(r"\{[A-Za-z_]\w*\}")
_SLOT_LINE = re.compile(r"^[ \t]*\{[A-Za-z_]\w*\}[ \t]*$", re.M)
_FENCE_BLOCK = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n(.*?)^[ \t]*\1", re.M | re.S)


def _fenced_slots(text: str) -> bool:
    """dev-gpt ``Microservice description:\n```\n{microservice_description}\n```\n...``: a fenced block
    whose only line is a ``{name}`` is a slot the code fills with ``str.format`` (the block quotes the
    data), not a code example; so is a text whose every brace is a ``{name}`` field (LangChain's
    ``Action: one of [{tool_names}]`` format instructions: no code between those braces).  Then the
    whole text must read as a format string whose fields are all names.  (Template detection leaves braces inside code blocks out, for the code examples they
    usually are.)"""
    if "{" not in text or ("```" not in text and "~~~" not in text):
        return False
    if not any(_SLOT_LINE.fullmatch(m.group(2).strip("\n")) for m in _FENCE_BLOCK.finditer(text)) \
            and _ONLY_FIELDS.sub("", text).count("{") + _ONLY_FIELDS.sub("", text).count("}"):
        return False
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError:
        return False
    return bool(fields) and all(f.isidentifier() for f in fields)


def _prose(static: str) -> bool:
    """Text written for a model: some letters, and not SQL, browser markup, diagram source,
    terminal (Rich) markup or a one-line terminal prompt for a person (``Continue? [y/N]``,
    ``respond, or q to quit, or hit enter``), a config file (TOML/INI/systemd: a ``[section]``
    header first) or a terminal style (prompt_toolkit ``bold fg:ansiyellow``)."""
    return bool(_LETTERS.search(static)) and not SQL_STATEMENT.match(static) and not _HTML.match(static) \
        and not _DIAGRAM.match(static) and not _RICH.match(static) \
        and not ("\n" not in static.strip() and _TERMINAL_ASK.search(_last_sentence(static))) \
        and not _CONFIG_FILE.match(static) and not _TERMINAL_STYLE.match(static)


def _json_document(pieces: list) -> bool:
    """A JSON object or array written as a string, its placeholders values inside it (pipecat's Nova Sonic
    ``prompt_end = f'''{{"event": {{"promptEnd": {{"promptName": "{self._prompt_name}"}}}}}}'''``, an event
    of the service's protocol sent with ``_send_client_event``): data a program parses, not text for a model."""
    text = "".join(p.text if isinstance(p, lit.Chunk) else "0" for p in pieces).strip()
    if not text.startswith(("{", "[")):
        return False
    try:
        return isinstance(json.loads(text), (dict, list))
    except ValueError:
        return False


def _xml_document(pieces: list) -> bool:
    """An XML element written as a string, its placeholders values inside it, whose every text is one value,
    no sentence (WeChat's reply packet ``<xml><ToUserName><![CDATA[{to_user}]]></ToUserName>...
    <CreateTime>{create_time}</CreateTime>...</xml>``, LangBot's ``XMLParse.AES_TEXT_RESPONSE_TEMPLATE``):
    a message of a protocol that a program parses, when its name alone made it a candidate (a text the code
    puts in a model's message, DeepCode's ``<environment_context><cwd>...</cwd>...``, is sent all the same).
    A prompt that wraps its instructions in tags holds sentences in them."""
    from xml.etree import ElementTree

    text = "".join(p.text if isinstance(p, lit.Chunk) else "0" for p in pieces).strip()
    if not (text.startswith("<") and text.endswith(">")) or "<!" in text.replace("<![CDATA[", ""):
        return False  # (no DOCTYPE or entity declarations are parsed)
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return False
    elements = list(root.iter())
    texts = [t.strip() for el in elements for t in (el.text, el.tail) if t and t.strip()]
    return len(elements) > 1 and all(len(t.split()) <= 1 for t in texts)


def _one_word(pieces: list) -> bool:
    """Static text and placeholders written together without a space between them
    (``"pairwise_{model_or_physician}_{metric}_{pred_str}"``, ``f"{run_dir}/{name}.json"``): one word
    counting placeholders, a key or a path, under the size rule (a Han or Kana character is a word)."""
    static = lit.static_text(pieces)
    return any(isinstance(p, lit.Var) for p in pieces) and not any(c.isspace() for c in static) \
        and count_words(static) <= 1


def _slot_fields(pieces: list, slots: set[str]) -> tuple[list, bool]:
    """Each occurrence of a slot marker in the static text becomes a variable named by its words
    (``<ui_element>`` -> ``ui_element``), located where it is written."""
    pattern = re.compile("|".join(re.escape(m) for m in sorted(slots, key=len, reverse=True)))
    hits: list = []

    def slot(out: lit.Builder, p: lit.Chunk, m: re.Match) -> None:
        name = re.sub(r"\W+", "_", m.group()).strip("_") or m.group()
        out.var(lit.Var(m.group(), p.file_offset(m.start())[0], m.group(), name))
        hits.append(m)

    return _cut_at(pieces, pattern, slot), bool(hits)


def _cut_at(pieces: list, pattern: re.Pattern, emit) -> list:
    """Each static chunk cut at the matches of ``pattern``: the text between stays static and located,
    ``emit(builder, chunk, match)`` puts each match in (a variable, an escape)."""
    out = lit.Builder()
    for p in pieces:
        if isinstance(p, lit.Var):
            out.var(p)
            continue
        pos = 0
        for m in pattern.finditer(p.text):
            if m.start() > pos:
                out.extend([_sub(p, pos, m.start())])
            emit(out, p, m)
            pos = m.end()
        if pos < len(p.text):
            out.extend([_sub(p, pos, len(p.text))] if pos else [p])
    return out.pieces


def _last_sentence(text: str) -> str:
    """The last sentence of a line: a question to a person at a terminal ends with its choices or the key to
    press (``Run these commands? [y/N]``); a one-line system prompt may mention a key earlier (SeeAct's
    ``... type text or press Enter with the keyboard. ... Terminate when you deem the task complete ...``)."""
    parts = re.split(r"(?<=[.!?])\s+(?=\S)", text.strip())
    return parts[-1] if parts else text


def _fields(pieces: list, syntax: str, path: str) -> list:
    """Template fields in the static text of ``pieces`` become variables (each chunk parsed whole,
    so a field or block spanning escapes is found; its position is where it starts)."""
    from ..template import parse_pieces

    out = lit.Builder()
    for p in pieces:
        if isinstance(p, lit.Var):
            out.var(p)
            continue
        if syntax == "percent":
            found = _percent(p.text)
        else:
            found, _comments = parse_pieces(p.text, path, syntax)
        for kind, offset, text, name, _verbatim in found:
            if kind == "note":
                continue
            if kind == "variable":
                file, _ = p.file_offset(offset)
                expression = text[1:-1] if syntax == "format" else (name if name is not None else text)
                out.var(lit.Var(text, file, expression, name if name is not None else text))
            elif text == p.text[offset:offset + len(text)]:
                out.extend([_sub(p, offset, offset + len(text))])
            else:  # an escape ({{ -> {, %% -> %): located at the escape
                out._escape(text, p.file_offset(offset)[0])
    return out.pieces


def _sub(chunk: lit.Chunk, a: int, b: int) -> lit.Chunk:
    runs = [lit.Run(lo - a, f, v) for lo, hi, f, v in chunk.slices(a, b)]
    return lit.Chunk(chunk.text[a:b], runs)


# A run of strftime directives with the separators between them (``%Y-%m-%d``, ``%H:%M``), or ``%%``.
_STRFTIME_RUN = re.compile(r"%%|%[-_0^#]?[A-Za-z](?:[-/:., T]*%[-_0^#]?[A-Za-z])*")


_PERCENT = re.compile(r"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")


def _percent(text: str) -> list[tuple]:
    pieces, pos, auto = [], 0, 0
    for m in _PERCENT.finditer(text):
        if m.start() > pos:
            pieces.append(("static", pos, text[pos:m.start()], None, True))
        if m.group().endswith("%") and m.group() == "%%":
            pieces.append(("static", m.start(), "%", None, False))
        else:
            name = m.group("key")
            if name is None:
                name, auto = str(auto), auto + 1
            pieces.append(("variable", m.start(), m.group(), name, True))
        pos = m.end()
    if pos < len(text):
        pieces.append(("static", pos, text[pos:], None, True))
    return pieces


def _cleandoc(pieces: list) -> list:
    """``inspect.cleandoc``: exact when it only removes whitespace (else approximate positions)."""
    import inspect

    text = lit._masked(pieces)
    want = inspect.cleandoc(text)
    spans, i, j = [], 0, 0
    while i < len(text):
        if j < len(want) and text[i] == want[j]:
            i, j = i + 1, j + 1
            continue
        if not text[i].isspace():
            raise lit.Unreadable("cleandoc")
        spans.append((i, i + 1))
        i += 1
    if j != len(want):
        raise lit.Unreadable("cleandoc")
    return lit.delete(pieces, spans)

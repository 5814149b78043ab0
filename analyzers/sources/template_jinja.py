"""Jinja2 templates, read with jinja2's own lexer (and validated with its parser).

Returns *pieces* ``(kind, offset, text, name)`` with offsets into the text as given; ``template.py``
turns them into located segments.  ``kind`` is ``static`` or ``variable``; a control tag (``{% if %}``,
``{% for %}``...) is a variable piece with empty text, since what follows it depends on the data.
"""

from __future__ import annotations

import bisect
import re

from ..inputs import open_text
from .interface import SourceParseError

# Tags after which the output depends on the data (or on another template).
_CONTROL = {"if", "elif", "else", "for", "call", "filter", "trans", "pluralize", "with", "autoescape"}
# Tags whose own text stands for output from elsewhere: kept as written, like a placeholder.
_OUTPUT = {"include", "extends"}
_INCLUDE_DEPTH = 8  # nested includes followed (and a file never includes itself)
_LOOKUP_LEVELS = 4  # folders above the template searched for an included name
_including: list[str] = []
# Tags whose body is not output where it stands (a definition or a capture).
_SILENT = {"macro": "endmacro", "set": "endset"}
# Tags that produce nothing and change nothing after them.  ``message`` is Haystack's chat-message tag
# (``{% message role="user" %}...{% endmessage %}``, ``haystack/utils/jinja2_chat_extension.py``, read by its
# ``ChatPromptBuilder`` from a string template): it frames its body as one message, which is the text sent.
_QUIET = {"import", "from", "do", "break", "continue", "block", "endblock", "message"}

_NEWLINE = re.compile(r"\r\n|\r|\n")


_ENV_CLASS = None
_LEXER = None

# jinja2's root rule finds the next tag with a lazy ``(.*?)`` that retries the tag alternation at
# every character of the text.  The data before a tag ends exactly at the first "{{", "{%" or "{#"
# (one of the alternatives always matches there), so the unrolled form below captures the same
# group, with the same groups after it, while the regex engine skips plain text in C.
_ROOT_DATA = "(.*?)"
_ROOT_DATA_FAST = r"([^{]*(?:\{(?![{%#])[^{]*)*)"
_ROOT_TAGS = (r"(?:(?P<raw_begin>\{%(\-|\+|)\s*raw\s*(?:\-%\}\s*|%\}))|(?P<variable_begin>\{\{(\-|\+|))"
              r"|(?P<comment_begin>\{\#(\-|\+|))|(?P<block_begin>\{%(\-|\+|)))")


def _fast_lexer(env):
    """A private jinja2 lexer for ``env`` (default delimiters) with the faster root rule; jinja's own
    lexer when its root rule is not the one this was checked against (another jinja2 version)."""
    global _LEXER
    if _LEXER is None:
        from jinja2.lexer import Lexer, get_lexer

        lexer = Lexer(env)
        rule = lexer.rules["root"][0]
        if rule.pattern.pattern == _ROOT_DATA + _ROOT_TAGS:
            lexer.rules["root"][0] = rule._replace(pattern=re.compile(_ROOT_DATA_FAST + _ROOT_TAGS,
                                                                      rule.pattern.flags))
        else:  # pragma: no cover - a different jinja2
            lexer = get_lexer(env)
        _LEXER = lexer
    return _LEXER


def _environment(tokens: list | None = None):
    """A jinja2 environment; with ``tokens`` (what ``lexer.tokeniter`` gave for the source being
    parsed) its parser reuses them instead of lexing the same text a second time."""
    global _ENV_CLASS
    if _ENV_CLASS is None:
        import jinja2
        from jinja2.lexer import TokenStream

        class _Environment(jinja2.Environment):
            pretokens: tuple[str, list] | None = None  # (source, tokeniter output)

            @property
            def lexer(self):
                return _fast_lexer(self)

            def _tokenize(self, source, name, filename=None, state=None):
                pre = self.pretokens
                if pre is None or state is not None or pre[0] is not source \
                        or self.preprocess(source, name, filename) != source:
                    return super()._tokenize(source, name, filename, state)
                stream = TokenStream(self.lexer.wrap(iter(pre[1]), name, filename), name, filename)
                for ext in self.iter_extensions():
                    stream = ext.filter_stream(stream)
                    if not isinstance(stream, TokenStream):
                        stream = TokenStream(stream, name, filename)
                return stream

        _ENV_CLASS = _Environment
    env = _ENV_CLASS(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols", "jinja2.ext.i18n", _chat_message_extension()])
    return env


_MESSAGE_EXTENSION = None


def _chat_message_extension():
    """Haystack's ``{% message role=... [name=...] [meta=...] %}`` ... ``{% endmessage %}`` tag, parsed (its
    keyword arguments and body) so that a template using it validates; what it renders is not needed here."""
    global _MESSAGE_EXTENSION
    if _MESSAGE_EXTENSION is None:
        from jinja2 import nodes
        from jinja2.ext import Extension

        class ChatMessage(Extension):
            tags = {"message"}

            def parse(self, parser):
                lineno = next(parser.stream).lineno
                while parser.stream.current.type != "block_end":
                    parser.stream.expect("name")
                    parser.stream.expect("assign")
                    parser.parse_expression()
                    parser.stream.skip_if("comma")
                body = parser.parse_statements(("name:endmessage",), drop_needle=True)
                return nodes.Scope(body, lineno=lineno)

        _MESSAGE_EXTENSION = ChatMessage
    return _MESSAGE_EXTENSION


_SHARED_ENV = None


def _shared_environment():
    """One environment for every file (an environment and its extensions reference each other: a new
    one per file is garbage only the cyclic collector frees, which a large corpus would pile up)."""
    global _SHARED_ENV
    if _SHARED_ENV is None:
        _SHARED_ENV = _environment()
    return _SHARED_ENV


class _OffsetMap:
    """Offsets in the newline-normalised text (what jinja's lexer sees) -> offsets in the file text."""

    def __init__(self, text: str):
        self.identity = "\r" not in text
        if self.identity:
            self.normalised = text
            return
        parts: list[str] = []
        self.norm_starts: list[int] = [0]
        self.orig_starts: list[int] = [0]
        pos = norm = 0
        for m in _NEWLINE.finditer(text):
            parts.append(text[pos:m.start()] + "\n")
            norm += m.start() - pos + 1
            pos = m.end()
            self.norm_starts.append(norm)
            self.orig_starts.append(pos)
        parts.append(text[pos:])
        self.normalised = "".join(parts)

    def __call__(self, offset: int) -> int:
        if self.identity:
            return offset
        i = bisect.bisect_right(self.norm_starts, offset) - 1
        return self.orig_starts[i] + offset - self.norm_starts[i]


_OPENERS = re.compile(r"\{\{|\{%|\{#")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _unclosed(source: str) -> int | None:
    """Offset of the first opening delimiter whose closing one does not come before the next opening."""
    opens = list(_OPENERS.finditer(source))
    for i, m in enumerate(opens):
        if m.group() == "{%" and re.match(r"\{%-?\s*raw\s*-?%\}", source[m.start():]):
            return None  # raw blocks may hold anything: leave the diagnosis to jinja
        limit = opens[i + 1].start() if i + 1 < len(opens) else len(source)
        if source.find(_CLOSERS[m.group()], m.end(), limit) < 0:
            if m.group() == "{{" and source.find("}}", m.end()) >= 0 and i + 1 < len(opens):
                # nested braces such as {{ {'a': 1} }} close later; only a missing close counts
                nxt = source.find("}}", m.end())
                if nxt >= 0 and "\n\n" not in source[m.end():nxt]:
                    continue
            return m.start()
    return None


# A model's chat template (Hugging Face's ``chat_template``, rendered by transformers'
# ``apply_chat_template`` and by llama.cpp, vLLM, GPT4All, text-generation-webui): a Jinja program that
# loops over the conversation's ``messages`` and frames each one in the model's tokens.  It is the
# message framing of every request, not a prompt (no text of its own reaches the model as an
# instruction, beyond an optional default system line).  Told by the loop and by a name that the
# chat-template documentation gives such programs: the ``add_generation_prompt`` flag, the
# ``bos_token``/``eos_token`` strings and the ``raise_exception`` helper.
_MESSAGES_LOOP = re.compile(r"\{%[-+]?\s*for\s+\w+\s+in\s+\w*messages\b")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_CHAT_TEMPLATE_NAMES = re.compile(r"\b(?:add_generation_prompt|bos_token|eos_token|raise_exception)\b")


def loops_over_messages(text: str) -> bool:
    """A Jinja ``{% for m in messages %}`` (or over ``loop_messages``...): the text renders a conversation."""
    return bool(_MESSAGES_LOOP.search(text))


def is_chat_template(text: str) -> bool:
    """Whether a Jinja text is a model's chat template (see above): it loops over ``messages`` and a tag
    uses a chat-template name (``add_generation_prompt``, ``bos_token``, ``eos_token``, ``raise_exception``)."""
    return "{%" in text and loops_over_messages(text) and \
        any(_CHAT_TEMPLATE_NAMES.search(m.group()) for m in _TAG.finditer(text))


def _unquote(token: str) -> str:
    return token[1:-1].encode("ascii", "backslashreplace").decode("unicode-escape")


def parse(text: str, path: str) -> tuple[list[tuple], list[tuple[int, str]]]:
    pieces, comments = _parse_marked(text, path)
    return [p for p in pieces if p[0] not in _MARKERS], comments


# Block boundaries kept while a template is parsed, for ``{% extends %}`` (dropped from what ``parse`` returns).
_MARKERS = ("block", "endblock")


def _parse_marked(text: str, path: str) -> tuple[list[tuple], list[tuple[int, str]]]:
    import jinja2

    env = _shared_environment()
    omap = _OffsetMap(text)
    source = omap.normalised
    try:  # lexed once; a lexer error is reported as the parser meets it (below)
        tokens: list | None = list(env.lexer.tokeniter(source, None))
    except jinja2.TemplateSyntaxError:
        tokens = None
    try:
        env.pretokens = (source, tokens) if tokens is not None else None
        try:
            env.parse(source)  # structure: unclosed blocks, unknown tags, bad expressions
        finally:
            env.pretokens = None
        if tokens is None:
            tokens = list(env.lexer.tokeniter(source, None))
    except jinja2.TemplateSyntaxError as exc:
        line, message = exc.lineno, f"Jinja syntax error: {exc.message}"
        opened = _unclosed(source)
        if opened is not None and source.count("\n", 0, opened) + 1 <= (line or 0):
            line = source.count("\n", 0, opened) + 1
            message = f"unclosed {source[opened:opened + 2]!r} in Jinja template ({exc.message})"
        raise SourceParseError(message, line=line,
                               hint="use --syntax none to read the file as plain text") from None

    pieces: list[tuple] = []
    comments: list[tuple[int, str]] = []
    cursor = 0
    tag_start = 0  # offset of the current tag's opening delimiter
    inner: list[tuple[str, str, int]] = []  # (token type, value, offset) inside the current tag
    silent: list[str] = []  # stack of end tags whose bodies are not output
    parent: tuple[str, int, str, str] | None = None  # {% extends "name" %}: (name, offset, written, body)

    def locate(value: str) -> int:
        nonlocal cursor
        pos = source.find(value, cursor)
        if pos < 0 or source[cursor:pos].strip():  # only stripped whitespace may be skipped
            raise SourceParseError("could not map Jinja tokens back to the file",
                                   line=source.count("\n", 0, cursor) + 1)
        cursor = pos + len(value)
        return pos

    for _lineno, kind, value in tokens:
        if not value:
            continue
        pos = locate(value)
        if kind == "data":
            if not silent:
                pieces.append(("static", omap(pos), text[omap(pos):omap(pos + len(value))], None, True))
        elif kind in ("variable_begin", "block_begin", "comment_begin"):
            tag_start, inner = pos, []
        elif kind == "comment":
            comments.append((omap(tag_start), value.strip()))
        elif kind in ("raw_begin", "raw_end", "comment_end"):
            pass
        elif kind in ("variable_end", "block_end"):
            end = pos + len(value.rstrip())
            written = text[omap(tag_start):omap(end)]
            words = [(k, v) for k, v, _ in inner if k != "whitespace"]
            if inner:
                body = source[inner[0][2]:inner[-1][2] + len(inner[-1][1])]
            else:
                body = ""
            body = " ".join(body.split())
            if kind == "variable_end":
                if silent:
                    continue
                if len(words) == 1 and words[0][0] == "string":
                    # {{ "{{" }}: a constant, the usual way to write a literal brace pair
                    pieces.append(("static", omap(tag_start), _unquote(words[0][1]), None, False))
                else:
                    pieces.append(("variable", omap(tag_start), written, body, True))
                continue
            keyword = words[0][1] if words else ""
            if keyword in _SILENT and not (keyword == "set" and any(v == "=" for _, v in words)):
                silent.append(_SILENT[keyword])
            elif silent and keyword == silent[-1]:
                silent.pop()
            elif not silent and keyword in _MARKERS:
                pieces.append((keyword, omap(tag_start), "", words[1][1] if len(words) > 1 else "", True))
            elif not silent and keyword == "extends" and len(words) > 1 and words[1][0] == "string" \
                    and parent is None:
                parent = (_unquote(words[1][1]), omap(tag_start), written, body)
            elif silent or keyword.startswith("end") or keyword in _QUIET or keyword == "set":
                pass
            elif keyword == "include" and len(words) > 1 and words[1][0] == "string":
                pieces.extend(_include(path, _unquote(words[1][1]), omap(tag_start), written, body))
            elif keyword in _OUTPUT:
                pieces.append(("variable", omap(tag_start), written, body, True))
            else:  # if/for/else/call/filter... and any tag an extension adds
                pieces.append(("variable", omap(tag_start), "", body, True))
        else:
            inner.append((kind, value, pos))
    if parent is not None:
        pieces = _extend(path, parent, pieces)
    return pieces, comments


def _blocks(pieces: list[tuple]) -> dict[str, list[tuple]]:
    """Each block's pieces (markers of blocks nested in it included), by name."""
    out: dict[str, list[tuple]] = {}
    open_: list[tuple[str, int]] = []
    for i, piece in enumerate(pieces):
        if piece[0] == "block":
            open_.append((piece[3], i))
        elif piece[0] == "endblock" and open_:
            name, start = open_.pop()
            out.setdefault(name, pieces[start + 1:i])
    return out


def _extend(path: str, parent: tuple[str, int, str, str], pieces: list[tuple]) -> list[tuple]:
    """A child template's output: its parent's, each block the child defines replaced by the child's
    version (Jinja's template inheritance; text outside the child's blocks is not output).  The parent's
    own text is static text located at the ``{% extends %}`` tag, as an include's is; a parent not found
    leaves the tag a placeholder for text from elsewhere, with a note."""
    name, at, written, body = parent
    found = _find_include(path, name)
    if found is None or found in _including or len(_including) >= _INCLUDE_DEPTH:
        note = [("note", at, f"parent template {name!r} not found next to {path}: its text is not counted",
                 None, False)] if found is None else []
        return [*note, ("variable", at, written, body, True)]
    try:
        with open(found, encoding="utf-8") as f:
            ptext = f.read()
        _including.append(found)
        try:
            base, _ = _parse_marked(ptext, found)
        finally:
            _including.pop()
    except (OSError, UnicodeDecodeError, SourceParseError) as exc:
        why = exc.message if isinstance(exc, SourceParseError) else str(exc)
        return [("note", at, f"parent template {name!r}: {why}; its text is not counted", None, False),
                ("variable", at, written, body, True)]
    own = _blocks(pieces)
    out: list[tuple] = []
    skip = 0  # depth inside a parent block the child replaces
    for piece in base:
        kind = piece[0]
        if skip:
            skip += 1 if kind == "block" else -1 if kind == "endblock" else 0
            if skip:
                continue
            out.append(piece[:1] + (at,) + piece[2:4] + (False,))
            continue
        if kind == "block" and piece[3] in own:
            out.append(piece[:1] + (at,) + piece[2:4] + (False,))
            out.extend(own[piece[3]])
            skip = 1
            continue
        out.append((kind, at, *piece[2:4], False))
    return out


def _find_include(path: str, name: str) -> str | None:
    import os

    if not path or path == "-" or os.path.isabs(name):
        return None
    folder = os.path.dirname(os.path.abspath(path))
    for _ in range(_LOOKUP_LEVELS + 1):
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return None


def _include(path: str, name: str, at: int, written: str, body: str) -> list[tuple]:
    """The pieces an ``{% include "name" %}`` at offset ``at`` stands for (see the module doc)."""
    found = _find_include(path, name)
    if found is None:
        return [("note", at, f"included template {name!r} not found next to {path}: its text is not counted",
                 None, False)]
    if found in _including or len(_including) >= _INCLUDE_DEPTH:
        return [("variable", at, written, body, True)]
    try:
        with open_text(found, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        return [("note", at, f"included template {name!r} unreadable ({exc}): its text is not counted", None, False)]
    _including.append(found)
    try:
        inner, _comments = parse(text, found)
    except SourceParseError as exc:
        return [("note", at, f"included template {name!r}: {exc.message}; its text is not counted", None, False)]
    finally:
        _including.pop()
    # Located at the include tag: a segment has no file of its own.
    return [(kind, at, text_, name_, False) for kind, _off, text_, name_, _verbatim in inner]

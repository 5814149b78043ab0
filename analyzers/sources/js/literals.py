"""A literal read into static and variable parts (``_Part``): templates, joins, calls, trims; ``_Candidate``."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass

from ...js_tree import text as _text
from ..prompt_names import name_words
from .grammar import _TRIMS
from .tree import _prop_name


@dataclass
class _Part:
    kind: str  # static | variable
    text: str
    start: int  # byte offset in the file
    verbatim: bool = True
    expression: str | None = None


# ---------------------------------------------------------------------------------------------
# Literal values -> parts


def literal_parts(node) -> list[_Part] | None:
    """The parts of a string-valued expression made of literals, or None when it is not one."""
    t = node.type
    if t == "string":
        return _template_parts(node)
    if t == "template_string":
        return _template_parts(node)
    if t in ("parenthesized_expression", "await_expression", "as_expression", "satisfies_expression",
             "non_null_expression", "type_assertion"):
        inner = next((c for c in node.named_children if c.type not in ("type_annotation",)), None)
        return literal_parts(inner) if inner is not None and t != "type_assertion" else (
            literal_parts(node.named_children[-1]) if node.named_children else None)
    if t == "binary_expression" and node.child_by_field_name("operator") is not None \
            and _text(node.child_by_field_name("operator")) == "+":
        return _concat_parts(node)
    if t == "call_expression":
        return _call_parts(node)
    return None


def _template_parts(node) -> list[_Part]:
    """The parts of a string or template literal (a plain string has no substitutions)."""
    parts: list[_Part] = []
    for c in node.named_children:
        if c.type == "string_fragment":
            parts.append(_Part("static", _text(c), c.start_byte))
        elif c.type == "escape_sequence":
            parts.append(_Part("static", _unescape(_text(c)), c.start_byte, verbatim=False))
        elif c.type == "template_substitution":
            inner = _text(c)[2:-1].strip()
            expr = c.named_children[0] if c.named_children else None
            nested = literal_parts(expr) if expr is not None and expr.type in _LITERAL_NODES else None
            if nested is not None:  # ${oneLine`...`}, ${"text"}: text the code writes, not a value
                parts.extend(nested)
                continue
            parts.append(_Part("variable", _text(c), c.start_byte, expression=inner))
    return parts


# Expressions whose text the code writes out: a nested literal is static text of the outer one.
_LITERAL_NODES = frozenset({"string", "template_string", "call_expression"})
# common-tags (https://github.com/zspecza/common-tags) tags and what they do to the text: ``oneLine``
# replaces each line break and the indentation after it by one space, ``oneLineTrim`` removes them,
# ``codeBlock``/``html``/``source``/``stripIndent`` remove the common indentation, ``stripIndents``
# all of it; each trims the result.  (The ``dedent``/``outdent`` packages remove the common indentation.)
_ONE_LINE_TAGS = {"oneLine": " ", "oneLineTrim": ""}
_DEDENT_TAGS = frozenset({"dedent", "outdent", "stripIndent", "stripIndents", "codeBlock", "html", "source"})
_TRIMMING_TAGS = frozenset({"stripIndent", "stripIndents", "codeBlock", "html", "source"})
_LINE_BREAK_INDENT = re.compile(r"\n\s*")


def _one_line(parts: list[_Part], sep: str, pattern: re.Pattern = _LINE_BREAK_INDENT,
              trim: bool = True) -> list[_Part]:
    """Each line break and the whitespace after it replaced by ``sep`` (common-tags ``oneLine``:
    a space, ``oneLineTrim``: nothing), the pieces around it keeping their positions; then trimmed.
    (With ``pattern`` ``\\s+`` and no trim: ``.replace(/\\s+/g, " ")``.)"""
    out: list[_Part] = []
    for p in parts:
        if p.kind != "static" or not pattern.search(p.text):
            out.append(p)
            continue
        at, offset = 0, p.start
        for m in pattern.finditer(p.text):
            if m.start() > at:
                out.append(_Part("static", p.text[at:m.start()], offset, p.verbatim))
            if sep:
                out.append(_Part("static", sep, p.start + len(p.text[:m.start()].encode()), False))
            at = m.end()
            offset = p.start + len(p.text[:at].encode())
        if at < len(p.text):
            out.append(_Part("static", p.text[at:], offset, p.verbatim))
    return _trim(out, "both") if trim else out


_WHITESPACE_RUN = re.compile(r"\s+")


def _concat_parts(node) -> list[_Part] | None:
    operands = []
    stack = [node]
    while stack:  # left-to-right leaves of a + b + c
        n = stack.pop()
        op = n.child_by_field_name("operator") if n.type == "binary_expression" else None
        if op is not None and _text(op) == "+":
            stack.append(n.child_by_field_name("right"))
            stack.append(n.child_by_field_name("left"))
        else:
            operands.append(n)
    parts: list[_Part] = []
    literal = False
    for o in operands:
        sub = literal_parts(o)
        if sub is None:
            inner = o
            while inner.type in ("parenthesized_expression", "await_expression") and inner.named_children:
                inner = inner.named_children[0]  # `(await getBase()) + ...`: the call's value
            expr = _text(inner) if inner.type == "call_expression" else _text(o)
            parts.append(_Part("variable", _text(o), o.start_byte, expression=expr))
        else:
            literal = True
            parts.extend(sub)
    return parts if literal else None


def _call_parts(node) -> list[_Part] | None:
    fn = node.child_by_field_name("function")
    args = node.child_by_field_name("arguments")
    if fn is None or args is None:
        return None
    if fn.type == "member_expression":
        obj = fn.child_by_field_name("object")
        prop = _text(fn.child_by_field_name("property") or fn)
        if prop in _TRIMS and not args.named_children:
            inner = _named(literal_parts(obj))
            return _trim(inner, _TRIMS[prop]) if inner is not None else None
        if prop in ("replace", "replaceAll") and _collapses_whitespace(args):
            inner = _named(literal_parts(obj))  # `...`.replace(/\s+/g, " "): one line, single spaces
            return _one_line(inner, " ", _WHITESPACE_RUN, trim=False) if inner is not None else None
        while prop == "join" and obj.type == "call_expression" and obj.child_by_field_name("function") is not None \
                and obj.child_by_field_name("function").type == "member_expression" \
                and _prop_name(obj.child_by_field_name("function")) == "filter":
            inner = obj.child_by_field_name("function").child_by_field_name("object")
            if inner is None or inner.type != "array" or not any(
                    i.type in ("string", "template_string") for i in inner.named_children):
                break  # ([fix, feat].filter(Boolean): values only, a composition as before)
            obj = inner  # ['Generate a concise...', `Message language: ${locale}`].filter(Boolean).join('\n')
        if prop == "join" and obj.type == "array" and len(args.named_children) <= 1:
            return _joined_items(obj, args)
        if prop in ("replace", "replaceAll") and len(args.named_children) == 2:
            # `...{{ANSWER_TAG}}...`.replace(/{{ANSWER_TAG}}/g, TAGS.ANSWER): the literal with what
            # the call puts in
            inner = _named(literal_parts(obj))
            return _replaced(inner, *args.named_children) if inner is not None else None
    found = _FORMATTER.get()(fn) if _FORMATTER.get() is not None else None
    if found is not None:  # util.format(`You are %s...`, name): the literal with the call's values in its fields
        from .printf import _members, call_fill, printf_parts

        template, values = call_fill(node, *found) or (None, None)
        if template is None or template.type not in ("string", "template_string"):
            return None
        return printf_parts(_named(_template_parts(template)), found[0], [_text(v) for v in values],
                            [_members(v) for v in values], end=template.end_byte - 1)
    if fn.type == "identifier" and _text(fn) == "dedent" and len(args.named_children) == 1 \
            and args.named_children[0].type in ("template_string", "string"):
        # dedent(`...`): the package called as a function does to the text what its tag does
        return _dedent_package(_named(_template_parts(args.named_children[0])))
    if args.type == "template_string":  # a tagged template: dedent`...`, String.raw`...`
        parts = _named(_template_parts(args))
        tag = _text(fn).split(".")[-1]
        if tag in _ONE_LINE_TAGS:
            return _one_line(parts, _ONE_LINE_TAGS[tag])
        if tag == "dedent":
            return _dedent_package(parts)
        if tag in _DEDENT_TAGS or name_words(tag)[-1:] in (["dedent"], ["outdent"]):
            # (a project's own dedent tag says so by its name: Cody's ``psDedent``)
            parts = _dedent(parts)
            return _trim(parts, "both") if tag in _TRIMMING_TAGS else parts
        return parts
    return None


_REGEX_META = re.compile(r"[\\^$.|?*+()\[\]]")


def _pattern_text(node) -> str | None:
    """The text a ``.replace`` pattern matches when it is one fixed string: a string literal, or a
    regular expression without metacharacters (``/{{ANSWER_TAG}}/g``; braces not forming a quantifier
    are literal)."""
    if node.type == "string":
        return "".join(p.text for p in _template_parts(node)) or None
    if node.type == "regex":
        pattern = node.child_by_field_name("pattern")
        text = _text(pattern) if pattern is not None else ""
        if text and not _REGEX_META.search(text) and not re.search(r"\{\d", text):
            return text
    return None


def _replaced(parts: list[_Part], pattern, repl) -> list[_Part]:
    """``parts`` with each occurrence of ``pattern`` (a fixed text) replaced by ``repl``: the text of a
    constant (placed where the occurrence is), else a variable whose expression is ``repl`` as written.
    A pattern that is not a fixed text leaves the parts as they are written."""
    key = _pattern_text(pattern)
    if not key:
        return parts
    value = _named(literal_parts(repl)) if repl.type in ("string", "template_string") else \
        _named([_Part("variable", _text(repl), repl.start_byte, expression=_text(repl))])
    constant = value is not None and all(p.kind == "static" for p in value)
    out: list[_Part] = []
    for p in parts:
        if p.kind != "static" or not p.verbatim or key not in p.text:
            out.append(p)
            continue
        at = 0
        for piece_start in [m.start() for m in re.finditer(re.escape(key), p.text)]:
            if piece_start > at:
                out.append(_Part("static", p.text[at:piece_start], p.start + len(p.text[:at].encode())))
            where = p.start + len(p.text[:piece_start].encode())
            if constant:
                out.append(_Part("static", "".join(v.text for v in value), where, verbatim=False))
            else:
                out.append(_Part("variable", key, where, expression=_text(repl)))
            at = piece_start + len(key)
        if at < len(p.text):
            out.append(_Part("static", p.text[at:], p.start + len(p.text[:at].encode())))
    return out


def _collapses_whitespace(args) -> bool:
    """Whether the arguments are ``(/\\s+/g, " ")``: every run of whitespace made one space."""
    if len(args.named_children) != 2:
        return False
    regex, repl = args.named_children
    if regex.type != "regex" or repl.type != "string":
        return False
    pattern, flags = regex.child_by_field_name("pattern"), regex.child_by_field_name("flags")
    return pattern is not None and _text(pattern) == r"\s+" and flags is not None and "g" in _text(flags) \
        and "".join(_text(c) for c in repl.named_children) == " "


# The names in scope while a file's literals are read (``resolve_names`` bound to its tree and
# imports): a transform of the text (trim, whitespace collapse, a dedent tag) applies to the text of the
# constants spliced into it too, so they are replaced first.
_NAMES: ContextVar = ContextVar("js_names", default=None)
# The printf-style formatter a call's function is in the file being read (``js.printf.formatter`` bound to its
# imports): callee node -> (kind, index of the template argument) or None.
_FORMATTER: ContextVar = ContextVar("js_formatter", default=None)


def _named(parts):
    names = _NAMES.get()
    return names(parts) if names is not None and parts is not None else parts


def _trim(parts: list[_Part], side: str) -> list[_Part]:
    parts = list(parts)
    if side in ("both", "start"):
        while parts and parts[0].kind == "static":
            stripped = parts[0].text.lstrip()
            if stripped:
                cut = len(parts[0].text) - len(stripped)
                p = parts[0]
                parts[0] = _Part("static", stripped, p.start + len(p.text[:cut].encode()), p.verbatim)
                break
            parts.pop(0)
    if side in ("both", "end"):
        while parts and parts[-1].kind == "static":
            stripped = parts[-1].text.rstrip()
            if stripped:
                p = parts[-1]
                parts[-1] = _Part("static", stripped, p.start, p.verbatim)
                break
            parts.pop()
    return parts


def _dedent_package(parts: list[_Part]) -> list[_Part]:
    """What npm ``dedent`` (dmnd/dedent, tag or function) makes of a literal: the smallest indentation among
    the lines that have one is cut from every line, then the text is trimmed.  A line written right after
    the backtick has no indentation and does not count (`` dedent(`You are an expert...\n    {...`) ``: the
    package's README example), where common-tags' ``stripIndent`` counts it and cuts nothing."""
    return _trim(_dedent(parts, indented_only=True), "both")


def _dedent(parts: list[_Part], indented_only: bool = False) -> list[_Part]:
    """Common leading indentation removed from every line (what ``dedent`` tags do), line by line so
    each static piece keeps its exact position; the first and last blank lines are dropped.
    ``indented_only``: the common indentation of the lines that have one."""
    lines_text = "".join(p.text if p.kind == "static" else "x" for p in parts).split("\n")
    indents = [len(ln) - len(ln.lstrip(" \t")) for ln in lines_text if ln.strip()]
    if indented_only:
        indents = [i for i in indents if i > 0]
    cut = min(indents) if indents else 0
    out: list[_Part] = []
    at_line_start = False
    for p in parts:
        if p.kind != "static" or not p.verbatim:
            out.append(p)
            at_line_start = False
            continue
        offset = p.start
        for piece in p.text.splitlines(keepends=True):
            if at_line_start:
                drop = len(piece) - len(piece.lstrip(" \t"))
                drop = min(drop, cut)
                offset += drop
                piece = piece[drop:]
            if piece:
                out.append(_Part("static", piece, offset))
            offset += len(piece.encode())
            at_line_start = piece.endswith("\n")
    text = "".join(p.text for p in out)
    if text.startswith("\n") and out and out[0].kind == "static":
        out[0] = _Part("static", out[0].text[1:], out[0].start + 1)
    return _trim_last_blank(out)


def _trim_last_blank(parts: list[_Part]) -> list[_Part]:
    if parts and parts[-1].kind == "static":
        p = parts[-1]
        head, sep, tail = p.text.rpartition("\n")
        if sep and not tail.strip():
            parts[-1] = _Part("static", head, p.start, p.verbatim)
    return [p for p in parts if p.text or p.kind == "variable"]


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _unescape(seq: str) -> str:
    body = seq[1:]
    if body[:1] in _ESCAPES and len(body) == 1:
        return _ESCAPES[body]
    if body.startswith("u{"):
        return chr(int(body[2:-1], 16))
    if body[:1] in ("u", "x"):
        try:
            return chr(int(body[1:], 16))
        except ValueError:
            return body
    if body.startswith(("\n", "\r")):  # a line continuation
        return ""
    return body


def array_join_parts(array, join_args) -> list[_Part] | None:
    """The text of an array literal's items joined as ``NAME.join(sep)`` joins them (``join_args``: the
    call's arguments): literal items are text, other items (``...spread``, names) variables.  None for
    an empty array."""
    return _joined_items(array, join_args) if array.named_children else None


def _joined_items(array, join_args) -> list[_Part] | None:
    """``[...].join(sep)`` as parts (None when the separator is not a literal)."""
    sep_parts = literal_parts(join_args.named_children[0]) if join_args.named_children else \
        [_Part("static", ",", join_args.start_byte, verbatim=False)]
    if sep_parts is None:
        return None
    out: list[_Part] = []
    for i, item in enumerate(array.named_children):
        sub = literal_parts(item)
        if sub is None:
            sub = [_Part("variable", _text(item), item.start_byte, expression=_text(item))]
        if i:
            out.extend(_Part(p.kind, p.text, p.start, False, p.expression) for p in sep_parts)
        out.extend(sub)
    return out


# ---------------------------------------------------------------------------------------------
# The source


@dataclass
class _Candidate:
    value: object  # the value node
    slot: object  # the node naming it (declarator, pair, call...)
    own: str | None  # its own name in the qualified name
    role: str | None
    message: bool = False  # found as a chat message's content (not by a name)
    decl: object = None  # the declared identifier, for a declaration
    by_path: bool = False  # weak evidence: the file's path says prompts, or pushed into a joined array
    branch: bool = False  # one branch of a conditional (``cond ? `A` : `B```)
    join: object = None  # for an array literal: the arguments of the ``.join(...)`` that makes it one text
    as_is: bool = False  # spliced whole by other files into prompts none of which is filled as a template
    command: bool = False  # holds Claude Code's $ARGUMENTS: a command's prompt, whatever names enclose it
    item: bool = False  # a `.map` callback's text spliced into a prompt: its records, reported on their own
    sent: bool = False  # a declaration named as a prompt that the code sends as a chat message with its role
    turn: bool = False  # the whole text of a chat turn a function sends (param_messages): a message at any size
    jsx: bool = False  # an AI.JSX message element (``<SystemMessage>...</SystemMessage>``): its children are the text

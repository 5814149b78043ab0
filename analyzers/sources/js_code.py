"""Prompts kept as string literals and template literals in JavaScript and TypeScript source
(``.js .mjs .cjs .jsx .ts .mts .cts .tsx``; compiled ``dist/*.js`` too), parsed with tree-sitter, never
run.

A literal is a prompt by the rule of ``prompt_names`` applied to where it sits:

* the value of a declaration, class field, object property or assignment whose name says prompt
  (``const SYSTEM_PROMPT = `...```, ``static systemPrompt = "..."``, ``{ system: "...",
  instructions: `...` }``, ``this.prompt = ...``);
* a chat message's ``content`` (an object with a ``role``; ``["system", "..."]`` pairs), an argument
  of a call whose name says prompt or message role (``new SystemMessage("...")``,
  ``PromptTemplate.fromTemplate("...")``);
* the value a function whose name says prompt returns (``getSystemPrompt() { return `...` }``);
* in a file whose path says prompts (``src/core/prompts/sections/rules.ts``, ``prompt.ts``): any
  returned literal, exported constant, or local that the function returns;

never UI text, log or error messages, SQL (their names and uses say nothing of prompts), and never
under the size rule.  ``${expr}`` is a variable segment (its text as written, ``expression`` the code
inside); ``+`` concatenations, ``[...].join(sep)``, ``.trim()`` and ``as``/``satisfies`` wrappers are
followed; other expressions inside a concatenation are variables too.  A literal without ``${}`` that
holds template syntax (``{topic}``, ``{{name}}``) is parsed as that template.  Each prompt is named
``FILE:Qualified.name`` (enclosing classes, functions, objects and calls, then its own name), with
``Prompt.container`` that name and ``Prompt.role`` when the name or message says it.
"""

from __future__ import annotations

import bisect
import os
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from ..model import Prompt, Segment, SourceError
from ..js_tree import FUNCTIONS as _FUNCTIONS, text as _text, walk
from .config_fields import METADATA_KEYS, translated_instruction
from .interface import LoadedFile, NoPrompts, SourceOptions, SourceParseError
from .js_project import (
    defining_module, imported_params, imports_of, importer, keep_tree, note_tree, resolved_path, summary_of,
    take_tree,
)
from .walk import PROMPT_FOLDERS, agent_file, in_translation_folder
# (the same patterns as the Python source's "text written for a model" rule)
from .python_code import _DIAGRAM, _HTML
from .prompt_names import (
    ERROR_SCOPE_WORDS, PROMPT_WORDS, count_words, excluded_by_scope, has_prompt_size, holds_template_syntax, is_path_prompty, looks_like_code,
    SQL_STATEMENT, name_words, names_prompts, role_of, says_prompt, says_prompt_in,
)

JS_EXTENSIONS = (".js", ".mjs", ".cjs", ".jsx")
TS_EXTENSIONS = (".ts", ".mts", ".cts")
TSX_EXTENSIONS = (".tsx",)
EXTENSIONS = (*JS_EXTENSIONS, *TS_EXTENSIONS, *TSX_EXTENSIONS)
# A JS/TS file a directory walk finds above this size is skipped with a warning (named on the command
# line it is read).  Its syntax tree takes ~60 bytes per byte of source (measured: 630 MB and 18 s for
# a 10 MB bundle), and hand-written modules stay far below it (the largest of the Cline, Continue, Roo
# Code, Vercel AI, LlamaIndexTS, AnythingLLM and bolt.new trees: 0.96 MB, a test file); what is larger
# is generated (a 3.5 MB model catalogue) or bundled, and repeats literals its sources already hold.
MAX_WALK_BYTES = 2_000_000
ROLES = {"system": "system", "developer": "developer", "user": "user", "human": "user",
         "assistant": "assistant", "ai": "assistant", "model": "assistant", "tool": "tool"}
_TRIMS = {"trim": "both", "trimStart": "start", "trimLeft": "start", "trimEnd": "end", "trimRight": "end"}
NO_PROMPTS_HINT = ("a literal is read as a prompt when its name or use says so (SYSTEM_PROMPT, "
                   "{role, content}, system:/instructions: properties); see the README's rule")

# Pre-filter in C (tree-sitter predicates) on names worth a look; the Python rule decides.
_NAMEISH = "(?i)(prompt|system|instruction|template|tmpl|tpl|persona|backstory|preamble|content|goal|" \
           "description|expected_output|message|msg|^text$)"
_QUERY_COMMON = f"""
(variable_declarator name: (identifier) @name value: (_) @value)
(pair key: (_) @name value: (_) @value (#match? @name "{_NAMEISH}"))
(assignment_expression left: (_) @name right: (_) @value (#match? @name "{_NAMEISH}"))
(call_expression function: (_) @name arguments: (arguments (_) @value) (#match? @name "{_NAMEISH}"))
(new_expression constructor: (_) @name arguments: (arguments (_) @value) (#match? @name "{_NAMEISH}"))
(array . (string) @name . (_) @value .)
(return_statement (_) @value)
(arrow_function body: (_) @value)
(variable_declarator name: (_) @owner value: (object (pair key: (_) @name value: (_) @value))
  (#match? @owner "{_NAMEISH}"))
(pair key: (_) @owner value: (object (pair key: (_) @name value: (_) @value)) (#match? @owner "{_NAMEISH}"))
(return_statement (object (pair key: (_) @name value: (_) @value)))
(arrow_function body: (parenthesized_expression (object (pair key: (_) @name value: (_) @value))))
"""
_QUERY_JS = _QUERY_COMMON + f"""
(field_definition property: (_) @name value: (_) @value (#match? @name "{_NAMEISH}"))
"""
_QUERY_TS = _QUERY_COMMON + f"""
(public_field_definition name: (_) @name value: (_) @value (#match? @name "{_NAMEISH}"))
"""
# Calls of UI translation functions (i18next ``t``, vue-i18n ``$t``, react-intl ``formatMessage``):
# text built with them is shown to people.
# Calls of terminal styling libraries (chalk, kleur, picocolors, ansi-colors, colors): text they colour is
# printed for a person (a model has no use for ANSI escape codes).
_TERMINAL_STYLE = re.compile(r"(?:chalk|kleur|picocolors|pc|ansiColors|colors|ansis)(?:\.[A-Za-z]\w*)+\s*\(")
_I18N_CALL = re.compile(r"(?:[\w$.]*\.)?(?:t|\$t|i18n\.t|formatMessage|translate)\s*\(")
_KINDS = ("decl", "pair", "assign", "call", "new", "tuple", "return", "arrow", "pair", "pair", "pair", "pair",
          "field")


@lru_cache(maxsize=4)
def _grammar(kind: str):
    import tree_sitter as ts

    if kind == "js":
        import tree_sitter_javascript as grammar

        lang = ts.Language(grammar.language())
        query = _QUERY_JS
    else:
        import tree_sitter_typescript as grammar

        lang = ts.Language(grammar.language_tsx() if kind == "tsx" else grammar.language_typescript())
        query = _QUERY_TS
    return ts.Parser(lang), ts.Query(lang, query)


# The call shapes the read-through rules look at, found in C (the Python rules decide): calls of a
# named function, ``X.replace("{slot}", value)`` fills, and shorthand ``content`` properties.
_QUERY_READS = """
(call_expression function: (identifier) @callee arguments: (arguments) @args)
(call_expression function: (member_expression property: (property_identifier) @method)
  arguments: (arguments . (string) . (_) .) @fill (#match? @method "^replace(All)?$"))
(call_expression function: (member_expression property: (property_identifier) @remethod)
  arguments: (arguments . (regex) . (_) .) @refill (#match? @remethod "^replace(All)?$"))
((shorthand_property_identifier) @shorthand (#eq? @shorthand "content"))
(variable_declarator name: (identifier) @owner value: (object (shorthand_property_identifier) @member)
  (#match? @owner "(?i)(prompt|instruction|template|persona)"))
"""


@lru_cache(maxsize=4)
def _reads_query(language):
    import tree_sitter as ts

    return ts.Query(language, _QUERY_READS)


def _reads(root, language) -> dict[str, list]:
    """The nodes ``_QUERY_READS`` captures in the tree of ``root``, by capture name, in file order."""
    import tree_sitter as ts

    caps = ts.QueryCursor(_reads_query(language)).captures(root)
    return {name: sorted(nodes, key=lambda n: n.start_byte) for name, nodes in caps.items()}


def _kind(path: str) -> str:
    lower = path.lower()
    if lower.endswith(TSX_EXTENSIONS):
        return "tsx"
    if lower.endswith(TS_EXTENSIONS):
        return "ts"
    return "js"


class _Positions:
    """tree-sitter points (row, byte column) -> 1-based (line, character column)."""

    def __init__(self, data: bytes):
        self.data = data
        self.ascii = data.isascii()
        self.starts = [0]
        find = data.find
        pos = find(b"\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = find(b"\n", pos + 1)

    def at_byte(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[row]
        if self.ascii:
            return row + 1, offset - start + 1
        return row + 1, len(self.data[start:offset].decode("utf-8", "replace")) + 1

    def char_offset(self, offset: int) -> int:
        return offset if self.ascii else len(self.data[:offset].decode("utf-8", "replace"))


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
    if args.type == "template_string":  # a tagged template: dedent`...`, String.raw`...`
        parts = _named(_template_parts(args))
        tag = _text(fn).split(".")[-1]
        if tag in _ONE_LINE_TAGS:
            return _one_line(parts, _ONE_LINE_TAGS[tag])
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


def _named(parts):
    names = _NAMES.get()
    return names(parts) if names is not None and parts is not None else parts


_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_MAX_INLINE_DEPTH = 3


def resolve_names(parts: list[_Part], root, depth: int = 0, seen: frozenset = frozenset(),
                  imported=None) -> list[_Part]:
    """Parts with each ``${NAME}`` (or ``+ NAME``) that names a ``const`` of the same file bound to a
    string literal replaced by that literal's text, located where the constant is written.  The value
    is the same on every request, so it is static text of the prompt, as a module constant named in a
    Python f-string is.  A literal whose own ``${...}`` are not all such constants, a ``let``/``var``,
    a parameter, and a const bound to a call stay variables: their value can change.
    ``imported(NAME)`` (``js_project.importer``), when given, is the text of a constant the file
    imports (``NAME``, or ``NS.NAME`` of ``import * as NS``); it is placed at the ``${...}`` (the text
    is written in the other file)."""
    if depth >= _MAX_INLINE_DEPTH:
        return parts
    out: list[_Part] = []
    for p in parts:
        name = p.expression if p.kind == "variable" else None
        if name and _IDENT.fullmatch(name) and name not in seen:
            sub = _const_parts(root, name, p.start)
            if sub is not None:
                # its text, its own variables where they are written (`${missionStatement}` holding
                # `${IDENTITY} ... as per the ${commitConvention}`: the first variable is the latter)
                out.extend(resolve_names(sub, root, depth + 1, seen | {name}, imported))
                continue
        called = _called_here(root, p) if name and name.endswith(")") and depth + 1 < _MAX_INLINE_DEPTH else None
        if called is not None:
            # `${getApproachStrategy()}`: the one literal a same-file function returns, its own
            # variables where they are written
            out.extend(resolve_names(called, root, depth + 1, seen | {name}, imported))
            continue
        joined = _static_joined(root, p, imported) if name and name.endswith(")") and ".join(" in name else None
        if joined is not None:
            # `${NutJSElectronOperator.MANUAL.ACTION_SPACES.join('\n')}`: a constant array a class or
            # object holds as a static member (this file's or imported), joined in place: its text
            out.append(_Part("static", joined, p.start, verbatim=False))
            continue
        member = _member_parts(root, name, p.start) if name and "." in name and name not in seen else None
        if member is not None:
            # `${PROMPT_TOPICS.OUTPUT}` of a module constant object whose member is a constant
            # literal: its text, as the constant's own would be
            out.extend(resolve_names(member, root, depth + 1, seen | {name}, imported))
            continue
        if name and imported is not None and (_MEMBER.fullmatch(name) or (
                name.endswith("()") and _MEMBER.fullmatch(name[:-2]))) \
                and not _bound_in_file(root, name.split(".")[0].removesuffix("()"), p.start):
            # (``${locateGroundingRules()}``: an imported function returning one constant literal)
            text = imported(name)
            if text is not None:
                out.append(_Part("static", text, p.start, verbatim=False))
                continue
        out.append(p)
    return out


_CHAIN = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+")


def _static_joined(root, part: _Part, imported) -> str | None:
    """The text of ``${A.B.C.join(sep)}`` (``part``) when ``A`` is a class or ``const`` object of this
    file, or an imported one, holding a constant array at ``B.C`` (``js_project.static_arrays``), and
    ``sep`` a literal: the items joined as the code joins them."""
    node = root.descendant_for_byte_range(part.start, part.start)
    while node is not None and node.type not in ("template_substitution", "call_expression"):
        node = node.parent
    if node is not None and node.type == "template_substitution":
        node = node.named_children[0] if node.named_children else None
    fn = node.child_by_field_name("function") if node is not None and node.type == "call_expression" else None
    args = node.child_by_field_name("arguments") if fn is not None else None
    if fn is None or fn.type != "member_expression" or _prop_name(fn) != "join" or args is None \
            or len(args.named_children) > 1:
        return None
    sep = literal_parts(args.named_children[0]) if args.named_children else [_Part("static", ",", 0)]
    chain = _text(fn.child_by_field_name("object") or fn)
    if sep is None or any(p.kind != "static" for p in sep) or not _CHAIN.fullmatch(chain):
        return None
    head, _, rest = chain.partition(".")
    if _bound_locally(root, head, part.start):
        return None
    from .js_project import static_arrays

    here = _STATICS.get((root.id, root.end_byte))
    if here is None:
        if len(_STATICS) > 64:
            _STATICS.clear()
        here = _STATICS[(root.id, root.end_byte)] = static_arrays(root)
    if head in here:
        items = here[head].get(rest)
    else:
        lookup = getattr(imported, "items", None) if imported is not None else None
        items = lookup(chain) if lookup is not None else None
    return "".join(p.text for p in sep).join(items) if items is not None else None


_STATICS: dict = {}


def object_literal(value):
    """The object literal a constant is bound to, through ``as const``, ``satisfies``, parentheses and
    ``Object.freeze(...)`` (None for anything else)."""
    while value is not None:
        if value.type == "object":
            return value
        if value.type in ("as_expression", "satisfies_expression", "parenthesized_expression"):
            value = value.named_children[0] if value.named_children else None
        elif value.type == "call_expression" and _text(value.child_by_field_name("function") or value) \
                == "Object.freeze":
            args = value.child_by_field_name("arguments")
            value = args.named_children[0] if args is not None and len(args.named_children) == 1 else None
        else:
            return None
    return None


def object_members(obj) -> dict[str, object]:
    """The value nodes of an object literal's ``key: value`` pairs, by key (identifier or string keys)."""
    out = {}
    for pair in obj.named_children:
        if pair.type != "pair":
            continue
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if key is None or value is None or key.type not in ("property_identifier", "string"):
            continue
        out[_text(key).strip("'\"")] = value
    return out


def _member_parts(root, name: str, at: int) -> list[_Part] | None:
    """The parts of ``NAME.member`` when ``NAME`` is a module-level ``const`` bound to an object literal
    (a table of tag names, ``{OUTPUT: ps`CODE5711`} as const``) whose member is a literal, and nothing in
    the file assigns to that member."""
    head, _, member = name.partition(".")
    if not _MEMBER.fullmatch(name) or not member or _bound_locally(root, head, at):
        return None
    decl = _const_declarator(root, head, None)
    obj = object_literal(decl.child_by_field_name("value")) if decl is not None else None
    value = object_members(obj).get(member) if obj is not None else None
    if value is None or _assigns_member(root, name):
        return None
    return literal_parts(value)


_ASSIGNED_MEMBERS: dict = {}


def _assigns_member(root, name: str) -> bool:
    key = (root.id, root.end_byte)
    if key not in _ASSIGNED_MEMBERS:
        if len(_ASSIGNED_MEMBERS) > 64:
            _ASSIGNED_MEMBERS.clear()
        _ASSIGNED_MEMBERS[key] = {_text(n.child_by_field_name("left")) for n in walk(root, every=True)
                                  if n.type == "assignment_expression" and n.child_by_field_name("left") is not None
                                  and n.child_by_field_name("left").type == "member_expression"}
    return name in _ASSIGNED_MEMBERS[key]


def _called_here(root, part: _Part) -> list[_Part] | None:
    """The parts of the literal a same-file function returns, when ``part`` is ``${f(...)}``."""
    node = root.descendant_for_byte_range(part.start, part.start)
    while node is not None and node.type != "template_substitution":
        node = node.parent
    expr = node.named_children[0] if node is not None and node.named_children else None
    if expr is None or expr.type != "call_expression":
        return None
    callee = expr.child_by_field_name("function")
    if callee is None or callee.type != "identifier" or _bound_locally(root, _text(callee), part.start):
        return None
    return _returned_literal(root, expr)


_MEMBER = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?")


def _bound_in_file(root, name: str, at: int) -> bool:
    """Whether ``name`` is declared in the file where it is used at ``at`` (a parameter, a local or a
    module-level declaration): then it is not the imported binding."""
    return _bound_locally(root, name, at) or \
        any(_text(d.child_by_field_name("name") or d) == name for d in _declarators(root, ("const", "let", "var")))


def _bound_locally(root, name: str, at: int) -> bool:
    """Whether a parameter or a local of an enclosing function named ``name`` is in scope at ``at``."""
    use = root.descendant_for_byte_range(at, at)
    scope = _enclosing_function(use) if use is not None else None
    while scope is not None:
        if _binds(scope, name):
            return True
        body = scope.child_by_field_name("body")
        if body is not None and body.type == "statement_block" and any(
                _text(d.child_by_field_name("name") or d) == name for d in _declarators(body, ("const", "let", "var"))):
            return True
        scope = _enclosing_function(scope)
    return False


def _const_parts(root, name: str, at: int) -> list[_Part] | None:
    use = root.descendant_for_byte_range(at, at)
    decl = _const_declarator(root, name, use)
    value = decl.child_by_field_name("value") if decl is not None else None
    if value is None:
        return None
    return literal_parts(value) or _returned_literal(root, value)


def _returned_literal(root, value) -> list[_Part] | None:
    """The parts of the one literal a same-file function returns, for ``const x = f(...)``
    (``getRequestPromptFromHints = (hints) => `...${hints.city}...```): the text the call evaluates to,
    its ``${...}`` (the function's parameters) variables.  None for a function with several returns."""
    while value.type in ("await_expression", "parenthesized_expression") and value.named_children:
        value = value.named_children[0]
    callee = value.child_by_field_name("function") if value.type == "call_expression" else None
    if callee is None or callee.type != "identifier":
        return None
    return function_literal(_module_functions(root).get(_text(callee)))


def function_literal(fn) -> list[_Part] | None:
    """The parts of the one literal the function ``fn`` returns (its expression body or its only
    ``return``), or None."""
    body = fn.child_by_field_name("body") if fn is not None else None
    if body is None:
        return None
    if body.type != "statement_block":
        return literal_parts(body) or _constant_returned(fn, body)
    returns = [n for n in walk(body, every=True) if n.type == "return_statement" and _enclosing_function(n).id == fn.id]
    if len(returns) != 1 or not returns[0].named_children:
        return None
    return literal_parts(returns[0].named_children[0]) or _constant_returned(fn, returns[0].named_children[0])


def _constant_returned(fn, value) -> list[_Part] | None:
    """The parts of the module constant a function returns by name (``getDefaultSystemPrompt() { return
    DEFAULT_PREAMBLE }`` with ``const DEFAULT_PREAMBLE = ps`You are Cody...```), or None."""
    if value.type != "identifier" or _binds(fn, _text(value)):
        return None
    root = fn
    while root.parent is not None:
        root = root.parent
    decl = _const_declarator(root, _text(value), None)
    inner = decl.child_by_field_name("value") if decl is not None else None
    return literal_parts(inner) if inner is not None and inner.type != "call_expression" or (
        inner is not None and inner.child_by_field_name("arguments") is not None
        and inner.child_by_field_name("arguments").type == "template_string") else None


def _declarators(body, kinds=("const",)):
    """Declarators of ``kinds`` among the statements of a block or module (exported ones too)."""
    for st in body.named_children:
        if st.type == "export_statement":
            st = st.child_by_field_name("declaration") or st
        if st.type in ("lexical_declaration", "variable_declaration") and st.children \
                and _text(st.children[0]) in kinds:
            yield from (d for d in st.named_children if d.type == "variable_declarator")


_NESTED_BLOCKS = frozenset({"statement_block", "try_statement", "catch_clause", "finally_clause", "if_statement",
                            "else_clause", "for_statement", "for_in_statement", "while_statement", "do_statement",
                            "switch_statement", "switch_body", "switch_case", "switch_default", "labeled_statement"})


def _block_declarators(body, kinds=("let", "var")):
    """Declarators of ``kinds`` in a function body or module, also those inside its nested blocks (``try {
    let filePrompt: string; if (...) filePrompt = `...` }``), not inside nested functions or classes."""
    yield from _declarators(body, kinds)
    stack = list(reversed(body.named_children))
    while stack:
        n = stack.pop()
        if n.type not in _NESTED_BLOCKS:
            continue
        if n.type in ("statement_block", "switch_case", "switch_default"):
            yield from _declarators(n, kinds)
        stack.extend(reversed(n.named_children))


def _binding_function(node, name: str):
    """The innermost function around ``node`` that has a parameter ``name``; None when none has."""
    fn = _enclosing_function(node)
    while fn is not None and not _binds(fn, name):
        fn = _enclosing_function(fn)
    return fn


def _binds(scope, name: str) -> bool:
    """A parameter of ``scope`` named ``name`` (it shadows a module constant)."""
    params = scope.child_by_field_name("parameters") or scope.child_by_field_name("parameter")
    if params is None:
        return False
    return any(n.type in ("identifier", "shorthand_property_identifier_pattern") and _text(n) == name
               for n in walk(params, every=True))


def _const_declarator(root, name: str, use):
    """The ``const name = ...`` in scope at ``use``: in an enclosing function before the use, else at
    module level; None when a parameter or a ``let``/``var`` of that name is in scope (or the module
    declares it with ``let``/``var``)."""
    node = use.parent if use is not None else None
    while node is not None and node.type != "program":
        if node.type in _FUNCTIONS and _binds(node, name):
            return None
        if node.type == "statement_block":  # a function's body or an inner block (`if (...) { const x }`)
            for d in _declarators(node, ("const", "let", "var")):
                n = d.child_by_field_name("name")
                if n is not None and _text(n) == name:
                    is_const = _text(d.parent.children[0]) == "const"
                    return d if is_const and d.end_byte <= use.start_byte else None
        node = node.parent
    found = None
    for d in _declarators(root, ("const", "let", "var")):
        n = d.child_by_field_name("name")
        if n is not None and _text(n) == name:
            if _text(d.parent.children[0]) != "const" or found is not None:
                return None
            found = d
    return found


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


def _dedent(parts: list[_Part]) -> list[_Part]:
    """Common leading indentation removed from every line (what ``dedent`` tags do), line by line so
    each static piece keeps its exact position; the first and last blank lines are dropped."""
    lines_text = "".join(p.text if p.kind == "static" else "x" for p in parts).split("\n")
    indents = [len(ln) - len(ln.lstrip(" \t")) for ln in lines_text if ln.strip()]
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


# ---------------------------------------------------------------------------------------------
# Names: where a literal sits


def _prop_name(node) -> str:
    """The name of a key, identifier or member target (``this.systemPrompt`` -> ``systemPrompt``)."""
    if node is None:
        return ""
    if node.type == "member_expression":
        return _prop_name(node.child_by_field_name("property"))
    if node.type == "subscript_expression":
        return _prop_name(node.child_by_field_name("index"))
    if node.type == "string":
        return "".join(_text(c) for c in node.named_children)
    if node.type in ("call_expression", "new_expression"):
        return _prop_name(node.child_by_field_name("function") or node.child_by_field_name("constructor"))
    return _text(node)


_SCOPES = {"class_declaration", "class", "abstract_class_declaration", "function_declaration",
           "generator_function_declaration", "method_definition", "variable_declarator", "pair",
           "call_expression", "new_expression", "field_definition", "public_field_definition",
           "interface_declaration", "module", "internal_module"}


def _scope_name(node) -> str | None:
    t = node.type
    if t == "pair":
        return _prop_name(node.child_by_field_name("key"))
    if t in ("call_expression", "new_expression"):
        fn = node.child_by_field_name("function") or node.child_by_field_name("constructor")
        return _prop_name(fn) if fn is not None else None
    if t == "field_definition":
        return _prop_name(node.child_by_field_name("property"))
    name = node.child_by_field_name("name")
    return _prop_name(name) if name is not None else None


# Global functions that only convert a value (``String(await model.call(`...`))``): no scope of a name.
_CONVERSIONS = frozenset({"String", "Number", "Boolean"})


def _qualified(node, own: str | None) -> list[str]:
    """Enclosing named scopes, outermost first, then ``own`` (list items as ``[i]``)."""
    names: list[str] = []
    child = node
    parent = node.parent
    while parent is not None:
        if parent.type == "array":
            idx = next((i for i, c in enumerate(parent.named_children) if c.id == child.id), None)
            if idx is not None:
                names.append(f"[{idx}]")
        elif parent.type in _SCOPES and parent.id != node.id:
            name = _scope_name(parent)
            if name and not (parent.type in ("call_expression", "new_expression")
                             and (child.type != "arguments" or name in _CONVERSIONS)):
                names.append(name)
        child, parent = parent, parent.parent
    names.reverse()
    if own:
        names.append(own)
    return names


def _join(names: list[str]) -> str:
    out = ""
    for n in names:
        out += n if (n.startswith("[") or not out) else f".{n}"
    return out


def _enclosing_function(node):
    p = node.parent
    while p is not None:
        if p.type in _FUNCTIONS:
            return p
        p = p.parent
    return None


def _excluded(cand) -> bool:
    """Whether the scopes around a candidate's slot make it no prompt (``title: {template: X}``)."""
    names = _qualified(cand.slot, cand.own)
    return bool(names) and excluded_by_scope(names[-1], names[:-1])


def _spliced_names(node) -> list[str]:
    """Identifiers spliced whole into a template literal or a ``+`` concatenation."""
    out = []
    while node.type == "parenthesized_expression" and node.named_children or _text_method(node):
        node = node.named_children[0] if node.type == "parenthesized_expression" else \
            node.child_by_field_name("function").child_by_field_name("object")
    if node.type == "call_expression" and node.child_by_field_name("arguments") is not None \
            and node.child_by_field_name("arguments").type == "template_string":
        node = node.child_by_field_name("arguments")  # a tagged template: dedent`...${generationDetails}...`
    if node.type == "template_string":
        for sub in node.named_children:
            if sub.type != "template_substitution" or len(sub.named_children) != 1:
                continue
            inner = sub.named_children[0]
            while _text_method(inner):  # ${additionalContext.trim()}
                inner = inner.child_by_field_name("function").child_by_field_name("object")
            if inner.type == "identifier":
                out.append(_text(inner))
            else:
                out.extend(_section_names(inner))
    elif node.type == "binary_expression" and node.child_by_field_name("operator") is not None \
            and _text(node.child_by_field_name("operator")) == "+":
        for side in ("left", "right"):
            child = node.child_by_field_name(side)
            if child is not None and child.type == "identifier":
                out.append(_text(child))
            elif child is not None:
                out.extend(_spliced_names(child))
    return out


def _section_names(node, depth: int = 0) -> list[str]:
    """Identifiers a conditional splices whole (``${win ? windowsNote + '\n' : ''}``,
    ``${verbose && DETAILS}``, ``${custom ?? DEFAULT_RULES}``): each is a section of the text when its
    condition holds, as a branch written in place would be."""
    if depth > 3:
        return []
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    if node.type == "ternary_expression":
        branches = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
    elif node.type == "binary_expression" and node.child_by_field_name("operator") is not None:
        op = _text(node.child_by_field_name("operator"))
        if op == "&&":
            branches = [node.child_by_field_name("right")]
        elif op in ("||", "??"):
            branches = [node.child_by_field_name("left"), node.child_by_field_name("right")]
        elif op == "+":
            return _spliced_names(node)
        else:
            return []
    else:
        return []
    out = []
    for b in branches:
        while b is not None and _text_method(b):
            b = b.child_by_field_name("function").child_by_field_name("object")
        if b is None:
            continue
        if b.type == "identifier":
            out.append(_text(b))
        else:
            out.extend(_section_names(b, depth + 1))
    return out


def _text_method(node) -> bool:
    """Whether ``node`` is ``X.trim()``, ``X.replace(...)``...: the text of X, transformed."""
    if node.type != "call_expression":
        return False
    fn = node.child_by_field_name("function")
    return fn is not None and fn.type == "member_expression" and \
        _prop_name(fn) in ("trim", "trimStart", "trimEnd", "replace", "replaceAll")


# Methods whose first argument names what they look up, store or remove (``cache.get(cacheKey)``,
# ``map.has(k)``, ``localStorage.getItem(k)``): their value is no transform of that argument (``join``:
# the separator).
_LOOKUPS = frozenset({"join", "get", "has", "set", "delete", "getItem", "setItem", "removeItem", "at",
                      "find", "findOne", "lookup"})


# First words of a function that fetches what its argument names (``getPatchData(patchUrl)``,
# ``fetchPage(url)``, ``readFile(path)``): its value is what it fetched, no transform of the argument.
_FETCH_VERBS = frozenset({"get", "fetch", "load", "read", "download", "request", "retrieve", "scrape"})


def _unwrapped(node):
    """The text a slot's value is made from, through calls that transform it
    (``removeExtraLineBreaks(userContent)`` -> ``userContent``) and ``await``/parentheses."""
    for _ in range(4):
        if node.type in ("parenthesized_expression", "await_expression", "as_expression", "non_null_expression") \
                and node.named_children:
            node = node.named_children[0]
        elif node.type == "call_expression" and _text_method(node) and _prop_name(node.child_by_field_name("function")) \
                in _TRIMS and node.child_by_field_name("function").child_by_field_name("object") is not None:
            node = node.child_by_field_name("function").child_by_field_name("object")  # content: text.trim()
        elif node.type == "call_expression" and node.child_by_field_name("function") is not None \
                and node.child_by_field_name("function").type == "member_expression" \
                and _prop_name(node.child_by_field_name("function")) in ("replace", "replaceAll") \
                and node.child_by_field_name("function").child_by_field_name("object") is not None:
            # systemPromptConvert.replaceAll('$FRAMEWORK', framework): the text replaced in, not the pattern
            node = node.child_by_field_name("function").child_by_field_name("object")
        elif node.type == "call_expression":
            fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
            if fn is None or args is None or not args.named_children or (
                    fn.type == "member_expression" and _prop_name(fn) in _LOOKUPS) or \
                    name_words(_prop_name(fn))[:1] and name_words(_prop_name(fn))[0] in _FETCH_VERBS:
                return node  # (getPatchData(patchUrl): what is fetched, not the URL)
            node = args.named_children[0]
        else:
            return node
    return node


def _joined_array(node) -> str | None:
    """``NAME`` when ``node`` is ``NAME.join(...)`` (a local array of sections joined into one text)."""
    if node.type != "call_expression":
        return None
    fn = node.child_by_field_name("function")
    if fn is None or fn.type != "member_expression" or _prop_name(fn) != "join":
        return None
    obj = fn.child_by_field_name("object")
    # NAME.map((g) => `- ${g}`).join("\n"): each item still reaches the text, as the mapper writes it
    while obj is not None and obj.type == "call_expression":
        inner = obj.child_by_field_name("function")
        if inner is None or inner.type != "member_expression" or _prop_name(inner) not in _ITEM_METHODS:
            return None
        obj = inner.child_by_field_name("object")
    return _text(obj) if obj is not None and obj.type == "identifier" else None


_ITEM_METHODS = frozenset({"map", "filter", "flat"})


def _spread_arrays(array, scope, root):
    """(name, declarator) of each ``...NAME`` item of ``array`` bound to an array literal in ``scope``
    or at module level: ``[...defaultGuidelines, ...(custom || [])]`` takes that array's items in."""
    for item in array.named_children:
        if item.type != "spread_element" or not item.named_children:
            continue
        inner = item.named_children[0]
        if inner.type != "identifier":
            continue
        name = _text(inner)
        decl = _array_declarator(scope, name) if scope is not root else None
        if decl is None and not (scope is not root and _binds(scope, name)):
            decl = _array_declarator(root, name)
        if decl is not None:
            yield name, decl


def _pushed(scope, name: str):
    """(call, literal) for every ``NAME.push(literal)``/``NAME.unshift(literal)`` inside ``scope``."""
    stack = [scope]
    data = name.encode()
    while stack:
        n = stack.pop()
        if n.type == "call_expression":
            fn = n.child_by_field_name("function")
            args = n.child_by_field_name("arguments")
            if fn is not None and fn.type == "member_expression" and _prop_name(fn) in ("push", "unshift") \
                    and fn.child_by_field_name("object") is not None \
                    and fn.child_by_field_name("object").text == data and args is not None:
                for a in args.named_children:
                    if literal_parts(a) is not None or _literal_branch(a):
                        yield n, a  # (a conditional is split into its branches later)
        if n.child_count and data in n.text:
            stack.extend(reversed(n.children))


def _mapped_returns(scope, name: str) -> list:
    """The literals returned by the callback of ``NAME = xs.map(cb)`` (also ``await Promise.all(xs.map(cb))``)
    in ``scope``'s body, and the literal items of the arrays it returns: the items of the array made."""
    body = scope.child_by_field_name("body") if scope.type != "program" else scope
    if body is None or body.type not in ("statement_block", "program"):
        return []
    for d in _declarators(body, ("const", "let", "var")):
        value = d.child_by_field_name("value")
        if _text(d.child_by_field_name("name") or d) != name or value is None:
            continue
        for _ in range(4):  # await Promise.all(xs.map(cb))
            while value.type in ("await_expression", "parenthesized_expression") and value.named_children:
                value = value.named_children[0]
            fn, args = value.child_by_field_name("function"), value.child_by_field_name("arguments")
            if value.type != "call_expression" or fn is None or args is None or not args.named_children:
                return []
            if _prop_name(fn) == "map" and fn.type == "member_expression":
                break
            if _text(fn) != "Promise.all":
                return []
            value = args.named_children[0]
        else:
            return []
        cb = args.named_children[0]
        if cb.type not in ("arrow_function", "function_expression", "function"):
            return []
        cb_body = cb.child_by_field_name("body")
        values = [cb_body] if cb_body is not None and cb_body.type != "statement_block" else [
            n.named_children[0] for n in walk(cb_body) if n.type == "return_statement" and n.named_children
            and _enclosing_function(n).id == cb.id]
        out = []
        for v in values:
            while v.type == "parenthesized_expression" and v.named_children:
                v = v.named_children[0]
            items = v.named_children if v.type == "array" else [v]
            out.extend(i for i in items if literal_parts(i) is not None and i.type != "call_expression")
        return out
    return []


def _indexed_tables(cand, root) -> list:
    """The members of a same-file constant table that a prompt indexes by a value and splices whole
    (aicommits' ``[..., commitTypes[type], ...].join('\n')`` with ``const commitTypes = {'': '',
    conventional: `Choose a type from ...`}``, also ``${TABLE[key]}`` and ``+ TABLE[key]``): each
    literal member is a text that part of the prompt may hold, as a conditional's branches are; the
    substitution stays a variable at its place (which member depends on the key)."""
    out = []
    for n in walk(cand.value, stop=_FUNCTIONS):
        if n.type != "subscript_expression" or n.parent is None:
            continue
        parent = n.parent
        if parent.type == "template_substitution" or (
                parent.type == "binary_expression" and _text(parent.child_by_field_name("operator") or parent) == "+"):
            pass
        elif parent.type == "array" and ((parent.id == cand.value.id and cand.join is not None) or (
                parent.parent is not None and parent.parent.type == "member_expression"
                and _prop_name(parent.parent) in _ITEM_METHODS | {"join"})):
            pass  # an item of an array joined into the text
        else:
            continue
        obj, index = n.child_by_field_name("object"), n.child_by_field_name("index")
        if obj is None or obj.type != "identifier" or index is None or literal_parts(index) is not None:
            continue  # (TABLE['x'] is one constant member, read as NAME.member is)
        decl = _const_declarator(root, _text(obj), n)
        table = object_literal(decl.child_by_field_name("value")) if decl is not None else None
        if table is None:
            continue
        for pair in table.named_children:
            value = pair.child_by_field_name("value") if pair.type == "pair" else None
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            if value is not None and key is not None and literal_parts(value):
                out.append(_Candidate(value, pair, _text(key).strip("'\"`"), cand.role, by_path=True, branch=True))
    return out


def _literal_branch(node) -> bool:
    """Whether ``node`` is a conditional with a literal branch (``cond ? `A ${x}` : `B```)."""
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    if node.type != "ternary_expression":
        return False
    return any(b is not None and (literal_parts(b) is not None or _literal_branch(b))
               for b in (node.child_by_field_name("consequence"), node.child_by_field_name("alternative")))


def _array_declarator(scope, name: str):
    """The ``const``/``let`` declarator of ``name`` bound to an array literal, among the statements of
    ``scope``'s body (a function) or of the module."""
    body = scope.child_by_field_name("body") if scope.type != "program" else scope
    if body is None or body.type not in ("statement_block", "program"):
        return None
    for d in _declarators(body, ("const", "let", "var")):
        value = d.child_by_field_name("value")
        if _text(d.child_by_field_name("name") or d) == name and value is not None and value.type == "array":
            return d
    return None


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


def _returns_name(fn, name: str) -> bool:
    """Whether the function ``fn`` returns the identifier ``name``."""
    body = fn.child_by_field_name("body") if fn is not None else None
    if body is None:
        return False
    if body.type == "identifier":
        return _text(body) == name
    return any(n.type == "return_statement" and n.named_children and n.named_children[0].type == "identifier"
               and _text(n.named_children[0]) == name and _enclosing_function(n).id == fn.id
               for n in walk(body, every=True))


def _part_role(obj) -> str | None:
    """The role of the message whose ``content``/``parts`` list holds the object ``obj`` (a content
    part), when that message says it."""
    arr = obj.parent if obj is not None else None
    pair = arr.parent if arr is not None and arr.type == "array" else None
    while pair is not None and pair.type in ("as_expression", "satisfies_expression"):
        pair = pair.parent  # content: [{type: 'text', text}] as Prisma.InputJsonValue
    if pair is None or pair.type != "pair" or _prop_name(pair.child_by_field_name("key")) not in ("content", "parts"):
        return None
    keys = _object_keys(pair.parent)
    if "role" not in keys and "tool_use_id" in keys and not _in_response(obj):
        # {type: 'tool_result', tool_use_id, content: [{type: 'text', text}]}: an Anthropic tool result
        # block (its `tool_use_id` names the model's tool call), sent back in the next user turn
        return "tool"
    role = keys.get("role")
    if not isinstance(role, str) or role.lower() not in ROLES or _in_response(obj):
        return _built_role(pair.parent) if role is None else None  # new HumanMessage({content: [...]})
    return ROLES[role.lower()]


# The SDK types of a chat message's text part: OpenAI's ``ChatCompletionContentPart(Text)``, Anthropic's
# ``TextBlockParam``/``ContentBlockParam``, the Vercel AI SDK's ``TextPart``
_PART_TYPES = re.compile(r"(?:[\w$]+\.)*(?:ChatCompletion\w*ContentPart\w*|TextBlockParam|ContentBlockParam|TextPart)")


def _typed_part(obj) -> bool:
    """Whether ``obj`` is a text part (``{type: "text", text}``) declared with a chat SDK's content-part
    type (``const additionalContextMessage: ChatCompletionContentPart = {type: "text", text: ...}``): the
    type says it goes into a message's content."""
    decl = obj.parent if obj is not None else None
    if decl is None or decl.type != "variable_declarator" or _object_keys(obj).get("type") != "text":
        return False
    annotation = decl.child_by_field_name("type")
    return annotation is not None and bool(_PART_TYPES.fullmatch(_text(annotation).lstrip(":").strip()))


def _prompt_list_part(obj) -> bool:
    """Whether ``obj`` is a text part (``{type: 'text', text}``, the chat APIs' content-part shape) of a
    content list kept under a key that names a prompt (``promptContent: [...images, {type: 'text', text:
    `${filePrompt}...`}]``, later sent as a user message's content): its text is that prompt's."""
    arr = obj.parent if obj is not None else None
    pair = arr.parent if arr is not None and arr.type == "array" else None
    while pair is not None and pair.type in ("as_expression", "satisfies_expression"):
        pair = pair.parent
    if pair is None or pair.type != "pair" or _object_keys(obj).get("type") != "text":
        return False
    return says_prompt(_prop_name(pair.child_by_field_name("key"))) and not _in_response(obj)


def _in_response(node) -> bool:
    """Whether a message object sits in a completion's ``choices``/``delta``: the model's output (an
    OpenAI-compatible server's response), not input to a model."""
    p = node.parent
    while p is not None and p.type not in ("function_declaration", "method_definition", "arrow_function",
                                           "function_expression", "program"):
        if p.type == "pair" and _prop_name(p.child_by_field_name("key")) in ("choices", "delta"):
            return True
        p = p.parent
    return False


def _within(node, fn) -> bool:
    """Whether ``node`` sits inside function ``fn`` (None: the module, which holds everything)."""
    if fn is None:
        return True
    p = node.parent
    while p is not None:
        if p.id == fn.id:
            return True
        p = p.parent
    return False


def _function_name(fn) -> str | None:
    if fn is None:
        return None
    name = fn.child_by_field_name("name")
    if name is not None:
        return _prop_name(name)
    p = fn.parent
    while p is not None and p.type in ("parenthesized_expression", "call_expression", "arguments",
                                       "await_expression", "as_expression"):
        p = p.parent  # const f = memo(() => `...`)
    if p is not None and p.type == "arrow_function" and p.child_by_field_name("body") == fn:
        return _function_name(p)  # createGenPrompt = (options) => async (selection) => {...}: what it makes
    if p is not None and p.type == "return_statement":
        return _function_name(_enclosing_function(p))  # function makePrompt() { return (x) => `...` }
    if p is not None and p.type in ("variable_declarator", "pair", "assignment_expression",
                                    "public_field_definition", "field_definition"):
        key = (p.child_by_field_name("name") or p.child_by_field_name("key")
               or p.child_by_field_name("left") or p.child_by_field_name("property"))
        return _prop_name(key) if key is not None else None
    return None


def _owner_name(obj) -> str:
    """The name an object literal is given (``const PROMPT = {...}``, ``prompts: {...}``)."""
    child, p = obj, obj.parent if obj is not None else None
    while p is not None and p.type in ("as_expression", "satisfies_expression", "parenthesized_expression"):
        child, p = p, p.parent
    if p is None:
        return ""
    if p.type == "return_statement" or (p.type == "arrow_function" and p.child_by_field_name("body") is not None
                                        and p.child_by_field_name("body").id == child.id):
        # what a function returns is named by the function (getPrompt() { return {system, user} })
        return _function_name(_enclosing_function(obj) if p.type == "return_statement" else p) or ""
    key = p.child_by_field_name("name") if p.type == "variable_declarator" else (
        p.child_by_field_name("key") if p.type == "pair" else None)
    return _prop_name(key) if key is not None else ""


def _object_keys(obj) -> dict[str, object]:
    """Keys of an object literal and, for string values, their text."""
    out: dict[str, object] = {}
    if obj is None or obj.type != "object":
        return out
    for c in obj.named_children:
        if c.type == "pair":
            key = _prop_name(c.child_by_field_name("key"))
            val = c.child_by_field_name("value")
            while val is not None and val.type in ("as_expression", "satisfies_expression") and val.named_children:
                val = val.named_children[0]  # role: "user" as const
            if val is not None and val.type == "string":
                out[key] = "".join(p.text for p in (literal_parts(val) or []))
            elif val is not None and val.type in ("identifier", "member_expression") and key in _SPEAKER_KEYS:
                out[key] = _constant_text(val) or _enum_role(val)  # role: USER, role: Role.System
            elif val is not None and val.type == "ternary_expression" and key in _SPEAKER_KEYS:
                out[key] = _chosen_role(val)
            else:
                out[key] = None
        elif c.type == "shorthand_property_identifier":
            out[_text(c)] = None
    return out


# The key naming a message's speaker: ``role``; Hugging Face chat-ui (and ShareGPT data) write ``from``,
# Sourcegraph Cody's transcript ``speaker`` (``{speaker: 'human', text}``).
_SPEAKER_KEYS = ("role", "from", "speaker", "author")  # (author: Bing chat's previousMessages)


def _enum_role(node) -> str | None:
    """The role a member of an enum of roles names when its value is not in the scan (``role: Role.USER``
    with ``Role`` from ``@prisma/client``, ``MessageRole.Assistant``): the enum's name says role and the
    member's name is a role."""
    if node.type != "member_expression":
        return None
    obj = node.child_by_field_name("object")
    member = _prop_name(node).lower()
    if obj is None or member not in ROLES or "role" not in name_words(_prop_name(obj) if obj.type ==
                                                                    "member_expression" else _text(obj)):
        return None
    return member


def _chosen_role(node) -> str | None:
    """The role of a message whose ``role`` is chosen between two roles (``role: message.role ===
    Role.USER ? 'user' : 'assistant'``): a message of the conversation either way, read as its first."""
    branches = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
    roles = []
    for b in branches:
        parts = literal_parts(b) if b is not None else None
        text = "".join(p.text for p in parts) if parts and all(p.kind == "static" for p in parts) else \
            (_enum_role(b) if b is not None else None)
        roles.append(text)
    if all(isinstance(r, str) and r.lower() in ROLES for r in roles):
        return roles[0]
    return None


def _speaker(keys: dict):
    return next((keys[k] for k in _SPEAKER_KEYS if k in keys), None)


def _constant_text(node) -> str | None:
    """The text a name holds when it is a constant (same file or imported), else None."""
    text = _text(node)
    parts = _named([_Part("variable", text, node.start_byte, expression=text)])
    return "".join(p.text for p in parts) if parts and all(p.kind == "static" for p in parts) else None


def _built_role(obj) -> str | None:
    """The role of a message class an object literal is passed to (``new HumanMessage({content})``,
    ``new SystemMessage({ content: ... })``): the callee's last word says message and its name a role."""
    args = obj.parent if obj is not None else None
    call = args.parent if args is not None and args.type == "arguments" else None
    if call is None or call.type not in ("call_expression", "new_expression") or args.named_children[0].id != obj.id:
        return None
    fn = call.child_by_field_name("function") or call.child_by_field_name("constructor")
    callee = _prop_name(fn) if fn is not None else ""
    words = name_words(callee)
    return role_of(callee) if words and words[-1] in ("message", "msg") else None


def _listed_role(call, words) -> str | None:
    """The role of the message whose list field holds ``call`` (``{role: "user", fragments:
    [createTextContentFragment(...)]}``), when the callee's name says text or content."""
    if not set(words) & {"text", "content"} or call is None:
        return None
    arr = call.parent
    pair = arr.parent if arr is not None and arr.type == "array" else None
    if pair is None or pair.type != "pair":
        return None
    role = _object_keys(pair.parent).get("role")
    if not isinstance(role, str) or role.lower() not in ROLES or _in_response(call):
        return None
    return ROLES[role.lower()]


def _shorthand_contents(reads) -> list:
    """``content`` written as a shorthand property of a chat message (``{ role: "system", content }``,
    ``new AIMessage({ content, id })``): a slot named ``content`` whose text is the local of that name."""
    out = []
    for n in reads.get("shorthand", ()):
        if n.parent is not None and n.parent.type == "object":
            obj = n.parent
            role = _speaker(_object_keys(obj))
            if isinstance(role, str) and role.lower() in ROLES and not _in_response(n):
                out.append(_Candidate(n, n, "content", ROLES[role.lower()], message=True))
            elif _built_role(obj):
                out.append(_Candidate(n, n, "content", _built_role(obj), message=True))
    return out


def _text_parts(cand, root) -> list:
    """A message's content kept in a local list of parts (``const content: UserContent = [{type: "text",
    text: `...`}]`` then ``{role: "user", content}``; AI SDK, OpenAI and Anthropic content parts), and
    the parts the code pushes onto it (``content.push({type: "text", text})``): each text part is a text
    of that message."""
    if not cand.message or cand.decl is None:
        return []
    value = _unwrapped(cand.value)
    if value.type != "array":
        return []
    objects = [v for v in value.named_children if v.type == "object"]
    scope, data = _enclosing_function(cand.value) or root, _text(cand.decl).encode()
    stack = [scope]
    while stack:  # (content.push({type: "text", text: `...`}))
        n = stack.pop()
        if n.type == "call_expression":
            fn, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
            if fn is not None and fn.type == "member_expression" and _prop_name(fn) in ("push", "unshift") \
                    and fn.child_by_field_name("object") is not None \
                    and fn.child_by_field_name("object").text == data and args is not None:
                objects.extend(a for a in args.named_children if a.type == "object")
        if n.child_count and data in n.text:
            stack.extend(reversed(n.children))
    out = []
    for obj in objects:
        keys = _object_keys(obj)
        if keys.get("type", "text") != "text":
            continue
        for pair in obj.named_children:
            if pair.type == "pair" and _prop_name(pair.child_by_field_name("key")) == "text":
                out.append(_Candidate(pair.child_by_field_name("value"), pair, "text", cand.role, message=True))
    return out


def _mapped_items(cand) -> list:
    """The text a ``.map`` callback makes for each item of a list that a prompt splices in (`` `Previous
    steps:\n${steps.map((step, i) => `Step ${i + 1}: ${step.text}`).join("\n")}` ``): records the code
    repeats inside the prompt, each item's text reported on its own (the prompt's own reading stops at
    its first variable).  A name spliced into a prompt that is bound to such a list (``const serializedActions =
    previousActions.map((action) => `<Thought>${action.thought}</Thought>...`).join('\n\n')``) is that record,
    under its own name."""
    if cand.value.type == "call_expression" and cand.decl is not None:
        fn = cand.value.child_by_field_name("function")
        inner = fn.child_by_field_name("object") if fn is not None and fn.type == "member_expression" \
            and _prop_name(fn) == "join" else None
        record = _map_record(inner) if inner is not None else None
        if record is None and inner is not None:
            # .map((path) => this.encodeFile(path, root)).join("\n"): the text the called function or
            # method of this file returns is the record (melty's `<file_contents file=${relativeFilePath}>`)
            return [_Candidate(v, v.parent, None, cand.role, by_path=True, item=True)
                    for v in _mapped_call_returns(inner)]
        return [_Candidate(record, cand.slot, cand.own, cand.role, by_path=True, item=True)] if record else []
    if cand.value.type != "template_string":
        return []
    out = []
    stack = [c for c in cand.value.named_children if c.type == "template_substitution"]
    while stack:
        n = stack.pop()
        if n.type == "call_expression":
            fn, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
            if fn is not None and fn.type == "member_expression" and _prop_name(fn) == "map" \
                    and args is not None and args.named_children \
                    and args.named_children[0].type in ("arrow_function", "function_expression", "function"):
                body = args.named_children[0].child_by_field_name("body")
                while body is not None and body.type == "parenthesized_expression" and body.named_children:
                    body = body.named_children[0]
                if body is not None and body.type == "template_string":
                    out.append(_Candidate(body, body.parent, None, cand.role, by_path=True, item=True))
                    continue  # (its own splices: read when it is)
        stack.extend(n.named_children)
    return out


# The array methods whose callback is given each item in turn (its first parameter).
_EACH_METHODS = frozenset({"map", "forEach", "flatMap", "filter", "find", "some", "every"})


def _walked_items(cand, root) -> list:
    """A message's content read off the item a callback is given (``suggestedActions.map((suggestedAction)
    => ... append({role: 'user', content: suggestedAction.action}))``) when the callback walks a same-file
    constant array of object literals (``const suggestedActions = [{title, label, action: "Help me book a
    flight..."}]``): each item's literal member of that name is a text of the message."""
    value = _unwrapped(cand.value)
    if not cand.message or value.type != "member_expression":
        return []
    item = value.child_by_field_name("object")
    if item is None or item.type != "identifier":
        return []
    fn = _binding_function(value, _text(item))
    args = fn.parent if fn is not None else None
    call = args.parent if args is not None and args.type == "arguments" else None
    if call is None or call.type != "call_expression" or args.named_children[0].id != fn.id \
            or (param_names(fn)[:1] or [None])[0] != _text(item):
        return []
    callee = call.child_by_field_name("function")
    walked = callee.child_by_field_name("object") if callee is not None and callee.type == "member_expression" else None
    if walked is None or walked.type != "identifier" or _prop_name(callee) not in _EACH_METHODS:
        return []
    decl = _const_declarator(root, _text(walked), call)
    array = _unwrapped(decl.child_by_field_name("value")) if decl is not None else None
    if array is None or array.type != "array" or re.search(
            rf"(?<![\w$.]){re.escape(_text(walked))}\s*\.\s*(?:push|unshift|splice)\s*\(", _text(root)):
        return []  # (an array the code grows is not the constant list written here)
    field, out = _prop_name(value), []
    for entry in array.named_children:
        members = object_members(entry) if entry.type == "object" else {}
        text = members.get(field)
        if text is not None and literal_parts(text) is not None:
            out.append(_Candidate(text, text.parent, field, cand.role, message=True))
    return out


def _mapped_call_returns(call) -> list:
    """The literals returned by the same-file function or own method (``this.encodeFile``) a ``.map``
    callback's expression body calls (``xs.map((x) => this.encodeFile(x, root))``)."""
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if call.type != "call_expression" or fn is None or fn.type != "member_expression" or _prop_name(fn) != "map" \
            or args is None or not args.named_children \
            or args.named_children[0].type not in ("arrow_function", "function_expression", "function"):
        return []
    body = args.named_children[0].child_by_field_name("body")
    while body is not None and body.type in ("parenthesized_expression", "await_expression") and body.named_children:
        body = body.named_children[0]
    callee = body.child_by_field_name("function") if body is not None and body.type == "call_expression" else None
    if callee is None:
        return []
    target = _module_functions(_root(call)).get(_text(callee)) if callee.type == "identifier" else _own_method(callee)
    return [v for v in _returned_values(target) if v.type == "template_string"]


def _map_record(call):
    """The template literal a ``.map`` callback returns as its expression body (``xs.map((x) => `...`)``)."""
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if call.type != "call_expression" or fn is None or fn.type != "member_expression" or _prop_name(fn) != "map" \
            or args is None or not args.named_children \
            or args.named_children[0].type not in ("arrow_function", "function_expression", "function"):
        return None
    body = args.named_children[0].child_by_field_name("body")
    while body is not None and body.type == "parenthesized_expression" and body.named_children:
        body = body.named_children[0]
    return body if body is not None and body.type == "template_string" else None


# Words saying a callee makes chat messages: a maker noun after ``message`` (``messageBuilder.ok``,
# ``MessageFactory.user``) or a making verb before it (``createMessage``, ``buildUserMessage``).
_MAKER_NOUNS = frozenset({"builder", "builders", "factory", "creator"})
_MAKER_VERBS = frozenset({"create", "build", "make", "new", "compose"})
_MESSAGE_NOUNS = frozenset({"message", "messages", "msg"})


def _builds_message(fn) -> bool:
    """Whether a callee (``messageBuilder.ok``, ``createUserMessage``) names something that makes chat
    messages: ``message`` with a maker noun after it, or a making verb before it as the last word."""
    for part in re.split(r"[^\w$]+", _text(fn)):
        words = name_words(part)
        if not set(words) & _MESSAGE_NOUNS:
            continue
        if words[-1] in _MAKER_NOUNS or (words[0] in _MAKER_VERBS and words[-1] in _MESSAGE_NOUNS):
            return True
    return False


_MAX_MEMBER_LOOKS = 8  # files calling a member name read for its use (a name many files call is no interface)
_CALL_HEAD = re.compile(r"\s*(?:await\s+)?(?:[\w$]+(?:\?\.|\.))*([A-Za-z_$][\w$]*)\s*\(")


def _member_function(fn) -> bool:
    """Whether a function is an object's or a class's member (a method, or a property's value)."""
    if fn is None:
        return False
    if fn.type == "method_definition":
        return True
    p = fn.parent
    while p is not None and p.type in ("parenthesized_expression", "as_expression"):
        p = p.parent
    return p is not None and p.type in ("pair", "public_field_definition", "field_definition")


def _member_calls(root, parts, imports) -> set[str]:
    """The members a prompt's variables call (``${content}`` with ``const content = await
    pinnedMessage(ctx)``, ``${tool.describe()}``): names neither this module nor its imports define,
    so the objects of other files that have them give the text."""
    functions = _module_functions(root)
    out = set()
    for p in parts:
        if p.kind != "variable" or not p.expression:
            continue
        expr = p.expression.strip()
        exprs = [expr]
        if _IDENT.fullmatch(expr):
            use = root.descendant_for_byte_range(p.start, p.start)
            decl = _const_declarator(root, expr, use) if use is not None else None
            value = decl.child_by_field_name("value") if decl is not None else None
            exprs = [_text(value)] if value is not None else []
            scope = _enclosing_function(use) if use is not None and value is None else None
            if scope is not None:  # let input; ... input = await inputQuery()
                exprs = [_text(n.child_by_field_name("right")) for n in walk(scope)
                         if n.type == "assignment_expression" and _text(n.child_by_field_name("left") or n) == expr]
        for e in exprs:
            m = _CALL_HEAD.match(e)
            if m and m.group(1) not in functions and m.group(1) not in imports:
                out.add(m.group(1))
    return out


_QUERY_JSX = "(jsx_attribute (property_identifier) @name (jsx_expression (_) @value))"


@lru_cache(maxsize=4)
def _jsx_query(language):
    import tree_sitter as ts

    return ts.Query(language, _QUERY_JSX)


def _jsx_prompt_props(root, language) -> list:
    """A JSX attribute is a component's property: one whose name says prompt and whose value is an
    expression (``<FloatingToolbar prompt={question} />``) is a prompt slot, read as an object's
    ``prompt: question`` is (a literal attribute, ``prompt="..."``, is a label the component shows)."""
    import tree_sitter as ts

    out = []
    for _, caps in ts.QueryCursor(_jsx_query(language)).matches(root):
        name = _text(caps["name"][0])
        value = caps["value"][0]
        if says_prompt(name):
            out.append(_Candidate(value, value.parent.parent, name, role_of(name)))
    return out


def _assigned_values(cand, taken: set) -> list:
    """The values a ``let`` declared without one is given (``let question; if (a) question = await
    getInput(x); if (!question) question = await getInput(y)``), when a prompt slot reads that name: each
    is text of the slot, as the value of a ``const`` would be."""
    value = _unwrapped(cand.value)
    if value.type not in ("identifier", "shorthand_property_identifier"):
        return []
    name = _text(value)
    scope = _enclosing_function(value)
    body = scope.child_by_field_name("body") if scope is not None else _root(value)
    if body is None or body.type not in ("statement_block", "program"):
        return []
    decl = next((d for d in _block_declarators(body) if d.child_by_field_name("value") is None
                 and _text(d.child_by_field_name("name") or d) == name), None)
    if decl is None or decl.id in taken:
        return []
    taken.add(decl.id)
    out = []
    for n in walk(body):
        if n.type == "assignment_expression" and _text(n.child_by_field_name("left") or n) == name \
                and (_enclosing_function(n) or _root(n)).id == (scope or _root(value)).id:
            out.append(_Candidate(n.child_by_field_name("right"), n, name, cand.role, message=cand.message))
    return out


def _spliced_assignments(cand, taken: set) -> list:
    """The texts a ``let`` spliced whole into a prompt is assigned when it starts empty (``let
    previousActionsString = ''; if (previousActions.length > 0) { previousActionsString = `You have already
    taken the following actions: \n${serializedActions}\n\n` }``, then `` `...${previousActionsString}...` ``):
    each is a section of the prompt, as the value of a spliced ``const`` is."""
    scope = _enclosing_function(cand.value)
    body = scope.child_by_field_name("body") if scope is not None else None
    if body is None or body.type != "statement_block":
        return []
    out = []
    for name in _spliced_names(cand.value):
        decl = next((d for d in _block_declarators(body) if _text(d.child_by_field_name("name") or d) == name),
                    None)
        if decl is None or decl.id in taken:
            continue
        start = decl.child_by_field_name("value")
        parts = literal_parts(start) if start is not None else []
        if parts is None or any(p.text.strip() or p.kind != "static" for p in parts):
            continue  # (a `let` holding text of its own is read where it is declared)
        taken.add(decl.id)
        for n in walk(body):
            right = n.child_by_field_name("right") if n.type == "assignment_expression" else None
            if right is not None and _text(n.child_by_field_name("left") or n) == name \
                    and _enclosing_function(n) is not None and _enclosing_function(n).id == scope.id \
                    and name not in _spliced_names(right):  # (`x = `${x}\n[End of page]``: grown, as `+=`)
                out.append(_Candidate(right, n, name, cand.role, message=cand.message, by_path=True))
    return out


def _aliased_contents(root) -> list:
    """Text parts pushed onto a message's content through a local bound to it (``const messages = [{role:
    'user', content: []}]; const userContent = messages[0].content; userContent.push({type: 'text', text})``):
    the message is built in the same function, so each text part is a text of it."""
    out = []
    for d in walk(root):
        if d.type != "variable_declarator" or d.child_by_field_name("value") is None:
            continue
        value = d.child_by_field_name("value")
        while value.type in ("as_expression", "parenthesized_expression", "non_null_expression") and value.named_children:
            value = value.named_children[0]
        if value.type != "member_expression" or _prop_name(value) != "content":
            continue
        holder = value.child_by_field_name("object")
        while holder is not None and holder.type == "subscript_expression":
            holder = holder.child_by_field_name("object")
        scope = _enclosing_function(d)
        if holder is None or holder.type != "identifier" or scope is None:
            continue
        body = scope.child_by_field_name("body")
        built = next((x.child_by_field_name("value") for x in _declarators(body, ("const", "let", "var"))
                      if body is not None and _text(x.child_by_field_name("name") or x) == _text(holder)), None) \
            if body is not None and body.type == "statement_block" else None
        while built is not None and built.type == "array" and built.named_children:
            built = built.named_children[0]
        role = _speaker(_object_keys(built)) if built is not None else None
        if not isinstance(role, str) or role.lower() not in ROLES:
            continue
        alias = _text(d.child_by_field_name("name") or d).encode()
        for n in walk(scope):
            fn, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
            if n.type != "call_expression" or fn is None or args is None or fn.type != "member_expression" \
                    or _prop_name(fn) not in ("push", "unshift") or fn.child_by_field_name("object") is None \
                    or fn.child_by_field_name("object").text != alias:
                continue
            for obj in args.named_children:
                if obj.type != "object" or _object_keys(obj).get("type", "text") != "text":
                    continue
                for pair in obj.named_children:
                    if pair.type == "pair" and _prop_name(pair.child_by_field_name("key")) == "text":
                        out.append(_Candidate(pair.child_by_field_name("value"), pair, "text", ROLES[role.lower()],
                                              message=True))
    return out


def _shorthand_members(reads) -> list:
    """The shorthand members of an object named as a prompt (``SUMMARY_PROMPTS = { rules, guidelines,
    format }``): each is a slot whose text is the name's declaration, as a ``rules: ...`` pair would be."""
    out = []
    for n in reads.get("member", ()):
        decl = n.parent.parent if n.parent is not None else None
        owner = decl.child_by_field_name("name") if decl is not None else None
        if owner is not None and says_prompt(_text(owner)) and \
                "_".join(name_words(_text(n))) not in METADATA_KEYS:
            out.append(_Candidate(n, n, _text(n), role_of(_text(n), _text(owner))))
    return out


def _branches(cand) -> list:
    """A candidate whose value is a conditional (``cond ? `A` : `B```): one candidate per branch that
    holds text, each a prompt the code may send (nested conditionals too)."""
    v = cand.value
    while v.type == "parenthesized_expression" and v.named_children:
        v = v.named_children[0]
    inner = _shortened(v)
    if inner is not None:
        return _branches(_Candidate(inner, cand.slot, cand.own, cand.role, cand.message, cand.decl, cand.by_path,
                                    cand.branch, cand.join, cand.as_is))
    if v.type == "binary_expression" and _text(v.child_by_field_name("operator") or v) in ("??", "||"):
        # a fallback (``aiRules ?? DEFAULT_PLAN_AI_RULES``, ``x || "You are..."``): each operand is a
        # value the slot can hold
        return [b for side in ("left", "right") if v.child_by_field_name(side) is not None
                for b in _branches(_Candidate(v.child_by_field_name(side), cand.slot, cand.own, cand.role,
                                              cand.message, cand.decl, cand.by_path, branch=True))]
    if v.type == "binary_expression" and _text(v.child_by_field_name("operator") or v) == "+" \
            and v.child_by_field_name("right") is not None and literal_parts(v.child_by_field_name("right")) is not None:
        left = v.child_by_field_name("left")
        while left is not None and left.type == "parenthesized_expression" and left.named_children:
            left = left.named_children[0]
        sides = [left.child_by_field_name(k) for k in ("consequence", "alternative")] \
            if left is not None and left.type == "ternary_expression" else []
        if sides and all(b is not None and (literal_parts(b) or []) and _WORDISH.search(
                "".join(p.text for p in literal_parts(b) if p.kind == "static")) for b in sides):
            # (sourceCode ? `CONTEXT: ...${sourceCode}...` : 'INSTRUCTIONS: ...') + `Remember: ...`: each
            # branch is a text the slot may start with, and what follows them is a section of both (not
            # `(systemPrompt ? `${systemPrompt}\n` : "") + ...`: a choice of values, read as one text)
            right = v.child_by_field_name("right")
            return _branches(_Candidate(left, cand.slot, cand.own, cand.role, cand.message, cand.decl,
                                        cand.by_path, branch=True)) + \
                [_Candidate(right, cand.slot, cand.own, cand.role, cand.message, by_path=True)]
    if v.type != "ternary_expression":
        return [cand]
    out = []
    for side in ("consequence", "alternative"):
        branch = v.child_by_field_name(side)
        if branch is not None:
            out.extend(_branches(_Candidate(branch, cand.slot, cand.own, cand.role, cand.message, cand.decl,
                                            True, branch=True)))
    return out


# Words of a function that shortens or cleans the text it is given (``trimToTokenLimit``,
# ``truncateText``, ``cleanPrompt``): what it returns is that text, cut or tidied.
_SHORTENING_WORDS = frozenset({"trim", "truncate", "truncated", "limit", "clip", "shorten", "cut", "clean",
                               "sanitize", "normalize", "strip", "compact", "collapse", "dedent"})


def _shortened(node):
    """The text argument of a call that shortens or cleans it, for a slot given that call (or a member
    of its result: ``prompt: trimToTokenLimit(`You are researching: ${topic}...`, 120000).text``);
    None for anything else."""
    if node.type == "member_expression" and node.child_by_field_name("object") is not None \
            and node.child_by_field_name("object").type == "call_expression":
        node = node.child_by_field_name("object")
    if node.type != "call_expression":
        return None
    fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if fn is None or args is None or not args.named_children or fn.type not in ("identifier", "member_expression"):
        return None
    if fn.type == "member_expression" and fn.child_by_field_name("object") is not None \
            and literal_parts(fn.child_by_field_name("object")) is not None:
        return None  # `...`.trim(): a method of the text itself (literal_parts reads it)
    if not set(name_words(_prop_name(fn))) & _SHORTENING_WORDS:
        return None
    first = args.named_children[0]
    return first if first.type in ("template_string", "string", "ternary_expression", "binary_expression",
                                   "parenthesized_expression", "call_expression") else None


# A branch without a variable is a section of the prompt when it is a sentence (punctuation or a line
# of its own); a few words without either complete a sentence of the prompt ("these files").
_SENTENCE = re.compile(r"[.!?:;\n]")
_BRANCH_PHRASE_WORDS = 6


def _without_commands(text: str) -> str:
    """The text without commands and flags (``/team``, ``--force``, ``$VAR``, ``@file``)."""
    return " ".join(w for w in text.split() if not w.startswith(("/", "-", "$", "@")))


_MARKUP_TAG = re.compile(r"</?[A-Za-z][\w:-]*[^<>]*>")
_ERROR_TEXT = re.compile(r"\s*(?:Error|ERROR)\b\s*:")


def _in_error_path(node, clause: bool = True) -> bool:
    """Whether ``node`` sits in a callback passed to ``.catch(...)`` (or, with ``clause``, in a
    ``catch`` clause: a prompt-named function may fall back to a default prompt there)."""
    child, p = node, node.parent
    while p is not None and p.type != "program":
        if p.type == "catch_clause" and clause:
            return True
        if p.type == "arguments" and child.type in ("arrow_function", "function_expression", "function") \
                and p.parent is not None and p.parent.type == "call_expression":
            fn = p.parent.child_by_field_name("function")
            if fn is not None and fn.type == "member_expression" and _prop_name(fn) == "catch":
                return True
        child, p = p, p.parent
    return False


_MAX_PASSES = 6  # name -> slot -> name chains followed (a few links in real code)
_PLACEHOLDER = re.compile(r"\{\{?\s*[\w.-]+\s*\}?\}|\[\[\s*[\w.]+\s*\]\]|%[\w.]+%")
# (a prompt's own `.replaceAll('<selected>', mention)` fills a tag-shaped placeholder too; a tag replaced
# in a record template, `.replace('<output>', `<output file="...">`)`, gives no section)
_OWN_PLACEHOLDER = re.compile(_PLACEHOLDER.pattern + r"|<\w+>")
_DOLLAR_MARKER = re.compile(r"\$[A-Za-z_]\w*")


def _module_functions(root) -> dict[str, object]:
    """Module-level functions by name: ``function f() {...}`` and ``const f = (...) => ...``."""
    out: dict[str, object] = {}
    for st in root.named_children:
        if st.type == "export_statement":
            st = st.child_by_field_name("declaration") or st
        if st.type in ("function_declaration", "generator_function_declaration"):
            name = st.child_by_field_name("name")
            if name is not None:
                out[_text(name)] = st
        elif st.type in ("lexical_declaration", "variable_declaration"):
            for d in st.named_children:
                value = d.child_by_field_name("value") if d.type == "variable_declarator" else None
                name = d.child_by_field_name("name") if value is not None else None
                if name is not None and value.type in ("arrow_function", "function_expression", "function"):
                    out[_text(name)] = value
    return out


def _returned_values(fn) -> list:
    """What a function returns: its expression body, or the value of each ``return`` of its own (not of a
    function nested in it); [] for none."""
    body = fn.child_by_field_name("body") if fn is not None else None
    if body is None:
        return []
    return [body] if body.type != "statement_block" else [
        n.named_children[0] for n in walk(body, every=True)
        if n.type == "return_statement" and n.named_children and _enclosing_function(n).id == fn.id]


def _returned_into(cand, functions, read: set[int]) -> list:
    """What a same-file function returns, when a prompt's slot or section is bound to its call
    (``const descriptionGuideline = getDescriptionInstruction()`` spliced into a system prompt,
    ``content: buildUserMessage(x)``): its returned literals are text of that prompt (each function
    read once)."""
    value = cand.value
    while value.type in ("parenthesized_expression", "await_expression", "as_expression", "non_null_expression") \
            and value.named_children:
        value = value.named_children[0]
    if value.type != "call_expression":
        return []
    callee = value.child_by_field_name("function")
    if callee is not None and callee.type == "identifier":
        fn = functions.get(_text(callee))
    else:
        fn = _own_method(callee) if callee is not None else None
    name = _prop_name(callee) if callee is not None else ""
    if fn is None or fn.id in read or (set(name_words(name)) & PROMPT_WORDS and not says_prompt(name)):
        return []  # (a name that says another kind of template: getPowerShellTemplate builds a script)
    read.add(fn.id)
    values = _returned_values(fn)
    # (several returns are alternatives, as a conditional's branches are: `return 'Brave Search'` or
    # `return 'primary provider'` completes a sentence, it is no section of its own)
    return [_Candidate(v, v.parent, None, cand.role, message=cand.message, by_path=True, branch=len(values) > 1)
            for v in values]


def _own_method(callee):
    """The method of the enclosing class that ``this.name`` calls (``this.buildAdditionalContext(...)``)."""
    if callee.type != "member_expression" or _text(callee.child_by_field_name("object") or callee) != "this":
        return None
    name = _prop_name(callee)
    cls = callee.parent
    while cls is not None and cls.type not in ("class_body",):
        cls = cls.parent
    if cls is None:
        return None
    return next((m for m in cls.named_children if m.type == "method_definition"
                 and _prop_name(m.child_by_field_name("name")) == name), None)


def _appended(cand) -> list:
    """``let context = ...`` then ``context += `...``` in the same function: each appended literal is a
    section of the text that name holds."""
    name = _text(cand.decl) if cand.decl is not None else None
    if not name or cand.decl.parent is None or cand.decl.parent.type != "variable_declarator" \
            or _text(cand.decl.parent.parent.children[0]) == "const":
        return []
    scope = _enclosing_function(cand.decl)
    body = scope.child_by_field_name("body") if scope is not None else None
    if body is None:
        return []
    out = []
    for n in walk(body, every=True):
        if n.type == "augmented_assignment_expression" and _text(n.child_by_field_name("left") or n) == name \
                and _text(n.child_by_field_name("operator") or n) == "+=" and _enclosing_function(n).id == scope.id:
            right = n.child_by_field_name("right")
            if right is not None:
                out.append(_Candidate(right, n, name, cand.role, message=cand.message, by_path=True))
    return out


_CLASSES = frozenset({"class_declaration", "class", "abstract_class_declaration"})
_CLASS_NAME = re.compile(rb"\bclass\s+([A-Za-z_$][\w$]*)")
_FIELDS = frozenset({"field_definition", "public_field_definition"})


def _prompt_class_fields(root, seen: set[int]) -> list:
    """The text fields of a class named for prompts (``class Prompts { summarizeFileDiff = `...` }``):
    its members hold prompts whatever their own names, as a constant object named as prompts does."""
    out = []
    if not any(says_prompt(m.decode()) for m in _CLASS_NAME.findall(root.text)):
        return out  # (most files declare no such class: no walk)
    for cls in walk(root, every=True):
        if cls.type not in _CLASSES or cls.child_by_field_name("name") is None \
                or not says_prompt(_text(cls.child_by_field_name("name"))):
            continue
        body = cls.child_by_field_name("body")
        for member in body.named_children if body is not None else ():
            value = member.child_by_field_name("value") if member.type in _FIELDS else None
            key = (member.child_by_field_name("property") or member.child_by_field_name("name")) \
                if value is not None else None
            if key is None or value.id in seen or literal_parts(value) is None \
                    or "_".join(name_words(_text(key))) in METADATA_KEYS:
                continue
            out.append(_Candidate(value, member, _prop_name(key),
                                  role_of(_prop_name(key), _text(cls.child_by_field_name("name")))))
    return out


# Claude Code's placeholder for a custom slash command's arguments
# (https://docs.anthropic.com/en/docs/claude-code/slash-commands): a text holding it is a command's prompt,
# and the placeholder is its variable.
_COMMAND_ARGUMENTS = "$ARGUMENTS"


def _command_texts(root, seen: set[int]) -> list:
    """Literals holding Claude Code's ``$ARGUMENTS`` placeholder (command files a tool writes out:
    ``dynamicCommand('update-task', ..., `Update tasks...\n\nArguments: $ARGUMENTS ...`)``)."""
    out = []
    for n in walk(root, every=True):
        if n.type in ("string", "template_string") and n.id not in seen and _COMMAND_ARGUMENTS in _text(n) \
                and n.parent is not None and n.parent.type not in ("template_substitution", "binary_expression"):
            out.append(_Candidate(n, n.parent, None, "user", command=True))
    return out


# Methods that run an agent on an input (Inngest AgentKit ``agent.run(input)``/``network.run(input)``,
# Mastra ``agent.generate``/``agent.stream``, VoltAgent ``agent.generateText``/``streamText``).
_AGENT_RUNS = frozenset({"run", "generate", "stream", "generateText", "streamText", "invoke"})
# LangChain.js model classes (``new OpenAI({...})`` from ``langchain/llms/openai``, ``new ChatAnthropic()``
# from ``@langchain/anthropic``, ``@langchain/community/llms/replicate``) take a prompt string in
# ``call`` (the older API), ``invoke``, ``predict`` and ``stream`` (LangChain.js's documented LLM and chat
# model methods; a chat model reads a string as a human message).
_LANGCHAIN_MODEL_MODULE = re.compile(r"langchain/(?:llms|chat_models)/|@langchain/(?!core\b|langgraph\b)")
_LANGCHAIN_RUNS = frozenset({"call", "invoke", "predict", "stream"})
_AGENT_WORDS = frozenset({"agent", "network"})
_AGENT_MAKER = re.compile(rb"(?i)agent\s*\(|network\s*\(")


def _bound_to(call):
    """The name a call's value is declared with (``const editor = createAgent({...})``), else None."""
    n = call.parent
    while n is not None and n.type in ("await_expression", "parenthesized_expression", "as_expression"):
        n = n.parent
    if n is not None and n.type == "variable_declarator" and n.child_by_field_name("name") is not None \
            and n.child_by_field_name("name").type == "identifier":
        return _text(n.child_by_field_name("name"))
    return None


def _langchain_models(calls, imports) -> set[str]:
    """The names bound to a LangChain.js model built in this file (``const model = new Replicate({...})``
    with ``import { Replicate } from "langchain/llms/replicate"``)."""
    out = set()
    for call in calls:
        ctor = call.child_by_field_name("constructor") if call.type == "new_expression" else None
        entry = imports.get(_text(ctor)) if ctor is not None and ctor.type == "identifier" else None
        if entry and _LANGCHAIN_MODEL_MODULE.search(entry[0]) and _text(ctor)[:1].isupper():
            name = _bound_to(call)
            if name:
                out.add(name)
    return out


def _agent_inputs(root, found, imports=None) -> list:
    """The text a file hands to an agent it builds (``codeAssistant.run(`What the following code
    does?...`)``): an object built with a system prompt (a prompt found in a property of the object a
    call is given) is an agent, so is one built from agents (``createNetwork({agents: [a, b]})``), and
    the literal its ``run``/``generate`` method is given is the user's turn."""
    agents: set[str] = set()
    for cand in found:
        slot = cand.slot
        obj = slot.parent if slot is not None and slot.type == "pair" else None
        args = obj.parent if obj is not None and obj.type == "object" else None
        if args is not None and args.type == "arguments" and args.parent is not None \
                and args.parent.type in ("call_expression", "new_expression") and not cand.message:
            name = _bound_to(args.parent)
            if name:
                agents.add(name)
    langchain = any(_LANGCHAIN_MODEL_MODULE.search(spec) for spec, _ in (imports or {}).values())
    calls = [n for n in walk(root, every=True) if n.type in ("call_expression", "new_expression")] if agents or \
        langchain or _AGENT_MAKER.search(root.text) else []
    models = _langchain_models(calls, imports) if langchain else set()
    for call in calls:  # agent({...}), createAgent(...), new Agent(...): a callee named for what it makes
        callee = call.child_by_field_name("function") or call.child_by_field_name("constructor")
        words = name_words(_prop_name(callee)) if callee is not None else []
        if words[-1:] and words[-1] in _AGENT_WORDS and not set(words) & {"get", "find", "list", "load"}:
            name = _bound_to(call)
            if name:
                agents.add(name)
    if not agents and not models:
        return []
    grew = True
    while grew:  # networks of agents, and networks of those
        grew = False
        for call in calls:
            name = _bound_to(call)
            args = call.child_by_field_name("arguments")
            if name and name not in agents and args is not None and any(
                    n.type in ("identifier", "shorthand_property_identifier") and _text(n) in agents
                    for a in args.named_children if a.type == "object" for n in walk(a, every=True)):
                agents.add(name)
                grew = True
    out = []
    for call in calls:
        fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        if call.type != "call_expression" or fn is None or fn.type != "member_expression" or args is None \
                or not args.named_children:
            continue
        obj = fn.child_by_field_name("object")
        first = args.named_children[0]
        if obj is None or obj.type != "identifier" or literal_parts(first) is None:
            continue
        if (_text(obj) in agents and _prop_name(fn) in _AGENT_RUNS) or \
                (_text(obj) in models and _prop_name(fn) in _LANGCHAIN_RUNS):
            out.append(_Candidate(first, call, _prop_name(fn), "user", message=True))
    return out


def _held_name(cand) -> str | None:
    """The local a candidate's text is put in, when it can grow afterwards: ``let prompt = ...``,
    ``prompt = ...`` (a ``const`` cannot)."""
    if cand.decl is not None:
        decl = cand.decl.parent
        if decl is None or decl.type != "variable_declarator" or decl.parent is None \
                or _text(decl.parent.children[0]) == "const":
            return None
        return _text(cand.decl)
    slot = cand.slot
    while slot is not None and slot.type == "parenthesized_expression":
        slot = slot.parent
    if slot is not None and slot.type == "assignment_expression":
        left = slot.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            return _text(left)
    return None


_EXCLUSIVE_PARENTS = frozenset({"if_statement", "switch_body", "ternary_expression"})


def _exclusive(a, b) -> bool:
    """Whether two nodes sit in different branches of one ``if``/``else`` (or ``switch`` cases): one
    run reaches only one of them."""
    ancestors = {}
    n, child = a, None
    while n is not None:
        ancestors[n.id] = child
        n, child = n.parent, n
    n, child = b, None
    while n is not None and n.id not in ancestors:
        n, child = n.parent, n
    if n is None or n.type not in _EXCLUSIVE_PARENTS:
        return False
    a_side, b_side = ancestors[n.id], child
    return a_side is not None and b_side is not None and a_side.id != b_side.id \
        and not (n.type == "if_statement" and n.child_by_field_name("condition") in (a_side, b_side))


def _continued(cand) -> list:
    """The literals appended to the local a prompt is put in (``let prompt = A; prompt += '---'; prompt +=
    `Title:\\n${title}```), in the order the code runs them, up to the first that holds a variable: the
    text of the prompt before its first variable, as the code builds it.  A later plain assignment
    ends it, unless it sits in the other branch of the ``if`` holding the prompt (``if (x) prompt = A
    else prompt = B``)."""
    name = _held_name(cand)
    scope = _enclosing_function(cand.value) if name else None
    body = scope.child_by_field_name("body") if scope is not None else None
    if body is None:
        return []
    statement = cand.slot
    out = []
    writes = sorted((n for n in walk(body, every=True)
                     if n.type in ("assignment_expression", "augmented_assignment_expression")
                     and n.start_byte >= statement.end_byte), key=lambda n: n.start_byte)
    for n in writes:
        left = n.child_by_field_name("left")
        if left is None or _text(left) != name or _enclosing_function(n).id != scope.id or _exclusive(statement, n):
            continue
        if n.type == "assignment_expression" or _text(n.child_by_field_name("operator") or n) != "+=":
            break  # a new value: what follows belongs to it
        right = n.child_by_field_name("right")
        if right is None:
            break
        parts = literal_parts(right)
        if parts is None:  # a value appended: the prompt's first variable (unless a constant's text)
            parts = [_Part("variable", _text(right), right.start_byte, expression=_text(right))]
        out.extend(parts)
        if any(p.kind == "variable" for p in parts):
            break
    return out


# Keys of UI elements: in a translation bundle their text is shown, whatever object holds them.
_UI_KEYS = frozenset({"title", "subtitle", "sub_title", "label", "placeholder", "description", "name", "tip",
                      "hint", "button", "confirm", "cancel", "tooltip", "header", "desc", "search", "list"})


def _translated_member(cand) -> bool:
    """In a translation module (``locales/cn.ts``), a text counts only as a member of an object named
    as a prompt, or under its own prompt name, and not under a UI element's key (``Store.Prompt.Topic``,
    ``Store.Prompt.History``; not ``InjectSystemPrompts.SubTitle``)."""
    pair = cand.slot if cand.slot is not None and cand.slot.type == "pair" else None
    if pair is None:
        return False
    key = _prop_name(pair.child_by_field_name("key"))
    if "_".join(name_words(key)) in _UI_KEYS:
        return False
    return says_prompt(key) or says_prompt(_owner_name(pair.parent))


def _handed_in(cand) -> list:
    """The texts a slot filled by a callback's parameter receives, in the same file: a JSX callback
    prop's parameter named like a prop of the same element is that prop's value (``<Suggestion
    suggestion={s} onClick={(suggestion) => sendMessage(...suggestion...)}>``: the component hands
    its ``suggestion`` back), and the parameter of ``ARRAY.map((item) => ...)`` is each item of the
    local ``const ARRAY = ["...", ...]``."""
    value = _unwrapped(cand.value)
    for _ in range(3):
        if value.type != "identifier":
            return []
        name = _text(value)
        fn = _binding_function(value, name)
        if fn is None:
            return []
        holder = fn.parent
        if holder is not None and holder.type == "jsx_expression" and holder.parent is not None \
                and holder.parent.type == "jsx_attribute" and holder.parent.parent is not None:
            prop = next((a for a in holder.parent.parent.named_children if a.type == "jsx_attribute"
                         and a.named_children and _text(a.named_children[0]) == name), None)
            expr = prop.named_children[-1] if prop is not None else None
            if expr is None or expr.type != "jsx_expression" or not expr.named_children:
                return []
            value = expr.named_children[0]
            if value.type != "identifier":
                return [_Candidate(value, prop, name, cand.role, message=cand.message)]
            continue
        call = holder.parent if holder is not None and holder.type == "arguments" else None
        fn_name = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
        if fn_name is None or fn_name.type != "member_expression" or _prop_name(fn_name) != "map":
            return []
        array = fn_name.child_by_field_name("object")
        decl = _const_declarator(_root(array), _text(array), array) if array.type == "identifier" else None
        items = decl.child_by_field_name("value") if decl is not None else None
        if items is None or items.type != "array":
            return []
        return [_Candidate(item, item, None, cand.role, message=cand.message)
                for item in items.named_children if literal_parts(item) is not None]
    return []


def _option_args(cand, root) -> list:
    """The texts a same-file call passes for a destructured option a prompt splices
    (``createGenPrompt = ({message = ''}) => ... : message`` called as ``createGenPrompt({message: 'Explain
    the following'})``): each is text of that prompt."""
    value = _unwrapped(cand.value)
    if value.type != "identifier":
        return []
    name = _text(value)
    fn = _binding_function(value, name)
    params = fn.child_by_field_name("parameters") if fn is not None else None
    fname = _function_name(fn)
    if params is None or not fname:
        return []
    position = next((i for i, p in enumerate(c for c in params.named_children if c.type != "comment")
                     if p.type in ("object_pattern", "required_parameter", "optional_parameter")
                     and any(n.type in ("shorthand_property_identifier_pattern", "property_identifier")
                             and _text(n) == name for n in walk(p, every=True))), None)
    if position is None:
        return []  # (a plain parameter: _prompt_arguments's)
    out = []
    for call in walk(root, every=True):
        callee = call.child_by_field_name("function") if call.type == "call_expression" else None
        args = call.child_by_field_name("arguments") if callee is not None else None
        if callee is None or callee.type != "identifier" or _text(callee) != fname or args is None \
                or position >= len(args.named_children) or args.named_children[position].type != "object":
            continue
        for pair in args.named_children[position].named_children:
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            got = pair.child_by_field_name("value") if key is not None else None
            if got is not None and _prop_name(key) == name and literal_parts(got) is not None:
                out.append(_Candidate(got, pair, name, cand.role, message=cand.message, by_path=True))
    return out


def _root(node):
    while node.parent is not None:
        node = node.parent
    return node


def wrapped_params(fn) -> list[int]:
    """The positions of the parameters a function splices whole into the one literal it returns
    (``wrapXml = (name, content) => `<${name}>${content}</${name}>` `` -> [0, 1]): a wrapper, whose
    arguments are text of what it returns."""
    parts = function_literal(fn) if fn is not None else None
    if not parts:
        return []
    spliced = {p.expression for p in parts if p.kind == "variable"}
    return [i for i, name in enumerate(param_names(fn)) if name and name in spliced]


# A RegExp source made of literal text around one capturing group: ``■■■([A-Z0-9_\.-]+)■■■``
_MARKER_SOURCE = re.compile(r"((?:[^\\^$.|?*+()\[\]{}]|\\.)+)\((?!\?)[^()]*\)((?:[^\\^$.|?*+()\[\]{}]|\\.)+)")


def _regex_source(node) -> str | None:
    """The source of a regular expression written as a literal (``/x/g``) or as ``new RegExp('x', flags)``."""
    if node is None:
        return None
    if node.type == "regex":
        pattern = node.child_by_field_name("pattern")
        return _text(pattern) if pattern is not None else None
    if node.type == "new_expression" and _text(node.child_by_field_name("constructor") or node) == "RegExp":
        args = node.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else None
        parts = literal_parts(first) if first is not None and first.type in ("string", "template_string") else None
        if parts and all(p.kind == "static" for p in parts):
            return "".join(p.text for p in parts)
    return None


def marker_fill(fn) -> tuple[str, str] | None:
    """(prefix, suffix) of the markers a function replaces in the text of its first parameter, each with
    the value its caller's map gives the name between them: ``(prompt, values) => prompt.replace(new
    RegExp('■■■([A-Z0-9_\\.-]+)■■■', 'gi'), (_m, name) => values[name])`` (Botpress LLMz's
    replacePlaceholders) fills ``■■■name■■■``.  Only a pattern of literal text around one capturing group."""
    names = param_names(fn) if fn is not None else []
    body = fn.child_by_field_name("body") if fn is not None else None
    if not names or not names[0] or body is None:
        return None
    local = {}  # const regex = new RegExp(...)
    for n in walk(body, every=True):
        if n.type == "variable_declarator" and n.child_by_field_name("name") is not None \
                and n.child_by_field_name("name").type == "identifier":
            src = _regex_source(n.child_by_field_name("value"))
            if src:
                local[_text(n.child_by_field_name("name"))] = src
    for n in walk(body, every=True):
        f = n.child_by_field_name("function") if n.type == "call_expression" else None
        if f is None or f.type != "member_expression" or _prop_name(f) not in ("replace", "replaceAll") \
                or _text(f.child_by_field_name("object") or f) != names[0]:
            continue
        args = n.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and len(args.named_children) == 2 else None
        src = _regex_source(first) or (local.get(_text(first)) if first is not None and first.type == "identifier"
                                       else None)
        m = _MARKER_SOURCE.fullmatch(src) if src else None
        if m:
            return re.sub(r"\\(.)", r"\1", m.group(1)), re.sub(r"\\(.)", r"\1", m.group(2))
    return None


def _fill_call(node):
    """The call ``node`` is made of when it fills a text (``replacePlaceholders(TEXT, {...}).trim()``):
    through parentheses, ``await`` and trimming; else None."""
    for _ in range(4):
        if node.type in ("parenthesized_expression", "await_expression", "as_expression", "non_null_expression") \
                and node.named_children:
            node = node.named_children[0]
        elif node.type == "call_expression" and _text_method(node) \
                and _prop_name(node.child_by_field_name("function")) in _TRIMS:
            node = node.child_by_field_name("function").child_by_field_name("object")
        else:
            break
    f = node.child_by_field_name("function") if node.type == "call_expression" else None
    return node if f is not None and f.type == "identifier" else None


def _filled_imports(cands, functions, imported_fills, imports) -> dict[tuple[str, str], tuple[set[str], str | None]]:
    """(import specifier, imported name) -> (markers, the slot's role), for each imported text a prompt slot hands to a fill
    function with a map (``content: replacePlaceholders(canTalk ? CHAT_SYSTEM_PROMPT_TEXT : WORKER_...,
    {protocol: ..., identity: ...})``): that text is sent to the model with each ``■■■key■■■`` of the map
    filled in its place."""
    out: dict[tuple[str, str], set[str]] = {}
    for cand in cands:
        call = _fill_call(cand.value)
        if call is None:
            continue
        callee = _text(call.child_by_field_name("function"))
        fn = functions.get(callee)
        fill = marker_fill(fn) if fn is not None else imported_fills(callee)
        args = call.child_by_field_name("arguments")
        if not fill or args is None or len(args.named_children) < 2 or args.named_children[1].type != "object":
            continue
        keys = set()
        for pair in args.named_children[1].named_children:
            if pair.type == "pair":
                keys.add(_prop_name(pair.child_by_field_name("key")))
            elif pair.type == "shorthand_property_identifier":
                keys.add(_text(pair))
        markers = {fill[0] + k + fill[1] for k in keys if k}
        texts = [args.named_children[0]]
        while texts:
            t = texts.pop()
            if t.type == "parenthesized_expression" and t.named_children:
                texts.append(t.named_children[0])
            elif t.type == "ternary_expression":
                texts.extend(c for c in (t.child_by_field_name("consequence"), t.child_by_field_name("alternative"))
                             if c is not None)
            elif t.type == "identifier" and _text(t) in imports:
                out.setdefault(imports[_text(t)], (set(), cand.role))[0].update(markers)
    return out


def _wrapped_args(cand, functions, imported_wraps) -> list:
    """The arguments a prompt (or a section of one) hands to a wrapper whose returned text splices
    them (``prompt += wrapXml('local-images', 'These images already exist...' + list)``): text of that
    prompt, whatever the wrapper's parameters are called.  Wrappers of the same file, and of another
    file through the import (``js_project``)."""
    value = _unwrapped_call(cand.value)
    callee = value.child_by_field_name("function") if value is not None else None
    args = value.child_by_field_name("arguments") if value is not None else None
    if callee is None or callee.type != "identifier" or args is None:
        return []
    fn = functions.get(_text(callee))
    positions = wrapped_params(fn) if fn is not None else (imported_wraps(_text(callee)) or [])
    out = []
    for i in positions:
        if i < len(args.named_children) and args.named_children[i].type != "spread_element":
            arg = args.named_children[i]
            if literal_parts(arg) is not None or arg.type == "identifier":
                out.append(_Candidate(arg, value, None, cand.role, message=cand.message, by_path=True))
    return out


def _unwrapped_call(node):
    while node.type in ("parenthesized_expression", "await_expression", "as_expression", "non_null_expression") \
            and node.named_children:
        node = node.named_children[0]
    return node if node.type == "call_expression" else None


def param_names(fn) -> list:
    """The names of a function's parameters in order (None for a destructured one)."""
    params = fn.child_by_field_name("parameters")
    nodes = [c for c in params.named_children if c.type != "comment"] if params is not None else \
        [fn.child_by_field_name("parameter")] if fn.child_by_field_name("parameter") is not None else []
    names = []
    for node in nodes:
        if node.type in ("required_parameter", "optional_parameter"):
            node = node.child_by_field_name("pattern") or node.named_children[0]
        if node.type == "assignment_pattern":
            node = node.child_by_field_name("left") or node.named_children[0]
        names.append(_text(node) if node.type == "identifier" else None)
    return names


# Words of a function that makes pictures, sound or video: the prompt it takes describes the media for
# an image, music or speech model, whose requests no provider's prompt cache serves (caching is a
# feature of the text/chat endpoints).
_MEDIA_WORDS = frozenset({"image", "images", "img", "picture", "photo", "music", "song", "audio", "speech",
                          "video", "voice", "sound"})


def _prompt_arguments(root, reads, imported_params) -> list:
    """Arguments passed to a project function's parameter named as a prompt (``function
    aixChatGenerateText_Simple(llmId, systemInstruction, ...)`` called with ``(llm, "You are...", ...)``):
    what the function does with them is what its own code says, and its parameter's name is that code's
    word for it.  Functions of the same file, and of another file through the import (``js_project``)."""
    functions = _module_functions(root)
    out = []
    for callee in reads.get("callee", ()):
        n = callee.parent
        args = n.child_by_field_name("arguments")
        if args is None or not args.named_children:
            continue
        name = _text(callee)
        if _EVENT.match(name) or _SETTER.match(name) or _HOOK.match(name) or name in _SHOWN_CALLEES \
                or name in _DIALOGS:
            continue  # (confirm(prompt), onMessage(...): asks or shows a person)
        if set(name_words(name)) & _MEDIA_WORDS:
            continue  # generateMusic(prompt), createImage(prompt): a media model's prompt, no cached text
        fn = functions.get(name)
        params = param_names(fn) if fn is not None else imported_params(name)
        for param, arg in zip(params or (), args.named_children):
            if param and says_prompt(param) and arg.type != "spread_element" \
                    and not (fn is not None and _param_shown(fn, param)):
                out.append(_Candidate(arg, n, param, role_of(param)))
    return out


def _param_shown(fn, param: str) -> bool:
    """Whether every use of a function's parameter inside it shows it to a person
    (``rl.question(prompt)``, ``console.log(prompt)``): a question or a message, not a prompt."""
    body = fn.child_by_field_name("body")
    uses = [u for u in _identifiers(body, param)] if body is not None else []
    return bool(uses) and all(_shown(u) for u in uses)


def filled_keys(reads) -> dict[str, set[str]]:
    """The placeholders each name's text has filled by ``NAME.replace("[[KEY]]", ...)`` (also along a
    chain of ``.replace`` calls): name -> keys."""
    out: dict[str, set[str]] = {}
    for args in reads.get("fill", ()):
        fn = args.parent.child_by_field_name("function")
        key = args.named_children[0] if args.named_children else None
        if fn is None or key is None or key.type != "string":
            continue
        text = "".join(_text(c) for c in key.named_children)
        if not _OWN_PLACEHOLDER.fullmatch(text) and not _DOLLAR_MARKER.fullmatch(text):
            continue  # (`$FRAMEWORK` too: a marker the code replaces, as importers' `$KEY` fills are)
        obj = fn.child_by_field_name("object")
        while obj is not None and obj.type == "call_expression" and obj.child_by_field_name("function") is not None \
                and obj.child_by_field_name("function").type == "member_expression":
            obj = obj.child_by_field_name("function").child_by_field_name("object")
        if obj is not None and obj.type == "identifier":
            out.setdefault(_text(obj), set()).add(text)
    return out


def split_filled(parts: list[_Part], keys: set[str]) -> list[_Part]:
    """Static parts with each filled placeholder (``[[AI_RULES]]``) made a variable: the code replaces
    it before the text is sent, whatever template syntax the rest of the text has."""
    pattern = re.compile("|".join(re.escape(k) + (r"(?!\w)" if k.startswith("$") else "")
                                  for k in sorted(keys, key=len, reverse=True)))
    out: list[_Part] = []
    for p in parts:
        if p.kind != "static" or not p.verbatim or not pattern.search(p.text):
            out.append(p)
            continue
        at = 0
        for m in pattern.finditer(p.text):
            if m.start() > at:
                out.append(_Part("static", p.text[at:m.start()], p.start + len(p.text[:at].encode())))
            out.append(_Part("variable", m.group(), p.start + len(p.text[:m.start()].encode()),
                             expression=m.group()))
            at = m.end()
        if at < len(p.text):
            out.append(_Part("static", p.text[at:], p.start + len(p.text[:at].encode())))
    return out


def _noting(lookup, source):
    """``lookup`` (``js_project.importer``) that also notes each name it gives the text of on
    ``source._noted``: what the candidate being read takes from other modules."""
    if lookup is None:
        return None

    def noted(expr: str):
        text = lookup(expr)
        if text is not None and getattr(source, "_noted", None) is not None:
            source._noted.append(expr)
        return text

    noted.items = getattr(lookup, "items", None)
    return noted


def spliced_exports(index, path: str, root, options) -> set[str]:
    """The names this module exports that another file of the scan splices whole into one of its
    prompts (``import { IDENTITY } from './prompts'`` then `` `${IDENTITY}...` ``, ``${getGuidance()}``):
    their literals reach the model as sections of that prompt, though nothing in this file says so.
    Each importer is loaded once per scan (ahead of its turn when needed: ``importer_prompts``)."""
    if index is None:
        return set()
    return _spliced_exports(index, path, root, options)[0]


def _spliced_exports(index, path: str, root, options) -> tuple[set[str], set[str]]:
    """(``spliced_exports``, those of them some importer splices into a prompt it fills as a template:
    ``PromptTemplate.fromTemplate(`${FORMAT}\n{input}`)``)."""
    if index is None:
        return set(), set()
    me = os.path.abspath(path)
    names = {_text(d.child_by_field_name("name")) for d in _declarators(root, ("const",))
             if d.child_by_field_name("name") is not None and d.child_by_field_name("name").type == "identifier"}
    names |= set(_module_functions(root))
    out, templated = set(), set()
    for name in names:
        for other in _splicing(index, name):
            if other != me and _imports_from(index, other, me, name) \
                    and (me, name) in importer_prompts(index, other, options):
                out.add(name)
                if (me, name) in index._memo.get(("js-templated-imports", os.path.abspath(other)), ()):
                    templated.add(name)
                    break
    return out, templated


def _splicing(index, name: str) -> list[str]:
    """The JS/TS files of the scan that mention ``name`` and splice it into text (``_spliced_in_text``),
    in the index's order, once per scan: only they can splice an export of that name (``_imports_from``),
    and names such as SYSTEM_PROMPT are exported by many modules."""
    return index.memo(("js-splicing", name), lambda: [
        other for other in index.mentioning(name) if other.lower().endswith(EXTENSIONS)
        and name in index.memo(("js-spliced-names", other), lambda: _spliced_in_text(index, other))])


_FILL_KEY = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}|\[\[\s*([A-Za-z_]\w*)\s*\]\]|\$([A-Za-z_]\w+)"
                       r"|\{([A-Za-z_]\w*)\}")


def _filled_by_importers(index, path: str, text: str) -> set[str]:
    """The ``{{KEY}}``/``[[KEY]]``/``$KEY`` placeholders of this file's text that a file importing from
    it fills with ``.replace('{{KEY}}', ...)``/``.replaceAll(...)`` (the module exports the prompt, its
    user fills it), or a module this file imports fills (its text is handed to that module's renderer:
    ``inputs.render(this.summarizeFileDiff)`` and ``content.replace('$title', this.title)`` in
    ``inputs.ts``): found from the scan's index of names, then one look at each such file's text."""
    if index is None or ("{" not in text and "[[" not in text and "$" not in text):
        return set()
    me = os.path.abspath(path)
    stem, folder = os.path.basename(me).split(".", 1)[0], os.path.basename(os.path.dirname(me))
    out = set()
    from ..crossflow import _read

    keys = {m.group(0): m.group(1) or m.group(2) or m.group(3) or m.group(4) for m in _FILL_KEY.finditer(text)}
    mine = _import_heads(index, me) if any(k.startswith("$") for k in keys) else set()
    for key, name in keys.items():
        # (the index's identifiers keep a `$`: `'$raw_summary'` mentions `$raw_summary`)
        for other in _replacing(index, key, name):
            if other == me:
                continue
            other_stem = os.path.basename(other).split(".", 1)[0]
            if not _import_heads(index, other) & {stem, folder} and not (
                    key.startswith("$") and other_stem in mine):
                continue
            out.add(key)
            break
    return out


def _replacing(index, key: str, name: str) -> list[str]:
    """The JS/TS files of the scan that mention ``key`` (``name`` for a key without a `$`) and replace
    it (``_replaced_texts``), in the index's order, once per scan: a placeholder such as ``{task}``
    recurs in many modules, and looking at each mentioning file again for each module was quadratic."""
    return index.memo(("js-replacing", key), lambda: [
        other for other in (index.mentioning(key) if key.startswith("$") else index.mentioning(name))
        if other.lower().endswith(EXTENSIONS) and key in _replaced_texts(index, other)])


# `.replace(q...q` / `.replaceAll(q...q`, at every occurrence (a lookahead: one cannot hide the next)
_REPLACED = re.compile(r"""\.(?:replace|replaceAll)\((?=(['"`])([^'"`]*)\1)""")


def _replaced_texts(index, path: str) -> frozenset[str]:
    """The quote-free texts ``path`` replaces (``.replace('{{KEY}}', ...)``, ``.replaceAll("$KEY", ...)``),
    read off its text once per scan: a key (no quote in it) is replaced there exactly when the text holds
    ``.replace(`` or ``.replaceAll(`` and the key between two equal quotes."""
    def compute():
        from ..crossflow import _read

        return frozenset(m.group(2) for m in _REPLACED.finditer(_read(path, index.limit) or ""))

    return index.memo(("js-replaced-texts", path), compute)


_SPEC = re.compile(r"""(?:\bfrom|\bimport|\brequire\s*\()\s*\(?\s*['"]([^'"\n]+)['"]""")


def _import_heads(index, path: str) -> set[str]:
    """The last component of each module specifier written in ``path`` (``"@/lib/utils/search-config"``
    -> ``search-config``, ``"./x.js"`` -> ``x``), read off the text once per scan."""
    def compute():
        from ..crossflow import _read

        text = _read(path, index.limit) or ""
        return {spec.rstrip("/").rsplit("/", 1)[-1].split(".", 1)[0] for spec in _SPEC.findall(text)}

    return index.memo(("js-import-heads", path), compute)


def _imports_from(index, path: str, module: str, name: str) -> bool:
    """Whether the file ``path`` imports ``name`` (or the whole namespace) from ``module`` (its
    summary: the imports are read without reading the file's prompts).  First a look at the text: a
    specifier naming the module's file or its folder (an ``index`` re-exporting it), and ``name``
    spliced somewhere (``${NAME``, ``+ NAME``); most files mentioning a name do neither."""
    if _import_heads(index, path).isdisjoint(_module_heads(module)):
        return False
    if name not in index.memo(("js-spliced-names", path), lambda: _spliced_in_text(index, path)):
        return False
    summary = summary_of(index, path)
    return summary is not None and any(
        imported in (name, "*") and defining_module(index, resolved_path(index, path, spec), name) == module
        for spec, imported in summary.imports.values())


@lru_cache(maxsize=4096)
def _module_heads(module: str) -> frozenset[str]:
    """The specifier heads that may name ``module``: its file's stem, its folder (an ``index``)."""
    return frozenset((os.path.basename(module).split(".", 1)[0], os.path.basename(os.path.dirname(module))))


_SPLICED_AFTER = re.compile(r"(?:\$\{|\+)\s*(?:[\w$]+\.)?([\w$]+)")


def _spliced_in_text(index, path: str) -> frozenset[str]:
    """The names the text of ``path`` splices into text somewhere (``${NAME``, ``${NS.NAME``,
    ``+ NAME``, ``NAME +``, ``NAME() +``): a superset of what its prompts splice, read once per scan
    (the name before a ``+`` found by looking back from each ``+``: a regex trying every word is 40
    times slower)."""
    from ..crossflow import _read

    text = _read(path, index.limit) or ""
    names = set(_SPLICED_AFTER.findall(text))
    plus = text.find("+")
    while plus >= 0:
        j = plus - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        while j >= 1 and text[j] == ")":  # NAME() +, (await NAME()) +
            j -= 2 if text[j - 1] == "(" else 1
            while j >= 0 and text[j] in " \t":
                j -= 1
        k = j
        while k >= 0 and (text[k].isalnum() or text[k] in "_$"):
            k -= 1
        if k < j:
            names.add(text[k + 1:j + 1])
        plus = text.find("+", plus + 1)
    return frozenset(names)


_MAX_AHEAD = 6  # importers loaded ahead inside one another (a chain of modules importing modules)


def importer_prompts(index, path: str, options) -> set[tuple[str, str]]:
    """(module, name) of every imported name ``path`` splices into a prompt it reports, read ahead of
    the file's own turn when a module it imports from needs it.  A file being loaded (an import cycle),
    or one past ``_MAX_AHEAD`` files loaded ahead inside one another, gives nothing."""
    key = os.path.abspath(path)
    memo = index._memo
    if ("js-prompt-imports", key) in memo:
        return memo[("js-prompt-imports", key)]
    depth = memo.get(("js-ahead",), 0)
    if memo.get(("js-loading", key)) or depth >= _MAX_AHEAD:
        return set()
    from ..crossflow import _read

    text = _read(path, index.limit)
    if text is None:
        return set()
    memo[("js-ahead",)] = depth + 1
    src = JsCodeSource()
    src._ahead = True
    try:
        src.load(path, text, options)  # (its prompts are reported on its own turn, under its own name)
    except Exception:  # NoPrompts, or anything else: read and reported on its own turn
        pass
    finally:
        memo[("js-ahead",)] = depth
    return memo.get(("js-prompt-imports", key), set())


def _default_literal(root):
    """The string or template literal a module exports as its default (``export default "..."``), else None."""
    for st in root.named_children:
        if st.type == "export_statement":
            value = st.child_by_field_name("value")
            if value is not None and value.type in ("string", "template_string"):
                return value
    return None


def _default_sent(index, path: str, options) -> set[str] | None:
    """The markers filled in this module's default-exported text when a file importing it sends it to a
    model (its prompt slot hands it to a fill function, or splices it: ``_note_filled``,
    ``_note_imports``); None when no importer does.  Importers are the scan's files whose import
    specifiers name this file's stem and whose default import resolves to it, loaded ahead of their turn."""
    me = os.path.abspath(path)
    stem = os.path.basename(me).split(".", 1)[0]
    memo = index._memo
    key = ("js-default-sent", me)
    if key in memo:
        return memo[key]
    memo[key] = None
    for other in index.mentioning(stem):
        if other == me or not other.lower().endswith(EXTENSIONS) or stem not in _import_heads(index, other):
            continue
        summary = summary_of(index, other)
        if summary is None or not any(
                name == "default" and resolved_path(index, other, spec) == me
                for spec, name in summary.imports.values()):
            continue
        if (me, "default") in importer_prompts(index, other, options):
            memo[key] = set(memo.get(("js-filled-markers", me, "default"), ()))
            break
    return memo[key]


def _exported_literals(root, name: str, as_is: bool = False) -> list:
    """Candidates for a module constant's literal (``const N = `...` ``) or the literals a module
    function returns (``function N() { return `...` }``): sections another file's prompt splices in
    (``as_is``: no importer fills the text it splices in as a template)."""
    for d in _declarators(root, ("const",)):
        n = d.child_by_field_name("name")
        if n is not None and _text(n) == name and d.child_by_field_name("value") is not None \
                and d.child_by_field_name("value").type not in ("arrow_function", "function_expression", "function"):
            return [_Candidate(d.child_by_field_name("value"), d, name, role_of(name), decl=n, by_path=True,
                               as_is=as_is)]
    values = _returned_values(_module_functions(root).get(name))
    return [_Candidate(v, v.parent, None, role_of(name), by_path=True, branch=len(values) > 1) for v in values]


def _template_fills(reads) -> list:
    """The values a prompt template's placeholders are filled with (``PROMPT.replace("{artifactTitle}",
    titleSection)``, also along a chain of ``.replace`` calls): text of that prompt.  The template must
    be named as a prompt; the value counts by the usual rules (a literal, or the name of one)."""
    out = []
    for args in reads.get("fill", []) + reads.get("refill", []):
        n = args.parent
        fn = n.child_by_field_name("function")
        if fn is None or len(args.named_children) != 2:
            continue
        key, value = args.named_children
        if key.type == "regex":
            # SYSTEM_PROMPT.replace(/Default working language: \*\*.*?\*\*/, `Default working language:
            # **${targetLanguage}**`): the text a pattern's match is rewritten to is text of the prompt
            if literal_parts(value) is None:
                continue
        elif key.type != "string" or not _PLACEHOLDER.fullmatch("".join(_text(c) for c in key.named_children)):
            continue
        obj = fn.child_by_field_name("object")
        while obj is not None and obj.type == "call_expression" and obj.child_by_field_name("function") is not None \
                and obj.child_by_field_name("function").type == "member_expression":
            obj = obj.child_by_field_name("function").child_by_field_name("object")
        if obj is not None and obj.type in ("identifier", "member_expression") and says_prompt(_prop_name(obj)):
            out.append(_Candidate(value, n, None, role_of(_prop_name(obj)), by_path=True))
    return out


# ---------------------------------------------------------------------------------------------
# Where text goes to people, not to a model

# React's naming rules: hooks are ``use`` + a capital (``useChat``), state setters ``set`` + a capital
# (``const [items, setItems] = useState()``), event callbacks ``on`` + a capital (``onMessage``).
_HOOK = re.compile(r"use[A-Z]")
_SETTER = re.compile(r"set[A-Z]")
_EVENT = re.compile(r"on[A-Z]")
# Calls that show text to a person: console and logger output, terminal questions (readline's
# ``question``/``setPrompt``), browser dialogs, thrown errors.
_SHOWN_CALLEES = frozenset({"log", "info", "warn", "warning", "error", "debug", "trace", "question",
                            "setPrompt", "alert", "confirm", "write", "writeln"})
# A bare ``prompt(...)`` is the browser's dialog (``window.prompt``) or a terminal prompt library's
# (inquirer, @clack/prompts): a question put to a person.
_DIALOGS = frozenset({"prompt", "window.prompt", "globalThis.prompt", "inquirer.prompt", "prompts"})
_FRONT_MATTER = re.compile(r"---[ \t]*\n")


def _ui_sink(node) -> bool:
    """Whether ``node`` sits in the arguments of a React state setter (``setChatHistory(...)``: what
    a component shows) or of an event callback (``onMessage({...})``, ``onAuth({url, instructions})``:
    an event handed to a listener).  A setter whose name says prompt (``setSystemPrompt``) sets a
    prompt."""
    child, p = node, node.parent
    while p is not None:
        if p.type in ("call_expression", "new_expression") and child.type == "arguments":
            fn = p.child_by_field_name("function") or p.child_by_field_name("constructor")
            name = _prop_name(fn) if fn is not None else ""
            if _EVENT.match(name) or (_SETTER.match(name) and (not says_prompt(name) or _fills_field(p, name))):
                return True
            if _logging_call(fn):
                return True  # logger.debug("...", {config: {prompt: ...}}): a record of the request
        if p.type in ("function_declaration", "method_definition", "class_declaration", "program"):
            return False
        child, p = p, p.parent
    return False


_LOG_LEVELS = frozenset({"log", "info", "warn", "warning", "error", "debug", "trace", "verbose", "fatal"})
_LOGGER_WORDS = frozenset({"console", "logger", "log", "logging"})


def _error_scope_lifted(names: list, cand) -> bool:
    """Whether a scope about errors or logs (``excluded_by_scope``) says nothing of this text after all:
    a chat message given its role (``{role: 'user', content}`` in ``addLogsToCode``, a function that asks
    a model to add logs) is sent to a model whatever its function is named, and a member of a table
    named as prompts (``DEFAULT_PROMPTS.TOOL_ERROR_FEEDBACK``: the prompt that tells the model its tool
    failed) is one of those prompts.  Only the error/log scope words are lifted; a ``show*`` call or a
    titled ``template`` keep excluding."""
    scopes = [s for s in names[:-1] if isinstance(s, str)]
    hits = [i for i, s in enumerate(scopes) if set(name_words(s)) & ERROR_SCOPE_WORDS]
    if not hits or any(name_words(s)[:1] == ["show"] and len(name_words(s)) > 1 for s in scopes):
        return False
    if excluded_by_scope(names[-1], [s for i, s in enumerate(scopes) if i not in hits]):
        return False
    if cand.message and cand.role:
        # (unless the message itself is bound to a name that says error: `const errorUIMessage = {role:
        # "assistant", parts: [{type: "text", text: `Error in delegating task...`}]}` reports a failure)
        return not set(name_words(_holder_name(cand.value))) & ERROR_SCOPE_WORDS
    # (a scope named for a prompt by its head noun, ``ReActAgentToolErrorPrompt = new PromptTemplate({template:
    # ...})``, is the prompt that tells the model of an error, not an error message)
    return any(says_prompt(s) for s in scopes[:hits[0]]) or any(names_prompts(scopes[i]) for i in hits)


def _holder_name(node) -> str:
    """The name the object holding ``node`` is bound to (a declaration or an assignment), or "" when
    the object is handed to a call or returned first."""
    p = node.parent
    while p is not None:
        if p.type == "variable_declarator":
            return _text(p.child_by_field_name("name") or p)
        if p.type == "assignment_expression":
            return _prop_name(p.child_by_field_name("left") or p)
        if p.type in ("arguments", "return_statement", "statement_block", "program"):
            return ""
        p = p.parent
    return ""


def _logging_call(fn) -> bool:
    """Whether ``fn`` is a logger's level method (``console.log``, ``this.logger.debug``, ``log.info``)."""
    if fn is None or fn.type != "member_expression":
        return False
    obj = fn.child_by_field_name("object")
    return _prop_name(fn) in _LOG_LEVELS and obj is not None and \
        bool(set(name_words(_prop_name(obj))[-1:]) & _LOGGER_WORDS)


def _fills_field(node, setter: str) -> bool:
    """Whether ``setter`` is the setter of a React state that a form field shows and edits
    (``const [prompt, setPrompt] = useState("")`` with ``<textarea value={prompt}>``): its argument is
    the field's text for a person to change and send (llamacoder's ``setPrompt("Build this")``), not a
    prompt the code sends."""
    root = node
    while root.parent is not None:
        root = root.parent
    state = None
    stack = [root]
    fields: set[str] = set()
    while stack:  # one pass: the state paired with the setter, and the names bound to value={...}
        n = stack.pop()
        t = n.type
        if t == "array_pattern" and len(n.named_children) == 2 and _text(n.named_children[1]) == setter:
            state = _text(n.named_children[0])
        elif t == "jsx_attribute" and n.named_children and _text(n.named_children[0]) in _FIELD_ATTRS:
            value = n.named_children[-1]
            if value.type == "jsx_expression" and value.named_children:
                fields.add(_text(value.named_children[0]))
            continue
        stack.extend(n.children)
    return state is not None and state in fields


_FIELD_ATTRS = frozenset({"value", "defaultValue"})


def _in_hook(node) -> bool:
    """Whether ``node`` is inside a React hook (a function named ``use`` + a capital)."""
    fn = _enclosing_function(node)
    while fn is not None:
        name = _function_name(fn)
        if name and _HOOK.match(name):
            return True
        fn = _enclosing_function(fn)
    return False


def _only_shown(decl, value) -> bool:
    """Whether every use of the declared name in its file shows it to a person (``console.log(X)``,
    ``rl.question(PROMPT)``, ``throw new Error(X)``): a message for people that its name calls a
    prompt (a terminal prompt).  False when it is never used in the file (exported for others)."""
    name = _text(decl)
    root = decl
    while root.parent is not None:
        root = root.parent
    uses = [n for n in _identifiers(root, name) if n.id != decl.id and not _written_name(n)]
    return bool(uses) and all(_shown(n) for n in uses)


def _assigned_only_shown(cand) -> bool:
    """Whether a candidate assigned to a local (``instructions = 'Press Cmd+Space...'``) is a value
    every read of that local in its function shows to a person (``setTerminalDialog({instructions})``)."""
    slot = cand.slot
    if slot is None or slot.type not in ("assignment_expression", "augmented_assignment_expression"):
        return False  # (`instructions += '# Edit the message below...'`: a piece the local is grown by)
    left = slot.child_by_field_name("left")
    if left is None or left.type != "identifier":
        return False
    scope = _enclosing_function(slot) or _root(slot)
    reads = [n for n in _identifiers(scope, _text(left)) if not _written_name(n)]
    return bool(reads) and all(_shown(n) for n in reads)


def _written_name(n) -> bool:
    """Whether the identifier ``n`` is the name a value is put in (``x = ...``, ``x += ...``, ``let x =
    ...``), not a read of it."""
    p = n.parent
    return p is not None and ((p.type in ("assignment_expression", "augmented_assignment_expression")
                               and p.child_by_field_name("left") == n)
                              or (p.type == "variable_declarator" and p.child_by_field_name("name") == n))


def _identifiers(root, name: str):
    stack = [root]
    data = name.encode()
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "shorthand_property_identifier") and n.text == data:
            yield n
        elif n.child_count and data in n.text:
            stack.extend(n.children)


def _shown(node) -> bool:
    child, p = node, node.parent
    while p is not None and p.type not in ("expression_statement", "lexical_declaration", "return_statement",
                                           "variable_declaration", "program"):
        if p.type == "throw_statement":
            return True
        if p.type in ("call_expression", "new_expression") and child.type == "arguments":
            fn = p.child_by_field_name("function") or p.child_by_field_name("constructor")
            name = _prop_name(fn) if fn is not None else ""
            if name in _SHOWN_CALLEES or name.endswith("Error") or (_EVENT.match(name)) or \
                    (_SETTER.match(name) and not says_prompt(name)) or _written_to_file(p, name, node):
                return True
        child, p = p, p.parent
    return False


# Node's file-writing functions (``fs.writeFile``/``appendFile``, their ``Sync`` and ``fs/promises``
# forms; fs-extra's ``outputFile``; Deno's ``writeTextFile``): the text is the file's data, read by
# whoever opens that file, not sent to a model by this code.
_FILE_WRITES = frozenset({"writeFile", "writeFileSync", "appendFile", "appendFileSync", "outputFile",
                          "outputFileSync", "writeTextFile", "writeTextFileSync"})


def _written_to_file(call, name: str, node) -> bool:
    """Whether ``node`` is the data a file-writing call writes (aicommits' ``fs.appendFile(messageFilePath,
    instructions)``: comment lines for the person committing).  Not when the path written is a file agents
    read as instructions or a prompt folder's file (``writeFile('CLAUDE.md', rules)``,
    ``prompts/review.md``): a prompt kept for a model to load."""
    if name not in _FILE_WRITES:
        return False
    args = call.child_by_field_name("arguments")
    if args is None or len(args.named_children) < 2 or node.start_byte < args.named_children[1].start_byte:
        return False
    path = "".join(p.text for p in literal_parts(args.named_children[0]) or () if p.kind == "static")
    folders = [f for f in re.split(r"[\\/]", path) if f]
    # (a file named as a prompt, `${promptDir}/claude-prompt.txt`, is one kept for a model to load)
    return not (folders and (agent_file(folders[-1]) or set(folders[:-1]) & set(PROMPT_FOLDERS)
                             or is_path_prompty(folders[-1], prose=True)))


# An XML document for another program (an ``<?xml`` declaration, or a root element with a namespace:
# SSML ``<speak ... xmlns="http://www.w3.org/2001/10/synthesis">``); prompts' tags have no namespaces.
_XML = re.compile(r"\s*<(?:\?xml\b|[\w:-]+\s[^>]*\bxmlns(?::\w+)?=)")


# Keys of an object that asks a person something: a form's fields, a CLI question's choices and
# validator (inquirer, @clack/prompts).  Its ``prompt``/``message`` is the question put to the person.
# Also the keys of a menu or command palette entry bound to a key (Cody's ``{description: 'New Chat',
# prompt: 'Start a new chat', icon, command, keybinding}``): what it holds is shown in the menu.
_QUESTION_KEYS = frozenset({"fields", "placeholder", "choices", "validate", "keybinding", "keybindings",
                            "shortcut", "hotkey", "accelerator"})
# A command line for a shell: a well-known program, then subcommands, flags and paths only (no
# sentence), e.g. ``git diff --cached``, ``npm run build``.
_COMMAND_LINE = re.compile(r"(?:git|npm|npx|pnpm|yarn|bun|node|deno|python3?|pip3?|uv|poetry|cargo|go|docker|"
                           r"kubectl|make|bash|sh|zsh|curl|wget|ls|cd|cat|grep|rg|find|gh)"
                           r"(?:[ \t]+[a-z][\w-]*){0,2}"  # subcommands (`diff`, `run build`)
                           r"(?:[ \t]+(?:-[\w-]+(?:=\S+)?|[\w~@-]*[./=][\w./:=@~-]*[\w/]|\d+))*")  # flags, paths, numbers
# A module named as a logger (``editOutcomeLogger.ts``, ``prompt-logger.ts``): what it builds is
# logged, not sent to a model.
_RECORDING_WORDS = frozenset({"logger", "loggers"})
_WORDISH = re.compile(r"[^\W\d_]")
_PLAIN_WORD = re.compile(r"[^\w]*[^\W\d_]+(?:['’-][^\W\d_]+)*[^\w]*")


# A token of a utility-CSS class list (``bg-bg-100``, ``hover:text-fg``, ``w-1/2``, ``italic``).
_CLASS_TOKEN = re.compile(r"!?[a-z][a-z0-9]*(?:[-:/.][a-z0-9\[\]#%.]+)*")


def _class_list(text: str) -> bool:
    """Whether ``text`` is a list of CSS class names (``"bg-bg-100 text-fg-300 border-border italic"``,
    a style variant keyed by role): every token a lowercase class name, most of them compound."""
    tokens = text.split()
    return len(tokens) >= 2 and all(_CLASS_TOKEN.fullmatch(t) for t in tokens) and \
        sum(("-" in t or ":" in t) for t in tokens) * 2 > len(tokens)


def not_prose(text: str) -> bool:
    """Whether a short text is a name, a heading or a command rather than words for a model: fewer
    than two words with letters once commands and flags (``/team``, ``--force``) are left out, or at most four words all capitalised with no sentence punctuation
    (``Google Chat``, ``UNCHANGED CODE``: a name or a marker)."""
    words = [w for w in text.split() if _WORDISH.search(w) and not w.startswith(("/", "-", "$", "@"))]
    if count_words(" ".join(words)) < 2:
        return True
    if _class_list(text):
        return True
    letters = [w for w in words if _WORDISH.search(w)]
    return len(letters) <= 4 and not re.search(r"[.!?:;,]", text) and \
        all(next(c for c in w if c.isalpha()).isupper() for w in letters)


# ---------------------------------------------------------------------------------------------
# Whether braces in a literal are placeholders the code fills


_TEMPLATING_WORDS = frozenset({"template", "format", "render", "compile", "mustache", "handlebars", "nunjucks"})


def _templated_call(node) -> bool:
    """Whether the literal ``node`` (through ``+``, parentheses and ``.trim()``) is handed to a call
    named for filling templates (``PromptTemplate.fromTemplate(...)``, ``format(...)``, ``render(...)``)."""
    while node.parent is not None and (node.parent.type in ("parenthesized_expression", "template_substitution",
                                                             "template_string", "binary_expression")
                                       or _text_method(node.parent) or node.parent.type == "member_expression"):
        node = node.parent
    if node.parent is None or node.parent.type != "arguments" or node.parent.parent is None:
        return False
    callee = node.parent.parent.child_by_field_name("function") or node.parent.parent.child_by_field_name(
        "constructor")
    return callee is not None and bool(set(name_words(_text(callee))) & _TEMPLATING_WORDS)


def _exported(decl) -> bool:
    p = decl.parent
    while p is not None and p.type in ("variable_declarator", "lexical_declaration", "variable_declaration"):
        p = p.parent
    return p is not None and p.type == "export_statement"


def _sent_as_is(decl, depth: int = 0) -> bool:
    """Whether the text a declared name holds goes on unchanged: it is not exported, and every use of
    it in its file is spliced into other text (``${NAME}``, ``NAME + "..."``) that in turn is only
    declared, returned or spliced again.  Then ``{{HOLE}}``/``{name}`` in it are text the model
    reads, not placeholders: nothing in the code fills them (a ``.replace``, a template engine, any
    call it is passed to would)."""
    if _exported(decl) or depth > 3:
        return False
    name = _text(decl)
    root = decl
    while root.parent is not None:
        root = root.parent
    uses = [n for n in _identifiers(root, name) if n.id != decl.id]
    if not uses:
        return False
    for use in uses:
        node = use
        while node.parent is not None and (
                node.parent.type in ("template_substitution", "template_string", "parenthesized_expression")
                or (node.parent.type == "binary_expression"
                    and _text(node.parent.child_by_field_name("operator")) == "+")):
            node = node.parent
        top = node.parent
        if top is None:
            return False
        if top.type == "variable_declarator" and top.child_by_field_name("value") is not None \
                and top.child_by_field_name("value").id == node.id:
            target = top.child_by_field_name("name")
            if target is None or target.type != "identifier" or not _sent_as_is(target, depth + 1):
                return False
        elif top.type == "pair" and _message_slot(top):
            continue  # {role: 'system', content: systemPrompt}: the chat APIs send a message's text as it is
        elif top.type not in ("return_statement", "arrow_function"):
            return False
    return True


def _message_slot(pair) -> bool:
    """Whether ``pair`` is the ``content``/``text`` of a chat message (an object with a literal role),
    which no call that fills templates takes (``ChatPromptTemplate.fromMessages([...])`` would)."""
    if _prop_name(pair.child_by_field_name("key")) not in ("content", "text"):
        return False
    role = _speaker(_object_keys(pair.parent))
    if not isinstance(role, str) or role.lower() not in ROLES:
        return False
    node = pair.parent
    while node is not None and node.type not in ("statement_block", "program", "arrow_function",
                                                 "function_declaration", "method_definition"):
        if node.type in ("call_expression", "new_expression"):
            callee = node.child_by_field_name("function") or node.child_by_field_name("constructor")
            words = {w for part in _text(callee).split(".") for w in name_words(part)} if callee is not None else set()
            if words & _TEMPLATING_WORDS:
                return False
        node = node.parent
    return True


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


class JsCodeSource:
    name = "js"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith(EXTENSIONS)

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        data = text.encode("utf-8")
        parser, query = _grammar(_kind(path))
        index = options.project
        self._language = parser.language
        self._kind = _kind(path)
        self._translated = in_translation_folder(path)  # locales/cn.ts: only its translated prompts
        tree = take_tree(index, path, data) or parser.parse(data)  # (parsed once per scan)
        note_tree(index, path, tree)
        imports = imports_of(tree.root_node)
        self._index, self._path, self._imports = index, path, imports
        self._prompt_imports: set[tuple[str, str]] = set()
        if index is not None:  # (an importer reading ahead meets this file in a cycle: nothing)
            index._memo[("js-loading", os.path.abspath(path))] = True
        self._templated_imports: set[tuple[str, str]] = set()
        self._member_calls: set[str] = set()  # members called to make text its prompts splice
        self._options = options
        self._spliced_exports, self._templated_exports = _spliced_exports(index, path, tree.root_node, options)
        imported = _noting(importer(index, path, imports), self)
        self._imported_params = lambda local: imported_params(index, path, imports, local)
        self._imported_wraps = lambda local: imported_params(index, path, imports, local, "wraps")
        self._imported_fills = lambda local: imported_params(index, path, imports, local, "fills")
        # (a JSX component named after prompts shows them: QueuedPrompts.tsx)
        prompty = is_path_prompty(path) and not path.lower().endswith((".tsx", ".jsx"))
        self._hook_module = _HOOK.match(path.replace("\\", "/").rsplit("/", 1)[-1]) is not None
        stem = path.replace("\\", "/").rsplit("/", 1)[-1].split(".", 1)[0]
        if name_words(stem)[-1:] and name_words(stem)[-1] in _RECORDING_WORDS:
            raise NoPrompts(hint=NO_PROMPTS_HINT)  # a logging or telemetry module records text
        token = _NAMES.set(lambda parts: resolve_names(parts, tree.root_node, imported=imported))
        try:
            return self._read(path, text, data, tree, query, prompty, imported, options)
        finally:
            _NAMES.reset(token)
            if index is not None:  # what this file splices in, for the modules it imports from
                index._memo[("js-prompt-imports", os.path.abspath(path))] = self._prompt_imports
                index._memo[("js-templated-imports", os.path.abspath(path))] = self._templated_imports
                index._memo[("js-member-calls", os.path.abspath(path))] = self._member_calls
                index._memo[("js-loading", os.path.abspath(path))] = False
                if getattr(self, "_ahead", False):  # read ahead: its own turn parses nothing again
                    keep_tree(index, os.path.abspath(path), data, tree)

    def _read(self, path, text, data, tree, query, prompty, imported, options) -> LoadedFile:
        candidates = self._candidates(tree.root_node, query, prompty)
        self._note_filled(candidates, tree.root_node)
        fills = filled_keys(_reads(tree.root_node, self._language))
        filled_elsewhere = _filled_by_importers(self._index, path, text)
        if self._translated:
            candidates = [c for c in candidates if _translated_member(c)]
        pos = _Positions(data)
        loaded = LoadedFile()
        seen_values: set[tuple[int, int]] = set()
        names: dict[str, int] = {}
        reported: list[tuple[int, int]] = []  # value ranges of the prompts reported so far
        for cand in candidates:
            key = (cand.value.start_byte, cand.value.end_byte)
            if key in seen_values:
                continue
            if not cand.item and any(s <= key[0] and key[1] <= e and key != (s, e) for s, e in reported):
                continue  # text inside a prompt already reported (a ${...} or an operand): part of it
            self._noted = []  # the imported names this candidate's text takes in (see _noting)
            parts = literal_parts(cand.value) if cand.join is None else array_join_parts(cand.value, cand.join)
            if not parts:
                continue
            parts = resolve_names(parts, tree.root_node, imported=imported)
            if any(p.kind == "static" and _COMMAND_ARGUMENTS in p.text for p in parts):
                parts = split_filled(parts, {_COMMAND_ARGUMENTS})
            if cand.join is None and not any(p.kind == "variable" for p in parts):
                # let prompt = A; prompt += `Title:\n${title}`: the text before its first variable
                # goes on in what the code appends
                parts = parts + resolve_names(_continued(cand), tree.root_node, imported=imported)
            keys = fills.get(_text(cand.decl)) if cand.decl is not None else None
            if keys and (not any(k.startswith("{") for k in keys) or any(p.kind == "variable" for p in parts)
                         or not holds_template_syntax("".join(p.text for p in parts))):
                # PROMPT.replace("[[AI_RULES]]", rules): a variable (a `{name}` the code fills is one
                # too when the text is not read as a template: `<source file="{filename}">` beside
                # `{git-diff}`, which no template syntax has)
                parts = split_filled(parts, keys)
            if cand.own == "default" and cand.slot is not None and cand.slot.type == "export_statement" \
                    and getattr(self, "_default_markers", None):
                parts = split_filled(parts, self._default_markers)  # ■■■protocol■■■, filled by the importer
            if filled_elsewhere and any(p.kind == "variable" for p in parts):
                # CODYAGENT_PROMPTS.review.replace('{{CODY_TOOLS_PLACEHOLDER}}', tools) in an importer: a
                # variable at its place (a text without `${}` is read as the template it is)
                here = {k for k in filled_elsewhere if any(p.kind == "static" and k in p.text for p in parts)}
                if here:
                    parts = split_filled(parts, here)
            elif filled_elsewhere:
                # `$title` filled by the renderer the text is handed to: JavaScript reads no `$name` as
                # a template, so the fill alone says where the variables are; so is a `{plan}` an
                # importer fills (`serpQueriesPrompt.replace("{plan}", plan)`) in a text not read as a
                # template (a JSON example's braces beside it)
                # (also in a text read as a template that is returned or spliced as it is, which the
                # template reading would take for braces nothing fills: page-assist's
                # `DEFAULT_WEBSEARCH_PROMPT`, returned by `getWebSearchPrompt()` and filled by its importer's
                # `.replace("{current_date_time}", current_date_time)`)
                loose = any(k[:1] == "{" and k[:2] != "{{" for k in filled_elsewhere) and (
                    not holds_template_syntax("".join(p.text for p in parts))
                    or (cand.decl is not None and _sent_as_is(cand.decl)))
                here = {k for k in filled_elsewhere if (k.startswith("$") or (loose and k[:2] != "{{"
                                                                             and k.startswith("{")))
                        and any(p.kind == "static" and k in p.text for p in parts)}
                if here:
                    parts = split_filled(parts, here)
            seen_values.add(key)
            prompt = self._prompt(path, text, pos, cand, parts, options, loaded)
            if prompt is None:
                continue
            reported.append(key)
            self._member_calls |= _member_calls(tree.root_node, parts, self._imports)
            # (names resolved to an imported constant's text, and imported names left variables:
            # `${getContentTypesGuidance()}` of a function whose returns hold variables)
            self._note_imports(self._noted + [p.expression for p in parts if p.kind == "variable" and p.expression],
                               prompt.syntax not in (None, "js") or _templated_call(cand.value))
            n = names.get(prompt.container or "", 0) + 1
            names[prompt.container or ""] = n
            if n > 1:  # the same qualified name twice in a file: the line tells them apart
                prompt.container = f"{prompt.container}@L{prompt.line}"
                prompt.name = f"{path}:{prompt.container}"
            loaded.prompts.append(prompt)
        if not loaded.prompts and not loaded.errors:
            raise NoPrompts(hint=NO_PROMPTS_HINT)
        loaded.prompts.sort(key=lambda p: (p.line, p.segments[0].column if p.segments else 0))
        return loaded

    def _note_filled(self, candidates, root) -> None:
        """Record, for the modules this file imports texts from, the texts its prompt slots hand to a fill
        function (``_filled_imports``): (module, name) sent to the model, with the markers filled in it."""
        index = self._index
        if index is None or not self._imports:
            return
        found = _filled_imports(candidates, _module_functions(root), self._imported_fills, self._imports)
        for (spec, name), (markers, role) in found.items():
            target = defining_module(index, resolved_path(index, self._path, spec), name) \
                if name != "*" else None
            if target:
                self._prompt_imports.add((target, name))
                index._memo.setdefault(("js-filled-markers", target, name), set()).update(markers)
                index._memo.setdefault(("js-filled-role", target, name), role)

    def _note_imports(self, noted, templated: bool = False) -> None:
        """Record the imported names whose text a prompt of this file takes in (``${RULES}``,
        ``${P.RULES}``, ``${getGuidance()}``) as (declaring module, name); ``templated``: that prompt
        is filled as a template, so braces in the imported text are its fields."""
        if self._index is None or not self._imports:
            return
        for expr in noted:
            expr = expr.removesuffix("()")
            head, _, member = expr.partition(".")
            entry = self._imports.get(head) if _MEMBER.fullmatch(expr) else None
            if entry is None:
                continue
            spec, name = entry
            if name == "*":
                if not member:
                    continue
                name = member
            elif member:
                continue
            target = defining_module(self._index, resolved_path(self._index, self._path, spec), name)
            if target:
                self._prompt_imports.add((target, name))
                if templated:
                    self._templated_imports.add((target, name))

    def _spliced_member(self, name: str) -> bool:
        """Whether another file of the scan calls a member ``name`` (``const {pinnedMessage} = mod;
        const content = await pinnedMessage(ctx)``) and splices what it returns into a prompt: the
        objects and classes defining that member (each module's ``pinnedMessage: async () => `...` ``)
        make that prompt's text."""
        index = self._index
        if index is None:
            return False
        memo = index._memo.setdefault(("js-spliced-member",), {})
        if name not in memo:
            from ..crossflow import _read

            memo[name], me, looked = False, os.path.abspath(self._path), 0
            for other in index.mentioning(name):
                if other == me or not other.lower().endswith(EXTENSIONS) or looked >= _MAX_MEMBER_LOOKS:
                    continue
                if not re.search(rf"(?<![\w$]){re.escape(name)}\s*\(", _read(other, index.limit) or ""):
                    continue
                looked += 1
                importer_prompts(index, other, self._options)  # (read ahead of its turn when needed)
                if name in index._memo.get(("js-member-calls", other), ()):
                    memo[name] = True
                    break
        return memo[name]

    # -- where literals sit ------------------------------------------------------------------

    def _candidates(self, root, query, prompty: bool) -> list[_Candidate]:
        import tree_sitter as ts

        out: list[_Candidate] = []
        returned: dict[int, set[str]] = {}  # function node id -> identifiers it returns
        decls: list[tuple] = []
        for index, caps in ts.QueryCursor(query).matches(root):
            kind = _KINDS[index]
            value = caps["value"][0]
            name_node = caps.get("name", [None])[0]
            if kind == "return":
                fn = _enclosing_function(value)
                if value.type == "identifier":
                    returned.setdefault(fn.id if fn is not None else 0, set()).add(_text(value))
                    continue
                fname = _function_name(fn)
                if prompty or (fname and says_prompt(fname)):
                    out.append(_Candidate(value, value.parent, None if fname else "return",
                                          role_of(fname) if fname else None,
                                          by_path=not (fname and says_prompt(fname))))
                elif fname and _member_function(fn) and literal_parts(_unwrapped(value)) is not None \
                        and self._spliced_member(fname):
                    out.append(_Candidate(_unwrapped(value), value.parent, None, role_of(fname), by_path=True))
            elif kind == "arrow":
                if value.type in ("statement_block",):
                    continue
                fname = _function_name(value.parent)
                if self._translated and _translated_member(_Candidate(value, value.parent.parent, fname, None)):
                    # a translation's prompt written as a function: History: (content) => "..." + content
                    out.append(_Candidate(value, value.parent.parent, fname, None))
                elif prompty or (fname and says_prompt(fname)):
                    out.append(_Candidate(value, value.parent, None, role_of(fname) if fname else None,
                                          by_path=not (fname and says_prompt(fname))))
                elif fname and _member_function(value.parent) and literal_parts(value) is not None \
                        and self._spliced_member(fname):
                    out.append(_Candidate(value, value.parent, None, role_of(fname), by_path=True))
            elif kind == "decl":
                decls.append((name_node, value))
            elif kind in ("pair", "field", "assign"):
                name = _prop_name(name_node)
                if set(name_words(name)) & ERROR_SCOPE_WORDS and not says_prompt(name):
                    continue  # {success: false, error: `Failed to parse ...`}: an error message
                obj = value.parent.parent if kind == "pair" else None
                siblings = _object_keys(obj) if obj is not None else {}
                role = _speaker(siblings)
                message = isinstance(role, str) and role.lower() in ROLES and not _in_response(value)
                if kind == "pair" and siblings.keys() & _QUESTION_KEYS:
                    continue  # a form or a terminal question: asks a person
                part_role = _part_role(obj) if kind == "pair" and name == "text" and not message else None
                built = _built_role(obj) if kind == "pair" and not message else None
                if built and name == "content":
                    # new HumanMessage({ content: `...` }): LangChain's message classes take their
                    # content in an object too
                    out.append(_Candidate(value, value.parent, name, built, message=True))
                elif message and name in ("content", "text"):
                    out.append(_Candidate(value, value.parent, name, ROLES[role.lower()], message=True))
                elif part_role:
                    # a content part of a message: {role, content: [{type: "text", text}]} (OpenAI,
                    # Anthropic) or {role, parts: [{text}]} (Gemini)
                    out.append(_Candidate(value, value.parent, name, part_role, message=True))
                elif kind == "pair" and name == "text" and not message and (_prompt_list_part(obj) or _typed_part(obj)):
                    out.append(_Candidate(value, value.parent, name, None, message=True))
                elif says_prompt(name) or (kind == "pair" and says_prompt_in(name, (), siblings.keys())):
                    # (goal/description: only in an object shaped like an agent or task; code is
                    # full of other descriptions)
                    out.append(_Candidate(value, value.parent, name, role_of(name)))
                elif kind == "pair" and "_".join(name_words(name)) not in METADATA_KEYS \
                        and says_prompt(_owner_name(obj)):
                    # a member of an object named as a prompt: PROMPT = {system, user, instruction}
                    out.append(_Candidate(value, value.parent, name, role_of(name, _owner_name(obj))))
            elif kind in ("call", "new"):
                if _text(name_node) in _DIALOGS:
                    continue  # the browser's prompt() dialog, a terminal question: asks a person
                callee = _prop_name(name_node)
                words = name_words(callee)
                role = role_of(callee) if words and words[-1] in ("message", "msg") else None
                listed = _listed_role(value.parent.parent, words) if kind == "call" else None
                if listed:
                    # {role: "user", fragments: [createTextContentFragment(`...`)]}: a text part of
                    # the message, built by a call named after text content
                    out.append(_Candidate(value, value.parent.parent, callee, listed, message=True))
                elif says_prompt(callee) or role:
                    out.append(_Candidate(value, value.parent.parent, callee, role or role_of(callee),
                                          message=bool(role)))
                elif _builds_message(name_node) and not set(words) & ERROR_SCOPE_WORDS:
                    # messageBuilder.ok(agentId, `Contents of ${path}:...`), createMessage(`...`): the
                    # text a message maker is given is that message's content
                    out.append(_Candidate(value, value.parent.parent, callee, role_of(callee), message=True))
            elif kind == "tuple":
                role = "".join(p.text for p in (literal_parts(name_node) or [])).lower()
                if role in ROLES and value.parent.parent is not None \
                        and value.parent.parent.type in ("arguments", "array"):
                    out.append(_Candidate(value, value.parent, None, ROLES[role], message=True))
        for name in getattr(self, "_spliced_exports", ()):
            out.extend(_exported_literals(root, name, name not in self._templated_exports))
        default = _default_literal(root)
        self._default_markers = None
        if default is not None and self._index is not None:
            markers = _default_sent(self._index, self._path, self._options)
            if markers is not None:
                # export default "# Important Instructions\n...■■■protocol■■■..." (a prompt file compiled to a
                # module), which an importer sends to a model: a prompt, named after its export
                self._default_markers = markers
                role = self._index._memo.get(("js-filled-role", os.path.abspath(self._path), "default"))
                out.append(_Candidate(default, default.parent, "default", role, as_is=True))
        out.extend(_prompt_class_fields(root, {c.value.id for c in out}))
        if _COMMAND_ARGUMENTS.encode() in root.text:
            out.extend(_command_texts(root, {c.value.id for c in out}))
        reads = _reads(root, self._language)
        out.extend(_shorthand_contents(reads))
        out.extend(_shorthand_members(reads))
        out.extend(_template_fills(reads))
        out.extend(_prompt_arguments(root, reads, self._imported_params))
        out.extend(_agent_inputs(root, out, self._imports))
        if self._kind in ("js", "tsx"):
            out.extend(_jsx_prompt_props(root, self._language))
        if b".content" in root.text and b".push" in root.text:
            out.extend(_aliased_contents(root))
        # A prompt slot given a name ({role: "user", content: userContent}, system: SYSTEM, the
        # shorthand {role: "system", content}): the text is the literal that name is declared with,
        # in the same function or at module level; a name spliced whole into a prompt is a section of
        # it; what a same-file function returns into a prompt is that prompt's text.  Each pass reads
        # what the previous one added (`${missionStatement}` in a `content` found through a name).
        refs: dict[str, list[_Candidate]] = {}
        spliced: dict[str, list[_Candidate]] = {}
        taken: set[int] = set()  # declarations already candidates
        read_functions: set[int] = set()
        seen_arrays: set[tuple[int, str]] = set()
        functions = _module_functions(root)
        out = [b for c in out for b in _branches(c)]
        frontier = list(out)
        for _ in range(_MAX_PASSES):
            added = self._sections(frontier, root, seen_arrays)
            for cand in frontier + added:
                value = _unwrapped(cand.value)
                if value.type in ("identifier", "shorthand_property_identifier"):
                    refs.setdefault(_text(value), []).append(cand)
                for ident in _spliced_names(cand.value):
                    spliced.setdefault(ident, []).append(cand)
                added.extend(_returned_into(cand, functions, read_functions))
                added.extend(_wrapped_args(cand, functions, self._imported_wraps))
                added.extend(_handed_in(cand))
                added.extend(_option_args(cand, root))
                added.extend(_appended(cand))
                added.extend(_assigned_values(cand, taken))
                added.extend(_text_parts(cand, root))
                added.extend(_mapped_items(cand))
                added.extend(_walked_items(cand, root))
                added.extend(_spliced_assignments(cand, taken))
                added.extend(_indexed_tables(cand, root))
            for name_node, value in decls:
                if name_node.id in taken:
                    continue
                cand = self._declared(name_node, value, refs, spliced, returned, prompty)
                if cand is not None:
                    taken.add(name_node.id)
                    added.append(cand)
            added = [b for c in added for b in _branches(c)]
            if not added:
                break
            out.extend(added)
            frontier = added
        out = [b for c in out for b in _branches(c)]
        out.sort(key=lambda c: c.value.start_byte)
        return out

    @staticmethod
    def _declared(name_node, value, refs, spliced, returned, prompty):
        """The candidate a declaration makes, given the slots and splices seen so far (None: not yet)."""
        name = _text(name_node)
        fn = _enclosing_function(value)
        exported = fn is None and value.parent.parent is not None and \
            value.parent.parent.parent is not None and \
            value.parent.parent.parent.type == "export_statement"
        if says_prompt(name) or (prompty and (exported or name in returned.get(
                fn.id if fn is not None else 0, ()))):
            return _Candidate(value, value.parent, name, role_of(name), decl=name_node)
        if set(name_words(name)) & ERROR_SCOPE_WORDS:
            return None  # errorMessage, fimLog: an error or a log line, whatever slot it fills
        ref = next((r for r in refs.get(name, ()) if _within(r.value, fn) and not _ui_sink(r.value)
                    and not _excluded(r)), None)
        if ref is not None:
            return _Candidate(value, value.parent, name, ref.role or role_of(name),
                              message=ref.message, decl=name_node)
        # a constant spliced whole into a prompt (`${FIX_REQUEST_PREFIX}\n\n${error}`,
        # base + "\n\n" + DESIGN_SECTION): its text reaches the model with that prompt, as a section
        ref = next((r for r in spliced.get(name, ()) if _within(r.value, fn) and not _ui_sink(r.value)
                    and not _excluded(r)), None)
        if ref is not None:
            return _Candidate(value, value.parent, name, role_of(name) or ref.role, decl=name_node, by_path=True)
        return None

    @staticmethod
    def _sections(frontier, root, seen_arrays) -> list:
        """sections.push(`...`) ... system: sections.join("\n\n"): each pushed text is a section (also
        `...${actionSections.join("\n")}...` inside a section)."""
        sections: list[_Candidate] = []
        for cand in frontier:
            joined = _unwrapped(cand.value)
            name = _joined_array(joined)
            scope = _enclosing_function(cand.value) or root
            if name is None and cand.decl is not None and cand.value.type == "array" and cand.join is None \
                    and _returns_name(_enclosing_function(cand.value), _text(cand.decl)):
                # const prompt = []; prompt.push(`About you: ${...}`); return prompt: the lines a
                # prompt-named array collects for its caller (ai-town's agentPrompts)
                name = _text(cand.decl)
            elif name is not None:
                decl = _array_declarator(scope, name)
                if decl is not None and (scope.id, name) not in seen_arrays:
                    # const prompt = [`You are ${name}...`]; ... content: prompt.join('\n'): the
                    # array's own items are the head of the joined text (none of its own: all spreads)
                    if any(literal_parts(i) is not None for i in decl.child_by_field_name("value").named_children):
                        sections.append(_Candidate(decl.child_by_field_name("value"), decl, name, cand.role,
                                                   message=cand.message, decl=decl.child_by_field_name("name"),
                                                   by_path=not says_prompt(name),
                                                   join=joined.child_by_field_name("arguments")))
                    # [...defaultGuidelines, ...custom].join("\n"): a constant array spread into the
                    # joined one is a section of the text (its items joined the same way)
                    spreads = list(_spread_arrays(decl.child_by_field_name("value"), scope, root))
                    while spreads:
                        inner, inner_decl = spreads.pop()
                        at = _enclosing_function(inner_decl) or root
                        if (at.id, inner) in seen_arrays:
                            continue
                        seen_arrays.add((at.id, inner))
                        value = inner_decl.child_by_field_name("value")
                        sections.append(_Candidate(value, inner_decl, inner, cand.role, message=cand.message,
                                                   decl=inner_decl.child_by_field_name("name"), by_path=True,
                                                   join=joined.child_by_field_name("arguments")))
                        spreads.extend(_spread_arrays(value, at, root))
            if name is not None and (scope.id, name) not in seen_arrays:
                for item in _mapped_returns(scope, name):
                    # const parts = await Promise.all(xs.map(async (x) => [`--- ${x.name} ---\n\n${c}`]));
                    # ... parts.flat().join("\n\n"): the texts the callback returns are the items
                    sections.append(_Candidate(item, item, None, cand.role, message=cand.message, by_path=True))
                seen_arrays.add((scope.id, name))
                for call, arg in _pushed(scope, name):
                    sections.append(_Candidate(arg, call, name, cand.role, message=cand.message, by_path=True))
        queue = list(sections) + [c for c in frontier if c.value.type == "template_string"]
        while queue:
            cand = queue.pop()
            for sub in cand.value.named_children if cand.value.type == "template_string" else ():
                if sub.type != "template_substitution" or not sub.named_children:
                    continue
                name = _joined_array(sub.named_children[0])
                scope = _enclosing_function(cand.value) or root
                if name is None or (scope.id, name) in seen_arrays:
                    continue
                seen_arrays.add((scope.id, name))
                for call, arg in _pushed(scope, name):
                    more = _Candidate(arg, call, name, cand.role, message=cand.message, by_path=True)
                    sections.append(more)
                    queue.append(more)
        return sections

    # -- a prompt from a literal -------------------------------------------------------------

    def _prompt(self, path: str, text: str, pos: _Positions, cand: _Candidate, parts: list[_Part],
                options: SourceOptions, loaded: LoadedFile) -> Prompt | None:
        names = _qualified(cand.slot, cand.own)
        if names and excluded_by_scope(names[-1], names[:-1]) and not _error_scope_lifted(names, cand) \
                and not cand.command:  # (`showTask = dynamicCommand(...)`: a command, not a UI call)
            return None
        if _ui_sink(cand.value) or (cand.message and (self._hook_module or _in_hook(cand.value))):
            return None  # UI state or an event for a listener; a transcript item of a chat UI
        if (cand.decl is not None and _only_shown(cand.decl, cand.value)) or _assigned_only_shown(cand):
            return None  # a constant used only where people see it (log, error, terminal question)
        container = _join(names) or f"L{pos.at_byte(cand.value.start_byte)[0]}"
        variables = [p for p in parts if p.kind == "variable"]
        static = "".join(p.text for p in parts if p.kind == "static")
        if looks_like_code(static) or any(_I18N_CALL.match(p.expression or "") or
                                          _TERMINAL_STYLE.match(p.expression or "") for p in variables):
            return None  # a script, text put through a UI translation function or coloured for a terminal
        if _COMMAND_LINE.fullmatch(static.strip()):
            return None  # `git diff${staged ? ' --cached' : ''}`: a command line for a shell
        if _FRONT_MATTER.match(static):
            return None  # a Markdown document with YAML front matter: a file being written
        if SQL_STATEMENT.match(static) or _HTML.match(static) or _DIAGRAM.match(static) or _XML.match(static):
            return None  # SQL, browser markup, diagram source: text for other programs (the Python rule)
        syntax = None
        if not variables and options.syntax != "none":
            syntax = options.syntax if options.syntax not in ("auto", "", None) else holds_template_syntax(static)
            if syntax and options.syntax in ("auto", "", None) and (
                    cand.as_is or (cand.decl is not None and _sent_as_is(cand.decl))):
                syntax = None  # braces nothing fills: text for the model ({{FILL_HERE}} markers)
            if syntax == "template" and options.syntax in ("auto", "", None) and "${" not in static:
                # JavaScript has no ``$name`` template (Python's string.Template has): a bare ``$xx`` is
                # text (``$xx.xx``, a price written with letters); ``${name}`` in a quoted string is
                # the field a ``.replace`` fills
                syntax = None
        if syntax:
            segments = self._template_segments(path, text, pos, cand, static, syntax, options, loaded)
            if segments is None:
                return None
        else:
            segments = []
            for p in parts:
                line, column = pos.at_byte(p.start)
                if p.kind == "variable":
                    segments.append(Segment(p.text, "variable", line, column, True, p.expression,
                                            expression=p.expression))
                elif p.text:
                    segments.append(Segment(p.text, "static", line, column, p.verbatim))
        tvars = [s for s in segments if s.kind == "variable"]
        if cand.role == "assistant" and cand.message and segments and (segments[0].kind == "variable" or (
                cand.by_path and not _WORDISH.search(_MARKUP_TAG.sub("", static)))):
            # {role: 'assistant', content: [message.content, citations].join('\n')}, and the pieces a local
            # of it is assigned (`combined += "<think>" + deltaReasoning`): the model's own answer (its
            # streamed text, its reasoning in tags) put back in the history, with the app's words after it:
            # not text it writes (a message written in place, `{speaker: 'assistant', text:
            # ps`${OPENING_CODE_TAG}${infillBlock}`}`, is the app's prefill)
            return None
        if not tvars and not_prose(static):
            return None  # a name, a heading or a command line: not text written for a model
        if cand.branch and not _WORDISH.search(_MARKUP_TAG.sub("", static)):
            # a branch made of values only (`a + "\n\n" + b`, `<think>${r}</think>${c}`): a choice
            # between values
            return None
        if cand.branch and not tvars and not _SENTENCE.search(static) and count_words(static) < _BRANCH_PHRASE_WORDS:
            return None  # `n === 1 ? "file has" : "files have"`: a phrase completing a sentence
        if cand.by_path and (cand.decl is not None or cand.join is not None) and not _SENTENCE.search(static) \
                and count_words(static) < _BRANCH_PHRASE_WORDS:
            return None  # a section of a few words (`["edits", "type checks"].join(" and ")`): a phrase too
        if cand.item and "\n" not in static:
            return None  # `<${t}> tag`, `[From ${f.source}]: ${f.text}`: a piece of the prompt's line, read with it
        if _ERROR_TEXT.match(static):
            return None  # "Error: interrupted before a result was recorded": an error message
        if _in_error_path(cand.value, clause=cand.by_path):
            return None  # returned from a .catch callback (or a catch clause): a fallback after an error
        if cand.by_path and tvars and not _WORDISH.search(_without_commands(static)) and "\n" not in static:
            return None  # only values on one line (`${icon} ${path}`), kept in a prompts file: a label
        if cand.by_path and not tvars and sum(bool(_PLAIN_WORD.fullmatch(w)) for w in static.split()) < 2:
            return None  # no words of prose ('__PLACEHOLDER_0__, __PLACEHOLDER_1__'): a fragment
        if not has_prompt_size("".join(s.text for s in segments if s.kind == "static"), len(tvars)):
            return None
        if self._translated and not translated_instruction(static):
            return None  # a translation bundle's label ("自定义提示词列表"): text for people
        first = segments[0].line if segments else pos.at_byte(cand.value.start_byte)[0]
        if segments and segments[0].line < pos.at_byte(cand.value.start_byte)[0]:
            first = pos.at_byte(cand.value.start_byte)[0]  # (its head is a constant declared above it)
        return Prompt(name=f"{path}:{container}", path=path, segments=segments,
                      kind="template" if tvars else "text",
                      syntax=(syntax or "js") if tvars else None, line=first,
                      container=container, role=cand.role)

    def _template_segments(self, path, text, pos, cand, static, syntax, options,
                           loaded) -> list[Segment] | None:
        from .config_fields import place
        from .request import LineIndex
        from .template import parse_template

        try:
            parsed = parse_template(static, path, syntax)
        except SourceParseError as exc:
            if options.syntax in ("auto", "", None):  # the syntax was a guess: plain text after all
                parsed = parse_template(static, path, "none")
            else:
                line = pos.at_byte(cand.value.start_byte)[0] + (exc.line or 1) - 1
                loaded.errors.append(SourceError(path, exc.message, line, exc.hint))
                return None
        start = pos.char_offset(cand.value.start_byte)
        end = pos.char_offset(cand.value.end_byte)
        segs = place(parsed.segments, text, start, end, LineIndex(text))
        return [Segment(s.text, s.kind, s.line, s.column, s.verbatim, s.name,
                        expression=s.name if s.kind == "variable" else None) for s in segs]


__all__ = ["JsCodeSource", "literal_parts"]

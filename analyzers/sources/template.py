"""Prompt templates: Jinja2, Mustache, Handlebars, Semantic Kernel, ``str.format``, ``string.Template``.

Placeholders become variable segments (``text`` as written, ``name`` the expression); control tags
(``{% if %}``, ``{{#section}}``) become variable points with empty text, because what follows them
depends on the data; comments are dropped from the prompt and returned separately (inline
``pcache: ignore[...]`` suppressions live there).  One module per syntax family, listed in
``PARSERS``: ``template_jinja``, ``template_mustache`` (Mustache and Handlebars), ``template_sk``
(Semantic Kernel), ``template_python``.  Dotprompt ``.prompt`` files (YAML front matter, then a
Handlebars body) are read from the body on.

Public contract (used by the Prompty source and ``pcache probe``): ``parse_template``,
``detect_syntax``, ``render``, ``TemplateParse``, ``TemplateSource``.
"""

from __future__ import annotations

import bisect
import functools
import os
from itertools import accumulate
import re
import string
from dataclasses import dataclass, field, replace

from ..model import Prompt, Segment, SourceError
from .interface import LoadedFile, NoPrompts, SourceOptions, SourceParseError, UnparsedTemplate
from .template_go import frames_messages, looks_go
from .template_jinja import is_chat_template
from .text import EXTENSIONS as TEXT_EXTENSIONS

CHAT_TEMPLATE_HINT = ("a model's chat template (a Jinja loop over `messages` that frames each message, "
                      "Hugging Face's chat_template) is message framing, not a prompt")

SYNTAXES = ("jinja", "mustache", "handlebars", "sk", "go", "format", "template", "none")
JINJA_EXTENSIONS = (".j2", ".jinja", ".jinja2")
MUSTACHE_EXTENSIONS = (".mustache",)
HANDLEBARS_EXTENSIONS = (".hbs", ".handlebars")
# Semantic Kernel's prompt file (beside its config.json): its own syntax unless Handlebars blocks say
# otherwise (``template_format: handlebars``).
SK_FILE_NAMES = ("skprompt.txt",)
# Dotprompt (Genkit) and Continue prompt files: optional YAML front matter, then a Handlebars body.
DOTPROMPT_EXTENSIONS = (".prompt",)
CONTENT_EXTENSIONS = (".tmpl", ".tpl")
# Files whose syntax (if any) is found from their content.
DETECT_EXTENSIONS = (*CONTENT_EXTENSIONS, *TEXT_EXTENSIONS)


@dataclass
class TemplateParse:
    segments: list[Segment]
    comments: list[tuple[int, str]] = field(default_factory=list)
    syntax: str = "none"
    notes: list[str] = field(default_factory=list)  # what the parse could not account for (a missing include)

    @property
    def variables(self) -> list[Segment]:
        return [s for s in self.segments if s.kind == "variable"]


# ---------------------------------------------------------------------------------------------
# Detection

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
# A code span as CommonMark reads one (spec 6.1): a run of backticks, then text on the same line, then a run of as
# many backticks, neither run touching another backtick (`` ```{step}``` `` is one span holding ``{step}``; matching
# single backticks instead took its last backtick as the opening of a span that ran on to the next `` `write_files` ``,
# swallowing L2MAC's ``{file_names}`` and every field between).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_JINJA_BLOCK = re.compile(r"\{%[-+]?\s*[A-Za-z_]\w*[^\n]*?[-+]?%\}|\{#.*?#\}", re.S)
_MUSTACHE_TAG = re.compile(r"\{\{(?:[#^/>&]\s*[\w.@/-]+[^{}\n]*|![^\n]*?|\{\s*[\w.@-]+\s*\}|=\S+ \S+=)\}\}")
# Handlebars beyond Mustache: block helpers, ``else``, whitespace control, ``{{!-- --}}``, ``@data``.
_HANDLEBARS_TAG = re.compile(r"\{\{~?\s*(?:#(?:if|each|unless|with|let)\b|else\b|!--|@\w)|~\}\}")
_JINJA_VAR = re.compile(r"\{\{-?\s*[A-Za-z_][^{}\n]*?-?\}\}")
_DOLLAR_BRACED = re.compile(r"(?<!\$)\$\{[_a-zA-Z][_a-zA-Z0-9]*\}")
# ``${a.b}``: the dotted reference of loaders that fill a file's ``${...}`` from an object (JS template-literal
# style: an editor plugin's ``${context.filetype}``); string.Template allows no dot, its parser here does.
_DOLLAR_DOTTED = re.compile(r"(?<!\$)\$\{[_a-zA-Z]\w*(?:\.[_a-zA-Z]\w*)+\}")
_DOLLAR_NAMED = re.compile(r"(?<![\$\w\\])\$([_a-zA-Z][_a-zA-Z0-9]*)(?![\w\$(\[^{])")
_DOLLAR_ANY = re.compile(r"\$")
# A code fence holding nothing but one ``${name}`` is where string.Template puts the value (the engine knows
# no Markdown: ``Complete this code:\n```python\n${task}\n````); a ``${x}`` among other code in a fence is
# that code's own syntax (shell, JS).
_FENCED_DOLLAR = re.compile(r"(?:```|~~~)[^\n`]*\n[ \t]*\$\{[_a-zA-Z][_a-zA-Z0-9]*\}[ \t]*\n[ \t]*(?:```|~~~)")
_DOLLAR_EXPR = re.compile(r"\$\{[^{}\n]*\}")
# What follows the colon of ``{name: "...", other: [1]}``: a quoted value or a ``key: value`` list, which
# no format spec is (Python's mini-language: fill, align, sign, width, precision, type; or a strftime
# pattern for dates): the braces hold an object literal shown as an example.
_OBJECT_SPEC = re.compile(r"""\s*["'\[{]|.*,\s*["']?\w+["']?\s*:""")
_FORMAT_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\w+\])*|\d+")


def _prose(text: str, inline: bool = True) -> str:
    """The text outside Markdown code: examples in code blocks do not make a file a template
    (``inline``: inline code spans left out too, else only fenced blocks)."""
    if "```" in text or "~~~" in text:  # a fence needs one of these (a quick check before the regex)
        text = _FENCE.sub(_fence_kept, text)
    return _CODE_SPAN.sub(" ", text) if inline and "`" in text else text


def _fence_kept(m: re.Match) -> str:
    """A fenced block is an example, except one that holds nothing but Mustache triple-stash tags
    (```` ```\n{{{code}}}\n``` ````, the unescaped insertion Handlebars templates paste code with) or
    Dify's ``{{#context#}}``: the slot the filled-in text goes to.  (``{{ name }}`` alone in a fence may
    be a syntax example.)"""
    body = m.group(0).strip("`~ \t\n")
    body = body.split("\n", 1)[1] if "\n" in body and not body.split("\n", 1)[0].startswith("{") else body
    return "\n" + body + "\n" if body.strip() and _ONLY_TAGS.fullmatch(body.strip()) else "\n"


_ONLY_TAGS = re.compile(r"(?:(?:\{\{\{\s*[\w.]+\s*\}\}\}|\{\{#[\w.]+#\}\})\s*)+")
# Dify's variable tag (``{{#context#}}``): Mustache-like double braces around a name between two ``#``
# (not a Jinja comment ``{# #}`` inside braces, which Jinja cannot parse).
_HASHED_TAG = re.compile(r"\{\{#[\w.]+#\}\}")
_DOUBLE_BRACED = re.compile(r"\{\{(.*?)\}\}")
_COLON_NAME = re.compile(r"\s*[A-Za-z_][\w.-]*(?::[\w.-]+)+\s*")
_BARE_NAME = re.compile(r"\s*[^\s{}|()+*/%=<>!,'\"]+\s*")


def _colon_names(prose: str) -> bool:
    """Whether every ``{{...}}`` holds a bare name (or a labelled one) and one is a colon-separated one
    (``{{MESSAGES:END:2}}``, Open WebUI's slot syntax): not a Jinja expression (a colon is no Jinja
    operator outside a slice or a dict), a Mustache tag (any name is one)."""
    bodies = _DOUBLE_BRACED.findall(prose)
    return bool(bodies) and all(_BARE_NAME.fullmatch(b) or _LABELLED_NAME.fullmatch(b) for b in bodies) and \
        any(_COLON_NAME.fullmatch(b) or _LABELLED_NAME.fullmatch(b) for b in bodies)


# A name, a colon, then a label in words (Wingman's ``{{input:What modification do you want to make?}}``: the
# extension asks the user that question and puts the answer there): one tag, no Jinja expression (a colon after a
# name is no Jinja operator), a Mustache tag whose name is the whole text.
_LABELLED_NAME = re.compile(r"\s*[A-Za-z_][\w.-]*:[^{}\n]*[^\s{}]\s*")


def _looks_format(text: str, prose: str) -> bool:
    """Only when every ``{...}`` field is a name, attribute or index (``{fence[0]}``, ``{obj.attr}``;
    a JSON example fails this) and the text parses as a format string as a whole; at least one
    field outside code, or every field in the fences a slot (``_fenced_slots``).  Then fields inside code
    fences count too: ``str.format`` fills them."""
    if "{" not in text:
        return False
    try:
        parsed = [(f, spec) for _, f, spec, _ in string.Formatter().parse(text) if f is not None]
        prose_fields = [f for _, f, _, _ in string.Formatter().parse(prose) if f is not None]
    except ValueError:
        return False
    fields = [f for f, _ in parsed]
    if not prose_fields and not _fenced_slots(text, fields):
        return False  # braces only inside code examples: they are code, not placeholders
    if any(spec and _OBJECT_SPEC.match(spec) for _, spec in parsed):
        return False  # {insight: "...", ids: [1]}: an object written as an example, not a field
    return all(_FORMAT_NAME.fullmatch(f) for f in fields) and any(not f.isdigit() for f in fields)


_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\{")


def _positional_format(text: str, prose: str) -> bool:
    """A text whose ``str.format`` fields are all positional (``{0}``, ``{1}``...), read where the loader is not
    in view: a format string when its indices are the arguments a call passes in order, every index from 0 to
    the largest, at least two (readme-ai's ``prompts.toml``: ``PROJECT NAME: {0}`` ... ``SOURCE_CODE: {7}``,
    filled by ``template.format(*values)``), and one of them written outside code.  A lone ``{0}``, or indices
    with gaps (a regex quantifier ``\\d{4}``), and a text with LaTeX commands (``\\frac{1}{2}``) are the text's
    own braces."""
    if "{" not in text:
        return False
    try:
        fields = [f for _, f, spec, _ in string.Formatter().parse(text) if f is not None]
        prose_fields = [f for _, f, _, _ in string.Formatter().parse(prose) if f is not None]
    except ValueError:
        return False
    if not fields or not prose_fields or not all(f.isdigit() for f in fields) or _LATEX_COMMAND.search(prose):
        return False
    indices = {int(f) for f in fields}
    return len(indices) >= 2 and indices == set(range(max(indices) + 1))


# A ``{name}`` field as a slot of data is written: at the start of its line (after a fence's opening marker
# too: ```` ```{language} ````, where a fence's info string names a language), right after another slot
# (``{header}{formal_statement}``), or after a label (``Question: {question}``).  A field after code on its line
# (``const {a} = b``, ``return {x}``, ``v{n}``, ``f"{x}"``) is the code's own braces.
_NAME_FIELD = re.compile(r"\{([A-Za-z_]\w*)\}(?!\})")
_LABEL = re.compile(r"[ \t]*[A-Za-z][\w \t-]*:[ \t]+")
_FENCE_MARK = re.compile(r"^([ \t]*)(?:`{3,}|~{3,})", re.M)


def _fenced_slots(text: str, fields: list[str]) -> bool:
    """Whether a text whose ``str.format`` fields all sit in code fences fills them: every field is a name
    written as a slot of data (``_NAME_FIELD``, ``_LABEL``), not code's own braces.  NeMo-Skills' judge and
    Lean prompts put the data they grade in a fence (```` ```\nQuestion: {question}\n``` ````, ```` ```lean4\n
    {header}{formal_statement} ````); its FIM prompt writes ```` ```{language} ````.  The text parsed as a format
    string as a whole (``_looks_format``): no other brace in it opens a group."""
    if not fields or any(not f or f.isdigit() for f in fields):
        return False
    text = _FENCE_MARK.sub(r"\1", text)
    slots, slot_end = 0, -1
    for m in _NAME_FIELD.finditer(text):
        head = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if head.strip() and m.start() != slot_end and not _LABEL.fullmatch(head):
            continue
        slots, slot_end = slots + 1, m.end()
    return slots == len(fields)


# A ``{name}`` slot a loader fills by replacing it (alpaca_eval's ``make_prompts``: ``str.replace`` of each
# ``{key}``): an identifier in braces, not after a word or a backslash (LaTeX ``\\boxed{answer}``) or a
# closing brace (``\\frac{a}{b}``).
_REPLACED_FIELD = re.compile(r"(?<![{}\w\\$])\{([A-Za-z_]\w*)\}(?!\})")
_BRACE_BODY = re.compile(r"[^{}]*")
_OPEN_BRACE = re.compile(r"\{")
_OBJECT_BODY = re.compile(r"[:\"']")


def looks_replaced(prose: str) -> bool:
    """A text ``str.format`` rejects (a JSON or dict example written with single braces beside the
    fields: ``{'model': <model-name>, 'rank': <model-rank>}``) whose ``{name}`` slots a loader fills by
    replacing them: every other brace opens a closed group holding a colon or quotes (an object shown
    to the model: ``key: value``), which no placeholder syntax writes; no doubled braces (those are
    escapes or tags).  pywinauto's key codes (``"{VK_CONTROL}c"``, ``"{TAB 2}"``) are no such text."""
    if "{" not in prose or "{{" in prose:
        return False
    slots = {m.start() for m in _REPLACED_FIELD.finditer(prose)}
    if not slots:
        return False
    for m in _OPEN_BRACE.finditer(prose):
        if m.start() in slots:
            continue
        body = _BRACE_BODY.match(prose, m.end()).group(0)
        after = m.end() + len(body)
        if after >= len(prose):
            return False  # a brace never closed
        if prose[after] == "}" and not _OBJECT_BODY.search(body):
            return False  # a brace group without a colon or quotes: no object shown (nested ones are checked inside)
    return True


def _format_escapes(text: str, prose: str) -> bool:
    """Doubled braces that are ``str.format``'s escapes, not tags: the text parses as a format string
    with ``{name}`` fields (``_looks_format``) and a ``{{...}}`` holds what no Jinja expression and no
    Mustache/Handlebars tag is (UFO's ``{{"id": "the unique identifier", ...}}``, a JSON object written
    for the model, beside ``{apis}``)."""
    if not _looks_format(text, prose):
        return False
    if _LATEX_ESCAPE.search(prose):
        return True
    return any(not _jinja_expression(m.group(1)) and not m.group(1).lstrip().startswith(_MUSTACHE_SIGILS)
               for m in _DOUBLE_BRACED.finditer(prose))


# A LaTeX command's argument written with doubled braces (``\boxed{{A/B/C/D}}``, ``\boxed{{}}``): ``str.format``'s
# escape of the command's own braces, rendered ``\boxed{A/B/C/D}``.  As a Jinja or Mustache tag the braces
# would be consumed and the command left without its argument (``\boxedA``), which no template writes.
_LATEX_ESCAPE = re.compile(r"\\[A-Za-z]+\{\{")


_MUSTACHE_SIGILS = ("#", "^", "/", ">", "&", "!", "{", "~", "else")


def _jinja_expression(body: str) -> bool:
    import jinja2

    try:
        jinja2.Environment().parse("{{" + body + "}}")
    except jinja2.TemplateSyntaxError:
        return False
    return True


def _dollar_in_inline_code(text: str) -> bool:
    """Whether the text shows a ``${...}`` as inline code (dyad's guides: `` `${window.location.origin}/api` ``):
    then ``${...}`` is the notation of the code it documents (JS template literals), also where one slips
    out of a code span (a backslash-escaped backtick does not escape inside one), not its loader's slot."""
    return any("${" in m.group(0) for m in _INLINE_CODE.finditer(_FENCE.sub("\n", text)))


def _looks_dollar(prose: str) -> bool:
    """``${name}`` anywhere, or ``$name`` placeholders (not ALL-CAPS shell variables) when every ``$``
    in the text is one: a price (``$5``) or maths (``$x$``) makes a bare ``$name`` ambiguous."""
    if "$" not in prose:  # both patterns need one (and start with a look-behind: slow to search)
        return False
    if _DOLLAR_BRACED.search(prose):
        return True
    named = [m for m in _DOLLAR_NAMED.finditer(prose) if not m.group(1).isupper()]
    if not named:
        return False
    dollars = len(_DOLLAR_ANY.findall(prose.replace("$$", "")))
    return dollars == len(_DOLLAR_NAMED.findall(prose))


def detect_from_content(text: str, unseen_loader: bool = False) -> str:
    """The syntax of a text from its placeholders.  ``unseen_loader``: a template file or a config field,
    whose loader is not in view (in code, the call that fills a text decides): then doubled braces around
    what no tag holds are ``str.format`` escapes (``_format_escapes``), and a text ``str.format`` rejects
    may hold ``{name}`` slots filled by replacing them (``looks_replaced``)."""
    from .template_go import looks_go
    from .template_python import expression_fields
    from .template_sk import looks_sk

    prose = _prose(text)
    if "{{" in text and "`" in text:
        # a ``{{tag}}`` in inline code is still filled (``Message: ```{{prompt}}````): the engine
        # knows no Markdown; only fenced example blocks are left out
        braced = _prose(text, inline=False)
        if _MUSTACHE_TAG.search(braced) or _JINJA_VAR.search(braced):
            prose = braced
    if "{{" in prose and looks_go(prose):  # {{.Input}}, {{range .Functions}}: Go's text/template
        return "go"
    if "{{" in prose and looks_sk(prose):  # {{$input}}: neither Jinja nor Mustache can parse it
        return "sk"
    if "{{#" in prose and _HASHED_TAG.search(prose):
        return "mustache"
    if unseen_loader and "{{" in prose and _format_escapes(text, prose):
        return "format"
    if _JINJA_BLOCK.search(prose):
        return "jinja"
    if _MUSTACHE_TAG.search(prose):
        return "handlebars" if _HANDLEBARS_TAG.search(prose) else "mustache"
    if _JINJA_VAR.search(prose):
        return "mustache" if _colon_names(prose) else "jinja"
    if unseen_loader and "(" in prose and expression_fields(prose):
        return "format"  # an f-string template calling a function in a field (Haystack 1.x: ``{join(documents)}``)
    dollar_code = "${" in text and _dollar_in_inline_code(text)
    if not dollar_code and (_looks_dollar(prose) or _FENCED_DOLLAR.search(text)):
        return "template"
    dotted = prose
    if "${" in text:  # ``${node.output}`` (prompt flow, shells, JS): another engine's reference, no field
        text, prose = _DOLLAR_EXPR.sub("", text), _DOLLAR_EXPR.sub("", prose)
    if _looks_format(text, prose) or (unseen_loader and (looks_replaced(prose) or _positional_format(text, prose))):
        return "format"
    if unseen_loader and not dollar_code and _DOLLAR_DOTTED.search(dotted) and _DOLLAR_DOTTED.sub("", dotted).strip():
        # a file's text around ``${a.b}`` references: the loader fills them (a text that is nothing but
        # one reference is a binding, prompt flow's ``${node.output}``, not a template)
        return "template"
    return "none"


def declares_syntax(path: str) -> bool:
    """Whether the file's name says its template syntax (``.j2``, ``.hbs``, ``.prompt``, ``skprompt.txt``)
    rather than leaving it to be read off the content."""
    lower = path.lower()
    return lower.endswith((*JINJA_EXTENSIONS, *MUSTACHE_EXTENSIONS, *HANDLEBARS_EXTENSIONS, *DOTPROMPT_EXTENSIONS)) \
        or os.path.basename(lower) in SK_FILE_NAMES


# Claude Code reads the Markdown of a plugin (the folder holding ``.claude-plugin/plugin.json``) and of a
# project's ``.claude/`` folder itself: commands, subagents, skills and the files they point to.  Its
# documented substitutions are ``$ARGUMENTS``, ``$ARGUMENTS[N]``, ``$N``, ``${CLAUDE_SESSION_ID}`` and the
# output of ``!`command```; it fills no ``{name}`` or ``{{name}}``: those are text the model reads (a
# placeholder the model is asked to fill in a document, another engine's template shown as a sample).
_PLUGIN_MANIFEST = os.path.join(".claude-plugin", "plugin.json")


def claude_code_markdown(path: str) -> bool:
    """Whether a Markdown file is one Claude Code reads as written (see ``_PLUGIN_MANIFEST``)."""
    parts = os.path.normpath(os.path.abspath(path)).split(os.sep)
    return ".claude" in parts[:-1] or _in_claude_plugin(os.path.dirname(os.path.abspath(path)))


@functools.lru_cache(maxsize=4096)
def _in_claude_plugin(folder: str) -> bool:
    if os.path.isfile(os.path.join(folder, _PLUGIN_MANIFEST)):
        return True
    parent = os.path.dirname(folder)
    return parent != folder and _in_claude_plugin(parent)


def detect_syntax(text: str, path: str) -> str:
    """jinja | mustache | format | template | none, from the extension, else from the content."""
    lower = path.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    if lower.endswith(JINJA_EXTENSIONS):
        return "jinja"
    if lower.endswith(MUSTACHE_EXTENSIONS):
        return "mustache"
    if lower.endswith(HANDLEBARS_EXTENSIONS):
        return "handlebars"
    if lower.endswith(".md") and claude_code_markdown(path):
        return "none"
    content = detect_from_content(text, unseen_loader=True)
    if os.path.basename(lower) in SK_FILE_NAMES and content != "handlebars":
        return "sk"
    if lower.endswith(DOTPROMPT_EXTENSIONS) and content in ("mustache", "jinja", "none") \
            and not _JINJA_BLOCK.search(_prose(text)):
        # Dotprompt's body is Handlebars by its specification; ``{% ... %}``/``{# #}`` tags are not
        # Handlebars at all: such a ``.prompt`` file is a Jinja template (projects that render their
        # ``prompts/*.prompt`` with jinja2's FileSystemLoader)
        return "handlebars"
    return content


# ---------------------------------------------------------------------------------------------
# Parsing


class _Lines:
    def __init__(self, text: str, start_line: int, start_column: int):
        # offsets after each "\n", summed in C from the lengths of the lines
        self.starts = [0, *accumulate(map((1).__add__, map(len, text.split("\n")[:-1])))]
        self.start_line = start_line
        self.start_column = start_column

    def __call__(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        column = offset - self.starts[i] + 1
        if i == 0:
            column += self.start_column - 1
        return self.start_line + i, column


# The syntax registry: syntax name -> (module, function) parsing ``(text, path)`` into pieces.
PARSERS = {
    "jinja": ("template_jinja", "parse"),
    "mustache": ("template_mustache", "parse"),
    "handlebars": ("template_mustache", "parse_handlebars"),
    "sk": ("template_sk", "parse"),
    "go": ("template_go", "parse"),
    "format": ("template_python", "parse_format"),
    "template": ("template_python", "parse_dollar"),
}


def _parser(syntax: str):
    if syntax not in PARSERS:
        raise ValueError(f"unknown template syntax {syntax!r} (one of {', '.join(SYNTAXES)})")
    from importlib import import_module

    module, function = PARSERS[syntax]
    return getattr(import_module(f"{__package__}.{module}"), function)


def parse_pieces(text: str, path: str, syntax: str) -> tuple[list[tuple], list[tuple[int, str]]]:
    """The raw pieces ``(kind, offset, text, name, verbatim)`` and comments of a template in one
    named syntax (for sources that map offsets themselves, such as Python string literals)."""
    return _parser(syntax)(text, path)


def parse_template(text: str, path: str, syntax: str = "auto", start_line: int = 1,
                   start_column: int = 1) -> TemplateParse:
    """Split ``text`` (found in ``path`` at ``start_line``:``start_column``) into static and
    variable segments.  Raises ``SourceParseError`` (line in file coordinates) for a bad template."""
    if syntax in ("auto", "", None):
        syntax = detect_syntax(text, path)
    if syntax == "none":
        segs = [Segment(text, line=start_line, column=start_column)] if text else []
        return TemplateParse(segs, [], "none")
    parse = _parser(syntax)
    try:
        pieces, raw_comments = parse(text, path)
    except SourceParseError as exc:
        if exc.line is not None:
            exc.line += start_line - 1
        raise
    where = _Lines(text, start_line, start_column)
    segments: list[Segment] = []
    notes: list[str] = []
    for kind, offset, piece_text, name, verbatim in pieces:
        line, column = where(offset)
        if kind == "note":
            notes.append(f"line {line}: {piece_text}")
            continue
        if (kind == "static" and segments and segments[-1].kind == "static" and verbatim
                and segments[-1].verbatim and _adjacent(segments[-1], line, column)):
            prev = segments[-1]
            segments[-1] = Segment(prev.text + piece_text, "static", prev.line, prev.column)
            continue
        segments.append(Segment(piece_text, kind, line, column, verbatim, name))
    comments = [(where(off)[0], body) for off, body in raw_comments]
    return TemplateParse(segments, comments, syntax, notes)


def _adjacent(prev: Segment, line: int, column: int) -> bool:
    """Whether a static piece at line:column starts right where ``prev`` ends in the file."""
    nl = prev.text.count("\n")
    if nl == 0:
        return (prev.line, prev.column + len(prev.text)) == (line, column)
    return (prev.line + nl, len(prev.text) - prev.text.rfind("\n")) == (line, column)


DOTPROMPT_SETTINGS_HINT = ("a Dotprompt file whose front matter is all it holds (model and settings): the prompt "
                           "text is what follows the closing ---")
_FRONT_MATTER_END = re.compile(r"^---[ \t]*\r?$\n?", re.M)
_YAML_KEY = re.compile(r"[\w-]+[ \t]*:(?:[ \t]|$)")
_DOTPROMPT_MARKER = re.compile(r"""(?:role|section)\s+(["']).*\1""")


def _dotprompt_body(text: str) -> tuple[str, int]:
    """A Dotprompt file's template and its first line: what follows the YAML front matter
    (``---`` ... ``---``: model, config and input schema, not prompt text; Continue's ``.prompt``
    files write the preamble without the opening ``---``)."""
    first = _FRONT_MATTER_END.search(text)
    if first is None:
        return text, 1
    head = [ln for ln in text[:first.start()].splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if head:  # Continue's .prompt: a YAML preamble ("name: ...") ended by one "---" line
        if not _YAML_KEY.match(head[0]) or not all(_YAML_KEY.match(ln) or ln[:1] in " \t-" for ln in head):
            return text, 1
        return text[first.end():], text.count("\n", 0, first.end()) + 1
    # (only blank and "#" comment lines, a licence header, come before the opening "---")
    end = _FRONT_MATTER_END.search(text, first.end())
    if end is None:
        return text, 1
    return text[end.end():], text.count("\n", 0, end.end()) + 1


def _dotprompt_marker(segment: Segment) -> bool:
    """``{{role "system"}}`` / ``{{section "x"}}``: Dotprompt's message and section boundaries, which
    emit no text into the message they open."""
    return segment.kind == "variable" and bool(segment.name) and bool(_DOTPROMPT_MARKER.fullmatch(segment.name))


_DOTPROMPT_ROLE = re.compile(r"""role\s+(["'])(\w+)\1""")


def _dotprompt_messages(segments: list[Segment]) -> list[Segment]:
    """A Dotprompt body split into its messages, as Dotprompt's ``toMessages`` splits the rendered text
    (google/dotprompt ``js/src/parse.ts``): the first message is the user's, ``{{role "x"}}`` opens a
    message of role x (or renames the current one while it holds no text), and ``{{history}}`` is where the
    conversation's earlier messages go.  ``{{history}}`` is no text of the prompt: the history is the
    conversation that grows after the head.  What follows it is the newest turn (``toMessages`` files it under
    ``model`` unless a role marker follows; with only the answer after it, nothing in it costs cache either way),
    so it is given the user's part, the final turn of the request."""
    markers = [s for s in segments if s.kind == "variable" and s.name is not None
               and (s.name == "history" or _DOTPROMPT_ROLE.fullmatch(s.name))]
    out: list[Segment] = []
    message, role, has_text = 0, "user", False
    for seg in segments:
        if seg in markers:
            if seg.name == "history":
                message, role, has_text = message + 1, "user", False
            else:
                if has_text:
                    message, has_text = message + 1, False
                role = _DOTPROMPT_ROLE.fullmatch(seg.name).group(2)
            continue
        has_text = has_text or seg.kind != "static" or bool(seg.text.strip())
        out.append(replace(seg, message=message, part=role))
    return out


# Continue's ``.prompt`` files (continuedev/continue ``core/promptFiles/v2/parsePromptFileV1V2.ts``): the text
# between ``<system>`` and ``</system>``, trimmed, is the system message; what follows ``</system>``, trimmed,
# is the prompt, sent as the user's message.
_CONTINUE_SYSTEM = re.compile(r"<system>(.*?)</system>", re.S)
# Dotprompt's role names as a chat request carries them (Genkit's OpenAI-compatible plugin: ``model`` is the
# assistant).
_CHAT_ROLES = {"model": "assistant"}


def _trimmed(segments: list[Segment]) -> list[Segment]:
    """``segments`` without the whitespace that opens the first and closes the last (Dotprompt's
    ``template: body.trim()``; Continue's ``.trim()`` of each part); a segment's place moves with its text."""
    segs = list(segments)
    while segs and segs[0].kind == "static" and not segs[0].text.strip():
        segs.pop(0)
    while segs and segs[-1].kind == "static" and not segs[-1].text.strip():
        segs.pop()
    if segs and segs[0].kind == "static":
        first = segs[0]
        gone = first.text[:len(first.text) - len(first.text.lstrip())]
        if gone:
            nl = gone.count("\n")
            line, column = (first.line + nl, len(gone) - gone.rfind("\n")) if nl else (first.line, first.column + len(gone))
            segs[0] = replace(first, text=first.text[len(gone):], line=line, column=column)
    if segs and segs[-1].kind == "static":
        segs[-1] = replace(segs[-1], text=segs[-1].text.rstrip())
    return segs


def _continue_messages(body: str, line: int, path: str, syntax: str) -> list[tuple[str, list[Segment]]] | None:
    """A Continue ``.prompt`` body with a ``<system>`` block as Continue sends it: the block's text, trimmed,
    as the system message, then what follows ``</system>``, trimmed, as the user's (text before
    ``<system>`` is dropped, as Continue drops it).  None when the body has no such block."""
    m = _CONTINUE_SYSTEM.search(body)
    if m is None:
        return None
    out = []
    for role, start, end in (("system", m.start(1), m.end(1)), ("user", m.end(), len(body))):
        at_line = line + body.count("\n", 0, start)
        at_col = start - (body.rfind("\n", 0, start) + 1) + 1
        parsed = parse_template(body[start:end], path, syntax, start_line=at_line, start_column=at_col)
        out.append((role, _trimmed(parsed.segments)))
    return out


def _messages_of(segments: list[Segment]) -> list[tuple[str, list[Segment]]]:
    """Segments carrying their message index and role (``_dotprompt_messages``) grouped by message; a
    message whose text is whitespace only is dropped (Dotprompt drops empty messages)."""
    groups: dict[int, tuple[str, list[Segment]]] = {}
    for seg in segments:
        groups.setdefault(seg.message or 0, (seg.part or "user", []))[1].append(seg)
    return [(role, segs) for _, (role, segs) in sorted(groups.items())
            if any(s.kind != "static" or s.text.strip() for s in segs)]


def framed_prompt(path: str, messages: list[tuple[str, list[Segment]]], parsed: "TemplateParse",
                  default: tuple[int, int]) -> Prompt:
    """A prompt file whose runtime sends it as chat messages (Dotprompt, Continue ``.prompt``; ``.prompty`` is
    rendered the same way by its own source): each message's parsed segments framed as the request carries
    them (``framing.render_body``: ``<|im_start|>role<|im_sep|>`` ... ``<|im_end|>``, then the reply priming)."""
    from ..framing import render_body

    contents = ["".join(s.text for s in segs) for _, segs in messages]
    body = {"messages": [{"role": _CHAT_ROLES.get(role, role), "content": text}
                         for (role, _), text in zip(messages, contents)]}

    def locate(jpath: tuple):
        if len(jpath) >= 2 and jpath[0] == "messages" and isinstance(jpath[1], int) and jpath[1] < len(messages):
            segs = messages[jpath[1]][1]
            return (segs[0].line, segs[0].column) if segs else default
        return None

    def expand(text: str, jpath: tuple, at: tuple[int, int], part: str, message: int | None):
        return [replace(s, part=part, message=message) for s in messages[jpath[1]][1]]

    rendered = render_body(body, locate, default, expand)
    has_vars = any(s.kind == "variable" for _, segs in messages for s in segs)
    # a template a conversation is built from, not a logged request: its kind stays a template's (the position
    # rules read where it sits: a head by default, what follows ``{{history}}`` the final turn)
    return Prompt(name=path, path=path, segments=rendered.segments, kind="template" if has_vars else "text",
                  estimate=rendered.estimate,
                  syntax=parsed.syntax if has_vars else None, line=default[0], body=body,
                  notes=[*parsed.notes, *rendered.notes], comments=parsed.comments,
                  estimate_reasons=list(rendered.reasons))


def render(segments: list[Segment], values: dict[str, str]) -> str:
    """The prompt with each variable segment replaced by ``values[name]``.  A variable without a
    value keeps its text as written (empty for control points such as ``{% if %}``)."""
    out: list[str] = []
    for seg in segments:
        if seg.kind == "variable":
            key = seg.name if seg.name is not None else seg.text
            out.append(str(values[key]) if key in values else seg.text)
        else:
            out.append(seg.text)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# The source


class TemplateSource:
    name = "template"

    def matches(self, path: str, head: str) -> bool:
        lower = path.lower()
        if lower.endswith((*JINJA_EXTENSIONS, *MUSTACHE_EXTENSIONS, *HANDLEBARS_EXTENSIONS, *DETECT_EXTENSIONS)):
            return True
        # no extension at all (``-`` for stdin, ``SYSTEM_PROMPT``): decided from the content
        if "." not in os.path.basename(lower):
            return True
        from .own_templates import own_template_file

        return own_template_file(lower, head)  # templates/*.avanterules: an extension of the project's own

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        inner = path[:-3] if path.endswith(".gz") else path
        syntax = options.syntax or "auto"
        dotprompt = inner.lower().endswith(DOTPROMPT_EXTENSIONS)
        body, line = _dotprompt_body(text) if dotprompt else (text, 1)
        if inner.lower().endswith((".md", ".markdown")):
            from .prompty import agent_front_matter

            body, line = agent_front_matter(text, inner) or (body, line)  # an agent's settings, then its prompt
        if dotprompt and line > 1 and not body.strip():
            raise NoPrompts(hint=DOTPROMPT_SETTINGS_HINT)  # front matter only: a prompt's settings, no text
        read_as = syntax
        if dotprompt and line > 1 and syntax in ("auto", "") and not _JINJA_BLOCK.search(_prose(body)):
            # a body after Dotprompt's front matter is Handlebars (the Dotprompt specification): a single brace
            # is text there (Genkit's ``Tell a joke about {subject}``), never a ``str.format`` field
            read_as = "handlebars"
        if syntax in ("auto", "", "jinja") and is_chat_template(body):
            raise NoPrompts(hint=CHAT_TEMPLATE_HINT)
        if syntax in ("auto", "", "go") and looks_go(body) and frames_messages(body):
            raise NoPrompts(hint=CHAT_TEMPLATE_HINT)  # a Go chat format: ``{{ .RoleName }}`` of each message
        warnings: list[SourceError] = []
        messages = None
        try:
            parsed = parse_template(body, inner, read_as, start_line=line)
            if dotprompt:
                # Dotprompt and Continue send the file as chat messages: counted framed, as a .prompty is.  A
                # file is theirs by its front matter (Continue's preamble), Dotprompt's role or history
                # markers, or Continue's <system> block; a bare .prompt file is a project's own text file.
                marked = any(_dotprompt_marker(s) or (s.kind == "variable" and s.name == "history")
                             for s in parsed.segments)
                if not marked:
                    messages = _continue_messages(body, line, inner, read_as)
                if messages is None and (marked or line > 1):
                    # Dotprompt trims the template after front matter (``template: body.trim()``), then renders
                    # it and splits it at its markers
                    trim = line > 1 and text.lstrip().startswith(("---", "#"))  # Dotprompt's own front matter
                    parsed.segments = _dotprompt_messages(_trimmed(parsed.segments) if trim else parsed.segments)
                    parsed.segments = [s for s in parsed.segments if not _dotprompt_marker(s)]
                    messages = _messages_of(parsed.segments)
        except SourceParseError as exc:
            if syntax not in ("auto", ""):
                raise  # the user named the syntax: the file is wrong
            if declares_syntax(inner):  # .j2, .hbs, .prompt: not to be read as something else
                raise UnparsedTemplate(exc.message, exc.line, exc.hint, LoadedFile(), "file skipped") from None
            parsed, read_as = _fallback(text, inner)  # the syntax was read off the content
            warnings.append(SourceError(path, f"not a {parsed_name(detect_syntax(text, inner))} template "
                                              f"({exc.message}): read as {read_as}", exc.line,
                                        "give --syntax to choose how the file is read", warning=True))
        if parsed.syntax == "go" and syntax in ("auto", "") and not _go_prose(parsed):
            # a Go template file that writes no prose around the request (LocalAI's ``prompt-templates/
            # wizardlm.tmpl``: ``{{.Input}}\n\n### Response:``): a model's prompt format, as a config field's
            raise NoPrompts(hint=CHAT_TEMPLATE_HINT)
        if messages is not None:
            if not messages:
                raise NoPrompts(hint=DOTPROMPT_SETTINGS_HINT)
            return LoadedFile([framed_prompt(path, messages, parsed, (line, 1))], warnings)
        if not parsed.variables:  # no placeholders: a plain text prompt (comments/escapes applied)
            return LoadedFile([Prompt(name=path, path=path, segments=parsed.segments, kind="text",
                                      comments=parsed.comments, notes=parsed.notes)], warnings)
        return LoadedFile([Prompt(name=path, path=path, segments=parsed.segments, kind="template",
                                  syntax=parsed.syntax, comments=parsed.comments, notes=parsed.notes)], warnings)


def _go_prose(parsed: TemplateParse) -> bool:
    """Whether a Go template's text, its model's control tokens and quoted data taken out, is prose: the rule a
    config field found by Go's syntax passes (``config_fields._add``)."""
    from .config_fields import _written_as_prose
    from .template_go import prose_of

    return _written_as_prose(prose_of("".join(s.text for s in parsed.segments if s.kind == "static")))


def parsed_name(syntax: str) -> str:
    return {"jinja": "Jinja", "mustache": "Mustache", "handlebars": "Handlebars", "sk": "Semantic Kernel", "go": "Go text/template",
            "format": "str.format", "template": "string.Template"}.get(syntax, syntax)


def _fallback(text: str, path: str) -> tuple[TemplateParse, str]:
    """A text whose syntax was guessed from its content and does not parse in it: a ``str.format``
    template when it is one as a whole (``{{`` escapes next to ``{name}`` fields look like Jinja),
    else plain text."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError:
        fields = None
    if fields and all(_FORMAT_NAME.fullmatch(f) for f in fields):
        try:
            return parse_template(text, path, "format"), "a str.format template"
        except SourceParseError:
            pass
    return parse_template(text, path, "none"), "plain text"

"""Prompts kept as string fields of YAML, JSON and TOML config files: one prompt per field.

A string field is a prompt (the rule of ``prompt_names``) when

* its key says so: ``agent.system_template``, ``instructions``, ``persona``, a chat message's
  ``content`` (its ``role`` is the prompt's role), ``goal``/``description`` in an agent or task section, an
  agent's ``commands`` written as words (``_agent_command``: cagent's named prompts);
* or it is an item of a collection of prompts: a value of a ``prompts:``/``templates:`` mapping (not
  the metadata keys of a prompt: ``name``, ``description``, ``model``, UI labels...), an item of a list
  under a plural collection name (``prompts: [...]``, ``templates: [...]``, ``*_messages: [...]``);
* a list of one-line strings under any other prompt name (``phase_prompt: ["line", "line"]``,
  ``instructions: [...]``) is the lines of one prompt, joined with ``"\n"`` as the code that reads it
  joins them (ChatDev's ``"\n".join(phase_prompt)``), named by the list's key, each line placed where
  the file has it;
* or it holds template syntax (Jinja, Mustache, ``str.format``, ``$name``) and prose of its own in a file
  that holds prompts: another field is named as one by its own key, or the file's name or folder says
  prompts (``prompts.toml``, ``prompts/agent.json``).  Without that evidence a templated field is a UI
  string (``"Hello {name}"``), a path or a log format, not a prompt;

* or it is an entry of a prompt library: in a prompt file, a top-level value keyed by its name, or an
  item of a top-level list (``prompts/alfworld_singleturn.json``: ``{"react_put_0": "You are..."}``);
  an entry that is a list of texts is the turns of one few-shot conversation, one prompt named by its
  key (``alfworld_multiturn.json:react_put_0``), its turns in order;
* or the file's prompts splice it in by its key (``${role_description}`` filled with the agent's
  ``role_description``) and it is written as prose;

and it passes the size rule (prose, not a setting), sits in no error/log section, and is not a script
(``#!``).  JSON Schema files describe data and hold none.  Each prompt is named ``FILE:key.path``
(``default.yaml:agent.templates.instance_template``, ``tasks.json:tasks[0].description``) with
``Prompt.container`` the key path; its syntax is found per field (a sibling ``template_format`` key,
as in Semantic Kernel prompt files, wins) and its segments point at exact lines and columns of the
file (a block scalar's lines, a JSON string's escapes included: a piece found only in escaped form
keeps its start position and is marked not verbatim).

The request-body (JSON), Prompty and top-level ``messages`` (YAML) readers come first in the registry;
this source reads what they decline.  A file without any prompt field raises ``NoPrompts``, and so does
a run's output (``run_records``: records holding a model's outputs), whatever prompt copies it holds.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import os
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..model import Prompt, Segment, SourceError
from .interface import LoadedFile, NoPrompts, SourceOptions, SourceParseError
from .prompt_names import (
    NOT_PROMPT_TEMPLATES, TEMPLATE_WORDS, count_words, excluded_by_scope, has_prompt_size, holds_template_syntax, in_agent_section,
    is_path_prompty, PROMPT_WORDS, looks_like_code, name_words, role_of,
    says_prompt, says_prompt_in,
)
from ..inputs import compose_yaml_all, loads_json
from .run_records import MIN_RECORDS, recorded_exchanges, run_output_paths
from .walk import in_translation_folder
from .request import LineIndex, json_value_offsets

EXTENSIONS = (".yaml", ".yml", ".json", ".toml")
CHAT_TEMPLATE_HINT = ("its template is a model's chat template (a Jinja loop over `messages` that frames "
                      "each message): message framing, not a prompt")
RUN_OUTPUT_HINT = ("its records hold a model's outputs (model_output, model_answer, predictions..., message lists "
                   "that end with the model's answer): what a "
                   "run wrote, not a prompt the project sends")
NO_PROMPTS_HINT = ("a config field is read as a prompt when its key says so (system_prompt, "
                   "*_template, instructions, ...) or it holds template syntax in a prompt file")
# Keys that describe a prompt rather than hold it (under ``prompts:``, in ``PROMPT = {...}``), and
# the labels a UI shows next to one.
METADATA_KEYS = frozenset({
    "name", "title", "id", "model", "description", "version", "author", "label", "type", "path",
    "file", "url", "tags", "tag", "language", "lang", "category", "format", "template_format",
    "engine", "provider", "role", "date", "license", "source", "hint", "placeholder", "tooltip",
    "button", "icon", "summary", "display_name", "short_description", "slug", "key", "mode",
})
# Declared template formats (Semantic Kernel ``template_format``, Prompty ``template``...).  Semantic
# Kernel's own syntax (``{{$input}}``, ``{{plugin.fn $arg}}``) has its own parser (template_sk).
_DECLARED_SYNTAX = {"jinja2": "jinja", "jinja": "jinja", "handlebars": "handlebars", "mustache": "mustache",
                    "f-string": "format", "fstring": "format", "format": "format",
                    "semantic-kernel": "sk"}
# A mapping under one of these names is a collection of prompts keyed by their names.
COLLECTIONS = frozenset({"prompts", "templates"})
# A list under a name ending in one of these holds separate prompts, not the lines of one.
LIST_COLLECTIONS = frozenset({"prompts", "templates", "messages", "msgs", "examples"})
_SIMPLE_KEY = re.compile(r"[A-Za-z0-9_-]+")


@dataclass
class Leaf:
    """One string value of the file: its key path, the mapping it sits in, and where its text is."""

    path: tuple
    value: str
    parent: dict  # scalar siblings (key -> value) of the mapping holding it; {} in a list
    start: int  # offset in the file where the value's text (or its opening quote) starts
    end: int  # offset where it ends (the search for its pieces stays inside)
    siblings: dict = dataclasses.field(default_factory=dict)  # a joined list's: the scalars of the mapping holding it


# ---------------------------------------------------------------------------------------------
# Per-format readers: text -> leaves


def _walk(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str, dict]]:
    if isinstance(data, dict):
        scalars = {k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))}
        for k, v in data.items():
            if isinstance(v, str):
                yield (*path, k), v, scalars
            else:
                yield from _walk(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            if isinstance(v, str):
                yield (*path, i), v, {}
            else:
                yield from _walk(v, (*path, i))


# JSON with comments (JSONC: VS Code's settings, .NET's ``appsettings.json``): ``//`` and ``/* */`` comments
# and trailing commas outside strings.  Blanked to spaces (newlines kept), so every offset and line of
# the text stays where it is.
_JSONC_TOKENS = re.compile(r'"(?:\\.|[^"\\\n])*"|(//[^\n]*|/\*[\s\S]*?\*/)')
_JSONC_TRAILING = re.compile(r'"(?:\\.|[^"\\\n])*"|(,)(?=\s*[}\]])')


def blank_json_comments(text: str) -> str:
    """``text`` with its JSONC comments and trailing commas replaced by spaces (strings untouched)."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(1)) if m.group(1) else m.group()

    return _JSONC_TRAILING.sub(blank, _JSONC_TOKENS.sub(blank, text))


def json_leaves(text: str) -> list[Leaf]:
    from ..inputs import InputError
    from .request import _string_end

    try:
        data = loads_json(text)
    except InputError:
        plain = blank_json_comments(text)
        if plain == text:
            raise
        data = loads_json(plain)  # JSON with comments (a hand-written configuration)
        text = plain
    offsets = json_value_offsets(text)
    out = []
    for path, value, parent in _walk(data):
        start = offsets.get(path)
        if start is None:
            continue
        out.append(Leaf(path, value, parent, start, _string_end(text, start)))
    if isinstance(data, str):
        start = offsets.get((), 0)
        out.append(Leaf((), data, {}, start, len(text)))
    return out


def yaml_leaves(text: str) -> list[Leaf]:
    import yaml

    docs = compose_yaml_all(text)
    out: list[Leaf] = []
    many = len(docs) > 1

    def walk(node, path: tuple, parent: dict, at=lambda i: i) -> None:
        if isinstance(node, yaml.ScalarNode):
            if node.tag.endswith(":str"):
                inner = _embedded_config(path, node)
                if inner is not None:
                    walk(inner, path, {}, _block_offsets(text, node, at))
                    return
                out.append(Leaf(path, node.value, parent, at(node.start_mark.index), at(node.end_mark.index)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i), {}, at)
        elif isinstance(node, yaml.MappingNode):
            pairs = _merged(node)
            scalars = {k.value: v.value for k, v in pairs
                       if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
            for k, v in pairs:
                key = k.value if isinstance(k, yaml.ScalarNode) else str(k.start_mark.line + 1)
                walk(v, (*path, key), scalars, at)

    for i, doc in enumerate(docs):
        if doc is not None:
            walk(doc, (i,) if many else (), {})
    return out


# Words of a key that say its string holds a configuration document (LocalAI's model gallery:
# ``config_file: |`` holds the model's YAML config, which the installer parses and writes as the model's file).
CONFIG_DOCUMENT_WORDS = frozenset({"config", "configuration", "yaml", "yml"})


def _embedded_config(path: tuple, node):
    """The mapping a literal block scalar holds when its key says it is a configuration document
    (``CONFIG_DOCUMENT_WORDS``) and its text is YAML of two or more keys: read as the fields it holds,
    each named on through the key (``config_file.template.function``).  Only a literal block (``|``): its
    text is the file's lines as written, so every field keeps its place in the file."""
    import yaml

    key = path[-1] if path else None
    if node.style != "|" or not isinstance(key, str) or not (set(name_words(key)) & CONFIG_DOCUMENT_WORDS) \
            or says_prompt(key) or "\n" not in node.value.strip():
        return None
    try:
        inner = yaml.compose(node.value, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # not YAML after all: the string it is
    if not (isinstance(inner, yaml.MappingNode) and len(inner.value) >= 2) or _complex_key(inner):
        # a key that is a mapping or a list is a template's expression read as YAML (youtu-agent's
        # ``TEMPLATE_CONFIG: |`` holds ``name: {{ name }}``, a Jinja template of a config file, which YAML reads
        # as a mapping keyed by a mapping): its text is rendered before it is a document, so it is the string
        return None
    return inner


def _complex_key(node) -> bool:
    """A mapping in ``node`` has a key that is not a scalar."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        return any(not isinstance(k, yaml.ScalarNode) or _complex_key(v) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        return any(_complex_key(v) for v in node.value)
    return False


def _block_offsets(text: str, node, at):
    """Offsets in the file of a literal block scalar's text: its lines start on the line after the
    indicator, each indented by the block's indentation."""
    first = text.find("\n", at(node.start_mark.index)) + 1
    starts = []
    pos = first
    while pos <= len(text) and len(starts) <= node.value.count("\n"):
        starts.append(pos)
        nl = text.find("\n", pos)
        if nl < 0:
            break
        pos = nl + 1

    def line_at(start: int) -> str:
        end = text.find("\n", start)
        return text[start:end if end >= 0 else len(text)]

    indent = next((len(line) - len(line.lstrip(" ")) for line in map(line_at, starts) if line.strip()), 0)
    line_starts = [0]
    for i, ch in enumerate(node.value):
        if ch == "\n":
            line_starts.append(i + 1)

    def outer(i: int) -> int:
        line = bisect.bisect_right(line_starts, i) - 1
        if line >= len(starts):
            return starts[-1] if starts else first
        return starts[line] + indent + (i - line_starts[line])

    return outer


def _merged(node) -> list:
    """A mapping's pairs with YAML merge keys (``<<: *base``) spliced in, own keys last (they win)."""
    import yaml

    pairs = []
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.tag.endswith(":merge"):
            for m in (v.value if isinstance(v, yaml.SequenceNode) else [v]):
                if isinstance(m, yaml.MappingNode):
                    pairs.extend(_merged(m))
        else:
            pairs.append((k, v))
    seen: dict = {}
    for k, v in pairs:
        # a complex key (``? [a, b]``, or ``{{ name }}: x`` read as a flow mapping) is a pair of its own
        seen[k.value if isinstance(k, yaml.ScalarNode) else id(k)] = (k, v)
    return list(seen.values())


_TOML_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([^\]\n]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.M)
_TOML_KEY = re.compile(r'^[ \t]*((?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'
                       r'(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'))*)[ \t]*=[ \t]*',
                       re.M)
_TOML_PART = re.compile(r'[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')


def _toml_key(dotted: str) -> tuple:
    parts = []
    for p in _TOML_PART.findall(dotted):
        if p.startswith('"'):
            p = json.loads(p)
        elif p.startswith("'"):
            p = p[1:-1]
        parts.append(p)
    return tuple(parts)


def toml_leaves(text: str) -> list[Leaf]:
    """TOML has no positions in ``tomllib``: each value is found from its key's line (``key =`` under
    the current ``[table]`` / ``[[array]]`` header); strings in arrays and inline tables are found
    inside their key's region by the piece search."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise SourceParseError(f"invalid TOML: {str(exc).split(' (at')[0]}",
                               line=int(m.group(1)) if m else None) from None
    marks: list[tuple[int, str, Any]] = []  # (offset, "header"|"key", match)
    in_string = _multiline_spans(text)
    for m in _TOML_HEADER.finditer(text):
        if not in_string(m.start()):
            marks.append((m.start(), "header", m))
    for m in _TOML_KEY.finditer(text):
        if not in_string(m.start()):
            marks.append((m.start(), "key", m))
    marks.sort(key=lambda t: t[0])
    offsets: dict[tuple, tuple[int, int]] = {}
    table: tuple = ()
    counts: dict[tuple, int] = {}
    bounds = [t[0] for t in marks] + [len(text)]
    for i, (at, kind, m) in enumerate(marks):
        if kind == "header":
            keys = _toml_key(m.group(2))
            if m.group(1) == "[[":
                counts[keys] = counts.get(keys, -1) + 1
                table = (*keys, counts[keys])
            else:
                table = _with_indexes(keys, counts)
        else:
            offsets.setdefault((*table, *_toml_key(m.group(1))), (m.end(), bounds[i + 1]))
    out = []
    for path, value, parent in _walk(data):
        for cut in range(len(path), -1, -1):  # the key itself, else the closest enclosing key
            span = offsets.get(path[:cut])
            if span:
                out.append(Leaf(path, value, parent, *span))
                break
    return out


def _with_indexes(keys: tuple, counts: dict) -> tuple:
    """``[a.b]`` after ``[[a]]`` is a table of the last ``a`` element: insert its index."""
    out: tuple = ()
    for k in keys:
        out = (*out, k)
        if out in counts:
            out = (*out, counts[out])
    return out


def _multiline_spans(text: str):
    spans = [(m.start(), m.end()) for m in re.finditer(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'', text)]

    def inside(offset: int) -> bool:
        return any(a < offset < b for a, b in spans)

    return inside


READERS = {".json": json_leaves, ".yaml": yaml_leaves, ".yml": yaml_leaves, ".toml": toml_leaves}
# Files another config may ``include:`` (``config_include``): YAML, named with its extension or without one.
_INCLUDABLE = (".yaml", ".yml", "")


# ---------------------------------------------------------------------------------------------
# The rule


def key_path(path: tuple) -> str:
    """``agent.templates[0].system`` from ``("agent", "templates", 0, "system")``."""
    out = ""
    for k in path:
        if isinstance(k, int):
            out += f"[{k}]"
        elif _SIMPLE_KEY.fullmatch(str(k)):
            out += f".{k}" if out else str(k)
        else:
            out += f"[{json.dumps(str(k), ensure_ascii=False)}]"
    return out


def _key(path: tuple) -> tuple[str, tuple]:
    """The name of a leaf (its key, or the key of the list holding it) and the keys above it."""
    names = [k for k in path if isinstance(k, str)]
    if not names:
        return "", ()
    return names[-1], tuple(names[:-1])


def _message_role(leaf: Leaf) -> str | None:
    """The role of a chat message whose ``content`` (or content part ``text``) this leaf is: its
    mapping's ``role``, or a ``type`` naming a role in a list of messages (LangChain's serialized
    messages and NeMo Guardrails' prompts write ``{type: system, content: ...}``)."""
    key = leaf.path[-1] if leaf.path else None
    role = leaf.parent.get("role")
    if role is None and len(leaf.path) >= 2 and isinstance(leaf.path[-2], int):
        role = leaf.parent.get("type")
    if key == "content" and isinstance(role, str) and role.strip().lower() in MESSAGE_ROLES:
        return role.strip().lower()
    return None


# The field of an entry that holds its text (``prompts: [{task: ..., content: ...}]``).
TEXT_FIELDS = frozenset({"content", "text", "template", "prompt", "body"})


def _collection_item_text(leaf: Leaf) -> bool:
    """The text field of a mapping listed under a prompt name: NeMo Guardrails' ``prompts: [{task:
    general, content: ...}]`` and ``instructions: [{type: general, content: ...}]`` hold one prompt per
    item, the other fields (``task``, ``models``, ``output_parser``) describing it."""
    path = leaf.path
    return len(path) >= 3 and isinstance(path[-2], int) and isinstance(path[-3], str) and \
        path[-1] in TEXT_FIELDS and says_prompt(path[-3])


# The help texts of a form field, shown to the person filling it in (Flowise's node parameters:
# ``{"name": "rephrasePrompt", "warning": "Prompt must include input variables: {chat_history} and
# {question}", "default": "Given the following conversation..."}``): their placeholders name the
# template's variables to that person.
FORM_HELP_KEYS = frozenset({"label", "hint", "placeholder", "tooltip", "warning", "help", "help_text",
                            "helper_text"})


# A mapping with a ``label``, a ``name`` and a ``type`` describes a form field (Flowise's node parameters,
# ``INodeParams``: ``{"label": "Javascript Function", "name": "customFunctionJavascriptFunction", "type":
# "code", "description": ..., "codeExample": ...}``): its ``description`` and its example value
# (``codeExample``) are shown to the person filling it in; only its ``default`` is a value the field holds.
FORM_FIELD_KEYS = ("label", "name", "type")
FORM_DOC_KEYS = frozenset({"description", "code_example", "example"})


def _form_help(leaf: Leaf) -> bool:
    key = leaf.path[-1] if leaf.path else None
    if not isinstance(key, str) or _agent_command(leaf):
        return False  # (an agent's ``commands.help``: the key is the command's name)
    words = "_".join(name_words(key))
    return words in FORM_HELP_KEYS or words in FORM_DOC_KEYS and \
        all(isinstance(leaf.parent.get(k), str) for k in FORM_FIELD_KEYS)


def _serialized(value: str) -> bool:
    """A string that is itself a JSON object or array (Flowise's ``"promptValues": "{\\"history\\":
    \\"{{chat_history}}\\"}"``: the values a node fills its template with): data encoded for code, not text."""
    head = value.lstrip()[:1]
    if head not in ("{", "["):
        return False
    try:
        data = json.loads(value)
    except ValueError:
        return False
    if isinstance(data, list) and data and all(isinstance(m, dict) and "role" in m and "content" in m for m in data):
        return False  # a chat prompt written as a JSON list of messages (promptfoo's documented prompt format)
    return isinstance(data, (dict, list))


# agentUniverse's prompt model (``agentuniverse/prompt/prompt_model.py``, ``AgentPromptModel``): a prompt file
# or an agent's ``profile`` written as ``introduction``, ``target`` and ``instruction``.  Its
# ``_message_type_mapping`` (introduction and target: SYSTEM, instruction: HUMAN) and
# ``base/util/prompt_util.py:generate_chat_template`` join introduction and target into one system message
# and put the instruction after it as the human message, the last of the request that
# ``ChatPrompt.as_langchain()`` sends (the conversation so far is rendered inside it, as ``{chat_history}``).
_PROMPT_MODEL_ROLES = {"introduction": "system", "target": "system", "instruction": "user"}


def _prompt_model_role(leaf: Leaf) -> str | None:
    """The message role of a field of agentUniverse's prompt model (above): a mapping holding an
    ``instruction`` and an ``introduction`` as texts."""
    key = leaf.path[-1] if leaf.path else None
    if key not in _PROMPT_MODEL_ROLES:
        return None
    texts = {k for k, v in leaf.parent.items() if k in _PROMPT_MODEL_ROLES and isinstance(v, str)}
    return _PROMPT_MODEL_ROLES[key] if {"instruction", "introduction"} <= texts else None


def _role_keyed(leaf: Leaf) -> bool:
    """A mapping keyed only by chat roles (cover-agent's TOML section ``[analyze_test_run_failure]``: an
    empty ``system`` and a templated ``user``) holds one message per role, as a Python dict keyed by
    roles does."""
    keys = leaf.parent.keys()
    return isinstance(leaf.path[-1], str) and len(keys) >= 2 and \
        all(isinstance(k, str) and k.lower() in MESSAGE_ROLES for k in keys)


def _role_description(leaf: Leaf) -> bool:
    """An agent's ``role`` written as a description (sentences: ChatDev's ``role: | You are the
    preprocessor...``) is its instructions; a title (crewAI's ``role: Senior Data Researcher``) and a
    message or RBAC role name are not."""
    words = leaf.value.split()
    return leaf.path[-1:] == ("role",) and len(words) >= 8 and bool(_SENTENCE_END.search(leaf.value))


_SENTENCE_END = re.compile(r"[.!?:](?:\s|$)")
_EXPRESSION_HEAD = re.compile(r"[A-Za-z_]\w*")
# A word of code rather than prose: a snake_case identifier or a ``key=value`` assignment.
_CODE_WORD = re.compile(r"\w_\w|=")
# A value that is a type placeholder of a schema or config template (``<string> | required``).
_TYPE_PLACEHOLDER = re.compile(r"\s*<[\w\[\]., ]+>\s*(?:\|[^\n]*)?\s*")
# A value that is one file path (``PREFILL_PROMPT: "dataflow/prompts/{mode}/prefill.yaml"``, a prompt
# name's setting that says where the prompt is): a reference, not text for a model (its placeholders
# are the loader's).
_PATH_VALUE = re.compile(r"[\w{}$.~-]*[/\\][\w{}$./\\-]*\.[A-Za-z0-9]{1,8}")
# A braced name that is a whole segment of a URL path (``GET /api/v1/pipelines/{uuid}``): OpenAPI's path
# templating ("template expressions, delimited by curly braces, to mark a section of a URL path as
# replaceable using path parameters"), a route's parameter written in prose about the API, not a field a
# prompt template fills.
_PATH_PARAMETER = re.compile(r"(?<![^\s(`'\"])(?:https?://[\w.:-]+)?(?:/[\w.{}:-]*)*/\{[A-Za-z_][\w-]*\}"
                             r"(?:/[\w.{}:-]*)*(?=[\s)`'\",;:.?]|$)")
_BRACED = re.compile(r"(?<!\{)\{[^{}\n]*\}(?!\})")
# Keys of settings that a template fills from the environment (``api_key: ${API_KEY}``): endpoints and
# credentials, never text for a model.
# Keys of a command line a shell runs (``cmd: "gofmt -w $path"``, ``command``, ``script``): its ``$name`` are
# the shell's variables, never a prompt's.
# (``run``: a GitHub Actions step's and an eval harness task's command line, "runs command-line programs using the
# operating system's shell", GitHub's workflow syntax; forge's ``benchmarks/evals/*/task.yml``)
COMMAND_LINE_WORDS = frozenset({"cmd", "command", "script", "shell", "exec", "bash", "sh", "run"})
SETTING_WORDS = frozenset({"key", "url", "uri", "endpoint", "token", "secret", "password", "host", "port",
                           "dir", "directory", "path", "file", "filename"})
MESSAGE_ROLES = frozenset({"system", "developer", "user", "assistant", "tool", "function", "human", "ai",
                           "model", "bot"})


# ``template`` alone names any template (prompt_names: "not template alone: HTML, email, scaffolding"): its text
# says which.  One that opens with an HTML or SVG element (after comments and blank lines) is a page's or a
# document's markup, filled for people to read (readme-ai's ``header_styles.<style>.template``: ``<div align=
# "{align}">{logo}...``; its ``banners.svg.template``).  A prompt's tags are its own names (``<context>``,
# ``<summary>``), not HTML's elements.
_MARKUP_OPENING = re.compile(
    r"(?:\s|<!--.*?-->)*<(?:!doctype|html|head|body|div|span|p|a|img|svg|table|section|header|footer|nav|main|article"
    r"|center|h[1-6]|br|hr|picture|ul|ol|style|link|meta)[\s/>]", re.I | re.S)


def _markup_template(leaf: Leaf) -> bool:
    key = leaf.path[-1] if leaf.path else None
    return isinstance(key, str) and _core_words(key) <= TEMPLATE_WORDS and bool(_MARKUP_OPENING.match(leaf.value))


# A function call's arguments (``arguments``/``args``/``kwargs``) are keyed by the function's parameter names:
# ``template`` there is whatever that function formats (Microsoft Agent Framework's ``InvokeFunctionTool`` with
# ``arguments: {template: "The weather in {location} is {temp}°{unit}"}``), not text for a model; a parameter
# named as a prompt (``prompt``, ``system_prompt``) still is one.
CALL_ARGUMENT_KEYS = frozenset({"arguments", "args", "kwargs"})


def _argument_template(leaf: Leaf) -> bool:
    key = leaf.path[-1] if leaf.path else None
    parent = leaf.path[-2] if len(leaf.path) >= 2 else None
    return isinstance(key, str) and isinstance(parent, str) and _core_words(key) <= TEMPLATE_WORDS \
        and "_".join(name_words(parent)) in CALL_ARGUMENT_KEYS


def _core_words(key: str) -> set[str]:
    return set(name_words(key)) or {key}


def named_field(leaf: Leaf) -> str | None:
    """Why the leaf is a prompt by name: ``"key"`` (its own key, or a chat message's content),
    ``"context"`` (an agent/task field), ``"section"`` (an item of a ``prompts:``/``templates:``
    collection, or of a list under a prompt name), else None."""
    key, above = _key(leaf.path)
    if not key or excluded_by_scope(key, above) or _markup_template(leaf) or _argument_template(leaf):
        return None
    if _message_role(leaf) is not None or _role_description(leaf) or _role_keyed(leaf):
        return "key"
    if _collection_item_text(leaf):
        return "section"
    if isinstance(leaf.path[-1], int):  # an item of a list: instructions: [..], prompts: [..]
        return "section" if says_prompt(key) else None
    if says_prompt(key):
        return None if _asks_a_person(leaf) else "key"
    if says_prompt_in(key, above, leaf.parent.keys(), message=False) and not _listed_item_field(leaf):
        return "context"
    if "_".join(name_words(key)) in PERSONA_FIELDS and in_agent_section(above, leaf.parent.keys()) \
            and _written_as_prose(leaf.value):
        return "context"
    if _agent_command(leaf):
        return "key"
    if "_".join(name_words(key)) in METADATA_KEYS or not above:
        return None
    words = name_words(above[-1])
    parent_is_map = len(leaf.path) >= 2 and isinstance(leaf.path[-2], str)
    return "section" if parent_is_map and words and words[-1] in COLLECTIONS else None


# A persona's prose fields beside its ``role`` in an agent section: BMad Method's ``customize.toml`` ("Customize the
# persona", ``[agent]``: ``role``, ``identity``, ``communication_style``, ``principles``; the agent's SKILL.md tells
# the model to "embody ``{agent.identity}``, speak in the style of ``{agent.communication_style}``").  (``role`` is
# read by ``_role_description`` when written as sentences; a one-word style or a title stays a setting.)
PERSONA_FIELDS = frozenset({"identity", "communication_style"})


def _listed_item_field(leaf: Leaf) -> bool:
    """A field of an item listed under a key that names no agent or task (``agent.menu[3].description``: a menu
    entry of an agent, shown to the user; a tool listed under ``tools``): the agent-field words (``description``,
    ``goal``) describe that item, not the agent.  An item shaped as an agent (``role``/``goal``/``backstory``) and
    an item of ``agents``/``tasks`` stay the agent's or task's own."""
    path = leaf.path
    if len(path) < 3 or not isinstance(path[-2], int) or not isinstance(path[-3], str):
        return False
    return not in_agent_section(path[-3:-2], leaf.parent.keys())


# Sections whose ``prompt`` is put to a person who approves or confirms (NAT's ``hitl_approval_tool.prompt``, shown
# with ``HumanPromptText``), by the words the name rule already reads as a person's question before ``prompt``
# (``approval_prompt``, ``confirmation_prompt``: ``NOT_PROMPT_QUALIFIERS``) and ``hitl`` (human in the loop).
PERSON_SECTION_WORDS = frozenset({"approval", "confirmation", "confirm", "hitl"})
# A setup question's answer when none is given: inquirer/Yeoman's ``{message, default}``, BMad's installer
# ``module.yaml`` (``user_name: {prompt: "What should agents call you?", default: "BMad", result: "{value}"}``).
ANSWER_KEYS = frozenset({"default", "default_value", "choices"})


def _asks_a_person(leaf: Leaf) -> bool:
    """A prompt-named field that is a question put to a person: a question (``?``) in a mapping that also gives
    its default answer (``ANSWER_KEYS``: a setup wizard's question), or any text under a section named for a
    person's approval (``PERSON_SECTION_WORDS``).  A model's prompt has no default answer."""
    path = leaf.path
    section = next((k for k in reversed(path[:-1]) if isinstance(k, str)), None)
    if section is not None and set(name_words(section)) & PERSON_SECTION_WORDS:
        return True
    # (a joined list of lines reads the keys of the mapping holding it: its ``parent`` is the list's, empty)
    return "?" in leaf.value and bool(ANSWER_KEYS & (set(leaf.parent) | set(leaf.siblings)))


# An agent's named prompts: Docker cagent's ``agents.<name>.commands`` ("Named prompts that can be run with
# ``docker agent run config.yaml /command_name``", its agent configuration reference; a command is a text, or a
# mapping whose ``instruction`` is the prompt sent as the user's message), a map or a list of one-entry maps.
COMMAND_SECTIONS = frozenset({"commands"})
_COMMAND_WORDS = 3


def _agent_command(leaf: Leaf) -> bool:
    """A text under an agent's ``commands`` (``COMMAND_SECTIONS``), written as words (three or more, with
    letters; not a script): the prompt that command sends.  A shell command line (``task lint``) is none."""
    path = leaf.path
    if len(path) < 3 or not isinstance(path[-1], str):
        return False
    at = len(path) - 2 if path[-2] in COMMAND_SECTIONS else \
        len(path) - 3 if isinstance(path[-2], int) and path[-3] in COMMAND_SECTIONS else None
    if at is None or not in_agent_section(path[:at]):
        return False
    value = leaf.value.strip()
    return count_words(value) >= _COMMAND_WORDS and value[:1].isalpha() and not looks_like_code(value)


# Words of a key that say its value is a prompt or a template, wherever they stand in it (the name rule asks
# for them at its head: ``prompt_input``, the prompt for an input, reads as a setting by its name alone), and
# the names of template engines (promptsource's ``jinja:``, the template a ``Template`` renders).
TEMPLATE_KEY_WORDS = frozenset({"prompt", "prompts", "sysprompt", "preprompt", "preprompts", "instruction",
                                "instructions", "template", "templates", "tmpl", "tpl"})
ENGINE_KEYS = frozenset({"jinja", "jinja2", "mustache", "handlebars"})


def template_key(leaf: Leaf) -> bool:
    """A key that names a template (alpaca-lora's ``templates/alpaca.json``: ``prompt_input``,
    ``prompt_no_input``; promptsource's ``jinja``): its value is a prompt when it holds template syntax
    and prose of its own (the ``needs_syntax`` reading: a setting holds no templated prose).  Not a
    template word qualified as another kind (``page_template``, ``readme_template``) or in an error or log
    scope."""
    key, above = _key(leaf.path)
    if not key or excluded_by_scope(key, above):
        return False
    words = name_words(key)
    if words[-1:] and words[-1] in ENGINE_KEYS:
        return True
    if any(w in TEMPLATE_KEY_WORDS and not (i > 0 and words[i - 1] in NOT_PROMPT_TEMPLATES)
           for i, w in enumerate(words)):
        return True
    # a mapping named ``template`` holding a template per use (LocalAI's model config: ``template: {chat:
    # ..., completion: ..., function: ...}``): each is a template, named by its use
    section = name_words(above[-1]) if above and len(leaf.path) >= 2 and leaf.path[-2] == above[-1] else []
    return section == ["template"]


# The fields that say what class or kind of object a mapping is, in the serialisations that write one
# (unitxt's catalog ``__type__``, LangChain's ``_type``, JSON-LD ``@type``, Hydra's ``_target_``, ``kind``).
TYPE_TAG_KEYS = ("__type__", "_type", "@type", "type", "kind", "class", "_target_", "__class__")
_DUNDER = re.compile(r"__\w+__")


def typed_template(leaf: Leaf) -> bool:
    """A field of a mapping whose type tag says it is a template or a prompt (unitxt's catalog:
    ``{"__type__": "multiple_choice_template", "input_format": "...{question}...", "output_format":
    "{label}"}``): like a field under a key that names a template (``template_key``), it is a prompt when
    it holds template syntax and prose of its own; its settings do not, nor does its target: a field whose key
    says output or target (``output_format: "Answer: {label}"``, ``target_choice_format``: the expected answer
    the model's is scored against), but for the target's lead-in written into the prompt (``target_prefix``)."""
    key = leaf.path[-1] if leaf.path else None
    words = set(name_words(key)) if isinstance(key, str) else set()
    if words & {"output", "target"} and "prefix" not in words:
        return False
    for k in TYPE_TAG_KEYS:
        v = leaf.parent.get(k)
        if isinstance(v, str) and set(name_words(v.replace(".", "_"))) & {"template", "prompt"}:
            return True
    return False


def metadata_key(leaf: Leaf) -> bool:
    """A key written ``__name__`` (Python's convention for the special names of an object: unitxt's
    ``__type__``, ``__deprecated_msg__``) is the format's own metadata about the object, never its text."""
    key = leaf.path[-1] if leaf.path else None
    return isinstance(key, str) and bool(_DUNDER.fullmatch(key))


def _prompt_file(path: str) -> bool:
    """A config file that says it holds prompts: by ``is_path_prompty`` (``prompts/``, ``system_prompt.yaml``)
    or with ``prompt`` anywhere in its own name (``code_generator_prompt_plugin_only.yaml``: a data file
    named for prompts holds them, unlike a code module such as ``prompt_utils.ts``)."""
    stem = re.split(r"[\\/]", path)[-1].split(".", 1)[0]
    return is_path_prompty(path) or bool({"prompt", "prompts"} & set(name_words(stem)))


def _message_field(leaf: Leaf) -> bool:
    """A ``content``/``message``/``text`` field at the top of a prompt file (TaskWeaver's
    ``compression_prompt.yaml: content: |-``): the file's prompt text; and the ``intro`` of a role
    definition (TaskWeaver's ``web_search.role.yaml``: what the Planner's prompt says of the role)."""
    return len(leaf.path) == 1 and isinstance(leaf.path[0], str) and \
        "_".join(name_words(leaf.path[0])) in ("content", "message", "text", "body", "intro")


def _titled_pairs(leaves: list[Leaf]) -> set[int]:
    """In a file that says it holds prompts, the text of each ``[title, prompt]`` pair: a list of two
    strings, a one-line title and a longer text (NextChat's ``prompts.json``: ``{"en": [["Act as a
    Linux terminal", "I want you to act as..."], ...]}``, the shape of prompt libraries)."""
    by_list: dict[tuple, list[Leaf]] = {}
    for leaf in leaves:
        if leaf.path and isinstance(leaf.path[-1], int):
            by_list.setdefault(leaf.path[:-1], []).append(leaf)
    out = set()
    for items in by_list.values():
        if [leaf.path[-1] for leaf in items] != [0, 1]:
            continue
        title, text = items
        if "\n" not in title.value.strip() and len(title.value) < len(text.value) \
                and count_words(text.value) > count_words(title.value):
            out.add(id(text))
    return out


_NAME_KEY = re.compile(r"[A-Za-z_$][\w$.-]*", re.ASCII)


def _title_keyed(leaves: list[Leaf]) -> set[int]:
    """The texts of a mapping keyed by titles, not by names: most of its keys are no identifier (a space, a
    colon, a letter outside ASCII: "All Your Fault: Pt. 1", "ドメイン名"), as a title is and a field's name
    is not, and a word that says prompt stands in fewer than half of those (WikiChat's
    ``benchmark/topics/head_articles_en.json``: 5,000 Wikipedia articles keyed by their titles, among them
    "Deterministic system", "Variadic template", "General linear model").  Such a word names the record's
    subject, not the kind of its value, and the file is a data table: neither name rule reads its texts,
    nor do they make the file's other fields evidence of prompts.  A mapping whose titled keys mostly say
    prompt (``"System prompt"``, ``"User prompt"``) keeps its names."""
    by_map: dict[tuple, list[Leaf]] = {}
    for leaf in leaves:
        if leaf.path and isinstance(leaf.path[-1], str):
            by_map.setdefault(leaf.path[:-1], []).append(leaf)
    out: set[int] = set()
    for items in by_map.values():
        # (a key of digits is an index, not a title: SillyTavern's ``extension_settings.sd.prompts: {"0": ...,
        # "1": ...}``, one prompt per generation mode, keyed by the mode's number)
        titled = [leaf for leaf in items if not _NAME_KEY.fullmatch(leaf.path[-1]) and not leaf.path[-1].isdigit()]
        if 2 * len(titled) <= len(items):
            continue
        said = sum(1 for leaf in titled if says_prompt(leaf.path[-1]) or template_key(leaf))
        if 2 * said < len(titled):
            out.update(id(leaf) for leaf in items)
    return out


def _role_file(path: str) -> bool:
    """A file whose type suffix says it defines an agent's role (``web_search.role.yaml``,
    ``planner.agent.yaml``), as Copilot's ``*.agent.md`` does: its top-level text is for a model."""
    parts = re.split(r"[\\/]", path)[-1].lower().split(".")
    return len(parts) >= 3 and parts[-2] in ("role", "agent")


def joined_lines(leaves: list[Leaf]) -> list[Leaf]:
    """Leaves with each list of one-line strings under a prompt name (not a plural collection:
    ``LIST_COLLECTIONS``) replaced by one leaf: the lines joined with ``"\n"``, spanning the list."""
    by_list: dict[tuple, list[Leaf]] = {}
    nested: set[tuple] = set()
    for leaf in leaves:
        if leaf.path and isinstance(leaf.path[-1], int):
            by_list.setdefault(leaf.path[:-1], []).append(leaf)
        for cut in range(1, len(leaf.path) - 1):
            nested.add(leaf.path[:cut])  # lists holding more than strings are left alone
    merged: dict[int, Leaf | None] = {}
    for path, items in by_list.items():
        key = path[-1] if path else None
        words = name_words(key) if isinstance(key, str) else []
        if (len(items) < 2 or path in nested or not words or words[-1] in LIST_COLLECTIONS
                or not says_prompt(key) or excluded_by_scope(key, tuple(k for k in path[:-1] if isinstance(k, str)))
                or [leaf.path[-1] for leaf in items] != list(range(len(items)))
                or any("\n" in leaf.value.strip("\n") for leaf in items)):
            continue
        holder = next((leaf.parent for leaf in leaves if leaf.path[:-1] == path[:-1]
                       and not isinstance(leaf.path[-1], int)), {})
        one = Leaf(path, "\n".join(leaf.value for leaf in items), {}, items[0].start, items[-1].end, holder)
        merged[id(items[0])] = one
        for leaf in items[1:]:
            merged[id(leaf)] = None
    return [merged.get(id(leaf), leaf) for leaf in leaves if merged.get(id(leaf), leaf) is not None]


# Sentence punctuation, Latin and CJK (full-width).
_SENTENCE_PUNCT = re.compile(r"[.!?:;](?:\s|$)|[。！？：；]")
_INSTRUCTION_WORDS = 8


# Prompt words that are also a UI's own vocabulary: a prompt put to the user (``completePrompt``),
# an app or document template (``createAppUsingTemplate``), setup instructions for people.
UI_PROMPT_WORDS = frozenset({"prompt", "prompts", "template", "templates", "tmpl", "tpl", "instruction",
                             "instructions"})
# Verbs that name an option's switch in a UI catalog key (``context_allow_post_history_instructions``,
# ``enable_system_prompt``): the key is a setting, its text the setting's label or help.
SWITCH_WORDS = frozenset({"allow", "enable", "disable", "toggle", "show", "hide"})
# A sentence boundary: a full stop, question or exclamation mark followed by more text.
_NEXT_SENTENCE = re.compile(r"[.!?](?:\s+)(?=\S)|[。！？](?=\s*\S)")


def translated_prompt(leaf: Leaf) -> bool:
    """In a translation folder (a catalog of UI text), a field is a prompt only as a translated
    instruction: named as a prompt by its own key and written in sentences (8+ words, a Han character
    counting as one, with sentence punctuation; or one long sentence of 16+ words).  A UI bundle's
    labels under prompt words (``"System Prompt": "Prompt système"``, ``"systemPrompt": "Invite
    système"``) and its greetings (``"Hello {{name}}"``) are text for people.

    A key written as text (``"Search prompts..."``: gettext and i18next natural-language keys) is the
    source message, not a name.  A key that says prompt only with a word a UI also uses for its own
    features (``UI_PROMPT_WORDS``: ``createAppUsingTemplate``, ``setupInstructions``,
    ``completePrompt``) needs what a UI message is not: instructions of two or more sentences; a
    model's setup (``systemRole``, ``persona``) is read as before.  A key naming an option's switch
    (``SWITCH_WORDS``: ``context_allow_post_history_instructions``) is the option's label or help."""
    key = next((k for k in reversed(leaf.path) if isinstance(k, str)), "")
    if any(ch.isspace() for ch in key.strip()):
        return False
    if _message_role(leaf) is None and set(name_words(key)) & SWITCH_WORDS:
        return False  # the help text of an option (``context_allow_post_history_instructions``)
    if _message_role(leaf) is None and set(name_words(key)) & PROMPT_WORDS <= UI_PROMPT_WORDS \
            and not _NEXT_SENTENCE.search(leaf.value.strip()):
        return False
    return translated_instruction(leaf.value)


def translated_instruction(text: str) -> bool:
    """Text written in sentences: 8+ words (a Han character counting as one) with sentence
    punctuation, or one long sentence of 16+ words (``translated_prompt``; JS translation modules too)."""
    words = count_words(text)
    return words >= 2 * _INSTRUCTION_WORDS or (
        words >= _INSTRUCTION_WORDS and bool(_SENTENCE_PUNCT.search(text)))


def _shown_examples(leaf: Leaf, named: list[Leaf]) -> bool:
    """A message of an ``examples`` list kept apart from the file's prompt: few-shot examples sit
    beside the prompt they illustrate (``{system_prompt, examples: [...]}``); a top-level dialogue in a
    file whose prompt lives in another section (LobeChat's agent files: ``config.systemRole``, and
    ``examples`` for the agent's market page) is shown to people, not sent."""
    cut = next((i for i, k in enumerate(leaf.path) if k == "examples"), None)
    if cut is None or _message_role(leaf) is None:
        return False
    holder = leaf.path[:cut]
    others = [o for o in named if "examples" not in o.path]
    return bool(others) and not any(o.path[:cut] == holder and (
        len(o.path) == cut + 1 or says_prompt(str(o.path[cut]))) for o in others)


def _file_engine(named: list[Leaf]) -> str | None:
    """The engine a file's prompts are filled with, when its prompt fields say it: ``"template"`` when
    they use ``${name}`` (string.Template) and none uses another placeholder syntax but ``str.format``'s;
    ``"jinja"`` when they use Jinja and the others only ``$name`` or ``{name}``.
    A loader fills a file's prompts with one engine, so a ``{answer}`` beside them is text
    (AgentVerse's ``\\boxed{answer}`` in a task config whose prompts use ``${task_description}``)."""
    each = [holds_template_syntax(leaf.value, unseen_loader=True) or "none" for leaf in named]
    found = set(each)
    if "template" in found and found <= {"template", "format", "none"}:
        return "template"
    # pr-agent renders every field of its TOML files with jinja2: ``$DocHelper`` or ``{answer}`` in a
    # field beside ``{{ question }}`` is text, as jinja2 leaves it.  Both readings are whole when the Jinja
    # fields hold only ``{{name}}`` (``str.format`` escapes them): the file is read with the engine under which
    # more of its fields are templates (readme-ai's ``prompts.toml``: five ``str.format`` prompts, ``{0}``,
    # ``{project_name}``, beside one draft written with ``{{file_path}}``); on a tie, Jinja, as before.
    if "jinja" in found and found <= {"jinja", "template", "format", "none"}:
        if each.count("format") > each.count("jinja") and all(
                _format_text(leaf.value) for leaf, syntax in zip(named, each) if syntax == "jinja"):
            return "format"
        return "jinja"
    # Semantic Kernel's syntax (``{{$input}}``) fills the file: a field holding only ``{{TimePlugin.Now}}``
    # (a kernel function call, which reads as Jinja or Mustache too) is filled by the same engine
    return "sk" if "sk" in found and found <= {"sk", "jinja", "mustache", "handlebars", "none"} else None


def _format_text(value: str) -> bool:
    """Whether ``str.format`` reads the text whole: it parses, and every field is a name, attribute or index."""
    import string

    try:
        return all(_FORMAT_FIELD.fullmatch(f) for _, f, _, _ in string.Formatter().parse(value) if f is not None)
    except ValueError:
        return False


_FORMAT_FIELD = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\w+\])*|\d+")


# A value spliced into a prompt is a section of it when written as prose: a sentence, or 8+ words
# (``role_description: You are Prof. Micheal, ...``); a title (``Evaluator``) or a name is a value.
_FILL_WORDS = 8


def _written_as_prose(value: str) -> bool:
    words = count_words(value)
    return words >= _FILL_WORDS or (words >= 3 and bool(_SENTENCE_END.search(value.strip() + " ")))


# Jinja filters that read a value as a list (``answer_choices | join(", ")``).
LIST_FILTERS = frozenset({"join", "first", "last", "length", "count", "random", "sort", "unique", "map", "select",
                          "reject", "list", "batch", "slice", "sum", "min", "max", "choice"})
# Keys whose text is never a section of the prompts that name them: a reference (where a template comes
# from, promptsource's ``reference: Variant of simple_template...``; or a reference answer, data a judge
# compares with), a citation, a source.
NOT_SECTION_KEYS = frozenset({"reference", "references", "citation", "source", "sources"})


_TEXT_METHOD = re.compile(r"\.\s*(?:strip|lstrip|rstrip|lower|upper|capitalize|title|replace)\s*\(")


def spliced_name(expression: str) -> str | None:
    """The field a placeholder splices in as text: the name its expression starts with, used whole, through
    a string method or through a text filter (``sample_conversation | verbose_v1``); not one it indexes,
    calls, reads an attribute of or reads as a list (promptsource's ``answer_choices[label]``, ``answer_choices | join(", ")``: its choices)."""
    m = _EXPRESSION_HEAD.match(expression)
    if not m:
        return None
    rest = expression[m.end():].lstrip()
    if rest[:1] in ("[", "(") or (rest[:1] == "." and not _TEXT_METHOD.match(rest)):
        return None  # (a string method keeps it text: lm-evaluation-harness's ``{{input.strip()}}``)
    f = re.match(r"\|\s*(\w+)", rest)
    return None if f and f.group(1) in LIST_FILTERS else m.group(0)


def _library_entry(leaf: Leaf) -> bool:
    """In a prompt file (its name or folder says prompts), a top-level entry keyed by its name, or an item
    of a top-level list (``prompts/alfworld_singleturn.json``: ``{"react_put_0": "You are in the middle
    of a room..."}``; ``{"react_put_0": ["turn", "turn", ...]}``): the file is a library of prompts, and
    each entry written as prose (``_written_as_prose``) is one.  Metadata keys (``name``, ``model``...)
    and labels (Dify's ``"human_prefix": "用户"``, ``stops``) are not entries."""
    path = leaf.path
    if not path or not isinstance(path[0], str) or "_".join(name_words(path[0])) in METADATA_KEYS:
        return False
    return len(path) == 1 or (len(path) == 2 and isinstance(path[1], int))


# Top-level sections of a prompt file that describe or configure its prompts (Prompty's ``metadata``,
# ``model``, ``inputs``): their prose is a description for people.
SETTINGS_SECTIONS = frozenset({"metadata", "meta", "info", "about", "model", "settings", "config", "configuration",
                               "parameters", "params", "inputs", "outputs", "input_variables", "sample",
                               "execution_settings", "tests"})


# An object's metadata (Prompty's ``metadata``; LlamaFarm's prompt templates: ``metadata: {use_case, description,
# examples: [{input, expected_output}]}``, its ``TemplateMetadata`` model) describes the object: its texts are
# descriptions, example inputs and expected outputs, never the object's prompt text.
METADATA_SECTIONS = frozenset({"metadata", "meta"})


def _in_metadata(leaf: Leaf) -> bool:
    """A field below an object's ``metadata`` (anywhere in the file: a top-level one, or a template's own in a
    library, ``templates.qa_basic.metadata.examples[0].expected_output``)."""
    return any(isinstance(k, str) and "_".join(name_words(k)) in METADATA_SECTIONS for k in leaf.path[:-1])


def _described_entries(leaves: list[Leaf], why: dict[int, str | None]) -> set[int]:
    """In a prompt file, a top-level entry that is a mapping of texts none of which is named as a prompt
    (UFO's ``prompts/share/base/api.yaml``: ``click_input: {summary: ..., class_name: ..., usage: ...}``,
    each action's text formatted into the agents' system prompts): its fields written as prose
    (``_written_as_prose``) are its text, ``summary`` and ``description`` included; an identifier
    (``class_name: ClickInputCommand``) is not.  An entry holding nested mappings or lists is a record
    (a few-shot example's ``Request`` beside its ``Response: {...}``), not a described thing."""
    entries: dict[str, list[Leaf]] = {}
    for leaf in leaves:
        if leaf.path and isinstance(leaf.path[0], str):
            entries.setdefault(leaf.path[0], []).append(leaf)
    out: set[int] = set()
    for top, items in entries.items():
        if any(why[id(leaf)] for leaf in items) or "_".join(name_words(top)) in SETTINGS_SECTIONS \
                or any(len(leaf.path) > 2 for leaf in items):
            continue  # (an entry holding nested data is a record, a few-shot example: ``Response: {...}``)
        out |= {id(leaf) for leaf in items
                if len(leaf.path) == 2 and isinstance(leaf.path[1], str) and _written_as_prose(leaf.value)}
    return out


def _conversations(leaves: list[Leaf]) -> dict[str, list[Leaf]]:
    """In a prompt library, each top-level entry that is a list of two or more texts and nothing else
    (``{"react_put_0": ["You are in the middle of a room...", "go to cabinet 1\n", "On the cabinet
    1, you see...", ...]}``): the turns of one few-shot conversation, which the code sends as the
    messages of one request.  One prompt, not one per turn."""
    groups: dict[str, list[Leaf]] = {}
    other: set = set()
    for leaf in leaves:
        top = leaf.path[0] if leaf.path else None
        if not isinstance(top, str):
            continue
        if len(leaf.path) == 2 and isinstance(leaf.path[1], int):
            groups.setdefault(top, []).append(leaf)
        else:
            other.add(top)
    return {k: v for k, v in groups.items() if k not in other and len(v) >= 2
            and [leaf.path[1] for leaf in v] == list(range(len(v)))
            and "_".join(name_words(k)) not in METADATA_KEYS and any(_written_as_prose(leaf.value) for leaf in v)}


# Config formats of evaluation frameworks whose documented fields hold prompt text, by the top-level keys
# that mark a file of that format: EleutherAI lm-evaluation-harness task configs (its task guide:
# ``doc_to_text`` is the Jinja template of each request's input, ``description`` the text put before
# the few-shot examples, ``gen_prefix`` the text put after the input, where the answer starts).
# SillyTavern context templates (its documentation, "Context Template": the Story String is the
# Handlebars template at the top of a text-completion prompt; ``chat_start``/``example_separator`` are
# separators): ``story_string``.  text-generation-webui characters (its documentation, "Character":
# the context is "always kept at the top of the prompt"; the greeting is the bot's first chat message):
# ``context``.
SCHEMA_PROMPT_FIELDS = (
    (frozenset({"task"}), frozenset({"dataset_path", "include", "doc_to_text", "output_type"}),
     frozenset({"doc_to_text", "description", "gen_prefix"})),
    (frozenset({"story_string"}), frozenset({"chat_start", "example_separator"}), frozenset({"story_string"})),
    (frozenset({"name", "context"}), frozenset({"greeting"}), frozenset({"context"})),
)


def _schema_fields(leaves: list[Leaf], path: str = "") -> tuple[set[int], frozenset[str] | None]:
    """Leaves that are a known config format's prompt fields (``SCHEMA_PROMPT_FIELDS``): top-level
    fields of a file that has the format's marker keys, its own or those of the configs that
    ``include:`` it (``config_include``: lm-evaluation-harness's ``_default_template_yaml`` holds
    ``doc_to_text`` and each task file that includes it names the ``task``); and the format's prompt
    fields when the file is of a known format (None when not): its other top-level fields are what the
    format documents them to be (``doc_to_target``, ``doc_to_choice``, a decontamination query), not
    prompts found by their template syntax, whatever the file's path says."""
    top = {leaf.path[0] for leaf in leaves if leaf.path and isinstance(leaf.path[0], str)}
    out: set[int] = set()
    documented: frozenset[str] | None = None
    context: frozenset[str] | None = None
    for required, any_of, fields in SCHEMA_PROMPT_FIELDS:
        if not required <= top and top & (fields | any_of) and \
                os.path.splitext(os.path.basename(path))[1].lower() in _INCLUDABLE:
            if context is None:
                from .config_include import included_keys

                context = included_keys(path)
            top_here = top | context
        else:
            top_here = top
        if required <= top_here and top_here & any_of:
            out |= {id(leaf) for leaf in leaves if len(leaf.path) == 1 and leaf.path[0] in fields}
            documented = (documented or frozenset()) | fields
    return out, documented


def _is_json_schema(leaves: list[Leaf]) -> bool:
    """A JSON Schema describes data rather than holding prompts: ``$ref``/``$defs``/``definitions``
    at its top, or ``type`` with ``properties``; so does an OpenAPI (Swagger) document, and a CI
    workflow holds shell steps."""
    top = {leaf.path[0] for leaf in leaves if leaf.path}
    if {"jobs", "on"} <= top:
        return True  # a GitHub Actions workflow, wherever it is kept
    if top & {"openapi", "swagger"} and any(leaf.path[0] == "paths" for leaf in leaves):
        return True  # an OpenAPI document: its examples show the API, they are not the project's prompts
    return bool(top & {"$defs", "definitions"}) or (
        "$schema" in top and any(len(leaf.path) > 1 and leaf.path[0] == "properties" for leaf in leaves))


def chat_template_field(key: str, value: str) -> bool:
    """A field holding a model's chat template (``template_jinja.is_chat_template``), or a Jinja loop over
    the conversation's ``messages`` under a key that names one (Hugging Face's ``chat_template`` in
    ``tokenizer_config.json``, GPT4All's ``chatTemplate``)."""
    from .template_jinja import is_chat_template, loops_over_messages

    from .template_go import frames_messages, looks_go

    return is_chat_template(value) or (name_words(key)[-2:] == ["chat", "template"] and loops_over_messages(value)) \
        or (looks_go(value) and frames_messages(value))


def _declared_syntax(leaf: Leaf) -> str | None:
    for k in ("template_format", "template_engine", "format"):
        v = leaf.parent.get(k)
        if isinstance(v, str) and v.lower() in _DECLARED_SYNTAX:
            return _DECLARED_SYNTAX[v.lower()]
    return None


# ---------------------------------------------------------------------------------------------
# Segments placed in the file


def _pieces(seg: Segment) -> list[str]:
    if seg.kind != "static" or "\n" not in seg.text:
        return [seg.text]
    return seg.text.splitlines(keepends=True)


def _value_line(text: str, leaf: Leaf, n: int, lines: LineIndex) -> int:
    """The file's line of the value's ``n``-th line: found by its text inside the value's span (a block
    scalar's text starts on the line after its ``|``), else counted from where the value starts."""
    wanted = leaf.value.split("\n")[n - 1].strip() if 0 < n <= leaf.value.count("\n") + 1 else ""
    at = text.find(wanted, leaf.start, leaf.end) if wanted else -1
    return lines(at)[0] if at >= 0 else lines(leaf.start)[0] + n - 1


def place(segments: list[Segment], text: str, start: int, end: int, lines: LineIndex) -> list[Segment]:
    """Segments of a field's value moved to their place in the file: each static line and each
    placeholder is searched, in order, inside the value's span (as written, else JSON-escaped, else
    by its first characters); found as written it is verbatim, else it keeps the position it starts
    at (or the position reached so far) and is marked not verbatim."""
    out: list[Segment] = []
    ptr = start
    for seg in segments:
        for piece in _pieces(seg):
            probe = piece.rstrip("\r\n") if seg.kind == "static" else piece
            at, verbatim, used = -1, False, 0
            if probe.strip():
                at = text.find(probe, ptr, end)
                if at >= 0:
                    verbatim, used = True, len(probe)
                else:
                    escaped = json.dumps(probe, ensure_ascii=False)[1:-1]
                    at = text.find(escaped, ptr, end)
                    used = len(escaped)
                    if at < 0:
                        head = probe.lstrip()[:16]
                        at = text.find(head, ptr, end)
                        used = len(head)
            elif seg.kind == "variable":  # a control tag (``{% for %}``, Go's ``{{range}}``) has no text: its
                at = text.find("{", ptr, end)  # opening brace is the next one (the text before it is placed)
            if at < 0:
                at, used = ptr, 0
            line, column = lines(at)
            out.append(dataclasses.replace(seg, text=piece, line=line, column=column, verbatim=verbatim))
            ptr = at + used
    return out


# ---------------------------------------------------------------------------------------------
# The source


class ConfigFieldsSource:
    name = "config"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith(EXTENSIONS)

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        inner = path[:-3] if path.endswith(".gz") else path
        # a file without a config extension reaches this source only as a YAML config another includes
        reader = READERS.get(os.path.splitext(os.path.basename(inner))[1].lower(), yaml_leaves)
        leaves = [leaf for leaf in joined_lines(reader(text)) if not _serialized(leaf.value) and not metadata_key(leaf)]
        if not leaves or _is_json_schema(leaves):
            raise NoPrompts(hint=NO_PROMPTS_HINT)
        translated = in_translation_folder(inner)
        prompt_file = (_prompt_file(inner) or _role_file(inner)) and not translated
        if not prompt_file and (run_output_paths(leaf.path for leaf in leaves) is not None or recorded_exchanges(
                (leaf.path, role) for leaf in leaves for role in [_message_role(leaf)] if role) >= MIN_RECORDS):
            raise NoPrompts(hint=RUN_OUTPUT_HINT)  # a run's records of a model's outputs (run_records)
        pairs = _titled_pairs(leaves) if prompt_file else set()
        titles = _title_keyed(leaves) if not prompt_file else set()
        why = {id(leaf): None if id(leaf) in titles else named_field(leaf)
               or (prompt_file and _message_field(leaf) and "key") or (id(leaf) in pairs and "section") or None
               for leaf in leaves}
        schema, documented = _schema_fields(leaves, inner)
        why.update({i: "section" for i in schema if not why[i]})

        def undocumented(leaf: Leaf) -> bool:  # a known format's top-level field that is none of its prompts
            return documented is not None and len(leaf.path) == 1 and leaf.path[0] not in documented
        conversations = _conversations(leaves) if prompt_file else {}
        in_conversation = {id(leaf) for turns in conversations.values() for leaf in turns}
        if prompt_file:
            why.update({id(leaf): "section" for leaf in leaves
                        if not why[id(leaf)] and _library_entry(leaf) and _written_as_prose(leaf.value)
                        and not undocumented(leaf)})
            why.update({i: "section" for i in _described_entries(leaves, why)})
        why.update({i: None for i in in_conversation})
        # below an object's metadata only a field named as a prompt is one (``metadata.examples[0].expected_output``
        # is an example's answer, not a prompt)
        why.update({id(leaf): None for leaf in leaves if why[id(leaf)] and why[id(leaf)] != "key" and _in_metadata(leaf)})
        if translated:
            why = {k: v if v == "key" else None for k, v in why.items()}
        named = [leaf for leaf in leaves if why[id(leaf)] and not _form_help(leaf)]
        named = [leaf for leaf in named if not _shown_examples(leaf, named)
                 and not (translated and not translated_prompt(leaf))]
        lines = LineIndex(text)
        loaded = LoadedFile()
        engine = _file_engine(named) if not options.syntax or options.syntax == "auto" else None
        for leaf in named:
            self._add(loaded, path, text, lines, leaf, options, needs_syntax=False, engine=engine)
        for turns in conversations.values():
            self._add_conversation(loaded, path, text, lines, turns, options)
        # Templated fields count in a file that holds prompts by their own key, or by its path; and
        # anywhere under a key that names a template by a prompt word or its engine (``template_key``).
        evidence = any(why[id(leaf)] == "key" for leaf in named) and bool(loaded.prompts) and not translated
        chosen = {id(leaf) for leaf in named}
        for leaf in leaves:
            named_template = (template_key(leaf) or typed_template(leaf)) and not translated
            if id(leaf) not in chosen and id(leaf) not in titles and (evidence or prompt_file or named_template) \
                    and not _markup_template(leaf) and not _argument_template(leaf) \
                    and not _form_help(leaf) and not undocumented(leaf) and (named_template or not _in_metadata(leaf)) \
                    and holds_template_syntax(leaf.value, unseen_loader=True):
                self._add(loaded, path, text, lines, leaf, options, needs_syntax=True, engine=engine,
                          composed=named_template)
        if loaded.prompts and not translated:
            # a field the file's prompts splice in by name (``${role_description}``) is one of their sections
            # (by the name an expression starts with: ``{{ sample_conversation | verbose_v1 }}`` fills in
            # ``sample_conversation``)
            # (``spliced_names``: as text, not indexed or joined as a list of values)
            filled = {name for p in loaded.prompts for s in p.segments if s.kind == "variable" and s.name
                      for name in [spliced_name(s.name)] if name}
            reported = {p.container for p in loaded.prompts}
            for leaf in leaves:
                key = leaf.path[-1] if leaf.path else None
                if isinstance(key, str) and key in filled and "_".join(name_words(key)) not in NOT_SECTION_KEYS \
                        and key_path(leaf.path) not in reported and not _in_metadata(leaf) \
                        and _written_as_prose(leaf.value) and not excluded_by_scope(key, ()):
                    self._add(loaded, path, text, lines, leaf, options, needs_syntax=False, engine=engine)
        loaded.prompts.sort(key=lambda p: (p.line, p.segments[0].column if p.segments else 0))
        if not loaded.prompts and not loaded.errors:
            chat = any(chat_template_field(next((k for k in reversed(leaf.path) if isinstance(k, str)), ""),
                                           leaf.value) for leaf in leaves)
            raise NoPrompts(hint=CHAT_TEMPLATE_HINT if chat else NO_PROMPTS_HINT)
        return loaded

    def _add_conversation(self, loaded: LoadedFile, path: str, text: str, lines: LineIndex, turns: list[Leaf],
                          options: SourceOptions) -> None:
        """One prompt of a library entry's turns, in order: each turn's segments placed in the file and
        marked with the turn's index (``message``); counted as their text, without chat framing."""
        from .template import parse_template

        segments: list[Segment] = []
        syntaxes = []
        for i, leaf in enumerate(turns):
            syntax = options.syntax if options.syntax and options.syntax != "auto" else \
                (holds_template_syntax(leaf.value, unseen_loader=True) or "none")
            try:
                parsed = parse_template(leaf.value, path, syntax)
            except SourceParseError:
                parsed = parse_template(leaf.value, path, "none")
            if parsed.variables:
                syntaxes.append(parsed.syntax)
            segments += [dataclasses.replace(seg, message=i, expression=seg.name if seg.kind == "variable" else None)
                         for seg in place(parsed.segments, text, leaf.start, leaf.end, lines)]
        container = key_path(turns[0].path[:1])
        loaded.prompts.append(Prompt(
            name=f"{path}:{container}", path=path, segments=segments,
            kind="template" if syntaxes else "text", syntax=syntaxes[0] if syntaxes else None,
            line=segments[0].line if segments else lines(turns[0].start)[0], container=container,
            notes=[f"the {len(turns)} turns of one conversation, counted as their text (sent as "
                   f"{len(turns)} messages, each with a few tokens of chat framing)"]))

    def _add(self, loaded: LoadedFile, path: str, text: str, lines: LineIndex, leaf: Leaf,
             options: SourceOptions, needs_syntax: bool, engine: str | None = None, composed: bool = False) -> None:
        """``needs_syntax``: found by its template syntax, the field must parse as a template and hold prose
        of its own; ``composed``: its key names a template (``template_key``), so a composition of
        placeholders counts as one (promptsource's ``{{question}} ||| {{answer}}``), as for a named field."""
        from .template import parse_template, parsed_name

        syntax = options.syntax or "auto"
        if syntax == "auto":
            syntax = _declared_syntax(leaf) or holds_template_syntax(leaf.value, unseen_loader=True) or "none"
            if engine and syntax != engine and not _declared_syntax(leaf) and (
                    syntax in ("format", "template") and engine != "format"
                    or (engine == "sk" and syntax in ("jinja", "mustache", "handlebars"))
                    or (engine == "format" and syntax == "jinja")):
                syntax = engine  # ``{answer}`` in a string.Template file is text: one engine fills the file
        if (needs_syntax and syntax == "none") or looks_like_code(leaf.value) or \
                _TYPE_PLACEHOLDER.fullmatch(leaf.value) or _PATH_VALUE.fullmatch(leaf.value.strip()):
            return
        if needs_syntax and syntax == "format" and not _BRACED.search(_PATH_PARAMETER.sub(" ", leaf.value)):
            return  # its only placeholders are a URL path's parameters (``_PATH_PARAMETER``)
        key = next((k for k in reversed(leaf.path) if isinstance(k, str)), "")
        if chat_template_field(key, leaf.value):
            return  # a model's message framing (GPT4All's ``chatTemplate``), not a prompt
        if needs_syntax and name_words(key)[-1:] and name_words(key)[-1] in SETTING_WORDS:
            return  # an endpoint or a credential filled from the environment
        if needs_syntax and name_words(key)[-1:] and name_words(key)[-1] in COMMAND_LINE_WORDS:
            return  # a command line a shell runs, its ``$path`` filled from the environment (cagent's ``cmd``)
        notes = []
        try:
            parsed = parse_template(leaf.value, path, syntax)
        except SourceParseError as exc:
            where = _value_line(text, leaf, exc.line or 1, lines)
            if needs_syntax:
                return  # a guess from the content only: not a template after all
            if options.syntax in ("auto", "", None) and not _declared_syntax(leaf):
                # the syntax was guessed (Go templates look like Jinja): read the field as text
                notes.append(f"read as plain text: not valid {syntax} (line {where}: {exc.message})")
                # a warning line too, as a template file that does not parse gets: its placeholders are
                # not analysed, which the user must hear without asking for notes
                loaded.errors.append(SourceError(
                    path, f"{key_path(leaf.path)}: not a {parsed_name(syntax)} template ({exc.message}): "
                          "read as plain text", where, "give --syntax to choose how the file is read", warning=True))
                parsed = parse_template(leaf.value, path, "none")
            else:
                loaded.errors.append(SourceError(path, f"{key_path(leaf.path)}: {exc.message}", where,
                                                 exc.hint))
                return
        variables = parsed.variables
        static = "".join(s.text for s in parsed.segments if s.kind == "static")
        if needs_syntax and parsed.syntax == "go":
            from .template_go import prose_of

            if not _written_as_prose(prose_of(static)):
                return  # a chat format's markers around the conversation (``{{.Input}}<|im_start|>assistant``)
        if needs_syntax:  # prose of its own: not identifiers and assignments (``check_input $model=x``), nor
            # marks without a letter around one placeholder (unitxt's target ``[[{winner}]]``)
            static = " ".join(w for w in static.split() if not _CODE_WORD.search(w) and any(c.isalpha() for c in w))
        if not has_prompt_size(static, 0 if needs_syntax and not composed else len(variables)):
            return  # (found by its syntax alone, a field must hold prose of its own)
        segments = place(parsed.segments, text, leaf.start, leaf.end, lines)
        segments = [dataclasses.replace(s, expression=s.name) if s.kind == "variable" and s.name
                    else s for s in segments]
        container = key_path(leaf.path) or None
        names = [k for k in leaf.path if isinstance(k, str)]
        role = _message_role(leaf) or _prompt_model_role(leaf) or role_of(*names) or ("system" if _role_description(leaf) else None) \
            or ("user" if _agent_command(leaf) else None)
        first = segments[0] if segments else None
        comments = [(lines(leaf.start)[0] + ln - 1, body) for ln, body in parsed.comments]
        loaded.prompts.append(Prompt(
            name=f"{path}:{container}" if container else path, path=path, segments=segments,
            kind="template" if variables else "text", syntax=parsed.syntax if variables else None,
            line=first.line if first else lines(leaf.start)[0], comments=comments,
            container=container, role=role, notes=notes))

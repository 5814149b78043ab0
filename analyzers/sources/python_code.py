"""Prompts in Python source files, found with ``ast`` (the file is never imported or run).

A string is a prompt when it reaches a model by its **use** or says so by its **name**
(README, "What counts as a prompt in code"):

- use: the ``content`` of a ``{"role": ..., "content": ...}`` dict (the role is kept); a
  ``system=``, ``system_prompt=``, ``instructions=``, ``prompt=``, ``template=`` or other
  prompt-named keyword (``prompt_names.says_prompt``); the text of ``("system", "...")`` message
  tuples and of ``SystemMessage(...)``/``HumanMessage(...)``/``ChatMessage.from_system(...)``;
  the template given to ``PromptTemplate(...)``, ``ChatPromptTemplate.from_template(...)``,
  ``Template(...)``, ``Environment().from_string(...)``; a module or class constant that the file
  formats (``PROMPT.format(...)``, ``PROMPT % args``) or passes to one of those uses;
- name: a module-level, class-level or function-level assignment whose target says prompt
  (``SYSTEM_PROMPT``, ``main_system``, ``system_reminder``, ``self.system_prompt``), and what a
  function whose name says prompt returns (``def build_system_prompt(): return f"..."``).

Never a docstring, nor a string inside a logging, ``print``, ``warnings.warn``, ``raise`` or
``assert`` (and a constant whose only uses in its file are those), nor SQL, nor a string under the
size rule (``prompt_names.has_prompt_size``: fewer than two words of prose).

Each prompt is named ``file.py:Qualified.name`` and keeps ``container`` = ``Qualified.name``.
"""

from __future__ import annotations

import ast
import json
import re
import string
import sys
from dataclasses import dataclass, field

from ..pyparse import parse_python
from ..model import Prompt, Segment
from . import python_literals as lit
from .interface import LoadedFile, SourceOptions, SourceParseError, UnparsableCode
from .prompt_names import (PATH_WORDS, SQL_STATEMENT, count_words, has_prompt_size, holds_template_syntax, is_path_prompty, name_words, role_of,
                           says_prompt)

# Keywords that carry a prompt whatever ``says_prompt`` says of them.
PROMPT_KEYWORDS = frozenset({"instructions", "system", "system_prompt", "prompt", "template", "preamble"})
# Calls whose first argument (or ``template=``) is a prompt template: callee name -> syntax.
TEMPLATE_CALLS = {"PromptTemplate": "format", "from_template": "format", "Template": None,
                  "from_string": "jinja", "PromptBuilder": "jinja", "ChatPromptBuilder": "jinja",
                  "RichPromptTemplate": "jinja"}
# Base classes whose subclass's docstring is the model's instructions: a DSPy ``Signature``
# ("the docstring becomes the task instructions", dspy.ai/learn/programming/signatures).
DOCSTRING_PROMPT_BASES = frozenset({"Signature"})
# ell's language model programs (docs.ell.so, "Getting started"): a function decorated ``@ell.simple``
# sends its docstring as the system prompt and the string it returns as the user prompt;
# ``@ell.complex`` returns the messages, built with ``ell.system(...)`` / ``ell.user(...)``.
_ELL_PROGRAMS = frozenset({"simple", "complex"})
_ELL_MESSAGES = {"system": "system", "user": "user", "assistant": "assistant"}
# Message constructors -> role.
MESSAGE_CALLS = {"SystemMessage": "system", "HumanMessage": "user", "AIMessage": "assistant",
                 "ToolMessage": "tool", "from_system": "system", "from_user": "user",
                 "from_assistant": "assistant", "SystemMessagePromptTemplate": "system",
                 "HumanMessagePromptTemplate": "user", "AIMessagePromptTemplate": "assistant"}
# LangChain calls whose ``prefix=`` / ``suffix=`` are the text around the tools or examples of an agent's
# or a few-shot prompt (formatted with str.format).
_AGENT_PROMPT_CALLS = frozenset({"create_prompt", "from_llm_and_tools", "from_examples", "FewShotPromptTemplate"})
# Class methods of a message class that build a message of one role (``Message.user_message("...")``).
ROLE_METHODS = {"system_message": "system", "user_message": "user", "assistant_message": "assistant",
                "developer_message": "developer", "tool_message": "tool"}
# The chat roles of the OpenAI and Anthropic APIs: a mapping keyed by them alone maps each role to its text.
CHAT_ROLES = frozenset({"system", "developer", "user", "assistant"})
# Fields of a chat message in the OpenAI, Anthropic and Responses APIs (a dict with other keys is
# some other record that happens to carry a role and a content).
MESSAGE_KEYS = frozenset({"role", "content", "name", "tool_calls", "tool_call_id", "function_call", "refusal",
                          "audio", "reasoning_content", "cache_control", "type", "id", "status"})
# Parameters of a chat request body (OpenAI Chat Completions / Responses, Anthropic Messages, and the
# LiteLLM call that takes them): a ``messages`` list inside any other dict is a stored transcript.
REQUEST_KEYS = frozenset({
    "model", "messages", "system", "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens",
    "max_output_tokens", "stream", "stream_options", "stop", "stop_sequences", "tools", "tool_choice",
    "response_format", "n", "seed", "user", "metadata", "frequency_penalty", "presence_penalty", "logprobs",
    "top_logprobs", "logit_bias", "parallel_tool_calls", "store", "reasoning_effort", "reasoning", "modalities",
    "audio", "prediction", "service_tier", "thinking", "extra_body", "extra_headers", "timeout", "input",
    "instructions", "previous_response_id", "text", "include", "truncation", "functions", "function_call",
})
# Request fields that bound or sample one reply (OpenAI Chat Completions / Completions / Responses,
# Anthropic Messages): a call given one of them is a request, its result the model's answer.
_GENERATION_KEYWORDS = frozenset({"max_tokens", "max_completion_tokens", "max_output_tokens", "stop",
                                  "stop_sequences", "top_p", "top_k", "frequency_penalty", "presence_penalty",
                                  "logprobs", "top_logprobs", "logit_bias", "n"})
ROLE_ALIASES = {"human": "user", "ai": "assistant", "model": "assistant", "function": "tool"}
# Calls whose arguments are output for people or errors, never for a model.
_SINK_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log",
                           "print", "echo", "secho", "write", "fail", "skip", "execute", "executemany"})
_SINK_OWNERS = re.compile(r"(?:^|[._])(?:log|logger|logging|_logger|LOGGER|LOG|warnings|console|click|typer|"
                          r"sys\.stderr|sys\.stdout|pytest|cursor|cur|conn|connection|session|db)$")
# rich.prompt (``Prompt.ask``, ``Confirm.ask``), click/typer (``click.prompt``), questionary and
# getpass ask a person at the terminal: their text (and a ``*_prompt`` constant given to them) is for people.
_ASK_OWNERS = re.compile(r"(?:^|\.)(?:Prompt|Confirm|IntPrompt|FloatPrompt|InvalidResponse)$")
_ASKERS = {"click": ("prompt", "confirm"), "typer": ("prompt", "confirm"),
           "questionary": ("text", "select", "confirm", "password", "checkbox", "autocomplete", "path", "rawselect")}
# Verbs of a method that puts a prompt somewhere: its first argument is the prompt
# (``add_system_message``, ``set_system_prompt``, ``with_instructions``, ``append_instructions``).
_SETTER_VERBS = frozenset({"add", "set", "with", "append", "prepend", "update", "insert", "use"})
# Verbs of a function that handles prompts it does not write: what ``list_mcp_prompts`` or
# ``serialize_prompt`` returns is a listing, a record or a rendering for people, not a prompt.
_HANDLING_VERBS = frozenset({"list", "load", "fetch", "read", "search", "find", "count", "delete", "remove",
                             "save", "store", "print", "show", "log", "serialize", "dump", "parse", "validate",
                             "register", "export", "import", "download", "upload", "display", "render_stats"})
# Methods that look a key up (``config.get("system", default)``): a role name as their key is no message.
_LOOKUP_METHODS = frozenset({"get", "pop", "setdefault", "getattr", "replace", "split", "startswith", "endswith",
                             "count", "index", "find", "format", "join", "encode"})
# Last words of a constant that name an answer (what a model or the program says back), not a prompt.
_ANSWER_WORDS = frozenset({"answer", "answers", "reply", "replies"})
# Keywords whose value names or labels a thing for people (an author, a title, a label).
_LABEL_KEYWORDS = frozenset({"author", "title", "label", "placeholder", "tooltip", "avatar", "icon",
                             "display_name", "button_text"})
# The conventions of a command-line question to a person: a yes/no choice, keys to press, how to quit.
_TERMINAL_ASK = re.compile(r"\[[yY]/[nN]\]|\([yY]/[nN]\)|\b(?:press|hit)\s+(?:enter|return|any key)\b|"
                           r"\bto\s+(?:quit|exit)\b", re.I)
# Text whose every ``{{...}}`` is a name (``{{CURRENT_DATE}}``, ``{{MESSAGES:END:2}}``), not an
# expression or escaped JSON (``{{"current_state": ...}}`` is str.format's escape of a brace).
_NAME_TAGS = re.compile(r"(?:[^{]|\{(?!\{)|\{\{\s*[\w.:-]+\s*\}\})*", re.S)
_JSON_IN_BRACES = re.compile(r'\{\{\s*"')
# A config file's source: a ``[section]`` header on its first line (TOML, INI, systemd units).
_CONFIG_FILE = re.compile(r"\s*\[[A-Za-z_][\w. -]*\][ \t]*\n")
# prompt_toolkit style strings: ``bold fg:ansiyellow bg:ansired``, ``#ff0066 italic``.
_TERMINAL_STYLE = re.compile(r"\s*(?:(?:bold|italic|underline|reverse|blink|hidden|noinherit|nobold|noitalic|"
                             r"(?:fg|bg):\S+|#[0-9a-fA-F]{3,6}|ansi\w+)\s*)+$")
# Markup for a browser: a document or an HTML element first (prompts use their own XML-ish tags); or an XML
# document for a parser, which opens with its XML declaration (XML 1.0, section 2.8: pipecat's TwiML answers to
# a telephony webhook, ``<?xml version="1.0" encoding="UTF-8"?><Response>...``): a prompt's tags need none.
_HTML = re.compile(r"\s*<(?:\?xml\s|!DOCTYPE|html|head|body|div|span|p|table|tr|td|style|script|a|ul|ol|li|br|svg|"
                   r"img|form|input|button|h[1-6]|meta|link)\b", re.I)
# Terminal markup for Rich (``[bold green]Running {total} tasks``): a status line for people.
_RICH = re.compile(r"\s*\[/?(?:bold|italic|dim|underline|strike|reverse|blink|red|green|blue|yellow|magenta|cyan|"
                   r"white|black|grey\d*|bright_\w+)\b[^\]\n]*\]")
# Diagram source for a renderer (Mermaid: an ``%%{init}%%`` directive or a diagram type first).
_DIAGRAM = re.compile(r"\s*(?:%%\{|(?:graph|flowchart)\s+(?:TD|TB|BT|RL|LR)\b|(?:sequence|class|state|er)Diagram\b)")
_LETTERS = re.compile(r"[^\W\d_]{2}")
# A guardrails RAIL document: ``<rail version="0.1">`` first (after blank space), a prompt element inside.
_RAIL_ROOT = re.compile(r"\s*<rail\b")
_RAIL_PROMPT = re.compile(r"<(?:prompt|instructions)>")
_MAX_DEPTH = 6  # constants referring to constants: how deep a name is followed


@dataclass
class _Found:
    node: ast.expr
    container: str
    scope: tuple  # the scope the value was written in (for names it refers to)
    role: str | None = None
    syntax: str | None = None  # forced by the use (``.format`` -> format, ``Template`` -> ...)
    by_name: bool = False
    uses_ok: bool = True
    # found only because its module or class keeps prompts (``_holds_prompts``): when another prompt
    # of the file inlines it (``f"{POLICY}..."``), that prompt already reports its text
    part: bool = False


@dataclass
class _Scope:
    qual: tuple
    kind: str  # module | class | function
    defs: dict = field(default_factory=dict)  # name -> (value node, container, scope written in)
    assigned: dict = field(default_factory=dict)  # name -> how many assignments


class PythonSource:
    name = "python"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith((".py", ".pyw"))

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        if options.project is not None:  # analysed already for another file's names (python_project)
            from .python_project import take_analysis

            finder = take_analysis(options.project, path, text)
            if finder is not None:
                finder.project = options.project
                finder.path = path  # the path as the user named it (the index keeps absolute ones)
                return LoadedFile(finder.prompts())
        try:
            tree = parse_python(text, path)
        except SyntaxError as exc:
            if sys.version_info < (3, 12) and (exc.msg or "").startswith("f-string"):
                # Python 3.12 (PEP 701) allows what 3.11 rejects inside f-strings: the same quotes,
                # backslashes, comments and line breaks in the {...} parts
                raise UnparsableCode(
                    f"needs Python >= 3.12 to parse (f-string: PEP 701); pcache runs on "
                    f"{sys.version_info.major}.{sys.version_info.minor} ({exc.msg})", line=exc.lineno,
                    hint="run pcache with Python 3.12 or newer to read this file") from None
            raise UnparsableCode(f"Python syntax error: {exc.msg}", line=exc.lineno,
                                 hint="pcache reads .py files with ast; fix the file or --exclude it") from None
        except (ValueError, RecursionError, MemoryError) as exc:
            raise SourceParseError(f"cannot parse Python: {exc}") from None
        return LoadedFile(_Finder(path, text, tree, options.project).prompts())


class _Finder:
    def __init__(self, path: str, text: str, tree: ast.Module, project=None):
        self.path, self.text, self.tree = path, text, tree
        self.project = project  # crossflow.ProjectIndex of the scan: uses in other files (python_project)
        self.analysed = False
        self.external: list = []  # python_project.ExternalUse: imported names this file uses as prompts
        self.external_reads: dict[str, list[bool]] = {}  # module name -> for each read in another file: for people?
        # module name -> [reads in other files (not for people), of them sent as they are, other prompt uses]
        self.external_sends: dict[str, list[int]] = {}
        self.plain_sends: dict[int, int] = {}  # id(definition value) -> reads of this file sending it as it is
        self.import_from: dict[str, tuple] = {}  # local name -> (module path parts, imported name or None)
        self.star_imports: list[tuple] = []  # module path parts of each ``from M import *``
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        self.lines = None
        self.parents: dict[int, ast.AST] = {}
        self.scopes: dict[tuple, _Scope] = {}
        self.scope_of: dict[int, _Scope] = {}  # id(node) -> innermost scope
        self.found: dict[int, _Found] = {}
        self.sink_uses: dict[tuple, list[tuple[bool, ast.AST]]] = {}  # (scope qual, name) -> [(is sink use, read)]
        self.imports: dict[str, str] = {}  # local name -> module.attr
        self.approximate = False
        self.visiting: set[int] = set()  # definitions being evaluated (a name never expands into itself)
        self.prompt_file = is_path_prompty(path)
        self.inlined: set[int] = set()  # definitions whose text another prompt of the file includes
        self.formatted: dict[int, str] = {}  # id(definition value) -> syntax of a .format / % applied to it
        self.slots: dict[int, set[str]] = {}  # id(definition value) -> markers the code replaces in it
        self._steps_cache: dict[int, list] = {}
        self.returns: dict[tuple, list[ast.Return]] = {}  # function qual -> its returns (not error reports)
        self.params: dict[tuple, list[str]] = {}  # function qual -> its positional parameters' names
        self.func_nodes: dict[tuple, ast.AST] = {}  # function qual -> its def
        self.class_nodes: dict[tuple, ast.ClassDef] = {}  # class qual -> its def
        self.registered: list[tuple] = []  # (function name, scope, role) listed in a prompt-named mapping
        self.looked_up: list[tuple] = []  # (subscript, scope, role) a prompt-named function returns
        self.sent_params: dict[tuple, str | None] = {}  # (function qual, parameter) it sends as a prompt -> role
        self.sending_calls: set[int] = set()  # calls of a function that sends what they give it (their result: a reply)
        self.format_calls: list[ast.Call] = []  # every ``X.format(...)`` of the file
        self.format_args: dict[int, list[list[str]]] = {}  # id(definition value) -> positional args of each .format

    # -- positions ----------------------------------------------------------------------------

    def offset(self, line: int, col: int) -> int:
        """Character offset of ``ast`` line/col (col in UTF-8 bytes)."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        raw = self.text[start:end]
        if raw.isascii():
            return start + col
        return start + len(raw.encode("utf-8")[:col].decode("utf-8", errors="ignore"))

    def line_col(self, offset: int) -> tuple[int, int]:
        import bisect

        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def source(self, node: ast.AST) -> str:
        a = self.offset(node.lineno, node.col_offset)
        b = self.offset(node.end_lineno, node.end_col_offset)
        return self.text[a:b]

    # -- walking ------------------------------------------------------------------------------

    def prompts(self) -> list[Prompt]:
        if not self.analysed:
            self.analyse()
        if self.project is not None:
            from .python_project import record_method_sends, record_uses

            record_uses(self.project, self.path, self.external)
            record_method_sends(self.project, self.path, self.method_sends())
            self._project_uses()
        return self._build()

    def analyse(self) -> None:
        """Every rule of this file (index, uses, what calls return); ``external`` holds the uses of
        imported names."""
        self.analysed = True
        module = _Scope((), "module")
        self.scopes[()] = module
        self._index(self.tree, module)
        nodes = list(ast.walk(self.tree))
        imported_reads = []
        for node in nodes:  # reads of names first: uses below ask whether a parameter is only printed
            if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
                # ``NAME`` and ``self.config.NAME`` alike: a class attribute is read through its instances
                name = node.id if isinstance(node, ast.Name) else node.attr
                sink = self._in_sink(node) or self._label_use(node)
                self.sink_uses.setdefault((self._scope(node).qual, name), []).append((sink, node))
                if self.project is not None and not isinstance(self.parents.get(id(node)), ast.Attribute):
                    imported_reads.append((node, sink))  # X, mod.X (the whole chain): maybe an imported name
        for node, sink in imported_reads:  # every read of an imported name, for its defining file
            # (python_project: a prompts module's constant only printed where it is imported is for people)
            people = sink or self._kept_for_people(node)
            self._external_use("people" if people else "read", node, self._scope(node), None, None)
        for node in nodes:
            self._use(node)
        self._sent_arguments(nodes)
        self._templates_of_formatted()
        for fname, scope, role in self.registered:  # what a function listed as a prompt builder returns
            qual = scope.qual
            while True:
                fscope = self.scopes.get(qual + (fname,))
                if fscope is not None and fscope.kind == "function":
                    for r in self.returns.get(fscope.qual, []):
                        for value in self._returned(r, fscope):
                            if self._stringish(value, fscope):
                                self._add(value, ".".join(fscope.qual), fscope, role)
                    break
                if not qual:
                    break
                qual = qual[:-1]
        for value, scope, role in self.looked_up:  # the items of a mapping a prompt function returns
            for container, item, where in self._mapping_items(value, scope):
                if self._stringish(item, where):
                    self._add(item, container, where, role, by_name=True)
        for f in list(self.found.values()):  # "..." + self._response_language(): what it returns is a part
            scope = self.scopes.get(f.scope, self.scopes[()])
            self._conditional_fields(f)
            for part in _called_parts(f.node):
                if isinstance(part, ast.Call):
                    self._call_result(part, scope, None, None)
                elif self._resolve(part, scope) is None:  # f"{function_output}\n\n{function_response}"
                    self._external_use("value", part, scope, None, None)
                else:  # context = self.__get_context(); f"...{context}...": what the function returns
                    self._spliced(part, scope)
        for f in list(self.found.values()):  # prefix += self.postfix_options[source]: each text the lookup gives
            scope = self.scopes.get(f.scope, self.scopes[()])
            for lookup in self._looked_up_parts(f.node, scope):
                for container, item, where in self._mapping_items(lookup, scope):
                    if self._stringish(item, where):
                        self._add(item, container, where, f.role, by_name=True)
        for call in self.format_calls:  # PROMPT.format(context=context): the values a prompt is filled with
            receiver = call.func.value
            scope = self._scope(call)
            d = self._resolve(receiver, scope) if isinstance(receiver, (ast.Name, ast.Attribute)) else None
            if d is not None and id(d[0]) in self.found:
                for arg in list(call.args) + [k.value for k in call.keywords]:
                    self._spliced(arg, scope)

    def _looked_up_parts(self, value: ast.expr, scope: _Scope) -> list[ast.Subscript]:
        """The lookups in a mapping a prompt's text is made of: subscripts among the operands of ``+`` and the
        fields of an f-string, also in the values and the additions of a local of the function that the text
        holds (PentestGPT ``prefix = "Please summarize ..."``, ``prefix += self.postfix_options[source]`` under an
        ``if``, then ``send_message(prefix + word_limit + wrapped_input)``): the text a lookup gives is read by the
        model, so each text the mapping written in the code holds is a prompt (``pentestGPT.postfix_options.tool``),
        as the items of a mapping a prompt function returns are."""
        fn = self.func_nodes.get(scope.qual) if scope.kind == "function" else None
        out, todo, seen = [], [value], set()
        while todo:
            node = todo.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                todo += [node.left, node.right]
            elif isinstance(node, ast.JoinedStr):
                todo += [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            elif isinstance(node, ast.Subscript):
                out.append(node)
            elif isinstance(node, ast.Name) and fn is not None and node.id in scope.defs:
                for n in ast.walk(fn):
                    if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id
                                                         for t in n.targets):
                        todo.append(n.value)
                    elif isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Add) and \
                            isinstance(n.target, ast.Name) and n.target.id == node.id:
                        todo.append(n.value)
        return out

    def _spliced(self, value: ast.expr, scope: _Scope) -> None:
        """A value put into a prompt's text (an f-string field, a ``.format`` argument of a prompt) that is a call
        of a function of this file, or a local bound once to one (mini-agi ``context = self.__get_context()`` then
        ``PROMPT.format(context=context, ...)``): what the function returns is a part of the prompt, named by the
        function, as ``"..." + self._response_language()`` is.  A function of another module is left to its own
        file's rules."""
        if isinstance(value, ast.Name):
            d = self._resolve(value, scope)
            if d is None or d[2] is not scope or scope.kind != "function" or scope.assigned.get(value.id) != 1:
                return
            value, scope = d[0], d[2]
        if isinstance(value, ast.Call) and self._returns_of(value, scope):
            self._call_result(value, scope, None, None)

    def _conditional_fields(self, f: _Found) -> None:
        """``f"{base} {context_sys_str if self.context_flag else ''} "`` with ``context_sys_str = "For each passage
        given, ..."``: a text that a prompt's field gives only under a condition is still text the model reads, so
        the literal a branch's local holds (bound once, in the function) is a prompt of its own, named by that
        local; the field stays a variable of the prompt that holds it."""
        if not isinstance(f.node, ast.JoinedStr):
            return
        scope = self.scopes.get(f.scope, self.scopes[()])
        if scope.kind != "function":
            return
        for v in f.node.values:
            if not isinstance(v, ast.FormattedValue) or not isinstance(v.value, (ast.IfExp, ast.BoolOp)):
                continue
            for branch in _branches(v.value) if isinstance(v.value, ast.IfExp) else v.value.values:
                if not isinstance(branch, ast.Name) or scope.assigned.get(branch.id) != 1:
                    continue
                d = self._resolve(branch, scope)
                if d is not None and d[2] is scope and isinstance(d[0], (ast.Constant, ast.JoinedStr)) \
                        and self._stringish(d[0], scope):
                    self._add(d[0], d[1], scope, f.role)

    def _param_names(self, qual: tuple) -> list[str]:
        fn = self.func_nodes.get(qual)
        if fn is None:
            return []
        a = fn.args
        return [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs]

    def _sent_arguments(self, nodes: list) -> None:
        """A parameter a function of this file sends as a prompt, whatever its name (WebVoyager ``def
        format_msg(it, init_msg, ...)`` puts ``init_msg`` into a message's text): what the file's callers
        give it is a prompt (``format_msg(it, init_msg, ...)`` with ``init_msg = f"Now given a task: ..."``),
        and so is the text the function adds to it (``init_msg += f"I've provided ..."``)."""
        done: set = set()
        for _ in range(4):  # a parameter sent through another function's parameter: a few levels
            before = len(self.sent_params)
            self._sent_arguments_once(nodes, done)
            if len(self.sent_params) == before:
                return

    def _sent_arguments_once(self, nodes: list, done: set) -> None:
        for node in nodes:
            if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) and isinstance(node.target, ast.Name):
                scope = self._scope(node)
                key = (scope.qual, node.target.id)
                if key in self.sent_params and self._resolve(node.target, scope) is None:
                    for value in _branches(node.value):
                        self._add(value, ".".join(key[0] + (key[1],)), scope, self.sent_params[key], by_name=True)
            if not isinstance(node, ast.Call):
                continue
            qual = self._callee_qual(node)
            if qual is None:
                self._sent_to_inherited(node, done)
                continue
            if not any(k[0] == qual for k in self.sent_params):
                continue
            params = self.params.get(qual, [])
            method = len(qual) > 1 and self.scopes[qual[:-1]].kind == "class"
            if method and params[:1] in (["self"], ["cls"]):
                params = params[1:]
            given = [(p, a) for p, a in zip(params, node.args) if not isinstance(a, ast.Starred)]
            given += [(k.arg, k.value) for k in node.keywords if k.arg]
            for param, arg in given:
                if (qual, param) in self.sent_params and (id(node), param) not in done:
                    done.add((id(node), param))
                    self.sending_calls.add(id(node))
                    self._prompt_value(arg, node, self.sent_params[(qual, param)], label=param)

    def _sent_to_inherited(self, call: ast.Call, done: set) -> None:
        """``self.query(f"Summary of Past Conversation: ...")`` in ``class ConversationWrapper(Agent)`` with ``Agent``
        imported from another file of the scan, whose ``query`` sends its parameter as a prompt (taskgen): what the
        call gives that parameter is a prompt, named by the parameter."""
        f = call.func
        if self.project is None or not isinstance(f, ast.Attribute) or _handles_prompts(f.attr):
            return  # (token_handler.count_tokens(patch): counting sends a message to a count API, not a model)
        from .python_project import inherited_method_sends, sends_by_name

        scope = self._scope(call)
        targets = self._receiver_classes(f.value, scope)
        founds = [inherited_method_sends(self.project, target, f.attr) for target in targets]
        if not targets and self._unknown_receiver(f.value, scope) and not self._defines_method(f.attr):
            founds = [sends_by_name(self.project, self.path, f.attr)]
        for found in founds:
            if found is None:
                continue
            params, sent = found
            given = [(p, a) for p, a in zip(params, call.args) if not isinstance(a, ast.Starred)]
            given += [(k.arg, k.value) for k in call.keywords if k.arg]
            for param, arg in given:
                if param in sent and (id(call), param) not in done:
                    done.add((id(call), param))
                    self.sending_calls.add(id(call))
                    self._prompt_value(arg, call, sent[param], label=param)
            return

    def _unknown_receiver(self, receiver: ast.expr, scope: _Scope) -> bool:
        """Whether nothing in the file says what class ``receiver`` is an instance of: an attribute of ``self``
        (PentestGPT ``self.parsingAgent``, set in ``__init__`` to ``ChatGPT(...)`` or to what ``dynamic_import(...)``
        returns), or a parameter or local not bound to a literal; not ``self`` (its class is the file's), nor a
        module, class or function the file imports (``requests.post``: a library's own method)."""
        if isinstance(receiver, ast.Attribute):
            if not (isinstance(receiver.value, ast.Name) and receiver.value.id in ("self", "cls")):
                return False
            cls = scope.qual
            while cls and self.scopes[cls].kind != "class":
                cls = cls[:-1]
            node = self.class_nodes.get(cls) if cls else None
            values = [n.value for n in ast.walk(node) if isinstance(n, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr == receiver.attr and isinstance(t.value, ast.Name)
                and t.value.id == "self" for t in n.targets)] if node is not None else []
            # every value an instance of a named class (``self.client = OpenAI()``): that class's own method
            return not values or not all(isinstance(v, ast.Call) and _callee(v)[:1].isupper()
                                         for v in values)
        if not isinstance(receiver, ast.Name) or receiver.id in ("self", "cls", "super"):
            return False
        name = receiver.id
        if name in self.imports or name in self.import_from or (name,) in self.class_nodes \
                or (name,) in self.func_nodes:
            return False
        d = self._resolve(receiver, scope)
        if d is not None and isinstance(d[0], ast.Call) and _callee(d[0])[:1].isupper():
            return False  # an instance of a named class (``chatgpt = ChatGPTAPI(config)``): that class's own method
        return d is None or not isinstance(d[0], (ast.Constant, ast.JoinedStr, ast.List, ast.Dict, ast.Set,
                                                   ast.Tuple, ast.ListComp, ast.DictComp, ast.BinOp))

    def _defines_method(self, name: str) -> bool:
        """Whether a class of this file defines a method ``name`` (then the call may be its own: the same-file
        rules read that one)."""
        return any(len(q) > 1 and q[-1] == name and self.scopes.get(q[:-1]) is not None
                   and self.scopes[q[:-1]].kind == "class" for q in self.func_nodes)

    def _receiver_classes(self, receiver: ast.expr, scope: _Scope) -> list[tuple]:
        """The import paths of the classes of another module whose methods ``receiver.m(...)`` may call:
        ``self`` (the class's imported bases), a parameter annotated with an imported class (``agent: Agent``), a
        name bound once to an instance of one (``agent = Agent(...)``), and ``self.agent`` set in ``__init__`` from
        either (taskgen ``ConversableAgent.__init__(self, agent: Agent, ...)``: ``self.agent = agent``)."""
        cls = scope.qual
        while cls and self.scopes[cls].kind != "class":
            cls = cls[:-1]
        if isinstance(receiver, ast.Name) and receiver.id in ("self", "cls"):
            return self._imported_bases(cls) if cls else []
        if isinstance(receiver, ast.Name):
            return self._imported_class_of(receiver.id, scope)
        if isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name) \
                and receiver.value.id == "self" and cls and cls + ("__init__",) in self.func_nodes:
            init = self.func_nodes[cls + ("__init__",)]
            values = [n.value for n in ast.walk(init) if isinstance(n, ast.Assign) and len(n.targets) == 1
                      and isinstance(n.targets[0], ast.Attribute) and n.targets[0].attr == receiver.attr
                      and isinstance(n.targets[0].value, ast.Name) and n.targets[0].value.id == "self"]
            if len(values) == 1 and isinstance(values[0], ast.Name):
                return self._imported_class_of(values[0].id, self.scopes[cls + ("__init__",)])
            if len(values) == 1 and isinstance(values[0], ast.Call):
                return self._imported_class(values[0].func)
        return []

    def _imported_class_of(self, name: str, scope: _Scope) -> list[tuple]:
        """The imported class a function's parameter is annotated with, or a name is bound once to an instance of."""
        fn = self.func_nodes.get(scope.qual) if scope.kind == "function" else None
        if fn is not None:
            a = fn.args
            for arg in a.posonlyargs + a.args + a.kwonlyargs:
                if arg.arg == name:
                    return self._imported_class(arg.annotation) if arg.annotation is not None else []
        if scope.assigned.get(name) == 1 and name in scope.defs and isinstance(scope.defs[name][0], ast.Call):
            return self._imported_class(scope.defs[name][0].func)
        return []

    def _message_object_role(self, name: str, scope: _Scope) -> str | None:
        """The role of the chat message a function's parameter holds, by its annotation: a message class
        (``msg: HumanMessage``), or a class that derives from one, of this file or of another file of the scan
        (codeinterpreter-api ``request: UserRequest`` with ``class UserRequest(HumanMessage)`` in ``schema.py``: a
        LangChain message whose ``content`` is the text sent); None otherwise."""
        fn = self.func_nodes.get(scope.qual) if scope.kind == "function" else None
        if fn is None:
            return None
        a = fn.args
        ann = next((arg.annotation for arg in a.posonlyargs + a.args + a.kwonlyargs if arg.arg == name), None)
        if not isinstance(ann, (ast.Name, ast.Attribute)):
            return None
        cls = ann.id if isinstance(ann, ast.Name) else ann.attr
        bases = [cls]
        node = self.class_nodes.get((cls,))
        if node is not None:
            bases += [b.id if isinstance(b, ast.Name) else b.attr for b in node.bases
                      if isinstance(b, (ast.Name, ast.Attribute))]
        elif self.project is not None:
            from .python_project import imported_class_bases

            for target in self._imported_class(ann):
                bases += imported_class_bases(self.project, target)
        for base in bases:
            role = MESSAGE_CALLS.get(base) if base[:1].isupper() else None
            role = role or _role_message_class(base)
            if role is not None:
                return role
        return None

    def _imported_class(self, node: ast.expr) -> list[tuple]:
        if isinstance(node, ast.Name) and (node.id,) not in self.class_nodes and node.id in self.import_from \
                and self.import_from[node.id][1] is not None and node.id[:1].isupper():
            module, name = self.import_from[node.id]
            return [tuple(module) + (name,)]
        return []

    def _imported_bases(self, cls: tuple, depth: int = 0) -> list[tuple]:
        """The import paths of the base classes of ``cls`` (and of its bases of this file) that another module
        defines: ``class ConversationWrapper(Agent)`` with ``from taskgen.agent import Agent`` ->
        ``[("taskgen", "agent", "Agent")]``."""
        node = self.class_nodes.get(cls)
        if node is None or depth > 3:
            return []
        out = []
        for base in node.bases:
            if not isinstance(base, ast.Name):
                continue
            if (base.id,) in self.class_nodes:
                out += self._imported_bases((base.id,), depth + 1)
            elif base.id in self.import_from and self.import_from[base.id][1] is not None:
                module, name = self.import_from[base.id]
                out.append(tuple(module) + (name,))
        return out

    def method_sends(self) -> dict[str, dict[str, tuple[list[str], dict[str, str | None]]]]:
        """For each module-level class: the methods (its own or inherited from a class of this file) that send a
        parameter as a prompt, with their parameters after ``self`` and the role of each one sent."""
        out: dict = {}
        for (qual, param), role in self.sent_params.items():
            if len(qual) < 2 or self.scopes.get(qual[:-1]) is None or self.scopes[qual[:-1]].kind != "class":
                continue
            params = self.params.get(qual, [])
            params = params[1:] if params[:1] in (["self"], ["cls"]) else params
            for cls in self.class_nodes:
                if len(cls) == 1 and self._method(cls, qual[-1]) == qual:
                    entry = out.setdefault(cls[0], {}).setdefault(qual[-1], (params, {}))
                    entry[1][param] = role
        return out

    def _templates_of_formatted(self, only: set | None = None) -> None:
        """``prompt = TEMPLATE.format(...)`` / ``return TEMPLATE.format(**row)``: the prompt is TEMPLATE (of the
        found values ``only`` lists, when given: then only a module or class constant)."""
        for f in list(self.found.values()):
            if only is not None and id(f.node) not in only:
                continue
            base, applied = _unwrap(f.node)
            if base is not f.node and isinstance(base, (ast.Name, ast.Attribute)):
                d = self._resolve(base, self.scopes.get(f.scope, self.scopes[()]))
                if only is not None and d is not None and d[2].kind == "function":
                    continue
                value = d[0].args[0] if d is not None and isinstance(d[0], ast.Call) and self._wraps_prompt(d[0]) \
                    else d[0] if d is not None else None  # (TEMPLATE = TextPrompt("..."): its text)
                if value is not None and self._stringish(value, d[2]):
                    del self.found[id(f.node)]
                    self._add(value, d[1], d[2], f.role, f.syntax or applied, by_name=True)

    def _index(self, node: ast.AST, scope: _Scope) -> None:
        """Parents, scopes, definitions and name-rule candidates, in one pass."""
        for child in ast.iter_child_nodes(node):
            self.parents[id(child)] = node
            inner = scope
            if isinstance(child, ast.ClassDef):
                inner = self.scopes.setdefault(scope.qual + (child.name,), _Scope(scope.qual + (child.name,), "class"))
                self.class_nodes.setdefault(inner.qual, child)
                doc = _docstring(child)
                if doc is not None and any(_dotted(b).rsplit(".", 1)[-1] in DOCSTRING_PROMPT_BASES for b in child.bases):
                    self._add(doc, ".".join(inner.qual), inner, "system")
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inner = self.scopes.setdefault(scope.qual + (child.name,),
                                               _Scope(scope.qual + (child.name,), "function"))
                self.params.setdefault(inner.qual, [a.arg for a in child.args.posonlyargs + child.args.args])
                self.func_nodes.setdefault(inner.qual, child)
                for arg, default in _param_defaults(child):
                    # def __init__(self, raw_system_prompt: str = 'You are a software developer ...'): the prompt
                    # the function uses when its caller gives none (read by the name rule, as an assignment)
                    if says_prompt(arg) and (isinstance(default, ast.JoinedStr) or isinstance(default, ast.Constant)
                                             and isinstance(default.value, str)):
                        self._add(default, ".".join(inner.qual + (arg,)), inner, role_of(arg), by_name=True)
                if any(self._from_ell(d.func if isinstance(d, ast.Call) else d, _ELL_PROGRAMS)
                       for d in child.decorator_list):
                    doc = _docstring(child)
                    if doc is not None:
                        self._add(doc, ".".join(inner.qual) + ".system", inner, "system")
                    self.registered.append((child.name, scope, "user"))
            self.scope_of[id(child)] = inner if inner is not scope else scope
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                from .python_project import resolve_import

                for a in child.names:
                    mod = child.module if isinstance(child, ast.ImportFrom) else None
                    self.imports[a.asname or a.name.split(".")[0]] = f"{mod}.{a.name}" if mod else a.name
                    if isinstance(child, ast.ImportFrom) and a.name == "*":  # from tot.prompts.game24 import *
                        self.star_imports.append(resolve_import(self.path, child.module, child.level))
                    elif isinstance(child, ast.ImportFrom):
                        self.import_from[a.asname or a.name] = (
                            resolve_import(self.path, child.module, child.level), a.name)
                    else:
                        parts = tuple(a.name.split("."))
                        self.import_from[a.asname or parts[0]] = (parts if a.asname else parts[:1], None)
            elif isinstance(child, (ast.Assign, ast.AnnAssign)) and child.value is not None:
                self._assignment(child, scope)
            elif isinstance(child, ast.AugAssign) and isinstance(child.target, ast.Name):
                scope.assigned[child.target.id] = scope.assigned.get(child.target.id, 0) + 1
                self._appended(child, scope)
            elif isinstance(child, ast.AugAssign):
                self._appended(child, scope)
            elif isinstance(child, ast.Return) and child.value is not None and scope.kind == "function":
                if not self._error_report(child):
                    self.returns.setdefault(scope.qual, []).append(child)
                if (says_prompt(scope.qual[-1]) or self._holds_prompts(scope.qual[:-1]) or _plural_prompts(scope.qual[-1])) \
                        and not self._error_report(child) and not _handles_prompts(scope.qual[-1]):
                    # a function name says what it does: only the words next to "prompt" give a role
                    # (get_user_prompt -> user; generate_tool_selection_prompt -> none)
                    near = "_".join(name_words(scope.qual[-1])[-2:])
                    for value in self._returned(child, scope):
                        self._add(value, ".".join(scope.qual), scope, role_of(near), by_name=True)
                        if isinstance(value, ast.Subscript):  # return ROLES[role]["description"]
                            self.looked_up.append((value, scope, role_of(near)))
                        elif isinstance(value, (ast.List, ast.Tuple)) and says_prompt(scope.qual[-1]):
                            # return [sys_role, query_text]: the texts a prompt function returns together (SeeAct; not
                            # every function of a prompts module: XAgent's get_examples_for_dispatcher returns examples)
                            for elt in value.elts:
                                if isinstance(elt, ast.Name):
                                    self._prompt_value(elt, child, None, label=None)
                        elif isinstance(value, ast.Dict) and _plural_prompts(scope.qual[-1]):
                            # def _initialize_prompts(self): return {"system_prompt": "...", "action_space": "..."}:
                            # a mapping of prompts, as one named for them (SeeAct)
                            self._prompt_entries(value, ".".join(scope.qual), scope, scope.qual[-1])
                elif not self._error_report(child):
                    for value in self._returned(child, scope):
                        if _rail_spec(value):  # def get_rail_spec(cls): return f"""<rail version="0.1">..."""
                            self._add(value, ".".join(scope.qual), scope, None)
            self._index(child, inner)

    def _returned(self, ret: ast.Return, scope: _Scope) -> list[ast.expr]:
        """The values a ``return`` gives: each branch of ``a if c else b``; for ``return name``, the
        local's value (built in the function: ``out = "..."; out += ...; return out``)."""
        out = []
        for value in _branches(ret.value):
            if isinstance(value, ast.Name):
                d = self._resolve(value, scope)
                if d is not None and d[2] is scope and self._local_def(d[0]) is not None:
                    value = self._last_assigned(value, ret, scope, d[0])
            out.append(value)
        return out

    def _last_assigned(self, name: ast.Name, ret: ast.Return, scope: _Scope, first: ast.expr) -> ast.expr:
        """The value a local holds where ``name`` is read, when the function assigns it again before
        (``final_text = [...]; final_text = "\n".join(final_text); return final_text``); else ``first``."""
        if scope.assigned.get(name.id, 0) < 2 or scope.qual not in self.func_nodes:
            return first
        last = first
        for stmt in ast.walk(self.func_nodes[scope.qual]):
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                    and stmt.targets[0].id == name.id and stmt.lineno < name.lineno \
                    and self.scope_of.get(id(stmt)) is scope and stmt.lineno > last.lineno \
                    and self._same_block(stmt, ret):
                last = stmt.value
        return last

    def _same_block(self, stmt: ast.stmt, read: ast.AST) -> bool:
        """Whether ``stmt`` runs on every path to ``read``: it sits directly in a block that holds the read."""
        block = self.parents.get(id(stmt))
        cur = read
        while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if self.parents.get(id(cur)) is block:
                return True
            cur = self.parents.get(id(cur))
        return False

    def _returns_of(self, call: ast.Call, scope: _Scope) -> list[tuple[ast.expr, tuple]]:
        """What a function of this file returns, for a call of it (``self.get_discussion(...)``,
        ``build_messages(...)``): (value, the function's qualified name) for each ``return``."""
        f = call.func
        quals = []
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in ("self", "cls"):
            qual = scope.qual
            while qual and self.scopes[qual].kind != "class":
                qual = qual[:-1]
            if qual:
                quals.append(self._method(qual, f.attr) or qual + (f.attr,))
        elif isinstance(f, ast.Name):
            qual = scope.qual
            while True:
                quals.append(qual + (f.id,))
                if not qual:
                    break
                qual = qual[:-1]
        for q in quals:
            s = self.scopes.get(q)
            if s is not None and s.kind == "function":
                return [(v, q) for r in self.returns.get(q, []) for v in self._returned(r, s)]
        return []

    def _assignment(self, node: ast.Assign | ast.AnnAssign, scope: _Scope) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        default = _field_default(node.value) if scope.kind == "class" else None
        if default is not None:
            # summary_template: str = Field(default="<system-info>Here is a summary ...{task_overview}...") (agentscope):
            # pydantic's Field / dataclasses' field give the attribute its default, as `= "..."` would
            node = ast.copy_location(ast.Assign(targets=targets, value=default), node)
        for t in targets:
            if isinstance(t, ast.Tuple) and isinstance(node.value, ast.Tuple) and len(t.elts) == len(node.value.elts):
                # PREFIX, SUFFIX = VISUAL_CHATGPT_PREFIX, VISUAL_CHATGPT_SUFFIX: one assignment per name
                for tt, vv in zip(t.elts, node.value.elts):
                    self._assignment(ast.copy_location(ast.Assign(targets=[tt], value=vv), node), scope)
                continue
            name = None
            owner = scope
            if isinstance(t, ast.Name):
                name = t.id
            elif (isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                  and t.value.id in ("self", "cls") and scope.kind == "function" and len(scope.qual) >= 2):
                name = t.attr  # self.system_prompt = ...: an attribute of the class
                owner = self.scopes.get(scope.qual[:-1], scope)
            if name is None:
                # interpreter.system_message = "...", config["system_prompt"] = "...": the name rule on
                # the attribute or key of another object (kept under its dotted name, not a definition)
                key = t.attr if isinstance(t, ast.Attribute) else (
                    t.slice.value if isinstance(t, ast.Subscript) and isinstance(t.slice, ast.Constant)
                    and isinstance(t.slice.value, str) else None)
                owner_name = _dotted(t.value) if isinstance(t, (ast.Attribute, ast.Subscript)) else ""
                # PROMPTS["entity_extraction"] = """...""": an entry of a mapping named for prompts is
                # one, whatever its key (not a canned answer kept beside them: PROMPTS["no_answer"])
                entry = isinstance(t, ast.Subscript) and says_prompt(owner_name.rsplit(".", 1)[-1]) \
                    and not _names_an_answer(key or "")
                if key and owner_name and (says_prompt(key) or entry):
                    for value in _branches(node.value):
                        self._add(value, ".".join(scope.qual + (f"{owner_name}.{key}",)), scope,
                                  role_of(owner_name, key), by_name=True)
                elif key == "content" and isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) \
                        and set(name_words(t.value.id)) & {"msg", "message"} and scope.kind == "function" \
                        and _role(role_of(t.value.id)):
                    # user_message["content"] = f"User Request:\n{user_message.get('content')}" (mentat's revisor): the
                    # program writes the text of a chat message dict the name says is a user (system, ...) message,
                    # named by the message as its other texts are
                    for value in _branches(node.value):
                        self._add(value, ".".join(scope.qual + (t.value.id,)), scope, role_of(t.value.id))
                elif key == "content" and isinstance(t.value, ast.Name):
                    # request.content = "I uploaded, just text me back ...": the content of a message object
                    # (codeinterpreter-api's ``request: UserRequest``, ``class UserRequest(HumanMessage)``)
                    role = self._message_object_role(t.value.id, scope)
                    if role is not None:
                        for value in _branches(node.value):
                            self._add(value, ".".join(scope.qual + (f"{owner_name}.{key}",)), scope, role)
                continue
            container = ".".join(owner.qual + (name,))
            owner.defs.setdefault(name, (node.value, container, scope))
            owner.assigned[name] = owner.assigned.get(name, 0) + 1
            named = says_prompt(name)
            if named and isinstance(node.value, (ast.Dict, ast.List, ast.Tuple)):
                # PROMPT_FUNCTIONS = {"style-2": prompt_style_2, ...}: a registry of prompt builders
                items = node.value.values if isinstance(node.value, ast.Dict) else node.value.elts
                self.registered += [(e.id, scope, role_of(name)) for e in items if isinstance(e, ast.Name)]
            if named and isinstance(node.value, ast.Dict):
                self._prompt_entries(node.value, container, scope, name)
            if named and _plural_prompts(name) and isinstance(node.value, (ast.List, ast.Tuple)):
                # prompts = ["###Task Description: ..."] then model.completions(prompts): each text is one
                for item in node.value.elts:
                    if isinstance(item, (ast.Constant, ast.JoinedStr, ast.BinOp)):
                        self._add(item, container, scope, role_of(name), by_name=True)
            if named or (owner is scope and scope.kind != "function" and not name.startswith("__")
                         and self._holds_prompts(scope.qual) and not _names_an_answer(name)):
                for value in _branches(node.value):
                    self._add(value, container, scope, role_of(name), by_name=True, part=not named)
            elif _rail_spec(node.value):  # rail_str = """<rail version="0.1">...<prompt>...</prompt></rail>"""
                self._add(node.value, container, scope, None)

    def _mapping_items(self, value: ast.Subscript, scope: _Scope) -> list[tuple[str, ast.expr, _Scope]]:
        """``ROLES[role]["description"]`` where ``ROLES`` is bound to a dict literal: the text values the
        lookup may give (every key for a key that is not a constant), named by their key path
        (``ROLES.default-role.description``); none for a name bound to anything else."""
        path, node = [], value
        while isinstance(node, ast.Subscript):
            key = node.slice
            path.append(key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None)
            node = node.value
        d = self._resolve(node, scope) if isinstance(node, (ast.Name, ast.Attribute)) else None
        if d is None or not isinstance(d[0], ast.Dict):
            return []
        items = [(d[1], d[0])]
        for key in reversed(path):
            items = [(f"{name}.{k.value}", v) for name, m in items if isinstance(m, ast.Dict)
                     for k, v in zip(m.keys, m.values)
                     if isinstance(k, ast.Constant) and isinstance(k.value, str) and key in (None, k.value)
                     and not _names_an_answer(k.value)]
        return [(name, v, d[2]) for name, v in items if isinstance(v, (ast.Constant, ast.JoinedStr, ast.BinOp))]

    def _prompt_entries(self, mapping: ast.Dict, container: str, scope: _Scope, name: str) -> None:
        """``prompt = {"intro": "...", "template": "..."}`` (WebArena's agent prompts), ``PROMPTS =
        {"summarize": "..."}``: the text values of a mapping named for prompts are its prompts, named
        ``prompt.intro``; not a chat message (``{"role", "content"}``: the message rule names it) and not
        a nested mapping or list (settings and few-shot turns kept beside the prompt)."""
        keys = [k.value if isinstance(k, ast.Constant) and isinstance(k.value, str) else None for k in mapping.keys]
        if {"role", "content"} <= set(keys):
            return
        for key, value in zip(keys, mapping.values):
            if key and not _names_an_answer(key) and isinstance(value, (ast.Constant, ast.JoinedStr, ast.BinOp)):
                self._add(value, f"{container}.{key}", scope, role_of(name, key), by_name=True)

    def _appended(self, node: ast.AugAssign, scope: _Scope) -> None:
        """``system_prompt += "..."`` on a prompt this function does not build from its start (a
        parameter, ``self.system_message``, ``messages[-1]["content"]``): the added text is a part of
        that prompt, named after it.  (A local first assigned in the function is read whole:
        ``_steps``.)"""
        if not isinstance(node.op, ast.Add):
            return
        t = node.target
        if isinstance(t, ast.Name):
            d = self._resolve(t, scope)
            if d is not None and d[2] is scope and self._local_def(d[0]) is not None and self._stringish(d[0], scope):
                # built here from text: the accumulation is its value (not `prompt = prompt or DEFAULT`);
                # a constant added to it (`backward_prompt += OBJECTIVE.format(...)`) is a part of the
                # prompt, as the constant that started it is (`backward_prompt = START.format(...)`)
                if says_prompt(t.id):
                    for value in _branches(node.value):
                        if isinstance(_unwrap(value)[0], (ast.Name, ast.Attribute)):
                            self._prompt_value(value, node, role_of(t.id), label=None)
                return
            name, label = t.id, t.id
        elif isinstance(t, ast.Attribute):
            name, label = t.attr, _dotted(t)
            owner = t.value.id if isinstance(t.value, ast.Name) else t.value.attr if isinstance(t.value, ast.Attribute) else ""
            if name == "content" and set(name_words(owner)) & {"msg", "message"}:
                # modified_user_msg.content += f"...": a message object's content (CAMEL's BaseMessage), the role
                # from the object's name, as messages[-1]["content"] below
                for value in _branches(node.value):
                    self._add(value, ".".join(scope.qual + (label,)), scope, role_of(owner), by_name=True)
                return
        elif isinstance(t, ast.Subscript) and isinstance(t.slice, ast.Constant) and isinstance(t.slice.value, str):
            name, label = t.slice.value, f"{self.source(t.value)}.{t.slice.value}"
            if name == "content":
                name = "message_content"  # a message's content: the name rule's context word
        else:
            return
        if says_prompt(name) or name == "message_content":
            for value in _branches(node.value):
                self._add(value, ".".join(scope.qual + (label,)), scope, role_of(name), by_name=True)

    def _holds_prompts(self, qual: tuple) -> bool:
        """Whether the module or class ``qual`` keeps prompts, by its name: a module whose file or
        folder says prompts (``prompts.py``, ``prompts/editor.py``: ``prompt_names.is_path_prompty``),
        a class named for them (``PromptFamily``, ``EditBlockPrompts``, ``ReviewerInstructions``), a class
        of such a module, and a subclass of a class of the file that keeps them.
        Its string constants and what its functions return are prompts (the size rule still applies)."""
        if not qual:
            return self.prompt_file
        cls = self.scopes.get(qual)
        if cls is None or cls.kind != "class":
            return False
        words = name_words(qual[-1])
        if words[-1] in ("error", "exception", "test", "tests"):
            return False
        if set(words) & PATH_WORDS or len(qual) == 1 and self.prompt_file:
            return True  # (a class of a prompts module: intercode's TemplateV1 in utils/prompts.py)
        # a subclass of a class of this file that keeps prompts and writes text of its own (intercode class
        # TemplateReAct(PromptTemplate), whose get_retry_msg returns an f-string; not deepeval's BaseMetric(PromptMixin),
        # a mixin that renders templates kept elsewhere)
        node = self.class_nodes.get(qual)
        return node is not None and len(qual) < 8 and any(
            isinstance(b, ast.Name) and (b.id,) != qual and (b.id,) in self.class_nodes
            and _writes_text(self.class_nodes[(b.id,)]) and self._holds_prompts((b.id,)) for b in node.bases)

    def _error_report(self, ret: ast.Return) -> bool:
        """A return inside an ``except e`` block that quotes ``e`` (``f"Failed to load: {e}"``) reports
        the error; a prompt-named function's fallback prompt there (no ``e``) is still a prompt."""
        cur = self.parents.get(id(ret))
        while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if isinstance(cur, ast.ExceptHandler):
                return cur.name is not None and any(isinstance(n, ast.Name) and n.id == cur.name
                                                    for n in ast.walk(ret.value))
            cur = self.parents.get(id(cur))
        return False

    def _stringish(self, node: ast.expr, scope: _Scope, depth: int = 0) -> bool:
        """Whether ``node`` is a string built from literals (what ``_evaluate`` can read)."""
        if depth > _MAX_DEPTH:
            return False
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str)
        if isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._stringish(node.left, scope, depth + 1) or self._stringish(node.right, scope, depth + 1)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            return self._stringish(node.left, scope, depth + 1)
        if isinstance(node, ast.Call):
            f = node.func
            if depth == 0 and _strftime_format(node) is not None:
                return True  # (only sent as it is: reached through a name it stays that name's variable)
            if isinstance(f, ast.Attribute) and f.attr in ("format", "strip", "lstrip", "rstrip"):
                return self._stringish(f.value, scope, depth + 1)
            if _callee(node) in ("dedent", "cleandoc") and node.args:
                return self._stringish(node.args[0], scope, depth + 1)
            if _is_join(node):
                items = self._items(node.args[0], scope)
                return self._stringish(f.value, scope, depth + 1) and items is not None \
                    and any(self._stringish(e, scope, depth + 1) for e, _ in items)
            if depth > 0 and scope.kind != "function" and self._wraps_prompt(node):
                return self._stringish(node.args[0], scope, depth + 1)
        if isinstance(node, ast.Name) and depth > 0:
            d = self._resolve(node, scope)
            if d is not None and isinstance(d[0], ast.Call) and d[2].assigned.get(node.id) == 1 \
                    and self._reads_through(d[0], d[2]):
                return True
            return d is not None and self._stringish(d[0], d[2], depth + 1)
        return False

    @staticmethod
    def _wraps_prompt(call: ast.Call) -> bool:
        """``TextPrompt("...")``, ``PromptTemplate("...")``: a prompt object built from its text
        (a module or class constant of that kind is read as its text where another prompt of that
        scope is made of it: ``GENERATE_TASKS = TextPrompt(DAN_PROMPT + "...")``)."""
        name = _callee(call)
        return bool(call.args) and (name in TEMPLATE_CALLS or (name[:1].isupper() and name not in MESSAGE_CALLS
                                                               and says_prompt(name)))

    # -- prompts assembled in a function: ``parts.append(...)`` + ``"\n".join(parts)``, ``s += ...`` --

    def _local_def(self, value: ast.expr):
        """(statement, name, function scope) when ``value`` is assigned to a plain local name."""
        stmt = self.parents.get(id(value))
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
        elif isinstance(stmt, ast.AnnAssign):
            target = stmt.target
        else:
            return None
        scope = self._scope(stmt)
        if not isinstance(target, ast.Name) or scope.kind != "function":
            return None
        return stmt, target.id, scope

    def _steps(self, value: ast.expr) -> list[tuple[str, ast.expr, bool]]:
        """What the function does to the local ``value`` is first assigned to, in source order until
        it is assigned again: ``("add", expr, conditional)`` for ``x += expr``, ``("item", expr,
        conditional)`` for ``x.append(expr)`` and each item of ``x.extend([...])`` / ``x += [...]``.
        A step under an ``if``/``for``/``try``... other than the assignment's own block is
        conditional: its text may or may not be there (a variable part of the prompt)."""
        key = id(value)
        if key in self._steps_cache:
            return self._steps_cache[key]
        self._steps_cache[key] = out = []
        found = self._local_def(value)
        if found is None:
            return out
        stmt, name, scope = found
        func = self.parents.get(id(stmt))
        while func is not None and not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            func = self.parents.get(id(func))
        if func is None:
            return out
        block = self.parents.get(id(stmt))
        events = []
        for node in ast.walk(func):
            if not isinstance(node, ast.stmt) or node is stmt or self._scope(node) is not scope \
                    or (node.lineno, node.col_offset) <= (stmt.lineno, stmt.col_offset):
                continue
            cond = not (self.parents.get(id(node)) is block and _same_body(block, stmt, node))
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                    events.append((node.lineno, node.col_offset, "stop", None, cond))
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name \
                    and isinstance(node.op, ast.Add):
                if isinstance(node.value, (ast.List, ast.Tuple)):
                    for e in node.value.elts:
                        events.append((node.lineno, node.col_offset, "item", e, cond))
                else:
                    events.append((node.lineno, node.col_offset, "add", node.value, cond))
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                call = node.value
                f = call.func
                if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == name \
                        and len(call.args) == 1 and not call.keywords:
                    if f.attr == "append":
                        events.append((node.lineno, node.col_offset, "item", call.args[0], cond))
                    elif f.attr == "extend" and isinstance(call.args[0], (ast.List, ast.Tuple)):
                        for e in call.args[0].elts:
                            events.append((node.lineno, node.col_offset, "item", e, cond))
                    elif f.attr == "extend":
                        events.append((node.lineno, node.col_offset, "item", call.args[0], True))
        for *_, kind, expr, cond in sorted(events, key=lambda e: (e[0], e[1])):
            if kind == "stop":
                break
            out.append((kind, expr, cond))
        return out

    def _items(self, arg: ast.expr, scope) -> list[tuple[ast.expr, bool]] | None:
        """The items a ``join`` joins: a list or tuple written in place, or a local list built in
        the function (its literal, then what is appended or extended to it); else None."""
        if isinstance(arg, (ast.List, ast.Tuple)):
            return [(e, isinstance(e, ast.Starred)) for e in arg.elts]
        if isinstance(arg, ast.Name):
            sc = scope if isinstance(scope, _Scope) else self.scopes.get(scope, self.scopes[()])
            d = self._resolve(arg, sc)
            if d is None or not isinstance(d[0], (ast.List, ast.Tuple)) or self._local_def(d[0]) is None:
                return None
            items = [(e, isinstance(e, ast.Starred)) for e in d[0].elts]
            for kind, expr, cond in self._steps(d[0]):
                items.append((expr, cond or kind != "item"))
            return items
        return None

    def _add(self, node: ast.expr, container: str, scope: _Scope, role: str | None,
             syntax: str | None = None, by_name: bool = False, part: bool = False) -> None:
        if self._in_sink(node):
            return
        got = self.found.get(id(node))
        if got is None:
            self.found[id(node)] = _Found(node, container, scope.qual, role, syntax, by_name, part=part)
            return
        got.role = got.role or role
        got.syntax = got.syntax or syntax
        got.part = got.part and part
        got.by_name = got.by_name and by_name  # found by a use too

    def _in_exception_class(self, node: ast.AST) -> bool:
        """Inside an exception class (``class LangroidImportError(ImportError)``): what it builds,
        whatever the names (``help_preamble``), is the error's message for people."""
        cur = self.parents.get(id(node))
        while cur is not None:
            if isinstance(cur, ast.ClassDef):
                names = [cur.name] + [_dotted(b).rsplit(".", 1)[-1] for b in cur.bases]
                if any(n.endswith(("Error", "Exception", "Warning")) for n in names):
                    return True
            cur = self.parents.get(id(cur))
        return False

    def _in_sink(self, node: ast.AST) -> bool:
        """Inside a log/print/warn call, a ``raise`` or an ``assert``."""
        cur = self.parents.get(id(node))
        while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if isinstance(cur, (ast.Raise, ast.Assert)):
                return True
            if isinstance(cur, ast.Call) and (_is_sink_call(cur) or self._asks_at_terminal(cur)):
                return True
            cur = self.parents.get(id(cur))
        return False

    def _asks_at_terminal(self, call: ast.Call) -> bool:
        def bound(name):
            d = self._resolve(name, self._scope(call))
            return d[0] if d is not None else None

        return _prompt_toolkit_asks(call, self.imports, bound)

    def _label_use(self, node: ast.AST) -> bool:
        """The value of a keyword that names or labels something (``cl.Message(author=SYSTEM)``,
        ``Field(title=...)``): a name shown to people, not text for a model."""
        parent = self.parents.get(id(node))
        return isinstance(parent, ast.keyword) and parent.arg in _LABEL_KEYWORDS

    # -- the use rule -------------------------------------------------------------------------

    def _use(self, node: ast.AST) -> None:
        if isinstance(node, ast.Dict):
            keys = {k.value: v for k, v in zip(node.keys, node.values)
                    if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            if "content" in keys and "role" in keys and self._is_message(node, keys):
                role = keys["role"]
                role = role.value if isinstance(role, ast.Constant) and isinstance(role.value, str) else None
                self._prompt_value(keys["content"], node, _role(role), label=_role(role) or "content", message=True)
            if set(keys) == {"role", "parts"} and len(node.keys) == 2 and not self._in_sink(node):
                self._gemini_content(node, keys)
            if set(keys) <= {"type", "text", "cache_control"} and len(keys) == len(node.keys) \
                    and isinstance(keys.get("type"), ast.Constant) and keys["type"].value in ("text", "input_text") \
                    and "text" in keys:
                role = self._part_of_message(node)
                if role is not False:  # a text part of a message's content: [{"type": "text", "text": "..."}]
                    self._prompt_value(keys["text"], node, role, label=role or "content")
            parent = self.parents.get(id(node))
            if isinstance(parent, ast.keyword) and parent.arg == "agent_kwargs":
                # initialize_agent(..., agent_kwargs={"prefix": P, "suffix": S}): LangChain's agent prompt
                # is prefix + tools + format_instructions + suffix
                for key in ("prefix", "suffix"):
                    if key in keys:
                        self._prompt_value(keys[key], node, None, label=key, syntax="format")
            # {"system": "You are a srt subtitle file translator.", "user": "Translate ... {text}"}: a mapping keyed
            # by chat roles only holds each role's message text (the user's as much as the system's)
            by_role = len(keys) >= 2 and len(keys) == len(node.keys) and set(keys) <= CHAT_ROLES
            for key, value in keys.items():  # {"system_prompt": "...", "prompt": f"..."}: the name rule on keys
                # (not a command-line option's help: {"--custom-instructions": "Custom instructions for ..."})
                if (says_prompt(key) or by_role) and not key.startswith("-") and not self._in_sink(node):
                    self._prompt_value(value, node, role_of(key) or _role(key), label=key)
        elif isinstance(node, ast.Call):
            self._call(node)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            self._formatted(node.left, node, "percent")

    def _gemini_content(self, node: ast.Dict, keys: dict) -> None:
        """Gemini's ``Content`` (``{"role": "user" | "model", "parts": [{"text": "..."}]}``; google-generativeai also
        takes one part, a dict or a string, as ``parts``): each text part is the message's text, ``model`` the
        assistant (PentestGPT's seeded persona turn ``{"parts": {"text": "I am a helpful assistant."}, "role":
        "model"}``)."""
        role = keys["role"]
        role = _role(role.value) if isinstance(role, ast.Constant) and isinstance(role.value, str) else None
        parts = keys["parts"]
        for part in parts.elts if isinstance(parts, (ast.List, ast.Tuple)) else [parts]:
            if isinstance(part, ast.Dict):
                texts = [v for k, v in zip(part.keys, part.values) if isinstance(k, ast.Constant) and k.value == "text"]
                part = texts[0] if len(texts) == 1 and len(part.keys) == 1 else None
            if part is not None:
                self._prompt_value(part, node, role, label=role or "content")

    def _part_of_message(self, part: ast.Dict):
        """The role of the message whose ``content`` list holds ``part`` (None when not written), or
        False when the list is not a message's content."""
        lst = self.parents.get(id(part))
        content = lst
        # (a content built by adding lists: [{"type": "text", ...}] + images + [{"type": "text", ...}])
        while isinstance(self.parents.get(id(content)), ast.BinOp) and isinstance(self.parents[id(content)].op, ast.Add):
            content = self.parents[id(content)]
        msg = self.parents.get(id(content)) if isinstance(lst, ast.List) else None
        if not isinstance(msg, ast.Dict):
            return False
        keys = {k.value: v for k, v in zip(msg.keys, msg.values) if isinstance(k, ast.Constant)}
        if keys.get("content") is not content or "role" not in keys or not self._is_message(msg, keys):
            return False
        role = keys["role"]
        return _role(role.value) if isinstance(role, ast.Constant) and isinstance(role.value, str) else None

    def _is_message(self, node: ast.Dict, keys: dict) -> bool:
        """A ``{"role", "content"}`` dict is a chat message an API accepts: its keys are message
        fields (``MESSAGE_KEYS``), and it is not kept in a record with other fields (a transcript
        entry ``{"thought": ..., "messages": [{...}]}`` shown in a UI; a websocket event
        ``{"type": "chat", "role", "content"}``).  A request body holding it has request keys only.
        A flag or a mapping of settings beside them is the program's mark on its own message, found again in the
        history later (DeepCode's environment slot ``ENV_CONTEXT_MARKER: True`` and compaction checkpoint
        ``"compaction": {"reset": True, "retain": len(kept)}``; its clients drop keys a provider does not know): no
        text of a record (``_marks_a_message``)."""
        extra = [v for k, v in zip(node.keys, node.values)
                 if not (isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value in MESSAGE_KEYS)]
        if None in node.keys or not all(_marks_a_message(v) for v in extra):
            return False
        if isinstance(keys.get("type"), ast.Constant) and keys["type"].value != "message":
            return False
        cur = self.parents.get(id(node))
        if isinstance(cur, (ast.List, ast.Tuple)):
            cur = self.parents.get(id(cur))
        if isinstance(cur, ast.Dict):
            outer = {k.value for k in cur.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            return len(outer) == len(cur.keys) and outer <= REQUEST_KEYS
        return not self._shown_in_streamlit(node)

    def _shown_in_streamlit(self, node: ast.Dict) -> bool:
        """``st.session_state.messages = [{"role": "assistant", "content": "How can I help you?"}]`` (or
        ``.append({...})``): Streamlit's session state holds the chat the page shows; its messages reach a
        model only when the file gives that state to one (``messages=st.session_state.messages``)."""
        cur = self.parents.get(id(node))
        if isinstance(cur, ast.List):
            cur = self.parents.get(id(cur))
        if isinstance(cur, ast.Assign) and len(cur.targets) == 1:
            state = _state_path(cur.targets[0])
        elif isinstance(cur, ast.Call) and isinstance(cur.func, ast.Attribute) and cur.func.attr in ("append", "extend"):
            state = _state_path(cur.func.value)
        else:
            return False
        if state is None:
            return False
        for n in ast.walk(self.tree):
            if isinstance(n, (ast.Attribute, ast.Subscript)) and isinstance(n.ctx, ast.Load) and _state_path(n) == state:
                parent = self.parents.get(id(n))
                if isinstance(parent, ast.keyword) and parent.arg == "messages" \
                        or isinstance(parent, ast.Call) and n in parent.args and _calls_a_model(parent.func):
                    return False
        return True

    def _call(self, node: ast.Call) -> None:
        if _generates_an_image(node):
            return  # pipe(prompt, negative_prompt=...): its prompt and negative prompt are an image model's
        name = _callee(node)
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "format":
            self._formatted(f.value, node, "format")
            self.format_calls.append(node)
        slot = _replaced_slot(node, self.imports)
        if slot is not None:
            self._slot_filled(slot[1], slot[0], self._scope(node), 0)
        for kw in node.keywords:
            if kw.arg and (kw.arg in PROMPT_KEYWORDS or says_prompt(kw.arg)) \
                    and not self._param_only_sinks(name, kw.arg, node) and not self._terminal_option(node):
                syntax = self._template_syntax(node, name) if kw.arg == "template" and name in TEMPLATE_CALLS \
                    else self._callee_params(node)[1].get(kw.arg)  # (a parameter the function formats)
                self._prompt_value(kw.value, node, role_of(kw.arg), label=kw.arg, syntax=syntax)
            elif kw.arg == "messages" and isinstance(kw.value, (ast.List, ast.Tuple)):
                self._message_tuples(kw.value, node)
            elif kw.arg == "messages" and not isinstance(kw.value, (ast.List, ast.Tuple, ast.ListComp)):
                # completion(messages="...") / messages=prompt: a string given as the messages is one
                # user message (LiteLLM, graphrag's completion, DSPy LMs); a list is read above
                self._prompt_value(kw.value, node, "user", label="messages")
            elif kw.arg in ("prefix", "suffix") and name in _AGENT_PROMPT_CALLS:
                self._prompt_value(kw.value, node, None, label=kw.arg, syntax="format")
            elif kw.arg == "text" and name.endswith("TextBlockParam"):
                # Anthropic's SDK: system = BetaTextBlockParam(type="text", text=f"{SYSTEM_PROMPT}..."), a text
                # block of a system prompt or a message (the TypedDict form of {"type": "text", "text": ...})
                self._prompt_value(kw.value, node, None, label="text_block")
            elif kw.arg == "content" and name in MESSAGE_CALLS:
                self._prompt_value(kw.value, node, MESSAGE_CALLS[name], label=MESSAGE_CALLS[name])
        if node.args and not _handles_prompts(name) and name not in TEMPLATE_CALLS and name not in MESSAGE_CALLS:
            # get_completion(reflection_query) where ``def get_completion(prompt, ...)``: an argument given
            # to a parameter named for a prompt, by position (the keyword rule above, for positions)
            params, formats = self._callee_params(node)
            for arg, param in zip(node.args, params):
                if isinstance(arg, ast.Starred):
                    break
                if param and (param in PROMPT_KEYWORDS or says_prompt(param)) \
                        and not self._param_only_sinks(name, param, node):
                    self._prompt_value(arg, node, role_of(param), label=param, syntax=formats.get(param))
        if node.args and _calls_a_model(f):
            # self.llm(check), llm.invoke(prompt): an object named for a language model is given the
            # prompt as its first argument (LangChain's LLM __call__ / invoke / predict)
            self._prompt_value(node.args[0], node, "user", label="user")
        if name in _ELL_MESSAGES and node.args and self._from_ell(f, _ELL_MESSAGES):  # ell.system("...")
            self._prompt_value(node.args[0], node, _ELL_MESSAGES[name], label=_ELL_MESSAGES[name])
        if name in ROLE_METHODS and node.args and isinstance(f, ast.Attribute):
            # Message.user_message("..."), self.system_message(...): a builder of one role's message
            # (a class's constructor per role, or a client's ``{"role": "system", "content": m}`` helper)
            self._prompt_value(node.args[0], node, ROLE_METHODS[name], label=ROLE_METHODS[name])
        if name in MESSAGE_CALLS and node.args and name not in ("SystemMessagePromptTemplate",):
            self._prompt_value(node.args[0], node, MESSAGE_CALLS[name], label=MESSAGE_CALLS[name])
        role_class = _role_message_class(name)
        if role_class and name not in MESSAGE_CALLS:  # UserMessage(content="..."), AssistantMessage("...")
            kws = {k.arg: k.value for k in node.keywords}
            text = kws.get("content", node.args[0] if node.args else None)
            if text is not None:
                self._prompt_value(text, node, role_class, label=role_class)
        if (node.args and name not in TEMPLATE_CALLS and name not in MESSAGE_CALLS and name[:1].isupper()
                and says_prompt(name)):  # a prompt object built from its text: TextPrompt("..."), CodePrompt(...)
            init = self._class_init(node)
            if init is None:
                self._prompt_value(node.args[0], node, role_of(name), label="template")
            else:  # the class's own __init__ names its parameters: the text is the one named for a prompt
                # (shell-gpt SystemRole("Shell Command Generator", SHELL_ROLE): the first is the role's name)
                params, formats = init
                for arg, param in zip(node.args, params):
                    if isinstance(arg, ast.Starred):
                        break
                    if says_prompt(param) or param in PROMPT_KEYWORDS:
                        self._prompt_value(arg, node, role_of(name), label="template", syntax=formats.get(param))
        if name in TEMPLATE_CALLS and node.args:
            self._prompt_value(node.args[0], node, None, label="template", syntax=self._template_syntax(node, name))
        if name == "from_messages" and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
            self._message_tuples(node.args[0], node)
        if name_words(name)[-1:] == ["message"] and name not in MESSAGE_CALLS \
                and not set(name_words(name)) & {"completion", "response", "choice", "delta"}:
            # (ChatCompletionMessage, ResponseMessage: what a model answered, not what it is sent)
            # ChatMessage(role="system", content=...), Message("system", "...") (gptme), a message
            # class by its shape: a role it accepts, then the content
            kws = {k.arg: k.value for k in node.keywords}
            role = kws.get("role", node.args[0] if node.args else None)
            # (the text under its usual parameter names: TaskWeaver ``format_chat_message(role=, message=)``)
            text = next((kws[k] for k in ("content", "message", "text") if k in kws), None)
            content = text if text is not None else node.args[1] if len(node.args) > 1 and "role" not in kws else None
            if content is not None and isinstance(role, ast.Constant) and isinstance(role.value, str) \
                    and _role(role.value):
                self._prompt_value(content, node, _role(role.value), label=_role(role.value))
        words = name_words(name)
        if (len(node.args) == 2 and isinstance(f, ast.Attribute) and isinstance(node.args[0], ast.Constant)
                and node.args[0].value in CHAT_ROLES and name not in MESSAGE_CALLS and words[-1:] != ["message"]
                and not set(words) & (_HANDLING_VERBS | _SINK_METHODS | _LOOKUP_METHODS) and not self._in_sink(node)):
            # self.memory.push('user', self.search_prompt(user_prompt)) (agenticSeek): a chat role, then the text, the
            # (role, content) pair of a message as a method of a history or memory takes it
            role = node.args[0].value
            self._prompt_value(node.args[1], node, role, label=role)
        if words[:1] and words[0] in _SETTER_VERBS and says_prompt(name) and node.args:
            # prompt_stack.add_system_message("..."), agent.set_system_prompt(...), with_instructions(...)
            self._prompt_value(node.args[0], node, role_of(name), label="_".join(words[1:]))

    def _from_ell(self, f: ast.expr, names) -> bool:
        """``ell.simple`` (``import ell``) or ``simple`` imported from an ``ell`` module, for a name in ``names``."""
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.attr in names:
            return self.imports.get(f.value.id, "").split(".")[0] == "ell"
        if isinstance(f, ast.Name) and f.id in names:
            return self.imports.get(f.id, "").split(".")[0] == "ell"
        return False

    def _param_only_sinks(self, function: str, param: str, call: ast.Call | None = None) -> bool:
        """Whether ``function`` is defined in this file, or imported from another file of the scan by
        ``call`` (Auto-GPT ``utils.clean_input("AI Name: ")``), and only prints, logs or asks the user
        with its ``param`` (``self._confirm(prompt="Run code? [y/N]")`` -> ``input(prompt)``): the
        argument is text for a person, whatever the keyword is called."""
        quals = [q for q, s in self.scopes.items() if s.kind == "function" and q[-1] == function]
        if not quals:
            if call is None or self.project is None or not isinstance(call.func, (ast.Name, ast.Attribute)):
                return False
            from .python_project import imported_param_for_people

            return any(imported_param_for_people(self.project, t, param) for t in self._import_targets(call.func))
        for q in quals:
            uses = [u for (qual, n), us in self.sink_uses.items() if n == param and qual[:len(q)] == q for u, _ in us]
            if not uses or not all(uses):
                return False
        return True

    def _callee_params(self, call: ast.Call) -> tuple[list[str], dict[str, str]]:
        """(the names of the parameters ``call``'s positional arguments go to, the syntax of each
        parameter the function fills: ``prompt_template.format(**kwargs)`` -> ``format``), when the
        function is defined in this file (``f(...)``, ``self.m(...)``) or, in a scan, imported from
        another file of it (``from .utils import get_completion``: its module-level ``def``); else ([], {})."""
        f = call.func
        qual = self._callee_qual(call)
        from .python_project import imported_params, param_formats

        if qual is not None:
            params = self.params[qual]
            method = len(qual) > 1 and self.scopes.get(qual[:-1]) is not None and self.scopes[qual[:-1]].kind == "class"
            formats = param_formats(self.func_nodes[qual], params)
            return (params[1:] if method and params[:1] in (["self"], ["cls"]) else params), formats
        if self.project is None or not isinstance(f, (ast.Name, ast.Attribute)):
            return [], {}
        for target in self._import_targets(f):
            params, formats = imported_params(self.project, target)
            if params:
                return params, formats
        return [], {}

    def _callee_qual(self, call: ast.Call) -> tuple | None:
        """The qualified name of the function of this file ``call`` calls (``f(...)``, ``self.m(...)``), or None."""
        f = call.func
        if isinstance(f, ast.Name):
            scope = self._scope(call).qual
            while True:
                if scope + (f.id,) in self.params:
                    return scope + (f.id,)
                if not scope:
                    return None
                scope = scope[:-1]
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in ("self", "cls"):
            scope = self._scope(call).qual
            while scope and self.scopes[scope].kind != "class":
                scope = scope[:-1]
            qual = self._method(scope, f.attr) if scope else None
            return qual if qual in self.params else None
        return None

    def _method(self, cls: tuple, name: str, depth: int = 0) -> tuple | None:
        """The function ``name`` of the class ``cls``, or of a base class of this file it inherits it from
        (taskgen ``class Agent(BaseAgent)`` calls ``self.prepare_input_user_prompt_for_query(...)``)."""
        s = self.scopes.get(cls + (name,))
        if s is not None and s.kind == "function":
            return cls + (name,)
        node = self.class_nodes.get(cls)
        if node is None or depth > 3:
            return None
        for base in node.bases:
            if isinstance(base, ast.Name) and (base.id,) in self.class_nodes:
                found = self._method((base.id,), name, depth + 1)
                if found is not None:
                    return found
        return None

    def _class_init(self, call: ast.Call) -> tuple[list[str], dict[str, str]] | None:
        """(parameters after ``self``, the syntax of each it formats) of the ``__init__`` of the class of this
        file that ``call`` constructs (``SystemRole(...)`` with ``class SystemRole``), or None."""
        if not isinstance(call.func, ast.Name):
            return None
        from .python_project import param_formats

        scope = self._scope(call).qual
        while True:
            cls = scope + (call.func.id,)
            if self.scopes.get(cls) is not None and self.scopes[cls].kind == "class":
                init = cls + ("__init__",)
                if init not in self.params:
                    return None
                params = self.params[init]
                return params[1:], param_formats(self.func_nodes[init], params)
            if not scope:
                return None
            scope = scope[:-1]

    def _import_targets(self, node: ast.expr) -> list[tuple]:
        """The dotted import paths ``X`` / ``mod.X`` may name: the import of this file that binds its root,
        else each ``from M import *`` module (a name the file neither defines nor imports by name)."""
        attrs = []
        while isinstance(node, ast.Attribute):
            attrs.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return []
        rest = tuple(reversed(attrs))
        if node.id in self.import_from:
            module, name = self.import_from[node.id]
            target = module + ((name,) if name else ()) + rest
            return [target] if len(target) >= 2 else []
        if node.id in self.scopes[()].defs or node.id in self.scopes[()].assigned:
            return []
        return [m + (node.id,) + rest for m in self.star_imports if m]

    def _terminal_option(self, call: ast.Call) -> bool:
        """``typer.Option(..., prompt="Specify the model")``, ``@click.option(prompt=True)``: a command-line
        option whose ``prompt`` is the question click asks the person at the terminal when the option
        is not given (click docs, "Prompting")."""
        if _callee(call) not in ("Option", "option", "Argument", "argument"):
            return False
        owner = _dotted(call.func).split(".")[0]
        return self.imports.get(owner, owner).split(".")[0] in ("click", "typer")

    def _template_syntax(self, node: ast.Call, name: str) -> str | None:
        for kw in node.keywords:
            if kw.arg == "template_format" and isinstance(kw.value, ast.Constant):
                return {"f-string": "format", "jinja2": "jinja", "mustache": "mustache"}.get(kw.value.value)
        if name == "Template":
            origin = self.imports.get(_dotted(node.func).split(".")[0], "")
            if "jinja" in origin:
                return "jinja"
            if origin.startswith("string"):
                return "template"
            return None
        return TEMPLATE_CALLS[name]

    def _message_tuples(self, seq: ast.List | ast.Tuple, call: ast.Call) -> None:
        for item in seq.elts:
            if (isinstance(item, ast.Tuple) and len(item.elts) == 2 and isinstance(item.elts[0], ast.Constant)
                    and isinstance(item.elts[0].value, str)):
                role = _role(item.elts[0].value)
                self._prompt_value(item.elts[1], call, role, label=role or "message", syntax="format")

    def _formatted(self, receiver: ast.expr, use: ast.AST, syntax: str) -> None:
        """``X.format(...)`` / ``X % args`` says X's syntax when X is a prompt by its name or by a use
        of the result (``prompt=X.format(...)``).  Being formatted alone does not make X a prompt:
        regular expressions, diagram templates and file headers are formatted too.  A lookup in a
        mapping written in the code (``prompt_templates[prompt_key].format(question=...)``) formats each
        text value the lookup can give."""
        if isinstance(receiver, ast.Subscript) and not self._in_sink(use):
            for _container, item, _where in self._mapping_items(receiver, self._scope(use)):
                if _where.kind != "function":
                    self.formatted.setdefault(id(item), syntax)
            return
        if isinstance(receiver, ast.Constant) and isinstance(receiver.value, str) and isinstance(use, ast.Call) \
                and syntax == "format" and not any(isinstance(a, ast.Starred) for a in use.args):
            # "Observation: {}".format(observation) (bambooai): a literal formatted in place, its positional fields
            # are the call's arguments (read from the call, or from the literal when it is what is found)
            args = [self.source(a) for a in use.args]
            self.format_args.setdefault(id(use), []).append(args)
            self.format_args.setdefault(id(receiver), []).append(args)
            return
        if isinstance(receiver, (ast.Name, ast.Attribute)) and not self._in_sink(use):
            d = self._resolve(receiver, self._scope(use))
            default = self._param_default(receiver, self._scope(use)) if d is None else None
            if d is not None and d[2].kind != "function":
                self.formatted.setdefault(id(d[0]), syntax)
                if isinstance(use, ast.Call) and syntax == "format" \
                        and not any(isinstance(a, ast.Starred) for a in use.args):
                    self.format_args.setdefault(id(d[0]), []).append([self.source(a) for a in use.args])
            elif default is not None:
                # def __init__(self, system_prompt=OPTIMIZER_SYSTEM_PROMPT): system_prompt.format(...)
                # fills the default when no value is given: the constant has that syntax
                self._formatted(default, default, syntax)
            elif d is None:
                self._external_use("formatted", receiver, self._scope(use), None, syntax)
            else:  # prompt = (A if json_mode else B); prompt.format(...): each constant it may hold
                for branch in _branches(d[0]):
                    if isinstance(branch, (ast.Name, ast.Attribute)):
                        dd = self._resolve(branch, d[2])
                        if dd is None:
                            self._external_use("formatted", branch, d[2], None, syntax)
                        elif dd[2].kind != "function":
                            self.formatted.setdefault(id(dd[0]), syntax)

    def _slot_filled(self, template: ast.expr, marker: str, scope: _Scope, depth: int) -> None:
        """``TEMPLATE.replace("<<conversation>>", convo)`` / ``re.sub(r"<ui_element>", x, prompts.tap_doc_template)``:
        the marker is a slot of the constant the template is (followed through a local that holds it, or the
        ``re.sub`` / ``.replace`` that gave the local its value; across files through the import)."""
        if depth > 3:
            return
        inner = _replaced_slot(template, self.imports) if isinstance(template, ast.Call) else None
        if inner is not None:  # GRADER.replace("<<a>>", x).replace("<<b>>", y): the same template
            self._slot_filled(inner[1], marker, scope, depth + 1)
            return
        if not isinstance(template, (ast.Name, ast.Attribute)):
            return
        d = self._resolve(template, scope)
        if d is None:
            self._external_use("replaced", template, scope, None, marker)
            return
        values = self._values_of(template, d)
        if isinstance(template, ast.Name) and d[2].kind != "class":
            # if ...: prompt_template = prompts.tap_doc_template elif ...: ... = prompts.text_doc_template (a script's
            # module level too): each value the name is given where the replace reads it
            values += [(v, d[1], d[2]) for v in self._assigned_values(template.id, d[2])]
        for value, _container, where in values:
            if where.kind != "function" and self._stringish(value, where):
                self.slots.setdefault(id(value), set()).add(marker)
            elif isinstance(value, ast.Call):  # prompt = re.sub(..., prompts.task_template); re.sub(..., prompt)
                inner = _replaced_slot(value, self.imports)
                if inner is not None:
                    self._slot_filled(inner[1], marker, where, depth + 1)
            elif isinstance(value, (ast.Name, ast.Attribute)) and self._resolve(value, where) is None:
                self._external_use("replaced", value, where, None, marker)

    def _assigned_values(self, name: str, scope: _Scope) -> list[ast.expr]:
        """Every value a plain assignment in ``scope``'s own body (not a nested def) gives ``name``."""
        root = self.func_nodes.get(scope.qual) if scope.kind == "function" else self.tree
        out, todo = [], list(getattr(root, "body", []))
        while todo:
            n = todo.pop()
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets):
                out.append(n.value)
            todo.extend(ast.iter_child_nodes(n))
        return out

    def _values_of(self, name: ast.expr, d, depth: int = 0) -> list:
        """The definitions a name may hold where it is read: its definition, and through an alias
        (``self.prefix = EXECUTING_LLM_PREFIX``) the definition of the name it holds; a function's local
        that holds names, assigned in several places (``if ...: PREFIX, SUFFIX = A, B else: PREFIX,
        SUFFIX = C, D``), holds each of them; a local that starts empty holds each text it is later given
        where the read can see it (``_reaches``)."""
        out = []
        node, container, scope = d
        if isinstance(name, ast.Name) and isinstance(node, (ast.Name, ast.Attribute)) and scope.kind == "function" \
                and scope.assigned.get(name.id, 0) > 1 and scope.qual in self.func_nodes:
            values = self._local_values(name.id, scope)  # an alias of constants, one per branch
        elif isinstance(name, ast.Name) and scope.kind == "function" and scope.assigned.get(name.id, 0) > 1 \
                and scope.qual in self.func_nodes and _empty(node):
            # fail_obs = "" ... fail_obs = "The action you have chosen cannot be executed ..." then {"role":
            # "user", "content": fail_obs}: a local that starts empty holds each text (or list, for a list) it
            # is given where the read can see it (before it, or in the loop that holds both)
            values = [node] + [v for v in self._local_values(name.id, scope) if v is not node
                               and (isinstance(v, (ast.Constant, ast.JoinedStr))
                                    or isinstance(v, ast.List) and isinstance(node, ast.List))
                               and self._reaches(v, name)]
        elif isinstance(name, ast.Name) and scope.kind == "function" and scope.assigned.get(name.id, 0) > 1 \
                and scope.qual in self.func_nodes:
            # if system_content: batch_sys_msg = f"{system_content} Input has ..." else: batch_sys_msg =
            # f"Professional translator. Input has ...": the read sees whichever branch ran; and a value assigned
            # again before the read, in the read's own block or one around it, is what the read sees
            values = [node] + [v for v in self._local_values(name.id, scope)
                               if v is not node and self._alternatives(v, node) and self._reaches(v, name)]
            last = self._reaching_assignment(name, node)
            if last is not None and all(last is not v for v in values):
                values.append(last)
        else:
            values = [node]
        for value in values:
            if isinstance(value, (ast.Name, ast.Attribute)) and depth < 3:
                dd = self._resolve(value, scope)
                if dd is not None and dd[0] is not value:
                    out += self._values_of(value, dd, depth + 1)
                    continue
                if dd is None:
                    self._external_use("value", value, scope, None, None)
            out.append((value, container, scope))
        return out

    def _list_parts(self, lst: ast.List, container: str, scope: _Scope, role: str | None) -> None:
        """A list sent as the parts of one prompt (taskgen ``queries = []; queries.append(f"...")`` then
        ``self.query(query=queries)``, whose parts become ``strict_json(user_prompt=...)``): each text put in
        it is a prompt, named after the list; a parameter extended into it (``user_prompt_list.extend(query)``)
        is a parameter the function sends, so its callers' arguments are prompts too (``_sent_arguments``)."""
        items = list(lst.elts) + [expr for kind, expr, _cond in self._steps(lst) if kind == "item"]
        for item in items:
            if self._stringish(item, scope):
                self._add(item, container, scope, role)
            elif isinstance(item, ast.Name) and item.id in self._param_names(scope.qual):
                self.sent_params.setdefault((scope.qual, item.id), role)

    def _reaches(self, value: ast.expr, read: ast.AST) -> bool:
        """Whether the assignment of ``value`` can be what ``read`` sees: written before it, or inside a
        ``for``/``while`` loop that also holds the read (the next pass through the loop reads it)."""
        if (value.lineno, value.col_offset) < (read.lineno, read.col_offset):
            return True
        loops, cur = set(), self.parents.get(id(read))
        while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if isinstance(cur, (ast.For, ast.AsyncFor, ast.While)):
                loops.add(id(cur))
            cur = self.parents.get(id(cur))
        cur = self.parents.get(id(value))
        while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if id(cur) in loops:
                return True
            cur = self.parents.get(id(cur))
        return False

    def _reaching_assignment(self, read: ast.Name, first: ast.expr) -> ast.expr | None:
        """The value of the last plain assignment to ``read``'s name written before it in its own block or a
        block around it, up to its function, when it overwrites the first value ``first`` in that value's own
        block (``sys_content = A`` ... ``sys_content = f"..."`` then ``{"role": "system", "content": sys_content}``:
        the second, the first can never reach the read).  Not a value that reads the name (``x = x + more``: an
        addition, read with the first value), nor one assigned under a condition (TapeAgents ``if errors_after: msg =
        f"Our previous attempt resulted in failure: ..."``: the first value still reaches other reads)."""
        first_stmt = self.parents.get(id(first))
        cur = read
        while True:
            parent = self.parents.get(id(cur))
            if parent is None or isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                return None
            for field_name in ("body", "orelse", "finalbody"):
                block = getattr(parent, field_name, None)
                if isinstance(block, list) and any(s is cur for s in block):
                    for stmt in reversed(block[:next(i for i, s in enumerate(block) if s is cur)]):
                        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                                and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == read.id:
                            if stmt is first_stmt or not any(s is first_stmt for s in block) or any(
                                    isinstance(n, ast.Name) and n.id == read.id for n in ast.walk(stmt.value)):
                                return None
                            return stmt.value
            cur = parent

    def _alternatives(self, a: ast.expr, b: ast.expr) -> bool:
        """Whether the values ``a`` and ``b`` are assigned in different branches of one ``if`` (``if``/``elif``/
        ``else``: exactly one of them runs, so each is what a later read may hold)."""
        def path(node):
            out, cur = [], node
            while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef)):
                parent = self.parents.get(id(cur))
                if isinstance(parent, ast.If):
                    out.append((id(parent), "body" if any(s is cur for s in parent.body) else
                                "orelse" if any(s is cur for s in parent.orelse) else "test"))
                cur = parent
            return out
        pa = dict(path(a))
        return any(side != "test" and pa.get(if_id) not in (None, "test", side) for if_id, side in path(b))

    def _local_values(self, name: str, scope: _Scope) -> list:
        """Every value a function assigns to its local ``name`` (``x = v``, ``a, x = u, v``)."""
        out = []
        for stmt in ast.walk(self.func_nodes[scope.qual]):
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                t, v = stmt.targets[0], stmt.value
                if isinstance(t, ast.Name) and t.id == name:
                    out.append(v)
                elif isinstance(t, ast.Tuple) and isinstance(v, ast.Tuple) and len(t.elts) == len(v.elts):
                    out += [vv for tt, vv in zip(t.elts, v.elts) if isinstance(tt, ast.Name) and tt.id == name]
        return out

    def _param_default(self, name: ast.expr, scope: _Scope) -> ast.expr | None:
        """The default of the parameter ``name`` of the function ``scope`` is in, when it is a name
        (``def f(self, prompt=SYSTEM_PROMPT)``) and nothing in the function assigns the parameter."""
        fn = self.func_nodes.get(scope.qual) if scope.kind == "function" else None
        if fn is None or not isinstance(name, ast.Name) or name.id in scope.assigned:
            return None
        for arg, default in _param_defaults(fn):
            if arg == name.id and isinstance(default, (ast.Name, ast.Attribute)):
                return default
        return None

    def _prompt_value(self, value: ast.expr, use: ast.AST, role: str | None, label: str | None,
                      syntax: str | None = None, message: bool = False) -> None:
        """``message``: ``value`` is the ``content`` of a chat message dict (the text the model reads)."""
        scope = self._scope(use)
        base, applied = _unwrap(value)
        if isinstance(base, (ast.Name, ast.Attribute)):
            d = self._resolve(base, scope)
            default = self._param_default(base, scope) if d is None else None
            if default is not None:  # def review(..., system_prompt=REVIEWER_NEG): system=system_prompt
                self._prompt_value(default, use, role, label=None, syntax=syntax or applied)
                return
            if d is None and not self._in_sink(use):
                plain = message and base is value and not (syntax or applied)  # the message's text as written
                self._external_use("message" if plain else "value", base, scope, role, syntax or applied)
                if isinstance(base, ast.Name) and scope.kind == "function" \
                        and base.id in self._param_names(scope.qual):
                    self.sent_params.setdefault((scope.qual, base.id), role)
            if d is not None:
                if message and not (syntax or applied) and base is value:  # "content": SYSTEM, as it is written
                    self.plain_sends[id(d[0])] = self.plain_sends.get(id(d[0]), 0) + 1
                for node, container, def_scope in self._values_of(base, d):
                    if self._stringish(node, def_scope):
                        self._add(node, container, def_scope, role, syntax or applied)
                    elif isinstance(node, ast.Call):  # discussion = self.get_colleague_discussion(...)
                        self._call_result(node, def_scope, role, syntax or applied)
                    elif isinstance(node, ast.List) and def_scope.kind == "function":
                        self._list_parts(node, container, def_scope, role)
            return
        if isinstance(base, ast.Call) and not self._stringish(base, scope):
            self._call_result(base, scope, role, syntax or applied)
            return
        if isinstance(base, ast.BinOp) and isinstance(base.op, ast.Add) and not self._stringish(base, scope):
            # current_prompt + self.suffix: a constant added to what the caller gives is a part of the prompt
            for operand in (base.left, base.right):
                if isinstance(operand, (ast.Name, ast.Attribute, ast.BinOp)):
                    self._prompt_value(operand, use, role, label=None)
            return
        if label is None or not self._stringish(value, scope):
            return
        head = base
        while isinstance(head, ast.BinOp) and isinstance(head.op, ast.Add):
            head = head.left
        if head is not base and isinstance(head, ast.Name) and scope.kind == "function" \
                and self._resolve(head, scope) is None and head.id in self._param_names(scope.qual):
            # "content": init_msg + "\n" + ac_tree: the message starts with what the caller gives
            self.sent_params.setdefault((scope.qual, head.id), role)
        target = self._assigned_to(use)
        if target is not None and isinstance(use, ast.Call) and (_requests_a_reply(use) or id(use) in self.sending_calls):
            # response = client.completions.create(prompt=..., max_tokens=...) holds the answer, and so does
            # res = self.agent.query(f"...") when query sends what it is given (not message_log =
            # [self.system_message("...")]: a builder returns the message)
            target = None
        if target is not None:  # qa = PromptTemplate(template=...) is qa; {"template": ...} a key of it
            if isinstance(use, ast.Dict):  # best_dspy_prompt = {"prog": {"system": "..."}}: best_dspy_prompt.prog.system
                label = ".".join(self._key_path(use) + [label])
            label = target if label in ("template", "text_block") and not isinstance(use, ast.Dict) else f"{target}.{label}"
        elif label == "text_block":
            label = "text"
        self._add(value, ".".join(scope.qual + (label,)), scope, role, syntax)

    def _key_path(self, mapping: ast.Dict) -> list[str]:
        """The keys that lead to ``mapping`` from the statement assigning the mapping it is nested in
        (``{"prog": {"signature": {...}, "system": "..."}}``: ``["prog"]``), as a config file's key path names a
        field; none when a list or a call stands between them."""
        path = []
        cur, parent = mapping, self.parents.get(id(mapping))
        while isinstance(parent, ast.Dict):
            key = next((k for k, v in zip(parent.keys, parent.values) if v is cur), None)
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return []
            path.insert(0, key.value)
            cur, parent = parent, self.parents.get(id(parent))
        return path if isinstance(parent, (ast.Assign, ast.AnnAssign)) else []

    def _call_result(self, call: ast.Call, scope: _Scope, role: str | None, syntax: str | None) -> None:
        """The result of a call of a function of this file reaches a model: what it returns is a
        prompt, named by the function (SWE-agent ``{"role": "user", "content": discussion}`` where
        ``discussion = self.get_colleague_discussion(...)`` builds it with ``out += ...``)."""
        returns = self._returns_of(call, scope)
        for value, qual in returns:
            fscope = self.scopes[qual]
            if self._stringish(value, fscope):  # (its syntax is what the function builds)
                self._add(value, ".".join(qual), fscope, role)
            elif isinstance(value, ast.List) and self._local_def(value) is not None:
                # user_prompt_list = []; user_prompt_list.append(f"You are an agent named ..."); return it
                self._list_parts(value, ".".join(qual + (self._local_def(value)[1],)), fscope, role)
        if not returns and not self._in_sink(call):
            base, applied = _unwrap(call)
            if isinstance(base, ast.Call):  # build_prompt(...) imported from another module
                self._external_use("call", base.func, scope, role, syntax)
            elif isinstance(base, (ast.Name, ast.Attribute)) and self._resolve(base, scope) is None:
                self._external_use("value", base, scope, role, syntax or applied)  # TEMPLATE.format(...)

    def _external_use(self, kind: str, node: ast.expr, scope: _Scope, role: str | None,
                      syntax: str | None) -> None:
        """Record a use of an imported name (``python_project``): ``X`` / ``mod.X`` / ``Cls.X`` whose
        root name an import of this file binds, and that no local, parameter or class name shadows."""
        from .python_project import ExternalUse

        root = node
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name):
            return
        qual = scope.qual
        while qual:  # a parameter or local of an enclosing function with the imported name
            s = self.scopes.get(qual)
            if s is not None and s.kind == "function" and (root.id in s.assigned or root.id in s.defs):
                return
            qual = qual[:-1]
        for target in self._import_targets(node):
            self.external.append(ExternalUse(kind, target, role, syntax))

    def _project_uses(self) -> None:
        """Constants and functions of this file that other files of the scan use as prompts
        (``python_project``): a constant formatted elsewhere gets that syntax; one sent to a model
        elsewhere is a prompt; what a function returns is a prompt when its call's result is."""
        from .python_project import uses_of

        module = self.scopes[()]
        names = {n for n, (v, _c, _s) in module.defs.items() if self._stringish(v, module)}
        names |= {q[0] for q, s in self.scopes.items() if len(q) == 1 and s.kind in ("function", "class")}
        if not names:
            return
        before = set(self.found)
        for inner, use in uses_of(self.project, self.path, names):
            sends = self.external_sends.setdefault(inner[0], [0, 0, 0])
            if use.kind in ("people", "read"):  # a read of the name in another file (_only_sink_uses)
                self.external_reads.setdefault(inner[0], []).append(use.kind == "people")
                sends[0] += use.kind == "read"
                continue
            if len(inner) == 1 and use.kind == "message":
                sends[1] += 1
            else:
                sends[2] += 1
            scope = self.scopes.get(inner[:-1]) if len(inner) > 1 else module
            if scope is None or scope.kind == "function":
                continue
            if use.kind == "call":
                fscope = self.scopes.get(inner)
                if fscope is None or fscope.kind != "function" or _handles_prompts(inner[-1]):
                    continue
                near = "_".join(name_words(inner[-1])[-2:])
                for r in self.returns.get(inner, []):
                    for value in self._returned(r, fscope):
                        if self._stringish(value, fscope):
                            self._add(value, ".".join(inner), fscope, use.role or role_of(near))
                continue
            d = scope.defs.get(inner[-1])
            if d is None or scope.assigned.get(inner[-1]) != 1 or not self._stringish(d[0], d[2]):
                continue
            if use.kind == "formatted":
                self.formatted.setdefault(id(d[0]), use.syntax)
            elif use.kind == "replaced":  # re.sub(r"<ui_element>", x, prompts.tap_doc_template) in another file
                self.slots.setdefault(id(d[0]), set()).add(use.syntax)
            else:
                for value in _branches(d[0]):
                    self._add(value, d[1], d[2], use.role or role_of(inner[-1]), use.syntax, by_name=True)
        # def format_question(row): return TEMPLATE.format(**row), sent from another file: the prompt is TEMPLATE
        self._templates_of_formatted(only=set(self.found) - before)

    def _assigned_to(self, node: ast.AST) -> str | None:
        """The name the statement holding ``node`` assigns to (``qa = PromptTemplate(...)``,
        ``message_log = [self.system_message(...)]``); none when the value passes through another call
        first (``response = self.submit_prompt([...])`` holds what the model answered)."""
        cur = self.parents.get(id(node))
        while cur is not None and not isinstance(cur, ast.stmt):
            if isinstance(cur, ast.Call) and not _builds_a_prompt(cur):
                # (remove_dl_link_prompt = ChatPromptTemplate(messages=[SystemMessage(...)]): a call named for a
                # prompt returns the prompt that holds the message, and the name holds that prompt)
                return None
            cur = self.parents.get(id(cur))
        if isinstance(cur, (ast.Assign, ast.AnnAssign)):
            targets = cur.targets if isinstance(cur, ast.Assign) else [cur.target]
            if len(targets) == 1:
                t = targets[0]
                if isinstance(t, ast.Name):
                    return t.id
                if isinstance(t, ast.Attribute):
                    return t.attr
        return None

    def _scope(self, node: ast.AST) -> _Scope:
        """The scope a (non-definition) node is written in."""
        return self.scope_of.get(id(node)) or self.scopes[()]

    def _resolve(self, value: ast.expr, scope: _Scope):
        """The definition a name refers to: the enclosing function, its class (``self.X``,
        ``cls.X``, ``Class.X``), then the module."""
        if isinstance(value, ast.Name):
            qual = scope.qual
            while True:
                s = self.scopes.get(qual)
                if s is not None and (s.kind != "class" or qual == scope.qual) and value.id in s.defs:
                    d = s.defs[value.id]
                    if s.kind != "function" or d[0].lineno < value.lineno:
                        return d
                if not qual:
                    return None
                qual = qual[:-1]
        if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
            owner = value.value.id
            if owner in ("self", "cls"):
                qual = scope.qual
                while qual:
                    s = self.scopes.get(qual)
                    if s is not None and s.kind == "class":
                        return s.defs.get(value.attr)
                    qual = qual[:-1]
                return None
            for qual, s in self.scopes.items():
                if s.kind == "class" and qual[-1] == owner and value.attr in s.defs:
                    return s.defs[value.attr]
        return None

    # -- building prompts ---------------------------------------------------------------------

    def _build(self) -> list[Prompt]:
        out: list[Prompt] = []
        names: dict[str, int] = {}
        evaluated = []
        inlined_into: dict[int, set] = {}  # node id -> the prompts whose text includes it
        for f in sorted(self.found.values(), key=lambda f: (f.node.lineno, f.node.col_offset)):
            f.syntax = f.syntax or self.formatted.get(id(f.node))
            if f.by_name and f.syntax is None and self._only_sink_uses(f) or self._in_exception_class(f.node):
                continue
            self.visiting = {id(f.node)}
            before, self.inlined = self.inlined, set()
            try:
                pieces, syntax, notes = self._evaluate_top(f)
            except RecursionError:
                continue
            finally:
                for i in self.inlined:
                    inlined_into.setdefault(i, set()).add(f.container)
                self.inlined |= before
            if pieces is not None:
                evaluated.append((f, pieces, syntax, notes))
        prose = {id(f.node) for f, pieces, _s, _n in evaluated
                 if _prose(lit.static_text(pieces)) and not _json_document(pieces)}
        for f, pieces, syntax, notes in evaluated:
            if f.part and id(f.node) in self.inlined:
                continue
            if f.by_name and ".".join(f.scope) in inlined_into.get(id(f.node), ()) and self._local_name(f):
                # instructions = "..."; return "\n".join([instructions, ...]): a part of what its function
                # returns, reported inside that prompt
                continue
            static = lit.static_text(pieces)
            if not has_prompt_size(static, sum(isinstance(p, lit.Var) for p in pieces)) or _one_word(pieces):
                continue
            if id(f.node) not in prose and not (not _LETTERS.search(static)
                                                and (self._composed_prompt(f, evaluated, prose)
                                                     or self._composed_of_imports(f, pieces))):
                continue
            container = f.container
            if container in names:
                container = f"{container}@{f.node.lineno}"
                if container in names:
                    container = f"{container}:{f.node.col_offset + 1}"
            names[container] = 1
            segments = self._segments(pieces)
            variables = any(s.kind == "variable" for s in segments)
            out.append(Prompt(name=f"{self.path}:{container}", path=self.path, segments=segments,
                              kind="template" if variables else "text", syntax=syntax if variables else "none",
                              line=f.node.lineno, notes=notes, container=container, role=f.role))
        return out

    def _composed_prompt(self, f: _Found, evaluated: list, prose: set) -> bool:
        """A value made only of variables (``f"{git_ctx}\\n\\n{prompt}"``) that is still the prompt: the value a
        prompt-named local is given from itself with text put before it (kimi-cli ``prompt =
        f"{git_ctx}\\n\\n{prompt}"``), or the other branch of an ``if`` whose branch gives the same local a prompt's text
        (Kiln ``user_message = f"{formatted_user_message}\\n\\n{self.thinking_instructions}"`` else
        ``f"The input is: ..."``: exactly one runs, and the model reads it)."""
        stmt = self.parents.get(id(f.node))
        scope = self.scopes.get(f.scope)
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and scope is not None and scope.kind == "function"):
            return False
        name = stmt.targets[0].id
        head = f.node
        while isinstance(head, ast.BinOp):
            head = head.left
        if isinstance(head, ast.JoinedStr):
            head = next((v.value for v in head.values if isinstance(v, ast.FormattedValue)), None)
        if says_prompt(name) and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(f.node)) \
                and not (isinstance(head, ast.Name) and head.id == name):
            # (what is added after the prompt, ``prompt = f"{prompt}\\n\\n{message[1]}"``, is read as additions)
            return True
        return any(g is not f and g.container == f.container and id(g.node) in prose
                   and self._alternatives(f.node, g.node) for g, *_rest in evaluated)

    def _composed_of_imports(self, f: _Found, pieces: list) -> bool:
        """A value given to a model in place and made only of constants another module defines (claude-engineer
        ``system=f"{SystemPrompts.DEFAULT}\n\n{SystemPrompts.TOOL_USAGE}"`` with ``from prompts.system_prompts import
        SystemPrompts``): the prompt assembled from them.  Read alone the file cannot inline their text; a scan
        holding that module does (then the text is static)."""
        if f.by_name:
            return False
        names = [p.expression for p in pieces if isinstance(p, lit.Var)]
        if len(names) < 2:
            return False
        for text in names:
            try:
                node = ast.parse(text, mode="eval").body
            except SyntaxError:
                return False
            last = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
            while isinstance(node, ast.Attribute):
                node = node.value
            # (a constant or a class's by the convention: SystemPrompts.DEFAULT, prompts.SUMMARY, GUIDE)
            if not (isinstance(node, ast.Name) and node.id in self.import_from and last[:1].isupper()):
                return False
        return True

    def _local_name(self, f: _Found) -> bool:
        """``f`` is a function's local (``prompt_style_2.instructions``), not what it returns."""
        s = self.scopes.get(f.scope)
        return s is not None and s.kind == "function" and f.container != ".".join(f.scope)

    def _sent_as_written(self, f: _Found) -> bool:
        """A module constant that every read of the scan sends to a model as it is (``{"role": "system",
        "content": MATHEMATICAL_SYSTEM_PROMPT}`` in the files that import it), never formatting it nor
        passing it on: the text the model reads is the literal, so a ``{answer}`` in it (optillm's
        ``\\boxed{answer}``) is text, not a ``str.format`` field no code fills."""
        name = f.container
        if f.syntax is not None or f.scope != () or "." in name:
            return False
        d = self.scopes[()].defs.get(name)
        if d is None or d[0] is not f.node or self.scopes[()].assigned.get(name) != 1:
            return False
        own_reads = sum(not sink for (_q, n), us in self.sink_uses.items() if n == name for sink, _node in us)
        own_plain = self.plain_sends.get(id(f.node), 0)
        reads, plain, other = self.external_sends.get(name, (0, 0, 0))
        return other == 0 and own_reads == own_plain and reads == plain and own_plain + plain >= 1

    def _only_sink_uses(self, f: _Found) -> bool:
        """Whether every read of the name is inside a log/print/input/raise (or keeps a value that
        only goes there): a function's local is read only in that function (another function's
        ``prompt`` is another variable); what a function returns is read where it is called."""
        name = f.container.rsplit(".", 1)[-1]
        scope = f.scope[:-1] if ".".join(f.scope) == f.container else f.scope  # a function's return
        owner = tuple(f.container.split(".")[:-1])
        if owner != scope and self.scopes.get(owner) is not None and self.scopes[owner].kind == "class":
            scope = owner  # self.n_prompt = "..." in __init__: read by the class's methods
        local = self.scopes.get(scope) is not None and self.scopes[scope].kind == "function"
        uses = [(u, node) for (qual, n), us in self.sink_uses.items()
                if n == name and (not local or qual[:len(scope)] == scope) for u, node in us]
        flags = [u or self._kept_for_people(node) for u, node in uses]
        if not local and scope == () and f.container == name:  # a module constant: its reads in the files
            flags += self.external_reads.get(name, [])  # that import it count too (python_project)
        return bool(flags) and all(flags)

    def _kept_for_people(self, read: ast.AST, depth: int = 0) -> bool:
        """``website_list = get_website_list_for_prompt()`` where ``website_list`` is never read, or
        read only by print/input/log calls: the value reaches no model."""
        node = read
        parent = self.parents.get(id(node))
        if isinstance(parent, ast.Attribute) and isinstance(self.parents.get(id(parent)), ast.Call):
            node, parent = parent, self.parents.get(id(parent))  # text.strip(): the same text
        if isinstance(parent, ast.Call) and parent.func is node:
            node, parent = parent, self.parents.get(id(parent))
        if isinstance(parent, ast.Call) and _callee(parent) == "len":
            return True  # len(prompt_text): a count, no text goes on
        while isinstance(parent, (ast.BinOp, ast.JoinedStr, ast.FormattedValue)):
            # prompt = text + ", " + self.a_prompt: the read is a part of what the local holds
            if isinstance(parent, ast.JoinedStr) and _HTML.match(_static_head(parent)):
                return True  # f"<div ...><pre>{prompt_text}</pre>": a web page shows it
            node, parent = parent, self.parents.get(id(parent))
        if depth > 2 or not (isinstance(parent, ast.Assign) and len(parent.targets) == 1
                             and isinstance(parent.targets[0], ast.Name) and parent.value is node):
            return False
        scope = self._scope(parent)
        if scope.kind != "function":
            return False
        target = parent.targets[0].id
        uses = [(u, n) for (qual, name), us in self.sink_uses.items()
                if name == target and qual[:len(scope.qual)] == scope.qual for u, n in us]
        return all(u or self._kept_for_people(n, depth + 1) for u, n in uses)

    def _evaluate_top(self, f: _Found):
        notes: list[str] = []
        try:
            pieces, syntax = self._evaluate(f.node, f.scope, 0)
        except lit.Unreadable as exc:
            self.approximate = True  # literals read from ast's values, located at their start
            try:
                pieces, syntax = self._evaluate(f.node, f.scope, 0)
            except lit.Unreadable:
                pieces, syntax = None, None
            finally:
                self.approximate = False
            notes.append(f"positions inside this string are approximate ({exc})")
        if pieces is None:
            return None, None, notes
        syntax = f.syntax or syntax
        if syntax is None or syntax == "fstring" and not any(isinstance(p, lit.Var) for p in pieces):
            # (text joined from parts may hold template fields between its variable parts)
            guessed = holds_template_syntax(lit.static_text(pieces))
            if guessed in ("format", "percent") and self._sent_as_written(f):
                guessed = None  # content=SYSTEM wherever it is read, never formatted: its braces are text
            syntax = guessed or syntax
            if syntax in ("mustache", "handlebars") and _JSON_IN_BRACES.search(lit.static_text(pieces)):
                syntax = None  # {{"action": ...}}: JSON between doubled braces, no Mustache tag is a string
            if syntax in (None, "fstring") and _fenced_slots(lit.static_text(pieces)):
                # (an f-string with no field is a plain string: its ``{{name}}`` escapes are ``{name}`` fields
                # for a later ``.format``, AutoPR's ``prompt_template = f"""...```{{notes}}```..."""``)
                syntax = "format"
        slots = self.slots.get(id(f.node))
        if slots and syntax != "fstring":
            pieces, found = _slot_fields(pieces, slots)
            if found and syntax not in ("format", "percent", "jinja", "mustache", "template"):
                syntax = "replace"
        if syntax in ("format", "percent", "jinja", "mustache", "template"):
            try:
                pieces = _fields(pieces, syntax, self.path)
                if syntax == "format":
                    pieces = self._positional_fields(f.node, pieces)
            except SourceParseError as exc:
                if syntax == "jinja" and f.syntax is None and _NAME_TAGS.fullmatch(lit.static_text(pieces)):
                    # ``{{CURRENT_DATE}}``, ``{{MESSAGES:END:2}}``: tags Jinja cannot parse are a
                    # Mustache-style template the code fills by name (any tag text is a name there)
                    try:
                        pieces, syntax = _fields(pieces, "mustache", self.path), "mustache"
                    except SourceParseError:
                        notes.append(f"not read as a {syntax} template: {exc.message}")
                else:
                    notes.append(f"not read as a {syntax} template: {exc.message}")
        return pieces, syntax or "none", notes

    def _positional_fields(self, node: ast.expr, pieces: list) -> list:
        """``{}`` / ``{0}`` fields of a constant the file formats by position (OmniParser
        ``PROMPT_TEMPLATE.format(instruction, screen_info)``): each is the expression the call gives it, when every
        ``.format`` of the constant in the file gives the same ones (nothing is written between the braces)."""
        calls = self.format_args.get(id(node), [])
        if not calls or any(c != calls[0] for c in calls):
            return pieces
        args = calls[0]
        out = []
        for p in pieces:
            if isinstance(p, lit.Var) and p.text[1:-1].isdigit() or isinstance(p, lit.Var) and p.text == "{}":
                i = int(p.name) if p.name.isdigit() else -1
                if 0 <= i < len(args):
                    p = lit.Var(p.text, p.file, args[i], args[i])
            out.append(p)
        return out

    def _evaluate(self, node: ast.expr, scope: tuple, depth: int, whole: bool = True):
        """The pieces of a string expression and the syntax it implies, or (None, None).  ``whole``:
        a local's first value continues with what the function adds to it (``s += ...``)."""
        if depth > _MAX_DEPTH:
            return None, None
        steps = self._steps(node) if whole and not isinstance(node, (ast.List, ast.Tuple)) else []
        if any(kind == "add" for kind, _, _ in steps):
            base, syntax = self._evaluate(node, scope, depth, whole=False)
            if base is None:
                return None, None
            out = lit.Builder()
            out.extend(base)
            for kind, expr, cond in steps:
                if kind != "add":
                    continue
                pieces, s = (None, None) if cond else self._evaluate(expr, scope, depth + 1)
                out.extend(pieces if pieces is not None else [self._var(expr)])
                syntax = syntax or s
            return out.pieces, syntax
        if isinstance(node, (ast.Constant, ast.JoinedStr)):
            if isinstance(node, ast.Constant) and not isinstance(node.value, str):
                return None, None
            if self.approximate:
                return self._fallback(node), ("fstring" if isinstance(node, ast.JoinedStr) else None)
            a = self.offset(node.lineno, node.col_offset)
            b = self.offset(node.end_lineno, node.end_col_offset)
            pieces = lit.read_literals(self.text, a, b)
            self._check(node, pieces)
            if isinstance(node, ast.JoinedStr):
                return self._inline_constants(pieces, scope, depth), "fstring"
            return pieces, None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, ls = self._evaluate(node.left, scope, depth + 1)
            right, rs = self._evaluate(node.right, scope, depth + 1)
            left = left if left is not None else self._imported_operand(node.left, scope)
            right = right if right is not None else self._imported_operand(node.right, scope)
            if left is None and right is None:
                return None, None
            out = lit.Builder()
            out.extend(left if left is not None else [self._var(node.left)])
            out.extend(right if right is not None else [self._var(node.right)])
            return out.pieces, ls or rs
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            left, _ = self._evaluate(node.left, scope, depth + 1)
            return (None, None) if left is None else (_fields(left, "percent", self.path), "percent")
        if isinstance(node, ast.Call):
            f = node.func
            if depth == 0 and _strftime_format(node) is not None:
                inner, _ = self._evaluate(_strftime_format(node), scope, depth + 1)
                return (None, None) if inner is None else (self._strftime_fields(inner, f.value), "percent")
            if isinstance(f, ast.Attribute) and f.attr == "format":
                inner, _ = self._evaluate(f.value, scope, depth + 1)
                return (None, None) if inner is None else (_fields(inner, "format", self.path), "format")
            if isinstance(f, ast.Attribute) and f.attr in ("strip", "lstrip", "rstrip"):
                inner, s = self._evaluate(f.value, scope, depth + 1)
                chars = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
                if inner is None or (node.args and not isinstance(chars, str)):
                    return None, None
                return lit.strip(inner, f.attr, chars), s
            if _callee(node) == "dedent" and node.args:
                inner, s = self._evaluate(node.args[0], scope, depth + 1)
                return (None, None) if inner is None else (lit.dedent(inner), s)
            if _callee(node) == "cleandoc" and node.args:
                inner, s = self._evaluate(node.args[0], scope, depth + 1)
                return (None, None) if inner is None else (_cleandoc(inner), s)
            if _is_join(node):
                return self._joined(node, scope, depth)
            if depth > 0 and self.scopes.get(scope, self.scopes[()]).kind != "function" and self._wraps_prompt(node):
                return self._evaluate(node.args[0], scope, depth + 1)
            return None, None
        if isinstance(node, ast.Name) and depth > 0:
            d = self._resolve(node, self.scopes.get(scope, self.scopes[()]))
            if d is not None and id(d[0]) not in self.visiting and self._stringish(d[0], d[2], 1):
                self.visiting.add(id(d[0]))
                self.inlined.add(id(d[0]))
                try:
                    return self._evaluate(d[0], d[2].qual, depth + 1)
                finally:
                    self.visiting.discard(id(d[0]))
            if d is not None and isinstance(d[0], ast.Call) and d[2].assigned.get(node.id) == 1:
                return self._read_through(d[0], d[2], depth, self.offset(node.lineno, node.col_offset))
        return None, None

    def _joined(self, node: ast.Call, scope: tuple, depth: int):
        """``"\n\n".join(parts)``: the items in order with the separator between them (written once,
        so every copy is located at it); an item that is not text, or is added only under a
        condition, is a variable written as its expression."""
        sep, _ = self._evaluate(node.func.value, scope, depth + 1)
        items = self._items(node.args[0], scope)
        if sep is None or items is None:
            return None, None
        out, syntax, any_text = lit.Builder(), None, False
        for i, (expr, cond) in enumerate(items):
            if i:
                out.extend(sep)
            pieces, s = (None, None) if cond else self._evaluate(expr, scope, depth + 1)
            any_text = any_text or pieces is not None
            out.extend(pieces if pieces is not None else [self._var(expr)])
            syntax = syntax or s
        return (out.pieces, syntax) if any_text else (None, None)

    def _inline_constants(self, pieces: list, scope: tuple, depth: int) -> list:
        """``f"...{POLICY}..."``: a field that is just the name of a module or class string constant
        (assigned once) is that constant's text, located where the constant is written."""
        if not any(isinstance(p, lit.Var) and p.expression.isidentifier() for p in pieces):
            return pieces
        out = lit.Builder()
        for p in pieces:
            inner = None
            if isinstance(p, lit.Var) and p.expression.isidentifier():
                d = self._constant(p.expression, scope)
                if d is not None and id(d[0]) not in self.visiting:
                    self.visiting.add(id(d[0]))
                    try:
                        inner, _ = self._evaluate(d[0], d[2].qual, depth + 1)
                        if inner is not None:
                            self.inlined.add(id(d[0]))
                    finally:
                        self.visiting.discard(id(d[0]))
            if inner is None and isinstance(p, lit.Var) and p.expression.isidentifier():
                inner = self._imported_constant(p.expression, scope, p.file)
            if inner is None and isinstance(p, lit.Var) and p.expression.isidentifier():
                d = self._call_binding(p.expression, scope)
                if d is not None:
                    inner, _ = self._read_through(d[0], d[2], depth, p.file)
            out.extend(inner if inner is not None else [p])
        return out.pieces

    def _call_binding(self, name: str, scope: tuple):
        """The definition of a module- or class-level name assigned exactly once to a call, seen from
        ``scope`` (``SYSTEM_PROMPT = build_system_prompt()``)."""
        qual = scope
        while True:
            s = self.scopes.get(qual)
            if s is not None and s.kind != "function" and name in s.defs:
                if s.kind == "module" or qual == scope:
                    d = s.defs[name]
                    return d if s.assigned.get(name) == 1 and isinstance(d[0], ast.Call) else None
            elif s is not None and s.kind == "function" and (name in s.assigned or name in self.params.get(qual, ())):
                return None
            if not qual:
                return None
            qual = qual[:-1]

    def _literal_return(self, call: ast.Call, scope: _Scope):
        """(what it returns, its qualified name) when ``call`` calls a function of this file with one
        ``return`` of a string literal or of a string built from literals and its parameters
        (``def greeting(name): return f"Hello {name}, ..."``); else None."""
        for value, qual in self._returns_of(call, scope)[:1]:
            rets = self.returns.get(qual, [])
            if len(rets) == 1 and rets[0].value is value and not isinstance(value, ast.Name) \
                    and self._stringish(value, self.scopes[qual]):
                return value, qual
        return None

    def _reads_through(self, call: ast.Call, scope: _Scope) -> bool:
        if self._literal_return(call, scope) is not None:
            return True
        target = self._imported_call(call, scope)
        return target is not None

    def _imported_call(self, call: ast.Call, scope: _Scope):
        """The text an imported function of the scan returns, when it returns one string literal."""
        from .python_project import imported_literal_return

        f = call.func
        if self.project is None or not isinstance(f, ast.Name) or f.id not in self.import_from \
                or self._bound_locally(f.id, scope.qual):
            return None
        module, attr = self.import_from[f.id]
        return imported_literal_return(self.project, module + (attr,)) if attr else None

    def _read_through(self, call: ast.Call, scope: _Scope, depth: int, at: int):
        """``x = f(a)`` then ``f"...{x}"`` / ``x + task`` / ``"\n".join([x, ...])``: x is the text ``f``
        returns when ``f`` returns one literal or a string built from literals, with the call's
        arguments as the variables where ``f`` formats its parameters; an imported function of the
        scan that returns one string literal gives that text (located at the use)."""
        found = self._literal_return(call, scope)
        if found is None:
            text = self._imported_call(call, scope)
            if text is None:
                return None, None
            out = lit.Builder()
            out._escape(text, at)
            return out.pieces, None
        value, qual = found
        if id(value) in self.visiting:
            return None, None
        self.visiting.add(id(value))
        try:
            pieces, syntax = self._evaluate(value, qual, depth + 1)
        finally:
            self.visiting.discard(id(value))
        if pieces is None:
            return None, None
        args = self._call_arguments(call, qual)
        out = []
        for p in pieces:
            if isinstance(p, lit.Var) and p.name in args:
                arg = args[p.name]
                expression = arg + p.expression[len(p.name):] if p.expression.startswith(p.name) else p.expression
                p = lit.Var(p.text, p.file, expression, arg)
            out.append(p)
        return out, syntax

    def _call_arguments(self, call: ast.Call, qual: tuple) -> dict[str, str]:
        """The source of each argument of ``call`` by the parameter it goes to."""
        params = list(self.params.get(qual, []))
        if params[:1] in (["self"], ["cls"]) and isinstance(call.func, ast.Attribute):
            params = params[1:]
        out = {}
        for param, arg in zip(params, call.args):
            if isinstance(arg, ast.Starred):
                break
            out[param] = self.source(arg)
        out.update({kw.arg: self.source(kw.value) for kw in call.keywords if kw.arg})
        return out

    def _imported_constant(self, name: str, scope: tuple, at: int) -> list | None:
        """``from .prompts import PREAMBLE`` and ``f"{PREAMBLE}..."`` / ``PREAMBLE + task``: the string
        literal another file of the scan binds once to that name (``python_project.imported_constant``),
        located at the use (a segment has no file of its own)."""
        from .python_project import imported_constant

        if self.project is None or name not in self.import_from or self._bound_locally(name, scope):
            return None
        module, attr = self.import_from[name]
        value = imported_constant(self.project, module + (attr,)) if attr else None
        if value is None:
            return None
        out = lit.Builder()
        out._escape(value, at)
        return out.pieces

    def _imported_operand(self, node: ast.expr, scope: tuple) -> list | None:
        """An imported constant added to other text (``PREAMBLE + task``); alone (``X.format(...)``,
        ``p = X``) it stays the prompt of its own file, not a copy here."""
        if not isinstance(node, ast.Name):
            return None
        return self._imported_constant(node.id, scope, self.offset(node.lineno, node.col_offset))

    def _bound_locally(self, name: str, scope: tuple) -> bool:
        """A name of the file (assigned, defined or a parameter in ``scope`` or a scope around it)."""
        qual = scope
        while True:
            s = self.scopes.get(qual)
            if s is not None and (name in s.defs or name in s.assigned or name in self.params.get(qual, ())):
                return True
            if not qual:
                return False
            qual = qual[:-1]

    def _constant(self, name: str, scope: tuple):
        """The definition of a module- or class-level name assigned exactly once, seen from ``scope``."""
        qual = scope
        while True:
            s = self.scopes.get(qual)
            if s is not None and s.kind != "function" and name in s.defs:
                if s.kind == "module" or qual == scope:
                    return s.defs[name] if s.assigned.get(name) == 1 and self._stringish(s.defs[name][0], s) \
                        else None
            elif s is not None and s.kind == "function" and (name in s.assigned or name in self.params.get(qual, ())):
                # a local of that name shadows the constant; one the function binds once, to a literal, in
                # its own body, is that text on every call
                return self._local_literal(name, qual) if qual == scope else None
            if not qual:
                return None
            qual = qual[:-1]

    def _local_literal(self, name: str, qual: tuple):
        """The definition of a function's local bound exactly once, by a statement of the function's own
        body (not under ``if``/``for``/``try``), to a string literal (``instruction = "..."``), and
        never otherwise stored to (loop targets, ``with ... as``, ``global``)."""
        fn = self.func_nodes.get(qual)
        if fn is None or name in self.params.get(qual, ()) or name in {
                a.arg for a in fn.args.kwonlyargs + [fn.args.vararg, fn.args.kwarg] if a is not None}:
            return None
        stores, scoped = 0, False
        todo = list(fn.body)
        while todo:
            n = todo.pop()
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue  # (a nested function's names are its own)
            if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, (ast.Store, ast.Del)):
                stores += 1
            elif isinstance(n, (ast.Global, ast.Nonlocal)) and name in n.names:
                scoped = True
            todo.extend(ast.iter_child_nodes(n))
        binding = [st for st in fn.body if isinstance(st, ast.Assign) and len(st.targets) == 1
                   and isinstance(st.targets[0], ast.Name) and st.targets[0].id == name]
        if stores != 1 or scoped or len(binding) != 1 or not (
                isinstance(binding[0].value, ast.Constant) and isinstance(binding[0].value.value, str)):
            return None
        return binding[0].value, ".".join(qual + (name,)), self.scopes[qual]

    def _check(self, node: ast.expr, pieces: list) -> None:
        """The value read from the source must be the one Python computes."""
        if isinstance(node, ast.Constant):
            if lit.value_text(pieces) != node.value or any(isinstance(p, lit.Var) for p in pieces):
                raise lit.Unreadable("literal value differs")
            return
        static = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        fields = sum(isinstance(v, ast.FormattedValue) for v in node.values)
        if lit.static_text(pieces) != static or sum(isinstance(p, lit.Var) for p in pieces) != fields:
            raise lit.Unreadable("f-string parts differ")

    def _fallback(self, node: ast.Constant | ast.JoinedStr) -> list:
        """Pieces from ``ast``'s own values, all located at the start of the literal."""
        start = self.offset(node.lineno, node.col_offset)
        out = lit.Builder()
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out._escape(node.value, start)
        elif isinstance(node, ast.JoinedStr):
            for v in node.values:
                if isinstance(v, ast.Constant):
                    out._escape(v.value, start)
                else:
                    expr = ast.unparse(v.value)
                    out.var(lit.Var("{" + expr + "}", start, expr, expr))
        return out.pieces

    def _strftime_fields(self, pieces: list, clock: ast.expr) -> list:
        """``datetime.now().strftime("The current date is %Y-%m-%d.")``: the format's text with each run of
        directives (``%Y-%m-%d``) a variable, written as the call that gives it (``datetime.now().strftime(
        "%Y-%m-%d")``: what the value is, for the volatility rules); ``%%`` is a ``%``."""
        out = lit.Builder()
        receiver = self.source(clock)
        for p in pieces:
            if isinstance(p, lit.Var):
                out.var(p)
                continue
            pos = 0
            for m in _STRFTIME_RUN.finditer(p.text):
                if m.start() > pos:
                    out.extend([_sub(p, pos, m.start())])
                if m.group() == "%%":
                    out._escape("%", p.file_offset(m.start())[0])
                else:
                    call = f'{receiver}.strftime("{m.group()}")'
                    out.var(lit.Var(m.group(), p.file_offset(m.start())[0], call, call))
                pos = m.end()
            if pos < len(p.text):
                out.extend([_sub(p, pos, len(p.text))])
        return out.pieces

    def _var(self, node: ast.expr) -> lit.Var:
        text = self.source(node)
        return lit.Var(text, self.offset(node.lineno, node.col_offset), text, text)

    def _segments(self, pieces: list) -> list[Segment]:
        segs: list[Segment] = []
        for p in pieces:
            if isinstance(p, lit.Var):
                line, col = self.line_col(p.file)
                verbatim = self.text.startswith(p.text, p.file)
                segs.append(Segment(p.text, "variable", line, col, verbatim, name=p.name, expression=p.expression))
                continue
            for lo, hi, fo, verbatim in p.slices(0, len(p.text)):
                line, col = self.line_col(fo)
                segs.append(Segment(p.text[lo:hi], "static", line, col, verbatim))
        return segs


def _writes_text(cls: ast.ClassDef) -> bool:
    """Whether a class keeps text of its own: a string constant in its body or a method returning a literal."""
    for n in ast.walk(cls):
        value = n.value if isinstance(n, (ast.Return, ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.JoinedStr) or isinstance(value, ast.Constant) and isinstance(value.value, str):
            return True
    return False


def _empty(node: ast.expr) -> bool:
    """``""``, ``None`` or ``[]``: the value a local starts with before the code gives it its text."""
    return isinstance(node, ast.Constant) and node.value in ("", None) or isinstance(node, ast.List) and not node.elts


def _role_message_class(name: str) -> str | None:
    """The role of a message class named for it (``UserMessage``, ``AssistantMessage``,
    ``DeveloperMessage``: a role word, then ``Message``); None for other names."""
    words = name_words(name)
    if len(words) == 2 and words[1] == "message" and name[:1].isupper():
        return _role(words[0])
    if len(words) >= 3 and words[-2:] == ["message", "param"] and name[:1].isupper():
        # the OpenAI SDK's request message types (openai.types.chat): ChatCompletionSystemMessageParam(...)
        return _role(words[-3])
    return None


def _called_parts(value: ast.expr) -> list[ast.Call | ast.Name | ast.Attribute]:
    """The calls and names a prompt's text is made of: operands of ``+`` and fields of an f-string
    (``"Summarize." + self._response_language()``, ``f"{header()}..."``, ``f"{output}{INSTRUCTIONS}"``)."""
    if not isinstance(value, (ast.BinOp, ast.JoinedStr)):
        return []  # (a bare call is the prompt itself: followed where its result is used, not here)
    out, todo = [], [value]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            todo += [node.left, node.right]
        elif isinstance(node, ast.JoinedStr):
            todo += [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
        elif isinstance(node, ast.Call) and not _is_join(node) and _callee(node) not in (
                "format", "strip", "lstrip", "rstrip", "dedent", "cleandoc"):
            out.append(node)
        elif isinstance(node, (ast.Name, ast.Attribute)):
            out.append(node)
    return out


_ONLY_FIELDS = re.compile(r"\{[A-Za-z_]\w*\}")
_SLOT_LINE = re.compile(r"^[ \t]*\{[A-Za-z_]\w*\}[ \t]*$", re.M)
_FENCE_BLOCK = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n(.*?)^[ \t]*\1", re.M | re.S)


def _marks_a_message(value: ast.expr) -> bool:
    """The value of a key beside a message's fields that only marks the message: ``True``/``False``, or a mapping
    written in place whose values hold no text (flags, numbers, counts: ``{"reset": True, "retain": len(kept)}``).
    A string, a name or a call (an event type, a thought, a timestamp) is a record's field."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, bool)
    if isinstance(value, ast.Dict):
        return None not in value.keys and all(
            isinstance(v, ast.Constant) and not isinstance(v.value, str)
            or isinstance(v, ast.Call) and not isinstance(v.func, ast.Attribute) and _callee(v) in ("len", "int", "bool")
            for v in value.values)
    return False


def _builds_a_prompt(call: ast.Call) -> bool:
    """A call of a class named for a prompt, or of its class method (``ChatPromptTemplate(...)``,
    ``ChatPromptTemplate.from_messages(...)``, ``PromptTemplate(...)``): it returns the prompt made of its arguments,
    not a model's reply (``self.submit_prompt([...])``, a method, sends them and returns the answer)."""
    return any(part[:1].isupper() and says_prompt(part) for part in _dotted(call.func).split(".")) \
        and not _requests_a_reply(call)


def _param_defaults(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[str, ast.expr]]:
    """(parameter name, default) for each parameter of ``fn`` that has a default."""
    a = fn.args
    positional = a.posonlyargs + a.args
    pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults)) + list(zip(a.kwonlyargs, a.kw_defaults))
    return [(arg.arg, default) for arg, default in pairs if default is not None]


def _rail_spec(node: ast.expr) -> bool:
    """A guardrails RAIL spec written in the code (docs.guardrails.ai, "RAIL"; AutoPR's ``get_rail_spec``): an XML
    document whose root is ``<rail>`` and that holds a ``<prompt>`` or ``<instructions>`` element, the text
    ``Guard.from_rail_string(...)`` sends to the model (instructions as the system message, prompt as the user's)
    with its ``<output>`` schema.  Its text is a prompt whatever the name it is kept under."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    else:
        return False
    return bool(_RAIL_ROOT.match(text)) and bool(_RAIL_PROMPT.search(text))


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


def _names_an_answer(name: str) -> bool:
    """``NO_DATA_ANSWER``, ``CANNED_REPLY``: a constant kept beside prompts that is named for an
    answer is what the program answers in the model's place (or an answer it expects), not text sent
    to the model; a prompt that includes it (``f"...{EXAMPLE_ANSWER}"``) reports its text anyway."""
    words = name_words(name)
    return bool(words) and words[-1] in _ANSWER_WORDS


def _field_default(value: ast.expr | None) -> ast.expr | None:
    """The text default of a pydantic ``Field(default=...)`` / ``Field("...")`` or a dataclasses ``field(default=...)``
    (their documented first parameter / keyword), or None."""
    if not (isinstance(value, ast.Call) and _callee(value) in ("Field", "field")):
        return None
    kws = {k.arg: k.value for k in value.keywords}
    default = kws.get("default", value.args[0] if value.args and _callee(value) == "Field" else None)
    return default if isinstance(default, (ast.Constant, ast.JoinedStr, ast.BinOp)) else None


def _handles_prompts(function: str) -> bool:
    """``list_mcp_prompts``, ``serialize_prompt``: a function named for what it does to prompts."""
    words = name_words(function)
    return bool(words) and words[0] in _HANDLING_VERBS


def _docstring(node: ast.ClassDef) -> ast.Constant | None:
    first = node.body[0] if node.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first.value
    return None


def _is_join(call: ast.Call) -> bool:
    f = call.func
    return isinstance(f, ast.Attribute) and f.attr == "join" and len(call.args) == 1 and not call.keywords \
        and isinstance(f.value, ast.Constant) and isinstance(f.value.value, str)


def _same_body(block: ast.AST, a: ast.stmt, b: ast.stmt) -> bool:
    """Whether two statements sit in the same statement list of ``block`` (not ``if`` vs ``else``)."""
    for name in ("body", "orelse", "finalbody", "handlers"):
        stmts = getattr(block, name, None)
        if isinstance(stmts, list) and a in stmts and b in stmts:
            return True
    return False


def _branches(value: ast.expr) -> list[ast.expr]:
    """``f"..." if context else ""``, ``prompt or DEFAULT``: each branch is a value the name may hold."""
    if isinstance(value, ast.IfExp):
        return _branches(value.body) + _branches(value.orelse)
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
        # prompt = prompt or DEFAULT_PROMPT / inspect.cleandoc("""..."""): the default is a value
        return [b for v in value.values for b in _branches(v)]
    return [value]


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


def _one_word(pieces: list) -> bool:
    """Static text and placeholders written together without a space between them
    (``"pairwise_{model_or_physician}_{metric}_{pred_str}"``, ``f"{run_dir}/{name}.json"``): one word
    counting placeholders, a key or a path, under the size rule (a Han or Kana character is a word)."""
    static = lit.static_text(pieces)
    return any(isinstance(p, lit.Var) for p in pieces) and not any(c.isspace() for c in static) \
        and count_words(static) <= 1


def _replaced_slot(call: ast.Call, imports: dict) -> tuple[str, ast.expr] | None:
    """(marker, template) of ``template.replace("<marker>", value)`` or ``re.sub(r"<marker>", value, template)``
    when the marker is a slot: a literal with a letter and no space (``<<conversation>>``, ``<ui_element>``,
    ``TASK_DESCRIPTION``), matched as written by ``re.sub`` (no pattern syntax); not ``.replace("{{", "{")``,
    ``.replace("\\n", " ")`` (text transformations)."""
    f = call.func
    if isinstance(f, ast.Attribute) and f.attr == "replace" and len(call.args) >= 2:
        marker, template = call.args[0], f.value
    elif _callee(call) == "sub" and len(call.args) >= 3 and (
            isinstance(f, ast.Attribute) and _dotted(f.value) == "re" or imports.get("sub") == "re.sub"):
        marker, template = call.args[0], call.args[2]
        if not (isinstance(marker, ast.Constant) and isinstance(marker.value, str)) or re.escape(marker.value) != marker.value:
            return None
    else:
        return None
    if not (isinstance(marker, ast.Constant) and isinstance(marker.value, str)):
        return None
    text = marker.value
    if len(text) < 2 or not re.search(r"[^\W\d_]", text) or any(c.isspace() for c in text):
        return None
    return text, template


def _slot_fields(pieces: list, slots: set[str]) -> tuple[list, bool]:
    """Each occurrence of a slot marker in the static text becomes a variable named by its words
    (``<ui_element>`` -> ``ui_element``), located where it is written."""
    pattern = re.compile("|".join(re.escape(m) for m in sorted(slots, key=len, reverse=True)))
    out, found = lit.Builder(), False
    for p in pieces:
        if isinstance(p, lit.Var):
            out.var(p)
            continue
        pos = 0
        for m in pattern.finditer(p.text):
            out.extend([_sub(p, pos, m.start())] if m.start() > pos else [])
            name = re.sub(r"\W+", "_", m.group()).strip("_") or m.group()
            out.var(lit.Var(m.group(), p.file_offset(m.start())[0], m.group(), name))
            pos, found = m.end(), True
        if pos < len(p.text):
            out.extend([_sub(p, pos, len(p.text))] if pos else [p])
    return out.pieces, found


def _plural_prompts(name: str) -> bool:
    """A name that says it gives several prompts (``_initialize_prompts``, ``_initialize_prompts_pure_vision``,
    ``get_prompt_templates``)."""
    return bool({"prompts", "templates"} & set(name_words(name)))


def _last_sentence(text: str) -> str:
    """The last sentence of a line: a question to a person at a terminal ends with its choices or the key to
    press (``Run these commands? [y/N]``); a one-line system prompt may mention a key earlier (SeeAct's
    ``... type text or press Enter with the keyboard. ... Terminate when you deem the task complete ...``)."""
    parts = re.split(r"(?<=[.!?])\s+(?=\S)", text.strip())
    return parts[-1] if parts else text


def _unwrap(value: ast.expr) -> tuple[ast.expr, str | None]:
    """``X.format(...)``, ``X % args``, ``X.strip()`` -> (X, the syntax the call implies)."""
    syntax = None
    while True:
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and value.func.attr in ("format", "strip", "lstrip", "rstrip"):
            syntax = syntax or ("format" if value.func.attr == "format" else None)
            value = value.func.value
        elif isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod):
            syntax = syntax or "percent"
            value = value.left
        else:
            return value, syntax


def _fields(pieces: list, syntax: str, path: str) -> list:
    """Template fields in the static text of ``pieces`` become variables (each chunk parsed whole,
    so a field or block spanning escapes is found; its position is where it starts)."""
    from .template import parse_pieces

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


def _strftime_format(call: ast.Call) -> ast.Constant | None:
    """The literal format of ``<time>.strftime("...")`` (its one argument), when it has a directive."""
    f = call.func
    if isinstance(f, ast.Attribute) and f.attr == "strftime" and len(call.args) == 1 and not call.keywords:
        arg = call.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _STRFTIME_RUN.search(arg.value):
            return arg
    return None


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


def _role(role: str | None) -> str | None:
    if role is None:
        return None
    role = role.lower()
    return ROLE_ALIASES.get(role, role) if role in ("system", "developer", "user", "assistant", "tool",
                                                      *ROLE_ALIASES) else None


_MODEL_METHODS = frozenset({"invoke", "ainvoke", "predict", "apredict", "generate", "agenerate", "complete",
                            "acomplete", "chat", "achat"})


def _calls_a_model(f: ast.expr) -> bool:
    """``self.llm(...)``, ``llm.invoke(...)``, ``self.fast_llm.predict(...)``: the callee (or the object
    whose model method is called) is named ``llm`` or ``*_llm``; and a model adapter's ``invoke``
    (Kiln ``adapter = adapter_for_task(...)`` then ``adapter.invoke_returning_run_output(run_description)``:
    ``BaseAdapter.invoke*`` runs the task's model on that input)."""
    invoke = isinstance(f, ast.Attribute) and (f.attr in ("invoke", "ainvoke") or f.attr.startswith("invoke_"))
    if isinstance(f, ast.Attribute) and (f.attr in _MODEL_METHODS or invoke):
        f = f.value
    last = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
    words = name_words(last)
    return bool(words) and (words[-1] == "llm" or invoke and words[-1] == "adapter")


def _requests_a_reply(call: ast.Call) -> bool:
    """A call given the parameters of one generation (the OpenAI / Anthropic request fields that bound or
    sample one reply: ``max_tokens``, ``stop``, ``top_p``...): a request to a model, whose result is the
    model's answer, not an object holding the prompt (``qa = PromptTemplate(template=...)`` is one)."""
    return any(k.arg in _GENERATION_KEYWORDS for k in call.keywords)


def _callee(call: ast.Call) -> str:
    f = call.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return ""


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _dotted(node.func) + "()"
    return ""


def _asks_a_person(callee: str) -> bool:
    """A call named for asking the user (``cl.AskUserMessage``, ``get_user_response``,
    ``ask_human``, ``get_human_input``): its text is shown to a person, who answers it."""
    words = set(name_words(callee))
    if not words & {"user", "human"}:
        return False
    return bool(words & {"ask", "input", "response", "reply", "confirm", "confirmation", "choice"})


def _static_head(fstring: ast.JoinedStr) -> str:
    """The text an f-string starts with, up to its first field."""
    first = fstring.values[0] if fstring.values else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""


def _state_path(node: ast.expr) -> str | None:
    """``st.session_state.messages`` / ``st.session_state["messages"]`` -> ``messages``: a key of
    Streamlit's session state; None for anything else."""
    if isinstance(node, ast.Attribute):
        key, owner = node.attr, node.value
    elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        key, owner = node.slice.value, node.value
    else:
        return None
    return key if _dotted(owner) in ("st.session_state", "streamlit.session_state") else None


def _prompt_toolkit_asks(call: ast.Call, imports: dict[str, str], bound) -> bool:
    """prompt_toolkit's ``prompt("...")`` and ``PromptSession(...).prompt("...")`` (also through a name
    ``bound`` to the session) show their text to a person at the terminal and return the answer."""
    f = call.func
    if isinstance(f, ast.Name):
        return f.id == "prompt" and imports.get("prompt", "").split(".")[0] == "prompt_toolkit"
    if not (isinstance(f, ast.Attribute) and f.attr == "prompt"):
        return False
    session = bound(f.value) if isinstance(f.value, (ast.Name, ast.Attribute)) else f.value
    return isinstance(session, ast.Call) and _callee(session) == "PromptSession" \
        and imports.get("PromptSession", "").split(".")[0] == "prompt_toolkit"


def param_for_people(tree: ast.Module, fn: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> bool:
    """Whether the module-level function ``fn`` of ``tree`` only prints, logs, raises or asks the user with
    its parameter ``param`` (read from its parse tree alone: another file's function, whose analysis is
    its own file's)."""
    imports, module_values = {}, {}
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                mod = node.module if isinstance(node, ast.ImportFrom) else None
                imports[a.asname or a.name.split(".")[0]] = f"{mod}.{a.name}" if mod else a.name
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            module_values[node.targets[0].id] = node.value

    def bound(name):
        return module_values.get(name.id) if isinstance(name, ast.Name) else None

    parents = {id(c): p for p in ast.walk(fn) for c in ast.iter_child_nodes(p)}
    reads = [n for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == param and isinstance(n.ctx, ast.Load)]
    for read in reads:
        cur = parents.get(id(read))
        while cur is not None and cur is not fn and not (
                isinstance(cur, (ast.Raise, ast.Assert))
                or isinstance(cur, ast.Call) and (_is_sink_call(cur) or _prompt_toolkit_asks(cur, imports, bound))):
            cur = parents.get(id(cur))
        if cur is None or cur is fn:
            return False
    return bool(reads)


def _generates_an_image(call: ast.Call) -> bool:
    """``pipe(prompt, negative_prompt=...)``: a text-to-image pipeline (diffusers' ``negative_prompt``),
    whose prompts are no language model's (no prefix cache to keep)."""
    return any(k.arg == "negative_prompt" for k in call.keywords)


# calls that run the callable they are given with the arguments after it, on an executor or a thread
# (asyncio ``run_in_executor`` / ``to_thread``, anyio ``run_sync``, ``ThreadPoolExecutor.submit``)
_RUNS_A_CALLABLE = frozenset({"run_in_executor", "to_thread", "run_sync", "submit"})


def _is_sink_call(call: ast.Call) -> bool:
    f = call.func
    if _asks_a_person(_callee(call)):
        return True
    if _generates_an_image(call):
        return True
    if _callee(call) in _RUNS_A_CALLABLE and any(isinstance(a, ast.Name) and a.id in ("print", "input", "getpass")
                                                 for a in call.args):
        return True  # loop.run_in_executor(None, input, prompt): input(prompt), run on a thread
    if isinstance(f, ast.Name):
        return f.id in ("print", "input", "warn", "getpass") or f.id.endswith("Error") or f.id.endswith("Exception") \
            or name_words(f.id)[:1] == ["print"]  # print_text(...), a wrapper named for printing
    if isinstance(f, ast.Attribute):
        if name_words(f.attr)[:1] == ["print"]:
            return True
        owner = _dotted(f.value)
        if f.attr == "ask" and _ASK_OWNERS.search(owner) or f.attr in _ASKERS.get(owner, ()) \
                or f.attr == "getpass" and owner == "getpass":
            return True
        if f.attr in _SINK_METHODS:
            owner = _dotted(f.value)
            return f.attr in ("print", "echo", "secho", "exception") or bool(_SINK_OWNERS.search(owner)) \
                or owner.endswith(("log", "logger"))
        return False
    return False

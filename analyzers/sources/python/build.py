"""From what was found to prompts: which found strings are kept, evaluated at the top of each."""

from __future__ import annotations

import ast
import re

from ...model import Prompt
from .. import python_literals as lit
from ..interface import SourceParseError
from ..prompt_names import has_prompt_size, holds_template_syntax, says_prompt
from ..python_project import REGEX_SLOT
from .found import _Found
from .rules import _HTML, _JSON_IN_BRACES, _LETTERS, _NAME_TAGS
from .syntax import _callee, _static_head
from .texts import _fenced_slots, _fields, _json_document, _one_word, _prose, _slot_fields, _xml_document

# a slot marker written as a str.format field (`{task_description}`), filled by `.replace`
_BRACE_SLOT = re.compile(r"\{[A-Za-z_]\w*\}")


class _Build:
    """Which found strings are kept as prompts, evaluated at the top."""

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
                 if _prose(lit.static_text(pieces)) and not _json_document(pieces)
                 # a packet found by its name alone (``xml_template``); one the code puts in a message is sent
                 and not (f.by_name and not f.role and _xml_document(pieces))}
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
                                                     or self._composed_of_imports(f, pieces)
                                                     or self._opens_with_class_text(f, pieces))):
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

    def _opens_with_class_text(self, f: _Found, pieces: list) -> bool:
        """A value a method gives to a model in place (by its use), made only of fields, whose first field is a field
        of the method's class with a prose default (ControlFlow ``HumanMessage(content=f"({self.prefix})\\n\\n
        {self.content}")`` with ``prefix: Optional[str] = ORCHESTRATOR_PREFIX``, "The following message is from the
        orchestrator."): the class's own text opens the message, which a caller may replace."""
        first = next((p for p in pieces if isinstance(p, lit.Var)), None)
        if f.by_name or first is None or not (first.expression or "").startswith("self.") \
                or len(f.scope) < 2 or self.scopes.get(f.scope[:-1]) is None:
            return False
        cls = self.scopes[f.scope[:-1]]
        d = cls.defs.get(first.expression[len("self."):]) if cls.kind == "class" else None
        value = d[0] if d is not None else None
        if isinstance(value, ast.Name) and value.id in self.scopes[()].defs:
            value = self.scopes[()].defs[value.id][0]
        return isinstance(value, ast.Constant) and isinstance(value.value, str) and _prose(value.value)

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
        if self.scopes.get(scope) is not None and self.scopes[scope].kind == "class" and self._project_bases(scope):
            # Adala ``class PromptImprovementSkill(AnalysisSkill): instructions = "..."``, only logged in its
            # class: the project's base class (another module of the same package) declares the field and its
            # methods read it (``instructions_template=self.instructions``); this file's reads are not all of them
            return False
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
        if isinstance(parent, ast.Call) and _callee(parent) == "encode" and node in parent.args \
                and isinstance(self.parents.get(id(parent)), ast.Call) and _callee(self.parents[id(parent)]) == "len":
            return True  # len(encoding.encode(text)): tiktoken's token count, a measure (vocode's token_utils)
        if isinstance(parent, (ast.GeneratorExp, ast.ListComp)) and parent.elt is node:
            # "\n".join(template.format(agent=a) for a in agents): the joined text holds each one (adk-samples'
            # deploy.py listing, only printed); a comprehension read any other way is not followed
            up = self.parents.get(id(parent))
            if not (isinstance(up, ast.Call) and _callee(up) == "join" and up.args == [parent]):
                return False
            node, parent = up, self.parents.get(id(up))
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
        slots = self.slots.get(id(f.node))
        if slots and any(m.startswith(REGEX_SLOT) for m in slots):
            # PromptTemplate.from_string(TEMPLATE) whose generate_prompt does re.sub(r"\{(\w+)\}", ..., self.template):
            # the fields are the pattern's matches, other braces (a JSON schema, "{Relevant Information}") text
            text = lit.static_text(pieces)
            slots = {m for m in slots if not m.startswith(REGEX_SLOT)} | {
                hit.group(0) for m in slots if m.startswith(REGEX_SLOT)
                for hit in re.finditer(m[len(REGEX_SLOT):], text) if hit.group(0)}
            if syntax != "fstring":  # (the project's own filler, not the syntax a call's name suggests: from_string)
                syntax = "replace"
        if slots and syntax is None and all(_BRACE_SLOT.fullmatch(m) for m in slots):
            # DIVERSITY_PROMPT.replace("{previous_candidate}", ...) and nothing formats it: the code fills its
            # brace fields itself, by name, so the other braces are text the model reads (ToolBench's
            # "{{TASK_DESCRIPTION}}\n{task_description}\n{{END_TASK_DESCRIPTION}}": delimiters, never replaced)
            syntax = "replace"
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

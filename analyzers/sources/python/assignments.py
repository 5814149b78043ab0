"""Prompts by name: assignments, appended and mapped prompts, and where a string sits (sinks, labels)."""

from __future__ import annotations

import ast

from ..prompt_names import PATH_WORDS, name_words, role_of, says_prompt
from .found import _Found, _Scope
from .rules import _LABEL_KEYWORDS, _MAX_DEPTH, MESSAGE_CALLS, TEMPLATE_CALLS
from .syntax import (
    _branches, _callee, _dotted, _field_default, _is_join, _is_sink_call, _names_an_answer, _plural_prompts,
    _prompt_toolkit_asks, _rail_spec, _role, _same_body, _strftime_format, _unwrap, _writes_text,
)


class _Assignments:
    """Prompts by name: assignments, appended and mapped prompts, where a string sits."""

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
            entries = _mapping_entries(node.value)
            if entries is not None and (named or owner is scope and scope.kind != "function"
                                        and not name.startswith("__") and self._holds_prompts(scope.qual)
                                        and not _names_an_answer(name) and not self._iterated(name)):
                # (a mapping kept in a prompts module or class holds texts of it, as its constants are: ExpeL
                # prompts/templates/human.py CRITIQUE_SUMMARY_SUFFIX = dict(full="...", not_full="..."); not one
                # the file walks through, a table rendered as data: SurfSense THEME_DESCRIPTIONS.items())
                self._prompt_entries(entries, container, scope, name)
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

    def _prompt_entries(self, entries: list, container: str, scope: _Scope, name: str) -> None:
        """``prompt = {"intro": "...", "template": "..."}`` (WebArena's agent prompts), ``PROMPTS =
        {"summarize": "..."}``: the text values of a mapping named for prompts are its prompts, named
        ``prompt.intro``; not a chat message (``{"role", "content"}``: the message rule names it) and not
        a nested mapping or list (settings and few-shot turns kept beside the prompt).  ``entries``: the
        mapping's (key or None, value) pairs (``_mapping_entries``)."""
        keys = [k for k, _ in entries]
        if {"role", "content"} <= set(keys):
            return
        for key, value in entries:
            if isinstance(value, ast.JoinedStr) and len(value.values) == 1 \
                    and isinstance(value.values[0].value, (ast.Name, ast.Attribute)):
                continue  # "value_format": f"{seeact_online_value_format}": that constant, under its own name
            if key and not _names_an_answer(key) and isinstance(value, (ast.Constant, ast.JoinedStr, ast.BinOp)):
                self._add(value, f"{container}.{key}", scope, role_of(name, key), by_name=True)

    def _iterated(self, name: str) -> bool:
        """Whether the file walks through the module mapping ``name`` (``for k, v in NAME.items()``,
        ``NAME.values()``, ``for k in NAME``): its texts are rows of a table the code renders, not prompts."""
        for n in ast.walk(self.tree):
            it = n.iter if isinstance(n, (ast.For, ast.AsyncFor, ast.comprehension)) else None
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("items", "values", "keys"):
                it = n.func.value
            if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and it.func.attr in ("items", "values", "keys"):
                it = it.func.value
            if isinstance(it, ast.Name) and it.id == name:
                return True
        return False

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
        enclosing = self._enclosing_ifs(stmt, func)
        events = []
        for node in ast.walk(func):
            if not isinstance(node, ast.stmt) or node is stmt or self._scope(node) is not scope \
                    or (node.lineno, node.col_offset) <= (stmt.lineno, stmt.col_offset) \
                    or self._other_branch(stmt, node, enclosing):
                continue  # (a statement of the other branch never runs after this value was given)
            cond = not (self.parents.get(id(node)) is block and _same_body(block, stmt, node)) \
                and not any(self.parents.get(id(node)) is outer and _same_body(outer, branch, node)
                            for branch, outer in enclosing)
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

    def _enclosing_ifs(self, stmt: ast.stmt, func: ast.AST) -> list[tuple[ast.stmt, ast.AST]]:
        """The ``if`` statements (and ``with`` blocks) that hold ``stmt`` inside ``func``, innermost first, each with
        the block it sits in, up to the first loop or ``try``: a statement after one of them in its block runs
        whenever ``stmt`` ran (ExpeL ``if include_prefix: memory_prefix = "You have attempted ..." else:
        memory_prefix = ''`` then ``memory_prefix += '\\nReflections:'``)."""
        out, cur = [], stmt
        parent = self.parents.get(id(cur))
        while parent is not None and parent is not func and isinstance(parent, (ast.If, ast.With, ast.AsyncWith)):
            out.append((parent, self.parents.get(id(parent))))
            cur, parent = parent, self.parents.get(id(parent))
        return out

    def _other_branch(self, stmt: ast.stmt, node: ast.stmt, enclosing: list) -> bool:
        """Whether ``node`` sits in the other branch of an ``if`` that holds ``stmt`` (``if c: x = A else: x = B``):
        exactly one of the two runs, so ``node`` does not replace the value ``stmt`` gave."""
        for branch, _outer in enclosing:
            if not isinstance(branch, ast.If):
                continue
            inner = stmt
            while self.parents.get(id(inner)) is not branch:
                inner = self.parents.get(id(inner))
            other = branch.orelse if inner in branch.body else branch.body
            cur = node
            while cur is not None and cur is not branch:
                if cur in other:
                    return True
                cur = self.parents.get(id(cur))
        return False

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


def _mapping_entries(value: ast.expr) -> list[tuple[str | None, ast.expr]] | None:
    """(key, value) of a mapping written in place: a dict literal (a key that is not a string constant is None),
    or ``dict(key=value, ...)`` (its keywords; ``dict(**base)`` and positional arguments are not read); else None."""
    if isinstance(value, ast.Dict):
        return [(k.value if isinstance(k, ast.Constant) and isinstance(k.value, str) else None, v)
                for k, v in zip(value.keys, value.values)]
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict" and not value.args:
        return [(k.arg, k.value) for k in value.keywords]
    return None

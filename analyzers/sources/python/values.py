"""Values followed to their uses: names to assigned values, filled slots, uses in other files of the project."""

from __future__ import annotations

import ast

from ..prompt_names import name_words, role_of
from .found import _Scope
from .text_parts import part_text
from .syntax import (
    _branches, _builds_a_prompt, _empty, _handles_prompts, _param_defaults, _replaced_slot, _requests_a_reply, _runs_a_model,
    _unwrap,
)


class _Values:
    """Values followed to their uses, in this file and in the project's other files."""

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
            if (where.kind != "function" or isinstance(template, ast.Attribute)) and self._stringish(value, where):
                # (an attribute set in a method, self.sys_prompt_template = """...""": the instance's text, no local)
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
            item = part_text(item) or item  # parts.append({"type": "text", "text": f"# Instructions ..."})
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
        self._sends_fields(value, scope, role)
        head = base
        while isinstance(head, ast.BinOp) and isinstance(head.op, ast.Add):
            head = head.left
        if head is not base and isinstance(head, ast.Name) and scope.kind == "function" \
                and self._resolve(head, scope) is None and head.id in self._param_names(scope.qual):
            # "content": init_msg + "\n" + ac_tree: the message starts with what the caller gives
            self.sent_params.setdefault((scope.qual, head.id), role)
        target = self._assigned_to(use)
        if target is not None and isinstance(use, ast.Call) and (_requests_a_reply(use) or _runs_a_model(use)
                                                                   or id(use) in self.sending_calls):
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

    def _sends_fields(self, value: ast.expr, scope: _Scope, role: str | None) -> None:
        """The attributes of ``self`` a method writes into a prompt's text (``f"({self.prefix})\\n\\n{self.content}"``):
        fields of its class that a caller fills (``_constructor_sends``)."""
        if scope.kind != "function" or len(scope.qual) < 2 or self.scopes.get(scope.qual[:-1]) is None \
                or self.scopes[scope.qual[:-1]].kind != "class":
            return
        for n in ast.walk(value):
            if isinstance(n, ast.FormattedValue) and isinstance(n.value, ast.Attribute) \
                    and isinstance(n.value.value, ast.Name) and n.value.value.id == "self":
                self.sent_fields.setdefault((scope.qual[:-1], n.value.attr), role)

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
        from ..python_project import ExternalUse

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
        from ..python_project import uses_of

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
        cur, child = self.parents.get(id(node)), node
        keys: list[str] | None = [] if isinstance(node, ast.Call) else None
        while cur is not None and not isinstance(cur, ast.stmt):
            if keys is not None:  # RULE_TEMPLATE = dict(hotpotqa=HumanMessagePromptTemplate.from_template("...")):
                keys = _mapping_key(cur, child, self.parents.get(id(cur)), keys)  # the mapping holds it by its key
            if isinstance(cur, ast.Call) and not _builds_a_prompt(cur) and not _dict_call(cur):
                # (remove_dl_link_prompt = ChatPromptTemplate(messages=[SystemMessage(...)]): a call named for a
                # prompt returns the prompt that holds the message, and the name holds that prompt)
                return None
            cur, child = self.parents.get(id(cur)), cur
        if isinstance(cur, ast.AugAssign) and isinstance(cur.op, ast.Add) and isinstance(cur.value, ast.List) \
                and isinstance(cur.target, ast.Name):
            return cur.target.id  # messages += [{"role": "user", ...}]: the list that holds them, as with ``=``
        if isinstance(cur, (ast.Assign, ast.AnnAssign)):
            targets = cur.targets if isinstance(cur, ast.Assign) else [cur.target]
            if len(targets) == 1:
                t = targets[0]
                name = t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else None
                if name is not None and keys and cur.value is not node:
                    return ".".join([name] + keys)
                return name
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


def _dict_call(call: ast.Call) -> bool:
    """``dict(full="...", not_full="...")``: a mapping written as a call, its keywords its keys."""
    return isinstance(call.func, ast.Name) and call.func.id == "dict" and not call.args


def _mapping_key(cur: ast.AST, child: ast.AST, parent: ast.AST | None, keys: list[str] | None) -> list[str] | None:
    """The key path from a value up to the statement that assigns it, one step: a value of a dict literal under a
    string key, or a keyword of ``dict(...)``, adds its key; a keyword's own call node, already counted, adds none;
    anything else between them (a list, another call) leaves no key path (None)."""
    if keys is None:
        return None
    if isinstance(cur, ast.Dict):
        key = next((k for k, v in zip(cur.keys, cur.values) if v is child), None)
        return [key.value] + keys if isinstance(key, ast.Constant) and isinstance(key.value, str) else None
    if isinstance(cur, ast.keyword):
        return [cur.arg] + keys if cur.arg and isinstance(parent, ast.Call) and _dict_call(parent) else None
    if isinstance(cur, ast.Call) and _dict_call(cur) and isinstance(child, ast.keyword):
        return keys
    return None

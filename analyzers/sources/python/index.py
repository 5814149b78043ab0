"""The file's index: its classes, receivers, imports, definitions, and what its functions return."""

from __future__ import annotations

import ast

from ..prompt_names import name_words, role_of, says_prompt
from .assignments import _mapping_entries
from .found import _Scope
from .rules import _ELL_PROGRAMS, DOCSTRING_PROMPT_BASES, MESSAGE_CALLS
from .syntax import (
    _branches, _callee, _docstring, _dotted, _handles_prompts, _param_defaults, _plural_prompts, _rail_spec,
    _role_message_class, _unwrap,
)


class _Index:
    """The file's index: classes, receivers, imports, definitions, returns."""

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
            values = self._self_sets(node, False).get(receiver.attr, []) if node is not None else []
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

    def _self_sets(self, node: ast.AST, single: bool) -> dict[str, list[ast.expr]]:
        """attr -> the value of each ``self.attr = v`` under ``node`` (a class, or ``__init__``), in ``ast.walk``
        order (``single``: only assignments with that one target), one walk per node and file: asked for each
        call on ``self.x`` in the class, and for each pass of ``_sent_arguments``, it walked the whole class
        again each time (a tenth of a large repository's scan)."""
        got = self.self_sets.get((id(node), single))
        if got is None:
            got = {}
            for n in ast.walk(node):
                if not isinstance(n, ast.Assign) or (single and len(n.targets) != 1):
                    continue
                for attr in dict.fromkeys(t.attr for t in n.targets if isinstance(t, ast.Attribute)
                                          and isinstance(t.value, ast.Name) and t.value.id == "self"):
                    got.setdefault(attr, []).append(n.value)
            self.self_sets[(id(node), single)] = got
        return got

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
            values = self._self_sets(init, True).get(receiver.attr, [])
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
            from ..python_project import imported_class_bases

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

    def _project_bases(self, cls: tuple) -> list[tuple]:
        """The bases of ``cls`` that another module of the file's own package defines (``from adala.skills import
        AnalysisSkill`` in ``adala/skills/collection/...``, or a relative import): the project's classes, whose
        methods read what a subclass declares; not a library's (``pydantic.BaseModel``)."""
        from ..python_project import module_parts

        folders = set(module_parts(self.path)[:-1])
        return [t for t in self._imported_bases(cls) if t and t[0] in folders]

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
        for cls, sent in self._constructor_sends().items():  # OrchestratorMessage(content=...): keywords
            out.setdefault(cls[0], {}).setdefault("__init__", ([], {}))[1].update(sent)
        return out

    def _constructor_sends(self) -> dict[tuple, dict[str, str | None]]:
        """For each module-level class: the fields its methods put into a prompt (ControlFlow ``class
        OrchestratorMessage(Event)`` whose ``to_messages`` sends ``HumanMessage(content=f"({self.prefix})\\n\\n
        {self.content}")``), which a call of the class gives by keyword (``OrchestratorMessage(content=f"...")``: a
        pydantic model's or dataclass's fields are its constructor's keywords)."""
        out: dict = {}
        for (cls, field), role in self.sent_fields.items():
            if len(cls) == 1:
                out.setdefault(cls, {}).setdefault(field, role)
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
                from ..python_project import resolve_import

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
                        elif isinstance(value, (ast.List, ast.Tuple, ast.BinOp, ast.Name)) and says_prompt(scope.qual[-1]):
                            # return [sys_role, query_text]: the texts a prompt function returns together (SeeAct; not
                            # every function of a prompts module: XAgent's get_examples_for_dispatcher returns examples);
                            # also a list built by concatenation, `return gradient_context + [prompt]` with
                            # `gradient_context = [TGD_MULTIPART_PROMPT_INIT.format(**kw)] + gradient_context` (Trace's
                            # construct_tgd_prompt): each named text, formatted or not, is one of the prompt's parts
                            for elt in self._list_items(value, scope, set()):
                                if isinstance(_unwrap(elt)[0], ast.Name):
                                    self._prompt_value(elt, child, None, label=None)
                        elif isinstance(value, ast.Dict) and _plural_prompts(scope.qual[-1]):
                            # def _initialize_prompts(self): return {"system_prompt": "...", "action_space": "..."}:
                            # a mapping of prompts, as one named for them (SeeAct)
                            self._prompt_entries(_mapping_entries(value), ".".join(scope.qual), scope, scope.qual[-1])
                elif not self._error_report(child):
                    for value in self._returned(child, scope):
                        if _rail_spec(value):  # def get_rail_spec(cls): return f"""<rail version="0.1">..."""
                            self._add(value, ".".join(scope.qual), scope, None)
            self._index(child, inner)

    def _list_items(self, value: ast.expr, scope: _Scope, seen: set) -> list[ast.expr]:
        """The items of a list a function builds: a list literal's elements, both sides of ``a + [b]``, and
        through a local of the function, the items of each list it is assigned (a name is read once: ``xs =
        [a] + xs`` ends).  A name that holds no list gives nothing (``"..." + name`` is a text, not a list)."""
        if isinstance(value, (ast.List, ast.Tuple)):
            return list(value.elts)
        if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
            left = self._list_items(value.left, scope, seen)
            right = self._list_items(value.right, scope, seen)
            if isinstance(value.left, (ast.List, ast.Tuple)) or isinstance(value.right, (ast.List, ast.Tuple)) \
                    or left or right:
                return left + right
            return []
        if isinstance(value, ast.Name) and value.id not in seen and scope.kind == "function" \
                and scope.qual in self.func_nodes:
            seen.add(value.id)
            out = []
            for v in self._local_values(value.id, scope):
                if isinstance(v, (ast.List, ast.Tuple, ast.BinOp)):
                    out += self._list_items(v, scope, seen)
            return out
        return []

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

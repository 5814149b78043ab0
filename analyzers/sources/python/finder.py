"""The Python reader's per-file analysis (``_Finder``): the indexes it keeps and the order of its passes."""

from __future__ import annotations

import ast
import re

from ...model import Prompt
from ..prompt_names import is_path_prompty
from .assignments import _Assignments
from .build import _Build
from .constructors import _Constructors
from .found import _Found, _Scope
from .index import _Index
from .segments import _Segments
from .syntax import _branches, _called_parts, _handles_prompts
from .uses import _Uses
from .values import _Values


class _Finder(_Index, _Assignments, _Uses, _Values, _Build, _Segments, _Constructors):
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
        self.self_sets: dict[tuple, dict] = {}  # (id(class or __init__ node), one target only) -> _self_sets
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
        self.sent_fields: dict[tuple, str | None] = {}  # (class qual, attribute) a method sends in a prompt -> role
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
            from ..python_project import record_method_sends, record_uses

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
        if isinstance(f, ast.Name) and f.id[:1].isupper():
            self._sent_to_constructor(call, done)
            return
        if self.project is None or not isinstance(f, ast.Attribute) or _handles_prompts(f.attr):
            return  # (token_handler.count_tokens(patch): counting sends a message to a count API, not a model)
        from ..python_project import inherited_method_sends, sends_by_name

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

    def _sent_to_constructor(self, call: ast.Call, done: set) -> None:
        """``OrchestratorMessage(content=f"Starting task ...")`` where a method of ``OrchestratorMessage`` (this file,
        or another file of the scan it is imported from) puts ``self.content`` into a message: the keyword's text is
        a prompt, named by the keyword."""
        f = call.func
        if (f.id,) in self.class_nodes:
            sent = self._constructor_sends().get((f.id,), {})
        elif self.project is not None:
            from ..python_project import inherited_method_sends

            found = [inherited_method_sends(self.project, t, "__init__") for t in self._imported_class(f)]
            sent = next((s for _params, s in (x for x in found if x is not None)), {})
        else:
            return
        for k in call.keywords:
            if k.arg in sent and (id(call), k.arg) not in done:
                done.add((id(call), k.arg))
                self.sending_calls.add(id(call))
                self._prompt_value(k.value, call, sent[k.arg], label=k.arg)

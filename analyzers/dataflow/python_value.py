"""A Python value classified (``_PyValue``), and the entry for a Python prompt's variable."""

from __future__ import annotations

import ast
import re

from ..evidence import carry, ev, rule_of
from ..flow_state import attribute_class, iteration_loop, keyed_argument, settled, written_back
from ..model import Prompt, Segment
from ..pyparse import parse_python
from .python_file import (
    _changed_in_place, _clock_in, _overwritten, _py_file, _py_project_function, _PyFile, _PyScope, _runs_once, _truth,
)
from .rules import (
    _a_choice, _by_expression, _by_name, _combine, _constant_choice, _conversation_name, _field_of_parameter,
    _fills, _from_arguments, _from_settings, _is_config, _PRESENTERS, _rank, _request_rooted, _RETURNS, _shallow,
    _Trace,
)


def _text_choice(values: list[ast.expr]) -> bool:
    """Every binding of a name is a literal, at least two of them different blocks of text written in place (more
    than one line: ``element_map = r\'\'\'...\'\'\'`` under each branch) and the others empty (None, ""): the code
    chooses one of its own texts, as it would between named constants (``code.constant-choice``).  A one-line
    literal (``"stock"`` / ``"asset"``) is a value the condition picks, not a text: it keeps the condition's class."""
    texts = set()
    for v in values:
        if not isinstance(v, ast.Constant) or not (v.value is None or isinstance(v.value, str)):
            return False
        if v.value:
            if "\n" not in v.value.strip():
                return False
            texts.add(v.value)
    return len(texts) >= 2


_CLASS_NAME = re.compile(r"[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)*")


def built_from_literals(value: ast.expr) -> bool:
    """``ChatCompletionModelConfiguration()``, ``ChatCompletionUserMessage.model_validate({"role": "user", "content":
    "Hello!"})``: a class (a CamelCase name, PEP 8's class names) or a method of one, called with literals only.  Made
    anew at every pass of a loop, it is the same value at every pass (a clock or a random id is read by the
    expression rules before this): binding it in a loop does not make it move."""
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return False
    f = value.func
    owner = f.id if isinstance(f, ast.Name) else \
        f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
    if not _CLASS_NAME.fullmatch(owner) or any(isinstance(a, ast.Starred) for a in value.args) \
            or any(k.arg is None for k in value.keywords):
        return False
    for a in (*value.args, *(k.value for k in value.keywords)):
        try:
            ast.literal_eval(a)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return False
    return True


def stored_under(scope, owner: str, key: str, line: int | None) -> list[ast.expr]:
    """The values the function of ``scope`` stores under the constant ``key`` of its local dict ``owner`` before
    ``line`` (``payload = {"system": x}``, ``payload["system"] = system_message``): a read ``payload["system"]`` is
    that entry, not the whole dict, whose other keys (the request's settings, its stream flag) say nothing of it."""
    from .python_file import _own_nodes

    out = []
    for n in _own_nodes(scope.node):
        if not isinstance(n, ast.Assign) or line is not None and n.lineno >= line:
            continue
        for t in n.targets:
            if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == owner \
                    and isinstance(t.slice, ast.Constant) and t.slice.value == key:
                out.append(n.value)
            elif isinstance(t, ast.Name) and t.id == owner and isinstance(n.value, ast.Dict):
                out += [v for k, v in zip(n.value.keys, n.value.values)
                        if isinstance(k, ast.Constant) and k.value == key]
    return out


def literal_choice_tests(scope, values: list[ast.expr]) -> list[ast.expr]:
    """The tests of the ``if`` statements of ``scope`` that choose between the bindings ``values`` of one name, when
    every binding is a literal string (or None) and at least two differ: ``if has_knowledge_base: exec_line = "..."
    else: exec_line = "..."``.  The name holds one of a fixed set of texts written in the code, and which one is
    the condition's: a choice between literals keeps its condition's class (labelling convention, as for the
    ternary ``"stock" if ... else "asset"``, ``rules._constant_choice``).  [] when the bindings are no such
    choice or no ``if`` of the function picks between them."""
    from .python_file import _own_nodes

    if not values or any(not isinstance(v, ast.Constant) or not (v.value is None or isinstance(v.value, str))
                         for v in values) or len({v.value for v in values}) < 2:
        return []
    ids = {id(v) for v in values}
    tests = []
    for n in _own_nodes(scope.node):
        if isinstance(n, ast.If) and any(isinstance(st, ast.Assign) and id(st.value) in ids
                                         for st in (*n.body, *n.orelse)):
            tests.append(n.test)
    return tests


class _PyValue:
    def __init__(self, scope: _PyScope, trace: _Trace, known: dict | None = None):
        self.scope, self.trace = scope, trace
        self.known = known or {}  # parameter -> literal value at the call being followed

    def of(self, node: ast.expr, follow: int) -> tuple[str, str] | None:
        return self._of(node, follow)

    def _of(self, node: ast.expr, follow: int) -> tuple[str, str] | None:
        if isinstance(node, ast.IfExp) and self.known:
            chosen = _truth(node.test, self.known)
            if chosen is not None:  # decided by the arguments of the call being followed
                return self.of(node.body if chosen else node.orelse, follow)
        text = ast.unparse(node)
        got = _by_expression(text)
        if got is not None:
            self.trace.flowed = True
            return got
        if isinstance(node, ast.Constant):
            self.trace.flowed = True
            return ev("py.literal", "constant", f"{text[:40]} (a literal)")
        if isinstance(node, ast.JoinedStr):
            return _combine([self.of(v.value, follow) for v in node.values if isinstance(v, ast.FormattedValue)]
                            + [("constant", "")] * any(isinstance(v, ast.Constant) for v in node.values), text)
        if isinstance(node, ast.BinOp):
            return _combine([self.of(node.left, follow), self.of(node.right, follow)], text)
        if isinstance(node, ast.BoolOp):
            return _combine([self.of(v, follow) for v in node.values], text)
        if isinstance(node, ast.Compare):  # asset_type == "stock": as volatile as what it compares
            return _combine([self.of(node.left, follow), *(self.of(c, follow) for c in node.comparators)], text)
        if isinstance(node, ast.UnaryOp):  # not x, -x: the operand's
            return self.of(node.operand, follow)
        if isinstance(node, ast.IfExp):  # the test chooses the branch: it is part of the value
            if all(isinstance(b, (ast.Name, ast.Attribute)) for b in (node.body, node.orelse)):
                got = _constant_choice([self.of(node.body, follow), self.of(node.orelse, follow)], text)
                if got is not None:
                    return got
            return _combine([self.of(node.test, follow), self.of(node.body, follow),
                             self.of(node.orelse, follow)], text)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return _combine([self.of(e, follow) for e in node.elts], text) if node.elts else None
        if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            return _combine([self.of(g.iter, follow) for g in node.generators], text)
        if isinstance(node, ast.Dict):  # {"actions": [...]}: what its values hold (a spread too)
            return _combine([self.of(v, follow) for v in node.values], text) if node.values else None
        if isinstance(node, ast.Await):
            return self.of(node.value, follow)
        if isinstance(node, ast.Name):
            return self._name(node.id, follow)
        if isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
            return self._chain(node, follow)
        return None

    def _name(self, name: str, follow: int) -> tuple[str, str] | None:
        scope, values, param = self.scope.lookup(name)
        if values and scope is not None:
            changed = _changed_in_place(scope, name)
            if changed is not None:  # random.shuffle(pkgs): the binding alone is not the value
                self.trace.flowed = True
                return changed
        if param:
            if name in self.known and scope is self.scope:
                self.trace.flowed = True
                return ev("py.known-at-call", "constant", f"{name}={self.known[name]!r} at this call")
            default = scope.defaults.get(name) if scope is not None else None
            return _by_name(name, True, scope.name if scope else None, self.trace,
                            ast.unparse(default) if default is not None else None)
        if len(values) > 1 and scope is self.scope and self.trace.line is not None:
            last = _overwritten(scope, name, self.trace.line)
            if last is not None:  # x = f(); ...; x = "..."; then the use: the use sees the last value
                values = [last]
        if values and scope is self.scope and self.trace.line is not None:
            loop = iteration_loop(scope, [self.trace.line, *(v.lineno for v in values)])
            if loop is not None:  # bound anew at each pass of the loop that renders the prompt
                got = _combine([self.of(v, follow - 1) for v in values], name) if follow > 0 else None
                if not settled(got) and not all(built_from_literals(v) for v in values):
                    self.trace.flowed = True
                    return ev("py.loop-bound", "per-turn",
                              f"{name} is bound anew at every pass of the loop at line {loop.lineno}")
        if values and scope is self.scope and self.trace.line is not None and follow > 0:
            loop = iteration_loop(scope, [self.trace.line])
            end = (loop.end_lineno or loop.lineno) if loop is not None else 0
            inside = [v for v in values if loop is not None and loop.lineno <= v.lineno <= end]
            if inside and len(inside) < len(values):
                # set before the loop that renders the prompt, re-assigned in it (feedback = check(reply)):
                # each pass renders what the previous pass left, a loop-carried value
                got = _combine([self.of(v, follow - 1) for v in inside], name)
                if not settled(got):
                    self.trace.flowed = True
                    return ev("py.loop-rebound", "per-turn",
                              (f"{name} is re-assigned at line {inside[0].lineno} in the loop at line "
                               f"{loop.lineno} that renders the prompt: carried from one pass to the next"))
        if values and scope is self.scope and self.trace.line is not None:
            store = written_back(scope, values, self.trace.line)
            if store is not None:
                self.trace.flowed = True
                return ev("py.read-write-state", "per-turn",
                          (f"{name} = {ast.unparse(values[0])[:50]}: state this function reads for "
                           f"the prompt and writes back at line {store.lineno}"))
        if values and follow == 0 and not _a_choice(values):
            # past the followed level, a binding whose expression says it all still counts (a clock, a
            # configuration file's loader, the user's machine): read, not followed further
            said = [_shallow(v) for v in values]
            if all(said):
                self.trace.flowed = True
                got = min(said, key=lambda g: _rank(g[0]))
                if got[0] == "per-turn" and _runs_once(scope) and _clock_in(values):
                    return ev("py.import-frozen", "per-config",
                              (f"{name} = {ast.unparse(values[0])[:60]}, evaluated once at import: "
                               "fixed for the life of the process"))
                return carry(got, got[0], f"{name} = {ast.unparse(values[0])[:60]} ({got[1]})")
        if values and follow > 0 and not _a_choice(values):
            got = _combine([self.of(v, follow - 1) for v in values], name)
            if got is not None:
                self.trace.flowed = True
                if got[0] == "per-turn" and _runs_once(scope) and _clock_in(values):
                    return ev("py.import-frozen", "per-config",
                              (f"{name} = {ast.unparse(values[0])[:60]}, evaluated once at import: "
                               "fixed for the life of the process"))
                return carry(got, got[0],
                             f"{name} = {ast.unparse(values[0])[:60]}" + (f" ({got[1]})" if got[1] else ""))
        named = _by_name(name, False, None)
        if named is None and values and _text_choice(values):
            texts = len({v.value for v in values if v.value})
            said = ev("code.text-choice", "constant",
                      f"{name} is one of {texts} blocks of text written in the code (or none): a choice between "
                      "fixed texts, each shared by every request that picks it")
            if said is not None:
                self.trace.flowed = True
                return said
        tests = literal_choice_tests(self.scope, values) if named is None and scope is self.scope else []
        if tests:
            got = _combine([self.of(t, follow) for t in tests], name)
            if got is not None:
                shown = " / ".join(ast.unparse(t)[:40] for t in tests[:2])
                said = ev("code.literal-choice", got[0],
                          f"{name} is one of {len({v.value for v in values})} literals written in the code, chosen by "
                          f"`{shown}`" + (f" ({got[1]})" if got[1] else ""))
                if said is not None:
                    return said
        return named

    def _attribute(self, attr: str, own: bool) -> tuple[str, str] | None:
        """What the project's classes set the attribute ``attr`` to (``self.targets = "factors"`` in each
        subclass, ``self.docker_workplace = f"/{config.workplace_name}"``): see ``attribute_class``."""
        if self.trace.hops <= 0 or attr.startswith("__"):
            return None
        mine = self.scope.file
        if self.trace.index is not None and mine is not None and mine.path:
            return self.trace.index.memo(("attr", mine.path, attr),
                                         lambda: attribute_class(mine, attr, self.trace, own))
        return attribute_class(mine, attr, self.trace, own)

    def _args(self, args: list, follow: int) -> list:
        """A method's arguments; literal ones (``.join("\\n")``) are no evidence of where the value comes from."""
        before = self.trace.flowed
        got = [self.of(a, follow) for a in args]
        if all(g is None or g[0] == "constant" for g in got):
            self.trace.flowed = before
        return got

    def _returns(self, call: ast.expr) -> tuple[str, str] | None:
        """What the project function ``call`` calls returns, read from the code (``crossflow._py_returns``); one
        level: the calls inside those returns are not followed into their own returns."""
        f = self.scope.file
        if not isinstance(call, ast.Call) or self.trace.index is None or f is None or not f.path or _RETURNS[0]:
            return None
        from ..crossflow.callers import _py_returns

        _RETURNS[0] += 1
        try:
            got = _py_returns(self.trace.index, f.path, call)
        finally:
            _RETURNS[0] -= 1
        return carry(got, got[0], got[1]) if got is not None and got[2] else None

    def _keyed_parameter(self, node: ast.expr) -> tuple[str, str] | None:
        """``P.get("k", ...)`` / ``P["k"]`` on a dict parameter ``P`` (Swarm's ``context_variables``, a
        ``variables`` dict): what the callers put under ``"k"`` in the dicts they pass as ``P=...``."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.func.value, ast.Name):
            owner, key = node.func.value.id, node.args[0].value
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) \
                and isinstance(node.slice, ast.Constant):
            owner, key = node.value.id, node.slice.value
        else:
            return None
        if not isinstance(key, str) or self.trace.index is None or self.trace.hops <= 0:
            return None
        scope, _values, param = self.scope.lookup(owner)
        if not param or scope is None:
            return None
        fn = scope.node
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and fn.args.kwarg is not None \
                and fn.args.kwarg.arg == owner and scope.name and key.isidentifier():
            from ..crossflow.callers import _py_callers  # def f(**kwargs): kwargs["k"] is the keyword k of each call

            if scope.file is None or not scope.file.path:
                return None
            got = _py_callers(self.trace.index, scope.file.path, scope, key, 0)
            return carry(got, got[0], f"{owner}[{key!r}]: {got[1]}") if got is not None and got[2] else None
        return keyed_argument(self.trace, owner, key)

    def _chain(self, node: ast.expr, follow: int) -> tuple[str, str] | None:
        keyed = self._keyed_parameter(node)
        if keyed is not None:
            self.trace.flowed = True
            return keyed
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and isinstance(node.slice, ast.Constant) \
                and isinstance(node.slice.value, str) and self.scope.lookup(node.value.id)[0] is self.scope \
                and not self.scope.lookup(node.value.id)[2] and self.trace.line is not None:
            stored = stored_under(self.scope, node.value.id, node.slice.value, self.trace.line)
            if stored:  # payload["system"]: the entry the function stored under the key, not the whole dict
                got = _combine([self.of(v, follow) for v in stored], ast.unparse(node))
                if got is not None:
                    self.trace.flowed = True
                    return carry(got, got[0], f"{ast.unparse(node)[:40]} = {ast.unparse(stored[0])[:40]}"
                                              + (f" ({got[1]})" if got[1] else ""))
        parts: list[str] = []
        args: list[ast.expr] = []
        n = node
        direct = False  # the name itself is called: f(x)
        while True:
            if isinstance(n, ast.Attribute):
                parts.append(n.attr)
                n = n.value
            elif isinstance(n, ast.Subscript):
                if isinstance(n.value, ast.Name) and _conversation_name(n.value.id) \
                        and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, int) and n.slice.value >= 0:
                    # messages[0]: a fixed place from the start of the conversation, fixed once it has begun: the
                    # message that opened it, the request that starts the conversation (issue 12's per-request: "a
                    # new value per user request or task, then stable for the conversation it starts"; measure-12's
                    # OmniParser task, messages[0]['content'], labelled so)
                    self.trace.flowed = True
                    return ev("py.conversation-position", "per-request",
                              f"{ast.unparse(n)[:40]}: a message at a fixed place from the start of " \
                              "the conversation, the request that opened it, the same at every turn of it")
                n = n.value
            elif isinstance(n, ast.Call):
                args += [*n.args, *(k.value for k in n.keywords)]
                n = n.func
                direct = isinstance(n, ast.Name)
                continue
            else:
                break
            direct = False
        parts.reverse()
        text = ast.unparse(node)
        if isinstance(n, ast.Name):
            chain = [n.id, *parts]
            rooted = _request_rooted(chain, text)
            if rooted is not None:
                self.trace.flowed = True
                return rooted
            if _is_config(chain + [""]) and (len(chain) > 1 or isinstance(node, ast.Call)):
                self.trace.flowed = True
                return _from_settings(chain, text)
            held = node.value if isinstance(node, ast.Subscript) else node  # self.steps[-1]: an item of it
            if isinstance(held, ast.Attribute) and parts and held.value is n:
                got = self._attribute(held.attr, n.id in ("self", "cls"))
            elif isinstance(node, ast.Attribute) and parts:
                got = self._attribute(node.attr, n.id in ("self", "cls"))
            else:
                got = None
            if got is not None:
                self.trace.flowed = True
                return carry(got, got[0], f"{text[:60]}: {got[1]}")
            if n.id in ("self", "cls") and parts:
                named = _by_name(".".join(parts), False, None)
                if named is None and n.id == "self" and len(parts) == 1 and isinstance(node, ast.Attribute) \
                        and self.scope.file is not None:
                    from ..flow_state import constructed

                    made = constructed(self.scope.file, node.lineno, parts[0])
                    if made is not None:  # self.x set only when the object is made: what it was built with
                        return ev("state.constructed", "per-config", made)
                return named
            if direct and not parts:  # f(x): only a function that presents its argument passes it on
                if n.id in _PRESENTERS and args:
                    return _combine([self.of(a, follow) for a in args], text)
                if args and _py_project_function(self.scope, n.id, self.trace.index):
                    returned = self._returns(node)
                    if returned is not None:  # what its returns compute, with the literal arguments of this call
                        return returned
                    return _from_arguments(n.id, [self.of(a, follow) for a in args
                                                  if not isinstance(a, (ast.Constant, ast.JoinedStr))])
                return None
            root = self._name(n.id, follow)
            if root is not None and root[0] == "constant" and rule_of(root) != "code.constant-name" \
                    and not _fills(parts, args):
                return root  # an element or method of a constant (tripleTick[0], SEP.upper())
            named = _field_of_parameter(root, chain, args, node)
            if named is not None:
                return named
            from_args = self._args(args, follow)
            return _combine([root, *from_args], text) if root or any(from_args) else \
                _by_name(".".join(chain), False, None)
        if isinstance(n, (ast.Constant, ast.JoinedStr)):  # ", ".join(names), "...".format(x)
            return _combine([self.of(a, follow) for a in args], text) if args else None
        return None


def _container_name(prompt: Prompt) -> str:
    last = (prompt.container or "").rsplit(".", 1)[-1]
    return re.sub(r"\[.*$|@L\d+$", "", last)


def _receiver_names(node: ast.expr) -> set[str]:
    return {n.id if isinstance(n, ast.Name) else n.attr for n in ast.walk(node)
            if isinstance(n, (ast.Name, ast.Attribute))}


def _in_fstring(f: "_PyFile", seg: Segment, expr: str) -> bool:
    """The ``{x}`` of a prompt read as a ``str.format`` template is a field of an f-string of the file at its
    line (``f"... running on {operating_system}." + '''... {objective} ...'''``: the f-string part is filled
    where it is written, the rest by ``.format``)."""
    want = expr.strip()
    if not want.isidentifier() and not re.fullmatch(r"[\w.]+", want):
        return False
    for n in ast.walk(f.tree):
        if isinstance(n, ast.JoinedStr) and n.lineno <= seg.line <= (n.end_lineno or n.lineno):
            if any(isinstance(v, ast.FormattedValue) and ast.unparse(v.value) == want for v in n.values):
                return True
    return False


def _python_flow(seg: Segment, prompt: Prompt, expr: str, name: str, index=None) -> tuple[str, str] | None:
    from ..volatility import _stamp

    f = _py_file(prompt.path, _stamp(prompt.path))
    if f is None:
        return None
    if prompt.syntax == "fstring" or _in_fstring(f, seg, expr):
        try:
            node = parse_python(expr.strip().split("!", 1)[0] if "!" in expr else expr.strip(), mode="eval").body
        except SyntaxError:
            try:
                node = parse_python(expr.split(":", 1)[0].strip(), mode="eval").body
            except SyntaxError:
                return None
        trace = _Trace(index, line=seg.line)
        got = _PyValue(f.scope_at(seg.line), trace).of(node, 2)
        return got if trace.flowed else None
    # a template filled by a call on its own name in this file: T.format(k=...), Template(T).render(k=...)
    own = _container_name(prompt)
    if not own or not name.isidentifier():
        return None
    for call in f.calls:
        if own not in _receiver_names(call.func.value) and not any(
                isinstance(a, ast.Name) and a.id == own for a in call.args):
            continue
        for kw in call.keywords:
            value = None
            if kw.arg == name:
                value = kw.value
            elif kw.arg is None and isinstance(kw.value, ast.Dict):  # **{"k": v}
                for k, v in zip(kw.value.keys, kw.value.values):
                    if isinstance(k, ast.Constant) and k.value == name:
                        value = v
            if value is not None:
                got = _PyValue(f.scope_at(call.lineno), _Trace(index, line=call.lineno)).of(value, 1)
                if got is not None:
                    return carry(got, got[0], f"{name}={ast.unparse(value)[:50]} at line {call.lineno}" + \
                                  (f": {got[1]}" if got[1] and got[1] != name else ""))
    return None

"""The value a fill site gives: dict keys, later assignments, what a value depends on, returns of a call."""

from __future__ import annotations

import ast

from ..evidence import ev


_COPIES = {"deepcopy", "copy", "dict"}


def _module_of(scope):
    while scope is not None and scope.parent is not None:
        scope = scope.parent
    return scope.node if scope is not None else None


def _dict_value(node: ast.expr | None, key: str, scope, depth: int = 3) -> ast.expr | None:
    """``node`` is a dict literal (or ``dict(k=v)``, or a name bound to one in ``scope``, or a copy of
    one: ``copy.deepcopy(self.vars)``, ``self.vars.copy()``, where ``self.vars = {...}`` is set in the
    same file): its ``key``."""
    if depth <= 0:
        return None
    if isinstance(node, ast.Name) and scope is not None:
        s, values, _param = scope.lookup(node.id)
        later = _set_later(s, node.id, key) if s is not None else None
        if later is not None:  # ctx = {...}; ctx["key"] = v (or ctx.update(key=v)) before the render
            return later
        node = values[-1] if values else None
    if isinstance(node, ast.Call):  # a copy of a dict: copy.deepcopy(x), dict(x), x.copy()
        fn = node.func
        fname = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
        if fname in _COPIES and len(node.args) == 1 and not node.keywords:
            return _dict_value(node.args[0], key, scope, depth - 1)
        if fname == "copy" and isinstance(fn, ast.Attribute) and not node.args:
            return _dict_value(fn.value, key, scope, depth - 1)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
        module = _module_of(scope)  # self.vars = {...} in a method of this file
        for n in ast.walk(module) if module is not None else ():
            if isinstance(n, (ast.Assign, ast.AnnAssign)) and isinstance(n.value, ast.Dict) and any(
                    isinstance(t, ast.Attribute) and t.attr == node.attr and isinstance(t.value, ast.Name)
                    and t.value.id in ("self", "cls") for t in (n.targets if isinstance(n, ast.Assign) else [n.target])):
                got = _dict_value(n.value, key, None, depth - 1)
                if got is not None:
                    return got
        return None
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values):
            if isinstance(k, ast.Constant) and k.value == key:
                return v
            if k is None:  # {**other, ...}
                got = _dict_value(v, key, None, depth - 1)
                if got is not None:
                    return got
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        for kw in node.keywords:
            if kw.arg == key:
                return kw.value
    return None


def _set_later(scope, name: str, key: str) -> ast.expr | None:
    """The last value a function puts under ``key`` in its dict ``name`` by item assignment
    (``ctx["key"] = v``) or ``name.update(key=v)`` / ``name.update({"key": v})``."""
    from ..dataflow.python_file import _own_nodes

    found = None
    for n in _own_nodes(scope.node):
        if isinstance(n, ast.Assign):
            for t in n.targets:
                if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == name \
                        and isinstance(t.slice, ast.Constant) and t.slice.value == key:
                    if found is None or n.lineno > found.lineno:
                        found = n.value
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "update" \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == name:
            for kw in n.keywords:
                if kw.arg == key and (found is None or n.lineno > found.lineno):
                    found = kw.value
            for a in n.args:
                if isinstance(a, ast.Dict):
                    for k, v in zip(a.keys, a.values):
                        if isinstance(k, ast.Constant) and k.value == key \
                                and (found is None or n.lineno > found.lineno):
                            found = v
    return found


def _fill_value(call: ast.Call, key: str, scope) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == key:
            return kw.value
        if kw.arg is None:
            got = _dict_value(kw.value, key, scope)
            if got is not None:
                return got
        if kw.arg in ("partial_variables", "variables", "inputs", "input"):
            got = _dict_value(kw.value, key, scope)
            if got is not None:
                return got
    for a in call.args:
        got = _dict_value(a, key, scope)
        if got is not None:
            return got
    for kw in call.keywords:  # render(T, rendering_configs={...}): the one mapping a call that names the template passes
        if kw.arg and kw.arg not in ("partial_variables", "variables", "inputs", "input"):
            got = _dict_value(kw.value, key, scope)
            if got is not None:
                return got
    return None


def _site_value(node: ast.AST, key: str, scope) -> ast.expr | None:
    if isinstance(node, ast.BinOp):
        return _dict_value(node.right, key, scope)
    return _fill_value(node, key, scope)


def depends_on(scope, value: ast.expr, limit: int = 60) -> set[str]:
    """Parameters of ``scope``'s function that ``value`` is computed from, through the function's own
    bindings, the items a container is filled with (``xs.append(v)``, ``xs.extend(v)``, ``d[k] = v``)
    and the collection a ``for`` walks: a dependency, not a class (what it is, the callers say)."""
    from ..dataflow.python_file import _GROW, _own_nodes

    grown: dict[str, list[ast.AST]] = {}
    for n in _own_nodes(scope.node):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _GROW \
                and isinstance(n.func.value, ast.Name):
            grown.setdefault(n.func.value.id, []).extend(n.args)
        elif isinstance(n, ast.Assign):
            for t in n.targets:
                if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name):
                    grown.setdefault(t.value.id, []).append(n.value)
    seen: set[str] = set()
    todo = [m.id for m in ast.walk(value) if isinstance(m, ast.Name)]
    params: set[str] = set()
    while todo and len(seen) < limit:
        name = todo.pop()
        if name in seen or name in ("self", "cls"):
            continue
        seen.add(name)
        if name in scope.params:
            params.add(name)
            continue
        for v in [*scope.binds.get(name, []), *grown.get(name, [])]:
            todo += [m.id for m in ast.walk(v) if isinstance(m, ast.Name)]
    return params


def derived_from_parameters(scope, value: ast.expr):
    """A value the function computes from the conversation it is given (``all_kv`` filled from the tool
    calls found in the ``messages`` parameter) grows with it: per-turn.  Only a parameter whose name says
    it is the conversation (``messages``, ``chat_history``, ``conversation``), only when the value is not
    that parameter itself and the code says nothing stronger."""
    from ..volatility import _words

    if isinstance(value, ast.Name) and value.id in scope.params:
        return None
    for p in sorted(depends_on(scope, value)):
        words = _words(p)
        if words and words[-1] in _CONVERSATION and _read_as_it_grows(scope, p):
            return ev("fill.from-conversation", "per-turn",
                      f"computed from {p}, the conversation given to {scope.name}", True)
    return None


def _read_as_it_grows(scope, name: str) -> bool:
    """Some read of the conversation ``name`` in the function moves with it (its last items, a slice, a walk, the
    whole list); only fixed places from its start (``messages[0]``: the first message, the same at every turn of
    the conversation) do not."""
    from ..dataflow.python_file import _own_nodes

    parents = {id(c): n for n in ast.walk(scope.node) for c in ast.iter_child_nodes(n)}
    for n in _own_nodes(scope.node):
        if not (isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)):
            continue
        up = parents.get(id(n))
        fixed = isinstance(up, ast.Subscript) and up.value is n and isinstance(up.slice, ast.Constant) \
            and isinstance(up.slice.value, int) and up.slice.value >= 0
        if not fixed:
            return True
    return False


# Parameter names that hold the conversation itself (its messages so far).
_CONVERSATION = {"messages", "msgs", "history", "conversation", "transcript", "dialog", "dialogue", "chat"}


def _presented(value: ast.expr) -> ast.expr:
    """The one name a value only presents: ``"\\n".join(x)``, ``str(x)``, ``x.strip()`` -> ``x``."""
    from ..dataflow.rules import _PRESENTERS

    if isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords:
        fn = value.func
        if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Constant) and fn.attr == "join" \
                or isinstance(fn, ast.Name) and fn.id in _PRESENTERS:
            return value.args[0]
    if isinstance(value, ast.Call) and not value.args and isinstance(value.func, ast.Attribute) \
            and value.func.attr in ("strip", "rstrip", "lstrip") and isinstance(value.func.value, ast.Name):
        return value.func.value
    return value


def _known_arguments(fn: ast.AST, call: ast.Call) -> dict:
    """Parameters of ``fn`` whose value at ``call`` is a literal: passed as one, or left at a literal
    default (nothing passed in their place, no ``*args``/``**kwargs`` at the call)."""
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return {}
    a = fn.args
    positional = [x.arg for x in (*a.posonlyargs, *a.args)]
    offset = 1 if positional[:1] in (["self"], ["cls"]) and isinstance(call.func, ast.Attribute) else 0
    known: dict = {}
    starred = any(isinstance(x, ast.Starred) for x in call.args) or any(k.arg is None for k in call.keywords)
    passed = {k.arg: k.value for k in call.keywords if k.arg}
    for k, x in enumerate(call.args):
        if not isinstance(x, ast.Starred) and k + offset < len(positional):
            passed[positional[k + offset]] = x
    for name, value in passed.items():
        if isinstance(value, ast.Constant):
            known[name] = value.value
    if not starred:
        defaults = list(zip(positional[len(positional) - len(a.defaults):], a.defaults)) + \
            [(x.arg, d) for x, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
        for name, d in defaults:
            if name not in passed and isinstance(d, ast.Constant):
                known[name] = d.value
    return known


def _reachable_returns(body: list, known: dict) -> list:
    """The ``return`` statements of a function body that the known arguments can reach: an ``if`` on a
    known parameter runs one branch, and code after a branch that always returns is not reached."""
    from ..dataflow.python_file import _truth

    out = []
    for stmt in body:
        if isinstance(stmt, ast.Return):
            out.append(stmt)
            return out
        if isinstance(stmt, ast.If):
            t = _truth(stmt.test, known)
            if t is True:
                out += _reachable_returns(stmt.body, known)
                if stmt.body and isinstance(stmt.body[-1], ast.Return):
                    return out
                continue
            if t is False:
                out += _reachable_returns(stmt.orelse, known)
                continue
            out += _reachable_returns(stmt.body, known) + _reachable_returns(stmt.orelse, known)
        elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith)):
            out += _reachable_returns(stmt.body, known) + _reachable_returns(getattr(stmt, "orelse", []), known)
        elif isinstance(stmt, ast.Try):
            for part in (stmt.body, *[h.body for h in stmt.handlers], stmt.orelse, stmt.finalbody):
                out += _reachable_returns(part, known)
    return out

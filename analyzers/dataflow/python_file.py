"""A Python file read for data flow: its scopes, own nodes, overwritten names, loops, parsed once."""

from __future__ import annotations

import ast
import os
from functools import lru_cache

from ..evidence import ev
from ..pyparse import parse_python
from .rules import _FILL_METHODS


class _PyScope:
    """Bindings of one function (or the module): name -> value nodes; parameters."""

    def __init__(self, node: ast.AST, name: str | None, parent: _PyScope | None):
        self.node, self.name, self.parent = node, name, parent
        self.file: _PyFile | None = None  # set by _PyFile
        self.params: set[str] = set()
        self.defaults: dict[str, ast.expr] = {}  # parameter -> its literal default
        self.binds: dict[str, list[ast.expr]] = {}
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            a = node.args
            for arg in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg):
                if arg is not None:
                    self.params.add(arg.arg)
            positional = [*a.posonlyargs, *a.args]
            pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults)) + \
                [(k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
            for arg, d in pairs:
                if isinstance(d, ast.Constant) and d.value is not None or _named_constant(d):
                    self.defaults[arg.arg] = d
        for sub in _own_nodes(node):
            if isinstance(sub, ast.Assign):
                for t in sub.targets:
                    self._bind(t, sub.value)
            elif isinstance(sub, (ast.AnnAssign, ast.AugAssign)) and sub.value is not None:
                self._bind(sub.target, sub.value)
            elif isinstance(sub, ast.NamedExpr):
                self._bind(sub.target, sub.value)
            elif isinstance(sub, (ast.For, ast.AsyncFor, ast.comprehension)):
                self._bind(sub.target, sub.iter)

    def _bind(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.binds.setdefault(target.id, []).append(value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for t in target.elts:  # a, b = f(): each part comes from the same value
                self._bind(t, value)

    def lookup(self, name: str) -> tuple[_PyScope | None, list[ast.expr], bool]:
        s: _PyScope | None = self
        while s is not None:
            if name in s.params:
                return s, [], True
            if name in s.binds:
                return s, s.binds[name], False
            s = s.parent
        return None, [], False


def _named_constant(node: ast.expr) -> bool:
    """A CONSTANT_CASE name (``DEFAULT_AGENT_NAME``, ``constants.MAX_STEPS``): a constant of the code by PEP 8's
    convention, as fixed a default as the literal it names (as ``param ?? DEFAULT`` in JS/TS)."""
    from ..volatility import _CONSTANT_CASE

    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return len(name) > 1 and bool(_CONSTANT_CASE.fullmatch(name))


def _own_nodes(node: ast.AST):
    """The nodes of a function body, not those of the functions and classes nested in it.  Computed once
    per node and kept on it (the trees are parsed once per file and never changed): the flow rules ask for
    the same function's nodes for every variable of every template filled there, which made a root with
    thousands of templates filled by one function quadratic."""
    got = getattr(node, "_pcache_own_nodes", None)
    if got is None:
        got = []
        stack = list(ast.iter_child_nodes(node))
        while stack:
            n = stack.pop()
            got.append(n)
            if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                stack.extend(ast.iter_child_nodes(n))
        got = tuple(got)
        node._pcache_own_nodes = got
    return iter(got)




class _PyFile:
    def __init__(self, text: str):
        self.tree = parse_python(text)
        self.module = _PyScope(self.tree, None, None)
        self.module.file = self
        self.scopes: list[_PyScope] = []  # functions, with their line span
        self._collect(self.tree, self.module)
        self._attr_sets: dict[str, list[ast.expr]] | None = None
        self.field_defaults: set[int] = set()  # values of annotated class-body fields (dataclass, pydantic)
        self.counters: set[str] = set()  # attributes the code steps by a number (self.step += 1)
        self.path: str | None = None  # set by whoever read it
        self.calls = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call)
                      and isinstance(n.func, ast.Attribute) and n.func.attr in _FILL_METHODS]

    def _collect(self, node: ast.AST, parent: _PyScope) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                scope = _PyScope(child, child.name, parent)
                scope.file = self
                self.scopes.append(scope)
                self._collect(child, scope)
            else:
                self._collect(child, parent)

    def attribute_sets(self, attr: str) -> list[ast.expr]:
        """Values this file gives the attribute ``attr`` of an object: ``self.attr = v`` / ``cls.attr = v``
        in a method, ``attr = v`` in a class body."""
        if self._attr_sets is None:
            sets: dict[str, list[ast.expr]] = {}
            for n in ast.walk(self.tree):
                if isinstance(n, ast.ClassDef):
                    for stmt in n.body:
                        if isinstance(stmt, ast.Assign):
                            for t in stmt.targets:
                                if isinstance(t, ast.Name):
                                    sets.setdefault(t.id, []).append(stmt.value)
                        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None \
                                and isinstance(stmt.target, ast.Name):
                            sets.setdefault(stmt.target.id, []).append(stmt.value)
                            self.field_defaults.add(id(stmt.value))
                elif isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None:
                    for t in n.targets if isinstance(n, ast.Assign) else [n.target]:
                        if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) \
                                and (t.value.id in ("self", "cls") or t.value.id[:1].isupper()):
                            # self.x = v, cls.x = v, and Owner.x = v on a class (CapWords, PEP 8)
                            sets.setdefault(t.attr, []).append(n.value)
                elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Attribute) \
                        and isinstance(n.target.value, ast.Name) and n.target.value.id in ("self", "cls") \
                        and isinstance(n.value, ast.Constant) and isinstance(n.value.value, (int, float)):
                    self.counters.add(n.target.attr)  # self.step += 1
            self._attr_sets = sets
        return self._attr_sets.get(attr, [])

    def scope_at(self, line: int) -> _PyScope:
        best = self.module
        for s in self.scopes:
            if s.node.lineno <= line <= (s.node.end_lineno or s.node.lineno):
                if best is self.module or s.node.lineno >= best.node.lineno:
                    best = s
        return best


def _overwritten(scope: _PyScope, name: str, line: int) -> ast.expr | None:
    """The value of the last ``name = v`` of the function when it is a statement of a block that holds the use
    at ``line`` and comes before it, and nothing assigns ``name`` after it (as ``_js_overwritten``)."""
    stmts = [n for n in _own_nodes(scope.node) if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign))
             and any(isinstance(t, ast.Name) and t.id == name
                     for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
    loops = [n for n in _own_nodes(scope.node) if isinstance(n, (ast.For, ast.AsyncFor, ast.While, ast.comprehension))
             and isinstance(getattr(n, "target", None), ast.Name) and n.target.id == name]
    if not stmts or loops or any((n.end_lineno or n.lineno) >= line for n in stmts):
        return None
    last = max(stmts, key=lambda n: n.lineno)
    if not isinstance(last, ast.Assign) or len(last.targets) != 1:
        return None
    for n in [scope.node, *_own_nodes(scope.node)]:
        for field in ("body", "orelse", "finalbody"):
            block = getattr(n, field, None)
            if isinstance(block, list) and any(b is last for b in block):
                end = max((b.end_lineno or b.lineno) for b in block)
                return last.value if last.end_lineno < line <= end else None
    return None


def _truth(test: ast.expr, known: dict) -> bool | None:
    """The value of a condition on parameters whose values are known at one call (``include_hour_min``
    left at its default ``False``); None when the code does not say."""
    if isinstance(test, ast.Name) and test.id in known:
        return bool(known[test.id])
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        t = _truth(test.operand, known)
        return None if t is None else not t
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name) \
            and test.left.id in known and isinstance(test.comparators[0], ast.Constant):
        v, c = known[test.left.id], test.comparators[0].value
        if isinstance(test.ops[0], (ast.Eq, ast.Is)):
            return v == c
        if isinstance(test.ops[0], (ast.NotEq, ast.IsNot)):
            return v != c
    return None


_GROW = {"append", "extend", "insert", "add", "update", "appendleft"}


def _py_project_function(scope: "_PyScope", name: str, index) -> bool:
    """``name`` is a function the project defines: at the top level of this file, or a ``def`` of another file of
    the scan that this file imports it from (not a library's function)."""
    f = scope.file
    if f is None:
        return False
    for n in f.tree.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name:
            return True
        if isinstance(n, ast.ImportFrom) and any((a.asname or a.name) == name for a in n.names):
            return index is not None and bool(index.defining(name))
    return False


def _changed_in_place(scope: _PyScope, name: str) -> tuple[str, str] | None:
    """A name its function hands to a call that reorders or redraws it in place (``random.shuffle(pkgs)``,
    ``random.Random(s).shuffle(xs)``): its value is new at every run of the function, whatever its binding
    says (as a random id read for the prompt)."""
    from ..volatility import _RANDOM

    for n in _own_nodes(scope.node):
        if isinstance(n, ast.Call) and any(isinstance(a, ast.Name) and a.id == name for a in n.args):
            fn = ast.unparse(n.func)
            if _RANDOM.search(fn + "("):
                return ev("py.reordered", "per-turn",
                          f"{name} is reordered in place by {fn}() (a new value at every render)")
    return None


def grown_in_loop(scope: _PyScope | None, name: str, line: int) -> int | None:
    """The line of a loop of ``scope`` that both grows ``name`` (``name.append(...)``, ``name += ...``)
    and reads it at ``line``: a list of the steps so far (intermediate answers, a scratchpad) is new at
    every iteration.  None when it is built first and read after its loop (``parts.append`` then
    ``"\\n".join(parts)``)."""
    if scope is None:
        return None
    for loop in _own_nodes(scope.node):
        if not isinstance(loop, (ast.For, ast.AsyncFor, ast.While)):
            continue
        if not loop.lineno <= line <= (loop.end_lineno or loop.lineno):
            continue
        for n in ast.walk(loop):
            grows = isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _GROW \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == name
            grows = grows or isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == name
            if grows:
                return loop.lineno
    return None


def _clock_in(values: list[ast.expr]) -> bool:
    """A clock is read in the bound value itself (``datetime.now().strftime(...)``)."""
    from ..volatility import _CLOCK

    return any(_CLOCK.search(ast.unparse(v)) for v in values)


def _runs_once(scope: _PyScope | None) -> bool:
    """Code that runs once, when its module is imported: the module body (and class bodies), or a
    module-private function (``_name``, PEP 8) that its module calls only from its top level."""
    if scope is None:
        return False
    if scope.parent is None:
        return True
    if scope.parent.parent is not None or not scope.name or not scope.name.startswith("_") \
            or scope.name.startswith("__"):
        return False
    module = scope.parent.node
    calls = [n for n in ast.walk(module) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
             and n.func.id == scope.name]
    top = set()
    for stmt in module.body:
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            top |= {id(n) for n in ast.walk(stmt)}
    return bool(calls) and all(id(c) in top for c in calls)


@lru_cache(maxsize=32)
def _py_file(path: str, stamp: tuple) -> _PyFile | None:
    from ..volatility import _read_source

    text = _read_source(path, stamp)
    if text is None:
        return None
    try:
        f = _PyFile(text)
    except (SyntaxError, ValueError, RecursionError):
        return None
    f.path = os.path.abspath(path)
    return f

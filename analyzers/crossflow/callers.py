"""A filling value classified, followed to the callers of the filling function; found classes ranked."""

from __future__ import annotations

import ast
import os

from ..evidence import carry, ev
from .index import FILL_METHODS, MAX_SITES, ProjectIndex, PY_EXTENSIONS
from .values import _known_arguments, _presented, _reachable_returns, depends_on, derived_from_parameters


def _best(found: list[tuple[str, str, bool]]) -> tuple[str, str, bool] | None:
    """The most volatile of the sites read from the code (``strong``); the names of the arguments only
    when no site says more."""
    from ..volatility import RANK

    strong = [g for g in found if g[2]]
    pick = strong or found
    return min(pick, key=lambda g: RANK[g[0]]) if pick else None


def _strength(got, trace) -> tuple[str, str, bool] | None:
    """A site's class, strong when read from the code (a call, a literal, settings), weak when in the
    end only a name says it (``x = other_name``: other_name's words) or "a parameter, supplied by each
    call"."""
    if got is None:
        return None
    if len(got) == 3:
        return got
    why = got[1] or ""
    return carry(got, got[0],
                 got[1], bool(trace.flowed) and "supplied by each call" not in why and "(by its name)" not in why)


def _where(path: str, line: int, prompt_path: str) -> str:
    return f"line {line}" if path == os.path.abspath(prompt_path) else f"{os.path.basename(path)}:{line}"


def _classify_py(f, scope, value: ast.expr, index: ProjectIndex, depth: int, path: str):
    from ..dataflow.python_file import grown_in_loop
    from ..dataflow.python_value import _PyValue
    from ..dataflow.rules import _Trace

    shown = _presented(value)  # "\n".join(steps), str(x): the name they present
    if isinstance(shown, ast.Name):
        loop = grown_in_loop(scope, shown.id, shown.lineno)
        if loop is not None:
            return ev("fill.loop-grown", "per-turn",
                      f"{shown.id} grows at every iteration of the loop at line {loop}", True)
    if depth > 0 and isinstance(shown, ast.Name):
        s, _values, param = scope.lookup(shown.id)
        if param and s is not None and s.name:  # a parameter of the filling function: its callers
            got = _py_callers(index, path, s, shown.id, depth - 1)
            if got is not None and got[2]:
                return got
    trace = _Trace(index, line=getattr(value, "lineno", None))
    got = _strength(_PyValue(scope, trace).of(value, 1), trace)
    if depth >= 0 and (got is None or got[0] != "per-turn"):
        looped = looped_argument(index, path, scope, value, depth)
        if looped is not None:
            return looped
    if (got is None or not got[2]) and scope.name:
        derived = derived_from_parameters(scope, value)
        if derived is not None:
            return derived
    if (got is None or not got[2]) and depth > 0 and isinstance(value, ast.Name) and scope.name:
        chosen = _chosen_by_parameters(index, path, scope, value.id, depth)
        if chosen is not None:
            return chosen
    call = value
    if isinstance(value, ast.Name):  # x = project_function(...), then x fills the template
        _s, values, param = scope.lookup(value.id)
        call = values[0] if len(values) == 1 and not param else None
    if (got is None or not got[2]) and isinstance(call, ast.Call):
        returned = _py_returns(index, path, call)
        if returned is not None and returned[2]:
            return returned
    return got


def _chosen_by_parameters(index: ProjectIndex, path: str, scope, name: str, depth: int):
    """``name`` bound to one of a few literals by ``if`` tests on the function's parameters (``if has_knowledge_base:
    exec_line = "..." else: ...``): the condition decides which text fills the template, so the choice is as
    volatile as what the callers pass for those parameters (``dataflow.python_value.literal_choice_tests``)."""
    from ..dataflow.python_value import literal_choice_tests

    s, values, param = scope.lookup(name)
    if param or s is not scope:
        return None
    tests = literal_choice_tests(scope, values)
    params = sorted({p for t in tests for p in depends_on(scope, t)})
    found = []
    for p in params:
        got = _py_callers(index, path, scope, p, depth - 1)
        if got is not None:
            found.append(got)
    got = _best(found)
    if got is None:
        return None
    return ev("code.literal-choice", got[0], f"{name} is one of {len({v.value for v in values})} literals written in the "
              f"code, chosen by {', '.join(params)}: {got[1]}", got[2])


def looped_argument(index: ProjectIndex, path: str, scope, value: ast.expr, depth: int):
    """The function that renders the prompt is called at every pass of a loop (``for i in
    range(max_iter): ... self._retrieve_and_answer(followup_query)``) with an argument bound anew in it,
    and ``value`` is computed from that parameter: the prompt is re-rendered with a new value at every
    pass (per-turn)."""
    if not scope.name:
        return None
    for p in sorted(depends_on(scope, value)):
        got = _py_callers(index, path, scope, p, depth - 1)
        if got is not None and got[0] == "per-turn" and got[2]:
            return ev("fill.looped-argument", "per-turn", f"computed from {p}: {got[1]}", True)
    return None


def _py_returns(index: ProjectIndex, path: str, call: ast.Call):
    """A call of a function of the project (``self.get_env_context()``, ``get_day_time()``): what its
    ``return`` statements compute, one level (their own calls are not followed).  The definition in the
    calling file first, else the project's definitions of that name."""
    from ..dataflow.python_file import _own_nodes
    from ..dataflow.python_value import _PyValue
    from ..dataflow.rules import _Trace

    fn = call.func
    name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else None
    if not name or name in FILL_METHODS or name.startswith("__"):
        return None

    def definitions():
        out = []
        for p in [q for q in [path] if q in index.defining(name)] + [q for q in index.defining(name) if q != path]:
            f = index.py(p) if p.endswith(PY_EXTENSIONS) else None
            if f is not None:
                out += [(f, s) for s in f.scopes if s.name == name]
            if out:
                return out  # the nearest file that defines it
        return out

    found = []
    for f, scope in index.memo(("py-defs", path, name), definitions)[:4]:
        known = _known_arguments(scope.node, call)
        for r in _reachable_returns(scope.node.body, known):
            if r.value is not None:
                trace = _Trace(index, line=r.lineno)
                got = _strength(_PyValue(scope, trace, known).of(r.value, 1), trace)
                if got is not None:
                    found.append(carry(got, got[0], f"{name}() returns {ast.unparse(r.value)[:40]}"
                                            + (f": {got[1]}" if got[1] else ""), got[2]))
    return _best(found)


# ---------------------------------------------------------------------------------- Python: callers

def _py_params(fn: ast.AST) -> list[str]:
    a = fn.args
    return [x.arg for x in (*a.posonlyargs, *a.args)]


def _reusable() -> bool:
    """Results of the code readers may be kept for the scan (``ProjectIndex.memo``): not while
    benchmarks/rule_precision.py disables rules or records the ones reached (``evidence``)."""
    from .. import evidence

    return evidence.FIRED is None and not evidence.DISABLED


def _at(path: str, node: ast.AST) -> tuple:
    """Where a node is written: stable across parses of the same file (unlike ``id``)."""
    return (os.path.abspath(path), getattr(node, "lineno", 0), getattr(node, "col_offset", 0),
            getattr(node, "end_lineno", 0), getattr(node, "end_col_offset", 0))


def _py_callers(index: ProjectIndex, home: str, scope, param: str, depth: int) -> tuple[str, str] | None:
    """The class of what the callers of ``scope``'s function pass for ``param``; for ``__init__``, what
    the constructions of its class pass (``SystemRole("ShellGPT", ...)``).  Computed once per scan for a
    function, parameter and depth: every variable of every template filled in that function asks it
    again (promptsource: two thousand templates, each rendered by ``Template.apply``)."""
    if not _reusable():
        return _py_callers_of(index, home, scope, param, depth)
    return index.memo(("py-callers-of", *_at(home, scope.node), scope.name, param, depth),
                      lambda: _py_callers_of(index, home, scope, param, depth))


def _py_callers_of(index: ProjectIndex, home: str, scope, param: str, depth: int) -> tuple[str, str] | None:
    fn = scope.node
    name = scope.name
    constructor = name == "__init__"
    called = name == "__call__"  # actor = VLMAgent(...); actor(messages=..., parsed_screen=...)
    if constructor or called:
        name = _class_of(scope)
        if not name:
            return None
    elif name.startswith("__"):
        return None
    # invoke(), run(), render(): every template and chain has one; only a call naming the parameter
    # (``router.invoke(query=q)``) is taken for this function's
    by_keyword_only = name in FILL_METHODS
    params = _py_params(fn)
    method = bool(params) and params[0] in ("self", "cls")
    pos = params.index(param) if param in params else None
    found = []
    literals: set[str] = set()
    sites = 0
    calls = index.memo(("py-calls", name, called), lambda: [
        (f, p, c) for p, f in index.py_mentioning(name)
        for c in (_instance_calls(f, name) if called else _calls_to(f, name))])
    home_calls = [c for c in calls if c[1] == os.path.abspath(home)]
    if method:  # in its own file, self.agents[k].process(...) calls the process of an object self holds
        home_calls = [c for c in home_calls if not _on_held_object(c[2])]
        calls = [c for c in calls if c[1] != os.path.abspath(home) or not _on_held_object(c[2])]
    if method and home_calls:
        calls = home_calls  # a method: its own file's calls (self.m(...)) before same-named methods elsewhere
    for f, path, call in calls:
        value = None
        for kw in call.keywords:
            if kw.arg == param:
                value = kw.value
        if value is None and pos is not None and not by_keyword_only:
            k = pos - (1 if method and (constructor or called or isinstance(call.func, ast.Attribute)) else 0)
            if 0 <= k < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:k + 1]):
                value = call.args[k]
        if value is None:
            continue
        sites += 1
        if isinstance(value, ast.Name):  # reviewer_1 = "You are a harsh ..." then get_score(reviewer_type=reviewer_1)
            _s, bound, is_param = f.scope_at(call.lineno).lookup(value.id)
            if not is_param and len(bound) == 1 and isinstance(bound[0], ast.Constant):
                literals.add(repr(bound[0].value))
        if isinstance(value, ast.Constant):
            literals.add(repr(value.value))
        got = _classify_py(f, f.scope_at(call.lineno), value, index, depth, path)
        if got is not None:
            found.append(carry(got, got[0], f"{param}={ast.unparse(value)[:50]} from the call at "
                                            f"{_where(path, call.lineno, home)}" + (f": {got[1]}" if got[1] else ""),
                                    got[2]))
        if sites >= MAX_SITES:
            break
    return per_call_site(found, literals, param) or _best(found)


def _instance_calls(f, cls: str) -> list[ast.Call]:
    """Calls of instances of the class ``cls`` in one file: a name or ``self.attr`` bound to ``cls(...)`` and
    then called (``actor = VLMAgent(...)`` ... ``actor(messages=messages)``): each runs its ``__call__``."""
    def made(v: ast.expr) -> bool:
        fn = v.func if isinstance(v, ast.Call) else None
        return isinstance(fn, ast.Name) and fn.id == cls or isinstance(fn, ast.Attribute) and fn.attr == cls

    names, attrs = set(), set()
    for n in ast.walk(f.tree):
        if isinstance(n, ast.Assign) and made(n.value):
            for t in n.targets:
                if isinstance(t, ast.Name):
                    names.add(t.id)
                elif isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id in ("self", "cls"):
                    attrs.add(t.attr)
    return [n for n in ast.walk(f.tree) if isinstance(n, ast.Call) and (
        isinstance(n.func, ast.Name) and n.func.id in names or isinstance(n.func, ast.Attribute)
        and n.func.attr in attrs and isinstance(n.func.value, ast.Name) and n.func.value.id in ("self", "cls"))]


def _on_held_object(call: ast.Call) -> bool:
    """The call is on an object ``self`` holds (``self.agents[k].process(...)``, ``self.llm.run(...)``), not on
    ``self`` itself: in the method's own class, that is a same-named method of another object."""
    fn = call.func
    if not isinstance(fn, ast.Attribute) or isinstance(fn.value, ast.Name):
        return False
    n = fn.value
    while isinstance(n, (ast.Attribute, ast.Subscript)):
        n = n.value
    return isinstance(n, ast.Name) and n.id in ("self", "cls")


def _class_of(scope) -> str | None:
    """The name of the class whose body defines ``scope``'s function."""
    f = scope.file
    if f is None:
        return None
    for n in ast.walk(f.tree):
        if isinstance(n, ast.ClassDef) and any(b is scope.node for b in n.body):
            return n.name
    return None


def per_call_site(found: list, literals: set, param: str):
    """Every caller passes a literal and they differ (``update_prompt(doc, "code")``, ``(doc, "sheet")``):
    the value is fixed by which part of the program calls, not by the request: per-config."""
    if len(literals) > 1 and found and all(g[0] == "constant" for g in found):
        shown = ", ".join(sorted(literals)[:3])
        return ev("fill.per-call-site", "per-config",
                  f"{param}: each call passes its own literal ({shown}): fixed per call site", True)
    return None


def _calls_to(f, name: str) -> list[ast.Call]:
    return [n for n in ast.walk(f.tree) if isinstance(n, ast.Call) and (
        isinstance(n.func, ast.Name) and n.func.id == name or
        isinstance(n.func, ast.Attribute) and n.func.attr == name)]

"""Where a template variable's value is decided, when the code that fills the template hands it on (issue 12).

The readers of ``dataflow`` / ``crossflow`` / ``flow_state`` follow a value to the expression that fills a
template and one or two levels of callers.  Some values are not decided by any one expression but by what the
program does with the value between two renders of the prompt, which an expert follows too (the labellers'
``why``: "rewritten by the answer to this very template at every round", "one more at each step of the replay
loop").  This module holds those facts of the program's structure, each a rule of ``evidence.RULES``:

* ``fill.reply-rewrites``: the value given to the call that sends the prompt is re-assigned, after that call in
  the same function, from the call's own result (``state = llm.get_response(T, facts=self._state)`` then
  ``self._state = state.result``): the next render carries what the model answered to this one, per-turn;
* ``state.loop-grown``: an attribute that starts empty (``self.action_events = []``) and that an iterating loop
  of its class (a ``while``, a ``for`` over ``range``/``count``: the agent's steps, as ``flow_state.
  iteration_loop`` reads them) adds to at every pass: the history of the steps so far, per-turn;

Nothing here reads a name: only assignments, calls and loops.  The callers (``crossflow.py_fill_class``,
``flow_state.attribute_class``) ask these functions only where their own reading found no decisive evidence.
"""

from __future__ import annotations

import ast

from .evidence import ev


def _own_nodes(node: ast.AST):
    from .dataflow import _own_nodes as own

    return own(node)


def reply_rewrites(scope, call: ast.AST, value: ast.expr):
    """``value`` (a name or ``self.attr``) fills the template at ``call``, and the same function later assigns
    it again from the result of ``call``: the answer to this prompt is the value of the next (per-turn)."""
    if not isinstance(call, ast.Call) or not isinstance(value, (ast.Name, ast.Attribute)) or scope is None:
        return None
    shown = ast.unparse(value)
    nodes = list(_own_nodes(scope.node))
    results: set[str] = set()  # names bound to the call's result: state = llm.get_response(T, ...)
    for n in nodes:
        if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None and \
                any(m is call for m in ast.walk(n.value)):
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target]):
                if isinstance(t, ast.Name):
                    results.add(t.id)
    end = getattr(call, "end_lineno", None) or call.lineno
    for n in nodes:
        if not isinstance(n, (ast.Assign, ast.AnnAssign)) or n.value is None or n.lineno <= end:
            continue
        targets = n.targets if isinstance(n, ast.Assign) else [n.target]
        if not any(ast.unparse(t) == shown for t in targets):
            continue
        if any(m is call for m in ast.walk(n.value)) or any(
                isinstance(m, ast.Name) and m.id in results for m in ast.walk(n.value)):
            return ev("fill.reply-rewrites", "per-turn",
                      f"{shown} is re-assigned at line {n.lineno} from the answer to the call at line {call.lineno} "
                      "that sends this prompt: each render carries the previous answer", True)
    return None


def loop_grown_state(index, attr: str, owner: str | None):
    """The attribute ``attr`` of ``owner`` objects starts empty and an iterating loop of the scan's Python adds
    to it at every pass (``while True: ... self.action_events.append(e)``): per-turn."""
    from .dataflow import _GROW
    from .flow_state import _not_this_class, iteration_loop

    if index is None:
        return None
    for p in index.mentioning(attr):
        if not p.endswith((".py", ".pyw")):
            continue
        f = index.py(p)
        if f is None:
            continue
        for n in ast.walk(f.tree):
            grows = isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _GROW \
                and isinstance(n.func.value, ast.Attribute) and n.func.value.attr == attr
            target = n.func.value if grows else None
            if not grows and isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Attribute) \
                    and n.target.attr == attr:
                grows, target = True, n.target
            if not grows or _not_this_class(f, target, owner):
                continue
            loop = iteration_loop(f.scope_at(n.lineno), [n.lineno])
            if loop is not None:
                return ev("state.loop-grown", "per-turn",
                          f"self.{attr} starts empty and grows at every pass of the loop at "
                          f"{p.rsplit('/', 1)[-1]}:{loop.lineno}: the steps so far")
    return None

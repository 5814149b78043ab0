"""A session-state key of an agent's instruction that the code writes once per state: per-session (issue 12;
LABEL_AGREEMENT.md "vol19").

Google ADK fills an agent's ``instruction`` from the session's state: ``{key}`` in the text is replaced by
``state["key"]`` when each request of that agent is built (ADK docs, "State: Using ``{key}`` templating in
instructions").  How often such a value changes is how often the code writes that key, not what its name says.
travel-concierge's ``_set_initial_states(source, target)``, called by the root agent's ``before_agent_callback``
with ``callback_context.state``, writes ``if constants.SYSTEM_TIME not in target: target[constants.SYSTEM_TIME] =
str(datetime.now())``: the key is set when it is absent, once for the state it is written to, the session's.  So
is a key written inside ``if ITIN_INITIALIZED not in target:`` whose block also sets ``target[ITIN_INITIALIZED]``
(a once-flag of the same state).  When every write of the key the project holds (a string literal, or a name
bound once to that literal) is under such a guard, the value is per-session.
"""

from __future__ import annotations

import ast

from .model import Prompt, Segment


def _last(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _instruction(container: str, index) -> bool:
    """The prompt is passed as an agent's ``instruction=`` somewhere in the scan."""
    for _p, f in index.py_mentioning(container):
        for n in ast.walk(f.tree):
            if isinstance(n, ast.keyword) and n.arg == "instruction" and _last(n.value) == container:
                return True
    return False


def _aliases(key: str, index) -> set[str]:
    """Names bound at a module's top level to the literal ``key`` (``SYSTEM_TIME = "_time"``)."""
    out = set()
    for _p, f in index.py_mentioning(key):
        for stmt in f.tree.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                    and isinstance(stmt.value, ast.Constant) and stmt.value.value == key:
                out.add(stmt.targets[0].id)
    return out


def _is_key(node: ast.AST, key: str, aliases: set[str]) -> bool:
    if isinstance(node, ast.Constant):
        return node.value == key
    return _last(node) in aliases


def _once_guard(guards: list[ast.If], target: str) -> bool:
    """One of the enclosing ``if``s is ``if K not in T:`` whose block writes ``T[K]``: a once-guard of ``T``."""
    for g in guards:
        t = g.test
        if not (isinstance(t, ast.Compare) and len(t.ops) == 1 and isinstance(t.ops[0], ast.NotIn)
                and ast.unparse(t.comparators[0]) == target):
            continue
        k = ast.unparse(t.left)
        for stmt in g.body:
            for n in ast.walk(stmt):
                if isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store) \
                        and ast.unparse(n.value) == target and ast.unparse(n.slice) == k:
                    return True
    return False


def _writes(tree: ast.AST, key: str, aliases: set[str]):
    """(written object, enclosing ``if``s) of every ``T[key] = ...`` (and ``T.update({key: ...})``) of a tree."""
    def walk(node, guards):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Subscript) and isinstance(child.ctx, ast.Store) \
                    and _is_key(child.slice, key, aliases):
                yield ast.unparse(child.value), guards
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute) and child.func.attr in (
                    "update", "setdefault") and child.args:
                arg = child.args[0]
                if child.func.attr == "setdefault" and _is_key(arg, key, aliases):
                    yield ast.unparse(child.func.value), guards + [None]  # set only when absent
                if isinstance(arg, ast.Dict) and any(k is not None and _is_key(k, key, aliases) for k in arg.keys):
                    yield ast.unparse(child.func.value), guards
            inner = guards + [child] if isinstance(child, ast.If) else guards
            yield from walk(child, inner)
    yield from walk(tree, [])


def session_once(seg: Segment, prompt: Prompt | None, name: str, index=None) -> str | None:
    """Where the code writes the state key ``name`` of an agent instruction once per state (see the module
    docstring), as ``path:line``-free text; else None."""
    if prompt is None or index is None or not prompt.path or not prompt.path.lower().endswith((".py", ".pyw")) \
            or not name.isidentifier():
        return None
    from .dataflow.python_value import _container_name

    container = _container_name(prompt)
    if not container.isidentifier() or not _instruction(container, index):
        return None
    aliases = _aliases(name, index)
    names = {name} | aliases
    seen, found = set(), []
    for n in names:
        for p, f in index.py_mentioning(n):
            if p in seen:
                continue
            seen.add(p)
            for target, guards in _writes(f.tree, name, aliases):
                if None in guards:
                    found.append(target)
                    continue
                if not _once_guard([g for g in guards if g is not None], target):
                    return None
                found.append(target)
    if not found:
        return None
    return f"`{name}` written into the state `{found[0]}` only when absent ({len(found)} write(s))"

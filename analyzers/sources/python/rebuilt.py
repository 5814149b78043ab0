"""A local a loop rebuilds from itself: ``tools = ""`` then, in a ``for`` loop, ``tools = tools + " API ({}): "...``.

``x = x + e`` makes a new string from the old one (Python's ``str`` is immutable), so after the loop the local holds
what the iterations added, known only at run time; its first value (``""``) is its value only when the loop never
runs.  Where such a local is read in a longer text (OpenCopilot's ``prompt = "..." + actionable_tools + "..."``), it
is a variable written by its name, not its first value.  (``x += e`` is read by ``_steps``: the first value, then each
added expression; a reassignment from other values, ``x = "A"`` under an ``if``, is a choice left as it was.)"""

from __future__ import annotations

import ast


def _leftmost(node: ast.expr) -> ast.expr:
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        node = node.left
    return node


def rebuilt_in_loop(finder, use: ast.Name, definition: ast.expr) -> bool:
    """Whether, between the statement that gives ``use``'s local ``definition`` and ``use`` itself, a loop of the same
    function reassigns the local to a concatenation that starts with the local (``x = x + ...``)."""
    stmt = finder.parents.get(id(definition))
    func = stmt
    while func is not None and not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        func = finder.parents.get(id(func))
    if func is None or not isinstance(stmt, ast.stmt):
        return False
    for node in ast.walk(func):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == use.id and isinstance(node.value, ast.BinOp)
                and isinstance(_leftmost(node.value), ast.Name) and _leftmost(node.value).id == use.id):
            continue
        if not (stmt.lineno < node.lineno < use.lineno):
            continue
        up = finder.parents.get(id(node))
        while up is not None and up is not func:
            if isinstance(up, (ast.For, ast.AsyncFor, ast.While)):
                return True
            up = finder.parents.get(id(up))
    return False

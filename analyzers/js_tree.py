"""The tree-sitter helpers every JavaScript/TypeScript module shares: a node's text, the node types that
open a function, and one iterative walk (no recursion, so a deeply nested file cannot exhaust the stack)."""

from __future__ import annotations

FUNCTIONS = frozenset({"function_declaration", "function_expression", "arrow_function", "method_definition",
                       "generator_function_declaration", "function"})


def text(node) -> str:
    return node.text.decode("utf-8", "replace")


def walk(node, *, every: bool = False, in_order: bool = False, stop=frozenset()):
    """``node`` and the nodes under it, each before its children.  ``every``: the anonymous tokens too,
    not only the named nodes; ``in_order``: siblings in source order (else last first, which is cheaper);
    ``stop``: node types that are yielded but not entered (``stop=FUNCTIONS`` stays in one function's own
    code; the start node is not entered either when its type is in ``stop``)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if n.type in stop:
            continue
        children = n.children if every else n.named_children
        stack.extend(reversed(children) if in_order else children)

"""The initial text of a ``.reduce`` whose callback appends to its accumulator.

``array.reduce(fn, init)`` starts its accumulator at ``init`` and makes each step what ``fn`` returns from it
(ECMAScript, Array.prototype.reduce): when the callback's text opens with the accumulator (`` `${prev}\\nThe issue
is at path ...` ``, ``prev + ...``), the result is ``init`` followed by what the steps add.  A prompt slot given that
result (zod-gpt ``const issuesMessage = res.error.issues.reduce((prev, issue) => ..., hasFunctionCall ? `There is
an issue with that response, please rewrite ...` : `...`)`` then ``response.respond(issuesMessage)``) starts with
``init``: it is that prompt's text, and what the steps add is data after it.
"""

from __future__ import annotations

from ...js_tree import FUNCTIONS, text as _text, walk
from .literals import _Candidate
from .tree import param_names


def _appends(fn, acc: str) -> bool:
    """Whether ``fn``'s code writes a text that opens with ``acc`` (`` `${acc}...` `` or ``acc + ...``)."""
    for n in walk(fn.child_by_field_name("body") or fn):
        if n.type == "template_string":
            first = n.children[1] if len(n.children) > 1 else None  # (after the opening backtick)
            if first is not None and first.type == "template_substitution" and first.named_children \
                    and first.named_children[0].type == "identifier" and _text(first.named_children[0]) == acc:
                return True
        elif n.type == "binary_expression" and _text(n.child_by_field_name("operator") or n) == "+":
            left = n.child_by_field_name("left")
            if left is not None and left.type == "identifier" and _text(left) == acc:
                return True
    return False


def reduce_init(cand) -> list[_Candidate]:
    value = cand.value
    while value.type in ("parenthesized_expression", "await_expression") and value.named_children:
        value = value.named_children[0]
    if value.type != "call_expression":
        return []
    callee, args = value.child_by_field_name("function"), value.child_by_field_name("arguments")
    if callee is None or args is None or callee.type != "member_expression":
        return []
    prop = callee.child_by_field_name("property")
    given = [a for a in args.named_children if a.type != "comment"]
    if prop is None or _text(prop) != "reduce" or len(given) != 2 or given[0].type not in FUNCTIONS:
        return []
    names = param_names(given[0])
    if not names or not names[0] or not _appends(given[0], names[0]):
        return []
    return [_Candidate(given[1], cand.slot, cand.own, cand.role, message=cand.message, decl=cand.decl)]

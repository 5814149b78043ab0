"""Labelling conventions of issue 12 read from the structure of the code (the header comments of
tests/fixtures/agents/eval/labels.toml, labels-measure17.toml, labels-measure18.toml; benchmarks/LABEL_AGREEMENT.md
"Conventions as rules").  Helpers of the code readers (``dataflow``); nothing here is run, files are only parsed.

* "per-turn: ... or the history itself rendered into the prompt (a running summary, the conversation, an agent's
  state that the loop edits)": an item of a collection the object keeps and grows between calls (``for (const
  event of this.history)`` where another method does ``this.history.push(...)``) is one entry of that history
  (``js_grown_items``); the counter of the ``for`` loop that renders the prompt (``for (let attempt = 1; ...;
  attempt++) { ... `Attempt ${attempt}` ... }``) is a new value at every pass, not its first literal
  (``js_loop_counter``).
* the same convention over the one-shot boundary ("a one-shot call made inside a loop takes per-request for the
  values given to it"): the history rendered into a one-shot prompt is still the history (page-agent's agent
  history in each step's fresh [system, user] call, labelled per-turn), so the boundary leaves it
  (``renders_history``).
"""

from __future__ import annotations

from .js_tree import FUNCTIONS as _FUNCS, text as _text, walk as _walk

_GROW = {"push", "unshift", "splice"}
# rules whose per-turn value is the history itself rendered into the prompt
HISTORY_RULES = {"js.grown-history"}


def renders_history(rule: str) -> bool:
    from .evidence import parts

    return any(p in HISTORY_RULES for p in parts(rule))


def js_for_item(at, name: str):
    """The collection whose items ``name`` is bound to by an enclosing ``for (const name of coll)`` (or a
    destructuring of each item, ``for (const { a, b } of coll)``), seen from ``at``; None otherwise."""
    n = at
    while n is not None and n.type not in _FUNCS and n.type != "program":
        if n.type == "for_in_statement":
            left, op = n.child_by_field_name("left"), n.child_by_field_name("operator")
            if left is not None and op is not None and _text(op) == "of" and name in _bound_names(left):
                return n.child_by_field_name("right")
        n = n.parent
    return None


def _bound_names(pattern) -> set[str]:
    if pattern.type == "identifier":
        return {_text(pattern)}
    out = set()
    for c in pattern.named_children:
        if c.type in ("identifier", "shorthand_property_identifier_pattern"):
            out.add(_text(c))
        elif c.type in ("pair_pattern", "object_pattern", "array_pattern", "assignment_pattern"):
            value = c.child_by_field_name("value") or c.child_by_field_name("left")
            out |= _bound_names(value if value is not None else c)
    return out


def js_grown_items(collection) -> int | None:
    """``this.attr`` that a method of the same class other than the one reading it grows (``this.attr.push(x)``):
    a collection kept by the object across calls, the line of the first such growth; None otherwise (a local
    list, or one grown only where it is read: built for this call)."""
    if collection is None or collection.type != "member_expression":
        return None
    obj, prop = collection.child_by_field_name("object"), collection.child_by_field_name("property")
    if obj is None or obj.type != "this" or prop is None:
        return None
    attr = _text(prop)
    reader = _function_of(collection)
    cls = reader
    while cls is not None and cls.type not in ("class_body", "class_declaration", "class"):
        cls = cls.parent
    if cls is None:
        return None
    stack = [cls]
    while stack:
        n = stack.pop()
        if n.type == "call_expression":
            fn = n.child_by_field_name("function")
            if fn is not None and fn.type == "member_expression" and _text(fn.child_by_field_name("property")) in _GROW:
                target = fn.child_by_field_name("object")
                if target is not None and target.type == "member_expression" \
                        and target.child_by_field_name("object") is not None \
                        and target.child_by_field_name("object").type == "this" \
                        and _text(target.child_by_field_name("property")) == attr \
                        and (reader is None or not _inside(n, reader)):
                    return n.start_point[0] + 1
        stack.extend(n.named_children)
    return None


def _function_of(node):
    n = node.parent
    while n is not None and n.type not in _FUNCS:
        n = n.parent
    return n


def _inside(node, fn) -> bool:
    return fn.start_byte <= node.start_byte < fn.end_byte


def js_loop_counter(decl, use) -> int | None:
    """The line of the ``for`` statement whose initializer declares ``decl`` (a ``variable_declarator``) and
    whose update steps it, when ``use`` is inside its body; None otherwise."""
    if decl is None or decl.type != "variable_declarator":
        return None
    stmt = decl.parent
    loop = stmt.parent if stmt is not None else None
    if loop is None or loop.type != "for_statement" or loop.child_by_field_name("initializer") is None \
            or loop.child_by_field_name("initializer").id != stmt.id:
        return None
    name = decl.child_by_field_name("name")
    step = loop.child_by_field_name("increment")
    body = loop.child_by_field_name("body")
    if name is None or step is None or body is None or not _inside(use, body):
        return None
    stepped = [n for n in _walk(step) if n.type in ("update_expression", "augmented_assignment_expression",
                                                     "assignment_expression")
               and _text(n.child_by_field_name("argument") or n.child_by_field_name("left")) == _text(name)]
    return loop.start_point[0] + 1 if stepped else None

"""A chat route is one pass of its client's loop (issue 12, PC101 "the agent loop"): a value it computes
from the conversation the request carries (``const { messages } = await req.json()``, ``latest =
messages[messages.length - 1].content``, ``retrieveContext(latest)``) changes at every turn, per-turn, when
it reads the list as it grows; a message at a fixed place from its start (``messages[0]``) does not.  A
value sent in a one-shot call of the route (a request that carries no conversation,
``oneshot_js``) is the input of that request instead: ``volatility._boundary`` makes it per-request.
"""

from __future__ import annotations

from .dataflow.js_lookup import _pattern_names
from .dataflow.rules import _conversation_name
from .js_tree import FUNCTIONS as _JS_FUNCS, text as _js_text, walk


def from_conversation(use, name: str, limit: int = 40) -> str | None:
    """The name of the conversation the call carries (``messages``, ``history``: a parameter of the
    function, or read from one: ``const { messages } = await req.json()``) that the local ``name`` is
    computed from, through the function's own declarations
    and assignments (as ``crossflow.derived_from_parameters`` for Python); None when it is not, or when
    ``name`` is the conversation itself."""
    conversation = _conversation_name
    if conversation(name):
        return None
    fn = use.parent
    while fn is not None and fn.type not in _JS_FUNCS:
        fn = fn.parent
    if fn is None:
        return None
    values: dict[str, list] = {}
    stack = list(fn.named_children)
    while stack:
        n = stack.pop()
        if n.type in _JS_FUNCS and n.id != fn.id or n.type in ("class_declaration", "class"):
            continue
        if n.type == "variable_declarator":
            target, value = n.child_by_field_name("name"), n.child_by_field_name("value")
            if target is not None and value is not None:
                block = n.parent.parent if n.parent is not None else None  # the block the declaration is in
                for t in _pattern_names(target):
                    values.setdefault(t, []).append((value, block))
        elif n.type == "assignment_expression":
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            if left is not None and left.type == "identifier" and right is not None:
                values.setdefault(_js_text(left), []).append((right, None))
        stack.extend(n.named_children)
    params = _pattern_names(fn.child_by_field_name("parameters") or fn.child_by_field_name("parameter"))

    def visible(block, ref) -> bool:  # a `const x` of another block (a later `const textContent`) is another x
        return block is None or block.start_byte <= ref.start_byte < block.end_byte

    todo, seen = [(name, use)], set()
    while todo and len(seen) < limit:
        n, ref = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        bound = [(v, b) for v, b in values.get(n, []) if visible(b, ref)]
        declared = [b for _v, b in bound if b is not None]
        inner = min(declared, key=lambda b: b.end_byte - b.start_byte) if declared else None
        for v, block in bound:
            if block is not None and block.id != inner.id:
                continue  # shadowed by the innermost declaration the reference sees
            for ident in walk(v, stop=_JS_FUNCS):
                if ident.type not in ("identifier", "shorthand_property_identifier"):
                    continue
                parent = ident.parent
                if parent is not None and parent.type == "call_expression" \
                        and parent.child_by_field_name("function") is not None \
                        and parent.child_by_field_name("function").id == ident.id:
                    continue  # the function called, not a value given to it
                text = _js_text(ident)
                if conversation(text):
                    if _carried(text, params, values):
                        if _moving_part(ident):
                            return text
                    continue
                todo.append((text, ident))
    return None


def _carried(name: str, params: set, values: dict, depth: int = 3) -> bool:
    """``name`` is the conversation the call carries: a parameter, or bound to a read of one (``await
    req.json()``, ``messages.map(...)``).  A list the function loads itself (``await
    db.query.messages.findMany(...)``, dyad's sub-agent thread) is stored history, not what this call
    was given."""
    if name in params:
        return True
    if depth <= 0:
        return False
    for value, _block in values.get(name, []):
        root = _root(value)
        if root is not None and (root in params or root != name and _conversation_name(root)
                                 and _carried(root, params, values, depth - 1)):
            return True
    return False


def _root(node) -> str | None:
    """The name a chain of reads starts from: ``req`` of ``await req.json()``, ``messages`` of
    ``messages.slice(-6).map(f)``."""
    while node is not None:
        t = node.type
        if t == "identifier":
            return _js_text(node)
        if t in ("await_expression", "parenthesized_expression", "as_expression", "non_null_expression",
                 "satisfies_expression"):
            node = node.named_children[0] if node.named_children else None
        elif t == "call_expression":
            node = node.child_by_field_name("function")
        elif t in ("member_expression", "subscript_expression"):
            node = node.child_by_field_name("object")
        else:
            return None
    return None


_GROWING_READS = {"at", "slice", "map", "filter", "flatMap", "reduce", "reduceRight", "findLast",
                  "findLastIndex", "join", "concat", "forEach", "entries", "values", "pop"}


def _moving_part(ident) -> bool:
    """The conversation read as a list that grows (``messages[messages.length - 1]``,
    ``messages.at(-1)``, ``messages.map(...)``, the whole list): what it yields moves with each turn.  A fixed
    position from its start (``messages[0]``, the first message) or a property of a conversation record
    (``conversation.created``) does not."""
    parent = ident.parent
    if parent is None:
        return True
    if parent.type == "subscript_expression" and parent.child_by_field_name("object") is not None \
            and parent.child_by_field_name("object").id == ident.id:
        index = parent.child_by_field_name("index")
        return not (index is not None and index.type == "number")
    if parent.type == "member_expression" and parent.child_by_field_name("object") is not None \
            and parent.child_by_field_name("object").id == ident.id:
        prop = parent.child_by_field_name("property")
        return prop is not None and _js_text(prop) in _GROWING_READS
    return True

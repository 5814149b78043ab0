"""Arrays and sections of a prompt: spliced names, joined, spread, pushed and mapped arrays, tables."""

from __future__ import annotations

from ...js_tree import FUNCTIONS as _FUNCTIONS, text as _text, walk
from ..prompt_names import name_words
from .grammar import _TRIMS
from .literals import _Candidate, literal_parts
from .names import object_literal
from .tree import (
    _array_declarator, _binds, _const_declarator, _declarators, _enclosing_function, _prop_name, _text_method,
)


def _spliced_names(node) -> list[str]:
    """Identifiers spliced whole into a template literal or a ``+`` concatenation."""
    out = []
    while node.type == "parenthesized_expression" and node.named_children or _text_method(node):
        node = node.named_children[0] if node.type == "parenthesized_expression" else \
            node.child_by_field_name("function").child_by_field_name("object")
    if node.type == "call_expression" and node.child_by_field_name("arguments") is not None \
            and node.child_by_field_name("arguments").type == "template_string":
        node = node.child_by_field_name("arguments")  # a tagged template: dedent`...${generationDetails}...`
    if node.type == "template_string":
        for sub in node.named_children:
            if sub.type != "template_substitution" or len(sub.named_children) != 1:
                continue
            inner = sub.named_children[0]
            while _text_method(inner):  # ${additionalContext.trim()}
                inner = inner.child_by_field_name("function").child_by_field_name("object")
            if inner.type == "identifier":
                out.append(_text(inner))
            else:
                out.extend(_section_names(inner))
    elif node.type == "binary_expression" and node.child_by_field_name("operator") is not None \
            and _text(node.child_by_field_name("operator")) == "+":
        for side in ("left", "right"):
            child = node.child_by_field_name(side)
            if child is not None and child.type == "identifier":
                out.append(_text(child))
            elif child is not None:
                out.extend(_spliced_names(child))
    return out


def _section_names(node, depth: int = 0) -> list[str]:
    """Identifiers a conditional splices whole (``${win ? windowsNote + '\n' : ''}``,
    ``${verbose && DETAILS}``, ``${custom ?? DEFAULT_RULES}``): each is a section of the text when its
    condition holds, as a branch written in place would be."""
    if depth > 3:
        return []
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    if node.type == "ternary_expression":
        branches = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
    elif node.type == "binary_expression" and node.child_by_field_name("operator") is not None:
        op = _text(node.child_by_field_name("operator"))
        if op == "&&":
            branches = [node.child_by_field_name("right")]
        elif op in ("||", "??"):
            branches = [node.child_by_field_name("left"), node.child_by_field_name("right")]
        elif op == "+":
            return _spliced_names(node)
        else:
            return []
    else:
        return []
    out = []
    for b in branches:
        while b is not None and _text_method(b):
            b = b.child_by_field_name("function").child_by_field_name("object")
        if b is None:
            continue
        if b.type == "identifier":
            out.append(_text(b))
        else:
            out.extend(_section_names(b, depth + 1))
    return out


# Methods whose first argument names what they look up, store or remove (``cache.get(cacheKey)``,
# ``map.has(k)``, ``localStorage.getItem(k)``): their value is no transform of that argument (``join``:
# the separator).
_LOOKUPS = frozenset({"join", "get", "has", "set", "delete", "getItem", "setItem", "removeItem", "at",
                      "find", "findOne", "lookup"})


# First words of a function that fetches what its argument names (``getPatchData(patchUrl)``,
# ``fetchPage(url)``, ``readFile(path)``): its value is what it fetched, no transform of the argument.
_FETCH_VERBS = frozenset({"get", "fetch", "load", "read", "download", "request", "retrieve", "scrape"})


def _unwrapped(node):
    """The text a slot's value is made from, through calls that transform it
    (``removeExtraLineBreaks(userContent)`` -> ``userContent``) and ``await``/parentheses."""
    for _ in range(4):
        if node.type in ("parenthesized_expression", "await_expression", "as_expression", "non_null_expression") \
                and node.named_children:
            node = node.named_children[0]
        elif node.type == "call_expression" and _text_method(node) and _prop_name(node.child_by_field_name("function")) \
                in _TRIMS and node.child_by_field_name("function").child_by_field_name("object") is not None:
            node = node.child_by_field_name("function").child_by_field_name("object")  # content: text.trim()
        elif node.type == "call_expression" and node.child_by_field_name("function") is not None \
                and node.child_by_field_name("function").type == "member_expression" \
                and _prop_name(node.child_by_field_name("function")) in ("replace", "replaceAll") \
                and node.child_by_field_name("function").child_by_field_name("object") is not None:
            # systemPromptConvert.replaceAll('$FRAMEWORK', framework): the text replaced in, not the pattern
            node = node.child_by_field_name("function").child_by_field_name("object")
        elif node.type == "call_expression":
            fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
            if fn is None or args is None or not args.named_children or (
                    fn.type == "member_expression" and _prop_name(fn) in _LOOKUPS) or \
                    name_words(_prop_name(fn))[:1] and name_words(_prop_name(fn))[0] in _FETCH_VERBS:
                return node  # (getPatchData(patchUrl): what is fetched, not the URL)
            node = args.named_children[0]
        else:
            return node
    return node


def _joined_array(node) -> str | None:
    """``NAME`` when ``node`` is ``NAME.join(...)`` (a local array of sections joined into one text)."""
    if node.type != "call_expression":
        return None
    fn = node.child_by_field_name("function")
    if fn is None or fn.type != "member_expression" or _prop_name(fn) != "join":
        return None
    obj = fn.child_by_field_name("object")
    # NAME.map((g) => `- ${g}`).join("\n"): each item still reaches the text, as the mapper writes it
    while obj is not None and obj.type == "call_expression":
        inner = obj.child_by_field_name("function")
        if inner is None or inner.type != "member_expression" or _prop_name(inner) not in _ITEM_METHODS:
            return None
        obj = inner.child_by_field_name("object")
    return _text(obj) if obj is not None and obj.type == "identifier" else None


_ITEM_METHODS = frozenset({"map", "filter", "flat"})


def _spread_arrays(array, scope, root):
    """(name, declarator) of each ``...NAME`` item of ``array`` bound to an array literal in ``scope``
    or at module level: ``[...defaultGuidelines, ...(custom || [])]`` takes that array's items in."""
    for item in array.named_children:
        if item.type != "spread_element" or not item.named_children:
            continue
        inner = item.named_children[0]
        if inner.type != "identifier":
            continue
        name = _text(inner)
        decl = _array_declarator(scope, name) if scope is not root else None
        if decl is None and not (scope is not root and _binds(scope, name)):
            decl = _array_declarator(root, name)
        if decl is not None:
            yield name, decl


def _pushed(scope, name: str):
    """(call, literal) for every ``NAME.push(literal)``/``NAME.unshift(literal)`` inside ``scope``."""
    stack = [scope]
    data = name.encode()
    while stack:
        n = stack.pop()
        if n.type == "call_expression":
            fn = n.child_by_field_name("function")
            args = n.child_by_field_name("arguments")
            if fn is not None and fn.type == "member_expression" and _prop_name(fn) in ("push", "unshift") \
                    and fn.child_by_field_name("object") is not None \
                    and fn.child_by_field_name("object").text == data and args is not None:
                for a in args.named_children:
                    if literal_parts(a) is not None or _literal_branch(a):
                        yield n, a  # (a conditional is split into its branches later)
        if n.child_count and data in n.text:
            stack.extend(reversed(n.children))


def _mapped_returns(scope, name: str) -> list:
    """The literals returned by the callback of ``NAME = xs.map(cb)`` (also ``await Promise.all(xs.map(cb))``)
    in ``scope``'s body, and the literal items of the arrays it returns: the items of the array made."""
    body = scope.child_by_field_name("body") if scope.type != "program" else scope
    if body is None or body.type not in ("statement_block", "program"):
        return []
    for d in _declarators(body, ("const", "let", "var")):
        value = d.child_by_field_name("value")
        if _text(d.child_by_field_name("name") or d) != name or value is None:
            continue
        for _ in range(4):  # await Promise.all(xs.map(cb))
            while value.type in ("await_expression", "parenthesized_expression") and value.named_children:
                value = value.named_children[0]
            fn, args = value.child_by_field_name("function"), value.child_by_field_name("arguments")
            if value.type != "call_expression" or fn is None or args is None or not args.named_children:
                return []
            if _prop_name(fn) == "map" and fn.type == "member_expression":
                break
            if _text(fn) != "Promise.all":
                return []
            value = args.named_children[0]
        else:
            return []
        cb = args.named_children[0]
        if cb.type not in ("arrow_function", "function_expression", "function"):
            return []
        cb_body = cb.child_by_field_name("body")
        values = [cb_body] if cb_body is not None and cb_body.type != "statement_block" else [
            n.named_children[0] for n in walk(cb_body) if n.type == "return_statement" and n.named_children
            and _enclosing_function(n).id == cb.id]
        out = []
        for v in values:
            while v.type == "parenthesized_expression" and v.named_children:
                v = v.named_children[0]
            items = v.named_children if v.type == "array" else [v]
            out.extend(i for i in items if literal_parts(i) is not None and i.type != "call_expression")
        return out
    return []


def _indexed_tables(cand, root) -> list:
    """The members of a same-file constant table that a prompt indexes by a value and splices whole
    (aicommits' ``[..., commitTypes[type], ...].join('\n')`` with ``const commitTypes = {'': '',
    conventional: `Choose a type from ...`}``, also ``${TABLE[key]}`` and ``+ TABLE[key]``): each
    literal member is a text that part of the prompt may hold, as a conditional's branches are; the
    substitution stays a variable at its place (which member depends on the key)."""
    out = []
    for n in walk(cand.value, stop=_FUNCTIONS):
        if n.type != "subscript_expression" or n.parent is None:
            continue
        parent = n.parent
        if parent.type == "template_substitution" or (
                parent.type == "binary_expression" and _text(parent.child_by_field_name("operator") or parent) == "+"):
            pass
        elif parent.type == "array" and ((parent.id == cand.value.id and cand.join is not None) or (
                parent.parent is not None and parent.parent.type == "member_expression"
                and _prop_name(parent.parent) in _ITEM_METHODS | {"join"})):
            pass  # an item of an array joined into the text
        else:
            continue
        obj, index = n.child_by_field_name("object"), n.child_by_field_name("index")
        if obj is None or obj.type != "identifier" or index is None or literal_parts(index) is not None:
            continue  # (TABLE['x'] is one constant member, read as NAME.member is)
        decl = _const_declarator(root, _text(obj), n)
        table = object_literal(decl.child_by_field_name("value")) if decl is not None else None
        if table is None:
            continue
        for pair in table.named_children:
            value = pair.child_by_field_name("value") if pair.type == "pair" else None
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            if value is not None and key is not None and literal_parts(value):
                out.append(_Candidate(value, pair, _text(key).strip("'\"`"), cand.role, by_path=True, branch=True))
    return out


def _literal_branch(node) -> bool:
    """Whether ``node`` is a conditional with a literal branch (``cond ? `A ${x}` : `B```)."""
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    if node.type != "ternary_expression":
        return False
    return any(b is not None and (literal_parts(b) is not None or _literal_branch(b))
               for b in (node.child_by_field_name("consequence"), node.child_by_field_name("alternative")))

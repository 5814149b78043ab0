"""Walking the syntax tree: property and function names, scopes, declarators, bindings, module functions."""

from __future__ import annotations

from ...js_tree import FUNCTIONS as _FUNCTIONS, text as _text, walk
from ..prompt_names import excluded_by_scope


def _declarators(body, kinds=("const",)):
    """Declarators of ``kinds`` among the statements of a block or module (exported ones too)."""
    for st in body.named_children:
        if st.type == "export_statement":
            st = st.child_by_field_name("declaration") or st
        if st.type in ("lexical_declaration", "variable_declaration") and st.children \
                and _text(st.children[0]) in kinds:
            yield from (d for d in st.named_children if d.type == "variable_declarator")


_NESTED_BLOCKS = frozenset({"statement_block", "try_statement", "catch_clause", "finally_clause", "if_statement",
                            "else_clause", "for_statement", "for_in_statement", "while_statement", "do_statement",
                            "switch_statement", "switch_body", "switch_case", "switch_default", "labeled_statement"})


def _block_declarators(body, kinds=("let", "var")):
    """Declarators of ``kinds`` in a function body or module, also those inside its nested blocks (``try {
    let filePrompt: string; if (...) filePrompt = `...` }``), not inside nested functions or classes."""
    yield from _declarators(body, kinds)
    stack = list(reversed(body.named_children))
    while stack:
        n = stack.pop()
        if n.type not in _NESTED_BLOCKS:
            continue
        if n.type in ("statement_block", "switch_case", "switch_default"):
            yield from _declarators(n, kinds)
        stack.extend(reversed(n.named_children))


def _binding_function(node, name: str):
    """The innermost function around ``node`` that has a parameter ``name``; None when none has."""
    fn = _enclosing_function(node)
    while fn is not None and not _binds(fn, name):
        fn = _enclosing_function(fn)
    return fn


def _binds(scope, name: str) -> bool:
    """A parameter of ``scope`` named ``name`` (it shadows a module constant)."""
    params = scope.child_by_field_name("parameters") or scope.child_by_field_name("parameter")
    if params is None:
        return False
    return any(n.type in ("identifier", "shorthand_property_identifier_pattern") and _text(n) == name
               for n in walk(params, every=True))


def _const_declarator(root, name: str, use):
    """The ``const name = ...`` in scope at ``use``: in an enclosing function before the use, else at
    module level; None when a parameter or a ``let``/``var`` of that name is in scope (or the module
    declares it with ``let``/``var``)."""
    node = use.parent if use is not None else None
    while node is not None and node.type != "program":
        if node.type in _FUNCTIONS and _binds(node, name):
            return None
        if node.type == "statement_block":  # a function's body or an inner block (`if (...) { const x }`)
            for d in _declarators(node, ("const", "let", "var")):
                n = d.child_by_field_name("name")
                if n is not None and _text(n) == name:
                    is_const = _text(d.parent.children[0]) == "const"
                    return d if is_const and d.end_byte <= use.start_byte else None
        node = node.parent
    found = None
    for d in _declarators(root, ("const", "let", "var")):
        n = d.child_by_field_name("name")
        if n is not None and _text(n) == name:
            if _text(d.parent.children[0]) != "const" or found is not None:
                return None
            found = d
    return found


# ---------------------------------------------------------------------------------------------
# Names: where a literal sits


def _prop_name(node) -> str:
    """The name of a key, identifier or member target (``this.systemPrompt`` -> ``systemPrompt``)."""
    if node is None:
        return ""
    if node.type == "member_expression":
        return _prop_name(node.child_by_field_name("property"))
    if node.type == "subscript_expression":
        return _prop_name(node.child_by_field_name("index"))
    if node.type == "string":
        return "".join(_text(c) for c in node.named_children)
    if node.type in ("call_expression", "new_expression"):
        return _prop_name(node.child_by_field_name("function") or node.child_by_field_name("constructor"))
    return _text(node)


_SCOPES = {"class_declaration", "class", "abstract_class_declaration", "function_declaration",
           "generator_function_declaration", "method_definition", "variable_declarator", "pair",
           "call_expression", "new_expression", "field_definition", "public_field_definition",
           "interface_declaration", "module", "internal_module"}


def _scope_name(node) -> str | None:
    t = node.type
    if t == "pair":
        return _prop_name(node.child_by_field_name("key"))
    if t in ("call_expression", "new_expression"):
        fn = node.child_by_field_name("function") or node.child_by_field_name("constructor")
        return _prop_name(fn) if fn is not None else None
    if t == "field_definition":
        return _prop_name(node.child_by_field_name("property"))
    name = node.child_by_field_name("name")
    return _prop_name(name) if name is not None else None


# Global functions that only convert a value (``String(await model.call(`...`))``): no scope of a name.
_CONVERSIONS = frozenset({"String", "Number", "Boolean"})


def _qualified(node, own: str | None) -> list[str]:
    """Enclosing named scopes, outermost first, then ``own`` (list items as ``[i]``)."""
    names: list[str] = []
    child = node
    parent = node.parent
    while parent is not None:
        if parent.type == "array":
            # (a comment between the items is no item: `[// Refactoring\n {...}]` starts at [0])
            idx = next((i for i, c in enumerate(c for c in parent.named_children if c.type != "comment")
                        if c.id == child.id), None)
            if idx is not None:
                names.append(f"[{idx}]")
        elif parent.type in _SCOPES and parent.id != node.id:
            name = _scope_name(parent)
            if name and not (parent.type in ("call_expression", "new_expression")
                             and (child.type != "arguments" or name in _CONVERSIONS)):
                names.append(name)
        child, parent = parent, parent.parent
    names.reverse()
    if own:
        names.append(own)
    return names


def _join(names: list[str]) -> str:
    out = ""
    for n in names:
        out += n if (n.startswith("[") or not out) else f".{n}"
    return out


def _enclosing_function(node):
    p = node.parent
    while p is not None:
        if p.type in _FUNCTIONS:
            return p
        p = p.parent
    return None


def _excluded(cand) -> bool:
    """Whether the scopes around a candidate's slot make it no prompt (``title: {template: X}``)."""
    names = _qualified(cand.slot, cand.own)
    return bool(names) and excluded_by_scope(names[-1], names[:-1])


def _text_method(node) -> bool:
    """Whether ``node`` is ``X.trim()``, ``X.replace(...)``...: the text of X, transformed."""
    if node.type != "call_expression":
        return False
    fn = node.child_by_field_name("function")
    return fn is not None and fn.type == "member_expression" and \
        _prop_name(fn) in ("trim", "trimStart", "trimEnd", "replace", "replaceAll")


def _array_declarator(scope, name: str):
    """The ``const``/``let`` declarator of ``name`` bound to an array literal, among the statements of
    ``scope``'s body (a function) or of the module, also inside its nested blocks (``try { const parts =
    [...]; ... text: parts.join("\n") }``: a name is visible to the code after it in its block)."""
    body = scope.child_by_field_name("body") if scope.type != "program" else scope
    if body is None or body.type not in ("statement_block", "program"):
        return None
    for d in _block_declarators(body, ("const", "let", "var")):
        value = d.child_by_field_name("value")
        if _text(d.child_by_field_name("name") or d) == name and value is not None and value.type == "array":
            return d
    return None


def _within(node, fn) -> bool:
    """Whether ``node`` sits inside function ``fn`` (None: the module, which holds everything)."""
    if fn is None:
        return True
    p = node.parent
    while p is not None:
        if p.id == fn.id:
            return True
        p = p.parent
    return False


def _function_name(fn) -> str | None:
    if fn is None:
        return None
    name = fn.child_by_field_name("name")
    if name is not None:
        return _prop_name(name)
    p = fn.parent
    while p is not None and p.type in ("parenthesized_expression", "call_expression", "arguments",
                                       "await_expression", "as_expression"):
        p = p.parent  # const f = memo(() => `...`)
    if p is not None and p.type == "arrow_function" and p.child_by_field_name("body") == fn:
        return _function_name(p)  # createGenPrompt = (options) => async (selection) => {...}: what it makes
    if p is not None and p.type == "return_statement":
        return _function_name(_enclosing_function(p))  # function makePrompt() { return (x) => `...` }
    if p is not None and p.type in ("variable_declarator", "pair", "assignment_expression",
                                    "public_field_definition", "field_definition"):
        key = (p.child_by_field_name("name") or p.child_by_field_name("key")
               or p.child_by_field_name("left") or p.child_by_field_name("property"))
        return _prop_name(key) if key is not None else None
    return None


def _owner_name(obj) -> str:
    """The name an object literal is given (``const PROMPT = {...}``, ``prompts: {...}``)."""
    child, p = obj, obj.parent if obj is not None else None
    while p is not None and p.type in ("as_expression", "satisfies_expression", "parenthesized_expression"):
        child, p = p, p.parent
    if p is None:
        return ""
    if p.type == "return_statement" or (p.type == "arrow_function" and p.child_by_field_name("body") is not None
                                        and p.child_by_field_name("body").id == child.id):
        # what a function returns is named by the function (getPrompt() { return {system, user} })
        return _function_name(_enclosing_function(obj) if p.type == "return_statement" else p) or ""
    key = p.child_by_field_name("name") if p.type == "variable_declarator" else (
        p.child_by_field_name("key") if p.type == "pair" else None)
    return _prop_name(key) if key is not None else ""


def _module_functions(root) -> dict[str, object]:
    """Module-level functions by name: ``function f() {...}`` and ``const f = (...) => ...``."""
    out: dict[str, object] = {}
    for st in root.named_children:
        if st.type == "export_statement":
            st = st.child_by_field_name("declaration") or st
        if st.type in ("function_declaration", "generator_function_declaration"):
            name = st.child_by_field_name("name")
            if name is not None:
                out[_text(name)] = st
        elif st.type in ("lexical_declaration", "variable_declaration"):
            for d in st.named_children:
                value = d.child_by_field_name("value") if d.type == "variable_declarator" else None
                name = d.child_by_field_name("name") if value is not None else None
                if name is not None and value.type in ("arrow_function", "function_expression", "function"):
                    out[_text(name)] = value
    return out


def _returned_values(fn) -> list:
    """What a function returns: its expression body, or the value of each ``return`` of its own (not of a
    function nested in it); [] for none."""
    body = fn.child_by_field_name("body") if fn is not None else None
    if body is None:
        return []
    return [body] if body.type != "statement_block" else [
        n.named_children[0] for n in walk(body, every=True)
        if n.type == "return_statement" and n.named_children and _enclosing_function(n).id == fn.id]


def _own_method(callee):
    """The method of the enclosing class that ``this.name`` calls (``this.buildAdditionalContext(...)``)."""
    if callee.type != "member_expression" or _text(callee.child_by_field_name("object") or callee) != "this":
        return None
    name = _prop_name(callee)
    cls = callee.parent
    while cls is not None and cls.type not in ("class_body",):
        cls = cls.parent
    if cls is None:
        return None
    return next((m for m in cls.named_children if m.type == "method_definition"
                 and _prop_name(m.child_by_field_name("name")) == name), None)


def _root(node):
    while node.parent is not None:
        node = node.parent
    return node


def _unwrapped_call(node):
    while node.type in ("parenthesized_expression", "await_expression", "as_expression", "non_null_expression") \
            and node.named_children:
        node = node.named_children[0]
    return node if node.type == "call_expression" else None


def param_names(fn) -> list:
    """The names of a function's parameters in order (None for a destructured one)."""
    params = fn.child_by_field_name("parameters")
    nodes = [c for c in params.named_children if c.type != "comment"] if params is not None else \
        [fn.child_by_field_name("parameter")] if fn.child_by_field_name("parameter") is not None else []
    names = []
    for node in nodes:
        if node.type in ("required_parameter", "optional_parameter"):
            node = node.child_by_field_name("pattern") or node.named_children[0]
        if node.type == "assignment_pattern":
            node = node.child_by_field_name("left") or node.named_children[0]
        names.append(_text(node) if node.type == "identifier" else None)
    return names


def _written_name(n) -> bool:
    """Whether the identifier ``n`` is the name a value is put in (``x = ...``, ``x += ...``, ``let x =
    ...``), not a read of it."""
    p = n.parent
    return p is not None and ((p.type in ("assignment_expression", "augmented_assignment_expression")
                               and p.child_by_field_name("left") == n)
                              or (p.type == "variable_declarator" and p.child_by_field_name("name") == n))


def _identifiers(root, name: str):
    stack = [root]
    data = name.encode()
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "shorthand_property_identifier") and n.text == data:
            yield n
        elif n.child_count and data in n.text:
            stack.extend(n.children)

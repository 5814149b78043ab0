"""Names resolved to literals within the file: constants, object members, literals functions return."""

from __future__ import annotations

import re

from ...js_tree import text as _text, walk
from .literals import _Part, literal_parts
from .tree import _binds, _const_declarator, _declarators, _enclosing_function, _module_functions, _prop_name


_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_MAX_INLINE_DEPTH = 3


def resolve_names(parts: list[_Part], root, depth: int = 0, seen: frozenset = frozenset(),
                  imported=None) -> list[_Part]:
    """Parts with each ``${NAME}`` (or ``+ NAME``) that names a ``const`` of the same file bound to a
    string literal replaced by that literal's text, located where the constant is written.  The value
    is the same on every request, so it is static text of the prompt, as a module constant named in a
    Python f-string is.  A literal whose own ``${...}`` are not all such constants, a ``let``/``var``,
    a parameter, and a const bound to a call stay variables: their value can change.
    ``imported(NAME)`` (``js_project.importer``), when given, is the text of a constant the file
    imports (``NAME``, or ``NS.NAME`` of ``import * as NS``); it is placed at the ``${...}`` (the text
    is written in the other file)."""
    if depth >= _MAX_INLINE_DEPTH:
        return parts
    out: list[_Part] = []
    for p in parts:
        name = p.expression if p.kind == "variable" else None
        if name and _IDENT.fullmatch(name) and name not in seen:
            sub = _const_parts(root, name, p.start)
            if sub is not None:
                # its text, its own variables where they are written (`${missionStatement}` holding
                # `${IDENTITY} ... as per the ${commitConvention}`: the first variable is the latter)
                out.extend(resolve_names(sub, root, depth + 1, seen | {name}, imported))
                continue
        called = _called_here(root, p) if name and name.endswith(")") and depth + 1 < _MAX_INLINE_DEPTH else None
        if called is not None:
            # `${getApproachStrategy()}`: the one literal a same-file function returns, its own
            # variables where they are written
            out.extend(resolve_names(called, root, depth + 1, seen | {name}, imported))
            continue
        joined = _static_joined(root, p, imported) if name and name.endswith(")") and ".join(" in name else None
        if joined is not None:
            # `${NutJSElectronOperator.MANUAL.ACTION_SPACES.join('\n')}`: a constant array a class or
            # object holds as a static member (this file's or imported), joined in place: its text
            out.append(_Part("static", joined, p.start, verbatim=False))
            continue
        member = _member_parts(root, name, p.start) if name and "." in name and name not in seen else None
        if member is not None:
            # `${PROMPT_TOPICS.OUTPUT}` of a module constant object whose member is a constant
            # literal: its text, as the constant's own would be
            out.extend(resolve_names(member, root, depth + 1, seen | {name}, imported))
            continue
        if name and imported is not None and (_MEMBER.fullmatch(name) or (
                name.endswith("()") and _MEMBER.fullmatch(name[:-2]))) \
                and not _bound_in_file(root, name.split(".")[0].removesuffix("()"), p.start):
            # (``${locateGroundingRules()}``: an imported function returning one constant literal)
            text = imported(name)
            if text is not None:
                out.append(_Part("static", text, p.start, verbatim=False))
                continue
        out.append(p)
    return out


_CHAIN = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+")


def _static_joined(root, part: _Part, imported) -> str | None:
    """The text of ``${A.B.C.join(sep)}`` (``part``) when ``A`` is a class or ``const`` object of this
    file, or an imported one, holding a constant array at ``B.C`` (``js_project.static_arrays``), and
    ``sep`` a literal: the items joined as the code joins them."""
    node = root.descendant_for_byte_range(part.start, part.start)
    while node is not None and node.type not in ("template_substitution", "call_expression"):
        node = node.parent
    if node is not None and node.type == "template_substitution":
        node = node.named_children[0] if node.named_children else None
    fn = node.child_by_field_name("function") if node is not None and node.type == "call_expression" else None
    args = node.child_by_field_name("arguments") if fn is not None else None
    if fn is None or fn.type != "member_expression" or _prop_name(fn) != "join" or args is None \
            or len(args.named_children) > 1:
        return None
    sep = literal_parts(args.named_children[0]) if args.named_children else [_Part("static", ",", 0)]
    chain = _text(fn.child_by_field_name("object") or fn)
    if sep is None or any(p.kind != "static" for p in sep) or not _CHAIN.fullmatch(chain):
        return None
    head, _, rest = chain.partition(".")
    if _bound_locally(root, head, part.start):
        return None
    from ..js_project import static_arrays

    here = _STATICS.get((root.id, root.end_byte))
    if here is None:
        if len(_STATICS) > 64:
            _STATICS.clear()
        here = _STATICS[(root.id, root.end_byte)] = static_arrays(root)
    if head in here:
        items = here[head].get(rest)
    else:
        lookup = getattr(imported, "items", None) if imported is not None else None
        items = lookup(chain) if lookup is not None else None
    return "".join(p.text for p in sep).join(items) if items is not None else None


_STATICS: dict = {}


def object_literal(value):
    """The object literal a constant is bound to, through ``as const``, ``satisfies``, parentheses and
    ``Object.freeze(...)`` (None for anything else)."""
    while value is not None:
        if value.type == "object":
            return value
        if value.type in ("as_expression", "satisfies_expression", "parenthesized_expression"):
            value = value.named_children[0] if value.named_children else None
        elif value.type == "call_expression" and _text(value.child_by_field_name("function") or value) \
                == "Object.freeze":
            args = value.child_by_field_name("arguments")
            value = args.named_children[0] if args is not None and len(args.named_children) == 1 else None
        else:
            return None
    return None


def object_members(obj) -> dict[str, object]:
    """The value nodes of an object literal's ``key: value`` pairs, by key (identifier or string keys)."""
    out = {}
    for pair in obj.named_children:
        if pair.type != "pair":
            continue
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if key is None or value is None or key.type not in ("property_identifier", "string"):
            continue
        out[_text(key).strip("'\"")] = value
    return out


def _member_parts(root, name: str, at: int) -> list[_Part] | None:
    """The parts of ``NAME.member`` when ``NAME`` is a module-level ``const`` bound to an object literal
    (a table of tag names, ``{OUTPUT: ps`CODE5711`} as const``) whose member is a literal, and nothing in
    the file assigns to that member."""
    head, _, member = name.partition(".")
    if not _MEMBER.fullmatch(name) or not member or _bound_locally(root, head, at):
        return None
    decl = _const_declarator(root, head, None)
    obj = object_literal(decl.child_by_field_name("value")) if decl is not None else None
    value = object_members(obj).get(member) if obj is not None else None
    if value is None or _assigns_member(root, name):
        return None
    return literal_parts(value)


_ASSIGNED_MEMBERS: dict = {}


def _assigns_member(root, name: str) -> bool:
    key = (root.id, root.end_byte)
    if key not in _ASSIGNED_MEMBERS:
        if len(_ASSIGNED_MEMBERS) > 64:
            _ASSIGNED_MEMBERS.clear()
        _ASSIGNED_MEMBERS[key] = {_text(n.child_by_field_name("left")) for n in walk(root, every=True)
                                  if n.type == "assignment_expression" and n.child_by_field_name("left") is not None
                                  and n.child_by_field_name("left").type == "member_expression"}
    return name in _ASSIGNED_MEMBERS[key]


def _called_here(root, part: _Part) -> list[_Part] | None:
    """The parts of the literal a same-file function returns, when ``part`` is ``${f(...)}``."""
    node = root.descendant_for_byte_range(part.start, part.start)
    while node is not None and node.type != "template_substitution":
        node = node.parent
    expr = node.named_children[0] if node is not None and node.named_children else None
    if expr is None or expr.type != "call_expression":
        return None
    callee = expr.child_by_field_name("function")
    if callee is None or callee.type != "identifier" or _bound_locally(root, _text(callee), part.start):
        return None
    return _returned_literal(root, expr)


_MEMBER = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?")


def _bound_in_file(root, name: str, at: int) -> bool:
    """Whether ``name`` is declared in the file where it is used at ``at`` (a parameter, a local or a
    module-level declaration): then it is not the imported binding."""
    return _bound_locally(root, name, at) or \
        any(_text(d.child_by_field_name("name") or d) == name for d in _declarators(root, ("const", "let", "var")))


def _bound_locally(root, name: str, at: int) -> bool:
    """Whether a parameter or a local of an enclosing function named ``name`` is in scope at ``at``."""
    use = root.descendant_for_byte_range(at, at)
    scope = _enclosing_function(use) if use is not None else None
    while scope is not None:
        if _binds(scope, name):
            return True
        body = scope.child_by_field_name("body")
        if body is not None and body.type == "statement_block" and any(
                _text(d.child_by_field_name("name") or d) == name for d in _declarators(body, ("const", "let", "var"))):
            return True
        scope = _enclosing_function(scope)
    return False


def _const_parts(root, name: str, at: int) -> list[_Part] | None:
    use = root.descendant_for_byte_range(at, at)
    decl = _const_declarator(root, name, use)
    value = decl.child_by_field_name("value") if decl is not None else None
    if value is None:
        return None
    return literal_parts(value) or _returned_literal(root, value)


def _returned_literal(root, value) -> list[_Part] | None:
    """The parts of the one literal a same-file function returns, for ``const x = f(...)``
    (``getRequestPromptFromHints = (hints) => `...${hints.city}...```): the text the call evaluates to,
    its ``${...}`` (the function's parameters) variables.  None for a function with several returns."""
    while value.type in ("await_expression", "parenthesized_expression") and value.named_children:
        value = value.named_children[0]
    callee = value.child_by_field_name("function") if value.type == "call_expression" else None
    if callee is None or callee.type != "identifier":
        return None
    return function_literal(_module_functions(root).get(_text(callee)))


def function_literal(fn) -> list[_Part] | None:
    """The parts of the one literal the function ``fn`` returns (its expression body or its only
    ``return``), or None."""
    body = fn.child_by_field_name("body") if fn is not None else None
    if body is None:
        return None
    if body.type != "statement_block":
        return literal_parts(body) or _constant_returned(fn, body)
    returns = [n for n in walk(body, every=True) if n.type == "return_statement" and _enclosing_function(n).id == fn.id]
    if len(returns) != 1 or not returns[0].named_children:
        return None
    return literal_parts(returns[0].named_children[0]) or _constant_returned(fn, returns[0].named_children[0])


def _constant_returned(fn, value) -> list[_Part] | None:
    """The parts of the module constant a function returns by name (``getDefaultSystemPrompt() { return
    DEFAULT_PREAMBLE }`` with ``const DEFAULT_PREAMBLE = ps`You are Cody...```), or None."""
    if value.type != "identifier" or _binds(fn, _text(value)):
        return None
    root = fn
    while root.parent is not None:
        root = root.parent
    decl = _const_declarator(root, _text(value), None)
    inner = decl.child_by_field_name("value") if decl is not None else None
    return literal_parts(inner) if inner is not None and inner.type != "call_expression" or (
        inner is not None and inner.child_by_field_name("arguments") is not None
        and inner.child_by_field_name("arguments").type == "template_string") else None

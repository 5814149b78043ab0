"""JS/TS names looked up: declarations, destructuring, choices, imports of literals, data and text files."""

from __future__ import annotations

import re
from functools import lru_cache

from ..js_tree import FUNCTIONS as _JS_FUNCS, text as _js_text, walk as _walk_js


_DATA_FILES = (".json", ".json5", ".yaml", ".yml", ".toml")


def _js_data_import(at, name: str) -> str | None:
    """The specifier of the data file (JSON, YAML, TOML) a module-level ``import name from "..."`` reads:
    its content is bundled with the program, the same for every request and user of a deployment."""
    from ..sources.js_project import imports_of

    root = at
    while root.parent is not None:
        root = root.parent
    got = imports_of(root).get(name)
    return got[0] if got is not None and got[0].lower().endswith(_DATA_FILES) else None


_TEXT_FILES = (".txt", ".md", ".prompt", ".tmpl", ".j2", ".jinja", ".jinja2", ".hbs", ".mustache")


def _js_text_import(at, name: str) -> str | None:
    """The specifier of a text file a module-level default import reads as a string (Bun's and Deno's
    ``with { type: 'text' }``, Vite's ``?raw``, a bundler's text loader for ``.txt``/``.md``): the file's text,
    written once in the repository and shipped with the program, the same at every run."""
    from ..sources.js_project import imports_of

    root = at
    while root.parent is not None:
        root = root.parent
    got = imports_of(root).get(name)
    if got is None or got[1] != "default":
        return None
    spec = got[0].lower()
    return got[0] if spec.endswith("?raw") or spec.split("?", 1)[0].endswith(_TEXT_FILES) else None


_JS_LITERALS = ("string", "number", "true", "false", "null", "undefined")
_MUTATORS = r"push|pop|shift|unshift|splice|sort|reverse|fill|copyWithin|set|delete|clear|add"


def _js_pure_literal(node) -> bool:
    """Text the code writes whole: strings without substitutions, numbers, booleans, and arrays and objects
    made only of them (``[{ name: 'click', args: [...] }] as const``)."""
    if node is None:
        return False
    t = node.type
    if t in ("as_expression", "satisfies_expression", "parenthesized_expression"):
        return bool(node.named_children) and _js_pure_literal(node.named_children[0])
    if t in _JS_LITERALS:
        return t != "string" or all(c.type != "template_substitution" for c in node.named_children)
    if t == "template_string":
        return all(c.type != "template_substitution" for c in node.named_children)
    if t == "array":
        return all(_js_pure_literal(c) for c in node.named_children if c.type != "comment")
    if t == "object":
        for c in node.named_children:
            if c.type == "comment":
                continue
            if c.type != "pair":
                return False
            key = c.child_by_field_name("key")
            if key is None or key.type not in ("property_identifier", "string", "number") \
                    or not _js_pure_literal(c.child_by_field_name("value")):
                return False
        return True
    return False


def _js_imported_literal(at, name: str, home: str | None) -> str | None:
    """Why ``name`` is a project constant: imported (``import { name } from "./m"``) from a module of the
    project that binds it once, at its top level, with ``const`` to text written whole
    (``_js_pure_literal``), and that neither module changes in place (``name.push(...)``,
    ``name[k] = v``); None otherwise."""
    from ..sources.js_project import imports_of, resolve_module
    from ..volatility import _read_source, _stamp

    if not home:
        return None
    root = at
    while root.parent is not None:
        root = root.parent
    got = imports_of(root).get(name)
    if got is None or got[1] in ("default", "*"):
        return None
    spec, real = got
    src = resolve_module(home, spec)
    parsed = _js_tree(src, _stamp(src)) if src else None
    if parsed is None:
        return None
    tree, _data = parsed
    value, binds = None, 0
    for st in tree.root_node.named_children:
        decl = st.named_children[0] if st.type == "export_statement" and st.named_children else st
        if decl.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for d in decl.named_children:
            target = d.child_by_field_name("name") if d.type == "variable_declarator" else None
            if target is not None and target.type == "identifier" and _js_text(target) == real:
                binds += 1
                value = d.child_by_field_name("value") if _js_text(decl).startswith("const") or \
                    _js_text(decl).startswith("export const") else None
    if binds != 1 or not _js_pure_literal(value):
        return None
    changed = re.compile(rf"(?<![\w$.]){{}}\s*(?:\.\s*(?:{_MUTATORS})\s*\(|\[[^\]]*\]\s*=(?!=)|\.\s*[\w$]+\s*=(?!=))")
    for path, n in ((src, real), (home, name)):
        text = _read_source(path, _stamp(path)) or ""
        if re.search(changed.pattern.format(re.escape(n)), text):
            return None
    return f"{name}: imported from {spec}, where it is bound once to text the code writes whole (a constant)"


def _js_project_function(at, name: str, home: str | None) -> bool:
    """``name`` is a function the project defines: declared in this file (``function name``, ``const name = () =>``)
    or imported from a module of the project (a relative or aliased specifier that resolves to a file)."""
    kind, value, _fn = _js_lookup(at, name)
    if kind == "bind":
        return value is not None and value.type in _JS_FUNCS
    root = at
    while root.parent is not None:
        root = root.parent
    if any(n.type in ("function_declaration", "export_statement") and any(
            d.type == "function_declaration" and d.child_by_field_name("name") is not None
            and _js_text(d.child_by_field_name("name")) == name for d in [n, *n.named_children])
           for n in root.named_children):
        return True
    if not home:
        return False
    from ..sources.js_project import imports_of, resolve_module

    got = imports_of(root).get(name)
    return got is not None and resolve_module(home, got[0]) is not None


def _js_function_scope(node):
    """The function (or the program) that holds ``node``, ``node`` included; None for a detached node."""
    while node is not None and node.type not in _JS_FUNCS and node.type != "program":
        node = node.parent
    return node


def _js_assignments(scope, name: str):
    """The assignments ``name = ...`` / ``name += ...`` of ``scope``, outside nested functions and classes."""
    stack = list(scope.named_children)
    while stack:
        n = stack.pop()
        if n.type in _JS_FUNCS or n.type in ("class_declaration", "class"):
            continue
        if n.type in ("assignment_expression", "augmented_assignment_expression"):
            left = n.child_by_field_name("left")
            if left is not None and left.type == "identifier" and _js_text(left) == name:
                yield n
        stack.extend(n.named_children)


def _js_overwritten(use, name: str):
    """The value of the last assignment ``name = v`` of the function holding ``use`` when it is a statement of
    a block that holds the use and comes before it (every path to the use passes it, nothing assigns the name
    after it): what the use sees, whatever the declaration said.  None when the name is assigned under a
    condition after that, or after the use (a loop carries it)."""
    fn = _js_function_scope(use.parent)
    if fn is None:
        return None
    # ``x = `${x} more``: the right side is read before the assignment, so an assignment holding the use is
    # not one the use sees (it sees the binding before it)
    assigns = [a for a in _js_assignments(fn, name) if not a.start_byte <= use.start_byte < a.end_byte]
    if not assigns or any(a.start_byte >= use.start_byte for a in assigns):
        return None
    last = max(assigns, key=lambda a: a.start_byte)
    stmt = last.parent
    if last.type != "assignment_expression" or stmt is None or stmt.type != "expression_statement":
        return None
    block = stmt.parent
    u = use
    while u is not None and (block is None or u.id != block.id):
        u = u.parent
    return last.child_by_field_name("right") if u is not None else None


def _js_param_type(at, name: str) -> str | None:
    """The declared type of the parameter ``name`` of the innermost function around ``at`` that has it
    (``testingEnabled: boolean`` -> ``boolean``); None when it has no annotation."""
    scope = at.parent
    while scope is not None:
        if scope.type in _JS_FUNCS:
            params = scope.child_by_field_name("parameters")
            for p in (params.named_children if params is not None else []):
                pattern = p.child_by_field_name("pattern") if p.type in ("required_parameter", "optional_parameter") else None
                t = p.child_by_field_name("type") if pattern is not None else None
                if pattern is not None and pattern.type == "identifier" and _js_text(pattern) == name:
                    return _js_text(t).lstrip(":").strip() if t is not None else None
                if pattern is not None and pattern.type == "object_pattern" and name in _pattern_names(pattern):
                    # ({ testingEnabled }: { testingEnabled: boolean }): the member's declared type
                    for m in (_walk_js(t) if t is not None else []):
                        if m.type == "property_signature":
                            key, mt = m.child_by_field_name("name"), m.child_by_field_name("type")
                            if key is not None and _js_text(key) == name:
                                return _js_text(mt).lstrip(":").strip() if mt is not None else None
                    return None
        scope = scope.parent
    return None


def _js_loop_carried(value, use, name: str):
    """(loop, assigned values) when ``name`` is declared (with ``value``) before an iterating loop of its
    function that holds the ``use`` and assigns ``name`` again: each pass renders what the previous one left
    (as ``flow_state.iteration_loop`` with a re-assignment, for Python)."""
    from ..flow_state import _JS_LOOPS

    decl = value.parent
    if decl is None or decl.type != "variable_declarator":
        return None
    loop = use.parent
    while loop is not None and loop.type not in _JS_FUNCS and loop.type != "program":
        if loop.type in _JS_LOOPS and not (loop.start_byte <= value.start_byte < loop.end_byte):
            break
        loop = loop.parent
    if loop is None or loop.type not in _JS_LOOPS:
        return None
    inside = [n.child_by_field_name("right") for n in _js_assignments(loop, name)
              if n.type == "assignment_expression" and n.child_by_field_name("right") is not None]
    inside.sort(key=lambda v: v.start_byte)
    return (loop, inside) if inside else None


def _js_chain_names(node) -> list[str]:
    """``req.json()`` -> [req, json]; ``this.options.x`` -> [this, options, x]; [] for anything else."""
    parts = []
    n = node
    while n is not None:
        if n.type == "call_expression":
            n = n.child_by_field_name("function")
        elif n.type == "member_expression":
            prop = n.child_by_field_name("property")
            parts.append(_js_text(prop) if prop is not None else "")
            n = n.child_by_field_name("object")
        elif n.type in ("identifier", "this"):
            parts.append(_js_text(n))
            break
        else:
            return []
    return list(reversed(parts))


def _pattern_names(node) -> set[str]:
    """Names bound by a parameter or declarator pattern (``{ a, b: { c } }``, ``[x, y]``, ``p = 1``)."""
    if node is None:
        return set()
    if node.type in ("identifier", "shorthand_property_identifier_pattern"):
        return {_js_text(node)}
    out: set[str] = set()
    for c in node.named_children:
        if c.type == "pair_pattern":
            out |= _pattern_names(c.child_by_field_name("value"))
        elif c.type in ("type_annotation", "predefined_type", "property_identifier"):
            continue
        elif c.type in ("assignment_pattern", "object_assignment_pattern"):
            out |= _pattern_names(c.child_by_field_name("left") or c.named_children[0])
        else:
            out |= _pattern_names(c)
    return out


def _js_lookup(at, name: str):
    """('param', None, fn) / ('bind', value node, fn) / (None, None, None): the binding of ``name``
    seen from ``at``, innermost function first, then the module."""
    scope = at.parent
    while scope is not None:
        if scope.type in _JS_FUNCS or scope.type == "program":
            fn_name = None
            if scope.type != "program":
                from ..sources.js.tree import _function_name

                fn_name = _function_name(scope)
                params = scope.child_by_field_name("parameters") or scope.child_by_field_name("parameter")
                if params is not None and name in _pattern_names(params):
                    return "param", None, fn_name
            body = scope.child_by_field_name("body") if scope.type != "program" else scope
            if body is not None:
                found = _js_declared(body, name, at)
                if found is not None:
                    return "bind", found, fn_name
                found = _js_destructured(body, name)
                if found is not None:
                    return "destructured", found, fn_name
        scope = scope.parent
    return None, None, None


_ITERATION_METHODS = {"map", "filter", "forEach", "flatMap", "reduce", "some", "every", "find", "findIndex",
                      "sort", "toSorted"}


def _js_iterated(at, name: str):
    """The collection whose items a callback's parameter ``name`` receives (``tabs.filter(tab => ...)``:
    ``tabs``); None when ``name`` is a parameter of any other function."""
    scope = at.parent
    while scope is not None and scope.type not in _JS_FUNCS:
        scope = scope.parent
    if scope is None or scope.type not in ("arrow_function", "function_expression", "function"):
        return None
    params = scope.child_by_field_name("parameters") or scope.child_by_field_name("parameter")
    if params is None or name not in _pattern_names(params):
        return None
    args = scope.parent
    call = args.parent if args is not None and args.type == "arguments" else None
    callee = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if callee is None or callee.type != "member_expression":
        return None
    prop = callee.child_by_field_name("property")
    if prop is None or _js_text(prop) not in _ITERATION_METHODS:
        return None
    return callee.child_by_field_name("object")


def _js_destructured(body, name: str):
    """(object value, keys) of ``const { name } = value`` / ``const { a: { name } } = value`` in ``body``,
    not inside nested functions."""
    from ..crossflow_js import _key_path

    stack = list(body.named_children)
    while stack:
        n = stack.pop()
        if n.type == "variable_declarator":
            target, value = n.child_by_field_name("name"), n.child_by_field_name("value")
            if target is not None and value is not None and target.type == "object_pattern":
                keys = _key_path(target, name)
                if keys:
                    return value, keys
        if n.type in _JS_FUNCS or n.type in ("class_declaration", "class"):
            continue
        stack.extend(n.named_children)
    return None


def _js_choice(value, name: str, use=None):
    """([values], [conditions]) when the ``let`` binding ``name = value`` is assigned again under
    conditions in its function (``let mediaType = "document"; if (type === "code") mediaType = ...``);
    None when it is bound once.  An assignment holding ``use`` (``x = `${x} more```) is not one the use
    sees: its right side is read before it."""
    decl = value.parent
    if decl is None or decl.type != "variable_declarator":
        return None
    scope = _js_function_scope(decl.parent)
    if scope is None:
        return None
    values, conditions = [value], []
    for n in _js_assignments(scope, name):
        right = n.child_by_field_name("right")
        if right is None or use is not None and n.start_byte <= use.start_byte < n.end_byte:
            continue
        values.append(right)
        p = n.parent
        while p is not None and p is not scope:
            if p.type in ("if_statement", "switch_statement", "while_statement", "ternary_expression"):
                c = p.child_by_field_name("condition") or p.child_by_field_name("value")
                if c is not None and all(c.id != k.id for k in conditions):
                    conditions.append(c)
            elif p.type == "switch_case":
                c = p.child_by_field_name("value")
                if c is not None:
                    conditions.append(c)
            p = p.parent
    return (values, conditions) if len(values) > 1 and conditions else None


def _js_declared(body, name: str, at=None):
    """The value of ``const/let/var name = value`` in ``body``, not inside nested functions; of several, the
    one of the innermost block that holds ``at`` (a `const x` of another block is another x)."""
    found = []
    stack = list(body.named_children)
    while stack:
        n = stack.pop()
        if n.type == "variable_declarator":
            target = n.child_by_field_name("name")
            if target is not None and target.type == "identifier" and _js_text(target) == name:
                found.append(n)
            elif target is not None and target.type == "array_pattern":
                item = _js_array_item(target, n.child_by_field_name("value"), name)
                if item is not None:
                    return item
        if n.type in _JS_FUNCS or n.type in ("class_declaration", "class"):
            continue
        stack.extend(n.named_children)
    if not found:
        return None
    if at is not None and len(found) > 1:
        def block(d):
            return d.parent.parent if d.parent is not None and d.parent.parent is not None else body

        seen = [d for d in found if block(d).start_byte <= at.start_byte < block(d).end_byte]
        if seen:
            return min(seen, key=lambda d: block(d).end_byte - block(d).start_byte).child_by_field_name("value")
    return found[0].child_by_field_name("value")


def _fetch_body(node):
    """The ``body`` a ``fetch(url, { method, body })`` call sends (the Fetch standard): the response is the
    server's answer to that request, so the body, not the address it is sent to (often an environment variable
    naming the server), says how often the answer changes.  None for any other node, or a fetch without a body."""
    while node.type in ("await_expression", "parenthesized_expression") and node.named_children:
        node = node.named_children[0]
    if node.type != "call_expression":
        return None
    fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if fn is None or args is None or fn.type != "identifier" or _js_text(fn) != "fetch":
        return None
    items = [a for a in args.named_children if a.type != "comment"]
    if len(items) < 2 or items[1].type != "object":
        return None
    for c in items[1].named_children:
        if c.type == "pair" and _js_text(c.child_by_field_name("key")) == "body":
            return c.child_by_field_name("value")
        if c.type == "shorthand_property_identifier" and _js_text(c) == "body":
            return c
    return None


def _js_array_item(pattern, value, name: str):
    """``const [git, tree, userInfo] = await Promise.all([collectGit(cwd), ..., collectUserInfo(p)])``: the
    element at ``name``'s place of the array literal (also given to ``Promise.all``/``allSettled``, whose result
    keeps the order of its input), else the whole value; None when the pattern does not bind ``name``."""
    names = [c for c in pattern.named_children if c.type != "comment"]
    k = next((i for i, c in enumerate(names) if c.type == "identifier" and _js_text(c) == name), None)
    if k is None or value is None:
        return None
    v = value
    while v.type in ("await_expression", "parenthesized_expression") and v.named_children:
        v = v.named_children[0]
    if v.type == "call_expression" and re.fullmatch(r"Promise\.all(?:Settled)?", _js_text(v.child_by_field_name("function") or v)):
        args = v.child_by_field_name("arguments")
        v = args.named_children[0] if args is not None and args.named_children else v
    if v.type == "array":
        items = [c for c in v.named_children if c.type != "comment"]
        return items[k] if k < len(items) and items[k].type != "spread_element" else value
    return value


@lru_cache(maxsize=16)
def _js_tree(path: str, stamp: tuple):
    from ..sources.js.grammar import _grammar, _kind
    from ..volatility import _read_source

    text = _read_source(path, stamp)
    if text is None:
        return None
    data = text.encode("utf-8")
    parser, _query = _grammar("js" if _kind(path) == "js" else _kind(path))
    return parser.parse(data), data

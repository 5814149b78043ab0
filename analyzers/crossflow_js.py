"""The JavaScript/TypeScript half of ``crossflow``: what the callers of a template function pass for a
parameter, and what fills a ``{name}`` template constant (``T.replace("{name}", v)``,
``PromptTemplate.fromTemplate(T).format({ name: v })``) anywhere in the project's JS/TS files."""

from __future__ import annotations

import os
import re

from .crossflow.callers import _best, _strength, _where, per_call_site
from .crossflow.index import MAX_SITES, ProjectIndex
from .inputs import open_text
from .evidence import carry, ev
from .js_tree import FUNCTIONS as _FUNCS, text as _text, walk
from .model import Prompt, Segment

_FILL_METHODS = {"format", "invoke", "formatMessages", "formatPromptValue", "partial", "render", "stream"}


def _params(fn) -> list:
    ps = fn.child_by_field_name("parameters")
    if ps is None:
        p = fn.child_by_field_name("parameter")
        return [p] if p is not None else []
    return [c for c in ps.named_children if c.type != "comment"]


def _pattern(p):
    """The binding pattern of one formal parameter (TS wraps it in required/optional_parameter)."""
    if p.type in ("required_parameter", "optional_parameter"):
        p = p.child_by_field_name("pattern") or p.named_children[0]
    if p.type == "assignment_pattern":
        p = p.child_by_field_name("left") or p.named_children[0]
    return p


def _key_path(pattern, name: str) -> list[str] | None:
    """[] when ``pattern`` is the identifier ``name``; the keys leading to it in an object pattern."""
    if pattern.type == "identifier":
        return [] if _text(pattern) == name else None
    if pattern.type != "object_pattern":
        return None
    for c in pattern.named_children:
        if c.type == "shorthand_property_identifier_pattern" and _text(c) == name:
            return [name]
        if c.type == "object_assignment_pattern":
            left = c.child_by_field_name("left") or c.named_children[0]
            if _text(left) == name:
                return [name]
        if c.type == "pair_pattern":
            key, value = c.child_by_field_name("key"), c.child_by_field_name("value")
            if value is not None and value.type == "assignment_pattern":
                value = value.child_by_field_name("left") or value.named_children[0]
            if key is not None and value is not None:
                sub = _key_path(value, name)
                if sub is not None:
                    return [_text(key).strip("'\""), *sub]
    return None


def _param_of(node, name: str):
    """(function node, its name, parameter index, key path) of the parameter ``name`` seen from ``node``;
    also of a name the function destructures from one of its parameters (``const { output } = params``:
    ``params`` with the key path ``output``)."""
    from .sources.js.tree import _function_name

    p = node.parent
    while p is not None:
        if p.type in _FUNCS:
            for k, param in enumerate(_params(p)):
                path = _key_path(_pattern(param), name)
                if path is not None:
                    fn_name = _function_name(p)
                    return (p, fn_name, k, path) if fn_name else None
            body = p.child_by_field_name("body")
            if body is not None:
                from .dataflow.js_lookup import _js_destructured

                found = _js_destructured(body, name)
                if found is not None and found[0].type == "identifier":
                    outer = _param_of(found[0], _text(found[0]))
                    if outer is not None and outer[0].id == p.id:
                        return (*outer[:3], outer[3] + found[1])
            return None  # a name of this function that is none of its parameters
        p = p.parent
    return None


def _object_value(obj, keys: list[str]):
    """The value under ``keys`` in an object literal argument (a shorthand ``{ cwd }`` is its identifier)."""
    node = obj
    for key in keys:
        while node is not None and node.type in ("parenthesized_expression", "as_expression",
                                                 "satisfies_expression", "await_expression"):
            node = node.named_children[0]
        if node is None or node.type != "object":
            return None
        found = None
        for c in node.named_children:
            if c.type == "shorthand_property_identifier" and _text(c) == key:
                found = c
            elif c.type == "pair":
                k = c.child_by_field_name("key")
                if k is not None and _text(k).strip("'\"`") == key:
                    found = c.child_by_field_name("value")
        if found is None:
            return None
        node = found
    return node


def _callee(call) -> str | None:
    fn = call.child_by_field_name("function")
    if fn is None:
        return None
    if fn.type == "identifier":
        return _text(fn)
    if fn.type == "member_expression":
        prop = fn.child_by_field_name("property")
        return _text(prop) if prop is not None else None
    return None


def _classify(node, index: ProjectIndex, depth: int, home: str) -> tuple[str, str] | None:
    from .dataflow.js_value import _JsValue
    from .dataflow.rules import _Trace

    if depth > 0 and node.type in ("binary_expression", "ternary_expression", "parenthesized_expression"):
        # parsedLLMOutput.action ?? tool.name: an operand made at a pass of the loop makes the value move with it
        for part in node.named_children:
            if part.type in ("identifier", "member_expression", "subscript_expression", "binary_expression",
                             "ternary_expression", "parenthesized_expression"):
                got = _classify(part, index, depth, home)
                if got is not None and got[0] == "per-turn" and got[2]:
                    return got
    if node.type == "shorthand_property_identifier":  # { cwd } passes the name cwd of the caller
        ident = node
    elif node.type in ("member_expression", "subscript_expression"):
        # output.parsedLLMOutput.errors with output a parameter of the caller (or destructured from one):
        # the object its own callers pass decides (a part of a value moves with it)
        ident = _root_identifier(node)
    else:
        ident = node if node.type == "identifier" else None
    if ident is not None and depth > 0:
        got = _param_of(ident, _text(ident))
        if got is not None:
            via = _callers(index, home, got, depth - 1)
            # a part of an object: only an object made anew at each pass of a loop (the model's reply, a
            # tool's result) makes its parts move with it; a request's object may hold settings
            if via is not None and via[2] and (ident is node or node.type == "shorthand_property_identifier"
                                               or via[0] == "per-turn"):
                return via
    trace = _Trace(path=home)
    if node.type == "shorthand_property_identifier":
        from .dataflow.js_lookup import _js_lookup
        from .dataflow.rules import _by_name

        kind, value, fn = _js_lookup(node, _text(node))
        if kind == "bind" and value is not None:
            trace.flowed = True
            return _strength(_JsValue(value, trace).of(value, 2), trace)
        return _strength(_by_name(_text(node), kind == "param", fn, trace), trace)
    return _strength(_JsValue(node, trace).of(node, 2), trace)


def _callers(index: ProjectIndex, home: str, param, depth: int) -> tuple[str, str] | None:
    fn, name, k, keys = param
    if name in _FILL_METHODS or name in ("replace", "replaceAll", "map", "join", "then", "constructor"):
        return None  # a method every object has: its calls are not this function's
    found = []
    literals: set[str] = set()
    sites = 0
    for path, call in index.memo(("js-calls", name), lambda: _calls_to(index, name)):
        args = call.child_by_field_name("arguments")
        if args is None or args.type != "arguments":
            continue
        items = [a for a in args.named_children if a.type != "comment"]
        if k >= len(items) or any(a.type == "spread_element" for a in items[:k + 1]):
            continue
        value = _object_value(items[k], keys) if keys else items[k]
        if value is None:
            continue
        sites += 1
        if value.type in ("string", "number", "true", "false"):
            literals.add(_text(value))
        got = _classify(value, index, depth, home)
        if got is not None:
            shown = ".".join(keys) if keys else f"argument {k + 1}"
            found.append(carry(got, got[0], f"{shown} = {_text(value)[:50]} from the call at "
                                            f"{_where(path, call.start_point[0] + 1, home)}"
                                    + (f": {got[1]}" if got[1] else ""), got[2]))
        if sites >= MAX_SITES:
            break
    return per_call_site(found, literals, ".".join(keys) if keys else f"argument {k + 1} of {name}") or _best(found)


def _calls_to(index: ProjectIndex, name: str) -> list:
    """(path, call node) of every call of a function named ``name`` in the project's JS/TS files."""
    out = []
    for path, parsed in index.js_mentioning(name):
        out += [(path, c) for c in walk(parsed[0].root_node, in_order=True)
                if c.type in ("call_expression", "new_expression") and _callee(c) == name]
    return out


def _root_identifier(node):
    """The name a substitution's value hangs on: ``a.b.c`` -> ``a``; for ``mode === 'quality' ? x : ''``
    the condition's (the test chooses the text, so it is part of the value)."""
    while node is not None and node.type in ("ternary_expression", "binary_expression"):
        if node.type == "ternary_expression":
            node = node.child_by_field_name("condition")
        else:
            left = node.child_by_field_name("left")
            node = left if left is not None and left.type not in ("string", "number", "template_string") \
                else node.child_by_field_name("right")
    while node is not None and node.type in ("member_expression", "subscript_expression", "call_expression",
                                             "non_null_expression", "parenthesized_expression"):
        presented = _presented_argument(node)
        node = presented if presented is not None else (
            node.child_by_field_name("object") or node.child_by_field_name("function")
            or (node.named_children[0] if node.named_children else None))
    return node if node is not None and node.type == "identifier" else None


def _presented_argument(call):
    """The one argument a call only presents (``JSON.stringify(toolResult)``, ``String(x)``): the value is
    that argument's, not the function's."""
    from .dataflow.rules import _PRESENTERS

    if call.type != "call_expression":
        return None
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if fn is None or args is None or _text(fn) not in _PRESENTERS:
        return None
    items = [a for a in args.named_children if a.type != "comment"]
    return items[0] if items else None


def _param_class(seg: Segment, prompt: Prompt, index: ProjectIndex) -> tuple[str, str] | None:
    from .dataflow.js_value import _js_substitution

    home = os.path.abspath(prompt.path)
    parsed = index.js(home)
    if parsed is None:
        return None
    node = _js_substitution(seg, *parsed)
    root = _root_identifier(node)
    if root is None:
        return None
    param = _param_of(root, _text(root))
    if param is None:
        return _choice_class(root, index, home) or _local_of_params(root, index, home)
    return _callers(index, home, param, 1)


def _local_of_params(root, index: ProjectIndex, home: str):
    """A local computed from the function's parameters (``const requestPrompt =
    getRequestPromptFromHints(requestHints)``): what the callers pass for them decides, when they say
    it from the code."""
    from .dataflow.js_lookup import _js_lookup

    kind, value, _fn = _js_lookup(root, _text(root))
    if kind != "bind" or value is None:
        return None
    found, seen = [], set()
    for ident in (n for n in walk(value, in_order=True) if n.type in ("identifier", "shorthand_property_identifier")):
        parent = ident.parent
        if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == ident:
            continue  # the function called, not a value given to it
        name = _text(ident)
        if name in seen:
            continue
        seen.add(name)
        param = _param_of(ident, name)
        if param is not None:
            # nodeData.inputs?.systemMessagePrompt: only that member of what the callers pass (an object
            # literal's key; a spread's siblings or an object built elsewhere say nothing of it)
            param = (*param[:3], param[3] + _member_path(ident))
            got = _callers(index, home, param, 1)
            if got is not None and got[2]:
                found.append(carry(got, got[0], f"{_text(root)} = {_text(value)[:50]}: {got[1]}", True))
    return _best(found)


def _member_path(ident) -> list[str]:
    """The members read from ``ident``: ``nodeData.inputs?.systemMessagePrompt`` -> [inputs, systemMessagePrompt]."""
    keys, node = [], ident
    while node.parent is not None and node.parent.type == "member_expression" \
            and node.parent.child_by_field_name("object") == node:
        prop = node.parent.child_by_field_name("property")
        if prop is None:
            break
        keys.append(_text(prop))
        node = node.parent
    return keys


def _choice_class(root, index: ProjectIndex, home: str):
    """A local chosen under conditions on the function's parameters (``let mediaType = "document";
    if (type === "code") mediaType = "code snippet"``): what the callers pass for those parameters
    decides, with the values it can take."""
    from .dataflow.js_lookup import _js_choice, _js_lookup

    kind, value, _fn = _js_lookup(root, _text(root))
    choice = _js_choice(value, _text(root)) if kind == "bind" and value is not None else None
    if choice is None:
        return None
    values, conditions = choice
    found = [_classify(v, index, 0, home) for v in values]
    if any(g is None or g[0] != "constant" for g in found):
        return None  # the branches themselves move: the same-file rules say how
    out = []
    for c in conditions:
        for ident in (n for n in walk(c, in_order=True) if n.type == "identifier"):
            param = _param_of(ident, _text(ident))
            if param is not None:
                got = _callers(index, home, param, 1)
                if got is not None:
                    out.append(carry(got, got[0], f"{_text(root)} chosen by {_text(c)[:40]}: {got[1]}", got[2]))
    return _best(out)


def _fill_class(prompt: Prompt, key: str, placeholder: str, index: ProjectIndex) -> tuple[str, str] | None:
    """A ``{key}`` template constant filled by ``.replace``/``.replaceAll`` or a prompt object's
    ``format({ key: v })`` in any JS/TS file that mentions it."""
    from .crossflow.sites import _template_name

    got = _template_name(prompt)
    if got is None or not key:
        return None
    name, _in_class = got
    home = os.path.abspath(prompt.path)
    found = []
    for path, parsed in index.js_mentioning(name):
        for call in walk(parsed[0].root_node, in_order=True):
            if call.type != "call_expression":
                continue
            fn = call.child_by_field_name("function")
            if fn is None or call.child_by_field_name("arguments") is None:
                continue
            args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
            value = _engine_fill(fn, args, name, key)
            if value is None and fn.type != "member_expression":
                continue
            method = _callee(call)
            target = fn.child_by_field_name("object") if fn.type == "member_expression" else None
            if value is None and (target is None or not any(
                    n.type == "identifier" and _text(n) == name for n in walk(target, in_order=True))):
                continue
            if value is not None:
                pass
            elif method in ("replace", "replaceAll") and len(args) == 2:
                pat = _text(args[0])
                if placeholder in pat or re.search(rf"\b{re.escape(key)}\b", pat) and args[0].type == "regex":
                    value = args[1]
            elif method in _FILL_METHODS and args:
                value = _object_value(args[0], [key])
            if value is None:
                continue
            got = _classify(value, index, 1, home)
            if got is not None:
                found.append(carry(got, got[0], f"{key} = {_text(value)[:50]} at "
                                                f"{_where(path, call.start_point[0] + 1, home)}"
                                        + (f": {got[1]}" if got[1] else ""), got[2]))
            if len(found) >= MAX_SITES:
                break
    return _best(found)


def _engine_fill(fn, args: list, name: str, key: str):
    """The value under ``key`` when a template engine renders the template ``name`` with an object:
    ``Mustache.render(T, { key: v })``, ``nunjucks.renderString(T, {...})``, ``ejs.render(T, {...})``
    (the template and the object as arguments) or ``Handlebars.compile(T)({...})`` (the compiled
    template called with the object)."""
    def holds(node) -> bool:
        return node.type == "identifier" and _text(node) == name

    if fn.type == "call_expression":  # compile(T)(view)
        inner = fn.child_by_field_name("arguments")
        if inner is not None and any(holds(a) for a in inner.named_children) and args:
            return _object_value(args[0], [key])
        return None
    if any(holds(a) for a in args):
        for a in args:
            if a.type == "object":
                got = _object_value(a, [key])
                if got is not None:
                    return got
    return None


def _unset_option(seg: Segment, prompt: Prompt, index: ProjectIndex) -> tuple[str, str, bool] | None:
    """``options.priorCode`` read from a parameter, where ``priorCode`` is a field the project's types declare
    optional (``priorCode?: string``) and no file of the scan sets it (no ``priorCode: v`` or ``{ priorCode }`` in
    an object, no ``x.priorCode = v``): as written it is always undefined, a constant (as an attribute that starts
    empty and that nothing adds to, in Python)."""
    from .dataflow.js_value import _js_substitution

    home = os.path.abspath(prompt.path)
    parsed = index.js(home)
    node = _js_substitution(seg, *parsed) if parsed is not None else None
    if node is None or node.type != "member_expression":
        return None
    obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
    if obj is None or prop is None or obj.type != "identifier" or _param_of(obj, _text(obj)) is None:
        return None
    field = _text(prop)
    f = re.escape(field)
    optional = re.compile(rf"(?<![\w$.]){f}\?\s*:")  # priorCode?: string, in an interface or type
    # an object key or shorthand (`{ priorCode: v }`, `{ priorCode }`), a property store (`x.priorCode = v`,
    # `x["priorCode"] = v`): a write somewhere in the scan
    writes = re.compile(rf"[{{,]\s*{f}\s*[:,}}]|\.{f}\s*=(?!=)|\[\s*['\"]{f}['\"]\s*\]\s*=(?!=)")
    declared = False
    for path in index.mentioning(field):
        text = _read_text(path)
        if text is None:
            return None
        cleaned = optional.sub(" ", text)
        declared = declared or cleaned != text
        if writes.search(cleaned):
            return None
    if not declared:
        return None
    return ev("js.unset-option", "constant",
              f"{field} is an optional field that no file of the scan sets: always undefined as written", True)


def _read_text(path: str) -> str | None:
    try:
        with open_text(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


_TYPE_NAME = re.compile(r"[A-Z][\w$]*")


def typed_field(at, param: str, field: str, trace) -> tuple[str, str] | None:
    """``ctx.fullName`` with ``ctx: SessionContext`` a parameter: what the project's functions declared to
    return that type (``collectSessionContext(): Promise<Omit<SessionContext, 'scratchpadPath'>>``) put under
    ``field`` in the object literal they return (``fullName: userInfo.fullName``), read in their own scope.  A
    TypeScript type names what makes the value when a project function is declared to produce it; the most
    volatile of them decides.  None when no such function of the scan returns the field."""
    from .dataflow.js_lookup import _js_param_type
    from .dataflow.js_value import _JsValue
    from .dataflow.rules import _Trace

    declared = _js_param_type(at, param)
    index = trace.index or trace.project
    if not declared or not _TYPE_NAME.fullmatch(declared) or index is None or trace.hops <= 0:
        return None
    word = re.compile(rf"(?<![\w$]){re.escape(declared)}(?![\w$])")
    found = []
    for path, fn, value in index.memo(("js-made", declared, field), lambda: _makers(index, declared, word, field)):
        sub = _Trace(index, trace.hops - 1, path=path)
        reader = _JsValue(value, sub)
        got = reader._name(_text(value), 2) if value.type == "shorthand_property_identifier" else reader.of(value, 2)
        if got is not None and sub.flowed and "supplied by each call" not in (got[1] or ""):
            found.append(carry(got, got[0], f"{param}.{field}: {declared} made by {fn} ({os.path.basename(path)}:"
                                            f"{value.start_point[0] + 1}) with {field} = {_text(value)[:40]}"
                                            + (f" ({got[1]})" if got[1] else "")))
    if not found:
        return None
    from .volatility import RANK

    return min(found, key=lambda g: RANK[g[0]])


def _makers(index: ProjectIndex, declared: str, word, field: str) -> list:
    """(path, function name, value) of ``field`` in the object literals returned by the functions of the scan
    whose declared return type names ``declared``."""

    out = []
    for path, parsed in index.js_mentioning(declared):
        for fn in walk(parsed[0].root_node, in_order=True):
            if fn.type not in _FUNCS:
                continue
            rt = fn.child_by_field_name("return_type")
            if rt is None or not word.search(_text(rt)):
                continue
            name = fn.child_by_field_name("name")
            body = fn.child_by_field_name("body")
            for ret in walk(body, in_order=True, stop=_FUNCS) if body is not None else ():
                if ret.type != "return_statement" or not ret.named_children:
                    continue
                obj = ret.named_children[0]
                if obj.type != "object":
                    continue
                for c in obj.named_children:
                    if c.type == "pair" and _text(c.child_by_field_name("key")) == field:
                        out.append((path, _text(name) if name is not None else "a function", c.child_by_field_name("value")))
                    elif c.type == "shorthand_property_identifier" and _text(c) == field:
                        out.append((path, _text(name) if name is not None else "a function", c))
            if len(out) >= MAX_SITES:
                return out
    return out


def _replace_calls(index: ProjectIndex, path: str, parsed) -> list:
    """(call, its two arguments) of every ``.replace(a, b)`` / ``.replaceAll(a, b)`` of a JS/TS file, in
    source order, listed once per scan (each placeholder tag looked up walked every file mentioning its key
    again)."""
    def compute():
        out = []
        for call in walk(parsed[0].root_node, in_order=True):
            if call.type != "call_expression" or _callee(call) not in ("replace", "replaceAll"):
                continue
            a = call.child_by_field_name("arguments")
            args = [x for x in (a.named_children if a is not None else []) if x.type != "comment"]
            if len(args) == 2:
                out.append((call, args))
        return out

    return index.memo(("js-replace-calls", path), compute)


def js_replace_class(seg: Segment, key: str, index: ProjectIndex) -> tuple[str, str, bool] | None:
    """A placeholder tag of a template file (``{{WORKER_BASE}}``) replaced by ``.replace``/``.replaceAll`` with
    the tag written whole, in any JS/TS file of the scan (``raw.replaceAll('{{WORKER_BASE}}', workerBaseRaw)``):
    such a tag is filled by that text whatever file holds it (as ``crossflow.py_replace_class`` in Python)."""

    tag = seg.text.strip()
    if not key.isidentifier() or len(tag) <= len(key) + 1 or key not in tag:
        return None

    def compute():
        out = []
        replacing = set(index.mentioning("replace")) | set(index.mentioning("replaceAll"))  # (a call names one)
        for path, parsed in index.js_mentioning(key):
            if path not in replacing:
                continue
            for call, args in _replace_calls(index, path, parsed):
                if args[0].type in ("string", "template_string") and _text(args[0])[1:-1] == tag:
                    out.append((path, call, args[1]))
        return out[:MAX_SITES]

    found = []
    for path, call, value in index.memo(("js-replace", tag), compute):
        got = _classify(value, index, 1, path)
        if got is not None:
            found.append(carry(got, got[0], f"{tag} replaced by {_text(value)[:40]} at {os.path.basename(path)}:"
                                            f"{call.start_point[0] + 1}" + (f": {got[1]}" if got[1] else ""), got[2]))
    return _best(found)


def js_project_class(seg: Segment, prompt: Prompt, expr: str, name: str, index: ProjectIndex):
    if prompt.syntax == "js":
        return _unset_option(seg, prompt, index) or _param_class(seg, prompt, index)
    key = (name or "").split(".")[0].strip()
    return _fill_class(prompt, key, seg.text.strip(), index) if key else None

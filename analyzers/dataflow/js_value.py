"""A JS/TS value classified (``_JsValue``), what called functions return, and the entry for a JS variable."""

from __future__ import annotations

import os

from ..evidence import carry, ev, rule_of
from ..flow_state import _js_attribute, _js_shared_loop, settled
from ..js_tree import FUNCTIONS as _JS_FUNCS, text as _js_text
from ..model import Prompt, Segment
from .js_lookup import (
    _fetch_body, _js_chain_names, _js_choice, _js_data_import, _js_imported_literal, _js_iterated, _JS_LITERALS,
    _js_lookup, _js_loop_carried, _js_overwritten, _js_param_type, _js_project_function, _js_text_import, _js_tree,
)
from .python_value import _PyValue
from .rules import (
    _by_expression, _by_name, _combine, _constant_choice, _conversation_name, _field_of_parameter, _fills,
    _from_arguments, _from_settings, _is_config, _PRESENTERS, _request_body, _request_rooted, _RETURNS, _Trace,
)


# -------------------------------------------------------------------------------- JavaScript / TS


class _JsValue:
    def __init__(self, at, trace: _Trace):
        self.at, self.trace = at, trace  # the node whose scope names are looked up from

    def of(self, node, follow: int) -> tuple[str, str] | None:
        return self._of(node, follow)

    def _of(self, node, follow: int) -> tuple[str, str] | None:
        t = node.type
        text = _js_text(node)
        sent = _fetch_body(node)
        if sent is not None:  # await fetch(url, { body }): the answer to what is sent, not to where
            got = self.of(sent, follow)
            if got is not None:
                self.trace.flowed = True
                return carry(got, got[0], f"the response to fetch(..., {{ body: {_js_text(sent)[:40]} }})" + \
                              (f" ({got[1]})" if got[1] else ""))
        got = _by_expression(text)
        if got is None and t == "call_expression":
            from ..value_origin import js_shipped_file

            got = js_shipped_file(node, self.trace.path)  # fs.readFile("companions/" + name): a file shipped
        if got is not None:
            self.trace.flowed = True
            return got
        if t in ("string", "number", "true", "false", "null", "undefined", "regex"):
            self.trace.flowed = True
            return ev("js.literal", "constant", f"{text[:40]} (a literal)")
        if t == "template_string":
            subs = [c for c in node.named_children if c.type == "template_substitution"]
            if not subs:
                self.trace.flowed = True
                return ev("js.literal", "constant", f"{text[:40]} (a literal)")
            return _combine([self.of(s.named_children[0], follow) for s in subs if s.named_children]
                            + [("constant", "")], text)
        if t in ("parenthesized_expression", "await_expression", "as_expression", "satisfies_expression",
                 "non_null_expression", "spread_element"):
            return self.of(node.named_children[0], follow) if node.named_children else None
        if t == "binary_expression":
            defaulted = self._defaulted(node)
            if defaulted is not None:
                return defaulted
            return _combine([self.of(node.child_by_field_name("left"), follow),
                             self.of(node.child_by_field_name("right"), follow)], text)
        if t == "ternary_expression":  # the condition chooses the branch: it is part of the value
            branches = [node.child_by_field_name(k) for k in ("consequence", "alternative")]
            if all(b is not None and b.type in ("identifier", "member_expression") for b in branches):
                got = _constant_choice([self.of(b, follow) for b in branches], text)
                if got is not None:
                    return got
            return _combine([self.of(node.child_by_field_name(k), follow)
                             for k in ("condition", "consequence", "alternative")], text)
        if t == "array":
            kids = node.named_children
            return _combine([self.of(k, follow) for k in kids], text) if kids else None
        if t == "object":  # { latitude, city: geo.city }: what its values are
            parts = []
            for c in node.named_children:
                if c.type == "shorthand_property_identifier":
                    parts.append(self._name(_js_text(c), follow))
                elif c.type == "pair" and c.child_by_field_name("value") is not None:
                    parts.append(self.of(c.child_by_field_name("value"), follow))
                elif c.type == "spread_element":
                    parts.append(self.of(c, follow))
            return _combine(parts, text) if parts else None
        if t == "identifier":
            return self._name(text, follow)
        if t in ("member_expression", "subscript_expression", "call_expression"):
            return self._chain(node, follow)
        return None

    def _name(self, name: str, follow: int) -> tuple[str, str] | None:
        kind, value, fn = _js_lookup(self.at, name)
        if kind is None:
            from ..conventions import js_for_item, js_grown_items

            grown = js_grown_items(js_for_item(self.at, name))
            if grown is not None:  # for (const event of this.history), pushed by another method: the history
                self.trace.flowed = True
                return ev("js.grown-history", "per-turn",
                          f"{name}: an item of a collection the object grows between calls (line {grown}): the "
                          "history rendered into the prompt")
            data = _js_data_import(self.at, name)
            if data is not None:  # import categories from "./categories.json": bundled with the deployment
                self.trace.flowed = True
                return ev("js.data-import", "per-config",
                          f"{name}: imported from {data}, a data file the project ships")
            text = _js_text_import(self.at, name)
            if text is not None:  # import workerBaseRaw from "./worker-base.txt" with { type: "text" }
                self.trace.flowed = True
                return ev("js.text-import", "constant", f"{name}: the text of {text}, a file the project ships")
            written = _js_imported_literal(self.at, name, self.trace.path)
            if written is not None:  # import { availableActions } from "./availableActions": a literal there
                self.trace.flowed = True
                return ev("js.imported-literal", "constant", written)
        if kind == "bind" and value is not None:
            from ..conventions import js_loop_counter

            loop = js_loop_counter(value.parent, self.at)
            if loop is not None:  # for (let attempt = 1; ...; attempt++): stepped at every pass
                self.trace.flowed = True
                return ev("js.loop-counter", "per-turn",
                          f"{name} is the counter of the for loop at line {loop}: a new value at every pass")
        if kind == "bind" and value is not None:
            last = _js_overwritten(self.at, name)
            if last is not None:  # let x = f(); ...; x = "..."; then the use: the use sees the last value
                value = last
        if kind == "param":
            items = _js_iterated(self.at, name)
            if items is not None:  # tabs.map(tab => ...): an item of the collection, not a call's argument
                got = self.of(items, follow)
                if got is not None:  # the items of a literal list differ from one another: fixed per item
                    self.trace.flowed = True
                    why = f"{name}: an item of {_js_text(items)[:50]}" + (f" ({got[1]})" if got[1] else "")
                    if got[0] == "constant":
                        said = ev("js.fixed-list-item", "per-config", why)
                        if said:
                            return said
                    return carry(got, got[0], why)
                return _by_name(name, False, None)
            if _js_param_type(self.at, name) == "boolean":  # (testingEnabled: boolean): a switch of the caller's
                self.trace.flowed = True
                return ev("js.bool-param", "per-config",
                          f"{name}: a boolean parameter of {fn or 'the function'}, a switch")
            return _by_name(name, True, fn, self.trace)
        if kind == "destructured":
            return self._destructured(name, *value, follow)
        if kind == "bind" and value is not None:
            loop = _js_shared_loop(value, self.at)
            if loop is not None:  # bound anew at each pass of the loop that renders the prompt
                got = _JsValue(value, self.trace).of(value, follow - 1) if follow > 0 else None
                if not settled(got):
                    self.trace.flowed = True
                    return ev("js.loop-bound", "per-turn", (f"{name} is bound anew at every pass of the loop at line "
                                        f"{loop.start_point[0] + 1}"))
        if kind == "bind" and value is not None:
            from ..chatroute_js import from_conversation

            conversation = from_conversation(self.at, name)
            if conversation is not None:  # latest = messages[messages.length - 1]; context = retrieve(latest)
                self.trace.flowed = True
                return ev("js.from-conversation", "per-turn",
                          (f"{name} is computed from {conversation}, the conversation each call carries: "
                           "it changes at every turn"))
        if kind == "bind" and value is not None and follow > 0:
            carried = _js_loop_carried(value, self.at, name)
            if carried is not None:  # let note = "none yet"; while (...) { use; note = await check(reply) }
                loop, inside = carried
                got = _combine([_JsValue(v, self.trace).of(v, follow - 1) for v in inside], name)
                if not settled(got):
                    self.trace.flowed = True
                    return ev("js.loop-rebound", "per-turn",
                              (f"{name} is re-assigned at line {inside[0].start_point[0] + 1} in the loop at "
                               f"line {loop.start_point[0] + 1} that renders the prompt: carried from one "
                               "pass to the next"))
        choice = _js_choice(value, name, self.at) if kind == "bind" and value is not None else None
        if choice is not None and follow > 0:  # let x = "a"; if (cond) x = "b": the conditions choose
            values, conditions = choice
            got = _combine([_JsValue(v, self.trace).of(v, follow - 1) for v in values]
                           + [_JsValue(c, self.trace).of(c, follow - 1) for c in conditions], name)
            if got is not None:
                self.trace.flowed = True
                return carry(got, got[0],
                             f"{name}, chosen by {_js_text(conditions[0])[:40]}" + (f" ({got[1]})" if got[1] else ""))
        if kind == "bind" and value is not None and follow > 0:
            got = _JsValue(value, self.trace).of(value, follow - 1)
            if got is not None:
                self.trace.flowed = True
                return carry(got, got[0], f"{name} = {_js_text(value)[:60]}" + (f" ({got[1]})" if got[1] else ""))
        if kind == "bind" and value is not None:
            from ..value_origin import js_derived_from_shipped_file

            got = js_derived_from_shipped_file(self.at, name, self.trace.path)  # a part of a shipped file's text
            if got is not None:
                self.trace.flowed = True
                return carry(got, got[0], f"{name}: {got[1]}")
        return _by_name(name, False, None)

    def _defaulted(self, node) -> tuple[str, str] | None:
        """``param ?? DEFAULT`` / ``param || "literal"``: an optional parameter left to a fixed default,
        a knob of the function (as a Python parameter with a literal default): per-config."""
        op = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op is None or _js_text(op) not in ("??", "||") or left is None or right is None:
            return None
        if left.type != "identifier" or _js_lookup(left, _js_text(left))[0] != "param":
            return None
        fixed = right.type in ("string", "number", "true", "false", "array", "object", "template_string") \
            and "${" not in _js_text(right)
        if not fixed and right.type == "identifier":
            from ..volatility import _CONSTANT_CASE

            kind, value, _fn = _js_lookup(right, _js_text(right))
            fixed = bool(_CONSTANT_CASE.fullmatch(_js_text(right))) or kind == "bind" and value is not None \
                and value.type in ("string", "number", "array", "object") and "${" not in _js_text(value)
        if not fixed:
            return None
        self.trace.flowed = True
        return ev("js.defaulted", "per-config",
                  f"{_js_text(node)[:60]}: a parameter left to a fixed default unless the caller sets it")

    def _destructured(self, name: str, obj, keys: list[str], follow: int) -> tuple[str, str] | None:
        """``const { name } = obj``: the value is ``obj.name``; an object read from the request (``await
        req.json()``) is per-request, from settings or an SDK's options object per-config."""
        while obj.type in ("await_expression", "parenthesized_expression", "as_expression",
                           "satisfies_expression", "non_null_expression") and obj.named_children:
            obj = obj.named_children[0]
        text = f"{_js_text(obj)[:50]} -> {'.'.join(keys)}"
        chain = _js_chain_names(obj)
        if chain:
            full = chain + keys
            got = _request_body(full) or _request_rooted(full, text)
            if got is not None:
                self.trace.flowed = True
                return carry(got, got[0], f"{name} from {text} ({got[1]})")
            if _is_config(full + [""]):
                self.trace.flowed = True
                got = _from_settings(full, text)
                if got is not None:  # None only when the benchmark disabled the rule
                    return carry(got, got[0], f"{name} from {got[1]}")
        got = self.of(obj, follow) if follow > 0 else None
        if got is not None:
            self.trace.flowed = True
            return carry(got, got[0], f"{name} from {text}" + (f" ({got[1]})" if got[1] else ""))
        return _by_name(name, False, None)

    def _chain(self, node, follow: int) -> tuple[str, str] | None:
        tagged = node.child_by_field_name("arguments") if node.type == "call_expression" else None
        if tagged is not None and tagged.type == "template_string":  # ps`Windows`, dedent`...`: a tag formats its
            return self.of(tagged, follow)                           # literal, whose parts decide
        parts: list[str] = []
        args = []
        n = node
        direct = False
        while True:
            if n.type == "member_expression":
                prop = n.child_by_field_name("property")
                parts.append(_js_text(prop) if prop is not None else "")
                n = n.child_by_field_name("object")
            elif n.type == "subscript_expression":
                index, owner = n.child_by_field_name("index"), n.child_by_field_name("object")
                if index is not None and index.type == "number" and owner is not None and owner.type == "identifier" \
                        and _conversation_name(_js_text(owner)):
                    # messages[0]: a fixed position from the start of the conversation, fixed once it has begun:
                    # the request that opened it (per-request, as the Python rule)
                    self.trace.flowed = True
                    return ev("js.conversation-position", "per-request",
                              f"{_js_text(n)[:40]}: a message at a fixed place from the start of the " \
                              "conversation, the request that opened it, the same at every turn of it")
                n = owner
            elif n.type == "call_expression":
                a = n.child_by_field_name("arguments")
                args += [c for c in (a.named_children if a is not None else [])
                         if c.type not in ("arrow_function", "function_expression", "function")]
                n = n.child_by_field_name("function")
                if n is None:
                    return None
                direct = n.type == "identifier"
                continue
            elif n.type in ("parenthesized_expression", "non_null_expression", "await_expression"):
                n = n.named_children[0]
            else:
                break
            if n is None:
                return None
            direct = False
        parts.reverse()
        text = _js_text(node)
        if n.type in ("identifier", "this"):
            chain = [_js_text(n), *parts]
            rooted = _request_rooted(chain, text)
            if rooted is not None:
                self.trace.flowed = True
                return rooted
            if _is_config(chain + [""]) and len(chain) > 1:
                self.trace.flowed = True
                return _from_settings(chain, text)
            if n.type == "this":
                if len(parts) == 1 and node.type == "member_expression" and self.trace.hops > 0:
                    got = _js_attribute(n, parts[0], self.trace)
                    if got is not None:
                        self.trace.flowed = True
                        return carry(got, got[0], f"{text[:60]}: {got[1]}")
                return _by_name(".".join(parts), False, None) if parts else None
            if direct and not parts:
                if chain[0] in _PRESENTERS and args:
                    return _combine([self.of(a, follow) for a in args], text)
                if follow > 0 and not args:
                    returned = _js_returns(self.at, chain[0], self.trace, follow)
                    if returned is not None:  # getOperationSystemDetails(): what the function of this file returns
                        return carry(returned, returned[0], f"{text[:40]} returns {returned[1]}")
                if args and _js_project_function(self.at, chain[0], self.trace.path):
                    returned = None
                    if not _RETURNS[0]:  # one level: the calls inside its returns are not followed into theirs
                        _RETURNS[0] += 1
                        try:
                            returned = _js_returns(self.at, chain[0], self.trace, follow + 1)
                        finally:
                            _RETURNS[0] -= 1
                    if returned is not None and "supplied by each call" not in returned[1]:
                        return carry(returned, returned[0], f"{text[:40]} returns {returned[1]}")
                    return _from_arguments(chain[0], [self.of(a, follow) for a in args
                                                      if a.type not in _JS_LITERALS + ("template_string",)])
                return None
            root = self._name(chain[0], follow)
            if root is not None and root[0] == "constant" and rule_of(root) != "code.constant-name" \
                    and not _fills(parts, args):
                return root  # (a constant known only by its CONSTANT_CASE name says nothing of a call's arguments)
            named = _field_of_parameter(root, chain, args, node)
            if named is not None:
                return named
            if len(chain) > 1 and not args and root is not None and "supplied by each call" in (root[1] or ""):
                from ..crossflow_js import typed_field

                made = typed_field(self.at, chain[0], chain[1], self.trace)
                if made is not None:  # ctx: SessionContext: what the project's makers of a SessionContext put there
                    self.trace.flowed = True
                    return made
            from_args = _PyValue._args(self, args, follow)
            return _combine([root, *from_args], text) if root or any(from_args) else \
                _by_name(".".join(chain), False, None)
        if n.type in ("string", "template_string", "array"):
            return _combine([self.of(n, follow), *(self.of(a, follow) for a in args)], text)
        return None


def _js_returns(at, name: str, trace: _Trace, follow: int):
    """What a function of the file (``function name() {...}``, ``const name = () => ...``), or of the project module
    it is imported from, returns, called without arguments: its ``return`` values (or an arrow's expression body)
    read as the code says them, the most volatile deciding; None when a return is not decided by the code (as
    ``crossflow._py_returns``, one level)."""
    kind, value, _fn = _js_lookup(at, name)
    fn = value if kind == "bind" and value is not None and value.type in _JS_FUNCS else None
    root = at
    while root.parent is not None:
        root = root.parent
    path = trace.path
    if fn is None:
        fn = _js_top_function(root, name)
    if fn is None and kind is None and trace.path:  # import { getSystemInfo } from "./env": its module's function
        from ..sources.js_project import imports_of, resolve_module
        from ..volatility import _stamp

        got = imports_of(root).get(name)
        src = resolve_module(trace.path, got[0]) if got is not None and got[1] not in ("default", "*") else None
        parsed = _js_tree(src, _stamp(src)) if src else None
        fn = _js_top_function(parsed[0].root_node, got[1]) if parsed is not None else None
        path = src
    if fn is None:
        return None
    body = fn.child_by_field_name("body")
    if body is None:
        return None
    if body.type != "statement_block":
        values = [body]
    else:
        values, stack = [], list(body.named_children)
        while stack:
            n = stack.pop()
            if n.type in _JS_FUNCS or n.type in ("class_declaration", "class"):
                continue
            if n.type == "return_statement" and n.named_children:
                values.append(n.named_children[0])
            stack.extend(n.named_children)
    found = []
    for v in values:
        sub = _Trace(trace.index, trace.hops, path=path)
        got = _JsValue(v, sub).of(v, follow - 1)
        if got is None or not sub.flowed or "(by its name)" in (got[1] or "") or _loop_inside(got):
            return None
        found.append(carry(got, got[0], f"{_js_text(v)[:40]} ({got[1]})" if got[1] else _js_text(v)[:40]))
    if not found:
        return None
    if len({_js_text(v) for v in values}) > 1:  # switch (platform) { case 'win32': return 'Windows' ... }: the
        for c in _js_conditions(values, fn):   # conditions that choose the return are part of the value
            sub = _Trace(trace.index, trace.hops, path=path)
            got = _JsValue(c, sub).of(c, max(follow - 1, 1))  # the condition names what it reads: one binding
            if got is not None and sub.flowed and "(by its name)" not in (got[1] or ""):
                found.append(carry(got, got[0],
                                   f"chosen by {_js_text(c)[:40]} ({got[1]})" if got[1] else _js_text(c)[:40]))
    trace.flowed = True
    return _combine(found, name)


def _loop_inside(got: tuple[str, str]) -> bool:
    """A value a called function returns moved by a loop of that function (``while ((m = re.exec(s)))``): the loop
    runs within one call, not from one call of the model to the next, so it says nothing of the class."""
    why = got[1] or ""
    return got[0] == "per-turn" and ("at every pass of the loop" in why or "carried from one pass" in why)


def _js_conditions(values: list, fn) -> list:
    """The conditions of the ``if``, ``switch`` and ternaries of ``fn`` that enclose the return ``values``."""
    out, seen = [], set()
    for v in values:
        p = v.parent
        while p is not None and p.id != fn.id:
            c = None
            if p.type in ("if_statement", "ternary_expression"):
                c = p.child_by_field_name("condition")
            elif p.type == "switch_statement":
                c = p.child_by_field_name("value")
            if c is not None and c.id not in seen:
                seen.add(c.id)
                out.append(c)
            p = p.parent
    return out


def _js_top_function(root, name: str):
    """The function a module declares at its top level under ``name`` (``function name``, ``export function
    name``, ``const name = () => ...``, exported or not); None when it declares none."""
    for st in root.named_children:
        decl = st.named_children[0] if st.type == "export_statement" and st.named_children else st
        if decl.type == "function_declaration":
            ident = decl.child_by_field_name("name")
            if ident is not None and _js_text(ident) == name:
                return decl
        elif decl.type in ("lexical_declaration", "variable_declaration"):
            for d in decl.named_children:
                target = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                value = d.child_by_field_name("value") if target is not None else None
                if target is not None and _js_text(target) == name and value is not None and value.type in _JS_FUNCS:
                    return value
    return None


def _js_substitution(seg: Segment, tree, data: bytes):
    """The expression inside the ``${...}`` that ``seg`` stands for in the parsed file ``data``; None
    when there is none."""
    from ..sources.js.grammar import _Positions

    pos = _Positions(data)
    if seg.line - 1 >= len(pos.starts):
        return None
    start = pos.starts[seg.line - 1]
    line_end = pos.starts[seg.line] if seg.line < len(pos.starts) else len(data)
    # the column counts characters; find the ``${`` at or after it on that line
    line_bytes = data[start:line_end]
    col = len(line_bytes.decode("utf-8", "replace")[:seg.column - 1].encode("utf-8"))
    k = line_bytes.find(b"${", col)
    if k < 0 or not seg.text.startswith("${"):
        return _js_operand(seg, tree, start + col)
    node = tree.root_node.descendant_for_byte_range(start + k, start + k + 2)
    while node is not None and node.type != "template_substitution":
        node = node.parent
    return node.named_children[0] if node is not None and node.named_children else None


def _js_operand(seg: Segment, tree, at: int):
    """The expression a prompt built by ``+`` has as an operand where ``seg`` starts (``defaultPrompt + `...```):
    the outermost node starting there whose text is the segment's."""
    want = (seg.expression or seg.text).strip()
    node = tree.root_node.descendant_for_byte_range(at, at + 1)
    found = None
    while node is not None and node.start_byte == at:
        if _js_text(node).strip() == want:
            found = node
        node = node.parent
    return found


def _js_flow(seg: Segment, prompt: Prompt, index=None) -> tuple[str, str] | None:
    from ..volatility import _stamp

    got = _js_tree(prompt.path, _stamp(prompt.path))
    expr = _js_substitution(seg, *got) if got is not None else None
    if expr is None:
        return None
    trace = _Trace(path=os.path.abspath(prompt.path))
    trace.project = index  # the scan's files: where a parameter's declared type is made (crossflow_js.typed_field)
    got = _JsValue(expr, trace).of(expr, 1)
    return got if trace.flowed else None

"""Where a template variable's value is decided, when the code that fills the template hands it on (issue 12).

The readers of ``dataflow`` / ``crossflow`` / ``flow_state`` follow a value to the expression that fills a
template and one or two levels of callers.  Some values are not decided by any one expression but by what the
program does with the value between two renders of the prompt, which an expert follows too (the labellers'
``why``: "rewritten by the answer to this very template at every round", "one more at each step of the replay
loop").  This module holds those facts of the program's structure, each a rule of ``evidence.RULES``:

* ``fill.reply-rewrites``: the value given to the call that sends the prompt is re-assigned, after that call in
  the same function, from the call's own result (``state = llm.get_response(T, facts=self._state)`` then
  ``self._state = state.result``): the next render carries what the model answered to this one, per-turn;
* ``state.loop-grown``: an attribute that starts empty (``self.action_events = []``) and that an iterating loop
  of its class (a ``while``, a ``for`` over ``range``/``count``: the agent's steps, as ``flow_state.
  iteration_loop`` reads them) adds to at every pass: the history of the steps so far, per-turn;

Nothing here reads a name: only assignments, calls and loops.  The callers (``crossflow.py_fill_class``,
``flow_state.attribute_class``) ask these functions only where their own reading found no decisive evidence.
"""

from __future__ import annotations

import ast

from .evidence import ev


def _own_nodes(node: ast.AST):
    from .dataflow.python_file import _own_nodes as own

    return own(node)


def reply_rewrites(scope, call: ast.AST, value: ast.expr):
    """``value`` (a name or ``self.attr``) fills the template at ``call``, and the same function later assigns
    it again from the result of ``call``: the answer to this prompt is the value of the next (per-turn)."""
    if not isinstance(call, ast.Call) or not isinstance(value, (ast.Name, ast.Attribute)) or scope is None:
        return None
    shown = ast.unparse(value)
    nodes = list(_own_nodes(scope.node))
    results: set[str] = set()  # names bound to the call's result: state = llm.get_response(T, ...)
    for n in nodes:
        if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None and \
                any(m is call for m in ast.walk(n.value)):
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target]):
                if isinstance(t, ast.Name):
                    results.add(t.id)
    end = getattr(call, "end_lineno", None) or call.lineno
    for n in nodes:
        if not isinstance(n, (ast.Assign, ast.AnnAssign)) or n.value is None or n.lineno <= end:
            continue
        targets = n.targets if isinstance(n, ast.Assign) else [n.target]
        if not any(ast.unparse(t) == shown for t in targets):
            continue
        if any(m is call for m in ast.walk(n.value)) or any(
                isinstance(m, ast.Name) and m.id in results for m in ast.walk(n.value)):
            return ev("fill.reply-rewrites", "per-turn",
                      f"{shown} is re-assigned at line {n.lineno} from the answer to the call at line {call.lineno} "
                      "that sends this prompt: each render carries the previous answer", True)
    return None


def loop_grown_state(index, attr: str, owner: str | None):
    """The attribute ``attr`` of ``owner`` objects starts empty and an iterating loop of the scan's Python adds
    to it at every pass (``while True: ... self.action_events.append(e)``): per-turn."""
    from .dataflow.python_file import _GROW
    from .flow_state import _not_this_class, iteration_loop

    if index is None:
        return None
    for p, f in index.py_mentioning(attr):
        for n in ast.walk(f.tree):
            grows = isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _GROW \
                and isinstance(n.func.value, ast.Attribute) and n.func.value.attr == attr
            target = n.func.value if grows else None
            if not grows and isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Attribute) \
                    and n.target.attr == attr:
                grows, target = True, n.target
            if not grows or _not_this_class(f, target, owner):
                continue
            loop = iteration_loop(f.scope_at(n.lineno), [n.lineno])
            if loop is not None:
                return ev("state.loop-grown", "per-turn",
                          f"self.{attr} starts empty and grows at every pass of the loop at "
                          f"{p.rsplit('/', 1)[-1]}:{loop.lineno}: the steps so far")
    return None


def factory_fills(prompt, index) -> list:
    """(file, path, call, scope) of the calls that fill a template kept under a key of a data file through a
    method named for that key, the way prompt factories generated from a template file expose each key (Serena's
    ``prompt_factory.create_onboarding_prompt(system=...)`` for ``prompts.onboarding_prompt``): a call whose method
    name ends with ``_<key>`` (a key of two words or more, as such files name them), given only keywords that are
    variables of the template.  The file of the template is never named in the code, so ``crossflow.fill_sites``
    does not find these."""
    import os
    import re

    from .crossflow.callers import _calls_to
    from .crossflow.index import PY_EXTENSIONS
    from .volatility import _chains, expression_of

    if not prompt.container or prompt.path.lower().endswith(PY_EXTENSIONS) or index is None:
        return []
    key = re.sub(r"\[.*$", "", prompt.container.rsplit(".", 1)[-1])
    if not key.isidentifier() or "_" not in key.strip("_"):
        return []
    roots = {c.split(".")[0] for s in prompt.variables for c in _chains(expression_of(s))}
    if not roots:
        return []
    methods = index.memo(("suffixed-identifiers",), lambda: _by_suffix(index)).get(key, [])
    out = []
    for method in methods:
        for path, f in index.py_mentioning(method):
            for n in _calls_to(f, method):
                if isinstance(n.func, ast.Attribute) and n.keywords and all(k.arg in roots for k in n.keywords) \
                        and not n.args:
                    out.append((f, os.path.abspath(path), n, f.scope_at(n.lineno)))
    return out[:24]


def _by_suffix(index) -> dict[str, list[str]]:
    """Every identifier of the scan's code under each of its ``_``-separated tails (``create_onboarding_prompt``
    under ``onboarding_prompt`` and ``prompt``), built once per scan."""
    index.mentioning("")  # builds the index of identifiers
    out: dict[str, list[str]] = {}
    for w in index._mentions or {}:
        for k, c in enumerate(w):
            if c == "_" and 0 < k < len(w) - 1:
                out.setdefault(w[k + 1:], []).append(w)
    return out


_READ_FILE = {"readFile", "readFileSync", "readTextFile", "readTextFileSync"}  # Node fs / fs.promises, Deno


def js_shipped_file(node, path: str | None):
    """``await fs.readFile("companions/" + name + ".txt", "utf8")``: the text of a file read at a path whose
    literal start names a folder or file the project holds (relative to the folder of the reading file or one of
    its parents: where a Node process started from the project resolves it).  The text is written in the
    repository and shipped with the deployment: constant for a path written whole, per-config for a path that
    chooses among the shipped files (each file a fixed text, as the items of a literal list)."""
    import os

    from .js_tree import text

    if node.type != "call_expression" or not path:
        return None
    fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    name = text(fn).rsplit(".", 1)[-1] if fn is not None else ""
    items = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    if name not in _READ_FILE or not items:
        return None
    first = items[0]
    head, whole = first, True
    while head is not None and head.type == "binary_expression":  # "companions/" + name + ".txt": its start
        op = head.child_by_field_name("operator")
        if op is None or text(op) != "+":
            return None
        head, whole = head.child_by_field_name("left"), False
    if head is None or head.type != "string":
        return None
    literal = text(head).strip("'\"`").replace("\\", "/")
    if not literal or literal.startswith("/") or ".." in literal.split("/"):
        return None
    folder = os.path.dirname(os.path.abspath(path))
    for _ in range(6):
        if os.path.exists(os.path.join(folder, literal.rstrip("/"))) and (whole or literal.endswith("/")
                                                                          or os.path.isdir(os.path.join(folder, literal))):
            where = os.path.join(folder, literal.rstrip("/"))
            shown = text(first)[:50]
            if whole:
                return ev("js.shipped-file", "constant", f"the text of {shown}, a file the project ships")
            return ev("js.shipped-file", "per-config",
                      f"the text of {shown}: one of the files the project ships in {os.path.basename(where)}/, "
                      "each a fixed text")
        up = os.path.dirname(folder)
        if up == folder:
            break
        folder = up
    return None


def js_derived_from_shipped_file(at, name: str, path: str | None, hops: int = 4):
    """``const preamble = presplit[0]``, ``presplit = data.split("###")``, ``data = await fs.readFile(...)``: a value
    cut from the text of a file the project ships (``js_shipped_file``), through the bindings that only take parts
    of it (an item, a field, a method of it: ``split``, ``trim``, ``slice``)."""
    from .dataflow.js_lookup import _js_lookup

    for _ in range(hops):
        kind, value, _fn = _js_lookup(at, name)
        if kind != "bind" or value is None:
            return None
        while value.type in ("await_expression", "parenthesized_expression", "non_null_expression",
                             "as_expression") and value.named_children:
            value = value.named_children[0]
        got = js_shipped_file(value, path)
        if got is not None:
            return got
        # a part of one other value: presplit[0], data.split(...), text.trim()
        node = value
        while node is not None and node.type in ("subscript_expression", "member_expression", "call_expression"):
            if node.type == "call_expression":
                fn = node.child_by_field_name("function")
                if fn is None or fn.type != "member_expression":
                    return None  # a function given the value computes something else
                node = fn
            node = node.child_by_field_name("object")
        if node is None or node.type != "identifier":
            return None
        at, name = node, node.text.decode("utf-8", "replace")
    return None

"""What a value is when the program itself changes it or sets it (issue 12): the loop that renders a
prompt at every pass, state read for the prompt and written back after the answer, the attributes a
project's classes set, the dicts callers pass.  Companion of ``dataflow`` (which reads one value's
expression); both read the code, never run it.
"""

from __future__ import annotations

import ast
import os
from typing import TYPE_CHECKING

from .dataflow.python_file import _clock_in, _own_nodes
from .dataflow.rules import _by_expression
from .evidence import carry, ev
from .js_tree import FUNCTIONS as _JS_FUNCS, text as _js_text

if TYPE_CHECKING:  # pragma: no cover
    from .dataflow.python_file import _PyFile, _PyScope
    from .dataflow.rules import _Trace


# Classes the code itself settles: a value bound inside a loop to one of them does not move with the loop.
_SETTLED = ("constant", "per-config", "per-user", "per-day")


def settled(got: tuple[str, str] | None) -> bool:
    """The code itself settles a value bound in a loop (a literal, settings, the user's machine, a date):
    it does not move with the loop.  A class guessed from a name does not settle it: the name of the
    method a pass calls (``this.executeUsingTool(...)``: a *tool*) says nothing of what it returns."""
    return got is not None and got[0] in _SETTLED and "(by its name)" not in (got[1] or "")
_COUNTERS = {"range", "count", "repeat"}


_WRITES = {"replace", "update", "set", "put", "save", "store", "upsert", "write", "add", "append", "extend",
           "insert", "push", "delete", "remove", "pop", "clear"}


def written_back(scope: _PyScope, values: list[ast.expr], line: int) -> ast.Call | None:
    """The call that writes back to the store a value was read from, after the prompt (at ``line``):
    ``task_names = tasks_storage.get_task_names()`` ... prompt ... ``tasks_storage.replace(new_tasks)``.
    Such state (a task list, a memory) is rewritten from each answer and read again by the next call:
    per-turn.  Only a store read with a call (``store.get_x()``) and written with a call on the same
    object after the prompt, in the same function."""
    stores = set()
    for v in values:
        if isinstance(v, ast.Await):
            v = v.value
        if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) \
                and isinstance(v.func.value, (ast.Name, ast.Attribute)):
            owner = ast.unparse(v.func.value)
            if owner not in ("self", "cls") and v.func.attr not in _WRITES:
                stores.add(owner)
    if not stores:
        return None
    for n in _own_nodes(scope.node):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _WRITES \
                and n.lineno > line and n.args and ast.unparse(n.func.value) in stores:
            return n
    return None


def iteration_loop(scope: _PyScope | None, lines: list[int]) -> ast.AST | None:
    """The loop of ``scope`` that encloses every line of ``lines`` and iterates (a ``while``, or a
    ``for`` over ``range(...)`` / ``itertools.count()``: retries, steps, rounds of an agent), as opposed
    to a ``for`` over a collection of items (each item its own request).  The prompt rendered inside it
    is sent at every pass; a value bound inside it is new at every pass."""
    if scope is None:
        return None
    best = None
    for loop in _own_nodes(scope.node):
        if isinstance(loop, (ast.For, ast.AsyncFor)):
            it = loop.iter
            fn = it.func if isinstance(it, ast.Call) else None
            name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else None
            if name not in _COUNTERS:
                continue
        elif not isinstance(loop, ast.While):
            continue
        end = loop.end_lineno or loop.lineno
        if all(loop.lineno <= ln <= end for ln in lines):
            if best is None or loop.lineno > best.lineno:
                best = loop
    return best


def keyed_argument(trace: _Trace, param: str, key: str) -> tuple[str, str] | None:
    """The values the project's calls pass under ``key`` in the dict given as ``param=...``
    (``client.run(agent, messages, context_variables={"name": ...})``, also through a name bound to a
    dict literal): the most volatile decides; every call its own literal is per-config, one literal
    everywhere constant.  None when no call says it from the code."""
    return trace.index.memo(("keyed", param, key), lambda: _keyed_sites(trace, param, key))


def _keyed_sites(trace: _Trace, param: str, key: str) -> tuple[str, str] | None:
    from .crossflow.values import _dict_value
    from .dataflow.python_value import _PyValue
    from .volatility import RANK

    index = trace.index
    found, literals = [], set()
    for p, f in index.py_mentioning(param):
        for call in ast.walk(f.tree):
            if not isinstance(call, ast.Call):
                continue
            for kw in call.keywords:
                if kw.arg != param:
                    continue
                scope = f.scope_at(call.lineno)
                value = _dict_value(kw.value, key, scope)
                if value is None:
                    continue
                sub = trace.sub()
                got = _PyValue(scope, sub).of(value, 1)
                if got is None or not sub.flowed or "supplied by each call" in (got[1] or ""):
                    continue
                if isinstance(value, ast.Constant):
                    literals.add(repr(value.value))
                found.append((got, value, p, call.lineno))
        if len(found) >= 24:
            break
    if not found:
        return None
    where = f"{os.path.basename(found[0][2])}:{found[0][3]}"
    if all(g[0] == "constant" for g, *_r in found) and len(literals) > 1:
        return ev("state.keyed-per-call", "per-config",
                  f"{param}[{key!r}]: each call passes its own literal ({', '.join(sorted(literals)[:3])})")
    g, v, _p, _ln = min(found, key=lambda x: RANK[x[0][0]])
    return carry(g, g[0],
                 f"{param}[{key!r}] = {ast.unparse(v)[:40]} passed at {where}" + (f" ({g[1]})" if g[1] else ""))


def _initial(v: ast.expr) -> bool:
    """A value an attribute starts from before the code fills it: None, an empty literal or container."""
    if isinstance(v, ast.Constant):
        return v.value is None or v.value in ("", 0, False)
    if isinstance(v, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
        return not (v.keys if isinstance(v, ast.Dict) else v.elts)
    return isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id in ("list", "dict", "set") \
        and not v.args and not v.keywords


def _field_spec_default(f, v: ast.expr) -> ast.expr:
    """The default a class-body field declares through a field specifier call: ``host: str =
    parameter(desc=..., default="http://localhost")``, ``dataclasses.field(default=...)``, pydantic's
    ``Field(default=...)`` or ``Field("x", ...)``'s first argument: the value an instance has unless its
    construction sets another (the documented ``default`` of dataclasses.field / pydantic.Field / attrs.field);
    the call itself otherwise.  The default stays a field default (``state.field-default``)."""
    if id(v) not in f.field_defaults or not isinstance(v, ast.Call):
        return v
    got = next((k.value for k in v.keywords if k.arg == "default"), None)
    name = v.func.attr if isinstance(v.func, ast.Attribute) else getattr(v.func, "id", "")
    if got is None and name == "Field" and v.args and isinstance(v.args[0], ast.Constant) \
            and v.args[0].value is not Ellipsis:
        got = v.args[0]
    if got is None or not isinstance(got, ast.Constant):
        return v
    f.field_defaults.add(id(got))
    return got


def attribute_class(mine: "_PyFile | None", attr: str, trace: _Trace, own: bool) -> tuple[str, str] | None:
    """The class of an object's attribute read from where the project's classes set it: the current
    file first (an object's own class and its subclasses often live together), else every Python file
    of the scan that sets it.  Only what the code says counts (a literal, settings, a clock...); a value
    that is a constructor parameter or a name says nothing here and the caller falls back.  Every
    assignment a literal: ``constant`` when they agree, ``per-config`` when each class sets its own
    (``self.targets = "factors"`` here, ``= "model tuning"`` there: fixed per class)."""
    from .dataflow.python_value import _PyValue
    from .volatility import RANK

    sites = [(mine, v) for v in mine.attribute_sets(attr)] if mine is not None else []
    if mine is not None and attr in mine.counters:  # stepped as the program runs: a counter of steps
        return ev("state.counter", "per-turn", f"self.{attr} is stepped by the code ({attr} += ...): a counter")
    index = trace.index
    if not sites and index is not None:
        for _p, f in index.py_mentioning(attr):
            if f is not mine:
                sites += [(f, v) for v in f.attribute_sets(attr)]
            if len(sites) >= 24:
                break
    if own:  # the object's own field read in its methods (self.host): its configuration, as constructed
        sites = [(f, _field_spec_default(f, v)) for f, v in sites]
    started = sites
    sites = [(f, v) for f, v in sites if not _initial(v)]
    if not sites:
        if started and all(isinstance(v, (ast.List, ast.Tuple, ast.Set, ast.Dict)) for _f, v in started) \
                and index is not None:
            if not _grown_anywhere(index, attr, _owner(started)):
                # ``self.steps = []`` and nothing in the scan ever adds to it: as written, always empty
                return ev("state.empty", "constant", f"self.{attr} starts empty and nothing in the scan adds to it")
            from .value_origin import loop_grown_state

            return loop_grown_state(index, attr, _owner(started))
        if own and started and all(id(v) in f.field_defaults and isinstance(v, ast.Constant) and v.value is None
                                   for f, v in started):
            # ``conn: SSHConnection = None`` in a dataclass / pydantic model, and no code of the scan assigns it:
            # an optional field, set only by the construction that passes it
            owner = _owner(started)
            return ev("state.constructed-optional", "per-config",
                      f"self.{attr}: a field{f' of {owner}' if owner else ''} declared with the default None and "
                      "assigned by no code of the scan: set by the construction that passes it, the configuration "
                      "the object was built with")
        return None
    found, literals = [], set()
    for f, v in sites:
        sub = trace.sub()
        scope = f.scope_at(v.lineno)
        got = _PyValue(scope, sub).of(v, 1)
        if isinstance(v, ast.Name) and v.id in scope.params and scope.name == "__init__" and index is not None:
            from .crossflow.callers import _py_callers  # self.name = name: what the constructions pass

            made = _py_callers(index, f.path, scope, v.id, 0) if f.path else None
            if made is not None and made[2]:
                found.append((carry(made, made[0], made[1]), v))
                continue
        weak = got is None or not sub.flowed or "supplied by each call" in (got[1] or "") \
            or "(by its name)" in (got[1] or "")
        if weak and index is not None and f.path:
            made = _returned(index, f, v)
            if made is not None:  # self.x = build_prompt(...): what the project's function returns
                once = " (once, as the object is made)" if scope.name == "__init__" else ""
                found.append((carry(made, made[0], f"{made[1]}, when self.{attr} is assigned{once}"), v))
                continue
        if weak and scope.name != "__init__":
            reply = reply_handled(f, scope, v)
            if reply is not None:  # self.plan = resp["thoughts"]["plan"] in the handler of each reply
                said = ev("state.model-reply", "per-turn", f"self.{attr} is rewritten from the model's reply: {reply}")
                if said:
                    found.append((said, v))
                    continue
        if weak:
            return None  # one definition the code does not decide: the attribute is not read here
        if got[0] == "per-turn" and scope.name == "__init__" and _clock_in([v]):
            got = ev("state.made-once", "per-session", f"{got[1]}, read once when the object is made") or got
        if isinstance(v, ast.Constant):
            literals.add(repr(v.value))
        found.append((got, v))
    if all(g[0] == "constant" for g, _v in found):
        if len(literals) > 1:
            shown = ", ".join(sorted(literals)[:3])
            return ev("state.per-class", "per-config", f"each class sets its own literal ({shown}): fixed per class")
        fields = [v for f, v in sites if id(v) in f.field_defaults]
        if fields:  # ``language: str = "English"`` in a dataclass / pydantic model: each instance may set it
            return ev("state.field-default", "per-config",
                      f"a field with the default {ast.unparse(fields[0])[:40]}, set per instance")
        return ev("state.set-once", "constant", f"set to {ast.unparse(found[0][1])[:40]}")
    g, v = min(((g, v) for g, v in found if g[0] != "constant"), key=lambda gv: RANK[gv[0][0]])
    return carry(g, g[0], f"set to {ast.unparse(v)[:50]}" + (f" ({g[1]})" if g[1] else ""))


def _returned(index, f, v: ast.expr) -> tuple[str, str] | None:
    """The class of what a call of a project function returns (``crossflow._py_returns``), read only when
    the code says it; a conditional between two such calls (``a() if not flag else b()``) is the most
    volatile of its branches (the test only chooses between texts the project writes)."""
    from .crossflow.callers import _py_returns
    from .volatility import RANK

    if isinstance(v, ast.IfExp):
        got = [_returned(index, f, b) for b in (v.body, v.orelse)]
        if any(g is None for g in got):
            return None
        return min(got, key=lambda g: RANK[g[0]])
    if not isinstance(v, ast.Call):
        return None
    got = _py_returns(index, f.path, v)
    return carry(got, got[0], got[1]) if got is not None and got[2] else None


def _owner(sites) -> str | None:
    """The one class whose code sets the attribute at ``sites`` ((file, value) pairs), else None."""
    names = {c.name if c is not None else None for c in (_enclosing_class(f.tree, v.lineno) for f, v in sites)}
    return names.pop() if len(names) == 1 else None


def _enclosing_class(tree: ast.AST, line: int) -> ast.ClassDef | None:
    best = None
    for n in ast.walk(tree):
        if isinstance(n, ast.ClassDef) and n.lineno <= line <= (n.end_lineno or n.lineno):
            if best is None or n.lineno > best.lineno:
                best = n
    return best


_READS = {"len", "enumerate", "list", "tuple", "sorted", "reversed", "str", "bool", "any", "all", "print"}
_MUTATORS = _WRITES | {"appendleft", "setdefault", "sort", "reverse"}


def _not_this_class(f, n: ast.Attribute, owner: str | None) -> bool:
    """The object written to is, by the code's own words, not one of ``owner``'s: ``self`` in a class
    that neither is nor derives from it, or a parameter annotated with another class
    (``execution: "AgentExecution"``)."""
    if owner is None or not isinstance(n.value, ast.Name):
        return False
    if n.value.id == "self":
        cls = _enclosing_class(f.tree, n.lineno)
        bases = {ast.unparse(b).rsplit(".", 1)[-1] for b in cls.bases} if cls is not None else set()
        return cls is not None and cls.name != owner and owner not in bases
    scope = f.scope_at(n.lineno)
    fn = scope.node
    if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs):
            if a.arg == n.value.id and a.annotation is not None:
                ann = a.annotation.value if isinstance(a.annotation, ast.Constant) else ast.unparse(a.annotation)
                return isinstance(ann, str) and ann.isidentifier() and ann != owner
    return False


def _grown_anywhere(index, attr: str, owner: str | None) -> bool:
    """Some file of the scan may add to the attribute ``attr`` of an ``owner`` object: a method call on
    it that writes (``x.steps.append(s)``), ``x.steps += ...``, an item stored in it, or the attribute
    handed on whole (an argument of a call, a name bound to it, returned) where the receiving code
    might.  A file in another language that mentions the name counts as a writer (it is not read)."""
    for p in index.mentioning(attr):
        f = index.py(p) if p.endswith((".py", ".pyw")) else None
        if f is None:
            return True
        parents = {id(c): n for n in ast.walk(f.tree) for c in ast.iter_child_nodes(n)}
        for n in ast.walk(f.tree):
            if not (isinstance(n, ast.Attribute) and n.attr == attr) or _not_this_class(f, n, owner):
                continue
            up = parents.get(id(n))
            if isinstance(up, ast.Attribute):  # x.steps.append(...)
                if up.attr in _MUTATORS:
                    return True
            elif isinstance(n.ctx, ast.Store):  # x.steps = v is one of the sites read; x.steps += v grows it
                if isinstance(up, ast.AugAssign):
                    return True
            elif isinstance(up, ast.Subscript):  # x.steps[k] = v
                if isinstance(up.ctx, (ast.Store, ast.Del)):
                    return True
            elif isinstance(up, ast.Call) and isinstance(up.func, ast.Name) and up.func.id in _READS:
                continue  # read, not handed on to be changed
            elif isinstance(up, (ast.Call, ast.keyword, ast.Assign, ast.AnnAssign, ast.Return, ast.Yield,
                                 ast.NamedExpr, ast.Starred, ast.List, ast.Tuple, ast.Dict)):
                return True
    return False


def _js_attribute_sets(root, attr: str) -> list:
    """Values a JS/TS file gives ``this.attr``: ``this.attr = v`` anywhere, ``attr = v`` as a class field."""
    out = []
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type == "assignment_expression":
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            if left is not None and right is not None and left.type == "member_expression":
                obj, prop = left.child_by_field_name("object"), left.child_by_field_name("property")
                if obj is not None and obj.type == "this" and prop is not None and _js_text(prop) == attr:
                    out.append(right)
        elif n.type in ("public_field_definition", "field_definition"):
            name = n.child_by_field_name("name") or n.child_by_field_name("property")
            value = n.child_by_field_name("value")
            if name is not None and value is not None and _js_text(name) == attr:
                out.append(value)
        stack.extend(n.named_children)
    return out


def _in_constructor(node) -> bool:
    n = node.parent
    while n is not None and n.type not in _JS_FUNCS:
        n = n.parent
    if n is None or n.type != "method_definition":
        return False
    name = n.child_by_field_name("name")
    return name is not None and _js_text(name) == "constructor"


def _js_attribute(at, attr: str, trace: _Trace):
    """``this.attr`` is what the class sets it to (as ``attribute_class`` for Python): the file of the
    prompt; every assignment decided by the code, else None."""
    from .dataflow.js_value import _JsValue
    from .volatility import RANK

    root = at
    while root.parent is not None:
        root = root.parent
    values = [v for v in _js_attribute_sets(root, attr)
              if not (v.type in ("null", "undefined", "array", "object") and not v.named_children)]
    if not values:
        return None
    found, literals = [], set()
    for v in values:
        sub = trace.sub()
        got = _JsValue(v, sub).of(v, 1)
        if got is None or not sub.flowed or "supplied by each call" in (got[1] or "") \
                or "(by its name)" in (got[1] or ""):
            return None
        if got[0] == "per-turn" and _in_constructor(v) and _by_expression(_js_text(v)) is not None:
            got = ev("state.made-once", "per-session", f"{got[1]}, read once when the object is made") or got
        if v.type in ("string", "number"):
            literals.add(_js_text(v))
        found.append((got, v))
    if all(g[0] == "constant" for g, _v in found):
        if len(literals) > 1:
            return ev("state.per-class", "per-config",
                      f"each class sets its own literal ({', '.join(sorted(literals)[:3])})")
        return ev("state.set-once", "constant", f"set to {_js_text(found[0][1])[:40]}")
    g, v = min(((g, v) for g, v in found if g[0] != "constant"), key=lambda gv: RANK[gv[0][0]])
    return carry(g, g[0], f"set to {_js_text(v)[:50]}" + (f" ({g[1]})" if g[1] else ""))


_JS_LOOPS = ("while_statement", "do_statement", "for_statement")


def _js_shared_loop(value, use):
    """The innermost ``while`` / ``do`` / C-style ``for`` of one function that holds both the binding
    ``value`` and the ``use`` (as ``iteration_loop`` for Python; a ``for...of`` over items is not one)."""
    loops = []
    n = value.parent
    while n is not None and n.type not in _JS_FUNCS and n.type != "program":
        if n.type in _JS_LOOPS:
            loops.append(n)
        n = n.parent
    if not loops:
        return None
    u = use
    while u is not None and u.type not in _JS_FUNCS and u.type != "program":
        if any(u.id == loop.id for loop in loops):
            return u
        u = u.parent
    return None


# The request methods of the model SDKs, whose return value is the model's reply: OpenAI
# ``chat.completions.create`` / ``responses.create``, Anthropic ``messages.create``, LiteLLM
# ``completion``, LangChain ``invoke`` / ``predict``, Ollama / Cohere / Mistral / LlamaIndex ``chat``,
# Gemini ``generate_content``; their async twins.
_REPLY_METHODS = {"chat", "achat", "completion", "acompletion", "complete", "acomplete", "invoke", "ainvoke",
                  "predict", "apredict", "generate_content", "generate_content_async"}
_CREATE_OWNERS = {"completions", "messages", "responses", "chat"}


def _sdk_request(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in ("completion", "acompletion")
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in ("create", "acreate", "parse", "stream"):
        return isinstance(func.value, ast.Attribute) and func.value.attr in _CREATE_OWNERS
    return func.attr in _REPLY_METHODS


def _method(f, name: str):
    return next((sc for sc in f.scopes if sc.name == name and isinstance(sc.parent, object)
                 and _enclosing_class(f.tree, sc.node.lineno) is not None), None)


def model_reply(f, scope, expr: ast.expr, line: int, depth: int = 2) -> str | None:
    """What ``expr`` holds is the model's reply: the return value of an SDK request, of a method of the
    file that returns one (``self._chat(message)`` with ``return self.model.chat(prompt, ...)``), or a local
    last bound to one before ``line``.  Names the request, else None."""
    if isinstance(expr, ast.Await):
        expr = expr.value
    if isinstance(expr, ast.Name) and depth > 0:
        before = [v for v in scope.binds.get(expr.id, []) if v.lineno < line]
        if not before or expr.id in scope.params:
            return None
        last = max(before, key=lambda v: v.lineno)
        return model_reply(f, scope, last, last.lineno, depth - 1)
    if not isinstance(expr, ast.Call):
        return None
    if _sdk_request(expr.func):
        return ast.unparse(expr.func)
    fn = expr.func
    if depth > 0 and isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name) and fn.value.id == "self":
        method = _method(f, fn.attr)
        if method is None:
            return None
        returns = [n.value for n in _own_nodes(method.node) if isinstance(n, ast.Return) and n.value is not None]
        got = [model_reply(f, method, r, r.lineno, depth - 1) for r in returns]
        if got and all(got):
            return f"self.{fn.attr}() returns {got[0]}"
    return None


def _from_parameter(scope, value: ast.expr, hops: int = 3) -> int | None:
    """The position (after ``self``) of the parameter of ``scope`` that ``value`` is computed from, through
    its local bindings; None when it reads none (or several)."""
    fn = scope.node
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)][1:]
    found, seen, todo = set(), set(), [(value, hops)]
    while todo:
        node, left = todo.pop()
        for n in ast.walk(node):
            if not isinstance(n, ast.Name) or n.id in seen or n.id == "self":
                continue
            seen.add(n.id)
            if n.id in positional:
                found.add(positional.index(n.id))
            elif left > 0:
                todo += [(v, left - 1) for v in scope.binds.get(n.id, [])]
    return found.pop() if len(found) == 1 else None


def reply_handled(f, scope, value: ast.expr) -> str | None:
    """``value`` (assigned to an attribute in the method ``scope``) is computed from a parameter that every
    call of the method in its file fills with the model's reply (``resp = self._chat(message)`` then
    ``response_callback(resp)``, with ``response_callback = self._default_response_callback``): the state
    the object keeps from each reply, rewritten at every step of its loop (labelling convention: the
    agent's own plan that its replies rewrite is per-turn)."""
    k = _from_parameter(scope, value)
    if k is None or not scope.name:
        return None
    found = []
    for other in f.scopes:
        aliases = set()
        for n in _own_nodes(other.node):
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                    and isinstance(n.value, ast.Attribute) and n.value.attr == scope.name \
                    and isinstance(n.value.value, ast.Name) and n.value.value.id == "self":
                aliases.add(n.targets[0].id)  # response_callback = self._default_response_callback
        for n in _own_nodes(other.node):
            if not isinstance(n, ast.Call):
                continue
            fn = n.func
            direct = isinstance(fn, ast.Attribute) and fn.attr == scope.name \
                and isinstance(fn.value, ast.Name) and fn.value.id == "self"
            if not (direct or isinstance(fn, ast.Name) and fn.id in aliases):
                continue
            if k >= len(n.args):
                return None
            reply = model_reply(f, other, n.args[k], n.lineno)
            if reply is None:
                return None
            found.append(f"{scope.name}() is given the reply at line {n.lineno} ({reply})")
    return found[0] if found else None


# The entry points of a tool the model calls (a JS/TS action's ``execute``, as placement_py's Python tool entries).
_JS_TOOL_ENTRIES = {"execute", "run", "call", "invoke", "handler"}
_STORE_WRITES = {"set", "put", "save", "store", "write", "update", "replace", "upsert", "setItem"}


def js_tool_written(seg, prompt, limit: int = 24) -> tuple[str, str] | None:
    """A JS/TS ``${...}`` computed (through the function's own bindings) from a store read
    (``goals = await state.get(KEY)``) that a tool of the same file writes back (``state.set(KEY, [...])`` in
    an action's ``execute``): the tools run between the model's calls, at its request, so what the prompt
    shows of the store changes from one call of the loop to the next (labelling convention: the agent's own
    goal list that its actions rewrite is per-turn; ai-legion's goals module)."""
    from .dataflow.js_lookup import _js_tree
    from .dataflow.js_value import _js_substitution
    from .js_tree import FUNCTIONS, text, walk
    from .volatility import _stamp

    if prompt is None or prompt.syntax != "js" or not prompt.path:
        return None
    got = _js_tree(prompt.path, _stamp(prompt.path))
    node = _js_substitution(seg, *got) if got is not None else None
    if node is None:
        return None
    fn = node.parent
    while fn is not None and fn.type not in FUNCTIONS:
        fn = fn.parent
    if fn is None:
        return None
    bound: dict[str, list] = {}
    for n in walk(fn):
        if n.type == "variable_declarator" and n.child_by_field_name("value") is not None \
                and n.child_by_field_name("name") is not None:
            bound.setdefault(text(n.child_by_field_name("name")), []).append(n.child_by_field_name("value"))
    reads, todo, seen = [], [node], set()
    while todo and len(seen) < limit:
        v = todo.pop()
        for n in walk(v):
            if n.type == "call_expression":
                f = n.child_by_field_name("function")
                args = n.child_by_field_name("arguments")
                if f is not None and f.type == "member_expression" and text(f.child_by_field_name("property")) == "get" \
                        and args is not None and args.named_children:
                    reads.append((text(f.child_by_field_name("object")), text(args.named_children[0]), n))
            elif n.type == "identifier" and text(n) not in seen:
                seen.add(text(n))
                todo += bound.get(text(n), [])
    root = fn
    while root.parent is not None:
        root = root.parent
    for store, key, read in reads:
        for n in walk(root, in_order=True):
            if n.type != "call_expression":
                continue
            f, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
            if f is None or f.type != "member_expression" or text(f.child_by_field_name("property")) not in \
                    _STORE_WRITES or text(f.child_by_field_name("object")) != store or args is None \
                    or not args.named_children or text(args.named_children[0]) != key:
                continue
            tool = _js_entry(n, FUNCTIONS, text)
            if tool is not None and tool.id != fn.id:
                return ev("state.tool-store", "per-turn",
                          (f"{text(read)[:40]} reads a store that a tool of the agent rewrites "
                           f"({_js_owner(tool, text)}: {' '.join(text(n).split())[:40]} at line "
                           f"{n.start_point[0] + 1}): it changes between the agent's calls"))
    return None


def _js_entry(node, functions, text):
    """The function holding ``node`` when it is a tool's entry point (``execute`` / ``run`` ... as a method or
    an object's property), else None."""
    fn = node.parent
    while fn is not None and fn.type not in functions:
        fn = fn.parent
    return fn if fn is not None and _js_name(fn, text) in _JS_TOOL_ENTRIES else None


def _js_name(fn, text) -> str:
    name = fn.child_by_field_name("name")
    if name is None and fn.parent is not None and fn.parent.type == "pair":
        name = fn.parent.child_by_field_name("key")
    return text(name) if name is not None else ""


def _js_owner(fn, text) -> str:
    """``addGoal.execute``: the tool entry named with the key of the object that holds it."""
    name = _js_name(fn, text)
    up = fn.parent.parent if fn.parent is not None and fn.parent.type == "pair" else fn.parent
    while up is not None and up.type != "pair":
        up = up.parent
    key = up.child_by_field_name("key") if up is not None else None
    return f"{text(key)}.{name}" if key is not None else name


_SCHEMA_KEYS = ("parameters", "inputSchema", "input_schema", "schema", "args")


def js_tool_argument(seg, prompt) -> tuple[str, str] | None:
    """A JS/TS ``${name}`` where ``name`` is a parameter of a tool's entry (``execute({ parameters: { path } })``)
    that the tool's own schema declares (a sibling ``parameters: { path: {...} }``, or ``z.object({ path })``):
    an argument the model chose for this call of the tool, at this pass of its loop: per-turn (as KaibanJS's
    tool input, the tool the model asked for at this pass; ai-legion's readFile)."""
    from .dataflow.js_lookup import _js_tree, _pattern_names
    from .dataflow.js_value import _js_substitution
    from .js_tree import FUNCTIONS, text, walk
    from .volatility import _stamp

    if prompt is None or prompt.syntax != "js" or not prompt.path:
        return None
    got = _js_tree(prompt.path, _stamp(prompt.path))
    node = _js_substitution(seg, *got) if got is not None else None
    if node is None or node.type != "identifier":
        return None
    name = text(node)
    fn = node.parent
    while fn is not None and fn.type not in FUNCTIONS:
        fn = fn.parent
    while fn is not None:
        params = fn.child_by_field_name("parameters") or fn.child_by_field_name("parameter")
        if params is not None and name in _pattern_names(params):
            break
        fn = fn.parent
        while fn is not None and fn.type not in FUNCTIONS:
            fn = fn.parent
    if fn is None or _js_name(fn, text) not in _JS_TOOL_ENTRIES:
        return None
    holder = fn.parent.parent if fn.parent is not None and fn.parent.type == "pair" else fn.parent
    if holder is None or holder.type != "object":
        return None
    for pair in holder.named_children:
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        if key is None or text(key).strip("'\"") not in _SCHEMA_KEYS:
            continue
        declared = {text(k).strip("'\"") for p in walk(pair.child_by_field_name("value"))
                    if p.type == "pair" and p.parent is not None and p.parent.type == "object"
                    for k in [p.child_by_field_name("key")] if k is not None}
        if name in declared:
            return ev("state.tool-argument", "per-turn",
                      (f"{name}: an argument of the tool `{_js_owner(fn, text)}` that its schema declares, "
                       "chosen by the model for this call of the tool"))
    return None


_MUTATORS = {"append", "extend", "insert", "update", "add", "pop", "popleft", "remove", "clear", "setdefault",
             "appendleft", "discard", "sort", "reverse"}


class _SelfWrites:
    """What the functions of one file do to ``self.<attr>``, for one attribute (``self_writes``)."""
    __slots__ = ("grown", "in_place", "starts_empty", "in_init", "elsewhere")

    def __init__(self):
        self.grown = self.in_place = self.starts_empty = False  # .append(...); [k] = v / .y = v; = [] in __init__
        self.in_init = self.elsewhere = 0  # assignments of self.<attr> in __init__ / anywhere else (+=, setattr)


def _self_attr(t) -> str | None:
    return t.attr if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self" \
        else None


def self_writes(f) -> dict[str, _SelfWrites]:
    """Every write to ``self.<attr>`` in the parsed file ``f``, by attribute, read once per file (``constructed``
    asked for each ``self.x`` of each prompt walked the file's tree again).  Each function is walked with what it
    contains, nested functions too, under its own name: a write in a function nested in ``__init__`` counts both
    as in ``__init__`` and elsewhere, as the walk per attribute read it."""
    got = getattr(f, "_self_writes", None)
    if got is not None:
        return got
    out: dict[str, _SelfWrites] = {}

    def at(name: str) -> _SelfWrites:
        w = out.get(name)
        if w is None:
            w = out[name] = _SelfWrites()
        return w

    for fn in ast.walk(f.tree):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        init = fn.name == "__init__"
        for n in ast.walk(fn):
            if isinstance(n, ast.Call):
                if isinstance(n.func, ast.Attribute) and n.func.attr in _MUTATORS:
                    a = _self_attr(n.func.value)
                    if a:
                        at(a).grown = True  # self.history.append(...)
                elif isinstance(n.func, ast.Name) and n.func.id == "setattr" and len(n.args) > 1 \
                        and isinstance(n.args[1], ast.Constant) and isinstance(n.args[1].value, str):
                    at(n.args[1].value).elsewhere += 1
                continue
            if not isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                continue
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            for t in targets:
                if isinstance(t, (ast.Subscript, ast.Attribute)):
                    a = _self_attr(t.value)
                    if a:
                        at(a).in_place = True  # self.state["k"] = v, self.memo.x = v
            hits = set()
            for t in targets:
                a = _self_attr(t)
                if a:
                    hits.add(a)
                    if init and isinstance(n, ast.Assign) and _initial(n.value):
                        at(a).starts_empty = True  # self.steps = []
                elif isinstance(n, ast.Assign) and isinstance(t, (ast.Tuple, ast.List)):
                    hits.update(a for a in map(_self_attr, t.elts) if a)
            for a in hits:
                if init and isinstance(n, (ast.Assign, ast.AnnAssign)):
                    at(a).in_init += 1
                else:
                    at(a).elsewhere += 1
    f._self_writes = out
    return out


def _class_at(f, line: int) -> ast.ClassDef | None:
    """The innermost class of the parsed file ``f`` around ``line`` (the file's classes listed once)."""
    classes = getattr(f, "_classes", None)
    if classes is None:
        classes = f._classes = [n for n in ast.walk(f.tree) if isinstance(n, ast.ClassDef)]
    owner = None
    for n in classes:
        if n.lineno <= line <= (n.end_lineno or n.lineno) and (owner is None or n.lineno >= owner.lineno):
            owner = n
    return owner


def constructed(f, line: int, attr: str) -> str | None:
    """How ``self.<attr>``, read at ``line`` inside a class of the parsed file ``f``, is set when only the
    object's construction sets it; None otherwise.  Set at construction: an annotated class-body field with no
    value (``key: str`` in a dataclass or pydantic model: every construction passes it) or ``self.<attr> = ...``
    in the class's ``__init__``.  Not when any other code of the file assigns ``self.<attr>`` (a method, a
    property setter, ``setattr(self, "<attr>", ...)``) or steps it (``self.<attr> += 1``).  The file's writes are
    read once (``self_writes``)."""
    owner = _class_at(f, line)
    if owner is None or attr in f.counters:
        return None
    w = self_writes(f).get(attr) or _SelfWrites()
    if w.grown or w.in_place or w.starts_empty or w.elsewhere:
        return None
    in_init = w.in_init
    field = any(isinstance(s, ast.AnnAssign) and s.value is None and isinstance(s.target, ast.Name)
                and s.target.id == attr for s in owner.body)
    if field and not in_init:
        return (f"self.{attr}: a field of {owner.name} with no default, set by each construction and changed by "
                "no method: the configuration the object was built with")
    if in_init:
        return (f"self.{attr}: set in {owner.name}.__init__ and changed by no method: the configuration the "
                "object was built with")
    return None

"""Where a template variable's value comes from, read from the source file that fills it (issue 12).

When a prompt's variable is filled in the same file, the code that produces the value says how often it
changes better than the variable's name does.  ``flow_class(segment, prompt)`` reads the file (Python
with ``ast``, JavaScript/TypeScript with the tree-sitter grammars the JS source already uses; nothing is
run) and classifies the value's expression:

* a Python f-string ``{x}`` or JS ``${x}``: ``x`` as written, and the value ``x`` is bound to in the
  enclosing function (or module): ``date_str = datetime.now().strftime("%Y-%m-%d")``,
  ``const folder = `${uri.fsPath} ...```;
* a Python ``str.format`` / Jinja / ``string.Template`` template filled by a call on the template's
  name in the same file: ``PROMPT.format(user=getpass.getuser())``, ``Template(T).render(cwd=os.getcwd())``,
  ``T.format(**{"date": ...})``; the keyword's value, then one level of local assignment.

A value is classified, in this order, by what it computes (``expression_class``: clocks, random ids,
the user's machine, environment variables); a string or number literal is ``constant``; an attribute,
subscript or call on a settings object (``self.config.x``, ``settings.X``, ``cfg.get("k")``) is
``per-config``; a name is followed once to its binding (one level, never further); a name that is a
parameter of the enclosing function is what the parameter's name says, else ``per-request`` (each
call supplies it); any other name or chain is what its name says.  Operators, f-string parts,
conditionals and method calls combine their parts: the most volatile part decides, and a value is
``constant`` only when every part is.  ``None`` when the file says nothing (the caller falls back to
the literal and name rules).
"""

from __future__ import annotations

import ast
import os
import re
from functools import lru_cache

from .evidence import carry, ev, rule_of
from .flow_state import (_js_attribute, _js_shared_loop, attribute_class, iteration_loop, keyed_argument,
                         settled, written_back)
from .js_tree import FUNCTIONS as _JS_FUNCS, text as _js_text, walk as _walk_js  # names other modules read
from .model import Prompt, Segment
from .pyparse import parse_python

# Roots of a chain that hold settings: the value is set per deployment or agent.
_CONFIG_WORDS = {"config", "configs", "cfg", "cfgs", "conf", "settings", "setting", "options", "opts",
                 "preferences", "prefs"}
_SPLIT = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|[A-Z]+|\d+")
_FILL_METHODS = {"format", "format_map", "render", "substitute", "safe_substitute", "invoke", "partial"}


def _words(name: str) -> set[str]:
    return {w.lower() for w in _SPLIT.findall(name)}


def _is_config(parts: list[str]) -> bool:
    """A chain read from a settings object: any owner part (not the last) says config."""
    return any(_words(p) & _CONFIG_WORDS for p in parts[:-1])


_CALL_OPTIONS = {"options", "opts"}


def _from_settings(chain: list[str], text: str) -> tuple[str, str] | None:
    """The class of a chain read from a settings object (``_is_config``).  A method's ``options`` also
    bundle the arguments of one call (``redact({ input, entities })``): there a key whose name says it
    changes with the request, the user or the conversation (``input``) keeps that class; the others are
    the caller's settings (per-config)."""
    from .volatility import name_class

    owners = set().union(*(_words(p) for p in chain[:-1])) if len(chain) > 1 else set()
    if owners & _CONFIG_WORDS <= _CALL_OPTIONS and chain[-1]:
        got = name_class(chain[-1])
        if got is not None and got.cls in ("per-turn", "per-request", "per-session", "per-user"):
            said = ev("settings.option", got.cls, f"{text[:60]} (an option of the call; {chain[-1]} by its name)")
            if said:
                return said
    # the user's own section of the settings (config.user.name, settings.profile): set per user
    at = next((k for k, p in enumerate(chain) if _words(p) & _CONFIG_WORDS), 0)
    if any(_words(p) & _USER_SECTIONS for p in chain[at + 1:]):
        return ev("settings.user", "per-user", f"{text[:60]} (the user's section of the settings)")
    return ev("settings.read", "per-config", f"{text[:60]} (read from settings)")


_USER_SECTIONS = {"user", "profile", "account"}


# ------------------------------------------------------------------------------------- combining

def _combine(parts: list[tuple[str, str] | None], what: str) -> tuple[str, str] | None:
    """The most volatile classified part; ``constant`` only when every part is constant."""
    from .volatility import RANK

    known = [p for p in parts if p is not None]
    if not known:
        return None
    moving = [p for p in known if p[0] != "constant"]
    if not moving:
        if len(known) != len(parts):
            return None
        return known[0] if len(parts) == 1 and known[0][1] else ev("py.literal-text", "constant",
                                                                   f"{what} (literal text)")
    return min(moving, key=lambda p: RANK[p[0]])


# Methods that put their arguments into the text they are called on (str.format, String.prototype.replace,
# str.join / Array.prototype.join, string.Template.substitute, a template engine's render).
_FILLING = {"format", "format_map", "replace", "replaceAll", "join", "concat", "substitute", "safe_substitute",
            "render"}


def _fills(parts: list[str], args: list) -> bool:
    """A constant called with a filling method and an argument that is no literal (``TEMPLATE.replace("{lang}",
    lang)``, ``SEP.join(names)``): the result is as volatile as what it is filled with, not the constant
    (``ACTIONS.map(...).join("\n")`` keeps the constant's own evidence)."""
    def literal(a) -> bool:
        if isinstance(a, ast.AST):
            return isinstance(a, ast.Constant)
        return a.type in ("string", "number", "true", "false", "null") or \
            a.type == "template_string" and not any(c.type == "template_substitution" for c in a.named_children)

    return bool(_FILLING & set(parts)) and any(not literal(a) for a in args)


def _constant_choice(branches: list, what: str) -> tuple[str, str] | None:
    """``previous ? UPDATE_PROMPT : INITIAL_PROMPT``: a choice between named constants of the code is one of
    a few fixed texts, each shared by every request that picks it, whatever chooses (labelling convention of
    labels-measure18.toml: "constant: ... a choice between module constants").  Only named constants: a
    choice between two literals written in place (``"stock" if ... else "asset"``) keeps its condition's
    class, as the labels of measure-11 have it."""
    if not branches or any(b is None or b[0] != "constant" for b in branches):
        return None
    return ev("code.constant-choice", "constant", f"{what[:60]} (a choice between constants of the code)")


_CONSTANT_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{2,}[0-9]*")


class _Trace:
    """Whether anything was read from the code (a binding, a parameter, settings, a literal, a call),
    not only the variable's own name: without it the name rule answers, not this module.  It also
    carries what the reading may use: the project's index (``crossflow.ProjectIndex``, None for one
    file) and how many attribute definitions may still be followed (``hops``)."""

    flowed = False
    project = None  # the scan's index for the JS reading of one file, which follows no other file's bindings

    def __init__(self, index=None, hops: int = 1, line: int | None = None, path: str | None = None):
        self.index, self.hops = index, hops
        self.line = line  # where the value is used (the f-string, the fill call): loops around it
        self.path = path  # the JS/TS file being read: its imports resolve from there

    def sub(self) -> "_Trace":
        """A trace for a value read elsewhere (an attribute's definition), one hop fewer."""
        return _Trace(self.index, self.hops - 1)


def _by_name(chain: str, param: bool, fn: str | None, trace: _Trace | None = None,
             default: str | None = None) -> tuple[str, str] | None:
    from .volatility import ambiguous_name, name_class

    if not param and _CONSTANT_NAME.fullmatch(chain):
        # a name the code follows no further, written in CONSTANT_CASE: a constant of the code by the
        # convention of PEP 8 and the JS/TS style guides (volatility.code_constant), whatever its words say
        said = ev("code.constant-name", "constant", f"{chain} (a CONSTANT_CASE name: a constant of the code)")
        if said:
            return said
    got = name_class(chain)
    if got is not None and not (param and ambiguous_name(chain)):  # a parameter's provenance beats an ambiguous name
        said = ev("code.by-name", got.cls, f"{chain} (by its name)")
        if said:
            return said
    if param:
        if trace is not None:
            trace.flowed = True
        if default is not None:  # def f(topn=3): a knob of the function, left at its default unless a caller sets it
            return ev("param.default", "per-config",
                      f"{chain}: a parameter of {fn or 'the function'} with the default {default[:30]}")
        return ev("param.per-call", "per-request",
                  f"{chain}: a parameter of {fn or 'the function'}, supplied by each call")
    return None


def _request_rooted(chain: list[str], text: str) -> tuple[str, str] | None:
    """A chain rooted in the request (``input.config.mode``, ``request.body.x``): the outermost owner
    decides, so settings carried by each request are per-request, not configuration."""
    from .volatility import name_class

    if len(chain) < 2 or chain[0] in ("self", "cls", "this"):
        return None
    got = name_class(chain[0])
    if got is not None and got.cls == "per-request" and _is_config(chain + [""]):
        return ev("request.settings", "per-request", f"{text[:60]} (settings carried by the request {chain[0]})")
    return None


# What an HTTP handler reads from the request it serves (Fetch/Express/Next.js/Flask/FastAPI/Django):
# its body, query string, form or route parameters come with each request.
_REQUEST_ROOTS = {"req", "request", "ctx", "context", "event"}
_REQUEST_PARTS = {"json", "body", "query", "params", "form", "formdata", "args", "values", "data",
                  "searchparams", "get_json", "query_params", "path_params", "files", "post", "get"}


def _request_body(chain: list[str]) -> tuple[str, str] | None:
    """A chain that reads the request an HTTP handler serves (``req.json()``, ``request.body.x``,
    ``request.args.get("q")``, ``ctx.request.query``): per-request."""
    low = [c.lower() for c in chain]
    if not low or low[0] not in _REQUEST_ROOTS:
        return None
    rest = low[1:]
    if low[0] in ("ctx", "context", "event"):  # Koa's ctx.request, a Lambda event's body
        if rest[:1] == ["request"]:
            rest = rest[1:]
        elif low[0] != "event":
            return None
    if rest and rest[0] in _REQUEST_PARTS:
        return ev("request.body", "per-request", f"read from the request: {'.'.join(chain[:3])}")
    return None


def _shallow(v: ast.expr) -> tuple[str, str] | None:
    """What a bound value says by itself, without following any name: its expression (a clock, a
    loader, the user's machine), a read from settings (``self.config.mode``) or from the request being
    served (``request.json()``)."""
    got = _by_expression(ast.unparse(v))
    if got is not None:
        return got
    parts = []
    n = v.value if isinstance(v, ast.Await) else v
    while isinstance(n, (ast.Attribute, ast.Call, ast.Subscript)):
        if isinstance(n, ast.Attribute):
            parts.append(n.attr)
            n = n.value
        else:
            n = n.func if isinstance(n, ast.Call) else n.value
    if not isinstance(n, ast.Name) or not parts:
        return None
    chain = [n.id, *reversed(parts)]
    text = ast.unparse(v)
    return _request_body(chain) or (_from_settings(chain, text) if _is_config(chain + [""]) else None)


def _rank(cls: str) -> int:
    from .volatility import RANK

    return RANK[cls]


def _by_expression(text: str) -> tuple[str, str] | None:
    from .volatility import expression_class

    got = expression_class(text)
    return carry(got, got.cls, got.evidence) if got is not None else None


# ------------------------------------------------------------------------------------------ Python

def _a_choice(values: list[ast.expr]) -> bool:
    """Several different literals bound to one name: the code chooses between them (``section = ''``
    then ``section = "..."`` under an ``if``), so the value is no constant and the name decides."""
    lits = {ast.dump(v) for v in values if isinstance(v, ast.Constant)}
    return len(lits) > 1


# Functions that present a value without changing where it comes from: their arguments decide.
_PRESENTERS = {"str", "repr", "int", "float", "len", "sorted", "list", "tuple", "set", "dict", "reversed",
               "xml_escape", "escape", "dumps", "dedent", "indent", "quote", "String", "Number", "stringify",
               "JSON.stringify", "json.dumps", "html.escape", "textwrap.dedent", "textwrap.indent",
               "getattr", "enumerate"}


class _PyScope:
    """Bindings of one function (or the module): name -> value nodes; parameters."""

    def __init__(self, node: ast.AST, name: str | None, parent: _PyScope | None):
        self.node, self.name, self.parent = node, name, parent
        self.file: _PyFile | None = None  # set by _PyFile
        self.params: set[str] = set()
        self.defaults: dict[str, ast.expr] = {}  # parameter -> its literal default
        self.binds: dict[str, list[ast.expr]] = {}
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            a = node.args
            for arg in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg):
                if arg is not None:
                    self.params.add(arg.arg)
            positional = [*a.posonlyargs, *a.args]
            pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults)) + \
                [(k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
            for arg, d in pairs:
                if isinstance(d, ast.Constant) and d.value is not None or _named_constant(d):
                    self.defaults[arg.arg] = d
        for sub in _own_nodes(node):
            if isinstance(sub, ast.Assign):
                for t in sub.targets:
                    self._bind(t, sub.value)
            elif isinstance(sub, (ast.AnnAssign, ast.AugAssign)) and sub.value is not None:
                self._bind(sub.target, sub.value)
            elif isinstance(sub, ast.NamedExpr):
                self._bind(sub.target, sub.value)
            elif isinstance(sub, (ast.For, ast.AsyncFor, ast.comprehension)):
                self._bind(sub.target, sub.iter)

    def _bind(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.binds.setdefault(target.id, []).append(value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for t in target.elts:  # a, b = f(): each part comes from the same value
                self._bind(t, value)

    def lookup(self, name: str) -> tuple[_PyScope | None, list[ast.expr], bool]:
        s: _PyScope | None = self
        while s is not None:
            if name in s.params:
                return s, [], True
            if name in s.binds:
                return s, s.binds[name], False
            s = s.parent
        return None, [], False


def _named_constant(node: ast.expr) -> bool:
    """A CONSTANT_CASE name (``DEFAULT_AGENT_NAME``, ``constants.MAX_STEPS``): a constant of the code by PEP 8's
    convention, as fixed a default as the literal it names (as ``param ?? DEFAULT`` in JS/TS)."""
    from .volatility import _CONSTANT_CASE

    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return len(name) > 1 and bool(_CONSTANT_CASE.fullmatch(name))


def _own_nodes(node: ast.AST):
    """The nodes of a function body, not those of the functions and classes nested in it.  Computed once
    per node and kept on it (the trees are parsed once per file and never changed): the flow rules ask for
    the same function's nodes for every variable of every template filled there, which made a root with
    thousands of templates filled by one function quadratic."""
    got = getattr(node, "_pcache_own_nodes", None)
    if got is None:
        got = []
        stack = list(ast.iter_child_nodes(node))
        while stack:
            n = stack.pop()
            got.append(n)
            if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                stack.extend(ast.iter_child_nodes(n))
        got = tuple(got)
        node._pcache_own_nodes = got
    return iter(got)




class _PyFile:
    def __init__(self, text: str):
        self.tree = parse_python(text)
        self.module = _PyScope(self.tree, None, None)
        self.module.file = self
        self.scopes: list[_PyScope] = []  # functions, with their line span
        self._collect(self.tree, self.module)
        self._attr_sets: dict[str, list[ast.expr]] | None = None
        self.field_defaults: set[int] = set()  # values of annotated class-body fields (dataclass, pydantic)
        self.counters: set[str] = set()  # attributes the code steps by a number (self.step += 1)
        self.path: str | None = None  # set by whoever read it
        self.calls = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call)
                      and isinstance(n.func, ast.Attribute) and n.func.attr in _FILL_METHODS]

    def _collect(self, node: ast.AST, parent: _PyScope) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                scope = _PyScope(child, child.name, parent)
                scope.file = self
                self.scopes.append(scope)
                self._collect(child, scope)
            else:
                self._collect(child, parent)

    def attribute_sets(self, attr: str) -> list[ast.expr]:
        """Values this file gives the attribute ``attr`` of an object: ``self.attr = v`` / ``cls.attr = v``
        in a method, ``attr = v`` in a class body."""
        if self._attr_sets is None:
            sets: dict[str, list[ast.expr]] = {}
            for n in ast.walk(self.tree):
                if isinstance(n, ast.ClassDef):
                    for stmt in n.body:
                        if isinstance(stmt, ast.Assign):
                            for t in stmt.targets:
                                if isinstance(t, ast.Name):
                                    sets.setdefault(t.id, []).append(stmt.value)
                        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None \
                                and isinstance(stmt.target, ast.Name):
                            sets.setdefault(stmt.target.id, []).append(stmt.value)
                            self.field_defaults.add(id(stmt.value))
                elif isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None:
                    for t in n.targets if isinstance(n, ast.Assign) else [n.target]:
                        if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) \
                                and (t.value.id in ("self", "cls") or t.value.id[:1].isupper()):
                            # self.x = v, cls.x = v, and Owner.x = v on a class (CapWords, PEP 8)
                            sets.setdefault(t.attr, []).append(n.value)
                elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Attribute) \
                        and isinstance(n.target.value, ast.Name) and n.target.value.id in ("self", "cls") \
                        and isinstance(n.value, ast.Constant) and isinstance(n.value.value, (int, float)):
                    self.counters.add(n.target.attr)  # self.step += 1
            self._attr_sets = sets
        return self._attr_sets.get(attr, [])

    def scope_at(self, line: int) -> _PyScope:
        best = self.module
        for s in self.scopes:
            if s.node.lineno <= line <= (s.node.end_lineno or s.node.lineno):
                if best is self.module or s.node.lineno >= best.node.lineno:
                    best = s
        return best


def _overwritten(scope: _PyScope, name: str, line: int) -> ast.expr | None:
    """The value of the last ``name = v`` of the function when it is a statement of a block that holds the use
    at ``line`` and comes before it, and nothing assigns ``name`` after it (as ``_js_overwritten``)."""
    stmts = [n for n in _own_nodes(scope.node) if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign))
             and any(isinstance(t, ast.Name) and t.id == name
                     for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
    loops = [n for n in _own_nodes(scope.node) if isinstance(n, (ast.For, ast.AsyncFor, ast.While, ast.comprehension))
             and isinstance(getattr(n, "target", None), ast.Name) and n.target.id == name]
    if not stmts or loops or any((n.end_lineno or n.lineno) >= line for n in stmts):
        return None
    last = max(stmts, key=lambda n: n.lineno)
    if not isinstance(last, ast.Assign) or len(last.targets) != 1:
        return None
    for n in [scope.node, *_own_nodes(scope.node)]:
        for field in ("body", "orelse", "finalbody"):
            block = getattr(n, field, None)
            if isinstance(block, list) and any(b is last for b in block):
                end = max((b.end_lineno or b.lineno) for b in block)
                return last.value if last.end_lineno < line <= end else None
    return None


def _truth(test: ast.expr, known: dict) -> bool | None:
    """The value of a condition on parameters whose values are known at one call (``include_hour_min``
    left at its default ``False``); None when the code does not say."""
    if isinstance(test, ast.Name) and test.id in known:
        return bool(known[test.id])
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        t = _truth(test.operand, known)
        return None if t is None else not t
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name) \
            and test.left.id in known and isinstance(test.comparators[0], ast.Constant):
        v, c = known[test.left.id], test.comparators[0].value
        if isinstance(test.ops[0], (ast.Eq, ast.Is)):
            return v == c
        if isinstance(test.ops[0], (ast.NotEq, ast.IsNot)):
            return v != c
    return None


class _PyValue:
    def __init__(self, scope: _PyScope, trace: _Trace, known: dict | None = None):
        self.scope, self.trace = scope, trace
        self.known = known or {}  # parameter -> literal value at the call being followed

    def of(self, node: ast.expr, follow: int) -> tuple[str, str] | None:
        return self._of(node, follow)

    def _of(self, node: ast.expr, follow: int) -> tuple[str, str] | None:
        if isinstance(node, ast.IfExp) and self.known:
            chosen = _truth(node.test, self.known)
            if chosen is not None:  # decided by the arguments of the call being followed
                return self.of(node.body if chosen else node.orelse, follow)
        text = ast.unparse(node)
        got = _by_expression(text)
        if got is not None:
            self.trace.flowed = True
            return got
        if isinstance(node, ast.Constant):
            self.trace.flowed = True
            return ev("py.literal", "constant", f"{text[:40]} (a literal)")
        if isinstance(node, ast.JoinedStr):
            return _combine([self.of(v.value, follow) for v in node.values if isinstance(v, ast.FormattedValue)]
                            + [("constant", "")] * any(isinstance(v, ast.Constant) for v in node.values), text)
        if isinstance(node, ast.BinOp):
            return _combine([self.of(node.left, follow), self.of(node.right, follow)], text)
        if isinstance(node, ast.BoolOp):
            return _combine([self.of(v, follow) for v in node.values], text)
        if isinstance(node, ast.Compare):  # asset_type == "stock": as volatile as what it compares
            return _combine([self.of(node.left, follow), *(self.of(c, follow) for c in node.comparators)], text)
        if isinstance(node, ast.UnaryOp):  # not x, -x: the operand's
            return self.of(node.operand, follow)
        if isinstance(node, ast.IfExp):  # the test chooses the branch: it is part of the value
            if all(isinstance(b, (ast.Name, ast.Attribute)) for b in (node.body, node.orelse)):
                got = _constant_choice([self.of(node.body, follow), self.of(node.orelse, follow)], text)
                if got is not None:
                    return got
            return _combine([self.of(node.test, follow), self.of(node.body, follow),
                             self.of(node.orelse, follow)], text)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return _combine([self.of(e, follow) for e in node.elts], text) if node.elts else None
        if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            return _combine([self.of(g.iter, follow) for g in node.generators], text)
        if isinstance(node, ast.Dict):  # {"actions": [...]}: what its values hold (a spread too)
            return _combine([self.of(v, follow) for v in node.values], text) if node.values else None
        if isinstance(node, ast.Await):
            return self.of(node.value, follow)
        if isinstance(node, ast.Name):
            return self._name(node.id, follow)
        if isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
            return self._chain(node, follow)
        return None

    def _name(self, name: str, follow: int) -> tuple[str, str] | None:
        scope, values, param = self.scope.lookup(name)
        if values and scope is not None:
            changed = _changed_in_place(scope, name)
            if changed is not None:  # random.shuffle(pkgs): the binding alone is not the value
                self.trace.flowed = True
                return changed
        if param:
            if name in self.known and scope is self.scope:
                self.trace.flowed = True
                return ev("py.known-at-call", "constant", f"{name}={self.known[name]!r} at this call")
            default = scope.defaults.get(name) if scope is not None else None
            return _by_name(name, True, scope.name if scope else None, self.trace,
                            ast.unparse(default) if default is not None else None)
        if len(values) > 1 and scope is self.scope and self.trace.line is not None:
            last = _overwritten(scope, name, self.trace.line)
            if last is not None:  # x = f(); ...; x = "..."; then the use: the use sees the last value
                values = [last]
        if values and scope is self.scope and self.trace.line is not None:
            loop = iteration_loop(scope, [self.trace.line, *(v.lineno for v in values)])
            if loop is not None:  # bound anew at each pass of the loop that renders the prompt
                got = _combine([self.of(v, follow - 1) for v in values], name) if follow > 0 else None
                if not settled(got):
                    self.trace.flowed = True
                    return ev("py.loop-bound", "per-turn",
                              f"{name} is bound anew at every pass of the loop at line {loop.lineno}")
        if values and scope is self.scope and self.trace.line is not None and follow > 0:
            loop = iteration_loop(scope, [self.trace.line])
            end = (loop.end_lineno or loop.lineno) if loop is not None else 0
            inside = [v for v in values if loop is not None and loop.lineno <= v.lineno <= end]
            if inside and len(inside) < len(values):
                # set before the loop that renders the prompt, re-assigned in it (feedback = check(reply)):
                # each pass renders what the previous pass left, a loop-carried value
                got = _combine([self.of(v, follow - 1) for v in inside], name)
                if not settled(got):
                    self.trace.flowed = True
                    return ev("py.loop-rebound", "per-turn",
                              (f"{name} is re-assigned at line {inside[0].lineno} in the loop at line "
                               f"{loop.lineno} that renders the prompt: carried from one pass to the next"))
        if values and scope is self.scope and self.trace.line is not None:
            store = written_back(scope, values, self.trace.line)
            if store is not None:
                self.trace.flowed = True
                return ev("py.read-write-state", "per-turn",
                          (f"{name} = {ast.unparse(values[0])[:50]}: state this function reads for "
                           f"the prompt and writes back at line {store.lineno}"))
        if values and follow == 0 and not _a_choice(values):
            # past the followed level, a binding whose expression says it all still counts (a clock, a
            # configuration file's loader, the user's machine): read, not followed further
            said = [_shallow(v) for v in values]
            if all(said):
                self.trace.flowed = True
                got = min(said, key=lambda g: _rank(g[0]))
                if got[0] == "per-turn" and _runs_once(scope) and _clock_in(values):
                    return ev("py.import-frozen", "per-config",
                              (f"{name} = {ast.unparse(values[0])[:60]}, evaluated once at import: "
                               "fixed for the life of the process"))
                return carry(got, got[0], f"{name} = {ast.unparse(values[0])[:60]} ({got[1]})")
        if values and follow > 0 and not _a_choice(values):
            got = _combine([self.of(v, follow - 1) for v in values], name)
            if got is not None:
                self.trace.flowed = True
                if got[0] == "per-turn" and _runs_once(scope) and _clock_in(values):
                    return ev("py.import-frozen", "per-config",
                              (f"{name} = {ast.unparse(values[0])[:60]}, evaluated once at import: "
                               "fixed for the life of the process"))
                return carry(got, got[0],
                             f"{name} = {ast.unparse(values[0])[:60]}" + (f" ({got[1]})" if got[1] else ""))
        return _by_name(name, False, None)

    def _attribute(self, attr: str, own: bool) -> tuple[str, str] | None:
        """What the project's classes set the attribute ``attr`` to (``self.targets = "factors"`` in each
        subclass, ``self.docker_workplace = f"/{config.workplace_name}"``): see ``attribute_class``."""
        if self.trace.hops <= 0 or attr.startswith("__"):
            return None
        mine = self.scope.file
        if self.trace.index is not None and mine is not None and mine.path:
            return self.trace.index.memo(("attr", mine.path, attr),
                                         lambda: attribute_class(mine, attr, self.trace, own))
        return attribute_class(mine, attr, self.trace, own)

    def _args(self, args: list, follow: int) -> list:
        """A method's arguments; literal ones (``.join("\\n")``) are no evidence of where the value comes from."""
        before = self.trace.flowed
        got = [self.of(a, follow) for a in args]
        if all(g is None or g[0] == "constant" for g in got):
            self.trace.flowed = before
        return got

    def _returns(self, call: ast.expr) -> tuple[str, str] | None:
        """What the project function ``call`` calls returns, read from the code (``crossflow._py_returns``); one
        level: the calls inside those returns are not followed into their own returns."""
        f = self.scope.file
        if not isinstance(call, ast.Call) or self.trace.index is None or f is None or not f.path or _RETURNS[0]:
            return None
        from .crossflow import _py_returns

        _RETURNS[0] += 1
        try:
            got = _py_returns(self.trace.index, f.path, call)
        finally:
            _RETURNS[0] -= 1
        return carry(got, got[0], got[1]) if got is not None and got[2] else None

    def _keyed_parameter(self, node: ast.expr) -> tuple[str, str] | None:
        """``P.get("k", ...)`` / ``P["k"]`` on a dict parameter ``P`` (Swarm's ``context_variables``, a
        ``variables`` dict): what the callers put under ``"k"`` in the dicts they pass as ``P=...``."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.func.value, ast.Name):
            owner, key = node.func.value.id, node.args[0].value
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) \
                and isinstance(node.slice, ast.Constant):
            owner, key = node.value.id, node.slice.value
        else:
            return None
        if not isinstance(key, str) or self.trace.index is None or self.trace.hops <= 0:
            return None
        scope, _values, param = self.scope.lookup(owner)
        if not param or scope is None:
            return None
        fn = scope.node
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and fn.args.kwarg is not None \
                and fn.args.kwarg.arg == owner and scope.name and key.isidentifier():
            from .crossflow import _py_callers  # def f(**kwargs): kwargs["k"] is the keyword k of each call

            if scope.file is None or not scope.file.path:
                return None
            got = _py_callers(self.trace.index, scope.file.path, scope, key, 0)
            return carry(got, got[0], f"{owner}[{key!r}]: {got[1]}") if got is not None and got[2] else None
        return keyed_argument(self.trace, owner, key)

    def _chain(self, node: ast.expr, follow: int) -> tuple[str, str] | None:
        keyed = self._keyed_parameter(node)
        if keyed is not None:
            self.trace.flowed = True
            return keyed
        parts: list[str] = []
        args: list[ast.expr] = []
        n = node
        direct = False  # the name itself is called: f(x)
        while True:
            if isinstance(n, ast.Attribute):
                parts.append(n.attr)
                n = n.value
            elif isinstance(n, ast.Subscript):
                if isinstance(n.value, ast.Name) and _conversation_name(n.value.id) \
                        and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, int) and n.slice.value >= 0:
                    # messages[0]: a fixed place from the start of the conversation, fixed once it has begun: the
                    # message that opened it, the request that starts the conversation (issue 12's per-request: "a
                    # new value per user request or task, then stable for the conversation it starts"; measure-12's
                    # OmniParser task, messages[0]['content'], labelled so)
                    self.trace.flowed = True
                    return ev("py.conversation-position", "per-request",
                              f"{ast.unparse(n)[:40]}: a message at a fixed place from the start of " \
                              "the conversation, the request that opened it, the same at every turn of it")
                n = n.value
            elif isinstance(n, ast.Call):
                args += [*n.args, *(k.value for k in n.keywords)]
                n = n.func
                direct = isinstance(n, ast.Name)
                continue
            else:
                break
            direct = False
        parts.reverse()
        text = ast.unparse(node)
        if isinstance(n, ast.Name):
            chain = [n.id, *parts]
            rooted = _request_rooted(chain, text)
            if rooted is not None:
                self.trace.flowed = True
                return rooted
            if _is_config(chain + [""]) and (len(chain) > 1 or isinstance(node, ast.Call)):
                self.trace.flowed = True
                return _from_settings(chain, text)
            held = node.value if isinstance(node, ast.Subscript) else node  # self.steps[-1]: an item of it
            if isinstance(held, ast.Attribute) and parts and held.value is n:
                got = self._attribute(held.attr, n.id in ("self", "cls"))
            elif isinstance(node, ast.Attribute) and parts:
                got = self._attribute(node.attr, n.id in ("self", "cls"))
            else:
                got = None
            if got is not None:
                self.trace.flowed = True
                return carry(got, got[0], f"{text[:60]}: {got[1]}")
            if n.id in ("self", "cls") and parts:
                return _by_name(".".join(parts), False, None)
            if direct and not parts:  # f(x): only a function that presents its argument passes it on
                if n.id in _PRESENTERS and args:
                    return _combine([self.of(a, follow) for a in args], text)
                if args and _py_project_function(self.scope, n.id, self.trace.index):
                    returned = self._returns(node)
                    if returned is not None:  # what its returns compute, with the literal arguments of this call
                        return returned
                    return _from_arguments(n.id, [self.of(a, follow) for a in args
                                                  if not isinstance(a, (ast.Constant, ast.JoinedStr))])
                return None
            root = self._name(n.id, follow)
            if root is not None and root[0] == "constant" and rule_of(root) != "code.constant-name" \
                    and not _fills(parts, args):
                return root  # an element or method of a constant (tripleTick[0], SEP.upper())
            named = _field_of_parameter(root, chain, args, node)
            if named is not None:
                return named
            from_args = self._args(args, follow)
            return _combine([root, *from_args], text) if root or any(from_args) else \
                _by_name(".".join(chain), False, None)
        if isinstance(n, (ast.Constant, ast.JoinedStr)):  # ", ".join(names), "...".format(x)
            return _combine([self.of(a, follow) for a in args], text) if args else None
        return None


_GROW = {"append", "extend", "insert", "add", "update", "appendleft"}
_RETURNS = [0]  # how many called functions' returns are being read now (one level at a time, never recursively)


def _field_of_parameter(root, chain: list[str], args: list, node) -> tuple[str, str] | None:
    """``ctx.project_id`` with ``ctx`` only a parameter ("supplied by each call", the default): the field's
    name, when it says something, comes before that default (the issue's order of evidence: a name before the
    default).  One object a caller passes often carries settings, the user's data and the request's together
    (Potpie's ``ChatContext``, Magnitude's ``SessionContext``), so that the object is passed says less of a
    field than the field's own name."""
    from .volatility import ambiguous_name, name_class

    if len(chain) < 2 or args or root is None or "supplied by each call" not in (root[1] or ""):
        return None
    text = node.text.decode("utf-8", "replace") if hasattr(node, "text") else ast.unparse(node)
    whole = ".".join(chain)
    got = name_class(whole)
    if "(" in text or got is None or ambiguous_name(whole):
        return None
    return ev("param.field-by-name", got.cls,
              f"{whole} (by its name: {chain[0]} is a parameter, which says nothing of its field)")


def _from_arguments(fn: str, got: list) -> tuple[str, str] | None:
    """A function of the project called with values: what it returns is computed from them, so the most volatile
    value read from the code decides (a literal argument says nothing of where the value comes from)."""
    # an argument that is only a parameter of the caller ("supplied by each call", the default) says nothing
    # of the value: its callers decide it, so the call decides nothing and the name is read, as for any value
    # without evidence (Kiln's _xml_escape(task_instruction): a task definition handed down)
    if any(g is not None and "supplied by each call" in (g[1] or "") for g in got):
        return None
    # a name's guess never makes it per-turn: that needs the code (a loop, a clock, a counter)
    known = [g for g in got if g is not None and g[0] != "constant"
             and not (g[0] == "per-turn" and "(by its name)" in (g[1] or ""))]
    if not known:
        return None
    best = min(known, key=lambda g: _rank(g[0]))
    return carry(best, best[0], f"{fn}(...) is computed from its arguments" + (f": {best[1]}" if best[1] else ""))


def _py_project_function(scope: "_PyScope", name: str, index) -> bool:
    """``name`` is a function the project defines: at the top level of this file, or a ``def`` of another file of
    the scan that this file imports it from (not a library's function)."""
    f = scope.file
    if f is None:
        return False
    for n in f.tree.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name:
            return True
        if isinstance(n, ast.ImportFrom) and any((a.asname or a.name) == name for a in n.names):
            return index is not None and bool(index.defining(name))
    return False


def _changed_in_place(scope: _PyScope, name: str) -> tuple[str, str] | None:
    """A name its function hands to a call that reorders or redraws it in place (``random.shuffle(pkgs)``,
    ``random.Random(s).shuffle(xs)``): its value is new at every run of the function, whatever its binding
    says (as a random id read for the prompt)."""
    from .volatility import _RANDOM

    for n in _own_nodes(scope.node):
        if isinstance(n, ast.Call) and any(isinstance(a, ast.Name) and a.id == name for a in n.args):
            fn = ast.unparse(n.func)
            if _RANDOM.search(fn + "("):
                return ev("py.reordered", "per-turn",
                          f"{name} is reordered in place by {fn}() (a new value at every render)")
    return None


def grown_in_loop(scope: _PyScope | None, name: str, line: int) -> int | None:
    """The line of a loop of ``scope`` that both grows ``name`` (``name.append(...)``, ``name += ...``)
    and reads it at ``line``: a list of the steps so far (intermediate answers, a scratchpad) is new at
    every iteration.  None when it is built first and read after its loop (``parts.append`` then
    ``"\\n".join(parts)``)."""
    if scope is None:
        return None
    for loop in _own_nodes(scope.node):
        if not isinstance(loop, (ast.For, ast.AsyncFor, ast.While)):
            continue
        if not loop.lineno <= line <= (loop.end_lineno or loop.lineno):
            continue
        for n in ast.walk(loop):
            grows = isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _GROW \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == name
            grows = grows or isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == name
            if grows:
                return loop.lineno
    return None


def _clock_in(values: list[ast.expr]) -> bool:
    """A clock is read in the bound value itself (``datetime.now().strftime(...)``)."""
    from .volatility import _CLOCK

    return any(_CLOCK.search(ast.unparse(v)) for v in values)


def _runs_once(scope: _PyScope | None) -> bool:
    """Code that runs once, when its module is imported: the module body (and class bodies), or a
    module-private function (``_name``, PEP 8) that its module calls only from its top level."""
    if scope is None:
        return False
    if scope.parent is None:
        return True
    if scope.parent.parent is not None or not scope.name or not scope.name.startswith("_") \
            or scope.name.startswith("__"):
        return False
    module = scope.parent.node
    calls = [n for n in ast.walk(module) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
             and n.func.id == scope.name]
    top = set()
    for stmt in module.body:
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            top |= {id(n) for n in ast.walk(stmt)}
    return bool(calls) and all(id(c) in top for c in calls)


@lru_cache(maxsize=32)
def _py_file(path: str, stamp: tuple) -> _PyFile | None:
    from .volatility import _read_source

    text = _read_source(path, stamp)
    if text is None:
        return None
    try:
        f = _PyFile(text)
    except (SyntaxError, ValueError, RecursionError):
        return None
    f.path = os.path.abspath(path)
    return f


def _container_name(prompt: Prompt) -> str:
    last = (prompt.container or "").rsplit(".", 1)[-1]
    return re.sub(r"\[.*$|@L\d+$", "", last)


def _receiver_names(node: ast.expr) -> set[str]:
    return {n.id if isinstance(n, ast.Name) else n.attr for n in ast.walk(node)
            if isinstance(n, (ast.Name, ast.Attribute))}


def _in_fstring(f: "_PyFile", seg: Segment, expr: str) -> bool:
    """The ``{x}`` of a prompt read as a ``str.format`` template is a field of an f-string of the file at its
    line (``f"... running on {operating_system}." + '''... {objective} ...'''``: the f-string part is filled
    where it is written, the rest by ``.format``)."""
    want = expr.strip()
    if not want.isidentifier() and not re.fullmatch(r"[\w.]+", want):
        return False
    for n in ast.walk(f.tree):
        if isinstance(n, ast.JoinedStr) and n.lineno <= seg.line <= (n.end_lineno or n.lineno):
            if any(isinstance(v, ast.FormattedValue) and ast.unparse(v.value) == want for v in n.values):
                return True
    return False


def _python_flow(seg: Segment, prompt: Prompt, expr: str, name: str, index=None) -> tuple[str, str] | None:
    from .volatility import _stamp

    f = _py_file(prompt.path, _stamp(prompt.path))
    if f is None:
        return None
    if prompt.syntax == "fstring" or _in_fstring(f, seg, expr):
        try:
            node = parse_python(expr.strip().split("!", 1)[0] if "!" in expr else expr.strip(), mode="eval").body
        except SyntaxError:
            try:
                node = parse_python(expr.split(":", 1)[0].strip(), mode="eval").body
            except SyntaxError:
                return None
        trace = _Trace(index, line=seg.line)
        got = _PyValue(f.scope_at(seg.line), trace).of(node, 2)
        return got if trace.flowed else None
    # a template filled by a call on its own name in this file: T.format(k=...), Template(T).render(k=...)
    own = _container_name(prompt)
    if not own or not name.isidentifier():
        return None
    for call in f.calls:
        if own not in _receiver_names(call.func.value) and not any(
                isinstance(a, ast.Name) and a.id == own for a in call.args):
            continue
        for kw in call.keywords:
            value = None
            if kw.arg == name:
                value = kw.value
            elif kw.arg is None and isinstance(kw.value, ast.Dict):  # **{"k": v}
                for k, v in zip(kw.value.keys, kw.value.values):
                    if isinstance(k, ast.Constant) and k.value == name:
                        value = v
            if value is not None:
                got = _PyValue(f.scope_at(call.lineno), _Trace(index, line=call.lineno)).of(value, 1)
                if got is not None:
                    return carry(got, got[0], f"{name}={ast.unparse(value)[:50]} at line {call.lineno}" + \
                                  (f": {got[1]}" if got[1] and got[1] != name else ""))
    return None


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
            from .value_origin import js_shipped_file

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
            from .conventions import js_for_item, js_grown_items

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
            from .conventions import js_loop_counter

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
            from .chatroute_js import from_conversation

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
            from .value_origin import js_derived_from_shipped_file

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
            from .volatility import _CONSTANT_CASE

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
                from .crossflow_js import typed_field

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


_DATA_FILES = (".json", ".json5", ".yaml", ".yml", ".toml")


def _js_data_import(at, name: str) -> str | None:
    """The specifier of the data file (JSON, YAML, TOML) a module-level ``import name from "..."`` reads:
    its content is bundled with the program, the same for every request and user of a deployment."""
    from .sources.js_project import imports_of

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
    from .sources.js_project import imports_of

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
    from .sources.js_project import imports_of, resolve_module
    from .volatility import _read_source, _stamp

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
    from .sources.js_project import imports_of, resolve_module

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
        from .sources.js_project import imports_of, resolve_module
        from .volatility import _stamp

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


def _conversation_name(name: str) -> bool:
    """A name that holds the conversation itself (``messages``, ``chat_history``): its last word."""
    from .crossflow import _CONVERSATION
    from .volatility import _words

    w = _words(name)
    return bool(w) and w[-1] in _CONVERSATION


def _js_loop_carried(value, use, name: str):
    """(loop, assigned values) when ``name`` is declared (with ``value``) before an iterating loop of its
    function that holds the ``use`` and assigns ``name`` again: each pass renders what the previous one left
    (as ``flow_state.iteration_loop`` with a re-assignment, for Python)."""
    from .flow_state import _JS_LOOPS

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
                from .sources.js.tree import _function_name

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
    from .crossflow_js import _key_path

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
    from .sources.js.grammar import _grammar, _kind
    from .volatility import _read_source

    text = _read_source(path, stamp)
    if text is None:
        return None
    data = text.encode("utf-8")
    parser, _query = _grammar("js" if _kind(path) == "js" else _kind(path))
    return parser.parse(data), data


def _js_substitution(seg: Segment, tree, data: bytes):
    """The expression inside the ``${...}`` that ``seg`` stands for in the parsed file ``data``; None
    when there is none."""
    from .sources.js.grammar import _Positions

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
    from .volatility import _stamp

    got = _js_tree(prompt.path, _stamp(prompt.path))
    expr = _js_substitution(seg, *got) if got is not None else None
    if expr is None:
        return None
    trace = _Trace(path=os.path.abspath(prompt.path))
    trace.project = index  # the scan's files: where a parameter's declared type is made (crossflow_js.typed_field)
    got = _JsValue(expr, trace).of(expr, 1)
    return got if trace.flowed else None


# ------------------------------------------------------------------------------------------ entry

def flow_class(seg: Segment, prompt: Prompt | None, expr: str, name: str, index=None):
    """The class of the value filling ``seg``, from the code of its file; None when it says nothing."""
    from .volatility import Volatility

    if prompt is None or not prompt.path or not seg.verbatim:
        return None
    path = prompt.path.lower()
    got = None
    try:
        if path.endswith(".py"):
            got = _python_flow(seg, prompt, expr, name, index)
        elif prompt.syntax == "js" and path.endswith((".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")):
            got = _js_flow(seg, prompt, index)
    except RecursionError:
        return None
    if got is None:
        return None
    return Volatility(got[0], "expression", got[1] or expr, rule_of(got))


def frozen_at_import(seg: Segment, prompt: Prompt | None) -> bool:
    """A Python f-string evaluated once, when its module is imported (see ``_runs_once``)."""
    from .volatility import _stamp

    if prompt is None or prompt.syntax != "fstring" or not prompt.path.lower().endswith(".py") or not seg.verbatim:
        return False
    f = _py_file(prompt.path, _stamp(prompt.path))
    return f is not None and _runs_once(f.scope_at(seg.line))


def clear_cache() -> None:
    _py_file.cache_clear()
    _js_tree.cache_clear()

"""How a value's chain, name or expression classifies (settings, requests, clocks), parts combined, the trace."""

from __future__ import annotations

import ast
import re

from ..evidence import carry, ev


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
    from ..volatility import name_class

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
    from ..volatility import RANK

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
    from ..volatility import ambiguous_name, name_class

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
    from ..volatility import name_class

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
    from ..volatility import RANK

    return RANK[cls]


def _by_expression(text: str) -> tuple[str, str] | None:
    from ..volatility import expression_class

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
               "getattr", "enumerate",
               "any", "all", "bool"}  # a truth test of its arguments (``any(t.name == X for t in tools)``)
_RETURNS = [0]  # how many called functions' returns are being read now (one level at a time, never recursively)


def _field_of_parameter(root, chain: list[str], args: list, node) -> tuple[str, str] | None:
    """``ctx.project_id`` with ``ctx`` only a parameter ("supplied by each call", the default): the field's
    name, when it says something, comes before that default (the issue's order of evidence: a name before the
    default).  One object a caller passes often carries settings, the user's data and the request's together
    (Potpie's ``ChatContext``, Magnitude's ``SessionContext``), so that the object is passed says less of a
    field than the field's own name."""
    from ..volatility import ambiguous_name, name_class

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


def _conversation_name(name: str) -> bool:
    """A name that holds the conversation itself (``messages``, ``chat_history``): its last word."""
    from ..crossflow.values import _CONVERSATION
    from ..volatility import _words

    w = _words(name)
    return bool(w) and w[-1] in _CONVERSATION

"""The cross-file entry points: ``project_class`` and the fill, replace and parameter rules it tries."""

from __future__ import annotations

import ast
import os

from ..evidence import carry, rule_of
from ..model import Prompt, Segment
from .callers import _at, _best, _classify_py, _py_callers, _reusable, _where
from .index import _IDENT, MAX_SITES, ProjectIndex, PY_EXTENSIONS
from .sites import _fill_site_class, _passes_kwargs, fill_sites
from .values import depends_on


def py_fill_class(prompt: Prompt, key: str, index: ProjectIndex) -> tuple[str, str] | None:
    """A template constant of a Python file (``prompt.container``), or a template file (no container:
    ``prompts/plan.j2``), filled in the project's Python code."""
    if not key.isidentifier():
        return None
    sites = fill_sites(prompt, index)
    if sites is None:
        return None
    found = []
    for f, path, node, scope in sites:
        if _reusable():  # the same fill site is asked for the same key by every template it renders
            value, got = index.memo(("py-fill-site", *_at(path, node), key),
                                    lambda: _fill_site_class(f, path, node, scope, key, index))
        else:
            value, got = _fill_site_class(f, path, node, scope, key, index)
        if value is not None:
            line = node.lineno
            if got is not None:
                found.append(carry(got, got[0], f"{key}={ast.unparse(value)[:50]} at {_where(path, line, prompt.path)}"
                                        + (f": {got[1]}" if got[1] and got[1] != key else ""), got[2]))
        elif _passes_kwargs(node, scope):  # def build(**kwargs): T.format(**kwargs): each call's keyword
            got = _py_callers(index, path, scope, key, 1)
            if got is not None:
                found.append(carry(got, got[0],
                                   f"{key} passed through **kwargs at {_where(path, node.lineno, prompt.path)}: "
                                   f"{got[1]}", got[2]))
    return _best(found)


def _py_replace_calls(index: ProjectIndex, path: str, f) -> list[ast.Call]:
    """Every ``X.replace(a, b)`` of a file, in ``ast.walk`` order, listed once per scan (each placeholder tag
    looked up walked every file mentioning its key again)."""
    return index.memo(("py-replace-calls", path), lambda: [
        n for n in ast.walk(f.tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
        and n.func.attr == "replace" and len(n.args) == 2])


def py_replace_class(seg: Segment, key: str, index: ProjectIndex):
    """A placeholder tag filled by ``str.replace`` anywhere in the project's Python
    (``prompt.replace("{{CURRENT_DATETIME}}", now_str)``, or through a constant bound to the tag):
    such tags are filled by their text, whatever template holds them."""
    tag = seg.text.strip()
    if not key.isidentifier() or len(tag) <= len(key) + 1 or key not in tag:
        return None

    def compute():
        # a tag that is itself a name (``__KB_EXEC_LINE__``) is mentioned as that name, not as the key inside it
        files = list(dict.fromkeys(p for k in dict.fromkeys((key, tag) if tag.isidentifier() else (key,))
                                   for p, _f in index.py_mentioning(k)))
        names = {t.id for p in files for n in index.py(p).tree.body if isinstance(n, ast.Assign)
                 and isinstance(n.value, ast.Constant) and n.value.value == tag
                 for t in n.targets if isinstance(t, ast.Name)}
        paths = sorted(set(files) | {q for nm in names for q in index.mentioning(nm) if q.endswith(PY_EXTENSIONS)})
        replacing = set(index.mentioning("replace"))  # (a file calling .replace names it)
        out = []
        for p in paths:
            f = index.py(p) if p in replacing else None
            if f is None:
                continue
            for n in _py_replace_calls(index, p, f):
                if (isinstance(n.args[0], ast.Constant) and n.args[0].value == tag
                        or isinstance(n.args[0], ast.Name) and n.args[0].id in names
                        or isinstance(n.args[0], ast.Attribute) and n.args[0].attr in names):
                    out.append((f, p, n))
        return out[:MAX_SITES]

    found = []
    for f, path, call in index.memo(("py-replace", tag), compute):
        value = call.args[1]
        got = _classify_py(f, f.scope_at(call.lineno), value, index, 1, path)
        if got is not None:
            found.append(carry(got, got[0], f"{tag} replaced by {ast.unparse(value)[:40]} at {os.path.basename(path)}:"
                                            f"{call.lineno}" + (f": {got[1]}" if got[1] else ""), got[2]))
    return _best(found)


def _stored_under(scope, root: str, expr: str, line: int | None) -> list[ast.expr]:
    """For ``payload['system']`` (``expr``) read at ``line``: the values the function stores under that constant key
    before it (``dataflow.python_value.stored_under``); [] when ``expr`` is no such read."""
    from ..dataflow.python_value import stored_under

    try:
        node = ast.parse(expr.strip(), mode="eval").body
    except SyntaxError:
        return []
    if not (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == root
            and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)):
        return []
    return stored_under(scope, root, node.slice.value, line)


def py_param_class(seg: Segment, prompt: Prompt, expr: str, index: ProjectIndex) -> tuple[str, str] | None:
    """An f-string variable that is (rooted in) a parameter of the function building the prompt: what its
    callers pass."""
    f = index.py(os.path.abspath(prompt.path))
    if f is None:
        return None
    m = _IDENT.match(expr.strip())
    if not m:
        return None
    root = m.group(0)
    scope = f.scope_at(seg.line)
    s, values, param = scope.lookup(root)
    home = os.path.abspath(prompt.path)
    if param and s is not None and s.name:
        return _py_callers(index, home, s, root, 1)
    if s is scope and values and scope.name:  # a local computed from the parameters: what the callers pass
        keyed = _stored_under(scope, root, expr, seg.line)
        found = []
        for p in sorted(set().union(*(depends_on(scope, v) for v in keyed)) if keyed else depends_on(scope, ast.Name(root))):
            got = _py_callers(index, home, scope, p, 1)
            if got is not None and got[2]:
                found.append(carry(got, got[0], f"{root} is computed from {p}: {got[1]}", True))
        return _best(found)
    return None


# -------------------------------------------------------------------------------------------- entry

def project_class(seg: Segment, prompt: Prompt | None, expr: str, name: str, index: ProjectIndex | None):
    """The class of the value filling ``seg`` read from the rest of the project; None when it says nothing."""
    from ..volatility import Volatility

    if index is None or prompt is None or not prompt.path:
        return None
    path = prompt.path.lower()
    got = None
    try:
        from ..sources.js.grammar import EXTENSIONS as JS

        if path.endswith(JS):
            from ..crossflow_js import js_project_class

            got = js_project_class(seg, prompt, expr, name, index)
        elif prompt.syntax == "fstring":
            got = py_param_class(seg, prompt, expr, index)
        else:  # a template constant of a Python file, or a template file, filled in Python code
            from ..volatility import _chains

            chains = _chains(name) if name else []
            key = chains[0].split(".")[0] if chains else (name.split(".")[0].strip() if name else "")
            got = py_fill_class(prompt, key, index)
            if got is None or not got[2]:
                got = py_replace_class(seg, key, index) or got
            if got is None or not got[2]:
                from ..crossflow_js import js_replace_class

                got = js_replace_class(seg, key, index) or got
    except RecursionError:
        return None
    if got is None:
        return None
    if not got[2]:  # only the argument's name speaks: the variable's own name, when it says more, wins;
        # an ambiguous one yields to what the file says of it (a parameter: each call supplies it)
        from ..volatility import _chains, ambiguous_name, name_class

        # the names the name stage reads (volatility.classify: the chains of the expression, not its literals)
        said = _chains(expr) or [name or expr]
        if any(name_class(c) is not None for c in said) or ambiguous_name(name or expr):
            return None
    return Volatility(got[0], "expression", got[1], rule_of(got))

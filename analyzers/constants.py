"""Values the project fixes once, reached through a name the code resolves statically (issue 12, PC101
principle "a project constant").

A prompt variable that is, as written, a name bound in ANOTHER file or a class rather than a local
value: ``${commonSecurityRules}`` imported from ``./common`` where ``export const commonSecurityRules =
`...```; ``{SystemPrompts.DEFAULT}`` where ``class SystemPrompts`` sets ``DEFAULT = "..."`` in its
body; ``{prompts.HEADER}`` where ``from . import prompts``.  When that binding is the only one (no other
assignment of the name in its module or class body, no ``Owner.NAME = ...`` anywhere in the scan) and
its value is text the code writes (a string literal, or an f-string / ``+`` of such constants of the same
module), the value is the same on every request of every user: ``constant``.

Only code expressions count (f-strings, JS template literals, or a value named as written in the code
when the source reports no template): a ``{name}`` key of a ``str.format`` / Jinja template is a
template parameter, not a Python name, and is left to the fill-site rules.  Nothing is run.
"""

from __future__ import annotations

import ast
import os
import re

from .evidence import ev
from .model import Prompt, Segment

_CHAIN = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
_OWN = {"self", "this", "cls", "super"}
_JS_EXT = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
_DEPTH = 3  # constants built from constants: how many names deep the value is followed


def constant_class(seg: Segment, prompt: Prompt | None, expr: str, index) -> tuple[str, str] | None:
    """``("constant", why)`` when ``expr`` resolves to a project constant; else None."""
    from .volatility import CODE_SYNTAXES

    if prompt is not None and prompt.syntax not in CODE_SYNTAXES:
        return None
    chain = expr.strip()
    if not _CHAIN.fullmatch(chain):
        return None
    parts = chain.split(".")
    if parts[0] in _OWN or len(parts) > 2:
        return None
    home = os.path.abspath(prompt.path) if prompt is not None and prompt.path else None
    if home is None and len(parts) == 1:
        return _only_binding(parts[0], index)
    if home is not None and home.lower().endswith(_JS_EXT):
        return _js_imported(home, parts, index) if len(parts) == 1 else None
    if home is not None and not home.lower().endswith((".py", ".pyw")):
        return None
    return _py_constant(home, parts, index, seg.line)


# ------------------------------------------------------------------------------------------ Python

def _py_tree(path: str, index):
    if index is not None:
        f = index.py(path)
        return f.tree if f is not None else None
    from .pyparse import parse_python
    from .volatility import _source_text

    text = _source_text(path)
    try:
        return parse_python(text) if text is not None else None
    except (SyntaxError, ValueError, RecursionError):
        return None


def _module_file(home: str, node: ast.ImportFrom, name: str | None, index) -> str | None:
    """The scanned file of the module ``node`` imports from (``name`` appended: a submodule)."""
    parts = (node.module or "").split(".") if node.module else []
    if name:
        parts = parts + [name]
    if not parts:
        return None
    rel = os.path.join(*parts)
    candidates = []
    if node.level:
        base = os.path.dirname(home)
        for _ in range(node.level - 1):
            base = os.path.dirname(base)
        candidates = [os.path.join(base, rel + ".py"), os.path.join(base, rel, "__init__.py")]
        return next((c for c in candidates if c in _paths(index) or (index is None and os.path.isfile(c))), None)
    ends = (os.sep + rel + ".py", os.sep + os.path.join(rel, "__init__.py"))
    found = [p for p in _paths(index) if p.endswith(ends)]
    return found[0] if len(found) == 1 else None


def _paths(index) -> frozenset[str]:
    """The scan's files as a set, built once per scan (it is asked for each import of each variable)."""
    return index.memo(("constants-paths",), lambda: frozenset(index.paths)) if index is not None else frozenset()


def _imports(tree: ast.Module, name: str) -> list[tuple[ast.ImportFrom, str]]:
    """``from M import X as name``: (the import, X)."""
    out = []
    for n in tree.body:
        if isinstance(n, ast.ImportFrom):
            for a in n.names:
                if (a.asname or a.name) == name:
                    out.append((n, a.name))
    return out


def _shadowed(home: str, name: str, line: int) -> bool:
    """``name`` is a parameter or a local of the function holding ``line``: not the module's name."""
    from .dataflow.python_file import _py_file
    from .volatility import _stamp

    f = _py_file(home, _stamp(home))
    if f is None:
        return True
    scope, _values, _param = f.scope_at(line).lookup(name)
    return scope is not None and scope is not f.module


def _py_constant(home: str | None, parts: list[str], index, seg_line: int = 1) -> tuple[str, str] | None:
    if home is None:  # no template reported: an ``Owner.NAME`` chain, Owner a class of the scan
        if len(parts) != 2 or index is None:
            return None
        owners = []
        for p in index.mentioning(parts[0]):
            tree = _py_tree(p, index) if p.endswith(".py") else None
            if tree is not None:
                owners += [(p, c) for c in tree.body if isinstance(c, ast.ClassDef) and c.name == parts[0]]
        if len(owners) != 1:
            return None
        return _class_constant(owners[0][0], owners[0][1], parts[1], index)
    tree = _py_tree(home, index)
    if tree is None or _shadowed(home, parts[0], seg_line):
        return None
    first = parts[0]
    for node in tree.body:  # defined in the file itself: a class of this module
        if isinstance(node, ast.ClassDef) and node.name == first and len(parts) == 2:
            return _class_constant(home, node, parts[1], index)
    for imp, real in _imports(tree, first):
        if len(parts) == 1:  # from .common import header
            src = _module_file(home, imp, None, index)
            return _module_constant(src, real, index) if src else None
        sub = _module_file(home, imp, real, index)  # from . import prompts; prompts.HEADER
        if sub is not None:
            return _module_constant(sub, parts[1], index)
        src = _module_file(home, imp, None, index)  # from .prompts import SystemPrompts; SystemPrompts.X
        src_tree = _py_tree(src, index) if src else None
        if src_tree is not None:
            for c in src_tree.body:
                if isinstance(c, ast.ClassDef) and c.name == real:
                    return _class_constant(src, c, parts[1], index)
    return None


def _bindings(body: list[ast.stmt], name: str) -> list[ast.expr | None]:
    """Values bound to ``name`` by the statements of a module or class body (None: bound another way)."""
    out: list[ast.expr | None] = []
    for stmt in body:
        for n in ast.walk(stmt) if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                         ast.ClassDef)) else ():
            if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets):
                out.append(n.value)
            elif isinstance(n, (ast.AnnAssign, ast.AugAssign)) and isinstance(n.target, ast.Name) \
                    and n.target.id == name:
                out.append(n.value if isinstance(n, ast.AnnAssign) else None)
            elif isinstance(n, (ast.For, ast.With, ast.Import, ast.ImportFrom, ast.NamedExpr)) and \
                    name in {t.id for t in ast.walk(n) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)} | \
                    {a.asname or a.name for a in getattr(n, "names", [])}:
                out.append(None)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and stmt.name == name:
            out.append(None)
    return out


def _rebound_elsewhere(tree: ast.Module, name: str) -> bool:
    """``global name`` in a function of the module: it may be re-assigned at run time."""
    return any(isinstance(n, ast.Global) and name in n.names for n in ast.walk(tree))


def _set_on_owner(owner: str, attr: str, index) -> bool:
    """``Owner.attr = ...`` somewhere in the scan (also ``setattr(Owner, "attr", ...)``)."""
    if index is None:
        return False
    for p in index.mentioning(attr):
        tree = _py_tree(p, index) if p.endswith(".py") else None
        if tree is None:
            continue
        for n in ast.walk(tree):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target] if isinstance(
                n, (ast.AugAssign, ast.AnnAssign)) else []
            for t in targets:
                if isinstance(t, ast.Attribute) and t.attr == attr and isinstance(t.value, ast.Name) \
                        and t.value.id == owner:
                    return True
    return False


def _module_constant(path: str, name: str, index, depth: int = _DEPTH) -> tuple[str, str] | None:
    tree = _py_tree(path, index)
    if tree is None or _rebound_elsewhere(tree, name):
        return None
    values = _bindings(tree.body, name)
    if len(values) != 1 or values[0] is None:
        return None
    if not _constant_text(values[0], tree.body, depth):
        return None
    return ev("const.module", "constant",
              f"{name}: bound once to text in {os.path.basename(path)} (a project constant)")


def _class_constant(path: str, cls: ast.ClassDef, attr: str, index) -> tuple[str, str] | None:
    values = _bindings(cls.body, attr)
    if len(values) != 1 or values[0] is None or not _constant_text(values[0], cls.body, _DEPTH):
        return None
    if _set_on_owner(cls.name, attr, index):
        return None
    return ev("const.class", "constant",
              f"{cls.name}.{attr}: set once to text in the class body ({os.path.basename(path)})")


def _constant_text(v: ast.expr, body: list[ast.stmt], depth: int) -> bool:
    """Text the code writes: a string literal, or an f-string / ``+`` / ``.strip()``-like call of such
    text and of names bound once to such text in the same body."""
    if isinstance(v, ast.Constant):
        return isinstance(v.value, str)
    if isinstance(v, ast.JoinedStr):
        return all(isinstance(p, ast.Constant) or _constant_text(p.value, body, depth) for p in v.values)
    if isinstance(v, ast.BinOp) and isinstance(v.op, ast.Add):
        return _constant_text(v.left, body, depth) and _constant_text(v.right, body, depth)
    if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and not v.keywords \
            and v.func.attr in ("strip", "lstrip", "rstrip", "upper", "lower") \
            and all(isinstance(a, ast.Constant) for a in v.args):
        return _constant_text(v.func.value, body, depth)
    if isinstance(v, ast.Call) and isinstance(v.func, (ast.Name, ast.Attribute)) and not v.keywords \
            and len(v.args) == 1 and (v.func.id if isinstance(v.func, ast.Name) else v.func.attr) == "dedent":
        return _constant_text(v.args[0], body, depth)
    if isinstance(v, ast.Name) and depth > 0:
        values = _bindings(body, v.id)
        return len(values) == 1 and values[0] is not None and _constant_text(values[0], body, depth - 1)
    return False


def _only_binding(name: str, index) -> tuple[str, str] | None:
    """A name whose template the source does not report: constant when the one file of the scan that
    binds it binds it once, at its top level, to text (every other file only imports or reads it)."""
    if index is None:
        return None
    n = re.escape(name)
    binds = re.compile(rf"(?:\b(?:const|let|var|function|class|def)\s+{n}\b|(?<!\$)[({{,]\s*{n}\s*[:,)=}}]|"
                       rf"^[ \t]*{n}\s*(?::[^=\n]+)?=(?!=)|\bfor\s+{n}\b|\bas\s+{n}\b)", re.M)
    from .volatility import _source_text

    binding = []
    for p in index.mentioning(name):
        text = _source_text(p) or ""
        text = re.sub(r"(?m)^\s*(?:import|from)\b.*$|^\s*export\s*\{.*$", "", text)  # imports only read
        if binds.search(text):
            binding.append(p)
    if len(binding) != 1:
        return None
    path = binding[0]
    if path.lower().endswith(_JS_EXT):
        from .volatility import _bound_to_literal

        ok = _bound_to_literal(path, name)
    else:
        got = _module_constant(path, name, index)
        ok = got is not None
    if not ok:
        return None
    return ev("const.only-binding", "constant",
              f"{name}: bound once to text in {os.path.basename(path)}, its only binding in the scan")


# -------------------------------------------------------------------------------------- JavaScript

def _js_imported(home: str, parts: list[str], index) -> tuple[str, str] | None:
    """``import { name } from './m'`` (or ``{ x as name }``) where ``./m`` binds ``export const x`` once
    to a literal without substitutions."""
    from .volatility import _bound_to_literal, _source_text

    name = parts[0]
    text = _source_text(home)
    if not text or name not in text or re.search(rf"[(,]\s*{re.escape(name)}\s*[:,)=?]", text) \
            or re.search(rf"\b(?:const|let|var)\s+{re.escape(name)}\b", text):
        return None  # also a parameter or a local of this file: not (only) the imported value
    for m in re.finditer(r"import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['\"]([^'\"]+)['\"]", text):
        for item in m.group(1).split(","):
            real, _sep, alias = item.strip().partition(" as ")
            if (alias.strip() or real.strip()) != name:
                continue
            src = _js_module_file(home, m.group(2), index)
            if src is not None and _bound_to_literal(src, real.strip()):
                return ev("const.js-imported", "constant",
                          (f"{name}: imported from {m.group(2)}, where it is bound once to a "
                           "literal (a project constant)"))
            return None
    return None


def _js_module_file(home: str, spec: str, index) -> str | None:
    """The scanned file a relative import names, resolved as the JS/TS sources resolve it
    (``js_project.resolve_module``: ``./common.js`` for ``common.ts``, ``index`` files)."""
    if not spec.startswith("."):
        return None
    from .sources.js_project import resolve_module

    found = resolve_module(home, spec)
    return found if found is not None and (index is None or found in _paths(index)) else None
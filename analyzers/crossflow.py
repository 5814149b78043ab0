"""Where a template is filled in ANOTHER file of the project, and what fills each variable (issue 12).

A template is often a constant of ``prompts.py`` and filled in ``agent.py``
(``SYSTEM_PROMPT.format(today=datetime.now().strftime("%Y-%m-%d"))``), or a function that returns an
f-string / JS template literal and is called elsewhere (``getSystemPrompt(process.cwd())``).  The file
that defines the template says nothing of how often its values change; the file that fills it does.

``ProjectIndex(paths)`` is built once per scan from the code files the walk read (never beyond them):
which files mention which identifiers (one pass over the texts, linear in the corpus), and each file's
syntax tree parsed at most once, on demand, only when it mentions a template's name.  ``project_class``
then finds, for one variable:

* a **fill site** of a template constant ``T`` (Python): ``T.format(k=v)``, ``T.format(**{"k": v})``,
  ``T.format_map({...})``, ``T % {"k": v}``, ``Template(T).render(k=v)``,
  ``env.from_string(T).render({...})``, ``PromptTemplate(template=T, ...)`` /
  ``PromptTemplate.from_template(T)`` then ``.format(k=v)`` / ``.invoke({"k": v})`` (also through a
  ``prompt | llm`` chain bound in the same function), and a helper called with the template and the
  keyword (``render_prompt(T, k=v)``).  ``T`` is linked to the template by an import from the
  template's module (``from .prompts import T [as U]``, ``from . import prompts`` then ``prompts.T``),
  or is the template's own file;
* a **call site** of the function that builds the prompt, when the variable is one of its parameters:
  the argument at the parameter's position or keyword (Python), at its position or, for a destructured
  ``{ cwd }`` parameter, under its key in an object argument (JS/TS, ``crossflow_js``);

and classifies the filling expression with the same-file rules of ``dataflow`` (clocks, ids, the user's
machine, settings objects, literals, one level of local binding, the parameter's name).  A value that
is a parameter of the filling function is followed once more to that function's callers (two levels in
all, never further).  Several sites: the most volatile decides.  ``None`` when no site is found.
"""

from __future__ import annotations

import ast
import os
import re

from .evidence import carry, ev, rule_of
from .inputs import open_text
from .model import Prompt, Segment

PY_EXTENSIONS = (".py", ".pyw")
# Methods that fill a template or a prompt object holding it (str, string.Template, Jinja2, LangChain,
# LlamaIndex, Haystack): their keywords or dict argument name the variables.
FILL_METHODS = {"format", "format_map", "render", "render_async", "substitute", "safe_substitute", "invoke",
                "ainvoke", "partial", "format_messages", "aformat_messages", "format_prompt", "aformat_prompt",
                "aformat", "stream", "astream", "run", "arun"}
MAX_SITES = 24  # fill or call sites read per template: the first ones in file order decide
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_PY_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)", re.M)


def _read(path: str, limit: int) -> str | None:
    try:
        if os.path.getsize(path) > limit:
            return None
        with open_text(path, encoding="utf-8-sig", errors="replace") as f:
            return f.read()
    except OSError:
        return None


class ProjectIndex:
    """The code files of one scan: identifier -> files that mention it; parsed trees on demand."""

    def __init__(self, paths):
        from .sources.js.grammar import EXTENSIONS as JS, MAX_WALK_BYTES

        self.limit = MAX_WALK_BYTES
        given = sorted({os.path.abspath(p) for p in paths})
        self.paths = [p for p in given if p.lower().endswith(PY_EXTENSIONS + JS)]
        self.all_paths = given  # template files too: a partial is filled where its includers are
        # the folder holding every file of the scan, manifests included (packaging.program_kind stops there)
        self.root = (os.path.dirname(given[0]) if len(given) == 1 else os.path.commonpath(given)) if given else None
        self._mentions: dict[str, list[str]] | None = None
        self._defines: dict[str, list[str]] = {}
        self._py: dict[str, object] = {}
        self._js: dict[str, object] = {}
        self._memo: dict[tuple, object] = {}

    def memo(self, key: tuple, compute):
        """What ``compute()`` found for ``key`` (a template's fill sites, a function's calls), computed once."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def _build(self) -> None:
        mentions: dict[str, list[str]] = {}
        defines: dict[str, list[str]] = {}
        for p in self.paths:
            text = _read(p, self.limit)
            if text:
                for w in set(_IDENT.findall(text)):
                    mentions.setdefault(w, []).append(p)
                if p.endswith(PY_EXTENSIONS):
                    for w in set(_PY_DEF.findall(text)):
                        defines.setdefault(w, []).append(p)
        self._mentions, self._defines = mentions, defines

    def mentioning(self, name: str) -> list[str]:
        if self._mentions is None:
            self._build()
        return self._mentions.get(name, [])

    def defining(self, name: str) -> list[str]:
        """Python files with a ``def name(``."""
        if self._mentions is None:
            self._build()
        return self._defines.get(name, [])

    def py_mentioning(self, name: str):
        """(path, ``dataflow._PyFile``) of every Python file of the scan that mentions ``name`` and parses, in the
        order of ``mentioning``; each file is parsed when it is reached (a caller may stop early)."""
        for p in self.mentioning(name):
            if p.endswith(PY_EXTENSIONS):
                f = self.py(p)
                if f is not None:
                    yield p, f

    def js_mentioning(self, name: str):
        """(path, (tree, bytes)) of every JS/TS file of the scan that mentions ``name`` and parses, in the order of
        ``mentioning``; each file is parsed when it is reached."""
        from .sources.js.grammar import EXTENSIONS

        for p in self.mentioning(name):
            if p.lower().endswith(EXTENSIONS):
                parsed = self.js(p)
                if parsed is not None:
                    yield p, parsed

    def py(self, path: str):
        """``dataflow._PyFile`` of ``path`` (None when it does not parse), parsed once."""
        if path not in self._py:
            from .dataflow import _PyFile

            text = _read(path, self.limit)
            try:
                self._py[path] = _PyFile(text) if text is not None else None
                if self._py[path] is not None:
                    self._py[path].path = path
            except (SyntaxError, ValueError, RecursionError):
                self._py[path] = None
        return self._py[path]

    def js(self, path: str):
        """(tree, bytes) of a JS/TS file, parsed once."""
        if path not in self._js:
            from .sources.js.grammar import _grammar, _kind

            text = _read(path, self.limit)
            if text is None:
                self._js[path] = None
            else:
                data = text.encode("utf-8")
                parser, _q = _grammar(_kind(path))
                self._js[path] = (parser.parse(data), data)
        return self._js[path]


# ------------------------------------------------------------------------------------------ helpers

def _module_names(path: str) -> set[str]:
    """Names a module is imported by: its file stem, its package for an ``__init__``."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem == "__init__":
        return {os.path.basename(os.path.dirname(path))}
    return {stem}


def _best(found: list[tuple[str, str, bool]]) -> tuple[str, str, bool] | None:
    """The most volatile of the sites read from the code (``strong``); the names of the arguments only
    when no site says more."""
    from .volatility import RANK

    strong = [g for g in found if g[2]]
    pick = strong or found
    return min(pick, key=lambda g: RANK[g[0]]) if pick else None


def _strength(got, trace) -> tuple[str, str, bool] | None:
    """A site's class, strong when read from the code (a call, a literal, settings), weak when in the
    end only a name says it (``x = other_name``: other_name's words) or "a parameter, supplied by each
    call"."""
    if got is None:
        return None
    if len(got) == 3:
        return got
    why = got[1] or ""
    return carry(got, got[0],
                 got[1], bool(trace.flowed) and "supplied by each call" not in why and "(by its name)" not in why)


def _where(path: str, line: int, prompt_path: str) -> str:
    return f"line {line}" if path == os.path.abspath(prompt_path) else f"{os.path.basename(path)}:{line}"


def _contains(node: ast.AST, pred) -> bool:
    return any(pred(n) for n in ast.walk(node))


class _Links:
    """How a file refers to the template ``name`` defined in ``home``: local names, module aliases."""

    def __init__(self, tree: ast.Module, name: str, home: str, same_file: bool, attribute_ok: bool,
                 file_template: bool = False, key_in_file: str | None = None,
                 key_path: tuple[str, str] | None = None, imports: list | None = None,
                 strings: tuple[str, ...] | None = None):
        self.name, self.attribute_ok = name, attribute_ok
        self.names: set[str] = {name} if same_file else set()
        self.modules: set[str] = set()
        self.literal = _file_literal(home) if file_template else None
        self.key = None  # a template under a key of a data file: the attribute/item the code keeps it in
        self.key_path = key_path  # (section, key) of a data file read by the code as .section.key
        if key_path:
            self.literal = None
            return
        if file_template:
            if strings is None:
                strings = _string_constants(tree)
            if key_in_file and any(self.literal(v) for v in strings):
                self.key = key_in_file
            return
        mods = _module_names(home)
        for node in _import_nodes(tree) if imports is None else imports:
            if isinstance(node, ast.ImportFrom):
                from_mod = (node.module or "").rsplit(".", 1)[-1]
                for a in node.names:
                    if a.name in (name, "*") and (from_mod in mods or not node.module and not same_file):
                        self.names.add(a.asname or name)
                    elif a.name in mods:  # from . import prompts [as p]
                        self.modules.add(a.asname or a.name)
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.rsplit(".", 1)[-1] in mods:
                        self.modules.add(a.asname or a.name)

    def refers(self, n: ast.AST) -> bool:
        if self.key_path is not None:
            return _reads_key_path(n, *self.key_path)
        if self.literal is not None:
            if self.key is not None and (  # self.instruction_template, prompt_data["instruction_template"]
                    isinstance(n, ast.Attribute) and n.attr == self.key or isinstance(n, ast.Subscript)
                    and isinstance(n.slice, ast.Constant) and n.slice.value == self.key):
                return True
            return isinstance(n, ast.Constant) and isinstance(n.value, str) and self.literal(n.value)
        if isinstance(n, ast.Name):
            return n.id in self.names
        if isinstance(n, ast.Attribute) and n.attr == self.name:
            if self.attribute_ok:
                return True
            return ast.unparse(n.value) in self.modules
        return False

    @property
    def any(self) -> bool:
        return bool(self.names or self.modules or self.attribute_ok or self.literal or self.key_path)


def _string_constants(tree: ast.AST) -> tuple[str, ...]:
    """The distinct string literals of a tree."""
    return tuple(dict.fromkeys(n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
                               and isinstance(n.value, str)))


def _import_nodes(tree: ast.AST) -> list:
    """The ``import`` and ``from ... import`` statements of a tree, in ``ast.walk`` order."""
    return [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]


def _import_words(imports: list) -> frozenset[str]:
    """What ``_Links`` compares of each import: the names a ``from`` imports, the last part of a module
    an ``import`` names."""
    return frozenset(a.name if isinstance(n, ast.ImportFrom) else a.name.rsplit(".", 1)[-1]
                     for n in imports for a in n.names)


def _reads_key_path(n: ast.AST, section: str, key: str) -> bool:
    """``n`` reads ``section.key`` of a settings tree: ``get_settings().pr_review_prompt.system``,
    ``settings["pr_review_prompt"]["system"]``, ``cfg.get("pr_review_prompt").get("system")``."""
    def part(m: ast.AST) -> tuple[str | None, ast.AST | None]:
        if isinstance(m, ast.Attribute):
            return m.attr, m.value
        if isinstance(m, ast.Subscript) and isinstance(m.slice, ast.Constant) and isinstance(m.slice.value, str):
            return m.slice.value, m.value
        if isinstance(m, ast.Call) and isinstance(m.func, ast.Attribute) and m.func.attr == "get" and m.args \
                and isinstance(m.args[0], ast.Constant) and isinstance(m.args[0].value, str):
            return m.args[0].value, m.func.value
        return None, None

    if isinstance(n, ast.Constant) and isinstance(n.value, str) and len(n.value) < 300:
        # a loader given the key path as text: T(".prompts:hypothesis_gen.system_prompt"), load("a.b")
        s = n.value.strip()
        dotted = f"{section}.{key}"
        return s == dotted or s.endswith(dotted) and s[-len(dotted) - 1] in ":./"
    last, owner = part(n)
    if last != key or owner is None:
        return False
    first, _ = part(owner)
    return first == section


def _file_literal(home: str):
    """Whether a string literal names the template file ``home``: its file name (``"plan.j2"``), a path
    ending in its folder and file name (``"agents/planner/prompt.jinja2"``), or its stem when the stem is
    distinctive (``"extract-action"``, ``"Web Summary"``: with a ``-``, ``_`` or space)."""
    base = os.path.basename(home)
    stem = base.split(".", 1)[0]
    parent = os.path.basename(os.path.dirname(home))

    def match(s: str) -> bool:
        s = s.strip().replace("\\", "/")
        if len(s) > 300:
            return False
        s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", s)  # builtin://plan.j2: a loader's scheme, then the file name
        if s == base or (s == stem and re.search(r"[-_ ]", stem)):
            return True
        if s.endswith("/" + base) or s.endswith("/" + stem) and re.search(r"[-_ ]", stem):
            return s.rsplit("/", 2)[-2] == parent
        return False

    return match


def _holders(scope_nodes, refers) -> set[str]:
    """Names of one function bound to a value built on the template (``p = PromptTemplate(template=T)``,
    ``chain = p | llm``): two passes, so a holder of a holder counts."""
    out: set[str] = set()
    assigns = [n for n in scope_nodes if isinstance(n, ast.Assign)]
    for _ in range(2):
        for a in assigns:
            if _contains(a.value, lambda n: refers(n) or isinstance(n, ast.Name) and n.id in out):
                for t in a.targets:
                    if isinstance(t, ast.Name):
                        out.add(t.id)
    return out


_COPIES = {"deepcopy", "copy", "dict"}


def _module_of(scope):
    while scope is not None and scope.parent is not None:
        scope = scope.parent
    return scope.node if scope is not None else None


def _dict_value(node: ast.expr | None, key: str, scope, depth: int = 3) -> ast.expr | None:
    """``node`` is a dict literal (or ``dict(k=v)``, or a name bound to one in ``scope``, or a copy of
    one: ``copy.deepcopy(self.vars)``, ``self.vars.copy()``, where ``self.vars = {...}`` is set in the
    same file): its ``key``."""
    if depth <= 0:
        return None
    if isinstance(node, ast.Name) and scope is not None:
        s, values, _param = scope.lookup(node.id)
        later = _set_later(s, node.id, key) if s is not None else None
        if later is not None:  # ctx = {...}; ctx["key"] = v (or ctx.update(key=v)) before the render
            return later
        node = values[-1] if values else None
    if isinstance(node, ast.Call):  # a copy of a dict: copy.deepcopy(x), dict(x), x.copy()
        fn = node.func
        fname = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
        if fname in _COPIES and len(node.args) == 1 and not node.keywords:
            return _dict_value(node.args[0], key, scope, depth - 1)
        if fname == "copy" and isinstance(fn, ast.Attribute) and not node.args:
            return _dict_value(fn.value, key, scope, depth - 1)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
        module = _module_of(scope)  # self.vars = {...} in a method of this file
        for n in ast.walk(module) if module is not None else ():
            if isinstance(n, (ast.Assign, ast.AnnAssign)) and isinstance(n.value, ast.Dict) and any(
                    isinstance(t, ast.Attribute) and t.attr == node.attr and isinstance(t.value, ast.Name)
                    and t.value.id in ("self", "cls") for t in (n.targets if isinstance(n, ast.Assign) else [n.target])):
                got = _dict_value(n.value, key, None, depth - 1)
                if got is not None:
                    return got
        return None
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values):
            if isinstance(k, ast.Constant) and k.value == key:
                return v
            if k is None:  # {**other, ...}
                got = _dict_value(v, key, None, depth - 1)
                if got is not None:
                    return got
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        for kw in node.keywords:
            if kw.arg == key:
                return kw.value
    return None


def _set_later(scope, name: str, key: str) -> ast.expr | None:
    """The last value a function puts under ``key`` in its dict ``name`` by item assignment
    (``ctx["key"] = v``) or ``name.update(key=v)`` / ``name.update({"key": v})``."""
    from .dataflow import _own_nodes

    found = None
    for n in _own_nodes(scope.node):
        if isinstance(n, ast.Assign):
            for t in n.targets:
                if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == name \
                        and isinstance(t.slice, ast.Constant) and t.slice.value == key:
                    if found is None or n.lineno > found.lineno:
                        found = n.value
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "update" \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == name:
            for kw in n.keywords:
                if kw.arg == key and (found is None or n.lineno > found.lineno):
                    found = kw.value
            for a in n.args:
                if isinstance(a, ast.Dict):
                    for k, v in zip(a.keys, a.values):
                        if isinstance(k, ast.Constant) and k.value == key \
                                and (found is None or n.lineno > found.lineno):
                            found = v
    return found


def _fill_value(call: ast.Call, key: str, scope) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == key:
            return kw.value
        if kw.arg is None:
            got = _dict_value(kw.value, key, scope)
            if got is not None:
                return got
        if kw.arg in ("partial_variables", "variables", "inputs", "input"):
            got = _dict_value(kw.value, key, scope)
            if got is not None:
                return got
    for a in call.args:
        got = _dict_value(a, key, scope)
        if got is not None:
            return got
    for kw in call.keywords:  # render(T, rendering_configs={...}): the one mapping a call that names the template passes
        if kw.arg and kw.arg not in ("partial_variables", "variables", "inputs", "input"):
            got = _dict_value(kw.value, key, scope)
            if got is not None:
                return got
    return None


# ------------------------------------------------------------------------------------ Python: fills

def _py_fill_nodes(f, links: _Links) -> list[tuple[ast.AST, object]]:
    """(fill node, scope) of each fill of the template in one parsed file: a fill method called on it or
    on a value built on it, a helper called with it, ``T % {...}``."""
    from .dataflow import _own_nodes

    out = []
    # attributes the file keeps the template in (``self.instruction_template = prompt_data["..."]``)
    fields = {t.attr for n in ast.walk(f.tree) if isinstance(n, ast.Assign) and _contains(n.value, links.refers)
              for t in n.targets if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
              and t.value.id in ("self", "cls")}

    def base(m: ast.AST) -> bool:
        return links.refers(m) or isinstance(m, ast.Attribute) and m.attr in fields and \
            isinstance(m.value, ast.Name) and m.value.id in ("self", "cls")

    module_holders: set[str] = set()
    for scope in [f.module, *f.scopes]:
        nodes = list(_own_nodes(scope.node))
        holders = _holders(nodes, lambda m: base(m) or isinstance(m, ast.Name) and m.id in module_holders)
        holders |= module_holders
        if scope is f.module:
            module_holders = holders

        # a local holding the file's name itself (template_path = "builtin://plan.j2"), not text rendered from it
        paths = {t.id for a in nodes if isinstance(a, ast.Assign) and links.literal is not None
                 and links.refers(a.value) for t in a.targets if isinstance(t, ast.Name)}

        def on_template(n: ast.AST) -> bool:
            return _contains(n, lambda m: base(m) or isinstance(m, ast.Name) and m.id in holders)

        for n in nodes:
            if isinstance(n, ast.Call):
                fn = n.func
                if isinstance(fn, ast.Attribute) and (fn.attr in FILL_METHODS or n.keywords) and on_template(fn.value) or \
                        any(links.refers(a) or links.literal is not None and (isinstance(a, ast.Name)
                            and a.id in paths or _path_to(a, links.refers)) for a in n.args) or \
                        any(kw.arg and links.refers(kw.value) for kw in n.keywords) and len(n.keywords) > 1 or \
                        any(kw.arg in ("template", "prompt") and on_template(kw.value) for kw in n.keywords) or \
                        n.keywords and any(isinstance(a, ast.Name) and a.id in holders for a in n.args):
                    # T.format(k=v), render(T, k=v), PromptTemplate(template=T, partial_...), and a helper given a
                    # template object built on it with the keywords (llm.get_response(Template(filename=...), k=v))
                    out.append((n, scope))
            elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod) and on_template(n.left):
                out.append((n, scope))
    return out


def _fill_nodes_of(index: ProjectIndex, f, path: str, links: _Links, strings) -> list[tuple[ast.AST, object]]:
    """``_py_fill_nodes`` once per file and way of referring to a template: template files of one name in
    many folders (promptsource's 279 ``templates.yaml``, all named by one ``TEMPLATE_FILENAME``) are named
    by the same literals of a file, and so have the same fills there."""
    if links.literal is not None and strings is None:
        return _py_fill_nodes(f, links)
    matched = frozenset(v for v in strings if links.literal(v)) if links.literal is not None else None
    key = ("py-fill-nodes", path, links.name, links.attribute_ok, frozenset(links.names), frozenset(links.modules),
           matched, links.key, links.key_path)
    return index.memo(key, lambda: _py_fill_nodes(f, links))


def _path_to(node: ast.expr, refers) -> bool:
    """A path built to the file a literal names: ``Path(__file__).parent / "read.md"``,
    ``os.path.join(HERE, "read.md")``, ``HERE.joinpath("read.md")`` (the file name is the last part joined)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return refers(node.right)
    if isinstance(node, ast.Call) and node.args and isinstance(node.func, (ast.Attribute, ast.Name)):
        fn = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
        return fn in ("join", "joinpath", "Path", "PurePath") and refers(node.args[-1])
    return False


def _site_value(node: ast.AST, key: str, scope) -> ast.expr | None:
    if isinstance(node, ast.BinOp):
        return _dict_value(node.right, key, scope)
    return _fill_value(node, key, scope)


def _classify_py(f, scope, value: ast.expr, index: ProjectIndex, depth: int, path: str):
    from .dataflow import _PyValue, _Trace, grown_in_loop

    shown = _presented(value)  # "\n".join(steps), str(x): the name they present
    if isinstance(shown, ast.Name):
        loop = grown_in_loop(scope, shown.id, shown.lineno)
        if loop is not None:
            return ev("fill.loop-grown", "per-turn",
                      f"{shown.id} grows at every iteration of the loop at line {loop}", True)
    if depth > 0 and isinstance(shown, ast.Name):
        s, _values, param = scope.lookup(shown.id)
        if param and s is not None and s.name:  # a parameter of the filling function: its callers
            got = _py_callers(index, path, s, shown.id, depth - 1)
            if got is not None and got[2]:
                return got
    trace = _Trace(index, line=getattr(value, "lineno", None))
    got = _strength(_PyValue(scope, trace).of(value, 1), trace)
    if depth >= 0 and (got is None or got[0] != "per-turn"):
        looped = looped_argument(index, path, scope, value, depth)
        if looped is not None:
            return looped
    if (got is None or not got[2]) and scope.name:
        derived = derived_from_parameters(scope, value)
        if derived is not None:
            return derived
    call = value
    if isinstance(value, ast.Name):  # x = project_function(...), then x fills the template
        _s, values, param = scope.lookup(value.id)
        call = values[0] if len(values) == 1 and not param else None
    if (got is None or not got[2]) and isinstance(call, ast.Call):
        returned = _py_returns(index, path, call)
        if returned is not None and returned[2]:
            return returned
    return got


def depends_on(scope, value: ast.expr, limit: int = 60) -> set[str]:
    """Parameters of ``scope``'s function that ``value`` is computed from, through the function's own
    bindings, the items a container is filled with (``xs.append(v)``, ``xs.extend(v)``, ``d[k] = v``)
    and the collection a ``for`` walks: a dependency, not a class (what it is, the callers say)."""
    from .dataflow import _GROW, _own_nodes

    grown: dict[str, list[ast.AST]] = {}
    for n in _own_nodes(scope.node):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _GROW \
                and isinstance(n.func.value, ast.Name):
            grown.setdefault(n.func.value.id, []).extend(n.args)
        elif isinstance(n, ast.Assign):
            for t in n.targets:
                if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name):
                    grown.setdefault(t.value.id, []).append(n.value)
    seen: set[str] = set()
    todo = [m.id for m in ast.walk(value) if isinstance(m, ast.Name)]
    params: set[str] = set()
    while todo and len(seen) < limit:
        name = todo.pop()
        if name in seen or name in ("self", "cls"):
            continue
        seen.add(name)
        if name in scope.params:
            params.add(name)
            continue
        for v in [*scope.binds.get(name, []), *grown.get(name, [])]:
            todo += [m.id for m in ast.walk(v) if isinstance(m, ast.Name)]
    return params


def derived_from_parameters(scope, value: ast.expr):
    """A value the function computes from the conversation it is given (``all_kv`` filled from the tool
    calls found in the ``messages`` parameter) grows with it: per-turn.  Only a parameter whose name says
    it is the conversation (``messages``, ``chat_history``, ``conversation``), only when the value is not
    that parameter itself and the code says nothing stronger."""
    from .volatility import _words

    if isinstance(value, ast.Name) and value.id in scope.params:
        return None
    for p in sorted(depends_on(scope, value)):
        words = _words(p)
        if words and words[-1] in _CONVERSATION and _read_as_it_grows(scope, p):
            return ev("fill.from-conversation", "per-turn",
                      f"computed from {p}, the conversation given to {scope.name}", True)
    return None


def _read_as_it_grows(scope, name: str) -> bool:
    """Some read of the conversation ``name`` in the function moves with it (its last items, a slice, a walk, the
    whole list); only fixed places from its start (``messages[0]``: the first message, the same at every turn of
    the conversation) do not."""
    from .dataflow import _own_nodes

    parents = {id(c): n for n in ast.walk(scope.node) for c in ast.iter_child_nodes(n)}
    for n in _own_nodes(scope.node):
        if not (isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)):
            continue
        up = parents.get(id(n))
        fixed = isinstance(up, ast.Subscript) and up.value is n and isinstance(up.slice, ast.Constant) \
            and isinstance(up.slice.value, int) and up.slice.value >= 0
        if not fixed:
            return True
    return False


# Parameter names that hold the conversation itself (its messages so far).
_CONVERSATION = {"messages", "msgs", "history", "conversation", "transcript", "dialog", "dialogue", "chat"}


def looped_argument(index: ProjectIndex, path: str, scope, value: ast.expr, depth: int):
    """The function that renders the prompt is called at every pass of a loop (``for i in
    range(max_iter): ... self._retrieve_and_answer(followup_query)``) with an argument bound anew in it,
    and ``value`` is computed from that parameter: the prompt is re-rendered with a new value at every
    pass (per-turn)."""
    if not scope.name:
        return None
    for p in sorted(depends_on(scope, value)):
        got = _py_callers(index, path, scope, p, depth - 1)
        if got is not None and got[0] == "per-turn" and got[2]:
            return ev("fill.looped-argument", "per-turn", f"computed from {p}: {got[1]}", True)
    return None


def _presented(value: ast.expr) -> ast.expr:
    """The one name a value only presents: ``"\\n".join(x)``, ``str(x)``, ``x.strip()`` -> ``x``."""
    from .dataflow import _PRESENTERS

    if isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords:
        fn = value.func
        if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Constant) and fn.attr == "join" \
                or isinstance(fn, ast.Name) and fn.id in _PRESENTERS:
            return value.args[0]
    if isinstance(value, ast.Call) and not value.args and isinstance(value.func, ast.Attribute) \
            and value.func.attr in ("strip", "rstrip", "lstrip") and isinstance(value.func.value, ast.Name):
        return value.func.value
    return value


def _py_returns(index: ProjectIndex, path: str, call: ast.Call):
    """A call of a function of the project (``self.get_env_context()``, ``get_day_time()``): what its
    ``return`` statements compute, one level (their own calls are not followed).  The definition in the
    calling file first, else the project's definitions of that name."""
    from .dataflow import _PyValue, _Trace, _own_nodes

    fn = call.func
    name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else None
    if not name or name in FILL_METHODS or name.startswith("__"):
        return None

    def definitions():
        out = []
        for p in [q for q in [path] if q in index.defining(name)] + [q for q in index.defining(name) if q != path]:
            f = index.py(p) if p.endswith(PY_EXTENSIONS) else None
            if f is not None:
                out += [(f, s) for s in f.scopes if s.name == name]
            if out:
                return out  # the nearest file that defines it
        return out

    found = []
    for f, scope in index.memo(("py-defs", path, name), definitions)[:4]:
        known = _known_arguments(scope.node, call)
        for r in _reachable_returns(scope.node.body, known):
            if r.value is not None:
                trace = _Trace(index, line=r.lineno)
                got = _strength(_PyValue(scope, trace, known).of(r.value, 1), trace)
                if got is not None:
                    found.append(carry(got, got[0], f"{name}() returns {ast.unparse(r.value)[:40]}"
                                            + (f": {got[1]}" if got[1] else ""), got[2]))
    return _best(found)


def _known_arguments(fn: ast.AST, call: ast.Call) -> dict:
    """Parameters of ``fn`` whose value at ``call`` is a literal: passed as one, or left at a literal
    default (nothing passed in their place, no ``*args``/``**kwargs`` at the call)."""
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return {}
    a = fn.args
    positional = [x.arg for x in (*a.posonlyargs, *a.args)]
    offset = 1 if positional[:1] in (["self"], ["cls"]) and isinstance(call.func, ast.Attribute) else 0
    known: dict = {}
    starred = any(isinstance(x, ast.Starred) for x in call.args) or any(k.arg is None for k in call.keywords)
    passed = {k.arg: k.value for k in call.keywords if k.arg}
    for k, x in enumerate(call.args):
        if not isinstance(x, ast.Starred) and k + offset < len(positional):
            passed[positional[k + offset]] = x
    for name, value in passed.items():
        if isinstance(value, ast.Constant):
            known[name] = value.value
    if not starred:
        defaults = list(zip(positional[len(positional) - len(a.defaults):], a.defaults)) + \
            [(x.arg, d) for x, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
        for name, d in defaults:
            if name not in passed and isinstance(d, ast.Constant):
                known[name] = d.value
    return known


def _reachable_returns(body: list, known: dict) -> list:
    """The ``return`` statements of a function body that the known arguments can reach: an ``if`` on a
    known parameter runs one branch, and code after a branch that always returns is not reached."""
    from .dataflow import _truth

    out = []
    for stmt in body:
        if isinstance(stmt, ast.Return):
            out.append(stmt)
            return out
        if isinstance(stmt, ast.If):
            t = _truth(stmt.test, known)
            if t is True:
                out += _reachable_returns(stmt.body, known)
                if stmt.body and isinstance(stmt.body[-1], ast.Return):
                    return out
                continue
            if t is False:
                out += _reachable_returns(stmt.orelse, known)
                continue
            out += _reachable_returns(stmt.body, known) + _reachable_returns(stmt.orelse, known)
        elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith)):
            out += _reachable_returns(stmt.body, known) + _reachable_returns(getattr(stmt, "orelse", []), known)
        elif isinstance(stmt, ast.Try):
            for part in (stmt.body, *[h.body for h in stmt.handlers], stmt.orelse, stmt.finalbody):
                out += _reachable_returns(part, known)
    return out


def _template_name(prompt: Prompt) -> tuple[str, bool] | None:
    """(name, is a class attribute) of a template constant: its container's last part."""
    parts = (prompt.container or "").split(".")
    last = re.sub(r"\[.*$|@L\d+$", "", parts[-1])
    if not last.isidentifier():
        return None
    return last, len(parts) > 1


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


def _fill_site_class(f, path: str, node: ast.AST, scope, key: str, index: ProjectIndex):
    """(value, class) of the value a fill site gives ``key`` (None, None: it gives none)."""
    value = _site_value(node, key, scope)
    if value is None:
        return None, None
    from .value_origin import reply_rewrites

    return value, reply_rewrites(scope, node, value) or _classify_py(f, scope, value, index, 1, path)


def fill_sites(prompt: Prompt, index: ProjectIndex) -> list | None:
    """(file, path, fill node, scope) of the fills of a template constant of a Python file, a template
    file, or a template under a key of a data file, in the project's Python code (None: no name to
    look for)."""
    home = os.path.abspath(prompt.path)
    file_template = not home.lower().endswith(PY_EXTENSIONS)
    key_in_file = None
    sites = []
    if file_template:
        if prompt.container:  # a template under a key of a YAML/JSON/TOML file: the code names the file
            key_in_file = re.sub(r"\[.*$", "", prompt.container.rsplit(".", 1)[-1])
            if not key_in_file.isidentifier():
                return None
            parts = [re.sub(r"\[.*$", "", p) for p in prompt.container.split(".")]
            if len(parts) >= 2 and all(p.isidentifier() for p in parts[-2:]):
                # or reads it by its key path, the way settings loaders expose data files (Dynaconf, OmegaConf)
                path = (parts[-2], parts[-1])
                sites = index.memo(("fills-key", path), lambda: _py_fills(index, home, path[0], False, True,
                                                                          None, path))
        chunks = _IDENT.findall(os.path.basename(home).split(".", 1)[0])
        if not chunks:
            return None
        name, in_class = max(chunks, key=len), False
        if not prompt.container:  # Jinja: an included template sees the context of the one including it
            from .jinja_flow import include_map, includers

            includes = index.memo(("includes",), lambda: include_map(getattr(index, "all_paths", [])))
            for inc in index.memo(("includers", home), lambda: includers(includes, home)):
                inc_chunks = _IDENT.findall(os.path.basename(inc).split(".", 1)[0])
                if inc_chunks:
                    inc_name = max(inc_chunks, key=len)
                    sites = sites + index.memo(("fills", inc, inc_name, None),
                                               lambda: _py_fills(index, inc, inc_name, False, True, None))
    else:
        got = _template_name(prompt)
        if got is None:
            return None
        name, in_class = got
    if key_in_file:  # a prompt factory's method named for the key (value_origin)
        from .value_origin import factory_fills

        sites = sites + index.memo(("factory-fills", home, prompt.container), lambda: factory_fills(prompt, index))
    return sites + index.memo(("fills", home, name, key_in_file),
                              lambda: _py_fills(index, home, name, in_class, file_template, key_in_file))


def _passes_kwargs(node: ast.AST, scope) -> bool:
    """The fill passes on the ``**kwargs`` of the function it sits in: ``T.format(**kwargs)``."""
    fn = scope.node
    if not isinstance(node, ast.Call) or not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) \
            or fn.args.kwarg is None or not scope.name:
        return False
    return any(kw.arg is None and isinstance(kw.value, ast.Name) and kw.value.id == fn.args.kwarg.arg
               for kw in node.keywords)


def _py_fills(index: ProjectIndex, home: str, name: str, in_class: bool, file_template: bool,
              key_in_file: str | None, key_path: tuple[str, str] | None = None) -> list:
    """(file, path, fill node, scope) of the first ``MAX_SITES`` fills of a template in the project."""
    out = []
    # what an import must name for another file to link to the template (``_Links``): the name, ``*``, or
    # the template's module; a file whose imports name none of them is passed over by one set test
    linking = {name, "*"} | _module_names(home)
    for path, f in index.py_mentioning(name):
        # a file's imports are read once per scan, not once per template it mentions (names such as
        # SYSTEM_PROMPT recur in many modules: walking each tree again made this loop quadratic)
        imports = index.memo(("py-imports", path), lambda: _import_nodes(f.tree))
        if not (path == home or in_class or file_template or key_path) and index.memo(
                ("py-import-words", path), lambda: _import_words(imports)).isdisjoint(linking):
            continue
        strings = index.memo(("py-strings", path), lambda: _string_constants(f.tree)) if file_template else None
        links = _Links(f.tree, name, home, path == home, in_class, file_template, key_in_file, key_path, imports,
                       strings)
        if key_in_file and links.key is None:
            if path not in _schema_users(index, home, key_in_file):
                continue  # the file does not name this data file: its attributes are someone else's
            links.key = key_in_file  # it names the class the data file is loaded into
        if links.any:
            out += [(f, path, n, scope) for n, scope in _fill_nodes_of(index, f, path, links, strings)]
        if len(out) >= MAX_SITES:
            break
    return out[:MAX_SITES]


def _data_keys(path: str) -> frozenset[str]:
    """The top-level keys of a YAML/JSON/TOML data file (empty when it does not parse or is no mapping)."""
    import json
    import tomllib

    import yaml

    text = _read(path, 1 << 20)
    if text is None:
        return frozenset()
    low = path.lower()
    try:
        data = json.loads(text) if low.endswith(".json") else tomllib.loads(text) if low.endswith(".toml") \
            else yaml.safe_load(text)
    except (ValueError, RecursionError, yaml.YAMLError):  # the reader reports a broken file itself
        return frozenset()
    return frozenset(k for k in data if isinstance(k, str)) if isinstance(data, dict) else frozenset()


def _schema_users(index: ProjectIndex, home: str, key: str) -> frozenset[str]:
    """Python files that name a class the data file ``home`` is loaded into (so ``obj.key`` reads its
    ``key``): a class whose own annotated fields (a dataclass, a pydantic model: the shape loaders such as
    ``yaml_to_class(path, Cls)``, dacite or ``Cls(**yaml.safe_load(f))`` fill) include ``key`` and are,
    at least three of them and four in five, top-level keys of the file (PromptWizard's
    ``CritiqueNRefinePromptPool`` for ``prompt_pool.yaml``; ``core_logic.py`` takes a
    ``prompt_pool: CritiqueNRefinePromptPool`` and fills ``self.prompt_pool.critique_refine_template``)."""
    def compute() -> frozenset[str]:
        keys = _data_keys(home)
        if key not in keys:
            return frozenset()
        classes = set()
        for _path, f in index.py_mentioning(key):
            for n in ast.walk(f.tree):
                if isinstance(n, ast.ClassDef):
                    fields = {s.target.id for s in n.body if isinstance(s, ast.AnnAssign)
                              and isinstance(s.target, ast.Name)}
                    shared = fields & keys
                    if key in fields and len(shared) >= 3 and 5 * len(shared) >= 4 * len(fields):
                        classes.add(n.name)
        return frozenset(p for c in classes for p in index.mentioning(c) if p.endswith(PY_EXTENSIONS))

    return index.memo(("schema-users", home, key), compute)


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
        files = [p for p, _f in index.py_mentioning(key)]
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


# ---------------------------------------------------------------------------------- Python: callers

def _py_params(fn: ast.AST) -> list[str]:
    a = fn.args
    return [x.arg for x in (*a.posonlyargs, *a.args)]


def _reusable() -> bool:
    """Results of the code readers may be kept for the scan (``ProjectIndex.memo``): not while
    benchmarks/rule_precision.py disables rules or records the ones reached (``evidence``)."""
    from . import evidence

    return evidence.FIRED is None and not evidence.DISABLED


def _at(path: str, node: ast.AST) -> tuple:
    """Where a node is written: stable across parses of the same file (unlike ``id``)."""
    return (os.path.abspath(path), getattr(node, "lineno", 0), getattr(node, "col_offset", 0),
            getattr(node, "end_lineno", 0), getattr(node, "end_col_offset", 0))


def _py_callers(index: ProjectIndex, home: str, scope, param: str, depth: int) -> tuple[str, str] | None:
    """The class of what the callers of ``scope``'s function pass for ``param``; for ``__init__``, what
    the constructions of its class pass (``SystemRole("ShellGPT", ...)``).  Computed once per scan for a
    function, parameter and depth: every variable of every template filled in that function asks it
    again (promptsource: two thousand templates, each rendered by ``Template.apply``)."""
    if not _reusable():
        return _py_callers_of(index, home, scope, param, depth)
    return index.memo(("py-callers-of", *_at(home, scope.node), scope.name, param, depth),
                      lambda: _py_callers_of(index, home, scope, param, depth))


def _py_callers_of(index: ProjectIndex, home: str, scope, param: str, depth: int) -> tuple[str, str] | None:
    fn = scope.node
    name = scope.name
    constructor = name == "__init__"
    called = name == "__call__"  # actor = VLMAgent(...); actor(messages=..., parsed_screen=...)
    if constructor or called:
        name = _class_of(scope)
        if not name:
            return None
    elif name.startswith("__"):
        return None
    # invoke(), run(), render(): every template and chain has one; only a call naming the parameter
    # (``router.invoke(query=q)``) is taken for this function's
    by_keyword_only = name in FILL_METHODS
    params = _py_params(fn)
    method = bool(params) and params[0] in ("self", "cls")
    pos = params.index(param) if param in params else None
    found = []
    literals: set[str] = set()
    sites = 0
    calls = index.memo(("py-calls", name, called), lambda: [
        (f, p, c) for p, f in index.py_mentioning(name)
        for c in (_instance_calls(f, name) if called else _calls_to(f, name))])
    home_calls = [c for c in calls if c[1] == os.path.abspath(home)]
    if method:  # in its own file, self.agents[k].process(...) calls the process of an object self holds
        home_calls = [c for c in home_calls if not _on_held_object(c[2])]
        calls = [c for c in calls if c[1] != os.path.abspath(home) or not _on_held_object(c[2])]
    if method and home_calls:
        calls = home_calls  # a method: its own file's calls (self.m(...)) before same-named methods elsewhere
    for f, path, call in calls:
        value = None
        for kw in call.keywords:
            if kw.arg == param:
                value = kw.value
        if value is None and pos is not None and not by_keyword_only:
            k = pos - (1 if method and (constructor or called or isinstance(call.func, ast.Attribute)) else 0)
            if 0 <= k < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:k + 1]):
                value = call.args[k]
        if value is None:
            continue
        sites += 1
        if isinstance(value, ast.Name):  # reviewer_1 = "You are a harsh ..." then get_score(reviewer_type=reviewer_1)
            _s, bound, is_param = f.scope_at(call.lineno).lookup(value.id)
            if not is_param and len(bound) == 1 and isinstance(bound[0], ast.Constant):
                literals.add(repr(bound[0].value))
        if isinstance(value, ast.Constant):
            literals.add(repr(value.value))
        got = _classify_py(f, f.scope_at(call.lineno), value, index, depth, path)
        if got is not None:
            found.append(carry(got, got[0], f"{param}={ast.unparse(value)[:50]} from the call at "
                                            f"{_where(path, call.lineno, home)}" + (f": {got[1]}" if got[1] else ""),
                                    got[2]))
        if sites >= MAX_SITES:
            break
    return per_call_site(found, literals, param) or _best(found)


def _instance_calls(f, cls: str) -> list[ast.Call]:
    """Calls of instances of the class ``cls`` in one file: a name or ``self.attr`` bound to ``cls(...)`` and
    then called (``actor = VLMAgent(...)`` ... ``actor(messages=messages)``): each runs its ``__call__``."""
    def made(v: ast.expr) -> bool:
        fn = v.func if isinstance(v, ast.Call) else None
        return isinstance(fn, ast.Name) and fn.id == cls or isinstance(fn, ast.Attribute) and fn.attr == cls

    names, attrs = set(), set()
    for n in ast.walk(f.tree):
        if isinstance(n, ast.Assign) and made(n.value):
            for t in n.targets:
                if isinstance(t, ast.Name):
                    names.add(t.id)
                elif isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id in ("self", "cls"):
                    attrs.add(t.attr)
    return [n for n in ast.walk(f.tree) if isinstance(n, ast.Call) and (
        isinstance(n.func, ast.Name) and n.func.id in names or isinstance(n.func, ast.Attribute)
        and n.func.attr in attrs and isinstance(n.func.value, ast.Name) and n.func.value.id in ("self", "cls"))]


def _on_held_object(call: ast.Call) -> bool:
    """The call is on an object ``self`` holds (``self.agents[k].process(...)``, ``self.llm.run(...)``), not on
    ``self`` itself: in the method's own class, that is a same-named method of another object."""
    fn = call.func
    if not isinstance(fn, ast.Attribute) or isinstance(fn.value, ast.Name):
        return False
    n = fn.value
    while isinstance(n, (ast.Attribute, ast.Subscript)):
        n = n.value
    return isinstance(n, ast.Name) and n.id in ("self", "cls")


def _class_of(scope) -> str | None:
    """The name of the class whose body defines ``scope``'s function."""
    f = scope.file
    if f is None:
        return None
    for n in ast.walk(f.tree):
        if isinstance(n, ast.ClassDef) and any(b is scope.node for b in n.body):
            return n.name
    return None


def per_call_site(found: list, literals: set, param: str):
    """Every caller passes a literal and they differ (``update_prompt(doc, "code")``, ``(doc, "sheet")``):
    the value is fixed by which part of the program calls, not by the request: per-config."""
    if len(literals) > 1 and found and all(g[0] == "constant" for g in found):
        shown = ", ".join(sorted(literals)[:3])
        return ev("fill.per-call-site", "per-config",
                  f"{param}: each call passes its own literal ({shown}): fixed per call site", True)
    return None


def _calls_to(f, name: str) -> list[ast.Call]:
    return [n for n in ast.walk(f.tree) if isinstance(n, ast.Call) and (
        isinstance(n.func, ast.Name) and n.func.id == name or
        isinstance(n.func, ast.Attribute) and n.func.attr == name)]


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
        found = []
        for p in sorted(depends_on(scope, ast.Name(root))):
            got = _py_callers(index, home, scope, p, 1)
            if got is not None and got[2]:
                found.append(carry(got, got[0], f"{root} is computed from {p}: {got[1]}", True))
        return _best(found)
    return None


# -------------------------------------------------------------------------------------------- entry

def project_class(seg: Segment, prompt: Prompt | None, expr: str, name: str, index: ProjectIndex | None):
    """The class of the value filling ``seg`` read from the rest of the project; None when it says nothing."""
    from .volatility import Volatility

    if index is None or prompt is None or not prompt.path:
        return None
    path = prompt.path.lower()
    got = None
    try:
        from .sources.js.grammar import EXTENSIONS as JS

        if path.endswith(JS):
            from .crossflow_js import js_project_class

            got = js_project_class(seg, prompt, expr, name, index)
        elif prompt.syntax == "fstring":
            got = py_param_class(seg, prompt, expr, index)
        else:  # a template constant of a Python file, or a template file, filled in Python code
            from .volatility import _chains

            chains = _chains(name) if name else []
            key = chains[0].split(".")[0] if chains else (name.split(".")[0].strip() if name else "")
            got = py_fill_class(prompt, key, index)
            if got is None or not got[2]:
                got = py_replace_class(seg, key, index) or got
            if got is None or not got[2]:
                from .crossflow_js import js_replace_class

                got = js_replace_class(seg, key, index) or got
    except RecursionError:
        return None
    if got is None:
        return None
    if not got[2]:  # only the argument's name speaks: the variable's own name, when it says more, wins;
        # an ambiguous one yields to what the file says of it (a parameter: each call supplies it)
        from .volatility import _chains, ambiguous_name, name_class

        # the names the name stage reads (volatility.classify: the chains of the expression, not its literals)
        said = _chains(expr) or [name or expr]
        if any(name_class(c) is not None for c in said) or ambiguous_name(name or expr):
            return None
    return Volatility(got[0], "expression", got[1], rule_of(got))

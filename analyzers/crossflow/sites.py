"""Where a template is filled: the fill sites in the scan's Python files, data-file schemas."""

from __future__ import annotations

import ast
import os
import re

from ..model import Prompt
from .callers import _classify_py
from .index import _IDENT, _module_names, _read, FILL_METHODS, MAX_SITES, ProjectIndex, PY_EXTENSIONS
from .links import _contains, _holders, _import_nodes, _import_words, _Links, _string_constants
from .values import _site_value


# ------------------------------------------------------------------------------------ Python: fills

def _py_fill_nodes(f, links: _Links) -> list[tuple[ast.AST, object]]:
    """(fill node, scope) of each fill of the template in one parsed file: a fill method called on it or
    on a value built on it, a helper called with it, ``T % {...}``."""
    from ..dataflow.python_file import _own_nodes

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


def _template_name(prompt: Prompt) -> tuple[str, bool] | None:
    """(name, is a class attribute) of a template constant: its container's last part."""
    parts = (prompt.container or "").split(".")
    last = re.sub(r"\[.*$|@L\d+$", "", parts[-1])
    if not last.isidentifier():
        return None
    return last, len(parts) > 1


def _fill_site_class(f, path: str, node: ast.AST, scope, key: str, index: ProjectIndex):
    """(value, class) of the value a fill site gives ``key`` (None, None: it gives none)."""
    value = _site_value(node, key, scope)
    if value is None:
        return None, None
    from ..value_origin import reply_rewrites

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
            from ..jinja_flow import include_map, includers

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
        from ..value_origin import factory_fills

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

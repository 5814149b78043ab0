"""Constants a JavaScript/TypeScript file imports from another file of the project.

``templates/navigator.ts`` writes `` `...${commonSecurityRules}...` `` with
``import { commonSecurityRules } from './common'``; ``common.ts`` has
``export const commonSecurityRules = `...` ``.  The value is the same on every request, so it is text
of the prompt (as a same-file ``const`` is, ``js.names.resolve_names``), not a variable.

Each module's *summary* holds what other files can import from it: the text of every module-level
``const`` bound to a literal whose own ``${...}`` are all constants (of that file or imported in turn),
its exports (``export const``, ``export { A as B }``, ``export default X``/`` `...` ``), re-exports
(``export { A } from './x'``, ``export * from './x'``) and its imports.  Specifiers are resolved
without a tsconfig, as bundlers and Node do for relative paths: ``./x`` is ``x.ts``, ``x.tsx``,
``x.js``... or ``x/index.*``; ``./x.js`` written in TypeScript (ESM style) is ``x.ts``.  Path
aliases of the nearest tsconfig (``@/lib/x``) are followed, and so is a package of the same workspace
(``@codebuff/common/json-config/constants``: npm/Yarn/Bun ``workspaces`` or ``pnpm-workspace.yaml``,
through the package's ``exports``); other packages are not: their value stays a variable.

Each file is parsed once per scan: the loader hands its syntax tree over (``note_tree``) and the
summary is made from it; a file needed before the loader reaches it is parsed here, and that tree is
kept for the loader to take (``take_tree``), then dropped (at most ``MAX_KEPT_TREES`` at a time).  Imports are followed at most
``MAX_DEPTH`` files deep; a cycle yields no value.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..inputs import open_text
from ..js_tree import text as _text

RESOLVE_EXTENSIONS = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
_JS_WRITTEN = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
MAX_DEPTH = 4


@dataclass
class ModuleSummary:
    consts: dict[str, str] = field(default_factory=dict)  # module-level const -> its constant text
    exports: dict[str, str] = field(default_factory=dict)  # exported name -> local name
    reexports: dict[str, tuple[str, str]] = field(default_factory=dict)  # exported -> (spec, name)
    star: list[str] = field(default_factory=list)  # export * from spec
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # local -> (spec, name|default|*)
    params: dict[str, list] = field(default_factory=dict)  # module-level function -> its parameter names
    calls: dict[str, str] = field(default_factory=dict)  # module-level function -> the constant text it returns
    wraps: dict[str, list] = field(default_factory=dict)  # module-level function -> parameters spliced into its text
    members: dict[str, dict] = field(default_factory=dict)  # const object -> {member: its constant text}
    statics: dict[str, dict] = field(default_factory=dict)  # class/const object -> {"A.B": items of a constant array}
    fills: dict[str, tuple] = field(default_factory=dict)  # function -> (prefix, suffix) of the markers it fills
    formats: dict[str, str] = field(default_factory=dict)  # function -> the %-specifiers it fills in order (js.printf)
    # the printf-style calls whose template is a name: (name as written, kind, values' texts, object members)
    formatted: list = field(default_factory=list)
    sends: dict[str, dict] = field(default_factory=dict)  # function -> {parameter position: (name, role)} sent as a message


def resolve_module(importer: str, spec: str) -> str | None:
    """The file an import specifier names: a relative one (``./x``), or one a path alias of the nearest
    ``tsconfig.json``/``jsconfig.json`` maps (``~/modules/*`` -> ``./src/modules/*``, ``@/*``); None
    for a package or nothing on disk."""
    if not spec.startswith(("./", "../")) and spec not in (".", ".."):
        folder = os.path.dirname(os.path.abspath(importer))
        for base in _aliased(folder, spec):
            found = _with_extension(base)
            if found:
                return found
        return _workspace_module(folder, spec)
    return _with_extension(os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(importer)), spec)))


def _with_extension(base: str) -> str | None:
    stem, ext = os.path.splitext(base)
    candidates = []
    if ext in _JS_WRITTEN:
        candidates += [stem + e for e in _JS_WRITTEN[ext]]
    if ext in RESOLVE_EXTENSIONS:
        candidates.append(base)
    candidates += [base + e for e in RESOLVE_EXTENSIONS]
    candidates += [os.path.join(base, "index" + e) for e in RESOLVE_EXTENSIONS]
    return next((c for c in candidates if os.path.isfile(c)), None)


def _aliased(folder: str, spec: str) -> list[str]:
    """The paths ``spec`` may name under the ``compilerOptions.paths`` (and ``baseUrl``) of the nearest
    ``tsconfig.json``/``jsconfig.json`` above ``folder`` (its ``extends`` is not followed)."""
    config = _nearest_config(folder)
    if config is None:
        return []
    base, paths = _compiler_paths(config, os.path.getmtime(config))
    out = []
    for pattern, targets in paths:
        head, star, tail = pattern.partition("*")
        if star and spec.startswith(head) and spec.endswith(tail) and len(spec) >= len(head) + len(tail):
            middle = spec[len(head):len(spec) - len(tail)]
            out += [os.path.normpath(os.path.join(base, t.replace("*", middle, 1))) for t in targets]
        elif not star and spec == pattern:
            out += [os.path.normpath(os.path.join(base, t)) for t in targets]
    if base != os.path.dirname(config) or not paths:  # an explicit baseUrl resolves bare specifiers too
        out.append(os.path.normpath(os.path.join(base, spec)))
    return out


def _workspace_module(folder: str, spec: str) -> str | None:
    """The file a bare specifier names in a package of the same workspace (npm/Yarn/Bun ``workspaces``
    of the nearest ``package.json`` that declares them, or ``pnpm-workspace.yaml``): the package manager
    links each member package into ``node_modules`` under its ``name``, and Node resolves the subpath
    through that package's ``exports`` map (``"./*": "./src/*.ts"``), else under its folder."""
    head = spec.split("/")
    name_len = 2 if spec.startswith("@") else 1
    if len(head) < name_len or not all(head[:name_len]):
        return None
    name, sub = "/".join(head[:name_len]), "/".join(head[name_len:])
    root = _workspace_root(folder)
    if root is None:
        return None
    package = _workspace_packages(root, os.path.getmtime(os.path.join(root, _workspace_manifest(root)))).get(name)
    if package is None:
        return None
    manifest = _package_json(os.path.join(package, "package.json"))
    exports = manifest.get("exports")
    key = "./" + sub if sub else "."
    for target in _export_targets(exports, key) if exports is not None else ():
        found = _with_extension(os.path.normpath(os.path.join(package, target)))
        if found:
            return found
    if exports is not None:
        return None  # an exports map hides every other path of the package
    if not sub:
        for field_name in ("source", "module", "main", "types"):
            if isinstance(manifest.get(field_name), str):
                target = os.path.normpath(os.path.join(package, manifest[field_name]))
                found = _with_extension(target) or _compiled_source(package, target)
                if found:
                    return found
    return _with_extension(os.path.join(package, sub) if sub else os.path.join(package, "index"))


def _compiled_source(package: str, target: str) -> str | None:
    """The source file a package's entry point is compiled from, when the entry names build output that
    is not in the tree (``"main": "dist/index.js"`` of a member package never built): its ``tsconfig.json``
    maps ``outDir`` to ``rootDir`` (``dist`` -> ``src``), so ``dist/index.js`` comes from ``src/index.ts``."""
    config = os.path.join(package, "tsconfig.json")
    if not os.path.isfile(config):
        return None
    out_dir, root_dir = _compiled_dirs(config, os.path.getmtime(config))
    if not out_dir or not root_dir:
        return None
    out_dir = os.path.normpath(os.path.join(package, out_dir))
    rel = os.path.relpath(target, out_dir)
    if rel.startswith(".."):
        return None
    for suffix in (".d.ts", ".d.mts", ".d.cts", ".js", ".mjs", ".cjs"):
        if rel.endswith(suffix):
            rel = rel[:-len(suffix)]
            break
    return _with_extension(os.path.normpath(os.path.join(package, root_dir, rel)))


@lru_cache(maxsize=64)
def _compiled_dirs(config: str, mtime: float) -> tuple[str, str]:
    """(``outDir``, ``rootDir``) a tsconfig declares itself (its ``extends`` is not followed)."""
    import json5

    try:
        with open_text(config, encoding="utf-8-sig") as fh:
            options = (json5.load(fh) or {}).get("compilerOptions") or {}
    except (OSError, ValueError, RecursionError, AttributeError):
        return "", ""
    if not isinstance(options, dict):
        return "", ""
    return str(options.get("outDir") or ""), str(options.get("rootDir") or "")


def _export_targets(exports, key: str) -> list[str]:
    """The paths an ``exports`` map gives ``key`` (``"."``, ``"./util/xml"``): an exact entry, else the
    longest ``*`` pattern; conditions (``import``, ``types``, ``bun``, ``default``...) in written order."""
    if isinstance(exports, (str, list)) or (isinstance(exports, dict) and not any(k.startswith(".") for k in exports)):
        return _condition_targets(exports) if key == "." else []
    if not isinstance(exports, dict):
        return []
    if key in exports:
        return _condition_targets(exports[key])
    best = None
    for pattern, value in exports.items():
        prefix, star, suffix = pattern.partition("*")
        if star and key.startswith(prefix) and key.endswith(suffix) and len(key) >= len(prefix) + len(suffix):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, key[len(prefix):len(key) - len(suffix)], value)
    if best is None:
        return []
    return [t.replace("*", best[1]) for t in _condition_targets(best[2])]


def _condition_targets(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for v in value for t in _condition_targets(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _condition_targets(v)]
    return []


def _workspace_manifest(root: str) -> str:
    return "pnpm-workspace.yaml" if os.path.isfile(os.path.join(root, "pnpm-workspace.yaml")) else "package.json"


@lru_cache(maxsize=256)
def _workspace_root(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` whose manifest declares workspaces."""
    while True:
        if _workspace_globs(folder):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _workspace_globs(root: str) -> list[str]:
    pnpm = os.path.join(root, "pnpm-workspace.yaml")
    if os.path.isfile(pnpm):
        import yaml

        try:
            with open_text(pnpm, encoding="utf-8") as fh:
                data = yaml.safe_load(fh)
        except (OSError, ValueError, yaml.YAMLError):
            return []
        packages = data.get("packages") if isinstance(data, dict) else None
        return [str(g) for g in packages if isinstance(g, str)] if isinstance(packages, list) else []
    spaces = _package_json(os.path.join(root, "package.json")).get("workspaces")
    if isinstance(spaces, dict):  # Yarn 1: {"packages": [...], "nohoist": [...]}
        spaces = spaces.get("packages")
    return [str(g) for g in spaces if isinstance(g, str)] if isinstance(spaces, list) else []


@lru_cache(maxsize=16)
def _workspace_packages(root: str, mtime: float) -> dict[str, str]:
    """Package name -> folder, for the member packages a workspace root's globs match."""
    import glob

    out: dict[str, str] = {}
    for pattern in _workspace_globs(root):
        if pattern.startswith("!"):
            continue
        pattern = pattern.rstrip("/")
        if "**" in pattern:  # (a walk that skips installed packages, not glob's, which enters them)
            head = pattern.split("**", 1)[0].rstrip("/")
            folders = _package_folders(os.path.join(root, head) if head else root)
        else:
            folders = sorted(glob.glob(os.path.join(root, pattern)))
        for folder in folders:
            if "node_modules" in folder.split(os.sep):
                continue
            name = _package_json(os.path.join(folder, "package.json")).get("name")
            if isinstance(name, str) and name not in out:
                out[name] = os.path.normpath(folder)
    return out


def _package_folders(top: str, depth: int = 4) -> list[str]:
    """Folders holding a ``package.json`` at most ``depth`` levels below ``top``, outside installed
    packages and hidden folders."""
    out = []
    base = top.rstrip(os.sep).count(os.sep)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d != "node_modules" and not d.startswith("."))
        if dirpath.count(os.sep) - base >= depth:
            dirnames[:] = []
        if "package.json" in filenames:
            out.append(dirpath)
    return out


def _package_json(path: str) -> dict:
    import json

    try:
        with open_text(path, encoding="utf-8-sig") as fh:
            data = json.load(fh)
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _nearest_config(folder: str) -> str | None:
    while True:
        for name in ("tsconfig.json", "jsconfig.json"):
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                return path
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


@lru_cache(maxsize=64)
def _compiler_paths(config: str, mtime: float) -> tuple[str, list]:
    """(base folder, [(pattern, [targets])]) of a tsconfig; nothing when it does not parse."""
    import json5

    try:
        with open_text(config, encoding="utf-8-sig") as fh:
            options = (json5.load(fh) or {}).get("compilerOptions") or {}
    except (OSError, ValueError, RecursionError, AttributeError):
        return os.path.dirname(config), []
    if not isinstance(options, dict):
        return os.path.dirname(config), []
    base = os.path.normpath(os.path.join(os.path.dirname(config), str(options.get("baseUrl") or ".")))
    paths = options.get("paths") if isinstance(options.get("paths"), dict) else {}
    return base, [(str(k), [str(t) for t in v if isinstance(t, str)]) for k, v in paths.items() if isinstance(v, list)]


def _spec(node) -> str | None:
    src = node.child_by_field_name("source")
    return "".join(_text(c) for c in src.named_children) if src is not None else None


def imports_of(root) -> dict[str, tuple[str, str]]:
    """Local name -> (specifier, imported name; ``default``, ``*`` for a namespace) of a module."""
    out: dict[str, tuple[str, str]] = {}
    for st in root.named_children:
        if st.type != "import_statement":
            continue
        spec = _spec(st)
        clause = next((c for c in st.named_children if c.type == "import_clause"), None)
        if spec is None or clause is None:
            continue
        for c in clause.named_children:
            if c.type == "identifier":
                out[_text(c)] = (spec, "default")
            elif c.type == "namespace_import":
                ident = next((i for i in c.named_children if i.type == "identifier"), None)
                if ident is not None:
                    out[_text(ident)] = (spec, "*")
            elif c.type == "named_imports":
                for s in c.named_children:
                    if s.type != "import_specifier":
                        continue
                    name, alias = s.child_by_field_name("name"), s.child_by_field_name("alias")
                    if name is not None:
                        out[_text(alias or name)] = (spec, _text(name))
    return out


def summarize(root, path: str, index) -> ModuleSummary:
    """What ``path`` (parsed as ``root``) offers to the files that import from it."""
    from .js.literals import _NAMES

    summary = ModuleSummary(imports=imports_of(root))
    imported = importer(index, path, summary.imports)
    from .js.names import resolve_names

    token = _NAMES.set(lambda parts: resolve_names(parts, root, imported=imported))  # this file's names
    try:
        _read_module(root, summary, imported)
    finally:
        _NAMES.reset(token)
    from .js.grammar import _grammar, _kind
    from .js.printf import formatted_names

    summary.formatted = formatted_names(
        root, _grammar(_kind(path))[0].language, summary.imports, summary.formats,
        (lambda local: imported_params(index, path, summary.imports, local, "formats")) if index is not None else None)
    return summary


def _read_module(root, summary: ModuleSummary, imported) -> None:
    from .js.calls import wrapped_params
    from .js.fills import marker_fill
    from .js.printf import own_formatter
    from .js.param_messages import sent_positions
    from .js.literals import literal_parts
    from .js.names import function_literal, object_literal, object_members, resolve_names
    from .js.tree import _module_functions, param_names

    functions = _module_functions(root)
    summary.params = {name: param_names(fn) for name, fn in functions.items()}
    summary.wraps = {name: w for name, fn in functions.items() if (w := wrapped_params(fn))}
    summary.fills = {name: f for name, fn in functions.items() if (f := marker_fill(fn))}
    summary.formats = {name: f for name, fn in functions.items() if (f := own_formatter(name, fn))}
    summary.sends = {name: {i: (param_names(fn)[i], r) for i, r in s.items()} for name, fn in functions.items()
                     if (s := sent_positions(fn))}
    for name, fn in functions.items():
        # a function whose one return is a constant literal: its call is that text in an importer
        # (``${locateGroundingRules()}``), as an imported constant is
        parts = function_literal(fn)
        text = _constant_text(resolve_names(parts, root, imported=imported)) if parts else None
        if text is not None:
            summary.calls[name] = text

    for st in root.named_children:
        decl = st
        if st.type == "export_statement":
            spec = _spec(st)
            clause = next((c for c in st.named_children if c.type == "export_clause"), None)
            value = st.child_by_field_name("value")
            if spec is not None and clause is None:
                summary.star.append(spec)
            elif clause is not None:
                for s in clause.named_children:
                    name, alias = s.child_by_field_name("name"), s.child_by_field_name("alias")
                    if name is None:
                        continue
                    if spec is not None:
                        summary.reexports[_text(alias or name)] = (spec, _text(name))
                    else:
                        summary.exports[_text(alias or name)] = _text(name)
            elif value is not None:  # export default X / `...`
                if value.type == "identifier":
                    summary.exports["default"] = _text(value)
                else:
                    parts = literal_parts(value)
                    text = _constant_text(resolve_names(parts, root, imported=imported)) if parts else None
                    if text is not None:
                        summary.consts[" default"] = text
                        summary.exports["default"] = " default"
            decl = st.child_by_field_name("declaration")
            if decl is None:
                continue
            if decl.type in ("function_declaration", "generator_function_declaration", "class_declaration") \
                    and decl.child_by_field_name("name") is not None:
                summary.exports[_text(decl.child_by_field_name("name"))] = _text(decl.child_by_field_name("name"))
                continue
        if decl.type not in ("lexical_declaration", "variable_declaration") or _text(decl.children[0]) != "const":
            continue
        for d in decl.named_children:
            if d.type != "variable_declarator":
                continue
            name, value = d.child_by_field_name("name"), d.child_by_field_name("value")
            if name is None or value is None or name.type != "identifier":
                continue
            if st.type == "export_statement":
                summary.exports[_text(name)] = _text(name)
            parts = literal_parts(value)
            text = _constant_text(resolve_names(parts, root, imported=imported)) if parts else None
            if text is not None:
                summary.consts[_text(name)] = text
            obj = object_literal(value)
            if obj is not None:  # export const TOPICS = {OUTPUT: ps`CODE5711`, ...} as const
                members = {}
                for key, member in object_members(obj).items():
                    parts = literal_parts(member)
                    text = _constant_text(resolve_names(parts, root, imported=imported)) if parts else None
                    if text is not None:
                        members[key] = text
                if members:
                    summary.members[_text(name)] = members
    summary.statics = static_arrays(root, imported)


def static_arrays(root, imported=None) -> dict[str, dict[str, tuple]]:
    """The constant arrays a module's classes and ``const`` objects hold as static members, by the name
    of the class or object: ``class NutJSElectronOperator { static MANUAL = { ACTION_SPACES: [`click(...)`,
    ...] } }`` gives ``{"NutJSElectronOperator": {"MANUAL.ACTION_SPACES": ("click(...)", ...)}}``.  Only
    arrays of literals whose text is constant, and none the module grows (``.push``/``.unshift``/
    ``.splice`` of that member)."""
    from .js.literals import literal_parts
    from .js.names import object_literal, object_members, resolve_names

    out: dict[str, dict[str, tuple]] = {}
    grown = {m.group(1) for m in _GROWN.finditer(_text(root))}

    def collect(value, path: str, into: dict, depth: int = 0) -> None:
        obj = object_literal(value)
        if obj is not None and depth < 3:
            for key, member in object_members(obj).items():
                collect(member, f"{path}.{key}" if path else key, into, depth + 1)
            return
        while value is not None and value.type in ("as_expression", "satisfies_expression") and value.named_children:
            value = value.named_children[0]
        if value is None or value.type != "array" or not value.named_children or path.rsplit(".", 1)[-1] in grown:
            return
        items = []
        for item in value.named_children:
            parts = literal_parts(item)
            text = _constant_text(resolve_names(parts, root, imported=imported)) if parts else None
            if text is None:
                return
            items.append(text)
        into[path] = tuple(items)

    for st in root.named_children:
        decl = st.child_by_field_name("declaration") if st.type == "export_statement" else st
        if decl is None:
            continue
        if decl.type == "class_declaration" and decl.child_by_field_name("name") is not None:
            body, found = decl.child_by_field_name("body"), {}
            for f in body.named_children if body is not None else ():
                if f.type not in ("public_field_definition", "field_definition") or \
                        not any(c.type == "static" for c in f.children):
                    continue
                name = f.child_by_field_name("name") or f.child_by_field_name("property")
                if name is not None:
                    collect(f.child_by_field_name("value"), _text(name), found)
            if found:
                out[_text(decl.child_by_field_name("name"))] = found
        elif decl.type == "lexical_declaration" and _text(decl.children[0]) == "const":
            for d in decl.named_children:
                name = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                found = {}
                if name is not None and name.type == "identifier" and object_literal(d.child_by_field_name("value")):
                    collect(d.child_by_field_name("value"), "", found)
                if found:
                    out[_text(name)] = found
    return out


_GROWN = re.compile(r"\.\s*([A-Za-z_$][\w$]*)\s*\.\s*(?:push|unshift|splice)\s*\(")


def _constant_text(parts) -> str | None:
    if any(p.kind == "variable" for p in parts):
        return None
    return "".join(p.text for p in parts)


def importer(index, path: str, imports: dict[str, tuple[str, str]], depth: int = 0):
    """A function ``name -> text or None``: the constant text an imported name (``X``, or ``NS.X`` of a
    namespace import) holds, for the file ``path`` whose imports are ``imports``."""
    if index is None or not imports:
        return None

    def lookup(expr: str) -> str | None:
        kind = "consts"
        if expr.endswith("()"):  # the call of an imported function returning one constant literal
            expr, kind = expr[:-2], "calls"
        head, _, member = expr.partition(".")
        entry = imports.get(head)
        if entry is None:
            return None
        spec, name = entry
        if name == "*":
            if not member or "." in member:
                return None
            name = member
        elif member:
            # a member of an imported constant object: import { TOPICS } ...; `${TOPICS.OUTPUT}`
            target = _resolved(index, path, spec) if kind == "consts" and "." not in member else None
            table = _exported(index, target, name, "members", depth + 1, frozenset()) if target else None
            return table.get(member) if table else None
        target = _resolved(index, path, spec)
        return _exported(index, target, name, kind, depth + 1, frozenset()) if target else None

    def items(chain: str) -> tuple | None:
        """The items of a constant array an imported class or object holds as a static member
        (``NutJSElectronOperator.MANUAL.ACTION_SPACES``), or None."""
        head, _, rest = chain.partition(".")
        entry = imports.get(head)
        if entry is None or not rest:
            return None
        spec, name = entry
        if name == "*":
            name, _, rest = rest.partition(".")
            if not rest:
                return None
        target = _resolved(index, path, spec)
        table = _exported(index, target, name, "statics", depth + 1, frozenset()) if target else None
        return table.get(rest) if table else None

    lookup.items = items
    return lookup


def exported_text(index, path: str, name: str, depth: int = 0, seen: frozenset = frozenset()) -> str | None:
    """The constant text ``path`` exports as ``name`` (through re-exports), or None."""
    return _exported(index, path, name, "consts", depth, seen)


def exported_params(index, path: str, name: str) -> list | None:
    """The parameter names of the function ``path`` exports as ``name`` (through re-exports), or None."""
    return _exported(index, path, name, "params", 0, frozenset())


def imported_params(index, path: str, imports: dict[str, tuple[str, str]], local: str,
                    kind: str = "params") -> list | None:
    """The parameter names of the function a file imports as ``local`` (``kind`` "wraps": the positions
    of those it splices into the text it returns), or None."""
    entry = imports.get(local)
    if index is None or entry is None or entry[1] == "*":
        return None

    def compute():
        target = _resolved(index, path, entry[0])
        return _exported(index, target, entry[1], kind, 0, frozenset()) if target else None

    return index.memo(("js-" + kind, os.path.dirname(os.path.abspath(path)), entry), compute)


def defining_module(index, path: str, name: str, depth: int = 0, seen: frozenset = frozenset()) -> str | None:
    """The module that declares what ``path`` exports as ``name`` (through re-exports, ``export *``
    and an imported binding exported again), or None."""
    if path is None or depth > MAX_DEPTH or path in seen:
        return None
    summary = summary_of(index, path)
    if summary is None:
        return None
    seen = seen | {path}
    if name in summary.exports:
        local = summary.exports[name]
        if local in summary.imports:
            spec, inner = summary.imports[local]
            return defining_module(index, _resolved(index, path, spec), inner, depth + 1, seen) \
                if inner != "*" else None
        return os.path.abspath(path)
    if name in summary.reexports:
        spec, inner = summary.reexports[name]
        return defining_module(index, _resolved(index, path, spec), inner, depth + 1, seen)
    for spec in summary.star:
        found = defining_module(index, _resolved(index, path, spec), name, depth + 1, seen)
        if found is not None:
            return found
    return None


def resolved_path(index, importer: str, spec: str) -> str | None:
    """The file ``spec`` names for ``importer`` (relative or aliased), once per folder in a scan."""
    return _resolved(index, importer, spec)


def _resolved(index, importer: str, spec: str) -> str | None:
    """``resolve_module``, once per folder and specifier in a scan."""
    folder = os.path.dirname(os.path.abspath(importer))
    return index.memo(("js-resolve", folder, spec), lambda: resolve_module(importer, spec))


def _exported(index, path: str, name: str, kind: str, depth: int, seen: frozenset):
    """What ``path`` exports as ``name`` from its summary's ``kind`` table (consts or params)."""
    if depth > MAX_DEPTH or path in seen:
        return None
    summary = summary_of(index, path)
    if summary is None:
        return None
    seen = seen | {path}
    table = getattr(summary, kind)
    if name in summary.exports:
        local = summary.exports[name]
        if local in table:
            return table[local]
        if local in summary.imports:  # import { X } from './a'; export { X }
            spec, inner = summary.imports[local]
            target = _resolved(index, path, spec)
            return _exported(index, target, inner, kind, depth + 1, seen) if target and inner != "*" else None
        return None
    if name in summary.reexports:
        spec, inner = summary.reexports[name]
        target = _resolved(index, path, spec)
        return _exported(index, target, inner, kind, depth + 1, seen) if target else None
    for spec in summary.star:
        target = _resolved(index, path, spec)
        found = _exported(index, target, name, kind, depth + 1, seen) if target else None
        if found is not None:
            return found
    return None


def summary_of(index, path: str) -> ModuleSummary | None:
    """The summary of ``path`` (made once per scan; None for a file that cannot be read or parsed)."""
    key = ("js-summary", os.path.abspath(path))
    if key in index._memo:
        return index._memo[key]
    index._memo[key] = None  # a cycle of imports meets None, not endless recursion
    from ..crossflow.index import _read
    from .js.grammar import _grammar, _kind

    text = _read(path, index.limit)
    if text is None:
        return None
    data = text.encode("utf-8")
    parser, _query = _grammar(_kind(path))
    tree = parser.parse(data)
    _keep_tree(index, os.path.abspath(path), data, tree)  # for the loader: parsed once
    summary = summarize(tree.root_node, path, index)
    index._memo[key] = summary
    return summary


MAX_KEPT_TREES = 64  # trees parsed ahead of the loader and kept for it (a tree takes ~60 bytes a byte)


def _keep_tree(index, path: str, data: bytes, tree) -> None:
    """Keep a tree parsed ahead for the loader; past ``MAX_KEPT_TREES`` the oldest is dropped (its file
    is then parsed again when loaded: memory stays bounded on trees whose every file imports many)."""
    kept = index._memo.setdefault(("js-trees-kept",), [])
    kept.append(path)
    index._memo[("js-tree", path)] = (data, tree)
    while len(kept) > MAX_KEPT_TREES:
        index._memo.pop(("js-tree", kept.pop(0)), None)


def keep_tree(index, path: str, data: bytes, tree) -> None:
    """Hand a tree back for the loader's own turn (a file read ahead of it)."""
    _keep_tree(index, path, data, tree)


def take_tree(index, path: str, data: bytes):
    """The tree parsed for ``path`` before the loader reached it (same bytes), handed over once."""
    if index is None:
        return None
    got = index._memo.pop(("js-tree", os.path.abspath(path)), None)
    return got[1] if got is not None and got[0] == data else None


def note_tree(index, path: str, tree) -> None:
    """Make the summary of ``path`` from the loader's own tree (when no file asked for it before)."""
    key = ("js-summary", os.path.abspath(path))
    if index is not None and key not in index._memo:
        index._memo[key] = None
        index._memo[key] = summarize(tree.root_node, path, index)


__all__ = ["ModuleSummary", "exported_params", "exported_text", "imported_params", "imports_of", "importer",
           "note_tree", "resolve_module", "summary_of", "take_tree"]

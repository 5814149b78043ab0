"""How a file refers to a template (``_Links``): its name, imports, string constants, key paths, holders."""

from __future__ import annotations

import ast
import os
import re

from .index import _module_names


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

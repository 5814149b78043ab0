"""Prompts whose use is in ANOTHER file of the project (Python): ``prompts.py`` keeps
``SUMMARY_TEMPLATE`` and ``agent.py`` does ``llm(messages=SUMMARY_TEMPLATE.format(text=t))``, or
``builders.py`` defines ``def build_review_request(diff)`` and ``agent.py`` sends what it returns.

The file that defines a string or a function says nothing of where it goes; the file that uses it
does.  So a use that the same-file rules (``python/``) see reaching a model, or a ``.format`` /
``%`` applied, on a name the using file IMPORTS is recorded as an *external use* of that name:

* ``value``: an imported constant (``X``, ``mod.X``, ``Cls.X``) reaches a model by a use rule (a
  ``messages``/``system=`` keyword, a message dict's content, a role-message builder...);
* ``call``: the result of a call of an imported function reaches a model (what it returns is a prompt);
* ``formatted``: ``X.format(...)`` / ``X % args`` on an imported constant (its syntax, not a reason to
  call it a prompt: the same rule as within a file).

Each file's external uses are computed once per scan (``ProjectIndex.memo``), and only for the files
whose text mentions a name that another file defines at module level as a string or a function
returning one (``ProjectIndex.mentioning``: one pass over the texts).  A use is linked to the
defining file by the import: the dotted module of ``from a.b.prompts import X`` (or a relative
``from .prompts import X``, resolved against the importing file's folder) must end with the
defining file's module path.  One level: the external uses of a file are read with the same-file
rules only (never followed further).
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass

from ..pyparse import parse_python


@dataclass(frozen=True)
class ExternalUse:
    # value | message (a chat message's content, as written) | call | formatted | read | people (a read of
    # the name; inside a print/log/ask)
    kind: str
    target: tuple[str, ...]  # dotted import path as written, resolved for relative imports
    role: str | None
    syntax: str | None


def module_parts(path: str) -> tuple[str, ...]:
    """Path components of a module without ``.py`` (a package's ``__init__`` is its folder)."""
    parts = os.path.abspath(path).split(os.sep)
    stem = os.path.splitext(parts[-1])[0]
    return tuple(p for p in parts[:-1] if p) + (() if stem == "__init__" else (stem,))


def _parts(index, path: str) -> tuple[str, ...]:
    """``module_parts`` of a file of the scan, worked out once per scan (an ``abspath`` each time was a
    twentieth of a large repository's scan: every lookup of a common name tries every file mentioning it)."""
    return index.memo(("py-module-parts", path), lambda: module_parts(path))


def resolve_import(importer: str, module: str | None, level: int) -> tuple[str, ...]:
    """The dotted module of an import as path components (relative imports against ``importer``)."""
    mod = tuple(module.split(".")) if module else ()
    if level <= 0:
        return mod
    base = tuple(p for p in os.path.dirname(os.path.abspath(importer)).split(os.sep) if p)
    base = base[:len(base) - (level - 1)] if level > 1 else base
    return base + mod


def uses_in(index, path: str) -> list[ExternalUse]:
    """The external uses written in ``path`` (computed once per scan: by its own load when the loader
    read it first, else here, and then its analysis is kept for the loader: ``take_analysis``)."""
    def compute():
        from ..crossflow.index import _read
        from .python.finder import _Finder

        text = _read(path, index.limit)
        if not text:
            return []
        try:
            tree = parse_python(text, path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return []
        finder = _Finder(path, text, tree, index)  # (its analysis reads imported signatures, never uses_in)
        finder.analyse()
        index._memo[("py-analysis", os.path.abspath(path))] = finder
        return finder.external

    return index.memo(("py-external-uses", os.path.abspath(path)), compute)


def record_uses(index, path: str, external: list[ExternalUse]) -> None:
    """The external uses of a file the loader analysed (so ``uses_in`` never analyses it again)."""
    index.memo(("py-external-uses", os.path.abspath(path)), lambda: external)


def take_analysis(index, path: str, text: str):
    """The same-file analysis ``uses_in`` made of ``path`` (then forgotten), when it read the same text."""
    finder = index._memo.pop(("py-analysis", os.path.abspath(path)), None)
    return finder if finder is not None and finder.text == text else None


def uses_of(index, path: str, names) -> list[tuple[tuple[str, ...], ExternalUse]]:
    """(name path inside ``path``, use) for each external use, in another file, of one of ``names``
    (top-level names ``path`` defines): ``("SUMMARY_TEMPLATE",)``, ``("PromptFamily", "curate")``."""
    home = module_parts(path)
    me = os.path.abspath(path)
    # a use points inside ``path`` at one of ``names`` only when a head of its target (the module part) is
    # a tail of ``home``, followed by that name: the uses naming each name are indexed by their module
    # parts once per scan, and each tail of ``home`` is looked up (names such as SYSTEM_PROMPT recur in
    # many modules: walking every such file's uses for every module was quadratic in the project's size)
    hits = set()
    for n in names:
        by_module = index.memo(("py-uses-naming", n), lambda: _uses_naming(index, n))
        for k in range(1, len(home) + 1):
            hits.update((f, i) for f, i in by_module.get(home[len(home) - k:], ()) if f != me)
    out = []
    for f, i in sorted(hits):
        use = uses_in(index, f)[i]
        inner = _inside(home, use.target)
        if inner is not None and inner[0] in names:
            out.append((inner, use))
    return out


def _uses_naming(index, name: str) -> dict[tuple[str, ...], list[tuple[str, int]]]:
    """Module part of a target (``target[:k]``, followed by ``name``) -> (file, position) of each use
    with that target among the Python files mentioning ``name``."""
    out: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for f in index.mentioning(name):
        if f.endswith((".py", ".pyw")):
            for i, use in enumerate(uses_in(index, f)):
                for k in range(1, len(use.target)):
                    if use.target[k] == name:
                        out.setdefault(use.target[:k], []).append((f, i))
    return out


def _inside(home: tuple[str, ...], target: tuple[str, ...]) -> tuple[str, ...] | None:
    """The name path ``target`` points to inside the module ``home``: the longest split whose module
    part is a tail of ``home`` (``graphrag.prompts.query.X`` in ``.../graphrag/prompts/query.py`` is
    ``("X",)``)."""
    for k in range(len(target) - 1, 0, -1):
        mod = target[:k]
        if len(mod) <= len(home) and home[len(home) - len(mod):] == mod:
            return target[k:]
    return None


def _imported_functions(index, target: tuple[str, ...], with_path: bool = False):
    """(module tree, ``def``) of each module-level function named ``target[-1]`` in the scan's Python files
    whose module ``target`` points to (``index.defining`` lists only Python files); with its file's path last
    when ``with_path``."""
    name = target[-1]
    for path in index.defining(name):
        # (every module defining a common name is tried: its parts are worked out once per scan)
        if _inside(_parts(index, path), target) != (name,):
            continue
        tree = getattr(index.py(path), "tree", ast.Module(body=[]))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                yield (tree, node, path) if with_path else (tree, node)


def imported_params(index, target: tuple[str, ...]) -> tuple[list[str], dict[str, str]]:
    """(positional parameter names, syntax of each parameter it formats) of the module-level function
    ``target`` points to in a file of the scan (``("utils", "get_completion")`` ->
    ``(["prompt", "temperature", ...], {})``); ([], {}) when none."""
    def compute():
        for _tree, node in _imported_functions(index, target):
            params = [a.arg for a in node.args.posonlyargs + node.args.args]
            return params, param_formats(node, params)
        return [], {}

    return index.memo(("py-params", target), compute)


def imported_param_for_people(index, target: tuple[str, ...], param: str) -> bool:
    """Whether the module-level function ``target`` points to in a file of the scan only prints, logs or
    asks the user with its parameter ``param`` (Auto-GPT ``clean_input(prompt)`` -> prompt_toolkit's
    ``session.prompt(ANSI(prompt))``): then what a call gives it is text for a person."""
    from .python.syntax import param_for_people

    def compute():
        for tree, node in _imported_functions(index, target):
            return param_for_people(tree, node, param)
        return False

    return index.memo(("py-param-for-people", target, param), compute)


def param_formats(fn: ast.AST, params: list[str]) -> dict[str, str]:
    """The parameters a function fills as templates: ``prompt_template.format(**kwargs)`` /
    ``.format_map(...)`` -> ``format``, ``template % args`` -> ``percent`` (dev-gpt ``ask_gpt``)."""
    names = set(params)
    out: dict[str, str] = {}
    for n in ast.walk(fn):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("format", "format_map") \
                and isinstance(n.func.value, ast.Name) and n.func.value.id in names:
            out.setdefault(n.func.value.id, "format")
        elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod) and isinstance(n.left, ast.Name) \
                and n.left.id in names:
            out.setdefault(n.left.id, "percent")
    return out


def imported_constant(index, target: tuple[str, ...]) -> str | None:
    """The text of the string literal that the module ``target[:-1]`` of the scan binds, once and at
    module level, to ``target[-1]`` (``("pkg", "consts", "PREAMBLE")``); None when the module is not in
    the scan, binds the name more than once (or through ``global``), or binds it to anything else."""
    name = target[-1]

    def compute():
        for path in index.mentioning(name):
            if not path.endswith((".py", ".pyw")) or _inside(_parts(index, path), target) != (name,):
                continue
            tree = getattr(index.py(path), "tree", None)
            if tree is None:
                return None
            stores = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name
                      and isinstance(n.ctx, ast.Store)]
            rebound = any(isinstance(n, ast.Global) and name in n.names for n in ast.walk(tree))
            values = [n.value for n in tree.body if isinstance(n, ast.Assign) and len(n.targets) == 1
                      and isinstance(n.targets[0], ast.Name) and n.targets[0].id == name]
            if len(stores) == 1 and len(values) == 1 and not rebound and isinstance(values[0], ast.Constant) \
                    and isinstance(values[0].value, str):
                return values[0].value
            return None
        return None

    return index.memo(("py-constant", target), compute)


def imported_literal_return(index, target: tuple[str, ...]) -> str | None:
    """The string literal that the module-level function ``target`` of a file of the scan returns,
    when its one ``return`` gives a string literal (``def get_system_prompt(): return "You are ..."``);
    None otherwise."""
    def compute():
        for _tree, node in _imported_functions(index, target):
            rets = [n for n in ast.walk(node) if isinstance(n, ast.Return)]
            if len(rets) == 1 and isinstance(rets[0].value, ast.Constant) and isinstance(rets[0].value.value, str):
                return rets[0].value.value
            return None
        return None

    return index.memo(("py-literal-return", target), compute)


def imported_class_bases(index, target: tuple[str, ...]) -> list[str]:
    """The names of the base classes (the last part of each: ``HumanMessage`` for ``langchain.schema.HumanMessage``)
    of the module-level class ``target`` points to (``("codeinterpreterapi", "schema", "UserRequest")``) in a file of
    the scan; [] when none."""
    def compute():
        name = target[-1]
        for path in index.mentioning(name):
            if not path.endswith((".py", ".pyw")) or _inside(_parts(index, path), target) != (name,):
                continue
            for node in getattr(index.py(path), "tree", ast.Module(body=[])).body:
                if isinstance(node, ast.ClassDef) and node.name == name:
                    return [b.id if isinstance(b, ast.Name) else b.attr for b in node.bases
                            if isinstance(b, (ast.Name, ast.Attribute))]
        return []

    return index.memo(("py-class-bases", target), compute)


def record_method_sends(index, path: str, sends: dict) -> None:
    """What the loader's analysis of ``path`` found its classes' methods send (``_Finder.method_sends``)."""
    index._memo[("py-method-sends", os.path.abspath(path))] = sends


def _method_sends(index, path: str) -> dict:
    """``_Finder.method_sends`` of ``path``, from the loader's analysis or one made here (then kept for the
    loader, as ``uses_in`` keeps it).  A file asked again while its own analysis runs sends nothing (the
    guard set first): two files whose classes inherit from each other end."""
    key = ("py-method-sends", os.path.abspath(path))
    if key in index._memo:
        return index._memo[key]
    index._memo[key] = {}
    uses_in(index, path)
    finder = index._memo.get(("py-analysis", os.path.abspath(path)))
    if finder is not None:
        index._memo[key] = finder.method_sends()
    return index._memo[key]


def inherited_method_sends(index, target: tuple[str, ...], method: str):
    """(parameters after ``self``, {parameter: role}) of the method ``method`` of the class ``target`` points
    to (``("taskgen", "agent", "Agent")``) in a file of the scan, when that file's analysis finds the method
    sending those parameters as prompts; None otherwise."""
    name = target[-1]
    for path in index.mentioning(name):
        if path.endswith((".py", ".pyw")) and _inside(_parts(index, path), target) == (name,):
            return _method_sends(index, path).get(name, {}).get(method)
    return None


def sends_by_name(index, path: str, method: str):
    """(parameters after ``self``, {parameter: role}) that a call ``x.method(...)`` on a receiver of unknown class
    sends, read from the classes of the OTHER files of the scan that define ``method`` and send a parameter as a
    prompt (PentestGPT ``self.parsingAgent.send_message(prefix + word_limit + wrapped_input, ...)``, the agent an
    instance of a class ``dynamic_import`` picks; ``LLMAPI.send_message(self, message, conversation_id)`` in
    ``utils/llm_api.py`` puts ``message`` into a user message).  Only a method named by two words or more
    (``send_message``, ``ask_question``): a one-word name (``run``, ``send``, ``query``) is shared by too many
    unrelated classes to say which one runs, and a dunder is Python's own; not a method named for handling prompts
    (``count_tokens``).  The classes that send must agree on each parameter's position; None when none sends."""
    from .prompt_names import name_words

    words = name_words(method)
    if method.startswith("__") or len(words) < 2:
        return None

    def compute():
        me = os.path.abspath(path)
        found: tuple[list[str], dict] | None = None
        for other in sorted(index.defining(method)):
            if os.path.abspath(other) == me:
                continue
            for _cls, methods in sorted(_method_sends(index, other).items()):
                entry = methods.get(method)
                if entry is None:
                    continue
                params, sent = entry
                if found is None:
                    found = (list(params), dict(sent))
                    continue
                for param, role in sent.items():  # another class sending: the same parameter at the same place
                    if param in params and params.index(param) < len(found[0]) and \
                            found[0][params.index(param)] == param:
                        found[1].setdefault(param, role)
        return found

    return index.memo(("py-sends-by-name", os.path.abspath(path), method), compute)


def prompt_constructor(fn: ast.AST, folders=None) -> tuple[str, bool] | None:
    """``(folder, strip)`` when ``fn`` is a prompt constructor: for each of its arguments it opens the file of that
    name under a prompt folder (``prompts``, ``preprompts``, ``templates``: the folders the walk reads), adds the
    file's text, stripped or not, to one string and returns that string (gpt-migrate ``def prompt_constructor(*args)``:
    ``with open(os.path.abspath(f'prompts/{arg}')) as file: prompt += file.read().strip()``, then ``return prompt``);
    None otherwise."""
    from .walk import PROMPT_FOLDERS

    folders = tuple(folders or PROMPT_FOLDERS)
    a = fn.args
    params = ([a.vararg.arg] if a.vararg else []) + [p.arg for p in a.posonlyargs + a.args]
    rets = [n for n in ast.walk(fn) if isinstance(n, ast.Return)]
    if len(rets) != 1 or not isinstance(rets[0].value, ast.Name):
        return None
    acc = rets[0].value.id
    for loop in ast.walk(fn):
        if not (isinstance(loop, ast.For) and isinstance(loop.iter, ast.Name) and loop.iter.id in params
                and isinstance(loop.target, ast.Name)):
            continue
        opened = [_folder_before(n.args[0], loop.target.id) for n in ast.walk(loop)
                  if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "open" and n.args]
        adds = [n.value for n in ast.walk(loop) if isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Add)
                and isinstance(n.target, ast.Name) and n.target.id == acc]
        reads = [v for v in adds if any(isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                                        and c.func.attr == "read" for c in ast.walk(v))]
        if len(opened) == 1 and opened[0] and opened[0].rstrip("/").rsplit("/", 1)[-1] in folders \
                and len(adds) == 1 and len(reads) == 1:
            v = reads[0]
            strip = isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr == "strip" \
                and not v.args
            return opened[0].rstrip("/"), strip
    return None


def _folder_before(expr: ast.AST, var: str) -> str | None:
    """The literal folder a file path is built from, ahead of the loop's name (``f'prompts/{arg}'``,
    ``"prompts/" + arg``, ``os.path.join("prompts", arg)``, through ``os.path.abspath(...)``); None otherwise."""
    while isinstance(expr, ast.Call) and len(expr.args) == 1 and isinstance(expr.func, ast.Attribute) \
            and expr.func.attr in ("abspath", "normpath", "realpath"):
        expr = expr.args[0]
    if isinstance(expr, ast.JoinedStr) and len(expr.values) == 2 and isinstance(expr.values[0], ast.Constant) \
            and isinstance(expr.values[1], ast.FormattedValue) and isinstance(expr.values[1].value, ast.Name) \
            and expr.values[1].value.id == var and expr.values[0].value.endswith("/"):
        return expr.values[0].value
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add) and isinstance(expr.left, ast.Constant) \
            and isinstance(expr.left.value, str) and expr.left.value.endswith("/") \
            and isinstance(expr.right, ast.Name) and expr.right.id == var:
        return expr.left.value
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "join" \
            and len(expr.args) == 2 and isinstance(expr.args[0], ast.Constant) and isinstance(expr.args[0].value, str) \
            and isinstance(expr.args[1], ast.Name) and expr.args[1].id == var:
        return expr.args[0].value + "/"
    return None


def constructed_texts(module_path: str, folder: str, names: list[str]) -> list[str] | None:
    """The texts of the files ``folder/<name>`` a prompt constructor defined in ``module_path`` opens.  The path is
    relative to the program's working directory, which the code does not say: the constructor's own folder, then
    each folder above it, the first that holds every file."""
    here = os.path.dirname(os.path.abspath(module_path))
    while True:
        paths = [os.path.join(here, folder, n) for n in names]
        if all(os.path.isfile(p) for p in paths):
            try:
                return [open(p, encoding="utf-8").read() for p in paths]
            except (OSError, UnicodeDecodeError):
                return None
        up = os.path.dirname(here)
        if up == here:
            return None
        here = up


def imported_prompt_constructor(index, target: tuple[str, ...]):
    """``(module path, folder, strip)`` of the module-level function ``target`` points to in a file of the scan when it
    is a prompt constructor (``prompt_constructor``); None otherwise."""
    def compute():
        for _tree, node, path in _imported_functions(index, target, with_path=True):
            found = prompt_constructor(node)
            return (path, *found) if found else None
        return None

    return index.memo(("py-prompt-constructor", target), compute)


# A slot marker for ``_Finder.slots`` that stands for every match of a regular expression (the fields a
# regex filler replaces): the marker is this prefix followed by the pattern.
REGEX_SLOT = "\x00re:"


def regex_filler(cls: ast.ClassDef) -> tuple[str, dict[str, tuple[int, str]]] | None:
    """(pattern, method -> (position, name) of its template parameter) of a class that fills its template
    itself with a regular expression over a field pattern: a method does ``re.sub(r"\\{(\\w+)\\}", fn,
    self.template)`` (llama-cpp-agent ``PromptTemplate.generate_prompt``), the pattern a literal with one group
    (its text no literal marker: that is a plain ``re.sub`` slot), and ``self.template`` is set in ``__init__``
    from a parameter; a classmethod that hands its parameter to ``cls(...)`` for it (``from_string``) takes the
    template too. The template's fields are then exactly the pattern's matches; other braces are its text."""
    pattern = attr = None
    for n in ast.walk(cls):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "sub" \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == "re" and len(n.args) >= 3 \
                and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str) \
                and isinstance(n.args[2], ast.Attribute) and isinstance(n.args[2].value, ast.Name) \
                and n.args[2].value.id == "self":
            p = n.args[0].value
            try:
                groups = re.compile(p).groups
            except re.error:
                continue
            if groups == 1 and re.escape(p) != p:
                pattern, attr = p, n.args[2].attr
                break
    if pattern is None:
        return None
    methods = {m.name: m for m in cls.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))}
    init = methods.get("__init__")
    if init is None:
        return None
    params = [a.arg for a in init.args.posonlyargs + init.args.args][1:]
    taken = [p for p in params if any(
        isinstance(n, ast.Assign) and isinstance(n.value, ast.Name) and n.value.id == p
        and any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
                and t.attr == attr for t in n.targets) for n in ast.walk(init))]
    if len(taken) != 1:
        return None
    out = {"__init__": (params.index(taken[0]), taken[0])}
    for name, m in methods.items():
        if not any(isinstance(d, ast.Name) and d.id == "classmethod" for d in m.decorator_list):
            continue
        mparams = [a.arg for a in m.args.posonlyargs + m.args.args][1:]
        for n in ast.walk(m):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "cls":
                given = [kw.value for kw in n.keywords if kw.arg == taken[0]]
                if len(n.args) > out["__init__"][0]:
                    given.append(n.args[out["__init__"][0]])
                for g in given:
                    if isinstance(g, ast.Name) and g.id in mparams:
                        out[name] = (mparams.index(g.id), g.id)
    return pattern, out


def imported_regex_filler(index, target: tuple[str, ...]):
    """``regex_filler`` of the class ``target`` points to in a Python file of the scan, or None."""
    def compute():
        name = target[-1]
        for path in index.mentioning(name):
            if not path.endswith((".py", ".pyw")) or _inside(_parts(index, path), target) != (name,):
                continue
            tree = getattr(index.py(path), "tree", ast.Module(body=[]))
            for node in tree.body:
                if isinstance(node, ast.ClassDef) and node.name == name:
                    return regex_filler(node)
        return None

    return index.memo(("py-regex-filler", target), compute)

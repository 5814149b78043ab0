"""Other files of the scan: importers read ahead that splice or fill this module's exports or default."""

from __future__ import annotations

import os
import re
from functools import lru_cache

from ...js_tree import text as _text
from ..js_project import defining_module, resolved_path, summary_of
from ..prompt_names import role_of, says_prompt
from .flows import _PLACEHOLDER
from .grammar import EXTENSIONS
from .literals import _Candidate, literal_parts
from .tree import _declarators, _module_functions, _prop_name, _returned_values


def spliced_exports(index, path: str, root, options) -> set[str]:
    """The names this module exports that another file of the scan splices whole into one of its
    prompts (``import { IDENTITY } from './prompts'`` then `` `${IDENTITY}...` ``, ``${getGuidance()}``):
    their literals reach the model as sections of that prompt, though nothing in this file says so.
    Each importer is loaded once per scan (ahead of its turn when needed: ``importer_prompts``)."""
    if index is None:
        return set()
    return _spliced_exports(index, path, root, options)[0]


def _spliced_exports(index, path: str, root, options) -> tuple[set[str], set[str]]:
    """(``spliced_exports``, those of them some importer splices into a prompt it fills as a template:
    ``PromptTemplate.fromTemplate(`${FORMAT}\n{input}`)``)."""
    if index is None:
        return set(), set()
    me = os.path.abspath(path)
    names = {_text(d.child_by_field_name("name")) for d in _declarators(root, ("const",))
             if d.child_by_field_name("name") is not None and d.child_by_field_name("name").type == "identifier"}
    names |= set(_module_functions(root))
    out, templated = set(), set()
    for name in names:
        for other in _splicing(index, name):
            if other != me and _imports_from(index, other, me, name) \
                    and (me, name) in importer_prompts(index, other, options):
                out.add(name)
                if (me, name) in index._memo.get(("js-templated-imports", os.path.abspath(other)), ()):
                    templated.add(name)
                    break
    return out, templated


def _splicing(index, name: str) -> list[str]:
    """The JS/TS files of the scan that mention ``name`` and splice it into text (``_spliced_in_text``),
    in the index's order, once per scan: only they can splice an export of that name (``_imports_from``),
    and names such as SYSTEM_PROMPT are exported by many modules."""
    return index.memo(("js-splicing", name), lambda: [
        other for other in index.mentioning(name) if other.lower().endswith(EXTENSIONS)
        and name in index.memo(("js-spliced-names", other), lambda: _spliced_in_text(index, other))])


_FILL_KEY = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}|\[\[\s*([A-Za-z_]\w*)\s*\]\]|\$([A-Za-z_]\w+)"
                       r"|\{([A-Za-z_]\w*)\}")


def _filled_by_importers(index, path: str, text: str) -> set[str]:
    """The ``{{KEY}}``/``[[KEY]]``/``$KEY`` placeholders of this file's text that a file importing from
    it fills with ``.replace('{{KEY}}', ...)``/``.replaceAll(...)`` (the module exports the prompt, its
    user fills it), or a module this file imports fills (its text is handed to that module's renderer:
    ``inputs.render(this.summarizeFileDiff)`` and ``content.replace('$title', this.title)`` in
    ``inputs.ts``): found from the scan's index of names, then one look at each such file's text."""
    if index is None or ("{" not in text and "[[" not in text and "$" not in text):
        return set()
    me = os.path.abspath(path)
    stem, folder = os.path.basename(me).split(".", 1)[0], os.path.basename(os.path.dirname(me))
    out = set()
    from ...crossflow.index import _read

    keys = {m.group(0): m.group(1) or m.group(2) or m.group(3) or m.group(4) for m in _FILL_KEY.finditer(text)}
    mine = _import_heads(index, me) if any(k.startswith("$") for k in keys) else set()
    for key, name in keys.items():
        # (the index's identifiers keep a `$`: `'$raw_summary'` mentions `$raw_summary`)
        for other in _replacing(index, key, name):
            if other == me:
                continue
            other_stem = os.path.basename(other).split(".", 1)[0]
            if not _import_heads(index, other) & {stem, folder} and not (
                    key.startswith("$") and other_stem in mine):
                continue
            out.add(key)
            break
    return out


def _replacing(index, key: str, name: str) -> list[str]:
    """The JS/TS files of the scan that mention ``key`` (``name`` for a key without a `$`) and replace
    it (``_replaced_texts``), in the index's order, once per scan: a placeholder such as ``{task}``
    recurs in many modules, and looking at each mentioning file again for each module was quadratic."""
    return index.memo(("js-replacing", key), lambda: [
        other for other in (index.mentioning(key) if key.startswith("$") else index.mentioning(name))
        if other.lower().endswith(EXTENSIONS) and key in _replaced_texts(index, other)])


# `.replace(q...q` / `.replaceAll(q...q`, at every occurrence (a lookahead: one cannot hide the next)
_REPLACED = re.compile(r"""\.(?:replace|replaceAll)\((?=(['"`])([^'"`]*)\1)""")


def _replaced_texts(index, path: str) -> frozenset[str]:
    """The quote-free texts ``path`` replaces (``.replace('{{KEY}}', ...)``, ``.replaceAll("$KEY", ...)``),
    read off its text once per scan: a key (no quote in it) is replaced there exactly when the text holds
    ``.replace(`` or ``.replaceAll(`` and the key between two equal quotes."""
    def compute():
        from ...crossflow.index import _read

        return frozenset(m.group(2) for m in _REPLACED.finditer(_read(path, index.limit) or ""))

    return index.memo(("js-replaced-texts", path), compute)


_SPEC = re.compile(r"""(?:\bfrom|\bimport|\brequire\s*\()\s*\(?\s*['"]([^'"\n]+)['"]""")


def _import_heads(index, path: str) -> set[str]:
    """The last component of each module specifier written in ``path`` (``"@/lib/utils/search-config"``
    -> ``search-config``, ``"./x.js"`` -> ``x``), read off the text once per scan."""
    def compute():
        from ...crossflow.index import _read

        text = _read(path, index.limit) or ""
        return {spec.rstrip("/").rsplit("/", 1)[-1].split(".", 1)[0] for spec in _SPEC.findall(text)}

    return index.memo(("js-import-heads", path), compute)


def _imports_from(index, path: str, module: str, name: str) -> bool:
    """Whether the file ``path`` imports ``name`` (or the whole namespace) from ``module`` (its
    summary: the imports are read without reading the file's prompts).  First a look at the text: a
    specifier naming the module's file or its folder (an ``index`` re-exporting it), and ``name``
    spliced somewhere (``${NAME``, ``+ NAME``); most files mentioning a name do neither."""
    if _import_heads(index, path).isdisjoint(_module_heads(module)):
        return False
    if name not in index.memo(("js-spliced-names", path), lambda: _spliced_in_text(index, path)):
        return False
    summary = summary_of(index, path)
    return summary is not None and any(
        imported in (name, "*") and defining_module(index, resolved_path(index, path, spec), name) == module
        for spec, imported in summary.imports.values())


@lru_cache(maxsize=4096)
def _module_heads(module: str) -> frozenset[str]:
    """The specifier heads that may name ``module``: its file's stem, its folder (an ``index``)."""
    return frozenset((os.path.basename(module).split(".", 1)[0], os.path.basename(os.path.dirname(module))))


_SPLICED_AFTER = re.compile(r"(?:\$\{|\+)\s*(?:[\w$]+\.)?([\w$]+)")


def _spliced_in_text(index, path: str) -> frozenset[str]:
    """The names the text of ``path`` splices into text somewhere (``${NAME``, ``${NS.NAME``,
    ``+ NAME``, ``NAME +``, ``NAME() +``): a superset of what its prompts splice, read once per scan
    (the name before a ``+`` found by looking back from each ``+``: a regex trying every word is 40
    times slower)."""
    from ...crossflow.index import _read

    text = _read(path, index.limit) or ""
    names = set(_SPLICED_AFTER.findall(text))
    plus = text.find("+")
    while plus >= 0:
        j = plus - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        while j >= 1 and text[j] == ")":  # NAME() +, (await NAME()) +
            j -= 2 if text[j - 1] == "(" else 1
            while j >= 0 and text[j] in " \t":
                j -= 1
        k = j
        while k >= 0 and (text[k].isalnum() or text[k] in "_$"):
            k -= 1
        if k < j:
            names.add(text[k + 1:j + 1])
        plus = text.find("+", plus + 1)
    return frozenset(names)


_MAX_AHEAD = 6  # importers loaded ahead inside one another (a chain of modules importing modules)


def importer_prompts(index, path: str, options) -> set[tuple[str, str]]:
    """(module, name) of every imported name ``path`` splices into a prompt it reports, read ahead of
    the file's own turn when a module it imports from needs it.  A file being loaded (an import cycle),
    or one past ``_MAX_AHEAD`` files loaded ahead inside one another, gives nothing."""
    key = os.path.abspath(path)
    memo = index._memo
    if ("js-prompt-imports", key) in memo:
        return memo[("js-prompt-imports", key)]
    depth = memo.get(("js-ahead",), 0)
    if memo.get(("js-loading", key)) or depth >= _MAX_AHEAD:
        return set()
    from ...crossflow.index import _read
    from .source import JsCodeSource

    text = _read(path, index.limit)
    if text is None:
        return set()
    memo[("js-ahead",)] = depth + 1
    src = JsCodeSource()
    src._ahead = True
    try:
        src.load(path, text, options)  # (its prompts are reported on its own turn, under its own name)
    except Exception:  # NoPrompts, or anything else: read and reported on its own turn
        pass
    finally:
        memo[("js-ahead",)] = depth
    return memo.get(("js-prompt-imports", key), set())


def _default_literal(root):
    """The string or template literal a module exports as its default (``export default "..."``), else None."""
    for st in root.named_children:
        if st.type == "export_statement":
            value = st.child_by_field_name("value")
            if value is not None and value.type in ("string", "template_string"):
                return value
    return None


def _default_sent(index, path: str, options) -> set[str] | None:
    """The markers filled in this module's default-exported text when a file importing it sends it to a
    model (its prompt slot hands it to a fill function, or splices it: ``_note_filled``,
    ``_note_imports``); None when no importer does.  Importers are the scan's files whose import
    specifiers name this file's stem and whose default import resolves to it, loaded ahead of their turn."""
    me = os.path.abspath(path)
    stem = os.path.basename(me).split(".", 1)[0]
    memo = index._memo
    key = ("js-default-sent", me)
    if key in memo:
        return memo[key]
    memo[key] = None
    for other in index.mentioning(stem):
        if other == me or not other.lower().endswith(EXTENSIONS) or stem not in _import_heads(index, other):
            continue
        summary = summary_of(index, other)
        if summary is None or not any(
                name == "default" and resolved_path(index, other, spec) == me
                for spec, name in summary.imports.values()):
            continue
        if (me, "default") in importer_prompts(index, other, options):
            memo[key] = set(memo.get(("js-filled-markers", me, "default"), ()))
            break
    return memo[key]


def _exported_literals(root, name: str, as_is: bool = False) -> list:
    """Candidates for a module constant's literal (``const N = `...` ``) or the literals a module
    function returns (``function N() { return `...` }``): sections another file's prompt splices in
    (``as_is``: no importer fills the text it splices in as a template)."""
    for d in _declarators(root, ("const",)):
        n = d.child_by_field_name("name")
        if n is not None and _text(n) == name and d.child_by_field_name("value") is not None \
                and d.child_by_field_name("value").type not in ("arrow_function", "function_expression", "function"):
            return [_Candidate(d.child_by_field_name("value"), d, name, role_of(name), decl=n, by_path=True,
                               as_is=as_is)]
    values = _returned_values(_module_functions(root).get(name))
    return [_Candidate(v, v.parent, None, role_of(name), by_path=True, branch=len(values) > 1) for v in values]


def _template_fills(reads) -> list:
    """The values a prompt template's placeholders are filled with (``PROMPT.replace("{artifactTitle}",
    titleSection)``, also along a chain of ``.replace`` calls): text of that prompt.  The template must
    be named as a prompt; the value counts by the usual rules (a literal, or the name of one)."""
    out = []
    for args in reads.get("fill", []) + reads.get("refill", []):
        n = args.parent
        fn = n.child_by_field_name("function")
        if fn is None or len(args.named_children) != 2:
            continue
        key, value = args.named_children
        if key.type == "regex":
            # SYSTEM_PROMPT.replace(/Default working language: \*\*.*?\*\*/, `Default working language:
            # **${targetLanguage}**`): the text a pattern's match is rewritten to is text of the prompt
            if literal_parts(value) is None:
                continue
        elif key.type != "string" or not _PLACEHOLDER.fullmatch("".join(_text(c) for c in key.named_children)):
            continue
        obj = fn.child_by_field_name("object")
        while obj is not None and obj.type == "call_expression" and obj.child_by_field_name("function") is not None \
                and obj.child_by_field_name("function").type == "member_expression":
            obj = obj.child_by_field_name("function").child_by_field_name("object")
        if obj is not None and obj.type in ("identifier", "member_expression") and says_prompt(_prop_name(obj)):
            out.append(_Candidate(value, n, None, role_of(_prop_name(obj)), by_path=True))
    return out

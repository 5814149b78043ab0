"""printf-style formatters: a text handed to one as its template has its ``%s`` fields filled, in order,
by the call's other arguments (MemFree's ``util.format(DirectAnswerPrompt, profile, context, history)``).

Which calls format (each by what its documentation or its own code says it does):

* Node's ``util.format(template, ...args)`` and ``util.formatWithOptions(options, template, ...args)``
  (https://nodejs.org/api/util.html#utilformatformat-args), imported or required from ``util`` /
  ``node:util`` (``import util from 'util'``, ``import { format } from 'node:util'``, ``const util =
  require('util')``).  Its specifiers ``%s %d %i %f %j %o %O %c`` each take the next argument (``%c``, CSS,
  is taken and prints nothing); ``%%`` is one ``%`` and takes none; a specifier left without an argument
  stays as written; arguments left over are appended, each after a space; with no argument but the
  template, the template is returned as it is (``%%`` stays two).
* sprintf-js's ``sprintf(format, ...args)`` and ``vsprintf(format, [args])``
  (https://github.com/alexei/sprintf.js): ``%s``-style placeholders with flags, width and precision take
  the next argument, ``%2$s`` the second, ``%(name)s`` the member ``name`` of the first; ``%%`` is ``%``.
* a function of the project whose own code replaces ``%``-specifiers in its first parameter with the
  values of its rest parameter (MemFree's ``format(template, ...args)``, written to replace ``util.format``
  on an edge runtime: ``template.replace(/%[sdj]/g, () => String(args[index++]))``): each specifier its
  pattern names takes the next argument.

Each field filled is a variable at the specifier's place (its text the specifier as written, its
expression the argument that fills it); the text's other characters are static.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from ...js_tree import text as _text, walk
from .grammar import EXTENSIONS as _EXTENSIONS
from .literals import _Part
from .tree import param_names

UTIL_MODULES = frozenset({"util", "node:util"})
SPRINTF_MODULES = frozenset({"sprintf-js"})

# Node's util.format: the characters after ``%`` that take an argument (``c`` takes one and prints nothing)
_UTIL_SPECIFIERS = "sdifjoOc"
# sprintf-js's placeholder (its own re.placeholder), and ``%%``
_SPRINTF = re.compile(r"%%|%(?:([1-9]\d*)\$|\(([^)]+)\))?(\+)?(0|'[^$])?(-)?(\d+)?(?:\.(\d+))?([b-gijostTuvxX])")


def _requires(root) -> dict[str, tuple[str, str]]:
    """CommonJS bindings: ``const util = require('util')`` -> util: ('util', '*'); ``const { format } =
    require('node:util')`` -> format: ('node:util', 'format'); module-level only."""
    out: dict[str, tuple[str, str]] = {}
    for st in root.named_children:
        if st.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for d in st.named_children:
            value = d.child_by_field_name("value") if d.type == "variable_declarator" else None
            name = d.child_by_field_name("name") if value is not None else None
            if value is None or name is None or value.type != "call_expression" \
                    or _text(value.child_by_field_name("function") or value) != "require":
                continue
            args = value.child_by_field_name("arguments")
            spec = args.named_children[0] if args is not None and args.named_children else None
            if spec is None or spec.type != "string":
                continue
            spec = "".join(_text(c) for c in spec.named_children)
            if name.type == "identifier":
                out[_text(name)] = (spec, "*")
            elif name.type == "object_pattern":
                for p in name.named_children:
                    if p.type == "shorthand_property_identifier_pattern":
                        out[_text(p)] = (spec, _text(p))
                    elif p.type == "pair_pattern" and p.child_by_field_name("value") is not None:
                        out[_text(p.child_by_field_name("value"))] = (spec, _text(p.child_by_field_name("key")))
    return out


def own_formatter(name: str, fn) -> str | None:
    """The specifier letters a function of the project fills in order in its first parameter, when its name
    says it formats and its code replaces them with the values of its rest parameter (``function format(template, ...args) { return
    template.replace(/%[sdj]/g, () => String(args[index++])) }``: "sdj"); else None."""
    params = fn.child_by_field_name("parameters") if fn is not None else None
    names = param_names(fn) if params is not None else []
    rest = [c for c in params.named_children if c.type == "rest_pattern" or (
        c.type == "required_parameter" and any(k.type == "rest_pattern" for k in c.named_children))] \
        if params is not None else []  # (TypeScript wraps `...args` in a parameter)
    body = fn.child_by_field_name("body") if fn is not None else None
    if not _named_format(name) or not names or not names[0] or len(rest) != 1 or body is None:
        return None
    for n in walk(body):
        f = n.child_by_field_name("function") if n.type == "call_expression" else None
        if f is None or f.type != "member_expression" or _text(f.child_by_field_name("property") or f) \
                not in ("replace", "replaceAll") or _text(f.child_by_field_name("object") or f) != names[0]:
            continue
        args = n.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else None
        pattern = first.child_by_field_name("pattern") if first is not None and first.type == "regex" else None
        m = re.fullmatch(r"%(?:\[([a-zA-Z]+)\]|([a-zA-Z]))", _text(pattern)) if pattern is not None else None
        if m:
            return m.group(1) or m.group(2)
    return None


def formatter(callee, imports: dict, requires: dict, own: dict, imported_own) -> tuple[str, int] | None:
    """(kind, index of the template argument) when ``callee`` (a call's function node) is a printf-style
    formatter: ``("util", 0)``, ``("util", 1)`` for formatWithOptions, ``("sprintf", 0)``, ``("vsprintf", 0)``,
    ``("own:sdj", 0)``; else None.  ``own``: this file's own formatters (name -> letters);
    ``imported_own(local)``: the letters of an imported function of the project, or None."""
    bound = {**requires, **imports}
    if callee.type == "member_expression":
        obj, prop = callee.child_by_field_name("object"), callee.child_by_field_name("property")
        if obj is None or prop is None or obj.type != "identifier":
            return None
        spec, name = bound.get(_text(obj), (None, None))
        if name not in ("*", "default"):
            return None
        return _library(spec, _text(prop))
    if callee.type != "identifier":
        return None
    local = _text(callee)
    if local in bound:
        spec, name = bound[local]
        found = _library(spec, name)
        if found is not None or spec in UTIL_MODULES | SPRINTF_MODULES:
            return found
        letters = imported_own(local) if imported_own is not None else None
        return ("own:" + letters, 0) if letters else None
    letters = own.get(local)
    return ("own:" + letters, 0) if letters else None


def _library(spec: str | None, name: str) -> tuple[str, int] | None:
    if spec in UTIL_MODULES:
        return {"format": ("util", 0), "formatWithOptions": ("util", 1)}.get(name)
    if spec in SPRINTF_MODULES:
        return {"sprintf": ("sprintf", 0), "vsprintf": ("vsprintf", 0)}.get(name)
    return None


def call_fill(call, kind: str, at: int) -> tuple[object, list] | None:
    """(template node, argument nodes that fill it) of a formatter call; None when the template is not
    passed or the values are not written out (``vsprintf(t, values)``)."""
    args = call.child_by_field_name("arguments")
    nodes = [c for c in args.named_children if c.type != "comment"] if args is not None else []
    if len(nodes) <= at or nodes[at].type == "spread_element":
        return None
    template, values = nodes[at], nodes[at + 1:]
    if kind == "vsprintf":
        if len(values) != 1 or values[0].type != "array":
            return None
        values = list(values[0].named_children)
    return template, values


def formatted_names(root, language, imports: dict, own: dict, imported_own) -> list[tuple[str, str, list[str], list]]:
    """The formatter calls of a file whose template is a name (``util.format(SummaryPrompt, ctx)``,
    ``format(P.X, a)``): (the name as written, kind, the values' texts, the members of each value written
    as an object literal or None), in file order."""
    found = []
    for call, kind, at in formatter_calls(root, language, imports, own, imported_own):
        template, values = call_fill(call, kind, at) or (None, None)
        if template is not None and template.type in ("identifier", "member_expression"):
            found.append((_text(template), kind, [_text(v) for v in values], [_members(v) for v in values]))
    return found


def formatter_calls(root, language, imports: dict, own: dict, imported_own):
    """(call, kind, index of its template) of each formatter call of a file, in file order."""
    requires = _requires(root)
    bound = {**requires, **imports}
    for f in _callees(root, language):
        if f.type == "identifier" and _text(f) not in own and (_text(f) not in bound or not (
                bound[_text(f)][0] in UTIL_MODULES | SPRINTF_MODULES or _named_format(_text(f)))):
            continue  # (cheap: no formatter by that name)
        found = formatter(f, imports, requires, own, imported_own)
        if found is not None and call_fill(f.parent, *found) is not None:
            yield f.parent, found[0], found[1]


_FORMAT_WORDS = frozenset({"format", "printf", "sprintf", "vsprintf", "fmt"})


def _named_format(name: str) -> bool:
    """Whether a function's name says it formats (``format``, ``sprintf``, ``formatPrompt``)."""
    from ..prompt_names import name_words

    return bool(set(name_words(name)) & _FORMAT_WORDS)


_CALLEES = "(call_expression function: [(identifier) (member_expression)] @fn)"


def _callees(root, language):
    """The function node of each call whose function is a name or a member, in file order (found in C)."""
    import tree_sitter as ts

    caps = ts.QueryCursor(_callee_query(language)).captures(root)
    return sorted(caps.get("fn", []), key=lambda n: n.start_byte)


@lru_cache(maxsize=4)
def _callee_query(language):
    import tree_sitter as ts

    return ts.Query(language, _CALLEES)


def _members(node) -> dict | None:
    """An object literal's members (key -> the value's text), for sprintf's ``%(name)s``; else None."""
    if node.type != "object":
        return None
    out = {}
    for pair in node.named_children:
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        if key is not None and pair.child_by_field_name("value") is not None:
            out[_text(key).strip("'\"`")] = _text(pair.child_by_field_name("value"))
        elif pair.type == "shorthand_property_identifier":
            out[_text(pair)] = _text(pair)
    return out


def printf_parts(parts: list[_Part], kind: str, values: list[str], objects: list | None = None,
                 end: int | None = None) -> list[_Part]:
    """``parts`` as the formatter ``kind`` fills them with ``values`` (the arguments' texts): each specifier
    that takes an argument a variable (its expression the argument), ``%%`` one ``%``; for util.format the
    arguments left over appended after a space each (placed at ``end``, the text's last byte)."""
    if kind == "util" and not values:
        return parts
    out: list[_Part] = []
    taken = 0  # the arguments taken in order so far
    for p in parts:
        if p.kind != "static" or not p.verbatim or "%" not in p.text:
            out.append(p)
            continue
        at = 0
        for start, stop, index, member in _specifiers(p.text, kind, taken, len(values)):
            if start > at:
                out.append(_Part("static", p.text[at:start], p.start + len(p.text[:at].encode())))
            where = p.start + len(p.text[:start].encode())
            at = stop
            if index is None:  # %%: one percent sign, taking no argument
                out.append(_Part("static", "%", where, verbatim=False))
                continue
            if index < 0:  # taken in order (-1 - its index); util's %c prints nothing
                index = -1 - index
                taken = index + 1
                if kind == "util" and p.text[start + 1] == "c":
                    continue
            expr = values[index] if member is None else _member(objects, values, index, member)
            out.append(_Part("variable", p.text[start:stop], where, expression=expr))
        if at < len(p.text):
            out.append(_Part("static", p.text[at:], p.start + len(p.text[:at].encode())))
    if kind == "util" and taken < len(values):
        where = end if end is not None else (out[-1].start + len(out[-1].text.encode()) if out else 0)
        for v in values[taken:]:
            out.append(_Part("static", " ", where, verbatim=False))
            out.append(_Part("variable", v, where, expression=v))
    return out


def _specifiers(text: str, kind: str, taken: int, count: int):
    """(start, stop, argument, member name) of each specifier of ``text`` the formatter fills, ``taken``
    arguments having been used in order before it; the argument is None for ``%%``, ``-1 - i`` for the
    argument ``i`` taken in order, ``i`` for one named by its position (``%2$s``)."""
    if kind == "util" or kind.startswith("own:"):
        letters = _UTIL_SPECIFIERS if kind == "util" else kind[4:]
        i = 0
        while i < len(text) - 1:
            if text[i] != "%":
                i += 1
                continue
            nxt = text[i + 1]
            if kind == "util" and nxt == "%":
                yield i, i + 2, None, None
            elif nxt in letters and taken < count:
                yield i, i + 2, -1 - taken, None
                taken += 1
            # (util.format steps over the character after every `%`, a specifier or not)
            i += 2 if kind == "util" or nxt in letters else 1
        return
    for m in _SPRINTF.finditer(text):  # sprintf / vsprintf
        if m.group(0) == "%%":
            yield m.start(), m.end(), None, None
        elif m.group(1):
            index = int(m.group(1)) - 1
            if index < count:
                yield m.start(), m.end(), index, None
        elif m.group(2):
            if count:
                yield m.start(), m.end(), 0, m.group(2)
        elif taken < count:
            yield m.start(), m.end(), -1 - taken, None
            taken += 1


def _member(objects, values, index: int, member: str) -> str:
    """The expression a sprintf ``%(name)s`` reads: the value of ``name`` in an object literal written as
    the argument, else ``ARG.name``."""
    head, _, rest = member.partition(".")
    table = objects[index] if objects is not None and index < len(objects) else None
    if table and head in table:
        return table[head] + ("." + rest if rest else "")
    return f"{values[index]}.{member}"


def template_fill(index, path: str, root, language, imports: dict, name: str) -> tuple | None:
    """(kind, values' texts, object members) of the first formatter call handed the text this file declares
    as ``name``: a call of this file (``util.format(UI_PROMPT, a, b)``), else of a file importing it
    (``util.format(SummaryPrompt, ctx)`` in ``answer.ts``, the files in the scan's order, each in file
    order); None when no formatter is handed it."""
    from ..js_project import defining_module, imported_params, resolved_path, summary_of
    from .tree import _module_functions

    me = os.path.abspath(path)
    summary = summary_of(index, path) if index is not None else None
    if summary is not None:
        mine = summary.formatted
    else:
        own = {n: f for n, fn in _module_functions(root).items() if (f := own_formatter(n, fn))}
        mine = formatted_names(root, language, imports, own, None)
    for expr, kind, values, objects in mine:
        if expr == name:
            return kind, values, objects
    if index is None or summary is None:
        return None
    exported = {out for out, local in summary.exports.items() if local == name}
    if not exported:
        return None
    others = dict.fromkeys(o for out in sorted(exported) for o in index.mentioning(out))
    for other in others:
        if os.path.abspath(other) == me or not other.lower().endswith(_EXTENSIONS):
            continue
        theirs = summary_of(index, other)
        for expr, kind, values, objects in theirs.formatted if theirs is not None else ():
            head, _, member = expr.partition(".")
            spec, imported = theirs.imports.get(head, (None, None))
            if spec is None or (imported == "*") != bool(member) or "." in member:
                continue
            imported = member or imported
            target = resolved_path(index, other, spec)
            if imported in exported and (defining_module(index, target, imported) == me if target is not None
                                         else _names_file(spec, me)):
                return kind, values, objects
    return None


def _names_file(spec: str, path: str) -> bool:
    """Whether an import specifier that names no file of the scan (an alias with no tsconfig in the scan,
    ``@/lib/llm/prompt``) ends with ``path``'s own folders and name (``.../lib/llm/prompt.ts``): the alias's
    first component stands for a folder above."""
    rest = spec.split("/")[1:] if spec[:1] in ("@", "~", "#") else None
    if not rest or any(p in ("", ".", "..") for p in rest):
        return False
    stem = os.path.splitext(path)[0].replace("\\", "/")
    tail = "/" + "/".join(rest)
    return stem.endswith(tail) or stem.endswith(tail + "/index")


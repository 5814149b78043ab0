"""Placeholders and their fills: marker fills, fill calls, filled keys, prompt arguments."""

from __future__ import annotations

import re

from ...js_tree import text as _text, walk
from ..prompt_names import name_words, role_of, says_prompt
from .calls import wrapped_params
from .exclusions import _DIALOGS, _EVENT, _HOOK, _MEDIA_WORDS, _SETTER, _shown, _SHOWN_CALLEES
from .flows import _DOLLAR_MARKER, _OWN_PLACEHOLDER
from .grammar import _TRIMS
from .literals import _Candidate, _Part, literal_parts
from .tree import _identifiers, _module_functions, _prop_name, _text_method, _unwrapped_call, param_names


# A RegExp source made of literal text around one capturing group: ``■■■([A-Z0-9_\.-]+)■■■``
_MARKER_SOURCE = re.compile(r"((?:[^\\^$.|?*+()\[\]{}]|\\.)+)\((?!\?)[^()]*\)((?:[^\\^$.|?*+()\[\]{}]|\\.)+)")


def _regex_source(node) -> str | None:
    """The source of a regular expression written as a literal (``/x/g``) or as ``new RegExp('x', flags)``."""
    if node is None:
        return None
    if node.type == "regex":
        pattern = node.child_by_field_name("pattern")
        return _text(pattern) if pattern is not None else None
    if node.type == "new_expression" and _text(node.child_by_field_name("constructor") or node) == "RegExp":
        args = node.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else None
        parts = literal_parts(first) if first is not None and first.type in ("string", "template_string") else None
        if parts and all(p.kind == "static" for p in parts):
            return "".join(p.text for p in parts)
    return None


def marker_fill(fn) -> tuple[str, str] | None:
    """(prefix, suffix) of the markers a function replaces in the text of its first parameter, each with
    the value its caller's map gives the name between them: ``(prompt, values) => prompt.replace(new
    RegExp('■■■([A-Z0-9_\\.-]+)■■■', 'gi'), (_m, name) => values[name])`` (Botpress LLMz's
    replacePlaceholders) fills ``■■■name■■■``.  Only a pattern of literal text around one capturing group."""
    names = param_names(fn) if fn is not None else []
    body = fn.child_by_field_name("body") if fn is not None else None
    if not names or not names[0] or body is None:
        return None
    local = {}  # const regex = new RegExp(...)
    for n in walk(body, every=True):
        if n.type == "variable_declarator" and n.child_by_field_name("name") is not None \
                and n.child_by_field_name("name").type == "identifier":
            src = _regex_source(n.child_by_field_name("value"))
            if src:
                local[_text(n.child_by_field_name("name"))] = src
    for n in walk(body, every=True):
        f = n.child_by_field_name("function") if n.type == "call_expression" else None
        if f is None or f.type != "member_expression" or _prop_name(f) not in ("replace", "replaceAll") \
                or _text(f.child_by_field_name("object") or f) != names[0]:
            continue
        args = n.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and len(args.named_children) == 2 else None
        src = _regex_source(first) or (local.get(_text(first)) if first is not None and first.type == "identifier"
                                       else None)
        m = _MARKER_SOURCE.fullmatch(src) if src else None
        if m:
            return re.sub(r"\\(.)", r"\1", m.group(1)), re.sub(r"\\(.)", r"\1", m.group(2))
    return None


def _fill_call(node):
    """The call ``node`` is made of when it fills a text (``replacePlaceholders(TEXT, {...}).trim()``):
    through parentheses, ``await`` and trimming; else None."""
    for _ in range(4):
        if node.type in ("parenthesized_expression", "await_expression", "as_expression", "non_null_expression") \
                and node.named_children:
            node = node.named_children[0]
        elif node.type == "call_expression" and _text_method(node) \
                and _prop_name(node.child_by_field_name("function")) in _TRIMS:
            node = node.child_by_field_name("function").child_by_field_name("object")
        else:
            break
    f = node.child_by_field_name("function") if node.type == "call_expression" else None
    return node if f is not None and f.type == "identifier" else None


def _filled_imports(cands, functions, imported_fills, imports) -> dict[tuple[str, str], tuple[set[str], str | None]]:
    """(import specifier, imported name) -> (markers, the slot's role), for each imported text a prompt slot hands to a fill
    function with a map (``content: replacePlaceholders(canTalk ? CHAT_SYSTEM_PROMPT_TEXT : WORKER_...,
    {protocol: ..., identity: ...})``): that text is sent to the model with each ``■■■key■■■`` of the map
    filled in its place."""
    out: dict[tuple[str, str], set[str]] = {}
    for cand in cands:
        call = _fill_call(cand.value)
        if call is None:
            continue
        callee = _text(call.child_by_field_name("function"))
        fn = functions.get(callee)
        fill = marker_fill(fn) if fn is not None else imported_fills(callee)
        args = call.child_by_field_name("arguments")
        if not fill or args is None or len(args.named_children) < 2 or args.named_children[1].type != "object":
            continue
        keys = set()
        for pair in args.named_children[1].named_children:
            if pair.type == "pair":
                keys.add(_prop_name(pair.child_by_field_name("key")))
            elif pair.type == "shorthand_property_identifier":
                keys.add(_text(pair))
        markers = {fill[0] + k + fill[1] for k in keys if k}
        texts = [args.named_children[0]]
        while texts:
            t = texts.pop()
            if t.type == "parenthesized_expression" and t.named_children:
                texts.append(t.named_children[0])
            elif t.type == "ternary_expression":
                texts.extend(c for c in (t.child_by_field_name("consequence"), t.child_by_field_name("alternative"))
                             if c is not None)
            elif t.type == "identifier" and _text(t) in imports:
                out.setdefault(imports[_text(t)], (set(), cand.role))[0].update(markers)
    return out


def _wrapped_args(cand, functions, imported_wraps) -> list:
    """The arguments a prompt (or a section of one) hands to a wrapper whose returned text splices
    them (``prompt += wrapXml('local-images', 'These images already exist...' + list)``): text of that
    prompt, whatever the wrapper's parameters are called.  Wrappers of the same file, and of another
    file through the import (``js_project``)."""
    value = _unwrapped_call(cand.value)
    callee = value.child_by_field_name("function") if value is not None else None
    args = value.child_by_field_name("arguments") if value is not None else None
    if callee is None or callee.type != "identifier" or args is None:
        return []
    fn = functions.get(_text(callee))
    positions = wrapped_params(fn) if fn is not None else (imported_wraps(_text(callee)) or [])
    out = []
    for i in positions:
        if i < len(args.named_children) and args.named_children[i].type != "spread_element":
            arg = args.named_children[i]
            if literal_parts(arg) is not None or arg.type == "identifier":
                out.append(_Candidate(arg, value, None, cand.role, message=cand.message, by_path=True))
    return out


def _prompt_arguments(root, reads, imported_params) -> list:
    """Arguments passed to a project function's parameter named as a prompt (``function
    aixChatGenerateText_Simple(llmId, systemInstruction, ...)`` called with ``(llm, "You are...", ...)``):
    what the function does with them is what its own code says, and its parameter's name is that code's
    word for it.  Functions of the same file, and of another file through the import (``js_project``)."""
    functions = _module_functions(root)
    out = []
    for callee in reads.get("callee", ()):
        n = callee.parent
        args = n.child_by_field_name("arguments")
        if args is None or not args.named_children:
            continue
        name = _text(callee)
        if _EVENT.match(name) or _SETTER.match(name) or _HOOK.match(name) or name in _SHOWN_CALLEES \
                or name in _DIALOGS:
            continue  # (confirm(prompt), onMessage(...): asks or shows a person)
        if set(name_words(name)) & _MEDIA_WORDS:
            continue  # generateMusic(prompt), createImage(prompt): a media model's prompt, no cached text
        fn = functions.get(name)
        params = param_names(fn) if fn is not None else imported_params(name)
        for param, arg in zip(params or (), args.named_children):
            if param and says_prompt(param) and arg.type != "spread_element" \
                    and not (fn is not None and _param_shown(fn, param)):
                out.append(_Candidate(arg, n, param, role_of(param)))
    return out


def _param_shown(fn, param: str) -> bool:
    """Whether every use of a function's parameter inside it shows it to a person
    (``rl.question(prompt)``, ``console.log(prompt)``): a question or a message, not a prompt."""
    body = fn.child_by_field_name("body")
    uses = [u for u in _identifiers(body, param)] if body is not None else []
    return bool(uses) and all(_shown(u) for u in uses)


def filled_keys(reads) -> dict[str, set[str]]:
    """The placeholders each name's text has filled by ``NAME.replace("[[KEY]]", ...)`` (also along a
    chain of ``.replace`` calls): name -> keys."""
    out: dict[str, set[str]] = {}
    for args in reads.get("fill", ()):
        fn = args.parent.child_by_field_name("function")
        key = args.named_children[0] if args.named_children else None
        if fn is None or key is None or key.type != "string":
            continue
        text = "".join(_text(c) for c in key.named_children)
        if not _OWN_PLACEHOLDER.fullmatch(text) and not _DOLLAR_MARKER.fullmatch(text):
            continue  # (`$FRAMEWORK` too: a marker the code replaces, as importers' `$KEY` fills are)
        obj = fn.child_by_field_name("object")
        while obj is not None and obj.type == "call_expression" and obj.child_by_field_name("function") is not None \
                and obj.child_by_field_name("function").type == "member_expression":
            obj = obj.child_by_field_name("function").child_by_field_name("object")
        if obj is not None and obj.type == "identifier":
            out.setdefault(_text(obj), set()).add(text)
    return out


def split_filled(parts: list[_Part], keys: set[str]) -> list[_Part]:
    """Static parts with each filled placeholder (``[[AI_RULES]]``) made a variable: the code replaces
    it before the text is sent, whatever template syntax the rest of the text has."""
    pattern = re.compile("|".join(re.escape(k) + (r"(?!\w)" if k.startswith("$") else "")
                                  for k in sorted(keys, key=len, reverse=True)))
    out: list[_Part] = []
    for p in parts:
        if p.kind != "static" or not p.verbatim or not pattern.search(p.text):
            out.append(p)
            continue
        at = 0
        for m in pattern.finditer(p.text):
            if m.start() > at:
                out.append(_Part("static", p.text[at:m.start()], p.start + len(p.text[:at].encode())))
            out.append(_Part("variable", m.group(), p.start + len(p.text[:m.start()].encode()),
                             expression=m.group()))
            at = m.end()
        if at < len(p.text):
            out.append(_Part("static", p.text[at:], p.start + len(p.text[:at].encode())))
    return out


def _noting(lookup, source):
    """``lookup`` (``js_project.importer``) that also notes each name it gives the text of on
    ``source._noted``: what the candidate being read takes from other modules."""
    if lookup is None:
        return None

    def noted(expr: str):
        text = lookup(expr)
        if text is not None and getattr(source, "_noted", None) is not None:
            source._noted.append(expr)
        return text

    noted.items = getattr(lookup, "items", None)
    return noted

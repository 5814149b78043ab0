"""Values reaching a prompt: assigned and spliced values, aliased contents, branches of a literal."""

from __future__ import annotations

import re

from ...js_tree import text as _text, walk
from ..config_fields import METADATA_KEYS
from ..prompt_names import name_words, role_of, says_prompt
from .arrays import _spliced_names, _unwrapped
from .exclusions import _WORDISH
from .grammar import ROLES
from .literals import _Candidate, literal_parts
from .roles import _object_keys, _speaker
from .tree import _block_declarators, _const_declarator, _declarators, _enclosing_function, _prop_name, _root


def _assigned_values(cand, taken: set) -> list:
    """The values a ``let`` declared without one is given (``let question; if (a) question = await
    getInput(x); if (!question) question = await getInput(y)``), when a prompt slot reads that name: each
    is text of the slot, as the value of a ``const`` would be."""
    value = _unwrapped(cand.value)
    if value.type not in ("identifier", "shorthand_property_identifier"):
        return []
    name = _text(value)
    scope = _enclosing_function(value)
    body = scope.child_by_field_name("body") if scope is not None else _root(value)
    if body is None or body.type not in ("statement_block", "program"):
        return []
    decl = next((d for d in _block_declarators(body) if d.child_by_field_name("value") is None
                 and _text(d.child_by_field_name("name") or d) == name), None)
    if decl is None or decl.id in taken:
        return []
    taken.add(decl.id)
    out = []
    for n in walk(body):
        if n.type == "assignment_expression" and _text(n.child_by_field_name("left") or n) == name \
                and (_enclosing_function(n) or _root(n)).id == (scope or _root(value)).id:
            out.append(_Candidate(n.child_by_field_name("right"), n, name, cand.role, message=cand.message))
    return out


def _spliced_assignments(cand, taken: set) -> list:
    """The texts a ``let`` spliced whole into a prompt is assigned when it starts empty (``let
    previousActionsString = ''; if (previousActions.length > 0) { previousActionsString = `You have already
    taken the following actions: \n${serializedActions}\n\n` }``, then `` `...${previousActionsString}...` ``):
    each is a section of the prompt, as the value of a spliced ``const`` is."""
    scope = _enclosing_function(cand.value)
    body = scope.child_by_field_name("body") if scope is not None else None
    if body is None or body.type != "statement_block":
        return []
    out = []
    for name in _spliced_names(cand.value):
        decl = next((d for d in _block_declarators(body) if _text(d.child_by_field_name("name") or d) == name),
                    None)
        if decl is None or decl.id in taken:
            continue
        start = decl.child_by_field_name("value")
        parts = literal_parts(start) if start is not None else []
        if parts is None or any(p.text.strip() or p.kind != "static" for p in parts):
            continue  # (a `let` holding text of its own is read where it is declared)
        taken.add(decl.id)
        for n in walk(body):
            right = n.child_by_field_name("right") if n.type == "assignment_expression" else None
            if right is not None and _text(n.child_by_field_name("left") or n) == name \
                    and _enclosing_function(n) is not None and _enclosing_function(n).id == scope.id \
                    and name not in _spliced_names(right):  # (`x = `${x}\n[End of page]``: grown, as `+=`)
                out.append(_Candidate(right, n, name, cand.role, message=cand.message, by_path=True))
    return out


def _aliased_contents(root) -> list:
    """Text parts pushed onto a message's content through a local bound to it (``const messages = [{role:
    'user', content: []}]; const userContent = messages[0].content; userContent.push({type: 'text', text})``):
    the message is built in the same function, so each text part is a text of it."""
    out = []
    for d in walk(root):
        if d.type != "variable_declarator" or d.child_by_field_name("value") is None:
            continue
        value = d.child_by_field_name("value")
        while value.type in ("as_expression", "parenthesized_expression", "non_null_expression") and value.named_children:
            value = value.named_children[0]
        if value.type != "member_expression" or _prop_name(value) != "content":
            continue
        holder = value.child_by_field_name("object")
        while holder is not None and holder.type == "subscript_expression":
            holder = holder.child_by_field_name("object")
        scope = _enclosing_function(d)
        if holder is None or holder.type != "identifier" or scope is None:
            continue
        body = scope.child_by_field_name("body")
        built = next((x.child_by_field_name("value") for x in _declarators(body, ("const", "let", "var"))
                      if body is not None and _text(x.child_by_field_name("name") or x) == _text(holder)), None) \
            if body is not None and body.type == "statement_block" else None
        while built is not None and built.type == "array" and built.named_children:
            built = built.named_children[0]
        role = _speaker(_object_keys(built)) if built is not None else None
        if not isinstance(role, str) or role.lower() not in ROLES:
            continue
        alias = _text(d.child_by_field_name("name") or d).encode()
        for n in walk(scope):
            fn, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
            if n.type != "call_expression" or fn is None or args is None or fn.type != "member_expression" \
                    or _prop_name(fn) not in ("push", "unshift") or fn.child_by_field_name("object") is None \
                    or fn.child_by_field_name("object").text != alias:
                continue
            for obj in args.named_children:
                if obj.type != "object" or _object_keys(obj).get("type", "text") != "text":
                    continue
                for pair in obj.named_children:
                    if pair.type == "pair" and _prop_name(pair.child_by_field_name("key")) == "text":
                        out.append(_Candidate(pair.child_by_field_name("value"), pair, "text", ROLES[role.lower()],
                                              message=True))
    return out


def _shorthand_members(reads) -> list:
    """The shorthand members of an object named as a prompt (``SUMMARY_PROMPTS = { rules, guidelines,
    format }``): each is a slot whose text is the name's declaration, as a ``rules: ...`` pair would be."""
    out = []
    for n in reads.get("member", ()):
        decl = n.parent.parent if n.parent is not None else None
        owner = decl.child_by_field_name("name") if decl is not None else None
        if owner is not None and says_prompt(_text(owner)) and (
                "_".join(name_words(_text(n))) not in METADATA_KEYS or _declared_prose(n)):
            out.append(_Candidate(n, n, _text(n), role_of(_text(n), _text(owner))))
    return out


def _declared_prose(n) -> bool:
    """Whether the shorthand member ``n`` names a same-file constant whose text is prose, more than a phrase in
    sentences (onlook's ``const format = `Required Format:\nFiles Discussed:...``` in ``SUMMARY_PROMPTS = {rules,
    format, summary}``): a section of the prompt table, not the metadata its key's word usually holds."""
    decl = _const_declarator(_root(n), _text(n), n)
    parts = literal_parts(decl.child_by_field_name("value")) if decl is not None and \
        decl.child_by_field_name("value") is not None else None
    static = " ".join(p.text for p in parts or () if p.kind == "static")
    return len(static.split()) > _BRANCH_PHRASE_WORDS and bool(_SENTENCE.search(static))


def _branches(cand) -> list:
    """A candidate whose value is a conditional (``cond ? `A` : `B```): one candidate per branch that
    holds text, each a prompt the code may send (nested conditionals too)."""
    v = cand.value
    while v.type == "parenthesized_expression" and v.named_children:
        v = v.named_children[0]
    inner = _shortened(v)
    if inner is not None:
        return _branches(_Candidate(inner, cand.slot, cand.own, cand.role, cand.message, cand.decl, cand.by_path,
                                    cand.branch, cand.join, cand.as_is))
    if v.type == "binary_expression" and _text(v.child_by_field_name("operator") or v) in ("??", "||"):
        # a fallback (``aiRules ?? DEFAULT_PLAN_AI_RULES``, ``x || "You are..."``): each operand is a
        # value the slot can hold
        return [b for side in ("left", "right") if v.child_by_field_name(side) is not None
                for b in _branches(_Candidate(v.child_by_field_name(side), cand.slot, cand.own, cand.role,
                                              cand.message, cand.decl, cand.by_path, branch=True))]
    if v.type == "binary_expression" and _text(v.child_by_field_name("operator") or v) == "+" \
            and v.child_by_field_name("right") is not None and literal_parts(v.child_by_field_name("right")) is not None:
        left = v.child_by_field_name("left")
        while left is not None and left.type == "parenthesized_expression" and left.named_children:
            left = left.named_children[0]
        sides = [left.child_by_field_name(k) for k in ("consequence", "alternative")] \
            if left is not None and left.type == "ternary_expression" else []
        if sides and all(b is not None and (literal_parts(b) or []) and _WORDISH.search(
                "".join(p.text for p in literal_parts(b) if p.kind == "static")) for b in sides):
            # (sourceCode ? `CONTEXT: ...${sourceCode}...` : 'INSTRUCTIONS: ...') + `Remember: ...`: each
            # branch is a text the slot may start with, and what follows them is a section of both (not
            # `(systemPrompt ? `${systemPrompt}\n` : "") + ...`: a choice of values, read as one text)
            right = v.child_by_field_name("right")
            return _branches(_Candidate(left, cand.slot, cand.own, cand.role, cand.message, cand.decl,
                                        cand.by_path, branch=True)) + \
                [_Candidate(right, cand.slot, cand.own, cand.role, cand.message, by_path=True)]
    if v.type != "ternary_expression":
        return [cand]
    out = []
    for side in ("consequence", "alternative"):
        branch = v.child_by_field_name(side)
        if branch is not None:
            out.extend(_branches(_Candidate(branch, cand.slot, cand.own, cand.role, cand.message, cand.decl,
                                            True, branch=True)))
    return out


# Words of a function that shortens or cleans the text it is given (``trimToTokenLimit``,
# ``truncateText``, ``cleanPrompt``): what it returns is that text, cut or tidied.
_SHORTENING_WORDS = frozenset({"trim", "truncate", "truncated", "limit", "clip", "shorten", "cut", "clean",
                               "sanitize", "normalize", "strip", "compact", "collapse", "dedent"})


def _shortened(node):
    """The text argument of a call that shortens or cleans it, for a slot given that call (or a member
    of its result: ``prompt: trimToTokenLimit(`You are researching: ${topic}...`, 120000).text``);
    None for anything else."""
    if node.type == "member_expression" and node.child_by_field_name("object") is not None \
            and node.child_by_field_name("object").type == "call_expression":
        node = node.child_by_field_name("object")
    if node.type != "call_expression":
        return None
    fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if fn is None or args is None or not args.named_children or fn.type not in ("identifier", "member_expression"):
        return None
    if fn.type == "member_expression" and fn.child_by_field_name("object") is not None \
            and literal_parts(fn.child_by_field_name("object")) is not None:
        return None  # `...`.trim(): a method of the text itself (literal_parts reads it)
    if not set(name_words(_prop_name(fn))) & _SHORTENING_WORDS:
        return None
    if fn.type == "identifier" and literal_parts(node) is not None:
        return None  # dedent(`...`): the text the call makes, read whole (literal_parts)
    first = args.named_children[0]
    return first if first.type in ("template_string", "string", "ternary_expression", "binary_expression",
                                   "parenthesized_expression", "call_expression") else None


# A branch without a variable is a section of the prompt when it is a sentence (punctuation or a line
# of its own); a few words without either complete a sentence of the prompt ("these files").
_SENTENCE = re.compile(r"[.!?:;\n]")
_BRANCH_PHRASE_WORDS = 6


def _without_commands(text: str) -> str:
    """The text without commands and flags (``/team``, ``--force``, ``$VAR``, ``@file``)."""
    return " ".join(w for w in text.split() if not w.startswith(("/", "-", "$", "@")))


_MARKUP_TAG = re.compile(r"</?[A-Za-z][\w:-]*[^<>]*>")
_ERROR_TEXT = re.compile(r"\s*(?:Error|ERROR)\b\s*:")


def _in_error_path(node, clause: bool = True) -> bool:
    """Whether ``node`` sits in a callback passed to ``.catch(...)`` (or, with ``clause``, in a
    ``catch`` clause: a prompt-named function may fall back to a default prompt there)."""
    child, p = node, node.parent
    while p is not None and p.type != "program":
        if p.type == "catch_clause" and clause:
            return True
        if p.type == "arguments" and child.type in ("arrow_function", "function_expression", "function") \
                and p.parent is not None and p.parent.type == "call_expression":
            fn = p.parent.child_by_field_name("function")
            if fn is not None and fn.type == "member_expression" and _prop_name(fn) == "catch":
                return True
        child, p = p, p.parent
    return False


_MAX_PASSES = 6  # name -> slot -> name chains followed (a few links in real code)
_PLACEHOLDER = re.compile(r"\{\{?\s*[\w.-]+\s*\}?\}|\[\[\s*[\w.]+\s*\]\]|%[\w.]+%")
# (a prompt's own `.replaceAll('<selected>', mention)` fills a tag-shaped placeholder too; a tag replaced
# in a record template, `.replace('<output>', `<output file="...">`)`, gives no section)
_OWN_PLACEHOLDER = re.compile(_PLACEHOLDER.pattern + r"|<\w+>")
_DOLLAR_MARKER = re.compile(r"\$[A-Za-z_]\w*")

"""Where a JS/TS prompt is sent, read from its file (issue 12, PC101 "the one-shot boundary" and "where
the prompt sits"): the call that carries it, the request field that holds it, and whether a conversation
is in that request.

The request shapes are the SDKs' documented ones:

* Vercel AI SDK ``generateText`` / ``streamText`` / ``generateObject`` / ``streamObject``: ``prompt``
  (a string) is the request's one user message, ``messages`` a conversation, and a call takes one or
  the other, never both; ``system`` heads either;
* OpenAI ``chat.completions.create({messages})``, ``responses.create({instructions, input})`` (history
  only through ``previous_response_id`` / ``conversation``), legacy ``completions.create({prompt})``;
* Anthropic ``messages.create`` / ``messages.stream({system, messages})``;
* GenAIScript's global ``runPrompt(text, options)``: an inner request in a new chat context, ``text`` its
  user message.

A prompt is sent *one-shot* when the request it reaches holds nothing but what the function writes for
that call: a ``prompt``/``input`` string with no conversation, or a message list written out in full (an
array literal of message objects; or a local bound once to one and never grown).  A list that spreads a
conversation it was given (``[...messages, {role: "user", content: p}]``), a ``messages`` value the
function did not write, or a list the message is pushed onto is a turn of a conversation (*appended*:
what it holds is fixed once it is in the history).  Nothing is run; ``None`` when the file does not say
(the prompt is returned to a caller, handed to a helper, or assigned twice).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from .js_tree import FUNCTIONS as _FUNCS, text as _text, walk as _walk
from .model import Prompt, Segment

JS_EXTENSIONS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")

_AI_SDK = {"generateText", "streamText", "generateObject", "streamObject"}
# GenAIScript's global ``runPrompt(text, options)``: "an inner LLM invocation" in a new chat context, its
# text the request's user message (microsoft.github.io/genaiscript, reference/scripts/inline-prompts)
_INLINE_PROMPT = "runPrompt"
# member chains of the provider SDKs' request methods (last two names)
_PROVIDER = {("completions", "create"), ("completions", "parse"), ("completions", "stream"),
             ("responses", "create"), ("responses", "stream"), ("responses", "parse"),
             ("messages", "create"), ("messages", "stream")}
_TEXT_SLOTS = {"prompt", "system", "instructions", "input"}
_HEAD_SLOTS = {"system", "instructions"}
_LIST_SLOTS = {"messages", "input", "contents"}
_HISTORY_KEYS = {"previous_response_id", "previousResponseId", "conversation"}
_GROW = {"push", "unshift", "splice", "concat"}
_WRAPPERS = {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression",
             "await_expression", "type_assertion"}
_PRESENTING = {"trim", "trimStart", "trimEnd", "trimLeft", "trimRight", "replace", "replaceAll", "toString"}


@dataclass(frozen=True)
class Sent:
    """One place the prompt's text reaches a request."""

    line: int  # 1-based line of the call
    slot: str  # the request field holding it: prompt, system, instructions, input, messages
    one_shot: bool  # the request holds no conversation: only what the function writes for this call
    appended: bool = False  # its message is added after a conversation (a turn of the history)
    headed: bool = False  # a system/instructions field heads it in the same request
    place: str | None = None  # in a one-shot list: "whole" (its only message), "final-turn" (the last, a user's)
    path: str | None = None  # the file of the call, when it is not the prompt's own


def js_sent(prompt: Prompt | None, seg: Segment | None = None, index=None) -> list[Sent] | None:
    """Every request the prompt's text reaches in its own file (and, given the project's ``index``,
    through the callers of the function that returns it); None when one of its uses is not a request
    this module reads."""
    if prompt is None or not prompt.path or not prompt.path.lower().endswith(JS_EXTENSIONS):
        return None
    from .dataflow.js_lookup import _js_tree
    from .volatility import _stamp

    got = _js_tree(prompt.path, _stamp(prompt.path))
    if got is None:
        return None
    tree, data = got
    at = seg if seg is not None and seg.line else (prompt.segments[0] if prompt.segments else None)
    if at is None:
        return None
    node = _node_at(tree, data, at.line, at.column)
    while node is not None and node.type not in ("template_string", "string"):
        node = node.parent
    if node is None:
        return None
    try:
        return _sent_from(_climb(node), 2, index, prompt.path)
    except RecursionError:
        return None


_FILLS = {"replace", "replaceAll", "format"}


def _filled_sent(prompt: Prompt, index) -> list[Sent] | None:
    """A ``{name}`` template constant (``export const systemInstruction = `...{now}...```) is rendered where
    the project fills it (``systemInstruction.replace("{now}", ...)``): the requests each filled text
    reaches; None when a fill site does not say, or there is none."""
    from .crossflow.sites import _template_name
    from .sources.js.grammar import EXTENSIONS

    got = _template_name(prompt)
    if got is None or got[1]:
        return None
    name = got[0]
    out = []
    for path in index.mentioning(name):
        parsed = index.js(path) if path.lower().endswith(EXTENSIONS) else None
        if parsed is None:
            continue
        for n in _walk(parsed[0].root_node):
            if n.type == "member_expression" and _text(n.child_by_field_name("object")) == name \
                    and _text(n.child_by_field_name("property")) in _FILLS \
                    and n.parent is not None and n.parent.type == "call_expression":
                sent = _sent_from(_climb(n.parent), 2, index, path)
                if sent is None:
                    return None
                out += [s if s.path else replace(s, path=path) for s in sent]
        if len(out) > 32:
            break
    return out or None


def js_one_shot(seg: Segment, prompt: Prompt | None, index=None) -> int | str | None:
    """The line of the one-shot call the prompt is sent in (every use of it is one), else None.  A
    template constant of a module is followed to the places the project fills it (``index``: the
    scan's ``crossflow.ProjectIndex``): each filled text must reach a one-shot request."""
    sent = js_sent(prompt, seg, index)
    if sent is None and index is not None:
        sent = _filled_sent(prompt, index)
    if not sent or not all(s.one_shot for s in sent):
        return None
    if sent[0].path and os.path.abspath(sent[0].path) != os.path.abspath(prompt.path):
        return f"{os.path.basename(sent[0].path)}:{sent[0].line}"
    return sent[0].line


def js_position(prompt: Prompt) -> str | None:
    """Where the prompt sits by the request it reaches, when every use agrees: the ``prompt`` (or
    ``input``) text of a one-shot request is its last user message, ``final-turn`` after a ``system``
    head and the ``whole`` request without one; a message added after a conversation is a turn of the
    history, ``final-turn``.  None otherwise (the source's role, or the head default, decides)."""
    sent = js_sent(prompt)
    if not sent:
        return None
    got = {_position(s) for s in sent}
    return got.pop() if len(got) == 1 else None


def _position(s: Sent) -> str | None:
    if s.appended:
        return "final-turn"
    if s.slot in ("prompt", "input") and s.one_shot:
        return "final-turn" if s.headed else "whole"
    return s.place if s.one_shot else None


def _node_at(tree, data: bytes, line: int, column: int):
    from .sources.js.grammar import _Positions

    pos = _Positions(data)
    if line - 1 >= len(pos.starts) or line < 1:
        return None
    start = pos.starts[line - 1]
    end = pos.starts[line] if line < len(pos.starts) else len(data)
    col = len(data[start:end].decode("utf-8", "replace")[:max(column - 1, 0)].encode("utf-8"))
    return tree.root_node.descendant_for_byte_range(start + col, start + col + 1)


def _climb(node):
    """The whole value a literal is part of: through parentheses and type assertions, ``+``
    concatenation, a ternary's branches, a template that embeds it, a tag (``dedent`...```) and the
    string methods that only trim or replace (``.trim()``)."""
    while node.parent is not None:
        up = node.parent
        if up.type in _WRAPPERS or up.type == "binary_expression" and _text(up.child(1)) == "+" \
                or up.type == "ternary_expression" and up.child_by_field_name("condition") != node:
            node = up
        elif up.type == "template_substitution" and up.parent is not None:
            node = up.parent
        elif up.type == "array" and _joined(up) is not None:
            node = _joined(up)  # [system, guidelines].join("\n\n"): the texts sent as one
        elif up.type == "call_expression" and up.child_by_field_name("arguments") == node:
            node = up  # dedent`...`
        elif up.type == "member_expression" and up.child_by_field_name("object") == node \
                and _text(up.child_by_field_name("property")) in _PRESENTING \
                and up.parent is not None and up.parent.type == "call_expression":
            node = up.parent
        else:
            return node
    return node


def _joined(array):
    """The call ``[...].join(sep)`` made on an array literal, else None."""
    up = array.parent
    if up is not None and up.type == "member_expression" and up.child_by_field_name("object") == array \
            and _text(up.child_by_field_name("property")) == "join" and up.parent is not None \
            and up.parent.type == "call_expression":
        return up.parent
    return None


def _sent_from(value, depth: int, index=None, path: str | None = None) -> list[Sent] | None:
    up = value.parent
    if up is None:
        return None
    if depth > 0 and (up.type == "return_statement"
                      or up.type == "arrow_function" and up.child_by_field_name("body") == value):
        return _returned(_function(up), depth - 1, index, path)
    if up.type == "pair" and up.child_by_field_name("value") == value:
        return _in_object(up.parent, _key(up), value)
    if value.type == "shorthand_property_identifier" and up.type == "object":
        return _in_object(up, _text(value), value)
    if up.type == "variable_declarator" and up.child_by_field_name("value") == value and depth > 0:
        name = up.child_by_field_name("name")
        if name is None or name.type != "identifier":
            return None
        return _reads(_text(name), up, depth - 1, index=index, path=path)
    if up.type == "augmented_assignment_expression" and up.child_by_field_name("right") == value and depth > 0:
        # prompt += `...`: one more piece of the text a local accumulates; where that local goes, the piece goes
        left, op = up.child_by_field_name("left"), up.child_by_field_name("operator")
        if left is None or left.type != "identifier" or op is None or _text(op) != "+=":
            return None
        decl = _declaration(up, _text(left))
        if decl is None or not _accumulated_only(_text(left), decl):
            return None
        return _reads(_text(left), decl, depth - 1, index=index, path=path, accumulated=True)
    if up.type == "arguments" and _adds_message(up.parent):  # appendAssistantMessage(threadId, text)
        return [Sent(up.parent.start_point[0] + 1, "messages", False, appended=True)]
    if up.type == "arguments" and up.named_children[:1] == [value] \
            and _callee_words(up.parent) == [_INLINE_PROMPT]:  # runPrompt(text, options): a new chat
        return [Sent(up.parent.start_point[0] + 1, "prompt", True)]
    return None


_ADD_VERBS = {"add", "append", "push", "insert", "save", "store", "record"}
_MESSAGE_NOUNS = {"message", "messages", "msg", "turn", "history"}


def _adds_message(call) -> bool:
    """A call whose name says it adds a message to a conversation (``appendAssistantMessage``,
    ``addUserMessage``, ``history.push``)."""
    import re

    words = _callee_words(call)
    if not words:
        return False
    last = [w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", words[-1])]
    return bool(last) and last[0] in _ADD_VERBS and bool(_MESSAGE_NOUNS & set(last[1:]))


def _key(pair) -> str:
    k = pair.child_by_field_name("key")
    return _text(k).strip("'\"`") if k is not None else ""


def _in_object(obj, key: str, value) -> list[Sent] | None:
    if obj is None or obj.type != "object":
        return None
    if key in ("content", "text"):
        return _message(obj)
    if key in _TEXT_SLOTS:
        return _request(obj, key)
    return None


def _keys(obj) -> dict:
    """Field name -> value node (a shorthand field is its own value); ``...`` spreads under ``"..."``."""
    out = {}
    for c in obj.named_children:
        if c.type == "pair":
            out[_key(c)] = c.child_by_field_name("value")
        elif c.type == "shorthand_property_identifier":
            out[_text(c)] = c
        elif c.type == "spread_element":
            out.setdefault("...", c)
    return out


def _call_of(obj):
    """The call an object literal is the first argument of."""
    args = obj.parent
    if args is None or args.type != "arguments" or args.parent is None or args.parent.type != "call_expression":
        return None
    return args.parent


def _callee_words(call) -> list[str]:
    if call is None or call.type != "call_expression":
        return []
    fn = call.child_by_field_name("function")
    words = []
    while fn is not None and fn.type == "member_expression":
        words.append(_text(fn.child_by_field_name("property")))
        fn = fn.child_by_field_name("object")
    if fn is not None and fn.type == "identifier":
        words.append(_text(fn))
    return words[::-1]


def _model_call(call) -> bool:
    words = _callee_words(call)
    return bool(words) and (words[-1] in _AI_SDK or tuple(words[-2:]) in _PROVIDER)


def _request(obj, slot: str) -> list[Sent] | None:
    call = _call_of(obj)
    if not _model_call(call):
        return None
    keys = _keys(obj)
    line = call.start_point[0] + 1
    headed = bool((_HEAD_SLOTS - {slot}) & keys.keys())
    if slot == "prompt":  # the SDK takes prompt or messages, never both: nothing else is in the request
        return [Sent(line, slot, True, headed=headed)]
    if slot in _HEAD_SLOTS and "prompt" in keys and _callee_words(call)[-1] in _AI_SDK:
        return [Sent(line, slot, True)]  # {...settings, system, prompt}: a spread cannot add a conversation
    if _HISTORY_KEYS & keys.keys() or "..." in keys:
        return [Sent(line, slot, False, headed=headed)]
    if slot in _HEAD_SLOTS:
        text = keys.get("prompt")
        listed = keys.get("messages") or keys.get("input")
        fresh = text is not None or listed is not None and _fresh_list(listed)
        return [Sent(line, slot, fresh)]
    # slot == "input": a string is one user message; a list, the items written here or not
    return [Sent(line, slot, True, headed=headed)]


def _message(obj) -> list[Sent] | None:
    """``obj`` holds the prompt as ``content``/``text``: climb to the message list it is in."""
    up = obj.parent
    if up is not None and up.type == "array" and up.parent is not None and up.parent.type == "pair" \
            and _key(up.parent) in ("content", "parts") and up.parent.parent is not None:
        obj = up.parent.parent  # a content part: {role, content: [{type: "text", text: p}]}
        up = obj.parent
    if up is None:
        return None
    if up.type == "arguments" and up.parent is not None and not _model_call(up.parent) \
            and "role" in _keys(obj) and _role(obj) not in ("system", "developer"):
        # one message handed to a call that is no request: history.push({role, content}),
        # db.insert(messages).values({role: "assistant", content}), addMessage({...}): added to a conversation
        return [Sent(up.parent.start_point[0] + 1, "messages", False, appended=True)]
    if up.type != "array":
        return None
    return _message_list(up, obj, 2)


def _message_list(lst, item, depth: int) -> list[Sent] | None:
    fresh = _fresh_items(lst)
    # [...history, {role: "user", content: p}]: the message comes after a conversation
    after = any(c.type == "spread_element" and c.start_byte < item.start_byte for c in lst.named_children)
    up = lst.parent
    if up is not None and up.type == "pair" and _key(up) in _LIST_SLOTS:
        obj = up.parent
        call = _call_of(obj) if obj is not None else None
        if call is None:
            return None
        keys = _keys(obj)
        one = fresh and "..." not in keys and not _HISTORY_KEYS & keys.keys()
        headed = bool(_HEAD_SLOTS & keys.keys())
        return [Sent(call.start_point[0] + 1, "messages", one, appended=after and not one,
                     place=_place(lst, item, headed))]
    if up is not None and up.type == "arguments":
        words = _callee_words(up.parent)
        if words and words[-1] in _GROW:
            return [Sent(up.parent.start_point[0] + 1, "messages", False, appended=True)]
        return [Sent(up.parent.start_point[0] + 1, "messages", fresh, appended=after and not fresh,
                     place=_place(lst, item, False))]
    if up is not None and up.type == "variable_declarator" and up.child_by_field_name("value") == lst and depth > 0:
        name = up.child_by_field_name("name")
        if name is None or name.type != "identifier":
            return None
        grown = _grown(_text(name), up)
        if grown is None:
            return None
        if grown or after:  # const conversation = [system, ...history]; conversation.push({...})
            return [Sent(up.start_point[0] + 1, "messages", False, appended=after)]
        sent = _reads(_text(name), up, depth - 1, lists=True)
        if sent is None:
            return None
        return [Sent(s.line, s.slot, s.one_shot and fresh, place=_place(lst, item, s.headed)) for s in sent]
    return None


def _place(lst, item, headed: bool) -> str | None:
    """Where a message sits in a list written for one request: its only message is the whole request
    (after a ``system`` field, its final turn); the last message, a user's, is the final turn."""
    kids = [c for c in lst.named_children if c.type != "comment"]
    if not kids or kids[-1] != item:
        return None
    if len(kids) == 1 and not headed:
        return "whole"
    return "final-turn" if _role(item) in ("user", "human") else None


def _role(message) -> str:
    """The role a message object literal writes (``role: "user"``); "" when it is not a literal."""
    role = _keys(message).get("role")
    return _text(role).strip("'\"`").lower() if role is not None and role.type == "string" else ""


def _fresh_items(lst) -> bool:
    """Every item of a message list is written here: an object literal, none spread in."""
    kids = lst.named_children
    return bool(kids) and all(c.type == "object" for c in kids if c.type != "comment")


def _fresh_list(value) -> bool:
    """A ``messages`` value written out for this call: an array literal of message objects, or a local
    bound once to one and never grown."""
    if value.type == "array":
        return _fresh_items(value)
    if value.type in ("identifier", "shorthand_property_identifier"):
        decl = _declaration(value, _text(value))
        if decl is None:
            return False
        v = decl.child_by_field_name("value")
        return v is not None and v.type == "array" and _fresh_items(v) and _grown(_text(value), decl) is False
    return False


def _returned(fn, depth: int, index, path: str | None) -> list[Sent] | None:
    """A function that returns the text: the requests each call of it reaches (the calls of its file, and,
    with the project's ``index``, of every JS/TS file that mentions its name)."""
    from .sources.js.tree import _function_name

    name = _function_name(fn)
    if name and name.startswith("#") and name[1:].isidentifier() and fn.type == "method_definition":
        # a private method (#assembleUserPrompt): called only as this.#name(...) inside its own class
        cls = fn.parent
        calls = [(path, c) for c in _walk(cls) if c.type == "call_expression"
                 and _text(c.child_by_field_name("function")) == "this." + name] if cls is not None else []
    elif not name or not name.isidentifier():
        return None
    elif index is not None:
        from .crossflow_js import _calls_to

        calls = index.memo(("js-calls", name), lambda: _calls_to(index, name))
    else:
        root = fn
        while root.parent is not None:
            root = root.parent
        calls = [(path, c) for c in _walk(root) if c.type == "call_expression"
                 and _text(c.child_by_field_name("function")) == name]
    out = []
    for where, call in calls[:32]:
        got = _sent_from(_climb(call), depth, index, where)
        if got is None:
            return None
        out += [s if s.path else replace(s, path=where) for s in got]
    return out or None


def _unexported_top(decl):
    """The module (``program``) a top-level ``const``/``let`` declarator sits in, when no ``export``
    wraps it; else None."""
    stmt = decl.parent
    if stmt is None or stmt.type not in ("lexical_declaration", "variable_declaration"):
        return None
    up = stmt.parent
    return up if up is not None and up.type == "program" else None


def _function(node):
    while node is not None and node.type not in _FUNCS:
        node = node.parent
    return node


def _declaration(ref, name: str):
    """The ``const``/``let`` declarator of ``name`` in the function holding ``ref``."""
    fn = _function(ref)
    if fn is None:
        return None
    found = [n for n in _walk(fn) if n.type == "variable_declarator" and n.child_by_field_name("name") is not None
             and _text(n.child_by_field_name("name")) == name and n.start_byte < ref.start_byte]
    return found[-1] if len(found) == 1 else None


def _grown(name: str, decl) -> bool | None:
    """Whether the function adds to the list bound at ``decl`` (``name.push(...)``, ``name = ...``,
    ``name.concat``); None when it is not in a function."""
    fn = _function(decl)
    if fn is None:
        return None
    for n in _walk(fn):
        if n.type == "member_expression" and _text(n.child_by_field_name("object")) == name \
                and _text(n.child_by_field_name("property")) in _GROW:
            return True
        if n.type in ("assignment_expression", "augmented_assignment_expression") \
                and _text(n.child_by_field_name("left")) == name:
            return True
    return False


def _accumulated_only(name: str, decl) -> bool:
    """The local bound at ``decl`` is only ever added to (``name += ...``), never assigned anew."""
    fn = _function(decl)
    return fn is not None and not any(
        n.type == "assignment_expression" and _text(n.child_by_field_name("left")) == name for n in _walk(fn))


def _reads(name: str, decl, depth: int, lists: bool = False, index=None, path: str | None = None,
           accumulated: bool = False) -> list[Sent] | None:
    """Every read of the local ``name`` after its declaration must reach a request (a log line or a
    ``.length`` is no use of the text).  A declaration at the top of a module that does not export it is
    read in that module only (a script's body: GenAIScript's ``.genai.mts``).  ``accumulated``: the text is
    built by ``name += ...`` (the targets of those additions are no reads of it)."""
    fn = _function(decl) or _unexported_top(decl)
    if fn is None:
        return None
    reads = [n for n in _walk(fn) if n.type in ("identifier", "shorthand_property_identifier")
             and _text(n) == name and n.start_byte >= decl.end_byte]
    if accumulated:
        reads = [n for n in reads if not (n.parent is not None and n.parent.type == "augmented_assignment_expression"
                                          and n.parent.child_by_field_name("left") == n)]
    if any(n.parent is not None and n.parent.type in ("assignment_expression", "augmented_assignment_expression")
           and n.parent.child_by_field_name("left") == n for n in reads):
        return None  # assigned again: which text is sent is not this declaration's alone
    out = []
    for r in reads:
        if _ignored(r):
            continue
        if lists:
            got = _list_use(r)
        else:
            got = _sent_from(_climb(r), depth, index, path) if r.type == "identifier" else \
                _sent_from(r, depth, index, path)
        if got is None:
            return None
        out += got
    return out or None


def _list_use(ref) -> list[Sent] | None:
    """A message-list local handed to a request: ``messages: msgs``, ``{ messages }`` or an argument."""
    up = ref.parent
    if ref.type == "shorthand_property_identifier" or up is not None and up.type == "pair" \
            and up.child_by_field_name("value") == ref:
        key = _text(ref) if ref.type == "shorthand_property_identifier" else _key(up)
        obj = up if ref.type == "shorthand_property_identifier" else up.parent
        call = _call_of(obj) if obj is not None and key in _LIST_SLOTS else None
        if call is None:
            return None
        keys = _keys(obj)
        return [Sent(call.start_point[0] + 1, "messages", "..." not in keys and not _HISTORY_KEYS & keys.keys(),
                     headed=bool(_HEAD_SLOTS & keys.keys()))]
    if up is not None and up.type == "arguments":
        return [Sent(up.parent.start_point[0] + 1, "messages", True)]
    return None


def _ignored(ref) -> bool:
    up = ref.parent
    if up is not None and up.type == "member_expression" and up.child_by_field_name("object") == ref \
            and _text(up.child_by_field_name("property")) == "length":
        return True
    while up is not None and up.type not in ("call_expression", "statement_block", "program"):
        up = up.parent
    return up is not None and up.type == "call_expression" and _callee_words(up)[:1] in (["console"], ["logger"])

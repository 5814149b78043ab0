"""Message roles and contents: role keys and enums, message parts and lists, mapped and walked items."""

from __future__ import annotations

import re
from functools import lru_cache

from ...js_tree import text as _text, walk
from ..prompt_names import name_words, role_of, says_prompt
from .arrays import _unwrapped
from .grammar import ROLES
from .literals import _Candidate, _named, _Part, literal_parts
from .names import _IDENT, object_members
from .tree import (
    _binding_function, _const_declarator, _enclosing_function, _module_functions, _own_method, _prop_name,
    _returned_values, _root, param_names,
)


def _in_messages_list(left) -> bool:
    """Whether an assignment's target is the ``content`` of an item of a list named for chat messages
    (``messages[0].content``, ``this.messages[i].content``, ``messages.at(-1).content``)."""
    item = left.child_by_field_name("object") if left.type == "member_expression" else None
    if item is not None and item.type == "call_expression" and item.child_by_field_name("function") is not None \
            and item.child_by_field_name("function").type == "member_expression" \
            and _prop_name(item.child_by_field_name("function")) == "at":
        owner = item.child_by_field_name("function").child_by_field_name("object")
    elif item is not None and item.type == "subscript_expression":
        owner = item.child_by_field_name("object")
    else:
        return False
    words = name_words(_prop_name(owner)) if owner is not None else []
    return words[-1:] in (["messages"], ["msgs"])


def _returns_name(fn, name: str) -> bool:
    """Whether the function ``fn`` returns the identifier ``name``."""
    body = fn.child_by_field_name("body") if fn is not None else None
    if body is None:
        return False
    if body.type == "identifier":
        return _text(body) == name
    return any(n.type == "return_statement" and n.named_children and n.named_children[0].type == "identifier"
               and _text(n.named_children[0]) == name and _enclosing_function(n).id == fn.id
               for n in walk(body, every=True))


def _part_role(obj) -> str | None:
    """The role of the message whose ``content``/``parts`` list holds the object ``obj`` (a content
    part), when that message says it."""
    arr = obj.parent if obj is not None else None
    pair = arr.parent if arr is not None and arr.type == "array" else None
    if arr is not None and arr.type == "pair" and _prop_name(arr.child_by_field_name("key")) == "content" \
            and _object_keys(obj).get("type") == "text":
        # {role: "user", content: {type: "text", text}}: MCP's PromptMessage holds one content object, not
        # a list (the Model Context Protocol's prompts/get result)
        pair = arr
    while pair is not None and pair.type in ("as_expression", "satisfies_expression"):
        pair = pair.parent  # content: [{type: 'text', text}] as Prisma.InputJsonValue
    if pair is None or pair.type != "pair" or _prop_name(pair.child_by_field_name("key")) not in ("content", "parts"):
        return None
    keys = _object_keys(pair.parent)
    if "role" not in keys and "tool_use_id" in keys and not _in_response(obj):
        # {type: 'tool_result', tool_use_id, content: [{type: 'text', text}]}: an Anthropic tool result
        # block (its `tool_use_id` names the model's tool call), sent back in the next user turn
        return "tool"
    role = keys.get("role")
    if not isinstance(role, str) or role.lower() not in ROLES or _in_response(obj):
        return _built_role(pair.parent) if role is None else None  # new HumanMessage({content: [...]})
    return ROLES[role.lower()]


# The SDK types of a chat message's text part: OpenAI's ``ChatCompletionContentPart(Text)``, Anthropic's
# ``TextBlockParam``/``ContentBlockParam``, the Vercel AI SDK's ``TextPart``
_PART_TYPES = re.compile(r"(?:[\w$]+\.)*(?:ChatCompletion\w*ContentPart\w*|TextBlockParam|ContentBlockParam|TextPart)")


def _typed_part(obj) -> bool:
    """Whether ``obj`` is a text part (``{type: "text", text}``) declared with a chat SDK's content-part
    type (``const additionalContextMessage: ChatCompletionContentPart = {type: "text", text: ...}``): the
    type says it goes into a message's content."""
    decl = obj.parent if obj is not None else None
    if decl is None or decl.type != "variable_declarator" or _object_keys(obj).get("type") != "text":
        return False
    annotation = decl.child_by_field_name("type")
    return annotation is not None and bool(_PART_TYPES.fullmatch(_text(annotation).lstrip(":").strip()))


def _prompt_list_part(obj) -> bool:
    """Whether ``obj`` is a text part (``{type: 'text', text}``, the chat APIs' content-part shape) of a
    content list kept under a key that names a prompt (``promptContent: [...images, {type: 'text', text:
    `${filePrompt}...`}]``, later sent as a user message's content): its text is that prompt's."""
    arr = obj.parent if obj is not None else None
    if arr is not None and arr.type == "arguments" and _object_keys(obj).get("type") == "text":
        # contentPrompt.push({type: "text", text: `Here is the current markdown...`}): a part added to a list
        # named for a prompt (TypeAgent's markdown agent, spread into its prompt sections)
        call = arr.parent
        fn = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
        holder = fn.child_by_field_name("object") if fn is not None and fn.type == "member_expression" else None
        return holder is not None and holder.type == "identifier" and _prop_name(fn) in ("push", "unshift") \
            and says_prompt(_text(holder)) and not _in_response(obj)
    pair = arr.parent if arr is not None and arr.type == "array" else None
    while pair is not None and pair.type in ("as_expression", "satisfies_expression"):
        pair = pair.parent
    if pair is None or _object_keys(obj).get("type") != "text":
        return False
    if pair.type == "variable_declarator":
        # const promptSections = [{type: "text", text: `You are...`}, ...]: a content list named for a prompt
        return says_prompt(_text(pair.child_by_field_name("name") or pair)) and not _in_response(obj)
    if pair.type != "pair":
        return False
    return says_prompt(_prop_name(pair.child_by_field_name("key"))) and not _in_response(obj)


def _in_response(node) -> bool:
    """Whether a message object sits in a completion's ``choices``/``delta``: the model's output (an
    OpenAI-compatible server's response), not input to a model."""
    p = node.parent
    while p is not None and p.type not in ("function_declaration", "method_definition", "arrow_function",
                                           "function_expression", "program"):
        if p.type == "pair" and _prop_name(p.child_by_field_name("key")) in ("choices", "delta"):
            return True
        p = p.parent
    return False


def _object_keys(obj) -> dict[str, object]:
    """Keys of an object literal and, for string values, their text."""
    out: dict[str, object] = {}
    if obj is None or obj.type != "object":
        return out
    for c in obj.named_children:
        if c.type == "pair":
            key = _prop_name(c.child_by_field_name("key"))
            val = c.child_by_field_name("value")
            while val is not None and val.type in ("as_expression", "satisfies_expression") and val.named_children:
                val = val.named_children[0]  # role: "user" as const
            if val is not None and val.type == "string":
                out[key] = "".join(p.text for p in (literal_parts(val) or []))
            elif val is not None and val.type in ("identifier", "member_expression") and key in _SPEAKER_KEYS:
                out[key] = _constant_text(val) or _enum_role(val)  # role: USER, role: Role.System
            elif val is not None and val.type == "ternary_expression" and key in _SPEAKER_KEYS:
                out[key] = _chosen_role(val)
            else:
                out[key] = None
                if val is not None and _enum_role(val):
                    # {text: `...`, name: ChatRole.User}: a member of an enum of roles says the speaker whatever
                    # key holds it (GPT-Runner's stored messages)
                    out.setdefault(_ENUM_SPEAKER, _enum_role(val))
        elif c.type == "shorthand_property_identifier":
            out[_text(c)] = None
    return out


# The key naming a message's speaker: ``role``; Hugging Face chat-ui (and ShareGPT data) write ``from``,
# Sourcegraph Cody's transcript ``speaker`` (``{speaker: 'human', text}``).
_SPEAKER_KEYS = ("role", "from", "speaker", "author")  # (author: Bing chat's previousMessages)
_ENUM_SPEAKER = " enum role"  # (no key of an object: the role an enum member of roles gives, under another key)


def _enum_role(node) -> str | None:
    """The role a member of an enum of roles names when its value is not in the scan (``role: Role.USER``
    with ``Role`` from ``@prisma/client``, ``MessageRole.Assistant``): the enum's name says role and the
    member's name is a role."""
    if node.type != "member_expression":
        return None
    obj = node.child_by_field_name("object")
    member = _prop_name(node).lower()
    if obj is None or member not in ROLES or "role" not in name_words(_prop_name(obj) if obj.type ==
                                                                    "member_expression" else _text(obj)):
        return None
    return member


def _chosen_role(node) -> str | None:
    """The role of a message whose ``role`` is chosen between two roles (``role: message.role ===
    Role.USER ? 'user' : 'assistant'``): a message of the conversation either way, read as its first."""
    branches = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
    roles = []
    for b in branches:
        parts = literal_parts(b) if b is not None else None
        text = "".join(p.text for p in parts) if parts and all(p.kind == "static" for p in parts) else \
            (_enum_role(b) if b is not None else None)
        roles.append(text)
    if all(isinstance(r, str) and r.lower() in ROLES for r in roles):
        return roles[0]
    return None


def _speaker(keys: dict):
    return next((keys[k] for k in (*_SPEAKER_KEYS, _ENUM_SPEAKER) if k in keys), None)


def _constant_text(node) -> str | None:
    """The text a name holds when it is a constant (same file or imported), else None."""
    text = _text(node)
    parts = _named([_Part("variable", text, node.start_byte, expression=text)])
    return "".join(p.text for p in parts) if parts and all(p.kind == "static" for p in parts) else None


def _built_role(obj) -> str | None:
    """The role of a message class an object literal is passed to (``new HumanMessage({content})``,
    ``new SystemMessage({ content: ... })``): the callee's last word says message and its name a role."""
    args = obj.parent if obj is not None else None
    call = args.parent if args is not None and args.type == "arguments" else None
    if call is None or call.type not in ("call_expression", "new_expression") or args.named_children[0].id != obj.id:
        return None
    fn = call.child_by_field_name("function") or call.child_by_field_name("constructor")
    callee = _prop_name(fn) if fn is not None else ""
    words = name_words(callee)
    return role_of(callee) if words and words[-1] in ("message", "msg") else None


def _listed_role(call, words) -> str | None:
    """The role of the message whose list field holds ``call`` (``{role: "user", fragments:
    [createTextContentFragment(...)]}``), when the callee's name says text or content."""
    if not set(words) & {"text", "content"} or call is None:
        return None
    arr = call.parent
    pair = arr.parent if arr is not None and arr.type == "array" else None
    if pair is None or pair.type != "pair":
        return None
    role = _object_keys(pair.parent).get("role")
    if not isinstance(role, str) or role.lower() not in ROLES or _in_response(call):
        return None
    return ROLES[role.lower()]


def _shorthand_contents(reads) -> list:
    """``content`` written as a shorthand property of a chat message (``{ role: "system", content }``,
    ``new AIMessage({ content, id })``): a slot named ``content`` whose text is the local of that name."""
    out = []
    for n in reads.get("shorthand", ()):
        if n.parent is not None and n.parent.type == "object":
            obj = n.parent
            role = _speaker(_object_keys(obj))
            if isinstance(role, str) and role.lower() in ROLES and not _in_response(n):
                out.append(_Candidate(n, n, "content", ROLES[role.lower()], message=True))
            elif _built_role(obj):
                out.append(_Candidate(n, n, "content", _built_role(obj), message=True))
    return out


def _text_parts(cand, root) -> list:
    """A message's content kept in a local list of parts (``const content: UserContent = [{type: "text",
    text: `...`}]`` then ``{role: "user", content}``; AI SDK, OpenAI and Anthropic content parts), and
    the parts the code pushes onto it (``content.push({type: "text", text})``): each text part is a text
    of that message."""
    if not cand.message or cand.decl is None:
        return []
    value = _unwrapped(cand.value)
    if value.type != "array":
        return []
    objects = [v for v in value.named_children if v.type == "object"]
    scope, data = _enclosing_function(cand.value) or root, _text(cand.decl).encode()
    stack = [scope]
    while stack:  # (content.push({type: "text", text: `...`}))
        n = stack.pop()
        if n.type == "call_expression":
            fn, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
            if fn is not None and fn.type == "member_expression" and _prop_name(fn) in ("push", "unshift") \
                    and fn.child_by_field_name("object") is not None \
                    and fn.child_by_field_name("object").text == data and args is not None:
                objects.extend(a for a in args.named_children if a.type == "object")
        if n.child_count and data in n.text:
            stack.extend(reversed(n.children))
    out = []
    for obj in objects:
        keys = _object_keys(obj)
        if keys.get("type", "text") != "text":
            continue
        for pair in obj.named_children:
            if pair.type == "pair" and _prop_name(pair.child_by_field_name("key")) == "text":
                out.append(_Candidate(pair.child_by_field_name("value"), pair, "text", cand.role, message=True))
    return out


def _mapped_items(cand) -> list:
    """The text a ``.map`` callback makes for each item of a list that a prompt splices in (`` `Previous
    steps:\n${steps.map((step, i) => `Step ${i + 1}: ${step.text}`).join("\n")}` ``): records the code
    repeats inside the prompt, each item's text reported on its own (the prompt's own reading stops at
    its first variable).  A name spliced into a prompt that is bound to such a list (``const serializedActions =
    previousActions.map((action) => `<Thought>${action.thought}</Thought>...`).join('\n\n')``) is that record,
    under its own name."""
    if cand.value.type == "call_expression" and cand.decl is not None:
        fn = cand.value.child_by_field_name("function")
        inner = fn.child_by_field_name("object") if fn is not None and fn.type == "member_expression" \
            and _prop_name(fn) == "join" else None
        record = _map_record(inner) if inner is not None else None
        if record is None and inner is not None:
            # .map((path) => this.encodeFile(path, root)).join("\n"): the text the called function or
            # method of this file returns is the record (melty's `<file_contents file=${relativeFilePath}>`)
            return [_Candidate(v, v.parent, None, cand.role, by_path=True, item=True)
                    for v in _mapped_call_returns(inner)]
        return [_Candidate(record, cand.slot, cand.own, cand.role, by_path=True, item=True)] if record else []
    if cand.value.type != "template_string":
        return []
    out = []
    stack = [c for c in cand.value.named_children if c.type == "template_substitution"]
    while stack:
        n = stack.pop()
        if n.type == "call_expression":
            fn, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
            if fn is not None and fn.type == "member_expression" and _prop_name(fn) == "map" \
                    and args is not None and args.named_children \
                    and args.named_children[0].type in ("arrow_function", "function_expression", "function"):
                body = args.named_children[0].child_by_field_name("body")
                while body is not None and body.type == "parenthesized_expression" and body.named_children:
                    body = body.named_children[0]
                if body is not None and body.type == "template_string":
                    out.append(_Candidate(body, body.parent, None, cand.role, by_path=True, item=True))
                    continue  # (its own splices: read when it is)
        stack.extend(n.named_children)
    return out


# The array methods whose callback is given each item in turn (its first parameter).
_EACH_METHODS = frozenset({"map", "forEach", "flatMap", "filter", "find", "some", "every"})


def _walked_items(cand, root) -> list:
    """A message's content read off the item a callback is given (``suggestedActions.map((suggestedAction)
    => ... append({role: 'user', content: suggestedAction.action}))``) when the callback walks a same-file
    constant array of object literals (``const suggestedActions = [{title, label, action: "Help me book a
    flight..."}]``): each item's literal member of that name is a text of the message."""
    value = _unwrapped(cand.value)
    if not cand.message or value.type != "member_expression":
        return []
    item = value.child_by_field_name("object")
    if item is None or item.type != "identifier":
        return []
    fn = _binding_function(value, _text(item))
    args = fn.parent if fn is not None else None
    call = args.parent if args is not None and args.type == "arguments" else None
    if call is None or call.type != "call_expression" or args.named_children[0].id != fn.id \
            or (param_names(fn)[:1] or [None])[0] != _text(item):
        return []
    callee = call.child_by_field_name("function")
    walked = callee.child_by_field_name("object") if callee is not None and callee.type == "member_expression" else None
    if walked is None or walked.type != "identifier" or _prop_name(callee) not in _EACH_METHODS:
        return []
    decl = _const_declarator(root, _text(walked), call)
    array = _unwrapped(decl.child_by_field_name("value")) if decl is not None else None
    if array is None or array.type != "array" or re.search(
            rf"(?<![\w$.]){re.escape(_text(walked))}\s*\.\s*(?:push|unshift|splice)\s*\(", _text(root)):
        return []  # (an array the code grows is not the constant list written here)
    field, out = _prop_name(value), []
    for entry in array.named_children:
        members = object_members(entry) if entry.type == "object" else {}
        text = members.get(field)
        if text is not None and literal_parts(text) is not None:
            out.append(_Candidate(text, text.parent, field, cand.role, message=True))
    return out


def _mapped_call_returns(call) -> list:
    """The literals returned by the same-file function or own method (``this.encodeFile``) a ``.map``
    callback's expression body calls (``xs.map((x) => this.encodeFile(x, root))``)."""
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if call.type != "call_expression" or fn is None or fn.type != "member_expression" or _prop_name(fn) != "map" \
            or args is None or not args.named_children \
            or args.named_children[0].type not in ("arrow_function", "function_expression", "function"):
        return []
    body = args.named_children[0].child_by_field_name("body")
    while body is not None and body.type in ("parenthesized_expression", "await_expression") and body.named_children:
        body = body.named_children[0]
    callee = body.child_by_field_name("function") if body is not None and body.type == "call_expression" else None
    if callee is None:
        return []
    target = _module_functions(_root(call)).get(_text(callee)) if callee.type == "identifier" else _own_method(callee)
    return [v for v in _returned_values(target) if v.type == "template_string"]


def _map_record(call):
    """The template literal a ``.map`` callback returns as its expression body (``xs.map((x) => `...`)``)."""
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if call.type != "call_expression" or fn is None or fn.type != "member_expression" or _prop_name(fn) != "map" \
            or args is None or not args.named_children \
            or args.named_children[0].type not in ("arrow_function", "function_expression", "function"):
        return None
    body = args.named_children[0].child_by_field_name("body")
    while body is not None and body.type == "parenthesized_expression" and body.named_children:
        body = body.named_children[0]
    return body if body is not None and body.type == "template_string" else None


# Words saying a callee makes chat messages: a maker noun after ``message`` (``messageBuilder.ok``,
# ``MessageFactory.user``) or a making verb before it (``createMessage``, ``buildUserMessage``).
_MAKER_NOUNS = frozenset({"builder", "builders", "factory", "creator"})
_MAKER_VERBS = frozenset({"create", "build", "make", "new", "compose"})
_MESSAGE_NOUNS = frozenset({"message", "messages", "msg"})


def _builds_message(fn) -> bool:
    """Whether a callee (``messageBuilder.ok``, ``createUserMessage``) names something that makes chat
    messages: ``message`` with a maker noun after it, or a making verb before it as the last word."""
    for part in re.split(r"[^\w$]+", _text(fn)):
        words = name_words(part)
        if not set(words) & _MESSAGE_NOUNS:
            continue
        if words[-1] in _MAKER_NOUNS or (words[0] in _MAKER_VERBS and words[-1] in _MESSAGE_NOUNS):
            return True
    return False


_MAX_MEMBER_LOOKS = 8  # files calling a member name read for its use (a name many files call is no interface)
_CALL_HEAD = re.compile(r"\s*(?:await\s+)?(?:[\w$]+(?:\?\.|\.))*([A-Za-z_$][\w$]*)\s*\(")


def _member_function(fn) -> bool:
    """Whether a function is an object's or a class's member (a method, or a property's value)."""
    if fn is None:
        return False
    if fn.type == "method_definition":
        return True
    p = fn.parent
    while p is not None and p.type in ("parenthesized_expression", "as_expression"):
        p = p.parent
    return p is not None and p.type in ("pair", "public_field_definition", "field_definition")


def _member_calls(root, parts, imports) -> set[str]:
    """The members a prompt's variables call (``${content}`` with ``const content = await
    pinnedMessage(ctx)``, ``${tool.describe()}``): names neither this module nor its imports define,
    so the objects of other files that have them give the text."""
    functions = _module_functions(root)
    out = set()
    for p in parts:
        if p.kind != "variable" or not p.expression:
            continue
        expr = p.expression.strip()
        exprs = [expr]
        if _IDENT.fullmatch(expr):
            use = root.descendant_for_byte_range(p.start, p.start)
            decl = _const_declarator(root, expr, use) if use is not None else None
            value = decl.child_by_field_name("value") if decl is not None else None
            exprs = [_text(value)] if value is not None else []
            scope = _enclosing_function(use) if use is not None and value is None else None
            if scope is not None:  # let input; ... input = await inputQuery()
                exprs = [_text(n.child_by_field_name("right")) for n in walk(scope)
                         if n.type == "assignment_expression" and _text(n.child_by_field_name("left") or n) == expr]
        for e in exprs:
            m = _CALL_HEAD.match(e)
            if m and m.group(1) not in functions and m.group(1) not in imports:
                out.add(m.group(1))
    return out


_QUERY_JSX = "(jsx_attribute (property_identifier) @name (jsx_expression (_) @value))"


@lru_cache(maxsize=4)
def _jsx_query(language):
    import tree_sitter as ts

    return ts.Query(language, _QUERY_JSX)


def _jsx_prompt_props(root, language) -> list:
    """A JSX attribute is a component's property: one whose name says prompt and whose value is an
    expression (``<FloatingToolbar prompt={question} />``) is a prompt slot, read as an object's
    ``prompt: question`` is (a literal attribute, ``prompt="..."``, is a label the component shows)."""
    import tree_sitter as ts

    out = []
    for _, caps in ts.QueryCursor(_jsx_query(language)).matches(root):
        name = _text(caps["name"][0])
        value = caps["value"][0]
        if says_prompt(name):
            out.append(_Candidate(value, value.parent.parent, name, role_of(name)))
    return out

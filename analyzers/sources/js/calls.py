"""Prompts handed to calls: agent and LangChain runs, class fields, options, continued texts, wrappers."""

from __future__ import annotations

import re

from ...js_tree import text as _text, walk
from ..config_fields import METADATA_KEYS
from ..prompt_names import PROMPT_WORDS, name_words, role_of, says_prompt
from .arrays import _unwrapped
from .literals import _Candidate, _Part, literal_parts
from .names import function_literal
from .tree import (
    _binding_function, _const_declarator, _enclosing_function, _function_name, _own_method, _owner_name, _prop_name,
    _returned_values, _root, param_names,
)


def _returned_into(cand, functions, read: set[int]) -> list:
    """What a same-file function returns, when a prompt's slot or section is bound to its call
    (``const descriptionGuideline = getDescriptionInstruction()`` spliced into a system prompt,
    ``content: buildUserMessage(x)``): its returned literals are text of that prompt (each function
    read once)."""
    value = cand.value
    while value.type in ("parenthesized_expression", "await_expression", "as_expression", "non_null_expression") \
            and value.named_children:
        value = value.named_children[0]
    if value.type != "call_expression":
        return []
    callee = value.child_by_field_name("function")
    if callee is not None and callee.type == "identifier":
        fn = functions.get(_text(callee))
    else:
        fn = _own_method(callee) if callee is not None else None
    name = _prop_name(callee) if callee is not None else ""
    if fn is None or fn.id in read or (set(name_words(name)) & PROMPT_WORDS and not says_prompt(name)):
        return []  # (a name that says another kind of template: getPowerShellTemplate builds a script)
    read.add(fn.id)
    values = _returned_values(fn)
    # (several returns are alternatives, as a conditional's branches are: `return 'Brave Search'` or
    # `return 'primary provider'` completes a sentence, it is no section of its own)
    return [_Candidate(v, v.parent, None, cand.role, message=cand.message, by_path=True, branch=len(values) > 1)
            for v in values]


def _appended(cand) -> list:
    """``let context = ...`` then ``context += `...``` in the same function: each appended literal is a
    section of the text that name holds."""
    name = _text(cand.decl) if cand.decl is not None else None
    if not name or cand.decl.parent is None or cand.decl.parent.type != "variable_declarator" \
            or _text(cand.decl.parent.parent.children[0]) == "const":
        return []
    scope = _enclosing_function(cand.decl)
    body = scope.child_by_field_name("body") if scope is not None else None
    if body is None:
        return []
    out = []
    for n in walk(body, every=True):
        if n.type == "augmented_assignment_expression" and _text(n.child_by_field_name("left") or n) == name \
                and _text(n.child_by_field_name("operator") or n) == "+=" and _enclosing_function(n).id == scope.id:
            right = n.child_by_field_name("right")
            if right is not None:
                out.append(_Candidate(right, n, name, cand.role, message=cand.message, by_path=True))
    return out


_CLASSES = frozenset({"class_declaration", "class", "abstract_class_declaration"})
_CLASS_NAME = re.compile(rb"\bclass\s+([A-Za-z_$][\w$]*)")
_FIELDS = frozenset({"field_definition", "public_field_definition"})


def _prompt_class_fields(root, seen: set[int]) -> list:
    """The text fields of a class named for prompts (``class Prompts { summarizeFileDiff = `...` }``):
    its members hold prompts whatever their own names, as a constant object named as prompts does."""
    out = []
    if not any(says_prompt(m.decode()) for m in _CLASS_NAME.findall(root.text)):
        return out  # (most files declare no such class: no walk)
    for cls in walk(root, every=True):
        if cls.type not in _CLASSES or cls.child_by_field_name("name") is None \
                or not says_prompt(_text(cls.child_by_field_name("name"))):
            continue
        body = cls.child_by_field_name("body")
        for member in body.named_children if body is not None else ():
            value = member.child_by_field_name("value") if member.type in _FIELDS else None
            key = (member.child_by_field_name("property") or member.child_by_field_name("name")) \
                if value is not None else None
            if key is None or value.id in seen or literal_parts(value) is None \
                    or "_".join(name_words(_text(key))) in METADATA_KEYS:
                continue
            out.append(_Candidate(value, member, _prop_name(key),
                                  role_of(_prop_name(key), _text(cls.child_by_field_name("name")))))
    return out


# Claude Code's placeholder for a custom slash command's arguments
# (https://docs.anthropic.com/en/docs/claude-code/slash-commands): a text holding it is a command's prompt,
# and the placeholder is its variable.
_COMMAND_ARGUMENTS = "$ARGUMENTS"


def _command_texts(root, seen: set[int]) -> list:
    """Literals holding Claude Code's ``$ARGUMENTS`` placeholder (command files a tool writes out:
    ``dynamicCommand('update-task', ..., `Update tasks...\n\nArguments: $ARGUMENTS ...`)``)."""
    out = []
    for n in walk(root, every=True):
        if n.type in ("string", "template_string") and n.id not in seen and _COMMAND_ARGUMENTS in _text(n) \
                and n.parent is not None and n.parent.type not in ("template_substitution", "binary_expression"):
            out.append(_Candidate(n, n.parent, None, "user", command=True))
    return out


def _command_object(obj) -> bool:
    """Whether an object literal is a Claude Code command definition handed to a factory: the first argument
    of a call named for commands (``staticCommand({name, description, content})``, claude-task-master's
    slash commands) with a ``name``, a ``description`` and a ``content``: the three parts of a command file
    (``.claude/commands/NAME.md``: its ``description`` in the front matter, its body the prompt the command
    sends).  Its ``content`` is that prompt, a user turn, as the ``$ARGUMENTS`` commands' texts are."""
    args = obj.parent
    if args is None or args.type != "arguments" or not args.named_children or args.named_children[0].id != obj.id:
        return False
    call = args.parent
    fn = call.child_by_field_name("function") if call is not None else None
    if fn is None or "command" not in name_words(_text(fn).rsplit(".", 1)[-1]):
        return False
    keys = {_text(k) for c in obj.named_children if c.type == "pair"
            for k in [c.child_by_field_name("key")] if k is not None}
    return {"name", "description", "content"} <= keys


# Methods that run an agent on an input (Inngest AgentKit ``agent.run(input)``/``network.run(input)``,
# Mastra ``agent.generate``/``agent.stream``, VoltAgent ``agent.generateText``/``streamText``).
_AGENT_RUNS = frozenset({"run", "generate", "stream", "generateText", "streamText", "invoke"})
# LangChain.js model classes (``new OpenAI({...})`` from ``langchain/llms/openai``, ``new ChatAnthropic()``
# from ``@langchain/anthropic``, ``@langchain/community/llms/replicate``) take a prompt string in
# ``call`` (the older API), ``invoke``, ``predict`` and ``stream`` (LangChain.js's documented LLM and chat
# model methods; a chat model reads a string as a human message).
_LANGCHAIN_MODEL_MODULE = re.compile(r"langchain/(?:llms|chat_models)/|@langchain/(?!core\b|langgraph\b)")
_LANGCHAIN_RUNS = frozenset({"call", "invoke", "predict", "stream"})
_AGENT_WORDS = frozenset({"agent", "network", "runnable"})
# (``runnable``: LangChain.js's Runnable, ``createStructuredOutputRunnable(...)``, whose ``invoke`` runs its model;
# a ``runner`` when the name says what it runs is an AI: Dexter's ``createAIRunner``, which returns a function)
_AI_WORDS = frozenset({"ai", "llm", "model"})
_AGENT_MAKER = re.compile(rb"(?i)agent\s*\(|network\s*\(|runnable\s*\(|runner\s*\(")
# The key of the object an agent's method is given that holds the user's turn: LlamaIndexTS's chat engines
# and agents take ``chat({message})``; LangChain.js runnables and agent executors fill ``{input}`` from
# ``invoke({input})`` (the ``["human", "{input}"]`` turn of their prompts).
_TURN_KEYS = {"chat": "message", "invoke": "input", "stream": "input", "call": "input", "run": "input"}


def _bound_to(call):
    """The name a call's value is declared with (``const editor = createAgent({...})``), else None."""
    n = call.parent
    while n is not None and n.type in ("await_expression", "parenthesized_expression", "as_expression"):
        n = n.parent
    if n is not None and n.type == "variable_declarator" and n.child_by_field_name("name") is not None \
            and n.child_by_field_name("name").type == "identifier":
        return _text(n.child_by_field_name("name"))
    return None


def _langchain_models(calls, imports) -> set[str]:
    """The names bound to a LangChain.js model built in this file (``const model = new Replicate({...})``
    with ``import { Replicate } from "langchain/llms/replicate"``)."""
    out = set()
    for call in calls:
        ctor = call.child_by_field_name("constructor") if call.type == "new_expression" else None
        entry = imports.get(_text(ctor)) if ctor is not None and ctor.type == "identifier" else None
        if entry and _LANGCHAIN_MODEL_MODULE.search(entry[0]) and _text(ctor)[:1].isupper():
            name = _bound_to(call)
            if name:
                out.add(name)
    return out


def _agent_inputs(root, found, imports=None) -> list:
    """The text a file hands to an agent it builds (``codeAssistant.run(`What the following code
    does?...`)``): an object built with a system prompt (a prompt found in a property of the object a
    call is given) is an agent, so is one built from agents (``createNetwork({agents: [a, b]})``), and
    the literal its ``run``/``generate``/``chat`` method is given is the user's turn (``_turns_given``)."""
    agents: set[str] = set()
    for cand in found:
        slot = cand.slot
        obj = slot.parent if slot is not None and slot.type == "pair" else None
        args = obj.parent if obj is not None and obj.type == "object" else None
        if args is not None and args.type == "arguments" and args.parent is not None \
                and args.parent.type in ("call_expression", "new_expression") and not cand.message:
            name = _bound_to(args.parent)
            if name:
                agents.add(name)
    langchain = any(_LANGCHAIN_MODEL_MODULE.search(spec) for spec, _ in (imports or {}).values())
    calls = [n for n in walk(root, every=True) if n.type in ("call_expression", "new_expression")] if agents or \
        langchain or _AGENT_MAKER.search(root.text) else []
    models = _langchain_models(calls, imports) if langchain else set()
    for call in calls:  # agent({...}), createAgent(...), new Agent(...): a callee named for what it makes
        callee = call.child_by_field_name("function") or call.child_by_field_name("constructor")
        words = name_words(_prop_name(callee)) if callee is not None else []
        if words[-1:] and (words[-1] in _AGENT_WORDS or (words[-1] == "runner" and set(words) & _AI_WORDS)) \
                and not set(words) & {"get", "find", "list", "load"}:
            name = _bound_to(call)
            if name:
                agents.add(name)
    if not agents and not models:
        return []
    grew = True
    while grew:  # networks of agents, and networks of those
        grew = False
        for call in calls:
            name = _bound_to(call)
            args = call.child_by_field_name("arguments")
            if name and name not in agents and args is not None and any(
                    n.type in ("identifier", "shorthand_property_identifier") and _text(n) in agents
                    for a in args.named_children if a.type == "object" for n in walk(a, every=True)):
                agents.add(name)
                grew = True
    return [c for call in calls for c in _turns_given(call, agents, models)]


def _turns_given(call, agents: set[str], models: set[str]) -> list:
    """The user's turn a call hands to an agent or a LangChain.js model of the file: the literal given to its
    run method, to the agent itself when it is a function (Dexter's ``runner(`Summarize ...`)``), or under the
    turn key of the object its method is given (``agent.chat({message})``, ``runnable.invoke({input})``)."""
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if call.type != "call_expression" or fn is None or args is None or not args.named_children:
        return []
    first = args.named_children[0]
    if fn.type == "identifier":
        found = _text(fn) in agents and literal_parts(first) is not None
        return [_Candidate(first, call, _text(fn), "user", message=True)] if found else []
    obj = fn.child_by_field_name("object") if fn.type == "member_expression" else None
    if obj is None or obj.type != "identifier":
        return []
    method = _prop_name(fn)
    if first.type == "object" and _text(obj) in agents and method in _TURN_KEYS:
        pair = next((c for c in first.named_children if c.type == "pair"
                     and _prop_name(c.child_by_field_name("key")) == _TURN_KEYS[method]), None)
        value = pair.child_by_field_name("value") if pair is not None else None
        found = value is not None and literal_parts(value) is not None
        return [_Candidate(value, pair, _TURN_KEYS[method], "user", message=True)] if found else []
    if literal_parts(first) is None:
        return []
    if (_text(obj) in agents and (method in _AGENT_RUNS or method == "chat")) or \
            (_text(obj) in models and method in _LANGCHAIN_RUNS):
        return [_Candidate(first, call, method, "user", message=True)]
    return []


def _held_name(cand) -> str | None:
    """The local a candidate's text is put in, when it can grow afterwards: ``let prompt = ...``,
    ``prompt = ...`` (a ``const`` cannot)."""
    if cand.decl is not None:
        decl = cand.decl.parent
        if decl is None or decl.type != "variable_declarator" or decl.parent is None \
                or _text(decl.parent.children[0]) == "const":
            return None
        return _text(cand.decl)
    slot = cand.slot
    while slot is not None and slot.type == "parenthesized_expression":
        slot = slot.parent
    if slot is not None and slot.type == "assignment_expression":
        left = slot.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            return _text(left)
    return None


_EXCLUSIVE_PARENTS = frozenset({"if_statement", "switch_body", "ternary_expression"})


def _exclusive(a, b) -> bool:
    """Whether two nodes sit in different branches of one ``if``/``else`` (or ``switch`` cases): one
    run reaches only one of them."""
    ancestors = {}
    n, child = a, None
    while n is not None:
        ancestors[n.id] = child
        n, child = n.parent, n
    n, child = b, None
    while n is not None and n.id not in ancestors:
        n, child = n.parent, n
    if n is None or n.type not in _EXCLUSIVE_PARENTS:
        return False
    a_side, b_side = ancestors[n.id], child
    return a_side is not None and b_side is not None and a_side.id != b_side.id \
        and not (n.type == "if_statement" and n.child_by_field_name("condition") in (a_side, b_side))


def _continued(cand) -> list:
    """The literals appended to the local a prompt is put in (``let prompt = A; prompt += '---'; prompt +=
    `Title:\\n${title}```), in the order the code runs them, up to the first that holds a variable: the
    text of the prompt before its first variable, as the code builds it.  A later plain assignment
    ends it, unless it sits in the other branch of the ``if`` holding the prompt (``if (x) prompt = A
    else prompt = B``)."""
    name = _held_name(cand)
    scope = _enclosing_function(cand.value) if name else None
    body = scope.child_by_field_name("body") if scope is not None else None
    if body is None:
        return []
    statement = cand.slot
    out = []
    writes = sorted((n for n in walk(body, every=True)
                     if n.type in ("assignment_expression", "augmented_assignment_expression")
                     and n.start_byte >= statement.end_byte), key=lambda n: n.start_byte)
    for n in writes:
        left = n.child_by_field_name("left")
        if left is None or _text(left) != name or _enclosing_function(n).id != scope.id or _exclusive(statement, n):
            continue
        if n.type == "assignment_expression" or _text(n.child_by_field_name("operator") or n) != "+=":
            break  # a new value: what follows belongs to it
        right = n.child_by_field_name("right")
        if right is None:
            break
        parts = literal_parts(right)
        if parts is None:  # a value appended: the prompt's first variable (unless a constant's text)
            parts = [_Part("variable", _text(right), right.start_byte, expression=_text(right))]
        out.extend(parts)
        if any(p.kind == "variable" for p in parts):
            break
    return out


# Keys of UI elements: in a translation bundle their text is shown, whatever object holds them.
_UI_KEYS = frozenset({"title", "subtitle", "sub_title", "label", "placeholder", "description", "name", "tip",
                      "hint", "button", "confirm", "cancel", "tooltip", "header", "desc", "search", "list"})


def _translated_member(cand) -> bool:
    """In a translation module (``locales/cn.ts``), a text counts only as a member of an object named
    as a prompt, or under its own prompt name, and not under a UI element's key (``Store.Prompt.Topic``,
    ``Store.Prompt.History``; not ``InjectSystemPrompts.SubTitle``)."""
    pair = cand.slot if cand.slot is not None and cand.slot.type == "pair" else None
    if pair is None:
        return False
    key = _prop_name(pair.child_by_field_name("key"))
    if "_".join(name_words(key)) in _UI_KEYS:
        return False
    return says_prompt(key) or says_prompt(_owner_name(pair.parent))


def _handed_in(cand) -> list:
    """The texts a slot filled by a callback's parameter receives, in the same file: a JSX callback
    prop's parameter named like a prop of the same element is that prop's value (``<Suggestion
    suggestion={s} onClick={(suggestion) => sendMessage(...suggestion...)}>``: the component hands
    its ``suggestion`` back), and the parameter of ``ARRAY.map((item) => ...)`` is each item of the
    local ``const ARRAY = ["...", ...]``."""
    value = _unwrapped(cand.value)
    for _ in range(3):
        if value.type != "identifier":
            return []
        name = _text(value)
        fn = _binding_function(value, name)
        if fn is None:
            return []
        holder = fn.parent
        if holder is not None and holder.type == "jsx_expression" and holder.parent is not None \
                and holder.parent.type == "jsx_attribute" and holder.parent.parent is not None:
            prop = next((a for a in holder.parent.parent.named_children if a.type == "jsx_attribute"
                         and a.named_children and _text(a.named_children[0]) == name), None)
            expr = prop.named_children[-1] if prop is not None else None
            if expr is None or expr.type != "jsx_expression" or not expr.named_children:
                return []
            value = expr.named_children[0]
            if value.type != "identifier":
                return [_Candidate(value, prop, name, cand.role, message=cand.message)]
            continue
        call = holder.parent if holder is not None and holder.type == "arguments" else None
        fn_name = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
        if fn_name is None or fn_name.type != "member_expression" or _prop_name(fn_name) != "map":
            return []
        array = fn_name.child_by_field_name("object")
        decl = _const_declarator(_root(array), _text(array), array) if array.type == "identifier" else None
        items = decl.child_by_field_name("value") if decl is not None else None
        if items is None or items.type != "array":
            return []
        return [_Candidate(item, item, None, cand.role, message=cand.message)
                for item in items.named_children if literal_parts(item) is not None]
    return []


def _option_args(cand, root) -> list:
    """The texts a same-file call passes for a destructured option a prompt splices
    (``createGenPrompt = ({message = ''}) => ... : message`` called as ``createGenPrompt({message: 'Explain
    the following'})``): each is text of that prompt."""
    value = _unwrapped(cand.value)
    if value.type != "identifier":
        return []
    name = _text(value)
    fn = _binding_function(value, name)
    params = fn.child_by_field_name("parameters") if fn is not None else None
    fname = _function_name(fn)
    if params is None or not fname:
        return []
    position = next((i for i, p in enumerate(c for c in params.named_children if c.type != "comment")
                     if p.type in ("object_pattern", "required_parameter", "optional_parameter")
                     and any(n.type in ("shorthand_property_identifier_pattern", "property_identifier")
                             and _text(n) == name for n in walk(p, every=True))), None)
    if position is None:
        return []  # (a plain parameter: _prompt_arguments's)
    out = []
    for call in walk(root, every=True):
        callee = call.child_by_field_name("function") if call.type == "call_expression" else None
        args = call.child_by_field_name("arguments") if callee is not None else None
        if callee is None or callee.type != "identifier" or _text(callee) != fname or args is None \
                or position >= len(args.named_children) or args.named_children[position].type != "object":
            continue
        for pair in args.named_children[position].named_children:
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            got = pair.child_by_field_name("value") if key is not None else None
            if got is not None and _prop_name(key) == name and literal_parts(got) is not None:
                out.append(_Candidate(got, pair, name, cand.role, message=cand.message, by_path=True))
    return out


def wrapped_params(fn) -> list[int]:
    """The positions of the parameters a function splices whole into the one literal it returns
    (``wrapXml = (name, content) => `<${name}>${content}</${name}>` `` -> [0, 1]): a wrapper, whose
    arguments are text of what it returns."""
    parts = function_literal(fn) if fn is not None else None
    if not parts:
        return []
    spliced = {p.expression for p in parts if p.kind == "variable"}
    return [i for i, name in enumerate(param_names(fn)) if name and name in spliced]


def _sent_params(cand, functions, root) -> list:
    """The texts a same-file call passes for a parameter its function sends as a chat message
    (``async function chatWithMemory(userMessage) { ... messages: [{role: "user", content: userMessage}] }``
    called as ``chatWithMemory("Remember that I prefer React...")``): each literal argument is that message's
    text, with its role; a name given there (``const userQuery = 'Generate search query for: ' + ...;
    this.getMessagesFromHistory(..., userQuery)``) is read as a slot's name is.  Module-level functions called
    by their name, and a class's methods called on ``this`` from the same class (Azure's
    ``getMessagesFromHistory(systemPrompt, model, history, userContent)`` -> ``appendMessage('user', userContent)``)."""
    if not (cand.message and cand.role):
        return []
    value = _unwrapped(cand.value)
    if value.type != "identifier":
        return []
    name = _text(value)
    fn = _binding_function(value, name)
    fname = next((k for k, f in functions.items() if fn is not None and f.id == fn.id), None)
    method = None
    if fname is None and fn is not None and fn.type == "method_definition" and fn.parent is not None \
            and fn.parent.type == "class_body" and fn.child_by_field_name("name") is not None:
        method, fname = fn.parent, _text(fn.child_by_field_name("name"))
    if fname is None:
        return []
    index = next((i for i, p in enumerate(param_names(fn)) if p == name), None)
    if index is None or len(re.findall(rb"(?<![\w$])" + re.escape(fname.encode()) + rb"(?![\w$])", root.text)) < 2:
        return []  # (its name only where it is defined: no call of it, no tree walk)
    out = []
    for call in walk(method if method is not None else root, every=True):
        if call.type != "call_expression":
            continue
        callee = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if callee is None or args is None:
            continue
        if method is None and (callee.type != "identifier" or _text(callee) != fname):
            continue
        if method is not None and (callee.type != "member_expression" or _prop_name(callee) != fname
                                   or _text(callee.child_by_field_name("object") or callee) != "this"):
            continue
        given = [a for a in args.named_children if a.type != "comment"]
        if index < len(given) and given[index].type != "spread_element" and (
                literal_parts(given[index]) is not None or given[index].type == "identifier"):
            out.append(_Candidate(given[index], call, name, cand.role, message=True))
    return out

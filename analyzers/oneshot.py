"""Whether a prompt is sent in a one-shot call: fresh messages, no history after the template (issue 12,
PC101 principle "a loop-carried value and the one-shot boundary").

per-turn means a value that differs between two consecutive calls which would otherwise share their
prefix: the same conversation or agent loop, with history growing after the template.  A prompt the code
puts into a message list it makes for one call (``llm.chat(messages=[{"role": "user", "content": p}])``,
``messages = [LLMMessage(content=p)]`` then ``client.chat(messages=messages)``, a local
``agent = LMMAgent(...)`` given ``agent.add_message(p)`` then called) has no history after it: what a
caller's loop feeds it changes per request of that call, not per turn of a conversation
(benchmarks/LABEL_AGREEMENT.md, the per-turn / per-request boundary).

``one_shot(seg, prompt)`` reads the Python file of the prompt (``ast``; nothing is run): every place the
prompt is used (the f-string itself, or the fill calls ``NAME.format(...)`` of a template constant in its
own file) must reach a fresh container that no code of the function grows.  None when the file does not
say (the prompt is returned to a caller, appended to a list kept elsewhere, or sent through a helper), or
when the list starts a conversation an object keeps (``context = LLMContext(messages)`` handed to the
aggregators that append each turn to it: not a request).
"""

from __future__ import annotations

import ast
import re

from .evidence import enabled
from .model import Prompt, Segment
from .oneshot_js import JS_EXTENSIONS, js_one_shot

# Calls that add to the conversation a message list already holds: the prompt goes into kept history.
_GROW = {"append", "extend", "insert", "add", "appendleft", "push", "update"}
# What only lays out the text it is given (textwrap.dedent / inspect.cleandoc, str's strip methods): the prompt
# is still the text the message carries.
_TEXT_PRESENTER = re.compile(r"(?:textwrap\.)?dedent|(?:inspect\.)?cleandoc")
_TEXT_METHODS = {"strip", "lstrip", "rstrip"}
_MESSAGE_ADDERS = re.compile(r"^add_(?:\w+_)?(?:message|prompt)s?$|^add_user_message$")


def one_shot(seg: Segment, prompt: Prompt | None, index=None) -> int | str | None:
    """The line of the one-shot call the prompt is sent in, else None (``index``: the scan's
    ``crossflow.ProjectIndex``, to follow a JS/TS template to the files that fill it)."""
    if prompt is not None and prompt.path and prompt.path.lower().endswith(JS_EXTENSIONS):
        return js_one_shot(seg, prompt, index)
    if prompt is None or not prompt.path or not prompt.path.lower().endswith((".py", ".pyw")):
        return None
    f, parents, uses = _file_uses(prompt, seg.line)
    if not uses:
        return None
    lines = [_sent_once(f, parents, u) for u in uses]
    if not lines or any(ln is None for ln in lines):
        return None
    if any(_a_step_of_own_loop(f, f.scope_at(u.lineno)) for u in uses):
        return None
    return lines[0]


def _file_uses(prompt: Prompt, line: int) -> tuple[object, dict, list[ast.AST]]:
    """(parsed file, parents, ``_uses``) of a Python prompt's own file; no uses when it does not parse."""
    from .dataflow.python_file import _py_file
    from .volatility import _stamp

    f = _py_file(prompt.path, _stamp(prompt.path))
    if f is None:
        return None, {}, []
    parents = _parents(f)
    return f, parents, _uses(f, parents, prompt, line)


def _uses(f, parents: dict, prompt: Prompt, line: int) -> list[ast.AST]:
    """Where the code holds the prompt's text: the innermost f-string holding ``line``, or the fill calls
    (``NAME.format(...)``) of a template constant of the file."""
    from .dataflow.python_value import _container_name

    if prompt.syntax == "fstring":
        uses = [n for n in ast.walk(f.tree) if isinstance(n, ast.JoinedStr)
                and n.lineno <= line <= (n.end_lineno or n.lineno) and parents.get(id(n)) is not None
                and not isinstance(parents.get(id(n)), ast.JoinedStr)]
        return uses[-1:]
    own = _container_name(prompt)
    return [c for c in f.calls if isinstance(c.func.value, ast.Name) and c.func.value.id == own] if own else []


def py_position(prompt: Prompt) -> str | None:
    """Where a Python prompt sits by the one-shot request its file sends it in (as ``oneshot_js.js_position``):
    the only message of a message list written for one call is the *whole* request, its last message, a
    user's, the *final turn*; None when a use is not such a request or the uses disagree."""
    from .dataflow.python_file import _py_file
    from .volatility import _stamp

    if not prompt.path or not prompt.path.lower().endswith((".py", ".pyw")):
        return None
    first = next((s for s in prompt.segments if s.line), None)
    f = _py_file(prompt.path, _stamp(prompt.path)) if first is not None else None
    if f is None:
        return None
    parents = _parents(f)
    places = set()
    for use in _uses(f, parents, prompt, first.line):
        if _appended(parents, use, f):
            places.add("final-turn")
            continue
        where: list = []
        if _sent_once(f, parents, use, where=where) is None:
            return None
        places.update(where or [None])
    return places.pop() if len(places) == 1 else None


def _appended(parents: dict, node: ast.AST, f=None, message: bool = False) -> bool:
    """The prompt is the text of a message added to a kept list (``self.history.append({"role": "system",
    "content": f"..."})``, ``.extend([...])``, ``history += [...]``): a turn of the conversation, fixed once
    written (as JS ``conversation.push({role, content})``).  Only a message (a dict with a ``role``, a message
    object) counts: lines appended to a list of text are not turns.  A message first bound to a local
    (``ai_msgs = AIMessage(content=f"...")``, then ``messages.extend([ai_msgs, tool_msg])``: an agent's steps
    replayed as history) is added when every read of the local is (``f``: the file, to find them)."""
    n = node
    while True:
        up = parents.get(id(n))
        if isinstance(up, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "role" for k in up.keys) \
                or isinstance(up, ast.Call) and _is_message(up) and n is not up.func:
            n, message = up, True
        elif isinstance(up, (ast.keyword, ast.Tuple)) or isinstance(up, ast.Dict):
            n = up
        else:
            break
    if not message and isinstance(up, ast.Call) and n in up.args and _role_adder(up):
        return True  # thread.add_user(text): a message of that role added to the kept conversation
    if not message and isinstance(up, (ast.Assign, ast.AnnAssign)) and up.value is n and f is not None \
            and isinstance(_target(up), ast.Name) and enabled("turn.role-adder"):
        return _local_added(f, parents, _target(up).id, up)
    if not message:
        return False
    if isinstance(up, (ast.Assign, ast.AnnAssign)) and up.value is n and f is not None \
            and isinstance(_target(up), ast.Name):
        return _local_appended(f, parents, _target(up).id, up)
    if isinstance(up, ast.List):
        n, up = up, parents.get(id(up))
        if isinstance(up, ast.AugAssign) and up.value is n:
            return True
        if not (isinstance(up, ast.Call) and isinstance(up.func, ast.Attribute) and up.func.attr == "extend"):
            return False
    return isinstance(up, ast.Call) and n is not up.func and isinstance(up.func, ast.Attribute) \
        and up.func.attr in _GROW


# A method adding a message of one role (MessageThread's ``add_user`` / ``add_model``, LangChain's chat history
# ``add_user_message`` / ``add_ai_message``) called on an object named for the conversation it keeps.
_ROLE_ADDER = re.compile(r"^add_(?:user|human|system|assistant|ai|model|tool)(?:_message)?$")
_KEPT_CONVERSATION = {"thread", "threads", "messages", "msgs", "history", "conversation", "transcript", "dialog",
                      "dialogue", "chat", "memory"}


def _role_adder(call: ast.Call) -> bool:
    """``thread.add_user(text)``, ``self.history.add_user_message(text)``: the text is added to a kept conversation
    as a message of the role the method names: a turn, fixed once written."""
    from .volatility import _words

    fn = call.func
    if not isinstance(fn, ast.Attribute) or not _ROLE_ADDER.match(fn.attr) or not enabled("turn.role-adder"):
        return False
    owner = fn.value.attr if isinstance(fn.value, ast.Attribute) else fn.value.id if isinstance(fn.value, ast.Name) \
        else ""
    words = _words(owner)
    return bool(words) and words[-1].lower() in _KEPT_CONVERSATION


def _local_added(f, parents: dict, name: str, bound: ast.AST) -> bool:
    """Every read of the local ``name`` (bound to the prompt's text at ``bound``) is the text a role adder adds
    (``new_prompt = f"..."`` then ``thread.add_user(new_prompt)``)."""
    from .dataflow.python_file import _own_nodes

    scope = f.scope_at(bound.lineno)
    if scope.parent is None:
        return False
    reads = [n for n in _own_nodes(scope.node) if isinstance(n, ast.Name) and n.id == name
             and isinstance(n.ctx, ast.Load)]
    return bool(reads) and all(isinstance(parents.get(id(r)), ast.Call) and r in parents[id(r)].args
                               and _role_adder(parents[id(r)]) for r in reads)


def _local_appended(f, parents: dict, name: str, bound: ast.AST) -> bool:
    """Every read of the local ``name`` (bound to a message at ``bound``) adds it to a kept list."""
    from .dataflow.python_file import _own_nodes

    scope = f.scope_at(bound.lineno)
    if scope.parent is None:
        return False
    reads = [n for n in _own_nodes(scope.node) if isinstance(n, ast.Name) and n.id == name
             and isinstance(n.ctx, ast.Load)]  # all of them: whichever binding a read sees, it is added
    return bool(reads) and all(_appended(parents, r, None, True) for r in reads)


def _place(lst: ast.List, item: ast.AST | None) -> str | None:
    """The place of ``item`` in a message list written for one request: its only message is the whole
    request; the last one, a user's, is the final turn."""
    if item is None or not lst.elts or lst.elts[-1] is not item:
        return None
    if len(lst.elts) == 1:
        return "whole"
    return "final-turn" if _role(item) in ("user", "human") else None


def _role(message: ast.AST) -> str:
    if isinstance(message, ast.Dict):
        for k, v in zip(message.keys, message.values):
            if isinstance(k, ast.Constant) and k.value == "role" and isinstance(v, ast.Constant):
                return str(v.value).lower()
    if isinstance(message, ast.Call):
        for kw in message.keywords:
            if kw.arg == "role" and isinstance(kw.value, ast.Constant):
                return str(kw.value.value).lower()
        name = message.func.id if isinstance(message.func, ast.Name) else \
            message.func.attr if isinstance(message.func, ast.Attribute) else ""
        if name in ("HumanMessage", "UserMessage", "ChatMessageUser", "UserPromptPart"):
            return "user"
        return _message_factory(message) or ""
    return ""


def _a_step_of_own_loop(f, scope) -> bool:
    """The function sending the prompt is called inside an iterating loop of its own file (``for _ in
    range(max_iter): self._reflect_get_subquery(...)``): each pass sends it again with the same template
    before the value, so the value is one step of that run (per-turn), not the input of a request made
    by another component."""
    from .flow_state import iteration_loop

    name = scope.name
    if not name:
        return False
    for other in f.scopes:
        for n in ast.walk(other.node):
            if isinstance(n, ast.Call) and (isinstance(n.func, ast.Name) and n.func.id == name or
                                            isinstance(n.func, ast.Attribute) and n.func.attr == name
                                            and isinstance(n.func.value, ast.Name) and n.func.value.id == "self"):
                if f.scope_at(n.lineno) is other and iteration_loop(other, [n.lineno]) is not None:
                    return True
    return False


def _parents(f) -> dict:
    got = getattr(f, "_parents", None)
    if got is None:
        got = {id(c): n for n in ast.walk(f.tree) for c in ast.iter_child_nodes(n)}
        f._parents = got
    return got


def _sent_once(f, parents: dict, node: ast.AST, depth: int = 2, where: list | None = None) -> int | None:
    """The line of the call a value reaches in a fresh container, following local names ``depth`` times;
    ``where`` gets the place of its message in that list (``_place``)."""
    scope = f.scope_at(getattr(node, "lineno", 1))
    if scope.parent is None:  # a module-level prompt: used by whoever imports it
        return None
    n = node
    while True:
        up = parents.get(id(n))
        if up is None:
            return None
        if isinstance(up, (ast.Dict, ast.keyword, ast.Tuple)) or \
                isinstance(up, ast.Call) and _is_message(up) and n is not up.func:
            n = up  # {"role": "user", "content": p}, LLMMessage(role="user", content=p)
            continue
        if isinstance(up, ast.Call) and up.args[:1] == [n] and _TEXT_PRESENTER.fullmatch(ast.unparse(up.func)) \
                or isinstance(up, ast.Attribute) and up.value is n and up.attr in _TEXT_METHODS \
                and isinstance(parents.get(id(up)), ast.Call):
            n = up if isinstance(up, ast.Call) else parents.get(id(up))  # dedent(f"..."), f"...".strip()
            continue
        if isinstance(up, ast.List):  # the message list itself
            if where is not None:
                where.append(_place(up, n))
            return _list_sent(f, parents, scope, up, depth)
        if isinstance(up, (ast.Assign, ast.AnnAssign)) and isinstance(_target(up), ast.Name) and depth > 0:
            return _name_sent(f, parents, scope, _target(up).id, up, depth - 1, where)
        if isinstance(up, ast.Call) and n is not up.func and isinstance(up.func, ast.Attribute) \
                and _MESSAGE_ADDERS.match(up.func.attr) and isinstance(up.func.value, ast.Name):
            return _fresh_agent(f, parents, scope, up.func.value.id, up)
        if isinstance(up, ast.Call) and up.args[:1] == [n] and _agently_input(parents, up):
            if where is not None:
                where.append("final-turn")
            return up.lineno
        if isinstance(up, ast.Call) and isinstance(n, ast.keyword) and n.arg == "prompt" and _completion(up):
            if where is not None:
                where.append("whole")
            return up.lineno
        return None


# A text-completion call (OpenAI's legacy Completions API and the clients modelled on it: ``prompt=`` is the whole
# input, no message list, no history but what the text itself holds).
_COMPLETIONS = {"completion", "acompletion", "complete", "acomplete", "text_completion", "atext_completion"}


def _completion(call: ast.Call) -> bool:
    """``llm.completion(prompt=text)``: the text is the whole request of that call (``turn.completion-prompt``)."""
    fn = call.func
    name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
    return name in _COMPLETIONS and not any(k.arg in ("messages", "history") for k in call.keywords) \
        and enabled("turn.completion-prompt")


# Agently's request chain (AgentEra/Agently): ``agent.general(...).set_role(...).input(text).output(...).start()``.
# Its request plugins (``Agently/plugins/request/*.py``, ``construct_request_messages``) write the ``.general``/
# ``.set_role``/``.user_info`` data as system messages, then the chat history, then one user message made of what
# ``.input`` (with ``.info``/``.instruct``/``.output``) was given: the last message of the request that
# ``.start()`` (or ``.start_async()``) sends.
_AGENTLY_SENDS = {"start", "start_async"}


def _agently_input(parents: dict, call: ast.Call) -> bool:
    """``call`` is ``.input(text)`` in a chain of method calls that ends in Agently's ``.start()``."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == "input"):
        return False
    n = call
    while True:
        up = parents.get(id(n))
        if not (isinstance(up, ast.Attribute) and up.value is n):
            return False
        owner = parents.get(id(up))
        if not (isinstance(owner, ast.Call) and owner.func is up):
            return False
        if up.attr in _AGENTLY_SENDS:
            return True
        n = owner


def _logged(parents: dict, read: ast.AST) -> bool:
    """A read that is an argument of a log or print call (``print(prompt)``): it sends nothing (as
    ``placement_flow`` leaves such reads out)."""
    from .placement_flow import _LOGS

    up = parents.get(id(read))
    return isinstance(up, ast.Call) and read in up.args and bool(_LOGS.search(ast.unparse(up.func)))


def _target(stmt) -> ast.expr | None:
    if isinstance(stmt, ast.Assign):
        return stmt.targets[0] if len(stmt.targets) == 1 else None
    return stmt.target


def _is_message(call: ast.Call) -> bool:
    """A message object made from the prompt: a CapWords constructor (``LLMMessage(...)``,
    ``HumanMessage(...)``) or ``dict(role=..., content=...)``."""
    name = call.func.id if isinstance(call.func, ast.Name) else \
        call.func.attr if isinstance(call.func, ast.Attribute) else ""
    return name[:1].isupper() and "Message" in name or name == "dict" or _message_factory(call) is not None


def _message_factory(call: ast.Call) -> str | None:
    """The role of a message class's factory named for it (OxyGent's ``Message.system_message(text)``,
    ``Message.user_message(text)``): ``Class.<role>_message(...)`` on a class whose name says Message."""
    fn = call.func
    if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name) and fn.value.id[:1].isupper() \
            and "Message" in fn.value.id:
        m = re.fullmatch(r"(system|user|human|assistant|ai|developer|tool)_message", fn.attr)
        return m.group(1) if m else None
    return None


def _list_sent(f, parents: dict, scope, lst: ast.List, depth: int) -> int | None:
    up = parents.get(id(lst))
    if isinstance(up, ast.keyword):
        up = parents.get(id(up))
    if isinstance(up, ast.Call) and lst is not up.func:
        if isinstance(up.func, ast.Attribute) and up.func.attr in _GROW:
            return None  # history.extend([...]): added to a kept conversation
        if _keeps_conversation(up) and _conversation_kept(f, parents, scope, up):
            return None  # context = LLMContext([...]) handed to the aggregators: the start of a conversation
        return up.lineno
    if isinstance(up, (ast.Assign, ast.AnnAssign)) and isinstance(_target(up), ast.Name) and depth >= 0:
        name = _target(up).id
        if _grown(scope, name):
            return None
        return _passed(f, parents, scope, name, up)
    return None


def _name_sent(f, parents: dict, scope, name: str, bound: ast.AST, depth: int,
               where: list | None = None) -> int | None:
    """A local holding the prompt: every later read of it must reach a fresh container."""
    from .dataflow.python_file import _own_nodes

    reads = [n for n in _own_nodes(scope.node) if isinstance(n, ast.Name) and n.id == name
             and isinstance(n.ctx, ast.Load) and n.lineno >= bound.lineno]
    reads = [r for r in reads if not _logged(parents, r)]
    if not reads or len(scope.binds.get(name, [])) != 1:
        return None
    lines = [_sent_once(f, parents, r, depth, where) for r in reads]
    return lines[0] if all(ln is not None for ln in lines) else None


# The last word of a class whose object keeps a conversation: made from a message list, it holds the list as
# the start of the conversation and the code adds each turn to it (pipecat's ``LLMContext(messages, tools)``,
# documented as the conversation context the pipeline's aggregators append user and assistant messages to;
# ``ChatHistory``, ``ConversationBufferMemory``, a ``Thread`` or ``Session``).  Not a request.
_CONVERSATION_OBJECTS = {"context", "conversation", "history", "memory", "thread", "session", "chat", "transcript",
                         "dialog", "dialogue"}


def _keeps_conversation(call: ast.Call) -> bool:
    """A constructor (a CapWords call) of an object that keeps a conversation (``_CONVERSATION_OBJECTS``)."""
    fn = call.func
    name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
    if not name[:1].isupper():
        return False
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z][a-z0-9]*", name)
    return bool(words) and words[-1].lower() in _CONVERSATION_OBJECTS


def _conversation_kept(f, parents: dict, scope, made: ast.Call) -> bool:
    """The conversation object ``made`` is kept past one request: bound to a local that the function grows
    (``context.add_message(...)``) or hands to the constructor of another object, which holds it
    (pipecat's ``LLMContextAggregatorPair(context)``: the aggregators append each user and assistant turn to
    it).  One handed to a call (``llm.run_inference(summary_context)``, "a direct one-shot, out-of-band
    inference"), or made inline in one (``LLMContextFrame(LLMContext(messages))``), is a request sent once."""
    from .dataflow.python_file import _own_nodes

    up = parents.get(id(made))
    if not (isinstance(up, (ast.Assign, ast.AnnAssign)) and up.value is made and isinstance(_target(up), ast.Name)):
        return False
    name = _target(up).id
    for n in _own_nodes(scope.node):
        if not (isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and n.lineno >= up.lineno):
            continue
        use = parents.get(id(n))
        if isinstance(use, ast.keyword):
            use = parents.get(id(use))
        if isinstance(use, ast.Attribute) and use.value is n and use.attr.split("_", 1)[0] in _GROW:
            return True  # context.add_message(...), context.add_messages([...])
        if isinstance(use, ast.Call) and n is not use.func and _call_word(use.func)[:1].isupper():
            return True  # LLMContextAggregatorPair(context): another object holds it
    return False


def _call_word(fn: ast.AST) -> str:
    return fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""


def _grown(scope, name: str) -> bool:
    from .dataflow.python_file import _own_nodes

    for n in _own_nodes(scope.node):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _GROW \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == name:
            return True
        if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == name:
            return True
    return len(scope.binds.get(name, [])) != 1


def _passed(f, parents: dict, scope, name: str, bound: ast.AST, body: bool = True) -> int | None:
    """The call a local message list is handed to, when it is handed to calls only (``body``: or put under
    ``messages`` in a request body bound to a local that is)."""
    from .dataflow.python_file import _own_nodes

    reads = [n for n in _own_nodes(scope.node) if isinstance(n, ast.Name) and n.id == name
             and isinstance(n.ctx, ast.Load) and n.lineno >= bound.lineno]
    calls = []
    for r in reads:
        up = parents.get(id(r))
        if isinstance(up, ast.Dict) and body:
            # payload = {"model": ..., "messages": messages}: the request body, posted (``client.post(url,
            # json=payload)``) where it is handed to calls only
            kept = parents.get(id(up))
            if not any(v is r and isinstance(k, ast.Constant) and k.value == "messages"
                       for k, v in zip(up.keys, up.values)) \
                    or not (isinstance(kept, (ast.Assign, ast.AnnAssign)) and kept.value is up
                            and isinstance(_target(kept), ast.Name)):
                return None
            line = _passed(f, parents, scope, _target(kept).id, kept, body=False)
            if line is None:
                return None
            calls.append(line)
            continue
        if not body and isinstance(up, ast.Subscript) and up.value is r and isinstance(up.ctx, ast.Store):
            continue  # payload["response_format"] = {...}: the body gains a setting
        if isinstance(up, ast.keyword):
            up = parents.get(id(up))
        if not isinstance(up, ast.Call) or r is up.func \
                or _keeps_conversation(up) and _conversation_kept(f, parents, scope, up):
            return None
        calls.append(up.lineno)
    return calls[0] if calls else None


def _fresh_agent(f, parents: dict, scope, name: str, add: ast.Call) -> int | None:
    """``agent = Agent(...)`` made in this function, given the prompt with ``agent.add_message(p)``, then
    handed to a call or called: a new conversation for this one request."""
    from .dataflow.python_file import _own_nodes

    values = scope.binds.get(name, [])
    if len(values) != 1 or not isinstance(values[0], ast.Call) or name in scope.params:
        return None
    made = values[0].func
    made_name = made.id if isinstance(made, ast.Name) else made.attr if isinstance(made, ast.Attribute) else ""
    if not made_name[:1].isupper():
        return None
    adds = [n for n in _own_nodes(scope.node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and isinstance(n.func.value, ast.Name) and n.func.value.id == name and _MESSAGE_ADDERS.match(n.func.attr)]
    if not adds or len(adds) > 1 and any(_in_loop(parents, a, scope.node) for a in adds):
        return None  # messages added in a loop: a conversation built here, turn by turn
    uses = [n for n in _own_nodes(scope.node) if isinstance(n, ast.Name) and n.id == name
            and isinstance(n.ctx, ast.Load) and n.lineno > add.lineno]
    return uses[0].lineno if uses else None


def _in_loop(parents: dict, node: ast.AST, fn: ast.AST) -> bool:
    """``node`` runs inside a loop (or a comprehension) of function ``fn``."""
    n = parents.get(id(node))
    while n is not None and n is not fn:
        if isinstance(n, (ast.For, ast.AsyncFor, ast.While, ast.comprehension)):
            return True
        n = parents.get(id(n))
    return False


def rendered_per_object(seg: Segment, prompt: Prompt | None) -> int | None:
    """The line of the constructor call a Python f-string is rendered for, when it is rendered once per
    object: written in a function, outside any loop of it, its text (directly or through a local bound once
    to it) handed only to the constructor of an object (a CapWords call, possibly through another one:
    ``UltravoxRealtimeLLMService(params=OneShotInputParams(system_prompt=system_prompt))``) that is bound
    and kept; the function not called at each pass of a loop of its file.  The object holds the text for its
    life: a value read when it is rendered (a clock) is one per object, the session's at most, as a clock
    read in a constructor is.  None when the code does not say so."""
    from .dataflow.python_file import _own_nodes

    if prompt is None or prompt.syntax != "fstring" or not prompt.path \
            or not prompt.path.lower().endswith((".py", ".pyw")) or not seg.line:
        return None
    f, parents, uses = _file_uses(prompt, seg.line)
    if len(uses) != 1:
        return None
    node = uses[0]
    scope = f.scope_at(node.lineno)
    if scope.parent is None or not isinstance(scope.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    if _in_loop(parents, node, scope.node) or _a_step_of_own_loop(f, scope):
        return None
    up = parents.get(id(node))
    if isinstance(up, (ast.Assign, ast.AnnAssign)) and up.value is node and isinstance(_target(up), ast.Name):
        name = _target(up).id
        if len(scope.binds.get(name, [])) != 1:
            return None
        reads = [n for n in _own_nodes(scope.node) if isinstance(n, ast.Name) and n.id == name
                 and isinstance(n.ctx, ast.Load) and n.lineno >= up.lineno]
        lines = [_kept_object(parents, r, scope.node) for r in reads]
        return lines[0] if lines and all(ln is not None for ln in lines) else None
    return _kept_object(parents, node, scope.node)


def _in_loop(parents: dict, node: ast.AST, fn: ast.AST) -> bool:
    n = node
    while n is not None and n is not fn:
        n = parents.get(id(n))
        if isinstance(n, (ast.For, ast.AsyncFor, ast.While, ast.comprehension)):
            return True
    return False


def _kept_object(parents: dict, node: ast.AST, fn: ast.AST) -> int | None:
    """The line of the outermost constructor a value is an argument of, when its result is bound to a name
    or an attribute (kept), else None."""
    n, made = node, None
    while True:
        up = parents.get(id(n))
        if isinstance(up, ast.keyword):
            n, up = up, parents.get(id(up))
        if isinstance(up, ast.Call) and n is not up.func and _call_word(up.func)[:1].isupper() \
                and not _is_message(up):
            n = made = up
            continue
        break
    if made is None:
        return None
    if isinstance(up, ast.Await):
        n, up = up, parents.get(id(up))
    if isinstance(up, (ast.Assign, ast.AnnAssign)) and up.value is n:
        return made.lineno
    return None

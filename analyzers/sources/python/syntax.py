"""What a syntax tree node is: callees, model calls, calls for people (logs, sinks, questions), message shapes."""

from __future__ import annotations

import ast
import re

from ..prompt_names import name_words, says_prompt
from .rules import (
    _ANSWER_WORDS, _ASK_OWNERS, _ASKERS, _GENERATION_KEYWORDS, _HANDLING_VERBS, _RAIL_PROMPT, _RAIL_ROOT,
    _SINK_METHODS, _SINK_OWNERS, ROLE_ALIASES,
)
from .texts import _STRFTIME_RUN


def _writes_text(cls: ast.ClassDef) -> bool:
    """Whether a class keeps text of its own: a string constant in its body or a method returning a literal."""
    for n in ast.walk(cls):
        value = n.value if isinstance(n, (ast.Return, ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.JoinedStr) or isinstance(value, ast.Constant) and isinstance(value.value, str):
            return True
    return False


def _empty(node: ast.expr) -> bool:
    """``""``, ``None`` or ``[]``: the value a local starts with before the code gives it its text."""
    return isinstance(node, ast.Constant) and node.value in ("", None) or isinstance(node, ast.List) and not node.elts


def _role_message_class(name: str) -> str | None:
    """The role of a message class named for it (``UserMessage``, ``AssistantMessage``,
    ``DeveloperMessage``: a role word, then ``Message``); None for other names."""
    words = name_words(name)
    if len(words) == 2 and words[1] == "message" and name[:1].isupper():
        return _role(words[0])
    if len(words) >= 3 and words[-2:] == ["message", "param"] and name[:1].isupper():
        # the OpenAI SDK's request message types (openai.types.chat): ChatCompletionSystemMessageParam(...)
        return _role(words[-3])
    return None


def _called_parts(value: ast.expr) -> list[ast.Call | ast.Name | ast.Attribute]:
    """The calls and names a prompt's text is made of: operands of ``+`` and fields of an f-string
    (``"Summarize." + self._response_language()``, ``f"{header()}..."``, ``f"{output}{INSTRUCTIONS}"``)."""
    if not isinstance(value, (ast.BinOp, ast.JoinedStr)):
        return []  # (a bare call is the prompt itself: followed where its result is used, not here)
    out, todo = [], [value]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            todo += [node.left, node.right]
        elif isinstance(node, ast.JoinedStr):
            todo += [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
        elif isinstance(node, ast.Call) and not _is_join(node) and _callee(node) not in (
                "format", "strip", "lstrip", "rstrip", "dedent", "cleandoc"):
            out.append(node)
        elif isinstance(node, (ast.Name, ast.Attribute)):
            out.append(node)
    return out


def _marks_a_message(value: ast.expr) -> bool:
    """The value of a key beside a message's fields that only marks the message: ``True``/``False``, or a mapping
    written in place whose values hold no text (flags, numbers, counts: ``{"reset": True, "retain": len(kept)}``).
    A string, a name or a call (an event type, a thought, a timestamp) is a record's field."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, bool)
    if isinstance(value, ast.Dict):
        return None not in value.keys and all(
            isinstance(v, ast.Constant) and not isinstance(v.value, str)
            or isinstance(v, ast.Call) and not isinstance(v.func, ast.Attribute) and _callee(v) in ("len", "int", "bool")
            for v in value.values)
    return False


def _builds_a_prompt(call: ast.Call) -> bool:
    """A call of a class named for a prompt, or of its class method (``ChatPromptTemplate(...)``,
    ``ChatPromptTemplate.from_messages(...)``, ``PromptTemplate(...)``): it returns the prompt made of its arguments,
    not a model's reply (``self.submit_prompt([...])``, a method, sends them and returns the answer)."""
    return any(part[:1].isupper() and says_prompt(part) for part in _dotted(call.func).split(".")) \
        and not _requests_a_reply(call)


def _param_defaults(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[str, ast.expr]]:
    """(parameter name, default) for each parameter of ``fn`` that has a default."""
    a = fn.args
    positional = a.posonlyargs + a.args
    pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults)) + list(zip(a.kwonlyargs, a.kw_defaults))
    return [(arg.arg, default) for arg, default in pairs if default is not None]


def _rail_spec(node: ast.expr) -> bool:
    """A guardrails RAIL spec written in the code (docs.guardrails.ai, "RAIL"; AutoPR's ``get_rail_spec``): an XML
    document whose root is ``<rail>`` and that holds a ``<prompt>`` or ``<instructions>`` element, the text
    ``Guard.from_rail_string(...)`` sends to the model (instructions as the system message, prompt as the user's)
    with its ``<output>`` schema.  Its text is a prompt whatever the name it is kept under."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    else:
        return False
    return bool(_RAIL_ROOT.match(text)) and bool(_RAIL_PROMPT.search(text))


def _names_an_answer(name: str) -> bool:
    """``NO_DATA_ANSWER``, ``CANNED_REPLY``: a constant kept beside prompts that is named for an
    answer is what the program answers in the model's place (or an answer it expects), not text sent
    to the model; a prompt that includes it (``f"...{EXAMPLE_ANSWER}"``) reports its text anyway."""
    words = name_words(name)
    return bool(words) and words[-1] in _ANSWER_WORDS


def _field_default(value: ast.expr | None) -> ast.expr | None:
    """The text default of a pydantic ``Field(default=...)`` / ``Field("...")`` or a dataclasses ``field(default=...)``
    (their documented first parameter / keyword), or None."""
    if not (isinstance(value, ast.Call) and _callee(value) in ("Field", "field")):
        return None
    kws = {k.arg: k.value for k in value.keywords}
    default = kws.get("default", value.args[0] if value.args and _callee(value) == "Field" else None)
    return default if isinstance(default, (ast.Constant, ast.JoinedStr, ast.BinOp)) else None


def _handles_prompts(function: str) -> bool:
    """``list_mcp_prompts``, ``serialize_prompt``: a function named for what it does to prompts."""
    words = name_words(function)
    return bool(words) and words[0] in _HANDLING_VERBS


def _docstring(node: ast.ClassDef) -> ast.Constant | None:
    first = node.body[0] if node.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first.value
    return None


def _is_join(call: ast.Call) -> bool:
    f = call.func
    return isinstance(f, ast.Attribute) and f.attr == "join" and len(call.args) == 1 and not call.keywords \
        and isinstance(f.value, ast.Constant) and isinstance(f.value.value, str)


def _same_body(block: ast.AST, a: ast.stmt, b: ast.stmt) -> bool:
    """Whether two statements sit in the same statement list of ``block`` (not ``if`` vs ``else``)."""
    for name in ("body", "orelse", "finalbody", "handlers"):
        stmts = getattr(block, name, None)
        if isinstance(stmts, list) and a in stmts and b in stmts:
            return True
    return False


def _branches(value: ast.expr) -> list[ast.expr]:
    """``f"..." if context else ""``, ``prompt or DEFAULT``: each branch is a value the name may hold."""
    if isinstance(value, ast.IfExp):
        return _branches(value.body) + _branches(value.orelse)
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
        # prompt = prompt or DEFAULT_PROMPT / inspect.cleandoc("""..."""): the default is a value
        return [b for v in value.values for b in _branches(v)]
    if isinstance(value, ast.Tuple) and len(value.elts) == 1 and not isinstance(value.elts[0], ast.Starred):
        # prompt = template.format(...),  (a trailing comma: gpt-migrate's debug step): a 1-tuple whose str() is
        # sent; the model reads the element's text, quoted
        return _branches(value.elts[0])
    return [value]


def _replaced_slot(call: ast.Call, imports: dict) -> tuple[str, ast.expr] | None:
    """(marker, template) of ``template.replace("<marker>", value)`` or ``re.sub(r"<marker>", value, template)``
    when the marker is a slot: a literal with a letter and no space (``<<conversation>>``, ``<ui_element>``,
    ``TASK_DESCRIPTION``), matched as written by ``re.sub`` (no pattern syntax); not ``.replace("{{", "{")``,
    ``.replace("\\n", " ")`` (text transformations)."""
    f = call.func
    if isinstance(f, ast.Attribute) and f.attr == "replace" and len(call.args) >= 2:
        marker, template = call.args[0], f.value
    elif _callee(call) == "sub" and len(call.args) >= 3 and (
            isinstance(f, ast.Attribute) and _dotted(f.value) == "re" or imports.get("sub") == "re.sub"):
        marker, template = call.args[0], call.args[2]
        if not (isinstance(marker, ast.Constant) and isinstance(marker.value, str)) or re.escape(marker.value) != marker.value:
            return None
    else:
        return None
    if not (isinstance(marker, ast.Constant) and isinstance(marker.value, str)):
        return None
    text = marker.value
    if len(text) < 2 or not re.search(r"[^\W\d_]", text) or any(c.isspace() for c in text):
        return None
    return text, template


def _plural_prompts(name: str) -> bool:
    """A name that says it gives several prompts (``_initialize_prompts``, ``_initialize_prompts_pure_vision``,
    ``get_prompt_templates``)."""
    return bool({"prompts", "templates"} & set(name_words(name)))


def _unwrap(value: ast.expr) -> tuple[ast.expr, str | None]:
    """``X.format(...)``, ``X % args``, ``X.strip()`` -> (X, the syntax the call implies)."""
    syntax = None
    while True:
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and value.func.attr in ("format", "strip", "lstrip", "rstrip"):
            syntax = syntax or ("format" if value.func.attr == "format" else None)
            value = value.func.value
        elif isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod):
            syntax = syntax or "percent"
            value = value.left
        else:
            return value, syntax


def _strftime_format(call: ast.Call) -> ast.Constant | None:
    """The literal format of ``<time>.strftime("...")`` (its one argument), when it has a directive."""
    f = call.func
    if isinstance(f, ast.Attribute) and f.attr == "strftime" and len(call.args) == 1 and not call.keywords:
        arg = call.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _STRFTIME_RUN.search(arg.value):
            return arg
    return None


def _role(role: str | None) -> str | None:
    if role is None:
        return None
    role = role.lower()
    return ROLE_ALIASES.get(role, role) if role in ("system", "developer", "user", "assistant", "tool",
                                                      *ROLE_ALIASES) else None


_MODEL_METHODS = frozenset({"invoke", "ainvoke", "predict", "apredict", "generate", "agenerate", "complete",
                            "acomplete", "chat", "achat"})


def _calls_a_model(f: ast.expr) -> bool:
    """``self.llm(...)``, ``llm.invoke(...)``, ``self.fast_llm.predict(...)``: the callee (or the object
    whose model method is called) is named ``llm`` or ``*_llm``; and a model adapter's ``invoke``
    (Kiln ``adapter = adapter_for_task(...)`` then ``adapter.invoke_returning_run_output(run_description)``:
    ``BaseAdapter.invoke*`` runs the task's model on that input)."""
    invoke = isinstance(f, ast.Attribute) and (f.attr in ("invoke", "ainvoke") or f.attr.startswith("invoke_"))
    if isinstance(f, ast.Attribute) and (f.attr in _MODEL_METHODS or invoke):
        f = f.value
    last = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
    words = name_words(last)
    return bool(words) and (words[-1] == "llm" or invoke and words[-1] == "adapter")


def _requests_a_reply(call: ast.Call) -> bool:
    """A call given the parameters of one generation (the OpenAI / Anthropic request fields that bound or
    sample one reply: ``max_tokens``, ``stop``, ``top_p``...): a request to a model, whose result is the
    model's answer, not an object holding the prompt (``qa = PromptTemplate(template=...)`` is one)."""
    return any(k.arg in _GENERATION_KEYWORDS for k in call.keywords)


# Verbs of a function that makes an object from what it is given (``create_react_agent(model=..., prompt=...)``
# returns an agent holding the prompt), not one that runs the model on it.
_MAKING_VERBS = frozenset({"create", "build", "make", "new", "init", "construct", "from"})


def _runs_a_model(call: ast.Call) -> bool:
    """A call of a function (not a class: PEP 8 writes classes in CapWords, ``Agent(model=..., instructions=...)``
    builds an agent holding its prompt) given the model to run, ``model=`` or ``model_name=``, beside the prompt:
    the function runs that model on it and its result is the model's output (sotopia ``response = await
    agenerate(model_name=self.model_name, template="{history} Based on ...", ...)``: the name holds the parsed reply, the
    template is named by its keyword), unless its name says it makes an object (``create_*``, ``build_*``)."""
    name = _dotted(call.func).split(".")[-1]
    words = name_words(name)
    if not words or name[:1].isupper() or words[0] in _MAKING_VERBS:
        return False
    return any(k.arg in ("model", "model_name") for k in call.keywords)


def _builds_a_tool(call: ast.Call) -> bool:
    """A call that builds a tool for a model: a class named for a tool (``Tool(...)``, ``CustomTool(...)``,
    ``StructuredTool.from_function(...)``, ``Tool.from_function(...)``), whose ``description`` the model reads."""
    f = call.func
    if isinstance(f, ast.Attribute) and f.attr.startswith("from_"):
        f = f.value
    name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
    return name[:1].isupper() and name_words(name)[-1:] == ["tool"]


def _callee(call: ast.Call) -> str:
    f = call.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return ""


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _dotted(node.func) + "()"
    return ""


def _asks_a_person(callee: str) -> bool:
    """A call named for asking the user (``cl.AskUserMessage``, ``get_user_response``,
    ``ask_human``, ``get_human_input``): its text is shown to a person, who answers it."""
    words = set(name_words(callee))
    if not words & {"user", "human"}:
        return False
    return bool(words & {"ask", "input", "response", "reply", "confirm", "confirmation", "choice"})


def _static_head(fstring: ast.JoinedStr) -> str:
    """The text an f-string starts with, up to its first field."""
    first = fstring.values[0] if fstring.values else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""


def _state_path(node: ast.expr) -> str | None:
    """``st.session_state.messages`` / ``st.session_state["messages"]`` -> ``messages``: a key of
    Streamlit's session state; None for anything else."""
    if isinstance(node, ast.Attribute):
        key, owner = node.attr, node.value
    elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        key, owner = node.slice.value, node.value
    else:
        return None
    return key if _dotted(owner) in ("st.session_state", "streamlit.session_state") else None


def _prompt_toolkit_asks(call: ast.Call, imports: dict[str, str], bound) -> bool:
    """prompt_toolkit's ``prompt("...")`` and ``PromptSession(...).prompt("...")`` (also through a name
    ``bound`` to the session) show their text to a person at the terminal and return the answer."""
    f = call.func
    if isinstance(f, ast.Name):
        return f.id == "prompt" and imports.get("prompt", "").split(".")[0] == "prompt_toolkit"
    if not (isinstance(f, ast.Attribute) and f.attr == "prompt"):
        return False
    session = bound(f.value) if isinstance(f.value, (ast.Name, ast.Attribute)) else f.value
    return isinstance(session, ast.Call) and _callee(session) == "PromptSession" \
        and imports.get("PromptSession", "").split(".")[0] == "prompt_toolkit"


def param_for_people(tree: ast.Module, fn: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> bool:
    """Whether the module-level function ``fn`` of ``tree`` only prints, logs, raises or asks the user with
    its parameter ``param`` (read from its parse tree alone: another file's function, whose analysis is
    its own file's)."""
    imports, module_values = {}, {}
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                mod = node.module if isinstance(node, ast.ImportFrom) else None
                imports[a.asname or a.name.split(".")[0]] = f"{mod}.{a.name}" if mod else a.name
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            module_values[node.targets[0].id] = node.value

    def bound(name):
        return module_values.get(name.id) if isinstance(name, ast.Name) else None

    parents = {id(c): p for p in ast.walk(fn) for c in ast.iter_child_nodes(p)}
    reads = [n for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == param and isinstance(n.ctx, ast.Load)]
    for read in reads:
        cur = parents.get(id(read))
        while cur is not None and cur is not fn and not (
                isinstance(cur, (ast.Raise, ast.Assert))
                or isinstance(cur, ast.Call) and (_is_sink_call(cur) or _prompt_toolkit_asks(cur, imports, bound))):
            cur = parents.get(id(cur))
        if cur is None or cur is fn:
            return False
    return bool(reads)


def _generates_an_image(call: ast.Call) -> bool:
    """``pipe(prompt, negative_prompt=...)``: a text-to-image pipeline (diffusers' ``negative_prompt``),
    whose prompts are no language model's (no prefix cache to keep)."""
    return any(k.arg == "negative_prompt" for k in call.keywords)


# calls that run the callable they are given with the arguments after it, on an executor or a thread
# (asyncio ``run_in_executor`` / ``to_thread``, anyio ``run_sync``, ``ThreadPoolExecutor.submit``)
_RUNS_A_CALLABLE = frozenset({"run_in_executor", "to_thread", "run_sync", "submit"})


def _is_sink_call(call: ast.Call) -> bool:
    f = call.func
    if _asks_a_person(_callee(call)):
        return True
    if _generates_an_image(call):
        return True
    if _callee(call) in _RUNS_A_CALLABLE and any(isinstance(a, ast.Name) and a.id in ("print", "input", "getpass")
                                                 for a in call.args):
        return True  # loop.run_in_executor(None, input, prompt): input(prompt), run on a thread
    if isinstance(f, ast.Name):
        return f.id in ("print", "input", "warn", "getpass") or f.id.endswith("Error") or f.id.endswith("Exception") \
            or name_words(f.id)[:1] == ["print"]  # print_text(...), a wrapper named for printing
    if isinstance(f, ast.Attribute):
        if name_words(f.attr)[:1] == ["print"]:
            return True
        owner = _dotted(f.value)
        if f.attr == "ask" and _ASK_OWNERS.search(owner) or f.attr in _ASKERS.get(owner, ()) \
                or f.attr == "getpass" and owner == "getpass":
            return True
        if f.attr in _SINK_METHODS:
            owner = _dotted(f.value)
            return f.attr in ("print", "echo", "secho", "exception") or bool(_SINK_OWNERS.search(owner)) \
                or owner.endswith(("log", "logger"))
        return False
    return False

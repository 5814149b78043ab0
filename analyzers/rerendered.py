"""A value computed for each call and filled into a chat template's system message, in the same call that sends
the conversation's history after it, is re-rendered at every turn (issue 12; LABEL_AGREEMENT.md "vol19").

LangChain's chat templates are a list of messages filled from one input mapping:
``ChatPromptTemplate.from_messages([("system", T), MessagesPlaceholder(variable_name="messages"), ("human",
"{input}")])``.  When the code that runs for a message of the chat invokes the template's chain with that mapping
(``chain.invoke({"messages": history, "context": docs_text, "input": question})``), the placeholder renders the
conversation so far *after* the system message: the system text is rebuilt in every request of the conversation,
and a value the same function computes for that call (``docs_text, ... = format_documents(docs, ...)``, from the
function's own inputs) changes the prefix before the history at every turn.  Per-turn, by the code's structure
(the template's order, the history and the value given in one call, the value computed there), before any name
rule.  A value handed on unchanged (a parameter of the invoking function) is left to the other evidence: its
caller decides how often it changes.
"""

from __future__ import annotations

import ast

from .model import Prompt, Segment

_INVOKE = ("invoke", "ainvoke", "stream", "astream")


def _word(fn: ast.AST) -> str:
    return fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""


def _history_var(node: ast.AST) -> str | None:
    """The ``variable_name`` of a ``MessagesPlaceholder(...)`` call, else None."""
    if not (isinstance(node, ast.Call) and _word(node.func) == "MessagesPlaceholder"):
        return None
    for k in node.keywords:
        if k.arg == "variable_name" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str):
            return k.value.value
    if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        return node.args[0].value
    return None


def _system_expr(node: ast.AST) -> ast.AST | None:
    """The text expression of a system message template: ``("system", X)``, ``SystemMessagePromptTemplate.
    from_template(X)``, ``SystemMessage(content=X)``."""
    if isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[0], ast.Constant) \
            and node.elts[0].value == "system":
        return node.elts[1]
    if isinstance(node, ast.Call):
        fn = node.func
        owner = fn.value if isinstance(fn, ast.Attribute) and fn.attr == "from_template" else fn
        if _word(owner).startswith("System"):
            if node.args:
                return node.args[0]
            for k in node.keywords:
                if k.arg in ("content", "template"):
                    return k.value
    return None


def _functions(tree: ast.AST) -> list[ast.AST]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _params(fn: ast.AST) -> dict[str, ast.AST | None]:
    """Parameter name -> its default (None when it has none)."""
    a = fn.args
    pos = a.posonlyargs + a.args
    out: dict[str, ast.AST | None] = {p.arg: None for p in pos + a.kwonlyargs}
    for p, d in zip(pos[len(pos) - len(a.defaults):], a.defaults):
        out[p.arg] = d
    for p, d in zip(a.kwonlyargs, a.kw_defaults):
        out[p.arg] = d
    for p in (a.vararg, a.kwarg):
        if p is not None:
            out[p.arg] = None
    return out


def _holds_prompt(expr: ast.AST, fn: ast.AST | None, container: str, line: int, own_file: bool) -> bool:
    """The system message's text is the prompt: its constant by name, a parameter defaulting to it, or (in the
    prompt's own file) a string literal spanning the variable's line."""
    params = _params(fn) if fn is not None else {}
    for n in ast.walk(expr):
        if isinstance(n, ast.Name):
            if n.id == container:
                return True
            d = params.get(n.id)
            if d is not None and any(isinstance(m, ast.Name) and m.id == container for m in ast.walk(d)):
                return True
        if own_file and isinstance(n, ast.Constant) and isinstance(n.value, str) \
                and n.lineno <= line <= (n.end_lineno or n.lineno):
            return True
    return False


def _templates(tree: ast.AST, container: str, line: int, own_file: bool):
    """(enclosing function or None, the template's bound name or None, history variable) of every chat template
    whose system message, before a history placeholder, holds the prompt."""
    owner: dict[int, ast.AST] = {}  # node -> its innermost function (inner functions come later and overwrite)
    for fn in sorted(_functions(tree), key=lambda f: f.lineno):
        for n in ast.walk(fn):
            if n is not fn:
                owner[id(n)] = fn
    bound: dict[int, str] = {}
    for n in ast.walk(tree):
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
            bound[id(n.value)] = n.targets[0].id
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and _word(call.func) in ("from_messages", "ChatPromptTemplate")):
            continue
        arg = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "messages"), None)
        if not isinstance(arg, (ast.List, ast.Tuple)):
            continue
        fn = owner.get(id(call))
        for i, m in enumerate(arg.elts):
            var = _history_var(m)
            if var is None:
                continue
            if any(_system_expr(s) is not None and _holds_prompt(_system_expr(s), fn, container, line, own_file)
                   for s in arg.elts[:i]):
                yield fn, bound.get(id(call)), var
            break


def _bindings(fn: ast.AST, name: str) -> list[ast.AST]:
    """The values ``name`` is assigned in ``fn`` (a tuple target's whole value too)."""
    out = []
    for n in ast.walk(fn):
        if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None:
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            for t in targets:
                if any(isinstance(x, ast.Name) and x.id == name for x in ast.walk(t)):
                    out.append(n.value)
    return out


def _computed_here(fn: ast.AST, value: ast.AST) -> bool:
    """``value`` is a local the function computes by a call from its own inputs (a parameter among the call's
    arguments), and bound nowhere else in it to anything but such calls."""
    if not isinstance(value, ast.Name):
        return False
    params = _params(fn)
    if value.id in params:
        return False
    got = _bindings(fn, value.id)
    if not got:
        return False
    for v in got:
        if not isinstance(v, (ast.Call, ast.Await)):
            return False
        call = v.value if isinstance(v, ast.Await) else v
        if not isinstance(call, ast.Call):
            return False
        args = list(call.args) + [k.value for k in call.keywords]
        if not any(isinstance(n, ast.Name) and n.id in params for a in args for n in ast.walk(a)):
            return False
    return True


def _chain_of(fn: ast.AST, receiver: ast.AST, builder: str | None, template: str | None) -> bool:
    """The invoked object is the template's chain: built in ``fn`` by a call of the function that makes the
    template (``rag_chain = get_rag_chain(llm=llm)``) or from the template's name (``chain = prompt | llm``)."""
    if isinstance(receiver, ast.Name) and receiver.id == template:
        return True
    if not isinstance(receiver, ast.Name):
        return False
    for v in _bindings(fn, receiver.id):
        for n in ast.walk(v):
            if isinstance(n, ast.Call) and builder and _word(n.func) == builder:
                return True
            if isinstance(n, ast.Name) and template and n.id == template:
                return True
    return False


def rerendered_system(seg: Segment, prompt: Prompt | None, name: str, index=None) -> int | None:
    """The line of the call that fills ``name`` into the prompt's system message with a value it computes, and the
    conversation's history after it (see the module docstring); else None."""
    if prompt is None or not prompt.path or not prompt.path.lower().endswith((".py", ".pyw")) or not seg.line \
            or not name.isidentifier():
        return None
    from .dataflow.python_file import _py_file
    from .dataflow.python_value import _container_name
    from .volatility import _stamp

    container = _container_name(prompt)
    files = []
    own = _py_file(prompt.path, _stamp(prompt.path))
    if own is not None:
        files.append((prompt.path, own))
    if index is not None and container.isidentifier():
        files += [(p, f) for p, f in index.py_mentioning(container) if p != prompt.path]
    for path, f in files:
        for fn, template, var in _templates(f.tree, container, seg.line, path == prompt.path):
            builder = fn.name if fn is not None else None
            for caller in _functions(f.tree):
                for call in ast.walk(caller):
                    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                            and call.func.attr in _INVOKE and call.args and isinstance(call.args[0], ast.Dict)):
                        continue
                    keys = {k.value: v for k, v in zip(call.args[0].keys, call.args[0].values)
                            if isinstance(k, ast.Constant) and isinstance(k.value, str)}
                    if var not in keys or name not in keys:
                        continue
                    if not _chain_of(caller, call.func.value, None if caller is fn else builder, template):
                        continue
                    if _computed_here(caller, keys[name]):
                        return call.lineno
    return None

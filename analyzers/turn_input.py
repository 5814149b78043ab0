"""A variable that fills a chat template's last human message after its history placeholder is the turn's input.

LangChain's chat templates (and DB-GPT's, which copy their API) are a list of messages filled from one input
mapping: ``ChatPromptTemplate(messages=[SystemPromptTemplate.from_template(T), MessagesPlaceholder(
variable_name="chat_history"), HumanPromptTemplate.from_template("{input}")])``.  The placeholder renders
the conversation so far; the human message after it is the message of this turn, so the value that fills it
is new at every turn.  The same name in the system template (``T``: "Provide professional data analysis to
support users' goals: {input}") is filled with the same value: the system message changes at every turn,
and the history after it is prefilled again each time (DB-GPT's chat_dashboard, chat_db and chat_knowledge
scenes).  Per-turn, by the template's structure, before any name rule.
"""

from __future__ import annotations

import ast
import re

from .model import Prompt, Segment

_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)\}(?!\})")


def _word(fn: ast.AST) -> str:
    return fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""


def _template_call(node: ast.AST) -> ast.Call | None:
    """``X.from_template(...)`` / ``X(...)`` of a message template class, or None."""
    if not isinstance(node, ast.Call):
        return None
    fn = node.func
    if isinstance(fn, ast.Attribute) and fn.attr in ("from_template", "from_messages"):
        return node
    return node if _word(fn).endswith("PromptTemplate") else None


def _human_text(node: ast.AST) -> str | None:
    """The literal text of a human message template (``HumanPromptTemplate.from_template("{input}")``,
    ``HumanMessagePromptTemplate.from_template(...)``, ``("human", "{input}")``)."""
    if isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[0], ast.Constant) \
            and node.elts[0].value in ("human", "user") and isinstance(node.elts[1], ast.Constant) \
            and isinstance(node.elts[1].value, str):
        return node.elts[1].value
    call = _template_call(node)
    if call is None:
        return None
    owner = call.func.value if isinstance(call.func, ast.Attribute) and call.func.attr == "from_template" else call.func
    if not _word(owner).startswith("Human") or not call.args or not isinstance(call.args[0], ast.Constant) \
            or not isinstance(call.args[0].value, str):
        return None
    return call.args[0].value


def _messages(call: ast.Call) -> list | None:
    for k in call.keywords:
        if k.arg == "messages" and isinstance(k.value, (ast.List, ast.Tuple)):
            return k.value.elts
    if call.args and isinstance(call.args[0], (ast.List, ast.Tuple)):
        return call.args[0].elts
    return None


def turn_input(seg: Segment, prompt: Prompt | None, name: str) -> int | None:
    """The line of the human message template a variable of a Python prompt also fills after a history
    placeholder of the same chat template (see the module docstring), when the prompt's text is written in
    a message before that placeholder; else None."""
    if prompt is None or not prompt.path or not prompt.path.lower().endswith((".py", ".pyw")) or not seg.line \
            or not name.isidentifier():
        return None
    from .dataflow.python_file import _py_file
    from .volatility import _stamp

    f = _py_file(prompt.path, _stamp(prompt.path))
    if f is None:
        return None
    values = {}  # names bound at the module's top level -> their values
    for stmt in f.tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            values[stmt.targets[0].id] = stmt.value
    for call in ast.walk(f.tree):
        if not (isinstance(call, ast.Call) and _word(call.func) in ("ChatPromptTemplate", "from_messages")):
            continue
        messages = _messages(call) or []
        history = next((i for i, m in enumerate(messages)
                        if isinstance(m, ast.Call) and _word(m.func) == "MessagesPlaceholder"), None)
        if history is None or history + 1 >= len(messages):
            continue
        last = _human_text(messages[-1])
        if last is None or name not in _FIELD.findall(last):
            continue
        if any(_writes(m, seg.line, values) for m in messages[:history]):
            return messages[-1].lineno
    return None


def _writes(node: ast.AST, line: int, values: dict, seen: set | None = None) -> bool:
    """Whether a message's expression holds the text written at ``line``: a string literal spanning it, or a
    module-level name whose value does (``_DEFAULT_TEMPLATE = (_DEFAULT_TEMPLATE_EN if ... else
    _DEFAULT_TEMPLATE_ZH)``, ``PROMPT_SCENE_DEFINE + _DEFAULT_TEMPLATE``)."""
    seen = set() if seen is None else seen
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.lineno <= line <= (n.end_lineno or n.lineno):
            return True
        if isinstance(n, ast.Name) and n.id in values and n.id not in seen:
            seen.add(n.id)
            if _writes(values[n.id], line, values, seen):
                return True
    return False

"""Where the project's Python code puts the text of a template file (issue 12, PC101 "where the prompt
sits"): a template file that every fill in the scan's code renders into a turn added to the conversation
is no head.  Once added, a turn is fixed: later requests read it from the cache with the rest of the
history, so nothing it holds costs cache, as in the final user turn.

A fill's text (or a value built on it: ``+``, an f-string, a message object, another template it is
rendered into) is a turn when it is

* handed to a call whose name says it adds to the history: a verb (add, append, push, insert, save,
  store, record) with ``hist``/``history``/``message``/``msg``/``turn`` as the name's first or last word,
  the thing added to (agent-zero's ``self.hist_add_message(True, content=content)``,
  ``hist_add_warning(message=...)``, ``append_to_history``; not parlant's ``_add_history_section``, a
  section about the history added to a prompt), or ``append``/
  ``extend``/``insert`` on a list named for the conversation (``messages.append({...})``);
* or returned by a tool: the entry method (``execute``, ``run``, ``_run``, ``arun``, ``__call__``,
  ``invoke``, ``forward``) of a class whose base names a tool (``class CodeExecution(Tool)``), directly
  or through the methods of its file that return it (up to four calls deep).  A tool's result goes back
  to the model as a tool message after the call that asked for it (OpenAI role ``tool``, Anthropic
  ``tool_result``).

Log and print calls, tests of the value and ``len`` are no use of its text.  None when a fill sends it
anywhere else, or the code does not say.
"""

from __future__ import annotations

import ast
import os
import re

from .model import Prompt

_ADD_VERBS = {"add", "append", "push", "insert", "save", "store", "record"}
_HISTORY_NOUNS = {"hist", "history", "message", "messages", "msg", "msgs", "turn", "turns"}
_LIST_GROW = {"append", "extend", "insert", "appendleft"}
_TOOL_ENTRIES = {"execute", "run", "_run", "arun", "_arun", "__call__", "invoke", "forward"}
_PRESENTING = {"str", "dedent", "strip", "format", "render", "read_prompt", "parse_prompt"}
_HOPS = 4  # functions of the file a returned text is followed through (tool entry <- helper <- helper ...)
_QUIET = re.compile(r"(?i)log|print|debug|warn|info|stream|update")


def py_file_position(prompt: Prompt, index) -> str | None:
    """``final-turn`` when every fill of the template file ``prompt`` in the scan's Python code adds its
    text to the conversation as a turn (see the module docstring), else None."""
    from .crossflow.index import _IDENT, PY_EXTENSIONS
    from .crossflow.sites import _py_fills

    if index is None or not prompt.path or prompt.container or prompt.path.lower().endswith(PY_EXTENSIONS):
        return None
    home = os.path.abspath(prompt.path)
    chunks = _IDENT.findall(os.path.basename(home).split(".", 1)[0])
    if not chunks:
        return None
    name = max(chunks, key=len)  # the same fill sites py_fill_class reads, computed once per scan
    sites = index.memo(("fills", home, name, None), lambda: _py_fills(index, home, name, False, True, None))
    if not sites:
        return None
    for f, _path, node, scope in sites:
        if not _Flow(f).to_history(scope, node, _HOPS):
            return None
    return "final-turn"


def _name_words(node: ast.AST) -> list[str]:
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return [w for w in re.split(r"_+|(?<=[a-z])(?=[A-Z])", name) if w]


class _Flow:
    def __init__(self, f):
        from .oneshot import _parents

        self.f, self.parents = f, _parents(f)
        self.following: set[tuple[int, str]] = set()

    def to_history(self, scope, node: ast.AST, hops: int) -> bool:
        """Every use of the value ``node`` adds it to the conversation (or returns it from a tool)."""
        n = node
        while True:
            up = self.parents.get(id(n))
            if up is None:
                return False
            if isinstance(up, (ast.Await, ast.JoinedStr, ast.FormattedValue, ast.Dict, ast.keyword, ast.Tuple)) \
                    or isinstance(up, ast.BinOp) and isinstance(up.op, ast.Add):
                n = up
                continue
            if isinstance(up, ast.Call) and n is not up.func:
                if _adds_to_history(up):
                    return True
                if _presents(up):  # Response(message=text), read_prompt("fw.code.info.md", info=text)
                    n = up
                    continue
                return False
            if isinstance(up, ast.Return):
                return self._returned(scope, hops)
            if isinstance(up, (ast.Assign, ast.AnnAssign)) and up.value is n:
                target = up.targets[0] if isinstance(up, ast.Assign) and len(up.targets) == 1 else \
                    up.target if isinstance(up, ast.AnnAssign) else None
                if isinstance(target, ast.Name):
                    return self._name(scope, target.id, up, hops)
            return False

    def _name(self, scope, name: str, bound: ast.AST, hops: int) -> bool:
        from .dataflow.python_file import _own_nodes

        key = (id(scope.node), name)
        if key in self.following:
            return True  # response = output + response: the other reads decide
        self.following.add(key)
        reads = [n for n in _own_nodes(scope.node) if isinstance(n, ast.Name) and n.id == name
                 and isinstance(n.ctx, ast.Load) and n.lineno >= bound.lineno and n is not bound]
        used = [r for r in reads if not self._quiet(r)]
        return bool(used) and all(self.to_history(scope, r, hops) for r in used)

    def _quiet(self, ref: ast.AST) -> bool:
        """A read that is no use of the text: a test, ``len``, a log or print call."""
        n = ref
        while True:
            up = self.parents.get(id(n))
            if up is None or isinstance(up, ast.stmt) and not isinstance(up, (ast.If, ast.While, ast.Expr)):
                return False
            if isinstance(up, (ast.If, ast.While, ast.IfExp)) and up.test is n \
                    or isinstance(up, (ast.UnaryOp, ast.Compare, ast.BoolOp)):
                return True
            if isinstance(up, ast.Call) and n is not up.func:
                fn = up.func
                if isinstance(fn, ast.Name) and fn.id in ("len", "print", "bool"):
                    return True
                chain = ast.unparse(fn)
                return bool(_QUIET.search(chain)) and not _adds_to_history(up)
            if isinstance(up, ast.stmt):
                return False
            n = up

    def _discarded(self, call: ast.Call) -> bool:
        """``await self.reset_terminal()`` as a statement: its result is no use of the text."""
        up = self.parents.get(id(call))
        if isinstance(up, ast.Await):
            up = self.parents.get(id(up))
        return isinstance(up, ast.Expr)

    def _returned(self, scope, hops: int) -> bool:
        fn = scope.node
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        if fn.name in _TOOL_ENTRIES and _in_tool_class(self.f.tree, fn):
            return True
        if hops <= 0:
            return False
        calls = [(s, n) for s in [self.f.module, *self.f.scopes] for n in _calls_in(s)
                 if _calls_function(n, fn.name) and not self._discarded(n)]
        return bool(calls) and all(self.to_history(s, n, hops - 1) for s, n in calls)


def _calls_in(scope):
    from .dataflow.python_file import _own_nodes

    return [n for n in _own_nodes(scope.node) if isinstance(n, ast.Call)]


def _calls_function(call: ast.Call, name: str) -> bool:
    fn = call.func
    return isinstance(fn, ast.Name) and fn.id == name or isinstance(fn, ast.Attribute) and fn.attr == name \
        and isinstance(fn.value, ast.Name) and fn.value.id in ("self", "cls")


def _adds_to_history(call: ast.Call) -> bool:
    fn = call.func
    words = [w.lower() for w in _name_words(fn)]
    if set(words) & _ADD_VERBS and words and (words[-1] in _HISTORY_NOUNS or words[0] in _HISTORY_NOUNS):
        # the history noun is what is added to (its last word: add_user_message, append_to_history) or whose
        # adding it is (its first: hist_add_message); a noun that qualifies another (add_history_section:
        # a section, about the history, added to a prompt) is not
        return True
    if isinstance(fn, ast.Attribute) and fn.attr in _LIST_GROW:
        from .crossflow.values import _CONVERSATION

        owner = [w.lower() for w in _name_words(fn.value)]
        return bool(owner) and owner[-1] in _CONVERSATION  # messages.append({...}), self.history.append(...)
    return False


def _presents(call: ast.Call) -> bool:
    """A call whose result holds its arguments' text: a message or response object (a CapWords
    constructor, ``dict``), a template filled with it, ``str``/``dedent``."""
    fn = call.func
    name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
    return name[:1].isupper() or name in _PRESENTING or name == "dict"


def _in_tool_class(tree: ast.Module, fn: ast.AST) -> bool:
    for cls in ast.walk(tree):
        if isinstance(cls, ast.ClassDef) and fn in cls.body:
            return any((b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else "")
                       .lower().endswith("tool") for b in cls.bases)
    return False

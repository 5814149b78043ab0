"""Where the project's Python code sends the text of a prompt it keeps elsewhere (issue 12, PC101 "where
the prompt sits"): a template constant imported by another module (QAnything's ``SYSTEM``, filled in
``local_doc_qa.py`` with ``.replace``), a template under a key of a data file (PromptWizard's
``prompt_pool.yaml:eval_prompt``, filled with ``self.prompt_pool.eval_prompt.format(...)``), a template file.

From each place the code holds the text (a read of the constant, a fill of the template), the value is
followed forward, as it is written, through

* locals (``final_prompt = T.format(...)``: every later read, up to the next binding of the name), string
  methods called on it (``.replace``, ``.strip``) and templates filled with it
  (``PROMPT_TEMPLATE.replace("{{system}}", system_prompt)``), ``+`` and f-strings;
* calls of the project's own functions (a helper): the argument is bound to its parameter (by keyword or
  position) and followed inside every function of the scan so named that takes it (an abstract method, a
  body of ``pass``/``...``/a docstring, sends nothing and is skipped); a helper that returns a text built
  from it (``generate_prompt(..., prompt_template)``) hands it back to the caller, where it is followed on
  (up to ``HOPS`` helpers deep);

* a builder's sections (parlant's ``PromptBuilder``): a text handed to a record's constructor that the object
  keeps in a container of its own (``self.sections[name] = PromptSection(template=template, props=props)``),
  a value gathered in a local dict for that call (``props["note"] = note``, ``props={"shots": text}``), goes
  where the class's joining method sends its result (``build()``, which reads the container and the field
  back and returns the joined text), followed from each call of it; a class constant is read as
  ``self.NAME`` in its class's methods;

to the request that carries it.  The place of its message in that request decides
(``oneshot._place``/``_appended``): the only message of a message list written for one call is the *whole*
request; its last message, a user's, is the *final turn* (PromptWizard's ``chat_completion(user_prompt,
system_prompt)`` builds ``[{"role": "system", ...}, {"role": "user", "content": user_prompt}]``); a message
appended to a list the function sends after the history it holds is the newest turn (QAnything's
``generatorAnswer(prompt, history)``: ``messages.append({"role": "user", "content": prompt})`` after the
history pairs).  A turn, once sent, is fixed: later requests read it from the cache with the rest of the
history, so nothing it holds costs cache.  The text-completion shapes send it whole too: LlamaIndex's
``complete``, a call given both ``model=`` and ``prompt=`` (Ollama's ``generate``), Gemini's
``generate_content(contents=text)``, a JSON body ``{"prompt": text}`` posted to an endpoint.  A text sent
whole at some places and as the last message at others is priced whole (nothing follows it anywhere).

Reads that send nothing are left out: a log or print call, a measure of the text (``len``, a token count:
``num_tokens(prompt)``), a value stored on an object or in a container (``answer.prompt = prompt``), a
text written out (``prompt_file.write(prompt)``), a result discarded.  Every other read must reach a request the code shows, and all must agree; else None
(a call outside the project, such as ``llm.invoke(prompt)``, says nothing about the messages it builds).
"""

from __future__ import annotations

import ast
import os
import re

from .model import Prompt

HOPS = 6  # helper functions a value is followed through
UNKNOWN = "?"
RETURNED = "returned"
_STR_METHODS = {"replace", "format", "format_map", "strip", "lstrip", "rstrip", "expandtabs", "substitute",
                "safe_substitute", "render", "join", "lower", "upper", "casefold", "removeprefix", "removesuffix"}
_LOGS = re.compile(r"(?i)(?:^|[._])(?:log\w*|logger|logging|print|debug|info|warn\w*|error|exception|critical)$")
# a call whose name says it measures the text (a length or a token count), not a use of its words
_MEASURES = re.compile(r"(?i)^(?:len|count\w*|\w*_count|num_tokens\w*|\w*token_count\w*|\w*count_tokens\w*|"
                       r"\w*_len|\w*_length|get_num_tokens\w*)$")
_TRIVIAL = (ast.Pass, ast.Raise)
_LIST_GROW = {"append", "extend", "insert"}
# LlamaIndex's text completion (``LLM.complete``, documented: a prompt in, a completion out)
_COMPLETES = {"complete", "acomplete", "stream_complete", "astream_complete"}
# Gemini's ``generate_content(contents=...)``: a text given as the whole ``contents`` is "converted to a single
# user content" (google-genai's ``ContentListUnion``): one message, the entire request
_GENERATES_CONTENT = {"generate_content", "generate_content_stream"}
# Writing the text out (a file, a stream) stores it: nothing is sent to a model from there
_WRITES = {"write", "writelines", "write_text"}


def project_position(prompt: Prompt, index) -> str | None:
    """``whole`` / ``final-turn`` when every place of the project's Python code that holds ``prompt``'s
    text sends it there (see the module docstring), else None."""
    if index is None or not prompt.path:
        return None
    sites = _sites(prompt, index)
    if not sites:
        return None
    flow = _Flow(index)
    got: set[str] = set()
    for f, node in sites:
        got |= flow.place(f, node, HOPS)
        if UNKNOWN in got or RETURNED in got:
            return None
    if got == {"whole", "final-turn"}:
        # sent alone at some places and as the last message at others: nothing follows it anywhere; priced
        # as a whole request, the costlier of the two
        return "whole"
    return got.pop() if len(got) == 1 else None


def _sites(prompt: Prompt, index) -> list[tuple[object, ast.AST]]:
    """(file, node) where the code holds the prompt's text: the fills the scan links to it
    (``crossflow.fill_sites``), and, for a constant of a Python module, the reads of it in the functions
    of the project's Python files (the module itself, the modules importing the name)."""
    from .crossflow.index import MAX_SITES, PY_EXTENSIONS
    from .crossflow.sites import fill_sites

    out = []
    home = os.path.abspath(prompt.path)
    if home.lower().endswith(PY_EXTENSIONS):
        own = _own_literal(prompt, index)
        if own is not None:
            return [own]
        parts = (prompt.container or "").split(".")
        if len(parts) == 2:
            return _class_reads(index, home, *parts)
        name = parts[-1] if len(parts) == 1 else ""  # a module-level constant
        if not name.isidentifier():
            return []
        for path, f in index.py_mentioning(name):
            if not (path == home or name in _from_imported(index, path, f)):
                continue
            # each file's reads are indexed once per scan, not walked again for every constant it mentions
            reads = index.memo(("py-function-reads", path), lambda: _function_reads(f))
            out += [(f, n) for n in reads.get(name, ())]
            if len(out) >= MAX_SITES:
                break
        return out[:MAX_SITES]
    key = re.sub(r"\[.*$", "", (prompt.container or "").rsplit(".", 1)[-1])
    for f, _path, node, _scope in fill_sites(prompt, index) or []:
        if not key or _names_key(node, key):  # a fill of this key, not the line naming its data file
            out.append((f, node))
    return out


def _class_reads(index, home: str, cls: str, name: str) -> list[tuple[object, ast.AST]]:
    """The reads of a class-level constant in its class's methods, ``self.NAME``, ``cls.NAME`` or
    ``Class.NAME`` (parlant's ``PromptBuilder._INTERACTION_BODY``, read as ``template = self._INTERACTION_BODY``)."""
    from .crossflow.index import MAX_SITES

    f = index.py(home)
    if f is None or not cls.isidentifier() or not name.isidentifier():
        return []
    out = []
    for c in ast.walk(f.tree):
        if not (isinstance(c, ast.ClassDef) and c.name == cls):
            continue
        for n in ast.walk(c):
            if isinstance(n, ast.Attribute) and n.attr == name and isinstance(n.ctx, ast.Load) \
                    and isinstance(n.value, ast.Name) and n.value.id in ("self", "cls", cls) \
                    and f.scope_at(n.lineno).parent is not None:
                out.append((f, n))
    return out[:MAX_SITES]


def _own_literal(prompt: Prompt, index) -> tuple[object, ast.AST] | None:
    """(file, node) of the string literal or f-string that writes a prompt with variables inside a function
    of its Python file (its first segment's line and column): the code holds the text there, so it is
    followed from there (to the locals, helpers and callers it reaches).  None for a module-level text,
    whose readers are found by its name."""
    if not prompt.variables:
        # a text with no variable is placed by the role its source reports: sent in a message list handed
        # to a conversation object (pipecat's LLMContext(messages)), it would be taken for a one-shot call
        return None
    first = next((s for s in prompt.segments if s.line), None)
    f = index.py(os.path.abspath(prompt.path)) if first is not None else None
    if f is None:
        return None
    from .oneshot import _parents

    parents = _parents(f)
    found = []
    for n in ast.walk(f.tree):
        if (isinstance(n, ast.JoinedStr) or isinstance(n, ast.Constant) and isinstance(n.value, str)) \
                and n.lineno <= first.line <= (n.end_lineno or n.lineno) \
                and not isinstance(parents.get(id(n)), (ast.JoinedStr, ast.FormattedValue)):
            found.append(n)
    if not found:
        return None
    # the innermost literal holding the line; on one line, the one starting nearest before the column
    found.sort(key=lambda n: ((n.end_lineno or n.lineno) - n.lineno,
                              0 if n.lineno < first.line or n.col_offset < first.column else 1,
                              -n.col_offset if n.lineno == first.line else 0))
    node = found[0]
    if f.scope_at(node.lineno).parent is None:
        return None
    return f, node


def _names_key(node: ast.AST, key: str) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == key or isinstance(n, ast.Subscript)
               and isinstance(n.slice, ast.Constant) and n.slice.value == key for n in ast.walk(node))


def _from_imported(index, path: str, f) -> frozenset[str]:
    """The names module ``f`` takes with ``from ... import name`` (not renamed), read once per scan."""
    from .crossflow.links import _import_nodes

    def names() -> frozenset[str]:
        imports = index.memo(("py-imports", path), lambda: _import_nodes(f.tree))  # shared with crossflow
        return frozenset(a.name for n in imports if isinstance(n, ast.ImportFrom) for a in n.names if a.asname is None)

    return index.memo(("py-from-imported", path), names)


def _function_reads(f) -> dict[str, list[ast.Name]]:
    """Every name read inside a function or method of file ``f``, with its nodes in ``ast.walk`` order."""
    reads: dict[str, list[ast.Name]] = {}
    for n in ast.walk(f.tree):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and f.scope_at(n.lineno).parent is not None:
            reads.setdefault(n.id, []).append(n)
    return reads


def _call_name(fn: ast.AST) -> str:
    return fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""


class _Flow:
    def __init__(self, index):
        self.index = index
        self.callee: dict[tuple, set[str]] = {}
        self._following: set[tuple] = set()

    def place(self, f, node: ast.AST, hops: int, in_callee: bool = False) -> set[str]:
        """Where the value ``node`` of file ``f`` is sent: a set of places (``whole``, ``final-turn``),
        ``RETURNED`` (from a helper followed into), ``UNKNOWN``; empty when nothing sends it."""
        from .oneshot import _appended, _is_message, _parents, _sent_once

        parents = _parents(f)
        if _quiet(parents, node):
            return set()
        n = node
        while True:
            up = parents.get(id(n))
            if up is None:
                return {UNKNOWN}
            if isinstance(up, (ast.Await, ast.JoinedStr, ast.FormattedValue, ast.BoolOp)) \
                    or isinstance(up, ast.BinOp) and isinstance(up.op, ast.Add) \
                    or isinstance(up, ast.IfExp) and n is not up.test \
                    or isinstance(up, (ast.GeneratorExp, ast.ListComp)) and n is up.elt \
                    or isinstance(up, ast.Subscript) and up.value is n and isinstance(up.ctx, ast.Load):
                n = up  # custom or DEFAULT, texts[:3], texts[0]: still the text (or the list of texts)
                continue
            if isinstance(up, (ast.Compare, ast.UnaryOp)) or isinstance(up, (ast.If, ast.While, ast.IfExp,
                                                                             ast.Assert)) and n is up.test:
                return set()  # a test of the value (best == current, "x" in text, if text:): no use of its words
            if isinstance(up, (ast.For, ast.AsyncFor)) and n is up.iter:
                if isinstance(up.target, ast.Name):  # for variation in variations: each item in turn
                    return self._local(f, up.target.id, up, hops, in_callee)
                return {UNKNOWN}
            if isinstance(up, ast.Dict) and _completion_body(parents, up, n):
                return {"whole"}
            if isinstance(up, ast.Dict) and _agent_query(parents, up, n):
                return {"final-turn"}
            if isinstance(up, ast.Dict) and n in up.values and isinstance(parents.get(id(up)), (ast.keyword, ast.Call)) \
                    and not any(isinstance(k, ast.Constant) and k.value == "role" for k in up.keys):
                n = up  # props={"formatted_shots": text}: a value of the mapping handed to the call, as the text is
                continue
            if isinstance(up, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "role" for k in up.keys) \
                    or isinstance(up, ast.keyword) and isinstance(parents.get(id(up)), ast.Call) \
                    and _is_message(parents[id(up)]):
                if _appended(parents, n, f):
                    return {"final-turn"}
                where: list = []
                line = _sent_once(f, parents, n, where=where)
                if line is not None and where and where[0]:
                    return {where[0]}
                given = _messages_input(parents, _message_of(parents, n))
                if given:
                    return {given}
                ret = parents.get(id(_message_of(parents, n)))
                if isinstance(ret, ast.Return):  # return {"role": "developer", "content": f"..."}: the callers place it
                    return {RETURNED} if in_callee else self._callers(f, ret, hops)
                return {UNKNOWN}
            if isinstance(up, ast.Attribute) and up.value is n:
                call = parents.get(id(up))
                if isinstance(call, ast.Call) and call.func is up and up.attr in _STR_METHODS:
                    n = call  # T.replace("{{a}}", a).replace(...): still the text
                    continue
                if isinstance(call, ast.Call) and call.func is up and up.attr in _LIST_GROW:
                    return set()  # the list of texts grows: nothing sent from here
                return {UNKNOWN}
            if isinstance(up, ast.keyword):
                call = parents.get(id(up))
                if isinstance(call, ast.Call):
                    return self._argument(f, call, up.arg, None, n, hops, in_callee)
                return {UNKNOWN}
            if isinstance(up, ast.Call):
                if n is up.func:
                    return {UNKNOWN}
                return self._argument(f, up, None, up.args.index(n) if n in up.args else None, n, hops, in_callee)
            if isinstance(up, ast.Return):
                return {RETURNED} if in_callee else self._callers(f, up, hops)
            if isinstance(up, ast.AugAssign) and up.value is n and isinstance(up.op, ast.Add) \
                    and isinstance(up.target, ast.Name):  # example_string += T.format(...): part of that text
                return self._local(f, up.target.id, up, hops, in_callee)
            if isinstance(up, (ast.Assign, ast.AnnAssign)) and up.value is n:
                targets = up.targets if isinstance(up, ast.Assign) else [up.target]
                if all(isinstance(t, (ast.Attribute, ast.Subscript)) for t in targets):
                    gathered = _gathered_in(f, targets)
                    if gathered:  # props["note"] = note: a value of the dict this function builds for a call
                        return self._local(f, gathered, up, hops, in_callee)
                    return set()  # stored on an object or in a container: kept, not sent from here
                if len(targets) == 1 and isinstance(targets[0], ast.Name):
                    return self._local(f, targets[0].id, up, hops, in_callee)
                return {UNKNOWN}
            if isinstance(up, (ast.List, ast.Tuple)):
                lst = parents.get(id(up))
                if isinstance(lst, (ast.Assign, ast.AnnAssign)) and all(
                        isinstance(t, (ast.Attribute, ast.Subscript))
                        for t in (lst.targets if isinstance(lst, ast.Assign) else [lst.target])):
                    return set()  # history[-1] = [prompt, answer]: kept
                if isinstance(up, ast.List) and isinstance(lst, (ast.Assign, ast.AnnAssign)) and lst.value is up:
                    targets = lst.targets if isinstance(lst, ast.Assign) else [lst.target]
                    if len(targets) == 1 and isinstance(targets[0], ast.Name):  # parts = [intro, text]
                        return self._local(f, targets[0].id, lst, hops, in_callee)
                if isinstance(up, ast.List) and isinstance(lst, ast.Call) and up in lst.args:
                    n = up  # parts.extend([a, text]): an argument of the call, as the text is
                    continue
                return {UNKNOWN}
            if isinstance(up, ast.Expr):
                return set()  # a result nobody reads
            return {UNKNOWN}

    def _local(self, f, name: str, bound: ast.AST, hops: int, in_callee: bool) -> set[str]:
        """The reads of a local bound at ``bound``, up to its next binding."""
        from .dataflow.python_file import _own_nodes

        from .oneshot import _parents

        scope = f.scope_at(bound.lineno)
        if scope.parent is None:
            return {UNKNOWN}  # a module-level name: read by whoever imports it
        parents = _parents(f)
        own = list(_own_nodes(scope.node))
        rebinds = sorted(n.lineno for n in own if isinstance(n, ast.Name) and n.id == name
                         and isinstance(n.ctx, ast.Store) and n.lineno > bound.lineno
                         and not _exclusive(parents, bound, n) and not _extended(parents, n))
        end = rebinds[0] if rebinds else 10 ** 9
        # a read inside the binding statement itself (x = (\n x or default\n)) is the old value, not this one
        after = (bound.end_lineno, bound.end_col_offset) if isinstance(
            bound, (ast.Assign, ast.AnnAssign, ast.AugAssign)) else (bound.lineno, 0)
        reads = [n for n in own if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
                 and bound.lineno < n.lineno <= end and (n.lineno, n.col_offset) >= after
                 and not _exclusive(parents, bound, n)]
        if not reads:
            return set()
        key = (id(f), id(bound), name)
        if key in self._following:  # a cycle of bindings (a loop that feeds a name back to itself)
            return set()
        self._following.add(key)
        out: set[str] = set()
        try:
            for r in reads:
                out |= self.place(f, r, hops, in_callee)
                if UNKNOWN in out:
                    break
        finally:
            self._following.discard(key)
        return out

    def _argument(self, f, call: ast.Call, keyword: str | None, position: int | None, n: ast.AST, hops: int,
                  in_callee: bool) -> set[str]:
        """A value handed to a call: a template filled with it, a history adder, or a helper of the
        project followed inside."""
        from .placement_py import _adds_to_history, _presents

        if _adds_to_history(call) or _hf_chat_query(call, keyword, position):
            return {"final-turn"}
        name = _call_name(call.func)
        if isinstance(call.func, ast.Attribute) and name in _WRITES:
            return set()  # prompt_file.write(prompt): kept in a file, not sent
        if _completion(call, keyword, position):
            return {"whole"}
        if isinstance(call.func, ast.Attribute) and name in _LIST_GROW and isinstance(call.func.value, ast.Name):
            # variations.append(text): the local list of texts holds it; its reads decide
            return self._local(f, call.func.value.id, call, hops, in_callee)
        joins = _joined_by(f, call, keyword)
        if joins:  # a section kept on a builder: placed where the text its joining method returns goes
            out: set[str] = set()
            for ret in joins:
                out |= self._callers(f, ret, hops)
                if UNKNOWN in out:
                    break
            return out
        if keyword and name[:1].isupper() and hops > 0:
            reads = self._field_reads(name, keyword)
            if reads:  # Reflexion(evaluation_template="..."): the text goes where the class's methods send the field
                out = set()
                for g, node in reads:
                    out |= self.place(g, node, hops - 1)
                    if UNKNOWN in out:
                        break
                return out
        if _presents(call) or name in _STR_METHODS:  # PROMPT_TEMPLATE.replace("{{system}}", text), str(text)
            return self.place(f, call, hops, in_callee)
        if hops <= 0 or not name or keyword is None and position is None:
            return {UNKNOWN}
        defs = self._defs(f, call, name)
        if not defs:
            return {UNKNOWN}
        out: set[str] = set()
        taken = False
        for cf, fn in defs:
            param = _param(fn, call, keyword, position)
            if param is None:
                continue
            taken = True
            key = (id(cf), fn.lineno, param)
            if key not in self.callee:
                self.callee[key] = {UNKNOWN}  # recursion: unknown until computed
                self.callee[key] = self._param_place(cf, fn, param, hops - 1)
            got = set(self.callee[key])
            if RETURNED in got:  # the helper returns a text built from it: on with the call's value
                got.discard(RETURNED)
                got |= self.place(f, call, hops - 1, in_callee)
            out |= got
        return out if taken else {UNKNOWN}  # a helper that only counts or logs it sends nothing

    def _callers(self, f, ret: ast.Return, hops: int) -> set[str]:
        """A value a function returns: where each call of the function in the project's Python code
        sends it (``variations.append(self.add_examples(prompt))``)."""
        scope = f.scope_at(ret.lineno)
        fn = scope.node
        if scope.parent is None or not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) or hops <= 0:
            return {UNKNOWN}
        key = ("callers", id(f), fn.lineno)
        if key not in self.callee:
            self.callee[key] = {UNKNOWN}  # recursion: unknown until computed
            calls = _calls_of(self.index, f, fn)
            out: set[str] = set() if calls else {UNKNOWN}  # no caller in the scan: called from outside
            for g, call in calls:
                out |= self.place(g, call, hops - 1)
                if UNKNOWN in out:
                    break
            self.callee[key] = out
        return set(self.callee[key])

    def _param_place(self, f, fn: ast.AST, param: str, hops: int) -> set[str]:
        from .dataflow.python_file import _own_nodes

        scope = next((s for s in f.scopes if s.node is fn), None)
        if scope is None:
            return {UNKNOWN}
        own = list(_own_nodes(fn)) + _closure_nodes(fn, param)
        stores = sorted(n.lineno for n in own if isinstance(n, ast.Name) and n.id == param
                        and isinstance(n.ctx, ast.Store))
        end = stores[0] if stores else 10 ** 9
        reads = [n for n in own if isinstance(n, ast.Name) and n.id == param and isinstance(n.ctx, ast.Load)
                 and n.lineno <= end]
        out: set[str] = set()
        for r in reads:
            out |= self.place(f, r, hops, True)
            if UNKNOWN in out:
                break
        return out

    def _field_reads(self, cls: str, field: str) -> list[tuple[object, ast.AST]]:
        """The reads ``self.<field>`` in the methods of the project's class ``cls`` when its body declares
        ``field`` (a dataclass's or a pydantic model's field, ``evaluation_template: str = Field(default=...)``):
        a value given to the constructor under that keyword is the one those reads see."""
        out = []
        for path, g in self.index.py_mentioning(cls):
            for c in g.tree.body:
                if isinstance(c, ast.ClassDef) and c.name == cls and any(
                        isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.target.id == field
                        or isinstance(st, ast.Assign) and any(isinstance(t, ast.Name) and t.id == field for t in st.targets)
                        for st in c.body):
                    out += _class_reads(self.index, path, cls, field)
        return out

    def _defs(self, f, call: ast.Call, name: str) -> list[tuple[object, ast.AST]]:
        """The functions of the scan a call may run: ``self.m(...)`` the methods ``m`` of its file, else every
        ``def name`` of the project's Python files; bodies that do nothing left out."""
        fn = call.func
        files = [f] if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name) \
            and fn.value.id in ("self", "cls") else []
        if not files or not _defined_in(f, name):
            files = [g for g in (self.index.py(p) for p in self.index.defining(name)) if g is not None]
        out = []
        for g in files:
            for s in g.scopes:
                if isinstance(s.node, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.node.name == name \
                        and not _does_nothing(s.node):
                    out.append((g, s.node))
        return out


def _extended(parents: dict, target: ast.Name) -> bool:
    """``template += "{last_event_note}\n"``: literal text appended to a template being written, which stays
    the start of the name's new value (a value joined in, ``prompt += "Keywords: " + keywords``, makes
    another text: the name is bound anew)."""
    up = parents.get(id(target))
    return isinstance(up, ast.AugAssign) and up.target is target and isinstance(up.op, ast.Add) \
        and (isinstance(up.value, ast.JoinedStr) or isinstance(up.value, ast.Constant) and isinstance(up.value.value, str))


def _gathered_in(f, targets: list) -> str | None:
    """``props["note"] = note``: the name of a local dict, made in this function by a dict display
    (``props: dict[str, Any] = {...}``), that the value is stored in; the dict's own reads then decide where
    the value goes (handed as ``props=props`` to the call it is gathered for)."""
    if len(targets) != 1 or not isinstance(targets[0], ast.Subscript) or not isinstance(targets[0].value, ast.Name):
        return None
    name = targets[0].value.id
    scope = f.scope_at(targets[0].lineno)
    if scope.parent is None or name in scope.params:
        return None
    values = scope.binds.get(name, [])
    return name if len(values) == 1 and isinstance(values[0], ast.Dict) else None


def _joined_by(f, call: ast.Call, keyword: str | None) -> list[ast.Return]:
    """A builder's section (parlant's ``PromptBuilder``): the text is handed under ``keyword`` to a record's
    constructor (``PromptSection(template=template, props=props)``) whose record the object keeps in a
    container of its own (``self.sections[name] = ...``, ``self.parts.append(...)``).  The text is sent
    where the object's joining method sends its result: a method of the same class that reads the container
    and the record's field back (``build``: ``for name, section in self.sections.items():
    buffer.write(section.template.format(**section.props))`` ... ``return prompt``).  The ``return``
    statements of those methods; empty when the code says none of this."""
    from .oneshot import _parents

    if keyword is None or not _call_name(call.func)[:1].isupper():
        return []
    parents = _parents(f)
    up = parents.get(id(call))
    kept = None
    if isinstance(up, ast.Assign) and up.value is call and len(up.targets) == 1 \
            and isinstance(up.targets[0], ast.Subscript):
        kept = up.targets[0].value  # self.sections[name] = PromptSection(...)
    elif isinstance(up, ast.Call) and call in up.args and isinstance(up.func, ast.Attribute) \
            and up.func.attr in _LIST_GROW:
        kept = up.func.value  # self.parts.append(Part(...))
    if not (isinstance(kept, ast.Attribute) and isinstance(kept.value, ast.Name) and kept.value.id == "self"):
        return []
    cls = up
    while cls is not None and not isinstance(cls, ast.ClassDef):
        cls = parents.get(id(cls))
    if cls is None:
        return []
    out: list[ast.Return] = []
    for fn in cls.body:
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) or any(
                _call_name(d.func if isinstance(d, ast.Call) else d) in ("property", "cached_property")
                for d in fn.decorator_list):
            continue  # a property is read, not called: a view of the records (``props``), not their join
        nodes = list(ast.walk(fn))
        reads_kept = any(isinstance(n, ast.Attribute) and n.attr == kept.attr and isinstance(n.ctx, ast.Load)
                         and isinstance(n.value, ast.Name) and n.value.id == "self" for n in nodes)
        reads_field = any(isinstance(n, ast.Attribute) and n.attr == keyword and isinstance(n.ctx, ast.Load)
                          and not (isinstance(n.value, ast.Name) and n.value.id == "self") for n in nodes)
        if reads_kept and reads_field:
            out += [n for n in nodes if isinstance(n, ast.Return) and n.value is not None]
    return out


def _messages_input(parents: dict, message: ast.AST) -> str | None:
    """The place of ``message`` when it is the last item of the list under the ``"messages"`` key of a
    mapping: the chat shape of a request body (OpenAI's ``{"model": ..., "messages": [...]}``, its messages
    in order) and of a LangGraph agent's input (``agent.astream({"messages": [...]})``: the ``add_messages``
    reducer appends them to the thread's messages, after the agent's own system prompt and the history).
    Either way nothing follows the last message: a user's is the final turn; the only message of a body
    that names its model is the whole request.  None for any other message."""
    from .oneshot import _role

    lst = parents.get(id(message))
    body = parents.get(id(lst))
    if isinstance(lst, ast.List) and lst.elts and lst.elts[-1] is message and isinstance(body, ast.BinOp) \
            and isinstance(body.op, ast.Add) and body.right is lst:
        # ``recorder.history_messages + [{"role": "user", "content": text}]``: the message goes after the list
        # before it, the last of the list made
        return "final-turn" if _role(message) in ("user", "human") else None
    if not (isinstance(lst, ast.List) and lst.elts and lst.elts[-1] is message and isinstance(body, ast.Dict)
            and any(v is lst and isinstance(k, ast.Constant) and k.value == "messages"
                    for k, v in zip(body.keys, body.values))):
        return None
    if len(lst.elts) == 1 and any(isinstance(k, ast.Constant) and k.value == "model" for k in body.keys):
        return "whole"
    return "final-turn" if _role(message) in ("user", "human") else None


def _agent_query(parents: dict, mapping: ast.Dict, value: ast.AST) -> bool:
    """``value`` is the ``query`` of the ``arguments`` an OxyGent agent is called with
    (``oxy_request.call(callee=self.worker_agent, arguments={"query": text})``): OxyGent's agents
    (``oxy/agents/chat_agent.py``, ``react_agent.py``) write their instruction as the system message, then the
    short memory, then ``Message.user_message(oxy_request.get_query())``, the ``query`` argument: the user turn
    of the callee's request, after which only that request's own steps follow."""
    kw = parents.get(id(mapping))
    call = parents.get(id(kw)) if isinstance(kw, ast.keyword) else None
    return isinstance(call, ast.Call) and kw.arg == "arguments" and _call_name(call.func) == "call" \
        and any(k.arg == "callee" for k in call.keywords) \
        and any(v is value and isinstance(k, ast.Constant) and k.value == "query"
                for k, v in zip(mapping.keys, mapping.values))


# The chat method of the Hugging Face models loaded with ``trust_remote_code`` (ChatGLM, InternLM, Qwen-1):
# ``response, history = model.chat(tokenizer, query, history=history)``, ``model.stream_chat(tokenizer, query,
# history)``, as their model cards document.  The model's own code builds the request from its system text
# (``meta_instruction``), the history pairs, then ``query`` as the last user turn.
_HF_CHATS = {"chat", "stream_chat"}


def _hf_chat_query(call: ast.Call, keyword: str | None, position: int | None) -> bool:
    """The text is the ``query`` of ``model.chat(tokenizer, query, ...)``: the final user turn."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr in _HF_CHATS and call.args):
        return False
    first = call.args[0]
    tokenizer = first.id if isinstance(first, ast.Name) else first.attr if isinstance(first, ast.Attribute) else ""
    return tokenizer.lower().endswith("tokenizer") and (position == 1 or keyword == "query")


def _message_of(parents: dict, node: ast.AST) -> ast.AST:
    """The message (a dict with a ``role``, a message object) that holds ``node`` as its content."""
    from .oneshot import _is_message

    n = node
    while True:
        up = parents.get(id(n))
        if isinstance(up, (ast.Dict, ast.keyword)) or isinstance(up, ast.Call) and _is_message(up) and n is not up.func:
            n = up
            continue
        return n


def _closure_nodes(fn: ast.AST, name: str) -> list[ast.AST]:
    """The nodes of the functions nested in ``fn`` that read its ``name`` as a closure (no parameter or
    binding of their own by that name): ``def process(case): prompt = prompt_template.format(...)``."""
    from .dataflow.python_file import _own_nodes

    out: list[ast.AST] = []
    for d in ast.walk(fn):
        if d is fn or not isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        a = d.args
        if name in [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]:
            continue
        nodes = list(_own_nodes(d))
        if not any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in nodes):
            out += nodes
    return out


def _completion(call: ast.Call, keyword: str | None, position: int | None) -> bool:
    """A text-completion call, whose prompt is the entire request (no messages, no history): LlamaIndex's
    ``llm.complete(prompt)`` / ``acomplete`` / ``stream_complete``, the legacy completions endpoint of OpenAI
    and Anthropic, ``client.completions.create(prompt=...)``, a call given both ``model=`` and ``prompt=``
    (Ollama's ``generate``), Gemini's ``generate_content`` given the text as its ``contents``."""
    fn = call.func
    if not isinstance(fn, ast.Attribute):
        return False
    if fn.attr in _COMPLETES:
        return position == 0 or keyword == "prompt"
    if fn.attr in _GENERATES_CONTENT:
        return position == 0 or keyword == "contents"
    if keyword == "messages":
        # the text itself handed as a request's messages (``llm.query_one(messages=prompt)``): it can only be
        # the one message of that request, the whole of it
        return True
    kws = {k.arg for k in call.keywords}
    if keyword == "prompt" and "model" in kws and "messages" not in kws:
        # one call that names the model and gives it the prompt: a completion request (Ollama's
        # ``client.generate(model=..., prompt=...)``, "generate a response for a given prompt")
        return True
    return fn.attr == "create" and keyword == "prompt" and isinstance(fn.value, ast.Attribute) \
        and fn.value.attr == "completions"


def _completion_body(parents: dict, body: ast.Dict, value: ast.AST) -> bool:
    """The text is the ``prompt`` of a JSON body posted to an HTTP endpoint (``client.post(url,
    json={"model": ..., "prompt": prompt})``): the text-completion shape of the model APIs (OpenAI's
    ``/v1/completions``, Ollama's ``/api/generate``, llama.cpp's ``/completion`` all take the whole input as
    ``prompt``, where a chat request takes ``messages``): one request, the whole of it."""
    if not any(v is value and isinstance(k, ast.Constant) and k.value == "prompt"
               for k, v in zip(body.keys, body.values)):
        return False
    if any(isinstance(k, ast.Constant) and k.value == "messages" for k in body.keys):
        return False
    kw = parents.get(id(body))
    call = parents.get(id(kw)) if isinstance(kw, ast.keyword) else None
    return isinstance(call, ast.Call) and kw.arg == "json" and _call_name(call.func) == "post"


def _calls_of(index, f, fn: ast.AST) -> list[tuple[object, ast.Call]]:
    """The calls of function ``fn`` (of file ``f``) in the project's Python code: ``name(...)`` in its own
    file or in a file importing the name, ``self.name(...)``/``cls.name(...)`` in its own file, and
    ``obj.name(...)`` anywhere when no other file defines a function of that name (the first
    ``MAX_SITES``)."""
    from .crossflow.index import MAX_SITES

    name = fn.name
    home = getattr(f, "path", None)
    unique = [p for p in index.defining(name)] == [home] if home else False
    out = []
    for path, g in index.py_mentioning(name):
        same = g is f
        imported = same or name in _from_imported(index, path, g)
        for n in index.memo(("py-calls", path), lambda: [c for c in ast.walk(g.tree) if isinstance(c, ast.Call)]):
            c = n.func
            if isinstance(c, ast.Name) and c.id == name and imported \
                    or isinstance(c, ast.Attribute) and c.attr == name and (
                        same and isinstance(c.value, ast.Name) and c.value.id in ("self", "cls") or unique):
                out.append((g, n))
        if len(out) >= MAX_SITES:
            break
    return out[:MAX_SITES]


def _exclusive(parents: dict, a: ast.AST, b: ast.AST) -> bool:
    """``a`` and ``b`` sit in different branches of one ``if``: one never runs after the other."""
    chain, n = {}, a
    while n is not None:
        up = parents.get(id(n))
        if up is not None:
            chain[id(up)] = n
        n = up
    n = b
    while n is not None:
        up = parents.get(id(n))
        if up is not None and id(up) in chain:
            if isinstance(up, (ast.If, ast.IfExp)):
                side_a = "body" if _in(up.body, chain[id(up)]) else "orelse" if _in(up.orelse, chain[id(up)]) else ""
                side_b = "body" if _in(up.body, n) else "orelse" if _in(up.orelse, n) else ""
                return bool(side_a and side_b) and side_a != side_b
            return False
        n = up
    return False


def _in(body, node: ast.AST) -> bool:
    return any(x is node for x in body) if isinstance(body, list) else body is node


def _defined_in(f, name: str) -> bool:
    return any(isinstance(s.node, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.node.name == name for s in f.scopes)


def _does_nothing(fn: ast.AST) -> bool:
    """An abstract method or a stub: a docstring, ``pass``, ``...``, ``raise NotImplementedError``."""
    body = [s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    return all(isinstance(s, _TRIVIAL) for s in body)


def _param(fn: ast.AST, call: ast.Call, keyword: str | None, position: int | None) -> str | None:
    a = fn.args
    positional = [x.arg for x in (*a.posonlyargs, *a.args)]
    if keyword is not None:
        return keyword if keyword in positional or keyword in [x.arg for x in a.kwonlyargs] else None
    if isinstance(call.func, ast.Attribute) and positional[:1] in (["self"], ["cls"]):
        positional = positional[1:]
    if any(isinstance(x, ast.Starred) for x in call.args[:position + 1]):
        return None
    return positional[position] if position < len(positional) else None


def _quiet(parents: dict, node: ast.AST) -> bool:
    """A read inside a log or print call or a measure of the text (``len``, a token count), up to its
    statement."""
    n = node
    while True:
        up = parents.get(id(n))
        if up is None or isinstance(up, ast.stmt):
            return False
        if isinstance(up, ast.Call) and n is not up.func:
            chain = ast.unparse(up.func)
            if _LOGS.search(chain) or _MEASURES.match(_call_name(up.func)):
                return True
        n = up

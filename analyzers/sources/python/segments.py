"""A found value evaluated to text and variable pieces, and the segments with their offsets in the file."""

from __future__ import annotations

import ast
import re

from ...model import Segment
from .. import python_literals as lit
from .found import _Scope
from .rebuilt import rebuilt_in_loop
from .rules import _MAX_DEPTH
from .syntax import _callee, _is_join, _strftime_format
from .texts import _cleandoc, _cut_at, _fields, _STRFTIME_RUN


class _Segments:
    """Expressions evaluated to text and variable pieces; segments and their offsets."""

    def _evaluate(self, node: ast.expr, scope: tuple, depth: int, whole: bool = True):
        """The pieces of a string expression and the syntax it implies, or (None, None).  ``whole``:
        a local's first value continues with what the function adds to it (``s += ...``)."""
        if depth > _MAX_DEPTH:
            return None, None
        steps = self._steps(node) if whole and not isinstance(node, (ast.List, ast.Tuple)) else []
        if any(kind == "add" for kind, _, _ in steps):
            base, syntax = self._evaluate(node, scope, depth, whole=False)
            if base is None:
                return None, None
            out = lit.Builder()
            out.extend(base)
            for kind, expr, cond in steps:
                if kind != "add":
                    continue
                pieces, s = (None, None) if cond else self._evaluate(expr, scope, depth + 1)
                out.extend(pieces if pieces is not None else [self._var(expr)])
                syntax = syntax or s
            return out.pieces, syntax
        if isinstance(node, (ast.Constant, ast.JoinedStr)):
            if isinstance(node, ast.Constant) and not isinstance(node.value, str):
                return None, None
            if self.approximate:
                return self._fallback(node), ("fstring" if isinstance(node, ast.JoinedStr) else None)
            a = self.offset(node.lineno, node.col_offset)
            b = self.offset(node.end_lineno, node.end_col_offset)
            pieces = lit.read_literals(self.text, a, b)
            self._check(node, pieces)
            if isinstance(node, ast.JoinedStr):
                return self._inline_constants(pieces, scope, depth), "fstring"
            return pieces, None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, ls = self._evaluate(node.left, scope, depth + 1)
            right, rs = self._evaluate(node.right, scope, depth + 1)
            left = left if left is not None else self._imported_operand(node.left, scope)
            right = right if right is not None else self._imported_operand(node.right, scope)
            if left is None and right is None:
                return None, None
            out = lit.Builder()
            out.extend(left if left is not None else [self._var(node.left)])
            out.extend(right if right is not None else [self._var(node.right)])
            return out.pieces, ls or rs
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            left, _ = self._evaluate(node.left, scope, depth + 1)
            return (None, None) if left is None else (_fields(left, "percent", self.path), "percent")
        if isinstance(node, ast.Call):
            f = node.func
            if depth == 0 and _strftime_format(node) is not None:
                inner, _ = self._evaluate(_strftime_format(node), scope, depth + 1)
                return (None, None) if inner is None else (self._strftime_fields(inner, f.value), "percent")
            if isinstance(f, ast.Attribute) and f.attr == "format":
                inner, _ = self._evaluate(f.value, scope, depth + 1)
                # "... {}.".format(self.symptoms) inside a longer text: the literal's fields are this call's arguments
                return (None, None) if inner is None else (
                    self._positional_fields(node, _fields(inner, "format", self.path)), "format")
            if isinstance(f, ast.Attribute) and f.attr in ("strip", "lstrip", "rstrip"):
                inner, s = self._evaluate(f.value, scope, depth + 1)
                chars = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
                if inner is None or (node.args and not isinstance(chars, str)):
                    return None, None
                return lit.strip(inner, f.attr, chars), s
            if _callee(node) == "dedent" and node.args:
                inner, s = self._evaluate(node.args[0], scope, depth + 1)
                return (None, None) if inner is None else (lit.dedent(inner), s)
            if _callee(node) == "cleandoc" and node.args:
                inner, s = self._evaluate(node.args[0], scope, depth + 1)
                return (None, None) if inner is None else (_cleandoc(inner), s)
            if _is_join(node):
                return self._joined(node, scope, depth)
            if depth > 0 and self.scopes.get(scope, self.scopes[()]).kind != "function" and self._wraps_prompt(node):
                return self._evaluate(node.args[0], scope, depth + 1)
            return None, None
        if isinstance(node, ast.Name) and depth > 0:
            d = self._resolve(node, self.scopes.get(scope, self.scopes[()]))
            if d is not None and d[2].kind == "function" and rebuilt_in_loop(self, node, d[0]):
                return None, None  # tools = ""; for ...: tools = tools + ...: what the loop built (rebuilt.py)
            if d is not None and id(d[0]) not in self.visiting and self._stringish(d[0], d[2], 1):
                self.visiting.add(id(d[0]))
                self.inlined.add(id(d[0]))
                try:
                    return self._evaluate(d[0], d[2].qual, depth + 1)
                finally:
                    self.visiting.discard(id(d[0]))
            if d is not None and isinstance(d[0], ast.Call) and d[2].assigned.get(node.id) == 1:
                return self._read_through(d[0], d[2], depth, self.offset(node.lineno, node.col_offset))
        return None, None

    def _joined(self, node: ast.Call, scope: tuple, depth: int):
        """``"\n\n".join(parts)``: the items in order with the separator between them (written once,
        so every copy is located at it); an item that is not text, or is added only under a
        condition, is a variable written as its expression."""
        sep, _ = self._evaluate(node.func.value, scope, depth + 1)
        items = self._items(node.args[0], scope)
        if sep is None or items is None:
            return None, None
        out, syntax, any_text = lit.Builder(), None, False
        for i, (expr, cond) in enumerate(items):
            if i:
                out.extend(sep)
            pieces, s = (None, None) if cond else self._evaluate(expr, scope, depth + 1)
            any_text = any_text or pieces is not None
            out.extend(pieces if pieces is not None else [self._var(expr)])
            syntax = syntax or s
        return (out.pieces, syntax) if any_text else (None, None)

    def _inline_constants(self, pieces: list, scope: tuple, depth: int) -> list:
        """``f"...{POLICY}..."``: a field that is just the name of a module or class string constant
        (assigned once) is that constant's text, located where the constant is written."""
        if not any(isinstance(p, lit.Var) and p.expression.isidentifier() for p in pieces):
            return pieces
        out = lit.Builder()
        for p in pieces:
            inner = None
            if isinstance(p, lit.Var) and p.expression.isidentifier():
                d = self._constant(p.expression, scope)
                if d is not None and id(d[0]) not in self.visiting:
                    self.visiting.add(id(d[0]))
                    try:
                        inner, _ = self._evaluate(d[0], d[2].qual, depth + 1)
                        if inner is not None:
                            self.inlined.add(id(d[0]))
                    finally:
                        self.visiting.discard(id(d[0]))
            if inner is None and isinstance(p, lit.Var) and p.expression.isidentifier():
                inner = self._imported_constant(p.expression, scope, p.file)
            if inner is None and isinstance(p, lit.Var) and p.expression.isidentifier():
                d = self._call_binding(p.expression, scope)
                if d is not None:
                    inner, _ = self._read_through(d[0], d[2], depth, p.file)
            out.extend(inner if inner is not None else [p])
        return out.pieces

    def _call_binding(self, name: str, scope: tuple):
        """The definition of a module- or class-level name assigned exactly once to a call, seen from
        ``scope`` (``SYSTEM_PROMPT = build_system_prompt()``)."""
        qual = scope
        while True:
            s = self.scopes.get(qual)
            if s is not None and s.kind != "function" and name in s.defs:
                if s.kind == "module" or qual == scope:
                    d = s.defs[name]
                    return d if s.assigned.get(name) == 1 and isinstance(d[0], ast.Call) else None
            elif s is not None and s.kind == "function" and (name in s.assigned or name in self.params.get(qual, ())):
                return None
            if not qual:
                return None
            qual = qual[:-1]

    def _literal_return(self, call: ast.Call, scope: _Scope):
        """(what it returns, its qualified name) when ``call`` calls a function of this file with one
        ``return`` of a string literal or of a string built from literals and its parameters
        (``def greeting(name): return f"Hello {name}, ..."``); else None."""
        for value, qual in self._returns_of(call, scope)[:1]:
            rets = self.returns.get(qual, [])
            if len(rets) == 1 and rets[0].value is value and not isinstance(value, ast.Name) \
                    and self._stringish(value, self.scopes[qual]):
                return value, qual
        return None

    def _reads_through(self, call: ast.Call, scope: _Scope) -> bool:
        if self._literal_return(call, scope) is not None:
            return True
        target = self._imported_call(call, scope)
        return target is not None

    def _imported_call(self, call: ast.Call, scope: _Scope):
        """The text an imported function of the scan returns, when it returns one string literal."""
        from ..python_project import imported_literal_return

        f = call.func
        if self.project is None or not isinstance(f, ast.Name) or f.id not in self.import_from \
                or self._bound_locally(f.id, scope.qual):
            return None
        module, attr = self.import_from[f.id]
        return imported_literal_return(self.project, module + (attr,)) if attr else None

    def _read_through(self, call: ast.Call, scope: _Scope, depth: int, at: int):
        """``x = f(a)`` then ``f"...{x}"`` / ``x + task`` / ``"\n".join([x, ...])``: x is the text ``f``
        returns when ``f`` returns one literal or a string built from literals, with the call's
        arguments as the variables where ``f`` formats its parameters; an imported function of the
        scan that returns one string literal gives that text (located at the use)."""
        found = self._literal_return(call, scope)
        if found is None:
            built = self._constructed(call, scope)  # prompt_constructor(A, B): the prompt files it joins
            if built is not None:
                return built, None
            text = self._imported_call(call, scope)
            if text is None:
                return None, None
            out = lit.Builder()
            out._escape(text, at)
            return out.pieces, None
        value, qual = found
        if id(value) in self.visiting:
            return None, None
        self.visiting.add(id(value))
        try:
            pieces, syntax = self._evaluate(value, qual, depth + 1)
        finally:
            self.visiting.discard(id(value))
        if pieces is None:
            return None, None
        args = self._call_arguments(call, qual)
        out = []
        for p in pieces:
            if isinstance(p, lit.Var) and p.name in args:
                arg = args[p.name]
                expression = arg + p.expression[len(p.name):] if p.expression.startswith(p.name) else p.expression
                p = lit.Var(p.text, p.file, expression, arg)
            out.append(p)
        return out, syntax

    def _call_arguments(self, call: ast.Call, qual: tuple) -> dict[str, str]:
        """The source of each argument of ``call`` by the parameter it goes to."""
        params = list(self.params.get(qual, []))
        if params[:1] in (["self"], ["cls"]) and isinstance(call.func, ast.Attribute):
            params = params[1:]
        out = {}
        for param, arg in zip(params, call.args):
            if isinstance(arg, ast.Starred):
                break
            out[param] = self.source(arg)
        out.update({kw.arg: self.source(kw.value) for kw in call.keywords if kw.arg})
        return out

    def _imported_constant(self, name: str, scope: tuple, at: int) -> list | None:
        """``from .prompts import PREAMBLE`` and ``f"{PREAMBLE}..."`` / ``PREAMBLE + task``: the string
        literal another file of the scan binds once to that name (``python_project.imported_constant``),
        located at the use (a segment has no file of its own)."""
        from ..python_project import imported_constant

        if self.project is None or name not in self.import_from or self._bound_locally(name, scope):
            return None
        module, attr = self.import_from[name]
        value = imported_constant(self.project, module + (attr,)) if attr else None
        if value is None:
            return None
        out = lit.Builder()
        out._escape(value, at)
        return out.pieces

    def _imported_operand(self, node: ast.expr, scope: tuple) -> list | None:
        """An imported constant added to other text (``PREAMBLE + task``); alone (``X.format(...)``,
        ``p = X``) it stays the prompt of its own file, not a copy here."""
        if not isinstance(node, ast.Name):
            return None
        return self._imported_constant(node.id, scope, self.offset(node.lineno, node.col_offset))

    def _bound_locally(self, name: str, scope: tuple) -> bool:
        """A name of the file (assigned, defined or a parameter in ``scope`` or a scope around it)."""
        qual = scope
        while True:
            s = self.scopes.get(qual)
            if s is not None and (name in s.defs or name in s.assigned or name in self.params.get(qual, ())):
                return True
            if not qual:
                return False
            qual = qual[:-1]

    def _constant(self, name: str, scope: tuple):
        """The definition of a module- or class-level name assigned exactly once, seen from ``scope``."""
        qual = scope
        while True:
            s = self.scopes.get(qual)
            if s is not None and s.kind != "function" and name in s.defs:
                if s.kind == "module" or qual == scope:
                    return s.defs[name] if s.assigned.get(name) == 1 and self._stringish(s.defs[name][0], s) \
                        else None
            elif s is not None and s.kind == "function" and (name in s.assigned or name in self.params.get(qual, ())):
                # a local of that name shadows the constant; one the function binds once, to a literal, in
                # its own body, is that text on every call
                return self._local_literal(name, qual) if qual == scope else None
            if not qual:
                return None
            qual = qual[:-1]

    def _local_literal(self, name: str, qual: tuple):
        """The definition of a function's local bound exactly once, by a statement of the function's own
        body (not under ``if``/``for``/``try``), to a string literal (``instruction = "..."``), and
        never otherwise stored to (loop targets, ``with ... as``, ``global``)."""
        fn = self.func_nodes.get(qual)
        if fn is None or name in self.params.get(qual, ()) or name in {
                a.arg for a in fn.args.kwonlyargs + [fn.args.vararg, fn.args.kwarg] if a is not None}:
            return None
        stores, scoped = 0, False
        todo = list(fn.body)
        while todo:
            n = todo.pop()
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue  # (a nested function's names are its own)
            if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, (ast.Store, ast.Del)):
                stores += 1
            elif isinstance(n, (ast.Global, ast.Nonlocal)) and name in n.names:
                scoped = True
            todo.extend(ast.iter_child_nodes(n))
        binding = [st for st in fn.body if isinstance(st, ast.Assign) and len(st.targets) == 1
                   and isinstance(st.targets[0], ast.Name) and st.targets[0].id == name]
        if stores != 1 or scoped or len(binding) != 1 or not (
                isinstance(binding[0].value, ast.Constant) and isinstance(binding[0].value.value, str)):
            return None
        return binding[0].value, ".".join(qual + (name,)), self.scopes[qual]

    def _check(self, node: ast.expr, pieces: list) -> None:
        """The value read from the source must be the one Python computes."""
        if isinstance(node, ast.Constant):
            if lit.value_text(pieces) != node.value or any(isinstance(p, lit.Var) for p in pieces):
                raise lit.Unreadable("literal value differs")
            return
        static = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        fields = sum(isinstance(v, ast.FormattedValue) for v in node.values)
        if lit.static_text(pieces) != static or sum(isinstance(p, lit.Var) for p in pieces) != fields:
            raise lit.Unreadable("f-string parts differ")

    def _fallback(self, node: ast.Constant | ast.JoinedStr) -> list:
        """Pieces from ``ast``'s own values, all located at the start of the literal."""
        start = self.offset(node.lineno, node.col_offset)
        out = lit.Builder()
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out._escape(node.value, start)
        elif isinstance(node, ast.JoinedStr):
            for v in node.values:
                if isinstance(v, ast.Constant):
                    out._escape(v.value, start)
                else:
                    expr = ast.unparse(v.value)
                    out.var(lit.Var("{" + expr + "}", start, expr, expr))
        return out.pieces

    def _strftime_fields(self, pieces: list, clock: ast.expr) -> list:
        """``datetime.now().strftime("The current date is %Y-%m-%d.")``: the format's text with each run of
        directives (``%Y-%m-%d``) a variable, written as the call that gives it (``datetime.now().strftime(
        "%Y-%m-%d")``: what the value is, for the volatility rules); ``%%`` is a ``%``."""
        receiver = self.source(clock)

        def directive(out: lit.Builder, p: lit.Chunk, m: re.Match) -> None:
            if m.group() == "%%":
                out._escape("%", p.file_offset(m.start())[0])
            else:
                call = f'{receiver}.strftime("{m.group()}")'
                out.var(lit.Var(m.group(), p.file_offset(m.start())[0], call, call))

        return _cut_at(pieces, _STRFTIME_RUN, directive)

    def _var(self, node: ast.expr) -> lit.Var:
        text = self.source(node)
        return lit.Var(text, self.offset(node.lineno, node.col_offset), text, text)

    def _segments(self, pieces: list) -> list[Segment]:
        segs: list[Segment] = []
        for p in pieces:
            if isinstance(p, lit.Var):
                line, col = self.line_col(p.file)
                verbatim = self.text.startswith(p.text, p.file)
                segs.append(Segment(p.text, "variable", line, col, verbatim, name=p.name, expression=p.expression))
                continue
            for lo, hi, fo, verbatim in p.slices(0, len(p.text)):
                line, col = self.line_col(fo)
                segs.append(Segment(p.text[lo:hi], "static", line, col, verbatim))
        return segs

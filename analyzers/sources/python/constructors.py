"""Prompt constructors: a function that joins the prompt files its arguments name (``python_project.prompt_constructor``),
read at its call with the files' texts (gpt-migrate ``prompt_constructor(HIERARCHY, GUIDELINES, IDENTIFY_ACTION)``)."""

from __future__ import annotations

import ast

from .. import python_literals as lit
from .found import _Scope


class _Constructors:
    def _constructed(self, call: ast.Call, scope: _Scope):
        """``prompt_constructor(HIERARCHY, GUIDELINES, IDENTIFY_ACTION)`` where the function (of this file, or of
        another file of the scan it is imported from) is a prompt constructor (``python_project.prompt_constructor``:
        it joins the files its arguments name under a prompts folder) and each argument is a string constant of the
        file or one it imports (gpt-migrate's config.py ``IDENTIFY_ACTION = "p3_debug/identify_action"``): the
        joined texts of those files, each located at its argument; None otherwise."""
        from ..python_project import constructed_texts, imported_prompt_constructor, prompt_constructor

        f = call.func
        if not isinstance(f, ast.Name) or not call.args or call.keywords or self._bound_locally(f.id, scope.qual):
            return None
        found = None
        if (f.id,) in self.func_nodes:
            made = prompt_constructor(self.func_nodes[(f.id,)])
            found = (self.path, *made) if made else None
        elif self.project is not None and f.id in self.import_from and self.import_from[f.id][1]:
            module, attr = self.import_from[f.id]
            found = imported_prompt_constructor(self.project, tuple(module) + (attr,))
        if found is None:
            return None
        names = [self._argument_text(a, scope) for a in call.args]
        if any(n is None for n in names):
            return None
        texts = constructed_texts(found[0], found[1], names)
        if texts is None:
            return None
        out = lit.Builder()
        for arg, text in zip(call.args, texts):
            out._escape(text.strip() if found[2] else text, self.offset(arg.lineno, arg.col_offset))
        return out.pieces

    def _argument_text(self, arg: ast.expr, scope: _Scope) -> str | None:
        """The text of a string literal, or of a string constant of the file or of another file of the scan."""
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg.value
        if not isinstance(arg, ast.Name):
            return None
        d = self._constant(arg.id, scope.qual)
        if d is not None:
            return d[0].value if isinstance(d[0], ast.Constant) and isinstance(d[0].value, str) else None
        if self.project is not None and arg.id in self.import_from and self.import_from[arg.id][1]:
            from ..python_project import imported_constant

            module, attr = self.import_from[arg.id]
            return imported_constant(self.project, tuple(module) + (attr,))
        return None

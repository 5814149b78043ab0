"""Parsing the user's Python source: never executed, and quiet about its style."""

from __future__ import annotations

import ast
import warnings


def parse_python(text: str, filename: str = "<unknown>", mode: str = "exec") -> ast.AST:
    """``ast.parse`` without the warnings the compiler raises for the user's code (an invalid escape
    sequence such as ``"<\\Document>"`` is a DeprecationWarning on 3.11 and a SyntaxWarning printed on
    3.12): pcache reads the file, it does not report on its style."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=filename, mode=mode)

"""What the Python reader records: a string found for a prompt (``_Found``), a scope of the file (``_Scope``)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field


@dataclass
class _Found:
    node: ast.expr
    container: str
    scope: tuple  # the scope the value was written in (for names it refers to)
    role: str | None = None
    syntax: str | None = None  # forced by the use (``.format`` -> format, ``Template`` -> ...)
    by_name: bool = False
    uses_ok: bool = True
    # found only because its module or class keeps prompts (``_holds_prompts``): when another prompt
    # of the file inlines it (``f"{POLICY}..."``), that prompt already reports its text
    part: bool = False


@dataclass
class _Scope:
    qual: tuple
    kind: str  # module | class | function
    defs: dict = field(default_factory=dict)  # name -> (value node, container, scope written in)
    assigned: dict = field(default_factory=dict)  # name -> how many assignments

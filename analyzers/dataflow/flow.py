"""The data-flow entry points: ``flow_class``, ``frozen_at_import``, ``clear_cache``."""

from __future__ import annotations

from ..evidence import rule_of
from ..model import Prompt, Segment
from .js_lookup import _js_tree
from .js_value import _js_flow
from .python_file import _py_file, _runs_once
from .python_value import _python_flow


# ------------------------------------------------------------------------------------------ entry

def flow_class(seg: Segment, prompt: Prompt | None, expr: str, name: str, index=None):
    """The class of the value filling ``seg``, from the code of its file; None when it says nothing."""
    from ..volatility import Volatility

    if prompt is None or not prompt.path or not seg.verbatim:
        return None
    path = prompt.path.lower()
    got = None
    try:
        if path.endswith(".py"):
            got = _python_flow(seg, prompt, expr, name, index)
        elif prompt.syntax == "js" and path.endswith((".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")):
            got = _js_flow(seg, prompt, index)
    except RecursionError:
        return None
    if got is None:
        return None
    return Volatility(got[0], "expression", got[1] or expr, rule_of(got))


def frozen_at_import(seg: Segment, prompt: Prompt | None) -> bool:
    """A Python f-string evaluated once, when its module is imported (see ``_runs_once``)."""
    from ..volatility import _stamp

    if prompt is None or prompt.syntax != "fstring" or not prompt.path.lower().endswith(".py") or not seg.verbatim:
        return False
    f = _py_file(prompt.path, _stamp(prompt.path))
    return f is not None and _runs_once(f.scope_at(seg.line))


def clear_cache() -> None:
    _py_file.cache_clear()
    _js_tree.cache_clear()

"""Pick one prompt out of a file: ``prompts.md``, ``request.json``, ``batch.jsonl#L3`` or, for files
holding several named prompts (code, config), ``prompts.py:EditBlockPrompts.main_system``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .errors import PcacheError
from .model import Prompt, SourceError


@dataclass
class Picked:
    prompt: Prompt
    others: int = 0  # how many more prompts the file holds (when no selector was given)
    errors: list[SourceError] = field(default_factory=list)


def split_spec(spec: str) -> tuple[str, str | None]:
    """``file.jsonl#L3`` -> (``file.jsonl``, ``L3``); ``code.py:Class.name`` -> (``code.py``,
    ``Class.name``); a path that exists as written is never split.  A path may hold ``:`` itself:
    the split is at the first ``:`` whose left side is an existing file."""
    if spec == "-" or os.path.exists(spec):
        return spec, None
    if "#" in spec:
        path, _, sel = spec.rpartition("#")
        return path, sel or None
    at = spec.find(":")
    while at > 0:
        if os.path.exists(spec[:at]) and not os.path.isdir(spec[:at]):  # a FIFO too: its read says what it is
            return spec[:at], spec[at + 1:] or None
        at = spec.find(":", at + 1)
    return spec, None


def _matches(prompt: Prompt, sel: str) -> bool:
    """``L3``/``3`` is a line number (also for prompts named by a Batch ``custom_id``); anything else
    is a ``custom_id`` or the part of the name after ``#``."""
    if prompt.name == sel or prompt.name.endswith(f"#{sel}") or (prompt.container is not None
                                                                 and prompt.container == sel):
        return True
    num = sel[1:] if sel[:1] in "Ll" else sel
    return num.isdigit() and (prompt.name.endswith(f"#L{num}") or prompt.line == int(num))


_CODE_EXTENSIONS = (".py", ".pyw", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")


def pick(spec: str, options=None) -> Picked:
    """The prompt ``spec`` names.  Raises ``PcacheError`` (one line, with a hint) when it cannot."""
    from .sources.interface import SourceOptions
    from .sources.load import load_file

    path, sel = split_spec(spec)
    if path != "-" and not os.path.exists(path):
        from .inputs import why_missing

        raise PcacheError(f"{path}: {why_missing(path)}", hint="check the path (JSONL lines are picked as FILE#L3)")
    options = options or SourceOptions()
    if options.project is None and path.lower().endswith(_CODE_EXTENSIONS):
        import dataclasses

        from .crossflow.index import ProjectIndex

        # the constants a code file imports are text of its prompts, as in a scan of that file
        options = dataclasses.replace(options, project=ProjectIndex([path]))
    prompts, errors = load_file(path, options)
    if not prompts:
        if errors:
            e = errors[0]
            raise PcacheError(str(e).split(" (hint:")[0], hint=e.hint)
        raise PcacheError(f"{path}: no prompt found in this file")
    if sel is None:
        return Picked(prompts[0], len(prompts) - 1, errors)
    for p in prompts:
        if _matches(p, sel):
            return Picked(p, 0, errors)
    names = ", ".join(p.container or p.name.rpartition("#")[2] or p.name for p in prompts[:5])
    shown = f"#{sel}" if spec.endswith(f"#{sel}") else f"{sel!r}"
    raise PcacheError(f"{path}: no prompt {shown} in this file",
                      hint=f"the file holds {len(prompts)} prompt(s): {names}{', ...' if len(prompts) > 5 else ''}")

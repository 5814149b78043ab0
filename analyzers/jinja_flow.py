"""What a Jinja2 template's own structure says of a variable's value (issue 12; PC101.md "what a template's
structure says").

Two rules of the Jinja2 language (https://jinja.palletsprojects.com/en/3.1.x/templates/):

* a name bound by an enclosing ``{% for key, value in EXPR %}`` is an item of ``EXPR`` ("Loop over each item
  in a sequence"), so ``{{ key }}`` inside the loop is as volatile as what the loop walks;
* "Included templates have access to the variables of the active context by default": a partial
  (``_general_instructions.jinja2``) is filled by whatever fills a template that ``{% include %}``s or
  ``{% extends %}`` it, so its fills are those of its includers (``includers``).

Nothing is rendered: tags are read from the file's text.
"""

from __future__ import annotations

import os
import re

from .model import Prompt, Segment

_TAG = re.compile(r"\{%-?\s*(for|endfor)\b(.*?)-?%\}", re.S)
_FOR = re.compile(r"^\s*(.+?)\s+in\s+(.+?)\s*(?:\brecursive\b\s*)?$", re.S)
_INCLUDE = re.compile(r"""\{%-?\s*(?:include|extends|import|from)\s+(['"])([^'"]+)\1""")
_NAME = re.compile(r"[A-Za-z_]\w*")
JINJA_SUFFIXES = (".j2", ".jinja", ".jinja2", ".jinja.md", ".md.j2", ".html", ".txt", ".md", ".prompt", ".tmpl")


def _text(path: str) -> str | None:
    """A regular file's text (never a FIFO or device: opening one may block), None past 1 MB or unreadable."""
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > 1_000_000:
            return None
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def _loops(text: str) -> list[tuple[int, int, set[str], str]]:
    """(start offset, end offset, names bound, iterable) of each ``{% for %}`` ... ``{% endfor %}``."""
    out, stack = [], []
    for m in _TAG.finditer(text):
        if m.group(1) == "for":
            head = _FOR.match(m.group(2))
            stack.append((m.end(), head))
        elif stack:
            start, head = stack.pop()
            if head is not None:
                targets = set(_NAME.findall(head.group(1)))
                out.append((start, m.start(), targets, head.group(2).strip()))
    return out


def loop_item(seg: Segment, prompt: Prompt | None, root: str) -> Segment | None:
    """The ``{% for %}`` segment whose loop binds ``root`` around ``seg`` (the innermost), when ``seg`` is
    written in the prompt's own file at its line."""
    if prompt is None or prompt.syntax != "jinja" or not prompt.path or not seg.verbatim or not root:
        return None
    text = _text(prompt.path)
    if not text or seg.text.strip() not in text or "{%" not in text:
        return None
    lines = text.split("\n")
    if not 1 <= seg.line <= len(lines) or seg.text.strip() not in lines[seg.line - 1]:
        return None  # an included file's segment: its lines are not this file's
    at = sum(len(x) + 1 for x in lines[:seg.line - 1]) + lines[seg.line - 1].index(seg.text.strip())
    inside = [lp for lp in _loops(text) if lp[0] <= at < lp[1] and root in lp[2]]
    if not inside:
        return None
    start, _end, _targets, iterable = max(inside, key=lambda lp: lp[0])
    line = text.count("\n", 0, start) + 1
    for s in prompt.variables:
        if (s.name or "").startswith("for ") and s.line == line and iterable in (s.name or ""):
            return s
    return Segment("", "variable", line=line, name=f"for {', '.join(sorted(_targets))} in {iterable}",
                   expression=iterable, verbatim=False)


def include_map(paths: list[str]) -> dict[str, list[str]]:
    """File name -> the template files among ``paths`` that include, extend or import from a template of that
    name (``{% include 'x.jinja2' %}``, a path ending in it too); each file read once."""
    out: dict[str, list[str]] = {}
    for p in paths:
        if not p.lower().endswith(JINJA_SUFFIXES):
            continue
        text = _text(p)
        if not text or "{%" not in text:
            continue
        for m in _INCLUDE.finditer(text):
            name = m.group(2).replace("\\", "/").rsplit("/", 1)[-1]
            if p not in out.setdefault(name, []):
                out[name].append(p)
    return out


def includers(includes: dict[str, list[str]], home: str, depth: int = 2) -> list[str]:
    """Template files that include ``home`` (``include_map``), and their own includers, ``depth`` levels up."""
    found: list[str] = []
    frontier = [home]
    for _ in range(depth):
        nxt = []
        for target in frontier:
            for p in includes.get(os.path.basename(target), []):
                if p != home and p not in found:
                    found.append(p)
                    nxt.append(p)
        frontier = nxt
    return found

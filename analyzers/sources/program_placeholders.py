"""Placeholders of a program's own: a prompt file's marker that the project's code replaces with a value
(LongBench's ``prompts/0shot.txt`` holds ``$DOC$`` and ``$Q$``, which ``pred.py`` fills with
``template.replace('$DOC$', context)``; aichat's roles end in ``__INPUT__``, which its Rust code fills with
``.replace("__INPUT__", text)``).  No template engine names these markers, so the text reads as static;
the code that fills it says where the value goes.

A marker counts when

* it is shaped as a placeholder: an upper-case name between the same sign on both sides (``$DOC$``,
  ``$C_A$``, ``%NAME%``, ``@NAME@``, ``#NAME#``), double underscores (``__INPUT__``), or doubled brackets
  (``[[NAME]]``, ``<<NAME>>``), and
* the project's code (any file of the project in a common language, below the project root: the folder
  holding ``.git``, else the nearest holding a build manifest) passes it to a string replace as a literal
  (``.replace("__CONTEXT__", x)``, ``replaceAll``, Rust ``replacen``, Go ``strings.ReplaceAll(s, "X", v)``,
  PHP ``str_replace``, Ruby ``gsub``) or as a constant the replace names (``const INPUT_PLACEHOLDER: &str =
  "__INPUT__"`` ... ``.replace(INPUT_PLACEHOLDER, ...)``).

The marker becomes a variable segment where the file has it; the prompt's syntax stays what it was (None
for a text no engine fills) and a note names the code.  The C/C++/PHP constants written in prompts about
code (``__FILE__``, ``__LINE__``) stay text: the project's code does not replace them.  Code files' own
prompts are left to their sources (the Python and JS/TS readers follow the calls themselves)."""

from __future__ import annotations

import dataclasses
import os
import re
from functools import lru_cache
from pathlib import Path

from ..model import Prompt, Segment

# An upper-case name between the same sign on both sides, double underscores, or doubled brackets.
_NAME = r"[A-Z][A-Z0-9_]*?"
PLACEHOLDER = re.compile(r"(?<![\w$%@#])(?:__" + _NAME + r"__(?!\w)|([$%@#])" + _NAME + r"\1|\[\[" + _NAME +
                         r"\]\]|<<" + _NAME + r">>)")
CODE_EXTENSIONS = (".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".mts", ".cts", ".rs", ".go", ".java",
                   ".kt", ".cs", ".php", ".rb", ".swift", ".scala", ".lua")
# A string replace whose pattern is a literal or a name: ``.replace("$DOC$", ...)``, ``str_replace('X', ...)``,
# ``strings.ReplaceAll(s, "X", ...)`` (Go: the subject comes first).
_REPLACE = re.compile(
    r"""\b(?:replace|replaceAll|replace_all|replacen|Replace|ReplaceAll|str_replace|gsub|sub)\s*\(\s*"""
    r"""(?:[A-Za-z_][\w.]*\s*,\s*)?(?:(["'`])((?:\\.|(?!\1)[^\\\n]){2,60})\1|([A-Za-z_][\w.]*)\s*,)""")
_ASSIGN = re.compile(r"""\b([A-Za-z_]\w*)\s*(?::\s*[^=\n]{1,40})?:?=\s*(["'`])([^"'`\n]{2,60})\2""")
_SKIP_DIRS = frozenset({"node_modules", "site-packages", "__pycache__", "vendor", "third_party", "dist", "build",
                        "target", "venv", "env"})
_MAX_FILE = 1 << 20
_MAX_FILES = 20000
_MAX_FOLDERS = 5000
_MANIFESTS = ("pyproject.toml", "setup.py", "setup.cfg", "package.json", "go.mod", "Cargo.toml")


def project_root(path: str) -> Path:
    """The folder holding ``.git`` above ``path``, else the nearest holding a build manifest, else the folder
    holding the outermost prompt folder on its path (``prompts/0shot.txt``: the project keeps its prompts
    there), else its folder."""
    from .walk import PROMPT_FOLDERS

    here = Path(os.path.abspath(path)).parent
    chain = [here, *here.parents]
    for folder in chain:
        if (folder / ".git").exists():
            return folder
    for folder in chain:
        if any((folder / m).is_file() for m in _MANIFESTS):
            return folder
    for folder in reversed(chain):
        if folder.name.lower() in PROMPT_FOLDERS:
            return folder.parent
    return here


@dataclasses.dataclass(frozen=True)
class Replaced:
    marker: str
    where: str  # ``pred.py:93``


@lru_cache(maxsize=64)
def replaced_markers(root: Path) -> dict[str, Replaced]:
    """Placeholder-shaped markers the code under ``root`` replaces, each with the first place it does."""
    literals: dict[str, str] = {}
    names: dict[str, str] = {}
    assigned: dict[str, tuple[str, str]] = {}
    seen = folders = 0
    for dirpath, dirnames, filenames in os.walk(root):
        folders += 1
        if folders > _MAX_FOLDERS:
            break
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS
                             and not os.path.isfile(os.path.join(dirpath, d, "pyvenv.cfg")))
        for name in sorted(filenames):
            if not name.endswith(CODE_EXTENSIONS):
                continue
            seen += 1
            if seen > _MAX_FILES:
                return _resolve(literals, names, assigned)
            p = os.path.join(dirpath, name)
            try:
                if os.path.getsize(p) > _MAX_FILE:
                    continue
                with open(p, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
            except OSError:
                continue
            rel = os.path.relpath(p, root).replace(os.sep, "/")
            if "eplace" in text or "sub" in text:
                for m in _REPLACE.finditer(text):
                    where = f"{rel}:{text.count(chr(10), 0, m.start()) + 1}"
                    if m.group(2) is not None and PLACEHOLDER.fullmatch(m.group(2)):
                        literals.setdefault(m.group(2), where)
                    elif m.group(3):
                        names.setdefault(m.group(3).rsplit(".", 1)[-1], where)
            for m in _ASSIGN.finditer(text):
                if PLACEHOLDER.fullmatch(m.group(3)):
                    assigned.setdefault(m.group(1), (m.group(3), rel))
    return _resolve(literals, names, assigned)


def _resolve(literals: dict[str, str], names: dict[str, str],
             assigned: dict[str, tuple[str, str]]) -> dict[str, Replaced]:
    out = {marker: Replaced(marker, where) for marker, where in literals.items()}
    for name, where in names.items():
        if name in assigned and assigned[name][0] not in out:
            out[assigned[name][0]] = Replaced(assigned[name][0], where)
    return out


def _split(seg: Segment, markers: dict[str, Replaced]) -> list[Segment]:
    out: list[Segment] = []
    text, done = seg.text, 0
    for m in PLACEHOLDER.finditer(text):
        if m.group(0) not in markers:
            continue
        for piece, kind, at in ((text[done:m.start()], "static", done), (m.group(0), "variable", m.start())):
            if not piece:
                continue
            line, column = _advance(seg, text, at)
            out.append(dataclasses.replace(
                seg, text=piece, kind=kind, line=line, column=column,
                name=piece if kind == "variable" else seg.name, expression=piece if kind == "variable" else None))
        done = m.end()
    if not out:
        return [seg]
    if done < len(text):
        line, column = _advance(seg, text, done)
        out.append(dataclasses.replace(seg, text=text[done:], line=line, column=column))
    return out


def _advance(seg: Segment, text: str, offset: int) -> tuple[int, int]:
    """Line and column of ``offset`` inside a static segment (its start when the text is not verbatim)."""
    if not seg.verbatim or offset == 0:
        return seg.line, seg.column
    breaks = text.count("\n", 0, offset)
    if not breaks:
        return seg.line, seg.column + offset
    return seg.line + breaks, offset - text.rfind("\n", 0, offset)


def apply(prompts: list[Prompt], path: str) -> list[Prompt]:
    """``prompts`` of a non-code file with the markers the project's code replaces made variables."""
    if path == "-" or path.lower().endswith(CODE_EXTENSIONS + (".pyw",)) or not os.path.isfile(path):
        return prompts
    candidates = [p for p in prompts if p.kind in ("text", "template")
                  and any(s.kind == "static" and PLACEHOLDER.search(s.text) for s in p.segments)]
    if not candidates:
        return prompts
    markers = replaced_markers(project_root(path))
    if not markers:
        return prompts
    for p in candidates:
        segments: list[Segment] = []
        for s in p.segments:
            segments += _split(s, markers) if s.kind == "static" else [s]
        used = sorted({s.text for s in segments if s.kind == "variable" and s.text in markers})
        if len(segments) == len(p.segments) or not used:
            continue
        p.segments = segments
        p.kind = "template"
        p.notes.append("filled by the project's code, which replaces "
                       + ", ".join(f"{m} ({markers[m].where})" for m in used))
    return prompts

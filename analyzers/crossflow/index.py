"""The scan's project index (``ProjectIndex``): which files mention which names, each file read and parsed once."""

from __future__ import annotations

import os
import re

from ..inputs import open_text


PY_EXTENSIONS = (".py", ".pyw")
# Methods that fill a template or a prompt object holding it (str, string.Template, Jinja2, LangChain,
# LlamaIndex, Haystack): their keywords or dict argument name the variables.
FILL_METHODS = {"format", "format_map", "render", "render_async", "substitute", "safe_substitute", "invoke",
                "ainvoke", "partial", "format_messages", "aformat_messages", "format_prompt", "aformat_prompt",
                "aformat", "stream", "astream", "run", "arun"}
MAX_SITES = 24  # fill or call sites read per template: the first ones in file order decide
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_PY_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)", re.M)


def _read(path: str, limit: int) -> str | None:
    try:
        if os.path.getsize(path) > limit:
            return None
        with open_text(path, encoding="utf-8-sig", errors="replace") as f:
            return f.read()
    except OSError:
        return None


class ProjectIndex:
    """The code files of one scan: identifier -> files that mention it; parsed trees on demand."""

    def __init__(self, paths):
        from ..sources.js.grammar import EXTENSIONS as JS, MAX_WALK_BYTES

        self.limit = MAX_WALK_BYTES
        given = sorted({os.path.abspath(p) for p in paths})
        self.paths = [p for p in given if p.lower().endswith(PY_EXTENSIONS + JS)]
        self.all_paths = given  # template files too: a partial is filled where its includers are
        # the folder holding every file of the scan, manifests included (packaging.program_kind stops there)
        self.root = (os.path.dirname(given[0]) if len(given) == 1 else os.path.commonpath(given)) if given else None
        self._mentions: dict[str, list[str]] | None = None
        self._defines: dict[str, list[str]] = {}
        self._py: dict[str, object] = {}
        self._js: dict[str, object] = {}
        self._memo: dict[tuple, object] = {}

    def memo(self, key: tuple, compute):
        """What ``compute()`` found for ``key`` (a template's fill sites, a function's calls), computed once."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def _build(self) -> None:
        mentions: dict[str, list[str]] = {}
        defines: dict[str, list[str]] = {}
        for p in self.paths:
            text = _read(p, self.limit)
            if text:
                for w in set(_IDENT.findall(text)):
                    mentions.setdefault(w, []).append(p)
                if p.endswith(PY_EXTENSIONS):
                    for w in set(_PY_DEF.findall(text)):
                        defines.setdefault(w, []).append(p)
        self._mentions, self._defines = mentions, defines

    def mentioning(self, name: str) -> list[str]:
        if self._mentions is None:
            self._build()
        return self._mentions.get(name, [])

    def defining(self, name: str) -> list[str]:
        """Python files with a ``def name(``."""
        if self._mentions is None:
            self._build()
        return self._defines.get(name, [])

    def py_mentioning(self, name: str):
        """(path, ``dataflow._PyFile``) of every Python file of the scan that mentions ``name`` and parses, in the
        order of ``mentioning``; each file is parsed when it is reached (a caller may stop early)."""
        for p in self.mentioning(name):
            if p.endswith(PY_EXTENSIONS):
                f = self.py(p)
                if f is not None:
                    yield p, f

    def js_mentioning(self, name: str):
        """(path, (tree, bytes)) of every JS/TS file of the scan that mentions ``name`` and parses, in the order of
        ``mentioning``; each file is parsed when it is reached."""
        from ..sources.js.grammar import EXTENSIONS

        for p in self.mentioning(name):
            if p.lower().endswith(EXTENSIONS):
                parsed = self.js(p)
                if parsed is not None:
                    yield p, parsed

    def py(self, path: str):
        """``dataflow._PyFile`` of ``path`` (None when it does not parse), parsed once."""
        if path not in self._py:
            from ..dataflow.python_file import _PyFile

            text = _read(path, self.limit)
            try:
                self._py[path] = _PyFile(text) if text is not None else None
                if self._py[path] is not None:
                    self._py[path].path = path
            except (SyntaxError, ValueError, RecursionError):
                self._py[path] = None
        return self._py[path]

    def js(self, path: str):
        """(tree, bytes) of a JS/TS file, parsed once."""
        if path not in self._js:
            from ..sources.js.grammar import _grammar, _kind

            text = _read(path, self.limit)
            if text is None:
                self._js[path] = None
            else:
                data = text.encode("utf-8")
                parser, _q = _grammar(_kind(path))
                self._js[path] = (parser.parse(data), data)
        return self._js[path]


# ------------------------------------------------------------------------------------------ helpers

def _module_names(path: str) -> set[str]:
    """Names a module is imported by: its file stem, its package for an ``__init__``."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem == "__init__":
        return {os.path.basename(os.path.dirname(path))}
    return {stem}

"""Prose files a Go package embeds as prompts: ``//go:embed instructions.txt`` right before ``var
agentBuilderInstructions string`` (Docker cagent's agent builder).

Go's ``embed`` package (pkg.go.dev/embed): a ``//go:embed`` directive, with only blank lines and line comments
between it and the declaration, gives a ``string`` or ``[]byte`` variable the contents of the one file its
pattern names, relative to the directory of the source file.  When the variable's name says prompt by the name
rule (``prompt_names.says_prompt``: ``systemPrompt``, ``agentBuilderInstructions``; not ``htmlTemplate``'s page,
``dockerfileTmpl``), the program sends that text to a model: the file is a prompt whatever its name or folder.
Only a walk asks (``walk.find_files``), for a prose file it would skip in a Go package's folder.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from ..inputs import open_text

# ``//go:embed PATTERN``, then (blank lines, ``//`` comments) ``[var] name string`` or ``name []byte``,
# alone or in a ``var ( ... )`` block.
_EMBED = re.compile(r"^[ \t]*//go:embed[ \t]+([^\n]+?)[ \t]*\n(?:[ \t]*(?://[^\n]*)?\n)*"
                    r"[ \t]*(?:var[ \t]+)?([A-Za-z_]\w*)[ \t]+(?:string|\[\]byte)\b", re.M)
_PATTERN = re.compile(r'"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)')
_GO_READ = 1 << 20


@lru_cache(maxsize=1024)
def embedded_prompts(folder: str) -> frozenset[str]:
    """The files (normalised paths) that the Go sources of ``folder`` embed into a variable named as a
    prompt."""
    from .prompt_names import says_prompt

    out = set()
    try:
        names = [e.name for e in os.scandir(folder) if e.name.endswith(".go") and e.is_file()]
    except OSError:
        return frozenset()
    for name in names:
        try:
            with open_text(os.path.join(folder, name), encoding="utf-8", errors="replace") as fh:
                text = fh.read(_GO_READ)
        except OSError:
            continue
        if "go:embed" not in text:
            continue
        for m in _EMBED.finditer(text):
            patterns = [a or b or c for a, b, c in _PATTERN.findall(m.group(1))]
            if len(patterns) != 1 or any(ch in patterns[0] for ch in "*?[") or not says_prompt(m.group(2)):
                continue  # a string holds one file; a glob fills an embed.FS
            out.add(os.path.normpath(os.path.join(folder, patterns[0])))
    return frozenset(out)


def go_embedded_prompt(path: Path, root: Path) -> bool:
    """Whether a Go source of ``path``'s folder or of a folder above it, up to ``root``, embeds ``path`` into a
    variable named as a prompt (an embed pattern names files at or below its source's folder: Go rejects
    ``..``)."""
    key = os.path.normpath(str(path))
    folder = path.parent
    while True:
        if key in embedded_prompts(str(folder)):
            return True
        if folder == root or root not in folder.parents:
            return False
        folder = folder.parent

"""What the ninth config round missed (issue #11, benchmarks/PROMPT_DISCOVERY.md, "Config round 9, blind"):
Teams AI's prompt folders, LocalAI's model gallery and prompt templates, unitxt's catalog.

Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens are the texts the files hold, read
here with ``json``/PyYAML and counted with tiktoken, without pcache."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import tiktoken

from pcache.analyzers.sources.load import load_paths

FIX = Path(__file__).resolve().parent / "fixtures" / "agents"
ENC = tiktoken.get_encoding("o200k_base")


def _tokens(text: str) -> int:
    return len(ENC.encode(text, disallowed_special=()))


def _by_file(prompts, root: Path) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in prompts:
        out.setdefault(Path(p.path).resolve().relative_to(root.resolve()).as_posix(), []).append(p)
    return out


def _clone(tmp_path: Path, name: str, git: bool = True) -> Path:
    root = tmp_path / name
    shutil.copytree(FIX / name, root)
    if git:
        (root / ".git").mkdir()
    return root


def _first(prompt):
    return next((s for s in prompt.segments if s.kind == "variable"), None)


def _head_tokens(prompt) -> int:
    """Tokens of the static text before the prompt's first variable, as pcache splits it."""
    out = []
    for s in prompt.segments:
        if s.kind == "variable":
            break
        out.append(s.text)
    return _tokens("".join(out))


# -- Teams AI: a prompt folder's skprompt.txt names memory paths


LISTBOT = "js/samples/03.ai-concepts/d.chainedActions-listBot/src/prompts/default/skprompt.txt"
HINT = "python/samples/04.ai.a.twentyQuestions/src/prompts/hint/skprompt.txt"


def test_teams_ai_memory_paths_are_variables(tmp_path):
    """Teams AI renders ``{{$conversation.lists}}`` with ``Memory.getValue("conversation.lists")`` (a scope
    and a key, split on the dot): a variable of the prompt, not text.  Each sample's ``skprompt.txt`` is one
    prompt in Semantic Kernel's syntax, its first variable where the file writes it."""
    root = _clone(tmp_path, "teams-ai")
    loaded = load_paths([str(root)])
    files = _by_file(loaded.prompts, root)
    assert sorted(files) == sorted([LISTBOT, HINT])
    for rel, first in ((LISTBOT, "{{$conversation.lists}}"), (HINT, "{{$conversation.guess_count}}")):
        (p,) = files[rel]
        text = (root / rel).read_text(encoding="utf-8")
        assert p.syntax == "sk"
        var = _first(p)
        assert var is not None and var.text == first
        assert var.name == first[3:-2]
        assert abs(_head_tokens(p) - _tokens(text[:text.index(first)])) <= 1
        names = [s.name for s in p.segments if s.kind == "variable"]
        assert names == [m[3:-2] for m in re.findall(r"\{\{\$[\w.]+\}\}", text)]

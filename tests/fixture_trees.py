"""Helpers of the config-round tests: a fixture tree copied as a repository, the prompts a load found,
grouped by their file's path relative to the tree, and tiktoken counts of texts and of a prompt's static head."""

from __future__ import annotations

import shutil
from pathlib import Path

AGENTS = Path(__file__).resolve().parent / "fixtures" / "agents"


def tokens(text: str) -> int:
    """o200k tokens of a text, counted with tiktoken directly."""
    import tiktoken

    return len(tiktoken.get_encoding("o200k_base").encode(text, disallowed_special=()))


def head_tokens(prompt) -> int:
    """Tokens of the static text before the prompt's first variable, as pcache splits it."""
    out = []
    for s in prompt.segments:
        if s.kind == "variable":
            break
        out.append(s.text)
    return tokens("".join(out))


def by_file(prompts, root: Path) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in prompts:
        out.setdefault(Path(p.path).resolve().relative_to(root.resolve()).as_posix(), []).append(p)
    return out


def clone(tmp_path: Path, name: str, git: bool = True) -> Path:
    """tests/fixtures/agents/NAME copied under tmp_path; with ``git``, a repository root (an empty .git)."""
    root = tmp_path / name
    shutil.copytree(AGENTS / name, root)
    if git:
        (root / ".git").mkdir()
    return root

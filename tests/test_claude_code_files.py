"""Claude Code reads its plugins' and ``.claude/`` folders' Markdown as written (root lint of session
2026-11-30 19:44, benchmarks/PROMPT_DISCOVERY.md): its documented substitutions are ``$ARGUMENTS``,
``$ARGUMENTS[N]``, ``$N``, ``${CLAUDE_SESSION_ID}`` and ``!`command``` output, never ``{name}`` or
``{{name}}``."""

from __future__ import annotations

import shutil
from pathlib import Path

from pcache.analyzers.lint import LintOptions, lint
from pcache.analyzers.sources.load import load_paths

PLUGIN = Path(__file__).resolve().parent / "fixtures" / "code" / "wshobson-agents" / "agent-teams"
COMMAND = PLUGIN / "commands" / "team-review.md"


def _load(path: Path):
    corpus = load_paths([str(path)])
    assert not corpus.errors, corpus.errors
    (prompt,) = corpus.prompts
    return prompt


def test_a_plugin_command_is_read_as_written(tmp_path):
    """wshobson/agents' ``/team-review`` command asks the model for ``team_name: "review-{timestamp}"``: a
    name the model makes up, not a field anyone fills.  In its plugin (``.claude-plugin/plugin.json``)
    the file is plain text and PC101 says nothing; the same file outside a plugin is still read off its
    content (a str.format template, ``{timestamp}`` per-turn by its name)."""
    assert (PLUGIN / ".claude-plugin" / "plugin.json").is_file()
    assert 'team_name: "review-{timestamp}"' in COMMAND.read_text()
    prompt = _load(COMMAND)
    assert (prompt.kind, prompt.variables) == ("text", [])
    assert not [f for f in lint([prompt], None, LintOptions()).findings if f.code == "PC101"]

    loose = tmp_path / "team-review.md"
    shutil.copy(COMMAND, loose)
    other = _load(loose)
    assert other.kind == "template" and "timestamp" in [v.name for v in other.variables]

    project = tmp_path / "repo" / ".claude" / "commands"
    project.mkdir(parents=True)
    shutil.copy(COMMAND, project / "team-review.md")
    assert _load(project / "team-review.md").kind == "text"

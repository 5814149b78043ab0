"""False findings and missed prompts of the root lint of session 2026-11-30 19:44
(benchmarks/PROMPT_DISCOVERY.md, "Root lint, session 2026-11-30 19:44"), each on a real file."""

from __future__ import annotations

import shutil
from pathlib import Path

from pcache.analyzers.lint import LintOptions, lint
from pcache.analyzers.sources.load import load_paths

CODE = Path(__file__).resolve().parent / "fixtures" / "code"
PLUGIN = CODE / "wshobson-agents" / "agent-teams"
COMMAND = PLUGIN / "commands" / "team-review.md"


def _load(path: Path):
    corpus = load_paths([str(path)])
    assert not corpus.errors, corpus.errors
    (prompt,) = corpus.prompts
    return prompt


def test_a_plugin_command_is_read_as_written(tmp_path):
    """Claude Code reads its plugins' and ``.claude/`` folders' Markdown as written: its documented
    substitutions are ``$ARGUMENTS``, ``$ARGUMENTS[N]``, ``$N``, ``${CLAUDE_SESSION_ID}`` and ``!`command```
    output, never ``{name}`` or ``{{name}}``.
    wshobson/agents' ``/team-review`` command asks the model for ``team_name: "review-{timestamp}"``: a
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


def test_a_section_keyed_only_by_chat_roles_holds_their_messages():
    """cover-agent's ``analyze_test_run_failure.toml`` is one TOML section with an empty ``system`` and a
    Jinja ``user`` message; nothing in the file's name says prompt.  A mapping keyed only by chat roles holds
    one message per role (as a Python dict keyed by roles does): the ``user`` text is a user-turn prompt.
    Its first variable's token is tiktoken's count of the text before it."""
    import tiktoken

    path = CODE / "cover-agent" / "analyze_test_run_failure.toml"
    (prompt,) = load_paths([str(path)]).prompts
    assert (prompt.container, prompt.role, prompt.syntax) == ("analyze_test_run_failure.user", "user", "jinja")
    value = path.read_text().split('user="""\\\n', 1)[1]
    before = value.split("{{", 1)[0]
    assert before.endswith("called `")
    first = prompt.variables[0]
    assert first.name.strip() == "test_file_name"
    static = "".join(s.text for s in prompt.segments[:prompt.segments.index(first)])
    enc = tiktoken.get_encoding("o200k_base")
    assert len(enc.encode(static)) == len(enc.encode(before))


def test_a_form_fields_help_and_a_serialized_value_are_not_prompts():
    """Flowise's marketplace chatflows describe each node parameter as a form field: the ``warning`` shown
    under it names the template's variables to the person filling it (``Prompt must include input
    variables: {chat_history} and {question}``), and ``promptValues`` holds the JSON-encoded values the
    node fills its template with (``{"history":"{{chat_history}}"}``).  Neither is text for a model; the
    field's ``default`` and the node's ``rephrasePrompt`` are prompts."""
    import tiktoken

    flowise = CODE / "flowise"
    qa = load_paths([str(flowise / "Conversational Retrieval QA Chain.json")]).prompts
    assert sorted(p.container for p in qa) == [
        "nodes[0].data.inputParams[0].default", "nodes[0].data.inputParams[1].default",
        "nodes[0].data.inputs.rephrasePrompt", "nodes[0].data.inputs.responsePrompt"]
    (rephrase,) = [p for p in qa if p.container.endswith("rephrasePrompt")]
    first = rephrase.variables[0]
    static = "".join(s.text for s in rephrase.segments[:rephrase.segments.index(first)])
    enc = tiktoken.get_encoding("o200k_base")
    source = "Given the following conversation and a follow up question, rephrase the follow up question " \
             "to be a standalone question.\n\nChat History:\n"
    assert first.name == "chat_history" and len(enc.encode(static)) == len(enc.encode(source))
    moderation = load_paths([str(flowise / "Input Moderation.json")]).prompts
    assert [p.container for p in moderation] == ["nodes[0].data.inputs.template"]

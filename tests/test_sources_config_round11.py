"""What the eleventh config round found (issue #11, benchmarks/PROMPT_DISCOVERY.md, "Config round 11"): LlamaFarm's
prompt templates and their metadata, forge's Markdown agent and command definitions, its eval task commands and
insta snapshots, llmling-agent's sub-agent file; and the chat framing of Dotprompt/Continue ``.prompt`` files (round
10's known gap; the Genkit cases are in tests/test_sources_config_round10.py).

Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens are the texts the files hold, read here with
PyYAML and regexes and counted with tiktoken, without pcache."""

from __future__ import annotations

import re

import pytest
import yaml

from pcache.analyzers.sources.load import load_paths

from fixture_trees import by_file as _by_file, clone as _clone, head_tokens as _head_tokens, tokens as _tokens


def _variables(prompt) -> list[str]:
    return [s.name for s in prompt.segments if s.kind == "variable"]


def _front_and_body(text: str) -> tuple[dict, str]:
    m = re.match(r"\A---\n(.*?)^---\n", text, re.S | re.M)
    return yaml.safe_load(m.group(1)), text[m.end():]


# -- LlamaFarm: a prompt template's metadata (examples' inputs and expected outputs) is no prompt


@pytest.fixture(scope="module")
def llamafarm(tmp_path_factory):
    root = _clone(tmp_path_factory.mktemp("llamafarm"), "llamafarm")
    return root, _by_file(load_paths([str(root)]).prompts, root)


def test_template_metadata_examples_are_no_prompts(llamafarm):
    """``qa_basic.yaml``: ``template`` (Jinja, ``prompts/models/template.py``) is the prompt; ``metadata`` describes
    it, ``metadata.examples[0].input.query`` and ``.expected_output`` are an example's input and answer (blind: both
    reported, ``query`` as a section the template splices in by name)."""
    root, files = llamafarm
    rel = "prompts/templates/basic/qa_basic.yaml"
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    assert data["metadata"]["examples"][0]["expected_output"] and data["metadata"]["examples"][0]["input"]["query"]
    (p,) = files[rel]
    assert p.container == "template" and p.syntax == "jinja"
    template = data["template"]
    first = re.search(r"\{\{.*?\}\}", template)
    assert _variables(p)[0] == "context | format_documents"
    assert abs(_head_tokens(p) - _tokens(template[:first.start()])) <= 1


# -- forge: Markdown agent and command definitions, eval task commands, insta snapshots


@pytest.fixture(scope="module")
def forge(tmp_path_factory):
    root = _clone(tmp_path_factory.mktemp("forge"), "forge")
    return root, _by_file(load_paths([str(root)]).prompts, root)


def test_agent_definition_body_is_the_prompt(forge):
    """``crates/forge_repo/src/agents/sage.md`` (a Cargo workspace's source): front matter (``id``, ``description``,
    ``tools``, ``user_prompt``: the agent's settings), then its system prompt.  Blind: skipped as a code project's
    prose; now read, its text the body (the front matter's ``{{event.name}}`` is no variable of it)."""
    root, files = forge
    rel = "crates/forge_repo/src/agents/sage.md"
    front, body = _front_and_body((root / rel).read_text(encoding="utf-8"))
    assert "description" in front and "tools" in front and "{{" in front["user_prompt"]
    (p,) = files[rel]
    assert not _variables(p)
    assert "".join(s.text for s in p.segments) == body


def test_command_definition_first_variable(forge):
    """``commands/github-pr-description.md`` (``name``, ``description``; the body is the command's prompt, Handlebars
    ``{{parameters}}``): its first variable counted from the body."""
    root, files = forge
    rel = "commands/github-pr-description.md"
    _front, body = _front_and_body((root / rel).read_text(encoding="utf-8"))
    (p,) = files[rel]
    assert _variables(p) == ["parameters"]
    assert abs(_head_tokens(p) - _tokens(body[:body.index("{{parameters}}")])) <= 1


def test_eval_task_run_line_and_snapshot_are_no_prompts(forge):
    """``benchmarks/evals/suggest/task.yml``'s ``run`` items are shell command lines (``forgee ... "{{prompt}}"``:
    filled by the harness, run by a shell); an insta ``.snap`` file is a test's recorded output."""
    root, files = forge
    rel = "benchmarks/evals/suggest/task.yml"
    run = yaml.safe_load((root / rel).read_text(encoding="utf-8"))["run"]
    assert any("{{prompt}}" in line for line in run)
    assert not [p for p in files.get(rel, []) if p.container and p.container.startswith("run")]
    assert not [f for f in files if f.endswith(".snap")]


def test_markdown_in_a_code_project_without_a_definition_stays_documentation(forge, tmp_path):
    """Guard: a Markdown page in ``commands/`` without front matter, and one whose front matter has no description,
    are a project's prose (skipped in a code project), not definitions."""
    root, _files = forge
    (root / "commands" / "NOTES.md").write_text("How the commands are released, for maintainers of this tool.\n")
    (root / "commands" / "draft.md").write_text("---\ntitle: Draft\n---\nWrite the release notes for the team.\n")
    files = _by_file(load_paths([str(root)]).prompts, root)
    assert "commands/NOTES.md" not in files and "commands/draft.md" not in files
    assert "commands/github-pr-description.md" in files


# -- llmling-agent: a sub-agent file named as one


def test_subagent_file_named_as_an_agent(tmp_path):
    """``config_resources/claude_style_subagent.md`` (Claude Code's sub-agent format: ``name``, ``description``,
    ``tools``, ``model``; the body is its system prompt) in a Python project: read, its text the body."""
    root = _clone(tmp_path, "llmling-agent")
    rel = "src/agentpool/config_resources/claude_style_subagent.md"
    front, body = _front_and_body((root / rel).read_text(encoding="utf-8"))
    assert {"name", "description", "tools"} <= set(front)
    files = _by_file(load_paths([str(root)]).prompts, root)
    (p,) = files[rel]
    assert "".join(s.text for s in p.segments) == body


# -- Continue's <system> block (continuedev/continue core/promptFiles/parsePromptFile.vitest.ts's input)


def test_continue_system_block_is_the_system_message(tmp_path):
    """``<system>You are helpful</system>\\nSummarize the file``: Continue sends ``You are helpful`` as the system
    message and ``Summarize the file`` as the user's (both trimmed, ``parsePromptFileV1V2``), each framed."""
    path = tmp_path / "greeting.prompt"
    path.write_text("<system>You are helpful</system>\nSummarize the file")
    (p,) = load_paths([str(path)]).prompts
    parts = [(s.part, s.text) for s in p.segments if s.kind == "static" and s.part in ("system", "user")]
    assert parts == [("system", "system"), ("system", "You are helpful"), ("user", "user"), ("user", "Summarize the file")]
    from pcache.analyzers.tokenizer import encoding_for, tokenize_prompts

    (tp,) = tokenize_prompts([p], encoding_for("gpt-4o"))
    want = (3 + _tokens("You are helpful") + 1) + (3 + _tokens("Summarize the file") + 1) + 3
    assert len(tp.tokens) == want


def test_continue_unclosed_system_tag_is_text(tmp_path):
    """Guard (the same test file's second case): ``<system>`` without ``</system>`` is no block; the file stays a
    project's own text (no front matter, no markers), counted as written."""
    path = tmp_path / "broken.prompt"
    text = "<system>You forgot to close the tag\nSummarize the file"
    path.write_text(text)
    (p,) = load_paths([str(path)]).prompts
    assert "".join(s.text for s in p.segments) == text


def test_site_page_named_as_an_agent_stays_documentation(tmp_path):
    """Guard: a documentation site's page named as an agent (Docusaurus front matter ``id``, ``title``,
    ``description``: VoltAgent's ``website/recipes/airtable-agent.md``) says nothing that runs it (no ``tools``, no
    ``model``): a project's prose, skipped; the same page with ``tools`` is an agent's definition."""
    root = tmp_path / "proj"
    (root / "website" / "recipes").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "package.json").write_text('{"name": "proj"}\n')
    page = root / "website" / "recipes" / "airtable-agent.md"
    page.write_text("---\nid: airtable-agent\ntitle: Airtable Agent\ndescription: Listen to Airtable record events.\n"
                    "---\n\nThis recipe shows how to enrich rows and write them back.\n")
    assert not load_paths([str(root)]).prompts
    page.write_text("---\nname: airtable-agent\ndescription: Listen to Airtable record events.\ntools: Read\n"
                    "---\n\nYou enrich Airtable rows and write them back.\n")
    (p,) = load_paths([str(root)]).prompts
    assert "".join(s.text for s in p.segments) == "\nYou enrich Airtable rows and write them back.\n"

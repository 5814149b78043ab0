"""False findings of the root lint of session 2026-12-01 07:13 (helper roots14; benchmarks/PROMPT_DISCOVERY.md,
"Root lint, session 2026-12-01 07:13"), each on a cut of the real file: the known list of roots12/roots13
(in-sample) and what the blind roots of this session showed."""

from __future__ import annotations

import re
from pathlib import Path

import tiktoken

from test_root_lint11 import _project_lint  # the folder linted as `pcache lint ROOT` does

CODE = Path(__file__).resolve().parent / "fixtures" / "code"


def test_a_chainlite_prompt_file_is_a_whole_request(tmp_path):
    """WikiChat's ``pipelines/prompts/refine.prompt`` is a ChainLite prompt: ``# instruction`` (the system
    message), ``# distillation instruction``, and one ``# input`` block, the final user message, where
    ``{{ dlg.history(num_turns=2) }}`` renders the dialogue so far.  ``llm_generation_chain("refine.prompt",
    ...)`` sends the blocks as one request (ChainLite's ``load_prompt.py``: "The order of few-shot blocks in
    the prompt should be ((input -> output) * N) -> input"); nothing follows the last input.  Before: the file
    was a head, the history per-turn by its name at token ~311, a PC101 error of 12,544 tokens per
    conversation at WikiChat's root."""
    from pcache.analyzers.conversation import prompt_position

    root = CODE / "wikichat-chainlite"
    path = root / "pipelines" / "prompts" / "refine.prompt"
    text = path.read_text(encoding="utf-8")
    # the blocks as ChainLite reads them, by hand: instruction, distillation instruction, one input
    assert re.findall(r"(?m)^# (\w[\w ]*)$", re.sub(r"\{#.*?#\}", "", text, flags=re.S)) == [
        "instruction", "distillation instruction", "input"]
    prompts, index, found = _project_lint(root)
    (prompt,) = prompts
    assert prompt_position(prompt, project=index) == "whole"
    assert not [f for f in found if f.severity == "error"]
    # as a whole request the static text alone decides: below 1,024 tokens (tiktoken on the text without
    # its Jinja), so no variable costs a cached token
    enc = tiktoken.get_encoding("o200k_base")
    static = re.sub(r"\{\{.*?\}\}|\{#.*?#\}", "", text, flags=re.S)
    assert len(enc.encode(static)) < 1024
    pc101 = [f for f in found if f.code == "PC101"]
    assert pc101 and all(f.cost_tokens_per_conversation == 0 for f in pc101)

    # the same text with its last block an output is not laid out as ChainLite requires: a head again,
    # and the per-turn history is an error
    broken = tmp_path / "pipelines" / "prompts"
    broken.mkdir(parents=True)
    (broken / "refine.prompt").write_text(text + "\n# output\n<revised_response>\n</revised_response>\n",
                                          encoding="utf-8")
    prompts, index, found = _project_lint(tmp_path)
    assert prompt_position(prompts[0], project=index) == "head"
    assert [f.code for f in found if f.severity == "error"] == ["PC101"]


def test_a_url_path_parameter_is_no_template_field(tmp_path):
    """LangBot's QA cases (``skills/skills/langbot-testing/cases/*.yaml``) hold an ``automation_prompt`` (the
    message a browser test sends) and ``diagnostics``, notes for the tester: "Use GET
    /api/v1/pipelines/{uuid} only to confirm ...".  The prompt key made the file's templated fields count,
    and ``{uuid}`` made the note a format template: a PC101 error of 9,728 tokens per conversation on each of
    three such files at LangBot's root (blind).  ``{uuid}`` is a whole segment of a URL path, OpenAPI's path
    templating: a route's parameter, not a field a prompt fills."""
    from pcache.analyzers.sources.load import load_paths

    root = CODE / "langbot-case"
    path = root / "skills" / "skills" / "langbot-testing" / "cases" / "local-agent-basic-debug-chat.yaml"
    text = path.read_text(encoding="utf-8")
    assert "/api/v1/pipelines/{uuid} only" in text
    corpus = load_paths([str(root)])
    assert [p.container for p in corpus.prompts] == ["automation_prompt"]
    # the same note with a placeholder in its prose is still a template of the file
    other = tmp_path / "case.yaml"
    other.write_text(text.replace("{uuid} only", "{uuid} only for {model_name}"), encoding="utf-8")
    corpus = load_paths([str(other)])
    assert sorted(p.container for p in corpus.prompts) == ["automation_prompt", "diagnostics[1]"]

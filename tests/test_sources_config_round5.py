"""Config fields and template files of the fifth blind config round (issue #11, benchmarks/config_blind9):
a model's chat template (the Jinja program that frames every message in a model's tokens: Hugging
Face's ``chat_template``) is message framing, not a prompt.  GPT4All keeps one per model in
``models3.json`` next to the model's system message; text-generation-webui and vLLM ship them as
files.  Read as prompts they were 25 PC101 errors at GPT4All's root ("11,904 cached tokens lost per
conversation" for the loop that renders the history, which is what caching reuses).  Inputs are cuts of
the real files (tests/fixtures/SOURCES.md); goldens are the values read with json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pcache.analyzers.sources.load import load_paths

FIX = Path(__file__).resolve().parent / "fixtures" / "agents"


def test_a_models_chat_template_field_is_no_prompt_its_system_message_is(tmp_path):
    """GPT4All's model list: each entry's ``chatTemplate`` (one with ``add_generation_prompt``, one
    telling the model's roles apart with ``raise_exception`` only) is framing; the Wizard entry's
    ``systemMessage`` is its system prompt, read whole."""
    root = tmp_path / "metadata"
    shutil.copytree(FIX / "gpt4all", root)
    loaded = load_paths([str(root)])
    found = {p.container: p for p in loaded.prompts}
    assert not any(c.endswith("chatTemplate") for c in found), sorted(found)
    entries = json.loads((root / "models3.json").read_text())
    system = found["[1].systemMessage"]
    text = "".join(s.text for s in system.segments)
    assert text == entries[1]["systemMessage"] and system.kind == "text"


def test_a_chat_template_file_found_by_a_walk_is_skipped_and_named_is_one_line(tmp_path):
    """vLLM's ``examples/template_chatml.jinja`` and text-generation-webui's instruction template
    ``ChatML.yaml`` (``instruction_template:``): nothing to report when a walk finds them; named on the
    command line, one "no prompts" line that says why."""
    root = tmp_path / "repo"
    shutil.copytree(FIX / "vllm", root / "vllm")
    shutil.copytree(FIX / "tgw-instruction-templates", root / "instruction-templates")
    walked = load_paths([str(root)])
    assert walked.prompts == [] and walked.errors == []
    for named in (root / "vllm/templates/template_chatml.jinja", root / "instruction-templates/ChatML.yaml"):
        loaded = load_paths([str(named)])
        assert loaded.prompts == []
        assert len(loaded.errors) == 1 and "no prompts" in loaded.errors[0].message
        assert "chat template" in (loaded.errors[0].hint or "")

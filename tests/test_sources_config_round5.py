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
from token_helpers import first_token as _first_token, tokens as _tokens

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


# -- second split: a .NET service's JSON-with-comments settings, .NET project folders, a CLI's REPL prompts

def _jsonc(text: str):
    """JSON with comments, read independently of pcache: ``//`` comments outside strings removed."""
    import re

    return json.loads(re.sub(r'("(?:[^"\\]|\\.)*")|//[^\n]*', lambda m: m.group(1) or "", text))


def test_prompts_in_a_json_with_comments_settings_file_are_read(tmp_path):
    """chat-copilot keeps its prompts in the ``Prompts`` section of ``webapi/appsettings.json``, JSON with
    ``//`` comments as .NET's configuration reads it; such a file was skipped whole.  Each field is
    one prompt; Semantic Kernel fills the file, so ``{{TimePlugin.Now}}`` (a kernel function, valid
    Jinja too) is read as SK like the ``{{$knowledgeCutoff}}`` beside it."""
    root = tmp_path / "chat-copilot"
    shutil.copytree(FIX / "chat-copilot", root)
    settings = root / "webapi/appsettings.json"
    values = _jsonc(settings.read_text())["Prompts"]
    found = {p.container: p for p in load_paths([str(root)]).prompts}
    for key in ("SystemDescription", "SystemResponse", "SystemIntent", "SystemIntentContinuation",
                "SystemCognitive", "MemoryContinuation", "LongTermMemoryExtraction"):
        assert f"Prompts.{key}" in found, sorted(found)
    assert not any(c.endswith(("TokenLimit", "MemoryName", "IndexName")) for c in found)
    description = found["Prompts.SystemDescription"]
    assert description.syntax == "sk"
    head = values["SystemDescription"].split("{{$knowledgeCutoff}}")[0]
    assert _first_token(description) == _tokens(head)
    assert found["Prompts.SystemIntentContinuation"].syntax == "sk"
    lines = settings.read_text().splitlines()
    assert '"SystemDescription"' in lines[description.line - 1]


def test_a_dotnet_project_folder_is_a_code_project(tmp_path):
    """kernel-memory's example folders hold a ``.csproj`` and the documents the example ingests
    (``file1-Wikipedia-Carbon.txt``): data, not prompts; the service's ``Prompts/summarize.txt``
    (Semantic Kernel) and the ``DefaultSystemPrompt`` of its ``appsettings.json`` (JSON with comments) are
    its prompts."""
    root = tmp_path / "km"
    shutil.copytree(FIX / "kernel-memory", root)
    found = {Path(p.path).relative_to(root).as_posix() + (f":{p.container}" if p.container else ""): p
             for p in load_paths([str(root)]).prompts}
    assert set(found) == {"service/Core/Prompts/summarize.txt",
                          "service/Service/appsettings.json:KernelMemory.Services.Anthropic.DefaultSystemPrompt"}
    summarize = found["service/Core/Prompts/summarize.txt"]
    text = (root / "service/Core/Prompts/summarize.txt").read_text()
    assert summarize.syntax == "sk" and _first_token(summarize) == _tokens(text.split("{{$input}}")[0])


def test_a_command_lines_left_and_right_prompts_are_no_llm_prompts(tmp_path):
    """aichat's ``config.example.yaml``: ``summarize_prompt`` and ``summary_prompt`` reach the model;
    ``left_prompt``/``right_prompt`` are the REPL's terminal prompts (``{color.green}...``)."""
    root = tmp_path / "aichat"
    shutil.copytree(FIX / "aichat", root)
    found = {p.container: p for p in load_paths([str(root)]).prompts}
    assert set(found) == {"summarize_prompt", "summary_prompt"}


def test_a_request_body_with_a_trailing_comma_named_is_still_an_invalid_json_error(tmp_path):
    """Reading JSON with comments as settings must not make a broken request body (a recorded crewAI
    request, shared corpus, with one trailing comma added: the API would refuse it) read as config
    fields: named, it stays one "invalid JSON" error at its line."""
    from conftest import SHARED

    recorded = SHARED / "corpora/crewai-vcr/openai_chat_completions.jsonl"
    body = json.loads(recorded.read_text().splitlines()[0])["request"]
    text = json.dumps(body, indent=2)
    broken = text[:text.rindex("}")].rstrip() + ",\n}\n"
    path = tmp_path / "request.json"
    path.write_text(broken)
    loaded = load_paths([str(path)])
    assert loaded.prompts == []
    (err,) = loaded.errors
    assert err.message.startswith("invalid JSON") and err.line == broken.count("\n")

"""Config fields, prompt folders and repository roots of the fourth blind config round (issue #11,
benchmarks/config_blind8): alpaca_eval's templates named by `prompt_template:`, UFO's prompt folder
(`str.format` prompts holding escaped braces, an action list, `prompts/third_party/`), SillyTavern's
context templates, text-generation-webui's characters, and the noise a repository root gave (paths under
prompt names, a documentation site's pages about prompts, READMEs of a part, a locale's option help).
Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens are tiktoken on the values read
with PyYAML/json, never pcache's own counts."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.sources.template import detect_from_content
from token_helpers import first_token as _first_token, tokens as _tokens

FIX = Path(__file__).resolve().parent / "fixtures" / "agents"


def _rel(root: Path, prompts) -> dict[str, object]:
    return {Path(p.path).relative_to(root).as_posix() + (f":{p.container}" if p.container else ""): p
            for p in prompts}


def test_a_template_file_a_config_names_as_its_prompt_is_read(tmp_path):
    """alpaca_eval keeps each judge's and each model's template in a `.txt` that its `configs.yaml`
    names (`prompt_template: "alpaca_eval_gpt4/alpaca_eval.txt"`, resolved against the configs'
    folder); in a code project a `.txt` whose name does not say prompt was never read.  alpaca_eval
    fills `{instruction}` by replacing it."""
    root = tmp_path / "alpaca_eval"
    shutil.copytree(FIX / "alpaca-eval", root)
    (root / "setup.py").write_text("from setuptools import setup\nsetup(name='alpaca_eval')\n")
    judge = root / "src/alpaca_eval/evaluators_configs/alpaca_eval_gpt4"
    (judge / "notes.txt").write_text("Results of the March run: the judge agreed with humans 69% of the time.\n")
    found = _rel(root, load_paths([str(root)]).prompts)
    assert set(found) == {"src/alpaca_eval/evaluators_configs/alpaca_eval_gpt4/alpaca_eval.txt",
                          "src/alpaca_eval/models_configs/claude-2.1_concise/prompt_concise.txt"}
    concise = found["src/alpaca_eval/models_configs/claude-2.1_concise/prompt_concise.txt"]
    text = (root / "src/alpaca_eval/models_configs/claude-2.1_concise/prompt_concise.txt").read_text()
    assert concise.syntax == "format"
    assert _first_token(concise) == _tokens(text[:text.index("{instruction}")])
    # what the user excludes stays out, referenced or not
    kept = _rel(root, load_paths([str(root)], exclude=["prompt_concise.txt"]).prompts)
    assert set(kept) == {"src/alpaca_eval/evaluators_configs/alpaca_eval_gpt4/alpaca_eval.txt"}


def test_str_format_prompts_with_escaped_json_braces_are_not_jinja():
    """UFO's host agent prompt writes a JSON example with `str.format`'s escapes (`{{id: "the unique
    identifier", ...}}`) beside `{third_party_instructions}`: no Jinja expression is written like that,
    so the field is a format template, and so is the file's `user` prompt (one engine per file)."""
    path = FIX / "ufo/ufo/prompts/share/base/host_agent.yaml"
    data = yaml.safe_load(path.read_text())
    found = {p.container: p for p in load_paths([str(path)]).prompts}
    system, user = found["system"], found["user"]
    assert (system.syntax, user.syntax) == ("format", "format")
    assert _first_token(system) == _tokens(data["system"][:data["system"].index("{third_party_instructions}")])
    assert _first_token(user) == _tokens(data["user"][:data["user"].index("{control_item}")])
    # Jinja and Handlebars tags stay what they are; in code, the call that fills a text decides
    assert detect_from_content("Hello {{ user.name }}, you asked {count} times.", unseen_loader=True) == "jinja"
    assert detect_from_content("{{#if system}}{{system}}\n{{/if}}Scenario: {x}", unseen_loader=True) == "handlebars"
    assert detect_from_content(data["system"], unseen_loader=True) == "format"
    assert detect_from_content(data["system"]) != "format"


def test_a_prompt_folders_action_list_is_prompt_text():
    """UFO's `prompts/share/base/api.yaml`: each action's `summary` and `usage`, formatted into the
    agents' system prompts as the list of actions; `class_name` is an identifier."""
    path = FIX / "ufo/ufo/prompts/share/base/api.yaml"
    found = {p.container for p in load_paths([str(path)]).prompts}
    assert found == {"click_input.summary", "click_input.usage", "click_on_coordinates.summary",
                     "click_on_coordinates.usage"}


def _ufo_root(tmp_path: Path) -> Path:
    root = tmp_path / "UFO"
    shutil.copytree(FIX / "ufo", root)
    (root / ".git").mkdir()
    return root


def test_a_repository_root_reads_prompts_only(tmp_path):
    """At UFO's root (a repository without a build manifest): the prompts of `prompts/third_party/`
    (third-party agents' prompts, not vendored code) are read; config paths under prompt names
    (`PREFILL_PROMPT: "dataflow/prompts/instantiation/{mode}/prefill.yaml"`), the MkDocs site's pages
    about prompts (`documents/docs/ufo2/prompts/overview.md`), a part's README (`README_CONFIG.md`) and
    `DISCLAIMER.md` are not.  A vendored `third_party/` outside a prompt folder stays skipped."""
    root = _ufo_root(tmp_path)
    (root / "third_party" / "lib").mkdir(parents=True)
    shutil.copy(root / "ufo/prompts/third_party/linux_agent.yaml", root / "third_party/lib/system_prompt.yaml")
    found = set(_rel(root, load_paths([str(root)]).prompts))
    assert {"ufo/prompts/third_party/linux_agent.yaml:system", "ufo/prompts/third_party/linux_agent.yaml:user"} <= found
    assert not any(f.startswith(("dataflow/config/", "documents/", "ufo/tools/", "DISCLAIMER", "third_party/"))
                   for f in found), found


def test_sillytavern_context_templates_and_system_prompts():
    """SillyTavern's context template: its `story_string` (Handlebars) is the top of a text-completion
    prompt; `chat_start` and `example_separator` are separators.  Its system prompt presets (`content`)
    were read before and still are."""
    path = FIX / "sillytavern/presets/context/Alpaca.json"
    found = {p.container: p for p in load_paths([str(path)]).prompts}
    assert set(found) == {"story_string"}
    assert found["story_string"].syntax == "handlebars" and _first_token(found["story_string"]) == 0
    actor = FIX / "sillytavern/presets/sysprompt/Actor.json"
    (prompt,) = load_paths([str(actor)]).prompts
    content = json.loads(actor.read_text())["content"]
    assert _first_token(prompt) == _tokens(content[:content.index("{{char}}")])


def test_a_text_generation_webui_characters_context_is_its_persona():
    path = FIX / "tgw-characters/Example.yaml"
    data = yaml.safe_load(path.read_text())
    found = {p.container: p for p in load_paths([str(path)]).prompts}
    assert set(found) == {"context"}  # the greeting is the bot's first chat message
    assert _first_token(found["context"]) == _tokens(data["context"][:data["context"].index("{{user}}")])


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_files_git_tracks_are_read_though_gitignore_names_them(tmp_path):
    """text-generation-webui ignores `/user_data` and commits the characters it ships there: git
    ignores untracked files only, so a committed file is read and an untracked one is not."""
    root = tmp_path / "tgw"
    chars = root / "user_data" / "characters"
    chars.mkdir(parents=True)
    (root / ".gitignore").write_text("/user_data\n")
    shutil.copy(FIX / "tgw-characters/Example.yaml", chars / "Example.yaml")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-f", "user_data/characters/Example.yaml", ".gitignore"], check=True)
    subprocess.run([*git, "commit", "-qm", "ship a character"], check=True)
    shutil.copy(FIX / "tgw-characters/Example.yaml", chars / "Mine.yaml")  # the user's own, untracked
    found = set(_rel(root, load_paths([str(root)]).prompts))
    assert found == {"user_data/characters/Example.yaml:context"}


def test_a_locales_option_help_is_no_prompt(tmp_path):
    """SillyTavern's `locales/ru-ru.json`: `context_allow_post_history_instructions` is the help of an
    option's switch, two sentences that mention the prompt."""
    root = tmp_path / "st"
    shutil.copytree(FIX / "sillytavern/locales", root / "public" / "locales")
    assert load_paths([str(root)]).prompts == []


def test_slots_a_loader_replaces_beside_a_json_example():
    """alpaca_eval's judge template writes the answer's shape as a Python dict (`{'model': <model-name>,
    'rank': <model-rank>}`), which `str.format` rejects; alpaca_eval fills each `{key}` by replacing it,
    so `{instruction}` is the first variable.  LaTeX (`\\boxed{answer}`) and a brace group without spaces
    or quotes are no such slots."""
    path = FIX / "alpaca-eval/src/alpaca_eval/evaluators_configs/alpaca_eval_gpt4/alpaca_eval.txt"
    text = path.read_text()
    (prompt,) = load_paths([str(path)]).prompts
    assert prompt.syntax == "format"
    assert [v.text for v in prompt.variables] == ["{instruction}", "{output_1}", "{output_2}"]
    assert _first_token(prompt) == _tokens(text[:text.index("{instruction}")])
    assert detect_from_content("Put the result in \\boxed{answer} as {'a': 1}.", unseen_loader=True) == "none"
    assert detect_from_content("Use {x} and {y,z}.", unseen_loader=True) == "none"
    # UFO's api.yaml: pywinauto key codes beside a field-like `{VK_CONTROL}` (no object is shown)
    assert detect_from_content('keys: "{VK_CONTROL}c" copies, "{TAB 2}" tabs twice', unseen_loader=True) == "none"
    # a nested object: the outer group holds only the inner one
    assert detect_from_content('Rank them:\n[\n  {\n    {"model": "m1"}\n  }\n]\nfor {x}', unseen_loader=True) == "format"
    assert detect_from_content(text) == "none"  # in code, Python's str.format decides

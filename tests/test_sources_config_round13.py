"""What the thirteenth config round found (issue #11, benchmarks/PROMPT_DISCOVERY.md, "Config round 13, session 18"):
readme-ai's prompts in TOML filled by ``str.format`` with positional fields (``{0}``) beside a draft written with
``{{name}}``, and its README header templates (HTML); Haystack pipeline YAML (hayhooks) whose ``ChatPromptBuilder``
templates use Haystack's ``{% message %}`` tag.

Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens are the texts the files hold, read here with
tomllib and PyYAML and counted with tiktoken, without pcache."""

from __future__ import annotations

import tomllib

import pytest
import yaml

from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.sources.prompt_names import holds_template_syntax

from fixture_trees import by_file as _by_file, clone as _clone, head_tokens as _head_tokens, tokens as _tokens


def _variables(prompt) -> list[str]:
    return [s.name for s in prompt.segments if s.kind == "variable"]


# -- readme-ai: positional fields, the file's engine, HTML templates


@pytest.fixture(scope="module")
def readme_ai(tmp_path_factory):
    root = _clone(tmp_path_factory.mktemp("readme-ai"), "readme-ai")
    return root, _by_file(load_paths([str(root)]).prompts, root)


PROMPTS = "readmeai/config/settings/prompts.toml"


def test_positional_fields_make_a_format_prompt(readme_ai):
    """``tagline``: ``Create a memorable tagline for {0} ... PROJECT_TYPE: {1} ... FILE_CONTENTS: {2}``, filled by
    ``template.format(*[context[key] for key in context])`` (readme-ai ``models/prompts.py``).  Blind: read as plain
    text (a text with only digit fields was never a format string), its first variable not found."""
    root, files = readme_ai
    value = tomllib.loads((root / PROMPTS).read_text(encoding="utf-8"))["prompts"]["tagline"]
    prompt = next(p for p in files[PROMPTS] if p.container == "prompts.tagline")
    assert prompt.syntax == "format"
    assert _variables(prompt)[:3] == ["0", "0", "1"]
    assert _head_tokens(prompt) == _tokens(value[:value.index("{0}")])
    file_summary = tomllib.loads((root / PROMPTS).read_text(encoding="utf-8"))["prompts"]["file_summary"]
    prompt = next(p for p in files[PROMPTS] if p.container == "prompts.file_summary")
    assert prompt.syntax == "format" and _head_tokens(prompt) == _tokens(file_summary[:file_summary.index("{0}")])


def test_the_file_is_read_with_the_engine_most_of_its_prompts_use(readme_ai):
    """``logo`` (``{project_name}``, filled by ``.format(project_name=...)`` in ``models/dalle.py``) sits beside
    ``_file_summary``, a draft written with ``{{file_path}}`` only.  Blind: the one Jinja-looking field made the
    whole file Jinja, so ``{project_name}`` was text.  Three format prompts against one: the file is ``str.format``'s,
    and the draft's doubled braces are its escapes (text, no variable)."""
    root, files = readme_ai
    data = tomllib.loads((root / PROMPTS).read_text(encoding="utf-8"))["prompts"]
    assert "{{file_path}}" in data["_file_summary"] and "{project_name}" in data["logo"]
    by_key = {p.container: p for p in files[PROMPTS]}
    assert by_key["prompts.logo"].syntax == "format" and _variables(by_key["prompts.logo"])[0] == "project_name"
    assert _head_tokens(by_key["prompts.logo"]) == _tokens(data["logo"][:data["logo"].index("{project_name}")])
    assert not _variables(by_key["prompts._file_summary"])


def test_a_lone_or_gapped_index_is_no_format_field():
    """Guards: one ``{0}``, indices with a gap (a regex quantifier ``\\d{4}`` beside ``{0}``) or LaTeX's
    ``\\frac{1}{2}`` are the text's own braces; ``{0}``...``{2}`` in order are a call's arguments."""
    assert holds_template_syntax("Summarize the file {0} in one sentence.", unseen_loader=True) is None
    assert holds_template_syntax("Match \\d{4}, then {0} and {1}, then {3}.", unseen_loader=True) is None
    assert holds_template_syntax("Half is \\frac{1}{2}; the value is {0}.", unseen_loader=True) is None
    assert holds_template_syntax("PROJECT: {0}\nLANGUAGE: {1}\nCODE: {2}", unseen_loader=True) == "format"
    assert holds_template_syntax("PROJECT: {0}\nLANGUAGE: {1}\nCODE: {2}") is None  # a loader in view decides


def test_html_header_templates_are_no_prompts(readme_ai):
    """``templates/headers.toml``: ``[header_styles.ascii] template = "<!-- HEADER STYLE: ASCII -->\\n<div
    align="{align}">\\n{logo}..."``: the README's header markup (blind: every style reported as a prompt, the key
    ``template`` alone).  Named, the file holds no prompt."""
    root, files = readme_ai
    rel = "readmeai/config/settings/templates/headers.toml"
    data = tomllib.loads((root / rel).read_text(encoding="utf-8"))
    assert all("<div" in s["template"] for s in data["header_styles"].values())
    assert rel not in files
    named = load_paths([str(root / rel)])
    assert not named.prompts and "no prompts" in named.errors[0].message


# -- hayhooks: Haystack's {% message %} tag


@pytest.fixture(scope="module")
def hayhooks(tmp_path_factory):
    return _clone(tmp_path_factory.mktemp("hayhooks"), "hayhooks")


def test_haystack_message_tag_is_a_jinja_template(hayhooks):
    """``ChatPromptBuilder``'s ``template: |\\n {% message role="user" %}\\n According to the contents of this
    website:\\n {% for document in documents %}...``: Haystack's chat-message tag (``jinja2_chat_extension.py``).
    Blind: "Encountered unknown tag 'message'", read as plain text with a warning.  The message's content is the text
    sent: the head is the text between the tag and the loop."""
    rel = "examples/pipeline_wrappers/chat_with_website/chat_with_website.yml"
    value = yaml.safe_load((hayhooks / rel).read_text(encoding="utf-8"))["components"]["prompt"]["init_parameters"]["template"]
    loaded = load_paths([str(hayhooks / rel)])
    assert not loaded.errors
    (prompt,) = loaded.prompts
    assert prompt.container == "components.prompt.init_parameters.template" and prompt.syntax == "jinja"
    assert _variables(prompt)[0] == "for document in documents"
    tag_end = value.index("%}") + 2
    assert abs(_head_tokens(prompt) - _tokens(value[tag_end:value.index("{% for")].lstrip("\n"))) <= 1


def test_a_message_holding_only_a_variable_is_no_prompt(hayhooks):
    """``{% message role="user" %}\\n{{ question }}\\n{% endmessage %}``: no text of its own."""
    rel = "tests/test_files/yaml/broken/broken_rag_pipeline.yml"
    loaded = load_paths([str(hayhooks / rel)])
    assert not loaded.prompts and "no prompts" in loaded.errors[0].message


# -- Microsoft Agent Framework (round 12's leftover): a function's argument named ``template``


def test_a_function_calls_template_argument_is_no_prompt(tmp_path):
    """``InvokeFunctionTool`` with ``arguments: {template: "The weather in {location} is {temp}°{unit}", data: ...}``:
    the registered function's parameters (round 12, in-sample: the one real false positive left).  The workflow holds
    no prompt; the declarative agent beside it keeps its ``instructions``."""
    root = _clone(tmp_path, "agent-framework")
    rel = "workflows/invoke_function_tool/workflow.yaml"
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    (call,) = [a for a in data["actions"] if a.get("kind") == "InvokeFunctionTool" and "template" in a["arguments"]]
    assert "{location}" in call["arguments"]["template"]
    files = _by_file(load_paths([str(root)]).prompts, root)
    assert rel not in files
    assert [p.container for p in files["declarative-agents/GetWeather.yaml"]] == ["instructions"]

"""JS/TS prompts the loader missed or named wrongly on measure-26's projects (issue #11; in-sample, read after the
blind figure of measure-26: benchmarks/LABEL_AGREEMENT.md "measure-25/26: the loader's misses read"), each on the
project's own file (tests/fixtures/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"


def by_container(run_json, path) -> dict:
    return {p["container"]: p for p in run_json("scan", path)["prompts"]}


def test_the_text_member_of_each_prompt_definition_in_a_list_named_for_prompts_is_a_prompt(run_json):
    # Wingman shared.ts: `export const defaultPrompts: PromptDefinition[] = [{modeId, category, title,
    # description, message: `${CODE_HAVE}...`}, ...]`: each item defines a prompt, its `message` is the text
    # the command sends (the title and description are shown in the picker, not sent)
    got = by_container(run_json, EVAL / "wingman" / "shared.ts")
    messages = sorted(c for c in got if c.startswith("defaultPrompts["))
    assert messages and all(c.endswith("].message") for c in messages)
    # items are counted without the comments between them (`// Programming: Refactoring` opens the list):
    # the first item, at line 209, is [0]
    assert got["defaultPrompts[0].message"]["line"] == 209
    assert got["defaultPrompts[2].message"]["line"] == 223
    assert got["defaultPrompts[2].message"]["variables"][0]["name"] == "language"


def test_a_list_not_named_for_prompts_gives_no_prompt_of_its_items(run_json):
    # the same file's `defaultModes: Mode[] = [{id, label}]` holds labels a person picks from
    got = by_container(run_json, EVAL / "wingman" / "shared.ts")
    assert not [c for c in got if c.startswith("defaultModes")]


def test_a_prompt_name_qualified_by_a_with_or_without_phrase_is_a_prompt(run_json):
    # rag-chat constants.ts: `DEFAULT_PROMPT_WITHOUT_RAG: CustomPrompt = ({ question, chatHistory }) => `...``
    # beside `DEFAULT_PROMPT`: the prompt used when no vector store is configured; "without RAG" qualifies the
    # head noun `PROMPT` as English puts a preposition's phrase after the noun it qualifies
    got = by_container(run_json, EVAL / "rag-chat" / "src" / "constants.ts")
    assert got["DEFAULT_PROMPT_WITHOUT_RAG"]["variables"][0]["name"] == "chatHistory"


def test_the_with_phrase_qualifies_only_a_prompt_word():
    from pcache.analyzers.sources.prompt_names import says_prompt

    assert says_prompt("system_prompt_with_tools") and says_prompt("promptWithoutHistory")
    # the head before `with` is not a prompt word: a count, an id
    assert not says_prompt("system_prompt_tokens_with_cache") and not says_prompt("template_id_without_version")


def test_a_tag_of_a_name_and_a_label_is_one_placeholder(run_json):
    # Wingman shared.ts: `{{input:What modification do you want to make?}}` beside `{{language}}`: the extension asks
    # the user the label's question and puts the answer there; Jinja cannot parse it, so the whole message was text
    got = by_container(run_json, EVAL / "wingman" / "shared.ts")
    names = [v["name"] for v in got["defaultPrompts[0].message"]["variables"]]
    assert names[:3] == ["language", "ft", "selection"]
    assert "input:What modification do you want to make?" in names


def test_a_jinja_slice_or_a_bare_colon_name_keeps_its_syntax():
    from pcache.analyzers.sources.template import detect_from_content

    assert detect_from_content("Show {{ items[1:3] }} to the user.") == "jinja"
    assert detect_from_content("History: {{MESSAGES:END:2}} then {{name}}") == "mustache"
    assert detect_from_content("Ask {{input:What is your question?}} about {{language}} code") == "mustache"

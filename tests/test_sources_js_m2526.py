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

"""Issue #12's measure-28 rows the JS loader did not read, besides MemFree's printf fills (test_sources_js_printf.py),
each on the project's own file (tests/fixtures/agents/eval, SOURCES.md). Goldens: the literal as Node evaluates it,
counted with tiktoken directly; positions from the file's text."""

from __future__ import annotations

import json
import subprocess

from test_sources_js_printf import MEMFREE, line_col, needs_node, scanned, stable_tokens

from conftest import ROOT

GPT_RUNNER = ROOT / "tests" / "fixtures" / "agents" / "eval" / "gpt-runner"


@needs_node
def test_an_enum_member_of_roles_says_the_speaker_under_any_key(run_json):
    # llm.chain.ts: `finalMessages.unshift({text: `Now I am user, ...\n\n${finalSystemPrompt}`, name: ChatRole.User},
    # ...)`: GPT-Runner's stored message names its speaker with `name`, a member of its ChatRole enum
    got = scanned(run_json, GPT_RUNNER)
    p = got["getLLMChain.unshift.text"]
    assert p["role"] == "user" and p["first_variable"]["name"] == "finalSystemPrompt"
    src = next(GPT_RUNNER.rglob("llm.chain.ts")).read_text()
    opening = "text: `"
    at = src.index(opening) + len(opening)
    body = src[at:src.index("${", at)]
    head = json.loads(subprocess.run(["node", "-e", "process.stdout.write(JSON.stringify(`" + body + "`))"],
                                     capture_output=True, text=True, check=True).stdout)
    assert p["static_prefix_tokens"] == stable_tokens(head)
    assert (p["first_variable"]["line"], p["first_variable"]["column"]) == line_col(src, src.index("${", at))
    # (the assistant's canned 'Ok' after it is no prompt)
    assert not [c for c in got if c.startswith("getLLMChain") and c not in (
        "getLLMChain.unshift.text", "getLLMChain.DEFAULT_SYSTEM_PROMPT")]


def test_a_prompt_inside_a_function_generating_a_thing_is_that_generation_prompt(run_json):
    # generate-ui.ts: `const prompt = util.format(UI_PROMPT, shadcnInstructions, searchContext)` inside `generateUI`,
    # sent as `system: prompt`: the UI is what the prompt generates, so `UI_PROMPT` is read (with its two fields)
    got = scanned(run_json, MEMFREE)
    p = got["UI_PROMPT"]
    assert [v["expression"] for v in p["variables"]] == ["shadcnInstructions", "searchContext"]
    src = (MEMFREE / "frontend/lib/tools/generate-ui.ts").read_text()
    at = src.index("const UI_PROMPT = `") + len("const UI_PROMPT = `")
    first = src.index("%s", at)
    assert (p["first_variable"]["line"], p["first_variable"]["column"]) == line_col(src, first)
    assert p["static_prefix_tokens"] == stable_tokens(src[at:first].replace("\\`", "`"))
    # (the local itself, the formatter's result, is no second prompt)
    assert "generateUI.prompt" not in got


def test_a_ui_prompt_outside_a_generating_scope_stays_excluded():
    from pcache.analyzers.sources.prompt_names import excluded_by_scope

    assert excluded_by_scope("prompt", ["renderUI"]) and excluded_by_scope("prompt", ["ui"])
    assert excluded_by_scope("template", ["generateHtml"])
    assert not excluded_by_scope("prompt", ["generateUI"])

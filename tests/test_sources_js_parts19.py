"""JS/TS prompts the nineteenth blind set missed (#11, parts19; in-sample now: benchmarks/PROMPT_DISCOVERY.md, "JS
set 19, parts19"): a `.reduce` initial text that a message sends, a member a file defines to send its parameter as a
user turn, and a literal handed to an imported function that sends it as a user turn.  Each on the project's own
files (tests/fixtures/SOURCES.md).  Goldens: the literal's text as Node evaluates it, counted with tiktoken directly.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from test_sources_js_known_misses11 import FIX, tokens

ZOD = FIX / "zod-gpt" / "completion.ts"
AGENT = FIX / "testing-agent"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="the golden is Node's reading of the literal")


def node_eval(expr: str, prelude: str = "") -> str:
    js = prelude + "\nprocess.stdout.write(JSON.stringify(" + expr + "))"
    return json.loads(subprocess.run(["node", "-e", js], capture_output=True, text=True, check=True).stdout)


def template_at(src: str, line: int) -> str:
    """The source of the template literal that opens on ``line`` (1-based), backticks included."""
    offset = sum(len(x) + 1 for x in src.split("\n")[:line - 1])
    start = src.index("`", offset)
    i = start + 1
    while src[i] != "`":
        i += 2 if src[i] == "\\" else 1
    return src[start:i + 1]


def by_line(run_json, path) -> dict:
    return {(p["file"].rsplit("/", 1)[-1], p["line"]): p for p in run_json("scan", path)["prompts"]}


@needs_node
def test_a_reduce_initial_text_sent_as_the_next_turn_is_a_prompt(run_json):
    # zod-gpt completion.ts: const issuesMessage = res.error.issues.reduce((prev, issue) => ... `${prev}\nThe issue
    # is at path ...` ..., hasFunctionCall ? `There is an issue ... calling the ${FunctionName} function ...` :
    # `There is an issue ... parsable JSON: ${schemaInstructions}`); then response.respond(issuesMessage), with
    # respond: (message, opt) => chat(model, [..., {role: hasFunctionCall ? 'tool' : 'user', content: message}])
    src = ZOD.read_text()
    got = by_line(run_json, ZOD)
    a, b = got[("completion.ts", 171)], got[("completion.ts", 172)]
    assert a["role"] == b["role"] == "user"
    # `${FunctionName}` is the module constant 'print': the first text has no variable
    want = node_eval(template_at(src, 171), "const FunctionName = 'print';")
    assert a["first_variable"] is None and a["tokens"] == tokens(want)
    # the second runs up to the schema, a variable
    head = template_at(src, 172).split("${schemaInstructions}")[0] + "`"
    assert b["first_variable"]["name"] == "schemaInstructions"
    # (the space before the schema goes with its first token, as o200k joins a space to the word after it)
    assert b["first_variable"]["token"] == tokens(node_eval(head).removesuffix(" "))
    # the callback's lines (`\nThe issue is: ${issue.message}.`) are data after it, not prompts of their own
    assert {line for (_f, line) in got} == {94, 119, 171, 172}


def test_a_literal_an_imported_function_sends_as_a_user_turn_is_a_prompt(run_json):
    # computer-use-loop.ts: sendInputToModel({...}, "continue"), imported from ../services/openai-cua-client, where
    # sendInputToModel({...}: ModelInput, userMessage?: string) pushes {role: "user", content: userMessage}: the
    # literal is that user turn, kept at one word (a message's whole text is no setting)
    got = by_line(run_json, AGENT)
    p = got[("computer-use-loop.ts", 103)]
    assert p["role"] == "user" and p["first_variable"] is None
    assert p["tokens"] == tokens("continue")
    # sendFunctionCallOutput(callId, previousResponseId, outputObj) sends no message: its arguments stay values
    assert [k for k in got if k[0] == "computer-use-loop.ts"] == [("computer-use-loop.ts", 103)]


def test_without_the_defining_file_nothing_is_made_up(tmp_path):
    # the loop scanned alone: what sendInputToModel does is not in the scan, so "continue" is a one-word value
    only = tmp_path / "lib"
    only.mkdir()
    shutil.copy(AGENT / "lib" / "computer-use-loop.ts", only)
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths
    loaded = load_paths([str(only / "computer-use-loop.ts")], SourceOptions())
    assert [p for p in loaded.prompts if p.line == 103] == []

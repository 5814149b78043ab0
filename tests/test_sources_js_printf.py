"""printf-style fills in JS/TS (analyzers/sources/js/printf.py): a text handed to Node's ``util.format`` (or sprintf-js,
or a project's own ``%s`` formatter) as its template has its fields filled by the call's other arguments, in order.
MemFree (tests/fixtures/agents/eval/memfree, SOURCES.md) keeps its prompts in ``lib/llm/prompt.ts`` and fills them with
``util.format(DirectAnswerPrompt, profile, context, history)`` in ``lib/tools/answer.ts``.  Goldens: what Node's own
``util.format`` makes of the literal (its source cut from the file, handed to ``node``), counted with tiktoken
directly; positions from the file's text."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import tiktoken

from conftest import ROOT

MEMFREE = ROOT / "tests" / "fixtures" / "agents" / "eval" / "memfree"
ENC = tiktoken.get_encoding("o200k_base")
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="the golden is Node's util.format")


def node_format(body: str, *values: str) -> str:
    """``util.format(`body`, ...values)`` as Node computes it (``body`` the literal's source, no ``${``)."""
    assert "${" not in body
    js = ("const util = require('util'); process.stdout.write(JSON.stringify(util.format(`" + body + "`, "
          + ", ".join(json.dumps(v) for v in values) + ")))")
    return json.loads(subprocess.run(["node", "-e", js], capture_output=True, text=True, check=True).stdout)


def literal_body(src: str, opening: str) -> str:
    """The source of the template literal opened by ``opening`` (ending with its backtick), up to its first ``${``."""
    at = i = src.index(opening) + len(opening)
    while src[i] != "`" and not src.startswith("${", i):
        i += 2 if src[i] == "\\" else 1
    return src[at:i]


def line_col(src: str, offset: int) -> tuple[int, int]:
    return src.count("\n", 0, offset) + 1, offset - (src.rfind("\n", 0, offset) + 1) + 1


def scanned(run_json, path) -> dict:
    return {p["path"].split(":", 1)[1]: p for p in run_json("scan", path)["prompts"]}


def loaded(folder, name: str):
    """The loader's prompt ``name`` of ``folder``'s project (its segments, which the JSON does not list)."""
    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths

    files = sorted(str(f) for f in folder.rglob("*") if f.is_file())
    js = [f for f in files if f.endswith(".ts")]
    return next(p for p in load_paths(js, SourceOptions(project=ProjectIndex(files))).prompts if p.container == name)


def head(prompt) -> str:
    """The static text before the first variable."""
    out = []
    for s in prompt.segments:
        if s.kind == "variable":
            break
        out.append(s.text)
    return "".join(out)


def stable_tokens(prefix: str) -> int:
    """The tokens of ``prefix`` that no value after it changes (the tokenizer's static prefix), as tiktoken
    encodes the prefix followed by values of several kinds: the count they all share."""
    runs = [ENC.encode(prefix + v) for v in ("x", " x", "  x", "\t", "\n", "\n\n", "\r\n", "1", "%", "```", "Hello")]
    n = 0
    while all(len(r) > n for r in runs) and len({r[n] for r in runs}) == 1:
        n += 1
    return n


@needs_node
def test_a_prompt_filled_by_util_format_in_an_importer(run_json):
    # prompt.ts: `export const DirectAnswerPrompt = `...# User Profile\n\n\`\`\`\n%s\n\`\`\`...%s...%s...${new
    # Date().toISOString()}``; answer.ts: `util.format(DirectAnswerPrompt, profile, context, history)` with
    # `import util from 'util'`: the three fields are the profile, the search results and the history, in order,
    # each where its `%s` is; the date the literal writes comes after them
    got = scanned(run_json, MEMFREE)
    p = got["DirectAnswerPrompt"]
    assert [(v["text"], v["expression"]) for v in p["variables"]] == [
        ("%s", "profile"), ("%s", "context"), ("%s", "history"),
        ("${new Date().toISOString()}", "new Date().toISOString()")]
    src = (MEMFREE / "frontend/lib/llm/prompt.ts").read_text()
    opening = "export const DirectAnswerPrompt = `"
    at = src.index(opening)
    firsts = [src.index("%s", at)]
    for _ in range(2):
        firsts.append(src.index("%s", firsts[-1] + 2))
    assert [(v["line"], v["column"]) for v in p["variables"][:3]] == [line_col(src, o) for o in firsts]
    # Node's util.format of the literal: the text before the profile is the static prefix
    made = node_format(literal_body(src, opening), "\x00A", "\x00B", "\x00C")
    prefix = made.split("\x00A")[0]
    assert head(loaded(MEMFREE, "DirectAnswerPrompt")) == prefix
    assert p["static_prefix_tokens"] == stable_tokens(prefix) == p["first_variable"]["token"]
    assert p["first_variable"]["name"] == "profile"


@needs_node
def test_each_memfree_template_takes_the_values_of_its_own_call(run_json):
    # one call each (answer.ts, chat.ts, auto.ts, related.ts): the first field is the first value passed
    got = scanned(run_json, MEMFREE)
    firsts = {name: got[name]["variables"][0]["expression"] for name in (
        "SummaryPrompt", "ProductHuntPrompt", "IndieMakerPrompt", "ChatPrompt", "ProjectPrompt", "AutoAnswerPrompt",
        "MoreQuestionsPrompt")}
    assert firsts == {
        "SummaryPrompt": "JSON.stringify(searchContexts, null, 2)", "ProductHuntPrompt": "context",
        "IndieMakerPrompt": "context", "ChatPrompt": "profile", "ProjectPrompt": "projectTitle",
        "AutoAnswerPrompt": "searchWebInstructions", "MoreQuestionsPrompt": "context"}
    src = (MEMFREE / "frontend/lib/llm/prompt.ts").read_text()
    opening = "export const SummaryPrompt = `"
    prefix = node_format(literal_body(src, opening), "\x00A").split("\x00A")[0]
    assert head(loaded(MEMFREE, "SummaryPrompt")) == prefix
    assert got["SummaryPrompt"]["static_prefix_tokens"] == stable_tokens(prefix)


def test_the_projects_own_formatter_fills_its_fields(run_json):
    # improve-image-prompt.ts: `format(PROMPT, query, useCase, showTextInstructions)` with `format` imported from
    # '@/lib/server-utils', whose `format(template, ...args)` replaces `/%[sdj]/g` with the values in order (the
    # `@/` alias of the project's tsconfig.json)
    got = scanned(run_json, MEMFREE)
    p = got["PROMPT"]
    assert [v["expression"] for v in p["variables"]] == ["query", "useCase", "showTextInstructions"]
    src = (MEMFREE / "frontend/lib/tools/improve-image-prompt.ts").read_text()
    at = src.index("const PROMPT = `") + len("const PROMPT = `")
    first = src.index("%s", at)
    assert (p["first_variable"]["line"], p["first_variable"]["column"]) == line_col(src, first)
    assert p["static_prefix_tokens"] == stable_tokens(src[at:first])


AGENT = """import util from 'node:util';
import { sprintf } from 'sprintf-js';
import { format } from 'date-fns';

const SYSTEM_PROMPT = `You are a helpful assistant for the %s team. Answer every question about %s with care, at 100%% accuracy. %c%s`;
const NOTE_PROMPT = `You are a careful note taker. Write the notes of the meeting in the format 100%s of the team agreed on.`;

export async function run(team, topic, user, extra) {
    const system = util.format(SYSTEM_PROMPT, team, topic, 'color: red', user, extra);
    const userPrompt = util.format(`Please summarize the following document for the reader named %s in three short sentences:\\n%s`, user);
    const day = format(new Date(), NOTE_PROMPT);
    const other = sprintf('You are the reviewer of %2$s. Read the change made by %1$s and list every problem you find in it.', user, team);
    return client.chat({ system, messages: [{ role: 'user', content: userPrompt }, { role: 'user', content: other }] });
}
"""


@needs_node
def test_node_util_format_semantics(tmp_path):
    # Node's documentation: %% is one percent sign, %c takes its argument and prints nothing, a specifier left
    # without an argument stays as written, arguments left over are appended after a space; sprintf-js's %2$s
    # takes the second argument; date-fns's `format` is no formatter of text
    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths

    f = tmp_path / "agent.ts"
    f.write_text(AGENT)
    got = {p.container: p for p in load_paths([str(f)], SourceOptions(project=ProjectIndex([str(f)]))).prompts}
    text = {k: "".join(s.text if s.kind == "static" else "<" + (s.expression or "") + ">" for s in p.segments)
            for k, p in got.items()}
    body = literal_body(AGENT, "const SYSTEM_PROMPT = `")
    assert text["SYSTEM_PROMPT"] == node_format(body, "<team>", "<topic>", "color: red", "<user>", "<extra>")
    body = literal_body(AGENT, "const userPrompt = util.format(`")
    assert text["run.userPrompt"] == node_format(body, "<user>")
    assert text["run.other"] == ("You are the reviewer of <team>. Read the change made by <user> and list every "
                                 "problem you find in it.")
    # (the note prompt is handed to date-fns, not a text formatter: its `%s` stays text)
    assert [s.kind for s in got["NOTE_PROMPT"].segments] == ["static"]
    # positions: each field where its specifier is
    line, col = line_col(AGENT, AGENT.index("%s"))
    assert (got["SYSTEM_PROMPT"].segments[1].line, got["SYSTEM_PROMPT"].segments[1].column) == (line, col)


def test_a_percent_field_nothing_fills_stays_text(tmp_path):
    # no formatter takes the text: `%s` is what the model reads
    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths

    f = tmp_path / "p.ts"
    f.write_text("export const SYSTEM_PROMPT = `You are a shell expert. Answer with a printf format string such "
                 "as %s or %d, and explain each specifier in one sentence.`;\n"
                 "export const send = (c) => c.chat({system: SYSTEM_PROMPT});\n")
    (p,) = load_paths([str(f)], SourceOptions(project=ProjectIndex([str(f)]))).prompts
    assert [s.kind for s in p.segments] == ["static"]

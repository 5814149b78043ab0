"""JS/TS prompt idioms found by the tenth blind set (benchmarks/PROMPT_DISCOVERY.md): Sourcegraph Cody's
constant tag tables, `psDedent`, `.replace` on a literal, fills on the prompt's own name and
`{speaker, text}` messages; firecrawl's `trimToTokenLimit(...).text` slots and debug logs; surf's CSS
variants.  Fixtures are cuts of the real files (tests/fixtures/SOURCES.md).  Goldens: the text before
the first variable sliced from the fixture here (plain string operations, the dedent by hand) and counted
with tiktoken directly."""

from __future__ import annotations

import pytest
import tiktoken

from conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "code"
ENC = tiktoken.get_encoding("o200k_base")


def by_container(data) -> dict:
    return {p["container"]: p for p in data["prompts"]}


def tokens(text: str) -> int:
    return len(ENC.encode(text))


def test_members_of_an_imported_constant_tag_table_are_text_and_psdedent_dedents(run_json):
    # cody edit/prompt/models/generic.ts: psDedent`... <${PROMPT_TOPICS.SELECTED}></...> ...` with
    # constants.ts' `PROMPT_TOPICS = { SELECTED: ps`SELECTEDCODE7662`, ... }`; the instruction's
    # `{filePath}` is filled by `.replaceAll('{filePath}', ...)`
    folder = FIX / "cody" / "edit" / "prompt"
    got = by_container(run_json("scan", folder))
    system = got["GENERIC_EDIT_INTENT_PROMPT.system"]
    assert system["first_variable"] is None and system["variables"] == []
    src = (folder / "models" / "generic.ts").read_text()
    body = src.split("system: psDedent`", 1)[1].split("`,", 1)[0]
    for key, tag in (("SELECTED", "SELECTEDCODE7662"), ("INSTRUCTIONS", "INSTRUCTIONS7390"), ("OUTPUT", "CODE5711")):
        body = body.replace("${PROMPT_TOPICS.%s}" % key, tag)
    dedented = "\n".join(line[8:] for line in body.strip("\n").split("\n"))
    assert abs(system["tokens"] - tokens(dedented)) <= 2
    instruction = got["GENERIC_EDIT_INTENT_PROMPT.instruction"]
    fv = instruction["first_variable"]
    assert fv["name"] == "filePath" and abs(fv["token"] - tokens("This is part of the file: ")) <= 2


def test_a_literal_replace_with_a_constant_and_a_prompt_s_own_fills(run_json):
    # cody chat/agentic/prompts.ts: REVIEW_PROMPT = ps`...<{{ANSWER_TAG}}>...`.replace(/{{ANSWER_TAG}}/g,
    # ACTIONS_TAGS.ANSWER) with the same file's ACTIONS_TAGS = { ANSWER: ps`next_step`, ... }
    data = run_json("scan", FIX / "cody" / "chat" / "agentic" / "prompts.ts")
    (review,) = [p for p in data["prompts"] if p["container"] == "REVIEW_PROMPT"]
    assert review["first_variable"]["name"] == "getOSPromptString()"
    src = (FIX / "cody" / "chat" / "agentic" / "prompts.ts").read_text()
    head = src.split("ps`", 3)[3].split("${getOSPromptString()}", 1)[0]
    head = head.replace("{{ANSWER_TAG}}", "next_step").replace("{{CONTEXT_TAG}}", "context_list").replace("\\`", "`")
    assert abs(review["first_variable"]["token"] - tokens(head)) <= 2
    # commands/execute/test-chat.ts: prompt.replaceAll('<selected>', mention) on the prompt's own `let`
    data = run_json("scan", FIX / "cody" / "commands" / "execute" / "test-chat.ts")
    fv = by_container(data)["unitTestCommand.prompt"]["first_variable"]
    src = (FIX / "cody" / "commands" / "execute" / "test-chat.ts").read_text()
    prefix = src.split("let prompt = ps`", 1)[1].split("<selected>", 1)[0]
    assert fv["name"] == "<selected>" and abs(fv["token"] - tokens(prefix)) <= 2
    # supercompletions/prompt.ts: PROMPT.replaceAll('{filename}', ...): `{git-diff}` is no format field,
    # so the text is not read as a template, and the fill says where the variables are
    data = run_json("scan", FIX / "cody" / "supercompletions" / "prompt.ts")
    fv = by_container(data)["PROMPT"]["first_variable"]
    assert fv["name"] == "{filename}" and abs(fv["token"] - tokens('<source file="')) <= 2


def test_speaker_and_text_messages(run_json):
    # cody preamble.ts: {speaker: 'assistant', text: ps`I am Cody, an AI coding assistant from Sourcegraph.`}
    got = run_json("scan", FIX / "cody" / "chat" / "preamble.ts")["prompts"]
    (turn,) = [p for p in got if p["line"] == 54]
    assert turn["role"] == "assistant" and turn["tokens"] == tokens("I am Cody, an AI coding assistant from Sourcegraph.")
    # local-context/rewrite-keyword-query.ts: {speaker: 'human', text: ps`You are helping ... <userQuery>${query}`}
    path = FIX / "cody" / "local-context" / "rewrite-keyword-query.ts"
    (msg,) = run_json("scan", path)["prompts"]
    prefix = path.read_text().split("text: ps`", 1)[1].split("${query}", 1)[0].replace("\\`", "`")
    assert msg["role"] == "user" and msg["first_variable"]["name"] == "query"
    assert abs(msg["first_variable"]["token"] - tokens(prefix)) <= 2


def test_a_slot_given_a_call_that_shortens_its_text(run_json):
    # firecrawl research-manager.ts: prompt: trimToTokenLimit(`You are researching: ${currentTopic}...`, 120000).text,
    # and the report prompt's branches inside trimToTokenLimit(cond ? `...` : cond ? `...` : `...`, 100000).text
    path = FIX / "firecrawl" / "research-manager.ts"
    rows = run_json("scan", path)["prompts"]
    src = path.read_text().splitlines()
    by_line = {p["line"]: p for p in rows}
    line = next(i for i, t in enumerate(src, 1) if "`You are researching: ${currentTopic}" in t)
    assert by_line[line]["first_variable"]["name"] == "currentTopic"
    assert abs(by_line[line]["first_variable"]["token"] - tokens("You are researching: ")) <= 2
    for head in ('Analyze the following research data on "', 'Create a comprehensive research report on "'):
        line = next(i for i, t in enumerate(src, 1) if head + "${topic}" in t)
        assert by_line[line]["first_variable"]["name"] == "topic"
        assert abs(by_line[line]["first_variable"]["token"] - tokens(head)) <= 2


def test_logger_arguments_and_css_class_variants_are_not_prompts(run_json, run_cli):
    # firecrawl llmExtract.ts: logger.debug("Generating object...", {generateObjectConfig: {prompt:
    # generateObjectConfig.prompt.slice(0, 100) + "...", system: ...}}) records the request
    rows = run_json("scan", FIX / "firecrawl" / "llmExtract.ts")["prompts"]
    assert not [p for p in rows if "debug" in p["container"]]
    assert {p["first_variable"]["name"] for p in rows} == {"options.prompt", "markdown"}
    # surf message.tsx: cva("", {variants: {role: {system: "bg-bg-100 text-fg-300 border-border italic"}}})
    code, _, err = run_cli("scan", FIX / "surf" / "message.tsx")
    assert code == 2 and "no prompts in this file" in err, err


@pytest.mark.parametrize("text", ["bg-bg-100 text-fg-300 border-border italic", "flex items-center gap-2 hover:bg-accent"])
def test_class_lists_are_no_prose_but_lowercase_sentences_are(text):
    from pcache.analyzers.sources.js.exclusions import not_prose

    assert not_prose(text)
    assert not not_prose("summarize the page in three short bullet points")
    assert not not_prose("use step-by-step reasoning and cite sources")


def test_menu_entries_and_command_lines_are_not_prompts(run_json, run_cli):
    # cody commands/index.ts: {key: 'ask', description: 'New Chat', prompt: 'Start a new chat', icon,
    # command: {command: 'cody.chat.newEditorPanel'}, keybinding: `${osIcon}L`}: a menu entry bound to a key
    code, _, err = run_cli("scan", FIX / "cody" / "commands" / "index.ts")
    assert code == 2 and "no prompts in this file" in err, err
    # commands/context/git-api.ts: const command = `git diff${hasStagedChanges ? ' --cached' : ''}`, filled
    # into diffTemplate's `{command}`: a shell command; the template itself stays
    rows = run_json("scan", FIX / "cody" / "commands" / "context" / "git-api.ts")["prompts"]
    assert [p["container"] for p in rows] == ["diffTemplate"]


@pytest.mark.parametrize("text,command", [("git diff", True), ("npm run build --silent", True),
                                          ("git diff output of the staged files:", False),
                                          ("Find the bug in this diff.", False)])
def test_command_line_shape(text, command):
    from pcache.analyzers.sources.js.exclusions import _COMMAND_LINE

    assert bool(_COMMAND_LINE.fullmatch(text)) is command


def test_measure10_prompts_named_by_hand_are_reported(run_json):
    # issue #12's measure-10 labeller named three TypeScript prompts by hand because the loader did not
    # report them (tests/fixtures/agents/eval/labels-measure10.toml): a message of `addLogsToCode` (a
    # function about logs, not a log line), a prompt table's TOOL_ERROR_FEEDBACK, and a module-level dedent
    # template spliced into `getFullPrompt`'s dedent template
    ev = FIX.parent / "agents" / "eval"
    got = by_container(run_json("scan", ev / "micro-agent" / "src" / "helpers" / "run.ts"))
    msg = got["addLogsToCode.codeWithLogs.getSimpleCompletion.messages[1].content"]
    assert msg["role"] == "user" and msg["first_variable"]["name"] == "options.priorCode"
    head = "Please add detailed logs to the following code to help debug repeated test failures:\n\n<code>"
    assert abs(msg["first_variable"]["token"] - tokens(head)) <= 2
    got = by_container(run_json("scan", ev / "kaibanjs" / "src" / "utils" / "prompts.ts"))
    fv = got["REACT_CHAMPION_AGENT_DEFAULT_PROMPTS.TOOL_ERROR_FEEDBACK.prompt"]["first_variable"]
    assert fv["name"] == "toolName" and abs(fv["token"] - tokens("An error occurred while using the tool ")) <= 2
    path = ev / "ai-shell" / "src" / "helpers" / "completion.ts"
    fv = by_container(run_json("scan", path))["generationDetails"]["first_variable"]
    body = path.read_text().split("const generationDetails = dedent`", 1)[1].split("${getOperationSystemDetails()}", 1)[0]
    prefix = "\n".join(line[4:] for line in body.strip("\n").split("\n"))  # dedent: 4 spaces of indentation
    assert fv["name"] == "getOperationSystemDetails()" and abs(fv["token"] - tokens(prefix)) <= 2


def test_a_message_bound_to_an_error_name_stays_excluded(run_cli):
    # voltagent subagent/index.ts, handoffTask's catch path: const errorUIMessage = {role: "assistant",
    # parts: [{type: "text", text: `Error in delegating task to ${targetAgent.name}: ...`}]} reports a failure
    code, _, err = run_cli("scan", FIX / "voltagent" / "agent" / "subagent" / "handoff-error.ts")
    assert code == 2 and "no prompts in this file" in err, err


def test_a_workspace_package_built_to_dist_resolves_to_its_source(run_json):
    # cody: @sourcegraph/cody-shared (lib/shared, a pnpm workspace member) declares "main": "dist/index.js",
    # which no checkout holds; its tsconfig.json maps outDir "dist" to rootDir "src", so the import is
    # src/index.ts, re-exporting chat/preamble.ts's getDefaultSystemPrompt() { return DEFAULT_PREAMBLE }:
    # `${getDefaultSystemPrompt()} Your task is ... <codyUserInput>${inputText}` starts with that text
    ws = FIX / "cody" / "workspace"
    path = ws / "vscode" / "src" / "chat" / "chat-view" / "ChatController.ts"
    (row,) = run_json("scan", path)["prompts"]
    preamble = (ws / "lib" / "shared" / "src" / "chat" / "preamble.ts").read_text()
    head = preamble.split("DEFAULT_PREAMBLE = ps`", 1)[1].split("`", 1)[0]
    rest = path.read_text().split("${getDefaultSystemPrompt()}", 1)[1].split("${inputText}", 1)[0]
    assert row["first_variable"]["name"] == "inputText"
    assert abs(row["first_variable"]["token"] - tokens(head + rest)) <= 2


def test_a_placeholder_an_importer_fills_is_a_variable(run_json):
    # cody chat/agentic: DeepCody.ts imports CODYAGENT_PROMPTS from './prompts' and fills
    # `.review.replace('{{CODY_TOOLS_PLACEHOLDER}}', tools)`: in prompts.ts' REVIEW_PROMPT (which also
    # splices `${getOSPromptString()}` further down) the first variable is that placeholder
    folder = FIX / "cody" / "chat" / "agentic"
    (review,) = [p for p in run_json("scan", folder)["prompts"] if p["container"] == "REVIEW_PROMPT"]
    head = (folder / "prompts.ts").read_text().split("const REVIEW_PROMPT = ps`", 1)[1]
    head = head.split("{{CODY_TOOLS_PLACEHOLDER}}", 1)[0]
    assert review["first_variable"]["name"] == "{{CODY_TOOLS_PLACEHOLDER}}"
    assert abs(review["first_variable"]["token"] - tokens(head)) <= 2

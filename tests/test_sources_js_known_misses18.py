"""JS/TS prompts the loader missed or mis-took in the eighteenth set and in the known-miss list of sets 4-17
(in-sample: benchmarks/PROMPT_DISCOVERY.md, "JS set 18, session 17"), each on the project's own file
(tests/fixtures/SOURCES.md).  Goldens: the literal's text as Node evaluates it (its source cut from the file
here, handed to `node`), counted with tiktoken directly."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from test_sources_js_known_misses11 import FIX, tokens


def node_literal(src: str, opening: str) -> str:
    """The string Node makes of the template literal opened by the first ``opening`` (which ends with its
    backtick; no `${` inside)."""
    at = i = src.index(opening) + len(opening)
    while src[i] != "`":
        i += 2 if src[i] == "\\" else 1
    body = src[at:i]
    assert "${" not in body
    js = "process.stdout.write(JSON.stringify(`" + body + "`))"
    return json.loads(subprocess.run(["node", "-e", js], capture_output=True, text=True, check=True).stdout)


needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="the golden is Node's reading of the literal")


def by_container(run_json, path) -> dict:
    return {p["container"]: p for p in run_json("scan", path)["prompts"]}


def test_an_image_models_prompt_is_no_prompt(run_json):
    # smartpdfs api/image/route.ts: `const prompt = dedent`...Here is the summary: ${text}``, handed only to
    # `togetheraiBaseClient.images.create({model: "black-forest-labs/FLUX.1-dev", ..., prompt: prompt})`: a
    # picture's description for an image model, which no provider's prompt cache serves (README); the summary
    # route's system prompt beside it (a chat request) stays
    got = by_container(run_json, FIX / "smartpdfs")
    assert "POST.prompt" not in got
    p = got["POST.systemPrompt"]
    assert p["file"].endswith("summarize-route.ts") and p["first_variable"]["name"] == "language"


@needs_node
def test_a_claude_code_command_object_is_a_prompt(run_json):
    # claude-task-master fix-dependencies.ts: `staticCommand({name, description, content: `...`, mode})`: the
    # three parts of a Claude Code command file; its content is the prompt the command sends (the
    # `$ARGUMENTS` commands were read already; a static one has no placeholder)
    path = FIX / "task-master" / "slash-commands" / "fix-dependencies.ts"
    src = path.read_text()
    want = node_literal(src, "content: `")
    got = by_container(run_json, path)
    p = got["fixDependencies.staticCommand.content"]
    assert p["role"] == "user" and p["first_variable"] is None
    assert p["tokens"] == tokens(want)
    # the command's menu description is not one
    assert [c for c in got if "description" in c] == []


def test_an_object_with_content_handed_to_a_call_not_named_for_commands_is_no_prompt(run_cli, tmp_path):
    # the same object shape given to a note maker: nothing says it reaches a model
    path = tmp_path / "notes.ts"
    path.write_text("export const note = createNote({\n  name: 'todo',\n  description: 'Things to do',\n"
                    "  content: `Buy milk and call the plumber about the kitchen sink tomorrow morning.`,\n});\n")
    code, out, err = run_cli("scan", str(path), "--format", "json")
    assert "no prompts" in err or json.loads(out)["prompts"] == []


EVAL = FIX.parent / "agents" / "eval"


def test_an_mcp_prompt_message_with_one_content_object_and_its_parts_array(run_json):
    # supermemory apps/mcp/src/server/prompts/context.ts: `server.registerPrompt("context", ..., async () => {try {
    # const parts: string[] = ["# Supermemory Context", `Active space: ${activeLabel} ...`]; ... parts.push(...);
    # return {messages: [{role: "user", content: {type: "text", text: parts.join("\n")}}]}`: an MCP PromptMessage
    # holds one content object (not a list), and the array declared in the `try` block is the text's head
    got = by_container(run_json, FIX / "supermemory" / "context.ts")
    head = got["registerContextPrompt.registerPrompt.parts"]
    assert head["line"] == 39 and head["role"] == "user"
    assert head["first_variable"]["name"] == "activeLabel"
    # (within the measure's +-2: the space before the variable joins the value's first token in the text)
    assert abs(head["first_variable"]["token"] - tokens("# Supermemory Context\nActive space: ")) <= 2
    # the pushed sections, with the role the message gives them
    assert got["registerContextPrompt.registerPrompt.parts@L86"]["role"] == "user"


def test_text_parts_pushed_into_or_listed_in_a_prompt_named_list(run_json):
    # TypeAgent markdown translator.ts: `const contentPrompt = []; if (currentMarkdown) contentPrompt.push({type:
    # "text", text: `\n            Here is the current markdown...${currentMarkdown}...`})`, then `const promptSections =
    # [{type: "text", text: `You are a virtual assistant...`}, ...contentPrompt, ...]` returned by
    # `getMarkdownUpdatePrompts` (measure-26's row)
    path = EVAL / "typeagent" / "ts" / "packages" / "agents" / "markdown" / "src" / "agent" / "translator.ts"
    src = path.read_text()
    got = by_container(run_json, path)
    p = got["MarkdownAgent.getMarkdownUpdatePrompts.contentPrompt"]
    assert p["first_variable"]["name"] == "currentMarkdown"
    head = src[src.index("text: `\n            Here is the current markdown") + len("text: `"):src.index("${currentMarkdown}")]
    assert abs(p["first_variable"]["token"] - tokens(head)) <= 2
    first = got["MarkdownAgent.getMarkdownUpdatePrompts.promptSections[0].text"]
    assert first["first_variable"] is None
    assert first["tokens"] == tokens("You are a virtual assistant that helps users edit markdown documents.")


def test_instructions_returned_around_a_value_named_as_a_prompt(run_json):
    # DeepChat liveDelegationService.ts: `function buildTurnHandoff(delegation, turn) { return ['# DeepChat Live
    # Delegation', '', `Delegation: ${delegation.id}`, ..., turn.prompt, '', 'Return markdown with these sections...',
    # ...].join('\n') }`: the task's prompt with the instructions written around it, the child session's first
    # message (measure-26's row; its variable `delegation.id`)
    path = EVAL / "deepchat" / "src" / "main" / "orchestration" / "liveDelegationService.ts"
    got = by_container(run_json, path)
    p = got["buildTurnHandoff"]
    assert p["first_variable"]["name"] == "delegation.id"
    assert abs(p["first_variable"]["token"] - tokens("# DeepChat Live Delegation\n\nDelegation: ")) <= 2


def test_a_name_passed_for_a_method_parameter_sent_as_a_user_message(run_json):
    # Azure azure-search-openai-javascript chat-read-retrieve-read.ts: `const userQuery = 'Generate search query for:
    # ' + messages[...].content; this.getMessagesFromHistory(QUERY_PROMPT_TEMPLATE, ..., userQuery, ...)`, and the
    # method `getMessagesFromHistory(systemPrompt, model, history, userContent, ...)` does
    # `messageBuilder.appendMessage('user', userContent, appendIndex)`: the role given as an argument, the method
    # called on `this` from its class
    got = by_container(run_json, FIX / "azure-search" / "chat-read-retrieve-read.ts")
    p = got["ChatReadRetrieveRead.baseRun.userQuery"]
    assert p["role"] == "user"
    assert p["first_variable"]["name"] == "messages[messages.length - 1].content"
    assert abs(p["first_variable"]["token"] - tokens("Generate search query for: ")) <= 2


def test_a_prompt_tables_shorthand_member_named_by_a_metadata_word_is_read_when_its_constant_is_prose(run_json):
    # onlook packages/ai/src/prompt/constants/summary.ts: `export const SUMMARY_PROMPTS = {rules, guidelines, format,
    # reminder, summary}` with `const format = `Required Format:\nFiles Discussed:...`` and `const summary = `Files
    # Discussed:...``: `format` and `summary` usually hold metadata (a format's name, a short summary), here the
    # table's sections (provider.ts wraps each into the summary prompt)
    path = FIX / "onlook" / "prompt" / "constants" / "summary.ts"
    src = path.read_text()
    got = by_container(run_json, path)
    assert {"rules", "guidelines", "format", "reminder", "summary"} <= set(got)
    want = node_literal(src, "const format = `")
    assert got["format"]["first_variable"] is None and got["format"]["tokens"] == tokens(want)


def test_a_metadata_word_shorthand_with_a_short_value_stays_metadata(run_json, tmp_path):
    # `const format = "json"` in `const PROMPT_CONFIG = {system, format}`: the format's name, no prompt
    path = tmp_path / "config.ts"
    path.write_text('const system = `You are a careful assistant. Answer in one short paragraph.`;\n'
                    'const format = "json";\nexport const PROMPT_CONFIG = { system, format };\n')
    got = by_container(run_json, path)
    assert "system" in got and "format" not in got

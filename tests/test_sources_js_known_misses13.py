"""JS/TS prompts the loader missed, and text it took for prompts, in the fifteenth set (in-sample since its
blind scan: benchmarks/PROMPT_DISCOVERY.md, "Known misses fixed in-sample (helper src-js13)"):
obsidian-smart-composer's vault-snippet and web sections of the user turn (locals assigned in nested blocks,
spliced into a content part kept under `promptContent`), its apply prompt's `{{ edit_1 }}` example (text a
message sends as it is, not a template field), and the assistant turn it replays from the history.  The files
are the project's own (tests/fixtures/SOURCES.md).  Goldens: the text before the first variable sliced from
the file here (plain string operations) and counted with tiktoken directly."""

from __future__ import annotations

import json
from pathlib import Path

from test_sources_js_known_misses11 import EVAL, FIX, by_name, tokens

SC = FIX / "smart-composer"


def head(src: str, start: str) -> str:
    """The template literal's text from ``start`` up to its first ``${`` (these have no escapes there)."""
    body = src[src.index(start):]
    return body[:body.index("${")]


def test_sections_assigned_in_nested_blocks_and_spliced_into_a_prompt_list_part(run_json, run_cli, tmp_path):
    # promptGenerator.ts compileUserMessagePrompt: try { let filePrompt: string; if (shouldUseRAG) { filePrompt =
    # `## Potentially Relevant Snippets from the current vault\n${...}` } else {...}; const urlPrompt = urls.length
    # > 0 ? `## Potentially Relevant Websearch Results\n${...}` : ''; ... return {promptContent: [...images,
    # {type: 'text', text: `${filePrompt}${blockPrompt}${urlPrompt}\n\n${query}\n\n`}]} }
    src = (SC / "promptGenerator.ts").read_text()
    got = by_name(run_json("scan", SC / "promptGenerator.ts"))
    files = got["PromptGenerator.compileUserMessagePrompt.filePrompt"]
    assert files["first_variable"]["name"].startswith("similaritySearchResults")
    assert abs(files["first_variable"]["token"] - tokens(head(src, "## Potentially Relevant Snippets"))) <= 2
    urls = got["PromptGenerator.compileUserMessagePrompt.urlPrompt"]
    assert abs(urls["first_variable"]["token"] - tokens(head(src, "## Potentially Relevant Websearch"))) <= 2
    part = got["PromptGenerator.compileUserMessagePrompt.promptContent[1].text"]
    assert part["first_variable"]["name"] == "filePrompt" and part["first_variable"]["token"] == 0
    # the same list under a key that names no prompt is no prompt's (and the locals, spliced into it only,
    # are not sections of one: filePrompt and urlPrompt are names the name rule leaves alone)
    (tmp_path / "g.ts").write_text(src.replace("promptContent: [", "displayParts: ["))
    code, out, err = run_cli("scan", tmp_path / "g.ts", "--format", "json")
    other = by_name(json.loads(out)) if code == 0 else {}
    assert code == 0 or "no prompts" in err
    assert not [n for n in other if "displayParts" in n or n.endswith((".filePrompt", ".urlPrompt"))]


def test_a_message_sends_its_text_as_it_is(run_json, tmp_path):
    # apply.ts: const systemPrompt = `...<smtcmp_block>\n<!-- ... existing content ... -->\n{{ edit_1 }}\n...`,
    # used only as {role: 'system', content: systemPrompt}: the braces show the model a format, nothing fills them
    src = (SC / "apply.ts").read_text()
    assert "{{ edit_1 }}" in src
    got = by_name(run_json("scan", SC / "apply.ts"))["systemPrompt"]
    assert got["first_variable"] is None and got["syntax"] is None and got["role"] == "system"
    # handed to a call that fills templates, the same braces are its fields
    templated = src.replace("const requestMessages: RequestMessage[] = [",
                            "const requestMessages = ChatPromptTemplate.fromMessages([", 1)
    templated = templated.replace("  ]\n\n  const response", "  ])\n\n  const response", 1)
    assert templated.count("fromMessages([") == 1 and templated.count("  ])\n\n  const response") == 1
    (tmp_path / "apply.ts").write_text(templated)
    filled = by_name(run_json("scan", tmp_path / "apply.ts"))["systemPrompt"]
    assert filled["first_variable"]["name"] == "edit_1"


def test_an_assistant_turn_replayed_from_the_history_is_no_prompt(run_json, tmp_path):
    # promptGenerator.ts parseAssistantMessage: {role: 'assistant', content: [message.content, ...(citationContent
    # ? [citationContent] : [])].join('\n')}: the model's earlier answer, the app's citation list after it
    src = (SC / "promptGenerator.ts").read_text()
    got = by_name(run_json("scan", SC / "promptGenerator.ts"))
    assert not [n for n in got if n.startswith("PromptGenerator.parseAssistantMessage")]
    # an assistant turn the app writes itself (its words first) stays one
    (tmp_path / "g.ts").write_text(src.replace("          message.content,\n",
                                               "          'Here is what I found in your notes so far.',\n", 1))
    own = by_name(run_json("scan", tmp_path / "g.ts"))
    assert [p["role"] for n, p in own.items() if n.startswith("PromptGenerator.parseAssistantMessage")] == ["assistant"]
    # and so does one written in place that opens with the app's markup (a prefill such as Cody's
    # `${OPENING_CODE_TAG}${infillBlock}`; only pieces a local of the history is assigned are dropped for markup
    # alone: chat-ui's `combined += "<think>" + deltaReasoning`, benchmarks/PROMPT_DISCOVERY.md)
    (tmp_path / "t.ts").write_text(src.replace("          message.content,\n",
                                               "          `<think>${message.reasoning}</think>`,\n", 1))
    tags = by_name(run_json("scan", tmp_path / "t.ts"))
    assert [p["role"] for n, p in tags.items() if n.startswith("PromptGenerator.parseAssistantMessage")] == ["assistant"]


def test_a_marker_the_code_replaces_with_replace_all_is_a_variable(run_json, tmp_path):
    # openui frontend/src/api/openai.ts (issue #12 measure-20): const systemPromptConvert = `You're a frontend web
    # developer that specializes in $FRAMEWORK. ...`; convert(): systemPromptConvert.replaceAll('$FRAMEWORK',
    # framework), sent as {role: 'system', content: systemPromptCompiled}
    path = EVAL / "openui" / "frontend" / "src" / "api" / "openai.ts"
    src = path.read_text()
    got = by_name(run_json("scan", path))["systemPromptConvert"]
    assert got["role"] == "system" and got["first_variable"]["name"] == "$FRAMEWORK"
    start = src.index("`You're a frontend web developer") + 1
    assert abs(got["first_variable"]["token"] - tokens(src[start:src.index("$FRAMEWORK", start)])) <= 2
    # sent as it is, the same text has no variable: JavaScript fills no `$NAME`
    call = src[src.index("systemPromptConvert.replaceAll("):src.index("framework\n\t)") + len("framework\n\t)")]
    (tmp_path / "openai.ts").write_text(src.replace(call, "systemPromptConvert", 1))
    plain = by_name(run_json("scan", tmp_path / "openai.ts"))["systemPromptConvert"]
    assert plain["first_variable"] is None


def test_a_default_exported_prompt_an_importer_fills_by_markers(run_json, run_cli):
    # botpress packages/llmz/src/prompts (issue #12 measure-20): chat-mode/system.md.ts is `export default "# Important
    # Instructions\n\n...■■■protocol■■■..."`; dual-modes.ts imports it and sends {role: 'system', content:
    # replacePlaceholders(canTalk ? CHAT_SYSTEM_PROMPT_TEXT : WORKER_SYSTEM_PROMPT_TEXT, {protocol: ..., ...}).trim()},
    # common.ts's replacePlaceholders filling `new RegExp('■■■([A-Z0-9_\\.-]+)■■■', 'gi')` from the map
    prompts = EVAL / "botpress" / "packages" / "llmz" / "src" / "prompts"
    got = {(Path(p["file"]).parent.name, Path(p["file"]).name): p
           for p in run_json("scan", prompts)["prompts"] if p["container"] == "default"}
    assert set(got) == {("chat-mode", "system.md.ts"), ("chat-mode", "user.md.ts"),
                        ("worker-mode", "system.md.ts"), ("worker-mode", "user.md.ts")}
    for mode in ("chat-mode", "worker-mode"):
        system = got[(mode, "system.md.ts")]
        text = json.loads((prompts / mode / "system.md.ts").read_text().removeprefix("export default ").strip())
        assert system["role"] == "system" and system["first_variable"]["name"] == "■■■protocol■■■"
        assert abs(system["first_variable"]["token"] - tokens(text[:text.index("■■■protocol■■■")])) <= 2
        user = got[(mode, "user.md.ts")]
        assert user["role"] == "user" and user["first_variable"]["name"].startswith("■■■")
    # alone, the module is a string nothing sends
    code, out, err = run_cli("scan", prompts / "chat-mode" / "system.md.ts", "--format", "json")
    assert code == 2 and "no prompts" in err


def test_a_record_a_map_callback_makes_by_calling_an_own_method(run_json):
    # melty baseAssistant.ts (issue #12 measure-20): const fileContents = contextPaths.relativePaths.map((path) =>
    # this.encodeFile(path, contextPaths.meltyRoot)).join("\n"), spliced into `<select_files_view>\n${fileContents}...`;
    # encodeFile returns `<file_contents file=${relativeFilePath}>\n...`
    path = EVAL / "melty" / "extensions" / "spectacular" / "src" / "backend" / "assistants" / "baseAssistant.ts"
    got = by_name(run_json("scan", path))["BaseAssistant.encodeFile"]
    assert got["first_variable"]["name"] == "relativeFilePath"
    assert abs(got["first_variable"]["token"] - tokens("<file_contents file=")) <= 2


def test_a_text_part_typed_as_a_chat_content_part(run_json, run_cli, tmp_path):
    # tambo packages/backend/src/util/tools.ts (issue #12 measure-20): let nextContentContext = ""; ...
    # nextContentContext += `<Component>${JSON.stringify(message.component)}</Component>\n\n`; ... const
    # additionalContextMessage: ChatCompletionContentPart = {type: "text", text: nextContentContext}
    path = EVAL / "tambo" / "packages" / "backend" / "src" / "util" / "tools.ts"
    src = path.read_text()
    got = by_name(run_json("scan", path))["generateAdditionalContext.nextContentContext"]
    assert got["first_variable"]["name"] == "JSON.stringify(message.component)"
    assert abs(got["first_variable"]["token"] - tokens("<Component>")) <= 2
    # the same object without the SDK's type says nothing of where it goes
    (tmp_path / "tools.ts").write_text(src.replace(": ChatCompletionContentPart = {", " = {", 1))
    code, out, err = run_cli("scan", tmp_path / "tools.ts", "--format", "json")
    assert code == 2 and "no prompts" in err

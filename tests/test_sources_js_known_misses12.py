"""JS/TS prompts the loader missed in projects already read (in-sample: benchmarks/PROMPT_DISCOVERY.md, "Known
misses fixed in-sample (helper src-js12)"): the thirteenth set's misses (gemini-chatbot's suggested actions sent
from a `.map` callback, UI-TARS's static action list an imported class holds) and prompts of issue #12's eval
whose first variable the loader did not read (bytebot's tool results and task message, taxy's previous actions,
claude-code-action's agent prompt, beeai's tool-error prompts, page-assist's web-search prompt).  The files are
the projects' own (tests/fixtures/SOURCES.md).  Goldens: the text before the first variable sliced from the
file here (plain string operations) and counted with tiktoken directly."""

from __future__ import annotations

from test_sources_js_known_misses11 import EVAL, FIX, by_name, tokens


def cooked(raw: str) -> str:
    """A template literal's source text as JavaScript evaluates it (the escapes these files use)."""
    return raw.replace("\\`", "`").replace("\\n", "\n").replace("\\\\", "\\")


def between(src: str, start: str, end: str = "${") -> str:
    """The source text from ``start`` (included) up to ``end``."""
    body = src[src.index(start):]
    return body[:body.index(end, len(start))]


def test_items_of_a_constant_array_a_callback_sends_as_a_message(run_json):
    # gemini-chatbot multimodal-input.tsx: const suggestedActions = [{title, label, action: "Help me book a
    # flight from San Francisco to London"}, ...]; suggestedActions.map((suggestedAction, index) => ...
    # append({role: "user", content: suggestedAction.action}))
    got = by_name(run_json("scan", FIX / "gemini-chatbot" / "multimodal-input.tsx"))
    assert set(got) == {"suggestedActions[0].action", "suggestedActions[1].action"}
    assert all(p["role"] == "user" and p["first_variable"] is None for p in got.values())
    assert got["suggestedActions[0].action"]["line"] == 26
    # the titles and labels beside them are button text: not reported (above: only the two actions)


def test_a_static_array_of_an_imported_class_joined_into_a_prompt_is_its_text(run_json, tmp_path):
    # UI-TARS prompts.ts: `...## Action Space\n${NutJSElectronOperator.MANUAL.ACTION_SPACES.join('\n')}\n\n## Note
    # \n- Use ${language === 'zh' ? ...}`, with `static MANUAL = {ACTION_SPACES: [`click(...)`, ...]}` in
    # operator.ts: ten literals no code changes
    prompts = (FIX / "ui-tars" / "prompts.ts").read_text()
    operator = (FIX / "ui-tars" / "operator.ts").read_text()
    items = [line.strip().rstrip(",")[1:-1] for line in
             operator[operator.index("ACTION_SPACES: [") + len("ACTION_SPACES: ["):operator.index("],")].splitlines()
             if line.strip()]
    assert len(items) == 10
    head = cooked(between(prompts, "You are a GUI agent"))
    tail = cooked(between(prompts, "}\n\n## Note")[1:])
    want = tokens(head + "\n".join(cooked(i) for i in items) + tail)
    got = by_name(run_json("scan", FIX / "ui-tars"))["getSystemPrompt"]["first_variable"]
    assert got["name"].startswith("language === 'zh'")
    assert abs(got["token"] - want) <= 2
    # without the class's module the list stays a variable at its place; so does a list the code grows
    (tmp_path / "prompts.ts").write_text(prompts)
    alone = by_name(run_json("scan", tmp_path / "prompts.ts"))["getSystemPrompt"]["first_variable"]
    assert alone["name"].startswith("NutJSElectronOperator.MANUAL.ACTION_SPACES")
    assert abs(alone["token"] - tokens(head)) <= 2
    (tmp_path / "operator.ts").write_text(operator + "\nNutJSElectronOperator.MANUAL.ACTION_SPACES.push(`x()`);\n")
    alone = by_name(run_json("scan", tmp_path / "prompts.ts"))["getSystemPrompt"]["first_variable"]
    assert alone["name"].startswith("NutJSElectronOperator.MANUAL.ACTION_SPACES")
    assert abs(alone["token"] - tokens(head)) <= 2


def test_anthropic_tool_results_and_messages_with_enum_or_chosen_roles(run_json):
    # bytebot: tool_result blocks ({type: MessageContentType.ToolResult, tool_use_id: block.id, content: [{type:
    # MessageContentType.Text, text: `Cursor position: ${position.x}, ...`}]}), the task's first message
    # ({content: [{type: 'text', text: `${createTaskDto.description} ...`}] as Prisma.InputJsonValue, role:
    # Role.USER}) and parts pushed onto a local list sent with `role: message.role === Role.USER ? 'user' :
    # 'assistant'`
    src = EVAL / "bytebot" / "packages" / "bytebot-agent" / "src"
    tools = by_name(run_json("scan", src / "agent" / "agent.computer-use.ts"))
    cursor = tools["handleComputerToolUse.content[0].text"]
    assert cursor["role"] == "tool" and cursor["first_variable"]["name"] == "position.x"
    assert abs(cursor["first_variable"]["token"] - tokens("Cursor position: ")) <= 2
    failed = tools["handleComputerToolUse.content[0].text@L233"]
    assert failed["first_variable"]["name"] == "block.name"
    assert abs(failed["first_variable"]["token"] - tokens("Error executing ")) <= 2
    task = by_name(run_json("scan", src / "tasks" / "tasks.service.ts"))
    first = task["TasksService.create.task.$transaction.create.data.content[0].text"]
    assert first["role"] == "user" and first["first_variable"]["name"] == "createTaskDto.description"
    assert first["first_variable"]["token"] == 0
    action = by_name(run_json("scan", src / "anthropic" / "anthropic.service.ts"))
    pushed = action["AnthropicService.formatMessagesForAnthropic.push.text"]
    assert pushed["first_variable"]["name"] == "block.name"
    assert abs(pushed["first_variable"]["token"] - tokens("User performed action: ")) <= 2


def test_a_let_spliced_into_a_prompt_and_the_record_a_spliced_list_maps_to(run_json):
    # taxy determineNextAction.ts formatPrompt: let previousActionsString = ''; if (...) { const serializedActions
    # = previousActions.map((action) => `<Thought>${action.thought}</Thought>...`).join('\n\n');
    # previousActionsString = `You have already taken the following actions: \n${serializedActions}\n\n` }
    # ... return `...${previousActionsString}...`
    got = by_name(run_json("scan", EVAL / "taxy" / "src" / "helpers" / "determineNextAction.ts"))
    section = got["formatPrompt.previousActionsString"]["first_variable"]
    assert section["name"] == "serializedActions"
    assert abs(section["token"] - tokens("You have already taken the following actions: \n")) <= 2
    record = got["formatPrompt.serializedActions"]["first_variable"]
    assert record["name"] == "action.thought" and abs(record["token"] - tokens("<Thought>")) <= 2


def test_a_prompt_written_to_a_file_named_as_a_prompt(run_json):
    # claude-code-action agent/index.ts: const promptContent = context.inputs.prompt || `Repository:
    # ${context.repository.owner}/...`; await writeFile(`${promptDir}/claude-prompt.txt`, promptContent): the
    # prompt file the action hands to Claude Code (aicommits' comment lines, written to the commit-message file,
    # stay no prompt: test_sources_js_known_misses11)
    got = by_name(run_json("scan", EVAL / "claude-code-action" / "src" / "modes" / "agent" / "index.ts"))
    first = got["prepareAgentMode.promptContent"]["first_variable"]
    assert first["name"] == "context.repository.owner" and abs(first["token"] - tokens("Repository: ")) <= 2


def test_a_prompt_named_for_an_error_is_a_prompt(run_json):
    # beeai-framework react/prompts.ts: export const ReActAgentToolErrorPrompt = new PromptTemplate({schema,
    # template: `The function has failed; the error log is shown below. ...\n\n{{reason}}`})
    path = EVAL / "beeai-framework" / "typescript" / "src" / "agents" / "react" / "prompts.ts"
    src = path.read_text()
    got = by_name(run_json("scan", path))
    for name, start in (("ReActAgentToolErrorPrompt", "The function has failed"),
                        ("ReActAgentToolInputErrorPrompt", "{{reason}}\n\nHINT")):
        first = got[f"{name}.PromptTemplate.template"]["first_variable"]
        assert first["name"] == "reason"
        assert abs(first["token"] - tokens(between(src, start, "{{reason}}") if start[0] != "{" else "")) <= 2


def test_braces_an_importer_fills_in_a_returned_template(run_json):
    # page-assist ollama.ts: const DEFAULT_WEBSEARCH_PROMPT = `... the current date and time are
    # {current_date_time}. ...`, returned by getWebSearchPrompt(); web.ts: (await getWebSearchPrompt())
    # .replace("{current_date_time}", current_date_time).replace("{search_results}", search_results)
    src = (EVAL / "page-assist" / "src" / "services" / "ollama.ts").read_text()
    got = by_name(run_json("scan", EVAL / "page-assist" / "src"))
    first = got["DEFAULT_WEBSEARCH_PROMPT"]["first_variable"]
    assert first["name"] == "{current_date_time}"
    assert abs(first["token"] - tokens(between(src, "You are an AI model who is expert at searching",
                                               "{current_date_time}"))) <= 2


def test_the_texts_an_empty_let_is_assigned_but_not_its_self_appends(run_json):
    # UI-TARS browser-use prompts/base.ts (after nanobrowser's): let formattedElementsText = ''; if (...)
    # formattedElementsText = `... ${browserState.pixelsAbove} pixels above ...\n${elementsText}` else
    # formattedElementsText = `[Start of page]\n${elementsText}`; then formattedElementsText =
    # `${formattedElementsText}\n[End of page]` (the text grown, as `+=` would): spliced into stateDescription
    got = run_json("scan", FIX / "ui-tars" / "browser-use-base.ts")["prompts"]
    rows = {p["line"]: p for p in got if "formattedElementsText" in p["container"]}
    assert rows[51]["first_variable"]["name"] == "browserState.pixelsAbove"
    assert abs(rows[51]["first_variable"]["token"] - tokens("... ")) <= 2
    assert rows[53]["first_variable"]["name"] == "elementsText"
    assert abs(rows[53]["first_variable"]["token"] - tokens("[Start of page]\n")) <= 2
    assert not {57, 59} & set(rows)  # `${formattedElementsText}\n[End of page]`: no prompt opening with itself
    step = by_name({"prompts": got})["BasePrompt.buildBrowserStateUserMessage.stepInfoDescription"]
    assert step["line"] == 67 and abs(step["first_variable"]["token"] - tokens("Current step: ")) <= 2

"""Prompts in JavaScript/TypeScript source (analyzers/sources/js/).

Fixtures are real files of public projects (tests/fixtures/SOURCES.md).  Goldens: the literal text in
front of the first ``${`` is taken from the file here (plain string slicing) and counted with tiktoken
directly; the first variable's token index must be within 2 of it."""

from __future__ import annotations

import json
import re

import pytest
import tiktoken

from conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "code"
ENC = tiktoken.get_encoding("o200k_base")


def by_container(data) -> dict:
    return {p["container"]: p for p in data["prompts"]}


def at(path, line: int, column: int) -> str:
    return path.read_text().splitlines()[line - 1][column - 1:]


def load(text: str, name: str = "x.ts"):
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.js.source import JsCodeSource

    return JsCodeSource().load(name, text, SourceOptions())


def containers(text: str, name: str = "x.ts") -> dict:
    from pcache.analyzers.sources.interface import NoPrompts

    try:
        return {p.container: p for p in load(text, name).prompts}
    except NoPrompts:
        return {}


# ------------------------------------------------------------------ real files


def test_vercel_ai_per_day_date_in_instructions(run_json):
    path = FIX / "vercel-ai" / "expense-tracker-route.ts"
    got = by_container(run_json("scan", path))
    assert set(got) == {"POST.result.streamText.instructions", "POST.result.streamText.prompt"}
    ins = got["POST.result.streamText.instructions"]
    assert (ins["role"], ins["kind"]) == ("system", "template")
    prefix = ("You categorize expenses into one of the following categories: "
              "TRAVEL, MEALS, ENTERTAINMENT, OFFICE SUPPLIES, OTHER.The current date is: ")
    fv = ins["first_variable"]
    assert abs(fv["token"] - len(ENC.encode(prefix))) <= 2
    assert at(path, fv["line"], fv["column"]).startswith("new Date()")
    assert fv["name"].startswith("new Date()") and ".toLocaleDateString(" in fv["name"]
    prompt = got["POST.result.streamText.prompt"]
    [var] = prompt["variables"]
    assert (var["text"], var["expression"]) == ("${expense}", "expense")
    assert at(path, var["line"], var["column"]).startswith("${expense}")
    assert abs(prompt["first_variable"]["token"] - len(ENC.encode('Please categorize the following expense: "'))) <= 2


def test_roo_code_prompt_section_returned_local(run_json):
    path = FIX / "roo-code" / "prompts" / "sections" / "system-info.ts"
    got = by_container(run_json("scan", path))
    assert set(got) == {"getSystemInfoSection.details"}  # in a prompts/ folder: the returned local
    p = got["getSystemInfoSection.details"]
    text = path.read_text()
    start = text.index("let details = `") + len("let details = `")
    prefix = text[start:text.index("${osInfo}")]
    assert abs(p["first_variable"]["token"] - len(ENC.encode(prefix))) <= 2
    exprs = [v["expression"] for v in p["variables"]]
    assert exprs == ["osInfo", "getShell()", "os.homedir().toPosix()", "cwd.toPosix()"]
    for v in p["variables"]:
        assert at(path, v["line"], v["column"]).startswith(v["text"])


def test_roo_code_support_prompts_hold_dollar_templates(run_json):
    path = FIX / "roo-code" / "support-prompt.ts"
    got = by_container(run_json("scan", path))
    assert set(got) == {f"supportPromptConfigs.{k}.template" for k in ("ENHANCE", "EXPLAIN", "FIX")}
    fix = got["supportPromptConfigs.FIX.template"]
    assert fix["syntax"] == "template"  # ${name} placeholders inside an escaped template literal
    assert [v["name"] for v in fix["variables"]][:3] == ["filePath", "startLine", "endLine"]
    v = fix["variables"][0]
    assert at(path, v["line"], v["column"]).startswith("${filePath}")
    prefix = "Fix any issues in the following code from file path "
    assert abs(fix["first_variable"]["token"] - len(ENC.encode(prefix))) <= 2


def test_cline_prompt_object_members(run_json):
    path = FIX / "cline" / "commit-message-generator.ts"
    got = by_container(run_json("scan", path))
    assert set(got) == {"PROMPT.system", "PROMPT.user", "PROMPT.instruction"}
    assert got["PROMPT.system"]["role"] == "system" and got["PROMPT.system"]["kind"] == "text"
    user = got["PROMPT.user"]
    assert (user["role"], user["syntax"]) == ("user", "jinja")
    assert abs(user["first_variable"]["token"] - len(ENC.encode("Notes from developer (ignore if not relevant): "))) <= 2
    system = 'You are a helpful assistant that generates informative git commit messages based on git ' \
             'diffs output. Skip preamble and remove all backticks surrounding the commit message.'
    assert got["PROMPT.system"]["tokens"] == len(ENC.encode(system))


@pytest.mark.parametrize("name", ["continue/devdataSqlite.ts", "cline/DifyProvider.tsx"])
def test_sql_and_ui_strings_are_not_prompts(run_cli, name):
    code, out, err = run_cli("scan", FIX / name)
    assert code == 2 and "no prompts in this file" in err and err.count("\n") == 1


# ------------------------------------------------------------------ constructs


def test_names_uses_and_roles():
    got = containers('''
export const SYSTEM_PROMPT = `You are a helpful bot. Today is ${new Date().toISOString()}.`;
class Agent {
  static basePrompt = "You are " + name + " and you help people.";
  private systemMessage: string = 'Keep answers short\\nand kind.';
}
function getSystemPrompt(cwd: string) { return `Working in ${cwd}. Be careful with files.`.trim(); }
const chat = ChatPromptTemplate.fromMessages([["system", "You are a pirate captain."], ["human", "{input}"]]);
const msg = new SystemMessage("Always answer in French.");
const tmpl = PromptTemplate.fromTemplate("Tell me a joke about {topic} please");
await client.chat({ messages: [{ role: "user", content: `Plan a trip to ${city} for me` }] });
''')
    assert set(got) == {"SYSTEM_PROMPT", "Agent.basePrompt", "Agent.systemMessage", "getSystemPrompt",
                        "chat.fromMessages[0]", "msg.SystemMessage", "tmpl.fromTemplate",
                        "chat.messages[0].content"}
    assert got["SYSTEM_PROMPT"].variables[0].expression == "new Date().toISOString()"
    assert got["SYSTEM_PROMPT"].variables[0].text == "${new Date().toISOString()}"
    assert got["Agent.basePrompt"].text == "You are name and you help people."
    assert got["Agent.systemMessage"].text == "Keep answers short\nand kind."
    assert got["getSystemPrompt"].text == "Working in ${cwd}. Be careful with files."
    roles = {k: p.role for k, p in got.items()}
    assert roles["chat.fromMessages[0]"] == "system" and roles["msg.SystemMessage"] == "system"
    assert roles["chat.messages[0].content"] == "user" and roles["SYSTEM_PROMPT"] == "system"
    assert got["tmpl.fromTemplate"].syntax == "format"


def test_exact_columns_with_non_ascii_and_escapes():
    text = 'const x = 1; const SYSTEM_PROMPT = "Héllo wörld, \\t you are ${n}";\n' \
           'const userPrompt = `Ünïcode línea\\n${who} is here`;\n'
    got = containers(text)
    var = got["userPrompt"].variables[0]
    line = text.splitlines()[1]
    assert (var.line, var.column) == (2, line.index("${who}") + 1)
    assert got["SYSTEM_PROMPT"].text == "Héllo wörld, \t you are ${n}"  # a plain string: no substitution


def test_join_dedent_and_concat():
    got = containers('''
const SYSTEM_PROMPT = ["You are a reviewer.", `Review ${lang} code.`].join("\\n");
const instructions = dedent`
    Answer the question.
      Quote sources.
    Be brief.
`;
''')
    assert got["SYSTEM_PROMPT"].text == "You are a reviewer.\nReview ${lang} code."
    assert got["instructions"].text == "Answer the question.\n  Quote sources.\nBe brief."
    seg = next(s for s in got["instructions"].segments if "Quote" in s.text)
    assert (seg.line, seg.column, seg.text) == (5, 5, "  Quote sources.\n")


def test_not_prompts():
    got = containers('''
const query = "SELECT id, name FROM users WHERE active = 1";
const label = "Submit your request now";
console.log("Starting the agent run now");
throw new Error("The agent failed to start here");
const ERROR_TYPES = { ACCESS: { messageTemplate: "You do not have access to this model, check IAM" } };
const instructionText = `${t("chat:mode.description")} and more text here`;
const prompt_tokens = "a b c";
const templatePath = "prompts/system prompt.md";
const hook = { template: "#!/usr/bin/env bash\\necho hello world" };
const metadata = { title: { template: "%s | My Site", default: "My Site" } };
const key = await vscode.window.showInputBox({ prompt: "Enter your enterprise license key" });
''')
    assert got == {}


def test_prompt_folder_exports_and_returns():
    code = '''
export const RULES = "Never run destructive commands without asking.";
export function objective(): string { return `Work step by step on the task.` }
function helper() { const msg = "this is a local string"; return 3 }
'''
    assert set(containers(code, "src/core/prompts/sections/rules.ts")) == {"RULES", "objective"}
    assert containers(code, "src/core/util/rules.ts") == {}


def test_composition_of_sections_counts():
    got = containers("const systemPrompt = `${roleDefinition}\n\n${rulesSection()}`\n")
    assert [v.expression for v in got["systemPrompt"].variables] == ["roleDefinition", "rulesSection()"]


def test_walk_reads_sources_and_skips_tests_and_deps(run_json, tmp_path):
    src = tmp_path / "src"
    (src / "__tests__").mkdir(parents=True)
    (tmp_path / "node_modules" / "lib").mkdir(parents=True)
    (tmp_path / "dist").mkdir()
    prompt = 'export const SYSTEM_PROMPT = "You are a careful assistant.";\n'
    (src / "agent.ts").write_text(prompt)
    (src / "agent.test.ts").write_text(prompt)
    (src / "__tests__" / "agent.ts").write_text(prompt)
    (tmp_path / "node_modules" / "lib" / "index.js").write_text(prompt)
    (tmp_path / "dist" / "index.js").write_text('var SYSTEM_PROMPT = "You are a careful assistant.";\n')
    (src / "util.ts").write_text('export const add = (a: number, b: number) => a + b;\n')
    (src / "test").mkdir()
    (src / "test" / "mock-helpers.ts").write_text(prompt)
    data = run_json("scan", tmp_path)
    assert sorted(p["path"].replace(str(tmp_path), "") for p in data["prompts"]) == [
        "/dist/index.js:SYSTEM_PROMPT", "/src/agent.ts:SYSTEM_PROMPT"]
    assert data["errors"] == []


def test_show_and_diff_by_name(run_cli, tmp_path):
    a = tmp_path / "a.ts"
    a.write_text('export const SYSTEM_PROMPT = `You are a bot. Today is ${new Date().toISOString()}.`;\n')
    code, out, err = run_cli("show", f"{a}:SYSTEM_PROMPT")
    assert code in (0, 1), err
    assert "Today is" in out
    code, out, err = run_cli("scan", a, "--format", "json")
    assert json.loads(out)["prompts"][0]["container"] == "SYSTEM_PROMPT"


# ------------------------------------------------------------------ text for people, not for a model

NEG = FIX / "ui-negatives"


@pytest.mark.parametrize("name", [
    "useModelSelector.ts",  # Continue CLI: onMessage({role: "system", content: `Switched to model: ...`})
    "useChat.compaction.ts",  # Continue CLI: setChatHistory([...prev, {message: {role: "system", ...}}])
    "oca-login.ts",  # Cline SDK: callbacks.onAuth({url, instructions: "Continue ... in your browser."})
    "typechat-music-main.ts",  # TypeChat: const confirmPrompt = "..."; stdio.question(confirmPrompt)
    "chatbot-ui-layout.tsx",  # Chatbot UI: APP_TITLE_TEMPLATE = "%s - Chatbot UI" (a page title)
    "hook-templates.ts",  # Cline: getWindowsPowerShellTemplate() returns a PowerShell script
    "cline-gchat-rules.ts",  # Cline: getConnectorSystemRules("Google Chat"): a name filled into a prompt
    "cline-slash-commands.ts",  # Cline CLI: {name: "team", instructions: "/team [prompt]"}: a command
    "cline-connector-platforms.ts",  # Cline: security: {prompt: "Restrict access...?", fields: [...]}: a form
    "editOutcomeLogger.ts",  # Continue GUI: {prompt: "Unknown prompt"} in a logger module
    "anything-llm-database.js",  # AnythingLLM: checkColumnTemplate returns SQL
])
def test_ui_notices_events_titles_and_scripts_are_not_prompts(name, run_cli):
    code, _, err = run_cli("scan", NEG / name)
    assert code == 2 and "no prompts in this file" in err, err


def test_chat_ui_display_state_vs_the_message_sent_to_the_model(run_json):
    # LlamaIndexTS realtime example: the same text is pushed into React state (shown) and sent
    # with session.sendMessage (to the model); a prompt() dialog asks the person for a key
    got = by_container(run_json("scan", NEG / "audio-chat.tsx"))
    assert set(got) == {"AudioChat.startChat.session.connect.systemInstruction",
                        "AudioChat.startChat.sendMessage.content"}
    sent = got["AudioChat.startChat.sendMessage.content"]
    assert sent["role"] == "user" and sent["tokens"] == len(ENC.encode("Hello, I'm ready to chat!"))


def test_setters_and_callbacks_named_as_prompts_still_count():
    got = containers("setSystemPrompt(`You are terse. Today is ${today}.`);\n"
                     "onMessage({role: 'system', content: 'Switched model, please wait'});\n"
                     "const [items, setItems] = useState([]);\n"
                     "setItems([{role: 'user', content: 'Shown in the list only'}]);\n")
    assert list(got) == ["setSystemPrompt"]
    assert got["setSystemPrompt"].segments[1].expression == "today"


def test_constant_used_only_for_logging_is_not_a_prompt_but_sent_one_is():
    got = containers("const ERROR_PROMPT = 'The prompt could not be built';\nconsole.error(ERROR_PROMPT);\n"
                     "const SYSTEM_PROMPT = 'You are a helpful assistant';\nconsole.log(SYSTEM_PROMPT);\n"
                     "await client.chat.completions.create({messages: [{role: 'system', content: SYSTEM_PROMPT}]});\n")
    assert list(got) == ["SYSTEM_PROMPT"]


def test_front_matter_documents_and_hook_modules():
    # a Markdown file with YAML front matter being written (Continue, Cline skill files)
    assert containers("export function createPrompt(fm, prompt) { return `---\\n${fm}\\n---\\n\\n${prompt}`; }") == {}
    hook = "export function useChat() { addSystemMessage('Remote environment is shutting down...'); }"
    assert containers(hook) == {}
    assert containers(hook.replace("useChat", "buildChat")) != {}  # outside a hook: a system message


def test_big_js_file_in_a_walk_is_one_warning_named_file_is_read(run_cli, tmp_path):
    from pcache.analyzers.sources.js.grammar import MAX_WALK_BYTES

    src = (FIX / "vercel-ai" / "expense-tracker-route.ts").read_text()
    (tmp_path / "route.ts").write_text(src)
    filler = "var a=[" + ",".join(["1"] * (MAX_WALK_BYTES // 2)) + "];\n"
    (tmp_path / "bundle.js").write_text(filler + "const SYSTEM_PROMPT = `You are a bundled prompt ${x}`;\n")
    code, out, err = run_cli("scan", tmp_path, "--format", "json")
    data = json.loads(out)
    assert code == 0 and {p["file"].rsplit("/", 1)[-1] for p in data["prompts"]} == {"route.ts"}
    (line,) = [ln for ln in err.splitlines() if "bundle.js" in ln]
    assert line.startswith("pcache: warning:") and "skipped" in line
    code, out, _ = run_cli("scan", tmp_path / "bundle.js", "--format", "json")
    assert code == 0 and "SYSTEM_PROMPT" in out


def test_sql_and_markup_are_not_prompts_even_under_prompt_names():
    got = containers("const checkColumnTemplate = `SELECT COUNT(*) AS n FROM pragma_table_info('${t}') WHERE name='${c}'`;\n"
                     "const CARD_TEMPLATE = `<div class=\"card\">${title}</div>`;\n"
                     "const SUMMARY_TEMPLATE = `Summarize ${doc} in three bullet points.`;\n")
    assert list(got) == ["SUMMARY_TEMPLATE"]


def test_text_inside_a_reported_prompt_is_reported_with_it():
    # (bolt.new's getSystemPrompt maps HTML tag names inside its own template literal)
    got = containers("export const getSystemPrompt = (cwd) => `You are Bolt in ${cwd}. Tags: "
                     "${tags.map((t) => `<${t}> tag`).join(', ')}`;\n")
    assert list(got) == ["getSystemPrompt"]
    assert [s.expression for s in got["getSystemPrompt"].segments if s.kind == "variable"] == \
        ["cwd", "tags.map((t) => `<${t}> tag`).join(', ')"]


# ------------------------------------------------------------------ data flow of a literal


def test_named_message_content_resolves_to_its_declaration(run_json):
    # Continue's lazy-apply prompt: {role: "user", content: userContent}, userContent a dedent literal
    path = FIX / "continue" / "lazy-prompts.ts"
    got = by_container(run_json("scan", path))
    assert set(got) == {"claudeSonnetLazyApplyPrompt.userContent", "claudeSonnetLazyApplyPrompt.assistantContent"}
    user, assistant = got["claudeSonnetLazyApplyPrompt.userContent"], got["claudeSonnetLazyApplyPrompt.assistantContent"]
    assert (user["role"], assistant["role"]) == ("user", "assistant")  # from the message dicts
    # "UNCHANGED CODE" (a marker constant) is no prompt of its own
    fv = user["first_variable"]
    assert fv["name"] == "args[1]" and at(path, fv["line"], fv["column"]).startswith("${args[1]}")
    assert abs(fv["token"] - len(ENC.encode("ORIGINAL CODE:\n```"))) <= 2  # dedent removes the indent


def test_braces_nothing_fills_are_text_braces_a_replace_fills_are_variables(run_json):
    # Continue's hole filler: SYSTEM_MSG is only spliced into fullPrompt, so '{{HOLE_NAME}}' is text
    # the model reads; Cline's CONNECTOR_SYSTEM_PROMPT goes through .replace(/{{CONNECTOR_ID}}/g, ...)
    src = (ROOT / "tests" / "fixtures" / "agents" / "eval" / "continue" / "AutocompleteTemplate.ts").read_text()
    hole = next(p for c, p in containers(src).items() if c.endswith("SYSTEM_MSG"))
    assert hole.syntax is None and not hole.variables and "{{HOLE_NAME}}" in hole.text
    path = FIX / "cline" / "connector-prompts.ts"
    cline = by_container(run_json("scan", path))["CONNECTOR_SYSTEM_PROMPT"]
    value = path.read_text().split("`")[1]
    fv = cline["first_variable"]
    assert cline["syntax"] == "jinja" and fv["name"] == "CONNECTOR_ID"
    assert abs(fv["token"] - len(ENC.encode(value[:value.index("{{CONNECTOR_ID}}")]))) <= 2
    assert at(path, fv["line"], fv["column"]).startswith("{{CONNECTOR_ID}}")
    # an exported constant may be filled elsewhere: its placeholders stay variables
    assert containers("export const P_PROMPT = 'Hello {{name}}, you are terse.';")["P_PROMPT"].variables


def test_prose_that_starts_like_sql_is_a_prompt(run_json):
    # AnythingLLM agent examples: "Create a chart from that data" is no CREATE ... FROM statement
    got = by_container(run_json("scan", FIX / "anything-llm" / "rechart.js"))
    assert [p["tokens"] for p in got.values()] == [len(ENC.encode(t)) for t in (
        "Create a chart from that data", "Make a bar graph of the results", "Visualize these numbers")]
    assert containers("const SELECT_PROMPT = 'Select the best option from the list below.';")
    assert not containers("const Q_TEMPLATE = 'select * from users where id = 1';")


def test_values_joined_on_one_line_are_a_label_sections_joined_by_lines_a_prompt():
    # Cline's formatFilesList: LOCK_TEXT_SYMBOL + " " + filePath (a list item) vs Cline SDK's
    # mergeRulesForSystemPrompt: `${primary}\n\n${additional}` (a system prompt from sections)
    src = ("export function formatFilesList(files) { return files.map((f) => { return LOCK + ' ' + f }) }\n"
           "export function mergeRulesForSystemPrompt(primary, additional) { return `${primary}\\n\\n${additional}` }\n")
    assert list(containers(src, "prompts/responses.ts")) == ["mergeRulesForSystemPrompt"]


def test_members_of_an_object_a_prompt_function_returns(run_json):
    # node-DeepResearch research-planner.ts: getPrompt() { return { system: `...`, user: `...` } }
    path = FIX / "node-deepresearch" / "research-planner.ts"
    got = by_container(run_json("scan", path))
    assert set(got) == {"getPrompt.system", "getPrompt.user"}
    assert (got["getPrompt.system"]["role"], got["getPrompt.user"]["role"]) == ("system", "user")
    src = path.read_text()
    fv = got["getPrompt.system"]["first_variable"]
    value = src[src.index("system: `") + len("system: `"):]
    assert fv["name"] == "teamSize" and abs(fv["token"] - len(ENC.encode(value[:value.index("${teamSize}")]))) <= 2


def test_sections_pushed_into_an_array_the_prompt_joins(run_json):
    # node-DeepResearch agent.ts getPrompt: sections.push(`...`) / actionSections.push(`...`), then
    # system: removeExtraLineBreaks(sections.join("\n\n")), the action sections spliced into a section
    path = FIX / "node-deepresearch" / "agent.ts"
    data = run_json("scan", path)
    names = [p["container"] for p in data["prompts"]]
    assert names.count("getPrompt.sections") == 1 and sum(n.startswith("getPrompt.sections@") for n in names) == 3
    assert sum(n.startswith("getPrompt.actionSections") for n in names) == 6
    assert len(names) == 10 and all(p["role"] == "system" for p in data["prompts"])
    first = by_container(data)["getPrompt.sections"]
    assert first["first_variable"]["name"] == "new Date().toUTCString()"
    assert abs(first["first_variable"]["token"] - len(ENC.encode("Current date: "))) <= 2


def test_constants_spliced_whole_into_a_prompt_are_prompts(run_json):
    # llamacoder prompt-config.ts: base + "\n\n" + ... + HALLMARK_DESIGN_SECTION + ...
    got = by_container(run_json("scan", FIX / "llamacoder" / "prompt-config.ts"))
    assert set(got) == {"INLINE_PLAN_INSTRUCTION", "FENCE_SELF_CHECK_INSTRUCTION", "buildProductionCodingPrompt",
                        "HALLMARK_DESIGN_SECTION"}
    got = containers("function build(x) { const note = 'Answer in the voice of a pirate.'; "
                     "return callModel({system: `${note}\\n\\nThe user says ${x}`}); }\n")
    assert set(got) == {"build.note", "build.callModel.system"}


def test_chinese_prose_passes_the_size_rule(run_json):
    # NextChat masks: a Chinese user message has no spaces between its words
    got = by_container(run_json("scan", FIX / "nextchat" / "masks-cn.ts"))
    (p,) = got.values()
    assert p["role"] == "user" and p["tokens"] > 50


@pytest.mark.parametrize("name", [
    "node-deepresearch-error-response.ts",  # node-DeepResearch: choices[0].message is the server's reply
    "nextchat-ssml.ts",  # NextChat: an SSML document (xmlns) for a speech service
])
def test_responses_and_xml_documents_are_not_prompts(name, run_cli):
    code, _, err = run_cli("scan", NEG / name)
    assert code == 2 and "no prompts in this file" in err, err


def test_text_content_parts_of_a_message_are_prompts():
    # Gemini {role, parts: [{text}]} and OpenAI/Anthropic {role, content: [{type: "text", text}]};
    # the same shape inside a completion's choices is the model's reply
    got = containers(
        "await ai.models.generateContent({ contents: [{ role: 'user', parts: [{ text: 'Summarize the conversation so far.' }] }] });\n"
        "await client.chat.completions.create({ messages: [{ role: 'user', content: [{ type: 'text', "
        "text: `Describe the image of ${name} in detail.` }, { type: 'image_url', image_url: { url } }] }] });\n"
        "const reply = { choices: [{ message: { role: 'assistant', content: [{ type: 'text', text: 'Shown as a reply only' }] } }] };\n")
    assert [(c, p.role) for c, p in got.items()] == [
        ("generateContent.contents[0].parts[0].text", "user"), ("create.messages[0].content[0].text", "user")]


def test_an_array_joined_into_a_prompt_is_its_head(run_json):
    # ai-town conversation.ts: const prompt = [`You are ${player.name}, ...`]; prompt.push(...);
    # content: prompt.join('\n'); agentPrompts() collects `About you: ${agent.identity}` lines in a
    # prompt-named array it returns to the caller, which spreads them into its prompt
    path = FIX / "ai-town" / "conversation.ts"
    got = by_container(run_json("scan", path))
    head = got["startConversationMessage.prompt"]
    assert head["first_variable"]["name"] == "player.name"
    assert abs(head["first_variable"]["token"] - len(ENC.encode("You are "))) <= 2
    about = [p for c, p in got.items() if c.startswith("agentPrompts.prompt")]
    assert [p["first_variable"]["name"] for p in about] == ["agent.identity", "agent.plan", "otherPlayer.name"]
    assert abs(about[1]["first_variable"]["token"] - len(ENC.encode("Your goals for the conversation: "))) <= 2
    # memory.ts: ['[no prose]', '[Output only JSON]', `You are ${name}, ...`] joined by '\n'
    line = next(t for t in (FIX / "ai-town" / "memory.ts").read_text().splitlines() if "[no prose]" in t)
    prefix = "\n".join(re.findall(r"'([^']*)'", line)) + "\n" + line.split("`")[1].split("${")[0]
    assert prefix == "[no prose]\n[Output only JSON]\nYou are "
    mem = by_container(run_json("scan", FIX / "ai-town" / "memory.ts"))
    fv = mem["reflectOnMemories.prompt"]["first_variable"]
    assert fv["name"] == "name" and abs(fv["token"] - len(ENC.encode(prefix))) <= 2
    # 'Example: [{insight: "...", statementIds: [1,2]}, ...]': an object shown as an example, no field
    example = [p for p in mem.values() if p["line"] == 35]
    assert example and example[0]["first_variable"] is None and example[0]["syntax"] is None


def test_object_examples_are_no_format_fields():
    from pcache.analyzers.sources.template import detect_from_content

    assert detect_from_content('Example: [{insight: "...", statementIds: [1,2]}]') == "none"
    assert detect_from_content("Return {a: 1, b: 2} for {name}") == "none"
    assert detect_from_content("Today is {now:%Y-%m-%d}. Pad {x:>10} to {y:.2f}") == "format"


def test_pushed_conditionals_and_constants_of_an_inner_block(run_json):
    # midscene extraction.ts: contextPrompts = ["..."]; if (...) contextPrompts.push("...");
    # if (ref) { const referenceImagesPrompt = '...'; contextPrompts.push(cond ? `${referenceImagesPrompt}
    # Do not ...` : `${referenceImagesPrompt} Do not ...`) }: the constant is text in both branches
    data = run_json("scan", FIX / "midscene" / "prompt" / "extraction.ts")
    lines = (FIX / "midscene" / "prompt" / "extraction.ts").read_text().splitlines()
    rows = {p["line"]: p for p in data["prompts"]}
    array_line = next(i for i, t in enumerate(lines, 1) if "const contextPrompts = [" in t) + 1
    assert rows[array_line]["container"] == "systemPromptToExtract.contextPrompts"
    branches = [i for i, t in enumerate(lines, 1) if t.strip().startswith(("? `${referenceImagesPrompt}",
                                                                            ": `${referenceImagesPrompt}"))]
    assert len(branches) == 2
    constant = next(t for t in lines if "'Reference images are" in t).split("'")[1]
    for i in branches:
        text = constant + lines[i - 1].split("${referenceImagesPrompt}", 1)[1].rsplit("`", 1)[0]
        assert rows[i]["first_variable"] is None and abs(rows[i]["tokens"] - len(ENC.encode(text))) <= 2


def test_call_of_an_imported_function_returning_one_literal_is_its_text(run_json):
    # midscene llm-locator.ts: `...${locateGroundingRules()}...`, the function of
    # locate-grounding-rules.ts returning one constant literal
    folder = FIX / "midscene" / "prompt"
    src = (folder / "llm-locator.ts").read_text()
    body = src.split("return `", 1)[1]
    before, after = body.split("${locateGroundingRules()}", 1)
    rules = (folder / "locate-grounding-rules.ts").read_text().split("return `", 1)[1].split("`;", 1)[0]
    prefix = (before + rules + after.split("${", 1)[0]).replace("\\`", "`")
    got = by_container(run_json("scan", folder))["systemPromptToLocateElement"]
    assert got["first_variable"]["name"] == "resultKey"
    assert abs(got["first_variable"]["token"] - len(ENC.encode(prefix))) <= 2


def test_dollar_words_in_a_literal_are_text_and_media_prompts_are_not_prompts(run_json, run_cli):
    # openai-realtime-agents: "Your last bill was $xx.xx, mainly due to $y.yy ..." (no ${): plain text;
    # ai-town music.ts: generateMusic('16-bit RPG adventure game...', 30), a MusicGen prompt
    data = run_json("scan", FIX / "openai-realtime-agents" / "chatSupervisor-index.ts")
    (p,) = data["prompts"]
    assert "$xx.xx" in (FIX / "openai-realtime-agents" / "chatSupervisor-index.ts").read_text()
    assert p["first_variable"] is None and p["syntax"] is None and p["variables"] == []
    code, _, err = run_cli("scan", FIX / "ai-town" / "music.ts")
    assert code == 2 and "no prompts in this file" in err, err


def test_a_placeholder_a_replace_fills_is_a_variable_and_the_fallback_a_section(run_json):
    # dyad plan_mode_prompt.ts: PLAN_MODE_SYSTEM_PROMPT.replace("[[AI_RULES]]", aiRules ?? DEFAULT_PLAN_AI_RULES)
    path = FIX / "dyad" / "prompts" / "plan_mode_prompt.ts"
    prefix = path.read_text().split("`", 1)[1].split("[[AI_RULES]]", 1)[0].replace("\\`", "`")
    got = by_container(run_json("scan", path))
    fv = got["PLAN_MODE_SYSTEM_PROMPT"]["first_variable"]
    assert fv["name"] == "[[AI_RULES]]" and abs(fv["token"] - len(ENC.encode(prefix))) <= 2
    assert got["DEFAULT_PLAN_AI_RULES"]["first_variable"] is None


def test_jest_snapshots_of_prompts_are_test_data(run_json, tmp_path):
    # dyad: src/prompts/__snapshots__/neon_prompt.test.ts.snap, what a test expects the prompt builder
    # to render, sits under the prompt folder beside the prompt module itself
    folder = tmp_path / "src" / "prompts"
    (folder / "__snapshots__").mkdir(parents=True)
    (tmp_path / "package.json").write_text('{"name": "app"}\n')
    (folder / "system.md").write_text("You are Dyad, an AI editor that creates and modifies web applications.\n")
    (folder / "__snapshots__" / "neon_prompt.test.ts.snap").write_text(
        '// Jest Snapshot v1\n\nexports[`getNeonAvailableSystemPrompt 1`] = `\n"# Neon Database Instructions\n'
        'The user has Neon available for their app so use it for any database related tasks."\n`;\n')
    data = run_json("scan", tmp_path)
    assert [p["file"].replace(str(tmp_path), "") for p in data["prompts"]] == ["/src/prompts/system.md"]


def test_shorthand_members_of_a_prompt_named_object(run_json):
    # onlook summary.ts: const rules = `...`; ... export const SUMMARY_PROMPTS = { rules, guidelines,
    # format, reminder, summary }: a member written as a shorthand is the name's declaration, as a pair
    # would be (format and summary are metadata words, but their constants here are prose: the table's
    # sections, as set 8's labels have them; src-js17, tests/test_sources_js_known_misses18.py)
    path = FIX / "onlook" / "prompt" / "constants" / "summary.ts"
    got = by_container(run_json("scan", path))
    assert sorted(got) == ["format", "guidelines", "reminder", "rules", "summary"]
    text = path.read_text().split("const rules = `", 1)[1].split("`", 1)[0]
    assert got["rules"]["first_variable"] is None and abs(got["rules"]["tokens"] - len(ENC.encode(text))) <= 2


def test_arguments_of_a_wrapper_that_splices_them_are_sections(run_json):
    # onlook provider.ts: prompt += wrapXml('local-images', 'These images already exist ...:\n' + list),
    # with helpers.ts's wrapXml = (name, content) => `<${name}>${content}</${name}>`: the argument is
    # text of the user message whatever the wrapper's parameter is called
    folder = FIX / "onlook" / "prompt"
    rows = [p for p in run_json("scan", folder)["prompts"] if p["file"].endswith("provider.ts")]
    src = (folder / "provider.ts").read_text()
    for head in ("These images already exist", "These are new images"):
        line = next(i for i, t in enumerate(src.splitlines(), 1) if head in t)
        text = src.splitlines()[line - 1].split("'")[1].replace("\\n", "\n")
        (row,) = [p for p in rows if p["line"] == line]
        assert row["first_variable"] is not None and abs(row["first_variable"]["token"] - len(ENC.encode(text))) <= 2

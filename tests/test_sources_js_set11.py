"""JS/TS prompt idioms found by the eleventh blind set (benchmarks/PROMPT_DISCOVERY.md): a `let` prompt
grown with `+=`, a `+` chain opening with an awaited constant-returning function, Bing's `{author, text}`
turns and a curried prompt factory's options (chatGPTBox); a class named for prompts and `$name`
placeholders its renderer fills (ai-pr-reviewer); Claude Code's `$ARGUMENTS` commands (claude-task-master);
text handed to an agent's `run` (Inngest AgentKit).  Fixtures are cuts of the real files
(tests/fixtures/SOURCES.md).  Goldens: the text before the first variable sliced from the fixture here
(plain string operations) and counted with tiktoken directly."""

from __future__ import annotations

import tiktoken

from conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "code"
ENC = tiktoken.get_encoding("o200k_base")


def by_container(data) -> dict:
    return {p["container"]: p for p in data["prompts"]}


def tokens(text: str) -> int:
    return len(ENC.encode(text))


def test_a_let_prompt_grown_with_appends_reads_on_to_its_first_variable(run_json):
    # chatGPTBox site-adapters/github: `let prompt = ''`, one of two branches assigned, then
    # `prompt += '---\n\n'` and `prompt += `Title:\n${title}\n\n``
    path = FIX / "chatgptbox" / "site-adapters" / "github" / "index.mjs"
    got = by_container(run_json("scan", path))
    src = path.read_text()
    for container, start in (("createChatGPtSummaryPrompt.prompt", "Please summarize the following GitHub issue"),
                             ("createChatGPtSummaryPrompt.prompt@L13", "Please summarize the following GitHub pull")):
        branch = src.split(start, 1)[1].split("'\n", 1)[0]
        prefix = (start + branch).replace("\\n", "\n") + "---\n\n" + "Title:\n"
        fv = got[container]["first_variable"]
        assert fv["name"] == "title" and abs(fv["token"] - tokens(prefix)) <= 2, (container, fv)
    # AgentKit demo: `let prompt = systemPrompt + "The following code already exists:"` then
    # `prompt += `<file name='${name}'>...`` in a loop (systemPrompt: a same-file constant)
    path = FIX / "agent-kit" / "demo" / "inngest.ts"
    src = path.read_text()
    system = src.split('"You are an expert', 1)[1].split('";', 1)[0]
    prefix = "You are an expert" + system + "The following code already exists:" + "<file name='"
    fv = by_container(run_json("scan", path))["codeWritingAgent.createAgent.system.prompt"]["first_variable"]
    assert fv["name"] == "name" and abs(fv["token"] - tokens(prefix)) <= 2


def test_a_chain_opening_with_an_awaited_imported_base_and_the_base_itself(run_json):
    # chatGPTBox apis: `(await getCompletionPromptBase()) + getConversationPairs(...) + `Human: ...``,
    # the base imported from shared.mjs, whose function returns a `+` chain of four literals
    folder = FIX / "chatgptbox" / "apis"
    got = run_json("scan", folder)["prompts"]
    base_src = (folder / "shared.mjs").read_text().split("getCompletionPromptBase", 1)[1]
    base = "".join(piece.split("`", 1)[0] for piece in base_src.split("`")[1:9:2]).replace("\\n", "\n")
    assert base.startswith("The following is a conversation") and base.endswith("How can I help you today?\n")
    (prompt,) = [p for p in got if p["container"] == "generateAnswersWithGptCompletionApi.prompt"]
    fv = prompt["first_variable"]
    assert fv["name"].startswith("getConversationPairs(") and abs(fv["token"] - tokens(base)) <= 2
    (own,) = [p for p in got if p["container"] == "getCompletionPromptBase"]
    assert own["first_variable"] is None and own["tokens"] == tokens(base)


def test_bing_author_and_text_turns(run_json):
    # chatGPTBox clients/bing: {text: systemMessage || "You're an AI assistant named Sydney...", author: 'system'}
    path = FIX / "chatgptbox" / "bing" / "index.mjs"
    (turn,) = run_json("scan", path)["prompts"]
    text = path.read_text().split('"You\'re an AI', 1)[1].split('",', 1)[0]
    assert turn["role"] == "system" and turn["first_variable"] is None
    assert turn["tokens"] == tokens("You're an AI" + text)


def test_a_curried_prompt_factory_and_the_options_its_callers_give(run_json):
    # chatGPTBox selection-tools: createGenPrompt = ({message = '', isTranslation, ...}) => async
    # (selection) => { let fullMessage = isTranslation ? `Translate the following into ${lang}...` :
    # message; ... return `${prefix}${fullMessage}:...` }, called createGenPrompt({message: 'Explain...'})
    path = FIX / "chatgptbox" / "selection-tools" / "index.mjs"
    got = by_container(run_json("scan", path))
    fv = got["createGenPrompt.fullMessage"]["first_variable"]
    assert fv["name"] == "preferredLanguage" and abs(fv["token"] - tokens("Translate the following into ")) <= 2
    fv = got["createGenPrompt.fullMessage@L22"]["first_variable"]  # the appended `. If it is already in ${...}`
    assert fv["name"] == "preferredLanguage" and abs(fv["token"] - tokens(". If it is already in ")) <= 2
    explain = got["config.explain.genPrompt.createGenPrompt.message"]
    assert explain["first_variable"] is None and explain["tokens"] == tokens("Explain the following")


def test_a_class_named_for_prompts_and_placeholders_its_renderer_fills(run_json):
    # ai-pr-reviewer prompts.ts: `export class Prompts { summarizeFileDiff = `## GitHub PR Title\n\n\`$title\`...` }`;
    # inputs.ts (imported by prompts.ts) renders them with content.replace('$title', this.title)...
    folder = FIX / "ai-pr-reviewer"
    got = by_container(run_json("scan", folder))
    src = (folder / "prompts.ts").read_text()
    cases = {"Prompts.summarizeFileDiff": ("summarizeFileDiff = `", "$title"),
             "Prompts.summarizeChangesets": ("summarizeChangesets = `", "$raw_summary"),
             "Prompts.summarizePrefix": ("summarizePrefix = `", "$raw_summary"),
             "Prompts.comment": ("comment = `", "$filename")}
    for container, (start, key) in cases.items():
        prefix = src.split(start, 1)[1].split(key, 1)[0].replace("\\`", "`")
        fv = got[container]["first_variable"]
        assert fv["name"] == key and abs(fv["token"] - tokens(prefix)) <= 2, (container, fv)
    # `$comment` and `$comment_chain` are two placeholders, each filled on its own
    names = [v["name"] for v in got["Prompts.comment"]["variables"]]
    assert "$comment_chain" in names and "$comment" in names
    # sections without a placeholder (appended to another template) are text
    assert got["Prompts.triageFileDiff"]["first_variable"] is None
    assert got["Prompts.summarizeShort"]["first_variable"] is None


def test_claude_code_arguments_make_a_command_prompt(run_json):
    # claude-task-master tm-profiles: dynamicCommand('update-single-task', ..., `Update a single ...
    # \n\nArguments: $ARGUMENTS ...`): the command's text, its `$ARGUMENTS` the variable Claude Code fills;
    # `showTask`-like names (a `show` scope) do not make it a UI text
    folder = FIX / "task-master" / "slash-commands"
    got = {p["file"].rsplit("/", 1)[-1]: p for p in run_json("scan", folder)["prompts"]}
    for name in ("update-single-task.ts", "to-review.ts"):
        src = (folder / name).read_text()
        prefix = src.split("`", 1)[1].split("$ARGUMENTS", 1)[0]
        fv = got[name]["first_variable"]
        assert fv["name"] == "$ARGUMENTS" and abs(fv["token"] - tokens(prefix)) <= 2, (name, fv)


def test_text_handed_to_an_agent_s_run(run_json):
    # AgentKit code-assistant-rag: const codeAssistant = createAgent({system: "...", ...}); then
    # codeAssistant.run(`What the following code does?\n\n  ${code}\n  `): the user's turn
    path = FIX / "agent-kit" / "code-assistant-rag" / "index.ts"
    got = run_json("scan", path)["prompts"]
    (run,) = [p for p in got if p["container"].endswith(".run")]
    assert run["role"] == "user" and run["first_variable"]["name"] == "code"
    assert abs(run["first_variable"]["token"] - tokens("What the following code does?\n\n  ")) <= 2
    # the file's `step.run`-like calls of things that are no agent stay out: only one run is reported
    assert sum(p["container"].endswith(".run") for p in got) == 1


def test_webextension_locales_are_a_translation_folder(run_json):
    # chatGPTBox src/_locales/de/main.json (the WebExtensions i18n folder): UI strings keyed by their
    # English text; `"Explain this: {{selection}}": "Erkläre das: {{selection}}"` is a form's sample text
    got = run_json("scan", FIX / "chatgptbox")["prompts"]
    assert got and not [p for p in got if "_locales" in p["file"]]


def test_a_trimmed_local_in_a_message_slot(run_json):
    # claude-task-master ai-services-unified.js: const systemPromptWithLanguage = `${systemPrompt} \n\n Always
    # respond in ${responseLanguage}.`; messages.push({role: 'system', content: systemPromptWithLanguage.trim()})
    path = FIX / "task-master" / "modules" / "ai-services-unified.js"
    (msg,) = run_json("scan", path)["prompts"]
    assert msg["container"].endswith("systemPromptWithLanguage") and msg["role"] == "system"
    assert msg["first_variable"]["name"] == "systemPrompt" and msg["first_variable"]["token"] == 0


def test_a_lookup_key_and_terminal_coloured_text_are_no_prompts(run_json):
    # claude-task-master prompt-manager.js: `const cacheKey = `${promptId}-${JSON.stringify(variables)}-...``
    # then `return this.cache.get(cacheKey)` in loadPrompt: the key a cached value is looked up by;
    # research.js: `promptDetails = [`  ${chalk.gray('System:')} ${chalk.yellow(n)} tokens`, ...].join('\n')`
    # printed in a token breakdown box.  The folder's one prompt is ai-services-unified.js's system message.
    got = run_json("scan", FIX / "task-master" / "modules")["prompts"]
    assert [p["container"] for p in got] == ["systemMessages.systemPromptWithLanguage"]


def test_an_agent_made_by_a_function_named_for_agents(run_json):
    # LlamaIndexTS examples/agents/agent/single-agent.ts: `const weatherAgent = agent({llm, tools})` (no
    # system prompt), then weatherAgent.run("What's the weather like in San Francisco?"): the callee's
    # name says it makes an agent, so the text its run is given is a user turn
    path = FIX / "llamaindexts" / "single-agent.ts"
    got = {p["container"]: p for p in run_json("scan", path)["prompts"]}
    first = got["main.result.run"]
    assert first["role"] == "user" and first["first_variable"] is None
    assert first["tokens"] == tokens("What's the weather like in San Francisco?")
    assert got["main.caResult.run"]["tokens"] == tokens("Compare it with California?")

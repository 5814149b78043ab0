"""JS/TS prompts the loader missed in projects already read (in-sample, benchmarks/PROMPT_DISCOVERY.md
"set 12" notes): AI Legion's messages made by its `messageBuilder` and its modules' `pinnedMessage`
members, spliced into the introduction by another file; Open Operator's content-part list given to a
message by shorthand, with a `.map` record spliced inline; u14app Deep Research's `{plan}` that another
file fills with `.replace`; chatGPTBox's DMG layout `contents` (no Gemini body).  The files are the
projects' own (tests/fixtures/SOURCES.md).  Goldens: the text before the first variable sliced from the
file here (plain string operations, `.trim()` where the code trims) and counted with tiktoken directly."""

from __future__ import annotations

import json

import tiktoken

from conftest import ROOT

EVAL = ROOT / "tests" / "fixtures" / "agents" / "eval"
FIX = ROOT / "tests" / "fixtures" / "code"
ENC = tiktoken.get_encoding("o200k_base")


def tokens(text: str) -> int:
    return len(ENC.encode(text))


def by_name(data) -> dict:
    return {(p["file"].replace("\\", "/").rsplit("/", 1)[-1], p["container"]): p for p in data["prompts"]}


def between(text: str, start: str, end: str) -> str:
    """The text from ``start`` up to ``end`` (JS escapes ``\\n``/`` \\` `` cooked)."""
    body = text.split(start, 1)[1].split(end, 1)[0]
    return (start + body).replace("\\n", "\n").replace("\\`", "`")


def test_ai_legion_messages_and_pinned_members_are_prompts(run_json):
    root = EVAL / "ai-legion" / "src"
    got = by_name(run_json("scan", root))
    # a message maker's text: messageBuilder.ok(this.agentId, `Write a summary in ${summaryWordLimit} ...`)
    memory = (root / "memory" / "memory.ts").read_text()
    summarize = got[("memory.ts", "Memory.summarize.summaryContent.makeDecision[1].message.ok")]
    assert summarize["first_variable"]["name"] == "summaryWordLimit"
    assert abs(summarize["first_variable"]["token"] - tokens("Write a summary in ")) <= 2
    # ... given through a local: messageBuilder.spontaneous(this.agentId, summary)
    summary = got[("memory.ts", "Memory.summarize.summary")]
    head = between(memory, "Several events are omitted", "${summaryContent}")
    assert summary["first_variable"]["name"] == "summaryContent"
    assert abs(summary["first_variable"]["token"] - tokens(head)) <= 2
    # a tool's result sent to the agent: messageBuilder.ok(agentId, `Contents of ${path}:\n\n${data}`)
    read = got[("system.ts", "with.actions.readFile.execute.sendMessage.ok")]
    assert read["first_variable"]["name"] == "path" and abs(read["first_variable"]["token"] - tokens("Contents of ")) <= 2
    # the items a `.map` callback returns, joined into the introduction message
    intro = got[("memory.ts", "Memory.getIntroduction.nestedEvents.all.map[0]")]
    assert intro["first_variable"]["name"] == "name.toUpperCase()"
    assert abs(intro["first_variable"]["token"] - tokens("--- ")) <= 2
    # members the introduction calls (`const content = await pinnedMessage(module.context)`), defined by
    # each module in another file: their returned text is spliced into that prompt
    core = got[("core.ts", "with.pinnedMessage")]
    assert core["first_variable"]["name"].split("(")[0] == "agentName"
    assert abs(core["first_variable"]["token"] - tokens("You are ")) <= 2  # (`...`.trim())
    goals_src = (root / "module" / "definitions" / "goals.ts").read_text()
    goals = got[("goals.ts", "with.pinnedMessage")]
    head = between(goals_src, "You are responsible for maintaining", "${currentGoals}")
    assert goals["first_variable"]["name"] == "currentGoals"
    assert abs(goals["first_variable"]["token"] - tokens(head)) <= 2
    # an error message maker's text stays out (`messageBuilder.error(agentId, `Unknown action ...`)`)
    assert not any("error" in c.split(".")[-1] for _, c in got)
    assert not any("Unknown action" in json.dumps(p) for p in got.values())


def test_open_operator_content_parts_and_an_inline_map_record(run_json):
    path = EVAL / "open-operator" / "app" / "api" / "agent" / "route.ts"
    got = by_name(run_json("scan", path))
    # const content: UserContent = [{type: "text", text: `Consider ...${currentUrl ? ...}`}]; {role: "user", content}
    part = got[("route.ts", "sendPrompt.content[0].text")]
    assert part["role"] == "user" and part["first_variable"]["name"].startswith("currentUrl ?")
    assert abs(part["first_variable"]["token"] - tokens("Consider the following screenshot of a web page")) <= 2
    # ${previousSteps.map((step, index) => `\nStep ${index + 1}:\n- Action: ...`).join("\n")} inside it
    item = got[("route.ts", "sendPrompt.content[0].text.map")]
    assert item["first_variable"]["name"] == "index + 1" and abs(item["first_variable"]["token"] - tokens("\nStep ")) <= 2
    # content.push({type: "text", text: `The result of the previous ${...}`})
    pushed = got[("route.ts", "sendPrompt.push.text")]
    assert abs(pushed["first_variable"]["token"] - tokens("The result of the previous ")) <= 2


def test_a_brace_placeholder_an_importer_fills_is_the_first_variable(run_json):
    # constants/prompts.ts: serpQueriesPrompt = `...<PLAN>\n{plan}\n</PLAN>...${serpQuerySchemaPrompt}` (a JSON
    # example's braces in the spliced constant: no template syntax read); utils/deep-research/prompts.ts
    # fills it with serpQueriesPrompt.replace("{plan}", plan).replace("{outputSchema}", ...)
    root = EVAL / "deep-research-u14app" / "src"
    got = by_name(run_json("scan", root))
    src = (root / "constants" / "prompts.ts").read_text()
    serp = got[("prompts.ts", "serpQueriesPrompt")]
    assert serp["first_variable"]["name"] == "{plan}"
    assert abs(serp["first_variable"]["token"] - tokens(between(src, "This is the report plan after", "{plan}"))) <= 2
    schema = got[("prompts.ts", "serpQuerySchemaPrompt")]
    head = between(src, "You MUST respond in **JSON**", "{outputSchema}")
    assert schema["first_variable"]["name"] == "{outputSchema}" and abs(schema["first_variable"]["token"] - tokens(head)) <= 2
    # alone, nothing fills it: the text stays text
    alone = by_name(run_json("scan", root / "constants" / "prompts.ts"))
    assert alone[("prompts.ts", "serpQueriesPrompt")]["first_variable"] is None


def test_a_json_whose_contents_are_not_gemini_contents_is_no_request_body(run_cli, tmp_path):
    # chatGPTBox safari/appdmg.json: {"title", "icon", "contents": [{"x", "y", "type", "path"}]}
    path = FIX / "chatgptbox" / "safari" / "appdmg.json"
    code, out, err = run_cli("scan", path, "--format", "json")
    assert code == 2 and "no prompts" in err and "Gemini" not in err and len(err.strip().splitlines()) == 1
    (tmp_path / "safari").mkdir()
    (tmp_path / "safari" / "appdmg.json").write_text(path.read_text())
    (tmp_path / "prompt.ts").write_text("export const SYSTEM_PROMPT = `You are a helpful assistant for ${user}.`;\n")
    code, out, err = run_cli("scan", tmp_path, "--format", "json")
    assert code == 0 and [p["container"] for p in json.loads(out)["prompts"]] == ["SYSTEM_PROMPT"] and not err.strip()


def test_chatgptbox_site_adapter_prompts_reach_the_model_through_get_input(run_json, run_cli, tmp_path):
    # content-script/index.jsx: `let question; ... question = await getInput(siteConfig.inputQuery)`, then
    # `<FloatingToolbar prompt={question} />`; getInput returns `${replyPromptBelow}\n\n` + input + ... with
    # `input = await inputQuery()`; site-adapters/arxiv: `inputQuery: async () => { ... return await
    # cropText(`Below is the paper abstract ...` + `\n${title}...`) }`
    root = FIX / "chatgptbox"
    got = by_name(run_json("scan", root))
    jsx = (root / "content-script" / "index.jsx").read_text()
    below = got[("index.jsx", "getInput.replyPromptBelow")]
    assert below["first_variable"]["name"] == "await getPreferredLanguage()"
    assert abs(below["first_variable"]["token"] - tokens("Reply in ")) <= 2
    search = [p for (f, c), p in got.items() if f == "index.jsx" and c.startswith("getInput@L")]
    assert len(search) == 1 and abs(search[0]["first_variable"]["token"] - tokens("Reply in ")) <= 2
    adapter_src = (root / "site-adapters" / "arxiv" / "index.mjs").read_text()
    head = between(adapter_src, "Below is the paper abstract", "`") + "\n"
    adapter = got[("index.mjs", "inputQuery")]
    assert adapter["first_variable"]["name"] == "title" and abs(adapter["first_variable"]["token"] - tokens(head)) <= 2
    # alone, nothing says the adapter's text reaches a model
    code, _, err = run_cli("scan", root / "site-adapters" / "arxiv" / "index.mjs", "--format", "json")
    assert code == 2 and "no prompts" in err
    # a literal attribute is a label the component shows, not a prompt slot
    (tmp_path / "a.jsx").write_text('export const A = () => <Dialog prompt="Delete this file now?" />\n')
    code, _, _ = run_cli("scan", tmp_path / "a.jsx", "--format", "json")
    assert code == 2 and "prompt={question}" in jsx


def test_set12_an_array_joined_in_place_a_branching_head_and_an_aliased_content_list(run_json):
    # (in-sample: written after the twelfth blind set named these misses)
    # aicommits prompt.ts: generatePrompt = (...) => ['Generate a concise ...', `Message language: ${locale}`,
    # ...].filter(Boolean).join('\n')
    src = (FIX / "aicommits" / "prompt.ts").read_text()
    got = by_name(run_json("scan", FIX / "aicommits" / "prompt.ts"))
    head = src.split("[\n\t\t'", 1)[1].split("',", 1)[0] + "\n" + "Message language: "
    joined = got[("prompt.ts", "generatePrompt")]
    assert joined["first_variable"]["name"] == "locale" and abs(joined["first_variable"]["token"] - tokens(head)) <= 2
    # make-real prompt.ts: user: (sourceCode) => (sourceCode ? `CONTEXT: ...${sourceCode}...` : 'INSTRUCTIONS: ...')
    # + `Remember: ...`: each branch, and the reminder after both
    rows = [p for (f, c), p in by_name(run_json("scan", FIX / "make-real" / "prompt.ts")).items()
            if c.startswith("NOVEMBER_19_2025.user")]
    firsts = sorted((p["first_variable"] or {}).get("token", -1) for p in rows)
    assert len(rows) == 3 and firsts[:2] == [-1, -1]
    assert abs(firsts[2] - tokens("CONTEXT: Here is the existing code:\n\n")) <= 2
    # make-real getMessages.ts: const messages = [{role: 'user', content: []}]; const userContent =
    # messages[0].content; userContent.push({type: 'text', text: `Here's a list of all the text ...:\n${text}`})
    gm = (FIX / "make-real" / "getMessages.ts").read_text()
    parts = [p for p in run_json("scan", FIX / "make-real" / "getMessages.ts")["prompts"] if p["role"] == "user"]
    heads = {p["first_variable"]["name"]: p["first_variable"]["token"] for p in parts}
    listed = gm.split("text: `", 1)[1].split("${text}", 1)[0].replace("\\n", "\n")
    assert abs(heads["text"] - tokens(listed)) <= 2 and abs(heads["grid.color"] - tokens("The designs have a ")) <= 2

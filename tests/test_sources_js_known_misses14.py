"""JS/TS prompts the loader missed, and text it took for prompts, in the sixteenth set (in-sample since its
blind scan: benchmarks/PROMPT_DISCOVERY.md, "Known misses fixed in-sample (helper src-js14)"), and issue #12's
measure-22 rows the loader did not read (aide's runnable inputs, rowboat's default system message).  The files
are the projects' own (tests/fixtures/SOURCES.md).  Goldens: the text before the first variable sliced from the
file here (plain string operations, the dedent package's published algorithm written out below) and counted
with tiktoken directly."""

from __future__ import annotations

import json
import re

from test_sources_js_known_misses11 import EVAL, FIX, tokens

AGENTIC = FIX / "agentic-examples"


def rows(data) -> list[dict]:
    return data["prompts"]


def at_line(data, line: int) -> list[dict]:
    return [p for p in rows(data) if p.get("line") == line]


def scan_rows(run_cli, path) -> list[dict]:
    """The prompts a scan of PATH lists; none when it says the file holds none (exit 2)."""
    code, out, err = run_cli("scan", path, "--format", "json")
    if code == 2 and "no prompts" in err:
        return []
    assert code == 0, err
    return json.loads(out)["prompts"]


def literal_at(src: str, start: str) -> str:
    """The source text of the template literal that opens with ``start`` (none of these have escapes)."""
    body = src[src.index(start):]
    return body[:body.index("`")]


def dedent_package(text: str) -> str:
    """dmnd/dedent 1.5 (src/dedent.ts) on a string: the smallest indentation among the lines matching
    /^(\\s+)\\S+/ is cut from each line that starts with a space or tab; the result is trimmed."""
    lines = text.split("\n")
    indents = [len(m.group(1)) for m in (re.match(r"^(\s+)\S+", ln) for ln in lines) if m]
    if indents:
        cut = min(indents)
        lines = [ln[cut:] if ln[:1] in (" ", "\t") else ln for ln in lines]
    return "\n".join(lines).strip()


def test_a_literal_passed_through_dedent_as_a_function_is_dedented(run_json, tmp_path):
    # self.so generateResumeObject.ts: prompt: dedent(`You are an expert resume writer. ...\n\n    {\n      "header":
    # ...\n    ## Resume text:\n\n    ${resumeText}\n    `): the first line follows the backtick, every other line is
    # indented by at least four spaces, which the package cuts (it counts only the lines that have an indentation)
    path = FIX / "self-so" / "generateResumeObject.ts"
    src = path.read_text()
    body = literal_at(src, "You are an expert resume writer.")
    head, tail = body.split("${resumeText}")
    want = tokens(dedent_package(head + "\x00" + tail).split("\x00")[0])
    raw = tokens(head)
    assert raw - want > 10  # the indentation costs tokens: a reading as written is off by more than the tolerance
    got = at_line(run_json("scan", path), 31)
    assert len(got) == 1 and got[0]["first_variable"]["name"] == "resumeText"
    assert abs(got[0]["first_variable"]["token"] - want) <= 2
    # the tag form reads the same (dedent`...`), and the literal alone stays as written
    (tmp_path / "tag.ts").write_text(src.replace("prompt: dedent(`", "prompt: dedent`").replace("    `),\n", "    `,\n"))
    tag = at_line(run_json("scan", tmp_path / "tag.ts"), 31)
    assert abs(tag[0]["first_variable"]["token"] - want) <= 2
    (tmp_path / "other.ts").write_text(src.replace("prompt: dedent(`", "prompt: (`"))
    other = at_line(run_json("scan", tmp_path / "other.ts"), 31)
    assert abs(other[0]["first_variable"]["token"] - raw) <= 2


def test_a_function_of_a_prompts_folder_named_for_a_key_returns_no_prompt(run_json, run_cli, tmp_path):
    # llama-coder src/prompts/promptCache.ts: extractPromptCacheKey(args) returns normalizeText(args.prefix + '
    # ##CURSOR## ' + args.suffix), the cache's key; the folder's models.ts returns the fill-in-the-middle prompts
    root = FIX / "llama-coder"
    data = run_json("scan", root)
    files = sorted({p["file"].replace("\\", "/").rsplit("src/", 1)[-1] for p in rows(data)})
    assert files == ["prompts/processors/models.ts"]
    models = (root / "src" / "prompts" / "processors" / "models.ts").read_text()
    starts = ["<｜fim▁begin｜>", "<fim_prefix>", "<PRE> "]
    got = sorted(rows(data), key=lambda p: p["line"])
    assert [p["first_variable"]["name"] for p in got] == ["args.prefix"] * 3
    for p, start in zip(got, starts):
        assert f"`{start}$" in models
        assert abs(p["first_variable"]["token"] - tokens(start)) <= 2
    # the same function named for a text it makes stays a prompt of the folder
    (tmp_path / "prompts").mkdir()
    cache = (root / "src" / "prompts" / "promptCache.ts").read_text()
    (tmp_path / "prompts" / "promptCache.ts").write_text(cache.replace("extractPromptCacheKey", "cursorPromptText"))
    code, out, err = run_cli("scan", tmp_path / "prompts" / "promptCache.ts", "--format", "json")
    assert code == 0, err
    assert [p["container"] for p in json.loads(out)["prompts"]] == ["cursorPromptText"]
    # a value noun that only qualifies the head noun (`...PromptWithKey`, as Cody's `getContextPromptWithPath`)
    (tmp_path / "prompts" / "promptCache.ts").write_text(cache.replace("extractPromptCacheKey", "cursorPromptWithKey"))
    code, out, err = run_cli("scan", tmp_path / "prompts" / "promptCache.ts", "--format", "json")
    assert code == 0, err
    assert [p["container"] for p in json.loads(out)["prompts"]] == ["cursorPromptWithKey"]


def test_a_runner_an_ai_runner_factory_returns_is_called_with_the_user_turn(run_json, run_cli, tmp_path):
    # Dexter (agentic examples): const runner = createAIRunner({chatModel: new ChatModel(...), functions, systemMessage:
    # '...'}); runner(`Summarize the latest news on ${topic}`): createAIRunner returns a function that sends its
    # argument as the user message
    src = (AGENTIC / "dexter" / "analyze.ts").read_text()
    assert "const topic = 'the 2024 olympics'" in src and "runner(`Summarize the latest news on ${topic}`)" in src
    got = at_line(run_json("scan", AGENTIC / "dexter" / "analyze.ts"), 24)
    assert len(got) == 1 and got[0]["role"] == "user"
    assert got[0]["first_variable"] is None  # (`topic` is a constant of the file: text of the prompt)
    # given a value that changes, the variable is where the topic goes
    (tmp_path / "analyze.ts").write_text(src.replace("const topic = 'the 2024 olympics'", "const topic = process.argv[2]"))
    var = at_line(run_json("scan", tmp_path / "analyze.ts"), 24)
    assert var[0]["first_variable"]["name"] == "topic"
    assert abs(var[0]["first_variable"]["token"] - tokens("Summarize the latest news on ")) <= 2
    # built without a system prompt, the runner is still what runs the model
    plain = at_line(run_json("scan", AGENTIC / "dexter" / "code-interpreter.ts"), 18)
    assert len(plain) == 1 and plain[0]["role"] == "user" and plain[0]["first_variable"] is None
    # a runner of something else (a task runner) given a sentence: no prompt
    (tmp_path / "tasks.ts").write_text(
        (AGENTIC / "dexter" / "code-interpreter.ts").read_text()
        .replace("createAIRunner({", "createTaskRunner({").replace("chatModel: new ChatModel({", "queue: new Queue({"))
    code, out, err = run_cli("scan", tmp_path / "tasks.ts", "--format", "json")
    assert code == 2 and "no prompts" in err, out


def test_an_agents_chat_message_is_the_user_turn(run_json, tmp_path):
    # LlamaIndexTS: const agent = new OpenAIAgent({llm, systemPrompt: '...', tools}); agent.chat({message: 'What is
    # the weather in San Francisco?'}) (the chat engine's documented `{message}` parameter)
    data = run_json("scan", AGENTIC / "llamaindex" / "weather.ts")
    got = at_line(data, 19)
    assert len(got) == 1 and got[0]["role"] == "user" and got[0]["first_variable"] is None
    assert [p["role"] for p in at_line(data, 14)] == ["system"]
    # the same object's other keys are not the turn
    src = (AGENTIC / "llamaindex" / "weather.ts").read_text()
    (tmp_path / "w.ts").write_text(src.replace("message: 'What is", "label: 'What is"))
    assert not at_line(run_json("scan", tmp_path / "w.ts"), 19)


def test_a_runnables_input_is_the_user_turn(run_json, run_cli, tmp_path):
    # aide get-reference-file-paths.ts (issue #12 measure-22): const aiRunnable = await
    # modelProvider.createStructuredOutputRunnable({...}); aiRunnable.invoke({input: `\nI will provide the relative
    # paths...\n${allRelativePaths.join('\n')}...`}): LangChain's runnable fills its `{input}` with the text
    path = EVAL / "aide" / "src" / "extension" / "ai" / "get-reference-file-paths.ts"
    src = path.read_text()
    start = src.index("input: `") + len("input: `")
    want = tokens(src[start:src.index("${", start)])
    got = at_line(run_json("scan", path), 53)
    assert len(got) == 1 and got[0]["role"] == "user"
    assert got[0]["first_variable"]["name"].startswith("allRelativePaths")
    assert abs(got[0]["first_variable"]["token"] - want) <= 2
    # LangChain's agent executor built from an agent: its `invoke({input})` too
    lc = at_line(run_json("scan", AGENTIC / "langchain" / "weather.ts"), 32)
    assert len(lc) == 1 and lc[0]["role"] == "user"
    # an object that runs nothing named for a model (a file reader) given the same text: no prompt
    (tmp_path / "g.ts").write_text(src.replace("modelProvider.createStructuredOutputRunnable({",
                                               "fileProvider.createReader({"))
    assert not [p for p in scan_rows(run_cli, tmp_path / "g.ts") if p["line"] == 53]


def test_text_written_into_a_messages_content_is_that_message(run_json, run_cli, tmp_path):
    # rowboat agents.ts ensureSystemMessage (issue #12 measure-22): if (!messages[0].content) { const defaultContext
    # = `You are a helpful assistant.\n\nBasic context:\n    - The date-time right now is ${new Date().toISOString()}`;
    # messages[0].content = defaultContext }
    path = EVAL / "rowboat" / "apps" / "rowboat" / "src" / "application" / "lib" / "agents-runtime" / "agents.ts"
    src = path.read_text()
    start = src.index("const defaultContext = `") + len("const defaultContext = `")
    want = tokens(src[start:src.index("${", start)])
    got = [p for p in rows(run_json("scan", path)) if p["container"].endswith("defaultContext")]
    assert len(got) == 1 and got[0]["first_variable"]["name"].startswith("new Date()")
    assert abs(got[0]["first_variable"]["token"] - want) <= 2
    # written into the content of a list named for something else (table rows), it is no message
    (tmp_path / "agents.ts").write_text(src.replace("messages[0].content = defaultContext;",
                                                    "rows[0].content = defaultContext;"))
    assert not [p for p in scan_rows(run_cli, tmp_path / "agents.ts") if p["container"].endswith("defaultContext")]

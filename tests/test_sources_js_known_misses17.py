"""JS/TS prompts the loader missed in the seventeenth set (in-sample since its blind scan:
benchmarks/PROMPT_DISCOVERY.md, "Seventeenth measure set"), each on the project's own file
(tests/fixtures/SOURCES.md).  Goldens: the literal's text sliced from the file here and counted with tiktoken
directly."""

from __future__ import annotations

from test_sources_js_known_misses11 import FIX, tokens


def literal_at(src: str, start: str, quote: str = "`") -> str:
    """The source text of the literal that opens with ``start`` (none of these has an escape or a `${`)."""
    body = src[src.index(start):]
    return body[:body.index(quote)]


def by_container(run_json, path) -> dict:
    return {p["container"]: p for p in run_json("scan", path)["prompts"]}


def test_a_message_sent_from_a_timer_callback_is_a_prompt(run_json):
    # openai-realtime-console ToolPanel.jsx: `setTimeout(() => { sendClientEvent({type: "response.create",
    # response: {instructions: `...`}}) }, 500)`: `setTimeout` is the timer global, not a React state setter
    # (`setX(...)` shows what a component holds); the Realtime API's `instructions` are the prompt
    path = FIX / "realtime-console" / "ToolPanel.jsx"
    src = path.read_text()
    want = literal_at(src, "\n                ask for feedback")
    got = by_container(run_json, path)
    p = got["ToolPanel.useEffect.forEach.setTimeout.sendClientEvent.response.instructions"]
    assert p["line"] == 98 and p["first_variable"] is None
    assert p["tokens"] == tokens(want)
    # the tool's descriptions (`functionDescription`, the parameters') are not prompts
    assert [c for c in got if "description" in c.lower()] == []


def test_a_prompt_local_sent_as_a_role_message_is_read_in_a_function_named_for_notifications(run_json):
    # xata agent runner.ts: `decideNotificationLevel` builds `const prompt = `Decide a level of notification...``
    # and sends it as `{role: 'user', content: prompt}` to `generateObject`: a function named for the
    # notification it decides is no notification text (as `addLogsToCode`'s role messages are read)
    path = FIX / "xata-agent" / "runner.ts"
    src = path.read_text()
    want = literal_at(src, "Decide a level of notification")
    got = by_container(run_json, path)
    p = got["decideNotificationLevel.prompt"]
    assert p["first_variable"] is None
    assert p["tokens"] == tokens(want)


def test_a_literal_passed_for_a_parameter_sent_as_a_user_message_is_that_message(run_json):
    # supermemory claude-memory-simple-example.ts: `async function chatWithMemory(userMessage: string)` sends
    # `messages: [{role: "user", content: userMessage}]`; `example()` calls it with the user's request
    path = FIX / "supermemory" / "claude-memory-simple-example.ts"
    src = path.read_text()
    want = literal_at(src, "Remember that I prefer", '"')
    rows = [p for p in run_json("scan", path)["prompts"] if p["line"] == 63]
    assert len(rows) == 1
    assert rows[0]["role"] == "user" and rows[0]["first_variable"] is None
    assert rows[0]["tokens"] == tokens(want)


def test_a_uri_template_is_no_prompt(run_cli):
    # supermemory's MCP server resources/widget.ts: `new ResourceTemplate("ui://supermemory/app-{version}.html",
    # {list: undefined})` names an MCP resource by an RFC 6570 URI template: an address, not text for a model
    # (the set's one real false positive)
    path = FIX / "supermemory" / "widget.ts"
    assert 'new ResourceTemplate("ui://supermemory/app-{version}.html"' in path.read_text()
    code, out, err = run_cli("scan", path, "--format", "json")
    assert code == 2 and "no prompts" in err, (code, out[:500], err)

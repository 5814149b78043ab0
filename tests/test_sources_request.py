"""Request-body sources (.json, .jsonl, YAML, Prompty) and their rendering as the model sees them.

Goldens: tiktoken called directly on the message texts plus the cookbook framing counted by hand
(3 per message, +3 reply priming).  A message ``name`` follows the role as ``role:name`` (harmony's
header): the recorded usage of openinference's cassettes (shared/corpora/openai-recorded, #15-#19, names
``user``, ``primary``, ``critic`` on gpt-4o-2024-08-06) is matched exactly that way, where the cookbook's
"+1 per name" over-counts by one."""

from __future__ import annotations

import json

import pytest

from pcache.analyzers.model import SourceError
from pcache.analyzers.scan import tokenize_corpus
from pcache.analyzers.sources.interface import SourceOptions, SourceParseError
from pcache.analyzers.sources.jsonl import JsonlSource
from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.sources.prompty import PromptySource, split_roles
from pcache.analyzers.sources.request import RequestSource
from pcache.analyzers.sources.yaml_messages import YamlSource
from pcache.analyzers.tokenizer import SPECIAL_BASE

SYSTEM = "You are a support assistant for Acme Corp.\nAnswer briefly and politely. Never invent order numbers."
USER = "Where is my order #4411? It was due on Monday."


def cookbook(enc, messages) -> int:
    """The OpenAI cookbook count, computed here from tiktoken directly."""
    n = 3
    for m in messages:
        author = m["role"] + (":" + m["name"] if m.get("name") else "")
        n += 3 + len(enc.encode(author)) + len(enc.encode(m["content"]))
    return n


def text_tokens(enc, messages) -> list[int]:
    out: list[int] = []
    for m in messages:
        out += enc.encode(m["role"] + (":" + m["name"] if m.get("name") else ""))
        out += enc.encode(m["content"])
    return out + enc.encode("assistant")


def tokenize(prompts):
    tps, _ = tokenize_corpus(prompts, None)
    return tps


def plain(tp) -> list[int]:
    return [t for t in tp.tokens.tolist() if t < SPECIAL_BASE]


def load_one(source, tmp_path, name, text, options=None):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return source.load(str(p), text, options or SourceOptions())


MESSAGES = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": USER, "name": "dana"}]


# ------------------------------------------------------------------------- Chat Completions .json


def test_chat_json_matches_cookbook_framing(tmp_path, o200k):
    body = {"model": "gpt-4o", "messages": MESSAGES, "temperature": 0}
    loaded = load_one(RequestSource(), tmp_path, "r.json", json.dumps(body, indent=2))
    [prompt] = loaded.prompts
    assert prompt.kind == "chat" and prompt.model == "gpt-4o" and prompt.body == body
    [tp] = tokenize([prompt])
    assert len(tp) == cookbook(o200k, MESSAGES)
    assert plain(tp) == text_tokens(o200k, MESSAGES)
    assert prompt.estimate is False


def test_cl100k_model_uses_its_encoding(tmp_path, cl100k):
    body = {"model": "gpt-4-0613", "messages": MESSAGES}
    [prompt] = load_one(RequestSource(), tmp_path, "r.json", json.dumps(body)).prompts
    [tp] = tokenize([prompt])
    assert len(tp) == cookbook(cl100k, MESSAGES)
    assert plain(tp) == text_tokens(cl100k, MESSAGES)


def test_content_part_arrays_concatenate_text(tmp_path, o200k):
    parts = [{"type": "text", "text": "Part one. "}, {"type": "text", "text": "Part two."}]
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": parts}]}
    [prompt] = load_one(RequestSource(), tmp_path, "r.json", json.dumps(body)).prompts
    [tp] = tokenize([prompt])
    assert len(tp) == cookbook(o200k, [{"role": "user", "content": "Part one. Part two."}])


def test_image_part_is_an_estimate(tmp_path):
    parts = [{"type": "text", "text": "What is this?"},
             {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}]
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": parts}]}
    [prompt] = load_one(RequestSource(), tmp_path, "r.json", json.dumps(body)).prompts
    assert prompt.estimate and any("image" in n for n in prompt.notes)


def test_key_order_does_not_change_tokens(tmp_path):
    body = {"model": "gpt-4o", "temperature": 0.2, "messages": [
        {"role": "system", "content": SYSTEM},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": "{\"id\": 4411}"}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "shipped"}],
        "tools": [{"type": "function", "function": {"name": "lookup", "description": "Find an order",
                                                    "parameters": {"type": "object", "properties": {
                                                        "id": {"type": "integer"}}}}}]}

    def reorder(o):
        if isinstance(o, dict):
            return {k: reorder(o[k]) for k in reversed(list(o))}
        if isinstance(o, list):
            return [reorder(v) for v in o]
        return o

    a = load_one(RequestSource(), tmp_path, "a.json", json.dumps(body, indent=2)).prompts[0]
    b = load_one(RequestSource(), tmp_path, "b.json", json.dumps(reorder(body))).prompts[0]
    ta, tb = tokenize([a, b])
    assert list(ta.tokens) == list(tb.tokens)

    changed = json.loads(json.dumps(body))
    changed["messages"][1]["tool_calls"][0]["function"]["arguments"] = "{\"id\":4411}"
    c = load_one(RequestSource(), tmp_path, "c.json", json.dumps(changed)).prompts[0]
    [tc] = tokenize([c])
    assert list(tc.tokens) != list(ta.tokens)
    first = next(i for i, (x, y) in enumerate(zip(ta.tokens, tc.tokens)) if x != y)
    seg, _ = tc.segment_at(tc.char_offset(first))
    assert seg.part == "assistant" and seg.message == 1 and "4411" in seg.text


def test_tool_calls_render_arguments_exactly(tmp_path, o200k):
    args = '{"city": "Paris",  "unit":"c"}'
    body = {"model": "gpt-4o", "messages": [
        {"role": "user", "content": "weather?"},
        {"role": "assistant", "content": None,
         "tool_calls": [{"id": "x", "type": "function", "function": {"name": "weather", "arguments": args}}]}]}
    [prompt] = load_one(RequestSource(), tmp_path, "r.json", json.dumps(body)).prompts
    assert args in prompt.text and "weather" in prompt.text
    [tp] = tokenize([prompt])
    # the arguments string is tokenized on its own, exactly as given
    toks = plain(tp)
    want = o200k.encode(args)
    assert any(toks[i:i + len(want)] == want for i in range(len(toks)))


def test_tools_namespace_block(tmp_path, o200k):
    body = {"model": "gpt-4o", "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": USER}],
            "tools": [{"type": "function", "function": {
                "name": "get_order", "description": "Look up an order",
                "parameters": {"type": "object", "required": ["order_id"], "properties": {
                    "order_id": {"type": "string", "description": "The order number"},
                    "detail": {"type": "string", "enum": ["short", "full"]}}}}}]}
    [prompt] = load_one(RequestSource(), tmp_path, "r.json", json.dumps(body)).prompts
    expected_block = (
        "namespace functions {\n\n"
        "// Look up an order\n"
        "type get_order = (_: {\n"
        "// The order number\n"
        "order_id: string,\n"
        'detail?: "short" | "full",\n'
        "}) => any;\n\n"
        "} // namespace functions"
    )
    tools = [s for s in prompt.segments if s.part == "tools"]
    assert len(tools) == 1 and expected_block in tools[0].text
    assert prompt.estimate
    # tools come first, inside the system message, a blank line before the system text
    texts = [s.text for s in prompt.segments]
    assert texts[:3] == ["<|im_start|>", "system", "<|im_sep|>"] and prompt.segments[3].part == "tools"
    assert texts[4] == SYSTEM
    [tp] = tokenize([prompt])
    header = "# Tools\n\n## functions\n\n"
    assert len(tp) == cookbook(o200k, body["messages"]) - len(o200k.encode(SYSTEM)) + len(
        o200k.encode(header + expected_block + "\n\n" + SYSTEM))


def test_response_format_schema_before_system(tmp_path, o200k):
    schema = {"type": "object", "title": "Answer", "additionalProperties": False, "required": ["required"],
              "properties": {"required": {"type": "string", "title": "Required"}}}
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": USER}],
            "response_format": {"type": "json_schema", "json_schema": {"name": "Answer", "schema": schema}}}
    [prompt] = load_one(RequestSource(), tmp_path, "r.json", json.dumps(body)).prompts
    [seg] = [s for s in prompt.segments if s.part == "schema"]
    # ``required`` / ``additionalProperties`` are not rendered, titles are; a property named "required" stays
    assert '{"type":"object","title":"Answer","properties":{"required":{"type":"string","title":"Required"}}}' \
        in seg.text
    assert prompt.segments.index(seg) < next(i for i, s in enumerate(prompt.segments) if s.part == "user")
    assert prompt.estimate


def test_pretty_json_locations_point_at_content(tmp_path):
    body = {"model": "gpt-4o", "messages": [{"role": "system", "content": SYSTEM},
                                            {"role": "user", "content": "Today is {{date}}"}]}
    text = json.dumps(body, indent=2)
    [prompt] = load_one(RequestSource(), tmp_path, "r.json", text).prompts
    lines = text.splitlines()
    user = next(s for s in prompt.segments if s.part == "user" and s.kind == "static" and "Today" in s.text)
    assert lines[user.line - 1][user.column - 1:].startswith('"Today is')
    assert user.verbatim is False


def test_list_of_bodies_and_errors(tmp_path):
    good = {"model": "gpt-4o", "messages": [{"role": "user", "content": "a"}]}
    loaded = load_one(RequestSource(), tmp_path, "l.json", json.dumps([good, good]))
    assert [p.name for p in loaded.prompts] == [f"{tmp_path}/l.json#1", f"{tmp_path}/l.json#2"]
    with pytest.raises(SourceParseError, match="not an OpenAI request body"):
        load_one(RequestSource(), tmp_path, "x.json", '{"name": "config", "debug": true}')
    with pytest.raises(SourceParseError) as exc:
        load_one(RequestSource(), tmp_path, "bad.json", '{\n  "model": "gpt-4o",\n  "messages": [,]\n}')
    assert exc.value.line == 3


# ------------------------------------------------------------------------- Responses


def test_responses_body(tmp_path, o200k):
    body = {"model": "gpt-4o-mini", "instructions": SYSTEM, "input": USER}
    [prompt] = load_one(RequestSource(), tmp_path, "r.json", json.dumps(body)).prompts
    assert prompt.kind == "responses"
    [tp] = tokenize([prompt])
    assert len(tp) == cookbook(o200k, [{"role": "system", "content": SYSTEM}, {"role": "user", "content": USER}])

    items = {"model": "gpt-4o", "input": [
        {"role": "user", "content": [{"type": "input_text", "text": USER}]},
        {"type": "function_call", "call_id": "c1", "name": "lookup", "arguments": "{\"id\":1}"},
        {"type": "function_call_output", "call_id": "c1", "output": "shipped"}]}
    [p2] = load_one(RequestSource(), tmp_path, "r2.json", json.dumps(items)).prompts
    assert '{"id":1}' in p2.text and "shipped" in p2.text and p2.text.index("lookup") < p2.text.index("shipped")


# ------------------------------------------------------------------------- JSONL


def test_jsonl_shapes_and_bad_line(tmp_path, o200k):
    body = {"model": "gpt-4o-mini", "messages": MESSAGES}
    lines = [
        json.dumps(body),
        json.dumps({"custom_id": "req-7", "method": "POST", "url": "/v1/chat/completions", "body": body}),
        "{not json",
        "",
        json.dumps({"ts": "2025-01-01", "request": body, "usage": {"prompt_tokens": 1}}),
        json.dumps({"hello": "world"}),
    ]
    path = tmp_path / "b.jsonl"
    loaded = load_one(JsonlSource(), tmp_path, "b.jsonl", "\n".join(lines))
    assert [p.name for p in loaded.prompts] == [f"{path}#L1", "req-7", f"{path}#L5"]
    assert [p.line for p in loaded.prompts] == [1, 2, 5]
    assert [(e.line, e.message.split(":")[0]) for e in loaded.errors] == [(3, "invalid JSON"),
                                                                          (6, "not a request body (OpenAI, Anthropic or Gemini)")]
    assert all(isinstance(e, SourceError) for e in loaded.errors)
    tps = tokenize(loaded.prompts)
    assert [len(t) for t in tps] == [cookbook(o200k, MESSAGES)] * 3
    # locations: the line of the prompt, the column of the content value in that line
    seg = next(s for s in loaded.prompts[1].segments if s.text == SYSTEM)
    assert seg.line == 2 and lines[1][seg.column - 1:].startswith(json.dumps(SYSTEM))


def test_jsonl_request_field(tmp_path, o200k):
    body = {"model": "gpt-4o", "messages": MESSAGES}
    text = json.dumps({"meta": {"id": 1}, "data": {"payload": body}}) + "\n"
    loaded = load_one(JsonlSource(), tmp_path, "logs.ndjson", text, SourceOptions(request_field="data.payload"))
    [tp] = tokenize(loaded.prompts)
    assert len(tp) == cookbook(o200k, MESSAGES)
    missing = load_one(JsonlSource(), tmp_path, "logs2.jsonl", text, SourceOptions(request_field="data.nope"))
    assert not missing.prompts and "data.nope" in missing.errors[0].message


def test_jsonl_model_override_at_scan_time(tmp_path, cl100k):
    text = json.dumps({"model": "gpt-4o", "messages": MESSAGES}) + "\n"
    loaded = load_one(JsonlSource(), tmp_path, "b.jsonl", text)
    tps, _ = tokenize_corpus(loaded.prompts, "gpt-4")
    assert len(tps[0]) == cookbook(cl100k, MESSAGES)


# ------------------------------------------------------------------------- YAML and Prompty


def test_yaml_messages(tmp_path, o200k):
    text = ("model: gpt-4o\n"
            "messages:\n"
            "  - role: system\n"
            "    content: |\n"
            f"      {SYSTEM.splitlines()[0]}\n"
            f"      {SYSTEM.splitlines()[1]}\n"
            "  - role: user\n"
            "    content: \"Order {{ order_id }} please\"\n")
    [prompt] = load_one(YamlSource(), tmp_path, "chat.yaml", text).prompts
    assert prompt.model == "gpt-4o" and prompt.kind == "chat"
    [var] = prompt.variables
    assert var.name == "order_id" and var.line == 8 and text.splitlines()[7][var.column - 1:].startswith("{{")
    sys_seg = next(s for s in prompt.segments if s.part == "system" and s.kind == "static" and s.text != "system")
    assert sys_seg.line == 5
    # with placeholders left as written, the count is the cookbook count of the literal texts
    [tp] = tokenize([prompt])
    msgs = [{"role": "system", "content": SYSTEM + "\n"}, {"role": "user", "content": "Order {{ order_id }} please"}]
    assert len(tp) == cookbook(o200k, msgs)
    assert tp.static_prefix_tokens < len(tp)

    none = load_one(YamlSource(), tmp_path, "chat2.yaml", text, SourceOptions(syntax="none")).prompts[0]
    assert not none.variables
    with pytest.raises(SourceParseError) as exc:
        load_one(YamlSource(), tmp_path, "bad.yaml", "messages:\n  - role: user\n   content: [\n")
    assert exc.value.line is not None


PROMPTY = """---
name: Support
description: A support bot
model:
  api: chat
  configuration:
    type: azure_openai
    azure_deployment: gpt-4o-mini
sample:
  question: Where is my order?
---
system:
You are a support assistant for Acme Corp.
Answer briefly.

user:
{{question}}
"""


def test_prompty(tmp_path, o200k):
    [prompt] = load_one(PromptySource(), tmp_path, "s.prompty", PROMPTY).prompts
    assert prompt.model == "gpt-4o-mini" and prompt.syntax == "jinja"
    [var] = prompt.variables
    assert (var.name, var.line, var.column) == ("question", 17, 1)
    [tp] = tokenize([prompt])
    msgs = [{"role": "system", "content": "You are a support assistant for Acme Corp.\nAnswer briefly."},
            {"role": "user", "content": "{{question}}"}]
    assert len(tp) == cookbook(o200k, msgs)
    # everything before the user message is static
    assert tp.static_prefix_tokens == cookbook(o200k, msgs[:1]) - 3 + 3  # system message + "<|im_start|>user<|im_sep|>"


def test_split_roles():
    body = "intro\nsystem:\nA\n\nuser:\n  B {{x}}\nassistant:\nC\n"
    assert [(r, c, line) for r, c, line, _ in split_roles(body, 10)] == [
        ("system", "intro", 10), ("system", "A", 12), ("user", "B {{x}}", 15), ("assistant", "C", 17)]


# ------------------------------------------------------------------------- through the loader and CLI


def test_registry_picks_sources(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"model": "gpt-4o", "messages": MESSAGES}))
    (tmp_path / "b.jsonl").write_text(json.dumps({"model": "gpt-4o", "messages": MESSAGES}) + "\n")
    (tmp_path / "c.prompty").write_text(PROMPTY)
    (tmp_path / "d.yaml").write_text("messages:\n  - role: user\n    content: hi\n")
    corpus = load_paths([str(tmp_path)])
    assert sorted(p.kind for p in corpus.prompts) == ["chat"] * 4 and not corpus.errors


def test_cli_scan_dir_of_request_jsons(tmp_path, o200k, run_cli):
    long_system = " ".join(f"Rule {i}: answer in the customer's language and cite the policy." for i in range(120))
    for i in range(3):
        body = {"model": "gpt-4o", "messages": [{"role": "system", "content": long_system},
                                                {"role": "user", "content": f"Question number {i}?"}]}
        (tmp_path / f"req{i}.json").write_text(json.dumps(body, indent=2))
    (tmp_path / "broken.json").write_text("{\"model\": ")
    code, out, err = run_cli("scan", str(tmp_path), "--format", "json")
    data = json.loads(out)
    assert len(data["prompts"]) == 3 and all(p["kind"] == "chat" for p in data["prompts"])
    msgs = [{"role": "system", "content": long_system}, {"role": "user", "content": "Question number 0?"}]
    assert data["prompts"][0]["tokens"] == cookbook(o200k, msgs)
    # the shared prefix ends inside the user message: system message + "<|im_start|>user<|im_sep|>" + the
    # common tokens of the questions
    qs = [o200k.encode(f"Question number {i}?") for i in range(3)]
    common = next(k for k in range(len(qs[0])) if len({tuple(q[:k + 1]) for q in qs}) > 1)
    shared = 3 + len(o200k.encode(long_system)) + 1 + 3 + common  # start,system,sep + text + end; start,user,sep
    assert data["corpus"]["shared_prefix_tokens"] == shared
    assert "broken.json:1" in err


def test_schema_dialect_marker_not_rendered(tmp_path):
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
              "properties": {"n": {"type": "integer", "title": "N"}}}
    body = {"model": "gpt-4o", "input": "Pick a number",
            "text": {"format": {"type": "json_schema", "name": "Pick", "schema": schema}}}
    [prompt] = load_one(RequestSource(), tmp_path, "r.json", json.dumps(body)).prompts
    [seg] = [s for s in prompt.segments if s.part == "schema"]
    assert seg.text.endswith(json.dumps({"type": "object", "properties": {"n": {"type": "integer", "title": "N"}}},
                                        separators=(",", ":")))
    assert "$schema" not in seg.text

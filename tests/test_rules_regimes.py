"""PC501/PC502 (OpenAI GPT-5.6+) and PC601/PC602 (Anthropic): triggering and near-miss request bodies,
plus the Anthropic/Gemini request sources and boundaries they rely on."""

from __future__ import annotations

import json

from pcache.analyzers.lint import lint
from pcache.analyzers.providers.boundaries import boundaries_for
from pcache.analyzers.vocab import load_encoding
from pcache.analyzers.scan import scan, tokenize_corpus
from pcache.analyzers.sources.interface import SourceOptions
from pcache.analyzers.sources.load import load_paths

HEAD = " ".join(f"Rule {i}: answer politely about topic number {i * 7}." for i in range(150))  # ~1,700 tokens


def write(tmp_path, name: str, body) -> str:
    p = tmp_path / name
    p.write_text(json.dumps(body, indent=1), encoding="utf-8")
    return str(p)


def load(tmp_path, model=None):
    corpus = load_paths([str(tmp_path)], SourceOptions(model=model), [], [])
    assert not corpus.errors, corpus.errors
    return corpus.prompts


def codes(result, code):
    return [f for f in result.findings if f.code == code]


def chat(question: str, breakpoint: bool = False, model: str = "gpt-5.6-terra") -> dict:
    system = ({"role": "system", "content": [{"type": "text", "text": HEAD,
                                              "prompt_cache_breakpoint": {"mode": "explicit"}}]}
              if breakpoint else {"role": "system", "content": HEAD})
    return {"model": model, "messages": [system, {"role": "user", "content": question}]}


# ---------------------------------------------------------------- PC501


def test_pc501_stable_head_changing_user_message(tmp_path):
    write(tmp_path, "a.json", chat("What is the capital of France?"))
    write(tmp_path, "b.json", chat("How many legs does a spider have?"))
    found = codes(lint(load(tmp_path)), "PC501")
    assert len(found) >= 1
    assert "messages[0]" in found[0].fix and "prompt_cache_breakpoint" in found[0].fix


def test_pc501_near_miss_with_explicit_breakpoint(tmp_path):
    write(tmp_path, "a.json", chat("What is the capital of France?", breakpoint=True))
    write(tmp_path, "b.json", chat("How many legs does a spider have?", breakpoint=True))
    assert codes(lint(load(tmp_path)), "PC501") == []


def test_pc501_not_for_legacy_models(tmp_path):
    write(tmp_path, "a.json", chat("What is the capital of France?", model="gpt-4o"))
    write(tmp_path, "b.json", chat("How many legs does a spider have?", model="gpt-4o"))
    assert codes(lint(load(tmp_path)), "PC501") == []


def test_explicit_breakpoint_boundary_ends_after_the_marked_part(tmp_path):
    write(tmp_path, "a.json", chat("Hi", breakpoint=True))
    [tp], _ = tokenize_corpus(load(tmp_path), None)
    [bp] = [b for b in boundaries_for(tp) if b.kind == "explicit"]
    enc = load_encoding("o200k_base")
    # <|im_start|> system <|im_sep|> HEAD: 3 framing tokens ("system" is one token) + HEAD's tokens
    assert bp.token == 3 + len(enc.encode_ordinary(HEAD))
    assert bp.label == "messages[0].content[0]"


# ---------------------------------------------------------------- PC502


def test_pc502_one_off_prompt_pays_writes(tmp_path):
    write(tmp_path, "a.json", chat("What is the capital of France?"))
    found = codes(lint(load(tmp_path)), "PC502")
    assert len(found) == 1 and "1.25x" in found[0].message


def test_pc502_near_misses(tmp_path):
    write(tmp_path, "a.json", chat("same question"))
    write(tmp_path, "b.json", chat("same question"))  # reused: not a one-off
    short = {"model": "gpt-5.6-terra", "messages": [{"role": "user", "content": "short one-off"}]}
    write(tmp_path, "c.json", short)  # below the minimum: nothing written
    assert codes(lint(load(tmp_path)), "PC502") == []


# ---------------------------------------------------------------- Anthropic source


def anthropic(question: str, model: str = "claude-sonnet-4-5", system_cc: bool = True, tools=None,
              extra_cc: int = 0, user_cc: bool = False, system_text: str = HEAD) -> dict:
    block = {"type": "text", "text": system_text}
    if system_cc:
        block["cache_control"] = {"type": "ephemeral"}
    body = {"model": model, "max_tokens": 64, "system": [block],
            "messages": [{"role": "user", "content": [{"type": "text", "text": question}]}]}
    if user_cc:
        body["messages"][0]["content"][0]["cache_control"] = {"type": "ephemeral"}
    for k in range(extra_cc):
        body["messages"].insert(0, {"role": "user", "content": [
            {"type": "text", "text": f"note {k}", "cache_control": {"type": "ephemeral"}}]})
    if tools is not None:
        body["tools"] = tools
    return body


def test_anthropic_body_is_detected_and_marked_estimate(tmp_path):
    write(tmp_path, "a.json", anthropic("Hi"))
    write(tmp_path, "o.json", chat("Hi", model="gpt-4o"))
    by = {p.path.rsplit("/", 1)[-1]: p for p in load(tmp_path)}
    assert by["a.json"].kind == "anthropic" and by["a.json"].estimate
    assert any("o200k_base" in n for n in by["a.json"].notes)
    assert by["o.json"].kind == "chat"


def test_gemini_body_is_detected(tmp_path):
    write(tmp_path, "g.json", {"systemInstruction": {"parts": [{"text": "Be brief."}]},
                               "contents": [{"role": "user", "parts": [{"text": "Hi"}]}]})
    [p] = load(tmp_path, model="gemini-2.5-flash")
    assert p.kind == "gemini" and p.estimate and "Be brief." in p.text
    report = scan([p], "gemini-2.5-flash")
    assert report.minimum == 2048


# ---------------------------------------------------------------- PC601


def test_pc601_breakpoint_below_model_minimum(tmp_path):
    write(tmp_path, "a.json", anthropic("Hi", model="claude-haiku-4-5"))  # ~1,700 < 4,096
    found = codes(lint(load(tmp_path)), "PC601")
    assert any("4,096" in f.message for f in found)


def test_pc601_near_miss_model_with_lower_minimum(tmp_path):
    write(tmp_path, "a.json", anthropic("Hi", model="claude-sonnet-4-5"))  # ~1,700 >= 1,024
    assert codes(lint(load(tmp_path)), "PC601") == []


def test_pc601_more_than_four_breakpoints(tmp_path):
    write(tmp_path, "a.json", anthropic("Hi", extra_cc=4))  # 4 + the system one
    found = codes(lint(load(tmp_path)), "PC601")
    assert any("at most 4" in f.message for f in found)


def test_pc601_breakpoint_only_after_changing_content(tmp_path):
    long_q = HEAD + " question: "
    write(tmp_path, "a.json", anthropic(long_q + "France?", system_cc=False, user_cc=True, system_text="Be brief."))
    write(tmp_path, "b.json", anthropic(long_q + "Spider legs?", system_cc=False, user_cc=True,
                                        system_text="Be brief."))
    found = [f for f in codes(lint(load(tmp_path)), "PC601") if "changes per request" in f.message]
    assert found


# ---------------------------------------------------------------- PC602


TOOL = {"name": "get_weather", "description": "Weather for a city",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}
TOOL2 = {"name": "get_time", "description": "Time in a city",
         "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}


def test_pc602_changing_tools(tmp_path):
    write(tmp_path, "a.json", anthropic("Hi", tools=[TOOL, TOOL2]))
    write(tmp_path, "b.json", anthropic("Hi", tools=[TOOL2, TOOL]))
    found = codes(lint(load(tmp_path)), "PC602")
    assert found and "tools, system, messages" in found[0].message


def test_pc602_near_miss_same_tools(tmp_path):
    write(tmp_path, "a.json", anthropic("Hi", tools=[TOOL, TOOL2]))
    write(tmp_path, "b.json", anthropic("Hello", tools=[TOOL, TOOL2]))
    assert codes(lint(load(tmp_path)), "PC602") == []

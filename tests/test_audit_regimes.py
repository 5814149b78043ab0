"""``pcache audit`` per cache regime: GPT-5.6+ breakpoint logs and Anthropic logs are replayed with their
own cache model, writes are priced (1.25x OpenAI, 5m 1.25x / 1h 2x Anthropic), and the usage fields of
every provider are read.  Expected numbers come from tiktoken, plain arithmetic and genai-prices called
directly here; the JSONL request source learns Anthropic bodies (real crewAI VCR corpus)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SHARED
from genai_prices import Usage, calc_price

from pcache.analyzers.vocab import load_encoding

CORPUS = SHARED / "corpora" / "crewai-vcr" / "anthropic_messages.jsonl"
T0 = datetime(2026, 9, 1, 12, 0, tzinfo=timezone.utc)
M = Decimal(1_000_000)


def _cents(v) -> Decimal:
    return Decimal(str(v)).quantize(Decimal("0.01"))


def _write_log(path: Path, lines: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    return path


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(T0.timestamp() + seconds, tz=timezone.utc).isoformat()


def _regime(rep: dict, regime: str) -> dict:
    found = [g for g in rep["replay"]["regimes"] if g["regime"] == regime]
    assert found, rep["replay"]
    return found[0]


# ------------------------------------------------------------------ GPT-5.6+: the spec's worked example

def test_gpt56_spec_example_paid_to_the_cent(tmp_path, run_cli):
    """Spec 1.3: 12,000 input, 12,000 written -> $0.0300; 15,000 input, 12,000 read, 3,000 written ->
    $0.0099 (gpt-5.6-terra at $2/M).  A usage-only log (no request text): paid = the sum."""
    usages = [(12_000, 0, 12_000), (15_000, 12_000, 3_000)]
    lines, expected = [], Decimal(0)
    for i, (inp, read, write) in enumerate(usages):
        when = T0.timestamp() + 60 * i
        lines.append({"timestamp": when, "model": "gpt-5.6-terra",
                      "response": {"model": "gpt-5.6-terra", "usage": {
                          "prompt_tokens": inp, "completion_tokens": 0,
                          "prompt_tokens_details": {"cached_tokens": read, "cache_write_tokens": write}}}})
        price = calc_price(Usage(input_tokens=inp, cache_read_tokens=read or None, cache_write_tokens=write,
                                 output_tokens=0), "gpt-5.6-terra", provider_id="openai",
                           genai_request_timestamp=datetime.fromtimestamp(when, tz=timezone.utc)).total_price
        expected += price
    # the spec's numbers by hand: $2/M input, 0.1x reads, 1.25x writes
    assert Decimal(12_000) * Decimal("2.5") / M == Decimal("0.03")
    assert (Decimal(12_000) * Decimal("0.2") + Decimal(3_000) * Decimal("2.5")) / M == Decimal("0.0099")
    assert _cents(expected) == Decimal("0.04")
    code, out, err = run_cli("audit", _write_log(tmp_path / "u.jsonl", lines), "--format", "json")
    assert code == 0, err
    s = json.loads(out)["summary"]
    assert s["cache_write_tokens"] == 15_000 and s["cached_tokens"] == 12_000 and s["input_tokens"] == 27_000
    assert abs(Decimal(str(s["cost_usd"])) - expected) < Decimal("0.000001")
    assert Decimal(str(s["cost_usd"])).quantize(Decimal("0.0001")) == Decimal("0.0399")


# ------------------------------------------------------------------ GPT-5.6+: replay with breakpoints

ENC = load_encoding("o200k_base")  # tiktoken Encoding, offline vocabulary


def _chat_tokens(messages: list[dict], harmony: bool = True) -> int:
    """Tokens up to the end of the last message: 3 framing tokens per message + role + content; gpt-5*
    models speak harmony, where an earlier assistant turn also carries ``<|channel|>final`` (2 tokens,
    openai/harmony docs/format.md)."""
    return sum(3 + len(ENC.encode(m["role"])) + len(ENC.encode(m["content"]))
               + (2 if harmony and m["role"] == "assistant" else 0) for m in messages)


def test_gpt56_log_replayed_at_breakpoints_with_priced_writes(tmp_path, run_cli):
    """Implicit mode: each request writes at the end of its last user message; a follow-up reads the
    previous write (an earlier eligible message end), a one-off only writes.  The log's usage follows
    that rule (counted with tiktoken here), so the replay must reproduce it exactly and both costs equal
    genai-prices on the same numbers."""
    system = "You are the billing assistant of Example Corp. Answer briefly and politely. " * 90
    other = "You translate English to French, word for word, nothing else. " * 90
    conv1 = [{"role": "system", "content": system}, {"role": "user", "content": "What is my balance?"}]
    conv2 = conv1 + [{"role": "assistant", "content": "It is $10."}, {"role": "user", "content": "And last month?"}]
    oneoff = [{"role": "system", "content": other}, {"role": "user", "content": "cheese"}]
    w1, w2, w3 = _chat_tokens(conv1), _chat_tokens(conv2), _chat_tokens(oneoff)
    assert w1 >= 1024 and w3 >= 1024
    # (messages, read, write) by the documented rule; prompt_tokens adds the 3 priming tokens
    plan = [(conv1, 0, w1), (conv2, w1, w2 - w1), (oneoff, 0, w3)]
    lines, paid = [], Decimal(0)
    tot_in = tot_read = tot_write = tot_out = 0
    for i, (msgs, read, write) in enumerate(plan):
        prompt, out = _chat_tokens(msgs) + 3, 7 + i
        when = T0.timestamp() + 60 * i
        lines.append({"timestamp": when, "request": {"model": "gpt-5.6-terra", "messages": msgs},
                      "response": {"model": "gpt-5.6-terra", "usage": {
                          "prompt_tokens": prompt, "completion_tokens": out,
                          "prompt_tokens_details": {"cached_tokens": read, "cache_write_tokens": write}}}})
        paid += calc_price(Usage(input_tokens=prompt, cache_read_tokens=read or None, cache_write_tokens=write,
                                 output_tokens=out), "gpt-5.6-terra", provider_id="openai",
                           genai_request_timestamp=datetime.fromtimestamp(when, tz=timezone.utc)).total_price
        tot_in, tot_read, tot_write, tot_out = tot_in + prompt, tot_read + read, tot_write + write, tot_out + out
    # and a legacy request in the same log keeps the legacy replay
    legacy = [{"role": "system", "content": system}, {"role": "user", "content": "hi"}]
    lines.append({"timestamp": T0.timestamp() + 500, "request": {"model": "gpt-4o", "messages": legacy},
                  "response": {"model": "gpt-4o", "usage": {"prompt_tokens": _chat_tokens(legacy, False) + 3,
                                                           "completion_tokens": 1,
                                                           "prompt_tokens_details": {"cached_tokens": 0}}}})
    code, out, err = run_cli("audit", _write_log(tmp_path / "g.jsonl", lines), "--format", "json")
    assert code == 0, err
    rep = json.loads(out)
    g = _regime(rep, "openai-breakpoint")
    assert g["requests"] == 3 and g["bills_writes"]
    assert g["predicted_cached_tokens"] == g["actual_cached_tokens"] == tot_read == w1
    assert g["predicted_cache_write_tokens"] == g["actual_cache_write_tokens"] == tot_write == w2 + w3
    # replayed costs: genai-prices (today's prices, as the regime prices) on the same token sums
    expected = calc_price(Usage(input_tokens=tot_in, cache_read_tokens=tot_read, cache_write_tokens=tot_write,
                                output_tokens=tot_out), "gpt-5.6-terra", provider_id="openai").total_price
    by_hand = (Decimal(tot_in - tot_read - tot_write) * 2 + Decimal(tot_read) * Decimal("0.2")
               + Decimal(tot_write) * Decimal("2.5") + Decimal(tot_out) * 12) / M
    assert _cents(expected) == _cents(by_hand)
    assert _cents(g["predicted_cost_usd"]) == _cents(g["actual_cost_usd"]) == _cents(expected)
    assert abs(Decimal(str(g["predicted_cost_usd"])) - expected) < Decimal("0.000001")
    # what was paid (ledger, genai-prices at each request's time) includes the writes
    model = next(m for m in rep["models"] if m["model"] == "gpt-5.6-terra")
    assert model["cache_write_tokens"] == tot_write
    assert abs(Decimal(str(model["cost_usd"])) - paid) < Decimal("0.000001")
    # the legacy request still goes through the 128-step replay (top-level numbers), not the regimes'
    assert rep["replay"]["requests"] == 1
    assert _regime(rep, "openai-legacy")["requests"] == 1


def test_gpt56_one_off_prompt_pays_writes_only(tmp_path, run_cli):
    """PC502's point in numbers: a one-off prompt writes everything up to its last user message and
    reads nothing, so the replay predicts a cost above the no-cache cost (1.25x on the written part)."""
    msgs = [{"role": "system", "content": "Rules of the game, stated at length. " * 160},
            {"role": "user", "content": "go"}]
    w = _chat_tokens(msgs)
    line = {"timestamp": T0.timestamp(), "request": {"model": "gpt-5.6-luna", "messages": msgs},
            "response": {"usage": {"prompt_tokens": w + 3, "completion_tokens": 0,
                                   "prompt_tokens_details": {"cached_tokens": 0, "cache_write_tokens": w}}}}
    code, out, err = run_cli("audit", _write_log(tmp_path / "o.jsonl", [line]), "--format", "json")
    assert code == 0, err
    g = _regime(json.loads(out), "openai-breakpoint")
    assert g["predicted_cache_write_tokens"] == w and g["predicted_cached_tokens"] == 0
    plain = calc_price(Usage(input_tokens=w + 3), "gpt-5.6-luna", provider_id="openai").total_price
    with_write = calc_price(Usage(input_tokens=w + 3, cache_write_tokens=w), "gpt-5.6-luna",
                            provider_id="openai").total_price
    assert with_write > plain
    assert abs(Decimal(str(g["predicted_cost_usd"])) - with_write) < Decimal("0.000001")


# ------------------------------------------------------------------ Anthropic: 5m and 1h writes

def _anthropic_body(system: str, question: str) -> dict:
    return {"model": "claude-sonnet-4-5", "max_tokens": 100,
            "system": [{"type": "text", "text": system, "cache_control": {"type": "ephemeral", "ttl": "1h"}}],
            "messages": [{"role": "user", "content": [
                {"type": "text", "text": question, "cache_control": {"type": "ephemeral"}}]}]}


def _claude_price(inp: int, read: int, write: int, w1h: int, out: int) -> Decimal:
    """claude-sonnet-4-5 by hand: $3/M input, 0.1x reads, 1.25x 5-minute writes, 2x 1-hour writes, $15/M out."""
    return (Decimal(inp - read - write) * 3 + Decimal(read) * Decimal("0.3") + Decimal(write - w1h) * Decimal("3.75")
            + Decimal(w1h) * 6 + Decimal(out) * 15) / M


def test_anthropic_log_with_5m_and_1h_writes(tmp_path, run_cli):
    """Two requests ten minutes apart share a system prompt marked ``ttl: 1h``; each marks its own
    question (5m).  Paid: Anthropic usage fields (input after the last breakpoint + read + creation,
    1 h part from ``cache_creation``) priced to the cent.  Replay: request 1 writes the system (1 h)
    and its question (5 m); request 2, after the 5 minutes, still reads the 1 h system entry."""
    system = "You are a meticulous contract reviewer. Flag every ambiguous clause. " * 110
    # (question, seconds, usage as Claude reported it: input after breakpoint, read, 5m write, 1h write, out)
    plan = [("Review clause 4.", 0, (5, 0, 12, 1650, 40)), ("Review clause 9.", 600, (5, 1650, 12, 0, 30))]
    lines, paid = [], Decimal(0)
    for q, dt, (after, read, w5, w1h, out) in plan:
        write = w5 + w1h
        lines.append({"timestamp": _iso(dt), "request": _anthropic_body(system, q),
                      "response": {"model": "claude-sonnet-4-5-20250929", "usage": {
                          "input_tokens": after, "cache_read_input_tokens": read,
                          "cache_creation_input_tokens": write, "output_tokens": out,
                          "cache_creation": {"ephemeral_5m_input_tokens": w5, "ephemeral_1h_input_tokens": w1h}}}})
        total = after + read + write
        price = calc_price(Usage(input_tokens=total, cache_read_tokens=read or None, cache_write_tokens=write,
                                 cache_write_1h_tokens=w1h or None, output_tokens=out), "claude-sonnet-4-5",
                           provider_id="anthropic",
                           genai_request_timestamp=datetime.fromisoformat(_iso(dt))).total_price
        assert _cents(price * 100) == _cents(_claude_price(total, read, write, w1h, out) * 100)
        paid += price
    code, out, err = run_cli("audit", _write_log(tmp_path / "a.jsonl", lines), "--format", "json")
    assert code == 0, err
    rep = json.loads(out)
    s = rep["summary"]
    assert s["input_tokens"] == 5 + 1662 + 5 + 1650 + 12
    assert s["cached_tokens"] == 1650 and s["cache_write_tokens"] == 1662 + 12
    assert _cents(s["cost_usd"]) == _cents(paid)
    assert abs(Decimal(str(s["cost_usd"])) - paid) < Decimal("0.000001")

    g = _regime(rep, "anthropic")
    assert g["estimate"] and g["bills_writes"] and g["requests"] == 2
    assert g["actual_cache_write_1h_tokens"] == 1650
    # request 1 writes the system prefix at 1 h (S tokens); request 2 reads exactly that prefix
    s_end = g["predicted_cache_write_1h_tokens"]
    assert s_end >= 1024 and g["predicted_cached_tokens"] == s_end
    assert g["predicted_cache_write_tokens"] > s_end  # plus both questions at 5 m
    # the predicted cost: genai-prices and the hand multipliers on the predicted tokens (billed totals)
    tin = g["input_tokens"]
    out_tokens = 40 + 30
    expected = calc_price(Usage(input_tokens=tin, cache_read_tokens=s_end,
                                cache_write_tokens=g["predicted_cache_write_tokens"], cache_write_1h_tokens=s_end,
                                output_tokens=out_tokens), "claude-sonnet-4-5", provider_id="anthropic").total_price
    assert abs(Decimal(str(g["predicted_cost_usd"])) - expected) < Decimal("0.000001")
    assert _cents(expected) == _cents(_claude_price(tin, s_end, g["predicted_cache_write_tokens"], s_end, out_tokens))


def test_anthropic_5m_write_expires_but_1h_does_not(tmp_path, run_cli):
    """Same question twice, 10 minutes apart: the 5 m entry of the whole prompt has expired, so the
    second request reads only the 1 h system prefix and writes its question again."""
    system = "Summarise legal filings in plain English for a general audience. " * 110
    body = _anthropic_body(system, "Summarise filing 12.")
    lines = [{"timestamp": _iso(dt), "request": body,
              "response": {"usage": {"input_tokens": 3, "cache_read_input_tokens": 0,
                                     "cache_creation_input_tokens": 0, "output_tokens": 1}}}
             for dt in (0, 600)]
    code, out, err = run_cli("audit", _write_log(tmp_path / "e.jsonl", lines), "--format", "json",
                             "--model", "claude-sonnet-4-5")
    assert code == 0, err
    g = _regime(json.loads(out), "anthropic")
    s_end = g["predicted_cache_write_1h_tokens"]
    assert g["predicted_cached_tokens"] == s_end > 0


# ------------------------------------------------------------------ usage fields of every provider

@pytest.mark.parametrize("usage, expected", [
    ({"prompt_tokens": 2006, "prompt_tokens_details": {"cached_tokens": 1920}}, (2006, 1920, 0, 0)),
    ({"input_tokens": 15000, "input_tokens_details": {"cached_tokens": 12000, "cache_write_tokens": 3000}},
     (15000, 12000, 3000, 0)),
    ({"input_tokens": 5, "cache_read_input_tokens": 100, "cache_creation_input_tokens": 30,
      "cache_creation": {"ephemeral_1h_input_tokens": 20}}, (135, 100, 30, 20)),
    ({"prompt_cache_hit_tokens": 640, "prompt_cache_miss_tokens": 60}, (700, 640, 0, 0)),
    ({"promptTokenCount": 5000, "cachedContentTokenCount": 4096}, (5000, 4096, 0, 0)),
    ({"prompt_tokens": "300", "prompt_tokens_details": {"cached_tokens": "256"}}, (300, 256, 0, 0)),
])
def test_usage_fields_read_through_the_regimes(usage, expected):
    from pcache.analyzers.audit.usage import extract_usage

    u = extract_usage(usage)
    assert (u.input_tokens, u.cached_tokens, u.cache_write_tokens, u.cache_write_1h_tokens) == expected


def test_gemini_thoughts_are_output():
    from pcache.analyzers.audit.usage import extract_usage

    u = extract_usage({"promptTokenCount": 10, "candidatesTokenCount": 5, "thoughtsTokenCount": 7})
    assert u.output_tokens == 12 and u.cached_known


def test_llamacpp_timings_cache_n(tmp_path, run_cli):
    """An older llama.cpp build: no ``prompt_tokens_details``, reuse only in ``timings.cache_n``."""
    line = {"request": {"model": "local", "messages": [{"role": "user", "content": "hi"}]},
            "response": {"usage": {"prompt_tokens": 50, "completion_tokens": 2}, "timings": {"cache_n": 42}}}
    code, out, err = run_cli("audit", _write_log(tmp_path / "l.jsonl", [line]), "--format", "json",
                             "--provider", "llamacpp")
    assert code == 0, err
    rep = json.loads(out)
    assert rep["summary"]["cached_tokens"] == 42
    assert _regime(rep, "llamacpp")["actual_cost_usd"] is None  # self-hosted: no prices


def test_self_hosted_replay_with_provider(tmp_path, run_cli):
    """``--provider vllm:16``: whole 16-token blocks, the last token always recomputed."""
    msgs = [{"role": "system", "content": "Be terse. " * 40}, {"role": "user", "content": "one"}]
    msgs2 = [msgs[0], {"role": "user", "content": "two"}]
    lines = [{"timestamp": T0.timestamp() + i, "request": {"model": "llama", "messages": m},
              "response": {"usage": {"prompt_tokens": _chat_tokens(m) + 3, "completion_tokens": 1}}}
             for i, m in enumerate((msgs, msgs2))]
    code, out, err = run_cli("audit", _write_log(tmp_path / "v.jsonl", lines), "--format", "json",
                             "--provider", "vllm:16")
    assert code == 0, err
    g = _regime(json.loads(out), "vllm")
    # shared: the system message and the next message's "<|im_start|>user<|im_sep|>" (3 tokens with "user")
    shared = 3 + len(ENC.encode("system")) + len(ENC.encode(msgs[0]["content"])) + 2 + len(ENC.encode("user"))
    assert g["predicted_cached_tokens"] == 16 * (shared // 16)


def test_unknown_provider_is_one_line(tmp_path, run_cli):
    p = _write_log(tmp_path / "x.jsonl", [{"usage": {"prompt_tokens": 1}}])
    code, out, err = run_cli("audit", p, "--provider", "nope")
    assert code == 2 and "unknown provider" in err and "Traceback" not in err


# ------------------------------------------------------------------ JSONL sources: Anthropic lines

@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus missing")
def test_jsonl_anthropic_corpus_loads_and_replays():
    """Every line of the crewAI VCR file (``{"request": <Anthropic Messages body>, ...}``) loads as an
    Anthropic prompt.  Its 6 recorded cache reads (lines 32-35, 39, 40) were hits on a cache warmed
    *before* the cassettes were recorded, so a replay of this file alone must predict:

    * lines 32-35: nothing to read (cold; 33 and 35 change the very block that carries
      ``cache_control``, so they cannot reuse 32/34's entry either) - but a write up to the breakpoint;
    * lines 39, 40: the same bodies as 32, 33 (only the ``stream`` flag differs, not rendered): a read of
      the whole prefix up to the breakpoint, which is what Claude reported (1,217 read + 3 after the
      breakpoint), within the o200k_base estimate's error (here 10%)."""
    from pcache.analyzers.providers.boundaries import request_for
    from pcache.analyzers.providers.registry import cache_model_for
    from pcache.analyzers.scan import tokenize_corpus
    from pcache.analyzers.sources.load import load_paths

    corpus = load_paths([str(CORPUS)])
    assert not corpus.errors
    assert len(corpus.prompts) == sum(1 for line in CORPUS.open() if line.strip()) == 56
    assert all(p.kind == "anthropic" and p.estimate for p in corpus.prompts)
    tps, _ = tokenize_corpus(corpus.prompts, None)
    by_line = {}
    for model in sorted({tp.prompt.model for tp in tps}):
        mine = [tp for tp in tps if tp.prompt.model == model]  # each model has its own cache
        for tp, o in zip(mine, cache_model_for(model).simulate([request_for(tp) for tp in mine])):
            by_line[tp.prompt.line] = o
    actual = {i: json.loads(line)["usage"] for i, line in enumerate(CORPUS.open(), start=1)}
    hits = [i for i, u in actual.items() if u.get("cache_read_input_tokens")]
    assert hits == [32, 33, 34, 35, 39, 40]
    for i in (32, 33, 34, 35):
        assert by_line[i].read == 0 and by_line[i].write > 0
    for i, first in ((39, 32), (40, 33)):
        assert by_line[i].read == by_line[first].write
        assert abs(by_line[i].read - 1217) <= 0.10 * 1217
    assert sum(o.read for o in by_line.values()) == by_line[39].read + by_line[40].read


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus missing")
def test_audit_of_the_anthropic_corpus(run_cli):
    """The same file through ``pcache audit``: every line replayed by the Anthropic regime."""
    code, out, err = run_cli("audit", CORPUS, "--preset", "wrapped", "--format", "json")
    assert code == 0, err
    g = _regime(json.loads(out), "anthropic")
    assert g["requests"] == 56 and g["actual_cached_tokens"] == 4 * 1217 + 2 * 1857
    assert 0 < g["predicted_cached_tokens"] < g["actual_cached_tokens"]


def test_jsonl_gemini_and_batch_lines(tmp_path):
    from pcache.analyzers.sources.load import load_paths

    p = tmp_path / "mixed.jsonl"
    _write_log(p, [
        {"contents": [{"role": "user", "parts": [{"text": "hello"}]}], "model": "gemini-2.5-flash"},
        {"request": {"systemInstruction": {"parts": [{"text": "be nice"}]}, "contents": "hi"}},
        {"custom_id": "b1", "params": {"model": "claude-opus-4-5", "max_tokens": 5,
                                       "messages": [{"role": "user", "content": "x"}]}},
        {"model": "gpt-4o", "messages": [{"role": "user", "content": "plain"}]},
        {"nothing": 1},
    ])
    c = load_paths([str(p)])
    assert [pr.kind for pr in c.prompts] == ["gemini", "gemini", "anthropic", "chat"]
    assert c.prompts[2].name == "b1"
    assert len(c.errors) == 1 and c.errors[0].line == 5

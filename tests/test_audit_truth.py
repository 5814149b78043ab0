"""Miss classes that are true and a what-if that moves what a person would move.

Goldens: token counts from tiktoken called directly on the ChatML pieces (<|im_start|>ROLE<|im_sep|>TEXT
<|im_end|> per message, then <|im_start|>assistant<|im_sep|>), cached tokens from the documented legacy
rule by plain arithmetic (``conftest.cacheable``) over brute-force common prefixes."""

from __future__ import annotations

import json
import random

import pytest
import tiktoken
from conftest import cacheable, common_prefix_len

ENC = tiktoken.get_encoding("o200k_base")
START, SEP, END = -1, -2, -3  # the three ChatML specials (one token each)
POLICY = "".join(f"Rule {i}: answer the customer politely, check the order status before any refund, "
                 f"and never share another customer's data.\n" for i in range(60))


def chatml(messages) -> list[int]:
    out: list[int] = []
    for role, text in messages:
        out += [START, *ENC.encode(role), SEP, *ENC.encode(text), END]
    return out + [START, *ENC.encode("assistant"), SEP]


def _log(path, bodies, tokens, cached, t0=1_760_000_000, gap=10):
    lines = []
    for i, (body, toks, c) in enumerate(zip(bodies, tokens, cached)):
        lines.append({"timestamp": t0 + gap * i, "request": body, "response": {
            "model": "gpt-4o-mini", "usage": {"prompt_tokens": len(toks), "completion_tokens": 5,
                                              "prompt_tokens_details": {"cached_tokens": c}}}})
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return path


def _rule(tokens):
    """Cached tokens per request by the documented rule: the longest prefix shared with any earlier
    request of at least the minimum (all within the TTL here)."""
    out = []
    for i, t in enumerate(tokens):
        best = max((common_prefix_len(t, u) for u in tokens[:i] if len(u) >= 1024), default=0)
        out.append(min(cacheable(best), len(t)))
    return out


def _body(system, user):
    return {"model": "gpt-4o-mini", "messages": [{"role": "system", "content": system},
                                                 {"role": "user", "content": user}]}


def test_requests_that_differ_only_in_the_user_turn_have_no_breaks(tmp_path, run_json):
    rng = random.Random(5)
    openers = ["Please help me with my order", "Please help me with a refund", "Please check", "Hi",
               "Please help me with my order number"]
    users = [f"{rng.choice(openers)} {rng.randint(1, 10**6)} {' '.join(rng.choice(['a', 'b', 'c']) for _ in range(rng.randint(1, 40)))}"
             for _ in range(120)]
    bodies = [_body(POLICY, u) for u in users]
    tokens = [chatml([("system", POLICY), ("user", u)]) for u in users]
    cached = _rule(tokens)
    rep = run_json("audit", _log(tmp_path / "u.jsonl", bodies, tokens, cached))
    r = rep["replay"]
    assert r["replayed_tokens"] == sum(map(len, tokens)) and r["token_mismatch"] == 0
    assert r["actual_cached_tokens"] == r["predicted_cached_tokens"] == sum(cached)
    assert r["misses"]["prefix_broken"]["requests"] == 0
    assert rep["ledger"]["left_on_table_usd"] == 0 and r["bounds"] == {}
    assert not any("static prefix" in a for a in r["advice"])


def test_the_request_after_an_outlier_is_judged_against_the_real_cache(tmp_path, run_json):
    users = [f"Question {i}: where is my parcel {i * 7919}?" for i in range(12)]
    systems = [POLICY] * 12
    systems[5] = "Current date: 2026-10-05T10:11:12Z\n" + POLICY  # one outlier
    bodies = [_body(s, u) for s, u in zip(systems, users)]
    tokens = [chatml([("system", s), ("user", u)]) for s, u in zip(systems, users)]
    cached = _rule(tokens)
    assert cached[5] == 0 and cached[6] > 1024  # the outlier missed; the next request was a hit
    rep = run_json("audit", _log(tmp_path / "o.jsonl", bodies, tokens, cached))
    r = rep["replay"]
    assert r["misses"]["prefix_broken"]["requests"] == 1  # the outlier only
    assert sum(c["requests"] for k, c in r["misses"].items() if k != "cold") == 1
    g = rep["groups"][0]
    assert g["where"].endswith("o.jsonl:6")  # the outlier, by file:line
    d = g["divergence"]
    assert d["where"].endswith("o.jsonl:6") and d["token"] == 3 and not d["final_turn"]
    assert "datetime" in d["volatile_kinds"] and d["volatility"] == "per-request"  # as lint judges it
    # left on the table: the outlier's lost prefix (the what-if moves the date line and recovers it)
    assert rep["ledger"]["left_on_table_tokens"] == cacheable(common_prefix_len(tokens[4], tokens[0])) or \
        rep["ledger"]["left_on_table_tokens"] > 1024


def test_whatif_moves_an_early_request_time_line_and_finds_the_full_prefix(tmp_path, run_json):
    n = 15
    stamps = [f"2026-10-01T10:{11 + i:02d}:{(7 * i) % 60:02d}Z" for i in range(n)]
    head = "You are the support agent of Example Shop.\n"
    systems = [f"{head}Request time: {s}\n{POLICY}" for s in stamps]
    users = [f"Where is order {1000 + i}?" for i in range(n)]
    bodies = [_body(s, u) for s, u in zip(systems, users)]
    tokens = [chatml([("system", s), ("user", u)]) for s, u in zip(systems, users)]
    cached = _rule(tokens)
    assert max(cached) == 0  # the timestamp line breaks every prefix at token ~12
    # the layout lint --suggest proposes: the whole line moves into a system note before the user turn
    moved = [chatml([("system", head + POLICY), ("system", f"Request time: {s}"), ("user", u)])
             for s, u in zip(stamps, users)]
    expected = sum(_rule(moved))
    static = len(chatml([("system", head + POLICY)])) - 3  # up to the end of the static system message
    assert expected >= (n - 1) * cacheable(static)  # the full group prefix, every request after the first
    rep = run_json("audit", _log(tmp_path / "t.jsonl", bodies, tokens, cached))
    w = rep["replay"]["whatif"]
    assert w["requests_changed"] == n
    assert w["extra_cached_tokens"] == expected
    assert [c["lines"] for c in w["changes"]] == ["Request time: \u2026"]
    assert w["changes"][0]["requests"] == n - 1
    led = rep["ledger"]
    assert led["layout_tokens"] == expected and led["avoidable_tokens"] == 0
    d = rep["groups"][0]["divergence"]
    assert d["volatility"] == "per-request" and set(d["volatile_kinds"]) & {"datetime", "time"}


def _usage_line(prompt, cached=None, total=None, completion=5):
    u = {"prompt_tokens": prompt, "completion_tokens": completion}
    if cached is not None:
        u["prompt_tokens_details"] = {"cached_tokens": cached}
    if total is not None:
        u["total_tokens"] = total
    return json.dumps({"response": {"model": "gpt-4o-mini", "usage": u}}) + "\n"


def test_hit_ratio_is_a_ratio_of_sums_and_unreported_is_unknown(tmp_path, run_json):
    p = tmp_path / "h.jsonl"
    p.write_text(_usage_line(2048, 1920) + _usage_line(18_000, 0) + _usage_line(50_000))
    s = run_json("audit", p)["summary"]
    assert s["cached_unknown_requests"] == 1
    assert s["hit_ratio"] == round(1920 / (2048 + 18_000), 6)  # never the mean of 93.75 % and 0 %
    p.write_text(_usage_line(50_000))
    assert run_json("audit", p)["summary"]["hit_ratio"] is None  # nothing reported: unknown, not 0 %


def test_double_counted_cached_tokens_are_flagged(tmp_path, run_cli):
    p = tmp_path / "d.jsonl"
    # cached above the input; and a total that adds the cached tokens to an input that holds them
    p.write_text(_usage_line(1000, 1024) + _usage_line(3000, 2048, total=3000 + 2048 + 5) + _usage_line(3000, 2048))
    code, out, err = run_cli("audit", p, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["summary"]["double_counted_requests"] == 2
    code, out, err = run_cli("audit", p, "--no-color")
    assert "counts cached tokens twice" in " ".join(out.split())


def _timed_line(t, system, user, key=None, cached=0):
    body = _body(system, user)
    if key is not None:
        body["prompt_cache_key"] = key
    toks = chatml([("system", system), ("user", user)])
    return {"timestamp": t, "request": body, "response": {"model": "gpt-4o-mini", "usage": {
        "prompt_tokens": len(toks), "completion_tokens": 3, "prompt_tokens_details": {"cached_tokens": cached}}}}


def test_requests_per_minute_per_prefix_and_key_flag_the_overflow(tmp_path, run_json):
    # 40 requests of one prefix within 39 s: the 16th to the 40th see more than 15 in their minute
    lines = [_timed_line(1_760_000_000 + i, POLICY, f"q{i}") for i in range(40)]
    p = tmp_path / "burst.jsonl"
    p.write_text("".join(json.dumps(x) + "\n" for x in lines))
    t = run_json("audit", p)["replay"]["traffic"]
    assert t["rpm_limit"] == 15
    busiest = t["busiest"][0]
    assert (busiest["requests"], busiest["peak_rpm"], busiest["requests_over_limit"]) == (40, 40, 25)
    # the same traffic spread over 4 prompt_cache_key values: 10 per key and minute, no overflow
    lines = [_timed_line(1_760_000_000 + i, POLICY, f"q{i}", key=f"k{i % 4}") for i in range(40)]
    p.write_text("".join(json.dumps(x) + "\n" for x in lines))
    t = run_json("audit", p)["replay"]["traffic"]
    assert {b["prompt_cache_key"] for b in t["busiest"]} == {"k0", "k1", "k2", "k3"}
    assert all(b["peak_rpm"] == 10 and b["requests_over_limit"] == 0 for b in t["busiest"])


def test_vendor_diagnostics_shown_next_to_pcache_class_with_agreements(tmp_path, run_cli):
    policy_b = POLICY.replace("Rule 30:", "Rule thirty:")  # past the routing window, same group
    lines = []
    for i, (system, diag) in enumerate([(POLICY, None), (POLICY, None), (policy_b, "system_changed")]):
        toks = chatml([("system", system), ("user", "Where is my parcel?")])
        cached = 0 if i != 1 else cacheable(len(toks) - 8)
        line = _timed_line(1_760_000_000 + 10 * i, system, "Where is my parcel?", cached=cached)
        line["response"]["prompt_cache_diagnostics"] = (
            {"type": "cache_miss", "reason": diag, "cache_missed_tokens": 1200} if diag else {"type": "cache_hit"})
        lines.append(line)
    p = tmp_path / "diag.jsonl"
    p.write_text("".join(json.dumps(x) + "\n" for x in lines))
    code, out, err = run_cli("audit", p, "--format", "json")
    d = json.loads(out)["replay"]["diagnostics"]
    pairs = {(x["vendor"], x["pcache"]): x["requests"] for x in d["pairs"]}
    assert pairs[("openai: system_changed", "prefix_broken")] == 1
    assert d["requests"] == 3 and d["comparable"] == 3
    # the first request is cold for pcache while the vendor saw no miss against its comparison: 2 of 3 agree
    assert d["agree"] == 2
    code, out, err = run_cli("audit", p, "--no-color")
    assert "agrees with the vendor's verdict on 2 of 3" in " ".join(out.split())


# ------------------------------------------------------------------ the replay's bound, honestly

def _corpus(name):
    from conftest import SHARED

    path = SHARED / "corpora" / name
    if not path.is_file():
        pytest.skip(f"shared corpus {name} missing")
    return path


@pytest.mark.parametrize("name", ["pydantic-ai-vcr/usage_with_cache.jsonl", "openai-recorded/recorded.jsonl",
                                  "crewai-vcr/openai_chat_completions.jsonl"])
def test_actual_cached_tokens_are_within_the_bound_or_each_request_has_a_reason(name, run_json):
    r = run_json("audit", _corpus(name))["replay"]
    over = sum(b["tokens"] for b in r["bounds"].values())
    assert r["actual_cached_tokens"] <= r["ideal_cached_tokens"] + over
    assert "unknown" not in r["bounds"]  # every request over the bound has a cause
    for b in r["bounds"].values():  # listed request by request (file:line)
        assert len(b["examples"]) == b["requests"]
        assert all(e["actual_cached_tokens"] > e["bound_tokens"] for e in b["examples"])


def test_pydantic_ai_gpt5_hosted_tools_explain_the_cached_tokens_the_replay_cannot_see(run_json):
    """The 0-predicted vs 161,280-actual of the pydantic-ai corpus: Responses requests with OpenAI-hosted tools
    (web_search, code_interpreter, image_generation), whose billed prompt holds the tools' own content,
    and one request passing encrypted reasoning back.  Counted here from the corpus lines themselves."""
    path = _corpus("pydantic-ai-vcr/usage_with_cache.jsonl")
    hosted, reasoning = {}, {}
    for n, line in enumerate(path.read_text().splitlines(), 1):
        d = json.loads(line)
        req, u = d.get("request") or {}, d.get("usage") or {}
        cached = (u.get("input_tokens_details") or {}).get("cached_tokens") or 0
        if d.get("host") != "api.openai.com" or not cached or "input" not in req:
            continue
        if any(t.get("type") not in ("function", "custom") for t in req.get("tools") or []):
            hosted[f"{path}:{n}"] = cached
        elif any(isinstance(i, dict) and i.get("type") == "reasoning" for i in req["input"]):
            reasoning[f"{path}:{n}"] = cached
    r = run_json("audit", path)["replay"]
    got = {k: {e["where"]: e["actual_cached_tokens"] for e in b["examples"]} for k, b in r["bounds"].items()}
    assert got["hosted_tool"] == hosted and len(hosted) == 14
    assert got["reasoning"] == reasoning and len(reasoning) == 1


def test_a_follow_up_whose_cached_prefix_includes_the_previous_reply(tmp_path, run_json):
    """openai-recorded line 3 (Mirascope): the 3rd turn reads 3,840 tokens while the 2nd prompt was 3,806:
    the 2nd reply was cached with it.  The replay's bound (prompts only) is 3,712; the reason says so."""
    path = _corpus("openai-recorded/recorded.jsonl")
    lines = path.read_text().splitlines()[:3]
    (tmp_path / "three.jsonl").write_text("\n".join(lines) + "\n")
    prev, cur = json.loads(lines[1])["usage"], json.loads(lines[2])["usage"]
    assert cur["prompt_tokens_details"]["cached_tokens"] > prev["prompt_tokens"]
    r = run_json("audit", tmp_path / "three.jsonl")["replay"]
    assert list(r["bounds"]) == ["reply_cached"]
    assert r["bounds"]["reply_cached"]["examples"][0]["where"].endswith("three.jsonl:3")


def test_a_request_cached_by_one_logged_later_in_the_same_second_is_concurrent(tmp_path, run_json):
    """Two requests logged in the same second share a 1,100+-token system prompt; the first reports 1,024
    cached (the second reached the server first).  Nothing before it holds the prefix, but the reason is
    the unknown order within the second, not traffic outside the log."""
    system = "You are a careful assistant for the billing team. Answer briefly, cite the policy. " * 70
    bodies = [_body(system, "first question"), _body(system, "second question")]
    tokens = [chatml([("system", system), ("user", q)]) for q in ("first question", "second question")]
    assert common_prefix_len(*tokens) >= 1024
    path = _log(tmp_path / "same_second.jsonl", bodies, tokens, [1024, 0], gap=0)
    r = run_json("audit", path)["replay"]
    assert list(r["bounds"]) == ["concurrent"]
    assert r["bounds"]["concurrent"]["examples"][0]["where"].endswith("same_second.jsonl:1")
    # one second apart, the same first request is cached by traffic the log does not hold
    path = _log(tmp_path / "apart.jsonl", bodies, tokens, [1024, 0], gap=1)
    assert list(run_json("audit", path)["replay"]["bounds"]) == ["before_log"]

"""Cache regimes: worked examples from ../shared/spec/caching-rules.md, prices from genai-prices
called directly, token counts from tiktoken called directly."""

from __future__ import annotations

from array import array
from decimal import Decimal

import pytest

from pcache.analyzers.errors import PcacheError
from pcache.analyzers.providers.interface import Boundary, CacheOutcome, CacheRequest
from pcache.analyzers.providers.registry import all_regimes, cache_model_for, load_regime


def toks(n: int, start: int = 0) -> array:
    return array("I", range(start, start + n))


def msg_end(n: int, eligible: bool = True) -> Boundary:
    return Boundary(n, "message", eligible)


# ---------------------------------------------------------------- registry


@pytest.mark.parametrize("model,provider,regime", [
    ("gpt-4o", None, "openai-legacy"),
    ("gpt-5.5", None, "openai-legacy"),
    ("gpt-5-mini", None, "openai-legacy"),
    ("gpt-5.6-terra", None, "openai-breakpoint"),
    ("gpt-6-luna", None, "openai-breakpoint"),
    ("gpt-6.1-terra", None, "openai-breakpoint"),
    ("gpt-6.1-terra", "azure", "openai-breakpoint"),
    ("claude-sonnet-4-5", None, "anthropic"),
    ("gemini-2.5-pro", None, "gemini"),
    ("deepseek-chat", None, "deepseek"),
    ("gpt-4o", "vllm", "vllm"),
    ("gpt-4o", "sglang", "sglang"),
    ("gpt-4o", "llama.cpp", "llamacpp"),
    (None, None, "openai-legacy"),
])
def test_cache_model_for_picks_the_regime(model, provider, regime):
    assert cache_model_for(model, provider).data.id == regime


def test_unknown_provider_is_a_user_error():
    with pytest.raises(PcacheError):
        cache_model_for("gpt-4o", "bogus")
    with pytest.raises(PcacheError):
        cache_model_for("gpt-4o", "vllm:abc")


def test_every_value_of_every_regime_has_source_and_date():
    regimes = all_regimes()
    assert len(regimes) == 9  # openai-none added for models without caching (spec 1.8)
    for r in regimes:
        assert {"minimum_tokens", "step_tokens", "routing_window_tokens", "idle_ttl_seconds",
                "write_multiplier", "usage_read_field"} <= set(r.values), r.id
        for key, t in r.values.items():
            assert t.source and t.as_of, (r.id, key)
            for m in t.by_model:
                assert m.source and m.as_of and m.patterns, (r.id, key)


def test_legacy_interface_unchanged():
    cm = cache_model_for("gpt-4o")
    assert (cm.minimum, cm.step, cm.routing_window) == (1024, 128, 256)
    assert cm.data.get("idle_ttl_seconds") == 300


# ---------------------------------------------------------------- OpenAI legacy


@pytest.mark.parametrize("tokens,expected", [(2006, 15 * 128), (1000, 0), (1300, 1280), (1024, 1024)])
def test_legacy_worked_examples(tokens, expected):
    cm = cache_model_for("gpt-4o")
    assert cm.cacheable(tokens) == expected
    out = cm.simulate([CacheRequest(toks(tokens)), CacheRequest(toks(tokens))])
    assert out[0].read == 0 and out[1].read == expected and out[1].write == 0


def test_legacy_replay_uses_the_longest_earlier_prefix_and_ttl():
    cm = cache_model_for("gpt-4o")
    a = toks(3000)
    b = toks(1500) + toks(1500, 10**6)  # shares 1,500 with a
    out = cm.simulate([CacheRequest(a, at=0.0), CacheRequest(b, at=10.0),
                       CacheRequest(a, at=cm.ttl_seconds + 5)])
    assert out[1].read == 128 * (1500 // 128)
    assert out[2].read == 128 * (1500 // 128)  # a expired; b (written at 10 s) still holds 1,500
    out = cm.simulate([CacheRequest(a, at=0.0), CacheRequest(a, at=cm.ttl_seconds + 1)])
    assert out[1].read == 0


# ---------------------------------------------------------------- OpenAI GPT-5.6+


def test_gpt56_guide_example_priced_by_genai_prices():
    from genai_prices import Usage, calc_price

    cm = cache_model_for("gpt-5.6-terra")
    r1 = CacheRequest(toks(12_000), [msg_end(12_000)])
    r2 = CacheRequest(toks(15_000), [msg_end(12_000), msg_end(15_000)])
    o1, o2 = cm.simulate([r1, r2])
    assert (o1.total, o1.read, o1.write) == (12_000, 0, 12_000)
    assert (o2.total, o2.read, o2.write, o2.ordinary) == (15_000, 12_000, 3_000, 0)
    assert cm.cost(o1) == Decimal("0.0300") == Decimal(12_000) * Decimal("2.50") / 10**6
    assert cm.cost(o2) == Decimal("0.0099") == (12_000 * Decimal("0.20") + 3_000 * Decimal("2.50")) / 10**6
    direct = calc_price(Usage(input_tokens=15_000, cache_read_tokens=12_000, cache_write_tokens=3_000),
                        "gpt-5.6-terra", provider_id="openai")
    assert cm.cost(o2) == direct.total_price


def test_gpt56_stable_head_changing_last_user_message_gets_zero():
    cm = cache_model_for("gpt-5.6-luna")
    head = toks(2000)
    a = CacheRequest(head + toks(300, 10**6), [msg_end(2000, True), msg_end(2300)])
    b = CacheRequest(head + toks(300, 2 * 10**6), [msg_end(2000, True), msg_end(2300)])
    assert [o.read for o in cm.simulate([a, b])] == [0, 0]
    # the fix: an explicit breakpoint after the head
    bp = Boundary(2000, "explicit", True, True)
    a2 = CacheRequest(a.tokens, [*a.boundaries, bp])
    b2 = CacheRequest(b.tokens, [*b.boundaries, bp])
    o = cm.simulate([a2, b2])
    assert (o[1].read, o[1].write) == (2000, 300)


def test_gpt56_minimum_exactness_and_explicit_mode():
    cm = cache_model_for("gpt-6-sol")
    short = CacheRequest(toks(1000), [msg_end(1000)])
    assert [(o.read, o.write) for o in cm.simulate([short, short])] == [(0, 0), (0, 0)]
    odd = CacheRequest(toks(2006), [msg_end(2006)])
    assert cm.simulate([odd, odd])[1].read == 2006  # no 128 rounding
    none = CacheRequest(toks(2006), [msg_end(2006)], mode="explicit")
    assert [(o.read, o.write) for o in cm.simulate([none, none])] == [(0, 0), (0, 0)]


def test_gpt56_at_most_four_writes():
    cm = cache_model_for("gpt-5.6-sol")
    marks = [Boundary(p, "explicit", True, True) for p in (1100, 1200, 1300, 1400, 1500)]
    req = CacheRequest(toks(2000), [msg_end(2000), *marks])
    points = [p for p, _ in cm.write_points(req, 2000)]
    assert len(points) == cm.data.get("max_writes_per_request") == 4
    assert points == [1300, 1400, 1500, 2000]


def test_gpt61_read_multiplier_from_data():
    assert cache_model_for("gpt-6.1-terra").read_multiplier == 0.05
    assert cache_model_for("gpt-5.6-terra").read_multiplier == 0.1


# ---------------------------------------------------------------- Anthropic


@pytest.mark.parametrize("model,minimum", [
    ("claude-opus-5-5", 512), ("claude-sonnet-5-5", 512), ("claude-opus-5", 512), ("claude-fable-5-1", 512),
    ("claude-mythos-5", 512), ("claude-opus-4-8", 1024), ("claude-sonnet-5", 1024),
    ("claude-sonnet-4-6", 1024), ("claude-sonnet-4-5-20250929", 1024), ("claude-opus-4-1", 1024),
    ("claude-opus-4-20250514", 1024), ("claude-sonnet-4-0", 1024), ("anthropic/claude-sonnet-4.5", 1024),
    ("claude-mythos-preview", 2048), ("claude-opus-4-7", 2048), ("claude-3-5-haiku-20241022", 2048),
    ("claude-opus-4-6", 4096), ("claude-opus-4-5-20251101", 4096), ("claude-haiku-4-5", 4096),
])
def test_anthropic_minimum_per_model(model, minimum):
    assert cache_model_for(model).minimum == minimum


def test_anthropic_breakpoints_lookback_and_minimum():
    cm = cache_model_for("claude-sonnet-4-5")  # minimum 1,024
    blocks = [Boundary(500 * k, "block") for k in range(1, 7)]  # block ends every 500 tokens
    marked = [Boundary(3000, "block", True, True, "5m")]
    first = CacheRequest(toks(3200), [*blocks[:-1], *marked])
    o = cm.simulate([first, first])
    assert (o[0].read, o[0].write, o[0].ordinary) == (0, 3000, 200)
    assert (o[1].read, o[1].write) == (3000, 0)
    # below the minimum: silently not cached
    low = CacheRequest(toks(900), [Boundary(800, "block", True, True)])
    assert [(x.read, x.write) for x in cm.simulate([low, low])] == [(0, 0), (0, 0)]
    # a later request whose breakpoint moved on finds the old entry among the blocks before it
    longer = CacheRequest(toks(3600), [*blocks, Boundary(3500, "block"), Boundary(3500, "block", True, True)])
    o = cm.simulate([first, longer])
    assert (o[1].read, o[1].write) == (3000, 500)


def test_anthropic_prices_5m_and_1h_writes_by_genai_prices():
    from genai_prices import Usage, calc_price

    cm = cache_model_for("claude-sonnet-4")
    five = cm.cost(CacheOutcome(10_000, 8_000, 2_000), output_tokens=500)
    hour = cm.cost(CacheOutcome(10_000, 8_000, 2_000, 2_000), output_tokens=500)
    assert five == Decimal("0.0174")
    assert hour == Decimal("0.0219")
    assert hour == calc_price(Usage(input_tokens=10_000, cache_read_tokens=8_000, cache_write_tokens=2_000,
                                    cache_write_1h_tokens=2_000, output_tokens=500),
                              "claude-sonnet-4", provider_id="anthropic").total_price


def test_anthropic_usage_total_is_input_plus_read_plus_creation():
    u = cache_model_for("claude-haiku-4-5").read_usage({"usage": {
        "input_tokens": 50, "cache_read_input_tokens": 4000, "cache_creation_input_tokens": 1000,
        "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 1000},
        "output_tokens": 7}})
    assert (u.total, u.read, u.write, u.write_1h, u.output) == (5050, 4000, 1000, 1000, 7)


# ---------------------------------------------------------------- Gemini, DeepSeek


def test_gemini_minimum_and_usage():
    assert cache_model_for("gemini-2.5-flash").minimum == 2048
    assert cache_model_for("gemini-3.1-pro-preview").minimum == 4096
    cm = cache_model_for("gemini-2.5-pro")
    assert cm.simulate([CacheRequest(toks(2000)), CacheRequest(toks(2000))])[1].read == 0
    assert cm.simulate([CacheRequest(toks(3001)), CacheRequest(toks(3001))])[1].read == 3001
    u = cm.read_usage({"usageMetadata": {"promptTokenCount": 3001, "cachedContentTokenCount": 2048}})
    assert (u.total, u.read) == (3001, 2048)


def test_deepseek_units_and_usage_fields():
    cm = cache_model_for("deepseek-chat")
    assert cm.cacheable(63) == 0 and cm.cacheable(200) == 192
    # a unit also ends at a message end inside the shared prefix
    a = CacheRequest(toks(300), [msg_end(150), msg_end(300)])
    b = CacheRequest(toks(170) + toks(10, 10**6), [msg_end(150), msg_end(180)])
    assert cm.simulate([a, b])[1].read == 150
    u = cm.read_usage({"usage": {"prompt_tokens": 300, "prompt_cache_hit_tokens": 256,
                                 "prompt_cache_miss_tokens": 44}})
    assert (u.total, u.read) == (300, 256)


# ---------------------------------------------------------------- self-hosted


def test_vllm_whole_16_token_blocks_and_last_token_recomputed():
    cm = cache_model_for("gpt-4o", "vllm")
    assert cm.step == 16
    same = CacheRequest(toks(100))
    assert cm.simulate([same, same])[1].read == 16 * ((100 - 1) // 16)  # 96
    other = CacheRequest(toks(33) + toks(67, 10**6))
    assert cm.simulate([same, other])[1].read == 32
    assert cache_model_for("gpt-4o", "vllm:32").simulate([same, other])[1].read == 32
    assert cache_model_for("gpt-4o", "vllm:64").simulate([same, other])[1].read == 0
    assert cm.cost(CacheOutcome(100, 96)) is None


@pytest.mark.parametrize("provider", ["llamacpp", "sglang"])
def test_token_exact_servers(provider):
    cm = cache_model_for(None, provider)
    same = CacheRequest(toks(100))
    assert cm.simulate([same, same])[1].read == 99
    other = CacheRequest(toks(57) + toks(43, 10**6))
    assert cm.simulate([same, other])[1].read == 57


def test_llamacpp_usage_unknown_vs_native_timings():
    cm = cache_model_for(None, "llamacpp")
    old = cm.read_usage({"usage": {"prompt_tokens": 10, "completion_tokens": 1}})
    assert old.read is None  # unknown, not 0
    native = cm.read_usage({"usage": {"prompt_tokens": 10}, "timings": {"cache_n": 9}})
    assert native.read == 9


def test_openai_usage_chat_and_responses():
    cm = cache_model_for("gpt-5.6-terra")
    chat = cm.read_usage({"usage": {"prompt_tokens": 15000, "completion_tokens": 3,
                                    "prompt_tokens_details": {"cached_tokens": 12000, "cache_write_tokens": 3000}}})
    resp = cm.read_usage({"usage": {"input_tokens": 15000, "output_tokens": 3,
                                    "input_tokens_details": {"cached_tokens": 12000, "cache_write_tokens": 3000}}})
    assert chat == resp
    assert (chat.total, chat.read, chat.write) == (15000, 12000, 3000)


def test_data_file_is_the_single_source_of_thresholds(tmp_path):
    assert load_regime("vllm").get("step_tokens") == 16
    assert load_regime("anthropic").get("max_breakpoints") == 4

"""The block-hash replay against a brute-force "server" that follows the documented OpenAI legacy rule
(spec 1.2): cached = 0 below 1024 shared tokens, else 128 * floor(shared / 128), where shared is the
longest prefix shared with a request (>= 1024 tokens) made within the idle TTL."""

from __future__ import annotations

import json
import random
from array import array

import pytest
from conftest import common_prefix_len

MIN, STEP, TTL = 1024, 128, 300.0


def _server(requests):
    """Documented rule, brute force over all earlier requests (O(n^2), fine for a test)."""
    out = []
    for i, (toks, t) in enumerate(requests):
        best = 0
        for toks_j, t_j in requests[:i]:
            if len(toks_j) >= MIN and t - t_j <= TTL:
                best = max(best, common_prefix_len(toks, toks_j))
        out.append(0 if best < MIN else min(STEP * (best // STEP), len(toks)))
    return out


def _gen(rng, n=300):
    heads = [[rng.randrange(50_000) for _ in range(rng.randint(300, 3000))] for _ in range(4)]
    reqs, t = [], 1_700_000_000.0
    for _ in range(n):
        t += rng.choice([1, 2, 5, 10, 30, 60, 90, 200, 290, 310, 400])
        head = rng.choice(heads)
        cut = len(head) if rng.random() < 0.7 else rng.randint(0, len(head))  # sometimes broken early
        tail = [rng.randrange(50_000) for _ in range(rng.randint(0, 700))]
        reqs.append((head[:cut] + tail, t))
    return reqs


@pytest.fixture
def legacy():
    from pcache.analyzers.providers.registry import cache_model_for

    cm = cache_model_for("gpt-4o")
    assert (cm.minimum, cm.step) == (MIN, STEP)  # the rule this test encodes is the data's rule
    return cm


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_replay_reproduces_documented_rule_exactly(legacy, seed):
    from pcache.analyzers.audit.replay import Replayer, ReplayRequest

    rng = random.Random(seed)
    reqs = _gen(rng)
    actual = _server(reqs)
    assert sum(1 for a in actual if a) > 30  # the log has plenty of hits ...
    assert any(a == 0 and len(r[0]) >= MIN for a, r in zip(actual, reqs))  # ... and misses
    rp = Replayer(legacy, TTL, 3600.0)
    for (toks, t), a in zip(reqs, actual):
        out = rp.feed(ReplayRequest(array("I", toks), t, "gpt-4o", a, len(toks)))
        assert out.predicted == a
    assert rp.predicted == rp.actual == sum(actual)
    assert rp.classes["unexplained"].requests == 0


def test_miss_classes(legacy):
    from pcache.analyzers.audit.replay import Replayer, ReplayRequest

    rng = random.Random(9)
    head = [rng.randrange(50_000) for _ in range(2000)]
    other = [rng.randrange(50_000) for _ in range(2000)]
    rp = Replayer(legacy, TTL, 3600.0)

    def feed(toks, t, actual):
        return rp.feed(ReplayRequest(array("I", toks), t, "gpt-4o", actual, len(toks)))

    assert feed(head + [1] * 200, 0, 0).miss == "cold"
    hit = feed(head + [2] * 200, 10, 1920)
    assert hit.miss is None and hit.predicted == 1920
    assert feed(head[:500], 20, 0).miss == "under_minimum"
    gone = feed(head + [3] * 200, 10 + TTL + 5, 0)  # idle longer than the TTL
    assert gone.miss == "idle_gap" and gone.predicted == 0 and gone.optimistic == 1920
    lost = feed(head + [4] * 200, 10 + TTL + 10, 0)  # cached by the previous one, server missed
    assert lost.miss == "unexplained" and lost.predicted == 1920
    broken = feed(head[:1100] + other, 10 + TTL + 20, 1024)  # diverges at token 1100
    assert broken.miss == "prefix_broken" and broken.divergence == 1100
    # the group had shared 2000 tokens so far: up to 1920 were cacheable, it got 1024
    assert broken.avoidable_tokens == 1920 - 1024


def test_memory_is_bounded_by_live_blocks(legacy):
    """Blocks older than the horizon are dropped: a long log of distinct prompts keeps a small store."""
    from pcache.analyzers.audit.replay import Replayer, ReplayRequest

    rng = random.Random(4)
    rp = Replayer(legacy, TTL, 600.0)
    for i in range(400):
        toks = array("I", [rng.randrange(50_000) for _ in range(1280)])  # 10 blocks each
        rp.feed(ReplayRequest(toks, i * 60.0, "gpt-4o", 0, len(toks)))
    # Live within 600 s at 60 s spacing: at most 11 requests x 10 blocks.
    assert len(rp.store.blocks) <= 110
    assert rp.store.peak <= 120
    assert len(rp.live) <= 12


def test_cli_replay_of_chat_log_matches_cookbook_counts(tmp_path, run_cli, o200k):
    """End to end: Chat bodies in a JSONL log whose server cached tokens follow the rule, with the shared
    prefix computed here from tiktoken and the cookbook framing (3 tokens per message + role + content)."""
    rng = random.Random(3)
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike".split()
    system = " ".join(rng.choice(words) for _ in range(1500))
    sys_toks = len(o200k.encode(system))
    users = [f"Question number {i}: what is {rng.choice(words)}?" for i in range(12)]
    lines, t = [], 1_760_000_000
    prev_user = None
    expected = 0
    for i, u in enumerate(users):
        t += 30
        prompt = 3 + (3 + 1 + sys_toks) + (3 + 1 + len(o200k.encode(u)))  # cookbook count
        if prev_user is None:
            cached = 0
        else:
            # shared: system message + "<|im_start|>user<|im_sep|>" + common tokens of the two questions
            common = common_prefix_len(o200k.encode(u), o200k.encode(prev_user))
            shared = (3 + 1 + sys_toks) + 3 + common
            cached = 0 if shared < MIN else STEP * (shared // STEP)
        prev_user = u
        expected += cached
        lines.append({"timestamp": t, "request": {"model": "gpt-4o", "messages": [
            {"role": "system", "content": system}, {"role": "user", "content": u}]},
            "response": {"model": "gpt-4o-2024-08-06", "usage": {
                "prompt_tokens": prompt, "completion_tokens": 9,
                "prompt_tokens_details": {"cached_tokens": cached}}}})
    p = tmp_path / "chat.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    code, out, err = run_cli("audit", p, "--format", "json")
    assert code == 0, err
    rep = json.loads(out)["replay"]
    assert rep["requests"] == len(users)
    assert rep["replayed_tokens"] == sum(x["response"]["usage"]["prompt_tokens"] for x in lines)
    assert rep["actual_cached_tokens"] == expected
    assert rep["predicted_cached_tokens"] == expected
    assert rep["misses"]["unexplained"]["requests"] == 0


def test_whatif_moves_volatile_content(tmp_path, run_cli):
    """A timestamp at the top of the system prompt breaks every prefix; moved after it, all would hit."""
    body = "Follow the policy below carefully. " * 200
    lines = []
    for i in range(10):
        system = f"Current time: 2026-10-0{1 + i % 9}T10:{10 + i}:00Z\n{body}"
        lines.append({"timestamp": 1_760_000_000 + 20 * i, "request": {"model": "gpt-4o-mini", "messages": [
            {"role": "system", "content": system}, {"role": "user", "content": "Hello"}]},
            "response": {"model": "gpt-4o-mini", "usage": {"prompt_tokens": 1500, "completion_tokens": 3,
                                                           "prompt_tokens_details": {"cached_tokens": 0}}}})
    p = tmp_path / "v.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    code, out, err = run_cli("audit", p, "--format", "json", "--redact")
    assert code == 0, err
    rep = json.loads(out)
    w = rep["replay"]["whatif"]
    assert w["requests_changed"] == 10
    assert w["extra_cached_tokens"] > 9 * 1024
    assert w["money_left_on_table_usd"] > 0
    g = rep["groups"][0]
    assert g["requests"] >= 2
    # --redact: excerpts are hashes, never prompt text
    assert "Follow the policy" not in out and "Current time" not in out

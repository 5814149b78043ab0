"""``pcache probe`` end to end: the real CLI, the real openai SDK, real HTTP to a local test server.

Golden numbers come from tiktoken called here (the cookbook framing) and from the rule in the provider
data, never from pcache's own output.  Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from openai_test_server import OpenAITestServer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KEY = "sk-test-Zq8WvN3kT5pR7sY2uB4xJ6mH9cL1dF0g"
AZURE_KEY = "0123456789abcdef0123456789abcdef"
from pcache.analyzers.vocab import load_encoding  # noqa: E402  tiktoken's encoding, offline vocabulary

ENC = load_encoding("o200k_base")

LONG = "\n".join(
    f"Rule {i}: when a customer asks about order {i}, check the ledger entry {i * 7} and reply politely, "
    f"quoting clause {i % 13} of the returns policy and the carrier's tracking page."
    for i in range(60)
)


def pcache_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENAI_", "AZURE_OPENAI_")) and k != "NO_COLOR"}
    env["OPENAI_API_KEY"] = KEY
    env.update(extra)
    return env


def run(args, env=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pcache.cli.app", "probe", *args], capture_output=True,
                          text=True, env=env or pcache_env(), timeout=timeout, cwd=ROOT, stdin=subprocess.DEVNULL)


def run_json(server, paths, *extra, env=None):
    res = run([*map(str, paths), "--yes", "--format", "json", "--base-url", server.base_url,
               "--max-retries", "2", "--concurrency", "1", *extra], env=env)
    assert KEY not in res.stdout + res.stderr
    assert res.stdout.strip(), res.stderr
    return res, json.loads(res.stdout)


def cookbook_tokens(messages, enc=ENC) -> int:
    """OpenAI cookbook count for gpt-4o: 3 per message + role + content (+1 + name), + 3."""
    n = 3
    for m in messages:
        n += 3 + len(enc.encode(m["role"])) + len(enc.encode(m["content"]))
        if "name" in m:
            n += 1 + len(enc.encode(m["name"]))
    return n


def legacy(shared: int, total: int) -> int:
    """The documented legacy rule, written out here: 0 below 1024, then whole 128-token steps."""
    shared = min(shared, total)
    return 0 if shared < 1024 else 128 * (shared // 128)


@pytest.fixture
def server():
    with OpenAITestServer("openai", api_key=KEY) as srv:
        yield srv


def write_request(path: Path, system: str, user: str = "Where is my order?", model: str = "gpt-4o-mini") -> dict:
    body = {"model": model, "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}]}
    path.write_text(json.dumps(body), encoding="utf-8")
    return body


def completed(server):
    return [r for r in server.requests if r.status == 200]


# --------------------------------------------------------------------------------------------
# hits and misses


def test_identical_repeat_hits_as_the_documented_rule_says(server, tmp_path):
    body = write_request(tmp_path / "req.json", LONG)
    total = cookbook_tokens(body["messages"])
    assert total > 1100
    res, data = run_json(server, [tmp_path / "req.json"])
    assert res.returncode == 0, res.stderr
    r = data["results"][0]
    assert r["prompt_tokens"] == total
    assert r["predicted_prompt_tokens"] == total  # plain messages: offline framing is exact
    assert r["predicted_cacheable_tokens"] == legacy(total, total)
    assert r["cached_tokens"] == legacy(total, total)
    assert r["cached_tokens"] == completed(server)[-1].usage["prompt_tokens_details"]["cached_tokens"]
    assert r["hit_ratio"] == pytest.approx(legacy(total, total) / total)
    assert r["error"] is None and len(r["latency_ms"]) == 2
    assert r["observations"][0]["cached_tokens"] == 0
    assert data["requests"] == 2 and data["base_url"] == server.base_url and data["api"] == "chat"
    assert data["model"] == "gpt-4o-mini"
    # the output limit asked for is the smallest: 1
    assert all(r.body["max_completion_tokens"] == 1 for r in server.requests)
    # cost of the probe from genai-prices, called directly
    from genai_prices import Usage, calc_price

    expected = calc_price(Usage(input_tokens=total, output_tokens=1), "gpt-4o-mini", provider_id="openai").total_price
    expected += calc_price(Usage(input_tokens=total, cache_read_tokens=legacy(total, total), output_tokens=1),
                           "gpt-4o-mini", provider_id="openai").total_price
    assert Decimal(str(data["summary"]["cost_usd"])) == pytest.approx(expected)
    assert data["summary"]["hit_ratio"] == pytest.approx(r["hit_ratio"])


def test_short_prompt_misses(server, tmp_path):
    write_request(tmp_path / "short.json", "You are brief.")
    res, data = run_json(server, [tmp_path / "short.json"], "--assert-hit-ratio", "0.5")
    r = data["results"][0]
    assert r["cached_tokens"] == 0 and r["predicted_cacheable_tokens"] == 0 and r["hit_ratio"] == 0
    assert res.returncode == 1  # below --assert-hit-ratio
    assert "below --assert-hit-ratio" in res.stderr


def test_assert_hit_ratio_passes_on_hits(server, tmp_path):
    write_request(tmp_path / "req.json", LONG)
    res, data = run_json(server, [tmp_path / "req.json"], "--assert-hit-ratio", "0.8")
    assert res.returncode == 0, res.stderr
    assert data["summary"]["hit_ratio"] >= 0.8


def test_template_with_a_date_early_misses_and_late_hits(server, tmp_path):
    (tmp_path / "early.j2").write_text("Current time: {{ now }}\n" + LONG + "\nQuestion: {{ question }}\n")
    (tmp_path / "late.j2").write_text(LONG + "\nCurrent time: {{ now }}\nQuestion: {{ question }}\n")
    res, data = run_json(server, [tmp_path / "early.j2", tmp_path / "late.j2"])
    early, late = sorted(data["results"], key=lambda r: r["path"])
    assert early["path"].endswith("early.j2")
    # what was actually sent: each repeat with different values
    sent = [r.body["messages"][0]["content"] for r in completed(server)]
    assert sent[0] != sent[1] and sent[2] != sent[3]
    assert early["cached_tokens"] == 0 and early["predicted_cacheable_tokens"] == 0
    # independent prediction for the late template: tokens shared by its two rendered repeats
    a, b = (ENC.encode(s) for s in sent[2:4])
    shared = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    total = 3 + 3 + len(ENC.encode("user")) + len(b)
    assert late["prompt_tokens"] == total
    # framing tokens before the content: <|im_start|> user <|im_sep|>
    assert late["cached_tokens"] == legacy(3 + shared, total) > 0
    assert late["predicted_cacheable_tokens"] == late["cached_tokens"]


def test_vars_file_and_same_values(server, tmp_path):
    (tmp_path / "t.j2").write_text(LONG + "\nCustomer: {{ name }}; order {{ order_id }}\n")
    (tmp_path / "vars.yaml").write_text("name: [Ada, Grace]\n")
    res, data = run_json(server, [tmp_path / "t.j2"], "--vars", str(tmp_path / "vars.yaml"),
                         "--var", "order_id=A-1")
    sent = [r.body["messages"][0]["content"] for r in completed(server)]
    assert sent[0].endswith("Customer: Ada; order A-1") and sent[1].endswith("Customer: Grace; order A-1")
    assert data["results"][0]["values"] == [{"name": "Ada", "order_id": "A-1"}, {"name": "Grace", "order_id": "A-1"}]
    server.requests.clear()
    res, data = run_json(server, [tmp_path / "t.j2"], "--same-values")
    sent = [r.body["messages"][0]["content"] for r in completed(server)]
    assert sent[0] == sent[1]


def test_responses_api(server, tmp_path):
    (tmp_path / "p.md").write_text(LONG)
    res, data = run_json(server, [tmp_path / "p.md"], "--api", "responses", "--model", "gpt-4o",
                         "--prompt-cache-key", "probe-1")
    assert res.returncode == 0, res.stderr
    assert all(r.body["prompt_cache_key"] == "probe-1" and r.body["model"] == "gpt-4o" for r in server.requests)
    assert all(r.path == "/v1/responses" for r in server.requests)
    assert all(r.body["max_output_tokens"] == 16 for r in server.requests)  # the API's minimum
    total = cookbook_tokens([{"role": "user", "content": LONG}])
    r = data["results"][0]
    assert r["prompt_tokens"] == total and r["cached_tokens"] == legacy(total, total)
    assert server.requests[-1].usage["input_tokens_details"]["cached_tokens"] == r["cached_tokens"]


# --------------------------------------------------------------------------------------------
# faults


def test_429_with_retry_after_is_retried_by_the_sdk(server, tmp_path):
    write_request(tmp_path / "req.json", LONG)
    server.fault("429", count=1, value=0.05)
    res, data = run_json(server, [tmp_path / "req.json"])
    assert [r.status for r in server.requests] == [429, 200, 200]
    assert data["results"][0]["error"] is None and data["results"][0]["cached_tokens"] > 0


def test_500_then_success(server, tmp_path):
    write_request(tmp_path / "req.json", LONG)
    server.fault("500", count=1)
    res, data = run_json(server, [tmp_path / "req.json"])
    assert [r.status for r in server.requests] == [500, 200, 200]
    assert res.returncode == 0 and data["results"][0]["error"] is None


def test_timeout_fails_one_prompt_and_the_rest_goes_on(server, tmp_path):
    write_request(tmp_path / "a.json", LONG)
    write_request(tmp_path / "b.json", LONG, user="Second question")
    server.fault("delay", count=1, value=3.0)
    res, data = run_json(server, [tmp_path / "a.json", tmp_path / "b.json"], "--timeout", "0.5",
                         "--max-retries", "0")
    a, b = data["results"]
    assert "timed out" in a["error"] and a["cached_tokens"] is None
    assert b["error"] is None and b["cached_tokens"] > 0
    assert res.returncode == 1
    assert data["summary"]["failed"] == 1


def test_missing_cached_tokens_is_unknown_not_zero(server, tmp_path):
    write_request(tmp_path / "req.json", LONG)
    server.fault("no_cached", count=-1)
    res, data = run_json(server, [tmp_path / "req.json"], "--assert-hit-ratio", "0.1")
    r = data["results"][0]
    assert r["cached_tokens"] is None and r["hit_ratio"] is None and r["prompt_tokens"] > 0
    assert data["summary"]["hit_ratio"] is None
    assert "unknown" in r["comparison"]
    assert res.returncode == 1
    text = run([str(tmp_path / "req.json"), "--yes", "--base-url", server.base_url])
    assert "observed unknown" in text.stdout and "hit unknown" in text.stdout


def test_refused_output_limit_is_resent_larger(server, tmp_path):
    write_request(tmp_path / "req.json", LONG)
    server.fault("refuse_min", count=-1, value=16)
    res, data = run_json(server, [tmp_path / "req.json"])
    assert data["results"][0]["error"] is None
    limits = [(r.status, r.body["max_completion_tokens"]) for r in server.requests]
    assert limits == [(400, 1), (200, 16), (200, 16)]  # learnt once, then used directly
    assert any("resent" in n for n in data["notes"])


def test_unsupported_max_tokens_is_dropped(server, tmp_path):
    write_request(tmp_path / "req.json", LONG)
    server.fault("no_max_tokens", count=-1)
    res, data = run_json(server, [tmp_path / "req.json"])
    assert data["results"][0]["error"] is None, data
    sent = [(r.status, "max_tokens" in r.body, r.body["max_completion_tokens"]) for r in server.requests]
    assert sent == [(400, True, 1), (200, False, 1), (200, False, 1)]


def test_azure_deployment_path_and_header(tmp_path):
    with OpenAITestServer("openai", api_key=AZURE_KEY) as srv:
        write_request(tmp_path / "req.json", LONG)
        env = pcache_env(AZURE_OPENAI_API_KEY=AZURE_KEY)
        del env["OPENAI_API_KEY"]
        res = run([str(tmp_path / "req.json"), "--yes", "--format", "json", "--azure", "--base-url", srv.root_url,
                   "--deployment", "my-4o", "--model", "gpt-4o", "--max-retries", "0"], env=env)
        assert res.returncode == 0, res.stderr
        assert AZURE_KEY not in res.stdout + res.stderr
        data = json.loads(res.stdout)
        paths = {r.path for r in srv.requests}
        assert paths == {"/openai/deployments/my-4o/chat/completions?api-version=2024-10-01-preview"}
        assert all(r.headers.get("api-key") == AZURE_KEY for r in srv.requests)
        assert data["destination"] == "azure" and data["model"] == "gpt-4o"
        r = data["results"][0]
        assert r["cached_tokens"] == srv.requests[-1].usage["prompt_tokens_details"]["cached_tokens"] > 0


# --------------------------------------------------------------------------------------------
# safety: plan, confirmation, caps, the key


def test_plan_is_printed_and_nothing_sent_without_yes(server, tmp_path):
    write_request(tmp_path / "req.json", LONG)
    res = run([str(tmp_path / "req.json"), "--base-url", server.base_url])
    assert res.returncode == 2 and "--yes" in res.stderr
    assert "2 request(s) to 127.0.0.1" in res.stderr and "cost at most $" in res.stderr
    assert server.requests == []


def test_dry_run_sends_nothing(server, tmp_path):
    body = write_request(tmp_path / "req.json", LONG)
    res = run([str(tmp_path / "req.json"), "--base-url", server.base_url, "--dry-run", "--format", "json"])
    assert res.returncode == 0, res.stderr
    plan = json.loads(res.stdout)
    assert plan["requests"] == 2 and plan["host"] == "127.0.0.1"
    total = cookbook_tokens(body["messages"])
    # bound: every input token at the input price, plus the largest output limit, per request
    from genai_prices import Usage, calc_price

    one = calc_price(Usage(input_tokens=total + 16, output_tokens=64), "gpt-4o-mini", provider_id="openai").total_price
    assert Decimal(str(plan["cost_upper_bound_usd"])) == pytest.approx(2 * one)
    assert server.requests == []


def test_max_requests_and_max_cost_are_hard_stops(server, tmp_path):
    for i in range(3):
        write_request(tmp_path / f"r{i}.json", LONG, user=f"question {i}")
    res, data = run_json(server, sorted(tmp_path.glob("r*.json")), "--max-requests", "4")
    assert len(server.requests) == 4 and data["requests"] == 4 and len(data["skipped"]) == 1
    server.requests.clear()
    res = run([*map(str, sorted(tmp_path.glob("r*.json"))), "--yes", "--base-url", server.base_url,
               "--max-cost", "0.0000001"])
    assert res.returncode == 2 and server.requests == []


def test_the_key_never_appears_anywhere(server, tmp_path):
    write_request(tmp_path / "req.json", LONG)
    outputs = []
    for extra in (["--format", "json"], [], ["--dry-run"], ["--debug"]):
        res = run([str(tmp_path / "req.json"), "--yes", "--base-url", server.base_url, *extra])
        outputs.append(res.stdout + res.stderr)
    # a wrong key: the server echoes what it got in the error message (as some proxies do)
    wrong = "sk-wrong-Hh7Kk2Mm9Nn4Pp6Qq1Rr3Ss5"
    for fmt in ("json", "text"):
        res = run([str(tmp_path / "req.json"), "--yes", "--base-url", server.base_url, "--format", fmt,
                   "--max-retries", "0"], env=pcache_env(OPENAI_API_KEY=wrong))
        assert res.returncode == 1
        assert "401" in res.stdout
        outputs.append(res.stdout + res.stderr)
        assert wrong not in outputs[-1]
    for out in outputs:
        assert KEY not in out
        assert KEY[8:] not in out


def test_interrupt_prints_partial_results(server, tmp_path):
    write_request(tmp_path / "a.json", LONG)
    write_request(tmp_path / "b.json", LONG, user="Second question")
    server.fault("delay", count=1, value=30.0, after=2)  # prompt b's first request hangs
    proc = subprocess.Popen([sys.executable, "-m", "pcache.cli.app", "probe", str(tmp_path / "a.json"),
                             str(tmp_path / "b.json"), "--yes", "--format", "json", "--base-url", server.base_url,
                             "--concurrency", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=pcache_env(), cwd=ROOT, stdin=subprocess.DEVNULL,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while len(server.requests) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    data = json.loads(out)
    a, b = data["results"]
    assert a["cached_tokens"] > 0 and a["complete"]
    assert b["observations"] == [] and not b["complete"]
    assert data["summary"]["interrupted"] is True
    assert "partial results" in err


# --------------------------------------------------------------------------------------------
# self-hosted regimes


def test_llama_cpp_token_exact_repeat_reports_prompt_tokens_minus_one(tmp_path):
    with OpenAITestServer("llama.cpp") as srv:
        write_request(tmp_path / "short.json", "You are brief.")  # far below 1024: still cached
        res, data = run_json(srv, [tmp_path / "short.json"])
        r = data["results"][0]
        total = cookbook_tokens(json.loads((tmp_path / "short.json").read_text())["messages"])
        assert r["prompt_tokens"] == total
        assert r["cached_tokens"] == total - 1 == r["predicted_cacheable_tokens"]
        assert data["regime"] == "llamacpp" and data["detected_server"] == "llamacpp"
        assert r["comparison"].startswith("as predicted")
        text = run([str(tmp_path / "short.json"), "--yes", "--base-url", srv.base_url])
        assert "prompt_tokens - 1" in text.stdout and "mismatch" not in text.stdout


def test_vllm_blocks(tmp_path):
    with OpenAITestServer("vllm") as srv:
        body = write_request(tmp_path / "req.json", LONG[:3000])
        total = cookbook_tokens(body["messages"])
        res, data = run_json(srv, [tmp_path / "req.json"], "--regime", "vllm:16", "--served-model", "Qwen/Qwen3-0.6B")
        assert {r.body["model"] for r in srv.requests} == {"Qwen/Qwen3-0.6B"}
        r = data["results"][0]
        assert r["cached_tokens"] == 16 * ((total - 1) // 16) == r["predicted_cacheable_tokens"]
        assert data["regime"] == "vllm:16"


def test_legacy_regime_on_a_llama_server_is_reported_as_the_rule_not_a_mismatch(tmp_path):
    with OpenAITestServer("llama.cpp") as srv:
        write_request(tmp_path / "short.json", "You are brief.")
        res, data = run_json(srv, [tmp_path / "short.json"], "--regime", "openai-legacy")
        r = data["results"][0]
        assert r["predicted_cacheable_tokens"] == 0 and r["cached_tokens"] > 0
        assert "more than predicted" in r["comparison"]


# --------------------------------------------------------------------------------------------
# the test server itself: the idle expiry of the prefix store


def test_server_store_expires_idle_entries():
    from pcache.analyzers.providers.registry import cache_model_for

    now = [0.0]
    with OpenAITestServer("openai", clock=lambda: now[0]) as srv:
        tokens = list(range(2000))
        assert srv.store.lookup_and_store("s", tokens) == 0
        assert srv.store.lookup_and_store("s", tokens) == 1920
        now[0] += cache_model_for("gpt-4o").data.get("idle_ttl_seconds") + 1
        assert srv.store.lookup_and_store("s", tokens) == 0
        assert srv.store.lookup_and_store("s", tokens[:1100] + [7] * 10) == 1024


# --------------------------------------------------------------------------------------------
# the lead's sample inputs


SAMPLES = ROOT / "sample_prompts" / "chat_requests"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample_prompts/chat_requests not written yet")
def test_sample_chat_requests_report_what_the_server_returned(server):
    res, data = run_json(server, [SAMPLES])
    assert res.returncode == 0, res.stderr
    files = sorted(SAMPLES.glob("*.json"))
    assert len(data["results"]) == len(files)
    for i, r in enumerate(data["results"]):
        sent = server.requests[2 * i + 1]  # concurrency 1: requests in order, 2 per prompt
        assert r["cached_tokens"] == sent.usage["prompt_tokens_details"]["cached_tokens"]
        assert r["prompt_tokens"] == sent.usage["prompt_tokens"]
        assert r["predicted_cacheable_tokens"] is not None and r["predicted_prompt_tokens"] > 0
        body = json.loads(Path(r["path"]).read_text())
        assert sent.body["messages"] == body["messages"]  # bodies are sent as they are


def test_on_a_terminal_it_asks_and_no_sends_nothing(server, tmp_path):
    import pty

    write_request(tmp_path / "req.json", LONG)
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "pcache.cli.app", "probe", str(tmp_path / "req.json"),
                             "--base-url", server.base_url], stdin=slave, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=pcache_env(), cwd=ROOT)
    os.close(slave)
    os.write(master, b"n\n")
    out, err = proc.communicate(timeout=60)
    os.close(master)
    assert "Send these requests?" in err and "2 request(s) to 127.0.0.1" in err
    assert proc.returncode == 2 and server.requests == []


# --------------------------------------------------------------------------------------------
# self-hosted servers counted with their own tokenizer; conversations


def test_llama_cpp_counts_with_the_servers_tokenizer_and_has_no_prices(tmp_path):
    """The stand-in serves a model whose tokenizer is cl100k (not the o200k of --model gpt-4o-mini):
    only the server's /apply-template + /tokenize can predict its counts exactly."""
    served = load_encoding("cl100k_base")
    with OpenAITestServer("llama.cpp", served_encoding="cl100k_base") as srv:
        body = write_request(tmp_path / "req.json", LONG + "\n" + "Правила возврата: 東京都の天気は晴れ。" * 20)
        res, data = run_json(srv, [tmp_path / "req.json"])
        r = data["results"][0]
        total = cookbook_tokens(body["messages"], served)
        assert total != cookbook_tokens(body["messages"])  # the offline count would be off
        assert r["tokenizer"] == "server" and r["predicted_prompt_tokens"] == r["prompt_tokens"] == total
        assert r["predicted_cacheable_tokens"] == r["cached_tokens"] == total - 1
        assert data["local"] is True and r["cost_usd"] is None and data["summary"]["cost_usd"] is None
        assert data["served_model"] == "gpt-4o-mini"  # the id the server's /models gives
        assert any("/tokenize" in n for n in data["notes"])
        text = run([str(tmp_path / "req.json"), "--yes", "--base-url", srv.base_url])
        assert "probe cost local" in " ".join(text.stdout.split()) and "served model gpt-4o-mini" in text.stdout


def test_conversation_turns_grow_and_match_a_token_exact_server(tmp_path):
    served = load_encoding("cl100k_base")
    (tmp_path / "sys.md").write_text(LONG[:2000])
    with OpenAITestServer("llama.cpp", served_encoding="cl100k_base") as srv:
        res, data = run_json(srv, [tmp_path / "sys.md"], "--turns", "4", "--turn-tokens", "50")
        assert res.returncode == 0, res.stderr
        bodies = [r.body for r in srv.requests if r.path.endswith("/chat/completions")]
    assert len(bodies) == 4
    assert [len(b["messages"]) for b in bodies] == [2, 4, 6, 8]  # system + growing user/assistant turns
    assert all(b["messages"][0] == bodies[0]["messages"][0] for b in bodies)
    obs = data["results"][0]["observations"]
    totals = [cookbook_tokens(b["messages"], served) for b in bodies]
    assert [o["prompt_tokens"] for o in obs] == [o["predicted_prompt_tokens"] for o in obs] == totals
    # each turn reads the whole previous request from the cache (it is a prefix of this one)
    assert [o["cached_tokens"] for o in obs] == [o["predicted_cached_tokens"] for o in obs] == [0] + totals[:-1]


def test_turn_values_follow_the_volatility_classes():
    from pcache.analyzers.probe.conversation import turn_values

    classes = {"now": "per-turn", "user": "per-user", "day": "per-day", "x": "unknown", "sid": "per-session"}
    values = turn_values(classes, 3, {}, same_values=False, seed=1)
    for name in ("now", "x"):  # change on every turn (unknown is treated as per-request)
        assert len({v[name] for v in values}) == 3
    for name in ("user", "day", "sid"):  # keep the first turn's value
        assert len({v[name] for v in values}) == 1
    assert len({v["now"] for v in turn_values(classes, 3, {}, same_values=True, seed=1)}) == 1


def test_conversation_turns_take_declared_classes_from_config(tmp_path):
    """`[tool.pcache.variables]` decides what `probe --turns` re-renders, as it does for lint: a variable
    whose name says nothing (`stamp`, unknown -> changes every turn) stays put once declared per-day."""
    (tmp_path / "sys.j2").write_text("Edition: {{ stamp }}.\n" + LONG[:2000])

    def system_texts() -> list[str]:
        with OpenAITestServer("llama.cpp", served_encoding="cl100k_base") as srv:
            res, _ = run_json(srv, [tmp_path / "sys.j2"], "--turns", "3", "--turn-tokens", "40")
            assert res.returncode == 0, res.stderr
            return [r.body["messages"][0]["content"] for r in srv.requests
                    if r.path.endswith("/chat/completions")]

    assert len(set(system_texts())) == 3  # undeclared: a new value every turn
    (tmp_path / "pcache.toml").write_text('[variables]\nstamp = "per-day"\n')
    assert len(set(system_texts())) == 1  # declared per-day: one value for the whole conversation


def test_unknown_model_in_a_body_is_an_estimate_not_the_end(tmp_path):
    """A body naming a model tiktoken does not know (gpt-audio) is counted with o200k_base and said so;
    the same name typed as --model is the user's mistake and exit 2."""
    text = LONG[:1500]
    (tmp_path / "req.json").write_text(json.dumps({"model": "gpt-audio", "messages": [
        {"role": "system", "content": text}, {"role": "user", "content": "hi"}]}))
    res = run([str(tmp_path / "req.json"), "--dry-run", "--format", "json"])
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert any("gpt-audio" in n and "o200k_base" in n for n in data["notes"])
    golden = cookbook_tokens([{"role": "system", "content": text}, {"role": "user", "content": "hi"}])
    assert data["prompts"][0]["predicted_prompt_tokens"] == golden
    typed = run([str(tmp_path / "req.json"), "--dry-run", "--model", "gpt-audio"])
    assert typed.returncode == 2 and "unknown model" in typed.stderr

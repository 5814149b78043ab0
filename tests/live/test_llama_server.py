"""pcache probe against a real llama-server with real prefix caching (Gemma 3 270M, one slot, one thread).

The golden is what the server reports (usage.prompt_tokens and prompt_tokens_details.cached_tokens);
pcache must predict both exactly, counting with the server's own /tokenize and chat template.
Each test gets a fresh server, so its first request finds an empty cache.
"""

from __future__ import annotations

import json
import urllib.request

import pytest

pytestmark = pytest.mark.live

# ~1,500 Gemma tokens of plain English, numbered so that no two lines tokenize alike.
BODY = "\n".join(f"Rule {i}: keep the answer short, cite the source document, and never invent a number."
                 for i in range(1, 81))


def _observations(report: dict) -> list[dict]:
    (result,) = report["results"]
    assert result["error"] is None, result
    assert result["tokenizer"] == "server", report["notes"]
    return result["observations"]


def _assert_exact(report: dict) -> list[dict]:
    obs = _observations(report)
    for o in obs:
        assert o["prompt_tokens"] == o["predicted_prompt_tokens"], o
        assert o["cached_tokens"] == o["predicted_cached_tokens"], o
    return obs


def _report_line(name: str, obs: list[dict]) -> str:
    return name + ": " + ", ".join(f"#{o['repeat']} prompt {o['prompt_tokens']} (pred "
                                   f"{o['predicted_prompt_tokens']}) cached {o['cached_tokens']} (pred "
                                   f"{o['predicted_cached_tokens']})" for o in obs)


def test_identical_repeat(llama_server, run_probe, tmp_path):
    (tmp_path / "rules.md").write_text("You are a careful assistant.\n" + BODY + "\n")
    report = run_probe(llama_server, str(tmp_path / "rules.md"), "--repeat", "2")
    obs = _assert_exact(report)
    print(_report_line("identical repeat", obs))
    assert obs[0]["cached_tokens"] == 0
    assert obs[1]["cached_tokens"] == obs[1]["prompt_tokens"] - 1  # the last token is re-processed
    assert obs[1]["prompt_tokens"] > 1200
    assert report["local"] is True and report["summary"]["cost_usd"] is None
    assert report["regime"] == "llamacpp" and "gemma" in (report["served_model"] or "").lower()


def test_early_edit(llama_server, run_probe, tmp_path):
    (tmp_path / "early.j2").write_text("Session {{ session_id }}.\n" + BODY + "\n")
    report = run_probe(llama_server, str(tmp_path / "early.j2"), "--repeat", "2",
                       "--vars", _vars(tmp_path, session_id=["1111", "2222"]))
    obs = _assert_exact(report)
    print(_report_line("early edit", obs))
    assert 0 < obs[1]["cached_tokens"] < 20  # only the framing before the value is shared


def test_late_edit(llama_server, run_probe, tmp_path):
    lines = BODY.splitlines()
    text = "\n".join(lines[:70]) + "\nToday is {{ day }}.\n" + "\n".join(lines[70:]) + "\n"
    (tmp_path / "late.j2").write_text(text)
    report = run_probe(llama_server, str(tmp_path / "late.j2"), "--repeat", "2",
                       "--vars", _vars(tmp_path, day=["Monday", "Tuesday"]))
    obs = _assert_exact(report)
    print(_report_line("late edit", obs))
    assert 1000 < obs[1]["cached_tokens"] < obs[1]["prompt_tokens"] - 100


def test_four_turn_conversation_grows(llama_server, run_probe, tmp_path):
    (tmp_path / "agent.md").write_text("You are a research agent.\n" + BODY[:3000] + "\n")
    report = run_probe(llama_server, str(tmp_path / "agent.md"), "--turns", "4", "--turn-tokens", "120")
    obs = _assert_exact(report)
    print(_report_line("4-turn conversation", obs))
    assert len(obs) == 4 and obs[0]["cached_tokens"] == 0
    cached = [o["cached_tokens"] for o in obs]
    prompts = [o["prompt_tokens"] for o in obs]
    assert cached == sorted(cached) and len(set(cached)) == 4  # every turn reads the one before it
    assert all(c == p for c, p in zip(cached[1:], prompts[:-1]))  # ... whole


def test_conversation_with_a_value_that_changes_every_turn(llama_server, run_probe, tmp_path):
    # {{ now }} is per-turn by its name, so it is re-rendered every turn and the
    # history after it is never read from the cache.
    (tmp_path / "clock.j2").write_text("Time: {{ now }}.\n" + BODY[:3000] + "\n")
    report = run_probe(llama_server, str(tmp_path / "clock.j2"), "--turns", "3", "--turn-tokens", "60")
    obs = _assert_exact(report)
    print(_report_line("per-turn value", obs))
    # The history is never read: at most the framing and the digits two random timestamps share.
    assert all(o["cached_tokens"] < 64 < obs[0]["prompt_tokens"] for o in obs)


def test_tokenize_is_exact_for_varied_text(llama_server, run_probe, tmp_path):
    """pcache's count (server /tokenize + /apply-template) equals usage.prompt_tokens on text that
    tokenizers disagree on: accents, CJK, emoji, code, long numbers, odd whitespace."""
    samples = ["Ünïcödé façade — naïve café; 東京都の天気は晴れ。 😀👍🏽",
               "def f(x):\n\treturn x**2  # 12345678901234567890\n\n\n   trailing   ",
               "<b>html</b> &amp; {\"json\": [1, 2.5e-3, null]}"]
    for i, s in enumerate(samples):
        (tmp_path / f"s{i}.md").write_text(s)
    report = run_probe(llama_server, str(tmp_path), "--repeat", "1")
    for r in report["results"]:
        (o,) = r["observations"]
        assert r["tokenizer"] == "server"
        assert o["prompt_tokens"] == o["predicted_prompt_tokens"], (r["name"], o)
    # and the count is the server's own: /tokenize of the applied template, checked independently
    root = llama_server[:-3]
    prompt = _post(root + "/apply-template", {"messages": [{"role": "user", "content": samples[0]}]})["prompt"]
    tokens = _post(root + "/tokenize", {"content": prompt, "add_special": True, "parse_special": True})["tokens"]
    first = next(r for r in report["results"] if r["name"].endswith("s0.md"))
    assert first["observations"][0]["prompt_tokens"] == len(tokens)


def _post(url: str, payload: dict) -> dict:
    req = urllib.request.Request(url, data=json.dumps(payload).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


def _vars(tmp_path, **values) -> str:
    path = tmp_path / "vars.json"
    path.write_text(json.dumps(values))
    return str(path)

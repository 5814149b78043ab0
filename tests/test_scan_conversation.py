"""``scan`` shows the conversation model as ``lint`` does (issue 12): where each prompt sits, the turn
from which a head's conversation reaches the cache minimum, and its first variable's class and cost;
the numbers are lint's PC101 numbers for the same prompt, and the turn is computed here from tiktoken."""

from __future__ import annotations

import json

import tiktoken

POLICY = "Follow the refund policy exactly and cite the section you used. "


def test_scan_reports_position_class_and_the_cost_lint_reports(tmp_path, run_cli):
    p = tmp_path / "now.j2"
    p.write_text("Now: {{ now }}\n" + POLICY * 100)
    code, out, _ = run_cli("scan", p, "--format", "json")
    assert code == 0
    (entry,) = json.loads(out)["prompts"]
    code, lint_out, _ = run_cli("lint", p, "--format", "json")
    (f,) = [f for f in json.loads(lint_out)["findings"] if f["code"] == "PC101"]
    fv = entry["first_variable"]
    assert entry["position"] == f["position"] == "head"
    assert (fv["volatility"], fv["volatility_source"]) == (f["volatility"], f["volatility_source"]) == ("per-turn", "name")
    assert fv["cost_tokens_per_conversation"] == f["cost_tokens_per_conversation"] > 0
    assert fv["cost_usd_per_1000"] == f["cost_usd_per_1000"]
    assert json.loads(out)["conversation"]["turns"] == 8


def test_a_short_head_says_from_which_turn_its_history_caches(tmp_path, run_cli):
    p = tmp_path / "system.md"
    text = "You are a support agent. " + POLICY * 20
    p.write_text(text)
    code, out, _ = run_cli("scan", p, "--format", "json")
    (entry,) = json.loads(out)["prompts"]
    n = len(tiktoken.get_encoding("o200k_base").encode(text))
    assert n < 1024
    # request k of the default conversation sends the head and k turns of 400 tokens
    expected = next(k for k in range(1, 9) if n + 400 * k >= 1024)
    assert entry["position"] == "head" and entry["turn_passing_minimum"] == expected
    assert entry["first_variable"] is None
    code, text_out, _ = run_cli("scan", p, "--no-color")
    assert f"caches from turn {expected}" in text_out


def test_show_verdict_agrees_with_lint_on_a_head_variable_after_the_cacheable_prefix(run_cli, tmp_path):
    """A per-turn variable after 1,536 cacheable tokens of a system prompt: the prefix caches, but every
    turn's history after it is re-prefilled.  show's verdict must carry PC101's cost, not 'costs nothing'."""
    import json

    import tiktoken

    rules = " ".join(f"rule{i} applies." for i in range(400))
    head = f"You are a helpful agent. {rules}\nCurrent time: "
    path = tmp_path / "system_prompt.md"
    path.write_text(head + "{current_time}\nBe brief.\n")
    assert len(tiktoken.get_encoding("o200k_base").encode(head)) > 1024  # past the minimum
    code, out, _ = run_cli("lint", path, "--format", "json")
    pc101 = [f for f in json.loads(out)["findings"] if f["code"] == "PC101"]
    assert code == 1 and len(pc101) == 1 and pc101[0]["cost_tokens_per_conversation"] > 0
    assert "inside the first" not in pc101[0]["message"]
    code, out, _ = run_cli("show", path, "--format", "json")
    shown = json.loads(out)
    assert shown["cost"]["position"] == "head"
    assert shown["cost"]["cost_tokens_per_conversation"] == pc101[0]["cost_tokens_per_conversation"]
    assert f"{pc101[0]['cost_tokens_per_conversation']:,} cached tokens per conversation" in shown["verdict"]

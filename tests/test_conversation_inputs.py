"""The inputs of the conversation model (issue 12): turn counts and sizes measured from request logs,
the role table's gitignore-style patterns, literals judged across a corpus, and ``show`` on code sources.

Goldens come from the corpus files read here and tiktoken called directly (the chat framing of
OpenAI's cookbook, spec 3.2: 3 tokens per message plus the role and the content, 3 for the reply
priming), never from pcache's own numbers."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
TAU = SHARED / "tau-bench" / "gpt-4o-airline.trial0.jsonl"
POLICY = "Follow the refund policy exactly and cite the section you used. "


def _tau() -> list[list[dict]]:
    if not TAU.is_file():
        pytest.skip("shared corpora not found")
    return [json.loads(line)["messages"] for line in TAU.read_text().splitlines() if line.strip()]


def _text_only(messages: list[dict]) -> list[dict]:
    """The system, user and assistant text messages of a real conversation (tool traffic dropped), so
    that the chat framing is exact and the golden is a plain tiktoken count."""
    return [{"role": m["role"], "content": m["content"]} for m in messages
            if m["role"] in ("system", "user", "assistant") and isinstance(m.get("content"), str)
            and m["content"] and not m.get("tool_calls")]


def _calls(messages: list[dict]) -> int:
    """Model calls: every run of assistant messages is one, and a request not ending with one is one."""
    runs = sum(1 for k, m in enumerate(messages)
               if m["role"] == "assistant" and (k == 0 or messages[k - 1]["role"] != "assistant"))
    return runs + (messages[-1]["role"] != "assistant")


def _framed(enc, messages: list[dict]) -> int:
    return sum(3 + len(enc.encode_ordinary(m["role"])) + len(enc.encode_ordinary(m["content"]))
               for m in messages)


def _write(path: Path, bodies: list[dict]) -> Path:
    path.write_text("".join(json.dumps(b) + "\n" for b in bodies))
    return path


def _lint_json(run_cli, *args):
    code, out, err = run_cli("lint", *map(str, args), "--format", "json")
    assert code in (0, 1), err
    return json.loads(out)


# -- turns and turn sizes measured from request logs ----------------------------------------------

def test_turns_and_turn_tokens_measured_from_logs_match_tiktoken(tmp_path, run_cli, o200k):
    convs = [_text_only(m) for m in _tau()]
    convs = [c for c in convs if c[0]["role"] == "system" and len(c) >= 3]
    # the log records every request of every conversation: request j sends the messages before the
    # j-th assistant reply (and the last one everything), so longer requests continue shorter ones
    bodies, golden_turns, golden_sizes = [], [], []
    for c in convs:
        cut = [k for k, m in enumerate(c) if m["role"] == "assistant"] + [len(c)]
        for k in cut:
            bodies.append({"model": "gpt-4o", "messages": c[:k]})
        longest = c  # the whole conversation is the last request logged
        turns = _calls(longest)
        total = _framed(o200k, longest) + 3
        head = _framed(o200k, longest[:1])
        golden_turns.append(turns)
        golden_sizes.append((total - head) / turns)
    log = _write(tmp_path / "requests.jsonl", bodies)
    head = tmp_path / "system.j2"
    head.write_text("Now: {{ now }}\n" + POLICY * 30)

    doc = _lint_json(run_cli, head, log)
    conv = doc["summary"]["conversation"]
    assert conv["measured_from_conversations"] == len(convs) < len(bodies)
    assert (conv["turns_source"], conv["turn_tokens_source"]) == ("measured", "measured")
    assert conv["turns"] == round(statistics.median(golden_turns))
    assert conv["turn_tokens"] == round(statistics.median(golden_sizes))
    (f,) = [f for f in doc["findings"] if f["code"] == "PC101"]
    assert f"{conv['turns']} turns of {conv['turn_tokens']:,} tokens (measured)" in f["message"]
    # the per-turn cost uses the measured conversation: the simulated conversation of test_volatility
    # (tiktoken and the 1,024/128 rule) with the golden figures gives the same number
    from test_volatility import simulate

    text = head.read_text()
    before, after = text.split("{{ now }}")
    v = len(o200k.encode_ordinary(before))
    static = len(o200k.encode_ordinary(before + after))
    size = len(o200k.encode_ordinary(text))
    turns, turn = round(statistics.median(golden_turns)), round(statistics.median(golden_sizes))
    lost = simulate(size, v, static, turns, turn, True)
    expected = {simulate(size + dh, None, static + ds, turns, turn, False) - lost for dh in (-1, 0, 1) for ds in (-1, 0, 1)}
    assert f["cost_tokens_per_conversation"] in expected

    # a flag wins for its figure only; the other stays measured, and the text output says which
    doc = _lint_json(run_cli, head, log, "--conversation-turns", "3")
    conv2 = doc["summary"]["conversation"]
    assert (conv2["turns"], conv2["turns_source"]) == (3, "config")
    assert (conv2["turn_tokens"], conv2["turn_tokens_source"]) == (conv["turn_tokens"], "measured")
    _code, out, _err = run_cli("lint", str(head), str(log), "--conversation-turns", "3")
    assert (f"a head is followed by 3 turns of {conv['turn_tokens']:,} tokens (turns: config; turn size: "
            f"measured from {len(convs)} conversations" in " ".join(out.split()))


def test_measured_on_the_real_tau_bench_corpus_with_tool_traffic(run_cli, tmp_path):
    # every line is one whole conversation (tool calls and results included); the number of model
    # calls is read from the file here, independently of pcache
    convs = _tau()
    golden = round(statistics.median(_calls(c) for c in convs))
    head = tmp_path / "system.j2"
    head.write_text("Now: {{ now }}\n" + POLICY * 30)
    conv = _lint_json(run_cli, head, TAU)["summary"]["conversation"]
    assert (conv["turns"], conv["measured_from_conversations"]) == (golden, len(convs))
    assert 50 < conv["turn_tokens"] < 1000  # tool results and replies of a customer-service agent


def test_defaults_without_logs_are_said_to_be_defaults(tmp_path, run_cli):
    head = tmp_path / "system.j2"
    head.write_text("Now: {{ now }}\n" + POLICY * 30)
    conv = _lint_json(run_cli, head)["summary"]["conversation"]
    assert conv == {"turns": 8, "turn_tokens": 400, "conversations_per_day": 1000, "turns_source": "default",
                    "turn_tokens_source": "default", "measured_from_conversations": 0}
    _code, out, _err = run_cli("lint", str(head))
    assert "a head is followed by 8 turns of 400 tokens (defaults;" in " ".join(out.split())
    # two conversations are not enough for a median: the defaults stay
    log = _write(tmp_path / "two.jsonl", [{"model": "gpt-4o", "messages": [
        {"role": "system", "content": "s"}, {"role": "user", "content": f"q{k}"},
        {"role": "assistant", "content": "a"}, {"role": "user", "content": "more"}]} for k in range(2)])
    assert _lint_json(run_cli, head, log)["summary"]["conversation"]["turns_source"] == "default"


# -- the role table: gitignore-style patterns (pathspec), as include/exclude -----------------------

def test_role_table_uses_gitignore_patterns(tmp_path, run_cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pcache.role]\n"**/prompts/*.j2" = "whole"\n"top/*.j2" = "final-turn"\n'
        '"agents/*.yaml::agent.templates.instance_template" = "final-turn"\n')
    text = "Date: {{ today }}\n" + POLICY * 100
    deep = tmp_path / "a" / "b" / "prompts" / "x.j2"
    other = tmp_path / "a" / "b" / "elsewhere" / "x.j2"
    top = tmp_path / "top" / "t.j2"
    nested_top = tmp_path / "sub" / "top" / "t.j2"  # "top/*.j2" is anchored at the config's folder
    for p in (deep, other, top, nested_top):
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    agents = tmp_path / "agents"
    agents.mkdir()
    (agents / "swe.yaml").write_text(
        "agent:\n  templates:\n    system_template: |-\n      Date: {{ today }}\n      " + POLICY * 100 + "\n"
        "    instance_template: |-\n      Date: {{ today }}\n      " + POLICY * 100 + "\n")
    doc = _lint_json(run_cli, deep, other, top, nested_top, agents / "swe.yaml")
    pos = {(Path(f["path"]).relative_to(tmp_path).as_posix(), f["prompt"].rsplit(":", 1)[-1]): f["position"]
           for f in doc["findings"] if f["code"] == "PC101"}
    by_path = {k[0]: v for k, v in pos.items() if not k[0].endswith(".yaml")}
    assert by_path == {"a/b/prompts/x.j2": "whole", "a/b/elsewhere/x.j2": "head", "sub/top/t.j2": "head"}
    # top/t.j2 is a final turn: nothing reported; the YAML key pattern makes one template a final turn
    yaml = sorted(f["prompt"] for f in doc["findings"] if f["code"] == "PC101" and f["path"].endswith(".yaml"))
    assert len(yaml) == 1 and "system_template" in yaml[0]


def test_role_table_rejects_a_bad_pattern(tmp_path, run_cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.pcache.role]\n"!" = "whole"\n')
    p = tmp_path / "x.j2"
    p.write_text("Hi {{ name }}\n")
    code, _out, err = run_cli("lint", str(p))
    assert code == 2 and "pyproject.toml" in err and "Traceback" not in err


# -- literals judged across the requests of a corpus -------------------------------------------------

def test_a_fixed_clock_in_every_request_is_constant(tmp_path, run_cli):
    lines = [json.loads(line) for line in TAU.read_text().splitlines() if line.strip()] if TAU.is_file() else []
    if not lines:
        pytest.skip("shared corpora not found")
    clock = "2024-05-15 15:00:00 EST"
    assert all(clock in c["messages"][0]["content"] for c in lines)  # the same in all 50 requests
    doc = _lint_json(run_cli, TAU)
    assert not [f for f in doc["findings"] if f["code"] == "PC102" and f["token"] < 40]
    # the same corpus with a clock that moves between requests: the literal is volatile
    moved = []
    for k, c in enumerate(lines):
        c["messages"][0]["content"] = c["messages"][0]["content"].replace(clock, f"2024-05-15 15:{k:02d}:07 EST")
        moved.append(c)
    log = _write(tmp_path / "moving.jsonl", moved)
    found = [f for f in _lint_json(run_cli, log)["findings"] if f["code"] == "PC102" and f["token"] < 40]
    assert len(found) == len(lines)
    assert {(f["volatility"], f["severity"]) for f in found} == {("per-request", "error")}
    assert f"takes {len(lines)} values in the {len(lines)} requests" in found[0]["message"]
    # one request alone: no group to compare with, judged by its form (a time to the second)
    single = _write(tmp_path / "one.jsonl", lines[:1])
    (g,) = [f for f in _lint_json(run_cli, single)["findings"] if f["code"] == "PC102" and f["token"] < 40]
    assert (g["volatility"], g["severity"]) == ("per-request", "error")


def test_a_literal_after_the_request_left_its_group_costs_nothing(tmp_path, run_cli, o200k):
    system = POLICY * 120
    bodies = [{"model": "gpt-4o", "messages": [
        {"role": "system", "content": system},
        {"role": "user", "content": f"I am customer {k}; my booking of 2024-0{k + 1}-1{k} was lost"},
        {"role": "assistant", "content": "Let me check."}, {"role": "user", "content": "thanks"}]}
        for k in range(4)]
    found = [f for f in _lint_json(run_cli, _write(tmp_path / "r.jsonl", bodies))["findings"]
             if f["code"] == "PC102"]
    assert not found  # each request already differs at "customer k", before its date


# -- show labels the variables of code sources ---------------------------------------------------------

def test_show_labels_variables_of_a_python_prompt(run_cli):
    sample = Path(__file__).resolve().parents[1] / "sample_prompts" / "support_agent.py"
    code, out, _ = run_cli("show", f"{sample}:build_messages_with_clock.system", "--width", "100")
    assert code == 0
    assert "{datetime.now():%Y-%m-%d %H:%M:%S}  per-turn, by datetime.now formatted with a time of day" in out
    code, out, _ = run_cli("show", f"{sample}:SYSTEM_PROMPT", "--format", "json")
    classes = {v["name"]: (v["volatility"], v["volatility_source"]) for v in json.loads(out)["variables"]}
    assert classes["customer_name"] == ("per-user", "name")


def test_anthropic_and_gemini_bodies_are_whole_requests_and_measured(tmp_path, run_cli):
    head = tmp_path / "system.j2"
    head.write_text("Now: {{ now }}\n" + POLICY * 30)
    turns = [["q1", "a1", "q2"], ["q1", "a1", "q2", "a2", "q3"], ["x", "y", "z", "w", "v", "u", "t"]]
    anthropic = [{"model": "claude-sonnet-4-5", "max_tokens": 100, "system": POLICY * 3,
                  "messages": [{"role": "user" if k % 2 == 0 else "assistant", "content": f"{t} {n}"}
                               for k, t in enumerate(ts)]} for n, ts in enumerate(turns)]
    gemini = [{"contents": [{"role": "user" if k % 2 == 0 else "model", "parts": [{"text": f"{t} {n}"}]}
                            for k, t in enumerate(ts)]} for n, ts in enumerate(turns)]
    # calls per conversation, read here: every assistant/model reply is one, plus the request sent
    golden = round(statistics.median(len(ts) // 2 + 1 for ts in turns))
    for name, bodies in (("anthropic", anthropic), ("gemini", gemini)):
        log = _write(tmp_path / f"{name}.jsonl", bodies)
        doc = _lint_json(run_cli, head, log)
        conv = doc["summary"]["conversation"]
        assert (conv["turns"], conv["turns_source"], conv["measured_from_conversations"]) == (golden, "measured", 3)
        assert {f["position"] for f in doc["findings"] if f["path"].endswith(".jsonl")} <= {"whole", "final-turn"}

"""`pcache lint --suggest` on request bodies (PC102/PC103/PC104/PC303).

Goldens are computed here: tiktoken called directly on the message texts, the documented chat framing
(3 framing tokens + role + content per message, 3 for the reply priming; OpenAI cookbook), the cache
rule from the spec (>= 1024 shared tokens, then 128-token steps) and genai-prices called directly.
"""

from __future__ import annotations

import json
import os
import shutil
from decimal import Decimal

import pytest
import tiktoken
from genai_prices import Usage, calc_price

from conftest import SAMPLES

CHAT = SAMPLES / "chat_requests"
BATCH = SAMPLES / "support_batch.jsonl"
MINIMUM, STEP = 1024, 128  # spec: caching-rules.md (OpenAI)


@pytest.fixture(scope="module")
def enc():
    return tiktoken.get_encoding("o200k_base")


def cacheable(n: int) -> int:
    return 0 if n < MINIMUM else STEP * (n // STEP)


def per_1000(model: str, tokens: int, cached: int) -> float:
    price = calc_price(Usage(input_tokens=tokens, cache_read_tokens=cached or None), model, provider_id="openai")
    return float(price.total_price * Decimal(1000))


def message_tokens(enc, role: str, content: str) -> int:
    return 3 + len(enc.encode_ordinary(role)) + len(enc.encode_ordinary(content))


def chat_tokens(enc, messages: list[dict]) -> int:
    return sum(message_tokens(enc, m["role"], m["content"]) for m in messages) + 2 + len(enc.encode_ordinary("assistant"))


def lint_json(run_cli, *paths) -> dict:
    code, out, _err = run_cli("lint", *paths, "--suggest", "--format", "json")
    assert code == 1
    return json.loads(out)


def only(doc: dict, prompt_suffix: str) -> dict:
    hits = [s for s in doc["suggestions"] if s["prompt"].endswith(prompt_suffix)]
    assert len(hits) == 1, [s["prompt"] for s in doc["suggestions"]]
    return hits[0]


# ---------------------------------------------------------------- the sample corpus as shipped


def test_chat_requests_text_shows_diff_for_the_outlier(run_cli):
    code, out, _err = run_cli("lint", str(CHAT), "--suggest", "--no-color")
    assert code == 1
    assert "Suggested static-first layout for " in out and "request_06_timestamp.json (PC102, PC103, PC104" in out
    assert out.count("Suggested static-first layout") == 1  # the five regular requests need nothing
    lines = out.splitlines()
    assert any(ln.startswith('-      "content": "Current time: 2026-11-23T09:14:03Z. Customer:') for ln in lines)
    assert '+      "content": "Current time: 2026-11-23T09:14:03Z. Customer: Dana Kowalski (Trailblazer member)."' in lines
    assert any(ln.startswith('+      "content": "# Role') for ln in lines)
    assert any(ln.startswith("  cached tokens per request: 0 -> ") for ln in lines)
    # long JSON lines are shortened on screen, the JSON output keeps them whole
    assert any("chars]" in ln for ln in lines)


def test_chat_requests_numbers(run_cli, run_json, enc):
    doc = lint_json(run_cli, str(CHAT))
    s = only(doc, "request_06_timestamp.json")
    r01 = json.loads((CHAT / "request_01.json").read_text())
    r06 = json.loads((CHAT / "request_06_timestamp.json").read_text())
    moved = "Current time: 2026-11-23T09:14:03Z. Customer: Dana Kowalski (Trailblazer member)."
    assert r06["messages"][0]["content"] == moved + "\n\n" + r01["messages"][0]["content"]  # the sample's shape
    assert r06["tools"] == r01["tools"]

    # request_01's total (tools included) from `pcache scan`; everything after its system message by hand
    scan = run_json("scan", str(CHAT / "request_01.json"))
    total_01 = scan["prompts"][0]["tokens"]
    user01, user06 = r01["messages"][1]["content"], r06["messages"][1]["content"]
    tail_01 = message_tokens(enc, "user", user01) + 2 + len(enc.encode_ordinary("assistant"))
    # fixed request_06 = request_01's system message, <|im_start|> "system" ... : shares up to that <|im_start|>
    shared = total_01 - tail_01 + 1
    assert s["cached_tokens_before"] == 0
    assert s["cached_tokens_after"] == cacheable(shared) > 0
    total_after = total_01 - len(enc.encode_ordinary(user01)) + len(enc.encode_ordinary(user06)) \
        + message_tokens(enc, "system", moved)
    assert s["tokens_after"] == total_after
    assert s["usd_per_1000_after"] == pytest.approx(per_1000("gpt-4o-mini", total_after, s["cached_tokens_after"]))
    assert s["usd_per_1000_before"] == pytest.approx(per_1000("gpt-4o-mini", s["tokens"], 0))
    assert s["usd_per_1000_after"] < s["usd_per_1000_before"]
    assert s["kind"] == "request" and s["diff"].startswith("--- a/")
    assert doc["findings"]  # additive: the findings are still there


def test_chat_requests_without_tools_full_arithmetic(run_cli, tmp_path, enc):
    for f in CHAT.glob("*.json"):
        body = json.loads(f.read_text())
        body.pop("tools", None)
        body.pop("tool_choice", None)
        (tmp_path / f.name).write_text(json.dumps(body, indent=2))
    doc = lint_json(run_cli, str(tmp_path))
    s = only(doc, "request_06_timestamp.json")
    r01 = json.loads((tmp_path / "request_01.json").read_text())
    r06 = json.loads((tmp_path / "request_06_timestamp.json").read_text())
    system = r01["messages"][0]["content"]
    shared = message_tokens(enc, "system", system) + 1  # + the next message's <|im_start|>
    assert s["cached_tokens_after"] == cacheable(shared)
    moved = r06["messages"][0]["content"][: -len(system)].strip()
    fixed = [r01["messages"][0], {"role": "system", "content": moved}, r06["messages"][1]]
    assert s["tokens_after"] == chat_tokens(enc, fixed)
    assert s["tokens"] == chat_tokens(enc, r06["messages"])


def test_jsonl_ticket_1007(run_cli, enc):
    doc = lint_json(run_cli, str(BATCH))
    s = only(doc, "ticket-1007")
    lines = [json.loads(ln)["body"] for ln in BATCH.read_text().splitlines() if ln.strip()]
    b1001, b1007 = lines[0], lines[6]
    rid = "Request id: 9f1c2e7a-44b0-4c1e-9d7a-2b8e5f0c6a13"
    system = b1001["messages"][0]["content"]
    assert b1007["messages"][0]["content"] == rid + "\n" + system
    # the diff is of the rendered message text: the id leaves the system message, a note precedes the user turn
    diff = s["diff"].splitlines()
    assert diff[0] == "--- a/" + str(BATCH) + "#L7 (ticket-1007)"
    assert "-" + rid in diff and "+" + rid in diff
    k = diff.index("+" + rid)
    assert diff[k - 1] == "+[system]" and diff[k + 1] == " [user]"
    shared = message_tokens(enc, "system", system) + 1
    assert s["cached_tokens_before"] == 0
    assert s["cached_tokens_after"] == cacheable(shared) > 0
    fixed = [b1001["messages"][0], {"role": "system", "content": rid}, b1007["messages"][1]]
    assert s["tokens_after"] == chat_tokens(enc, fixed)
    assert s["usd_per_1000_after"] == pytest.approx(per_1000("gpt-4o-mini", s["tokens_after"], s["cached_tokens_after"]))
    assert len(doc["suggestions"]) == 1


def test_never_writes_files(run_cli, tmp_path):
    for f in list(CHAT.glob("*.json")) + [BATCH]:
        shutil.copy(f, tmp_path / f.name)
    before = {p.name: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in tmp_path.iterdir()}
    run_cli("lint", str(tmp_path), "--suggest")
    run_cli("lint", str(tmp_path), "--suggest", "--format", "json")
    after = {p.name: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in tmp_path.iterdir()}
    assert before == after


# ---------------------------------------------------------------- a lone request, Responses, tools


def test_lone_request_with_timestamp(run_cli, tmp_path, enc):
    system = json.loads((CHAT / "request_01.json").read_text())["messages"][0]["content"]
    stamp = "Today is 2026-03-05 14:22:07 UTC."
    parts = system.split("\n\n")
    head = "\n\n".join(parts[:3]) + "\n\n"  # the stamp sits after the third blank line: inside the prefix
    body = {"model": "gpt-4o-mini", "messages": [
        {"role": "system", "content": head + stamp + "\n\n" + "\n\n".join(parts[3:])},
        {"role": "user", "content": "Hi, where is my parcel?"}]}
    path = tmp_path / "lone.json"
    path.write_text(json.dumps(body, indent=2))
    doc = lint_json(run_cli, str(path), "--select", "PC102", "--fail-on", "warning")
    s = only(doc, "lone.json")
    # before: the cache keeps what precedes the stamp (it starts its own token after "\n\n")
    assert s["cached_tokens_before"] == cacheable(3 + len(enc.encode_ordinary(head)))
    assert s["cached_tokens_after"] == cacheable(message_tokens(enc, "system", system))
    assert s["cached_tokens_after"] > s["cached_tokens_before"]
    assert f'+      "content": "{stamp}"' in s["diff"].splitlines()


def test_responses_instructions_move_to_developer_note(run_cli, tmp_path):
    system = json.loads((CHAT / "request_01.json").read_text())["messages"][0]["content"]
    body = {"model": "gpt-4o-mini", "instructions": "Session 3f2a9c1e-0b7d-4e55-9a61-7c0d2e4b8f10\n" + system,
            "input": "Where is my order?"}
    path = tmp_path / "resp.json"
    path.write_text(json.dumps(body, indent=2))
    doc = lint_json(run_cli, str(path), "--select", "PC102", "--fail-on", "warning")
    s = only(doc, "resp.json")
    diff = s["diff"]
    assert '+  "input": [' in diff and '+      "role": "developer",' in diff
    assert '+      "content": "Session 3f2a9c1e-0b7d-4e55-9a61-7c0d2e4b8f10"' in diff
    assert s["cached_tokens_after"] > s["cached_tokens_before"] == 0


def test_pc303_fixed_sorted_tool_list(run_cli, run_json, tmp_path):
    bodies = {}
    for n in range(1, 6):
        bodies[n] = json.loads((CHAT / f"request_0{n}.json").read_text())
    # request_05 drops one tool: the tools come before the messages, so it leaves the group at once
    bodies[5]["tools"] = [t for t in bodies[5]["tools"] if t["function"]["name"] != "product_lookup"]
    for n, b in bodies.items():
        (tmp_path / f"request_0{n}.json").write_text(json.dumps(b, indent=2))
    doc = lint_json(run_cli, str(tmp_path), "--select", "PC303")
    assert {f["code"] for f in doc["findings"]} == {"PC303"}
    flagged = {f["prompt"] for f in doc["findings"]}
    sugg = {s["prompt"]: s for s in doc["suggestions"]}
    assert set(sugg) == flagged
    s = next(iter(sugg.values()))
    assert any(n.startswith("tool product_lookup: missing in 1 of ") for n in s["notes"])
    names = sorted(t["function"]["name"] for t in bodies[1]["tools"])
    # the whole group sends the sorted list; the scan of that corpus (written here) says what it shares
    fixed_dir = tmp_path / "fixed"
    fixed_dir.mkdir()
    by_name = {t["function"]["name"]: t for t in bodies[1]["tools"]}
    for n, b in bodies.items():
        b = dict(b, tools=[by_name[k] for k in names])
        (fixed_dir / f"request_0{n}.json").write_text(json.dumps(b, indent=2))
    scan = run_json("scan", str(fixed_dir))
    group = {p["group_cacheable_tokens"] for p in scan["prompts"]}
    assert len(group) == 1
    assert s["cached_tokens_after"] == group.pop() > s["cached_tokens_before"]
    # the diff shows the list in sorted order
    shown = [ln.split('"name": "')[1].split('"')[0] for ln in s["diff"].splitlines()
             if ln.startswith(("+", " ")) and '"name": "' in ln]
    assert shown == sorted(shown) and "product_lookup" in shown and set(shown) <= set(names)

"""A generated corpus of 1,000 chat requests (one JSONL) with known divergence points.

Expected numbers are computed here from tiktoken directly: a system message is framed as
<|im_start|> system <|im_sep|> content, so a prompt whose system text differs from the group's at
content token k leaves the group at token 1 + len(enc("system")) + 1 + k.
"""

from __future__ import annotations

import json
import random

from conftest import SAMPLES, common_prefix_len

WORDS = ("order parcel refund warranty tent boots stove jacket carrier tracking invoice size colour "
         "exchange policy customer account delivery return label").split()


def test_thousand_requests_groups_and_outliers(tmp_path, run_json, o200k):
    rng = random.Random(11)
    policy = "\n".join(" ".join(rng.choice(WORDS) for _ in range(15)) for _ in range(110))
    outliers = {}
    lines = []
    for i in range(1000):
        system = policy
        if i % 50 == 7:  # a timestamp injected at a known line of the system prompt
            cut = policy.index("\n", rng.randrange(100, 3000)) + 1
            system = policy[:cut] + f"Generated 2026-11-{1 + i % 28:02d}T{i % 24:02d}:15:00Z\n" + policy[cut:]
            outliers[i] = system
        question = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(5, 40)))
        body = {"model": "gpt-4o", "messages": [{"role": "system", "content": system},
                                                {"role": "user", "content": question}]}
        lines.append(json.dumps({"custom_id": f"req-{i}", "method": "POST", "url": "/v1/chat/completions",
                                 "body": body}))
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")

    data = run_json("scan", tmp_path / "batch.jsonl")
    assert data["corpus"]["prompts"] == 1000
    frame = 1 + len(o200k.encode_ordinary("system")) + 1
    clean = o200k.encode_ordinary(policy)
    (group,) = data["corpus"]["groups"]
    assert len(group["members"]) == 1000 - len(outliers)
    assert group["prefix_tokens"] >= frame + len(clean)  # the whole system message is shared
    divs = {d["path"]: d for d in data["corpus"]["divergences"]}
    for i, system in outliers.items():
        d = divs[f"req-{i}"]
        expected = frame + common_prefix_len(o200k.encode_ordinary(system), clean)
        assert d["reason"] == "outlier"
        assert d["token"] == expected, (i, d)
        assert d["line"] == i + 1  # the JSONL line of that request
    per = {p["path"]: p for p in data["prompts"]}
    for i in (0, 1, 500, 999):
        if i in outliers:
            continue
        q = json.loads(lines[i])["body"]["messages"][1]["content"]
        expected_total = (3 + len(o200k.encode_ordinary("system")) + len(clean)
                          + 3 + len(o200k.encode_ordinary("user")) + len(o200k.encode_ordinary(q)) + 3)
        assert per[f"req-{i}"]["tokens"] == expected_total


def test_sample_prompts_scan(run_json):
    data = run_json("scan", SAMPLES)
    names = {p["path"] for p in data["prompts"]}
    assert any(n.endswith("support_bot_bad.md") for n in names)
    bad = next(p for p in data["prompts"] if p["path"].endswith("support_bot_bad.md"))
    good = next(p for p in data["prompts"] if p["path"].endswith("support_bot_good.md"))
    assert bad["first_variable"]["name"] == "today" and bad["first_variable"]["line"] == 3
    assert bad["cacheable_tokens"] == 0
    assert good["cacheable_tokens"] >= 1024
    outliers = {d["path"].rsplit("/", 1)[-1] for d in data["corpus"]["divergences"] if d["reason"] == "outlier"}
    assert "request_06_timestamp.json" in outliers and "ticket-1007" in outliers

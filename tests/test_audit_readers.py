"""The log readers of the observability tools' exports (tests/fixtures/audit, built from each format's
published schema; see tests/fixtures/SOURCES.md).  Goldens are the fixture's own numbers under each
format's documented semantics, summed by hand here."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "audit"


def _audit(run_cli, name, *extra):
    code, out, err = run_cli("audit", FIX / name, "--format", "json", *extra)
    assert code == 0, err
    rep = json.loads(out)
    assert rep["errors"]["lines"] == 0
    return rep


@pytest.mark.parametrize("name,reader,requests,input_tokens,cached,written,unknown", [
    # gen_ai.usage.input_tokens is inclusive; the 2nd span has no cache_read attribute (unknown)
    ("otel_genai.json", "otel-genai", 3, 1534 + 1602 + 2210, 1280 + 1024, 0, 1),
    # llm.token_count.prompt is inclusive; prompt_details.cache_read 0 is a reported miss, not unknown
    ("openinference.jsonl", "openinference", 2, 1300 + 1320, 1152, 0, 0),
    # Langfuse "input" excludes cached: billed input = input + input_* keys; the SPAN is no request
    ("langfuse_observations.json", "langfuse", 3, (210 + 1024) + (35 + 4000 + 500) + 900, 1024 + 4000, 500, 1),
    # LiteLLM: OpenAI-shaped usage; the cache_hit line was served by LiteLLM itself (not billed)
    ("litellm_standard_logging.jsonl", "litellm", 3, 1400 + 1410 + 1420, 1280, 0, 1),
    # Helicone prompt_tokens are the fresh tokens only: + cache reads + cache writes
    ("helicone_export.jsonl", "helicone", 3, (300 + 1152) + (20 + 3000 + 600) + 800, 1152 + 3000, 600, 1),
    ("helicone_export.csv", "helicone", 3, (300 + 1152) + (20 + 3000 + 600) + 800, 1152 + 3000, 600, 1),
])
def test_export_readers_count_by_each_formats_semantics(run_cli, name, reader, requests, input_tokens, cached,
                                                        written, unknown):
    rep = _audit(run_cli, name)
    assert [f["reader"] for f in rep["files"]] == [reader]
    s = rep["summary"]
    assert (s["requests"], s["input_tokens"], s["cached_tokens"], s["cache_write_tokens"]) == \
        (requests, input_tokens, cached, written)
    assert s["cached_unknown_requests"] == unknown
    assert s["double_counted_requests"] == 0


def test_otel_spans_carry_time_model_and_prompt_for_the_replay(run_cli):
    rep = _audit(run_cli, "otel_genai.json")
    assert [m["model"] for m in rep["models"]] == ["gpt-4o-mini-2024-07-18"]
    assert rep["days"][0]["day"] == "2025-10-09"  # startTimeUnixNano 1760000000 s
    assert rep["replay"]["requests"] == 3  # gen_ai.system_instructions + gen_ai.input.messages rendered


def test_langfuse_passthrough_openinference_keys_are_not_added_twice(tmp_path, run_cli):
    obs = {"type": "GENERATION", "model": "gpt-4o-mini", "startTime": "2026-10-01T10:00:00Z",
           "usageDetails": {"input": 1500, "prompt_details.cache_read": 1280, "output": 9}}
    p = tmp_path / "lf.json"
    p.write_text(json.dumps([obs]))
    code, out, err = run_cli("audit", p, "--format", "json", "--reader", "langfuse")
    s = json.loads(out)["summary"]
    assert (s["input_tokens"], s["cached_tokens"]) == (1500, 1280)


def test_a_bad_count_is_one_error_line_and_the_other_records_stay(tmp_path, run_cli):
    rows = [{"request_id": "a", "request_created_at": "2026-10-01T09:00:00Z", "model": "gpt-4o-mini",
             "prompt_tokens": "lots", "completion_tokens": 1},
            {"request_id": "b", "request_created_at": "2026-10-01T09:00:01Z", "model": "gpt-4o-mini",
             "prompt_tokens": 10, "prompt_cache_read_tokens": 0, "completion_tokens": 1}]
    p = tmp_path / "h.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    code, out, err = run_cli("audit", p, "--format", "json")
    rep = json.loads(out)
    assert code == 2 and rep["summary"]["requests"] == 1
    assert rep["errors"]["lines"] == 1 and "h.jsonl:1" in rep["errors"]["examples"][0]
    assert "Traceback" not in err

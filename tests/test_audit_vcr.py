"""``pcache audit`` on raw VCR cassettes as projects keep them (tests/fixtures/cassettes: real files of
Mirascope and pydantic-ai, see SOURCES.md).  Goldens are the numbers written in each cassette (read
off the file, or decoded here with gzip/json for the ``!!binary`` bodies), never the reader's."""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone

import pytest
import yaml
from conftest import ROOT, SHARED

CAS = ROOT / "tests" / "fixtures" / "cassettes"


def _utc(text: str) -> float:
    return datetime.strptime(text, "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=timezone.utc).timestamp()


def _audit(run_cli, *paths):
    code, out, err = run_cli("audit", *paths, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("name,model,input_tokens,output_tokens,date", [
    # SSE: message_delta usage {"input_tokens":17, ..., "output_tokens":15}
    ("mirascope/anthropic_stream.yaml", "claude-sonnet-4-20250514", 17, 15, "Thu, 18 Dec 2025 23:29:31 GMT"),
    # SSE: the last chunk's usage (prompt_tokens 16, completion_tokens 10)
    ("mirascope/openai_chat_stream.yaml", "gpt-4o-2024-08-06", 16, 10, None),
    # Responses JSON body (gzip !!binary): usage.input_tokens 16, output_tokens 11 (decoded by hand)
    ("mirascope/openai_responses.yaml", "gpt-4o-2024-08-06", 16, 11, None),
    # Gemini SSE: the last chunk's usageMetadata: prompt 13; output = candidates 63 + thoughts 75
    ("mirascope/gemini_stream.yaml", "gemini-2.5-flash", 13, 138, None),
])
def test_one_cassette_one_request_with_its_recorded_usage_and_date(run_cli, name, model, input_tokens,
                                                                   output_tokens, date):
    rep = _audit(run_cli, CAS / name)
    assert rep["files"] == [{"path": str(CAS / name), "reader": "vcr"}]
    s = rep["summary"]
    assert (s["requests"], s["input_tokens"], s["output_tokens"]) == (1, input_tokens, output_tokens)
    assert [m["model"] for m in rep["models"]] == [model]
    assert rep["errors"]["lines"] == 0
    if date is not None:  # the day of the recorded Date header
        day = datetime.fromtimestamp(_utc(date), timezone.utc).strftime("%Y-%m-%d")
        assert [d["day"] for d in rep["days"]] == [day]
    assert rep["days"][0]["day"] != "unknown"


def test_gzip_binary_bodies_and_cache_fields_of_a_real_anthropic_conversation(run_cli):
    path = CAS / "mirascope" / "anthropic_caching_multi_turn.yaml"
    doc = yaml.safe_load(path.read_text())
    usages, dates = [], []
    for inter in doc["interactions"]:  # decoded here independently: gzip + JSON
        body = json.loads(gzip.decompress(inter["response"]["body"]["string"]))
        usages.append(body["usage"])
        dates.append(_utc(inter["response"]["headers"]["Date"][0]))
    rep = _audit(run_cli, path)
    s = rep["summary"]
    assert s["requests"] == len(usages) == 3
    assert s["input_tokens"] == sum(u["input_tokens"] + u["cache_read_input_tokens"] +
                                    u["cache_creation_input_tokens"] for u in usages)
    assert s["cached_tokens"] == sum(u["cache_read_input_tokens"] for u in usages) > 0
    assert s["cache_write_tokens"] == sum(u["cache_creation_input_tokens"] for u in usages) > 0
    # the Anthropic replay follows the conversation in the recorded time order; the gaps are seconds
    ttl = rep["replay"]["ttl"]
    assert ttl["requests_without_time"] == 0 and ttl["requests"] >= 1
    assert max(dates) - min(dates) < 300 and ttl["writes_5m"]["rewrites"] == 0


def test_pydantic_ai_parsed_body_cassette(run_cli):
    rep = _audit(run_cli, CAS / "pydantic-ai" / "anthropic_inline_system_cache.yaml")
    s = rep["summary"]
    # interaction 1: input 2 + creation 1590; interaction 2: input 2 + read 1590 (usage blocks in the file)
    assert (s["requests"], s["input_tokens"], s["cached_tokens"], s["cache_write_tokens"]) == (2, 3184, 1590, 1590)
    assert [m["model"] for m in rep["models"]] == ["claude-opus-4-8"]
    g = [r for r in rep["replay"]["regimes"] if r["regime"] == "anthropic"][0]
    assert g["requests"] == 2 and g["actual_cached_tokens"] == 1590
    # no Date header in pydantic-ai's cassettes: no time, said so
    assert rep["replay"]["ttl"]["requests_without_time"] == 2


def test_a_directory_of_cassettes_and_one_bad_file(run_cli, tmp_path):
    import shutil

    shutil.copytree(CAS, tmp_path / "cassettes")
    (tmp_path / "cassettes" / "broken.yaml").write_text("interactions:\n- request: {uri: x\n  response: [\n")
    (tmp_path / "cassettes" / "notes.txt").write_text("not a log")
    code, out, err = run_cli("audit", tmp_path / "cassettes", "--format", "json")
    rep = json.loads(out)
    assert code in (0, 2), err
    assert rep["summary"]["requests"] == 1 + 1 + 1 + 1 + 3 + 2  # every good cassette still counted
    assert {f["reader"] for f in rep["files"]} == {"vcr"} and len(rep["files"]) == 7
    assert rep["errors"]["lines"] == 1 and "broken.yaml" in rep["errors"]["examples"][0]
    assert "line" in rep["errors"]["examples"][0]


def test_an_empty_directory_is_one_clear_line(run_cli, tmp_path):
    code, out, err = run_cli("audit", tmp_path)
    assert code == 2 and "no log files" in err and "Traceback" not in err


def test_openai_recorded_corpus_is_timed_by_the_responses_created(run_cli):
    path = SHARED / "corpora" / "openai-recorded" / "recorded.jsonl"
    if not path.is_file():
        pytest.skip("shared corpus missing")
    first = json.loads(path.read_text().splitlines()[0])
    rep = _audit(run_cli, path)
    days = [d["day"] for d in rep["days"]]
    assert "unknown" not in days
    assert datetime.fromtimestamp(first["response_created"], timezone.utc).strftime("%Y-%m-%d") in days
    assert not any("no timestamps" in n for n in rep["notes"])

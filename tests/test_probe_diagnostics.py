"""Vendor cache diagnostics: ``probe`` asks GPT-5.6+ on the Responses API to compare each repeat with the
previous response (``prompt_cache_options.comparison_response_id``) and shows the reason it gives; the
shared parser reads OpenAI ``prompt_cache_diagnostics`` and Anthropic ``diagnostics.cache_miss_reason``.

The loopback stand-in answers in the documented shapes (spec section 8); golden token counts come from
tiktoken through the stand-in's own cookbook framing, compared here by plain list arithmetic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import common_prefix_len  # noqa: E402
from openai_test_server import OpenAITestServer, encoding_for, responses_tokens  # noqa: E402
from test_probe import KEY, LONG, run, pcache_env  # noqa: E402

from pcache.analyzers.providers.diagnostics import (  # noqa: E402
    openai_request_options, parse_anthropic, parse_openai, supports_openai_diagnostics)

MODEL = "gpt-5.6-luna"


@pytest.fixture
def server():
    with OpenAITestServer("openai", api_key=KEY) as srv:
        yield srv


def probe(server, path, *extra, fmt="json"):
    res = run([str(path), "--yes", "--format", fmt, "--base-url", server.base_url, "--concurrency", "1",
               *extra], env=pcache_env())
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout) if fmt == "json" else res.stdout


def test_changed_value_is_diagnosed_as_input_changed(server, tmp_path):
    half = len(LONG) // 2
    (tmp_path / "t.j2").write_text(LONG[:half] + "\nTicket {{ ticket_id }}.\n" + LONG[half:])
    data = probe(server, tmp_path / "t.j2", "--api", "responses", "--model", MODEL,
                 "--vars", _vars(tmp_path, ticket_id=["A-1", "B-2"]))
    first, second = server.requests
    assert "prompt_cache_options" not in first.body  # nothing to compare the first request with
    ids = list(server.responses)
    assert second.body["prompt_cache_options"] == {"comparison_response_id": ids[0]}

    enc = encoding_for(MODEL)
    a, b = (responses_tokens(r.body, enc) for r in (first, second))
    shared = common_prefix_len(a, b)
    assert 0 < shared < len(a)
    obs = data["results"][0]["observations"]
    assert obs[0]["diagnostics"] is None
    assert obs[1]["diagnostics"] == {"provider": "openai", "verdict": "miss", "reason": "input_changed",
                                     "missed_tokens": len(a) - shared, "reusable_tokens": shared}


def test_identical_repeat_is_no_miss_and_printed_next_to_the_prediction(server, tmp_path):
    (tmp_path / "p.md").write_text(LONG)
    out = probe(server, tmp_path / "p.md", "--api", "responses", "--model", MODEL, fmt="text")
    assert server.requests[1].body["prompt_cache_options"]["comparison_response_id"] == list(server.responses)[0]
    lines = out.splitlines()
    i = next(i for i, x in enumerate(lines) if x.strip().startswith("repeat 2: cached"))
    assert "predicted" in lines[i] and lines[i + 1].strip() == "diagnosis: openai: no miss detected"


def test_unknown_comparison_and_models_without_diagnostics(server, tmp_path):
    (tmp_path / "p.md").write_text(LONG)
    probe(server, tmp_path / "p.md", "--api", "responses", "--model", "gpt-4o")
    probe(server, tmp_path / "p.md", "--api", "chat", "--model", MODEL)
    assert not any("prompt_cache_options" in r.body for r in server.requests)
    # a comparison id the server does not know
    assert server.compare({"prompt_cache_options": {"comparison_response_id": "resp_x"}}, MODEL, [1]) == \
        {"type": "comparison_response_not_found"}
    d = parse_openai({"prompt_cache_diagnostics": {"type": "comparison_response_not_found"}})
    assert d.verdict == "comparison_response_not_found" and not d.miss


def test_openai_parser_shapes():
    d = parse_openai({"prompt_cache_diagnostics": {"type": "cache_miss", "reason": "tools_changed",
                                                   "cache_missed_tokens": 900, "comparison_reusable_tokens": 0}})
    assert d.miss and d.reason == "tools_changed" and d.missed_tokens == 900 and d.reusable_tokens == 0
    assert d.describe() == "openai: tools_changed, 900 missed, 0 reusable"
    assert parse_openai({"prompt_cache_diagnostics": {"type": "cache_hit"}}).verdict == "hit"
    assert parse_openai({"usage": {}}) is None
    assert parse_openai({"prompt_cache_diagnostics": "garbage"}) is None
    assert openai_request_options("resp_1") == {"prompt_cache_options": {"comparison_response_id": "resp_1"}}
    assert supports_openai_diagnostics("gpt-5.6-luna") and not supports_openai_diagnostics("gpt-4o-mini")


def test_anthropic_parser_shapes():
    miss = parse_anthropic({"id": "msg_2", "diagnostics": {"cache_miss_reason": {
        "type": "system_changed", "cache_missed_input_tokens": 4200}}})
    assert miss.miss and miss.reason == "system_changed" and miss.missed_tokens == 4200
    assert miss.describe() == "anthropic: system_changed, 4,200 missed"
    none = parse_anthropic({"diagnostics": {"cache_miss_reason": None}})
    assert none.verdict == "hit" and not none.miss
    gone = parse_anthropic({"diagnostics": {"cache_miss_reason": {"type": "previous_message_not_found"}}})
    assert gone.verdict == "previous_message_not_found" and gone.missed_tokens is None
    assert parse_anthropic({"usage": {"cache_read_input_tokens": 0}}) is None


def test_provider_data_names_the_fields_with_sources():
    from pcache.analyzers.providers.registry import load_regime

    for stem, request_field in (("openai_breakpoint", "prompt_cache_options.comparison_response_id"),
                                ("anthropic", "diagnostics.previous_message_id")):
        data = load_regime(stem)
        t = data.threshold("diagnostics_request_field")
        assert t.value == request_field and "2026-11-29" in (t.as_of + t.source)
        assert data.threshold("diagnostics_response_field").source


def _vars(tmp_path, **values) -> str:
    path = tmp_path / "vars.json"
    path.write_text(json.dumps(values))
    return str(path)

"""Anthropic Messages and Gemini generateContent bodies are whole requests to the corpus rules and the
baseline, as Chat Completions and Responses bodies are (issue 12): a request that leaves its group's
shared prefix early is PC103 whatever API it is written for."""

from __future__ import annotations

import json

import pytest

from pcache.analyzers.lint import LintOptions, lint
from pcache.analyzers.sources.load import load_paths

POLICY = "Follow the refund policy exactly and cite the section you used. "


def _anthropic(day: str) -> dict:
    return {"model": "claude-sonnet-4-20250514", "max_tokens": 256,
            "system": f"You are a support agent. Ticket opened on {day}.\n" + POLICY * 300,
            "messages": [{"role": "user", "content": "Where is my refund?"}]}


def _gemini(day: str) -> dict:
    return {"systemInstruction": {"parts": [{"text": f"You are a support agent. Ticket opened on {day}.\n"
                                             + POLICY * 300}]},
            "contents": [{"role": "user", "parts": [{"text": "Where is my refund?"}]}]}


@pytest.mark.parametrize("body, model", [(_anthropic, "claude-sonnet-4-20250514"), (_gemini, "gemini-2.5-flash")])
def test_an_early_difference_between_requests_of_any_api_is_pc103(tmp_path, body, model):
    paths = []
    for k, day in enumerate(("Monday", "Tuesday", "Wednesday")):
        p = tmp_path / f"req{k}.json"
        p.write_text(json.dumps(body(day)))
        paths.append(str(p))
    corpus = load_paths(paths)
    assert not corpus.errors, corpus.errors
    assert {p.kind for p in corpus.prompts} == {body.__name__.strip("_")}
    found = lint(corpus.prompts, model, LintOptions(select=["PC103"])).findings
    assert found and all(f.code == "PC103" and f.severity == "error" for f in found), found


def test_a_request_body_of_any_api_caches_what_its_group_shares_in_the_baseline():
    from pcache.analyzers.baseline import cached_per_request
    from pcache.analyzers.model import PromptStats

    for kind in ("chat", "responses", "anthropic", "gemini"):
        alone = PromptStats("r", "r.json", kind, 2000, 1900, 1792, None, False, group=None)
        grouped = PromptStats("r", "r.json", kind, 2000, 1900, 1792, None, False, group=0, group_cacheable_tokens=1152)
        assert (cached_per_request(alone), cached_per_request(grouped)) == (0, 1152)
    template = PromptStats("t", "t.j2", "template", 2000, 1900, 1792, None, False)
    assert cached_per_request(template) == 1792

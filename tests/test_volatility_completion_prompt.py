"""A text passed as ``prompt=`` to a text-completion call is that call's whole request (issue 12;
benchmarks/LABEL_AGREEMENT.md "vol18"; rule ``turn.completion-prompt``).

Gentopia's memory (tests/fixtures/agents/eval/gentopia, measure-25) summarizes each piece of conversation leaving its
queue with ``llm.completion(prompt=SummaryPrompt.format(rank=top_context[2], ...))`` inside a ``while`` loop: the rank
is new at every pass (``py.loop-bound``), but each pass sends its own one-shot completion, no history after the text,
so the value is the input of that request (``boundary.one-shot``), per-request."""

from __future__ import annotations

import shutil
from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

ROOT = Path(__file__).parent / "fixtures" / "agents" / "eval" / "gentopia"
FILE = Path("gentopia") / "memory" / "api.py"
CALL = "self.summary_II += llm.completion(prompt=SummaryPrompt.format("


def test_a_completion_prompt_is_a_one_shot_request():
    got = classify_in_project(ROOT / FILE, "SummaryPrompt", "rank", ROOT)
    assert got.cls == "per-request" and got.rule.startswith("boundary.one-shot/"), got


def _variant(tmp_path: Path, new: str) -> Path:
    root = tmp_path / "gentopia"
    shutil.copytree(ROOT, root)
    text = (root / FILE).read_text(encoding="utf-8")
    assert CALL in text
    (root / FILE).write_text(text.replace(CALL, new), encoding="utf-8")
    return root


def test_a_completion_given_the_history_too_is_no_one_shot(tmp_path):
    root = _variant(tmp_path, "self.summary_II += llm.completion(messages=self.history, prompt=SummaryPrompt.format(")
    got = classify_in_project(root / FILE, "SummaryPrompt", "rank", root)
    assert got.cls == "per-turn", got


def test_a_prompt_keyword_of_another_call_is_no_request(tmp_path):
    root = _variant(tmp_path, "self.summary_II += llm.remember(prompt=SummaryPrompt.format(")
    got = classify_in_project(root / FILE, "SummaryPrompt", "rank", root)
    assert got.cls == "per-turn", got

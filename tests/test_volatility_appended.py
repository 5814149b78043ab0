"""A value the agent loop makes at a step and sends in a new message appended after the conversation's earlier
messages is the input of that request (per-request), not a per-turn change of the prefix (issue 12; labelling
convention "the loop-message convention", benchmarks/LABEL_AGREEMENT.md "Session 16"; rule
``boundary.appended-message``, judged by the transfer gate there: development 266 -> 269, validation 208 -> 210).

The real cut is rawdog's interactive loop (tests/fixtures/SOURCES.md, ``agents/eval/rawdog``): the script's output
and error of this step go back to the model through ``llm_client.add_message("user", ...)``, appended to the kept
conversation.  The counter-test puts the same value into the conversation's first message instead (a head the loop
rewrites): there it changes the prefix at every step and stays per-turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

RAWDOG = Path(__file__).parent / "fixtures" / "agents" / "eval" / "rawdog"
MAIN = RAWDOG / "src" / "rawdog" / "__main__.py"


@pytest.mark.parametrize("container, variable", [("rawdog.user@38", "output"), ("rawdog.user@42", "error")])
def test_a_step_result_sent_in_an_appended_message_is_per_request(container, variable):
    got = classify_in_project(MAIN, container, variable, RAWDOG / "src")
    assert got.cls == "per-request" and got.rule.startswith("boundary.appended-message/"), got
    assert "appended after the conversation's earlier messages" in got.evidence, got


def test_without_the_rule_the_loop_variable_is_per_turn(monkeypatch):
    from pcache.analyzers import evidence

    monkeypatch.setattr(evidence, "DISABLED", evidence.DISABLED | {"boundary.appended-message"})
    got = classify_in_project(MAIN, "rawdog.user@38", "output", RAWDOG / "src")
    assert got.cls == "per-turn", got


def test_the_same_value_rewritten_into_the_head_stays_per_turn(tmp_path):
    src = tmp_path / "src" / "rawdog"
    src.mkdir(parents=True)
    for f in MAIN.parent.iterdir():
        if f.suffix == ".py":
            (src / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = MAIN.read_text(encoding="utf-8")
    appended = 'llm_client.add_message("user", f"LAST SCRIPT OUTPUT:\\n{output}")'
    assert appended in text
    (src / "__main__.py").write_text(text.replace(
        appended, 'llm_client.conversation[0] = {"role": "system", "content": f"LAST SCRIPT OUTPUT:\\n{output}"}'),
        encoding="utf-8")
    got = classify_in_project(src / "__main__.py", "rawdog.system", "output", tmp_path / "src")
    assert got.cls == "per-turn", got

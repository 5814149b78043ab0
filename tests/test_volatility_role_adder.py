"""A text added to a kept conversation by a role-named adder (``thread.add_user(new_prompt)``) is a turn of it
(issue 12; benchmarks/LABEL_AGREEMENT.md "vol18"; rule ``turn.role-adder``).

auto-code-rover's reproducer (tests/fixtures/agents/eval/auto-code-rover, measure-7) asks again in its retry loop with
``new_prompt = f"The issue reproduction is incorrect. {evaluation_msg} Please try again."`` then
``thread.add_user(new_prompt)``: MessageThread's ``add_user`` appends a user message after the model's answer.  The value
is new at every pass (``py.loop-bound``), but it is the last message, after the conversation's earlier ones: by the
loop-message convention it is the input of that request (``boundary.appended-message``), per-request."""

from __future__ import annotations

import shutil
from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

ROOT = Path(__file__).parent / "fixtures" / "agents" / "eval" / "auto-code-rover"
FILE = Path("agents") / "agent_reproducer.py"


def test_a_text_the_thread_adds_as_a_user_message_is_that_requests_input():
    got = classify_in_project(ROOT / FILE, "generator.new_prompt@313", "evaluation_msg", ROOT)
    assert got.cls == "per-request" and got.rule.startswith("boundary.appended-message/"), got


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "acr"
    shutil.copytree(ROOT, root)
    text = (root / FILE).read_text(encoding="utf-8")
    assert old in text
    (root / FILE).write_text(text.replace(old, new), encoding="utf-8")
    return root


def test_an_adder_on_an_object_that_keeps_no_conversation_is_no_turn(tmp_path):
    # the same call on an object not named for a conversation says nothing of where the text goes
    root = _variant(tmp_path, "thread.add_user(new_prompt)", "registry.add_user(new_prompt)")
    got = classify_in_project(root / FILE, "generator.new_prompt@313", "evaluation_msg", root)
    assert got.cls == "per-turn" and got.rule == "flow:py.loop-bound", got


def test_a_read_of_the_text_that_is_no_add_keeps_it_per_turn(tmp_path):
    # the text also sent on its own: not every read adds it to the thread
    root = _variant(tmp_path, "thread.add_user(new_prompt)",
                    "thread.add_user(new_prompt)\n        common.SELECTED_MODEL.call(new_prompt)")
    got = classify_in_project(root / FILE, "generator.new_prompt@313", "evaluation_msg", root)
    assert got.cls == "per-turn", got

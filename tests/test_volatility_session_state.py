"""A session-state key of an ADK agent's instruction that the code writes only when absent is per-session (issue 12;
benchmarks/LABEL_AGREEMENT.md "vol19"; rule ``state.session-once``).

google/adk-samples travel-concierge (tests/fixtures/code/adk-session-state, a cut; roots18 found the class wrong):
``ROOT_AGENT_INSTR`` is the root agent's ``instruction=`` and holds ``Current time: {_time}`` and
``{itinerary_datetime}``, which ADK fills from the session state at each request.  The root agent's
``before_agent_callback`` runs ``_set_initial_states(data["state"], callback_context.state)``, which writes
``target[constants.SYSTEM_TIME] = str(datetime.now())`` under ``if constants.SYSTEM_TIME not in target:``
(``SYSTEM_TIME = "_time"``) and ``target[constants.ITIN_DATETIME]`` inside ``if constants.ITIN_INITIALIZED not in
target:``, whose block sets that flag: both once for the session's state, not at every turn as their names read."""

from __future__ import annotations

import shutil
from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

ROOT = Path(__file__).parent / "fixtures" / "code" / "adk-session-state"
PROMPT = Path("travel_concierge") / "prompt.py"
MEMORY = Path("travel_concierge") / "tools" / "memory.py"
AGENT = Path("travel_concierge") / "agent.py"


def test_a_clock_written_into_the_state_only_when_absent_is_per_session():
    got = classify_in_project(ROOT / PROMPT, "ROOT_AGENT_INSTR", "_time", ROOT)
    assert got.cls == "per-session" and got.rule == "state.session-once", got


def test_a_key_written_under_a_once_flag_of_the_same_state_is_per_session():
    got = classify_in_project(ROOT / PROMPT, "ROOT_AGENT_INSTR", "itinerary_datetime", ROOT)
    assert got.cls == "per-session" and got.rule == "state.session-once", got


def _variant(tmp_path: Path, file: Path, old: str, new: str) -> Path:
    root = tmp_path / "adk"
    shutil.copytree(ROOT, root)
    text = (root / file).read_text(encoding="utf-8")
    assert old in text
    (root / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_a_key_written_at_every_call_is_not_once_per_session(tmp_path):
    # the guard removed: the callback rewrites the clock before every run of the agent
    root = _variant(tmp_path, MEMORY, "if constants.SYSTEM_TIME not in target:", "if True:")
    got = classify_in_project(root / PROMPT, "ROOT_AGENT_INSTR", "_time", root)
    assert got.rule != "state.session-once", got


def test_a_text_no_agent_takes_as_its_instruction_is_not_read_as_state(tmp_path):
    # no instruction=: the braces are not filled from the session state
    root = _variant(tmp_path, AGENT, "instruction=prompt.ROOT_AGENT_INSTR,", "description_text=prompt.ROOT_AGENT_INSTR,")
    got = classify_in_project(root / PROMPT, "ROOT_AGENT_INSTR", "_time", root)
    assert got.rule != "state.session-once", got

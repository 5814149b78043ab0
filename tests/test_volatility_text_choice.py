"""A choice between blocks of text the code writes in place (issue 12; benchmarks/LABEL_AGREEMENT.md "Session 17").

PyWinAssistant's ``app_space_map`` (tests/fixtures/SOURCES.md, ``agents/eval/pywinassistant``) binds ``element_map``
and ``info_map`` under each branch of an ``if``/``elif`` chain to a raw multi-line string literal (the steps for
Twitter, YouTube, Firefox, ...), else to None or "", and sends the chosen text in a one-shot message.  Each text is
one of the project's own, shared by every request that picks it: constant, as a choice between named constants is
(``code.constant-choice``), when the name table says nothing of the name (rule ``code.text-choice``).  Before the
rule the flow read several literals as "the name decides" and the name said nothing: ``unknown``.  A one-line
literal (``"stock"`` / ``"asset"``) stays a value the condition picks."""

from __future__ import annotations

import shutil
from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

ROOT = Path(__file__).parent / "fixtures" / "agents" / "eval" / "pywinassistant"
DRIVER = ROOT / "core" / "driver.py"


def test_a_choice_between_texts_written_in_place_is_constant():
    got = classify_in_project(DRIVER, "app_space_map.select_element.system", "element_map", ROOT)
    assert got.cls == "constant" and got.rule.endswith("code.text-choice"), got
    assert "one of 2 blocks of text" in got.evidence, got
    got = classify_in_project(DRIVER, "app_space_map.select_map.system", "info_map", ROOT)
    assert got.cls == "constant" and got.rule.endswith("code.text-choice"), got


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "pywinassistant"
    shutil.copytree(ROOT, root)
    driver = root / "core" / "driver.py"
    text = driver.read_text(encoding="utf-8")
    assert old in text
    driver.write_text(text.replace(old, new), encoding="utf-8")
    return root


def test_a_one_line_literal_is_a_value_not_a_text(tmp_path):
    # the YouTube branch's block cut to one word: the code picks between a text and a value, the rule stays out
    text = DRIVER.read_text(encoding="utf-8")
    start = text.index("                element_map = r'''```\nTo like a video on youtube")
    end = text.index("```'''", start) + len("```'''")
    old = text[start:end]
    root = _copy(tmp_path, old, "                element_map = 'youtube'")
    got = classify_in_project(root / "core" / "driver.py", "app_space_map.select_element.system", "element_map", root)
    assert not got.rule.endswith("code.text-choice") and got.cls != "constant", got


def test_a_computed_branch_is_no_choice_between_texts(tmp_path):
    # one branch binds what the caller passed: not only the code's own texts
    root = _copy(tmp_path, "                element_map = None  # No element selected.",
                 "                element_map = single_step")
    got = classify_in_project(root / "core" / "driver.py", "app_space_map.select_element.system", "element_map", root)
    assert not got.rule.endswith("code.text-choice"), got


def test_the_name_table_still_comes_first(tmp_path):
    # a name the table classes keeps its class: the rule reads only what nothing else decides
    root = _copy(tmp_path, "{element_map}", "{instructions}")
    driver = root / "core" / "driver.py"
    driver.write_text(driver.read_text(encoding="utf-8").replace("element_map = r'''", "instructions = r'''")
                      .replace("element_map = None", "instructions = None"), encoding="utf-8")
    got = classify_in_project(driver, "app_space_map.select_element.system", "instructions", root)
    assert got.cls == "per-config" and not got.rule.endswith("code.text-choice"), got

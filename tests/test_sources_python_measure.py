"""Per-project found / false positives of the Python source on the committed real fixtures
(benchmarks/python_sources.py, labels in tests/fixtures/python/labels.toml)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import python_sources  # noqa: E402


def test_every_labelled_fixture_is_listed_and_every_fixture_labelled():
    files = {e["file"] for e in python_sources.labels()}
    assert files == {p.name for p in python_sources.FIXTURES.glob("*.py")}


def test_every_project_all_found_no_false_positive():
    rows = python_sources.measure()
    assert {r.project for r in rows} >= {"agno", "browser-use", "camel", "dspy", "haystack", "langroid", "swe-agent"}
    for r in rows:
        assert (r.missed, r.false_positives) == ([], []), r
        assert r.found == r.labelled


def test_a_false_positive_and_a_miss_are_counted(tmp_path):
    """The measure itself: a label the source does not report is a miss, a report not labelled a false
    positive (so the assertion above can fail)."""
    (tmp_path / "a.py").write_text('SYSTEM_PROMPT = "You are a careful reviewer."\nNOT_A_PROMPT = 3\n')
    (tmp_path / "labels.toml").write_text(
        '[[file]]\nproject = "x"\nfile = "a.py"\nprompts = ["NOT_A_PROMPT"]\n')
    (row,) = python_sources.measure(tmp_path / "labels.toml")
    assert (row.labelled, row.found, row.missed, row.false_positives) == (1, 0, ["a.py:NOT_A_PROMPT"],
                                                                          ["a.py:SYSTEM_PROMPT"])


def test_script_prints_the_table_and_json():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "python_sources.py"), "--json"],
                         capture_output=True, text=True, check=True).stdout
    rows = json.loads(out)
    assert sum(r["labelled"] for r in rows) == sum(r["found"] for r in rows) > 20

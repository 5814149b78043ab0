"""The development / validation partition of the labelled #12 splits (benchmarks/rule_precision.py ``partition``;
benchmarks/LABEL_AGREEMENT.md "Transfer-checked evidence"), and the counts-only report that never shows a
validation row.  The expected halves were worked out by hand from the label files' extensions when the rule was
written down (the table in LABEL_AGREEMENT.md), not from this code."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import rule_precision as rp  # noqa: E402

DEV = ["tune", "measure", "measure-3", "measure-5", "measure-7", "measure-9", "measure-11", "measure-14", "measure-16",
       "measure-17", "measure-20",
       "measure-21",  # added by the lead: Python, after measure-19 (validation) in the Python alternation
       "measure-24",  # added by the lead (session 2026-12-01 07:13): TypeScript, after measure-22 (validation)
       "measure-25",  # added by the lead (session 2026-12-02 01:10): Python, after measure-23 (validation)
       "measure-28",  # added by the lead (session 2026-12-02 13:34): TypeScript, after measure-26 (validation)
       "measure-29"]  # added by the lead (session 2026-12-02 17:19): Python, after measure-27 (validation)
VAL = ["measure-2", "measure-4", "measure-6", "measure-8", "measure-10", "measure-12", "measure-13", "measure-15",
       "measure-18", "measure-19",
       "measure-22",  # added by the lead: TypeScript, after measure-20 (development) in the JS/TS alternation
       "measure-23",  # added by the lead (session 2026-12-01 07:13): Python, after measure-21 (development)
       "measure-26",  # added by the lead (session 2026-12-02 01:10): TypeScript, after measure-24 (development)
       "measure-27",  # added by the lead (session 2026-12-02 13:34): Python, after measure-25 (development)
       "measure-30"]  # added by the lead (session 2026-12-02 17:19): TypeScript, after measure-28 (development)


def test_the_partition_is_the_one_written_down():
    dev, val = rp.partition()
    assert sorted(dev) == sorted(DEV) and sorted(val) == sorted(VAL)
    assert not set(dev) & set(val)


def test_language_decides_the_alternation():
    # three splits of one language alternate dev, val, dev; a JS split between them does not shift them
    rows = [{"split": s, "file": f} for s, f in (("tune", "a.py"), ("measure", "b.ts"), ("measure-2", "c.py"),
                                                 ("measure-3", "d.py"), ("measure-3", "e.ts"))]
    dev, val = rp.partition(rows)
    assert dev == ["tune", "measure", "measure-3"] and val == ["measure-2"]


def test_counts_report_shows_no_validation_row():
    dev, val = rp.partition()
    rows = [{"split": dev[0], "project": "devproj", "variable": "devvar", "label": "per-day", "got": "per-turn",
             "rule": "name.word"},
            {"split": val[0], "project": "valproj", "variable": "valvar", "label": "per-day", "got": "per-turn",
             "rule": "name.word"},
            {"split": val[0], "project": "valproj2", "variable": "ok", "label": "constant", "got": "constant",
             "rule": "flow:js.literal"}]
    text, counts = rp.counts_report(rows)
    assert "devvar" in text and "devproj" in text
    assert "valproj" not in text and "valvar" not in text
    assert counts["splits"][val[0]] == [1, 2]
    assert counts["rules"]["name.word"] == {dev[0]: [0, 1], val[0]: [0, 1]}
    again, _ = rp.counts_report(rows, before=counts)
    assert f"{val[0]}: 1/2 (=)" in again

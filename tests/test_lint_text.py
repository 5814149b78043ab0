"""The text output of ``pcache lint`` reads cleanly at 80 columns, with and without colour: every line fits,
no word is split across lines, every finding of the JSON output is there (shown, or folded into an
identical one of its group with a count), the severity is a word, the numbers reconcile."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from conftest import ROOT

ANSI = re.compile(r"\x1b\[[0-9;]*m")
HEADER = re.compile(r"^(\S+):(\d+):(\d+): (PC\d{3}) \[(error|warning|info)\]", re.M)


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths as a user types them: sample_prompts/...


@pytest.fixture
def findings(run_cli):
    code, out, _ = run_cli("lint", "sample_prompts/", "--format", "json")
    return json.loads(out)


def text(run_cli, *args, width=80):
    code, out, _ = run_cli("lint", "sample_prompts/", *args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert code == 1
    return out


def words(s: str) -> list[str]:
    return [w.rstrip(":") for w in s.split()]


def in_order(needles: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(h == n for h in it) for n in needles)


def flat(out: str) -> str:
    return " ".join(out.split())


@pytest.mark.parametrize("width", [80, 120])
def test_full_output_fits_and_keeps_every_word(run_cli, findings, width):
    out = text(run_cli, width=width)
    for line in out.splitlines():
        assert len(line) <= width, line
    joined = flat(out)
    shown = {(m[0], int(m[1]), int(m[2]), m[3]) for m in HEADER.findall(out)}
    folded = Counter()
    for f in findings["findings"]:
        head = f"{f['path']}:{f['line']}:{f['column']}: {f['code']} [{f['severity']}]"
        if (f["path"], f["line"], f["column"], f["code"]) not in shown:
            folded[f["code"]] += 1  # counted on the entry it is folded into (checked below)
            continue
        assert head in out
        block = out[out.index(head):].split("\n\n", 1)[0]
        # every word of the message and the fix, in order, whole (labels such as "why:" may sit between)
        assert in_order(words(f["message"]) + ["fix"] + words(f["fix"]), words(block)), (f["message"], block)
    # the five requests of one group with the same PC202 are one entry with a count
    assert folded == {"PC202": 4}
    assert "(5 in all)" in joined
    c = findings["summary"]
    notes = c["notes_not_shown"]
    assert flat(out[out.rindex("failed (fail-on"):]) == (
        f"failed (fail-on error): {c['findings']} findings in {c['files']} files: {c['error']} errors, "
        f"{c['warning']} warnings, {c['info']} info"
        + (f"; {notes} note{'s that cost' if notes != 1 else ' that costs'} nothing not shown (--show-notes)"
           if notes else ""))


def test_colour_changes_nothing_but_colour(findings):
    from pcache.analyzers.lint import lint_report
    from pcache.analyzers.scan import scan
    from pcache.analyzers.sources.load import load_paths
    from pcache.cli.formats import text as text_format

    result = lint_report(scan(load_paths(["sample_prompts/"]).prompts))
    plain = text_format.render(result, [], color=False, width=80)
    coloured = text_format.render(result, [], color=True, width=80)
    assert coloured != plain and "\x1b[" in coloured
    assert ANSI.sub("", coloured) == plain
    assert "[error]" in plain and "[warning]" in plain and "[info]" in plain


def test_concise_grouped_and_statistics(run_cli, findings):
    n = len(findings["findings"])
    concise = text(run_cli, "--output-format", "concise")
    assert len(HEADER.findall(concise)) == n
    grouped = text(run_cli, "--output-format", "grouped")
    files = {f["path"] for f in findings["findings"]}
    # one header per file, but the 4 requests whose PC202 is folded into request_01's have no own entry
    assert sum(1 for line in grouped.splitlines() if line.rstrip(":") in files) == len(files) - 4
    stats = text(run_cli, "--statistics")
    counts = Counter(f["code"] for f in findings["findings"])
    listed: Counter = Counter()
    for m in re.findall(r"^\s*([\d,]+)\s+(PC\d{3})\b", stats, re.M):  # one line per code and severity
        listed[m[1]] += int(m[0].replace(",", ""))
    assert listed == counts

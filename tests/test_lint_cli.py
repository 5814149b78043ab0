"""``pcache lint`` and ``pcache rule`` end to end: exit codes, formats, config, suppressions, git."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_prompts"
BAD, GOOD = SAMPLES / "support_bot_bad.md", SAMPLES / "support_bot_good.md"
SCHEMA = Path(__file__).with_name("fixtures") / "sarif-schema-2.1.0.json"


def test_bad_sample_fails_with_pc101_at_line_3(run_cli):
    code, out, _err = run_cli("lint", BAD, "--no-color")
    assert code == 1
    assert re.search(rf"^{re.escape(str(BAD))}:3:10: PC101 \[error\] variables `today`", out, re.M)
    assert "1 error" in out and "failed" in out


def test_good_sample_passes(run_cli):
    code, out, _err = run_cli("lint", GOOD, "--no-color")
    assert code == 0, out
    assert "0 findings" in out and "passed" in out


def test_json_format(run_cli):
    code, out, _ = run_cli("lint", BAD, "--format", "json")
    assert code == 1
    doc = json.loads(out)
    f = doc["findings"][0]
    assert {"code", "severity", "path", "line", "column", "token", "message"} <= set(f)
    assert (f["code"], f["line"], f["column"], f["severity"]) == ("PC101", 3, 10, "error")
    assert doc["summary"]["error"] == 1 and doc["summary"]["failed"] is True


def test_sarif_validates_against_schema(run_cli, tmp_path):
    from jsonschema import Draft4Validator

    out_file = tmp_path / "pcache.sarif"
    code, out, _ = run_cli("lint", BAD, SAMPLES / "chat_requests", "--format", "sarif", "--output", out_file)
    assert code == 1 and out == ""
    doc = json.loads(out_file.read_text())
    schema = json.loads(SCHEMA.read_text())
    Draft4Validator.check_schema(schema)
    errors = sorted(Draft4Validator(schema).iter_errors(doc), key=str)
    assert not errors, errors[0]
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "PC101" in ids and all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    res = next(r for r in run["results"] if r["ruleId"] == "PC101")
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 10) and res["level"] == "error"
    assert ids[res["ruleIndex"]] == "PC101"


def test_github_format_and_step_summary(run_cli, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n")
    code, out, _ = run_cli("lint", BAD, SAMPLES / "chat_requests", "--format", "github",
                           env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    lines = out.splitlines()
    assert lines
    pattern = re.compile(r"::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=PC\d{3}::[^\n]+")
    assert all(pattern.fullmatch(line) for line in lines), lines
    assert f"::error file={BAD},line=3,col=10,title=PC101::variables `today`" in out
    text = summary.read_text()
    assert text.startswith("# earlier step\n") and "| Severity | Rule | Location | Message |" in text


def test_github_escapes_newlines_and_percent():
    from pcache.cli.formats.github import line
    from pcache.analyzers.rules.interface import Finding

    f = Finding("PC102", "warning", "a,b:c.md", 2, 5, "100% of\nit")
    assert line(f) == "::warning file=a%2Cb%3Ac.md,line=2,col=5,title=PC102::100%25 of%0Ait"


def test_markdown_format(run_cli):
    code, out, _ = run_cli("lint", BAD, "--format", "markdown")
    assert code == 1
    assert "| Severity | Rule | Location | Message |" in out and f"`{BAD}:3:10`" in out


def test_fail_on_and_select(run_cli):
    req = SAMPLES / "chat_requests"
    code, out, _ = run_cli("lint", req, "--select", "PC102,PC104", "--format", "json")
    found = json.loads(out)["findings"]
    assert {f["code"] for f in found} == {"PC102", "PC104"}
    # the timestamp to the second costs cached tokens on every request: an error, so the run fails
    assert code == 1 and {f["severity"] for f in found if f["code"] == "PC102"} >= {"error"}
    code, _, _ = run_cli("lint", req, "--select", "PC104")  # warnings only: below the default --fail-on
    assert code == 0
    code, _, _ = run_cli("lint", req, "--select", "PC104", "--fail-on", "warning")
    assert code == 1
    code, _, err = run_cli("lint", req, "--select", "PC999")
    assert code == 2 and "unknown rule code" in err


def test_config_file_and_flags_win(run_cli, tmp_path):
    shutil.copy(BAD, tmp_path / "bot.md")
    (tmp_path / "pcache.toml").write_text('ignore = ["PC101"]\nfail-on = "info"\n')
    code, out, _ = run_cli("lint", tmp_path / "bot.md", "--format", "json")
    doc = json.loads(out)
    assert "PC101" not in {f["code"] for f in doc["findings"]} and doc["summary"]["fail_on"] == "info"
    code, out, _ = run_cli("lint", tmp_path / "bot.md", "--format", "json", "--ignore", "PC201")
    assert code == 1 and "PC101" in {f["code"] for f in json.loads(out)["findings"]}


def test_pyproject_config_per_file_ignores(run_cli, tmp_path):
    sub = tmp_path / "prompts"
    sub.mkdir()
    shutil.copy(BAD, sub / "bot.md")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.pcache]\nmodel = "gpt-4.1"\n\n[tool.pcache.per-file-ignores]\n'
        '"prompts/*.md" = ["PC101"]\n')
    code, out, _ = run_cli("lint", sub, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["summary"]["model"] == "gpt-4.1" and not doc["findings"]


def test_bad_config_is_a_usage_error(run_cli, tmp_path):
    shutil.copy(GOOD, tmp_path / "bot.md")
    (tmp_path / "pcache.toml").write_text('fail_on = "sometimes"\n')
    code, _, err = run_cli("lint", tmp_path / "bot.md")
    assert code == 2 and "pcache.toml" in err and "fail-on" in err and "Traceback" not in err


def test_bad_input_exit_2_rest_analysed(run_cli, tmp_path):
    shutil.copy(BAD, tmp_path / "bot.md")
    (tmp_path / "broken.json").write_text('{"messages": [')
    code, out, err = run_cli("lint", tmp_path, "--format", "json")
    assert code == 2 and "broken.json" in err and "Traceback" not in err
    assert "PC101" in {f["code"] for f in json.loads(out)["findings"]}


def test_inline_suppression_previous_line(run_cli, tmp_path):
    lines = BAD.read_text().splitlines(keepends=True)
    lines.insert(2, "{# pcache: ignore[PC101] #}\n")
    (tmp_path / "bot.md").write_text("".join(lines))
    code, out, _ = run_cli("lint", tmp_path / "bot.md", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["summary"]["suppressed"] == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_since(run_cli, tmp_path):
    def git(*args):
        subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=tmp_path,
                       check=True, capture_output=True)

    git("init", "-q")
    shutil.copy(BAD, tmp_path / "old_bad.md")
    shutil.copy(GOOD, tmp_path / "bot.md")
    git("add", ".")
    git("commit", "-qm", "base")
    shutil.copy(BAD, tmp_path / "bot.md")  # the change under review
    code, out, _ = run_cli("lint", tmp_path, "--changed-since", "HEAD", "--format", "json")
    doc = json.loads(out)
    assert code == 1 and {Path(f["path"]).name for f in doc["findings"]} == {"bot.md"}
    git("commit", "-qam", "change")
    code, _, err = run_cli("lint", tmp_path, "--changed-since", "HEAD")
    assert code == 0 and "no prompt files changed" in err
    code, _, err = run_cli("lint", tmp_path, "--changed-since", "no-such-ref")
    assert code == 2 and "no-such-ref" in err


def test_suggest_diff_and_dollars(run_cli, o200k):
    from genai_prices import Usage, calc_price

    code, out, _ = run_cli("lint", BAD, "--suggest", "--model", "gpt-4o", "--format", "json")
    assert code == 1
    s = json.loads(out)["suggestions"][0]
    assert "-Today is {{ today }}" in s["diff"] and "+Today is {{ today }}" in s["diff"]
    assert s["cached_tokens_before"] == 0 and s["cached_tokens_after"] >= 1024
    assert s["cached_tokens_after"] % 128 == 0
    price = lambda cached: float(calc_price(Usage(input_tokens=s["tokens"], cache_read_tokens=cached or None),
                                            "gpt-4o", provider_id="openai").input_price) * 1000
    assert s["usd_per_1000_before"] == pytest.approx(price(0))
    assert s["usd_per_1000_after"] == pytest.approx(price(s["cached_tokens_after"]))
    code, text, _ = run_cli("lint", BAD, "--suggest", "--no-color")
    assert "Suggested static-first layout" in text and "per 1,000 requests" in text


def test_rule_command(run_cli):
    code, out, _ = run_cli("rule")
    assert code == 0
    listed = re.findall(r"^(PC\d{3})", out, re.M)
    assert {"PC101", "PC102", "PC103", "PC104", "PC201", "PC202", "PC301", "PC302", "PC303", "PC401"} <= set(listed)
    code, out, _ = run_cli("rule", "PC101")
    assert code == 0 and "**Bad**" in out and "**Good**" in out and "How to fix" in out
    code, out, _ = run_cli("rule", "--format", "json")
    assert all(r["summary"] for r in json.loads(out))
    code, _, err = run_cli("rule", "PC999")
    assert code == 2 and "unknown rule" in err


def test_every_rule_has_docs():
    from pcache.analyzers.rules.registry import all_rules

    for r in all_rules():
        assert r.docs.startswith(f"# {r.code} "), r.code
        for part in ("What it detects", "Bad", "Good", "How to fix"):
            assert part in r.docs, (r.code, part)

"""One configuration for every command: ``[tool.pcache]`` / ``pcache.toml`` patterns are gitignore-style and
anchored at the config file's folder, whatever path is given on the command line."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import SAMPLES

BAD, GOOD = SAMPLES / "support_bot_bad.md", SAMPLES / "support_bot_good.md"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "prompts" / "drafts").mkdir(parents=True)
    (tmp_path / "prompts" / "experiments").mkdir()
    shutil.copy(GOOD, tmp_path / "prompts" / "bot.md")
    shutil.copy(BAD, tmp_path / "prompts" / "drafts" / "draft.md")
    shutil.copy(BAD, tmp_path / "prompts" / "experiments" / "try.md")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "app"\n\n[tool.pcache]\nmodel = "gpt-4.1"\ninclude = ["prompts/**"]\n'
        'exclude = ["prompts/drafts/**"]\n\n[tool.pcache.per-file-ignores]\n"prompts/experiments/*" = ["PC101"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def paths_of(doc) -> set[str]:
    return {f["path"].replace("\\", "/") for f in doc["findings"]}


@pytest.mark.parametrize("target", ["prompts/", "prompts", "."])
def test_readme_exclude_works_whatever_path_is_linted(run_cli, project, target):
    code, out, _ = run_cli("lint", target, "--format", "json")
    doc = json.loads(out)
    assert code == 0, out
    assert doc["summary"]["model"] == "gpt-4.1"
    assert not any("drafts" in p for p in paths_of(doc))  # excluded, anchored at pyproject's folder
    assert doc["summary"]["suppressed"] == 1  # PC101 in experiments/try.md, per-file-ignores
    assert doc["summary"]["files"] == 2


def test_patterns_are_anchored_at_the_config_not_the_cwd(run_cli, project, monkeypatch):
    monkeypatch.chdir(project / "prompts")
    code, out, _ = run_cli("lint", ".", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["summary"]["files"] == 2 and doc["summary"]["suppressed"] == 1


def test_scan_probe_show_diff_read_the_same_config(run_cli, project):
    code, out, _ = run_cli("scan", "prompts/", "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert not any("drafts" in json.dumps(p) for p in doc["prompts"]) and len(doc["prompts"]) == 2
    code, out, _ = run_cli("probe", "prompts/", "--dry-run", "--format", "json")
    assert code == 0 and {p["path"].rsplit("/", 1)[-1] for p in json.loads(out)["prompts"]} == {"bot.md", "try.md"}
    code, out, _ = run_cli("show", "prompts/bot.md", "--format", "json")
    assert code == 0 and json.loads(out)["model"] == "gpt-4.1"
    code, out, _ = run_cli("show", "prompts/bot.md", "--format", "json", "--model", "gpt-4o")
    assert json.loads(out)["model"] == "gpt-4o"  # flags win


def test_a_bad_config_fails_every_command(run_cli, project):
    (project / "pcache.toml").write_text('syntax = "handlebars-ish"\n')
    for args in (["scan", "prompts/"], ["lint", "prompts/"], ["show", "prompts/bot.md"],
                 ["diff", "prompts/bot.md", "prompts/bot.md"], ["probe", "prompts/", "--dry-run"]):
        code, _, err = run_cli(*args)
        assert code == 2 and "pcache.toml" in err and "Traceback" not in err, (args, err)


@pytest.mark.parametrize("command", [["scan"], ["lint"], ["probe", "--dry-run"]])
def test_no_prompts_is_one_line_and_exit_2(run_cli, tmp_path, command):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.bin").write_bytes(b"\x00\x01")
    code, out, err = run_cli(*command, tmp_path / "empty")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no prompt" in err and str(tmp_path / "empty") in err


def test_code_without_prompts_is_a_clean_lint_said_in_one_line(run_cli, tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text("x = 1\n")
    (tmp_path / "src" / "package.json").write_text('{"name": "app", "version": "1.0.0"}\n')
    code, out, err = run_cli("lint", tmp_path / "src")
    assert code == 0 and out == ""
    assert err.count("\n") == 1 and "no prompts in the 2 file(s)" in err

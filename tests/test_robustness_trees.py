"""Whole real trees given as one root, as ``benchmarks/tree_sweep.py`` runs them: each failure the sweep found
(an internal error, a hang, an error line naming no file) as the smallest tree that showed it.

Every run is a capped subprocess (``cli_runs``: 2 GiB of address space, 30 s of CPU, no API key)."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runs import pcache, sane

ROOT = Path(__file__).resolve().parent.parent


def test_audit_of_a_folder_without_logs_names_it(tmp_path):
    """``pcache audit sample_prompts`` (a folder of prompts and request bodies, no usage anywhere) said only
    "no usage found in the input", naming nothing: the line names the folder given."""
    d = tmp_path / "prompts"
    d.mkdir()
    (d / "request.json").write_text(json.dumps({"model": "gpt-4o", "messages": [
        {"role": "system", "content": "You are terse."}, {"role": "user", "content": "hi"}]}))
    (d / "bot.md").write_text("You are a careful assistant.\n")
    for fmt in ("text", "json"):
        r = sane(pcache("audit", d, "--format", fmt))
        assert r.code == 2 and r.out == "", r.out
        assert f"pcache: error: {d}: no usage found in the input" in r.err, r.err


def test_a_broken_pyproject_above_a_file_is_named_with_its_line(tmp_path):
    """``pcache show`` of lmms-eval's task files (tests/fixtures/agents/lmms-eval-tasks, whose pyproject.toml
    is a cut that ends inside an array) ended on ``pyproject.toml: invalid TOML: Invalid value (at end of
    document)``: the config file above the file shown is named, but not where it broke.  The line is
    ``FILE:LINE: invalid TOML: ...``, as for every other file that does not parse (a broken config is the
    user's to fix, so it stays an error: it may hold [tool.pcache])."""
    root = tmp_path / "proj"
    (root / "prompts").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "prompts" / "bot.md").write_text("You are a careful assistant.\n")
    prompt = str(root / "prompts" / "bot.md")
    pyproject = root / "pyproject.toml"
    real = str(root.resolve() / "pyproject.toml")
    # (body, the line tomllib stops at: a bad value mid-file; an array left open at the end of the file)
    for body, line in (('[project]\nname = "x"\nversion = 0.1.2\n', 3),
                       ('[project]\nname = "x"\nauthors = [\n    { name = "A" },\n', 4)):
        pyproject.write_text(body)
        for argv in (("show", prompt), ("diff", prompt, prompt), ("show", prompt, "--format", "json")):
            r = sane(pcache(*argv))
            errors = [ln for ln in r.err.splitlines() if ln.startswith("pcache: error:")]
            assert r.code == 2 and len(errors) == 1, r.err
            assert errors[0].startswith(f"pcache: error: {real}:{line}: invalid TOML: "), r.err

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

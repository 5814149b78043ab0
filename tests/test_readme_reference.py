"""README's command reference is the commands' own --help (generated between cog-style markers)."""

from __future__ import annotations

from conftest import ROOT


def test_readme_command_reference_matches_the_help():
    from pcache.cli.app import COMMANDS
    from pcache.cli.reference import BLOCK, regenerate

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [m.group("name") for m in BLOCK.finditer(text)]
    assert names == ["pcache"] + [c for c, _, _ in COMMANDS], "one block per command, in registry order"
    assert regenerate(text) == text, "README command reference is stale: python -m pcache.cli.reference README.md"


def test_a_stale_reference_is_detected(tmp_path):
    from pcache.cli.reference import main

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    stale = text.replace("Check prompts, templates and request logs", "Check prompts", 1)
    assert stale != text
    path = tmp_path / "README.md"
    path.write_text(stale, encoding="utf-8")
    assert main(["--check", str(path)]) == 1
    assert main([str(path)]) == 0 and path.read_text(encoding="utf-8") == text


def _sample_runs(text: str) -> list[tuple[str, str]]:
    """(command, output as written) for each ``$ pcache ...`` line of the README's console blocks that runs
    on the bundled sample_prompts/ as written (no pipe, no comment, no other repository's files)."""
    import re

    runs = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        parts = re.split(r"^\$ (.*)$", block, flags=re.M)
        for cmd, written in zip(parts[1::2], parts[2::2]):
            if cmd.startswith("pcache ") and "sample_prompts/" in cmd and not set(cmd) & set("|#>"):
                runs.append((cmd, written.strip("\n")))
    return runs


def test_readme_sample_outputs_are_what_the_commands_print():
    """The README shows real runs on sample_prompts/ ("pasted from a real run", COLUMNS=100, NO_COLOR=1).
    They went stale twice when verdicts changed (a `(per-turn)` label, PC102's severity, diff's framing);
    each is run here and must print what the README says, trailing spaces aside."""
    import os
    import re
    import shlex
    import subprocess
    import sys
    from pathlib import Path

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    runs = _sample_runs(text)
    assert len(runs) >= 8, runs
    exe = Path(sys.executable).with_name("pcache")
    price = re.compile(r"\$[\d,]+(?:\.\d+)?")
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    for cmd, written in runs:
        got = subprocess.run([str(exe), *shlex.split(cmd)[1:]], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120)
        printed = "\n".join(line.rstrip() for line in (got.stdout + got.stderr).strip("\n").splitlines())
        # dollar figures follow genai-prices' data, which moves with its releases: compared as a shape
        assert price.sub("$N", printed) == price.sub("$N", written), \
            f"README output of `{cmd}` is stale; it prints:\n{printed}"

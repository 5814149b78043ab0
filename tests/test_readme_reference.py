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

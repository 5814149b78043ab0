"""The text rendering of ``pcache scan`` on a real terminal width, colours included."""

from __future__ import annotations

import json

import pytest
from rich.console import Console
from rich.style import Style

STATIC = "".join(f"Guideline {i}: be concise, cite order numbers, never promise dates ({i}).\n"
                 for i in range(130))


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "prompts" / "a_rather_long_folder_name"
    d.mkdir(parents=True)
    for i in range(4):
        (d / f"support_request_number_{i:02d}.md").write_text(STATIC + f"Question {i}: where is it?\n")
    (d / "support_request_with_timestamp.md").write_text("Now: 2026-11-23T09:00\n" + STATIC)
    (d / "template_with_variable.j2").write_text("Hello {{ customer_name }}!\n" + STATIC)
    (d / "tiny.md").write_text("Just a short prompt.\n")
    return tmp_path / "prompts"


def _report(corpus):
    from pcache.analyzers.scan import scan
    from pcache.analyzers.sources.load import load_paths

    return scan(load_paths([str(corpus)]).prompts, "gpt-4o")


def _render(report, width, quiet=False):
    from pcache.cli.render.scan import render_scan_text

    console = Console(record=True, width=width, force_terminal=True, color_system="truecolor",
                      highlight=False, soft_wrap=False)
    render_scan_text(report, console, quiet=quiet)
    return console


@pytest.mark.parametrize("width", [80, 100, 140])
def test_fits_the_width_and_numbers_never_break(corpus, width):
    report = _report(corpus)
    console = _render(report, width)
    text = console.export_text(clear=False)
    lines = text.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    for st in report.prompts:
        assert f"{st.tokens:,}" in text  # numbers are never folded or cut
    if width >= 140:  # short names (common folder stripped) stay on one line
        for st in report.prompts:
            assert st.name.rsplit("/", 1)[-1] in text
        assert "a_rather_long_folder_name" in lines[0]  # the folder is named once, in the title


def test_notes_and_colours(corpus):
    from pcache.cli.render.scan import scan_to_dict

    report = _report(corpus)
    console = _render(report, 140)
    text = console.export_text(clear=False)
    styled = console.export_text(styles=True)
    assert "{customer_name} at token" in text
    assert "too short (< 1,024)" in text
    assert "leaves group at token" in text or "outlier" in text
    yellow = Style.parse("bold yellow")._make_ansi_codes(console.color_system)
    assert f"\x1b[{yellow}m{{customer_name}}" in styled
    green = Style.parse("green")._make_ansi_codes(console.color_system)
    group = scan_to_dict(report)["corpus"]["groups"][0]
    assert f"\x1b[{green}m{group['cacheable_tokens']:,}" in styled or \
        f"{group['cacheable_tokens']:,}" in text


def test_quiet_is_the_summary_only(corpus):
    report = _report(corpus)
    text = _render(report, 100, quiet=True).export_text()
    assert "Corpus:" in text and "Guideline" not in text and "prompt " not in text.split("Corpus")[0]


def test_json_contract_unchanged(corpus, run_cli):
    code, out, err = run_cli("scan", corpus, "--format", "json", "--model", "gpt-4o")
    assert code == 0, err
    data = json.loads(out)
    assert {"model", "encoding", "prompts", "corpus"} <= set(data)
    for p in data["prompts"]:
        assert {"path", "tokens", "static_prefix_tokens", "cacheable_tokens", "first_variable"} <= set(p)
    assert {"prompts", "shared_prefix_tokens", "cacheable_tokens", "groups", "divergences"} <= set(data["corpus"])


@pytest.mark.parametrize("width", [80, 100])
def test_a_long_key_path_breaks_between_its_keys(width):
    """sample_prompts' YAML prompts are named ``release_agents.yaml:agents.writer.system_template``;
    a narrow name column breaks them after the file and before a key (``.system_template``), never
    inside a key (the table folded ``agent`` / ``s.writer.system_templat`` / ``e`` before)."""
    from pcache.analyzers.scan import scan
    from pcache.analyzers.sources.load import load_paths
    from conftest import ROOT

    report = scan(load_paths([str(ROOT / "sample_prompts")]).prompts, "gpt-4o")
    text = _render(report, width).export_text(clear=False)
    keys = {k for st in report.prompts if ".yaml:" in st.name for k in st.name.split(":", 1)[1].split(".")}
    assert keys and all(k in text for k in keys), sorted(k for k in keys if k not in text)
    assert max(len(line.rstrip()) for line in text.splitlines()) <= width

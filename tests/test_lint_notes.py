"""Notes: statements that cost nothing (PC201 on a head) are counted, listed only with --show-notes.

The fixture is fabric's `summarize` system prompt (tests/fixtures/SOURCES.md): a static system prompt of a
few hundred tokens, the head of every request of its pattern. At a repository root such heads made most of
the output (1,235 of 1,658 findings at 23 real roots, all PC201 "nothing to do")."""

from __future__ import annotations

import json
from pathlib import Path

import tiktoken

FIXTURES = Path(__file__).with_name("fixtures")
HEAD = FIXTURES / "code" / "fabric" / "patterns" / "summarize" / "system.md"
MINIMUM, TURNS, TURN_TOKENS = 1024, 8, 400  # OpenAI's minimum; the documented conversation defaults


def _turn_passing(head: int) -> int:
    """Independent of pcache: the first request of the default conversation whose input reaches the
    minimum (request k carries the head and k-1 earlier turns plus its own turn)."""
    return next(k for k in range(1, TURNS + 1) if head + k * TURN_TOKENS >= MINIMUM)


def test_a_head_note_is_counted_not_listed_by_default(run_cli):
    code, out, _ = run_cli("lint", HEAD, "--no-color")
    assert code == 0
    assert "PC201" not in out
    flat = " ".join(out.split())  # the summary line wraps at the terminal's width
    assert "0 findings" in flat and "1 note that costs nothing not shown (--show-notes)" in flat
    code, out, _ = run_cli("lint", HEAD, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["findings"] == [] and doc["summary"]["notes_not_shown"] == 1


def test_show_notes_lists_the_head_statement_with_its_turn(run_cli):
    head = len(tiktoken.get_encoding("o200k_base").encode_ordinary(HEAD.read_text()))
    assert head < MINIMUM  # the case: a head too short to be cached on its own
    code, out, _ = run_cli("lint", HEAD, "--format", "json", "--show-notes")
    doc = json.loads(out)
    (f,) = doc["findings"]
    assert (f["code"], f["severity"], f["position"], f["note"]) == ("PC201", "info", "head", True)
    assert f"a {head:,}-token prompt that heads longer requests" in f["message"]
    assert f"from turn {_turn_passing(head)} the conversation passes 1,024 tokens" in f["message"]
    assert doc["summary"]["notes_not_shown"] == 0 and doc["summary"]["info"] == 1 and code == 0


def test_a_hidden_note_never_fails_a_run_a_listed_one_can(run_cli):
    code, _, _ = run_cli("lint", HEAD, "--fail-on", "info")
    assert code == 0
    code, out, _ = run_cli("lint", HEAD, "--fail-on", "info", "--show-notes", "--no-color")
    assert code == 1 and "PC201 [info]" in out


def test_show_notes_from_the_config(run_cli, tmp_path):
    (tmp_path / "system.md").write_text(HEAD.read_text())
    (tmp_path / "pcache.toml").write_text("show-notes = true\n")
    code, out, _ = run_cli("lint", tmp_path / "system.md", "--format", "json")
    assert code == 0 and [f["code"] for f in json.loads(out)["findings"]] == ["PC201"]
    (tmp_path / "pcache.toml").write_text('show-notes = "yes"\n')
    code, _, err = run_cli("lint", tmp_path / "system.md")
    assert code == 2 and "show-notes must be true or false" in err


def test_a_whole_request_too_short_is_a_finding_not_a_note(run_cli, tmp_path):
    body = {"model": "gpt-4o", "messages": [{"role": "system", "content": HEAD.read_text()},
                                            {"role": "user", "content": "Summarize the attached notes."}]}
    req = tmp_path / "request.json"
    req.write_text(json.dumps(body))
    code, out, _ = run_cli("lint", req, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and [(f["code"], f["position"], f["note"]) for f in doc["findings"]] == [
        ("PC201", "whole", False)]
    assert doc["summary"]["notes_not_shown"] == 0


def test_show_states_what_grows_after_a_short_head(run_cli):
    """The note's statement is part of the prompt's verdict in `pcache show`, text and JSON."""
    head = len(tiktoken.get_encoding("o200k_base").encode_ordinary(HEAD.read_text()))
    code, out, _ = run_cli("show", HEAD, "--format", "json")
    cost = json.loads(out)["cost"]
    assert code == 0 and (cost["position"], cost["turn_passing_minimum"]) == ("head", _turn_passing(head))
    code, out, _ = run_cli("show", HEAD, "--no-color")
    flat = " ".join(out.split())
    assert f"it heads longer requests: from turn {_turn_passing(head)} the conversation passes the 1,024-token " \
           "minimum and its history caches" in flat


def test_a_variable_that_costs_nothing_asks_for_no_edit(run_cli, tmp_path):
    """A per-request value early in a head whose static text is below the minimum even with the value
    moved after it: PC101 states it (info, 0 tokens) and its fix says moving it gains nothing now."""
    p = tmp_path / "system.j2"
    p.write_text("Task: {{ task }}\n\n" + HEAD.read_text())
    static = len(tiktoken.get_encoding("o200k_base").encode_ordinary("Task: \n\n" + HEAD.read_text()))
    assert static < MINIMUM
    code, out, _ = run_cli("lint", p, "--format", "json")
    (f,) = [x for x in json.loads(out)["findings"] if x["code"] == "PC101"]
    assert (f["severity"], f["cost_tokens_per_conversation"], code) == ("info", 0, 0)
    assert f["fix"].startswith("nothing to gain at this length")
    p.write_text("Task: {{ task }}\n\n" + HEAD.read_text() * 6)  # long enough: the edit pays
    (g,) = [x for x in json.loads(run_cli("lint", p, "--format", "json")[1])["findings"] if x["code"] == "PC101"]
    assert g["cost_tokens_per_conversation"] > 0 and g["fix"].startswith("move the variable")


def test_generated_documentation_pages_are_not_prompts_at_a_repository_root(run_cli, tmp_path):
    """XAgent keeps RepoAgent-generated pages under ``Markdown_Docs/``; one quotes `"{API_KEY}"` in prose
    and was linted as a prompt template (a PC101 error at the root).  A folder whose name has the word
    docs is documentation, as ``docs/`` is; named on its own the page is still read."""
    import shutil

    page = FIXTURES / "code" / "xagent" / "Markdown_Docs" / "XAgent" / "vector_db.md"
    root = tmp_path / "XAgent"
    (root / ".git").mkdir(parents=True)
    (root / "Markdown_Docs" / "XAgent").mkdir(parents=True)
    shutil.copy(page, root / "Markdown_Docs" / "XAgent" / page.name)
    (root / "prompts").mkdir()
    (root / "prompts" / "system.md").write_text(HEAD.read_text())
    code, out, _ = run_cli("lint", root, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["findings"] == [] and doc["summary"]["files"] == 1
    code, out, _ = run_cli("lint", root / "Markdown_Docs" / "XAgent" / page.name, "--format", "json")
    assert json.loads(out)["summary"]["files"] == 1

"""Prompt files the fifth config round left unread (issue #11, benchmarks/PROMPT_DISCOVERY.md, "fifth blind
round", "Left"), and a child template's place in its parent:

- aichat's built-in roles (``assets/roles/<name>.md``, each file one role's prompt) in a Rust project, where
  a ``roles/`` folder is no prompt folder (Ansible keeps its roles, folders of YAML tasks, under that name);
- avante.nvim's Jinja templates under ``templates/`` with an extension of its own (``.avanterules``);
- ``{% extends "base" %}``: the child's text is the parent's with the child's blocks in place.

Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens are the file texts and tiktoken
on them (and jinja2's own rendering for inheritance), computed here without pcache."""

from __future__ import annotations

import shutil
from pathlib import Path

from token_helpers import tokens as _tokens

from pcache.analyzers.sources.load import load_paths

FIX = Path(__file__).resolve().parent / "fixtures" / "agents"


def _text(prompt) -> str:
    return "".join(s.text for s in prompt.segments if s.kind != "variable")


def _first(prompt):
    return next((s for s in prompt.segments if s.kind == "variable"), None)


def _before_first(prompt) -> str:
    out = ""
    for s in prompt.segments:
        if s.kind == "variable":
            return out
        out += s.text
    return out


# -- aichat's roles


def test_role_files_of_an_assistant_are_prompts_in_a_code_project(tmp_path):
    """Each Markdown file directly in ``assets/roles/`` is a role's prompt (the Cargo.toml made the tree a
    code project, where Markdown was read only when its name or folder said prompt); ``%functions%.md``
    holds front matter only (the role's settings, ``use_tools: all``): no prompt."""
    root = tmp_path / "aichat"
    shutil.copytree(FIX / "aichat-roles", root)
    loaded = load_paths([str(root)])
    assert loaded.errors == []
    found = {Path(p.path).name: p for p in loaded.prompts}
    assert sorted(found) == ["%code%.md", "%explain-shell%.md", "%shell%.md"]
    roles = root / "assets" / "roles"
    for name in ("%code%.md", "%explain-shell%.md"):
        assert _text(found[name]) == (roles / name).read_text() and found[name].kind == "text"
    shell = (roles / "%shell%.md").read_text()
    first = _first(found["%shell%.md"])
    assert first.text == "{{__shell__}}" and (first.line, first.column) == (1, 14)
    assert _before_first(found["%shell%.md"]) == shell[:shell.index("{{__shell__}}")] == "Provide only "


def test_an_ansible_roles_folder_stays_what_it_is(tmp_path):
    """kubespray's ``roles/bootstrap-os/``: a role is a folder (tasks, defaults, files), its README a
    community file, its ``files/runner`` a script: nothing there is read as a prompt, though the folder
    is named ``roles``."""
    root = tmp_path / "kubespray"
    shutil.copytree(FIX / "kubespray-roles", root)
    (root / ".git").mkdir()  # a clone
    loaded = load_paths([str(root)])
    assert loaded.prompts == [] and loaded.errors == []


# -- avante.nvim's templates


def test_templates_with_an_extension_of_the_projects_own_are_read_as_jinja(tmp_path):
    """``lua/avante/templates/*.avanterules`` (Jinja, named so by avante: its Lua maps the extension to
    Jinja) were skipped as an unknown extension.  Each is now read: the partials with their ``{% if %}`` at
    the start, ``_task-guidelines`` (a partial with no tag, the sibling of templates) as text, ``base``
    with its include resolved."""
    root = tmp_path / "avante"
    shutil.copytree(FIX / "avante-templates", root)
    loaded = load_paths([str(root)])
    assert loaded.errors == [] and loaded.warnings == []
    found = {Path(p.path).name: p for p in loaded.prompts}
    assert sorted(found) == ["_environments.avanterules", "_memory.avanterules", "_task-guidelines.avanterules",
                             "base.avanterules", "editing.avanterules"]
    folder = root / "lua" / "avante" / "templates"
    memory = found["_memory.avanterules"]
    assert memory.syntax == "jinja" and _first(memory).name == "if memory" and _before_first(memory) == ""
    guide = found["_task-guidelines.avanterules"]
    assert guide.kind == "text" and _text(guide) == (folder / "_task-guidelines.avanterules").read_text()
    base_text = (folder / "base.avanterules").read_text()
    base = found["base.avanterules"]
    assert base.syntax == "jinja" and _first(base).name == "if system_info"
    # the include puts _environments' {% if system_info %} where the include tag stands
    expected = _tokens(base_text[:base_text.index('{% include')])
    assert abs(_tokens(_before_first(base)) - expected) <= 1


def test_a_child_template_is_its_parent_with_its_blocks(tmp_path):
    """``editing.avanterules`` extends ``base.avanterules`` and fills its ``extra_prompt`` block.  What it
    renders is the parent's text (up to the parent's first variable: the included ``{% if system_info %}``),
    then the child's block: the ``{% extends %}`` tag is no variable at token 0."""
    import jinja2

    root = tmp_path / "avante"
    shutil.copytree(FIX / "avante-templates", root)
    folder = root / "lua" / "avante" / "templates"
    loaded = load_paths([str(folder / "editing.avanterules")])
    assert loaded.errors == []
    (child,) = loaded.prompts
    first = _first(child)
    assert first.name == "if system_info"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)))
    rendered = env.get_template("editing.avanterules").render()  # system_info unset: the if renders nothing
    base_text = (folder / "base.avanterules").read_text()
    head = base_text[:base_text.index("{% include")]
    assert rendered.startswith(head)
    assert abs(_tokens(_before_first(child)) - _tokens(head)) <= 1
    block = "Your task is to modify the provided code according to the user's request."
    assert block in _text(child) and block in rendered
    line = next(s for s in child.segments if block in s.text)
    assert (line.line, line.column) == (2, 25)  # the child's own text keeps its place in its file (after the block tag)


def test_web_page_templates_with_an_unknown_extension_are_not_prompts(tmp_path):
    """GOV.UK prototype kit's ``app/views/templates/step-by-step/``: a Nunjucks page template (HTML
    elements, Pygments knows no ``.njk``) and a macro that only includes it (tags, no text): under a
    ``templates/`` folder, neither is a prompt."""
    from pcache.analyzers.sources.walk import find_files

    root = tmp_path / "govuk"
    shutil.copytree(FIX / "govuk-templates", root)
    found, missing = find_files([str(root)])
    assert found == [] and missing == []
    loaded = load_paths([str(root)])
    assert loaded.prompts == [] and [e.message for e in loaded.errors] == ["no prompt files in this directory"]


def test_code_written_as_a_template_with_an_unknown_extension_is_not_a_prompt(tmp_path):
    """gpt-pilot's project scaffold ``core/templates/tree/react_express/prisma/schema.prisma``: a Prisma
    schema (Pygments lists no ``.prisma``) with ``{% if options.auth %}`` around a model: Jinja tags, no
    HTML, but code, not prose (most of its lines are declarations, none a sentence): not read by a walk."""
    from pcache.analyzers.sources.walk import find_files

    root = tmp_path / "gpt-pilot"
    shutil.copytree(FIX / "gpt-pilot-scaffold", root)
    found, _missing = find_files([str(root)])
    assert found == []


# -- one bad file at a root (XAgent's truncated doc2tool.json)


def test_a_truncated_json_file_costs_the_others_nothing_and_is_named_with_its_line(tmp_path, run_cli):
    """At XAgent's root a truncated ``doc2tool.json`` (a table of tool names) made ``pcache lint .`` exit 2.
    The other files keep their results and the line names the file, line and column json gives.  A walk
    reads a JSON file that nothing names as prompts only for prompt fields, and a file the walk cannot read
    as what it seems to be is a warning (README, "Repository roots"), as a Python 2 module is: the exit
    code is what the findings say.  Named on the command line it is bad input: exit 2."""
    import json

    root = tmp_path / "xagent"
    shutil.copytree(FIX / "xagent-truncated", root)
    (root / "prompts").mkdir()
    shutil.copy(FIX / "aichat-roles" / "assets" / "roles" / "%explain-shell%.md", root / "prompts" / "explain.md")
    bad = root / "assets" / "doc2tool.json"
    try:
        json.loads(bad.read_text())
    except json.JSONDecodeError as exc:
        line, column = exc.lineno, exc.colno
    code, out, err = run_cli("lint", root)
    assert code == 0, err
    assert f"warning: {bad}:{line}: invalid JSON: Unterminated string starting at column {column}" in err
    assert "passed" in out and "1 file" in out
    code, out, err = run_cli("scan", root, "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert [Path(p["file"]).name for p in report["prompts"]] == ["explain.md"]
    assert report["errors"] == []
    code, out, err = run_cli("scan", bad)
    assert code == 2 and f"doc2tool.json:{line}: invalid JSON" in err and "warning" not in err

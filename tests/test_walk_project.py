"""Directory walks at the root of a real repository: only prompts are read.

A code project's root (a build manifest: pyproject.toml, package.json, ...) holds documentation, test code
and data next to its prompts; the walk reads prose files only where they say prompt, never test code or
test data, and a data JSONL or a template whose guessed syntax fails costs no one else their results.
Inputs are cuts of real files (tests/fixtures/SOURCES.md); goldens come from tiktoken on the values."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import tiktoken

from pcache.analyzers.sources.load import load_paths

FIX = Path(__file__).resolve().parent / "fixtures"
CODE = FIX / "code"
O200K = tiktoken.get_encoding("o200k_base")
BROWSER_USE_PROMPT = CODE / "browser-use" / "system_prompts" / "system_prompt.md"


def _repo(tmp_path: Path, manifest: bool = True) -> Path:
    """A repository laid out like the real ones: manifests, docs, a README, an agent instruction file,
    a system prompt folder, code with prompts, tests holding prompts, evaluation data."""
    root = tmp_path / "repo"
    shutil.copytree(CODE / "repo-root", root)  # package.json, tsconfig, docker-compose, a CI workflow
    if manifest:
        (root / "pyproject.toml").write_text('[project]\nname = "agent"\nversion = "0.1.0"\n')
    else:
        (root / "package.json").unlink()
    (root / "docs").mkdir()
    shutil.copy(CODE / "swe-agent-docs" / "faq.md", root / "docs" / "faq.md")  # Markdown with {% include %}
    shutil.copy(CODE / "swe-agent-docs" / "faq.md", root / "README.md")
    shutil.copy(CODE / "letta" / "AGENTS.md", root / "AGENTS.md")
    (root / "agent" / "system_prompts").mkdir(parents=True)
    shutil.copy(BROWSER_USE_PROMPT, root / "agent" / "system_prompts" / "system_prompt.md")
    shutil.copy(FIX / "python" / "browser_use_judge.py", root / "agent" / "judge.py")
    (root / "tests").mkdir()
    shutil.copy(FIX / "python" / "gpt_researcher_prompts.py", root / "tests" / "test_prompts.py")
    # pytest's name and a test run by hand (top-level calls): test code (a test_*.py that holds no test is read:
    # tests/test_sources_python_session11.py)
    shutil.copy(FIX / "python" / "test_named_modules" / "prometheus_eval_test_relative.py",
                root / "agent" / "test_rlm.py")
    (root / "evals").mkdir()
    shutil.copy(CODE / "gpt-researcher" / "search_queries.jsonl", root / "evals" / "search_queries.jsonl")
    # documentation pages about prompts, under docs/ (one named like an agent file, in lower case)
    shutil.copy(CODE / "swe-agent-docs" / "faq.md", root / "docs" / "program-dont-prompt.md")
    shutil.copy(CODE / "letta" / "AGENTS.md", root / "docs" / "agents.md")
    # what a run wrote: instructions in a data set (camel's self-instruct output)
    (root / "examples").mkdir()
    shutil.copy(CODE / "camel" / "data_output.json", root / "examples" / "data_output.json")
    return root


def test_repository_root_reads_prompts_only(run_cli, tmp_path):
    root = _repo(tmp_path)
    code, out, err = run_cli("scan", root, "--format", "json")
    assert code == 0
    files = {Path(p["file"]).relative_to(root).as_posix() for p in json.loads(out)["prompts"]}
    assert files == {"AGENTS.md", "agent/system_prompts/system_prompt.md", "agent/judge.py"}
    # one line, for the prompt whose guessed syntax (Jinja) fails; nothing about docs, tests or data
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"pcache: warning: {root / 'agent/system_prompts/system_prompt.md'}:20:")
    code, out, err = run_cli("lint", root, "--format", "json")
    assert code in (0, 1) and err.count("\n") == 1
    paths = {Path(f["path"]).relative_to(root).as_posix() for f in json.loads(out)["findings"]}
    assert paths <= files


def test_a_folder_that_is_no_project_reads_every_prose_file(tmp_path):
    """Without a build manifest the folder is a set of prompt files: Markdown is read everywhere (a
    Markdown file whose {% %} is not Jinja is read as plain text, with a warning), but for the folder's
    README (and CHANGELOG, CONTRIBUTING, LICENSE...), which documents the folder wherever it is."""
    root = _repo(tmp_path, manifest=False)
    corpus = load_paths([str(root)])
    read = {Path(p.path).relative_to(root).as_posix() for p in corpus.prompts}
    assert {"docs/faq.md", "AGENTS.md", "docs/program-dont-prompt.md", "examples/data_output.json"} <= read
    assert "README.md" not in read
    assert not any(r.startswith("tests/") or r == "agent/test_rlm.py" for r in read)  # test code: never
    assert corpus.errors == []
    assert {(Path(w.path).name, w.line) for w in corpus.warnings} == {
        ("faq.md", 62), ("program-dont-prompt.md", 62), ("system_prompt.md", 20)}
    named = load_paths([str(root / "README.md")])  # named, it is read
    assert [Path(p.path).name for p in named.prompts] == ["README.md"]


def test_a_monorepo_root_without_git_is_a_code_project(tmp_path):
    """Manifests only in sub-folders (``web/package.json``, ``agent/pyproject.toml``) and no ``.git`` (a
    source archive): the root's README and docs are still documentation, the packages' prompts are read."""
    root = _repo(tmp_path, manifest=False)
    (root / "package.json").unlink(missing_ok=True)
    (root / "agent" / "pyproject.toml").write_text('[project]\nname = "agent"\nversion = "0.1.0"\n')
    corpus = load_paths([str(root)])
    read = {Path(p.path).relative_to(root).as_posix() for p in corpus.prompts}
    assert "agent/judge.py" in {r.split(":", 1)[0] for r in read}
    assert not {"README.md", "docs/faq.md", "docs/program-dont-prompt.md"} & read


def test_repo_without_prompts_is_clean_for_scan_and_lint_alike(run_cli):
    for command in ("scan", "lint"):
        code, out, err = run_cli(command, CODE / "repo-root")
        assert code == 0 and err.count("\n") == 1 and f"nothing to {command}" in err
    code, out, _ = run_cli("scan", CODE / "repo-root", "--format", "json")
    assert code == 0 and json.loads(out)["prompts"] == []


def test_data_jsonl_is_skipped_by_a_walk_and_an_error_when_named(run_cli, tmp_path):
    data = CODE / "gpt-researcher" / "search_queries.jsonl"  # {"question": ...} lines: a data set
    shutil.copy(data, tmp_path / "queries.jsonl")
    shutil.copy(FIX / "python" / "haystack_query_expander.py", tmp_path / "expander.py")
    corpus = load_paths([str(tmp_path)])
    assert corpus.errors == [] and corpus.warnings == [] and len(corpus.prompts) == 1
    code, _, err = run_cli("scan", data)
    lines = err.splitlines()
    assert code == 2 and len(lines) == 5 and all("not a request body" in ln for ln in lines)
    assert [ln.split("search_queries.jsonl:")[1].split(":")[0] for ln in lines] == ["1", "2", "3", "4", "5"]


def test_guessed_jinja_that_fails_is_read_as_str_format(run_cli, o200k):
    """browser-use's system prompt is a ``str.format`` template (``{{`` escapes, ``{max_actions}``),
    which content detection takes for Jinja: read as str.format, one warning naming file:line."""
    code, out, err = run_cli("scan", BROWSER_USE_PROMPT, "--format", "json")
    assert code == 0 and err.count("\n") == 1 and ":20: not a Jinja template" in err and "str.format" in err
    (p,) = json.loads(out)["prompts"]
    assert p["syntax"] == "format" and [v["text"] for v in p["variables"]] == ["{max_actions}"]
    text = BROWSER_USE_PROMPT.read_text()
    before = text[:text.index("{max_actions}")].replace("{{", "{").replace("}}", "}")
    assert abs(p["first_variable"]["token"] - len(O200K.encode_ordinary(before))) <= 2
    assert (p["first_variable"]["line"], p["first_variable"]["column"]) == (14, 39)
    code, _, err = run_cli("scan", BROWSER_USE_PROMPT, "--syntax", "jinja")  # asked for Jinja: an error
    assert code == 2 and "Jinja syntax error" in err and "warning" not in err

"""What a directory walk reads at the root of a code repository (analyzers/sources/walk.py): prompts,
not the repository's documentation, test data or tool configuration."""

from __future__ import annotations

import json
import shutil

from conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "code"


def repo(tmp_path):
    """A JS repository root: real manifests (tests/fixtures/code/repo-root), a real source file with
    prompts (Vercel AI example), documentation, test data and a JSONC settings file."""
    shutil.copytree(FIX / "repo-root", tmp_path, dirs_exist_ok=True)
    (tmp_path / "src").mkdir()
    shutil.copy(FIX / "vercel-ai" / "expense-tracker-route.ts", tmp_path / "src" / "route.ts")
    (tmp_path / "README.md").write_text("# App\n\nRun it on 127.0.0.1 at 2026-01-15T10:30:00Z.\n")
    (tmp_path / "CHANGELOG.md").write_text("## 1.0 (2026-01-15)\n- first {{ release }}\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "prompts-guide.md").write_text("Write {{ name }} like {% this %}.\n")
    (tmp_path / "docs" / "docs.json").write_text('{"navigation": {"prompt": "Ask the docs anything"}}')
    (tmp_path / "src" / "notes.txt").write_text("Sample document, dated 2026-01-15 10:30:00.\n")
    (tmp_path / "src" / "tests").mkdir()
    (tmp_path / "src" / "tests" / "input.json").write_text('{"messages": [{"role": "user", "content": "hi"}]}')
    (tmp_path / "appsettings.json").write_text('{\n  // the model\n  "Model": "gpt-4o",\n}\n')
    (tmp_path / "prompts").mkdir()
    (tmp_path / "prompts" / "system.md").write_text("You are a support bot. Today is {{ today }}.\n")
    return tmp_path


def test_repo_root_walk_reads_prompts_only(tmp_path):
    from pcache.analyzers.sources.load import load_paths

    root = repo(tmp_path)
    corpus = load_paths([str(root)])
    files = sorted({p.path.replace(str(root) + "/", "") for p in corpus.prompts})
    assert files == ["prompts/system.md", "src/route.ts"]
    assert corpus.errors == [] and corpus.warnings == []


def test_lint_at_a_repo_root_finds_only_prompt_findings(run_cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    monkeypatch.chdir(root)
    code, out, err = run_cli("lint", ".", "--format", "json")
    assert code == 0, err  # info findings only (short prompts): below the default --fail-on
    paths = {f["path"] for f in json.loads(out)["findings"]}
    assert paths == {"prompts/system.md", "src/route.ts"}
    assert err == ""


def test_a_prompt_library_under_git_keeps_its_markdown(tmp_path):
    from pcache.analyzers.sources.load import load_paths

    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text("# My prompts\n")
    (tmp_path / "support_bot.md").write_text("You are a support bot for ACME.\n")
    (tmp_path / "agents").mkdir()
    (tmp_path / "agents" / "planner.txt").write_text("Plan the task step by step.\n")
    corpus = load_paths([str(tmp_path)])
    assert sorted(p.path.rsplit("/", 1)[-1] for p in corpus.prompts) == ["planner.txt", "support_bot.md"]


def test_named_files_are_always_read(tmp_path):
    from pcache.analyzers.sources.load import load_paths

    root = repo(tmp_path)
    corpus = load_paths([str(root / "README.md"), str(root / "appsettings.json")])
    assert [p.path.rsplit("/", 1)[-1] for p in corpus.prompts] == ["README.md"]
    (err,) = corpus.errors
    # JSONC named: its config fields are read (none is a prompt here), one "no prompts" error
    assert err.path.endswith("appsettings.json") and err.message.startswith("no prompts")


def test_a_helm_chart_in_a_repository_is_not_read(tmp_path):
    from pcache.analyzers.sources.load import load_paths

    root = repo(tmp_path)
    chart = root / "deploy" / "helm" / "app"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: app\nversion: 1.0.0\n")
    (chart / "templates" / "service.yaml").write_text(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include \"app.fullname\" . }}\n"
        "  labels:\n    {{- include \"app.labels\" . | nindent 4 }}\n")
    corpus = load_paths([str(root)])
    assert corpus.errors == [] and not any("/deploy/" in p.path for p in corpus.prompts)


def test_hidden_source_folder_inside_a_project_is_walked_tool_folders_are_not(tmp_path):
    # bolt.new keeps its prompts in Remix's server-only folder app/lib/.server/llm/prompts.ts
    from pcache.analyzers.sources.load import load_paths

    shutil.copytree(FIX / "repo-root", tmp_path, dirs_exist_ok=True)  # package.json: a code project
    server = tmp_path / "app" / "lib" / ".server" / "llm"
    server.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "fixtures" / "agents" / "eval" / "bolt.new" / "prompts.ts", server / "prompts.ts")
    prompt_ts = 'export const SYSTEM_PROMPT = `You are a cached helper for ${user}.`;\n'
    for tool in (".vscode", ".cache", "app/.next", ".venv"):  # tool state, wherever it sits
        (tmp_path / tool).mkdir(parents=True, exist_ok=True)
        (tmp_path / tool / "prompts.ts").write_text(prompt_ts)
    (tmp_path / "app" / ".generated").mkdir()
    (tmp_path / "app" / ".generated" / "prompts.ts").write_text(prompt_ts)
    (tmp_path / ".gitignore").write_text(".generated/\n")  # ignored: not walked
    corpus = load_paths([str(tmp_path)])
    names = sorted(p.name.replace(str(tmp_path) + "/", "") for p in corpus.prompts)
    assert names == ["app/lib/.server/llm/prompts.ts:getSystemPrompt"], names
    # a hidden folder at the walked root of a folder of prompts (no project) stays skipped
    plain = tmp_path / "plain"
    (plain / "sub" / ".hidden").mkdir(parents=True)
    (plain / "sub" / ".hidden" / "system_prompt.md").write_text("You are terse.\n")
    assert load_paths([str(plain)]).prompts == []


def test_api_docs_and_setup_instructions_are_not_prompts_agent_instructions_are(run_cli, tmp_path):
    # AnythingLLM: an OpenAPI document's example chat bodies show the API; a deployment guide named
    # aws_https_instructions.md is for people; system_instructions.md is for a model
    from pcache.analyzers.sources.load import load_paths

    shutil.copytree(FIX / "repo-root", tmp_path, dirs_exist_ok=True)
    (tmp_path / "server" / "swagger").mkdir(parents=True)
    shutil.copy(FIX / "anything-llm" / "openapi.json", tmp_path / "server" / "swagger" / "openapi.json")
    (tmp_path / "deploy").mkdir()
    shutil.copy(FIX / "anything-llm" / "aws_https_instructions.md", tmp_path / "deploy" / "aws_https_instructions.md")
    (tmp_path / "deploy" / "system_instructions.md").write_text("You are a deployment helper for {{user}}.\n")
    names = sorted(p.path.replace(str(tmp_path) + "/", "") for p in load_paths([str(tmp_path)]).prompts)
    assert names == ["deploy/system_instructions.md"], names
    code, _, err = run_cli("scan", FIX / "anything-llm" / "openapi.json")
    assert code == 2 and "no prompts" in err


def test_role_named_prose_files_are_prompts_scaffolds_are_not(tmp_path):
    # Fabric (a Go module): data/patterns/<name>/system.md is the pattern's system prompt; a file named
    # by a placeholder ({{title}}.md) is a scaffold that makes pages
    from pcache.analyzers.sources.load import load_paths

    (tmp_path / "go.mod").write_text("module github.com/example/fabric\n")
    pattern = tmp_path / "data" / "patterns" / "summarize"
    pattern.mkdir(parents=True)
    shutil.copy(FIX / "fabric" / "patterns" / "summarize" / "system.md", pattern / "system.md")
    (pattern / "README.md").write_text("# Summarize\nA pattern that summarizes.\n")
    (pattern / "user.md").write_text("\n")  # Fabric's placeholder user message: blank, nothing to read
    scaffold = tmp_path / "web" / "src" / "templates"
    scaffold.mkdir(parents=True)
    (scaffold / "{{title}}.md").write_text("---\ntitle: {{title}}\n---\n{{Content}}\n")
    names = sorted(p.path.replace(str(tmp_path) + "/", "") for p in load_paths([str(tmp_path)]).prompts)
    assert names == ["data/patterns/summarize/system.md"], names


def test_paths_stay_as_the_user_named_them_across_python_files(tmp_path, monkeypatch):
    """A Python file read first for another file's names (an imported constant sent to a model) keeps
    the path as given: ``app/defs.py`` (read before ``app/use.py``, which sends its constant), not the absolute path the project index uses, so one scan
    never mixes relative and absolute paths (found on WrenAI's pipelines)."""
    from pcache.analyzers.sources.load import load_paths

    pkg = tmp_path / "app"
    pkg.mkdir()
    (pkg / "use.py").write_text(
        'from .defs import GUIDE\n\nSYSTEM_PROMPT = "You answer questions about Acme invoices. Be exact."\n\n'
        'def run(client, q):\n'
        '    return client.chat(messages=[{"role": "system", "content": GUIDE}, {"role": "user", "content": q}])\n')
    (pkg / "defs.py").write_text('GUIDE = "Answer as a support agent for Acme. Be brief and polite."\n'
                                  'def ask(client):\n    return client.chat(messages=[{"role": "system", '
                                  '"content": "You are the Acme billing assistant; answer in one line."}])\n')
    monkeypatch.chdir(tmp_path)
    corpus = load_paths(["app"])
    assert corpus.errors == [] and len({p.path for p in corpus.prompts}) == 2
    for p in corpus.prompts:
        assert p.path in ("app/defs.py", "app/use.py"), p.path
        assert p.name.startswith(p.path + ":"), p.name


def test_a_template_named_for_the_format_it_renders_is_no_prompt(tmp_path, run_cli):
    """Jinja's documentation names a template for what it renders (``user.html.jinja``): a web page
    (``templates/page.html.j2`` of a Flask app, pcache's own ``audit.html.j2``) or a config file
    (``nginx.conf.j2``) is not a prompt and a walk skips it; ``system.md.j2`` and ``task.txt.jinja`` are
    prose and read.  Named on the command line, the page is still read."""
    t = tmp_path / "app" / "templates"
    t.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n')
    (t / "page.html.j2").write_text("{% extends 'base.html' %}{% block body %}Hello {{ name }}, welcome "
                                    "to the store.{% endblock %}\n")
    (t / "nginx.conf.j2").write_text("server { listen {{ port }}; server_name {{ host }}; }\n")
    (t / "system.md.j2").write_text("You are the store's support assistant. Answer {{ question }}.\n")
    (t / "task.txt.jinja").write_text("Summarize the order {{ order_id }} for the customer in two lines.\n")
    code, out, _ = run_cli("scan", tmp_path, "--format", "json")
    paths = sorted(p["path"].rsplit("/", 1)[-1] for p in json.loads(out)["prompts"])
    assert code == 0 and paths == ["system.md.j2", "task.txt.jinja"]
    code, out, _ = run_cli("scan", t / "page.html.j2", "--format", "json")
    assert code == 0 and [p["path"].rsplit("/", 1)[-1] for p in json.loads(out)["prompts"]] == ["page.html.j2"]


def test_json_lines_under_a_json_name_is_read_as_json_lines(tmp_path, run_cli):
    """JARVIS keeps its benchmark inputs as JSON Lines named ``user_requests.json``: a walk reads it as the
    ``.jsonl`` file it is (data, no prompt: quiet) instead of failing the whole run on "Extra data";
    JSON Lines of request bodies under a ``.json`` name are read as the requests they are; a ``.json`` file
    whose second document is broken is still invalid JSON, named with its line."""
    data = tmp_path / "taskbench" / "data_multimedia"
    data.mkdir(parents=True)
    shutil.copy(FIX / "jarvis" / "user_requests.json", data / "user_requests.json")
    (tmp_path / "prompts").mkdir()
    (tmp_path / "prompts" / "system.md").write_text("You are a support bot. Today is {{ today }}.\n")
    code, out, err = run_cli("scan", tmp_path, "--format", "json")
    assert code == 0, err
    assert [p["file"].rsplit("/", 1)[-1] for p in json.loads(out)["prompts"]] == ["system.md"]

    bodies = [{"model": "gpt-4o", "messages": [{"role": "system", "content": "You are terse."},
                                               {"role": "user", "content": f"question {i}"}]} for i in range(2)]
    text = "".join(json.dumps(b) + "\n" for b in bodies)
    (tmp_path / "log.json").write_text(text)
    (tmp_path / "log.jsonl").write_text(text)
    got = {}
    for name in ("log.json", "log.jsonl"):
        code, out, err = run_cli("scan", tmp_path / name, "--format", "json")
        assert code == 0, err
        got[name] = [p["tokens"] for p in json.loads(out)["prompts"]]
    assert len(got["log.json"]) == 2 and got["log.json"] == got["log.jsonl"]

    (tmp_path / "broken.json").write_text('{"a": 1}\n{"b": \n')
    code, out, err = run_cli("scan", tmp_path / "broken.json")
    assert code == 2 and "broken.json:2: invalid JSON" in err


def test_a_hidden_folder_that_is_a_package_is_walked(tmp_path):
    # codebuff keeps its agents' prompts in .agents/, a workspace package with its own package.json
    from pcache.analyzers.sources.load import load_paths

    shutil.copytree(ROOT / "tests" / "fixtures" / "code" / "codebuff", tmp_path, dirs_exist_ok=True)
    prompt_ts = 'export const SYSTEM_PROMPT = `You are a cached helper for ${user}.`;\n'
    for tool in (".vscode", ".next"):  # tool folders stay skipped, a manifest in them or not
        (tmp_path / tool).mkdir()
        (tmp_path / tool / "package.json").write_text("{}")
        (tmp_path / tool / "prompts.ts").write_text(prompt_ts)
    (tmp_path / ".notes").mkdir()  # no manifest: not a package
    (tmp_path / ".notes" / "prompts.ts").write_text(prompt_ts)
    names = {p.name.replace(str(tmp_path) + "/", "") for p in load_paths([str(tmp_path)]).prompts}
    assert ".agents/prompts/ask-prompts.ts:askAgentAgentStepPrompt" in names, names
    assert not any(n.startswith((".vscode", ".next", ".notes")) for n in names), names


def test_a_dangling_symlink_met_by_a_walk_is_a_warning_named_it_is_an_error(tmp_path, run_cli, monkeypatch):
    """dyad keeps ``CLAUDE.md`` as a git symlink whose target is ``"AGENTS.md\\n"`` (the newline is in the
    blob), so on disk it points nowhere.  ``lint .`` at that root failed the whole run with exit 2; a walk now
    skips the link with one warning line and lints the rest, while naming the link is still an input error."""
    (tmp_path / "AGENTS.md").write_text("You are a coding agent. Today is {{ today }}.\n")
    (tmp_path / "CLAUDE.md").symlink_to("AGENTS.md\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("lint", ".", "--format", "json")
    assert code == 0, err
    assert {f["path"] for f in json.loads(out)["findings"]} == {"AGENTS.md"}
    assert "CLAUDE.md" in err and "missing file" in err and err.count("\n") == 1
    code, out, err = run_cli("lint", "CLAUDE.md")
    assert code == 2 and "CLAUDE.md" in err and "Traceback" not in err


def test_a_broken_config_file_nothing_names_as_prompts_is_a_warning_in_a_walk(tmp_path, run_cli, monkeypatch):
    """A repository root with a broken deployment file (a `serverless.yml` whose flow sequence is not
    closed) and a prompt folder: the walk reads YAML files only for prompt fields, and this one cannot
    say whether it holds any, so it is one warning line naming file:line, and the prompts keep their
    results and their exit code (README: a file the walk cannot read as what it seems to be).  A broken
    file whose name or folder says prompts, agents or tasks stays an input error (a CI gate must not
    pass a prompt file it cannot read), and naming the deployment file is an error too."""
    (tmp_path / "prompts").mkdir()
    (tmp_path / "prompts" / "system.md").write_text("You are a support bot for {{ company }}.\n")
    broken = "service: reviewer\nprovider:\n  name: aws\n  layers: [arn:a\n  region: us-east-1\n"
    (tmp_path / "serverless.yml").write_text(broken)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("lint", ".", "--format", "json")
    assert code == 0, err
    assert "Traceback" not in err and err.count("\n") == 1
    assert err.startswith("pcache: warning: serverless.yml:5: invalid YAML"), err
    assert json.loads(out)["summary"]["prompts"] == 1, out
    code, out, err = run_cli("scan", "serverless.yml")
    assert code == 2 and "serverless.yml:5: invalid YAML" in err and "warning" not in err
    for name in ("config/agents.yaml", "tasks.yml", "prompts/agent.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(broken)
        code, out, err = run_cli("lint", ".", "--format", "json")
        assert code == 2 and f"{name}:5: invalid YAML" in err and "Traceback" not in err, (name, err)
        (tmp_path / name).unlink()


def test_translated_readmes_are_documentation_like_the_readme(tmp_path):
    """ms-agent keeps ``README_ZH.md`` beside ``README.md``; GitHub's convention names a translation by a
    language tag after the stem (``README_ZH.md``, ``README-ja.md``, ``CONTRIBUTING_zh-CN.md``).  They are the
    repository's documentation, like ``README.md``; a prompt file whose stem merely starts with a community
    word (``support_bot.md``, ``history_summary.md``) is still a prompt."""
    from pcache.analyzers.sources.load import load_paths

    (tmp_path / ".git").mkdir()
    doc = "# 项目\n\nsession_id: b1091dfc-9429-46ad-b7f8-7cbd1cf3209b\n"
    for name in ("README.md", "README_ZH.md", "README-ja.md", "CONTRIBUTING_zh-CN.md", "readme.zh-CN.md"):
        (tmp_path / name).write_text(doc)
    for name in ("support_bot.md", "history_summary.md", "security_review.md"):
        (tmp_path / name).write_text("You are a careful assistant.\n")
    corpus = load_paths([str(tmp_path)])
    assert sorted(p.path.rsplit("/", 1)[-1] for p in corpus.prompts) == [
        "history_summary.md", "security_review.md", "support_bot.md"]


def test_data_under_a_generated_id_is_run_data_not_prompts(tmp_path, run_cli, monkeypatch):
    """deer-flow's frontend ships recorded LangGraph threads as demo data
    (``public/demo/threads/<uuid>/thread.json``: human, ai and tool messages with their ids).  A folder
    named by a UUID is one a program made; a walk of the project skips its JSON like other run output
    (59 findings at deer-flow's root before), while naming the file still reads it."""
    shutil.copytree(FIX / "deer-flow", tmp_path, dirs_exist_ok=True)
    (tmp_path / "frontend" / "src").mkdir()
    (tmp_path / "frontend" / "src" / "prompts").mkdir()
    (tmp_path / "frontend" / "src" / "prompts" / "system.md").write_text("You are a research agent.\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("scan", ".", "--format", "json")
    assert code == 0, err
    assert [p["file"] for p in json.loads(out)["prompts"]] == ["frontend/src/prompts/system.md"]
    thread = next((tmp_path / "frontend" / "public" / "demo" / "threads").glob("*/thread.json"))
    code, out, err = run_cli("scan", thread, "--format", "json")
    assert code == 0 and json.loads(out)["prompts"], err


def test_vitest_type_test_files_are_test_code(tmp_path):
    # VoltAgent: packages/core/src/agent/agent.spec-d.ts (Vitest's typecheck tests, *.spec-d.ts /
    # *.test-d.ts) builds agents with `instructions: "Test instructions"` to check their types
    from pcache.analyzers.sources.load import load_paths

    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "src").mkdir()
    cut = ROOT / "tests" / "fixtures" / "code" / "voltagent" / "agent" / "agent.spec-d.ts"
    for name in ("agent.spec-d.ts", "agent.test-d.ts"):
        shutil.copy(cut, tmp_path / "src" / name)
    assert load_paths([str(tmp_path)]).prompts == []
    shutil.copy(cut, tmp_path / "src" / "agent.ts")  # the same text in a source module is read
    assert load_paths([str(tmp_path)]).prompts


def test_a_documentation_sites_page_data_is_not_prompts(tmp_path):
    """VoltAgent's ``website/`` is a Docusaurus site (``docusaurus.config.ts``); its
    ``src/components/usecases/usecases.json`` is marketing copy for the use-case pages, with agents'
    ``description`` fields (84 lint findings at the repository root).  A folder holding a static-site
    generator's configuration is a site: its Markdown and JSON are pages and page data.  The same JSON
    outside a site is still read."""
    from pcache.analyzers.sources.load import load_paths

    (tmp_path / "package.json").write_text('{"name": "voltagent", "private": true}\n')
    shutil.copytree(FIX / "voltagent" / "website", tmp_path / "website")
    (tmp_path / "prompts").mkdir()
    (tmp_path / "prompts" / "system.md").write_text("You are a support agent.\n")
    files = {p.path.replace(str(tmp_path) + "/", "") for p in load_paths([str(tmp_path)]).prompts}
    assert files == {"prompts/system.md"}
    (tmp_path / "website" / "docusaurus.config.ts").unlink()
    files = {p.path.replace(str(tmp_path) + "/", "") for p in load_paths([str(tmp_path)]).prompts}
    assert "website/src/components/usecases/usecases.json" in files


def test_reuse_licenses_folder_is_not_walked(tmp_path):
    """A REUSE-compliant tree keeps its licence texts in ``LICENSES/<SPDX id>.txt`` (REUSE specification
    3.3); in a folder of prompt files (no repository, no manifest) a .txt is read, so the folder must be
    skipped by its name. This repository's own tests/fixtures/LICENSES is one (the GPL-3.0 text)."""
    from pcache.analyzers.sources.load import load_paths

    (tmp_path / "LICENSES").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "LICENSES" / "GPL-3.0.txt", tmp_path / "LICENSES" / "GPL-3.0.txt")
    (tmp_path / "summarize.txt").write_text("Summarize the text below for {audience}.\n\n{text}\n")
    corpus = load_paths([str(tmp_path)])
    assert sorted({p.path.replace(str(tmp_path) + "/", "") for p in corpus.prompts}) == ["summarize.txt"]
    named = load_paths([str(tmp_path / "LICENSES" / "GPL-3.0.txt")])  # named, a file is read
    assert len(named.prompts) == 1


def _average_line(path) -> int:
    """Linguist's measure, computed here from the bytes: characters per line, newlines not counted."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    return sum(len(line) for line in lines) // len(lines)


def test_a_minified_bundle_is_skipped_by_a_walk_and_read_when_named(tmp_path):
    """A Next.js build chunk committed beside its app (DB-GPT's ``static/web/_next/static/chunks/``, 386 of
    them in that repository) is what a bundler wrote: a walk skips it quietly, as it skips ``*.min.js``
    (GitHub Linguist's ``minified_files?`` rule: average line over 110 characters), while the hand-written
    and compiled-but-unminified modules beside it are read.  Named on the command line, the chunk is read."""
    from pcache.analyzers.sources.load import load_paths
    from pcache.analyzers.sources.walk import find_files

    chunk = FIX / "dbgpt-next" / "7043.e64eb06a070e4407.js"
    module = FIX / "chatgptbox" / "selection-tools" / "index.mjs"
    assert _average_line(chunk) > 110 >= _average_line(module)
    (tmp_path / ".git").mkdir()
    out = tmp_path / "static" / "web" / "_next" / "static" / "chunks"
    out.mkdir(parents=True)
    shutil.copy(chunk, out / chunk.name)
    (tmp_path / "src").mkdir()
    shutil.copy(module, tmp_path / "src" / "index.mjs")
    shutil.copy(FIX / "vercel-ai" / "expense-tracker-route.ts", tmp_path / "src" / "route.ts")

    found = {f.path.replace(str(tmp_path) + "/", ""): f.skip for f in find_files([str(tmp_path)])[0]}
    assert found == {f"static/web/_next/static/chunks/{chunk.name}": True, "src/index.mjs": False,
                     "src/route.ts": False}
    corpus = load_paths([str(tmp_path)])
    assert {p.path.replace(str(tmp_path) + "/", "") for p in corpus.prompts} == {"src/index.mjs", "src/route.ts"}
    assert corpus.skipped == 1 and corpus.errors == [] and corpus.warnings == []

    named = load_paths([str(out / chunk.name)])  # read: it holds no prompt, and says so
    assert named.files == 1 and [e.message for e in named.errors] == ["no prompts in this file"]  # (the JS reader's)

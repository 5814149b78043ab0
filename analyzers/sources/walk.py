"""Finds prompt files under the paths a user names: recursive, skipping paths that ``.gitignore``
files exclude (in a git work tree, the files git tracks are never excluded: git ignores untracked
files only), installed packages (``site-packages``, ``node_modules``, virtual environments), a REUSE ``LICENSES/``
folder of licence texts, binary files, and whatever ``--include``/``--exclude`` say.

Hidden folders are tool state and settings (``.git``, ``.venv``, ``.cache``, ``.vscode``, ``.github``)
and are skipped (``.github/`` but for the files GitHub documents its agents load: ``GITHUB_AGENT_FOLDERS``), except a hidden folder *inside* a code project's source tree, below the folder that
holds its manifest: there a leading dot is a framework's naming convention for source code (Remix /
React Router ``app/lib/.server/``, ``.client/``), walked like any other folder unless ``.gitignore``
excludes it or it is one of the tool folders (``HIDDEN_TOOL_FOLDERS``); and a hidden folder that is
itself a package (it holds a build manifest: Codebuff's ``.agents/`` with its ``package.json``), source
code whatever its name's dot says.

Files without an extension and ``.tmpl``/``.tpl`` files are read only when named, or when they sit
under a *prompt folder* (``prompts``, ``preprompts``, ``templates``; the ``prompt-folders``
setting): elsewhere they are build files, licences and other languages' templates.  Under a prompt
folder, a file with an extension of the project's own is read when it holds a template of text
(``own_templates``: avante.nvim's ``templates/*.avanterules``).  A folder of
vendored code by its name (``third_party``, ``vendor``) is skipped, except inside a prompt folder
(``prompts/third_party/``: prompts for third-party agents).

A YAML config's top-level ``include:`` names configs whatever their names (``config_include``): an
extensionless ``_default_template_yaml`` it names is read as YAML.

A config field named as a prompt whose value is the path of a prose or template file
(``prompt_template: "alpaca_eval_gpt4/alpaca_eval.txt"``) makes that file a prompt whatever its name
or folder: the path is resolved against the config's folder, then each folder above it up to the
walked one.

Inside a code project (the walked folder, or a folder below it, holds a build manifest:
``pyproject.toml``, ``setup.py``, ``setup.cfg``, ``package.json``, ``go.mod``, ``Cargo.toml``, a .NET
``*.csproj``/``*.sln``...; a git repository of prompt files is not one; a monorepo's packages each are;
a folder without one that keeps a prompt folder at its top says where its prompts are, and its other prose
is read as a code project's, or when it holds template placeholders)
prose and generic template files (``.md``, ``.txt``, ``.rst``, Jest ``.snap``, ``.j2``, ``.hbs``...) are the project's
documentation, data and web pages unless they say otherwise: they are read only under a prompt folder,
when their name or a folder says prompt (``system_prompt.md``, ``system_prompts/``, ``skprompt.txt``),
or when they are instructions an agent loads (``AGENTS.md``, ``CLAUDE.md``, ``SKILL.md``, Copilot's
``*.instructions.md``, ``*.prompt.md``, ``*.agent.md``), or Jinja templates of a prompt flow folder
(``FLOW_DEFINITIONS``).  Data a run reads or writes (``sample.json``, ``data.jsonl``, ``results/``) and
pip's requirement files are no prompts.  In a translation folder (``locales/``,
``i18n/``) only config files and JS/TS modules are read, and only translated prompts in them count.  Test code
and test data (``tests/``, ``fixtures/``, .NET ``*.UnitTests/``, a ``test_*.py`` holding tests, ``*.test.ts``, ``Mock*``
modules...) are never a project's prompts.  In a repository (``.git`` at the walked folder) or a
code project, data files under ``docs/`` (a documentation site's pages and settings, pages about
prompts too) and the community files (README, CHANGELOG, CONTRIBUTING, LICENSE...: GitHub's
"community health files", and ``README_<part>.md``, ``DISCLAIMER.md``) are documentation, and so are the pages of a
static site (a folder holding ``mkdocs.yml``, a Docusaurus config...), pages about prompts under a
``prompts/`` folder of the site too; anywhere, a Helm
chart (a folder holding ``Chart.yaml``) is Kubernetes manifests written as Go templates, and a Markdown page
written in a published card format (``doc_cards``: a model card, a datasheet for a dataset) is documentation
unless its name or folder says prompt."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pathspec

from ..inputs import open_text
from .doc_cards import documentation_card
from .go_embed import go_embedded_prompt

PROMPT_EXTENSIONS = frozenset({
    ".txt", ".md", ".markdown", ".prompt", ".text", ".snap",
    ".j2", ".jinja", ".jinja2", ".mustache", ".hbs", ".handlebars",
    ".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".prompty", ".gz", ".py",
    ".toml",  # config fields (sources/config_fields.py)
    ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx",  # JS/TS sources (sources/js/)
})
# Read only under a prompt folder ("" is a file without an extension).
FOLDER_EXTENSIONS = frozenset({"", ".tmpl", ".tpl"})
PROMPT_FOLDERS = ("prompts", "preprompts", "templates")
# Files a walk never reads: package manifests, lock files, compiler and container configs hold no
# prompt (named on the command line they are still read, and say "no prompts").
NOT_PROMPT_FILES = frozenset({
    "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
    "bun.lock", "composer.json", "composer.lock", "cargo.lock", "poetry.lock", "uv.lock", "pipfile.lock",
    "tsconfig.json", "jsconfig.json", "deno.json", "deno.lock", "turbo.json", "lerna.json",
    "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", "renovate.json",
    "pyproject.toml", "cargo.toml", "pcache.toml", "netlify.toml", "vercel.json", "codecov.yml",
    "mkdocs.yml", "pnpm-workspace.yaml", "biome.json", "components.json",
    "action.yml", "action.yaml",  # GitHub Action metadata (inputs, outputs, runs)
    "azure.yaml", "azure.yml",  # the Azure Developer CLI's project file (name, services, hooks, infra: azure.yaml.json)
})
# A template named for the format it renders (Jinja's documented naming, ``user.html.jinja``): a web page,
# a stylesheet, code or a service config, not a prompt (``system.md.j2`` and ``task.txt.jinja`` are read).
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".mustache", ".hbs", ".handlebars", ".tmpl", ".tpl")
RENDERED_FORMATS = frozenset({"html", "htm", "xhtml", "xml", "svg", "css", "scss", "less", "js", "mjs", "ts",
                              "jsx", "tsx", "py", "sh", "bash", "ps1", "sql", "conf", "ini", "cfg", "service",
                              "nginx", "dockerfile", "tf", "hcl", "go", "rs", "java", "rb", "php", "properties",
                              "yaml", "yml", "json", "toml", "in", "spec"})  # (MANIFEST.in.j2, tool.yaml.j2)
_NOT_PROMPT_PATTERNS = ("requirements*.txt", "*-requirements.txt", "*_requirements.txt", "constraints*.txt",
                        # pip's requirement and constraint files (its documented names)
                        "tsconfig.*.json", "docker-compose.*.yml", "docker-compose.*.yaml", "*.min.js",
                        "*.d.ts", "*.map.json", ".eslintrc*", "*.config.js", "*.config.mjs", "*.config.cjs",
                        "*.config.ts",
                        "*.generated.*", "*.g.ts", "*_pb.js", "*_pb.ts")  # code a tool generated (catalogues, protobuf stubs)
_JS_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx")
# Folders of installed or vendored code, of build caches, and of JS test suites (their inputs and expected
# outputs, not the prompts the project sends: Jest's ``__snapshots__`` hold what a test expects a prompt
# builder to render; ``*.test.*``/``*.spec.*`` files, Vitest's type tests ``*.test-d.*``/``*.spec-d.*`` and Storybook ``*.stories.*`` UI demos likewise).
SKIP_FOLDERS = frozenset({"node_modules", "bower_components", "__pycache__", "site-packages",
                             "vendor", "third_party",
                             "__tests__", "__mocks__", "__fixtures__", "__snapshots__",
                             "LICENSES"})  # REUSE specification 3.3: the project's licence texts, named by SPDX id
# Folders of translations: UI bundles (i18next, vue-i18n, react-intl, Rails), text shown to people in
# each UI language, and sometimes translated prompts (LobeChat's ``locales/<agent>/index.zh-CN.json``
# holds each agent's ``config.systemRole`` per language).  Only their config files are read, under
# the stricter rule of ``config_fields.translated_prompt``; their code and prose are UI text.
# Names of vendored code; inside a prompt folder (UFO's ``ufo/prompts/third_party/``: the prompts of its
# third-party agents) a category of prompts, read like its siblings.
VENDORED_FOLDERS = frozenset({"vendor", "third_party"})


def prompt_folder_name(name: str, folders: frozenset[str]) -> bool:
    """A prompt folder's name: one of ``folders``, or a compound that ends in one and says prompt
    (``prompt-templates/``, LocalAI's folder of ``*.tmpl`` prompt templates; ``system_prompts/``): a folder
    is named for what it holds, by its last word."""
    from .prompt_names import name_words

    if name.lower() in folders:
        return True
    words = name_words(name)
    return len(words) > 1 and words[-1] in folders and bool({"prompt", "prompts"} & set(words))


def _prompt_folder_below(here: Path, root: Path, folders: frozenset[str]) -> bool:
    """Whether ``here`` is a prompt folder or inside one, below the walked folder."""
    return here != root and any(p.lower() in folders for p in here.relative_to(root).parts)


# (``_locales/<lang>/messages.json``: the WebExtensions i18n folder,
# https://developer.chrome.com/docs/extensions/reference/api/i18n)
TRANSLATION_FOLDERS = frozenset({"i18n", "l10n", "locales", "locale", "_locales"})
_CONFIG_SUFFIXES = (".json", ".yaml", ".yml", ".toml")
# Hidden folders of tools (version control, environments, caches, build output, editor and CI
# settings): never a project's source, wherever they sit.
HIDDEN_TOOL_FOLDERS = frozenset({
    ".git", ".hg", ".svn", ".venv", ".tox", ".nox", ".cache", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".eggs", ".ipynb_checkpoints", ".next", ".nuxt", ".turbo", ".yarn", ".pnpm-store", ".svelte-kit", ".output",
    ".vercel", ".netlify", ".idea", ".vscode", ".github", ".gitlab", ".circleci", ".husky", ".devcontainer",
    ".storybook", ".docusaurus", ".vitepress", ".expo", ".gradle", ".terraform", ".serverless",
    ".parcel-cache", ".angular", ".nx", ".changeset", ".wrangler", ".direnv",
})


@dataclass(frozen=True)
class Found:
    path: str  # as shown to the user
    explicit: bool  # named on the command line (read whatever its extension)
    skip: bool = False  # seen by the walk but known to hold no prompt (package.json...): not read
    # read as a file of this extension whatever its name (``".yaml"``: a config another config includes,
    # lm-evaluation-harness's extensionless ``_default_template_yaml``)
    read_as: str | None = None


def not_prompt_file(name: str) -> bool:
    """Whether a walk skips this file name (``NOT_PROMPT_FILES``, lock files, bundles, type stubs)."""
    from fnmatch import fnmatch

    lower = name.lower()
    if lower.endswith(_JS_SUFFIXES) and (any(m in lower for m in (".test.", ".spec.", ".vitest.", ".stories.",
                                                                    ".mock.", ".test-d.", ".spec-d."))
                                         or lower.startswith("mock")):
        return True  # test code, UI demos, test doubles (MockIdeMessenger.ts)
    if lower.endswith((".snap", ".snap.new")):
        return True  # a snapshot test's recorded output (Jest ``__snapshots__/*.snap``, Rust insta ``snapshots/*.snap``)
    if lower.endswith(TEMPLATE_SUFFIXES) and lower.count(".") >= 2 and \
            lower.rsplit(".", 2)[-2] in RENDERED_FORMATS:
        return True  # page.html.j2, nginx.conf.j2
    return lower in NOT_PROMPT_FILES or any(fnmatch(lower, p) for p in _NOT_PROMPT_PATTERNS)


# Repository documentation by name (GitHub's community health files, changelogs, licences).
COMMUNITY_FILES = frozenset({"readme", "changelog", "changes", "history", "contributing", "code_of_conduct",
                             "security", "support", "governance", "license", "licence", "notice", "authors",
                             "maintainers", "codeowners", "funding", "copying", "disclaimer"})
# Data files under these folders are a documentation site (pages, navigation settings).
DOC_FOLDERS = frozenset({"docs", "doc", "documentation"})
DATA_EXTENSIONS = frozenset({".md", ".markdown", ".txt", ".text", ".rst", ".json", ".jsonl", ".yaml", ".yml",
                             ".toml"})


# A translated community file names its language after the stem (README_ZH.md, README-ja.md,
# CONTRIBUTING_zh-CN.md; README.zh-CN.md already has the plain stem).
_TRANSLATED = re.compile(r"(readme|contributing|changelog|code_of_conduct|security)[_-][a-z]{2}(?:[_-][a-z]{2,4})?")


# A README about one part, named after it (UFO's ``README_UFO_V1.md``, ``tools/README_CONFIG.md``).
_NAMED_README = re.compile(r"readme_\w+")


def community_file(name: str) -> bool:
    """README.md, CHANGELOG.md, LICENSE.txt, CODE_OF_CONDUCT.md, README_ZH.md, README_CONFIG.md,
    DISCLAIMER.md...: a repository's documentation."""
    stem = name.split(".", 1)[0].lower().replace("-", "_")
    return stem in COMMUNITY_FILES or bool(_TRANSLATED.fullmatch(stem)) or bool(_NAMED_README.fullmatch(stem))


def _community(name: str) -> bool:
    return name.lower().endswith(tuple(PROSE_EXTENSIONS)) and community_file(name)


# The community files no prompt is named as (a prompt library may hold a ``security.md`` review prompt or a
# ``history.md`` tutor): a folder's README, its change log, its contribution guide, its licence.
FOLDER_DOC_FILES = frozenset({"readme", "changelog", "contributing", "code_of_conduct", "license", "licence",
                              "copying"})


def folder_doc(name: str) -> bool:
    """A README, CHANGELOG, CONTRIBUTING, CODE_OF_CONDUCT or LICENSE (and a README's translations and parts:
    ``README_ZH.md``, ``README_CONFIG.md``): it documents the folder it sits in, in a walked folder of
    prompt files too (one that is neither a repository nor a code project).  Named, it is read."""
    if not name.lower().endswith(tuple(PROSE_EXTENSIONS)):
        return False
    stem = name.split(".", 1)[0].lower().replace("-", "_")
    return stem in FOLDER_DOC_FILES or bool(_NAMED_README.fullmatch(stem)) or (
        bool(_TRANSLATED.fullmatch(stem)) and not stem.startswith("security"))


# The configuration file of a static-site generator marks the folder of a documentation or marketing
# site (Docusaurus, MkDocs, VitePress, Astro, Hugo, Jekyll): its Markdown and JSON are pages and
# page data (VoltAgent's website/src/components/usecases/usecases.json), not prompts.
SITE_MARKERS = ("docusaurus.config.ts", "docusaurus.config.js", "docusaurus.config.mjs", "mkdocs.yml",
                "mkdocs.yaml", "astro.config.mjs", "astro.config.ts", "hugo.toml", "hugo.yaml", "_config.yml",
                ".vitepress")


def _site_root(folder: Path) -> bool:
    return any((folder / m).exists() for m in SITE_MARKERS)


def _docs_data(rel: str, folders: frozenset[str]) -> bool:
    """A data file of a project's documentation (``docs/guide.md``, ``docs/docs.json``, generated pages under
    ``Markdown_Docs/``: a folder whose name has the word doc, docs or documentation), not in a prompt folder."""
    from .prompt_names import name_words

    parts = rel.lower().split("/")
    return any(set(name_words(p)) & DOC_WORDS for p in parts[:-1]) and \
        not any(p in folders for p in parts[:-1]) and os.path.splitext(parts[-1])[1] in DATA_EXTENSIONS


# Folders of test code and test data (``src/test/``, ``e2e/``, ``test-helpers/``): mocks, test
# inputs and expected outputs, not the prompts the project sends.
JS_TEST_DIRS = frozenset({"test", "tests", "e2e", "test-helpers", "test-utils", "testing", "mocks",
                          "__tests__", "__mocks__", "__fixtures__", "fixtures", "test_data", "testdata",
                          "test-data",
                          # conformance suites and golden files: inputs and the outputs expected of them
                          "conformance", "golden", "goldens"})
TEST_DIRS = JS_TEST_DIRS


def _test_dir(folder: str) -> bool:
    """A test folder: ``TEST_DIRS``, or named as tests by its last word (.NET ``Functions.UnitTests``,
    ``IntegrationTests``)."""
    if folder.lower() in TEST_DIRS:
        return True
    from .prompt_names import name_words

    words = name_words(folder.replace(".", "_"))
    return len(words) > 1 and words[-1] in ("test", "tests")


def _test_file(rel: str, path: Path | None = None) -> bool:
    """A file inside a test folder of the walked tree, or Python test code (pytest's ``conftest.py``, and a
    ``test_*.py`` / ``*_test.py`` module that holds tests or runs as a script: ``_python_test_code``)."""
    parts = rel.split("/")
    name = parts[-1].lower()
    if name == "conftest.py":
        return True
    if name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py")) and \
            (path is None or _python_test_code(path)):
        return True
    return any(_test_dir(p) and not _prompt_category(parts[:i], p) for i, p in enumerate(parts[:-1]))


def _prompt_category(above: list[str], folder: str) -> bool:
    """A folder named as tests by its last word (``unit_test/``) below a folder whose name says prompt
    (NeMo-Skills' ``prompt/config/unit_test/code.yaml``: the prompt that writes unit tests) is a category of
    the prompts kept there; a plain test folder (``tests/``, ``fixtures/``) is test data wherever it sits, and a
    prompt folder below a test folder (``tests/ai/prompts/``) is a test's input."""
    from .prompt_names import name_words

    return folder.lower() not in TEST_DIRS and any(
        w in ("prompt", "prompts") for q in above for w in name_words(q.replace(".", "_")))


# pytest finds test modules by their name, then collects from them what their content declares ("Conventions
# for Python test discovery", docs.pytest.org): ``test``-prefixed functions, ``Test``-prefixed classes,
# ``unittest.TestCase`` subclasses.  A module named ``test_*.py`` that declares none of these, imports no test
# framework and runs nothing when imported is a module of the program whose name happens to start with the
# word (stride-gpt ``core/test_cases.py``: ``generate_test_cases`` writes security test cases with a model).
_PY_TEST_CONTENT = re.compile(
    r"^[ \t]*(?:async[ \t]+)?def[ \t]+test|^[ \t]*class[ \t]+Test|\bTestCase\b|"
    r"^[ \t]*(?:import|from)[ \t]+(?:pytest|unittest|nose2?|hypothesis|doctest)\b", re.M)
_PY_TEST_READ = 1 << 20


def _python_test_code(p: Path) -> bool:
    """Whether a Python module named as a test (``test_*.py``, ``*_test.py``) is test code: it declares what
    pytest or unittest collect, imports a test framework, or runs code at its top level (an ``if __name__ ==
    "__main__":`` block, a call, a loop: a test run by hand).  A file that cannot be read or parsed keeps its
    name's meaning."""
    import ast

    from ..pyparse import parse_python

    try:
        if not stat.S_ISREG(p.stat().st_mode) or p.stat().st_size > _PY_TEST_READ:
            return True
        with open_text(str(p), encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return True
    if _PY_TEST_CONTENT.search(text):
        return True
    try:
        tree = parse_python(text, str(p))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    definitions = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign,
                   ast.AnnAssign)
    return not all(isinstance(s, definitions) or isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
                   for s in tree.body)


_js_test = _test_file  # (the name the JS/TS work used)

# Build manifests: a folder holding one is a code project's root.
PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", "package.json", "go.mod", "Cargo.toml")
# .NET's manifests are named after the project: MSBuild project files (``Service.csproj``) and
# solutions (``KernelMemory.sln``, the XML ``mem.slnx``).
PROJECT_SUFFIXES = (".csproj", ".fsproj", ".vbproj", ".sln", ".slnx")
# Prose and generic template files: at a project root, documentation and web pages unless they say prompt.
PROSE_EXTENSIONS = frozenset({".md", ".markdown", ".txt", ".text", ".rst", ".snap", ".j2", ".jinja", ".jinja2",
                              ".mustache", ".hbs", ".handlebars"})
# Instructions coding agents load into their prompts (agents.md, Claude Code, Gemini CLI, Agent Skills),
# by their conventional upper-case names (``docs/agents.md`` is a documentation page).
AGENT_FILES = frozenset({"AGENTS.md", "CLAUDE.md", "GEMINI.md", "SKILL.md"})
# GitHub Copilot's customization files, by the suffixes its documentation gives them: custom
# instructions (``*.instructions.md``), prompt files (``*.prompt.md``), custom agents (``*.agent.md``,
# formerly chat modes, ``*.chatmode.md``): each is text Copilot puts in front of the model.
AGENT_FILE_SUFFIXES = (".instructions.md", ".prompt.md", ".agent.md", ".chatmode.md")
# ``.github/`` holds the settings of GitHub's tools (workflows, issue templates: never a prompt) and, where
# GitHub documents them, the files its agents load: ``copilot-instructions.md`` at its top, and the folders
# of custom instructions, prompt files, custom agents and chat modes (``.github/instructions/``,
# ``prompts/``, ``agents/``, ``chatmodes/``).  Only these are walked; an agent framework's configs kept in
# ``.github/agents/`` for the workflows that run them (Docker's cagent: ``issue-triager.yaml``) are read by
# the config rules.
GITHUB_AGENT_FOLDERS = frozenset({"instructions", "prompts", "agents", "chatmodes"})
GITHUB_AGENT_FILES = frozenset({"copilot-instructions.md"})
# Folders of a project's documentation (``docs/``, ``docs-website/``): pages about prompts, not prompts.
DOC_WORDS = frozenset({"doc", "docs", "documentation"})
# Data a run wrote (``benchmark_results/``, ``data_output.json``, ``predictions.jsonl``): what was sent or
# produced, not the project's prompts (``pcache audit`` reads request logs).
RUN_OUTPUT_WORDS = frozenset({"result", "results", "output", "outputs", "prediction", "predictions", "preds",
                              "trajectory", "trajectories"})
# Data a run reads (a flow's ``sample.json`` and ``data.jsonl``, ``samples/``, ``datasets/``): the inputs a
# user or a test sends, not the project's prompts.  ``data``/``input(s)`` say so only as the last word of
# the file's own name (``data.jsonl``, ``fed_data.jsonl``; ``data/`` folders also hold prompt libraries).  A path that says prompt keeps its prompts
# (``sample_prompts/``).
RUN_INPUT_WORDS = frozenset({"sample", "samples", "dataset", "datasets"})
RUN_INPUT_STEMS = frozenset({"data", "input", "inputs"})
# (a second ``DATA_EXTENSIONS`` here used to replace the documentation one above, so ``docs/*.md`` of a
# repository without a build manifest were read as prompts)
RUN_DATA_EXTENSIONS = frozenset({".json", ".jsonl", ".ndjson"})
# A folder or file named by a generated id (a UUID, a hex digest) is what a program wrote: a recorded
# thread, a run, a cache entry (deer-flow's ``demo/threads/<uuid>/thread.json``), never a name a person
# gives a prompt.
_GENERATED_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}",
                           re.IGNORECASE)
# Flow definitions of Microsoft's prompt flow (``flow.dag.yaml``, ``flow.flex.yaml``): the folder holding
# one is a flow, and the Jinja templates beside it are what its LLM and prompt nodes render.
FLOW_DEFINITIONS = ("flow.dag.yaml", "flow.dag.yml", "flow.flex.yaml", "flow.flex.yml")
JINJA_SUFFIXES = (".j2", ".jinja", ".jinja2")


def is_project_root(root: Path) -> bool:
    if any((root / m).exists() for m in PROJECT_MARKERS):
        return True
    try:
        with os.scandir(root) as entries:
            return any(e.name.endswith(PROJECT_SUFFIXES) and e.is_file() for e in entries)
    except OSError:
        return False


# The folders a monorepo keeps its packages in, by the workspace conventions (npm/Yarn/pnpm workspaces'
# ``packages/*``, Nx's ``apps/`` and ``libs/``, Turborepo's ``apps/`` and ``packages/``) and a source folder
# (``src/backend/``): a build manifest one level inside one of them is a package of the repository.
PACKAGE_FOLDERS = frozenset({"src", "packages", "apps", "libs", "services"})


def _monorepo(root: Path, depth: int = 2) -> bool:
    """A folder whose sub-folders hold the build manifests (``next/package.json``, ``platform/pyproject.toml``),
    or the sub-folders of its folder of packages (``PACKAGE_FOLDERS``: bisheng's ``src/backend/pyproject.toml``
    and ``src/frontend/platform/package.json``): a monorepo's root, whose own README, docs and prose are the
    project's documentation."""
    try:
        subs = [c for c in root.iterdir() if c.is_dir() and not c.name.startswith(".") and c.name not in SKIP_FOLDERS]
    except OSError:
        return False
    return any(is_project_root(c) for c in subs) or depth > 1 and any(
        _monorepo(c, depth - 1) for c in subs if c.name.lower() in PACKAGE_FOLDERS)


def _project_prose(rel: str, folders: frozenset[str], root: Path | None = None) -> bool:
    """Whether a prose file of a project (``rel``: its path below the walked ``root``) is a prompt: under
    a prompt folder (not another program's templates: ``_program_templates``), named as one
    (``is_path_prompty``, or ``prompt`` in the head of its file name: ``skprompt.txt``, ``system_prompt.md``;
    ``names_prompts``), or an agent instruction file."""
    from .prompt_names import is_path_prompty, name_words, names_prompts

    parts = rel.split("/")
    name = parts[-1]
    if agent_file(name) and not _plain_test_or_docs(parts):
        return True
    if any(set(name_words(p)) & DOC_WORDS for p in parts[:-1]):
        return False
    stem = name.split(".", 1)[0]
    return (names_prompts(stem) and any(w.endswith(("prompt", "prompts")) for w in name_words(stem))
            # skprompt.txt, system_prompt.md, prompt_template.md (not PROMPT_DISCOVERY.md: a page's title)
            or stem.lower() in ROLE_FILES
            or any(p.lower() in folders and (root is None or not _program_templates(root.joinpath(*parts[:i + 1])))
                   for i, p in enumerate(parts[:-1]))
            or (is_path_prompty(rel, prose=True) and not _human_instructions(parts)))


_PROGRAM_TEMPLATES_READ = 400
# ``{% include "x" %}``, ``{% import "x" as m %}``, ``{% from "x" import m %}``, ``{% extends "x" %}``: the template
# names another (Jinja's statements; a loader resolves the name from its folder).
_JINJA_REFERENCE = re.compile(r"""\{%-?\s*(?:include|import|from|extends)\s+["']([^"']+)["']""")


@lru_cache(maxsize=256)
def _program_templates(folder: Path) -> bool:
    """A folder named as a prompt folder (``templates/``, the name web frameworks and project generators
    also give theirs) whose template files are, for the most part, another program's: named for the format
    they render (``bot.py.jinja2``, ``package.json.jinja2``, ``page.html.j2``: ``not_prompt_file``'s rule) or
    for a repository's documentation (``README.md.jinja2``: ``community_file``), web pages
    (``own_templates._markup``: Flask/Starlette page templates, ``{% extends "base.jinja2" %}`` around HTML
    elements), or the parts these include, import or extend (a generated module's blocks and macros, a
    README's sections).  The folder is that program's (pipecat's project generator ``cli/templates/``,
    WikiChat's ``public/templates/`` of the pages its FastAPI server renders), and its other templates (an API
    page written in Markdown) with it: read only when they say prompt by their own name."""
    from .own_templates import _markup

    texts: dict[str, str] = {}  # path below the folder -> text
    others: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_FOLDERS)
        for name in sorted(filenames):
            lower = name.lower()
            if not lower.endswith(TEMPLATE_SUFFIXES) or len(texts) >= _PROGRAM_TEMPLATES_READ:
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, folder).replace(os.sep, "/")
            try:
                with open(full, "rb") as fh:
                    texts[rel] = fh.read(_TEMPLATE_HEAD).decode("utf-8", "replace")
            except OSError:
                continue
            if (lower.count(".") >= 2 and lower.rsplit(".", 2)[-2] in RENDERED_FORMATS) or community_file(name) \
                    or _markup(texts[rel][:_HEAD_BYTES]):
                others.add(rel)
    todo = list(others)
    while todo:  # the parts another program's templates name are that program's
        rel = todo.pop()
        here = os.path.dirname(rel)
        for ref in _JINJA_REFERENCE.findall(texts[rel]):
            for cand in (os.path.normpath(ref).replace(os.sep, "/"),
                         os.path.normpath(os.path.join(here, ref)).replace(os.sep, "/")):
                if cand in texts and cand not in others:
                    others.add(cand)
                    todo.append(cand)
    return 2 * len(others) > len(texts)


# A page named for its topic alone: ``prompts.txt``, ``PROMPTS.md``.
_TOPIC_WORDS = (["prompt"], ["prompts"])
_TOPIC_SET = 3  # sibling pages that make a folder a set of pages


def topic_page(p: Path, folders: frozenset[str]) -> bool:
    """A prose file named for the topic "prompts" and nothing else (``PROMPTS.md``, ``prompts.txt``) in a
    folder of pages of the same kind: three or more prose siblings with its extension, none of them saying
    prompt (Teams AI's ``getting-started/CONCEPTS/``: ``ACTIONS.md``, ``PLANNER.md``, ``PROMPTS.md``...; the
    chef bot's ``files/``: the same pages as ``.txt`` documents it indexes for retrieval).  The file is the
    page about prompts of a documentation set, not a prompt, as ``PROMPT_DISCOVERY.md`` is a page's title.
    Not under a prompt folder, where every file is one."""
    from .prompt_names import name_words

    if name_words(p.name.split(".", 1)[0]) not in _TOPIC_WORDS or p.suffix.lower() not in PROSE_EXTENSIONS:
        return False
    if any(prompt_folder_name(part, folders) for part in p.parent.parts):
        return False
    return _pages_beside(p.parent, p.suffix.lower()) >= _TOPIC_SET


@lru_cache(maxsize=512)
def _pages_beside(folder: Path, suffix: str) -> int:
    from .prompt_names import PATH_WORDS, name_words

    try:
        names = [e.name for e in os.scandir(folder) if e.is_file() and e.name.lower().endswith(suffix)]
    except OSError:
        return 0
    return sum(1 for n in names if not community_file(n) and not set(name_words(n.split(".", 1)[0])) & PATH_WORDS)


# Folders of an assistant's roles, one file per role (aichat's ``assets/roles/<name>.md``).
ROLE_FOLDERS = frozenset({"roles"})
ROLE_FILE_EXTENSIONS = (".md", ".markdown", ".txt")
_ROLE_FILE_BYTES = 1 << 20


def _role_file(p: Path) -> bool:
    """A file that is itself a role: Markdown or text directly in a ``roles/`` folder, holding the text a
    model is given (aichat: optional YAML front matter of the role's settings, ``model``, ``temperature``,
    ``use_tools``, then the role's prompt).  What the file holds decides, not the folder's name alone: an
    Ansible role is a folder of YAML tasks, handlers and config templates (``roles/<name>/tasks/main.yml``),
    whose files never sit directly in ``roles/``; a file there that is front matter only (aichat's
    ``%functions%.md``: settings, no text) or a community file (``roles/README.md``) is no prompt."""
    from .prompt_names import MIN_PROMPT_WORDS, count_words
    from .prompty import split_front_matter

    if p.parent.name.lower() not in ROLE_FOLDERS or not p.name.lower().endswith(ROLE_FILE_EXTENSIONS) \
            or community_file(p.name):
        return False
    try:
        if p.stat().st_size > _ROLE_FILE_BYTES:
            return False
        with open_text(str(p), encoding="utf-8") as fh:  # a FIFO named like a role must not block the walk
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return False
    body = text
    if text.startswith("---"):
        import yaml

        front, body, _line = split_front_matter(text)
        try:
            settings = yaml.safe_load(front) if front.strip() else {}
        except yaml.YAMLError:
            return False
        if not isinstance(settings, dict):
            return False  # a horizontal rule, not front matter
    return count_words(body) >= MIN_PROMPT_WORDS


def _agent_definition(p: Path, rel: str) -> bool:
    """A Markdown file that defines an agent or a command (``prompty.agent_front_matter``: front matter with a
    description beside a name, tools or model, then the prompt), in a folder of agents or commands or named as
    one (llmling-agent's ``claude_style_subagent.md``): its body is the agent's system prompt or the command's
    prompt, also inside a code project."""
    from .prompt_names import MIN_PROMPT_WORDS, count_words, name_words
    from .prompty import agent_front_matter

    if p.suffix.lower() not in (".md", ".markdown") or community_file(p.name) \
            or any(set(name_words(q)) & DOC_WORDS for q in rel.split("/")[:-1]):
        return False  # (a documentation folder's pages about agents and commands stay documentation)
    try:
        if p.stat().st_size > _ROLE_FILE_BYTES:
            return False
        with open_text(str(p), encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return False
    found = agent_front_matter(text, str(p))
    return found is not None and count_words(found[0]) >= MIN_PROMPT_WORDS


def agent_file(name: str) -> bool:
    """A file an agent loads as instructions, by its conventional name (``AGENTS.md``, ``SKILL.md``,
    Copilot's ``*.instructions.md``...)."""
    return name in AGENT_FILES or name.lower().endswith(AGENT_FILE_SUFFIXES)


def _plain_test_or_docs(parts: list[str]) -> bool:
    """Whether a folder of the path is a test or documentation folder by its very name (``tests/``,
    ``docs/``).  A declared agent file elsewhere keeps its declaration: the guesses that read a
    compound name as tests or docs (``breakdown-test/``, ``java-docs/``: Agent Skills about tests
    and docs) are for files that say nothing of themselves."""
    return any(p.lower() in TEST_DIRS or p.lower() in DOC_FOLDERS for p in parts[:-1])


# A prose file named after a chat role holds that role's message (Fabric's
# ``data/patterns/<name>/system.md`` and ``user.md``).
ROLE_FILES = frozenset({"system", "user", "assistant", "developer"})
# Words that say whom written instructions are for: a model (``system_instructions.md``,
# ``agent-instructions.md``, ``copilot-instructions.md``) rather than a person (``setup_instructions.md``).
MODEL_WORDS = frozenset({"system", "agent", "agents", "assistant", "model", "llm", "ai", "bot", "copilot",
                         "custom", "persona"})


def _human_instructions(parts: list[str]) -> bool:
    """Whether a prose file says prompt only by ``instruction(s)`` in its names, with no word saying a
    model reads them: in a code project, install and deployment instructions for people
    (``aws_https_instructions.md``)."""
    from .prompt_names import PATH_WORDS, name_words

    words = set()
    for p in [*parts[:-1], parts[-1].split(".", 1)[0]]:
        words |= set(name_words(p))
    said = words & PATH_WORDS
    return bool(said) and said <= {"instruction", "instructions"} and not words & MODEL_WORDS


def in_translation_folder(path: str) -> bool:
    """Whether a path sits in a folder of translations (``locales/``, ``i18n/``...)."""
    return any(part.lower() in TRANSLATION_FOLDERS for part in re.split(r"[\\/]", path)[:-1])


def _translated_ui(rel: str) -> bool:
    """A file of a translation folder that is no config file or code: UI text (``.po``, ``.properties``).
    Its config files and JS/TS modules (``locales/cn.ts``) are read, for their translated prompts only."""
    from .js.grammar import EXTENSIONS

    return in_translation_folder(rel) and not rel.lower().endswith(_CONFIG_SUFFIXES + EXTENSIONS)


def _blank(p: Path) -> bool:
    """An empty or whitespace-only file (Fabric's placeholder ``user.md``): nothing to read."""
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            return False  # a FIFO or a device: read_text names it, a read here would block or never end
        return st.st_size < 64 and not p.read_bytes().strip()
    except OSError:
        return False


# What bundlers write: JavaScript (``.js``, and the ``.mjs``/``.cjs`` module forms the same tools emit)
MINIFIABLE_SUFFIXES = (".js", ".mjs", ".cjs")
MINIFIED_LINE = 110  # average characters a line above which a file is minified (GitHub Linguist's rule)


def minified(p: Path) -> bool:
    """A minified JavaScript file, by GitHub Linguist's rule for generated files (``generated.rb``,
    ``minified_files?``: a ``.js`` file whose average line, newlines not counted, is over 110
    characters): what a bundler or minifier wrote (webpack and Next.js chunks, ``*.min.js`` under
    another name), whose prompts are copies of the sources it was built from.  A walk skips it as it
    skips ``*.min.js``; named on the command line it is read.  Hand-written and compiled-but-unminified
    code (``tsc``'s ``dist/*.js``) keeps its lines."""
    if not p.name.lower().endswith(MINIFIABLE_SUFFIXES):
        return False
    from .js.grammar import MAX_WALK_BYTES

    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_WALK_BYTES:
            return False  # a FIFO or a device: read_text names it; too big: the loader's one warning line names it
        text = p.read_bytes().decode("utf-8", "replace")
    except OSError:
        return False
    lines = text.count("\n") + 1
    return (len(text) - (lines - 1)) // lines > MINIFIED_LINE


def _run_output(rel: str) -> bool:
    """A JSON/JSONL file of a project that a run wrote or reads: a folder or its own name says results or
    outputs, or is a generated id, samples or a dataset, or its own name is ``data``/``inputs`` (and its
    path says no prompt)."""
    from .prompt_names import is_path_prompty, name_words

    parts = rel.split("/")
    stem = parts[-1].split(".", 1)[0]
    stems = [*parts[:-1], stem]
    if any(set(name_words(p)) & RUN_OUTPUT_WORDS for p in stems) or any(_GENERATED_ID.fullmatch(p) for p in stems):
        return True
    last = name_words(stem)[-1:]  # data.jsonl, fed_data.jsonl, eval_inputs.json
    said = any(set(name_words(p)) & RUN_INPUT_WORDS for p in stems) or bool(set(last) & RUN_INPUT_STEMS)
    return said and not is_path_prompty(rel)


def _flow_folder(folder: Path) -> bool:
    """A prompt flow's folder: it holds a flow definition (``FLOW_DEFINITIONS``)."""
    return any((folder / name).is_file() for name in FLOW_DEFINITIONS)


def tracked_files(root: Path) -> frozenset[str] | None:
    """The files git tracks in the repository at ``root`` and the folders holding them (relative POSIX
    paths), or None when git cannot say (no git, not a work tree).  ``.gitignore`` applies to untracked
    files only (gitignore(5)): text-generation-webui ignores ``/user_data`` and commits the characters
    and templates it ships there."""
    import subprocess

    try:
        res = subprocess.run(["git", f"--git-dir={root / '.git'}", f"--work-tree={root}", "ls-files", "-z"],
                             capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if res.returncode:
        return None
    out: set[str] = set()
    for rel in res.stdout.decode("utf-8", "replace").split("\0"):
        parts = rel.split("/")
        out.update("/".join(parts[:i]) for i in range(1, len(parts) + 1) if rel)
    return frozenset(out)


def _spec(patterns: list[str]) -> pathspec.PathSpec | None:
    return pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None


def _gitignore(directory: Path) -> pathspec.PathSpec | None:
    f = directory / ".gitignore"
    if not f.is_file():
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines(f.read_text(errors="replace").splitlines())
    except (OSError, ValueError):
        return None


def _wanted(p: Path, root: Path, folders: frozenset[str]) -> bool:
    suffix = p.suffix.lower()
    if suffix in PROMPT_EXTENSIONS:
        return True
    in_folder = any(prompt_folder_name(part, folders) for part in p.relative_to(root).parts[:-1]) or \
        prompt_folder_name(root.name, folders)
    if suffix not in FOLDER_EXTENSIONS and "." in p.name:
        # an extension of the project's own whose content is a template of text (own_templates)
        return in_folder and _own_template(p)
    return in_folder


_HEAD_BYTES = 4096


def _own_template(p: Path) -> bool:
    """A template of prose under an extension of the project's own (``own_templates``), or a sibling of
    one: a file of the same folder with the same extension (a partial the templates include, which may
    hold no tag or little text of its own)."""
    return _own_template_folder(p.parent, p.suffix.lower())


@lru_cache(maxsize=512)
def _own_template_folder(folder: Path, suffix: str) -> bool:
    from .own_templates import own_template_file

    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.lower().endswith(suffix) and e.is_file())
    except OSError:
        return False
    for name in names:
        try:
            with open(folder / name, "rb") as fh:
                head = fh.read(_HEAD_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        if own_template_file(name, head, of_prose=True):
            return True
    return False


def find_files(paths: list[str], include: list[str] | None = None,
               exclude: list[str] | None = None,
               prompt_folders: list[str] | tuple[str, ...] | None = None) -> tuple[list[Found], list[str]]:
    """Files to read, in a stable order, and the paths that do not exist.  Files a walk recognises as
    holding no prompt (``not_prompt_file``) are listed with ``skip`` set: seen, never read."""
    inc, exc = _spec(include or []), _spec(exclude or [])
    folders = frozenset(f.lower() for f in (PROMPT_FOLDERS if prompt_folders is None else prompt_folders))
    found: list[Found] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(p: str, explicit: bool, skip: bool = False, read_as: str | None = None) -> None:
        if p not in seen:
            seen.add(p)
            found.append(Found(p, explicit, skip, read_as))

    for raw in paths:
        root = Path(raw)
        if raw == "-" or root.is_file() or (os.path.exists(raw) and not root.is_dir()):
            # a FIFO or device named on the command line: the input layer refuses it by name
            add(raw, True)
            continue
        if not root.is_dir():
            missing.append(raw)
            continue
        ignores: list[tuple[Path, pathspec.PathSpec]] = []
        repository = (root / ".git").exists()
        prompt_home = _keeps_prompt_folder(root, folders)
        tracked = tracked_files(root) if repository else None
        in_project: dict[Path, bool] = {}  # folder -> inside a code project (a manifest at or below the root)
        in_site: dict[Path, bool] = {}  # folder -> inside a documentation site below the root
        unlisted: dict[str, Path] = {}  # files the walk passed over by their extension (an include may name them)
        for dirpath, dirnames, filenames in os.walk(root):
            here = Path(dirpath)
            project = in_project.get(here.parent, False) if here != root else False
            project = in_project[here] = project or is_project_root(here) or (here == root and _monorepo(root))
            site = in_site[here] = here != root and (in_site.get(here.parent, False) or _site_root(here))
            gi = _gitignore(here)
            if gi:
                ignores.append((here, gi))
            active = [(d, s) for d, s in ignores if here == d or d in here.parents]

            def ignored(p: Path, is_dir: bool) -> bool:
                if tracked is not None and p.relative_to(root).as_posix() in tracked:
                    return False  # git ignores untracked files only: a committed file is the project's
                for base, spec in active:
                    rel = p.relative_to(base).as_posix() + ("/" if is_dir else "")
                    if spec.match_file(rel):
                        return True
                return False

            if (here / "Chart.yaml").is_file() and here != root:
                dirnames[:] = []  # a Helm chart: Kubernetes manifests and Go templates, no prompt
                continue
            source_tree = project and not is_project_root(here) and here != root
            github = here.name.lower() == ".github"
            dirnames[:] = sorted(d for d in dirnames
                                 if (not d.startswith(".") or d.lower() == ".github" or (
                                     d.lower() not in HIDDEN_TOOL_FOLDERS
                                     and (source_tree or is_project_root(here / d))))
                                 and (not github or d.lower() in GITHUB_AGENT_FOLDERS)
                                 and (d not in SKIP_FOLDERS or (d in VENDORED_FOLDERS and _prompt_folder_below(here, root, folders)))
                                 and not (here / d / "pyvenv.cfg").is_file() and not ignored(here / d, True))
            flow_folder = _flow_folder(here)
            for name in sorted(filenames):
                p = here / name
                if name.startswith(".") or ignored(p, False) or "{{" in name or "{%" in name:
                    continue  # (a file named by a placeholder is a scaffold that makes files)
                if github and not (agent_file(name) or name.lower() in GITHUB_AGENT_FILES):
                    continue  # (the settings of GitHub's tools: workflows, issue templates, CODEOWNERS)
                rel = p.relative_to(root).as_posix()
                if inc is not None:
                    if not (inc.match_file(rel) or inc.match_file(name)):
                        continue
                elif not _wanted(p, root, folders):
                    if exc is None or not (exc.match_file(rel) or exc.match_file(name)):
                        unlisted[os.path.normpath(str(p))] = p
                    continue
                if exc is not None and (exc.match_file(rel) or exc.match_file(name)):
                    continue
                declared = agent_file(name) and not _plain_test_or_docs(rel.split("/"))
                flow_template = flow_folder and name.lower().endswith(JINJA_SUFFIXES)
                skip = inc is None and (not_prompt_file(name) or (_test_file(rel, p) and not declared)
                                        or _translated_ui(rel) or (
                    (repository or project) and ((_docs_data(rel, folders) and not declared) or _community(name))) or (
                    folder_doc(name)) or (
                    site and p.suffix.lower() in DATA_EXTENSIONS) or (
                    (project or prompt_home) and p.suffix.lower() in PROSE_EXTENSIONS and not flow_template
                    and (not _project_prose(rel, folders, root) or topic_page(p, folders)) and not _role_file(p)
                    and (project or not _templated_prose(p)) and not go_embedded_prompt(p, root)
                    and not _agent_definition(p, rel)) or (
                    project and p.suffix.lower() in RUN_DATA_EXTENSIONS and _run_output(rel)) or (
                    not _project_prose(rel, folders, root) and not _role_file(p) and documentation_card(p))
                                        or minified(p))
                add(str(p), False, skip=skip or _blank(p))
        _read_referenced(root, found)
        _read_included(root, found, unlisted)
    return found, missing


# A config field named as a prompt whose value is the path of a prose or template file
# (alpaca_eval's ``prompt_template: "alpaca_eval_gpt4/alpaca_eval.txt"``): the project says that file is
# a prompt, whatever its name.  Found by a line pattern (``key: value`` / ``key = value`` /
# ``"key": "value"``), the value resolved against the config's folder and each folder above it up to
# the walked one (loaders resolve against a base folder, the config's or the project's).
_REFERENCE = re.compile(
    r"""^[ \t-]*["']?([A-Za-z_][\w.-]*)["']?[ \t]*[:=][ \t]*["']?([^\s"'{}\[\]#,]+\.(?:txt|md|markdown|text|prompt|j2|jinja2?|tmpl|tpl|hbs|handlebars|mustache))["']?[ \t]*,?[ \t]*(?:#.*)?$""",
    re.M | re.I)
_REFERENCE_SIZE = 1 << 20


def referenced_prompt_files(config: Path, root: Path) -> set[str]:
    """Files a config names as prompts by a key that says so (``prompt_template: x/prompt.txt``)."""
    from .prompt_names import says_prompt

    try:
        if config.stat().st_size > _REFERENCE_SIZE:
            return set()
        with open_text(str(config), encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return set()
    out = set()
    root_abs = root.resolve()
    for m in _REFERENCE.finditer(text):
        if not says_prompt(m.group(1)):
            continue
        value = m.group(2).lstrip("./") if m.group(2).startswith("./") else m.group(2)
        base = config.parent
        while True:
            candidate = base / value
            if candidate.is_file() and root_abs in candidate.resolve().parents:
                out.add(os.path.normpath(str(candidate)))
                break
            if base == root or root not in base.parents:
                break
            base = base.parent
    return out


def _keeps_prompt_folder(root: Path, folders: frozenset[str]) -> bool:
    """A walked folder that is no code project (no build manifest at it or in a folder below it) and keeps
    a prompt folder at its top (LongBench's ``prompts/``, can-ai-code's ``prompts/``): the repository says
    where its prompts are, by the prompt-folder convention (``PROMPT_FOLDERS``), and its other prose
    (``GUIDE.md``, ``LongBench/task.md``) is documentation unless it says prompt as a code project's would
    (its name or folder, an agent file, a role file) or is a template a program fills (``humaneval/*.txt``
    with ``{{prompt}}``)."""
    if is_project_root(root) or _monorepo(root):
        return False
    try:
        with os.scandir(root) as entries:
            return any(e.name.lower() in folders and e.is_dir() for e in entries)
    except OSError:
        return False


def _templated_prose(p: Path) -> bool:
    """A prose file holding template placeholders (``prompt_names.holds_template_syntax``)."""
    from .prompt_names import holds_template_syntax

    try:
        with open_text(str(p), encoding="utf-8", errors="replace") as fh:
            head = fh.read(_TEMPLATE_HEAD)
    except (OSError, ValueError):
        return False
    return holds_template_syntax(head) is not None


_TEMPLATE_HEAD = 1 << 16


def _read_included(root: Path, found: list[Found], unlisted: dict[str, Path]) -> None:
    """Read as YAML the files the walked YAML configs ``include:`` (``config_include``), whatever their
    names: an extensionless ``_default_template_yaml`` the walk passed over is added, one under a prompt
    folder (listed as prose) is read as the config it is.  Followed through includes of includes; a file
    the walk never saw (ignored, excluded, hidden) stays out."""
    from .config_include import YAML_SUFFIXES, included_files

    at = {os.path.normpath(f.path): i for i, f in enumerate(found)}
    todo = [f.path for f in found if not f.skip and f.path.lower().endswith(YAML_SUFFIXES)]
    done: set[str] = set()
    while todo:
        config = todo.pop()
        if config in done:
            continue
        done.add(config)
        for target in included_files(Path(config)):
            key = os.path.normpath(str(target))
            if key.lower().endswith(YAML_SUFFIXES) or not (Path(key) == root or root.resolve() in Path(key).resolve().parents):
                continue  # a YAML file is read as one already (or skipped by its own rule)
            if key in at:
                i = at[key]
                if found[i].read_as is None and not found[i].explicit:
                    found[i] = Found(found[i].path, False, found[i].skip, ".yaml")
                    todo.append(found[i].path)
            elif key in unlisted:
                at[key] = len(found)
                found.append(Found(str(unlisted.pop(key)), False, False, ".yaml"))
                todo.append(found[-1].path)


def _read_referenced(root: Path, found: list[Found]) -> None:
    """Un-skip the files the walked configs name as prompts (``referenced_prompt_files``); a file the
    walk never listed (ignored, excluded, hidden) stays out."""
    refs: set[str] = set()
    for f in found:
        if not f.skip and not f.explicit and f.path.lower().endswith(_CONFIG_SUFFIXES) and \
                (Path(f.path) == root or root in Path(f.path).parents):
            refs |= referenced_prompt_files(Path(f.path), root)
    if not refs:
        return
    for i, f in enumerate(found):
        if f.skip and os.path.normpath(f.path) in refs and not _blank(Path(f.path)):
            found[i] = Found(f.path, False, False)

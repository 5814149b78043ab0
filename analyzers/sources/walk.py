"""Finds prompt files under the paths a user names: recursive, skipping hidden folders, paths that
``.gitignore`` files exclude, installed packages (``site-packages``, ``node_modules``, virtual
environments), binary files, and whatever ``--include``/``--exclude`` say.

Files without an extension and ``.tmpl``/``.tpl`` files are read only when named, or when they sit
under a *prompt folder* (``prompts``, ``preprompts``, ``templates``; the ``prompt-folders``
setting): elsewhere they are build files, licences and other languages' templates.

Prose files (``.md .txt .rst``, Jest ``.snap``) inside a *code package* (the walked folder or a folder
below it holds a package manifest: ``package.json``, ``pyproject.toml``, ``go.mod``...) are read only
where the package says it keeps prompts: under a prompt folder, or with a file or folder name that
says prompt (``system_prompt.md``, ``agent/instructions/``; ``prompt_names.is_path_prompty``).  The
rest of a package's prose is its documentation (READMEs, guides), test data and sample documents,
none of which is sent to a model as a prompt; so is, in a code package, anything under a test or
fixture folder.  Anywhere, data files under ``docs/`` (a documentation site's pages and settings,
pages about prompts too) and a repository's community files (README, CHANGELOG, CONTRIBUTING,
LICENSE...: GitHub's "community health files") are documentation.  A folder
of prompt files that is no code package (a prompt library, even under git) keeps every other prose
file; a file named on the command line is always read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pathspec

PROMPT_EXTENSIONS = frozenset({
    ".txt", ".md", ".markdown", ".prompt", ".text", ".snap",
    ".j2", ".jinja", ".jinja2", ".mustache", ".hbs", ".handlebars",
    ".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".prompty", ".gz", ".py",
    ".toml",  # config fields (sources/config_fields.py)
    ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx",  # JS/TS sources (sources/js_code.py)
})
# Read only under a prompt folder ("" is a file without an extension).
FOLDER_EXTENSIONS = frozenset({"", ".tmpl", ".tpl"})
PROMPT_FOLDERS = ("prompts", "preprompts", "templates")
# Prose: prompts in a folder of prompts, documentation in a code project (see the module docstring).
PROSE_EXTENSIONS = frozenset({".md", ".markdown", ".txt", ".text", ".rst", ".snap"})
# Data files under these are a documentation site (pages, navigation settings).
DOC_FOLDERS = frozenset({"docs", "doc", "documentation"})
DATA_EXTENSIONS = PROSE_EXTENSIONS | {".json", ".jsonl", ".yaml", ".yml", ".toml"}
# What marks a directory as the root of a code package (a package manifest; not ``.git``: a prompt
# library is a repository too).
PROJECT_MARKERS = ("package.json", "pyproject.toml", "setup.py", "setup.cfg", "go.mod", "Cargo.toml",
                   "pom.xml", "build.gradle", "build.gradle.kts", "composer.json", "Gemfile", "deno.json",
                   "Directory.Build.props")
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
})
_NOT_PROMPT_PATTERNS = ("tsconfig.*.json", "docker-compose.*.yml", "docker-compose.*.yaml", "*.min.js",
                        "*.d.ts", "*.map.json", ".eslintrc*", "*.config.js", "*.config.mjs", "*.config.cjs",
                        "*.config.ts")
_JS_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx")
# Folders of installed or vendored code, of build caches, and of JS test suites (their inputs and expected
# outputs, not the prompts the project sends; ``*.test.*``/``*.spec.*`` files and Storybook
# ``*.stories.*`` UI demos likewise).
SKIP_FOLDERS = frozenset({"node_modules", "bower_components", "__pycache__", "site-packages",
                             "vendor", "third_party",
                             "__tests__", "__mocks__", "__fixtures__",
                             # UI translation bundles (i18next, vue-i18n, react-intl, Rails): text
                             # shown to people in each UI language; prompts are not translated with it
                             "i18n", "l10n", "locales", "locale"})


@dataclass(frozen=True)
class Found:
    path: str  # as shown to the user
    explicit: bool  # named on the command line (read whatever its extension)
    skip: bool = False  # seen by the walk but known to hold no prompt (package.json...): not read


def not_prompt_file(name: str) -> bool:
    """Whether a walk skips this file name (``NOT_PROMPT_FILES``, lock files, bundles, type stubs)."""
    from fnmatch import fnmatch

    lower = name.lower()
    if lower.endswith(_JS_SUFFIXES) and (any(m in lower for m in (".test.", ".spec.", ".vitest.", ".stories.",
                                                                    ".mock."))
                                         or lower.startswith("mock")):
        return True  # test code, UI demos, test doubles (MockIdeMessenger.ts)
    return lower in NOT_PROMPT_FILES or any(fnmatch(lower, p) for p in _NOT_PROMPT_PATTERNS)


# Folders of test code (``src/test/``, ``e2e/``, ``test-helpers/``): mocks, test inputs and expected
# outputs.  Skipped for JS/TS sources anywhere, and for every file in a code project (its test data:
# sample documents, recorded bodies, snapshots), unless its name says prompt.
JS_TEST_DIRS = frozenset({"test", "tests", "e2e", "test-helpers", "test-utils", "testing", "mocks",
                          "__tests__", "__mocks__", "__fixtures__", "test_data", "testdata", "test-data",
                          "fixtures"})


def _names_tests(folder: str) -> bool:
    """A folder named as tests by its last word (.NET ``Functions.UnitTests``, ``IntegrationTests``)."""
    from .prompt_names import name_words

    if folder.lower() in JS_TEST_DIRS:
        return True
    words = name_words(folder.replace(".", "_"))
    return len(words) > 1 and words[-1] in ("test", "tests")


def _js_test(rel: str, code_project: bool = False) -> bool:
    """A JS/TS source inside a test folder of the walked tree (any file, in a code project)."""
    parts = rel.lower().split("/")
    if not any(_names_tests(p) for p in rel.split("/")[:-1]):
        return False
    if parts[-1].endswith(_JS_SUFFIXES):
        return True
    if not code_project:
        return False
    from .prompt_names import is_path_prompty

    return not is_path_prompty(parts[-1])


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


# Repository documentation by name (GitHub's community health files, changelogs, licences).
COMMUNITY_FILES = frozenset({"readme", "changelog", "changes", "history", "contributing", "code_of_conduct",
                             "security", "support", "governance", "license", "licence", "notice", "authors",
                             "maintainers", "codeowners", "funding", "copying"})


def is_code_project(directory: Path) -> bool:
    """Whether ``directory`` is the root of a code package (``PROJECT_MARKERS``)."""
    return any((directory / m).exists() for m in PROJECT_MARKERS)


def community_file(name: str) -> bool:
    """README.md, CHANGELOG.md, LICENSE.txt, CODE_OF_CONDUCT.md...: a repository's documentation."""
    stem = name.split(".", 1)[0].lower().replace("-", "_")
    return stem in COMMUNITY_FILES


def _in_prompt_folder(p: Path, root: Path, folders: frozenset[str]) -> bool:
    return any(part.lower() in folders for part in p.relative_to(root).parts[:-1]) or \
        root.name.lower() in folders


def _wanted(p: Path, root: Path, folders: frozenset[str], code_project: bool = False) -> bool:
    suffix = p.suffix.lower()
    if suffix in PROSE_EXTENSIONS and community_file(p.name):
        return False
    if suffix in DATA_EXTENSIONS and not _in_prompt_folder(p, root, folders) and \
            any(part.lower() in DOC_FOLDERS for part in p.relative_to(root).parts[:-1]):
        return False  # a documentation site's pages and settings (pages about prompts too)
    if suffix in PROSE_EXTENSIONS and code_project:
        from .prompt_names import is_path_prompty

        from .template import SK_FILE_NAMES

        rel = p.relative_to(root)
        return _in_prompt_folder(p, root, folders) or is_path_prompty(rel.as_posix()) or \
            p.name.lower() in SK_FILE_NAMES
    if suffix in PROMPT_EXTENSIONS:
        return True
    if suffix not in FOLDER_EXTENSIONS and "." in p.name:
        return False
    return _in_prompt_folder(p, root, folders)


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

    def add(p: str, explicit: bool, skip: bool = False) -> None:
        if p not in seen:
            seen.add(p)
            found.append(Found(p, explicit, skip))

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
        in_package: dict[Path, bool] = {}  # folder -> inside a code package (at or below the root)
        for dirpath, dirnames, filenames in os.walk(root):
            here = Path(dirpath)
            code_project = in_package.get(here.parent, False) if here != root else False
            code_project = in_package[here] = code_project or is_code_project(here)
            gi = _gitignore(here)
            if gi:
                ignores.append((here, gi))
            active = [(d, s) for d, s in ignores if here == d or d in here.parents]

            def ignored(p: Path, is_dir: bool) -> bool:
                for base, spec in active:
                    rel = p.relative_to(base).as_posix() + ("/" if is_dir else "")
                    if spec.match_file(rel):
                        return True
                return False

            dirnames[:] = sorted(d for d in dirnames
                                 if not d.startswith(".") and d not in SKIP_FOLDERS
                                 and not (here / d / "pyvenv.cfg").is_file() and not ignored(here / d, True))
            for name in sorted(filenames):
                p = here / name
                if name.startswith(".") or ignored(p, False):
                    continue
                rel = p.relative_to(root).as_posix()
                if inc is not None:
                    if not (inc.match_file(rel) or inc.match_file(name)):
                        continue
                elif not _wanted(p, root, folders, code_project):
                    continue
                if exc is not None and (exc.match_file(rel) or exc.match_file(name)):
                    continue
                add(str(p), False, skip=inc is None and (not_prompt_file(name) or _js_test(rel, code_project)))
    return found, missing

# usage: python negatives.py TREE SCAN_JSON (a git work tree and its `pcache scan . --format json`)
"""Negative side: files that hold no prompt (manifests, tsconfig, compose, CI workflows, lock files, i18n tables,
OpenAPI specs, JSON schemas) present in a tree, and whether a scan reported any of them."""
import json, re, subprocess, sys
root, scan = sys.argv[1], sys.argv[2]
files = subprocess.check_output(["git", "ls-files"], cwd=root, text=True).split("\n")
KINDS = {
    "package manifest": re.compile(r"(^|/)(package\.json|pyproject\.toml|go\.mod|Cargo\.toml|setup\.cfg)$"),
    "tsconfig": re.compile(r"(^|/)tsconfig[^/]*\.json$"),
    "compose": re.compile(r"(^|/)(docker-)?compose[^/]*\.ya?ml$"),
    "CI workflow": re.compile(r"(^|/)\.github/workflows/|(^|/)\.gitlab-ci\.yml$|(^|/)\.circleci/"),
    "lock file": re.compile(r"(^|/)(package-lock\.json|pnpm-lock\.yaml|yarn\.lock|poetry\.lock|uv\.lock|go\.sum|Cargo\.lock|flake\.lock)$"),
    "i18n table": re.compile(r"(^|/)(locales?|i18n|l10n|_locales)/"),
    "OpenAPI/swagger": re.compile(r"(^|/)(swagger[^/]*|openapi[^/]*|[^/]*[Aa]pi\.ya?ml)$|(^|/)swagger/"),
    "JSON schema": re.compile(r"schema[^/]*\.json$"),
    "task runner/lint config": re.compile(r"(^|/)(Taskfile\.ya?ml|Makefile|\.golangci\.ya?ml|\.pre-commit-config\.yaml|mkdocs\.ya?ml|renovate\.json|typedoc\.json|biome\.json)$"),
}
reported = {}
for p in json.load(open(scan))["prompts"]:
    reported.setdefault(p["file"].lstrip("./"), 0)
    reported[p["file"].lstrip("./")] += 1
for kind, rx in KINDS.items():
    present = [f for f in files if rx.search(f)]
    hit = [f for f in present if f in reported]
    print(f"{kind}: {len(present)} present, {len(hit)} reported", hit[:5])

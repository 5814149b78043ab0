"""``pcache lint``: rule-based checks for CI, with text/json/sarif/github/markdown output."""

from __future__ import annotations

import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Progress, report_source_errors, user_errors

HELP = """Check prompts, templates and request logs for mistakes that break prompt caching.

Every finding has a rule code (`pcache rule` lists them, `pcache rule PC101` explains one), a
location and a message with numbers. Exit codes: 0 nothing at or above --fail-on, 1 findings that
fail, 2 usage or input errors. Settings come from [tool.pcache] in pyproject.toml or a pcache.toml
(found by walking up from the first path); flags win.

Suppress one finding with a comment on the same or the previous line, e.g. in Jinja
`{# pcache: ignore[PC101] #}`.

Examples:

  pcache lint sample_prompts/support_bot_bad.md

  pcache lint prompts/ --fail-on warning --format sarif --output pcache.sarif

  pcache lint prompts/ --select PC1 --ignore PC104 --format github

  pcache lint prompts/ --changed-since origin/main --suggest
"""


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    markdown = "markdown"


def _split(values: List[str]) -> List[str]:
    out: List[str] = []
    for v in values or []:
        out.extend(c.strip().upper() for c in v.replace(",", " ").split() if c.strip())
    return out


def changed_files(ref: str, paths: List[str]) -> set:
    """Resolved paths of files changed since ``ref`` (committed, staged, unstaged and untracked)."""
    from pcache.analyzers.errors import PcacheError

    start = Path(paths[0] if paths else ".").resolve()
    cwd = start if start.is_dir() else start.parent

    def git(*args: str) -> str:
        try:
            res = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
        except OSError as exc:
            raise PcacheError(f"--changed-since needs git ({exc.strerror})") from None
        if res.returncode != 0:
            raise PcacheError(f"--changed-since {ref}: {res.stderr.strip().splitlines()[-1] if res.stderr.strip() else 'git failed'}",
                              hint="give a commit, branch or tag that exists here (e.g. origin/main)")
        return res.stdout

    root = Path(git("rev-parse", "--show-toplevel").strip())
    names = git("diff", "--name-only", "--diff-filter=ACMRT", ref, "--").splitlines()
    names += git("ls-files", "--others", "--exclude-standard").splitlines()
    return {str((root / n).resolve()) for n in names if n}


@user_errors
def lint(
    paths: List[str] = typer.Argument(..., help="Files or directories to lint.", show_default=False),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model whose tokenizer, cache rule and prices "
                                                                    "to use (default: a request's own, else gpt-4o)."),
    provider: Optional[str] = typer.Option(None, "--provider",
                                           help="Cache regime: openai|azure|anthropic|gemini|deepseek|vllm[:BLOCK]|"
                                                "sglang|llamacpp (default: from the model)."),
    select: List[str] = typer.Option([], "--select", help="Only these rule codes or prefixes (PC1, PC101,...)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Skip these rule codes or prefixes."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Lowest severity that fails: error|warning|info "
                                                                  "(default error)."),
    fmt: Optional[LintFormat] = typer.Option(None, "--format", "-f", help="Output format."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    config: Optional[str] = typer.Option(None, "--config", help="Config file (pcache.toml or pyproject.toml)."),
    min_cached_ratio: Optional[float] = typer.Option(None, "--min-cached-ratio",
                                                     help="PC203: fail prompts caching less than this share (0-1)."),
    changed_since: Optional[str] = typer.Option(None, "--changed-since", metavar="REF",
                                                help="Only lint files changed since this git ref."),
    suggest: bool = typer.Option(False, "--suggest", help="Show the static-first layout (a diff) and its savings."),
    syntax: Optional[str] = typer.Option(None, "--syntax", help="Template syntax: auto|jinja|mustache|format|template|none."),
    include: List[str] = typer.Option([], "--include", help="Only files matching this glob (repeatable)."),
    exclude: List[str] = typer.Option([], "--exclude", help="Skip files matching this glob (repeatable)."),
    request_field: Optional[str] = typer.Option(None, "--request-field",
                                                help="Dotted path of the request body in JSONL log lines."),
    no_color: bool = typer.Option(False, "--no-color", help="No colours (also: NO_COLOR)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text format: only the summary line."),
) -> None:
    from pcache.analyzers.config import SEVERITIES, find_config, load_config_file
    from pcache.analyzers.errors import PcacheError
    from pcache.analyzers.lint import LintOptions, check_codes, lint_report
    from pcache.analyzers.rules.context import LintSettings
    from pcache.analyzers.scan import scan
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths
    from pcache.analyzers.sources.walk import find_files

    from ..formats.interface import get_formatter

    cfg = load_config_file(config) if config else find_config(paths[0])
    fail = fail_on or cfg.fail_on or "error"
    if fail not in SEVERITIES:
        raise typer.BadParameter(f"must be one of {', '.join(SEVERITIES)}", param_hint="--fail-on")
    form = fmt.value if fmt else (cfg.format or "text")
    if form not in {f.value for f in LintFormat}:
        raise PcacheError(f"{cfg.path}: format must be one of text, json, sarif, github, markdown")
    syn = syntax or cfg.syntax or "auto"
    if syn not in {"auto", "jinja", "mustache", "format", "template", "none"}:
        raise typer.BadParameter(f"unknown syntax {syn!r}", param_hint="--syntax")
    ratio = min_cached_ratio if min_cached_ratio is not None else cfg.min_cached_ratio
    if ratio is not None and not 0 <= ratio <= 1:
        raise typer.BadParameter("must be between 0 and 1", param_hint="--min-cached-ratio")
    sel, ign = _split(select) or cfg.select, _split(ignore) or cfg.ignore
    check_codes(sel, "--select")
    check_codes(ign, "--ignore")
    inc, exc = include or cfg.include, exclude or cfg.exclude

    targets = list(paths)
    if changed_since:
        changed = changed_files(changed_since, paths)
        found, _missing = find_files(paths, inc, exc)
        targets = [f.path for f in found if str(Path(f.path).resolve()) in changed]
        if not targets:
            if not quiet and form == "text":
                sys.stderr.write(f"pcache: no prompt files changed since {changed_since}\n")
            raise typer.Exit(EXIT_OK)
        inc, exc = [], []

    options = SourceOptions(model=model or cfg.model, syntax=syn, request_field=request_field)
    with Progress("reading") as progress:
        corpus = load_paths(targets, options, inc, exc, progress=progress.update)
    report_source_errors(corpus.errors)
    if not corpus.prompts:
        if not corpus.errors:
            sys.stderr.write("pcache: error: no prompts found in " + ", ".join(targets) + "\n")
        raise typer.Exit(EXIT_USAGE)
    report = scan(corpus.prompts, model or cfg.model, provider)
    for w in report.warnings:
        sys.stderr.write(f"pcache: warning: {w}\n")
    settings = LintSettings(min_cached_ratio=ratio, pc202_min_uncached=cfg.pc202_min_uncached)
    result = lint_report(report, LintOptions(sel, ign, fail, cfg.per_file_ignores, settings))
    result.errors = corpus.errors

    suggestions = []
    if suggest:
        from pcache.analyzers.suggest import suggest as make_suggestions

        suggestions = make_suggestions(result)

    formatter = get_formatter(form)
    color = form == "text" and not no_color and "NO_COLOR" not in os.environ and output is None and sys.stdout.isatty()
    text = formatter.render(result, suggestions, color=color, quiet=quiet) if form == "text" \
        else formatter.render(result, suggestions)
    if output:
        from pcache.analyzers.outputs import write_text

        write_text(output, text, inputs=[*targets, *{p.path for p in corpus.prompts}])
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if form == "github" and summary_file:
        from pcache.analyzers.outputs import append_text

        try:
            append_text(summary_file, formatter.summary(result))
        except (PcacheError, OSError) as exc:  # the annotations above are the result; the summary is extra
            sys.stderr.write(f"pcache: warning: GITHUB_STEP_SUMMARY: {exc}\n")
    if corpus.errors:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if result.failed else EXIT_OK)

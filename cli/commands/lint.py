"""``pcache lint``: rule-based checks for CI, with text/json/sarif/github/markdown output."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from .. import options as opts
from ..common import (EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, SYNTAXES, Progress, nothing_found,
                      report_source_errors, require_prompts, user_errors)

HELP = """Check prompts, templates and request logs for mistakes that break prompt caching.

Every finding has a rule code (`pcache rule` lists them, `pcache rule PC101` explains one), a
location and a message with numbers. Exit codes: 0 nothing at or above --fail-on, 1 findings that
fail, 2 usage or input errors. Settings come from [tool.pcache] in pyproject.toml or a pcache.toml
(found by walking up from the first path); flags win.

A change is judged against the whole corpus: with --changed-since REF (or --changed, given the changed
files as pre-commit does) every file of the corpus is read and every rule runs, and the findings that
involve a changed file are reported, on either side of a comparison. PC701 fails when a prompt reads
fewer cached tokens per request than at the base (the git ref, or a --baseline file), with the cost per
1,000 requests and the line of the first difference.

Suppress one finding with a comment on the same or the previous line, e.g. in Jinja
`{# pcache: ignore[PC101] #}`.

Examples:

  pcache lint sample_prompts/support_bot_bad.md

  pcache lint prompts/ --fail-on warning --format sarif --output pcache.sarif

  pcache lint prompts/ --select PC1 --ignore PC104 --format github

  pcache lint prompts/ --changed-since origin/main --suggest

  pcache lint --changed prompts/system.j2   # what the pre-commit hook runs

  pcache lint prompts/ --write-baseline pcache-baseline.json

  pcache lint prompts/ --baseline pcache-baseline.json --output-format concise
"""


CONV_PANEL = "Volatility and conversations (pcache rule PC101)"


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    markdown = "markdown"


class TextStyle(str, Enum):
    full = "full"
    concise = "concise"
    grouped = "grouped"


def _split(values: List[str]) -> List[str]:
    out: List[str] = []
    for v in values or []:
        out.extend(c.strip().upper() for c in v.replace(",", " ").split() if c.strip())
    return out


@user_errors
def lint(
    paths: List[str] = typer.Argument(..., metavar="PATH", help="Files or directories to lint.", show_default=False),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model whose tokenizer, cache rule and prices "
                                                                    "to use (default: a request's own, else gpt-4o)."),
    provider: opts.Provider = None,
    select: List[str] = typer.Option([], "--select", help="Only these rule codes or prefixes (PC1, PC101,...)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Skip these rule codes or prefixes."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Lowest severity that fails: error, warning or info "
                                                                  "(default error)."),
    fmt: Optional[LintFormat] = typer.Option(None, "--format", "-f", help="Output format."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    config: opts.Config = None,
    min_cached_ratio: Optional[float] = typer.Option(None, "--min-cached-ratio",
                                                     help="PC203: fail prompts caching less than this share (0-1)."),
    changed_since: Optional[str] = typer.Option(None, "--changed-since", metavar="REF",
                                                help="Judge the files changed since this git ref against the "
                                                     "whole corpus under PATHS, and their cached tokens "
                                                     "against REF (PC701)."),
    changed: bool = typer.Option(False, "--changed",
                                 help="PATHS are changed files (as pre-commit passes them): read the corpus from "
                                      "the config's include patterns (else their folders), report what involves "
                                      "them, compare with HEAD (or pre-commit's from-ref)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", metavar="FILE",
                                           help="Compare cached tokens per prompt with this file (PC701) "
                                                "instead of git."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", metavar="FILE",
                                                 help="Write the corpus's cached tokens and prefix hashes "
                                                      "to FILE for --baseline, and exit."),
    suggest: bool = typer.Option(False, "--suggest", help="Show the static-first layout (a diff) and its savings."),
    syntax: opts.Syntax = None,
    include: opts.Include = [],
    exclude: opts.Exclude = [],
    request_field: opts.RequestField = None,
    conversation_turns: Optional[int] = typer.Option(None, "--conversation-turns", metavar="N", rich_help_panel=CONV_PANEL,
                                                     help="Turns that follow a head (system prompt) in the "
                                                          "conversation model (default 8)."),
    turn_tokens: Optional[int] = typer.Option(None, "--turn-tokens", metavar="N", rich_help_panel=CONV_PANEL,
                                              help="Tokens each turn adds (default 400)."),
    role: Optional[str] = typer.Option(None, "--role", rich_help_panel=CONV_PANEL, help="Where templates sit: head|whole|final-turn "
                                                            "(default: the message role, else head)."),
    show_config_variables: bool = typer.Option(False, "--show-config-variables", rich_help_panel=CONV_PANEL,
                                               help="Report per-config variables (role, tools...) too, as info."),
    show_notes: bool = typer.Option(False, "--show-notes", rich_help_panel=CONV_PANEL,
                                    help="List notes that cost nothing (PC201 on a head: the turn its "
                                         "conversation passes the minimum); counted otherwise."),
    no_color: opts.NoColor = False,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text format: only the summary line."),
    output_format: TextStyle = typer.Option(TextStyle.full, "--output-format",
                                            help="Text format layout: full (explanation and fix under each "
                                                 "finding), concise (one line each) or grouped (by file)."),
    statistics: bool = typer.Option(False, "--statistics", help="Text format: a count per rule instead of "
                                                                "the findings."),
) -> None:
    from pcache.analyzers.config import SEVERITIES, config_for
    from pcache.analyzers.errors import PcacheError
    from pcache.analyzers.lint import LintOptions, check_codes, conversation_settings, lint_report
    from pcache.analyzers.rules.context import LintSettings
    from pcache.analyzers.scan import scan
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths

    from ..formats.interface import get_formatter

    cfg = config_for(config, paths[0])
    fail = fail_on or cfg.fail_on or "error"
    if fail not in SEVERITIES:
        raise typer.BadParameter(f"must be one of {', '.join(SEVERITIES)}", param_hint="--fail-on")
    form = fmt.value if fmt else (cfg.format or "text")
    if form not in {f.value for f in LintFormat}:
        raise PcacheError(f"{cfg.path}: format must be one of text, json, sarif, github, markdown")
    syn = syntax or cfg.syntax or "auto"
    if syn not in SYNTAXES:
        raise typer.BadParameter(f"unknown syntax {syn!r}", param_hint="--syntax")
    ratio = min_cached_ratio if min_cached_ratio is not None else cfg.min_cached_ratio
    if ratio is not None and not 0 <= ratio <= 1:
        raise typer.BadParameter("must be between 0 and 1", param_hint="--min-cached-ratio")
    sel, ign = _split(select) or cfg.select, _split(ignore) or cfg.ignore
    check_codes(sel, "--select")
    check_codes(ign, "--ignore")
    if changed and changed_since:
        raise typer.BadParameter("use either --changed or --changed-since", param_hint="--changed")
    if sum(x is not None for x in (baseline, write_baseline)) > 1:
        raise typer.BadParameter("use either --baseline or --write-baseline", param_hint="--baseline")
    if write_baseline and (changed or changed_since):
        raise typer.BadParameter("writes the whole corpus; drop --changed/--changed-since",
                                 param_hint="--write-baseline")

    matcher = cfg.matcher()
    change, repo, corpus_paths = _change(paths, changed, changed_since, baseline, cfg)
    options = SourceOptions(model=model or cfg.model, syntax=syn, request_field=request_field)
    with Progress("reading") as progress:
        corpus = load_paths(corpus_paths, options, include, exclude, progress=progress.update,
                            keep=matcher.selected, prompt_folders=cfg.prompt_folders)
    report_source_errors(corpus.errors, warnings=corpus.warnings)
    if change is not None:
        from pcache.analyzers.changes import resolved

        if not any(resolved(p) in change.changed for p in corpus.paths) and not change.deleted:
            what = f"since {changed_since}" if changed_since else f"among the {len(paths)} file(s) given"
            sys.stderr.write(f"pcache: no prompt files changed {what}\n")
            raise typer.Exit(EXIT_USAGE if corpus.errors else EXIT_OK)
    if nothing_found(corpus, corpus_paths, "lint"):  # a repository root of manifests and code without prompts
        raise typer.Exit(EXIT_USAGE if corpus.errors else EXIT_OK)
    require_prompts(corpus, corpus_paths)
    report = scan(corpus.prompts, model or cfg.model, provider)
    for w in report.warnings:
        sys.stderr.write(f"pcache: warning: {w}\n")

    if write_baseline:
        from pcache.analyzers.baseline import from_report

        from pcache.analyzers.outputs import write_text

        write_text(write_baseline, from_report(report, write_baseline).to_json(), inputs=[*corpus_paths, *corpus.paths])
        sys.stderr.write(f"pcache: wrote the cached tokens of {len(report.prompts):,} prompts to {write_baseline}\n")
        raise typer.Exit(EXIT_USAGE if corpus.errors else EXIT_OK)

    base = None
    if baseline:
        from pcache.analyzers.baseline import read as read_baseline

        base = read_baseline(baseline)
    elif change is not None and change.base is not None:
        from pcache.analyzers.changes import git_baseline

        base = git_baseline(repo, change.base, corpus, change, options, corpus_paths, model or cfg.model,
                            provider, keep=matcher.selected)
    settings = LintSettings(min_cached_ratio=ratio, pc202_min_uncached=cfg.pc202_min_uncached, baseline=base,
                            **conversation_settings(cfg, conversation_turns, turn_tokens,
                                                    show_config_variables or None, role, paths=corpus.paths))
    result = lint_report(report, LintOptions(sel, ign, fail, cfg.per_file_ignores, settings, root=str(cfg.root),
                                             changed=change.changed if change is not None else None,
                                             show_notes=show_notes or bool(cfg.show_notes)))
    result.errors = corpus.errors

    suggestions = []
    if suggest:
        from pcache.analyzers.suggest import suggest as make_suggestions

        suggestions = make_suggestions(result)

    formatter = get_formatter(form)
    color = form == "text" and not no_color and "NO_COLOR" not in os.environ and output is None and sys.stdout.isatty()
    text = formatter.render(result, suggestions, color=color, quiet=quiet, output_format=output_format.value,
                            statistics=statistics) if form == "text" else formatter.render(result, suggestions)
    if output:
        from pcache.analyzers.outputs import write_text

        write_text(output, text, inputs=[*corpus_paths, *corpus.paths])
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


def _change(paths: List[str], changed: bool, changed_since: Optional[str], baseline: Optional[str], cfg):
    """(the change, its git repo, the paths of the corpus to read) for --changed / --changed-since."""
    import os

    from pcache.analyzers.changes import Change, resolved
    from pcache.analyzers.errors import PcacheError
    from pcache.analyzers.gitrefs import GitRepo

    if changed_since:
        why = f"--changed-since {changed_since}"
        repo = GitRepo.at(paths[0], why)
        if not repo.verify(changed_since, why):
            raise PcacheError(f"{why}: not a commit here", hint="give a commit, branch or tag (e.g. origin/main)")
        return Change(repo.changed(changed_since, why), repo.deleted(changed_since, why), changed_since), repo, \
            list(paths)
    if not changed:
        return None, None, list(paths)
    roots = cfg.corpus_roots() if cfg.include else sorted({os.path.dirname(p) or "." for p in paths})
    roots = [os.path.relpath(r) if os.path.isabs(r) else r for r in roots]
    files = {resolved(p) for p in paths}
    if baseline:
        return Change(files, [], None), None, roots
    # pre-commit runs hooks on the staged state against HEAD; with --from-ref/--to-ref it says the base.
    ref = os.environ.get("PRE_COMMIT_FROM_REF") or "HEAD"
    try:
        repo = GitRepo.at(paths[0], "--changed")
        if not repo.verify(ref, "--changed"):
            return Change(files, [], None), None, roots
    except PcacheError:  # not a git repository (or no commit yet): no base to compare with
        return Change(files, [], None), None, roots
    deleted = repo.deleted(ref, "--changed")
    return Change(files, deleted, ref), repo, roots

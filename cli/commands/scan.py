"""``pcache scan``: per-prompt and corpus prefix analysis."""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from .. import options as opts
from ..common import redacting
from ..common import (EXIT_OK, EXIT_USAGE, OutputFormat, Progress, check_syntax, nothing_found,
                      report_source_errors, require_prompts, settings, stdout_console, user_errors)

HELP = """Tokenize prompts and show how many leading tokens OpenAI can cache, per prompt and per group.

Reads text/Markdown, templates (Jinja2, Mustache, str.format, string.Template), Chat Completions and
Responses request JSON, JSONL (bodies, Batch input, wrapped logs), Prompty and YAML, and the prompts in
Python source (named FILE.py:Qualified.name). Directories are walked recursively (hidden folders,
.gitignore'd paths and tests skipped; at a project's root, only the prose files that say prompt).

Exit codes: 0 scanned, 2 usage or input errors (a bad file is one line on stderr; the other
files are still scanned and shown).

Examples:

  pcache scan sample_prompts/

  pcache scan src/ --format json | jq '.prompts[] | {container, role, syntax}'

  pcache scan prompts/ --model gpt-4.1 --format json | jq .corpus

  pcache scan batch.jsonl --model gpt-4o-mini

  pcache scan requests/ --provider vllm:16

  pcache scan templates/ --syntax jinja --exclude 'drafts/*'

  pcache scan requests/ --live-count --yes --format json
      # exact counts: needs OPENAI_API_KEY or ANTHROPIC_API_KEY
"""



@redacting
@user_errors
def scan(
    paths: List[str] = typer.Argument(..., metavar="PATH", help="Files or directories to scan ('-' for stdin).",
                                      show_default=False),
    model: opts.Model = None,
    provider: opts.Provider = None,
    syntax: opts.Syntax = None,
    config: opts.Config = None,
    fmt: opts.Format = OutputFormat.text,
    include: opts.Include = [],
    exclude: opts.Exclude = [],
    request_field: opts.RequestField = None,
    no_color: opts.NoColor = False,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the corpus summary."),
    live_count: bool = typer.Option(False, "--live-count",
                                    help="Also get exact token counts from the providers (sends requests: "
                                         "OpenAI responses.input_tokens, Anthropic count_tokens)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="With --live-count: send without asking."),
    base_url: Optional[str] = typer.Option(None, "--base-url",
                                           help="With --live-count: OpenAI API root (default: OPENAI_BASE_URL, "
                                                "else api.openai.com)."),
) -> None:
    from pcache.analyzers.scan import scan as run_scan
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths

    from ..render.scan import render_scan_json, render_scan_text

    cfg = settings(config, paths[0])
    model = model or cfg.model
    options = SourceOptions(model=model, syntax=check_syntax(syntax or cfg.syntax or "auto"),
                            request_field=request_field)
    with Progress("reading") as progress:
        corpus = load_paths(paths, options, include, exclude, progress=progress.update,
                            keep=cfg.matcher().selected)
    report_source_errors(corpus.errors, warnings=corpus.warnings)
    if nothing_found(corpus, paths, "scan"):  # as lint: a clean, empty result (JSON: no prompts)
        if fmt == OutputFormat.json:
            typer.echo(render_scan_json(run_scan([], model, provider)))
        raise typer.Exit(EXIT_USAGE if corpus.errors else EXIT_OK)
    require_prompts(corpus, paths)
    report = run_scan(corpus.prompts, model, provider)
    for w in report.warnings:
        sys.stderr.write(f"pcache: warning: {w}\n")
    places = _places(report, cfg, corpus.paths)
    live = _live_counts(report, model, provider, base_url, yes) if live_count else None
    if fmt == OutputFormat.json:
        typer.echo(render_scan_json(report, errors=corpus.errors, live=live, places=places))
    else:
        render_scan_text(report, stdout_console(no_color), quiet=quiet, live=live, places=places)
    if live is not None and getattr(live, "interrupted", False):
        import os

        answered = sum(1 for c in live if c.live_tokens is not None)
        sys.stderr.write(f"pcache: interrupted: {live.sent} count request(s) sent, {answered} answered; "
                         "the offline scan above is complete\n")
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)  # a count worker may still wait on a socket: the results are out, leave now
    if corpus.errors:  # as lint: the other files' results are out, the exit code says one was bad
        raise typer.Exit(EXIT_USAGE)


def _places(report, cfg, paths):
    """Where each prompt sits and what its first variable costs there, as lint computes it (the
    configuration's conversation model, roles and declared classes; the scan's files for data flow)."""
    from pcache.analyzers.lint import conversation_settings
    from pcache.analyzers.rules.context import LintSettings
    from pcache.analyzers.scan_places import places

    return places(report, LintSettings(**conversation_settings(cfg, paths=paths)))


def _live_counts(report, model, provider, base_url, yes):
    """Exact counts from the providers' counting endpoints, after the user said yes (--live-count)."""
    import sys

    from pcache.analyzers.live_count import plan_live_counts, run_live_counts

    from ..common import fail

    plan = plan_live_counts([tp.prompt for tp in report.tokenized], model, provider, base_url)
    where = []
    if plan.openai is not None:
        where.append(f"{plan.count('openai')} to {plan.openai.host} (responses.input_tokens)")
    if plan.anthropic is not None:
        where.append(f"{plan.count('anthropic')} to {plan.anthropic.host} (messages.count_tokens)")
    skipped = len(plan.requests) - plan.sent
    sys.stderr.write(f"pcache scan: live token counts: {plan.sent} request(s)"
                     f"{': ' + ', '.join(where) if where else ''}"
                     f"{f'; {skipped} prompt(s) not counted' if skipped else ''}\n")
    if plan.sent and not yes:
        if not sys.stdin.isatty():
            fail("not sending count requests without confirmation: no terminal to ask", hint="pass --yes")
        if not typer.confirm("Send these count requests?", default=False, err=True):
            fail("cancelled, nothing sent", code=EXIT_USAGE)
    if not plan.sent:
        return run_live_counts(plan)
    with Progress("counting", min_total=1) as progress:
        return run_live_counts(plan, progress=progress.update)

"""``pcache scan``: per-prompt and corpus prefix analysis."""

from __future__ import annotations

from typing import List, Optional

import typer

from ..common import EXIT_USAGE, OutputFormat, Progress, report_source_errors, stdout_console, user_errors

HELP = """Tokenize prompts and show how many leading tokens OpenAI can cache, per prompt and per group.

Reads text/Markdown, templates (Jinja2, Mustache, str.format, string.Template), Chat Completions and
Responses request JSON, JSONL (bodies, Batch input, wrapped logs), Prompty and YAML. Directories are
walked recursively (hidden folders and .gitignore'd paths skipped).

Examples:

  pcache scan sample_prompts/

  pcache scan prompts/ --model gpt-4.1 --format json | jq .corpus

  pcache scan batch.jsonl --model gpt-4o-mini

  pcache scan requests/ --provider vllm:16

  pcache scan templates/ --syntax jinja --exclude 'drafts/*'
"""



@user_errors
def scan(
    paths: List[str] = typer.Argument(..., help="Files or directories to scan ('-' for stdin).",
                                      show_default=False),
    model: Optional[str] = typer.Option(None, "--model", "-m",
                                        help="Model whose tokenizer and cache rule to use "
                                             "(default: a request's own model, else gpt-4o)."),
    provider: Optional[str] = typer.Option(None, "--provider",
                                           help="Cache regime: openai, azure, anthropic, gemini, deepseek, "
                                                "vllm[:BLOCK], sglang, llamacpp (default: from the model)."),
    syntax: str = typer.Option("auto", "--syntax",
                               help="Template syntax: auto|jinja|mustache|format|template|none."),
    fmt: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="Output format."),
    include: List[str] = typer.Option([], "--include", help="Only files matching this glob (repeatable)."),
    exclude: List[str] = typer.Option([], "--exclude", help="Skip files matching this glob (repeatable)."),
    request_field: Optional[str] = typer.Option(None, "--request-field",
                                                help="Dotted path of the request body in JSONL log lines."),
    no_color: bool = typer.Option(False, "--no-color", help="No colours (also: NO_COLOR)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the corpus summary."),
) -> None:
    from pcache.analyzers.scan import scan as run_scan
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths

    from ..render.scan import render_scan_json, render_scan_text

    if syntax not in {"auto", "jinja", "mustache", "format", "template", "none"}:
        raise typer.BadParameter(f"unknown syntax {syntax!r}", param_hint="--syntax")
    options = SourceOptions(model=model, syntax=syntax, request_field=request_field)
    with Progress("reading") as progress:
        corpus = load_paths(paths, options, include, exclude, progress=progress.update)
    report_source_errors(corpus.errors)
    if not corpus.prompts:
        raise typer.Exit(EXIT_USAGE)
    report = run_scan(corpus.prompts, model, provider)
    for w in report.warnings:
        import sys

        sys.stderr.write(f"pcache: warning: {w}\n")
    if fmt == OutputFormat.json:
        typer.echo(render_scan_json(report, errors=corpus.errors))
    else:
        render_scan_text(report, stdout_console(no_color), quiet=quiet)

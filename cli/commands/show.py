"""``pcache show``: one prompt with its token structure, the cache rule's lines and a verdict."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from .. import options as opts
from ..common import (STATE, OutputFormat, check_syntax, report_source_errors, settings,
                      stdout_console, user_errors)

HELP = """Show a prompt with its token structure: what is cached, where the variables are, what they cost.

The static prefix is green, variables are highlighted, and markers show the ~256-token routing window,
the 1,024-token minimum, every 128-token step up to the end of the static prefix, and where caching
stops. The last line is a verdict, e.g. "0 of 1,621 tokens cacheable: `{{ today }}` at token 2 costs
1,536 cached tokens per request" (cached tokens it would have with the variables moved after the
static text, minus cached tokens now). Long static stretches are folded.

Examples:

  pcache show sample_prompts/support_bot_bad.md

  pcache show sample_prompts/support_batch.jsonl#L3 --tokens

  pcache show sample_prompts/support_agent.py:SYSTEM_PROMPT

  pcache show prompt.j2 --model gpt-4.1 --width 100 --no-fold

  pcache show request.json --format json | jq .verdict
"""


@user_errors
def show(
    file: str = typer.Argument(..., metavar="FILE", help="A prompt file; pick one line of a JSONL with FILE#L3, "
                                                         "one prompt of a .py file with FILE.py:Qualified.name.",
                               show_default=False),
    model: opts.Model = None,
    width: Optional[int] = typer.Option(None, "--width", "-w", min=20, help="Output width in columns."),
    tokens: bool = typer.Option(False, "--tokens", help="Show token boundaries (alternating background)."),
    fold: bool = typer.Option(True, "--fold/--no-fold", help="Fold long static stretches."),
    syntax: opts.Syntax = None,
    config: opts.Config = None,
    fmt: opts.Format = OutputFormat.text,
    no_color: opts.NoColor = False,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the verdict line."),
    debug: opts.Debug = False,
) -> None:
    from pcache.analyzers.markers import verdict as make_verdict
    from pcache.analyzers.pick import pick
    from pcache.analyzers.providers.registry import cache_model_for
    from pcache.analyzers.scan import effective_model, tokenize_corpus
    from pcache.analyzers.sources.interface import SourceOptions

    from ..render.show import render_show_json, render_show_text

    STATE.debug = STATE.debug or debug
    cfg = settings(config, file)
    model = model or cfg.model
    syntax = check_syntax(syntax or cfg.syntax or "auto")
    picked = pick(file, SourceOptions(model=model, syntax=syntax))
    report_source_errors(picked.errors)
    chosen = effective_model(picked.prompt, model)
    # only a --model the user typed must be known; a body's unknown model is a warning (o200k_base)
    (tp,), warnings = tokenize_corpus([picked.prompt], model)
    for w in warnings:
        sys.stderr.write(f"pcache: warning: {w}\n")
    from pcache.analyzers.volatility import VolatilitySettings

    declared = VolatilitySettings(dict(cfg.variables))
    v = make_verdict(tp, cache_model_for(chosen), volatility_settings=declared)
    _place(v, picked.prompt, model, cfg, file)
    if fmt == OutputFormat.json:
        typer.echo(render_show_json(tp, v, chosen))
        return
    console = stdout_console(no_color)
    if width:
        console.width = width
    render_show_text(tp, v, console, model=chosen, show_tokens=tokens, fold=fold, quiet=quiet,
                     others=picked.others)


def _place(v, prompt, model, cfg, file) -> None:
    """The verdict with lint's conversation model: where the prompt sits and what its first variable
    costs there (scan and lint give the same numbers)."""
    from pcache.analyzers.lint import conversation_settings
    from pcache.analyzers.markers import verdict_line
    from pcache.analyzers.rules.context import LintSettings
    from pcache.analyzers.scan import scan as run_scan
    from pcache.analyzers.scan_places import places

    path = file.split("#", 1)[0]
    report = run_scan([prompt], model, None)
    place = places(report, LintSettings(**conversation_settings(cfg, paths=[path]))).places[0]
    v.position = place.position
    v.turn_passing_minimum = place.turn_passing_minimum
    if place.position == "head" and not v.lost_cached_tokens:
        v.conversation_cost_tokens = place.cost_tokens_per_conversation
    v.line = verdict_line(v)

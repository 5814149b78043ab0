"""``pcache models``: what the tool assumes for each model."""

from __future__ import annotations

from typing import List

import typer

from .. import options as opts
from ..common import STATE, OutputFormat, stdout_console, user_errors

HELP = """List known models with the encoding, caching regime, minimum, step, discount and prices the tool uses.

Encodings come from tiktoken, thresholds from the dated provider data files, prices (USD per million
tokens) from the genai-prices snapshot. Add any model with --model to see what pcache assumes for it.

Examples:

  pcache models

  pcache models --model gpt-4o-2024-08-06 \\
      --model ft:gpt-4o-mini:acme::abc123

  pcache models --format json | jq '.models[] | select(.model == "gpt-4.1")'

  pcache models --regimes   # each cache regime's assumptions, source, date
"""


@user_errors
def models(
    model: List[str] = typer.Option([], "--model", "-m", help="Also list this model (repeatable)."),
    only: bool = typer.Option(False, "--only", help="List only the models given with --model."),
    fmt: opts.Format = OutputFormat.text,
    no_color: opts.NoColor = False,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="One tab-separated line per model."),
    regimes: bool = typer.Option(False, "--regimes",
                                 help="List every cache regime's assumptions with source and date (JSON: always "
                                      "included as \"regimes\")."),
    debug: opts.Debug = False,
) -> None:
    from pcache.analyzers.catalog import known_models, model_info, regime_infos

    from ..render.models import render_models_json, render_models_text, render_regimes_text

    STATE.debug = STATE.debug or debug
    if regimes and fmt != OutputFormat.json:
        render_regimes_text(regime_infos(), stdout_console(no_color))
        return
    infos = [model_info(m) for m in dict.fromkeys(model)] if only and model else known_models(model)
    if fmt == OutputFormat.json:
        typer.echo(render_models_json(infos, regime_infos()))
    else:
        render_models_text(infos, stdout_console(no_color), quiet=quiet)
        if not quiet:
            stdout_console(no_color).print("[dim]Every regime's assumptions with source and date: "
                                           "pcache models --regimes[/dim]")

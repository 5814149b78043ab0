"""``pcache diff``: why did B miss the cache that A warmed?"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from .. import options as opts
from ..common import (STATE, OutputFormat, check_syntax, report_source_errors, settings,
                      stdout_console, user_errors)

HELP = """Compare two prompts token by token: where B leaves A, and how many tokens B reads from A's cache.

Prints the first divergent token, the text on both sides with its line:column in each file, whether
the difference is only whitespace, only Unicode (NFC, NBSP, zero-width) or only the key order of JSON
inside strings, and the cached tokens for B after A under the model's rule. Works on two text files,
two templates, two request JSONs, two lines of a JSONL file (FILE#L3), or two prompts in code
(FILE.py:Qualified.name).

Examples:

  pcache diff sample_prompts/chat_requests/request_01.json \\
      sample_prompts/chat_requests/request_06_timestamp.json

  pcache diff sample_prompts/support_batch.jsonl#L1 \\
      sample_prompts/support_batch.jsonl#L2

  pcache diff old_prompt.md new_prompt.md --model gpt-4.1 --format json
"""


@user_errors
def diff(
    a: str = typer.Argument(..., metavar="A", help="The prompt that warmed the cache (FILE or FILE#L3).", show_default=False),
    b: str = typer.Argument(..., metavar="B", help="The prompt that came next (FILE or FILE#L3).", show_default=False),
    model: Optional[str] = typer.Option(None, "--model", "-m",
                                        help="Model whose tokenizer and cache rule to use "
                                             "(default: A's own model, else gpt-4o)."),
    syntax: opts.Syntax = None,
    config: opts.Config = None,
    fmt: opts.Format = OutputFormat.text,
    no_color: opts.NoColor = False,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the one-line summary."),
    debug: opts.Debug = False,
) -> None:
    from pcache.analyzers.diff import diff_tokenized
    from pcache.analyzers.pick import pick
    from pcache.analyzers.providers.registry import cache_model_for
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.tokenizer import (DEFAULT_MODEL, load_encoding, resolve_body_model, resolve_model,
                                           tokenize_prompts)

    from ..render.diff import render_diff_json, render_diff_text

    STATE.debug = STATE.debug or debug
    cfg = settings(config, a)
    model = model or cfg.model
    syntax = check_syntax(syntax or cfg.syntax or "auto")
    options = SourceOptions(model=model, syntax=syntax)
    pa, pb = pick(a, options), pick(b, options)
    report_source_errors(pa.errors + pb.errors)
    chosen = model or pa.prompt.model or pb.prompt.model or DEFAULT_MODEL
    choice = resolve_model(chosen) if model else resolve_body_model(chosen)
    if choice.warning:
        sys.stderr.write(f"pcache: warning: {choice.warning}\n")
    ta, tb = tokenize_prompts([pa.prompt, pb.prompt], load_encoding(choice.encoding))
    result = diff_tokenized(ta, tb, cache_model_for(chosen), chosen)
    if fmt == OutputFormat.json:
        typer.echo(render_diff_json(result))
        return
    render_diff_text(result, ta, tb, stdout_console(no_color), quiet=quiet)

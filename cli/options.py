"""Options that several commands share, declared once (same flag, same help everywhere)."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from .common import CONFIG_HELP, SYNTAXES, OutputFormat

Config = Annotated[Optional[str], typer.Option("--config", help=CONFIG_HELP)]
Syntax = Annotated[Optional[str], typer.Option(
    "--syntax", help=f"Template syntax: {', '.join(SYNTAXES[:-1])} or {SYNTAXES[-1]} (default: the config's, else auto).")]
Format = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
NoColor = Annotated[bool, typer.Option("--no-color", help="No colours (also: NO_COLOR).")]
Debug = Annotated[bool, typer.Option("--debug", hidden=True, help="Show tracebacks for errors.")]
Provider = Annotated[Optional[str], typer.Option(
    "--provider", help="Cache regime: openai, azure, anthropic, gemini, deepseek, vllm[:BLOCK], sglang or llamacpp "
                       "(default: from the model).")]
Include = Annotated[List[str], typer.Option("--include", help="Only files matching this glob (repeatable).")]
Exclude = Annotated[List[str], typer.Option("--exclude", help="Skip files matching this glob (repeatable).")]
RequestField = Annotated[Optional[str], typer.Option(
    "--request-field", help="Dotted path of the request body in JSONL log lines.")]
Model = Annotated[Optional[str], typer.Option(
    "--model", "-m", help="Model whose tokenizer and cache rule to use (default: a request's own model, else gpt-4o).")]

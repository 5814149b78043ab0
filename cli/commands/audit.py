"""``pcache audit``: cost audit of real request logs, with genai-prices and a replay of the cache."""

from __future__ import annotations

import sys
from enum import Enum
from typing import List, Optional

import typer

from ..common import CONFIG_HELP, EXIT_OK, EXIT_USAGE, settings, stdout_console, user_errors

HELP = """Audit request logs: what you paid, what caching saved, what it should
have saved, and why not.

Reads JSONL request logs (request body + response/usage + timestamp per
line) and the same fields as Parquet columns, OpenAI Batch output (joined with its input by custom_id), usage-only
logs, OpenAI Usage API exports (JSON or CSV), and the exports of
OpenTelemetry GenAI / OpenInference spans (OTLP JSON), Langfuse, LiteLLM,
Helicone, and the VCR cassettes (YAML) of vcrpy / pytest-recording; a
directory stands for the log files below it. Files may be gzip-compressed. Where request text and timestamps
exist, requests are replayed through their own cache regime: OpenAI's legacy
rule (1024-token minimum, 128-token steps, 5-minute idle TTL, 60 minutes
optimistic), GPT-5.6+ breakpoints, Anthropic cache_control (5m/1h writes),
Gemini, DeepSeek, or a self-hosted server with --provider vllm[:BLOCK] |
sglang | llamacpp; writes are priced per regime.

Audits use every core (--jobs): requests are parsed and tokenized in worker
processes, split by cache scope (requests of different scopes never share a
cache) and each scope is replayed in time order; the report is the same
for any --jobs.

Examples:

  pcache audit logs/2026-10.jsonl.gz

  pcache audit batch_output.jsonl --batch-input batch_input.jsonl \\
      --format json

  pcache audit gateway.jsonl --request-field req.body \\
      --response-field resp.body --time-field ts

  pcache audit usage_export.csv --format csv > per_day.csv

  pcache audit logs.jsonl --format html -o audit.html --redact

  pcache audit logs.jsonl --model-map my-azure-deployment=gpt-4o \\
      --volatile 'session=\\w+'

  pcache audit vllm_requests.jsonl --provider vllm:16

  pcache audit traces.otlp.json langfuse_export.json helicone.csv

  pcache audit requests.parquet

  pcache audit tests/cassettes/

  pcache audit big.jsonl.gz --jobs 2 --format json -o audit.json

Logs may be object-storage URLs, read through pyarrow (the parquet or ray
extra); a trailing / reads every object under the prefix:

  pcache audit s3://bucket/logs/2026-10-01.jsonl.gz --format json

At scale (pip install 'prompt-cache-analyzer[ray]'): --engine ray runs the
same stages on Ray Data, in local mode on this machine (--jobs CPUs) or on
a cluster with --address:

  pcache audit logs/*.jsonl.gz --engine ray --format json

  pcache audit s3://bucket/logs/2026-10/ --engine ray --address auto
"""


class AuditFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    html = "html"


class AuditEngine(str, Enum):
    local = "local"
    ray = "ray"


class ProgressBar:
    """Bytes read with rate and ETA, on a terminal only."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = None
        self.task = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < (1 << 20):
            return
        if self.bar is None:
            from rich.progress import (BarColumn, DownloadColumn, Progress, TimeRemainingColumn,
                                       TransferSpeedColumn)

            from ..common import stderr_console

            self.bar = Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                                TransferSpeedColumn(), TimeRemainingColumn(), console=stderr_console(),
                                transient=True)
            self.bar.start()
            self.task = self.bar.add_task("auditing", total=total)
        self.bar.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@user_errors
def audit(
    paths: List[str] = typer.Argument(..., metavar="PATH",
                                      help="Log files or directories of them (JSONL, Batch output, Usage API "
                                           "JSON/CSV, exports, VCR cassettes; .gz ok).",
                                      show_default=False),
    config: Optional[str] = typer.Option(None, "--config", help=CONFIG_HELP + " Its exclude patterns skip "
                                                                             "log files."),
    fmt: AuditFormat = typer.Option(AuditFormat.text, "--format", "-f", help="Output format."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    request_field: Optional[str] = typer.Option(None, "--request-field",
                                                help="Dotted path of the request body in a log line."),
    response_field: Optional[str] = typer.Option(None, "--response-field",
                                                 help="Dotted path of the response body (or usage)."),
    time_field: Optional[str] = typer.Option(None, "--time-field", help="Dotted path of the timestamp."),
    model_field: Optional[str] = typer.Option(None, "--model-field", help="Dotted path of the model name."),
    preset: Optional[str] = typer.Option(None, "--preset",
                                         help="Field preset: wrapped | request-response | response-bodies."),
    reader: str = typer.Option("auto", "--reader",
                               help="Input shape: auto | jsonl | batch | usage-api-json | usage-api-csv | "
                                    "otel-genai | openinference | langfuse | litellm | helicone | vcr."),
    batch_input: List[str] = typer.Option([], "--batch-input",
                                          help="Batch input JSONL to join with Batch output (repeatable)."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Treat every request as this model."),
    model_map: List[str] = typer.Option([], "--model-map",
                                        help="NAME=MODEL: price/replay a logged name (Azure deployment) as "
                                             "MODEL (repeatable)."),
    provider: Optional[str] = typer.Option(None, "--provider",
                                           help="Cache regime of every request: openai, azure, anthropic, gemini, "
                                                "deepseek, vllm[:BLOCK], sglang, llamacpp (default: from the log)."),
    ttl: Optional[float] = typer.Option(None, "--ttl", help="Idle TTL of the cache in seconds (default 300)."),
    optimistic_ttl: Optional[float] = typer.Option(None, "--optimistic-ttl",
                                                   help="Optimistic idle TTL in seconds (default 3600)."),
    no_replay: bool = typer.Option(False, "--no-replay", help="Only sum usage and cost; no cache replay."),
    volatile: List[str] = typer.Option([], "--volatile",
                                       help="REGEX of volatile content for the what-if (repeatable)."),
    redact: bool = typer.Option(False, "--redact", help="Replace prompt excerpts by short hashes."),
    top: int = typer.Option(10, "--top", help="Prompt groups to show."),
    no_color: bool = typer.Option(False, "--no-color", help="No colours (also: NO_COLOR)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the summary."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Worker processes for reading, tokenizing and replaying "
                                            "(default: the cores, or 1 for logs under 8 MB; 1: all in this "
                                            "process). Same report for any value."),
    engine: AuditEngine = typer.Option(AuditEngine.local, "--engine",
                                       help="local: this machine's processes; ray: Ray Data (the ray extra; "
                                            "--jobs is then the CPUs of Ray local mode)."),
    address: Optional[str] = typer.Option(None, "--address",
                                          help="Ray cluster to join (auto, HOST:PORT or ray://HOST:10001); "
                                               "default: Ray local mode. With --engine ray."),
) -> None:
    import re

    from pcache.analyzers.audit.engine import AuditOptions, run_audit
    from pcache.analyzers.audit.readers.interface import ReaderOptions
    from pcache.analyzers.audit.readers.jsonl import PRESETS
    from pcache.analyzers.audit.readers.registry import BY_NAME

    if preset is not None and preset not in PRESETS:
        raise typer.BadParameter(f"unknown preset {preset!r} (known: {', '.join(PRESETS)})", param_hint="--preset")
    if reader != "auto" and reader not in BY_NAME:
        raise typer.BadParameter(f"unknown reader {reader!r} (known: auto, {', '.join(BY_NAME)})",
                                 param_hint="--reader")
    mapping = {}
    for item in model_map:
        name, sep, target = item.partition("=")
        if not sep or not name or not target:
            raise typer.BadParameter(f"expected NAME=MODEL, got {item!r}", param_hint="--model-map")
        mapping[name] = target
    for rx in volatile:
        try:
            re.compile(rx)
        except re.error as exc:
            raise typer.BadParameter(f"bad regular expression {rx!r}: {exc}", param_hint="--volatile")
    for p in list(paths) + list(batch_input):
        if p == "-":
            raise typer.BadParameter("audit reads files, not stdin", param_hint="PATHS")
    from pcache.analyzers.audit.storage import is_url
    from pcache.analyzers.inputs import why_missing

    if address is not None and engine != AuditEngine.ray:
        raise typer.BadParameter("--address joins a Ray cluster: use it with --engine ray", param_hint="--address")
    urls = [p for p in paths if is_url(p)]
    import os

    from ..common import fail

    from pcache.analyzers.audit.readers.registry import expand_paths

    given = list(paths)
    paths = expand_paths(given)
    if not paths:
        fail(f"{given[0]}: no log files in this directory" if len(given) == 1 else "no log files in the given "
             "directories", hint="audit reads .jsonl, .json, .csv and VCR cassettes (.yaml)")
    local_paths = [p for p in paths if not is_url(p)]
    cfg = settings(config, local_paths[0] if local_paths else ".")
    matcher = cfg.matcher(include=[])  # include patterns name prompt files, not logs
    kept = [p for p in paths if is_url(p) or matcher.selected(p)]
    if not kept:
        fail(f"every log file given is excluded by {cfg.path}", hint="see exclude there")
    paths = kept
    for p in list(batch_input):
        if not os.path.exists(p):
            fail(f"{p}: {why_missing(p)}", "--batch-input takes the Batch input JSONL you uploaded")
    if not urls and not any(os.path.exists(p) for p in paths):
        fail(f"{paths[0]}: {why_missing(paths[0])}" if len(paths) == 1 else "none of the given files exists")
    ropts = ReaderOptions(request_field, response_field, time_field, model_field, tuple(batch_input), model, preset)
    if provider is not None:
        from pcache.analyzers.providers.registry import cache_model_for

        cache_model_for(model, provider)  # an unknown provider: one line, exit 2
    aopts = AuditOptions(provider=provider, ttl=ttl, optimistic_ttl=optimistic_ttl, replay=not no_replay, whatif=not no_replay,
                         volatile=tuple(volatile), redact=redact, model_map=mapping, top_groups=max(top, 0),
                         jobs=jobs, engine=engine.value, address=address)
    if engine == AuditEngine.ray:  # Ray Data draws its own progress (the bar below stays empty)
        aopts.progress_bars = sys.stderr.isatty() and not quiet
    bar = ProgressBar(sys.stderr.isatty() and not quiet and engine != AuditEngine.ray)
    try:
        report = run_audit(paths, ropts, aopts, progress=bar, reader=None if reader == "auto" else reader)
    finally:
        bar.close()

    if not report.files or report.summary.requests == 0:
        _fail_without_usage(report, given)
    if fmt == AuditFormat.json:
        from ..render.audit import render_audit_json

        text = render_audit_json(report) + "\n"
    elif fmt == AuditFormat.csv:
        from ..formats.audit_csv import render

        text = render(report)
    elif fmt == AuditFormat.html:
        from ..formats.audit_html import render

        text = render(report)
    else:
        text = None
    if text is None and output:
        import io

        from rich.console import Console

        from ..render.audit import render_audit_text

        buf = io.StringIO()
        render_audit_text(report, Console(file=buf, no_color=True, width=120), quiet, top)
        text = buf.getvalue()
    if text is not None:
        if output:
            from pcache.analyzers.outputs import write_text

            write_text(output, text, inputs=[*paths, *batch_input])
        else:
            sys.stdout.write(text)
    else:
        from ..render.audit import render_audit_text

        render_audit_text(report, stdout_console(no_color), quiet, top)

    _write_errors(report)
    raise typer.Exit(EXIT_USAGE if report.errors.lines else EXIT_OK)


def _write_errors(report) -> None:
    if report.errors.lines:
        sys.stderr.write(f"pcache: {report.errors.lines} malformed line(s) skipped\n")
        for e in report.errors.examples:
            sys.stderr.write(f"pcache: {e}\n")


def _fail_without_usage(report, given: list[str]) -> None:
    """Nothing usable was read: only the reasons (no empty report on stdout), exit 2.  The error line names
    what was given (a folder of prompts, not logs, is read without one malformed line to say where)."""
    _write_errors(report)
    where = given[0] if len(given) == 1 else f"{given[0]} (and {len(given) - 1} more)"
    sys.stderr.write(f"pcache: error: {where}: no usage found in the input\n")
    if not report.errors.lines:  # else the lines above say why
        sys.stderr.write("  hint: point --response-field at the response body or usage object\n")
    raise typer.Exit(EXIT_USAGE)

"""``pcache probe``: send prompts to a live API twice and compare reported cached tokens with the
prediction.  The ``openai`` package is imported only after the plan is confirmed."""

from __future__ import annotations

import json
import os
import sys
import threading
from decimal import Decimal, InvalidOperation
from typing import List, Optional

import typer

from .. import options as opts
from ..common import redacting
from ..common import (EXIT_FINDINGS, EXIT_USAGE, OutputFormat, Progress, check_syntax, fail,
                      report_source_errors, require_prompts, settings, stdout_console, user_errors)

HELP = """Measure caching with live requests: send each prompt (twice by default) through the official
openai SDK and put the predicted cacheable tokens next to the cached_tokens the API reports.

Before anything is sent, the destination host, the number of requests and an upper bound of their cost
are printed; on a terminal you are asked to confirm, elsewhere --yes is required. Templates are rendered
with different sample values per repeat (or --vars/--var values); request bodies are sent as they are
(streaming and output-limit fields replaced by the smallest output limit the API accepts).

Destinations: OpenAI (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID), Azure OpenAI
(--azure or AZURE_OPENAI_ENDPOINT; AZURE_OPENAI_API_KEY, OPENAI_API_VERSION, --deployment with --model
as its base model) and any OpenAI-compatible server at --base-url (vLLM, SGLang, llama.cpp).

Exit codes: 0 measured, 1 a request failed or the hit ratio is below --assert-hit-ratio, 2 usage error,
130 interrupted (partial results are printed).

Examples:

  pcache probe sample_prompts/chat_requests/ --dry-run

  pcache probe prompts/system.j2 --model gpt-4o-mini --vars vars.yaml --yes

  pcache probe requests/ --yes --format json --assert-hit-ratio 0.5 \\
      --max-cost 0.05

  pcache probe prompt.md --azure --deployment my-4o --model gpt-4o --yes

  pcache probe prompt.md --base-url http://127.0.0.1:8080/v1 \\
      --regime llama.cpp --model gpt-4o --yes

  pcache probe prompt.md --base-url http://127.0.0.1:8000/v1 \\
      --served-model Qwen/Qwen2.5-0.5B-Instruct --yes

  pcache probe agent_system.j2 --turns 4 \\
      --base-url http://127.0.0.1:8080/v1 --yes

Self-hosted servers (llama.cpp, vLLM) count prompt tokens with their own /tokenize endpoint and chat
template, so predictions are exact; they have no prices ("local"). On the Responses API, GPT-5.6 and later
models are asked to compare each request with the previous response (comparison_response_id); the reason
they give for a miss is shown next to the prediction.
"""


def _decimal(value: Optional[str], flag: str) -> Optional[Decimal]:
    if value is None:
        return None
    try:
        d = Decimal(value)
    except InvalidOperation:
        raise typer.BadParameter(f"not a number: {value!r}", param_hint=flag) from None
    if not d.is_finite():
        raise typer.BadParameter(f"not a finite number: {value!r}", param_hint=flag)
    if d < 0:
        raise typer.BadParameter("must not be negative", param_hint=flag)
    return d


def _usd(value) -> str:
    if value is None:
        return "unknown"
    v = float(value)
    return f"${v:.6f}" if v < 0.01 else f"${v:.4f}"


def _ratio(value: Optional[float]) -> str:
    return "unknown" if value is None else f"{value:.0%}"


def _num(value) -> str:
    return "unknown" if value is None else f"{value:,}"


@redacting
@user_errors
def probe(
    paths: List[str] = typer.Argument(..., metavar="PATH", help="Prompt files or directories (as for scan).", show_default=False),
    model: Optional[str] = typer.Option(None, "--model", "-m",
                                        help="Model to send and to tokenize/price with (default: a request's "
                                             "own model, else gpt-4o-mini). With --deployment: its base model."),
    api: str = typer.Option("chat", "--api", help="API for text and templates: chat or responses."),
    repeat: int = typer.Option(2, "--repeat", min=1, help="Requests per prompt; the last one is measured."),
    turns: Optional[int] = typer.Option(None, "--turns", min=1,
                                        help="Send a growing conversation of N turns instead: the prompt as "
                                             "the system message, then user/assistant turns; per-turn "
                                             "values change every turn, per-session ones stay."),
    turn_tokens: int = typer.Option(200, "--turn-tokens", min=8, help="Size of each user and assistant turn "
                                                                       "(about N tokens) with --turns."),
    delay: float = typer.Option(0.0, "--delay", min=0.0, help="Seconds between the repeats of a prompt."),
    sample: Optional[int] = typer.Option(None, "--sample", min=1, help="Probe only N prompts, spread evenly."),
    max_requests: Optional[int] = typer.Option(None, "--max-requests", min=1, help="Hard stop: at most N requests."),
    max_cost: Optional[str] = typer.Option(None, "--max-cost", help="Hard stop: at most this many USD."),
    prompt_cache_key: Optional[str] = typer.Option(None, "--prompt-cache-key",
                                                   help="Send this prompt_cache_key with every request."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Send without asking (required without a terminal)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only print the plan; send nothing."),
    fmt: opts.Format = OutputFormat.text,
    concurrency: int = typer.Option(4, "--concurrency", min=1, help="Prompts probed at the same time."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.01, help="Seconds per request attempt."),
    max_retries: int = typer.Option(2, "--max-retries", min=0,
                                    help="SDK retries for 429/5xx/timeouts (honours Retry-After)."),
    base_url: Optional[str] = typer.Option(None, "--base-url",
                                           help="OpenAI-compatible API root, such as a local server's URL "
                                                "ending in /v1 (default: OPENAI_BASE_URL, else api.openai.com)."),
    azure: bool = typer.Option(False, "--azure", help="Use Azure OpenAI; the endpoint comes from AZURE_OPENAI_ENDPOINT."),
    deployment: Optional[str] = typer.Option(None, "--deployment", help="Azure deployment name."),
    served_model: Optional[str] = typer.Option(None, "--served-model",
                                               help="Model name to send to a self-hosted server (vLLM needs its "
                                                    "served name); --model stays the tokenizer and price model."),
    api_version: Optional[str] = typer.Option(None, "--api-version",
                                              help="Azure API version (default: OPENAI_API_VERSION, "
                                                   "else 2024-10-01-preview; 2025-03-01-preview for "
                                                   "--api responses)."),
    regime: Optional[str] = typer.Option(None, "--regime",
                                         help="Cache rule for the prediction: openai-legacy (default), "
                                              "llama.cpp, vllm[:BLOCK] (default: from the server)."),
    vars_file: Optional[str] = typer.Option(None, "--vars", help="JSON/YAML file of template values."),
    var: List[str] = typer.Option([], "--var", help="A template value NAME=VALUE (repeatable)."),
    same_values: bool = typer.Option(False, "--same-values", help="Send identical repeats of templates."),
    assert_hit_ratio: Optional[float] = typer.Option(None, "--assert-hit-ratio", min=0.0, max=1.0,
                                                     help="Exit 1 when the observed hit ratio is below X."),
    syntax: opts.Syntax = None,
    config: opts.Config = None,
    include: opts.Include = [],
    exclude: opts.Exclude = [],
    request_field: opts.RequestField = None,
    no_color: opts.NoColor = False,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the summary."),
) -> None:
    from pcache.analyzers.probe.clients import resolve_destination
    from pcache.analyzers.probe.interface import ProbeOptions
    from pcache.analyzers.probe.plan import build_plan
    from pcache.analyzers.probe.values import load_vars_file, parse_var_options
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths

    cfg = settings(config, paths[0])
    model = model or cfg.model
    syntax = check_syntax(syntax or cfg.syntax or "auto")
    if api not in ("chat", "responses"):
        raise typer.BadParameter(f"unknown API {api!r}: use chat or responses", param_hint="--api")
    options = ProbeOptions(model=model, api=api, repeat=repeat, delay=delay, sample=sample,
                           max_requests=max_requests, max_cost=_decimal(max_cost, "--max-cost"),
                           prompt_cache_key=prompt_cache_key, concurrency=concurrency, timeout=timeout,
                           max_retries=max_retries, same_values=same_values, regime=regime,
                           served_model=served_model, turns=turns, turn_tokens=turn_tokens)
    destination, creds = resolve_destination(base_url, azure, deployment, api_version, api=api,
                                             require_key=not dry_run)
    if destination.kind == "azure" and not model:
        fail("Azure OpenAI needs --model: the base model of the deployment, for tokenization and prices",
             hint=f"e.g. --deployment {deployment} --model gpt-4o")
    given = load_vars_file(vars_file) if vars_file else {}
    given.update(parse_var_options(var))

    with Progress("reading") as progress:
        corpus = load_paths(paths, SourceOptions(model=model, syntax=syntax, request_field=request_field),
                            include, exclude, progress=progress.update, keep=cfg.matcher().selected)
    report_source_errors(corpus.errors, warnings=corpus.warnings)
    require_prompts(corpus, paths)
    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.volatility import VolatilitySettings

    plan = build_plan(corpus.prompts, options, destination, given,
                      VolatilitySettings(dict(cfg.variables), dict(given or {}), ProjectIndex(corpus.paths)))
    if not plan.prompts:
        fail("nothing to send: the limits leave no prompt", hint="raise --max-requests or --max-cost")

    if dry_run:
        if fmt == OutputFormat.json:
            typer.echo(json.dumps(plan_json(plan), indent=2))
        else:
            render_plan(plan, stdout_console(no_color))
        return
    if not (quiet and yes):
        _print_header(plan)
    if not yes:
        if not sys.stdin.isatty():
            fail("not sending without confirmation: no terminal to ask", hint="pass --yes (or --dry-run)")
        if not typer.confirm("Send these requests?", default=False, err=True):
            fail("cancelled, nothing sent", code=EXIT_USAGE)

    from pcache.analyzers.probe.run import run_plan

    with Progress("probing", min_total=1) as progress:
        report = run_plan(plan, options, creds, progress=progress.update)
    if fmt == OutputFormat.json:
        typer.echo(json.dumps(report_json(report), indent=2))
    else:
        render_report(report, stdout_console(no_color), quiet)
    if report.interrupted:
        sys.stderr.write("pcache: interrupted: partial results above\n")
        if any(t.name.startswith("probe-") and t.is_alive() for t in threading.enumerate()):
            # A worker may still block in a socket read until its timeout; interpreter shutdown
            # would wait on it (and on the HTTP client's locks). The report is out: leave now.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)
        raise typer.Exit(130)
    code = 0
    if any(r.error for r in report.results):
        code = EXIT_FINDINGS
    if assert_hit_ratio is not None:
        ratio = report.hit_ratio
        if ratio is None or ratio < assert_hit_ratio:
            sys.stderr.write(f"pcache: hit ratio {_ratio(ratio)} is below --assert-hit-ratio "
                             f"{assert_hit_ratio:.0%}\n")
            code = EXIT_FINDINGS
    if code:
        raise typer.Exit(code)


# ---------------------------------------------------------------------------------------------
# Rendering


def _print_header(plan) -> None:
    d = plan.destination
    where = f"{d.host} ({d.kind}{', deployment ' + d.deployment if d.deployment else ''})"
    repeats = len(plan.prompts[0].bodies) if plan.prompts else 0
    unit = " turns" if plan.prompts and plan.prompts[0].turns else ""
    cost = "cost: local (self-hosted, no prices)" if plan.local else "cost at most " + _usd(
        plan.cost_bound_usd) + ("" if plan.cost_bound_usd is not None else " (no price known for the model)")
    sys.stderr.write(f"pcache probe: {plan.requests} request(s) to {where}, model {plan.model}, "
                     f"{len(plan.prompts)} prompt(s) x {repeats}{unit}; {cost}\n")
    for note in plan.notes:
        sys.stderr.write(f"  note: {note}\n")


def plan_json(plan) -> dict:
    d = plan.destination
    return {
        "base_url": d.base_url, "host": d.host, "destination": d.kind, "deployment": d.deployment,
        "api_version": d.api_version, "model": plan.model, "api": plan.api, "regime": plan.regime,
        "requests": plan.requests,
        "cost_upper_bound_usd": None if plan.cost_bound_usd is None else float(plan.cost_bound_usd),
        "prompts": [{"path": p.path, "name": p.name, "kind": p.kind, "api": p.api, "model": p.model,
                     "sent_model": p.bodies[0].get("model") if p.bodies else None,
                     "requests": len(p.bodies), "predicted_prompt_tokens": p.predicted_prompt_tokens,
                     "predicted_cacheable_tokens": p.predicted_cacheable_tokens, "estimate": p.estimate,
                     "values": p.values, "turns": p.turns, "volatility": p.volatility,
                     "tokenizer": p.tokenizer, "requests_predicted": _predicted_rows(p)}
                    for p in plan.prompts],
        "local": plan.local,
        "skipped": plan.skipped, "notes": plan.notes,
    }


def report_json(report) -> dict:
    plan = report.plan
    results = []
    for r in report.results:
        p = r.planned
        obs = r.observations
        results.append({
            "path": p.path, "name": p.name, "kind": p.kind, "api": p.api, "model": p.model,
            "predicted_prompt_tokens": p.predicted_prompt_tokens,
            "predicted_cacheable_tokens": p.predicted_cacheable_tokens,
            "prompt_tokens": r.prompt_tokens, "cached_tokens": r.cached_tokens,
            "hit_ratio": r.hit_ratio,
            "latency_ms": [o.latency_ms for o in obs if o.error is None],
            "error": r.error,
            "estimate": p.estimate, "values": p.values,
            # reported minus offline prompt tokens: calibrates the chat framing estimate
            "prompt_tokens_delta": None if r.prompt_tokens is None else r.prompt_tokens - p.predicted_prompt_tokens,
            "comparison": None if r.last is None else p.rule.compare(
                p.predicted_cacheable_tokens, r.cached_tokens, p.predicted_prompt_tokens, r.prompt_tokens),
            "complete": r.complete,
            "cost_usd": None if r.cost_usd is None else float(r.cost_usd),
            "turns": p.turns, "volatility": p.volatility, "tokenizer": p.tokenizer,
            "observations": [{"repeat": o.repeat, "prompt_tokens": o.prompt_tokens,
                              "cached_tokens": o.cached_tokens, "cache_write_tokens": o.cache_write_tokens,
                              "output_tokens": o.output_tokens, "latency_ms": o.latency_ms,
                              "cost_usd": None if o.cost_usd is None else float(o.cost_usd),
                              "error": o.error, **_predicted_for(p, o.repeat),
                              "diagnostics": _diagnosis_json(o.diagnostics)} for o in obs],
        })
    cost = report.cost_usd
    deltas = sorted(x["prompt_tokens_delta"] for x in results if x["prompt_tokens_delta"] is not None)
    return {
        "base_url": plan.destination.base_url, "host": plan.destination.host,
        "destination": plan.destination.kind, "deployment": plan.destination.deployment,
        "model": plan.model, "api": plan.api, "regime": plan.regime,
        "requests": report.requests_sent, "requests_planned": plan.requests,
        "requests_answered": sum(len(r.observations) for r in report.results),
        "cost_upper_bound_usd": None if plan.cost_bound_usd is None else float(plan.cost_bound_usd),
        "results": results,
        "summary": {"hit_ratio": report.hit_ratio, "cost_usd": None if cost is None else float(cost),
                    "prompts": len(results), "failed": sum(1 for r in report.results if r.error),
                    "interrupted": report.interrupted, "stopped": report.stopped,
                    "prompt_tokens_delta_median": deltas[len(deltas) // 2] if deltas else None},
        "detected_server": report.detected_server, "served_model": report.served_model,
        "local": plan.local, "skipped": plan.skipped, "notes": plan.notes,
    }


def _predicted_for(p, repeat: int) -> dict:
    """The prediction of request ``repeat`` (1-based) of a planned prompt."""
    i = repeat - 1
    if not 0 <= i < len(p.request_tokens):
        return {"predicted_prompt_tokens": None, "predicted_cached_tokens": None}
    return {"predicted_prompt_tokens": p.request_tokens[i], "predicted_cached_tokens": p.request_predicted[i]}


def _predicted_rows(p) -> list[dict]:
    return [{"request": i + 1, **_predicted_for(p, i + 1)} for i in range(len(p.request_tokens))]


def _diagnosis_json(d) -> Optional[dict]:
    if d is None:
        return None
    return {"provider": d.provider, "verdict": d.verdict, "reason": d.reason,
            "missed_tokens": d.missed_tokens, "reusable_tokens": d.reusable_tokens}


def render_plan(plan, console) -> None:
    from rich.markup import escape

    d = plan.destination
    cost = "cost: local" if plan.local else f"cost at most {_usd(plan.cost_bound_usd)}"
    console.print(f"Plan: {plan.requests} request(s) to [bold]{escape(d.host)}[/] ({d.kind}), model "
                  f"{escape(plan.model)}, api {plan.api}, regime {plan.regime}; {cost}")
    for p in plan.prompts:
        console.print(f"  {escape(p.name)}: {len(p.bodies)} request(s), predicted "
                      f"{'~' if p.estimate else ''}{p.predicted_prompt_tokens:,} prompt tokens, "
                      f"{p.predicted_cacheable_tokens:,} cacheable on the last {'turn' if p.turns else 'repeat'}")
        if p.turns:
            console.print("    per turn (prompt tokens / cacheable): " + ", ".join(
                f"{n:,}/{c:,}" for n, c in zip(p.request_tokens, p.request_predicted)))
    for note in plan.notes:
        console.print(f"note: {escape(note)}")
    console.print("Nothing sent (--dry-run).")


def _render_requests(r, console) -> None:
    """One line per request (turn or repeat): predicted vs observed cached tokens, and the provider's
    own diagnosis when it gave one."""
    from rich.markup import escape

    p = r.planned
    label = "turn" if p.turns else "repeat"
    for o in r.observations:
        pred = _predicted_for(p, o.repeat)
        if o.error is not None:
            console.print(f"  {label} {o.repeat}: failed: {escape(o.error)}")
            continue
        prompt = _num(o.prompt_tokens)
        if pred["predicted_prompt_tokens"] != o.prompt_tokens:
            prompt += f" (predicted {_num(pred['predicted_prompt_tokens'])})"
        console.print(f"  {label} {o.repeat}: cached {_num(o.cached_tokens)}, predicted "
                      f"{_num(pred['predicted_cached_tokens'])}; prompt {prompt}")
        if o.diagnostics is not None:
            console.print(f"    diagnosis: {escape(o.diagnostics.describe())}")
    if p.volatility:
        console.print("  head values per turn: " + ", ".join(
            f"{escape(n)} {c}{' (changes every turn)' if c in ('per-turn', 'per-request', 'unknown') else ''}"
            for n, c in p.volatility.items()))


def render_report(report, console, quiet: bool) -> None:
    from rich.markup import escape

    plan = report.plan
    if not quiet:
        for r in report.results:
            p = r.planned
            console.print(f"[bold]{escape(p.name)}[/]")
            if r.last is None and not r.error:
                console.print("  not sent")
                continue
            lat = [o.latency_ms for o in r.observations if o.latency_ms is not None]
            if r.last is not None and (p.turns or len(p.bodies) > 2 or any(o.diagnostics for o in r.observations)):
                _render_requests(r, console)
            if r.last is not None:
                console.print(f"  prompt tokens: predicted {'' if p.tokenizer == 'server' or not p.estimate else '~'}"
                              f"{p.predicted_prompt_tokens:,}, reported {_num(r.prompt_tokens)}")
                console.print(f"  cached on repeat {r.last.repeat}: predicted {p.predicted_cacheable_tokens:,}, "
                              f"observed {_num(r.cached_tokens)} (hit {_ratio(r.hit_ratio)}): "
                              f"{escape(p.rule.compare(p.predicted_cacheable_tokens, r.cached_tokens, p.predicted_prompt_tokens, r.prompt_tokens))}")
                if lat:
                    console.print("  latency: " + " -> ".join(f"{x:.0f} ms" for x in lat)
                                  + f"; cost {'local' if plan.local else _usd(r.cost_usd)}")
            if r.error:
                console.print(f"  [red]failed:[/] {escape(r.error)}")
    answered = sum(len(r.observations) for r in report.results)
    extra = f" ({answered} answered; the rest failed, were retried or were in flight)" \
        if answered != report.requests_sent else ""
    served = f" (served model {escape(report.served_model)})" if report.served_model else ""
    console.print(f"{report.requests_sent} request(s) to {escape(plan.destination.host)}{served}{extra}; hit ratio "
                  f"{_ratio(report.hit_ratio)} (cached / prompt tokens on the last repeats); probe cost "
                  f"{'local' if plan.local else _usd(report.cost_usd)}")
    deltas = sorted(r.prompt_tokens - r.planned.predicted_prompt_tokens for r in report.results
                    if r.prompt_tokens is not None)
    if deltas and any(deltas):
        console.print(f"reported prompt tokens minus the offline estimate: median {deltas[len(deltas) // 2]:+,} "
                      f"(range {deltas[0]:+,} .. {deltas[-1]:+,})")
    for regime in {p.rule.id: p.rule for p in plan.prompts}.values():
        console.print(f"rule ({regime.id}): {regime.description}")
        if regime.note():
            console.print(f"note: {regime.note()}")
    failed = sum(1 for r in report.results if r.error)
    if failed:
        console.print(f"{failed} prompt(s) failed; the others were measured.")
    if report.stopped:
        console.print(f"Stopped early: {escape(report.stopped)}.")
    for note in plan.notes:
        console.print(f"note: {escape(note)}")

"""Renderers for ``audit``: the JSON contract and the rich text report (summary panel, per-model table,
top offenders, daily hit-ratio bars)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from rich.markup import escape

from pcache.analyzers.audit.replay import AVOIDABLE, MISS_CLASSES


def _usd(v) -> float | None:
    if v is None:
        return None
    return float(Decimal(v).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))


def totals_dict(t) -> dict:
    return {
        "requests": t.requests,
        "input_tokens": t.input_tokens,
        "cached_tokens": t.cached_tokens,
        "cache_write_tokens": t.cache_write_tokens,
        "output_tokens": t.output_tokens,
        "hit_ratio": round(t.hit_ratio, 6),
        "cost_usd": _usd(t.cost_usd),
        "cost_without_cache_usd": _usd(t.cost_without_cache_usd),
        "savings_usd": _usd(t.savings_usd),
        "unpriced_requests": t.unpriced_requests,
    }


def _class_dict(c) -> dict:
    return {"requests": c.requests, "missed_tokens": c.missed_tokens, "missed_usd": round(c.missed_usd, 6),
            "avoidable_tokens": c.avoidable_tokens, "avoidable_usd": round(c.avoidable_usd, 6)}


def regime_dict(g) -> dict:
    return {"regime": g.regime, "name": g.name, "models": list(g.models), "requests": g.requests,
            "input_tokens": g.input_tokens, "replayed_tokens": g.replayed_tokens,
            "actual_cached_tokens": g.actual_cached_tokens, "actual_cache_write_tokens": g.actual_cache_write_tokens,
            "actual_cache_write_1h_tokens": g.actual_cache_write_1h_tokens,
            "predicted_cached_tokens": g.predicted_cached_tokens,
            "predicted_cache_write_tokens": g.predicted_cache_write_tokens,
            "predicted_cache_write_1h_tokens": g.predicted_cache_write_1h_tokens,
            "actual_cost_usd": _usd(g.actual_cost_usd), "predicted_cost_usd": _usd(g.predicted_cost_usd),
            "unpriced_requests": g.unpriced_requests, "upper_bound": g.upper_bound, "estimate": g.estimate,
            "bills_writes": g.bills_writes}


def replay_dict(r) -> dict:
    if r is None:
        return {"available": False}
    regimes = getattr(r, "regimes", [])
    return {
        "available": r.requests > 0 or any(g.requests for g in regimes),
        "regimes": [regime_dict(g) for g in regimes],
        "requests": r.requests,
        "skipped": r.skipped,
        "rule": {"minimum_tokens": r.minimum_tokens, "step_tokens": r.step_tokens,
                 "ttl_seconds": r.ttl_seconds, "optimistic_ttl_seconds": r.optimistic_ttl_seconds},
        "input_tokens": r.input_tokens,
        "replayed_tokens": r.replayed_tokens,
        "actual_cached_tokens": r.actual_cached_tokens,
        "predicted_cached_tokens": r.predicted_cached_tokens,
        "optimistic_cached_tokens": r.optimistic_cached_tokens,
        "ideal_cached_tokens": r.ideal_cached_tokens,
        "actual_savings_usd": round(r.actual_savings_usd, 6),
        "predicted_savings_usd": round(r.predicted_savings_usd, 6),
        "optimistic_savings_usd": round(r.optimistic_savings_usd, 6),
        "misses": {c: _class_dict(r.misses[c]) for c in MISS_CLASSES if c in r.misses},
        "whatif": r.whatif,
        "out_of_order": r.out_of_order,
        "token_mismatch": r.token_mismatch,
        "peak_live_blocks": r.peak_blocks,
        "advice": r.advice,
    }


def group_dict(g) -> dict:
    return {"group": g.key, "model": g.model, "requests": g.requests, "input_tokens": g.input_tokens,
            "actual_cached_tokens": g.actual_cached, "predicted_cached_tokens": g.predicted_cached,
            "ideal_cached_tokens": g.ideal_cached, "wasted_usd": round(g.wasted_usd, 6),
            "misses": dict(sorted(g.misses.items())), "divergence": g.example}


def audit_to_dict(report) -> dict:
    """The stable JSON contract of ``pcache audit --format json`` (add keys freely, never rename)."""
    return {
        "summary": totals_dict(report.summary),
        "models": [dict(model=m, priced_as=p, **totals_dict(t)) for m, t, p in report.models],
        "days": [dict(day=d, **totals_dict(t)) for d, t in report.days],
        "replay": replay_dict(report.replay),
        "groups": [group_dict(g) for g in report.groups],
        "errors": {"lines": report.errors.lines, "examples": report.errors.examples},
        "files": [{"path": p, "reader": r} for p, r in report.files],
        "notes": report.notes,
    }


def render_audit_json(report) -> str:
    return json.dumps(audit_to_dict(report), indent=2, ensure_ascii=False)


# ---------------------------------------------------------------- text


def _money(v) -> str:
    return "n/a" if v is None else f"${float(v):,.2f}" if abs(float(v)) >= 1 else f"${float(v):,.4f}"


def _n(x: int) -> str:
    """Compact token counts for narrow tables: 950, 12.3k, 4.51M."""
    if abs(x) < 10_000:
        return f"{x:,}"
    if abs(x) < 1_000_000:
        return f"{x / 1000:.1f}k"
    return f"{x / 1_000_000:.2f}M"


def _excerpt(text) -> str:
    from pcache.analyzers.textutil import visible

    return "" if text is None else visible(str(text), 24)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _bar(frac: float, width: int = 30) -> str:
    frac = max(0.0, min(1.0, frac))
    full = int(frac * width)
    rest = frac * width - full
    part = " ▏▎▍▌▋▊▉"[int(rest * 8)] if full < width else ""
    return ("█" * full + part).ljust(width)


def render_audit_text(report, console, quiet: bool = False, top: int = 5) -> None:
    from rich import box
    from rich.panel import Panel
    from rich.table import Table

    s = report.summary
    lines = [
        f"[bold]{s.requests:,}[/] requests · input [bold]{s.input_tokens:,}[/] tokens · cached "
        f"[bold]{s.cached_tokens:,}[/] ([bold]{_pct(s.hit_ratio)}[/] hit ratio)"
        + (f" · written {s.cache_write_tokens:,}" if s.cache_write_tokens else "")
        + f" · output {s.output_tokens:,}",
        f"paid [bold]{_money(s.cost_usd)}[/] · without caching {_money(s.cost_without_cache_usd)} · "
        f"caching saved [bold green]{_money(s.savings_usd)}[/]",
    ]
    r = report.replay
    if r is not None and r.requests:
        lines.append(
            f"replay ({r.requests:,} requests, {r.minimum_tokens}-token minimum, {r.step_tokens}-token steps, "
            f"idle TTL {int(r.ttl_seconds or 0)} s): predicted cached {r.predicted_cached_tokens:,} "
            f"(up to {r.optimistic_cached_tokens:,} with {int(r.optimistic_ttl_seconds or 0)} s) vs actual "
            f"{r.actual_cached_tokens:,}")
        if r.whatif:
            w = r.whatif
            lines.append(f"with volatile content moved after the static prefix: +{w['extra_cached_tokens']:,} "
                         f"cached tokens, money left on the table [bold yellow]"
                         f"{_money(w['money_left_on_table_usd'])}[/]")
    for g in (getattr(r, "regimes", []) if r is not None else []):
        if g.regime == "openai-legacy" or not g.requests:
            continue
        writes = (f" · written {g.predicted_cache_write_tokens:,} predicted vs {g.actual_cache_write_tokens:,} actual"
                  if g.bills_writes else "")
        cost = (f" · cost {_money(g.predicted_cost_usd)} predicted vs {_money(g.actual_cost_usd)} actual"
                if g.actual_cost_usd is not None else "")
        lines.append(f"replay {escape(g.regime)} ({g.requests:,} requests{', estimated tokens' if g.estimate else ''}"
                     f"{', upper bound' if g.upper_bound else ''}): cached {g.predicted_cached_tokens:,} predicted "
                     f"vs {g.actual_cached_tokens:,} actual{writes}{cost}")
    console.print(Panel("\n".join(lines), title="pcache audit", expand=False))
    if quiet:
        return

    if report.models:
        writes = any(tot.cache_write_tokens for _m, tot, _p in report.models)
        t = Table(title="per model", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True)
        wide = console.width >= 100
        cols = ["model", "req", "input", "cached", "hit"] + (["written"] if writes else []) + \
            (["output"] if wide else []) + ["paid", "saved"]
        for col in cols:
            t.add_column(col, justify="left" if col == "model" else "right",
                         overflow="fold" if col == "model" else "ellipsis", no_wrap=col != "model",
                         min_width=16 if col == "model" else None)
        for m, tot, _p in report.models:
            row = [escape(m), f"{tot.requests:,}", _n(tot.input_tokens), _n(tot.cached_tokens), _pct(tot.hit_ratio)]
            if writes:
                row.append(_n(tot.cache_write_tokens))
            row += ([_n(tot.output_tokens)] if wide else []) + [_money(tot.cost_usd), _money(tot.savings_usd)]
            t.add_row(*row)
        console.print(t)

    if r is not None and r.requests:
        t = Table(title="misses (replay)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for col in ("class", "requests", "uncached", "uncached $", "avoidable", "avoidable $"):
            t.add_column(col, justify="left" if col == "class" else "right", no_wrap=True)
        for c in MISS_CLASSES:
            cs = r.misses.get(c)
            if cs is None or not cs.requests:
                continue
            t.add_row(c + (" *" if c in AVOIDABLE else ""), f"{cs.requests:,}",
                      _n(cs.missed_tokens), _money(cs.missed_usd), _n(cs.avoidable_tokens),
                      _money(cs.avoidable_usd))
        if t.row_count:
            console.print(t)
        if r.token_mismatch:
            console.print(f"[dim]{r.token_mismatch:,} replayed requests render more than 10% away from their "
                          "billed input tokens (hidden tool/search content, images, unknown framing): their "
                          "predictions are unreliable[/]")
        if r.skipped:
            console.print("[dim]not replayed: " + ", ".join(f"{k} ({v:,})" for k, v in sorted(r.skipped.items()))
                          + "[/]")

    offenders = [g for g in report.groups if g.wasted_usd > 0 or g.ideal_cached > g.actual_cached][:top]
    if offenders:
        t = Table(title="top offenders (prompt groups by wasted dollars)", title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False)
        for col in ("group", "req", "cached", "possible", "wasted", "diverges at token"):
            t.add_column(col, justify="left" if col in ("group", "diverges at token") else "right",
                         no_wrap=col != "diverges at token",
                         min_width=34 if col == "diverges at token" else None)
        for g in offenders:
            ex = g.example
            where = ""
            if ex:
                where = f"{ex['token']}: “{_excerpt(ex.get('text'))}” was “{_excerpt(ex.get('previous_text'))}”"
            t.add_row(g.key[:8], f"{g.requests:,}", _n(g.actual_cached), _n(g.ideal_cached),
                      _money(g.wasted_usd), escape(where))
        console.print(t)

    days = [(d, tot) for d, tot in report.days if d != "unknown"]
    if len(days) > 1 or (days and len(report.days) == 1):
        console.print("[bold]daily hit ratio[/]")
        for d, tot in days[-31:]:
            console.print(f"  {d} {_bar(tot.hit_ratio)} {_pct(tot.hit_ratio):>6}  {_money(tot.cost_usd)}")

    if r is not None:
        for a in r.advice:
            console.print(f"[yellow]→[/] {escape(a)}")
    for n in report.notes:
        console.print(f"[dim]note: {escape(n)}[/]")
    if report.errors.lines:
        console.print(f"[red]{report.errors.lines:,} malformed line(s)[/]; first: "
                      + "; ".join(escape(e) for e in report.errors.examples))

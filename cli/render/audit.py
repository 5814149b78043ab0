"""Renderers for ``audit``: the JSON contract and the rich text report (summary panel, per-model table,
top offenders, daily hit-ratio bars)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from rich.markup import escape

from pcache.analyzers.audit.economics import TTL_CLASSES
from pcache.analyzers.audit.replay import AVOIDABLE, BOUND_REASONS, MISS_CLASSES


def _usd(v) -> float | None:
    if v is None:
        return None
    return float(Decimal(v).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))


def _f6(v: float | None) -> float | None:
    return None if v is None else round(v, 6)


def totals_dict(t, replayed: bool = True) -> dict:
    """``replayed``: whether a replay ran (without one, what was left on the table is unknown: null)."""
    hr = t.hit_ratio
    return {
        "requests": t.requests,
        "input_tokens": t.input_tokens,
        "cached_tokens": t.cached_tokens,
        "cache_write_tokens": t.cache_write_tokens,
        "output_tokens": t.output_tokens,
        "hit_ratio": None if hr is None else round(hr, 6),
        "cost_usd": _usd(t.cost_usd),
        "cost_without_cache_usd": _usd(t.cost_without_cache_usd),
        "savings_usd": _usd(t.savings_usd),
        "unpriced_requests": t.unpriced_requests,
        "cached_unknown_requests": t.cached_unknown_requests,
        "double_counted_requests": t.double_counted_requests,
        "layout_usd": _f6(t.layout_usd) if replayed else None,
        "avoidable_usd": _f6(t.avoidable_usd) if replayed else None,
        "left_on_table_usd": _f6(t.left_usd) if replayed else None,
        "left_on_table_tokens": t.left_tokens if replayed else None,
    }


def ledger_dict(led) -> dict:
    """The money ledger (``analyzers/audit/ledger.py``): each line is the sum of the tables below it."""
    return {
        "paid_usd": _usd(led.paid_usd),
        "without_caching_usd": _usd(led.without_caching_usd),
        "saved_by_caching_usd": _usd(led.saved_usd),
        "left_on_table_usd": _f6(led.left_usd),
        "left_on_table_tokens": led.left_tokens,
        "layout_usd": _f6(led.layout_usd) if led.replayed else None,
        "layout_tokens": led.layout_tokens if led.replayed else None,
        "avoidable_usd": _f6(led.avoidable_usd) if led.replayed else None,
        "avoidable_tokens": led.avoidable_tokens if led.replayed else None,
        "avoidable_by_class": {c: {"tokens": t, "usd": _f6(u)} for c, (t, u) in led.avoidable.items()},
        "replayed": led.replayed,
        "unpriced_requests": led.unpriced_requests,
        "coverage": led.coverage,
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


def _whatif_dict(w):
    """The what-if summary with its dollars to the micro-dollar, as every other dollar figure."""
    if not w:
        return w
    out = dict(w)
    for k in ("predicted_savings_usd", "extra_usd", "money_left_on_table_usd"):
        if isinstance(out.get(k), float):
            out[k] = round(out[k], 6)
    if isinstance(out.get("changes"), list):
        out["changes"] = [dict(c, usd=round(c["usd"], 6)) for c in out["changes"]]
    return out


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
        "misses": {c: _class_dict(r.misses[c]) for c in (*MISS_CLASSES, *TTL_CLASSES) if c in r.misses},
        "whatif": _whatif_dict(r.whatif),
        "out_of_order": r.out_of_order,
        "token_mismatch": r.token_mismatch,
        "peak_live_blocks": r.peak_blocks,
        "advice": r.advice,
        "layout_tokens": getattr(r, "layout_tokens", 0),
        "layout_usd": round(getattr(r, "layout_usd", 0.0), 6),
        "changes": [dict(c, usd=round(c["usd"], 6)) for c in getattr(r, "changes", [])],
        "diagnostics": getattr(r, "diagnostics", None),
        "ttl": r.ttl.as_dict() if getattr(r, "ttl", None) is not None else None,
        "traffic": {"rpm_limit": getattr(r, "rpm_limit", 15.0), "busiest": getattr(r, "traffic", [])},
        "bounds": {k: {"requests": b.requests, "tokens": b.tokens, "reason": BOUND_REASONS.get(k, k),
                       "examples": [{"where": w, "actual_cached_tokens": a, "bound_tokens": u}
                                    for w, a, u in b.examples]}
                   for k, b in getattr(r, "bounds", {}).items()},
    }


def group_dict(g) -> dict:
    return {"group": g.key, "model": g.model, "requests": g.requests, "input_tokens": g.input_tokens,
            "actual_cached_tokens": g.actual_cached, "predicted_cached_tokens": g.predicted_cached,
            "ideal_cached_tokens": g.ideal_cached, "possible_cached_tokens": g.possible_cached,
            "left_on_table_tokens": g.left_tokens, "wasted_usd": round(g.wasted_usd, 6),
            "layout_usd": round(g.layout_usd, 6), "where": g.where,
            "misses": dict(sorted(g.misses.items())), "divergence": g.example}


def audit_to_dict(report) -> dict:
    """The stable JSON contract of ``pcache audit --format json`` (add keys freely, never rename)."""
    replayed = report.ledger is not None and report.ledger.replayed
    return {
        "ledger": ledger_dict(report.ledger) if report.ledger is not None else None,
        "summary": totals_dict(report.summary, replayed),
        "models": [dict(model=m, priced_as=p, **totals_dict(t, replayed)) for m, t, p in report.models],
        "days": [dict(day=d, **totals_dict(t, replayed)) for d, t in report.days],
        "replay": replay_dict(report.replay),
        "groups": [group_dict(g) for g in report.groups],
        "other_groups": None if report.other_groups is None else dict(
            report.other_groups, wasted_usd=round(report.other_groups["wasted_usd"], 6)),
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


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _bar(frac: float, width: int = 30) -> str:
    frac = max(0.0, min(1.0, frac))
    full = int(frac * width)
    rest = frac * width - full
    part = " ▏▎▍▌▋▊▉"[int(rest * 8)] if full < width else ""
    return ("█" * full + part).ljust(width)


def ledger_lines(report) -> list[str]:
    """The money ledger as text lines (rich markup): paid, without caching, saved, left on the table."""
    led = report.ledger
    out = [f"paid [bold]{_money(led.paid_usd)}[/] · without caching {_money(led.without_caching_usd)} · "
           f"saved by caching [bold green]{_money(led.saved_usd)}[/]"]
    if not led.replayed:
        out.append("left on the table: unknown (no request was replayed)")
        return out
    parts = ", ".join(f"{c} {_money(u)}" for c, (_t, u) in led.avoidable.items() if u)
    out.append(f"left on the table [bold yellow]{_money(led.left_usd)}[/] ({led.left_tokens:,} tokens) = "
               f"what-if layout {_money(led.layout_usd)} + avoidable misses {_money(led.avoidable_usd)}"
               + (f" ({parts})" if parts else ""))
    return out


def coverage_lines(led) -> list[str]:
    """Per regime, what left on the table holds or why it is not computed (plain text)."""
    out = []
    for c in led.coverage:
        if c["not_computed"] is None:
            continue
        done = f"computed: {', '.join(c['computed'])}; " if c["computed"] else ""
        out.append(f"left on the table, {c['regime']} ({c['requests']:,} requests): {done}{c['not_computed']}")
    return out


def miss_classes(r) -> list[str]:
    """The miss classes with requests, in table order (the replay's, then the write-TTL ones)."""
    return [c for c in (*MISS_CLASSES, *TTL_CLASSES) if c in r.misses and r.misses[c].requests]


def ttl_left_usd(report) -> float:
    """What the write-TTL classes leave on the table (outside the prompt groups)."""
    r = report.replay
    return sum(r.misses[c].avoidable_usd for c in TTL_CLASSES if c in r.misses) if r is not None else 0.0


def _prefixes(n: int) -> str:
    return f"{n:,} prefix" + ("" if n == 1 else "es")


def ttl_lines(t) -> list[str]:
    """Anthropic 5 m vs 1 h writes (``analyzers/audit/economics.py``) as plain text lines."""
    led = t.classes
    out = [f"cache writes: 5 m vs 1 h (Anthropic, {t.requests:,} timed requests with cache_control "
           f"breakpoints, cached {_prefixes(t.prefixes)})"]
    if not t.writes_1h and not t.expired_5m_prefixes:
        out.append("  no 1 h write, and no 5 m write expired before its prefix was used again within the hour")
    if t.writes_1h:
        out.append(f"  1 h writes: {t.paid_back_1h:,} of {_prefixes(t.writes_1h)} paid back · premium over 5 m "
                   f"{_money(t.premium_1h_usd)} · re-writes avoided by their reads after > 5 min "
                   f"{_money(t.saved_1h_usd)} ({t.long_read_requests:,} reads) · not paid back "
                   f"{_money(led['ttl_1h_unused'][4])}")
    if t.expired_5m_prefixes:
        out.append(f"  5 m writes: {_prefixes(t.expired_5m_prefixes)} expired and were written again within the "
                   f"hour ({t.rewrite_requests:,} requests, {t.rewrite_tokens:,} tokens) · idle-gap misses "
                   f"{_money(t.idle_gap_usd)} · 1 h writes would have cost {_money(t.premium_for_1h_usd)} more · "
                   f"left on the table {_money(led['ttl_5m_expired'][4])}")
    if t.idle_over_1h_requests:
        out.append(f"  {t.idle_over_1h_requests:,} requests came after more than an hour idle (expired under "
                   "either TTL)")
    return out


def _divergence_text(ex, width: int = 24) -> str:
    if not ex:
        return ""
    where = "final user turn, " if ex.get("final_turn") else ""
    before = _excerpt_tail(ex.get("before"), 28)
    kinds = ", ".join(ex.get("volatile_kinds") or []) or "content"
    return (f"token {ex['token']} ({where}{kinds}, {ex.get('volatility') or 'unknown'}): "
            f"“{before}⟨{_excerpt(ex.get('text'))}⟩” was “{before}⟨{_excerpt(ex.get('previous_text'))}⟩”")


def _excerpt_tail(text, n: int) -> str:
    from pcache.analyzers.textutil import visible

    if text is None:
        return ""
    shown = visible(str(text), 10_000)
    return shown if len(shown) <= n else "…" + shown[-n:]


def warnings(report) -> list[str]:
    """Every warning of the report, plain text, in the order the text report prints them (HTML shows
    the same list)."""
    out: list[str] = []
    r = report.replay
    s = report.summary
    if s.cached_unknown_requests:
        out.append(f"{s.cached_unknown_requests:,} requests did not report cached tokens: unknown, left out of "
                   "the hit ratio")
    if s.double_counted_requests:
        out.append(f"{s.double_counted_requests:,} requests report cached tokens above their input, or a total "
                   "of input + cached (+ output): the log counts cached tokens twice (OpenAI input includes "
                   "them); their hit ratio and costs are overstated")
    if r is not None and r.requests:
        if r.token_mismatch:
            out.append(f"{r.token_mismatch:,} replayed requests render more than 10% away from their billed input "
                       "tokens (hidden tool/search content, images, unknown framing): their predictions are "
                       "unreliable")
        if r.skipped:
            out.append("not replayed: " + ", ".join(f"{k} ({v:,})" for k, v in sorted(r.skipped.items())))
    if r is not None:
        out.extend(r.advice)
    if report.ledger is not None:
        out.extend(coverage_lines(report.ledger))
    out.extend(f"note: {n}" for n in report.notes)
    if report.errors.lines:
        out.append(f"{report.errors.lines:,} malformed line(s); first: " + "; ".join(report.errors.examples))
    return out


def render_audit_text(report, console, quiet: bool = False, top: int = 5) -> None:
    from rich import box
    from rich.panel import Panel
    from rich.table import Table

    s = report.summary
    hr = s.hit_ratio
    lines = [
        f"[bold]{s.requests:,}[/] requests · input [bold]{s.input_tokens:,}[/] tokens · cached "
        f"[bold]{s.cached_tokens:,}[/] ([bold]{_pct(hr)}[/] hit ratio)"
        + (f" · written {s.cache_write_tokens:,}" if s.cache_write_tokens else "")
        + f" · output {s.output_tokens:,}",
    ]
    lines += ledger_lines(report)
    r = report.replay
    if r is not None and r.requests:
        lines.append(
            f"replay ({r.requests:,} requests, {r.minimum_tokens}-token minimum, {r.step_tokens}-token steps, "
            f"idle TTL {int(r.ttl_seconds or 0)} s): predicted cached {r.predicted_cached_tokens:,} "
            f"(up to {r.optimistic_cached_tokens:,} with {int(r.optimistic_ttl_seconds or 0)} s, "
            f"{r.ideal_cached_tokens:,} with no expiry) vs actual {r.actual_cached_tokens:,}")
        over = sum(b.requests for b in r.bounds.values())
        if over:
            lines.append(f"[yellow]{over:,} requests cached more than the replay's bound: "
                         + ", ".join(f"{k} ({b.requests:,})" for k, b in sorted(r.bounds.items())) + "[/]")
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
    replayed = report.ledger is not None and report.ledger.replayed

    if report.models:
        writes = any(tot.cache_write_tokens for _m, tot, _p in report.models)
        t = Table(title="per model", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True)
        wide = console.width >= 100
        cols = ["model", "req", "input", "cached", "hit"] + (["written"] if writes else []) + \
            (["output"] if wide else []) + ["paid", "saved"] + (["left"] if replayed and wide else [])
        for col in cols:
            t.add_column(col, justify="left" if col == "model" else "right",
                         overflow="fold" if col == "model" else "ellipsis", no_wrap=col != "model",
                         min_width=16 if col == "model" else None)
        for m, tot, _p in report.models:
            row = [escape(m), f"{tot.requests:,}", _n(tot.input_tokens), _n(tot.cached_tokens), _pct(tot.hit_ratio)]
            if writes:
                row.append(_n(tot.cache_write_tokens))
            row += ([_n(tot.output_tokens)] if wide else []) + [_money(tot.cost_usd), _money(tot.savings_usd)]
            if replayed and wide:
                row.append(_money(tot.left_usd))
            t.add_row(*row)
        console.print(t)

    if r is not None and r.requests and r.changes:
        t = Table(title="what-if: whole volatile lines moved before the final user turn (as lint --suggest)",
                  title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, show_footer=True)
        t.add_column("moved lines", "total (ledger: what-if layout)", overflow="fold", min_width=24)
        t.add_column("req", f"{sum(c['requests'] for c in r.changes):,}", justify="right", no_wrap=True)
        t.add_column("+cached", _n(r.layout_tokens), justify="right", no_wrap=True)
        t.add_column("$", _money(r.layout_usd), justify="right", no_wrap=True)
        for c in r.changes:
            label = c["lines"] or "(none moved: shares a changed request's prefix)"
            t.add_row(escape(label), f"{c['requests']:,}", _n(c["tokens"]), _money(c["usd"]))
        console.print(t)

    if r is not None and any(cs.requests for cs in r.misses.values()):
        t = Table(title="misses (replay)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  show_footer=True)
        led = report.ledger
        footer = {"class": "total", "avoidable": _n(led.avoidable_tokens or 0),
                  "avoidable $": _money(led.avoidable_usd)}
        for col in ("class", "requests", "uncached", "uncached $", "avoidable", "avoidable $"):
            t.add_column(col, footer.get(col, ""), justify="left" if col == "class" else "right", no_wrap=True)
        for c in miss_classes(r):
            cs = r.misses[c]
            t.add_row(c + (" *" if c in AVOIDABLE else " †" if c in TTL_CLASSES else ""), f"{cs.requests:,}",
                      _n(cs.missed_tokens), _money(cs.missed_usd), _n(cs.avoidable_tokens),
                      _money(cs.avoidable_usd))
        if t.row_count:
            console.print(t)
            console.print("[dim]* avoidable: beyond what the what-if layout recovers (counted once, there)[/]")
            if any(c in TTL_CLASSES for c in miss_classes(r)):
                console.print("[dim]† cache writes: uncached = tokens written again (5 m), written at the 1 h "
                              "rate, or written and never read; avoidable = net of the other TTL's price (unread: "
                              "the write premium)[/]")
        if r.ttl is not None and r.ttl.requests:
            for line in ttl_lines(r.ttl):
                console.print(line)

    offenders = [g for g in report.groups if g.wasted_usd > 0 or g.left_tokens > 0][:top]
    if offenders:
        console.print("[bold]top offenders (prompt groups by money left on the table)[/]")
        for i, g in enumerate(offenders, 1):
            misses = ", ".join(f"{k} {v:,}" for k, v in sorted(g.misses.items()))
            console.print(f" {i}. group {g.key[:8]} ({escape(g.model)}) · {g.requests:,} requests · cached "
                          f"{_n(g.actual_cached)} of possible {_n(g.possible_cached)} · left "
                          f"[bold]{_money(g.wasted_usd)}[/]" + (f" · {misses}" if misses else ""))
            console.print(f"    at {escape(g.where)}", soft_wrap=True)
            if g.example:
                console.print("    diverges at " + escape(_divergence_text(g.example)))
        rest_usd = sum(g.wasted_usd for g in report.groups if g not in offenders)
        if report.other_groups is not None:
            rest_usd += report.other_groups["wasted_usd"]
        ttl_usd = ttl_left_usd(report)
        console.print(f"    other groups: {_money(rest_usd)} · all groups: "
                      f"{_money(sum(g.wasted_usd for g in offenders) + rest_usd)}"
                      + (f" + Anthropic write TTL {_money(ttl_usd)}" if ttl_usd else "") + " (= left on the table)")

    days = [(d, tot) for d, tot in report.days if d != "unknown"]
    if len(days) > 1 or (days and len(report.days) == 1):
        console.print("[bold]daily hit ratio[/]")
        for d, tot in days[-31:]:
            console.print(f"  {d} {_bar(tot.hit_ratio or 0.0)} {_pct(tot.hit_ratio):>6}  {_money(tot.cost_usd)}")

    for w in warnings(report):
        console.print(f"[yellow]→[/] {escape(w)}")

"""``pcache audit --format html``: one self-contained file rendered from ``templates/audit.html.j2``
(autoescaping Jinja2 environment; CSS bar charts whose labels wrap instead of being clipped)."""

from __future__ import annotations

from pcache.analyzers.audit.economics import TTL_CLASSES
from pcache.analyzers.audit.replay import AVOIDABLE

from ..render.audit import _money, _pct, miss_classes, ttl_left_usd, ttl_lines, warnings

_ENV = None


def _env():
    global _ENV
    if _ENV is None:
        from jinja2 import Environment, PackageLoader, select_autoescape

        _ENV = Environment(loader=PackageLoader("pcache.cli.formats", "templates"),
                           autoescape=select_autoescape(["html", "j2"], default=True), trim_blocks=False)
    return _ENV


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("prompt-cache-analyzer")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _chart(items: list[tuple[str, float, str]], vmax: float | None = None) -> list[dict]:
    vmax = vmax or max((v for _, v, _ in items), default=0) or 1
    return [{"label": label, "pct": f"{max(0.0, min(1.0, v / vmax)) * 100:.1f}", "text": text}
            for label, v, text in items]


def _totals_row(name: str, t) -> dict:
    return {"name": name, "requests": f"{t.requests:,}", "input": f"{t.input_tokens:,}",
            "cached": f"{t.cached_tokens:,}", "hit": _pct(t.hit_ratio), "written": f"{t.cache_write_tokens:,}",
            "output": f"{t.output_tokens:,}", "paid": _money(t.cost_usd), "without": _money(t.cost_without_cache_usd),
            "saved": _money(t.savings_usd), "left": _money(t.left_usd)}


def render(report) -> str:
    s = report.summary
    led = report.ledger
    r = report.replay
    days = [(d, t) for d, t in report.days if d != "unknown"]
    date_range = (days[0][0] if len(days) == 1 else f"{days[0][0]} to {days[-1][0]}") if days else "no timestamps"
    ctx = {
        "version": _version(),
        "date_range": date_range,
        "files": [{"path": p, "reader": rd} for p, rd in report.files],
        "hit_ratio": _pct(s.hit_ratio), "cached": f"{s.cached_tokens:,}", "input": f"{s.input_tokens:,}",
        "ledger": {
            "paid": _money(led.paid_usd), "without": _money(led.without_caching_usd), "saved": _money(led.saved_usd),
            "left": _money(led.left_usd) if led.replayed else "unknown (no replay)",
            "left_tokens": f"{led.left_tokens:,}" if led.replayed else "unknown",
            "layout": _money(led.layout_usd) if led.replayed else "n/a",
            "avoidable": _money(led.avoidable_usd) if led.replayed else "n/a",
            "classes": [{"name": c, "usd": _money(u), "requests": f"{r.misses[c].requests:,}"}
                        for c, (_t, u) in led.avoidable.items()] if r is not None else [],
        },
        "warnings": warnings(report),
        "days": _chart([(d, t.hit_ratio or 0.0, _pct(t.hit_ratio)) for d, t in days], vmax=1.0),
        "models": [_totals_row(m, t) for m, t, _p in report.models],
        "total": _totals_row("total", s),
        "replayed": led.replayed,
        "cost_chart": _chart([(m, float(t.cost_usd), _money(t.cost_usd)) for m, t, _ in report.models
                              if t.cost_usd][:15]),
        "replay": None, "offenders": [],
    }
    if r is not None and r.requests:
        ctx["replay"] = {
            "line": f"{r.requests:,} requests replayed ({r.minimum_tokens}-token minimum, {r.step_tokens}-token steps, "
                    f"idle TTL {int(r.ttl_seconds or 0)} s): predicted cached {r.predicted_cached_tokens:,} (up to "
                    f"{r.optimistic_cached_tokens:,} with {int(r.optimistic_ttl_seconds or 0)} s, "
                    f"{r.ideal_cached_tokens:,} with no expiry) vs actual {r.actual_cached_tokens:,}",
            "changed": f"{(r.whatif or {}).get('requests_changed', 0):,}"}
        ctx["changes"] = [{"lines": c["lines"] or "(none moved: shares a changed request's prefix)",
                           "requests": f"{c['requests']:,}", "tokens": f"{c['tokens']:,}", "usd": _money(c["usd"]),
                           "example": c["example"]} for c in r.changes]
        ctx["changes_total"] = {"requests": f"{sum(c['requests'] for c in r.changes):,}",
                                "tokens": f"{r.layout_tokens:,}", "usd": _money(r.layout_usd)}
    if r is not None and any(cs.requests for cs in r.misses.values()):
        shown = miss_classes(r)
        ctx["misses"] = [{"name": c + (" *" if c in AVOIDABLE else " †" if c in TTL_CLASSES else ""),
                          "requests": f"{r.misses[c].requests:,}",
                          "missed": f"{r.misses[c].missed_tokens:,}", "missed_usd": _money(r.misses[c].missed_usd),
                          "avoidable": f"{r.misses[c].avoidable_tokens:,}",
                          "avoidable_usd": _money(r.misses[c].avoidable_usd)} for c in shown]
        ctx["misses_total"] = {"tokens": f"{led.avoidable_tokens:,}", "usd": _money(led.avoidable_usd)}
        ctx["miss_chart"] = _chart([(c.replace("_", " "), r.misses[c].missed_usd,
                                     f"{r.misses[c].requests:,} req, {_money(r.misses[c].missed_usd)}")
                                    for c in shown])
    if r is not None and r.ttl is not None and r.ttl.requests:
        ctx["ttl"] = ttl_lines(r.ttl)
    offenders = [g for g in report.groups if g.wasted_usd > 0 or g.left_tokens > 0]
    if offenders:
        ctx["offenders"] = [{
            "key": g.key, "model": g.model, "requests": f"{g.requests:,}", "cached": f"{g.actual_cached:,}",
            "possible": f"{g.possible_cached:,}", "left": _money(g.wasted_usd), "where": g.where,
            "misses": ", ".join(f"{k} {v:,}" for k, v in sorted(g.misses.items())), "div": g.example}
            for g in offenders]
        rest = sum(g.wasted_usd for g in report.groups if g not in offenders)
        if report.other_groups is not None:
            rest += report.other_groups["wasted_usd"]
        ctx["other_groups"] = _money(rest)
        ctx["all_groups"] = _money(rest + sum(g.wasted_usd for g in offenders))
        ttl_usd = ttl_left_usd(report)
        ctx["ttl_left"] = _money(ttl_usd) if ttl_usd else None
    return _env().get_template("audit.html.j2").render(**ctx)

"""Stage 6, report: a merged ``PartialLedger`` -> the replay part of the audit report (summary, advice,
the regimes' costs, the worst prompt groups).  Pure: the same ledger gives the same report.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ...errors import PcacheError
from ..replay import MISS_CLASSES, ClassStats
from .types import PartialLedger, StageOptions


@dataclass
class ReplaySummary:
    requests: int = 0
    skipped: dict = field(default_factory=dict)  # reason -> requests not replayed
    input_tokens: int = 0
    replayed_tokens: int = 0
    actual_cached_tokens: int = 0
    predicted_cached_tokens: int = 0
    optimistic_cached_tokens: int = 0
    ideal_cached_tokens: int = 0
    actual_savings_usd: float = 0.0
    predicted_savings_usd: float = 0.0
    optimistic_savings_usd: float = 0.0
    ttl_seconds: float | None = None
    optimistic_ttl_seconds: float | None = None
    minimum_tokens: int = 0
    step_tokens: int = 0
    misses: dict = field(default_factory=dict)  # class -> ClassStats
    out_of_order: int = 0
    token_mismatch: int = 0
    peak_blocks: int = 0
    whatif: dict | None = None
    advice: list[str] = field(default_factory=list)
    regimes: list = field(default_factory=list)  # RegimeReplay per cache regime (legacy included)
    layout_tokens: int = 0  # what the what-if layout adds (the ledger's "layout" line)
    layout_usd: float = 0.0
    changes: list = field(default_factory=list)  # what-if table: per moved-lines change, sums to layout
    bounds: dict = field(default_factory=dict)  # reason -> BoundStats (actual above the replay's bound)
    diagnostics: dict | None = None  # vendor cache diagnostics vs pcache's classes (_diagnosis_summary)
    ttl: object = None  # economics.TtlReport: Anthropic 5 m vs 1 h writes
    writes: list = field(default_factory=list)  # economics.TtlReport per regime that bills writes
    traffic: list = field(default_factory=list)  # busiest (prefix, prompt_cache_key) pairs, TrafficStats dicts
    rpm_limit: float = 15.0


@dataclass
class RegimeReplay:
    """Replay of the requests of one cache regime: actual vs predicted reads and (billed) writes, and
    what both cost by the regime's prices (genai-prices at today's rates, output tokens included)."""

    regime: str
    name: str
    requests: int = 0
    input_tokens: int = 0  # billed input (the predictions are capped to it)
    replayed_tokens: int = 0  # tokens of the rendered requests (estimates for Claude/Gemini)
    actual_cached_tokens: int = 0
    actual_cache_write_tokens: int = 0
    actual_cache_write_1h_tokens: int = 0
    predicted_cached_tokens: int = 0
    predicted_cache_write_tokens: int = 0
    predicted_cache_write_1h_tokens: int = 0
    actual_cost_usd: Decimal | None = None
    predicted_cost_usd: Decimal | None = None
    unpriced_requests: int = 0
    upper_bound: bool = False  # the provider may cache less than predicted (no guarantee)
    estimate: bool = False  # token counts are o200k_base estimates (no public tokenizer)
    bills_writes: bool = False
    models: list = field(default_factory=list)


def _diagnosis_summary(pairs: dict) -> dict | None:
    """Vendor verdicts against pcache's classes: agreements over the comparable requests."""
    if not pairs:
        return None
    from ...providers.diagnostics import INCONCLUSIVE

    agree = comparable = 0
    for (vendor, ours), n in pairs.items():
        verdict = vendor.split(": ", 1)[1]
        if verdict in INCONCLUSIVE:
            continue
        comparable += n
        vendor_hit = verdict == "hit"
        ours_hit = ours in ("hit", "predicted hit")
        agree += n if vendor_hit == ours_hit else 0
    return {"requests": sum(pairs.values()), "comparable": comparable, "agree": agree,
            "pairs": [{"vendor": v, "pcache": o, "requests": n}
                      for (v, o), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))]}


@dataclass
class Report:
    summary: ReplaySummary
    groups: list  # GroupStats (dollars as floats), worst first, at most ``top_groups``
    other_groups: dict  # the groups not in ``groups``: requests and left on the table
    notes: list[str]
    left_rows: dict  # (model, day, batch) -> (layout tokens, layout $, avoidable tokens, avoidable $)


def _class(cs: ClassStats) -> ClassStats:
    return replace(cs, missed_usd=float(cs.missed_usd), avoidable_usd=float(cs.avoidable_usd))


def report(p: PartialLedger, ledger, data: dict, options, stage: StageOptions) -> Report:
    """The replay report of the merged ledger ``p`` (``ledger``: the money ledger.Ledger, for prices;
    ``options``: engine.AuditOptions; ``stage``: its StageOptions)."""
    from ...providers.registry import regime_model

    cm = regime_model("openai-legacy")
    s = ReplaySummary(
        requests=p.requests, skipped={r: n for r, (_first, n) in sorted(p.skipped.items(), key=lambda kv: kv[1][0])},
        input_tokens=p.input_tokens, replayed_tokens=p.replayed_tokens, actual_cached_tokens=p.actual,
        predicted_cached_tokens=p.predicted, optimistic_cached_tokens=p.optimistic,
        ideal_cached_tokens=p.ideal, actual_savings_usd=float(p.actual_usd),
        predicted_savings_usd=float(p.predicted_usd), optimistic_savings_usd=float(p.optimistic_usd),
        ttl_seconds=stage.ttl, optimistic_ttl_seconds=stage.optimistic_ttl, minimum_tokens=cm.minimum,
        step_tokens=cm.step, misses={c: _class(p.classes.get(c, ClassStats())) for c in MISS_CLASSES},
        out_of_order=p.out_of_order, token_mismatch=p.token_mismatch, peak_blocks=p.peak_blocks,
        layout_tokens=p.layout_tokens, layout_usd=float(p.layout_usd), bounds=_first_seen(p.bounds))
    changes = [{"lines": label, "requests": n, "tokens": tokens, "usd": float(usd), "example": example}
               for label, (_first, example, n, tokens, usd) in sorted(p.changes.items(), key=lambda kv: kv[1][0])]
    s.changes = sorted(changes, key=lambda c: (-c["usd"], -c["tokens"], c["lines"]))
    s.diagnostics = _diagnosis_summary(p.diagnoses)
    s.rpm_limit = stage.rpm_limit
    traffic = sorted(p.traffic.values(), key=lambda t: (-t.over, -t.peak_rpm, t.group, t.first))
    s.traffic = [t.as_dict() for t in traffic[:10] if t.requests > 1]
    over = [t for t in traffic if t.over]
    if over:
        n_over = sum(t.over for t in over)
        unexp = sum(t.unexplained_over for t in over)
        worst = max(sorted(over, key=lambda t: t.first), key=lambda t: t.peak_rpm)
        s.advice.append(f"{n_over:,} requests arrived while their prefix (and prompt_cache_key) had more than "
                        f"~{stage.rpm_limit:g} requests in the last minute (peak {worst.peak_rpm} rpm, group "
                        f"{worst.group[:8]}): the prefix overflows to more machines; {unexp:,} of them were "
                        "unexplained misses. Spread the traffic over prompt_cache_key values (each under the limit)")
    if s.diagnostics:
        d = s.diagnostics
        s.advice.append(f"vendor cache diagnostics on {d['requests']:,} requests: pcache's class agrees with the "
                        f"vendor's verdict on {d['agree']:,} of {d['comparable']:,} comparable ("
                        + "; ".join(f"{x['vendor']} vs {x['pcache']}: {x['requests']:,}" for x in d["pairs"][:6])
                        + ")")
    if stage.whatif and p.requests:
        s.whatif = {
            "volatile_source": _volatile_source(stage),
            "volatile_patterns": list(stage.volatile),
            "layout": "whole lines holding volatile values moved from system/developer messages into one note "
                      "before the final user turn (as lint --suggest)",
            "requests_changed": p.moved_requests,
            "predicted_cached_tokens": p.alt_predicted,
            "optimistic_cached_tokens": p.alt_optimistic,
            "predicted_savings_usd": float(p.alt_predicted_usd),
            # what the layout adds over what each request got (the ledger's layout line)
            "extra_cached_tokens": p.layout_tokens,
            "extra_usd": float(p.layout_usd),
            "money_left_on_table_usd": float(p.layout_usd),
            "changes": s.changes,
        }
    s.regimes = regime_summaries(p.sums, ledger)
    for r in s.regimes:
        if r.regime == "openai-legacy":
            continue
        if r.upper_bound and r.actual_cached_tokens < 0.8 * r.predicted_cached_tokens:
            s.advice.append(f"{r.name}: actual cached tokens {r.actual_cached_tokens:,} vs "
                            f"{r.predicted_cached_tokens:,} predicted (no guarantee; routing/eviction)")
        if r.bills_writes and r.predicted_cache_write_tokens and r.predicted_cached_tokens < \
                r.predicted_cache_write_tokens:
            s.advice.append(f"{r.name}: more tokens written ({r.predicted_cache_write_tokens:,}, billed as "
                            f"writes) than read back ({r.predicted_cached_tokens:,}) in the replay: move "
                            "breakpoints to content that repeats, or drop them on one-off prompts")
    rpm = data.get("requests_per_minute_per_prefix", {}).get("value", 15)
    if p.requests:
        classes = s.misses
        unexplained = classes["unexplained"]
        if p.actual < 0.8 * p.predicted:
            s.advice.append(
                f"actual cached tokens are {p.actual:,} vs {p.predicted:,} predicted: requests likely land on "
                f"machines without the prefix (routing/eviction); set prompt_cache_key per prefix and keep each "
                f"prefix+key under ~{rpm} requests/minute (smooth bursts)")
        elif unexplained.requests:
            s.advice.append(f"{unexplained.requests} requests missed a prefix the replay had cached "
                            f"(routing/eviction); prompt_cache_key helps keep a prefix on one machine")
        if classes["idle_gap"].requests:
            s.advice.append(
                f"{classes['idle_gap'].requests} requests came after the cache had idled out "
                f"(> {int(stage.ttl)} s); consider prompt_cache_retention='24h' where supported")
        if classes["prefix_broken"].requests:
            s.advice.append(f"{classes['prefix_broken'].requests} requests left their group's static prefix "
                            "before the final user turn: see where in the top offenders table (file:line and "
                            "the text on both sides)")
        if s.whatif and s.layout_usd > 0:
            s.advice.append(f"moving the volatile lines listed in the what-if table after the static prefix "
                            f"would have cached {p.layout_tokens:,} more tokens (${s.layout_usd:.4f})")
        from ..replay import BOUND_REASONS

        for reason, b in sorted(s.bounds.items(), key=lambda kv: -kv[1].requests):
            ex = ", ".join(f"{w} ({a:,} > {u:,})" for w, a, u in b.examples[:3])
            s.advice.append(f"{b.requests} requests cached more than the replay's upper bound "
                            f"(+{b.tokens:,} tokens): {BOUND_REASONS.get(reason, reason)}; e.g. {ex}")

    notes: list[str] = []
    if p.no_time and p.any_time:
        notes.append(f"{p.no_time} replayed requests had no timestamp; replayed at the time of the "
                     "previous request")
    elif p.no_time and not p.any_time:
        notes.append("the log has no timestamps: requests were replayed in file order without idle expiry")
    groups = [replace(g, wasted_usd=float(g.wasted_usd), layout_usd=float(g.layout_usd),
                      example=dict(g.example) if g.example else g.example) for g in p.groups.values()]
    ranked = sorted(groups, key=lambda g: (-g.wasted_usd, -(g.possible_cached - g.actual_cached), g.key))
    shown = [g for g in ranked if g.requests > 1 or g.wasted_usd > 0][:options.top_groups]
    ids = {id(g) for g in shown}
    rest = [g for g in ranked if id(g) not in ids]
    other = {"groups": len(rest), "requests": sum(g.requests for g in rest),
             "wasted_usd": sum(g.wasted_usd for g in rest), "left_tokens": sum(g.left_tokens for g in rest)}
    annotate_divergence(shown)
    if options.redact:
        for c in s.changes:
            c["lines"] = redact_text(c["lines"]) if c["lines"] else c["lines"]
        for g in shown:
            if g.example:
                g.example = dict(g.example, text=redact_text(g.example.get("text")),
                                 before=redact_text(g.example.get("before")),
                                 previous_text=redact_text(g.example.get("previous_text")),
                                 request=redact_text(g.example.get("request")),
                                 previous=redact_text(g.example.get("previous")))
    left = {k: [lt, float(lu), at, float(au)] for k, (lt, lu, at, au) in p.left_rows.items()}
    reports = ttl_report(p.econ, ledger, left)
    add_ttl(s, reports)
    return Report(s, shown, other, notes, {k: tuple(v) for k, v in left.items()})


def ttl_report(econ: dict, ledger, left_rows: dict) -> list:
    """Price the cache-write economics of each regime (genai-prices) and add what they left on the
    table to the ledger rows (model, day, batch) as avoidable misses."""
    from ..economics import write_prices

    out = []
    for regime, e in sorted(econ.items()):
        provider = "anthropic" if regime == "anthropic" else None

        def prices(model: str, provider=provider):
            pk = ledger.price_key(model or None, provider) or ledger.price_key(model or None, None)
            return None if pk is None else write_prices(*pk[0])

        rep = e.report(prices)
        for key, (tokens, usd) in rep.rows.items():
            row = left_rows.setdefault(key, [0, 0.0, 0, 0.0])
            row[2] += tokens
            row[3] += float(usd)
        out.append(rep)
    return out


def add_ttl(s: ReplaySummary, reports: list) -> None:
    """The cache-write economics in the summary: their classes join the misses table (and so the
    ledger's avoidable misses), their findings the advice; ``s.ttl`` is Anthropic's (5 m vs 1 h)."""
    from ..economics import TTL_CLASSES

    s.writes = reports
    for c in TTL_CLASSES:
        rows = [r.classes[c] for r in reports]
        if any(row[0] for row in rows):
            s.misses[c] = ClassStats(sum(r[0] for r in rows), sum(r[1] for r in rows),
                                     float(sum(r[2] for r in rows)), sum(r[3] for r in rows),
                                     float(sum(r[4] for r in rows)))
    for rep in reports:
        if rep.unread_writes:
            s.advice.append(f"{rep.regime}: {rep.unread_writes:,} cache writes ({rep.unread_tokens:,} tokens) expired "
                            f"without a single read, ${float(rep.unread_usd):.4f} of write premium for nothing: "
                            "drop those breakpoints or put them on content that repeats")
    ttl = next((r for r in reports if r.regime == "anthropic"), None)
    if ttl is None:
        return
    s.ttl = ttl
    if ttl.writes_1h:
        s.advice.append(f"Anthropic 1 h writes: {ttl.paid_back_1h:,} of {ttl.writes_1h:,} prefixes paid back "
                        f"(their premium over 5 m writes ${float(ttl.premium_1h_usd):.4f}; the re-writes their reads "
                        f"after more than 5 minutes avoided ${float(ttl.saved_1h_usd):.4f})")
    if ttl.rewrite_requests:
        s.advice.append(f"Anthropic 5 m writes: {ttl.rewrite_requests:,} requests wrote an expired prefix again "
                        f"within the hour ({ttl.rewrite_tokens:,} tokens, idle-gap misses "
                        f"${float(ttl.idle_gap_usd):.4f}; 1 h writes would have cost "
                        f"${float(ttl.premium_for_1h_usd):.4f} more): mark prefixes read every 5-60 minutes "
                        "with cache_control ttl '1h'")
    if ttl.no_time:
        s.advice.append(f"{ttl.no_time:,} Anthropic requests have no timestamp: 5 m vs 1 h writes not judged "
                        "for them")


def _first_seen(bounds: dict) -> dict:
    """The bound reasons in the order the replay first met them, each one's examples in replay order."""
    out = {}
    for k, b in bounds.items():
        both = sorted(zip(b.orders, b.examples))
        out[k] = replace(b, orders=[o for o, _ in both], examples=[e for _, e in both])
    return dict(sorted(out.items(), key=lambda kv: (kv[1].orders[0] if kv[1].orders else float("inf"), kv[0])))


def _volatile_source(stage: StageOptions) -> str:
    from ..whatif import VolatileFinder

    return VolatileFinder(stage.volatile).source


def redact_text(text: str | None) -> str | None:
    import hashlib

    if text is None:
        return None
    return "#" + hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=4).hexdigest()


def regime_summaries(sums: dict, ledger) -> list:
    """One RegimeReplay per cache regime from the (regime, model, provider, batch) token sums."""
    from ...providers.interface import CacheOutcome
    from ...providers.registry import REGIMES, cache_model_for, regime_model

    out: dict[str, RegimeReplay] = {}
    for (regime, model, provider, batch), row in sorted(sums.items(), key=lambda kv: tuple(map(str, kv[0]))):
        try:
            cm = cache_model_for(*row["cm"])
        except PcacheError:
            cm = regime_model("openai-legacy")
        r = out.get(regime)
        if r is None:
            r = out[regime] = RegimeReplay(regime, cm.data.name, actual_cost_usd=Decimal(0),
                                           predicted_cost_usd=Decimal(0), upper_bound=cm.upper_bound,
                                           bills_writes=cm.bills_writes)
        r.requests += row["n"]
        r.input_tokens += row["total"]
        r.replayed_tokens += row["rendered"]
        r.actual_cached_tokens += row["a_read"]
        r.actual_cache_write_tokens += row["a_write"]
        r.actual_cache_write_1h_tokens += row["a_w1h"]
        r.predicted_cached_tokens += row["p_read"]
        r.predicted_cache_write_tokens += row["p_write"]
        r.predicted_cache_write_1h_tokens += row["p_w1h"]
        r.estimate = r.estimate or row["estimate"]
        if model and model not in r.models:
            r.models.append(model)
        pk = ledger.price_key(model or None, provider)
        try:
            if pk is None:
                raise PcacheError("unpriced")
            name = pk[0][0]
            actual = cm.cost(CacheOutcome(row["total"], row["a_read"], row["a_write"] if cm.bills_writes else 0,
                                          row["a_w1h"] if cm.bills_writes else 0), name, row["output"])
            predicted = cm.cost(CacheOutcome(row["total"], row["p_read"], row["p_write"], row["p_w1h"]), name,
                                row["output"])
            if actual is None or predicted is None:
                raise PcacheError("unpriced")
        except (PcacheError, LookupError, ValueError):
            r.unpriced_requests += row["n"]
            continue
        mult = ledger.batch_multiplier if batch else Decimal(1)
        r.actual_cost_usd += actual * mult
        r.predicted_cost_usd += predicted * mult
    order = list(REGIMES)
    result = sorted(out.values(), key=lambda r: order.index(r.regime) if r.regime in order else len(order))
    for r in result:
        if r.unpriced_requests == r.requests:
            r.actual_cost_usd = r.predicted_cost_usd = None
    return result


def annotate_divergence(groups: list) -> None:
    """What differs at each group's divergence: the kinds of the volatile literals (the PC102 detectors
    of ``analyzers/volatile.py``) on the line where the two requests part, on either side, and their
    volatility class as lint judges it (``analyzers/volatility.py``: the most volatile one); text that
    differs with no volatile value is ``content`` of unknown volatility."""
    from ...volatile import find_volatile
    from ...volatility import RANK, classify_literal

    for g in groups:
        ex = g.example
        if not ex or ex.get("text") is None:
            continue
        before = (ex.get("before") or "").rsplit("\n", 1)[-1]  # the start of the line
        hits = []
        for side in (ex.get("text") or "", ex.get("previous_text") or ""):
            line = before + side.split("\n", 1)[0]
            hits.extend(v for v in find_volatile(line) if v.end > len(before))
        ex["volatile_kinds"] = list(dict.fromkeys(v.kind for v in hits))
        classes = [classify_literal(v).cls for v in hits]
        ex["volatility"] = min(classes, key=lambda c: RANK.get(c, 99)) if classes else "unknown"


"""The money ledger: what was paid (token totals and genai-prices costs per model and per day) and
what was left on the table (from the replay), defined once here and rendered by every format.

    paid                          = sum of the per-model (and per-row) ``cost_usd``
    paid without caching          = sum of ``cost_without_cache_usd``
    saved by caching              = paid without caching - paid
    left on the table             = what-if layout + avoidable misses
      what-if layout              = sum of the what-if table (whole volatile lines moved, per change)
      avoidable misses            = sum of the misses table's avoidable column (per class)

Every request contributes to at most one of the two parts per token: what moving its volatile lines
would have cached on top of what it got is "layout"; what its miss class says it could have had
beyond that is the class's (``replay.Replayer.feed``).  Both are summed per ledger row too, so the
CSV rows add up to the same totals.

Requests are summed per (model, provider, half hour, batch) and each sum is priced once at the middle
of its half hour (prices are linear below a tier threshold; genai-prices' price history and
time-of-day prices, e.g. DeepSeek's 16:30-00:30 UTC discount, change on the hour or half hour); a
request above its model's tier threshold is priced on its own.  Constant memory: one row per model and
half hour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal

from ..errors import PcacheError
from .readers.interface import Record


@dataclass
class Totals:
    requests: int = 0
    input_tokens: int = 0
    cached_tokens: int = 0
    cache_write_tokens: int = 0
    output_tokens: int = 0
    cache_write_1h_tokens: int = 0
    cost_usd: Decimal | None = Decimal(0)
    cost_without_cache_usd: Decimal | None = Decimal(0)
    unpriced_requests: int = 0
    # left on the table (replayed requests only): what-if layout and avoidable misses
    layout_tokens: int = 0
    layout_usd: float = 0.0
    avoidable_tokens: int = 0
    avoidable_usd: float = 0.0
    cached_unknown_requests: int = 0  # requests whose log did not report cached tokens (unknown, not 0)
    double_counted_requests: int = 0  # requests whose usage counts cached tokens twice (usage.Usage)

    @property
    def left_usd(self) -> float:
        return self.layout_usd + self.avoidable_usd

    @property
    def left_tokens(self) -> int:
        return self.layout_tokens + self.avoidable_tokens

    def add_left(self, layout_tokens: int, layout_usd: float, avoidable_tokens: int, avoidable_usd: float) -> None:
        self.layout_tokens += layout_tokens
        self.layout_usd += layout_usd
        self.avoidable_tokens += avoidable_tokens
        self.avoidable_usd += avoidable_usd

    cached_unknown_input_tokens: int = 0  # their input tokens (left out of the hit ratio)

    @property
    def hit_ratio(self) -> float | None:
        """Sum of cached / sum of input over the requests that reported cached tokens (a request that
        did not report them is unknown, not a miss); None when none did."""
        known = self.input_tokens - self.cached_unknown_input_tokens
        if known <= 0:
            return None if self.cached_unknown_input_tokens else 0.0
        return min(1.0, self.cached_tokens / known)

    @property
    def savings_usd(self) -> Decimal | None:
        if self.cost_usd is None or self.cost_without_cache_usd is None:
            return None
        return self.cost_without_cache_usd - self.cost_usd

    def add_tokens(self, other: "Totals") -> None:
        self.requests += other.requests
        self.input_tokens += other.input_tokens
        self.cached_tokens += other.cached_tokens
        self.cache_write_tokens += other.cache_write_tokens
        self.output_tokens += other.output_tokens
        self.cache_write_1h_tokens += other.cache_write_1h_tokens
        self.unpriced_requests += other.unpriced_requests
        self.cached_unknown_requests += other.cached_unknown_requests
        self.double_counted_requests += other.double_counted_requests
        self.cached_unknown_input_tokens += other.cached_unknown_input_tokens

    def add_cost(self, paid: Decimal | None, plain: Decimal | None) -> None:
        if paid is None or self.cost_usd is None:
            return
        self.cost_usd += paid
        self.cost_without_cache_usd += plain

    def merge(self, other: "Totals") -> None:
        self.add_tokens(other)
        self.add_left(other.layout_tokens, other.layout_usd, other.avoidable_tokens, other.avoidable_usd)
        # An unpriced part leaves the priced sum as is; ``unpriced_requests`` says how much is missing.
        if other.cost_usd is not None and self.cost_usd is not None:
            self.cost_usd += other.cost_usd
            self.cost_without_cache_usd += other.cost_without_cache_usd


BUCKET = 1800  # seconds per priced bucket


def day_of(t: float | None) -> str:
    if t is None:
        return "unknown"
    return datetime.fromtimestamp(t, tz=timezone.utc).strftime("%Y-%m-%d")


@dataclass
class _Row:
    tokens: Totals = field(default_factory=Totals)
    extra_paid: Decimal = Decimal(0)  # requests above a tier threshold, priced one by one
    extra_plain: Decimal = Decimal(0)


class Ledger:
    def __init__(self, batch_multiplier: Decimal = Decimal("0.5"), model_map: dict | None = None):
        self.rows: dict[tuple, _Row] = {}
        self.batch_multiplier = batch_multiplier
        self.model_map = model_map or {}
        self._keys: dict[tuple, tuple | None] = {}
        self.unpriced: dict[str, int] = {}
        self.price_ids: dict[str, str] = {}  # model as logged -> provider:model genai-prices used

    def price_key(self, model: str | None, provider: str | None):
        k = (model, provider)
        if k not in self._keys:
            from ..pricing import price_key, tier_threshold

            mapped = self.model_map.get(model or "", model)
            try:
                if not mapped:
                    raise PcacheError("no model")
                pk = price_key(mapped, provider)
                self._keys[k] = (pk, tier_threshold(*pk))
                self.price_ids[model or "unknown"] = f"{pk[1]}:{pk[0]}"
            except (PcacheError, LookupError, ValueError):
                self._keys[k] = None
        return self._keys[k]

    def add(self, rec: Record) -> None:
        u = rec.usage
        model = rec.model or "unknown"
        key = (model, rec.provider, None if rec.time is None else int(rec.time // BUCKET), rec.batch)
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = _Row()
        t = row.tokens
        t.requests += rec.requests
        t.input_tokens += u.input_tokens
        t.cached_tokens += u.cached_tokens
        t.cache_write_tokens += u.cache_write_tokens
        t.cache_write_1h_tokens += u.cache_write_1h_tokens
        t.output_tokens += u.output_tokens
        if u.double_counted:
            t.double_counted_requests += rec.requests
        if not u.cached_known:
            t.cached_unknown_requests += rec.requests
            t.cached_unknown_input_tokens += u.input_tokens
        pk = self.price_key(rec.model, rec.provider)
        if pk is not None and pk[1] is not None and rec.requests == 1 and u.input_tokens > pk[1]:
            from ..pricing import usage_cost

            paid, plain = usage_cost(*pk[0], u.input_tokens, u.cached_tokens, u.cache_write_tokens,
                                     u.output_tokens, u.cache_write_1h_tokens, _when(rec.time))
            row.extra_paid += paid
            row.extra_plain += plain
            t.input_tokens -= u.input_tokens  # kept apart from the linear sum ...
            t.cached_tokens -= u.cached_tokens
            t.cache_write_tokens -= u.cache_write_tokens
            t.cache_write_1h_tokens -= u.cache_write_1h_tokens
            t.output_tokens -= u.output_tokens
            row.__dict__.setdefault("big", Totals()).add_tokens(  # ... but counted in the totals
                Totals(0, u.input_tokens, u.cached_tokens, u.cache_write_tokens, u.output_tokens,
                       u.cache_write_1h_tokens))

    def merge(self, other: "Ledger") -> None:
        """Add the rows another ledger summed (a worker's share of the same log): sums only."""
        for key, row in other.rows.items():
            mine = self.rows.get(key)
            if mine is None:
                mine = self.rows[key] = _Row()
            mine.tokens.add_tokens(row.tokens)
            mine.extra_paid += row.extra_paid
            mine.extra_plain += row.extra_plain
            big = row.__dict__.get("big")
            if big is not None:
                mine.__dict__.setdefault("big", Totals()).add_tokens(big)
        for model, pid in other.price_ids.items():
            self.price_ids.setdefault(model, pid)

    def priced_rows(self):
        """(model, provider, day, batch, Totals with costs) per row; costs None when unpriced."""
        from ..pricing import usage_cost

        out = []
        for (model, provider, bucket, batch), row in sorted(self.rows.items(), key=lambda kv: (
                kv[0][0], str(kv[0][1]), -1 if kv[0][2] is None else kv[0][2], kv[0][3])):
            when = None if bucket is None else _when(bucket * BUCKET + BUCKET / 2)
            day = day_of(None if bucket is None else bucket * BUCKET)
            t = row.tokens
            pk = self.price_key(None if model == "unknown" else model, provider)
            tot = Totals()
            tot.add_tokens(t)
            big = row.__dict__.get("big")
            if big is not None:
                tot.add_tokens(big)
            if pk is None:
                tot.cost_usd = tot.cost_without_cache_usd = None
                tot.unpriced_requests = tot.requests
                self.unpriced[model] = self.unpriced.get(model, 0) + tot.requests
            else:
                paid, plain = usage_cost(*pk[0], t.input_tokens, t.cached_tokens, t.cache_write_tokens,
                                         t.output_tokens, t.cache_write_1h_tokens,
                                         when)
                paid += row.extra_paid
                plain += row.extra_plain
                if batch:
                    paid *= self.batch_multiplier
                    plain *= self.batch_multiplier
                tot.cost_usd, tot.cost_without_cache_usd = paid, plain
            out.append((model, provider, day, batch, tot))
        return out


def _when(t: float | None):
    return None if t is None else datetime.fromtimestamp(t, tz=timezone.utc)



@dataclass
class MoneyLedger:
    """The ledger lines every format shows (see the module docstring for the identities)."""

    paid_usd: Decimal | None
    without_caching_usd: Decimal | None
    layout_usd: float = 0.0
    layout_tokens: int = 0
    avoidable: dict = field(default_factory=dict)  # miss class -> (tokens, usd)
    replayed: bool = False  # False: nothing was replayed, "left on the table" is unknown
    unpriced_requests: int = 0
    coverage: list = field(default_factory=list)  # per regime: what its left on the table holds, or why not

    @property
    def saved_usd(self) -> Decimal | None:
        if self.paid_usd is None or self.without_caching_usd is None:
            return None
        return self.without_caching_usd - self.paid_usd

    @property
    def avoidable_usd(self) -> float:
        return sum(usd for _t, usd in self.avoidable.values())

    @property
    def avoidable_tokens(self) -> int:
        return sum(t for t, _usd in self.avoidable.values())

    @property
    def left_usd(self) -> float | None:
        return self.layout_usd + self.avoidable_usd if self.replayed else None

    @property
    def left_tokens(self) -> int | None:
        return self.layout_tokens + self.avoidable_tokens if self.replayed else None


def money_ledger(summary: Totals, replay) -> MoneyLedger:
    """The ledger of a report: ``summary`` (what was paid) and the replay's what-if and miss classes."""
    from .replay import AVOIDABLE

    led = MoneyLedger(summary.cost_usd, summary.cost_without_cache_usd, unpriced_requests=summary.unpriced_requests)
    if replay is not None and (replay.requests or any(r.requests for r in replay.regimes)):
        from .economics import TTL_CLASSES

        led.replayed = True
        led.layout_usd = replay.layout_usd
        led.layout_tokens = replay.layout_tokens
        led.avoidable = {c: (replay.misses[c].avoidable_tokens, replay.misses[c].avoidable_usd)
                         for c in AVOIDABLE + TTL_CLASSES if c in replay.misses}
        led.coverage = left_coverage(replay)
    return led


# What "left on the table" holds per cache regime (``coverage``): the parts computed, or why none is.
_NOT_MODELLED = {
    "gemini": "implicit caching with no guarantee (the replay is an upper bound) and no what-if layout or miss "
              "classes for it yet: not computed",
    "deepseek": "disk caching with no guarantee (the replay is an upper bound) and no what-if layout or miss "
                "classes for it yet: not computed",
    "openai-none": "the model has no prompt caching: nothing to leave",
    "vllm": "self-hosted: no prices", "sglang": "self-hosted: no prices", "llamacpp": "self-hosted: no prices",
}


def left_coverage(replay) -> list[dict]:
    """Per replayed regime: the parts of left on the table computed for it (``computed``) and what is
    not, with the reason (``not_computed``)."""
    writes = {w.regime: w for w in getattr(replay, "writes", [])}
    out = []
    for r in replay.regimes:
        if not r.requests:
            continue
        w = writes.get(r.regime)
        judged = w is not None and w.requests > 0
        if r.regime == "openai-legacy":
            computed, missing = ["what-if layout", "prefix_broken", "idle_gap", "unexplained"], None
        elif r.regime == "anthropic":
            computed = ["ttl_5m_expired", "ttl_1h_unused", "unread_write"] if judged else []
            missing = ("no what-if layout or prefix-break classes for cache_control breakpoints yet"
                       + ("" if judged else "; the write economics need timestamps, which these requests lack"))
        elif r.regime == "openai-breakpoint":
            computed = ["unread_write"] if judged else []
            missing = ("no what-if layout or prefix-break classes for GPT-5.6+ breakpoints yet"
                       + ("" if judged else "; unread writes need timestamps, which these requests lack"))
        else:
            computed, missing = [], _NOT_MODELLED.get(r.regime, "no miss classes for this regime: not computed")
        out.append({"regime": r.regime, "requests": r.requests, "computed": computed, "not_computed": missing})
    return out

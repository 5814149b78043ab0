"""What was paid: token totals and genai-prices costs per model and per day.

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

    @property
    def hit_ratio(self) -> float:
        if self.input_tokens <= 0:
            return 0.0
        return min(1.0, self.cached_tokens / self.input_tokens)

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

    def add_cost(self, paid: Decimal | None, plain: Decimal | None) -> None:
        if paid is None or self.cost_usd is None:
            return
        self.cost_usd += paid
        self.cost_without_cache_usd += plain

    def merge(self, other: "Totals") -> None:
        self.add_tokens(other)
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


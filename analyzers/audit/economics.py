"""Anthropic cache-write economics from timestamps: 5-minute vs 1-hour writes (spec section 4).

A write costs 1.25x the base input price with ``ttl: "5m"`` and 2x with ``ttl: "1h"``; a read 0.1x
(genai-prices gives the actual prices per model).  An entry lives ``idle_ttl_seconds`` (300) or
``ttl_1h_seconds`` (3600) after its last use; a hit refreshes it.  So from the gaps between the uses of
the same prefix:

* a 5 m entry used again after 5 minutes but within the hour has expired and is written again at
  1.25x instead of read at 0.1x: an *idle-gap miss*, priced at (write 5 m - read) per token.  A 1 h
  write would have turned it into a read, at the price of (write 1 h - write 5 m) on each write a 1 h
  policy also makes (the first, and any after an hour of idleness);
* a 1 h entry *paid back* when the reads it served after more than 5 minutes of idleness (each a
  5 m re-write avoided: write 5 m - read per token) are worth at least its premium over a 5 m write.

Each prefix is identified by the digest of the rendered tokens up to one of the request's
``cache_control`` breakpoints (the regime's own write points); its size is the rendered tokens since
the previous breakpoint (an estimate: no public Claude tokenizer), capped per request by the tokens the
log billed as written (re-writes) or read (long-gap reads).

Money left on the table, per prefix: ``ttl_5m_expired`` = max(0, idle-gap misses - the 1 h premium they
need) and ``ttl_1h_unused`` = max(0, 1 h premium - what its long-gap reads saved).  Everything is
summed as integers per prefix and priced once at the end (Decimal), so partial replays merge by sums.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from .ledger import day_of

# The two classes this module adds to the ledger's avoidable misses (and to the misses table).
TTL_CLASSES = ("ttl_5m_expired", "ttl_1h_unused")
TTL_CLASS_TEXT = {
    "ttl_5m_expired": "5 m writes that expired and were written again within the hour, where a 1 h write "
                      "would have cost less",
    "ttl_1h_unused": "1 h writes whose reads never came after more than 5 minutes of idleness often enough "
                     "to pay their premium over a 5 m write",
}
_WIDTH = 4


@dataclass
class _Prefix:
    """One cached prefix (model + tokens up to a breakpoint) over the log."""

    model: str
    day: str
    batch: bool
    ttl: str  # as last written
    last_use: float
    # token sums (see the module docstring)
    first_5m: int = 0  # 5 m writes a 1 h policy would also make
    rewrites_5m: int = 0  # 5 m re-writes after a 5 m-1 h gap
    rewrite_requests: int = 0
    writes_1h: int = 0
    write_events_1h: int = 0
    long_reads_1h: int = 0  # reads of a 1 h entry after a 5 m-1 h gap
    long_read_requests: int = 0


@dataclass
class TtlPrices:
    """USD per million tokens (genai-prices): read, 5 m write, 1 h write."""

    read: Decimal
    write_5m: Decimal
    write_1h: Decimal


@dataclass
class TtlReport:
    requests: int = 0  # Anthropic requests with a timestamp, followed through the prefixes
    no_time: int = 0  # Anthropic requests without one (no gaps: not judged)
    prefixes: int = 0
    writes_1h: int = 0  # prefixes written with ttl 1h
    paid_back_1h: int = 0
    premium_1h_usd: Decimal = Decimal(0)  # what the 1 h writes cost over 5 m ones
    saved_1h_usd: Decimal = Decimal(0)  # the 5 m re-writes their long-gap reads avoided
    long_read_requests: int = 0
    expired_5m_prefixes: int = 0  # 5 m prefixes re-written after a 5 m-1 h gap
    rewrite_requests: int = 0  # idle-gap misses
    rewrite_tokens: int = 0
    idle_gap_usd: Decimal = Decimal(0)  # (write 5 m - read) x re-written tokens
    premium_for_1h_usd: Decimal = Decimal(0)  # what 1 h writes on those prefixes would have cost extra
    idle_over_1h_requests: int = 0  # gaps over an hour: expired under either TTL
    unpriced_prefixes: int = 0
    # the ledger's classes: class -> [requests, missed tokens, missed usd, avoidable tokens, avoidable usd]
    classes: dict = field(default_factory=lambda: {c: [0, 0, Decimal(0), 0, Decimal(0)] for c in TTL_CLASSES})
    rows: dict = field(default_factory=dict)  # (model, day, batch) -> [avoidable tokens, avoidable usd]

    def as_dict(self) -> dict:
        f = lambda d: round(float(d), 6)  # noqa: E731
        return {
            "requests": self.requests, "requests_without_time": self.no_time, "prefixes": self.prefixes,
            "writes_1h": {"prefixes": self.writes_1h, "paid_back": self.paid_back_1h,
                          "premium_usd": f(self.premium_1h_usd), "saved_usd": f(self.saved_1h_usd),
                          "long_gap_reads": self.long_read_requests},
            "writes_5m": {"expired_prefixes": self.expired_5m_prefixes, "rewrites": self.rewrite_requests,
                          "rewritten_tokens": self.rewrite_tokens, "idle_gap_usd": f(self.idle_gap_usd),
                          "premium_for_1h_usd": f(self.premium_for_1h_usd)},
            "idle_over_1h_requests": self.idle_over_1h_requests,
            "unpriced_prefixes": self.unpriced_prefixes,
            "left_on_table": {c: {"requests": v[0], "tokens": v[3], "usd": f(v[4])} for c, v in self.classes.items()},
        }


class TtlEconomics:
    """Follows every Anthropic request's breakpoint prefixes in time order (``feed``), then prices."""

    def __init__(self, ttl_5m: float = 300.0, ttl_1h: float = 3600.0):
        self.ttl_5m, self.ttl_1h = ttl_5m, ttl_1h
        self.prefixes: dict[bytes, _Prefix] = {}
        self.requests = 0
        self.no_time = 0
        self.idle_over_1h = 0

    def feed(self, cm, req, model: str, at: float | None, batch: bool, actual_read: int | None,
             actual_write: int | None, actual_write_1h: int | None) -> None:
        """One request (a ``CacheRequest`` of the Anthropic regime ``cm``), in time order; the actual
        counts (None: not reported) cap the tokens each event is credited with."""
        if at is None:
            self.no_time += 1
            return
        from ..providers.base import token_bytes

        key = token_bytes(req.tokens)
        total = len(key) // _WIDTH
        minimum = max(cm.minimum, 1)
        writes = sorted((p, ttl or "5m") for p, ttl in cm.write_points(req, total) if minimum <= p <= total)
        if not writes:
            return
        self.requests += 1
        w1h = actual_write_1h if actual_write_1h is not None else (total if actual_write is None else 0)
        budget = {"read": total if actual_read is None else actual_read, "1h": w1h,
                  "5m": total if actual_write is None else max(0, actual_write - w1h)}

        def take(kind: str, n: int) -> int:
            n = min(n, budget[kind])
            budget[kind] -= n
            return n

        h = hashlib.blake2b(digest_size=16, key=model.encode()[:64])
        view = memoryview(key)
        prev = 0
        over_hour = False
        for p, ttl in writes:
            h.update(view[prev * _WIDTH:p * _WIDTH])
            size, prev = p - prev, p
            d = h.copy().digest()
            e = self.prefixes.get(d)
            if e is None:  # first write of this prefix
                self.prefixes[d] = e = _Prefix(model, day_of(at), batch, ttl, at)
                self._write(e, ttl, take(ttl, size))
                continue
            gap = at - e.last_use
            e.last_use = at
            if gap <= (self.ttl_1h if e.ttl == "1h" else self.ttl_5m):  # still cached: a read
                n = take("read", size)
                if gap > self.ttl_5m and n:  # only because it was written for an hour
                    e.long_reads_1h += n
                    e.long_read_requests += 1
                continue
            n = take(ttl, size)
            if gap <= self.ttl_1h:  # a 5 m entry that expired: written again (an idle-gap miss)
                if not n:  # the log billed no such write (kept alive by traffic it does not hold)
                    continue
                e.rewrites_5m += n
                e.rewrite_requests += 1
                if ttl == "1h":
                    e.writes_1h += n
                    e.write_events_1h += 1
            else:  # idle over an hour: gone under either TTL, a write both policies make
                over_hour = True
                self._write(e, ttl, n)
            e.ttl = ttl
        self.idle_over_1h += over_hour

    @staticmethod
    def _write(e: _Prefix, ttl: str, n: int) -> None:
        if ttl == "1h":
            e.writes_1h += n
            e.write_events_1h += 1
        else:
            e.first_5m += n

    def report(self, prices) -> TtlReport:
        """Price the prefixes: ``prices(model) -> TtlPrices | None`` (None: unpriced)."""
        out = TtlReport(requests=self.requests, no_time=self.no_time, prefixes=len(self.prefixes),
                        idle_over_1h_requests=self.idle_over_1h)
        m = Decimal(1_000_000)
        for e in self.prefixes.values():
            pr = prices(e.model)
            if pr is None:
                out.unpriced_prefixes += 1
                continue
            row = out.rows.setdefault((e.model, e.day, e.batch), [0, Decimal(0)])
            saving = (pr.write_5m - pr.read) / m  # a read instead of a 5 m write, per token
            premium = (pr.write_1h - pr.write_5m) / m  # a 1 h write instead of a 5 m one, per token
            if e.writes_1h:
                out.writes_1h += 1
                out.long_read_requests += e.long_read_requests
                cost, saved = e.writes_1h * premium, e.long_reads_1h * saving
                out.premium_1h_usd += cost
                out.saved_1h_usd += saved
                if saved >= cost:
                    out.paid_back_1h += 1
                else:
                    c = out.classes["ttl_1h_unused"]
                    c[0] += e.write_events_1h
                    c[1] += e.writes_1h
                    c[2] += cost
                    c[3] += e.writes_1h
                    c[4] += cost - saved
                    row[0] += e.writes_1h
                    row[1] += cost - saved
            if e.rewrites_5m:
                out.expired_5m_prefixes += 1
                out.rewrite_requests += e.rewrite_requests
                out.rewrite_tokens += e.rewrites_5m
                missed = e.rewrites_5m * saving
                need = e.first_5m * premium  # the 1 h alternative pays its premium on these writes
                out.idle_gap_usd += missed
                out.premium_for_1h_usd += need
                c = out.classes["ttl_5m_expired"]
                c[0] += e.rewrite_requests
                c[1] += e.rewrites_5m
                c[2] += missed
                if missed > need:
                    c[3] += e.rewrites_5m
                    c[4] += missed - need
                    row[0] += e.rewrites_5m
                    row[1] += missed - need
        return out


def ttl_prices(model: str, provider: str | None) -> TtlPrices | None:
    """Read, 5 m and 1 h write prices per million tokens of a genai-prices model (None: not priced)."""
    from ..pricing import usage_cost

    n = 10_000  # below every tier threshold (long-context prices start at 128k-272k tokens)
    try:
        read = usage_cost(model, provider, n, cached_tokens=n)[0] * 100
        w5 = usage_cost(model, provider, n, cache_write_tokens=n)[0] * 100
        w1h = usage_cost(model, provider, n, cache_write_tokens=n, cache_write_1h_tokens=n)[0] * 100
    except (LookupError, ValueError):
        return None
    if not (read < w5 < w1h):  # no distinct 1 h price known: nothing to compare
        return None
    return TtlPrices(read, w5, w1h)

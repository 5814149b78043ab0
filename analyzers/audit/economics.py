"""Cache-write economics from timestamps, for the regimes that bill writes (spec sections 1 and 4):
Anthropic 5-minute vs 1-hour writes, and writes nobody read (Anthropic, OpenAI GPT-5.6+ breakpoints).

A write costs 1.25x the base input price with ``ttl: "5m"`` and 2x with ``ttl: "1h"``; a read 0.1x
(genai-prices gives the actual prices per model).  An entry lives ``idle_ttl_seconds`` (300) or
``ttl_1h_seconds`` (3600) after its last use; a hit refreshes it.  So from the gaps between the uses of
the same prefix:

* a 5 m entry used again after 5 minutes but within the hour has expired and is written again at
  1.25x instead of read at 0.1x: an *idle-gap miss*, priced at (write 5 m - read) per token.  A 1 h
  write would have turned it into a read, at the price of (write 1 h - write 5 m) on each write a 1 h
  policy also makes (the first, and any after an hour of idleness);
* a 1 h entry *paid back* when the reads it served after more than 5 minutes of idleness (each a
  5 m re-write avoided: write 5 m - read per token) are worth at least its premium over a 5 m write;
* a write that expired inside the log without a single read, and was not needed again within the
  hour, paid its premium over plain input (write - input per token) for nothing: an *unread write* (a
  breakpoint on content that does not repeat; one needed again within the hour is an idle-gap miss).
  Writes still alive when the log ends are not judged.

Each prefix is identified by the digest of the rendered tokens up to one of the request's breakpoints
(the regime's own write points); its size is the rendered tokens since the previous breakpoint (an
estimate where no public tokenizer exists), capped per request by the tokens the log billed as
written (per TTL) or read.

Money left on the table, per prefix: ``ttl_5m_expired`` = max(0, idle-gap misses - the 1 h premium they
need), ``ttl_1h_unused`` = max(0, premium of the 1 h writes that were read - what their long-gap reads
saved) and ``unread_write`` = the premium of the writes never read.  Everything is summed as integers
per prefix and priced once at the end (Decimal), so partial replays merge by sums.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from .ledger import day_of

# The classes this module adds to the ledger's avoidable misses (and to the misses table).
TTL_CLASSES = ("ttl_5m_expired", "ttl_1h_unused", "unread_write")
TTL_CLASS_TEXT = {
    "ttl_5m_expired": "5 m writes that expired and were written again within the hour, where a 1 h write "
                      "would have cost less",
    "ttl_1h_unused": "1 h writes whose reads never came after more than 5 minutes of idleness often enough "
                     "to pay their premium over a 5 m write",
    "unread_write": "cache writes that expired without a single read: the write premium over plain input "
                    "paid for nothing",
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
    # the current write: its tokens, TTL and whether a request read it since
    open_tokens: int = 0
    open_ttl: str = "5m"
    read_since: bool = False
    # token sums (see the module docstring)
    first_5m: int = 0  # 5 m writes a 1 h policy would also make
    rewrites_5m: int = 0  # 5 m re-writes after a 5 m-1 h gap
    rewrite_requests: int = 0
    writes_1h: int = 0  # 1 h writes that were read at least once
    write_events_1h: int = 0
    long_reads_1h: int = 0  # reads of a 1 h entry after a 5 m-1 h gap
    long_read_requests: int = 0
    unread_5m: int = 0  # writes that expired unread, by TTL
    unread_1h: int = 0
    unread_events: int = 0


@dataclass
class WritePrices:
    """USD per million tokens (genai-prices): input, read, 5 m write, 1 h write (None: no 1 h price)."""

    input: Decimal
    read: Decimal
    write_5m: Decimal
    write_1h: Decimal | None


@dataclass
class TtlReport:
    regime: str = "anthropic"
    requests: int = 0  # requests with a timestamp and a write point, followed through the prefixes
    no_time: int = 0  # requests without one (no gaps: not judged)
    prefixes: int = 0
    writes_1h: int = 0  # prefixes whose 1 h writes were read
    paid_back_1h: int = 0
    premium_1h_usd: Decimal = Decimal(0)  # what those 1 h writes cost over 5 m ones
    saved_1h_usd: Decimal = Decimal(0)  # the 5 m re-writes their long-gap reads avoided
    long_read_requests: int = 0
    expired_5m_prefixes: int = 0  # 5 m prefixes re-written after a 5 m-1 h gap
    rewrite_requests: int = 0  # idle-gap misses
    rewrite_tokens: int = 0
    idle_gap_usd: Decimal = Decimal(0)  # (write 5 m - read) x re-written tokens
    premium_for_1h_usd: Decimal = Decimal(0)  # what 1 h writes on those prefixes would have cost extra
    unread_writes: int = 0
    unread_tokens: int = 0
    unread_usd: Decimal = Decimal(0)
    idle_over_1h_requests: int = 0  # gaps over an hour: expired under either TTL
    unpriced_prefixes: int = 0
    # the ledger's classes: class -> [requests, missed tokens, missed usd, avoidable tokens, avoidable usd]
    classes: dict = field(default_factory=lambda: {c: [0, 0, Decimal(0), 0, Decimal(0)] for c in TTL_CLASSES})
    rows: dict = field(default_factory=dict)  # (model, day, batch) -> [avoidable tokens, avoidable usd]

    def as_dict(self) -> dict:
        f = lambda d: round(float(d), 6)  # noqa: E731
        return {
            "regime": self.regime,
            "requests": self.requests, "requests_without_time": self.no_time, "prefixes": self.prefixes,
            "writes_1h": {"prefixes": self.writes_1h, "paid_back": self.paid_back_1h,
                          "premium_usd": f(self.premium_1h_usd), "saved_usd": f(self.saved_1h_usd),
                          "long_gap_reads": self.long_read_requests},
            "writes_5m": {"expired_prefixes": self.expired_5m_prefixes, "rewrites": self.rewrite_requests,
                          "rewritten_tokens": self.rewrite_tokens, "idle_gap_usd": f(self.idle_gap_usd),
                          "premium_for_1h_usd": f(self.premium_for_1h_usd)},
            "unread_writes": {"writes": self.unread_writes, "tokens": self.unread_tokens,
                              "usd": f(self.unread_usd)},
            "idle_over_1h_requests": self.idle_over_1h_requests,
            "unpriced_prefixes": self.unpriced_prefixes,
            "left_on_table": {c: {"requests": v[0], "tokens": v[3], "usd": f(v[4])} for c, v in self.classes.items()},
        }


class TtlEconomics:
    """Follows every request's breakpoint prefixes in time order (``feed``), then prices (``report``).
    ``ttl_1h`` equal to ``ttl_5m``: a regime with one TTL (OpenAI breakpoints): only unread writes."""

    def __init__(self, ttl_5m: float = 300.0, ttl_1h: float = 3600.0, regime: str = "anthropic"):
        self.ttl_5m, self.ttl_1h, self.regime = ttl_5m, ttl_1h, regime
        self.prefixes: dict[bytes, _Prefix] = {}
        self.requests = 0
        self.no_time = 0
        self.idle_over_1h = 0
        self.end = float("-inf")  # the log's last time: writes alive then are not judged

    def _ttl(self, ttl: str) -> float:
        return self.ttl_1h if ttl == "1h" else self.ttl_5m

    def feed(self, cm, req, model: str, at: float | None, batch: bool, actual_read: int | None,
             actual_write: int | None, actual_write_1h: int | None) -> None:
        """One request (a ``CacheRequest`` of the regime ``cm``), in time order; the actual counts
        (None: not reported) cap the tokens each event is credited with."""
        if at is None:
            self.no_time += 1
            return
        from ..providers.base import token_bytes

        self.end = max(self.end, at)
        key = token_bytes(req.tokens)
        total = len(key) // _WIDTH
        minimum = max(cm.minimum, 1)
        one_ttl = self.ttl_1h == self.ttl_5m
        writes = sorted((p, "5m" if one_ttl else (ttl or "5m")) for p, ttl in cm.write_points(req, total)
                        if minimum <= p <= total)
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
                self._open(e, ttl, take(ttl, size), both=True)
                continue
            gap = at - e.last_use
            e.last_use = at
            if gap <= self._ttl(e.ttl):  # still cached: a read
                n = take("read", size)
                e.read_since = e.read_since or n > 0
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
                e.open_tokens = 0  # its expiry is this idle-gap miss (ttl_5m_expired), not an unread write
                self._open(e, ttl, n, both=False)
            else:  # idle over an hour: gone under either TTL, a write both policies make
                over_hour = True
                self._open(e, ttl, n, both=True)
            e.ttl = ttl
        self.idle_over_1h += over_hour

    def _open(self, e: _Prefix, ttl: str, n: int, both: bool) -> None:
        """A new write of ``e`` (``both``: one a 1 h policy would make too): the previous one closes."""
        self._close(e)
        e.open_tokens, e.open_ttl, e.read_since = n, ttl, False
        if both and ttl != "1h":
            e.first_5m += n

    @staticmethod
    def _close(e: _Prefix) -> None:
        if not e.open_tokens:
            return
        if not e.read_since:
            if e.open_ttl == "1h":
                e.unread_1h += e.open_tokens
            else:
                e.unread_5m += e.open_tokens
            e.unread_events += 1
        elif e.open_ttl == "1h":
            e.writes_1h += e.open_tokens
            e.write_events_1h += 1
        e.open_tokens = 0

    def report(self, prices) -> TtlReport:
        """Price the prefixes: ``prices(model) -> WritePrices | None`` (None: unpriced)."""
        out = TtlReport(regime=self.regime, requests=self.requests, no_time=self.no_time, prefixes=len(self.prefixes),
                        idle_over_1h_requests=self.idle_over_1h)
        m = Decimal(1_000_000)
        for e in self.prefixes.values():
            if e.open_tokens and (e.read_since or e.last_use + self._ttl(e.open_ttl) <= self.end):
                self._close(e)  # read, or expired inside the log: judged; else alive at the end
            pr = prices(e.model)
            if pr is None:
                out.unpriced_prefixes += 1
                continue
            row = out.rows.setdefault((e.model, e.day, e.batch), [0, Decimal(0)])

            def left(cls: str, requests: int, missed: int, missed_usd: Decimal, avoid: int, avoid_usd: Decimal):
                c = out.classes[cls]
                c[0] += requests
                c[1] += missed
                c[2] += missed_usd
                if avoid_usd > 0:
                    c[3] += avoid
                    c[4] += avoid_usd
                    row[0] += avoid
                    row[1] += avoid_usd

            if e.unread_events:
                long_price = pr.write_1h or pr.write_5m
                usd = (e.unread_5m * (pr.write_5m - pr.input) + e.unread_1h * (long_price - pr.input)) / m
                out.unread_writes += e.unread_events
                out.unread_tokens += e.unread_5m + e.unread_1h
                out.unread_usd += usd
                left("unread_write", e.unread_events, e.unread_5m + e.unread_1h, usd, e.unread_5m + e.unread_1h, usd)
            if pr.write_1h is None:
                continue
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
                    left("ttl_1h_unused", e.write_events_1h, e.writes_1h, cost, e.writes_1h, cost - saved)
            if e.rewrites_5m:
                out.expired_5m_prefixes += 1
                out.rewrite_requests += e.rewrite_requests
                out.rewrite_tokens += e.rewrites_5m
                missed = e.rewrites_5m * saving
                need = e.first_5m * premium  # the 1 h alternative pays its premium on these writes
                out.idle_gap_usd += missed
                out.premium_for_1h_usd += need
                left("ttl_5m_expired", e.rewrite_requests, e.rewrites_5m, missed, e.rewrites_5m, missed - need)
        return out


def write_prices(model: str, provider: str | None) -> WritePrices | None:
    """Input, read, 5 m and 1 h write prices per million tokens of a genai-prices model (None: no
    write price, so nothing to judge)."""
    from ..pricing import usage_cost

    n = 10_000  # below every tier threshold (long-context prices start at 128k-272k tokens)
    try:
        plain = usage_cost(model, provider, n)[0] * 100
        read = usage_cost(model, provider, n, cached_tokens=n)[0] * 100
        w5 = usage_cost(model, provider, n, cache_write_tokens=n)[0] * 100
        w1h = usage_cost(model, provider, n, cache_write_tokens=n, cache_write_1h_tokens=n)[0] * 100
    except (LookupError, ValueError):
        return None
    if not w5 > plain:  # writes not billed above input: no premium to judge
        return None
    return WritePrices(plain, read, w5, w1h if w1h > w5 else None)

"""Stage 4, replay: the requests of a partition (one or more whole cache scopes), in replay order, through
the cache models, folded into a ``PartialLedger``.

OpenAI legacy requests go through the block-hash ``replay.Replayer`` (miss classes, groups, what-if);
every other regime (GPT-5.6+ breakpoints, Anthropic, Gemini, DeepSeek, self-hosted) through its cache
model's own ``simulator()`` (``analyzers/providers``), one per regime, model and provider.  Scopes never
share blocks (the block hashes are seeded with the scope), so a partition holding several scopes gives
each request the outcome it gets alone: one store per partition keeps expiry global (memory follows the
live blocks).
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterable

from ...errors import PcacheError
from ..ledger import day_of
from ..replay import MISS_CLASSES, ReplayRequest, Replayer
from ..usd import Usd
from .types import PartialLedger, Prepared, StageOptions


class TrafficStats:
    """Arrivals of one (prefix, prompt_cache_key) in a sliding minute: peak rate and overflow."""

    __slots__ = ("group", "key", "window", "requests", "peak_rpm", "over", "unexplained_over", "unexplained",
                 "first")

    def __init__(self, group: str, key: str | None, first: int = 0):
        self.group, self.key, self.first = group, key, first
        self.window: deque = deque()
        self.requests = self.peak_rpm = self.over = self.unexplained_over = self.unexplained = 0

    def add(self, t: float, limit: float, unexplained: bool) -> None:
        w = self.window
        w.append(t)
        while w and w[0] <= t - 60.0:
            w.popleft()
        self.requests += 1
        self.peak_rpm = max(self.peak_rpm, len(w))
        self.unexplained += unexplained
        if len(w) > limit:
            self.over += 1
            self.unexplained_over += unexplained

    def __getstate__(self):
        return {k: getattr(self, k) for k in self.__slots__ if k != "window"}

    def __setstate__(self, state):
        for k, v in state.items():
            setattr(self, k, v)
        self.window = deque()

    def as_dict(self) -> dict:
        return {"group": self.group, "prompt_cache_key": self.key, "requests": self.requests,
                "peak_rpm": self.peak_rpm, "requests_over_limit": self.over,
                "unexplained_misses": self.unexplained, "unexplained_misses_over_limit": self.unexplained_over}


_DECODERS: dict = {}


def decoder(model: str) -> Callable:
    """tokens -> text with the model's encoding (special tokens by name), for divergence excerpts."""
    got = _DECODERS.get(model)
    if got is None:
        from ...tokenizer import decode_marked, encoding_for, resolve_model

        enc = encoding_for(resolve_model(model).model)

        def got(tokens) -> str:
            return decode_marked(enc, tokens)

        _DECODERS[model] = got
    return got


class PartitionReplay:
    """Feed requests one at a time (``feed``), in replay order; ``ledger()`` gives what they add up to."""

    def __init__(self, options: StageOptions):
        from ...providers.registry import regime_model

        self.options = options
        self.cm = regime_model("openai-legacy")
        self.main = Replayer(self.cm, options.ttl, options.optimistic_ttl, options.max_blocks)
        self.alt = Replayer(self.cm, options.ttl, options.optimistic_ttl, options.max_blocks) \
            if options.whatif else None
        # The what-if replay shares the main cache until the first request it changes (then a copy).
        self.alt_shared = True
        self.out = PartialLedger()
        self.sims: dict = {}  # (regime, model, provider) -> simulator
        self.cms: dict = {}

    def feed(self, p: Prepared) -> None:
        if p.kind == "regime":
            self.feed_regime(p)
        else:
            self.feed_legacy(p)

    def cache_model(self, model: str | None, prov: str | None, fallback=None):
        key = (model, prov)
        if key not in self.cms:
            from ...providers.registry import cache_model_for

            try:
                self.cms[key] = cache_model_for(model, prov)
            except PcacheError:
                self.cms[key] = fallback
        return self.cms[key]

    def feed_legacy(self, p: Prepared) -> None:
        seed = p.scope.encode()
        rr = ReplayRequest(p.tokens, p.at, p.model, p.cached_tokens if p.cached_known else None, p.input_tokens,
                           p.name, decoder(p.model), p.weight, normalized=p.normalized, static_end=p.static_end,
                           where=p.where, estimate=p.estimate, seed=seed, order=p.order, hidden=p.hidden,
                           output_tokens=p.output_tokens)
        whatif = None
        alt = self.alt
        if alt is not None:
            if p.normalized is not None:
                self.out.moved_requests += 1
                if self.alt_shared:
                    # the first request the what-if changes: from here on it needs a cache of its own
                    alt.fork_store(self.main)
                    self.alt_shared = False
            if not self.alt_shared:
                whatif, _ = alt.feed_store(ReplayRequest(
                    p.normalized if p.normalized is not None else p.tokens, p.at, p.model, None, p.input_tokens,
                    p.name, None, p.weight, seed=seed))
        got = self.main.feed(rr, whatif)
        if alt is not None and self.alt_shared:  # same requests so far: same cache, same predictions
            alt.add_predictions(got.predicted, got.optimistic, p.weight)
        self.tally(p, got)
        if p.diagnosis is not None:
            self.note_diagnosis(p.diagnosis, got.miss or "hit")
        if p.time is not None:
            self.note_traffic(got.group, p, got.miss)
        cm = self.cache_model(p.cm_model, p.cm_provider, self.cm)
        self.account("openai-legacy", cm, p, p.input_tokens, len(p.tokens), got.predicted, 0, 0, False)

    def feed_regime(self, p: Prepared) -> None:
        cm = self.cache_model(p.cm_model, p.cm_provider)
        sim_key = (p.regime, p.model, self.options.provider or p.provider)
        sim = self.sims.get(sim_key)
        if sim is None:
            sim = self.sims[sim_key] = cm.simulator()
        o = sim.feed(p.request)
        total = p.input_tokens
        read = min(o.read, total)
        write = min(o.write, total - read) if cm.bills_writes else 0
        self.account(p.regime, cm, p, total, len(p.request.tokens), read, write, min(o.write_1h, write),
                     p.estimate)
        if cm.bills_writes:
            self.feed_economics(cm, p)
        if p.diagnosis is not None:
            self.note_diagnosis(p.diagnosis, "predicted hit" if read else "predicted miss")

    def feed_economics(self, cm, p: Prepared) -> None:
        """Cache-write economics (``economics.py``) of a regime that bills writes."""
        econ = self.out.econ.get(p.regime)
        if econ is None:
            from ..economics import TtlEconomics

            ttl = cm.ttl_seconds or 300.0
            long = cm.ttl_for("1h") if hasattr(cm, "ttl_for") else None
            econ = self.out.econ[p.regime] = TtlEconomics(ttl, long or ttl, p.regime)
        # writes the log does not report are not billed by the ledger either: none credited
        econ.feed(cm, p.request, p.record_model or "", p.time, p.batch,
                  p.cached_tokens if p.cached_known else None, p.cache_write_tokens, p.cache_write_1h_tokens)

    def tally(self, p: Prepared, got) -> None:
        """Left on the table per ledger row (model, day, batch) and per what-if change (moved lines)."""
        if not got.left_tokens:
            return
        key = (p.record_model or "unknown", day_of(p.time), p.batch)
        row = self.out.left_rows.get(key)
        if row is None:
            row = self.out.left_rows[key] = [0, Usd(), 0, Usd()]
        row[0] += got.layout_tokens
        row[1].add(got.layout_tokens, p.weight)
        row[2] += got.avoidable_tokens
        row[3].add(got.avoidable_tokens, p.weight)
        if got.layout_tokens and self.alt is not None:
            ch = self.out.changes.get(p.change)
            if ch is None:
                ch = self.out.changes[p.change] = [p.order, p.change_where, 0, 0, Usd()]
            ch[2] += 1
            ch[3] += got.layout_tokens
            ch[4].add(got.layout_tokens, p.weight)

    def note_diagnosis(self, diagnosis, pcache_class: str) -> None:
        """The vendor's own verdict next to pcache's class (spec section 8), counted per pair."""
        vendor = diagnosis.reason or diagnosis.verdict if diagnosis.miss else diagnosis.verdict
        key = (f"{diagnosis.provider}: {vendor}", pcache_class)
        self.out.diagnoses[key] = self.out.diagnoses.get(key, 0) + 1

    def note_traffic(self, group: str, p: Prepared, miss: str | None) -> None:
        """Requests per minute per (routing-window prefix, prompt_cache_key): above ~15 rpm a prefix
        overflows to more machines (spec 1.2), which shows as unexplained misses."""
        k = (group, p.cache_key)
        ts = self.out.traffic.get(k)
        if ts is None:
            ts = self.out.traffic[k] = TrafficStats(group, p.cache_key, p.order)
        ts.add(p.at, self.options.rpm_limit, miss == "unexplained")

    def account(self, regime: str, cm, p: Prepared, total: int, rendered: int, read: int, write: int,
                write_1h: int, estimate: bool) -> None:
        key = (regime, p.record_model or "", self.options.provider or p.provider, p.batch)
        row = self.out.sums.get(key)
        if row is None:
            row = self.out.sums[key] = {"cm": (p.cm_model, p.cm_provider), "first": p.order, "n": 0, "total": 0, "rendered": 0,
                                        "output": 0, "a_read": 0, "a_write": 0, "a_w1h": 0, "p_read": 0,
                                        "p_write": 0, "p_w1h": 0, "estimate": False}
        row["n"] += 1
        row["total"] += total
        row["rendered"] += rendered
        row["output"] += p.output_tokens
        row["a_read"] += p.cached_tokens
        row["a_write"] += p.cache_write_tokens
        row["a_w1h"] += p.cache_write_1h_tokens
        row["p_read"] += read
        row["p_write"] += write
        row["p_w1h"] += write_1h
        row["estimate"] = row["estimate"] or estimate

    def ledger(self) -> PartialLedger:
        out, m = self.out, self.main
        out.requests, out.input_tokens, out.replayed_tokens = m.requests, m.input_tokens, m.replayed_tokens
        out.actual, out.predicted, out.optimistic, out.ideal = m.actual, m.predicted, m.optimistic, m.ideal
        out.token_mismatch, out.layout_tokens = m.token_mismatch, m.layout_tokens
        out.actual_usd, out.predicted_usd, out.optimistic_usd = m.actual_usd, m.predicted_usd, m.optimistic_usd
        out.layout_usd = m.layout_usd
        out.classes = {c: m.classes[c] for c in MISS_CLASSES}
        out.groups = m.groups
        out.bounds = m.bounds
        out.peak_blocks = m.store.peak
        if self.alt is not None:
            out.alt_predicted, out.alt_optimistic = self.alt.predicted, self.alt.optimistic
            out.alt_predicted_usd = self.alt.predicted_usd
        return out


def replay_partition(requests: Iterable[Prepared], options: StageOptions) -> PartialLedger:
    """The ``PartialLedger`` of ``requests`` (whole scopes, sorted by ``order``)."""
    part = PartitionReplay(options)
    for p in requests:
        part.feed(p)
    return part.ledger()

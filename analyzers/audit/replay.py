"""Replay of requests (token arrays, in time order) through a model of the provider's prefix cache.

The cache is a store of chained block hashes, like vLLM's automatic prefix caching: the prompt is
cut into blocks of ``step`` tokens (128 for OpenAI's legacy rule), block *i* is keyed by
``hash(key of block i-1, tokens of block i)``, so a lookup walks the blocks of a new prompt until the
first unknown one and the matched length is a whole number of blocks, exactly ``step * floor(P/step)``
for a shared prefix of P tokens.  Each block remembers when it was last used; blocks idle for longer than
the optimistic TTL are dropped, so memory is bounded by the live blocks, not by the log length.  A
block is usable under a TTL when it was used within that TTL (parents are always used at least as
recently as their children, so usable blocks form a prefix).

OpenAI legacy rule (spec 1.2): nothing is read below ``minimum`` shared tokens; writes are free and
every request of at least ``minimum`` tokens stores its full blocks.  Per request the replay gives:

* ``predicted``: cached tokens with the default idle TTL (5 minutes), perfect routing;
* ``optimistic``: the same with the optimistic TTL (60 minutes);
* ``ideal``: what the rule allows given the longest prefix shared with any earlier request still in
  the store (no expiry, perfect routing);

and, for a request that did not get what it could, one miss class (first match wins):
``under_minimum`` (billed input below ``minimum``), ``cold`` (first request of its routing group and no
block known), ``unexplained`` (the replay had more cached than the server reported: routing, overflow,
eviction), ``idle_gap`` (it had been cached but idled out) or ``prefix_broken`` (it left its group's
established shared prefix before its final input turn: what differs in the final user turn or later
is the new question, never a break).  A request that got everything its class allows is a hit.  A
request that broke the prefix (an outlier) does not replace its group's last good request, so the
next one is judged against the cache state that really exists.

Left on the table per request: the better of the class's target and the what-if layout's prediction,
minus what it got; the part the what-if layout gains over max(actual, predicted) is "layout", the rest
the class's avoidable tokens (counted once).  When the logged cached tokens exceed the replay's upper
bound (``ideal``), the request is counted under a reason (``BOUND_REASONS``), never silently.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

from .usd import Usd

MISS_CLASSES = ("cold", "prefix_broken", "idle_gap", "under_minimum", "unexplained")
# Classes whose tokens could have been cached with a better prompt layout or traffic shape.
AVOIDABLE = ("prefix_broken", "idle_gap", "unexplained")

_MAX_BOUND_EXAMPLES = 200  # requests over the replay's bound listed by file:line (JSON), per reason
_MAX_GROUP_TOKENS = 1 << 16  # tokens of a group's last request kept for token-precise divergence


def _h(parent: bytes, chunk: bytes) -> bytes:
    return hashlib.blake2b(chunk, digest_size=12, key=parent).digest()


def block_hashes(tokens: array, step: int, seed: bytes = b"", known: list[bytes] | None = None) -> list[bytes]:
    """Chained hashes of the full ``step``-token blocks of ``tokens``.

    ``known``: the hashes of the leading blocks, when the caller already has them (the blocks shared
    with an earlier prompt of the same seed); only the blocks after them are hashed."""
    raw = tokens.tobytes()
    width = step * tokens.itemsize
    n = len(tokens) // step
    if known:
        out = known[:n]
        if len(out) == n:
            return out
        parent = out[-1]
    else:
        out = []
        parent = hashlib.blake2b(seed, digest_size=12).digest()
    blake = hashlib.blake2b
    for i in range(len(out), n):
        parent = blake(raw[i * width:(i + 1) * width], digest_size=12, key=parent).digest()
        out.append(parent)
    return out


def common_prefix(a: array, b: array) -> int:
    """Length of the common prefix of two token arrays (block-wise bytes comparison)."""
    n = min(len(a), len(b))
    if n == 0:
        return 0
    ab, bb = a.tobytes(), b.tobytes()
    size = a.itemsize
    lo, hi = 0, n  # invariant: prefix of length lo is equal
    if ab[:n * size] == bb[:n * size]:
        return n
    while hi - lo > 64:
        mid = (lo + hi) // 2
        if ab[lo * size:mid * size] == bb[lo * size:mid * size]:
            lo = mid
        else:
            hi = mid
    while lo < hi and a[lo] == b[lo]:
        lo += 1
    return lo


class BlockStore:
    """hash -> (time of last use, scope), oldest first; expired and over-capacity blocks are dropped.

    ``peak``: the most live blocks one scope (block-hash seed) held at once, a figure that does not
    depend on which other scopes share the store (so on how a replay is partitioned)."""

    def __init__(self, horizon: float | None, max_blocks: int = 4_000_000):
        self.horizon = horizon
        self.max_blocks = max_blocks
        self.blocks: OrderedDict[bytes, tuple[float, bytes]] = OrderedDict()
        self.live: dict[bytes, int] = {}  # scope -> live blocks
        self.peak = 0

    def _drop_oldest(self) -> None:
        _, (_, scope) = self.blocks.popitem(last=False)
        n = self.live[scope] - 1
        if n:
            self.live[scope] = n
        else:
            del self.live[scope]

    def expire(self, now: float) -> None:
        b = self.blocks
        if self.horizon is not None:
            limit = now - self.horizon
            while b:
                k = next(iter(b))
                if b[k][0] >= limit:
                    break
                self._drop_oldest()
        while len(b) > self.max_blocks:
            self._drop_oldest()

    def match(self, hashes: list[bytes], now: float, ttls: tuple[float | None, ...]) -> list[int]:
        """For each TTL, the number of leading blocks present and used within it (None = any age).

        Binary searches: a block is stored only with its parents (a request stores its whole chain, and
        parents, used at least as recently as their children, leave the store after them), so the
        present blocks are a prefix of ``hashes`` and their ages do not decrease along it."""
        b = self.blocks
        present = bisect_left(range(len(hashes)), True, key=lambda i: hashes[i] not in b)
        counts = []
        for ttl in ttls:
            if ttl is None:
                counts.append(present)
            else:
                counts.append(bisect_left(range(present), True, key=lambda i: now - b[hashes[i]][0] > ttl))
        return counts

    def touch(self, hashes: list[bytes], now: float, scope: bytes = b"") -> None:
        b = self.blocks
        value = (now, scope)
        new = 0
        for h in reversed(hashes):  # children first: parents end up newer (evicted after them)
            if h in b:
                b.move_to_end(h)
            else:
                new += 1
            b[h] = value
        if new:
            n = self.live[scope] = self.live.get(scope, 0) + new
            if n > self.peak:
                self.peak = n


@dataclass
class ReplayRequest:
    tokens: array
    time: float | None = None
    model: str = ""
    actual_cached: int | None = None  # from usage; None when the API did not report it
    input_tokens: int | None = None  # usage's total input (caps predictions); None = len(tokens)
    name: str = ""
    decode: Callable[[array], str] | None = None  # tokens -> text, for divergence excerpts
    weight: float = 0.0  # USD saved per cached token (input price - cached price), for dollars
    # The same prompt with volatile literals moved out of the way (the what-if layout): groups the
    # requests of one template together and shows how far their prefixes could be shared.
    normalized: array | None = None
    static_end: int | None = None  # token where the final input turn starts (new content by design)
    where: str = ""  # file:line of the request in its log
    estimate: bool = False  # the rendering relies on undocumented framing (tools, tool calls, images)
    seed: bytes | None = None  # block-hash seed: the request's cache scope (default: its model)
    order: int = 0  # position in the replay's time order (picks the first examples after a merge)
    hidden: str = ""  # content the server adds that the body does not carry (``hidden.server_side_content``)
    output_tokens: int = 0  # the reply's tokens (a follow-up request carries the reply in its prompt)


@dataclass
class ReplayOutcome:
    predicted: int
    optimistic: int
    ideal: int
    actual: int
    shared_prefix: int
    group: str
    miss: str | None = None  # one of MISS_CLASSES, None for a hit
    missed_tokens: int = 0  # uncached input tokens of a miss
    avoidable_tokens: int = 0  # of those, what a better layout/traffic shape could have cached
    divergence: int | None = None  # token where the request left its group's previous request
    excerpt: tuple[str, str] | None = None  # (this request's text at N, the previous request's)
    gap: float | None = None  # idle seconds before this request (idle_gap)
    layout_tokens: int = 0  # what the what-if layout would have cached on top (whole volatile lines moved)
    left_tokens: int = 0  # layout_tokens + avoidable_tokens: cached tokens this request could have had
    bound: str | None = None  # why the actual cached tokens exceed the replay's upper bound, if they do


@dataclass
class ClassStats:
    requests: int = 0
    missed_tokens: int = 0
    missed_usd: Usd = field(default_factory=Usd)
    avoidable_tokens: int = 0
    avoidable_usd: Usd = field(default_factory=Usd)

    def merge(self, other: "ClassStats") -> None:
        self.requests += other.requests
        self.missed_tokens += other.missed_tokens
        self.missed_usd.merge(other.missed_usd)
        self.avoidable_tokens += other.avoidable_tokens
        self.avoidable_usd.merge(other.avoidable_usd)


@dataclass
class GroupStats:
    key: str
    model: str
    requests: int = 0
    input_tokens: int = 0
    actual_cached: int = 0
    predicted_cached: int = 0
    ideal_cached: int = 0
    wasted_usd: Usd = field(default_factory=Usd)  # left on the table: layout_usd + avoidable misses
    misses: dict[str, int] = field(default_factory=dict)
    example: dict | None = None  # first divergence: token, this text, previous text, request names
    where: str = ""  # file:line of a representative request (the first one that missed, else the first)
    left_tokens: int = 0
    layout_usd: Usd = field(default_factory=Usd)
    possible_cached: int = 0  # actual + left: never below actual
    where_rank: int = 0  # 0: the group's first request, 1: its first miss, 2: its first with money left


# Why actual cached tokens can exceed the replay's upper bound (reported per request, never hidden).
BOUND_REASONS = {
    "impossible": "the logged cached count is one the documented rule never produces (below the minimum or "
                  "off the step grid): synthetic or mis-reported usage",
    "rendering": "the rendering differs from the billed input by a few tokens, enough to cross a step",
    "unrendered": "the request renders to fewer tokens than were billed (content the log does not carry: "
                  "tool results, images, files, hidden framing)",
    "hosted_tool": "the request uses OpenAI-hosted tools (web search, code interpreter, image generation, file "
                   "search): the server adds their instructions and results to the billed prompt, content the log "
                   "does not carry and that requests outside the log share, so it was cached before the log starts",
    "media": "the request carries images, audio or files: billed as tokens the text rendering does not count, "
             "and cached with the prompt",
    "reasoning": "the request passes encrypted reasoning items back (Responses API): billed as the reasoning "
                 "tokens of the turn that produced them (cached with it), which the rendering cannot count",
    "reply_cached": "the request continues the previous one, whose reply (in this prompt now) was cached with "
                    "it: the server keeps the generated tokens too; the replay stores prompts only",
    "concurrent": "another request logged in the same second holds this prefix: their order within the second "
                  "is unknown, it may have reached the server first",
    "estimate": "the rendering of tools / tool calls is an estimate (undocumented framing)",
    "before_log": "no request of the log before it holds that prefix: it was cached by traffic the log does not "
                  "hold (before the log starts, other clients, reruns of a recording)",
    "unknown": "no cause found in the log",
}


@dataclass
class BoundStats:
    requests: int = 0
    tokens: int = 0  # actual cached tokens above the bound
    examples: list = field(default_factory=list)  # (file:line, actual, bound)
    orders: list = field(default_factory=list)  # replay order of each example (the first ones are kept)

    def merge(self, other: "BoundStats") -> None:
        self.requests += other.requests
        self.tokens += other.tokens
        both = sorted(zip(self.orders + other.orders, self.examples + other.examples))[:_MAX_BOUND_EXAMPLES]
        self.orders = [o for o, _ in both]
        self.examples = [e for _, e in both]


class _GroupLive:
    __slots__ = ("tokens", "normalized", "time", "name", "shared", "seed", "hashes", "where", "output")

    def __init__(self, tokens: array, normalized: array | None, time: float, name: str, shared: int | None,
                 seed: bytes = b"", hashes: list[bytes] | None = None, where: str = "", output: int = 0):
        self.where = where
        self.output = output
        self.tokens = tokens
        self.seed = seed
        self.hashes = hashes  # block hashes of ``tokens`` (the chain of the full blocks)
        self.normalized = normalized
        self.time = time
        self.name = name
        self.shared = shared  # prefix the group's requests have shared so far (its static part)


class Replayer:
    """Feeds requests in time order through one block store; collects totals, classes and groups."""

    def __init__(self, cache_model, ttl: float | None, optimistic_ttl: float | None,
                 max_blocks: int = 4_000_000, max_groups: int = 100_000):
        self.cm = cache_model
        self.step = cache_model.step
        self.minimum = cache_model.minimum
        self.window = cache_model.routing_window
        self.ttl = ttl
        self.optimistic_ttl = optimistic_ttl
        horizon = None if optimistic_ttl is None else max(optimistic_ttl, ttl or 0)
        self.store = BlockStore(horizon, max_blocks)
        # A group's last request is remembered while its blocks can be (the horizon); after that the
        # group is forgotten for its next request whichever other requests came in between, so a scope
        # replays alike alone or with other scopes in one store, and memory follows the live groups.
        self.group_horizon = horizon
        self.live: OrderedDict[str, _GroupLive] = OrderedDict()
        self.groups: dict[str, GroupStats] = {}
        self.max_groups = max_groups
        self.classes = {c: ClassStats() for c in MISS_CLASSES}
        self.requests = 0
        self.input_tokens = 0
        self.replayed_tokens = 0
        self.actual = 0
        self.predicted = 0
        self.optimistic = 0
        self.ideal = 0
        self.predicted_usd = Usd()
        self.optimistic_usd = Usd()
        self.actual_usd = Usd()
        self.out_of_order = 0
        self.token_mismatch = 0  # requests whose rendering is >10 % off the billed input tokens
        self.layout_tokens = 0  # what the what-if layout adds over what each request got
        self.layout_usd = Usd()
        self.bounds: dict[str, BoundStats] = {}  # reason -> requests whose actual exceeds the bound
        self._now = float("-inf")
        # requests over the bound with no cause yet, logged in the current timestamp: a later request of
        # the same timestamp that shares their prefix may have reached the server first
        self._same_time: list[tuple[float, str, array, int, int, str]] = []
        self._cacheable: dict[int, int] = {}

    def cacheable(self, shared: int) -> int:
        # memoised: the cache model looks its thresholds up in the provider data on every call
        got = self._cacheable.get(shared)
        if got is None:
            if len(self._cacheable) >= 4096:
                self._cacheable.clear()
            got = self._cacheable[shared] = self.cm.cacheable(shared)
        return got

    def add_predictions(self, predicted: int, optimistic: int, weight: float) -> None:
        """Count one request whose predictions another replayer with the same store computed."""
        self.requests += 1
        self.predicted += predicted
        self.optimistic += optimistic
        self.predicted_usd.add(predicted, weight)
        self.optimistic_usd.add(optimistic, weight)

    def fork_store(self, other: "Replayer") -> None:
        """Continue from a copy of ``other``'s cache (same blocks, same age order, same clock)."""
        src = other.store
        self.store = BlockStore(src.horizon, src.max_blocks)
        self.store.blocks = OrderedDict(src.blocks)
        self.store.live = dict(src.live)
        self.store.peak = src.peak
        self._now = other._now

    def _advance(self, req: ReplayRequest) -> float:
        """The replay clock at ``req``: its time, never earlier than the last one (out of order counted)."""
        t = req.time if req.time is not None else (self._now if self._now != float("-inf") else 0.0)
        if t < self._now:
            self.out_of_order += 1
            t = self._now
        self._now = t
        return t

    def feed_store(self, req: ReplayRequest) -> tuple[int, int]:
        """Only the cache: predicted and optimistic cached tokens (no groups, classes or actuals).

        The predictions depend on the block store alone, so they equal ``feed``'s."""
        t = self._advance(req)
        tokens = req.tokens
        n = len(tokens)
        total = req.input_tokens if req.input_tokens is not None else n
        self.store.expire(t)
        seed = req.seed if req.seed is not None else req.model.encode()
        hashes = block_hashes(tokens, self.step, seed)
        _, alive, alive_opt = self.store.match(hashes, t, (None, self.ttl, self.optimistic_ttl))
        predicted = min(self.cacheable(alive * self.step), total, n)
        optimistic = min(self.cacheable(alive_opt * self.step), total, n)
        self.add_predictions(predicted, optimistic, req.weight)
        if n >= self.minimum:
            self.store.touch(hashes, t, seed)
        return predicted, optimistic

    def _concurrent(self, req: ReplayRequest, t: float) -> None:
        """Reclassify as ``concurrent`` the pending requests of this timestamp whose cached prefix this
        request (same model, same logged time) holds: their order within the timestamp is unknown."""
        pend = self._same_time
        if pend and pend[0][0] != t:
            pend.clear()
        for item in list(pend):
            _t, model, head, actual, excess, where = item
            if model == req.model and common_prefix(head, req.tokens) >= actual:
                pend.remove(item)
                self._move_bound("before_log", "concurrent", excess, where)

    def _move_bound(self, old: str, new: str, excess: int, where: str) -> None:
        src = self.bounds.get(old)
        if src is None:
            return
        src.requests -= 1
        src.tokens -= excess
        at = next((i for i, e in enumerate(src.examples) if e[0] == where), None)
        ex = order = None
        if at is not None:
            ex, order = src.examples.pop(at), src.orders.pop(at)
        if not src.requests:
            del self.bounds[old]
        dst = self.bounds.setdefault(new, BoundStats())
        dst.requests += 1
        dst.tokens += excess
        if ex is not None and len(dst.examples) < _MAX_BOUND_EXAMPLES:
            dst.examples.append(ex)
            dst.orders.append(order)

    def _bound_reason(self, req: ReplayRequest, n: int, total: int, seen: bool, actual: int, ideal: int,
                      prev=None, lcp: int = 0) -> str:
        if actual < self.minimum or self.cacheable(actual) != actual:
            return "impossible"
        if n < 0.9 * total:
            if req.hidden.startswith("hosted_tool"):
                return "hosted_tool"
            return req.hidden if req.hidden in ("media", "reasoning") else "unrendered"
        if req.estimate:
            return "estimate"
        if n != total and actual - ideal <= self.step:
            return "rendering"
        if prev is not None and prev.output and lcp >= len(prev.tokens) - self.step and \
                actual <= len(prev.tokens) + prev.output:
            return "reply_cached"
        # No request of the log before this one holds that prefix (the store keeps every block used within
        # the optimistic TTL): it was cached by traffic the log does not hold.
        return "before_log"

    def group_key(self, model: str, tokens: array) -> str:
        head = tokens[: self.window].tobytes()
        return hashlib.blake2b(model.encode() + b"\0" + head, digest_size=6).hexdigest()

    def feed(self, req: ReplayRequest, whatif: int | None = None) -> ReplayOutcome:
        """Replay one request; ``whatif``: the cached tokens the what-if layout's replay predicts for it."""
        t = self._advance(req)
        if self._same_time:
            self._concurrent(req, t)
        tokens = req.tokens
        n = len(tokens)
        total = req.input_tokens if req.input_tokens is not None else n
        seed = req.seed if req.seed is not None else req.model.encode()
        self.store.expire(t)
        norm = req.normalized if req.normalized is not None else tokens
        key = self.group_key(req.model, norm)
        prev = self.live.get(key)
        if prev is not None and self.group_horizon is not None and prev.time < t - self.group_horizon:
            # a group idle that long is forgotten whichever other requests came in between (so a scope
            # replays alike alone or with other scopes in one store)
            prev = None
        lcp = common_prefix(tokens, prev.tokens) if prev is not None else 0
        # the blocks shared with the group's previous request have its hashes (same seed, same bytes)
        known = prev.hashes[:lcp // self.step] if prev is not None and prev.seed == seed and prev.hashes \
            else None
        hashes = block_hashes(tokens, self.step, seed, known)
        present, alive, alive_opt = self.store.match(hashes, t, (None, self.ttl, self.optimistic_ttl))
        lcp_norm = common_prefix(norm, prev.normalized) if prev is not None and prev.normalized is not None \
            else 0
        shared = max(present * self.step, lcp)
        cap = lambda x: min(x, total, n)  # noqa: E731
        ideal = cap(self.cacheable(shared))
        predicted = cap(self.cacheable(alive * self.step))
        optimistic = cap(self.cacheable(alive_opt * self.step))
        actual = req.actual_cached if req.actual_cached is not None else predicted
        actual = min(actual, total)
        gstats = self.groups.get(key)
        if gstats is None:
            if len(self.groups) >= self.max_groups:
                key = "other"
                gstats = self.groups.setdefault(key, GroupStats(key, req.model))
            else:
                gstats = self.groups[key] = GroupStats(key, req.model)
        seen = gstats.requests > 0 or present > 0

        out = ReplayOutcome(predicted, optimistic, ideal, actual, shared, key)
        missed = total - actual
        prev_len = len(prev.tokens) if prev is not None else 0
        # The static part ends where the final input turn starts: a difference there or later is the new
        # question (or tool result), never a broken prefix.
        static = min(n, req.static_end) if req.static_end is not None else n
        established = prev.shared if prev is not None else None
        if lcp_norm > lcp:  # volatile content cut the prefix short: the template shares more
            established = max(established or 0, lcp_norm)
        if established is not None:
            established = min(established, static)
        target = actual  # cached tokens the current layout allows this request
        if total < self.minimum:
            out.miss = "under_minimum"
        elif not seen:
            out.miss = "cold"
        elif actual < predicted:
            out.miss, target = "unexplained", predicted
        elif actual < ideal and predicted < ideal:
            out.miss, target = "idle_gap", ideal
            out.gap = None if prev is None else t - prev.time
        elif established is not None and shared < established and \
                cap(self.cacheable(established)) > max(actual, ideal):
            out.miss, target = "prefix_broken", cap(self.cacheable(established))
        if out.miss in AVOIDABLE and target <= actual:
            out.miss = None
        if out.miss is not None and missed <= 0:
            out.miss = None
        # Left on the table: the better of the current layout's target and the what-if layout, split
        # into what moving volatile lines gains (layout) and the rest (the miss class).
        w = min(whatif if whatif is not None else predicted, total)
        layout = max(0, w - max(actual, predicted))
        left = max(target, w) - actual if out.miss in AVOIDABLE else layout
        layout = min(layout, left)
        out.layout_tokens, out.avoidable_tokens, out.left_tokens = layout, left - layout, left
        if req.actual_cached is not None and actual > ideal:
            out.bound = self._bound_reason(req, n, total, seen, actual, ideal, prev, lcp)
            if out.bound == "before_log" and req.time is not None and len(self._same_time) < 1024:
                self._same_time.append((t, req.model, tokens[:actual], actual, actual - ideal,
                                        req.where or req.name))
            bs = self.bounds.setdefault(out.bound, BoundStats())
            bs.requests += 1
            bs.tokens += actual - ideal
            if len(bs.examples) < _MAX_BOUND_EXAMPLES:
                bs.examples.append((req.where or req.name, actual, ideal))
                bs.orders.append(req.order)
        if not gstats.where:
            gstats.where = req.where or req.name
        if left and gstats.where_rank < 2:
            gstats.where_rank = 2
            gstats.where = req.where or req.name
        if out.miss is not None:
            out.missed_tokens = missed
            if prev is not None and lcp < min(n, prev_len):
                out.divergence = lcp
                if req.decode is not None:
                    out.excerpt = (req.decode(tokens[lcp:lcp + 16]), req.decode(prev.tokens[lcp:lcp + 16]))
            cs = self.classes[out.miss]
            cs.requests += 1
            cs.missed_tokens += missed
            cs.missed_usd.add(missed, req.weight)
            cs.avoidable_tokens += out.avoidable_tokens
            cs.avoidable_usd.add(out.avoidable_tokens, req.weight)
            gstats.misses[out.miss] = gstats.misses.get(out.miss, 0) + 1
            rank = 2 if left else 1
            if gstats.where_rank < rank:  # the first request that cost money, else the first miss
                gstats.where_rank = rank
                gstats.where = req.where or req.name
            if (gstats.example is None or gstats.example.get("class") != "prefix_broken") and \
                    out.divergence is not None and (out.miss == "prefix_broken" or gstats.example is None):
                d = out.divergence
                gstats.example = {
                    "token": d, "request": req.name, "where": req.where or req.name,
                    "previous": prev.name if prev is not None else None,
                    "previous_where": prev.where if prev is not None else None, "class": out.miss,
                    "token_id": int(tokens[d]) if d < n else None,
                    "previous_token_id": int(prev.tokens[d]) if d < prev_len else None,
                    "before": req.decode(tokens[max(0, d - 12):d]) if req.decode is not None else None,
                    "final_turn": d >= static,
                    "text": req.decode(tokens[d:d + 32]) if req.decode is not None else None,
                    "previous_text": req.decode(prev.tokens[d:d + 32]) if req.decode is not None else None}
        self.layout_tokens += layout
        self.layout_usd.add(layout, req.weight)
        gstats.wasted_usd.add(left, req.weight)
        gstats.layout_usd.add(layout, req.weight)
        gstats.left_tokens += left
        gstats.possible_cached += actual + left

        # Totals.
        if abs(n - total) > 0.1 * max(total, 1):
            self.token_mismatch += 1
        self.requests += 1
        self.input_tokens += total
        self.replayed_tokens += n
        self.actual += actual
        self.predicted += predicted
        self.optimistic += optimistic
        self.ideal += ideal
        self.actual_usd.add(actual, req.weight)
        self.predicted_usd.add(predicted, req.weight)
        self.optimistic_usd.add(optimistic, req.weight)
        gstats.requests += 1
        gstats.input_tokens += total
        gstats.actual_cached += actual
        gstats.predicted_cached += predicted
        gstats.ideal_cached += ideal

        # The request is now in the cache (legacy rule: writes are free, only prompts >= minimum).
        if n >= self.minimum:
            self.store.touch(hashes, t, seed)
        if key != "other" and n >= self.minimum and not (out.miss == "prefix_broken" and prev is not None):
            # A request that broke the group's prefix (an outlier) leaves the group's last good request
            # in place: the next one is judged against the cache state that really exists.
            if prev is None:
                shared_now = None
            elif out.miss == "prefix_broken":
                shared_now = prev.shared
            else:
                shared_now = lcp
            kept = tokens[:_MAX_GROUP_TOKENS]
            self.live[key] = _GroupLive(kept, None if req.normalized is None else norm[:_MAX_GROUP_TOKENS],
                                        t, req.name, shared_now, seed, hashes[:len(kept) // self.step],
                                        req.where or req.name, req.output_tokens if len(kept) == n else 0)
            self.live.move_to_end(key)
            if self.group_horizon is not None:
                limit = t - self.group_horizon
                while self.live:
                    k = next(iter(self.live))
                    if self.live[k].time >= limit:
                        break
                    self.live.popitem(last=False)
            while len(self.live) > self.max_groups:
                self.live.popitem(last=False)
        return out

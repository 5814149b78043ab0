"""Shared machinery of the regimes: values from the data file, prefix and breakpoint cache replay.

Two replay engines, both O(total tokens + n log n) over a corpus:

* ``PrefixRegime`` (OpenAI legacy, Gemini, DeepSeek, vLLM, SGLang, llama.cpp): a request reads the
  longest prefix it shares with any earlier, unexpired request (neighbours in a sorted list of token
  byte strings), cut to what the regime can reuse (minimum, steps/blocks, the always-recomputed tail);
* ``BreakpointRegime`` (OpenAI GPT-5.6+, Anthropic): entries exist only at the breakpoints a request
  writes; a later request reads the longest of its lookup boundaries whose prefix digest is stored.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import sys
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, Iterable, Sequence

from ..prefix import lcp
from .interface import Boundary, CacheOutcome, CacheRequest, ObservedUsage, RegimeData

_WIDTH = 4


def token_bytes(tokens: Any) -> bytes:
    if isinstance(tokens, (bytes, bytearray, memoryview)):
        return bytes(tokens)
    from array import array

    arr = tokens if isinstance(tokens, array) else array("I", tokens)
    if sys.byteorder != "little":  # pragma: no cover
        arr = array("I", arr)
        arr.byteswap()
    return arr.tobytes()


def dig(obj: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        if isinstance(obj, dict) and key in obj:
            obj = obj[key]
        else:
            return None
    return obj


def _int(v: Any) -> int | None:
    if isinstance(v, str) and v.strip().isdigit():  # some gateways log numbers as strings
        return int(v)
    return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


@dataclass(frozen=True)
class RegimeBase:
    data: RegimeData
    model: str | None = None
    arg: str | None = None  # regime argument (vLLM block size)

    # -- values from the data file ------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def kind(self) -> str:
        return self.data.kind

    def value(self, key: str, default: Any = None) -> Any:
        return self.data.value(key, self.model, default)

    @property
    def minimum(self) -> int:
        return int(self.value("minimum_tokens"))

    @property
    def step(self) -> int:
        return int(self.value("step_tokens", 1))

    @property
    def routing_window(self) -> int:
        return int(self.value("routing_window_tokens", 0))

    @property
    def tail(self) -> int:
        """Tokens at the end of a prompt that are always processed again (never read from cache)."""
        return int(self.value("reprocessed_tail_tokens", 0))

    @property
    def ttl_seconds(self) -> float | None:
        ttl = self.value("idle_ttl_seconds", 0)
        return float(ttl) if ttl else None

    @property
    def write_multiplier(self) -> float:
        return float(self.value("write_multiplier", 0.0))

    @property
    def read_multiplier(self) -> float | None:
        v = self.value("read_multiplier")
        return float(v) if v is not None else None

    @property
    def bills_writes(self) -> bool:
        return self.write_multiplier > 0

    upper_bound: ClassVar[bool] = False  # the provider may report less (routing, eviction, no guarantee)
    price_provider: ClassVar[str | None] = None  # genai-prices provider id; None: no prices (self-hosted)

    def assumptions(self) -> list[tuple[str, Any, str, str, str]]:
        """(key, value for this model, source, as_of, note) of every value: ``pcache models``."""
        out = []
        for key in self.data.values:
            t = self.data.threshold(key, self.model)
            out.append((key, t.value, t.source, t.as_of, t.note))
        return out

    # -- one request --------------------------------------------------------------------------------

    def cacheable(self, shared_prefix_tokens: int) -> int:
        if shared_prefix_tokens < max(self.minimum, 1):
            return 0
        step = max(self.step, 1)
        return step * (shared_prefix_tokens // step)

    # -- prices -------------------------------------------------------------------------------------

    def cost(self, outcome: CacheOutcome, model: str | None = None, output_tokens: int = 0) -> Decimal | None:
        """USD of one request's input (and ``output_tokens``) by genai-prices; None when the regime has
        no prices (self-hosted)."""
        if self.price_provider is None:
            return None
        from ..pricing import request_cost

        name = model or self.model
        if not name:
            return None
        write = outcome.write if self.bills_writes else 0
        return request_cost(name, outcome.total, outcome.read, output_tokens, cache_write_tokens=write,
                            provider=self.price_provider,
                            cache_write_1h_tokens=outcome.write_1h if self.bills_writes else 0)

    # -- usage of a response ------------------------------------------------------------------------

    def read_usage(self, body: dict) -> ObservedUsage | None:
        """OpenAI-style usage (Chat ``prompt_tokens``/``prompt_tokens_details``, or Responses
        ``input_tokens``/``input_tokens_details``) of a response body or of its ``usage`` object."""
        usage = body.get("usage") if isinstance(body.get("usage"), dict) else body
        if not isinstance(usage, dict):
            return None
        if "prompt_tokens" in usage:
            details = usage.get("prompt_tokens_details") or {}
            total, out = _int(usage.get("prompt_tokens")), _int(usage.get("completion_tokens"))
        elif "input_tokens" in usage:
            details = usage.get("input_tokens_details") or {}
            total, out = _int(usage.get("input_tokens")), _int(usage.get("output_tokens"))
        else:
            return None
        details = details if isinstance(details, dict) else {}
        return ObservedUsage(total, _int(details.get("cached_tokens")), _int(details.get("cache_write_tokens")),
                             None, out)

    # -- replay -------------------------------------------------------------------------------------

    def simulate(self, requests: Iterable[CacheRequest]) -> list[CacheOutcome]:  # pragma: no cover
        raise NotImplementedError


class PrefixRegime(RegimeBase):
    """Longest shared prefix with any earlier, unexpired request, cut by minimum, step and tail."""

    def usable(self, shared: int, total: int, boundaries: Sequence[Boundary] = ()) -> int:
        """Tokens read when ``shared`` leading tokens of a ``total``-token request are in cache."""
        shared = min(shared, total - self.tail)
        return self.cacheable(max(shared, 0))

    def simulator(self) -> "_PrefixSimulator":
        """A replay that takes requests one at a time (``.feed(req) -> CacheOutcome``), in time order."""
        return _PrefixSimulator(self)

    def simulate(self, requests: Iterable[CacheRequest]) -> list[CacheOutcome]:
        sim = self.simulator()
        return [sim.feed(req) for req in requests]


class _PrefixSimulator:
    def __init__(self, regime: PrefixRegime):
        self.regime = regime
        self.keys: list[bytes] = []  # sorted token byte strings of earlier requests
        self.expiry: dict[bytes, float] = {}

    def feed(self, req: CacheRequest) -> CacheOutcome:
        keys, expiry, regime = self.keys, self.expiry, self.regime
        ttl = regime.ttl_seconds
        key = token_bytes(req.tokens)
        total = len(key) // _WIDTH
        now = req.at
        best = 0
        pos = bisect.bisect_left(keys, key)
        for direction in (-1, 1):
            j = pos - 1 if direction < 0 else pos
            while 0 <= j < len(keys):
                k = keys[j]
                if ttl is not None and now is not None and expiry.get(k, math.inf) < now:
                    del keys[j]  # expired: drop it and look at the next neighbour
                    expiry.pop(k, None)
                    if direction < 0:
                        j -= 1
                    continue
                best = max(best, lcp(key, k))
                break
        read = regime.usable(best, total, req.boundaries)
        if key not in expiry:
            bisect.insort(keys, key)
        expiry[key] = (now + ttl) if (ttl is not None and now is not None) else math.inf
        return CacheOutcome(total, read, 0, 0, not regime.upper_bound)


class BreakpointRegime(RegimeBase):
    """Entries only at written breakpoints; exact match at a lookup boundary, no rounding."""

    upper_bound = False

    def cacheable(self, shared_prefix_tokens: int) -> int:
        """Upper bound without boundaries: all shared tokens, if the shared prefix ends at a stored
        breakpoint and reaches the minimum."""
        return shared_prefix_tokens if shared_prefix_tokens >= max(self.minimum, 1) else 0

    def write_points(self, req: CacheRequest, total: int) -> list[tuple[int, str | None]]:  # pragma: no cover
        raise NotImplementedError

    def lookup_points(self, req: CacheRequest, total: int) -> list[int]:  # pragma: no cover
        raise NotImplementedError

    def ttl_for(self, ttl: str | None) -> float | None:
        return self.ttl_seconds

    def outcome(self, req: CacheRequest, stored: dict[bytes, float]) -> tuple[CacheOutcome, dict[int, bytes], bytes | None]:
        """One request against ``stored`` (prefix digest -> expiry time): the outcome, the digests it
        writes (by position) and the digest it read (None: miss)."""
        key = token_bytes(req.tokens)
        total = len(key) // _WIDTH
        minimum = max(self.minimum, 1)
        writes = [(p, ttl) for p, ttl in self.write_points(req, total) if minimum <= p <= total]
        lookups = [p for p in self.lookup_points(req, total) if minimum <= p <= total]
        positions = sorted({p for p, _ in writes} | set(lookups))
        digests: dict[int, bytes] = {}
        h = hashlib.blake2b(digest_size=16)
        prev = 0
        view = memoryview(key)
        for p in positions:
            h.update(view[prev * _WIDTH:p * _WIDTH])
            prev = p
            digests[p] = h.copy().digest()
        now = req.at
        read = 0
        for p in sorted(set(lookups), reverse=True):
            exp = stored.get(digests[p])
            if exp is None or (now is not None and exp < now):
                continue
            read = p
            break
        write = write_1h = 0
        if writes:
            last = max(p for p, _ in writes)
            write = max(0, last - read)
            long = [p for p, ttl in writes if ttl == "1h"]
            if long:
                write_1h = max(0, max(long) - read)
        return (CacheOutcome(total, read, write, write_1h, True), {p: digests[p] for p, _ in writes},
                digests[read] if read else None)

    def simulator(self) -> "_BreakpointSimulator":
        """A replay that takes requests one at a time (``.feed(req) -> CacheOutcome``), in time order."""
        return _BreakpointSimulator(self)

    def simulate(self, requests: Iterable[CacheRequest]) -> list[CacheOutcome]:
        sim = self.simulator()
        return [sim.feed(req) for req in requests]


class _BreakpointSimulator:
    def __init__(self, regime: BreakpointRegime):
        self.regime = regime
        self.stored: dict[bytes, float] = {}  # prefix digest -> expiry time
        self.fed = 0

    def feed(self, req: CacheRequest) -> CacheOutcome:
        regime, stored = self.regime, self.stored
        result, written, hit = regime.outcome(req, stored)
        ttls = dict(regime.write_points(req, result.total))
        if hit is not None and req.at is not None and stored[hit] != math.inf:
            stored[hit] = max(stored[hit], req.at + (regime.ttl_seconds or 0))  # a hit refreshes it
        for p, d in written.items():
            ttl = regime.ttl_for(ttls.get(p))
            exp = (req.at + ttl) if (ttl and req.at is not None) else math.inf
            stored[d] = max(stored.get(d, -math.inf), exp)
        self.fed += 1
        if req.at is not None and self.fed % 4096 == 0:  # drop expired entries: memory follows live ones
            for d in [d for d, exp in stored.items() if exp < req.at]:
                del stored[d]
        return result

"""DeepSeek context caching: a hit needs a full match of a persisted cache prefix unit.  Units end at
message ends (user input, model output) and at fixed intervals (``step_tokens``, APPROX: the 2024
64-token unit); below ``minimum_tokens`` nothing is cached.  An upper bound (best effort)."""

from __future__ import annotations

from typing import ClassVar, Sequence

from .base import PrefixRegime, _int
from .interface import Boundary, ObservedUsage, RegimeData
from .registry import load_regime


class DeepSeek(PrefixRegime):
    upper_bound: ClassVar[bool] = True
    price_provider: ClassVar[str | None] = "deepseek"

    def usable(self, shared: int, total: int, boundaries: Sequence[Boundary] = ()) -> int:
        shared = min(shared, total)
        best = self.cacheable(shared)
        for b in boundaries:  # a unit also ends at each message end inside the shared prefix
            if best < b.token <= shared and b.token >= self.minimum:
                best = b.token
        return best

    def read_usage(self, body: dict) -> ObservedUsage | None:
        usage = body.get("usage") if isinstance(body.get("usage"), dict) else body
        if not isinstance(usage, dict):
            return None
        hit, miss = _int(usage.get("prompt_cache_hit_tokens")), _int(usage.get("prompt_cache_miss_tokens"))
        total = _int(usage.get("prompt_tokens"))
        if total is None and hit is not None and miss is not None:
            total = hit + miss
        if total is None:
            return None
        if hit is None:  # some gateways put it in the OpenAI field
            details = usage.get("prompt_tokens_details")
            hit = _int(details.get("cached_tokens")) if isinstance(details, dict) else None
        return ObservedUsage(total, hit, None, None, _int(usage.get("completion_tokens")))


def create(data: RegimeData | None = None, model: str | None = None, arg: str | None = None) -> DeepSeek:
    return DeepSeek(data or load_regime("deepseek"), model)

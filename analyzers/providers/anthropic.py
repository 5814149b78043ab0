"""Anthropic regime: explicit ``cache_control`` breakpoints (spec section 4).

Writes at each breakpoint (at most ``max_breakpoints``; beyond that the API rejects the request, the
replay keeps the first ones); a breakpoint below the model's minimum is silently not cached; lookup at
each breakpoint and up to ``lookback_blocks`` block ends before it; the longest stored prefix wins.
``ttl: "1h"`` writes are billed at 2x, ``5m`` ones at 1.25x."""

from __future__ import annotations

from typing import ClassVar

from .base import BreakpointRegime, _int
from .interface import CacheRequest, ObservedUsage, RegimeData
from .registry import load_regime


class Anthropic(BreakpointRegime):
    price_provider: ClassVar[str | None] = "anthropic"

    def breakpoints(self, req: CacheRequest, total: int):
        marks = sorted((b for b in req.boundaries if b.write and b.token <= total), key=lambda b: b.token)
        return marks[: int(self.value("max_breakpoints"))]

    def write_points(self, req: CacheRequest, total: int) -> list[tuple[int, str | None]]:
        return [(b.token, b.ttl or "5m") for b in self.breakpoints(req, total)]

    def lookup_points(self, req: CacheRequest, total: int) -> list[int]:
        blocks = sorted({b.token for b in req.boundaries if b.token <= total})
        back = int(self.value("lookback_blocks"))
        points: set[int] = set()
        import bisect

        for b in self.breakpoints(req, total):
            points.add(b.token)
            i = bisect.bisect_left(blocks, b.token)
            points.update(blocks[max(0, i - back):i])
        return sorted(points)

    def ttl_for(self, ttl: str | None) -> float | None:
        if ttl == "1h":
            return float(self.value("ttl_1h_seconds"))
        return self.ttl_seconds

    def read_usage(self, body: dict) -> ObservedUsage | None:
        usage = body.get("usage") if isinstance(body.get("usage"), dict) else body
        if not isinstance(usage, dict) or not any(k in usage for k in (
                "input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens")):
            return None
        after = _int(usage.get("input_tokens")) or 0
        read = _int(usage.get("cache_read_input_tokens"))
        write = _int(usage.get("cache_creation_input_tokens"))
        split = usage.get("cache_creation") if isinstance(usage.get("cache_creation"), dict) else {}
        write_1h = _int(split.get("ephemeral_1h_input_tokens"))
        total = after + (read or 0) + (write or 0)
        return ObservedUsage(total, read, write, write_1h, _int(usage.get("output_tokens")))


def create(data: RegimeData | None = None, model: str | None = None, arg: str | None = None) -> Anthropic:
    return Anthropic(data or load_regime("anthropic"), model)

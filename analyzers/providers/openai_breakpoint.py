"""OpenAI GPT-5.6+ regime: breakpoints, exact matches, paid writes (spec section 1.3).

* implicit mode (default): one write at the end of the latest *eligible* message (a user message, the
  last tool output of a consecutive group, the last developer message of the initial developer block);
  explicit ``prompt_cache_breakpoint`` blocks add writes, up to ``max_writes_per_request`` in all;
* ``mode: "explicit"``: only the explicit breakpoints; none = no caching, no writes;
* lookup walks backwards over the first/latest explicit breakpoints, the implicit one and up to
  ``implicit_lookback_messages`` earlier eligible message ends; the longest stored one wins;
* ``cached_tokens`` is the exact boundary (no 128 rounding); ``cache_write_tokens`` is billed 1.25x.
"""

from __future__ import annotations

from typing import ClassVar

from .base import BreakpointRegime
from .interface import Boundary, CacheRequest, RegimeData
from .registry import load_regime


class OpenAIBreakpoint(BreakpointRegime):
    price_provider: ClassVar[str | None] = "openai"

    def _eligible(self, req: CacheRequest, total: int) -> list[int]:
        return sorted(b.token for b in req.boundaries if b.kind != "explicit" and b.eligible and b.token <= total)

    def _explicit(self, req: CacheRequest, total: int) -> list[int]:
        return sorted(b.token for b in req.boundaries if b.kind == "explicit" and b.token <= total)

    def implicit_breakpoint(self, req: CacheRequest, total: int) -> int | None:
        if getattr(req, "mode", "implicit") == "explicit":
            return None
        eligible = self._eligible(req, total)
        return eligible[-1] if eligible else None

    def write_points(self, req: CacheRequest, total: int) -> list[tuple[int, str | None]]:
        slots = int(self.value("max_writes_per_request"))
        implicit = self.implicit_breakpoint(req, total)
        points: list[int] = []
        if implicit is not None:
            points.append(implicit)
            slots -= 1
        explicit = [p for p in self._explicit(req, total) if p != implicit]
        points += explicit[-slots:] if slots > 0 else []
        return [(p, None) for p in sorted(set(points))]

    def lookup_points(self, req: CacheRequest, total: int) -> list[int]:
        explicit = self._explicit(req, total)
        first, latest = int(self.value("explicit_lookup_first")), int(self.value("explicit_lookup_latest"))
        points = set(explicit[:first]) | set(explicit[-latest:] if latest else [])
        implicit = self.implicit_breakpoint(req, total)
        if implicit is not None:
            points.add(implicit)
            back = int(self.value("implicit_lookback_messages"))
            earlier = [p for p in self._eligible(req, total) if p < implicit]
            points |= set(earlier[-back:] if back else [])
        return sorted(points)


def create(data: RegimeData | None = None, model: str | None = None, arg: str | None = None) -> OpenAIBreakpoint:
    return OpenAIBreakpoint(data or load_regime("openai_breakpoint"), model)


__all__ = ["OpenAIBreakpoint", "Boundary", "create"]

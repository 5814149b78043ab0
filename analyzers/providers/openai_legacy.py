"""OpenAI legacy regime (gpt-4o ... gpt-5.5, Azure): nothing below the minimum (1024), then whole
128-token steps; an upper bound (routing, eviction and hidden tokens can make the real value lower)."""

from __future__ import annotations

from typing import ClassVar

from .base import PrefixRegime
from .interface import RegimeData
from .registry import load_regime


class OpenAILegacy(PrefixRegime):
    upper_bound: ClassVar[bool] = True
    price_provider: ClassVar[str | None] = "openai"

    def cacheable(self, shared_prefix_tokens: int) -> int:
        if shared_prefix_tokens < self.minimum:
            return 0
        return self.step * (shared_prefix_tokens // self.step)


def create(data: RegimeData | None = None, model: str | None = None, arg: str | None = None) -> OpenAILegacy:
    return OpenAILegacy(data or load_regime("openai_legacy"), model)

"""OpenAI legacy regime: nothing below the minimum (1024), then whole 128-token steps."""

from __future__ import annotations

from dataclasses import dataclass

from .interface import RegimeData
from .registry import load_regime


@dataclass(frozen=True)
class OpenAILegacy:
    data: RegimeData

    @property
    def minimum(self) -> int:
        return self.data.get("minimum_tokens")

    @property
    def step(self) -> int:
        return self.data.get("step_tokens")

    @property
    def routing_window(self) -> int:
        return self.data.get("routing_window_tokens")

    def cacheable(self, shared_prefix_tokens: int) -> int:
        if shared_prefix_tokens < self.minimum:
            return 0
        return self.step * (shared_prefix_tokens // self.step)


def create() -> OpenAILegacy:
    return OpenAILegacy(load_regime("openai_legacy"))

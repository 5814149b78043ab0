"""OpenAI models without prompt caching (gpt-3.5, gpt-4, gpt-4-turbo, gpt-4o-2024-05-13,
chatgpt-4o-latest; spec 1.8): nothing is ever read from a cache, nothing is written."""

from __future__ import annotations

from typing import ClassVar, Sequence

from .base import PrefixRegime
from .interface import Boundary, RegimeData
from .registry import load_regime


class OpenAINone(PrefixRegime):
    price_provider: ClassVar[str | None] = "openai"

    def cacheable(self, shared_prefix_tokens: int) -> int:
        return 0

    def usable(self, shared: int, total: int, boundaries: Sequence[Boundary] = ()) -> int:
        return 0


def create(data: RegimeData | None = None, model: str | None = None, arg: str | None = None) -> OpenAINone:
    return OpenAINone(data or load_regime("openai_none"), model)

"""Google Gemini implicit caching: the shared prefix above a per-model minimum, no guarantee (an
upper bound), no write charge.  Explicit ``cachedContents`` resources are not modelled."""

from __future__ import annotations

from typing import ClassVar

from .base import PrefixRegime, _int
from .interface import ObservedUsage, RegimeData
from .registry import load_regime


class Gemini(PrefixRegime):
    upper_bound: ClassVar[bool] = True
    price_provider: ClassVar[str | None] = "google"

    def read_usage(self, body: dict) -> ObservedUsage | None:
        meta = body.get("usageMetadata") or body.get("usage_metadata") or body
        if not isinstance(meta, dict):
            return None
        total = meta.get("promptTokenCount", meta.get("prompt_token_count"))
        if total is None:
            return None
        read = meta.get("cachedContentTokenCount", meta.get("cached_content_token_count"))
        out = _int(meta.get("candidatesTokenCount", meta.get("candidates_token_count")))
        thoughts = _int(meta.get("thoughtsTokenCount", meta.get("thoughts_token_count")))
        if thoughts:  # thinking tokens are billed as output
            out = (out or 0) + thoughts
        # A response without the cached field had no hit (the field is omitted when 0).
        return ObservedUsage(_int(total), _int(read) if read is not None else 0, None, None, out)


def create(data: RegimeData | None = None, model: str | None = None, arg: str | None = None) -> Gemini:
    return Gemini(data or load_regime("gemini"), model)

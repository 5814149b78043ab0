"""The rule a probe's prediction uses: OpenAI's legacy rule, or how a self-hosted server caches.

``openai-legacy`` comes from the provider data (``cache_model_for``); ``llama.cpp`` and ``vllm[:BLOCK]``
from ``data/self_hosted.toml``.  Each answers: a request sharing ``n`` leading tokens with a cached one,
of ``total`` tokens, can read how many from cache?
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import PcacheError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REGIMES = ("openai-legacy", "llama.cpp", "vllm")


@dataclass(frozen=True)
class Regime:
    id: str  # as shown: openai-legacy | llama.cpp | vllm:16
    minimum: int
    step: int
    tail: int  # tokens at the end that are always re-processed (never reported cached)
    upper_bound: bool  # the provider may report less (routing, eviction, hidden tokens)
    description: str
    provider_model: object = field(default=None, compare=False, repr=False)  # providers' CacheModel

    def cacheable(self, shared: int, total: int) -> int:
        usable = min(shared, total - self.tail) if total else 0
        if self.provider_model is not None:  # the provider data's own rule (legacy or newer regimes)
            return min(self.provider_model.cacheable(usable), usable)
        if usable < max(self.minimum, 1):
            return 0
        return self.step * (usable // self.step)

    def compare(self, predicted: int, observed: int | None, predicted_prompt: int | None = None,
                reported_prompt: int | None = None) -> str:
        """Wording for predicted vs observed cached tokens, honest about what the regime promises."""
        if observed is None:
            return "unknown: the server did not report cached tokens"
        framing = ""
        if predicted_prompt is not None and reported_prompt is not None and reported_prompt != predicted_prompt:
            delta = reported_prompt - predicted_prompt
            framing = f"; the server counts {abs(delta)} {'more' if delta > 0 else 'fewer'} prompt tokens than the offline estimate"
        if observed == predicted:
            return "as predicted" + framing
        if observed < predicted:
            if self.upper_bound:
                return (f"{predicted - observed} below the upper bound (routing, eviction or a cache entry "
                        f"not yet usable){framing}")
            return f"{predicted - observed} fewer than predicted{framing or ' (evicted or re-framed)'}"
        return f"{observed - predicted} more than predicted{framing or ' (prefix shared with another request)'}"

    def note(self) -> str | None:
        """What a reader of a self-hosted comparison must know."""
        if self.id == "llama.cpp":
            return "llama.cpp re-processes the last prompt token: an identical repeat reports prompt_tokens - 1"
        if self.id.startswith("vllm"):
            return (f"vLLM reuses whole {self.step}-token blocks and reports hits only with "
                    "--enable-prompt-tokens-details")
        return None


@lru_cache(maxsize=1)
def _self_hosted() -> dict:
    return tomllib.loads((Path(__file__).with_name("data") / "self_hosted.toml").read_text("utf-8"))


def _value(section: dict, key: str) -> int:
    return int(section[key]["value"])


def regime_for(name: str | None, destination_kind: str = "openai", model: str | None = None) -> Regime:
    """``name`` as given to ``--regime`` (None: from the destination)."""
    raw = (name or "").strip().lower()
    if not raw or raw in {"openai", "azure"}:
        # the provider data's rule for this model (cache_model_for picks the regime)
        from ..providers.registry import cache_model_for

        cm = cache_model_for(model)
        if getattr(cm.data, "id", "") != "openai-legacy":
            return Regime(cm.data.id, cm.minimum, getattr(cm, "step", 1), 0, True, cm.data.name,
                          provider_model=cm)
        raw = "openai-legacy"
    if raw in {"openai-legacy", "legacy"}:
        from ..providers import openai_legacy

        cm = openai_legacy.create()
        return Regime("openai-legacy", cm.minimum, cm.step, 0, True,
                      f"OpenAI legacy rule: nothing below {cm.minimum} tokens, then whole {cm.step}-token "
                      "steps; an upper bound", provider_model=cm)
    if raw in {"llama.cpp", "llama-cpp", "llamacpp", "llama"}:
        d = _self_hosted()["llama-cpp"]
        return Regime("llama.cpp", _value(d, "minimum_tokens"), _value(d, "step_tokens"),
                      _value(d, "reprocessed_tail_tokens"), False,
                      "llama.cpp: token-exact reuse, no minimum; the last token is always re-processed")
    base, _, arg = raw.partition(":")
    if base == "vllm":
        d = _self_hosted()["vllm"]
        block = _value(d, "step_tokens")
        if arg:
            if not arg.isdigit() or int(arg) < 1:
                raise PcacheError(f"bad vLLM block size {arg!r}", hint="use --regime vllm:16")
            block = int(arg)
        return Regime(f"vllm:{block}", _value(d, "minimum_tokens"), block, _value(d, "reprocessed_tail_tokens"),
                      False, f"vLLM: only whole {block}-token KV blocks are reused")
    raise PcacheError(f"unknown regime {name!r}", hint="use openai-legacy, llama.cpp or vllm[:BLOCK]")


def regime_from_server(owned_by: str | None) -> str | None:
    """A regime name from ``GET /models`` ``owned_by`` of a compatible server (None: no guess)."""
    owner = (owned_by or "").lower()
    if "llama" in owner:
        return "llama.cpp"
    if "vllm" in owner:
        return "vllm"
    return None

"""The rule a probe's prediction uses, and how it words predicted vs observed.

Every rule comes from the provider data (``providers.registry.cache_model_for``): the model's own
regime by default (OpenAI legacy, GPT-5.6+ breakpoints), or a self-hosted server's with ``--regime``
(``llama.cpp``: token-exact, last token re-processed; ``vllm[:BLOCK]``: whole KV blocks; ``sglang``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import PcacheError


@dataclass(frozen=True)
class Regime:
    id: str  # as shown: openai-legacy | openai-breakpoint | llamacpp | vllm:16 | sglang
    minimum: int
    step: int
    tail: int  # tokens at the end that are always re-processed (never reported cached)
    upper_bound: bool  # the provider may report less (routing, eviction, hidden tokens)
    description: str
    provider_model: object = field(default=None, compare=False, repr=False)  # providers' cache model
    previous_only: bool = False  # a request is matched against the previous one only (one server slot)

    def cacheable(self, shared: int, total: int) -> int:
        """Tokens a request of ``total`` tokens can read when ``shared`` leading ones are cached."""
        cm = self.provider_model
        usable = getattr(cm, "usable", None)
        if usable is not None:
            return usable(shared, total)
        shared = max(0, min(shared, total - self.tail))
        return min(cm.cacheable(shared), shared)

    def compare(self, predicted: int, observed: int | None, predicted_prompt: int | None = None,
                reported_prompt: int | None = None) -> str:
        """Wording for predicted vs observed cached tokens, honest about what the regime promises."""
        if observed is None:
            return "unknown: the server did not report cached tokens"
        framing = ""
        if predicted_prompt is not None and reported_prompt is not None and reported_prompt != predicted_prompt:
            delta = reported_prompt - predicted_prompt
            framing = (f"; the server counts {abs(delta)} {'more' if delta > 0 else 'fewer'} prompt tokens "
                       "than the offline estimate")
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
        if self.id == "llamacpp":
            return "llama.cpp re-processes the last prompt token: an identical repeat reports prompt_tokens - 1"
        if self.id.startswith("vllm"):
            return (f"vLLM reuses whole {self.step}-token blocks and reports hits only with "
                    "--enable-prompt-tokens-details")
        if self.id == "sglang":
            return "SGLang reports hits only with --enable-cache-report"
        return None


def regime_for(name: str | None, destination_kind: str = "openai", model: str | None = None) -> Regime:
    """``name`` as given to ``--regime``; None (or openai/azure): the rule the provider data gives
    ``model``; ``openai-legacy`` forces the legacy rule."""
    from ..providers.registry import cache_model_for

    raw = (name or "").strip().lower()
    if raw in ("", "openai", "azure"):
        cm = cache_model_for(model)
    elif raw in ("openai-legacy", "legacy"):
        cm = cache_model_for(None)  # the plain OpenAI rule for models before GPT-5.6
    else:
        try:
            cm = cache_model_for(model, provider=raw)
        except PcacheError as exc:
            raise PcacheError(f"unknown regime {name!r}: {exc.message}",
                              hint="use openai-legacy, llama.cpp, vllm[:BLOCK] or sglang") from None
        if cm.data.id.startswith(("openai", "anthropic", "gemini", "deepseek")):
            raise PcacheError(f"unknown regime {name!r}",
                              hint="use openai-legacy, llama.cpp, vllm[:BLOCK] or sglang")
    rid = cm.data.id
    if rid == "vllm":
        rid = f"vllm:{cm.step}"
    if rid == "openai-legacy":
        description = (f"OpenAI legacy rule: nothing below {cm.minimum} tokens, then whole {cm.step}-token "
                       "steps; an upper bound")
    else:
        description = cm.data.name
    return Regime(rid, cm.minimum, getattr(cm, "step", 1), getattr(cm, "tail", 0),
                  bool(getattr(cm, "upper_bound", False)), description, provider_model=cm,
                  previous_only=cm.data.value("matched_against") == "previous")


def regime_from_server(owned_by: str | None) -> str | None:
    """A regime name from ``GET /models`` ``owned_by`` of a compatible server (None: no guess)."""
    owner = (owned_by or "").lower()
    if "llama" in owner:
        return "llama.cpp"
    if "vllm" in owner:
        return "vllm"
    if "sglang" in owner:
        return "sglang"
    return None

"""The providers' own cache-miss diagnostics in a response body, as one shape (probe and audit share it).

* OpenAI (Responses API, GPT-5.6 and later; spec section 8): the request carries
  ``prompt_cache_options.comparison_response_id``; the response carries ``prompt_cache_diagnostics``:
  ``{"type": "cache_miss", "reason", "cache_missed_tokens", "comparison_reusable_tokens"}``, or a
  ``cache_hit`` / ``comparison_response_not_found`` / ``unavailable`` outcome.  A hit verdict only means
  "no miss detected for the comparison": real reuse is still ``usage.input_tokens_details.cached_tokens``.
* Anthropic (Messages API): the request carries ``diagnostics.previous_message_id``; the response carries
  ``diagnostics.cache_miss_reason`` with a ``type`` (``system_changed`` ... ``previous_message_not_found``,
  ``unavailable``) and, for the four ``*_changed`` types, ``cache_missed_input_tokens`` (byte-derived: a
  magnitude, not a billing number); ``cache_miss_reason`` is null when no divergence was found.

Field names come from the provider data files (``diagnostics_*`` entries with their sources).
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import dig


# Outcomes that are neither a miss nor a hit: the comparison could not be made.
INCONCLUSIVE = frozenset({"comparison_response_not_found", "previous_message_not_found", "unavailable"})


@dataclass(frozen=True)
class CacheDiagnosis:
    provider: str  # openai | anthropic
    verdict: str  # miss | hit (no miss detected) | an INCONCLUSIVE outcome
    reason: str | None = None  # for a miss: the provider's reason (input_changed, system_changed ...)
    missed_tokens: int | None = None  # tokens the provider says were missed (None: not given)
    reusable_tokens: int | None = None  # OpenAI: tokens reusable from the comparison response

    @property
    def miss(self) -> bool:
        return self.verdict == "miss"

    def describe(self) -> str:
        if self.verdict == "hit":
            return f"{self.provider}: no miss detected"
        if not self.miss:
            return f"{self.provider}: {self.verdict.replace('_', ' ')}"
        parts = [f"{self.provider}: {self.reason or 'miss'}"]
        if self.missed_tokens is not None:
            parts.append(f"{self.missed_tokens:,} missed")
        if self.reusable_tokens is not None:
            parts.append(f"{self.reusable_tokens:,} reusable")
        return ", ".join(parts)


def _field(regime: str, key: str) -> str:
    from .registry import load_regime

    return str(load_regime(regime).value(key))


def _int(v) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def parse_openai(body: dict) -> CacheDiagnosis | None:
    """``prompt_cache_diagnostics`` of a Responses API body, or None when it carries none."""
    if not isinstance(body, dict):
        return None
    raw = dig(body, _field("openai_breakpoint", "diagnostics_response_field"))
    if not isinstance(raw, dict):
        return None
    kind = raw.get("type")
    reason = raw.get("reason") if isinstance(raw.get("reason"), str) else None
    if kind == "cache_hit" or (kind is None and reason is None):
        verdict = "hit"
    elif kind in INCONCLUSIVE:
        verdict = kind
    else:  # cache_miss, or a reason without a type
        verdict = "miss"
    return CacheDiagnosis("openai", verdict, reason, _int(raw.get("cache_missed_tokens")),
                          _int(raw.get("comparison_reusable_tokens")))


def parse_anthropic(body: dict) -> CacheDiagnosis | None:
    """``diagnostics.cache_miss_reason`` of a Messages API body, or None when it carries none."""
    if not isinstance(body, dict):
        return None
    if not isinstance(body.get("diagnostics"), dict):
        return None
    raw = dig(body, _field("anthropic", "diagnostics_response_field"))
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        return CacheDiagnosis("anthropic", "hit")  # null: no divergence found (or still running)
    kind = raw["type"]
    if kind in INCONCLUSIVE:
        return CacheDiagnosis("anthropic", kind)
    return CacheDiagnosis("anthropic", "miss", kind, _int(raw.get("cache_missed_input_tokens")))


def openai_request_options(previous_response_id: str) -> dict:
    """The request field that asks for a comparison with an earlier response."""
    path = _field("openai_breakpoint", "diagnostics_request_field").split(".")
    out: dict = {}
    node = out
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = previous_response_id
    return out


def supports_openai_diagnostics(model: str | None) -> bool:
    """Models whose Responses API answers a comparison (GPT-5.6 and later: the breakpoint regime)."""
    from .registry import is_breakpoint_openai

    return bool(model) and is_breakpoint_openai(model)

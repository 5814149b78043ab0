"""Usage extraction: one normalised ``Usage`` from the usage object of any supported API.

Every shape is mapped here, in one place (spec sections 1.7, 4, 5, 7):

==================  ==========================================  ==============================================
shape               total input                                 cached (read) / written
==================  ==========================================  ==============================================
chat (OpenAI,       ``prompt_tokens``                           ``prompt_tokens_details.cached_tokens`` /
Azure, vLLM, ...)                                               ``prompt_tokens_details.cache_write_tokens``
responses, batch    ``input_tokens``                            ``input_tokens_details.cached_tokens`` /
                                                                ``input_tokens_details.cache_write_tokens``
anthropic           ``input_tokens + cache_read_input_tokens    ``cache_read_input_tokens`` /
                    + cache_creation_input_tokens``             ``cache_creation_input_tokens`` (1 h part from
                                                                ``cache_creation.ephemeral_1h_input_tokens``)
deepseek            ``prompt_tokens`` (else hit + miss)         ``prompt_cache_hit_tokens`` (genai-prices reads
                                                                ``prompt_tokens_details`` instead: gap, spec 7)
mistral             ``prompt_tokens``                           ``num_cached_tokens``
cohere              ``tokens.input_tokens``                     ``cached_tokens``
gemini              ``promptTokenCount``                        ``cachedContentTokenCount``
==================  ==========================================  ==============================================

``cached`` is clamped to the total input, so a hit ratio can never exceed 100 %.  OpenAI bodies only
carry ``cache_write_tokens`` from GPT-5.6 on; when the field is absent writes are 0 (never invented).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_TOKENS = 10**12  # per record (a Usage API bucket sums a day of requests); more is not a count


@dataclass(frozen=True)
class Usage:
    input_tokens: int  # total prompt tokens, cached and written included
    cached_tokens: int = 0  # read from cache (subset of input)
    cache_write_tokens: int = 0  # written to cache (subset of input), all TTLs
    output_tokens: int = 0
    cache_write_1h_tokens: int = 0  # the 1-hour part of the writes (Anthropic)
    shape: str = "chat"  # chat | responses | anthropic | deepseek | mistral | cohere | gemini | usage_api
    cached_known: bool = True  # False when the API did not report cached tokens at all
    # The log counts cached tokens twice: cached > input, or total = input + cached (+ output), as
    # observability exports that add the cached count to an input that already includes it.
    double_counted: bool = False


def _int(v) -> int:
    if isinstance(v, bool) or v is None:
        return 0
    if isinstance(v, (int, float)):
        return int(v)
    if isinstance(v, str) and v.strip().isdigit():
        return int(v)
    return 0


def _d(obj, key) -> dict:
    v = obj.get(key) if isinstance(obj, dict) else None
    return v if isinstance(v, dict) else {}


def _make(shape, total, cached, write=0, output=0, write_1h=0, known=True) -> Usage:
    total = max(0, total)
    cached = min(max(0, cached), total)
    write = min(max(0, write), total - cached)
    return Usage(total, cached, write, max(0, output), min(max(0, write_1h), write), shape, known)


def detect_shape(u: dict) -> str | None:
    if not isinstance(u, dict):
        return None
    if "cache_read_input_tokens" in u or "cache_creation_input_tokens" in u:
        return "anthropic"
    if "prompt_cache_hit_tokens" in u or "prompt_cache_miss_tokens" in u:
        return "deepseek"
    if "promptTokenCount" in u or "prompt_token_count" in u:
        return "gemini"
    if "prompt_tokens" in u:
        return "mistral" if "num_cached_tokens" in u else "chat"
    if isinstance(u.get("tokens"), dict) or isinstance(u.get("billed_units"), dict):
        return "cohere"
    if "input_tokens" in u:
        return "responses"
    return None


# Shapes whose fields are read by a cache regime's ``read_usage`` (analyzers/providers: the one
# place that knows them; the table above documents them); the others are read here.
_REGIME_OF_SHAPE = {"chat": "openai-legacy", "responses": "openai-legacy", "anthropic": "anthropic",
                    "deepseek": "deepseek", "gemini": "gemini"}


def check_count(name: str, v) -> None:
    """ValueError unless ``v`` (a number or numeric string from a log) is a finite, non-negative count."""
    if isinstance(v, bool) or v is None:
        return
    if isinstance(v, str):
        try:
            v = float(v.replace(",", ""))
        except ValueError:
            return  # not a number: the readers treat it as missing
    if not isinstance(v, (int, float)):
        return
    if isinstance(v, float) and not math.isfinite(v):
        raise ValueError(f"{name} is {v!r}, not a token count")
    if v < 0:
        raise ValueError(f"negative {name} ({v:g})")
    if v > MAX_TOKENS:
        raise ValueError(f"{name} {v:.3g} is out of range")


def check_counts(u: dict, where: str = "") -> None:
    """Every number in a usage object (and its ``*_details`` objects) checked by ``check_count``."""
    for k, v in u.items():
        if isinstance(v, dict):
            for k2, v2 in v.items():
                if not isinstance(v2, (dict, list)):
                    check_count(f"{where}{k}.{k2}", v2)
        elif not isinstance(v, list):
            check_count(f"{where}{k}", v)


_REGIME_MODEL = None  # providers.registry.regime_model, imported once (an import per record cost 1.3 us)


def _regime_model(regime: str):
    global _REGIME_MODEL
    if _REGIME_MODEL is None:
        from ..providers.registry import regime_model

        _REGIME_MODEL = regime_model
    return _REGIME_MODEL(regime)


def extract_usage(u, shape: str | None = None) -> Usage | None:
    """The normalised usage of one response's usage object, or None when it is not one.
    Raises ValueError for a count that is not one (inf, nan, negative, absurdly large)."""
    if not isinstance(u, dict):
        return None
    check_counts(u)
    shape = shape or detect_shape(u)
    regime = _REGIME_OF_SHAPE.get(shape or "")
    if regime is not None:
        obs = _regime_model(regime).read_usage(u)
        if obs is None:
            return None
        # OpenAI-style APIs may omit cached tokens (unknown, not 0); the others report a miss as 0.
        known = obs.read is not None or shape not in ("chat", "responses")
        got = _make(shape, obs.total or 0, obs.read or 0, obs.write or 0, obs.output or 0, obs.write_1h or 0,
                    known)
        if shape in ("chat", "responses") and _double_counted(u, obs.total or 0, obs.read or 0, obs.output or 0):
            from dataclasses import replace

            got = replace(got, double_counted=True)
        return got
    if shape == "mistral":
        return _make("mistral", _int(u.get("prompt_tokens")), _int(u.get("num_cached_tokens")), 0,
                     _int(u.get("completion_tokens")))
    if shape == "cohere":
        tokens = _d(u, "tokens") or _d(u, "billed_units")
        return _make("cohere", _int(tokens.get("input_tokens")), _int(u.get("cached_tokens")), 0,
                     _int(tokens.get("output_tokens")), known="cached_tokens" in u)
    return None


def _double_counted(u: dict, total: int, cached: int, output: int) -> bool:
    """OpenAI input counts include the cached tokens (spec 1.7): cached above the input, or a total that
    adds them once more, means the log (or the tool that wrote it) counted them twice."""
    if cached <= 0:
        return False
    if cached > total:
        return True
    raw = u.get("total_tokens")
    return isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw == total + cached + output


def find_usage(body) -> dict | None:
    """The usage object inside a response body (``usage``, ``usageMetadata``, ``response.usage`` ...)."""
    if not isinstance(body, dict):
        return None
    for key in ("usage", "usageMetadata", "usage_metadata"):
        if isinstance(body.get(key), dict):
            return body[key]
    inner = body.get("response")
    if isinstance(inner, dict):
        if isinstance(inner.get("body"), dict):  # Batch output line
            return find_usage(inner["body"])
        return find_usage(inner)
    if detect_shape(body):  # the object is itself a usage object
        return body
    return None


def provider_hint(shape: str, model: str | None) -> str | None:
    """A genai-prices provider id suggested by the usage shape (the model name decides otherwise)."""
    return {"anthropic": "anthropic", "deepseek": "deepseek", "mistral": "mistral", "cohere": "cohere",
            "gemini": "google"}.get(shape)

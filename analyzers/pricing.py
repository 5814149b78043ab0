"""The one adapter around ``genai-prices`` (no hand-written price table anywhere else).

Gaps of genai-prices that are mapped here, in one place (spec section 7):
- Azure deployment names are arbitrary: callers pass the base model (``--model``) for prices.
- Pro models without a cached-input price: no discount (cached tokens priced as input).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .errors import PcacheError

MTOK = Decimal(1_000_000)


class UnknownPriceError(PcacheError):
    pass


@dataclass(frozen=True)
class ModelPrices:
    """USD per million tokens; ``cached_input``/``cache_write`` are None when genai-prices has none."""

    model: str  # the id genai-prices matched
    provider: str
    input: Decimal
    cached_input: Decimal | None
    cache_write: Decimal | None
    output: Decimal

    @property
    def discount(self) -> Decimal:
        """Fraction of the input price saved on a cached token (0.5, 0.75, 0.9 ...)."""
        if not self.input or self.cached_input is None:
            return Decimal(0)
        return 1 - self.cached_input / self.input


def _provider_for(model: str, provider: str | None) -> str | None:
    if provider:
        return provider
    if model.startswith(("gpt-", "o1", "o3", "o4", "chatgpt-", "ft:gpt")):
        return "openai"
    return None


def _price_value(v) -> Decimal | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return v
    # Tiered prices: the base tier (prompts up to the first threshold).
    base = getattr(v, "base", None)
    return Decimal(str(base if base is not None else v))


@lru_cache(maxsize=256)
def model_prices(model: str, provider: str | None = None) -> ModelPrices:
    from genai_prices import Usage, calc_price

    try:
        r = calc_price(Usage(input_tokens=0, output_tokens=0), model, provider_id=_provider_for(model, provider))
    except LookupError as exc:
        raise UnknownPriceError(f"no price known for model {model!r}",
                                hint="pass the base model name with --model (e.g. gpt-4o)") from exc
    mp = r.model_price
    return ModelPrices(
        model=r.model.id,
        provider=r.provider.id,
        input=_price_value(mp.input_mtok) or Decimal(0),
        cached_input=_price_value(mp.cache_read_mtok),
        cache_write=_price_value(getattr(mp, "cache_write_mtok", None)),
        output=_price_value(mp.output_mtok) or Decimal(0),
    )


def request_cost(model: str, input_tokens: int, cached_tokens: int = 0, output_tokens: int = 0,
                 cache_write_tokens: int = 0, provider: str | None = None,
                 cache_write_1h_tokens: int = 0) -> Decimal:
    """USD for one request (or a sum of requests of one model), priced by genai-prices."""
    from genai_prices import Usage, calc_price

    prices = model_prices(model, provider)
    if prices.cached_input is None:  # no discount known: cached tokens cost full input price
        cached_tokens = 0
    usage = Usage(input_tokens=input_tokens, cache_read_tokens=cached_tokens or None,
                  cache_write_tokens=cache_write_tokens or None, output_tokens=output_tokens,
                  cache_write_1h_tokens=cache_write_1h_tokens or None)  # Anthropic 1 h part of the writes
    return calc_price(usage, model, provider_id=_provider_for(model, provider)).total_price


# ---------------------------------------------------------------- audit: full usage, dates, tiers
#
# Further gaps handled here (spec section 7):
# - DeepSeek: genai-prices' extractor reads ``prompt_tokens_details.cached_tokens``; callers pass the
#   ``prompt_cache_hit_tokens`` (mapped in ``analyzers/audit/usage.py``) as ``cached_tokens`` instead.
# - Azure: genai-prices has few Azure rows; a model it does not know under ``azure`` is priced with the
#   OpenAI data (Azure "Global" list prices follow OpenAI's).  Deployment names need ``--model-map``.
# - Batch: genai-prices has no Batch tier; Batch requests get the documented discount from the
#   provider data (``batch_price_multiplier`` in providers/data/openai_legacy.toml).
# - Models unknown to genai-prices are reported as unpriced (cost null), never guessed.


def _resolve_provider(model: str, provider: str | None) -> str | None:
    """The provider id genai-prices accepts for ``model`` (falls back from azure to openai)."""
    from genai_prices import Usage, calc_price

    prov = _provider_for(model, provider)
    try:
        calc_price(Usage(input_tokens=0), model, provider_id=prov)
        return prov
    except LookupError:
        pass
    for fallback in (("openai",) if prov == "azure" else ()) + (None,):
        try:
            r = calc_price(Usage(input_tokens=0), model, provider_id=fallback)
            return r.provider.id
        except LookupError:
            continue
    raise UnknownPriceError(f"no price known for model {model!r}",
                            hint="map it to a known model with --model-map NAME=MODEL (e.g. my-deploy=gpt-4o)")


@lru_cache(maxsize=1024)
def price_key(model: str, provider: str | None = None) -> tuple[str, str | None]:
    """(model, provider id) that genai-prices resolves; raises UnknownPriceError."""
    bare = model
    for prefix in ("openai/", "azure/"):
        if bare.startswith(prefix) and provider in (None, "openrouter", "openai", "azure"):
            provider = provider if provider in ("openai", "azure") else prefix[:-1]
            bare = bare[len(prefix):]
            break
    if provider == "openrouter":
        provider = None
    if "/" in bare and provider is None:  # "x-ai/grok-4", "zai/GLM-5.2": vendor/model
        vendor, name = bare.split("/", 1)
        for cand in ((name, vendor), (name, None)):
            try:
                return cand[0], _resolve_provider(*cand)
            except (UnknownPriceError, LookupError):
                continue
    try:
        return bare, _resolve_provider(bare, provider)
    except UnknownPriceError:
        if provider is not None:
            return bare, _resolve_provider(bare, None)
        raise


@lru_cache(maxsize=1024)
def tier_threshold(model: str, provider: str | None = None) -> int | None:
    """Smallest prompt size at which a tiered price of ``model`` changes (None when untiered)."""
    from genai_prices import Usage, calc_price
    from genai_prices.types import TieredPrices

    r = calc_price(Usage(input_tokens=0), model, provider_id=provider)
    starts = [t.start for v in vars(r.model_price).values() if isinstance(v, TieredPrices) for t in v.tiers]
    return min(starts) if starts else None


def usage_cost(model: str, provider: str | None, input_tokens: int, cached_tokens: int = 0,
               cache_write_tokens: int = 0, output_tokens: int = 0, cache_write_1h_tokens: int = 0,
               when=None) -> tuple[Decimal, Decimal]:
    """(cost paid, cost had nothing been cached or written) in USD, from genai-prices.

    ``model``/``provider`` must come from ``price_key``.  Linear in the tokens (except tiers), so it can
    price the sum of many requests of one model and day below the tier threshold.
    """
    from genai_prices import Usage, calc_price

    mp = model_prices(model, provider)
    if mp.cached_input is None:  # no cached price known: cached tokens priced as input (spec 1.8)
        cached_tokens = 0
    if mp.cache_write is None and cache_write_tokens and provider != "anthropic":
        cache_write_tokens = cache_write_1h_tokens = 0
    usage = Usage(input_tokens=input_tokens, cache_read_tokens=cached_tokens or None,
                  cache_write_tokens=cache_write_tokens or None,
                  output_tokens=output_tokens)
    if cache_write_1h_tokens:
        usage = Usage(input_tokens=input_tokens, cache_read_tokens=cached_tokens or None,
                      cache_write_tokens=cache_write_tokens or None, output_tokens=output_tokens,
                      cache_write_1h_tokens=cache_write_1h_tokens)
    paid = calc_price(usage, model, provider_id=provider, genai_request_timestamp=when).total_price
    plain = calc_price(Usage(input_tokens=input_tokens, output_tokens=output_tokens), model,
                       provider_id=provider, genai_request_timestamp=when).total_price
    return paid, plain

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
                 cache_write_tokens: int = 0, provider: str | None = None) -> Decimal:
    """USD for one request (or a sum of requests of one model), priced by genai-prices."""
    from genai_prices import Usage, calc_price

    prices = model_prices(model, provider)
    if prices.cached_input is None:  # no discount known: cached tokens cost full input price
        cached_tokens = 0
    usage = Usage(input_tokens=input_tokens, cache_read_tokens=cached_tokens or None,
                  cache_write_tokens=cache_write_tokens or None, output_tokens=output_tokens)
    return calc_price(usage, model, provider_id=_provider_for(model, provider)).total_price

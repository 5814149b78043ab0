"""What the tool assumes per model: encoding, cache regime and thresholds, prices (``pcache models``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# A curated set of model families people send prompts to; any other name can be asked for explicitly.
# Names only: every number shown for them comes from tiktoken, the provider data files and genai-prices.
CURATED = (
    "gpt-3.5-turbo", "gpt-4", "gpt-4-turbo", "gpt-4o-2024-05-13", "chatgpt-4o-latest",
    "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano",
    "o1", "o3", "o3-mini", "o4-mini",
    "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5.1", "gpt-5.2", "gpt-5.4", "gpt-5.5",
    "gpt-5.6-sol", "gpt-5.6-terra", "gpt-5.6-luna",
    "gpt-6-sol", "gpt-6-luna", "gpt-6.1-terra",
    "gpt-oss-120b",
    # other providers' current models (thresholds in providers/data/anthropic.toml, gemini.toml, deepseek.toml)
    "claude-opus-4-7", "claude-sonnet-4-6", "claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5",
    "gemini-3-pro-preview", "gemini-3-flash-preview", "gemini-2.5-pro", "gemini-2.5-flash",
    "deepseek-chat", "deepseek-reasoner",
)


@dataclass(frozen=True)
class ModelInfo:
    model: str
    encoding: str
    encoding_note: str | None  # set when the encoding is a guess
    regime: str  # id of the provider data file's regime
    regime_name: str
    minimum: int
    step: int | None
    routing_window: int
    price_model: str | None  # the id genai-prices matched
    input: Decimal | None  # USD per million tokens
    cached_input: Decimal | None
    cache_write: Decimal | None
    output: Decimal | None
    discount: Decimal | None  # fraction of the input price saved on a cached token
    price_note: str | None = None
    caches: bool = True  # False: the model has no prompt caching at all (openai-none)


def model_info(model: str) -> ModelInfo:
    """Everything the tool assumes for ``model``; raises ``PcacheError`` for an unknown model."""
    from .pricing import UnknownPriceError, model_prices
    from .providers.registry import cache_model_for
    from .tokenizer import resolve_model

    choice = resolve_model(model)
    cache = cache_model_for(model)
    step = getattr(cache, "step", None)
    try:
        p = model_prices(model)
    except UnknownPriceError as exc:
        p, note = None, exc.message
    else:
        note = None if p.cached_input is not None else "no cached-input price: no discount assumed"
    return ModelInfo(
        model=model,
        encoding=choice.encoding,
        encoding_note=choice.warning,
        regime=cache.data.id,
        regime_name=cache.data.name,
        minimum=cache.minimum,
        step=int(step) if step else None,
        routing_window=cache.routing_window,
        price_model=p.model if p else None,
        input=p.input if p else None,
        cached_input=p.cached_input if p else None,
        cache_write=p.cache_write if p else None,
        output=p.output if p else None,
        discount=p.discount if p and p.cached_input is not None else (Decimal(0) if p else None),
        price_note=note,
        caches=cache.data.kind != "none",
    )


@dataclass(frozen=True)
class Assumption:
    """One value of a regime's data file with where it comes from."""

    key: str
    value: object
    source: str
    as_of: str
    note: str = ""
    models: tuple = ()  # per-model values: (label or patterns, value, source, as_of, note)


@dataclass(frozen=True)
class RegimeInfo:
    id: str
    name: str
    kind: str
    providers: tuple[str, ...]
    description: str
    data_file: str
    values: tuple[Assumption, ...]


def regime_infos() -> list[RegimeInfo]:
    """Every regime's assumptions, each value with its source key and date (``pcache models --regimes``)."""
    from .providers.registry import REGIMES, load_regime

    out = []
    for stem, _module in REGIMES.values():
        d = load_regime(stem)
        values = tuple(
            Assumption(key, t.value, t.source, t.as_of, t.note,
                       tuple((m.label or ", ".join(m.patterns), m.value, m.source, m.as_of, m.note) for m in t.by_model))
            for key, t in d.values.items())
        out.append(RegimeInfo(d.id, d.name, d.kind, d.providers, d.description,
                              f"analyzers/providers/data/{stem}.toml", values))
    return out


def known_models(extra: list[str] | tuple[str, ...] = ()) -> list[ModelInfo]:
    """The curated set plus ``extra`` names (unknown names raise ``PcacheError``)."""
    names = list(dict.fromkeys([*CURATED, *extra]))
    return [model_info(m) for m in names]

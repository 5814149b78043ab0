"""Loads the dated, sourced regime data files and picks the cache model for a model name.

``cache_model_for(model, provider)``:

* ``provider`` (``--provider``) wins: ``openai``/``azure`` (then the model decides legacy or breakpoint),
  ``anthropic``, ``google``/``gemini``/``vertex``, ``deepseek``, ``vllm[:BLOCK]``, ``sglang``,
  ``llamacpp``/``llama.cpp``;
* otherwise the model name: ``claude-*`` Anthropic, ``gemini-*`` Gemini, ``deepseek-*`` DeepSeek,
  ``gpt-5.6`` and later / ``gpt-6*`` the OpenAI breakpoint regime, gpt-3.5/gpt-4/gpt-4-turbo (and
  gpt-4o-2024-05-13, chatgpt-4o-latest) no caching, anything else OpenAI legacy.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

from ..errors import PcacheError
from .interface import ModelThreshold, RegimeData, Threshold, normalize_model

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA_DIR = Path(__file__).with_name("data")

# regime id -> (data file stem, implementation module)
REGIMES: dict[str, tuple[str, str]] = {
    "openai-legacy": ("openai_legacy", "openai_legacy"),
    "openai-breakpoint": ("openai_breakpoint", "openai_breakpoint"),
    "openai-none": ("openai_none", "openai_none"),
    "anthropic": ("anthropic", "anthropic"),
    "gemini": ("gemini", "gemini"),
    "deepseek": ("deepseek", "deepseek"),
    "vllm": ("vllm", "selfhosted"),
    "sglang": ("sglang", "selfhosted"),
    "llamacpp": ("llamacpp", "selfhosted"),
}

PROVIDER_ALIASES: dict[str, str] = {
    "openai": "openai", "azure": "openai",
    "anthropic": "anthropic", "claude": "anthropic",
    "google": "gemini", "gemini": "gemini", "vertex": "gemini", "vertexai": "gemini",
    "deepseek": "deepseek",
    "vllm": "vllm",
    "sglang": "sglang",
    "llamacpp": "llamacpp", "llama.cpp": "llamacpp", "llama-cpp": "llamacpp", "llama": "llamacpp",
}
PROVIDERS_HINT = "use openai, azure, anthropic, gemini, deepseek, vllm[:BLOCK], sglang or llamacpp"


class UnknownProviderError(PcacheError):
    pass


def _threshold(v: dict) -> Threshold:
    by_model = tuple(
        ModelThreshold(tuple(str(p).lower() for p in m.get("match", ())), m["value"], m.get("source", ""),
                       str(m.get("as_of", "")), m.get("note", ""), m.get("label", ""))
        for m in v.get("models", ())
    )
    return Threshold(v["value"], v.get("source", ""), str(v.get("as_of", "")), v.get("note", ""), by_model)


@lru_cache(maxsize=None)
def load_regime(stem: str) -> RegimeData:
    raw = tomllib.loads((DATA_DIR / f"{stem}.toml").read_text(encoding="utf-8"))
    values = {key: _threshold(v) for key, v in raw.items() if isinstance(v, dict) and "value" in v}
    return RegimeData(raw["id"], raw["name"], tuple(raw.get("providers", ())), raw["kind"], values,
                      raw.get("description", ""))


_GPT = re.compile(r"^gpt-(\d+)(?:\.(\d+))?")


def is_breakpoint_openai(model: str | None) -> bool:
    """gpt-5.6 and later (gpt-5.6-*, gpt-5.7, gpt-6*, gpt-6.1-*) cache at breakpoints."""
    if not model:
        return False
    m = _GPT.match(normalize_model(model))
    if not m:
        return False
    major, minor = int(m.group(1)), int(m.group(2) or 0)
    return major >= 6 or (major == 5 and minor >= 6)


def regime_id_for(model: str | None = None, provider: str | None = None) -> str:
    """The regime id (a key of ``REGIMES``) for a model and/or provider name."""
    if provider:
        base = provider.strip().lower().partition(":")[0]
        kind = PROVIDER_ALIASES.get(base)
        if kind is None:
            raise UnknownProviderError(f"unknown provider {provider!r}", hint=PROVIDERS_HINT)
        if kind != "openai":
            return kind
    bare = normalize_model(model) if model else ""
    if not provider:
        if bare.startswith("claude"):
            return "anthropic"
        if bare.startswith("gemini"):
            return "gemini"
        if bare.startswith("deepseek"):
            return "deepseek"
    if is_breakpoint_openai(bare):
        return "openai-breakpoint"
    return "openai-none" if is_uncached_openai(bare) else "openai-legacy"


def is_uncached_openai(model: str | None) -> bool:
    """gpt-3.5, gpt-4, gpt-4-turbo ... (the ``models`` patterns of ``data/openai_none.toml``)."""
    from fnmatch import fnmatchcase

    if not model:
        return False
    bare = normalize_model(model)
    return any(fnmatchcase(bare, p) for p in load_regime("openai_none").values["models"].value)


@lru_cache(maxsize=256)
def _create(regime: str, model: str | None, arg: str | None):
    import importlib

    stem, module = REGIMES[regime]
    mod = importlib.import_module(f"{__package__}.{module}")
    return mod.create(load_regime(stem), model, arg)


def cache_model_for(model: str | None = None, provider: str | None = None):
    """The cache model for ``model`` (and ``provider``, e.g. from ``--provider``).

    Every model has ``.data``, ``.minimum``, ``.step``, ``.routing_window``, ``.cacheable(n)``,
    ``.simulate(requests)``, ``.read_usage(body)`` and ``.cost(outcome, model)``.
    ``provider`` may carry an argument: ``vllm:32`` is vLLM with 32-token blocks."""
    regime = regime_id_for(model, provider)
    arg = None
    if provider and ":" in provider:
        arg = provider.split(":", 1)[1].strip() or None
        if regime != "vllm":
            raise UnknownProviderError(f"provider {provider!r} takes no argument", hint="only vllm:BLOCK does")
        if not arg.isdigit() or not 1 <= int(arg) <= 256:
            raise UnknownProviderError(f"bad vLLM block size {arg!r}", hint="use e.g. --provider vllm:16 (1-256)")
    return _create(regime, model, arg)


def all_regimes() -> list[RegimeData]:
    """Every regime's data, in a stable order (for ``pcache models``)."""
    return [load_regime(stem) for stem, _ in REGIMES.values()]


def regime_model(regime: str, model: str | None = None):
    """The cache model of a regime id (``openai-legacy``, ``anthropic``, ``vllm`` ...) for ``model``."""
    if regime not in REGIMES:
        raise UnknownProviderError(f"unknown regime {regime!r}", hint=", ".join(REGIMES))
    return _create(regime, model, None)

"""The cache model of a provider/regime: how many leading tokens a repeat of a prefix can reuse.

Every regime (one module each, one data file each in ``data/``) answers the same questions:

* ``cacheable(n)``: tokens a request can read when it shares ``n`` leading tokens with a cached one
  *and* the shared prefix ends where the regime can store it (an upper bound for breakpoint regimes);
* ``simulate(requests)``: replay requests in order through an in-memory cache (prefix digests, TTL),
  returning per request the tokens read, written (billed writes only) and processed normally;
* ``read_usage(body)``: the provider's own usage fields of a response, as the same three numbers;
* ``cost(outcome, model)``: USD of one outcome through ``analyzers/pricing.py`` (genai-prices).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence


@dataclass(frozen=True)
class ModelThreshold:
    """A value that holds for the models matching ``patterns`` (fnmatch, lower case)."""

    patterns: tuple[str, ...]
    value: Any
    source: str
    as_of: str
    note: str = ""
    label: str = ""  # the vendor's name for the models ("Opus 4.5, Haiku 4.5")


@dataclass(frozen=True)
class Threshold:
    value: Any
    source: str
    as_of: str
    note: str = ""
    by_model: tuple[ModelThreshold, ...] = ()


@dataclass(frozen=True)
class RegimeData:
    id: str
    name: str
    providers: tuple[str, ...]
    kind: str
    values: dict[str, Threshold] = field(default_factory=dict)
    description: str = ""

    def get(self, key: str) -> int:
        return int(self.values[key].value)

    def threshold(self, key: str, model: str | None = None) -> Threshold:
        """The value of ``key`` for ``model``: the first per-model entry whose pattern matches, else the
        default (its note says so when the model is not listed)."""
        from fnmatch import fnmatchcase

        t = self.values[key]
        if model:
            bare = normalize_model(model)
            for m in t.by_model:
                if any(fnmatchcase(bare, p) for p in m.patterns):
                    return Threshold(m.value, m.source, m.as_of, m.note or m.label)
        return t

    def value(self, key: str, model: str | None = None, default: Any = None) -> Any:
        if key not in self.values:
            return default
        return self.threshold(key, model).value


def normalize_model(model: str) -> str:
    """``anthropic/claude-Opus-4.5`` -> ``claude-opus-4-5`` for Claude; lower case, no provider prefix."""
    bare = model.strip().lower()
    if bare.startswith("ft:"):
        bare = bare[3:].split(":", 1)[0]
    bare = bare.rsplit("/", 1)[-1]
    for prefix in ("us.anthropic.", "eu.anthropic.", "apac.anthropic.", "anthropic."):
        if bare.startswith(prefix):
            bare = bare[len(prefix):]
    if bare.startswith("claude"):
        bare = bare.split("@", 1)[0].split(":", 1)[0].replace(".", "-")
        if bare.endswith("-v1"):
            bare = bare[:-3]
    return bare


@dataclass(frozen=True)
class Boundary:
    """A position (a prefix length in tokens) where a regime may store or look up a cache entry."""

    token: int
    kind: str = "message"  # message | explicit | block | system | tools
    eligible: bool = True  # OpenAI: end of an eligible message (user, last tool output, initial developer)
    write: bool = False  # the request asks for an entry here (explicit breakpoint / cache_control)
    ttl: str | None = None  # Anthropic: "5m" | "1h"
    label: str = ""  # where in the request body (``messages[2].content[0]``)
    message: int | None = None  # index of the message (or block) ending here


@dataclass
class CacheRequest:
    """One request for ``simulate``: its tokens (``array('I')`` or bytes of it), candidate boundaries
    and, optionally, when it was sent (seconds, any epoch) for TTL expiry."""

    tokens: Any
    boundaries: Sequence[Boundary] = ()
    at: float | None = None
    name: str = ""
    mode: str = "implicit"  # OpenAI prompt_cache_options.mode: implicit | explicit


@dataclass(frozen=True)
class CacheOutcome:
    """Tokens of one request: read from cache, written (billed writes only) and the rest."""

    total: int
    read: int = 0
    write: int = 0
    write_1h: int = 0  # part of ``write`` billed at the 1-hour rate (Anthropic)
    exact: bool = True  # False when the provider may report less (routing, eviction, hidden tokens)

    @property
    def ordinary(self) -> int:
        return self.total - self.read - self.write


@dataclass(frozen=True)
class ObservedUsage:
    """A response's usage in OpenAI terms: ``total`` includes read and written tokens.
    A field the response did not carry is None (unknown, not 0)."""

    total: int | None
    read: int | None
    write: int | None = None
    write_1h: int | None = None
    output: int | None = None


class CacheModel(Protocol):
    data: RegimeData

    @property
    def minimum(self) -> int: ...

    @property
    def step(self) -> int: ...

    @property
    def routing_window(self) -> int: ...

    def cacheable(self, shared_prefix_tokens: int) -> int:
        """Tokens a request can read from cache when it shares ``shared_prefix_tokens`` with one
        already cached (an upper bound where the provider rounds or routes)."""
        ...

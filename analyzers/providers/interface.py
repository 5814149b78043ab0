"""The cache model of a provider/regime: how many leading tokens a repeat of a prefix can reuse."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Threshold:
    value: float
    source: str
    as_of: str
    note: str = ""


@dataclass(frozen=True)
class RegimeData:
    id: str
    name: str
    providers: tuple[str, ...]
    kind: str
    values: dict[str, Threshold] = field(default_factory=dict)

    def get(self, key: str) -> int:
        return int(self.values[key].value)


class CacheModel(Protocol):
    data: RegimeData

    @property
    def minimum(self) -> int: ...

    @property
    def routing_window(self) -> int: ...

    def cacheable(self, shared_prefix_tokens: int) -> int:
        """Tokens a request can read from cache when it shares ``shared_prefix_tokens`` with one
        already cached (an upper bound where the provider rounds or routes)."""
        ...

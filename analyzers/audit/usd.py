"""Dollar sums that do not depend on the order they were added in.

A float sum changes in its last bits with the order of its terms, so a replay split over workers
(``--jobs``, ``--engine ray``) would print different cents than one process.  Every dollar figure of
the replay is ``tokens * weight`` (weight: USD per token, one per model/provider/batch), so ``Usd``
keeps an exact integer token count per weight and multiplies once at the end (``math.fsum`` over the
weights in sorted order): the same value whatever the partitioning and merge order.
"""

from __future__ import annotations

import math


class Usd:
    __slots__ = ("tokens",)

    def __init__(self):
        self.tokens: dict[float, int] = {}  # USD per token -> tokens

    def add(self, tokens: int, weight: float) -> None:
        if tokens and weight:
            self.tokens[weight] = self.tokens.get(weight, 0) + tokens

    def merge(self, other: "Usd") -> "Usd":
        for w, t in other.tokens.items():
            self.tokens[w] = self.tokens.get(w, 0) + t
        return self

    def __float__(self) -> float:
        return math.fsum(t * w for w, t in sorted(self.tokens.items()))

    def __round__(self, n: int = 0) -> float:
        return round(float(self), n)

    def __repr__(self) -> str:
        return f"Usd({float(self)!r})"

    def __reduce__(self):
        return (_usd_of, (self.tokens,))


def _usd_of(tokens: dict) -> Usd:
    u = Usd()
    u.tokens = dict(tokens)
    return u

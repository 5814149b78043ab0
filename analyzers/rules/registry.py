"""All lint rules, in code order.  A new rule is one class in a family module plus one line here."""

from __future__ import annotations

from functools import lru_cache

from .interface import Rule


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    from .corpus import EarlyDivergence, RoutingWindow, SchemaDiffers
    from .images import ImageDiffers
    from .invisible import InvisibleDivergence
    from .length import LowCachedRatio, StepRemainder, TooShort
    from .literals import VolatileLiteral
    from .regimes import AnthropicBreakpoints, AnthropicInvalidation, BreakpointMissing, OneOffWrites
    from .regression import CacheRegression
    from .serialization import UnstableSerialisation
    from .variables import VariableInPrefix, VariableInSchema

    rules = (
        VariableInPrefix(), VolatileLiteral(), EarlyDivergence(), RoutingWindow(),
        TooShort(), StepRemainder(), LowCachedRatio(),
        InvisibleDivergence(), UnstableSerialisation(), SchemaDiffers(), ImageDiffers(),
        VariableInSchema(),
        BreakpointMissing(), OneOffWrites(), AnthropicBreakpoints(), AnthropicInvalidation(),
        CacheRegression(),
    )
    return tuple(sorted(rules, key=lambda r: r.code))


def rule_by_code(code: str) -> Rule | None:
    code = code.strip().upper()
    return next((r for r in all_rules() if r.code == code or r.name == code.lower()), None)


def codes() -> list[str]:
    return [r.code for r in all_rules()]

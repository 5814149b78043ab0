"""What ``scan`` shows of the conversation model (issue 12): where each prompt sits and what its first
variable costs there, computed as lint's PC101 computes it (same classes, same positions, same cost
model), so the two commands agree on every number."""

from __future__ import annotations

from dataclasses import dataclass

from .conversation import lost_tokens, turn_passing_minimum
from .providers.registry import cache_model_for
from .rules.context import LintContext, LintSettings
from .scan import ScanReport


@dataclass(frozen=True)
class PromptPlace:
    position: str  # head | whole | final-turn
    turn_passing_minimum: int | None  # a head: the first request of a conversation that reaches the minimum
    volatility: str | None = None  # of the first variable (None: the prompt has none)
    volatility_source: str | None = None
    evidence: str = ""
    cost_tokens_per_conversation: int = 0
    cost_usd_per_1000: float | None = None


@dataclass(frozen=True)
class ScanPlaces:
    places: list[PromptPlace]
    conversation: dict  # ConversationModel.summary()
    explain: str = ""  # ConversationModel.explain(): one line for the text report


def places(report: ScanReport, settings: LintSettings | None = None) -> ScanPlaces:
    """One ``PromptPlace`` per prompt of ``report``, in its order."""
    ctx = LintContext(report, cache_model_for(report.model, report.provider), settings or LintSettings())
    out = []
    for i, tp in enumerate(report.tokenized):
        prompt_position = ctx.position(i)
        passing = turn_passing_minimum(len(tp.tokens), ctx.minimum, ctx.conversation) \
            if prompt_position == "head" else None
        k = next((k for k, s in enumerate(tp.prompt.segments) if s.kind == "variable"), None)
        if tp.first_variable is None or k is None:
            out.append(PromptPlace(prompt_position, passing))
            continue
        seg = tp.prompt.segments[k]
        position = ctx.position(i, tp._seg_starts[k])  # final-turn when the variable is in the last user turn
        vol = ctx.classify(i, seg)
        lost = 0
        if position != "final-turn":  # PC101's marginal cost of this one variable
            static, head = ctx.static_first_tokens(i), len(tp.tokens)
            lost = lost_tokens([(vol.cls, tp.static_prefix_tokens)], position, static, head, ctx.cache,
                               ctx.conversation) - lost_tokens([], position, static, head, ctx.cache, ctx.conversation)
        out.append(PromptPlace(prompt_position, passing, vol.cls, vol.source, vol.evidence, lost,
                               ctx.usd_per_1000(i, lost) if lost else 0.0))
    return ScanPlaces(out, ctx.conversation.summary(), ctx.conversation.explain())

"""Length rules: PC201 (too short to be cached), PC202 (static prefix ends past a cache step: its
tail is never cached), PC203 (cached share below --min-cached-ratio)."""

from __future__ import annotations

from typing import Iterable

from .context import LintContext
from .interface import Finding, Rule


def _start(ctx: LintContext, i: int) -> tuple[int, int]:
    p = ctx.tokenized[i].prompt
    seg = p.segments[0] if p.segments else None
    return (seg.line, seg.column) if seg is not None else (p.line, 1)


class TooShort(Rule):
    code = "PC201"
    name = "too-short"
    severity = "info"
    family = "length"
    summary = ("A whole request (or a template's static text) shorter than the cache minimum: never cached; "
               "for a head, when the conversation after it passes the minimum.")

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from ..conversation import turn_passing_minimum

        for i, tp in enumerate(ctx.tokenized):
            position = ctx.position(i)
            if position == "final-turn":
                continue  # its cacheability is that of what precedes it
            if tp.first_variable is not None:
                n = ctx.static_first_tokens(i)
                what = f"static text is {n:,} tokens even with every variable after it"
            else:
                n = len(tp.tokens)
                what = f"prompt is {n:,} tokens"
            if n >= ctx.minimum:
                continue
            line, col = _start(ctx, i)
            if position == "head":
                yield self._head(ctx, i, line, col, len(tp.tokens), n, turn_passing_minimum)
                continue
            from ..conversation import REQUEST_KINDS

            # A template sent whole (a one-shot call's prompt, or a section of one a builder joins): its own
            # static text is measured, not the request the code renders from it, and nothing is asked: a note,
            # as a head's is.  A request body (a logged request) is the request itself: a finding.
            yield self.finding(
                ctx, i, line, col,
                f"{what}, {ctx.minimum - n:,} short of the {ctx.minimum:,}-token minimum: never cached",
                token=n, fix="fine for small prompts; to cache, put a longer shared prefix first",
                tokens=n, short_by=ctx.minimum - n, note=tp.prompt.kind not in REQUEST_KINDS)

    def _head(self, ctx: LintContext, i: int, line: int, col: int, head: int, static: int, passing) -> Finding:
        conv = ctx.conversation
        k = passing(head, ctx.minimum, conv)
        grows = (f"from turn {k} the conversation passes {ctx.minimum:,} tokens and its history caches"
                 if k is not None else
                 f"even after {conv.turns} turns of {conv.turn_tokens:,} tokens the conversation stays under "
                 f"{ctx.minimum:,} tokens: never cached")
        model = (f"(modelled as {conv.describe()}; a value that changes every turn before that point stops it, "
                 "see PC101)")
        if head < ctx.minimum:
            what = (f"a {head:,}-token prompt that heads longer requests, {ctx.minimum - head:,} short of the "
                    f"{ctx.minimum:,}-token minimum on its own: {grows} {model}")
        else:  # long enough with its variables, but what conversations could share is not
            what = (f"static text is {static:,} tokens even with every variable after it, {ctx.minimum - static:,} "
                    f"short of the {ctx.minimum:,}-token minimum: only requests that fill its variables alike share "
                    f"a cached prefix; it heads longer requests ({head:,} tokens with its variables): {grows} {model}")
        return self.finding(
            ctx, i, line, col, what,
            token=min(head, static), fix="nothing to do unless PC101 reports a per-turn value in it", note=True,
            tokens=head, short_by=ctx.minimum - min(head, static), turn_passing_minimum=k)


class StepRemainder(Rule):
    code = "PC202"
    name = "step-remainder"
    severity = "info"
    family = "length"
    summary = "The static prefix ends well past a cache step: its last static tokens are never cached."

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        step = ctx.step
        threshold = ctx.settings.pc202_min_uncached
        if threshold is None:
            threshold = step // 2
        for i, tp in enumerate(ctx.tokenized):
            if tp.first_variable is not None:
                prefix = tp.static_prefix_tokens
            elif ctx.is_request(i) and ctx.final_turn_token(i) is not None:
                prefix = ctx.final_turn_token(i)
            else:
                continue
            cached = ctx.cache.cacheable(prefix)
            if cached <= 0:
                continue
            rest = prefix - cached
            if rest <= threshold:
                continue
            loc = tp.location(prefix)
            yield self.finding(
                ctx, i, loc.line, loc.column,
                f"static prefix is {prefix:,} tokens but the cache works in {step}-token steps: {cached:,} are "
                f"cached and the last {rest:,} static tokens never are; {step - rest:,} more static tokens before "
                f"the variable part would cache {cached + step:,}",
                token=prefix, fix="move a little more static text (an instruction block, examples) before the "
                                  "variable part, or trim the static text to just past a step",
                uncached=rest)


class LowCachedRatio(Rule):
    code = "PC203"
    name = "low-cached-ratio"
    severity = "error"
    family = "length"
    summary = "The share of a prompt's tokens that can be cached is below --min-cached-ratio (off by default)."

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        want = ctx.settings.min_cached_ratio
        if not want:
            return
        for i, (tp, st) in enumerate(zip(ctx.tokenized, ctx.report.prompts)):
            total = len(tp.tokens)
            if not total:
                continue
            if tp.first_variable is not None:
                cached = ctx.cache.cacheable(tp.static_prefix_tokens)
            elif st.group is not None:
                cached = st.group_cacheable_tokens or ctx.cache.cacheable(ctx.report.corpus.groups[st.group].prefix_tokens)
            else:
                final = ctx.final_turn_token(i)
                cached = ctx.cache.cacheable(final if final is not None else total)
            ratio = cached / total
            if ratio >= want:
                continue
            line, col = _start(ctx, i)
            yield self.finding(
                ctx, i, line, col,
                f"{cached:,} of {total:,} tokens can be cached ({ratio:.0%}), below the minimum ratio {want:.0%}",
                token=None, fix="move variable content after the static text", ratio=round(ratio, 4))

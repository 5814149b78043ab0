"""PC701: a change loses cached tokens against a base (``lint --changed-since REF``, ``--changed`` in
pre-commit, or ``--baseline FILE``).

Each prompt is compared with itself at the base: the tokens one request reads from the cache there and now
(``baseline.cached_per_request``).  A prompt that is new at the base is compared with the prompt prefix
analysis pairs it with, when the two would match again after their first difference (it is a copy of that
prompt with something inserted early, as PC103 defines it): what that neighbour cached at the base is what
the new prompt should cache.  A loss is priced with the prompt's model (genai-prices) per 1,000 requests.
Without a base the rule is silent.
"""

from __future__ import annotations

from typing import Iterable

from ..baseline import cached_per_request, first_difference
from ..textutil import visible
from ..tokenizer import DEFAULT_MODEL
from .context import LintContext
from .interface import Finding, Rule

LINE_CHARS = 60


class CacheRegression(Rule):
    code = "PC701"
    name = "cache-regression"
    severity = "error"
    family = "regression"
    summary = "A change lowers the tokens a prompt reads from the cache per request, against the base."

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        base = ctx.settings.baseline
        if base is None:
            return
        pairs = {p.index: p for p in ctx.pairs}
        for i, (st, tp) in enumerate(zip(ctx.report.prompts, ctx.tokenized)):
            now = cached_per_request(st)
            entry = base.entries.get(tp.name)
            if entry is not None:
                before = entry.cacheable
                if now >= before:
                    continue
                token = first_difference(entry, tp.tokens, tp.encoding.name, base.encoding)
                why = None if token is not None else "its own prefix is unchanged; prompts it shared it with changed"
            else:
                pair = pairs.get(i)
                other = base.entries.get(ctx.tokenized[pair.other].name) if pair is not None else None
                if other is None or not ctx.is_request(i) or ctx.in_final_turn(i, pair.char):
                    continue
                shared = ctx.shared_if_fixed(pair)
                if shared <= pair.token:
                    continue  # a different prompt, not a copy with an early difference
                before = min(other.cacheable, ctx.cache.cacheable(shared))
                if now >= before:
                    continue
                token, why = pair.token, f"new, it leaves the prefix of {ctx.tokenized[pair.other].name}"
            yield self._finding(ctx, i, before, now, token, why, base.source)

    def _finding(self, ctx: LintContext, i: int, before: int, now: int, token: int | None, why: str | None,
                 source: str) -> Finding:
        from ..suggest import cost_per_1000

        tp = ctx.tokenized[i]
        model = ctx.report.model if ctx.report.model != "mixed" else (tp.prompt.model or DEFAULT_MODEL)
        worse, better = cost_per_1000(model, len(tp), now), cost_per_1000(model, len(tp), before)
        price = f" (+${worse - better:,.2f} per 1,000 requests at {model} prices)" \
            if worse is not None and better is not None else f" (no price known for {model})"
        parts = [why] if why else []
        if token is not None and token < len(tp):
            loc = tp.location(token)
            parts.append(f"first difference at line {loc.line}: `{_line_text(tp, token, loc)}`")
        else:
            loc = tp.location(0)
        return self.finding(
            ctx, i, loc.line, loc.column,
            f"cacheable {before:,} \u2192 {now:,} tokens per request since {source}{price}: " + "; ".join(parts),
            token=token, cost_tokens=before - now,
            fix="keep the leading text identical to the base (move what changed after the cached prefix), "
                "or accept the cost",
            cached_before=before, cached_now=now, base=source)


def _line_text(tp, token: int, loc) -> str:
    """The source line holding the first difference (its text from the file when it is short enough,
    else the tokens from the difference on)."""
    from ..suggest import read_file_text

    text = read_file_text(tp.prompt.path) if tp.prompt.path != "-" else None
    if text is not None:
        lines = text.splitlines()
        if 0 < loc.line <= len(lines):
            line = lines[loc.line - 1].strip()
            if 0 < len(line) <= LINE_CHARS:
                return line.replace("`", "'")
    return visible(tp.token_text(token, 10), LINE_CHARS).replace("`", "'")

"""Regime rules: PC501/PC502 (OpenAI GPT-5.6+ breakpoint caching) and PC601/PC602 (Anthropic).

They run only when the lint's cache model is of their regime (``--model gpt-5.6-*``/``claude-*`` or a
body's own model, or ``--provider``); every threshold comes from the regime's data file."""

from __future__ import annotations

import json
from typing import Iterable

from ..providers.boundaries import boundaries_for, request_for
from ..providers.interface import CacheOutcome
from .context import LintContext
from .interface import Finding, Rule

_EXPLICIT = '"prompt_cache_breakpoint": {"mode": "explicit"}'


def _regime(ctx: LintContext) -> str:
    data = getattr(ctx.cache, "data", None)
    return getattr(data, "id", "")


def _msg_label(tp, message: int | None) -> str:
    if message is None:
        return "the block"
    if tp.prompt.kind == "chat":
        return f"messages[{message}]"
    return f"message {message + 1}"


class BreakpointMissing(Rule):
    code = "PC501"
    name = "no-breakpoint-after-head"
    severity = "warning"
    family = "regimes"
    summary = ("GPT-5.6+: a stable head followed by a changing last user message, with no explicit "
               "breakpoint after the head: 0 cache hits.")

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        if _regime(ctx) != "openai-breakpoint":
            return
        cm = ctx.cache
        for pair in ctx.pairs:
            i, j = pair.index, pair.other
            tp, other = ctx.tokenized[i], ctx.tokenized[j]
            if not ctx.is_request(i) or pair.token < ctx.minimum:
                continue
            bounds = boundaries_for(tp)
            if any(b.kind == "explicit" and ctx.minimum <= b.token <= pair.token for b in bounds):
                continue  # the fix is already there
            ends = [b for b in bounds if b.kind == "message"]
            eligible = [b for b in ends if b.eligible]
            if not eligible or eligible[-1].token <= pair.token:
                continue  # the difference is not before the implicit breakpoint
            head = [b for b in ends if b.token <= pair.token]
            if not head or head[-1].token < ctx.minimum:
                continue  # no message end inside the shared head to mark
            if any(b.token > head[-1].token and b.token <= pair.token for b in eligible):
                continue  # pragma: no cover - a later eligible end inside the head
            read = cm.simulate([request_for(other), request_for(tp)])[1].read
            if read:
                continue
            mark = head[-1]
            label = _msg_label(tp, mark.message)
            loc = tp.location(pair.token)
            yield self.finding(
                ctx, i, loc.line, loc.column,
                f"{pair.token:,} leading tokens are shared with {other.name}, but the change at token "
                f"{pair.token:,} comes before the implicit breakpoint and no explicit breakpoint follows the "
                f"head: 0 cached tokens (exact match only at breakpoints)",
                token=pair.token,
                fix=f"add {_EXPLICIT} to the last content block of {label} (ends at token {mark.token:,})",
                cost_tokens=mark.token, head_tokens=mark.token, block=label)


class OneOffWrites(Rule):
    code = "PC502"
    name = "one-off-writes"
    severity = "info"
    family = "regimes"
    summary = "GPT-5.6+: a one-off prompt pays 1.25x cache writes on everything up to its last eligible message."

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        if _regime(ctx) != "openai-breakpoint":
            return
        cm = ctx.cache
        mult = cm.write_multiplier
        for i, (tp, st) in enumerate(zip(ctx.tokenized, ctx.report.prompts)):
            if st.group is not None or len(tp.tokens) < ctx.minimum:
                continue
            req = request_for(tp)
            if req.mode == "explicit":
                continue
            points = [p for p, _ in cm.write_points(req, len(tp.tokens)) if p >= ctx.minimum]
            if not points:
                continue
            written = max(points)
            extra = ""
            model = tp.prompt.model or ctx.report.model
            try:
                with_w = cm.cost(CacheOutcome(len(tp.tokens), 0, written), model)
                without = cm.cost(CacheOutcome(len(tp.tokens), 0, 0), model)
                if with_w is not None and without is not None:
                    extra = f" (${with_w - without:.6f} more per request than without writes)"
            except Exception:  # noqa: BLE001 - unknown price: the token numbers still stand
                extra = ""
            seg = tp.prompt.segments[0] if tp.prompt.segments else None
            line, col = (seg.line, seg.column) if seg else (tp.prompt.line, 1)
            yield self.finding(
                ctx, i, line, col,
                f"no other prompt shares its prefix: {written:,} tokens are written at {mult}x input price "
                f"and never read{extra}",
                token=written,
                fix='for one-off requests send "prompt_cache_options": {"mode": "explicit"} with no '
                    "breakpoint (no caching, no writes)",
                write_tokens=written)


class AnthropicBreakpoints(Rule):
    code = "PC601"
    name = "anthropic-breakpoint-placement"
    severity = "warning"
    family = "regimes"
    summary = ("Anthropic: a cache_control breakpoint below the model's minimum, more than the allowed "
               "breakpoints, or only after content that changes per request.")

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        if _regime(ctx) != "anthropic":
            return
        cm = ctx.cache
        limit = int(cm.value("max_breakpoints"))
        changes: dict[int, int] = {}
        for pair in ctx.pairs:
            changes[pair.index] = min(changes.get(pair.index, pair.token), pair.token)
        for i, tp in enumerate(ctx.tokenized):
            if tp.prompt.kind != "anthropic":
                continue
            minimum = cm.data.value("minimum_tokens", tp.prompt.model or ctx.report.model)
            marks = [b for b in boundaries_for(tp) if b.write]
            if not marks:
                continue
            first = tp.location(marks[0].token - 1 if marks[0].token else 0)
            if len(marks) > limit:
                yield self.finding(ctx, i, first.line, first.column,
                                   f"{len(marks)} cache_control breakpoints; at most {limit} are allowed "
                                   "(the API rejects the request)",
                                   fix=f"keep at most {limit}: the end of tools/system and the last stable message",
                                   breakpoints=len(marks))
            for b in marks:
                if b.token < minimum:
                    loc = tp.location(max(b.token - 1, 0))
                    yield self.finding(
                        ctx, i, loc.line, loc.column,
                        f"cache_control on {b.label} ends at ~{b.token:,} tokens, below the {int(minimum):,}-token "
                        f"minimum of {tp.prompt.model or 'this model'}: silently not cached (estimate, o200k_base)",
                        token=b.token, fix="move the breakpoint later, after at least the minimum of stable content",
                        breakpoint=b.label)
            change = changes.get(i)
            if tp.first_variable is not None:
                change = min(change, tp.static_prefix_tokens) if change is not None else tp.static_prefix_tokens
            if change is not None and all(b.token > change for b in marks) and change >= minimum:
                stable = [b for b in boundaries_for(tp) if b.token <= change]
                where = f"the end of {stable[-1].label}" if stable else "the last stable block"
                loc = tp.location(change)
                yield self.finding(
                    ctx, i, loc.line, loc.column,
                    f"every cache_control breakpoint sits after content that changes per request (token "
                    f"{change:,}): entries are written and never read",
                    token=change, fix=f"put a cache_control breakpoint at {where}", cost_tokens=change)


_SETTINGS = (("tools", "tools", "tool definitions"), ("tool_choice", "tool_choice", "tool_choice"),
             ("thinking", "thinking", "thinking settings"))


def _has_image(body: dict) -> bool:
    def walk(v) -> bool:
        if isinstance(v, dict):
            return v.get("type") in ("image", "document") or any(walk(x) for x in v.values())
        if isinstance(v, list):
            return any(walk(x) for x in v)
        return False

    return walk(body.get("messages")) or walk(body.get("system"))


class AnthropicInvalidation(Rule):
    code = "PC602"
    name = "anthropic-invalidating-change"
    severity = "warning"
    family = "regimes"
    summary = ("Anthropic: tools, tool_choice, images or thinking settings change between requests and "
               "invalidate cache levels.")

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        if _regime(ctx) != "anthropic":
            return
        data = ctx.cache.data
        seen: set[tuple[int, str]] = set()
        for pair in ctx.pairs:
            i, j = pair.index, pair.other
            a, b = ctx.tokenized[i].prompt, ctx.tokenized[j].prompt
            if a.kind != "anthropic" or b.kind != "anthropic" or not a.body or not b.body:
                continue
            changed = []
            for key, table, what in _SETTINGS:
                if json.dumps(a.body.get(key), sort_keys=False) != json.dumps(b.body.get(key), sort_keys=False):
                    changed.append((table, what))
            if _has_image(a.body) != _has_image(b.body):
                changed.append(("images", "images added/removed"))
            for table, what in changed:
                if (i, table) in seen:
                    continue
                seen.add((i, table))
                levels = str(data.value(f"invalidation_{table}"))
                tp = ctx.tokenized[i]
                seg = tp.prompt.segments[0] if tp.prompt.segments else None
                line, col = (seg.line, seg.column) if seg else (tp.prompt.line, 1)
                yield self.finding(
                    ctx, i, line, col,
                    f"{what} differ from {ctx.tokenized[j].name}: the cached {levels.replace(',', ', ')} "
                    f"level(s) are invalidated",
                    fix=("keep tools fixed (same order) and steer with the prompt; keep tool_choice, images and "
                         "thinking settings the same across requests that should share a cache"),
                    setting=table, levels=levels)

"""PC101 (template variable inside the first cacheable tokens) and PC401 (variable content inside
tool definitions or the response schema)."""

from __future__ import annotations

import re

from typing import Iterable

from ..conversation import history_start, severity
from ..volatile import find_volatile
from ..volatility import classify_literal
from .context import LintContext
from .interface import Finding, Rule

SCHEMA_PARTS = ("tools", "schema")
PART_LABEL = {"tools": "the tool definitions", "schema": "the response-format schema"}


def _var_name(seg) -> str:
    return (seg.name or seg.text or "?").strip()


POSITION_LABEL = {"head": "a prompt that heads longer requests", "whole": "a whole request",
                  "final-turn": "the final user turn"}


def money(usd: float | None, unit: str) -> str:
    return "" if usd is None else f" (${usd:,.2f} per 1,000 {unit})"


class VariableInPrefix(Rule):
    code = "PC101"
    name = "variable-in-prefix"
    severity = "error"
    family = "variables"
    summary = ("A variable before the cacheable part: its volatility class and what follows it decide the cost "
               "(error per turn/request, warning per user, info per day).")

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from ..conversation import lost_tokens
        from ..volatility import DECLARE_HINT, RANK, describe

        show_config = ctx.settings.show_config_variables
        for i, tp in enumerate(ctx.tokenized):
            if tp.first_variable is None:
                continue
            position = ctx.position(i)
            if position == "final-turn":
                continue  # nothing but the answer follows it
            static_first = ctx.static_first_tokens(i)
            head = len(tp.tokens)
            first_k = _first_var(tp)
            seen: dict[str, int] = {}  # class -> its first token: all that lost_tokens reads of the values
            by_line: dict[int, list] = {}
            # the conversation rendered in place: it and what follows it are the conversation (unless declared)
            history = history_start(tp.prompt, lambda s, i=i: ctx.classify(i, s).source == "setting")
            for k, seg in enumerate(tp.prompt.segments):
                if seg.kind != "variable" or seg.part in SCHEMA_PARTS or history is not None and k >= history:
                    continue
                char = tp._seg_starts[k]
                if ctx.in_final_turn(i, char):
                    continue
                vol = ctx.classify(i, seg)
                if vol.cls == "constant" or (vol.cls == "per-config" and not show_config):
                    continue
                token = tp.static_prefix_tokens if k == first_k else ctx.token_at_char(i, char)
                before = lost_tokens(list(seen.items()), position, static_first, head, ctx.cache, ctx.conversation)
                seen[vol.cls] = min(token, seen.get(vol.cls, token))
                after = lost_tokens(list(seen.items()), position, static_first, head, ctx.cache, ctx.conversation)
                by_line.setdefault(seg.line, []).append((token, seg, vol, after - before))
            reported = False
            for line, found in by_line.items():
                marginal = sum(m for _t, _s, _v, m in found)
                token, seg, _vol, _m = found[0]
                worst = min((v for _t, _s, v, _m in found), key=lambda v: RANK[v.cls])
                if marginal <= 0 and (reported or token >= ctx.minimum):
                    continue
                reported = True
                yield self._finding(ctx, i, line, seg, token, found, worst, marginal, position, static_first,
                                    describe, DECLARE_HINT)
            if history is not None:  # after the variables before it, which are judged as ever
                got = self._history(ctx, i, history, position, head)
                if got is not None:
                    yield got

    def _history(self, ctx, i, k, position, head):
        """The conversation rendered in place at segment ``k``: the history before its end caches from turn
        to turn (a buffer memory appends), the text the template writes after it does not."""
        from ..conversation import history_tail_lost
        from ..volatility import describe

        tp = ctx.tokenized[i]
        segs = tp.prompt.segments
        seg = segs[k]
        vol = ctx.classify(i, seg)
        token = ctx.token_at_char(i, tp._seg_starts[k])
        end = _history_end(segs, k)
        # the chat framing that closes the request (the last message's end, the reply's start) ends every
        # request in any layout: not part of what the template writes after the history
        stop = next((m for m in range(end + 1, len(segs)) if segs[m].kind == "special" or segs[m].part == "framing"),
                    len(segs))
        start_tok = ctx.token_at_char(i, tp._seg_starts[end + 1]) if end + 1 < stop else None
        stop_tok = ctx.token_at_char(i, tp._seg_starts[stop]) if stop < len(segs) else head
        tail = max(0, stop_tok - start_tok) if start_tok is not None else 0
        lost = history_tail_lost(head, tail, ctx.cache, ctx.conversation)
        if lost <= 0 and token >= ctx.minimum:
            return None
        conv = ctx.conversation
        usd = ctx.usd_per_1000(i, lost)
        msg = (f"variable `{_var_name(seg)}` ({describe(vol)}) at token {token:,} renders the conversation in "
               f"place in {POSITION_LABEL[position]}: it grows by appending, so the text before it and the old "
               f"history cache from turn to turn, but the {tail:,} token{'' if tail == 1 else 's'} after it are "
               f"prefilled again at every "
               f"turn ({conv.describe()} per conversation); {lost:,} cached tokens lost per conversation"
               f"{money(usd, 'conversations')}")
        fix = ("nothing to gain: nothing the template writes follows the history" if tail <= 0 else
               "move the static text after the history (instructions, the answer format) before it; keep only "
               "the newest message after it")
        return self.finding(
            ctx, i, seg.line, seg.column, msg, token=token, cost_tokens=lost, fix=fix,
            severity=severity(vol.cls, lost) if lost > 0 else "info", volatility=vol, position=position,
            cost_per_conversation=lost, variables=[_var_name(seg)], history_tail_tokens=tail,
            classes={_var_name(seg): vol.cls})

    def _finding(self, ctx, i, line, seg, token, found, worst, lost, position, static_first, describe, hint):
        from ..conversation import how, severity

        conv = ctx.conversation
        unit = "conversations" if position == "head" else "requests"
        per = "per conversation" if position == "head" else "per request"
        names = ", ".join(f"`{_var_name(s)}` ({describe(v)})" for _t, s, v, _m in found)
        what = f"variables {names}, the first at token {token:,}, are" if len(found) > 1 \
            else f"variable {names} at token {token:,} is"
        usd = ctx.usd_per_1000(i, lost)
        where = POSITION_LABEL[position]
        if lost > 0:
            bound = "up to " if worst.effective == "per-user" else ""
            cost = f"{bound}{lost:,} cached tokens lost {per}{money(usd, unit)}"
        elif token < ctx.minimum and static_first < ctx.minimum:
            cost = (f"0 cached tokens lost {per}: the {static_first:,} static tokens are below the "
                    f"{ctx.minimum:,}-token minimum even with every variable after them")
        else:
            cost = f"0 cached tokens lost {per}"
        # past the minimum a variable still costs what follows it (a head's conversation history)
        place = f"inside the first {ctx.minimum:,} tokens of" if token < ctx.minimum else "in"
        msg = f"{what} {place} {where}: {how(worst.cls, position, conv)}; {cost}"
        if any(v.cls == "unknown" for _t, _s, v, _m in found):
            msg += f"; its class is not known, so it is judged per-request ({hint})"
        fix = ("move it to the final user message (a value that changes every turn must leave the head)"
               if worst.effective == "per-turn" else
               "move the variable (and the line holding it) after the static text; see --suggest")
        if lost <= 0 and static_first < ctx.minimum:  # moving it gains nothing now: say so, ask for no edit
            fix = ("nothing to gain at this length; put static text before it if the prompt grows past the "
                   "minimum")
        return self.finding(
            ctx, i, line, seg.column, msg, token=token, cost_tokens=lost, fix=fix,
            severity=severity(worst.cls, lost), volatility=worst, position=position,
            cost_per_conversation=lost,
            variables=[_var_name(s) for _t, s, _v, _m in found], static_first_tokens=static_first,
            classes={_var_name(s): v.cls for _t, s, v, _m in found})


_LOOP = re.compile(r"^\s*for\s+([A-Za-z_]\w*)")


def _history_end(segs, k: int) -> int:
    """The last segment of the history rendered at ``k``: the variable itself, or, for a loop over it
    (``{% for message in conversation %}``), the last reference to the loop's variable in its body."""
    m = _LOOP.match(segs[k].name or "")
    if not m:
        return k
    target = re.compile(rf"^\s*{re.escape(m.group(1))}\b")
    refs = [j for j in range(k + 1, len(segs)) if segs[j].kind == "variable" and target.match(segs[j].name or "")]
    return refs[-1] if refs else k


def _first_var(tp) -> int:
    return next(k for k, s in enumerate(tp.prompt.segments) if s.kind == "variable")


class VariableInSchema(Rule):
    code = "PC401"
    name = "variable-in-tools"
    severity = "error"
    family = "variables"
    summary = "Variable content inside tool descriptions or the response schema, which precede every message."

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for i, tp in enumerate(ctx.tokenized):
            segs = tp.prompt.segments
            if not any(s.part in SCHEMA_PARTS for s in segs):
                continue
            after = len(tp.tokens)
            for k, seg in enumerate(segs):
                if seg.part not in SCHEMA_PARTS:
                    continue
                char = tp._seg_starts[k]
                where = PART_LABEL[seg.part]
                if seg.kind == "variable":
                    token = ctx.token_at_char(i, char)
                    vol = ctx.classify(i, seg)
                    if vol.cls == "constant" or (vol.cls == "per-config" and not ctx.settings.show_config_variables):
                        continue
                    lost = ctx.cache.cacheable(after) - ctx.cache.cacheable(token)
                    yield self.finding(
                        ctx, i, seg.line, seg.column,
                        f"variable `{_var_name(seg)}` inside {where} at token {token:,}: each value rewrites "
                        f"the {after - token:,} tokens after it (all messages), so no two requests share them",
                        token=token, cost_tokens=lost,
                        fix="make tool descriptions and schemas constant; pass per-request values in a message",
                        severity=severity(vol.cls, lost), volatility=vol)
                    continue
                if seg.kind != "static":
                    continue
                for v in find_volatile(seg.text)[:5]:
                    token = ctx.token_at_char(i, char + v.start)
                    vol = classify_literal(v)
                    lost = ctx.cache.cacheable(after) - ctx.cache.cacheable(token)
                    loc = ctx.location_at_char(i, char + v.start)
                    yield self.finding(
                        ctx, i, loc.line, loc.column,
                        f"{v.kind} {v.shown!r} inside {where} at token {token:,}: if it changes per request "
                        f"the {after - token:,} tokens after it (all messages) are never shared",
                        token=token, cost_tokens=lost,
                        fix="make tool descriptions and schemas constant; pass per-request values in a message",
                        severity=severity(vol.cls, lost), volatility=vol, literal_kind=v.kind)

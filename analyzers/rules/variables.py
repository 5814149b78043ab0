"""PC101 (template variable inside the first cacheable tokens) and PC401 (variable content inside
tool definitions or the response schema)."""

from __future__ import annotations

from typing import Iterable

from ..volatile import find_volatile
from .context import LintContext
from .interface import Finding, Rule

SCHEMA_PARTS = ("tools", "schema")
PART_LABEL = {"tools": "the tool definitions", "schema": "the response-format schema"}


def _var_name(seg) -> str:
    return (seg.name or seg.text or "?").strip()


class VariableInPrefix(Rule):
    code = "PC101"
    name = "variable-in-prefix"
    severity = "error"
    family = "variables"
    summary = "A template variable sits inside the first cacheable tokens, so nothing after it is ever cached."

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for i, tp in enumerate(ctx.tokenized):
            if tp.first_variable is None or tp.static_prefix_tokens >= ctx.minimum:
                continue
            static_first = ctx.static_first_tokens(i)
            gain = ctx.cache.cacheable(static_first) - ctx.cache.cacheable(tp.static_prefix_tokens)
            if gain <= 0:
                continue  # too little static text to ever be cached: PC201 says so
            by_line: dict[int, list[tuple[int, object, int]]] = {}
            for k, seg in enumerate(tp.prompt.segments):
                if seg.kind != "variable" or seg.part in SCHEMA_PARTS:
                    continue
                char = tp._seg_starts[k]
                if ctx.in_final_turn(i, char):
                    continue
                token = tp.static_prefix_tokens if not by_line and k == _first_var(tp) \
                    else ctx.token_at_char(i, char)
                if token >= ctx.minimum:
                    break
                by_line.setdefault(seg.line, []).append((token, seg, char))
            for line, found in by_line.items():
                token, seg, _char = found[0]
                names = ", ".join(f"`{_var_name(s)}`" for _t, s, _c in found)
                what = f"variables {names} (the first at token {token:,}) are" if len(found) > 1 \
                    else f"variable {names} at token {token:,} is"
                yield self.finding(
                    ctx, i, line, seg.column,
                    f"{what} inside the first {ctx.minimum:,} tokens: "
                    f"the {static_first - token:,} static tokens after it are never cached; with the variable "
                    f"after the static text {gain:,} tokens per request would be cached",
                    token=token, cost_tokens=gain,
                    fix="move the variable (and the line holding it) after the static text; see --suggest",
                    variables=[_var_name(s) for _t, s, _c in found], static_first_tokens=static_first)


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
                    yield self.finding(
                        ctx, i, seg.line, seg.column,
                        f"variable `{_var_name(seg)}` inside {where} at token {token:,}: each value rewrites "
                        f"the {after - token:,} tokens after it (all messages), so no two requests share them",
                        token=token, cost_tokens=ctx.cache.cacheable(after) - ctx.cache.cacheable(token),
                        fix="make tool descriptions and schemas constant; pass per-request values in a message")
                    continue
                if seg.kind != "static":
                    continue
                for v in find_volatile(seg.text)[:5]:
                    token = ctx.token_at_char(i, char + v.start)
                    loc = ctx.location_at_char(i, char + v.start)
                    yield self.finding(
                        ctx, i, loc.line, loc.column,
                        f"{v.kind} {v.shown!r} inside {where} at token {token:,}: if it changes per request "
                        f"the {after - token:,} tokens after it (all messages) are never shared",
                        token=token, cost_tokens=ctx.cache.cacheable(after) - ctx.cache.cacheable(token),
                        fix="make tool descriptions and schemas constant; pass per-request values in a message",
                        literal_kind=v.kind)

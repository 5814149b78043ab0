"""PC102: a volatile literal (date, time, timestamp, id, email, IP) inside the cacheable prefix of a
static prompt or a request body."""

from __future__ import annotations

from typing import Iterable

from ..conversation import severity
from ..volatile import find_volatile
from ..volatility import CHANGES, classify_literal
from .context import LintContext
from .interface import Finding, Rule

MAX_PER_PROMPT = 10
KIND_LABEL = {"date": "date", "datetime": "date-time", "time": "clock time", "timestamp": "Unix timestamp",
              "uuid": "UUID", "hex id": "hex id", "base64 id": "base64 id", "request id": "request/trace id",
              "email": "email address", "ip": "IP address"}


class VolatileLiteral(Rule):
    code = "PC102"
    name = "volatile-literal"
    severity = "warning"
    family = "literals"
    summary = ("A date, timestamp, id, email or IP address inside the cacheable prefix of a prompt or request "
               "(error for a time or id, warning for an address, info for a bare date).")

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for i, tp in enumerate(ctx.tokenized):
            if tp.prompt.kind == "template" or tp.first_variable is not None:
                continue  # a template's literals are fixed in the file; its variables are PC101
            limit = len(tp.tokens)
            final = ctx.final_turn_token(i)
            if final is not None:
                limit = min(limit, final)
            cacheable = ctx.cache.cacheable(limit)
            if cacheable <= 0:
                continue
            limit_char = tp.char_offset(limit)
            count = 0
            for v in find_volatile(tp.text[:limit_char]):
                if ctx.part_at_char(i, v.start) in ("tools", "schema", "framing"):
                    continue  # PC401 covers tools and schemas
                token = ctx.token_at_char(i, v.start)
                if cacheable - ctx.cache.cacheable(token) <= 0:
                    continue
                vol = classify_literal(v)
                cost = ctx.cost(i, vol.cls, token, static=limit, char=v.start)
                lost = cost.tokens_per_conversation
                loc = ctx.location_at_char(i, v.start)
                label = KIND_LABEL.get(v.kind, v.kind)
                usd = ctx.usd_per_1000(i, lost)
                unit = "conversations" if ctx.position(i) == "head" else "requests"
                yield self.finding(
                    ctx, i, loc.line, loc.column,
                    f"{label} {v.shown!r} at token {token:,} is inside the cacheable prefix ({cacheable:,} tokens); "
                    f"a value like it {CHANGES[vol.cls]}: {cost.how}; {lost:,} cached tokens lost per {unit[:-1]}"
                    + ("" if usd is None else f" (${usd:,.2f} per 1,000 {unit})"),
                    token=token, cost_tokens=lost,
                    fix="move per-request values to the end of the prompt (the last user message)",
                    severity=severity(vol.cls, lost), volatility=vol, cost_per_conversation=lost,
                    literal_kind=v.kind)
                count += 1
                if count >= MAX_PER_PROMPT:
                    break

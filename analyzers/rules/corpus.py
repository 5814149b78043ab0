"""Corpus rules over request bodies: PC103 (a request leaves its group's prefix before the minimum),
PC104 (a difference inside the routing window) and PC303 (tools / response schema differ in a group).

A corpus of requests is a set of independent requests, not a conversation: each request is compared
with the neighbour prefix analysis pairs it with, and only when the two would match again after the
difference (so they are "the same prompt" apart from it).  Differences in the final user turn never count.
"""

from __future__ import annotations

import json
from typing import Iterable

from ..textutil import visible
from .context import LintContext, Pair
from .interface import Finding, Rule
from .invisible import classify


def _candidates(ctx: LintContext) -> list[tuple[Pair, int, str]]:
    """Request pairs whose first difference is before the final user turn and that match again after it:
    (pair, tokens they would share without the difference, part where it is).  Computed once per lint
    run (PC103, PC104 and PC303 all start from them)."""
    memo = ctx.__dict__.get("_corpus_candidates")
    if memo is None:
        memo = ctx.__dict__["_corpus_candidates"] = list(_find_candidates(ctx))
    return memo


def _find_candidates(ctx: LintContext) -> Iterable[tuple[Pair, int, str]]:
    for pair in ctx.pairs:
        i, j = pair.index, pair.other
        if not (ctx.is_request(i) and ctx.is_request(j)):
            continue
        if ctx.in_final_turn(i, pair.char) or ctx.in_final_turn(j, pair.other_char):
            continue
        shared = ctx.shared_if_fixed(pair)
        if shared < ctx.minimum and pair.token < ctx.minimum:
            continue
        parts = {ctx.part_at_char(i, pair.char), ctx.part_at_char(j, pair.other_char)}
        part = next((p for p in ("tools", "schema") if p in parts), None) or ctx.part_at_char(i, pair.char)
        yield pair, shared, part


def _texts(ctx: LintContext, pair: Pair) -> tuple[str, str]:
    a, b = ctx.tokenized[pair.index], ctx.tokenized[pair.other]
    return visible(a.token_text(pair.token, 6), 40), visible(b.token_text(pair.token, 6), 40)


class EarlyDivergence(Rule):
    code = "PC103"
    name = "early-divergence"
    severity = "error"
    family = "corpus"
    summary = "A request leaves the prefix its group shares before the cache minimum."

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for pair, shared, part in _candidates(ctx):
            if pair.token >= ctx.minimum or part in ("tools", "schema"):
                continue  # PC303 covers tools and schemas
            a, b = ctx.tokenized[pair.index], ctx.tokenized[pair.other]
            if classify(a.text, b.text, pair.char) is not None:
                continue  # PC301 explains it
            here, there = _texts(ctx, pair)
            loc = ctx.location_at_char(pair.index, pair.char)
            lost = ctx.cache.cacheable(shared) - ctx.cache.cacheable(pair.token)
            yield self.finding(
                ctx, pair.index, loc.line, loc.column,
                f"leaves the prefix shared with {b.name} at token {pair.token:,} (minimum {ctx.minimum:,}): "
                f"'{here}' here vs '{there}' there; without this difference they would share "
                f"{shared:,} tokens ({lost:,} cacheable)",
                token=pair.token, cost_tokens=lost, severity="error" if lost > 0 else "info",
                fix="move per-request content after the shared text (into the last user message)",
                other=b.name, shared_if_fixed=shared)


class RoutingWindow(Rule):
    code = "PC104"
    name = "routing-window"
    severity = "warning"
    family = "corpus"
    summary = "Requests differ inside the first ~256 tokens, which route them to different cache machines."

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for pair, shared, _part in _candidates(ctx):
            if pair.token >= ctx.routing_window:
                continue
            b = ctx.tokenized[pair.other]
            here, there = _texts(ctx, pair)
            loc = ctx.location_at_char(pair.index, pair.char)
            yield self.finding(
                ctx, pair.index, loc.line, loc.column,
                f"differs from {b.name} at token {pair.token:,}, inside the ~{ctx.routing_window:,}-token routing "
                f"window ('{here}' vs '{there}'): requests are hashed to different cache machines even though "
                f"{max(0, shared - pair.token):,} later tokens match",
                token=pair.token, fix="keep the first tokens of every request identical",
                other=b.name)


def tool_map(body: dict | None) -> dict[str, str]:
    """Tool name -> canonical JSON of its definition (key order ignored)."""
    out: dict[str, str] = {}
    if not isinstance(body, dict) or not isinstance(body.get("tools"), list):
        return out
    for k, tool in enumerate(body["tools"]):
        if not isinstance(tool, dict):
            continue
        fn = tool.get("function") if isinstance(tool.get("function"), dict) else tool
        out[str(fn.get("name") or f"#{k}")] = json.dumps(tool, sort_keys=True)
    return out


def schema_of(body: dict | None) -> str | None:
    if not isinstance(body, dict):
        return None
    fmt = body.get("response_format")
    if fmt is None and isinstance(body.get("text"), dict):
        fmt = body["text"].get("format")
    return json.dumps(fmt, sort_keys=True) if fmt is not None else None


class SchemaDiffers(Rule):
    code = "PC303"
    name = "tools-differ"
    severity = "error"
    family = "corpus"
    summary = "The tools or the response-format schema differ inside a group of requests."

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for pair, shared, part in _candidates(ctx):
            if part not in ("tools", "schema"):
                continue
            a, b = ctx.tokenized[pair.index], ctx.tokenized[pair.other]
            ta, tb = tool_map(a.prompt.body), tool_map(b.prompt.body)
            sa, sb = schema_of(a.prompt.body), schema_of(b.prompt.body)
            if ta == tb and sa == sb:
                continue  # same definitions, other order or key order: PC302
            what = []
            if set(ta) - set(tb):
                what.append("adds " + ", ".join(sorted(set(ta) - set(tb))))
            if set(tb) - set(ta):
                what.append("lacks " + ", ".join(sorted(set(tb) - set(ta))))
            changed = sorted(n for n in set(ta) & set(tb) if ta[n] != tb[n])
            if changed:
                what.append("changes " + ", ".join(changed))
            if sa != sb:
                what.append("has another response schema")
            loc = ctx.location_at_char(pair.index, pair.char)
            after = max(len(a.tokens) - pair.token, 0)
            lost = ctx.cache.cacheable(max(shared, pair.token)) - ctx.cache.cacheable(pair.token)
            yield self.finding(
                ctx, pair.index, loc.line, loc.column,
                f"tools/schema differ from {b.name} at token {pair.token:,} ({'; '.join(what) or 'definitions differ'}): "
                f"they come before the messages, so the {after:,} tokens after them are not shared "
                f"({lost:,} cacheable tokens lost)",
                token=pair.token, cost_tokens=lost, severity="error" if lost > 0 else "info",
                fix="send the same full, sorted tool list and schema with every request; restrict tools with "
                    "tool_choice/allowed_tools instead of removing them",
                other=b.name)

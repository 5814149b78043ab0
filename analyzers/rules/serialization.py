"""PC302: non-deterministic serialisation that reaches the prompt: JSON key order inside strings the
model sees (``tool_calls[].function.arguments``, JSON in message text) and tool lists in another order.

The order of keys of the request body itself never reaches the model and is never flagged.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .context import LintContext
from .interface import Finding, Rule


@dataclass(frozen=True)
class KeyOrder:
    prompt: int
    where: str  # e.g. "messages[2].tool_calls[0].function.arguments"
    text: str  # the string as sent (to locate it in the prompt)
    keys: tuple[str, ...]


def _objects(text: str) -> list[tuple[str, ...]]:
    """Key orders of every JSON object (2+ keys) in ``text`` when ``text`` is JSON, else []."""
    s = text.strip()
    if not s or s[0] not in "{[":
        return []
    orders: list[tuple[str, ...]] = []

    def hook(pairs):
        if len(pairs) >= 2:
            orders.append(tuple(k for k, _v in pairs))
        return dict(pairs)

    try:
        json.loads(s, object_pairs_hook=hook)
    except (ValueError, RecursionError):
        return []
    return orders


def _strings(body: dict, skip_last_user: bool = True) -> Iterable[tuple[str, str]]:
    """(where, text) of JSON-bearing strings the model sees, outside the final user turn."""
    msgs = body.get("messages")
    if isinstance(msgs, list):
        last = len(msgs) - 1
        for m, msg in enumerate(msgs):
            if not isinstance(msg, dict):
                continue
            if m == last and msg.get("role") == "user" and skip_last_user:
                continue
            for c, call in enumerate(msg.get("tool_calls") or []):
                fn = call.get("function") if isinstance(call, dict) else None
                if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                    yield f"messages[{m}].tool_calls[{c}].function.arguments", fn["arguments"]
            if isinstance(msg.get("content"), str):
                yield f"messages[{m}].content", msg["content"]
    items = body.get("input")
    if isinstance(items, list):
        last = len(items) - 1
        for m, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            if m == last and item.get("role") == "user" and skip_last_user:
                continue
            for key in ("arguments", "output"):
                if isinstance(item.get(key), str):
                    yield f"input[{m}].{key}", item[key]
            if isinstance(item.get("content"), str):
                yield f"input[{m}].content", item["content"]


def tool_names(body: dict | None) -> tuple[str, ...]:
    if not isinstance(body, dict) or not isinstance(body.get("tools"), list):
        return ()
    out = []
    for tool in body["tools"]:
        if isinstance(tool, dict):
            fn = tool.get("function") if isinstance(tool.get("function"), dict) else tool
            out.append(str(fn.get("name") or fn.get("type") or "?"))
    return tuple(out)


def _lost(ctx: LintContext, i: int, token: int) -> int:
    """Cacheable tokens a difference at ``token`` costs: those before the final user turn after it."""
    final = ctx.final_turn_token(i)
    limit = len(ctx.tokenized[i].tokens) if final is None else final
    return max(0, ctx.cache.cacheable(limit) - ctx.cache.cacheable(token))


def _fmt(keys: tuple[str, ...]) -> str:
    return "(" + ", ".join(keys) + ")"


class UnstableSerialisation(Rule):
    code = "PC302"
    name = "unstable-serialisation"
    severity = "warning"
    family = "serialization"
    summary = ("JSON key order or tool order that changes between requests reaches the prompt; error when it "
               "costs cached tokens, else info.")

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        orders: list[KeyOrder] = []
        tools: list[tuple[int, tuple[str, ...]]] = []
        for i, tp in enumerate(ctx.tokenized):
            body = tp.prompt.body
            if not isinstance(body, dict):
                continue
            for where, text in _strings(body):
                for keys in _objects(text):
                    orders.append(KeyOrder(i, where, text, keys))
            names = tool_names(body)
            if len(names) >= 2:
                tools.append((i, names))
        yield from self._key_orders(ctx, orders)
        yield from self._tool_orders(ctx, tools)

    def _key_orders(self, ctx: LintContext, orders: list[KeyOrder]) -> Iterable[Finding]:
        by_set: dict[frozenset, list[KeyOrder]] = {}
        for o in orders:
            by_set.setdefault(frozenset(o.keys), []).append(o)
        flagged: set[tuple[int, str]] = set()
        for group in by_set.values():
            counts = Counter(o.keys for o in group)
            if len(counts) < 2:
                continue
            common = max(counts, key=lambda k: (counts[k], k == tuple(sorted(k))))
            example = next(o for o in group if o.keys == common)
            for o in group:
                if o.keys == common or (o.prompt, o.where) in flagged:
                    continue
                flagged.add((o.prompt, o.where))
                tp = ctx.tokenized[o.prompt]
                char = max(tp.text.find(o.text), 0)
                loc = ctx.location_at_char(o.prompt, char)
                other = ctx.tokenized[example.prompt].name
                there = "elsewhere in this request" if example.prompt == o.prompt else f"in {other}"
                token = ctx.token_at_char(o.prompt, char)
                lost = _lost(ctx, o.prompt, token)
                yield self.finding(
                    ctx, o.prompt, loc.line, loc.column,
                    f"JSON keys in {o.where} are in order {_fmt(o.keys)} but {_fmt(common)} {there}: the same "
                    f"object serialised in another order is a different prompt from token {token:,} on "
                    f"({lost:,} cacheable tokens lost)",
                    token=token, cost_tokens=lost, severity="error" if lost > 0 else "info", fix="serialise JSON the model sees with sorted keys (json.dumps(..., sort_keys=True))",
                    before=list(o.keys), after=list(common))

    def _tool_orders(self, ctx: LintContext, tools: list[tuple[int, tuple[str, ...]]]) -> Iterable[Finding]:
        by_set: dict[frozenset, list[tuple[int, tuple[str, ...]]]] = {}
        for i, names in tools:
            by_set.setdefault(frozenset(names), []).append((i, names))
        for group in by_set.values():
            counts = Counter(n for _i, n in group)
            if len(counts) < 2:
                continue
            common = max(counts, key=lambda k: (counts[k], k == tuple(sorted(k))))
            example = next(i for i, n in group if n == common)
            for i, names in group:
                if names == common:
                    continue
                tp = ctx.tokenized[i]
                k = next((k for k, s in enumerate(tp.prompt.segments) if s.part == "tools"), None)
                seg = tp.prompt.segments[k] if k is not None else None
                line, col = (seg.line, seg.column) if seg else (tp.prompt.line, 1)
                lost = _lost(ctx, i, 0)
                yield self.finding(
                    ctx, i, line, col,
                    f"tools are listed as {_fmt(names)} but as {_fmt(common)} in {ctx.tokenized[example].name}: "
                    f"tool definitions come first, so a reordered list shares almost no cached tokens "
                    f"({lost:,} cacheable tokens lost)",
                    token=0, cost_tokens=lost, severity="error" if lost > 0 else "info",
                    fix="keep the tool list fixed and sorted by name in every request",
                    before=list(names), after=sorted(common))

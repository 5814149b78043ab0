"""PC102: a volatile literal (date, time, timestamp, id, email, IP) inside the cacheable prefix of a
static prompt or a request body.

A literal is judged by what it does across the corpus first: the requests that carry the same text
before it form its group; when the group has two or more requests and the literal is the same in all of
them (tau-bench's fixed simulated clock, a date frozen in a policy), it is constant and costs nothing;
when it differs inside the group it is volatile.  A literal in a request after the point where that
request leaves the group it belongs to (a date in a tool result of one conversation) is compared with
nothing and costs nothing more: the earlier difference decides what is shared.  A literal with no group
(a single file, a request unlike the others) is judged by its form (``volatility.literal_class``); in a
prompt definition (a prompt file or a constant in code, not a request body) only where the text states it as
the present value: otherwise its text is sent as written, the same every time.  In a definition, a literal
inside a Markdown fenced code block (sample code, sample JSON: CommonMark shows a code block's content as
written) and an address reserved for documentation (RFC 2606 and RFC 6761 names: ``example.com``/``.net``/
``.org``, the ``.example``, ``.test``, ``.invalid`` and ``.localhost`` domains; RFC 5737 and RFC 3849
address blocks) is an example, never a value of the request.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re

from typing import Iterable

from ..conversation import severity
from ..volatile import find_volatile
from ..volatility import CHANGES, classify_literal
from .context import LintContext
from .interface import Finding, Rule

MAX_PER_PROMPT = 10
# A prompt definition (a prompt file, a code constant, a config field: kind "text") is sent as written, so
# its literals are fixed; one is a value of the request only where the text states it as the present one
# ("The current time is ...", "Today: ...", "Request id: ...").  Example transcripts, JSON samples and
# links in a definition are not reported on their form alone.
_CURRENT_CUE = re.compile(
    r"(?:\bcurrent(?:ly)?\b|\bnow\b|\btoday(?:'s)?\b|\bas of\b|\b(?:request|trace|session|conversation|run"
    r"|correlation)[ _-]?id\b|\buser(?:[ _-]?(?:name|id|email))?\b|\be-?mail\b|\bip(?: address)?\b)"
    r"[^\n.;]{0,30}?(?:\bis\b|\bwas\b|:|=)?[\s\"'`\u201c\u2018(]*$", re.IGNORECASE)
# A literal the text gives as an example of a format ("For example "02:30:00" means 2:30 AM", "e.g.
# 2024-01-31") is prose about values, the same in every request, not a value of this request.
_EXAMPLE_CUE = re.compile(r"(?:\be\.\s?g\.|\bfor (?:example|instance)|\bexamples?:|\bsuch as)"
                          r"[\s,:]*[\"'`\u201c\u2018(]?\s*$", re.IGNORECASE)
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
        candidates = {}
        groups: dict[bytes, tuple[int, set[str]]] = {}
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
            found = [v for v in find_volatile(tp.text[:tp.char_offset(limit)])
                     if not _given_as_example(tp.text, v.start)]
            keys = _keys_before(tp.text, [v.start for v in found])
            candidates[i] = (limit, cacheable, found, keys)
            for v, key in zip(found, keys):
                n, values = groups.get(key, (0, set()))
                values.add(tp.text[v.start:v.end])
                groups[key] = (n + 1, values)
        left = {p.index: p.token for p in ctx.pairs if p.reason == "diverges" and ctx.is_request(p.index)}
        for i, (limit, cacheable, found, keys) in candidates.items():
            tp = ctx.tokenized[i]
            count = 0
            fences = _fenced_blocks(tp.text) if tp.prompt.kind == "text" else []
            for v, key in zip(found, keys):
                n, values = groups[key]
                if tp.prompt.kind == "text" and (_inside(fences, v.start) or _documentation_value(v)):
                    continue  # a definition's sample code, or an address reserved for examples
                if n >= 2 and len(values) == 1:
                    continue  # the same in every request of its group: constant
                if n == 1 and tp.prompt.kind == "text" and not _stated_as_current(tp.text, v.start):
                    continue  # a definition's literal is fixed unless stated as the present value
                if ctx.part_at_char(i, v.start) in ("tools", "schema", "framing"):
                    continue  # PC401 covers tools and schemas
                token = ctx.token_at_char(i, v.start)
                if n == 1 and i in left and left[i] <= token:
                    continue  # after the request left its group: nothing to share it with
                if cacheable - ctx.cache.cacheable(token) <= 0:
                    continue
                vol = classify_literal(v)
                cost = ctx.cost(i, vol.cls, token, static=limit, char=v.start)
                lost = cost.tokens_per_conversation
                loc = ctx.location_at_char(i, v.start)
                label = KIND_LABEL.get(v.kind, v.kind)
                usd = ctx.usd_per_1000(i, lost)
                unit = "conversations" if ctx.position(i) == "head" else "requests"
                seen = (f"it takes {len(values)} values in the {n} requests that share the text before it, and "
                        if n >= 2 else "a value like it ")
                yield self.finding(
                    ctx, i, loc.line, loc.column,
                    f"{label} {v.shown!r} at token {token:,} is inside the cacheable prefix ({cacheable:,} tokens); "
                    f"{seen}{CHANGES[vol.cls]}: {cost.how}; {lost:,} cached tokens lost per {unit[:-1]}"
                    + ("" if usd is None else f" (${usd:,.2f} per 1,000 {unit})"),
                    token=token, cost_tokens=lost,
                    fix="move per-request values to the end of the prompt (the last user message)",
                    severity=severity(vol.cls, lost), volatility=vol, cost_per_conversation=lost,
                    literal_kind=v.kind)
                count += 1
                if count >= MAX_PER_PROMPT:
                    break


def _keys_before(text: str, starts: list[int]) -> list[bytes]:
    """A digest of the text before each literal (one pass): requests with equal keys are its group."""
    h = hashlib.blake2b(digest_size=16)
    out, at = [], 0
    for start in starts:
        h.update(text[at:start].encode("utf-8", "surrogatepass"))
        at = start
        out.append(h.copy().digest())
    return out


def _given_as_example(text: str, start: int) -> bool:
    """The literal follows an example cue on its own line (``For example "02:30:00"``, ``e.g. 2024-01-31``)."""
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    return bool(_EXAMPLE_CUE.search(text[max(line_start, start - 60):start]))


# A CommonMark fence: three or more backticks or tildes (indented too: a fence inside a list item); the block
# ends at a fence of the same character at least as long (or at the end of the text).
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$", re.M)


def _fenced_blocks(text: str) -> list[tuple[int, int]]:
    """Character spans of the fenced code blocks of a Markdown text."""
    if "```" not in text and "~~~" not in text:
        return []
    spans, opened = [], None
    for m in _FENCE_LINE.finditer(text):
        fence, rest = m.group(1), m.group(2)
        if opened is None:
            if fence[0] == "`" and "`" in rest:
                continue  # not a fence: a backtick fence's info string holds no backtick
            opened = (m.end(), fence)
        elif fence[0] == opened[1][0] and len(fence) >= len(opened[1]) and not rest.strip():
            spans.append((opened[0], m.start()))
            opened = None
    if opened is not None:
        spans.append((opened[0], len(text)))
    return spans


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(a <= at < b for a, b in spans)


# RFC 2606 section 3 / RFC 6761 section 6.5: second-level names reserved for examples; section 2 / 6.2-6.4:
# top-level names reserved for testing, examples, invalid names and the local host.
_EXAMPLE_DOMAIN = re.compile(r"(?:^|\.)(?:example\.(?:com|net|org)|[^.]+\.(?:example|test|invalid|localhost))\.?$",
                             re.IGNORECASE)
# RFC 5737 (TEST-NET-1/2/3) and RFC 3849: address blocks reserved for documentation.
_DOCUMENTATION_NETS = tuple(ipaddress.ip_network(n) for n in (
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"))


def _documentation_value(v) -> bool:
    """An email address at a domain, or an IP address in a block, that the RFCs reserve for documentation:
    no user has it, so it is an example in every request."""
    if v.kind == "email":
        return bool(_EXAMPLE_DOMAIN.search(v.text.rsplit("@", 1)[-1]))
    if v.kind == "ip":
        try:
            ip = ipaddress.ip_address(v.text)
        except ValueError:
            return False
        return any(ip.version == net.version and ip in net for net in _DOCUMENTATION_NETS)
    return False


def _stated_as_current(text: str, start: int) -> bool:
    """The literal follows, on its line, words stating it as the present value (``The current time is``,
    ``Today:``, ``Request ID:``, ``user email =``)."""
    line_start = text.rfind("\n", max(0, start - 80), start) + 1
    return bool(_CURRENT_CUE.search(text[max(line_start, start - 80):start]))

"""PC304: requests of one group whose images differ (another ``detail``, other bytes or URL) before the
cacheable end.

Images are part of the cached prefix and must be identical, ``detail`` included, to be reused (Azure
OpenAI, "Prompt caching": images are cached when "the detail parameter is the same"; spec AZ-25b).  An
image is one run of tokens whose ids say what the image is (its bytes or URL and its detail, see
``tokenizer.special_ids``), so two requests that differ only there diverge at the image's first token.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from ..prefix import lcp
from ..tokenizer import IMAGE_BASE
from .context import LintContext, Pair
from .interface import Finding, Rule

_WIDTH = 4  # bytes per token in array('I')


def _image_run(tp, token: int):
    """The special run holding ``token`` when it is an image token, else None."""
    if token >= len(tp.tokens) or tp.tokens[token] < IMAGE_BASE:
        return None
    return next((r for r in tp.runs if r.special and r.token_start <= token < r.token_end), None)


def _what(seg_a, seg_b) -> str:
    """'detail high here, low there' or 'another image' from the two image segments' identities."""
    ia = (seg_a.name or "").split(":") if seg_a is not None else []
    ib = (seg_b.name or "").split(":") if seg_b is not None else []
    if len(ia) == 3 and len(ib) == 3 and ia[1] == ib[1] and ia[2] != ib[2]:
        return f"the same image with detail '{ia[2]}' here, '{ib[2]}' there"
    return "another image (its bytes or URL differ)"


class ImageDiffers(Rule):
    code = "PC304"
    name = "image-differs"
    severity = "error"
    family = "images"
    summary = "An image differs (detail, bytes or URL) inside a group of requests, before the cacheable end."

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        found = [(pair, f) for pair in ctx.pairs if (f := self._check_pair(ctx, pair)) is not None]
        # A group paired at one image position: report the requests whose image variant is the rarer one
        # (the outliers), or every side when no variant is more common.
        seen: dict[tuple[int, int], int] = {}  # (token, prompt) -> the image id it has there
        for pair, _ in found:
            for k in (pair.index, pair.other):
                seen[(pair.token, k)] = self._ident(ctx, k, pair.token)
        counts = Counter((token, ident) for (token, _k), ident in seen.items())
        for pair, f in found:
            mine = self._ident(ctx, pair.index, pair.token)
            theirs = self._ident(ctx, pair.other, pair.token)
            if counts.get((pair.token, mine), 0) > counts.get((pair.token, theirs), 0):
                continue  # the common variant: the other request is the one that differs
            yield f

    @staticmethod
    def _ident(ctx: LintContext, i: int, token: int) -> int:
        tokens = ctx.tokenized[i].tokens
        return tokens[token] if token < len(tokens) else -1

    def _check_pair(self, ctx: LintContext, pair: Pair) -> Finding | None:
        i, j = pair.index, pair.other
        if not (ctx.is_request(i) and ctx.is_request(j)):
            return None
        a, b = ctx.tokenized[i], ctx.tokenized[j]
        ra, rb = _image_run(a, pair.token), _image_run(b, pair.token)
        if ra is None and rb is None:
            return None
        if ctx.in_final_turn(i, pair.char) or ctx.in_final_turn(j, pair.other_char):
            return None  # the new turn's own image: per-request content
        # Were the images equal, the prompts would go on matching after them for ``after`` tokens.
        end_a = ra.token_end if ra is not None else pair.token
        end_b = rb.token_end if rb is not None else pair.token
        after = lcp(a.tokens[end_a:].tobytes(), b.tokens[end_b:].tobytes())
        shared = end_a + after
        lost = ctx.cache.cacheable(shared) - ctx.cache.cacheable(pair.token)
        if lost <= 0:
            return None
        seg_a = ctx.segment_at(i, pair.char) if ra is not None else None
        seg_b = ctx.segment_at(j, pair.other_char) if rb is not None else None
        loc = ctx.location_at_char(i, pair.char)
        what = _what(seg_a, seg_b) if ra is not None and rb is not None else \
            ("an image here, other content there" if ra is not None else "other content here, an image there")
        return self.finding(
            ctx, i, loc.line, loc.column,
            f"differs from {b.name} at token {pair.token:,}: {what}; the {after:,} tokens after the image "
            f"match again, so {lost:,} cacheable tokens are lost per request",
            token=pair.token, cost_tokens=lost,
            fix="send the same image bytes with the same detail in every request of the group (or put "
                "per-request images after the shared prefix, in the last user message)",
            other=b.name, shared_if_fixed=shared)

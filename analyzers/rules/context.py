"""Facts several rules share, computed once per lint run (lazily, O(total tokens + n log n)).

Everything starts from ``scan``'s report: the tokenized prompts and, per prompt, where it leaves the
prefix of its group (or of its nearest neighbour).  The corpus rules only ever look at those n pairs,
never at all pairs of prompts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from ..conversation import (REQUEST_KINDS, ConversationModel, PositionSettings, prompt_position, usd_per_1000,
                            variable_cost)
from ..model import Location, Segment
from ..prefix import lcp
from ..scan import ScanReport
from ..tokenizer import TokenizedPrompt, segment_location

_WIDTH = 4  # bytes per token in array('I')


@dataclass
class LintSettings:
    """Rule parameters that are not provider facts (those come from the cache model)."""

    min_cached_ratio: float | None = None  # PC203: fail prompts caching less than this share
    pc202_min_uncached: int | None = None  # PC202: default = half a cache step
    resync_window: int = 16  # tokens that must match again after a difference to call it "the same prompt"
    conversation: ConversationModel | None = None  # None: measured from request logs if any, else defaults
    conversation_overrides: dict = field(default_factory=dict)  # turns / turn_tokens / per day from config
    positions: PositionSettings = field(default_factory=PositionSettings)
    volatility: object = None  # volatility.VolatilitySettings
    show_config_variables: bool = False  # PC101: report per-config variables too (info)
    baseline: object | None = None  # PC701: a ``baseline.Baseline`` to compare cached tokens with


@dataclass
class Pair:
    """A prompt and the neighbour it diverges from (as prefix analysis found them)."""

    index: int
    other: int
    token: int  # first differing token
    char: int  # character offset of that token in ``index``'s text
    other_char: int
    reason: str  # "diverges" (inside a group) | "outlier" | "ends"


@dataclass
class LintContext:
    report: ScanReport
    cache: object  # providers CacheModel
    settings: LintSettings = field(default_factory=LintSettings)

    @property
    def tokenized(self) -> list[TokenizedPrompt]:
        return self.report.tokenized

    @property
    def minimum(self) -> int:
        return self.cache.minimum

    @property
    def step(self) -> int:
        return self.cache.step

    @property
    def routing_window(self) -> int:
        return self.cache.routing_window

    # -- conversation model, positions, volatility, prices ----------------------------------------

    @cached_property
    def conversation(self) -> ConversationModel:
        if self.settings.conversation is not None:
            return self.settings.conversation
        from ..conversation import measure

        base = measure(self.tokenized, self.token_at_char) or ConversationModel()
        return base.overridden(**self.settings.conversation_overrides)

    @cached_property
    def _positions(self) -> list[str]:
        project = getattr(self.settings.volatility, "project", None)
        return [prompt_position(tp.prompt, self.settings.positions, project) for tp in self.tokenized]

    def position(self, i: int, char: int | None = None) -> str:
        """head | whole | final-turn of prompt ``i`` (of character ``char`` in it: a request's final
        user turn is ``final-turn``)."""
        if char is not None and self.in_final_turn(i, char):
            return "final-turn"
        return self._positions[i]

    def classify(self, i: int, seg: Segment):
        from ..volatility import classify

        return classify(seg, self.tokenized[i].prompt, self.settings.volatility)

    def model_of(self, i: int) -> str:
        from ..scan import effective_model

        shown = self.report.model
        return effective_model(self.tokenized[i].prompt, shown if shown != "mixed" else None)

    def cost(self, i: int, cls: str, token: int, static: int | None = None, char: int | None = None):
        """``conversation.Cost`` of a value of class ``cls`` at ``token`` of prompt ``i``."""
        tp = self.tokenized[i]
        if static is None:
            static = self.static_first_tokens(i)
        return variable_cost(cls, self.position(i, char), token, max(static, token), len(tp.tokens), self.cache,
                             self.conversation)

    def usd_per_1000(self, i: int, tokens: int | None) -> float | None:
        if tokens is None:
            return None
        key = (self.model_of(i), tokens)
        memo = self.__dict__.setdefault("_usd", {})
        if key not in memo:
            memo[key] = usd_per_1000(tokens, key[0], self.cache)
        return memo[key]

    # -- per-prompt helpers -------------------------------------------------------------------------

    def is_request(self, i: int) -> bool:
        return self.tokenized[i].prompt.kind in REQUEST_KINDS

    @cached_property
    def _final_turn(self) -> list[int | None]:
        out: list[int | None] = []
        for tp in self.tokenized:
            segs = tp.prompt.segments
            messages = [s.message for s in segs if s.message is not None]
            start = None
            if messages:
                last = max(messages)
                if any(s.message == last and s.part == "user" for s in segs):
                    k = next(k for k, s in enumerate(segs) if s.message == last)
                    start = tp._seg_starts[k]
            out.append(start)
        return out

    def final_turn_char(self, i: int) -> int | None:
        """Character offset where the final user turn starts (None: the prompt has none)."""
        return self._final_turn[i]

    def in_final_turn(self, i: int, char: int) -> bool:
        start = self._final_turn[i]
        return start is not None and char >= start

    def final_turn_token(self, i: int) -> int | None:
        memo = self._final_turn_tokens
        if i in memo:
            return memo[i]
        start = self._final_turn[i]
        memo[i] = out = None if start is None else self.token_at_char(i, start)
        return out

    @cached_property
    def _final_turn_tokens(self) -> dict[int, int | None]:
        return {}

    def token_at_char(self, i: int, char: int) -> int:
        """Index of the token holding character ``char`` of prompt ``i``'s text."""
        tp = self.tokenized[i]
        if not tp.runs:
            return 0
        starts = [r.char_start for r in tp.runs]
        run = tp.runs[max(0, bisect.bisect_right(starts, char) - 1)]
        if run.special:
            return run.token_start
        # the last token of the run that starts at or before ``char`` (every offset computed once per prompt:
        # encoding the text before each variable was quadratic in a prompt's variables)
        n = bisect.bisect_right(tp.token_offsets(), char, run.token_start, run.token_end) - 1
        n = max(run.token_start, min(n, len(tp.tokens)))
        while n > run.token_start and tp.char_offset(n) > char:
            n -= 1
        return n

    def segment_at(self, i: int, char: int) -> Segment | None:
        tp = self.tokenized[i]
        if not tp.prompt.segments:
            return None
        return tp.segment_at(char)[0]

    def location_at_char(self, i: int, char: int) -> Location:
        tp = self.tokenized[i]
        if not tp.prompt.segments:
            return Location(tp.prompt.path, tp.prompt.line, 1)
        seg, offset = tp.segment_at(char)
        return segment_location(tp.prompt.path, seg, offset)

    def part_at_char(self, i: int, char: int) -> str:
        seg = self.segment_at(i, char)
        return seg.part if seg is not None else ""

    # -- corpus -------------------------------------------------------------------------------------

    @cached_property
    def index_of(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for i, tp in enumerate(self.tokenized):
            out.setdefault(tp.name, i)
        return out

    @cached_property
    def pairs(self) -> list[Pair]:
        """Each prompt with the neighbour it leaves (scan's divergences are in prompt order)."""
        out: list[Pair] = []
        divs = self.report.corpus.divergences
        k = 0
        for i, tp in enumerate(self.tokenized):
            if k >= len(divs) or divs[k].name != tp.name:
                continue
            d = divs[k]
            k += 1
            j = self.index_of.get(d.other) if d.other is not None else None
            if j is None or j == i:
                continue
            out.append(Pair(i, j, d.token, tp.char_offset(d.token), self.tokenized[j].char_offset(d.token),
                            d.reason))
        return out

    @cached_property
    def _static_first(self) -> dict[int, int]:
        """Static prefix tokens of the static-first layout of every prompt with variables (batched)."""
        from ..suggest import block_ranges, moved_lines, read_file_text, static_first_prompt
        from ..tokenizer import tokenize_prompts

        by_encoding: dict[int, list[int]] = {}
        layouts: dict[int, object] = {}
        blocks: dict[str, list | None] = {}  # per file: a config file holds thousands of prompts
        for i, tp in enumerate(self.tokenized):
            if tp.first_variable is None:
                continue
            path = tp.prompt.path
            if tp.prompt.kind == "template" and path not in blocks:
                text = read_file_text(path)
                blocks[path] = block_ranges(text) if text is not None else None
            got = blocks.get(path) if tp.prompt.kind == "template" else None
            layouts[i] = static_first_prompt(tp.prompt, moved_lines(tp.prompt, blocks=got))
            by_encoding.setdefault(id(tp.encoding), []).append(i)
        out: dict[int, int] = {}
        for idx in by_encoding.values():
            enc = self.tokenized[idx[0]].encoding
            for i, sf in zip(idx, tokenize_prompts([layouts[i] for i in idx], enc)):
                out[i] = sf.static_prefix_tokens
        return out

    def static_first_tokens(self, i: int) -> int:
        """Leading tokens no variable can change once variable lines follow the static text."""
        tp = self.tokenized[i]
        if tp.first_variable is None:
            return len(tp.tokens)
        return max(self._static_first.get(i, 0), tp.static_prefix_tokens)

    @cached_property
    def _keys(self) -> list[bytes]:
        return [tp.tokens.tobytes() for tp in self.tokenized]

    def resync(self, pair: Pair, probes: int = 24, stride: int = 8) -> tuple[int, int, int]:
        """Where the two prompts of ``pair`` match again after their first difference.

        Returns ``(a_token, b_token, length)``: a run of ``length`` identical tokens starting at
        ``a_token`` in the prompt and ``b_token`` in its neighbour, or ``(0, 0, 0)``.  Probes a few
        windows of the prompt after the difference and finds them in the neighbour with ``bytes.find``
        (C speed), so it costs O(tokens) per pair.
        """
        a, b = self._keys[pair.index], self._keys[pair.other]
        w = self.settings.resync_window
        t = pair.token
        na, nb = len(a) // _WIDTH, len(b) // _WIDTH
        for d in range(1, probes * stride, stride):
            s = t + d
            if s + w > na:
                break
            needle = a[s * _WIDTH:(s + w) * _WIDTH]
            pos = b.find(needle, t * _WIDTH)
            while pos != -1 and pos % _WIDTH:
                pos = b.find(needle, pos + 1)
            if pos == -1:
                continue
            p = pos // _WIDTH
            # walk back to the true start of the matching run
            run = lcp(a[s * _WIDTH:], b[p * _WIDTH:])
            back = 0
            while s - back - 1 >= t + 1 and p - back - 1 >= t and back < stride and \
                    a[(s - back - 1) * _WIDTH:(s - back) * _WIDTH] == b[(p - back - 1) * _WIDTH:(p - back) * _WIDTH]:
                back += 1
            if p + run > nb:  # pragma: no cover - lcp never passes the end
                run = nb - p
            return s - back, p - back, run + back
        return 0, 0, 0

    def shared_if_fixed(self, pair: Pair) -> int:
        """Tokens the prompt would share with its neighbour if the first difference were removed."""
        _a, _b, length = self.resync(pair)
        return pair.token + length if length else pair.token

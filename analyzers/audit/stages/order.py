"""Stage 3, time order: the one sequential step, cheap (a bounded heap, no tokens touched).

Prepared requests arrive in read order (``seq``); a heap of ``reorder_window`` requests keyed by
(time, seq) lets slightly unordered logs replay in time order with constant memory.  Each request
leaves with ``order`` (its position in the replay) and ``at`` (the replay clock).  The clock is the
OpenAI legacy replay's: a legacy request is never replayed earlier than the previous legacy one (it is
counted in ``out_of_order`` and replayed at that time) and one without a timestamp is replayed at the
previous one's time (0 at the start).  Other regimes keep their own time (their simulators expire by it).
"""

from __future__ import annotations

import heapq
from typing import Iterable, Iterator

from .types import PartialLedger, Prepared, StageOptions


class Ordering:
    def __init__(self, window: int):
        self.window = window
        self.heap: list = []
        self.order = 0
        self.now = float("-inf")
        self.out_of_order = 0
        self.no_time = 0
        self.any_time = False

    def push(self, p: Prepared) -> Iterator[Prepared]:
        """Add ``p``; yields the requests that leave the heap (at most one)."""
        if p.time is None:
            self.no_time += 1
        else:
            self.any_time = True
        heapq.heappush(self.heap, (p.time if p.time is not None else float("-inf"), p.seq, p))
        if len(self.heap) > self.window:
            yield self._pop()

    def finish(self) -> Iterator[Prepared]:
        while self.heap:
            yield self._pop()

    def _pop(self) -> Prepared:
        p = heapq.heappop(self.heap)[2]
        p.order = self.order
        self.order += 1
        if p.kind == "legacy":
            t = p.time if p.time is not None else (self.now if self.now != float("-inf") else 0.0)
            if t < self.now:
                self.out_of_order += 1
                t = self.now
            self.now = p.at = t
        else:
            p.at = p.time if p.time is not None else 0.0
        return p

    def ledger(self) -> PartialLedger:
        return PartialLedger(out_of_order=self.out_of_order, no_time=self.no_time, any_time=self.any_time)


def order_requests(prepared: Iterable[Prepared], options: StageOptions) -> tuple[list[Prepared], PartialLedger]:
    """All of ``prepared`` (in read order) in replay order, and the ordering's counters."""
    o = Ordering(options.reorder_window)
    out: list[Prepared] = []
    for p in prepared:
        out.extend(o.push(p))
    out.extend(o.finish())
    return out, o.ledger()

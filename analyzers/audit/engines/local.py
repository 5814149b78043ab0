"""The local engine: the stages in this process (``--jobs 1``) or in worker processes (``--jobs N``)."""

from __future__ import annotations

from ..readers.interface import Record
from ..stages.interface import (Ordering, PartialLedger, PartitionReplay, Skip, StageOptions, merge,
                                skip_ledger, tokenize_batch)

BATCH = 256  # records per tokenize batch


class LocalEngine:
    name = "local"

    def __init__(self, options: StageOptions, jobs: int = 1, address: str | None = None):
        self.options = options
        self.jobs = jobs
        self.batch: list[tuple[int, Record]] = []
        self.seq = 0
        self.ordering = Ordering(options.reorder_window)
        self.part = PartitionReplay(options)
        self.skips: list[Skip] = []

    def add(self, record: Record) -> None:
        self.batch.append((self.seq, record))
        self.seq += 1
        if len(self.batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        for p in tokenize_batch(batch, self.options):
            if isinstance(p, Skip):
                self.skips.append(p)
                continue
            for q in self.ordering.push(p):
                self.part.feed(q)

    def finish(self) -> PartialLedger:
        self._flush()
        for q in self.ordering.finish():
            self.part.feed(q)
        return merge([self.part.ledger(), skip_ledger(self.skips), self.ordering.ledger()])

    def close(self) -> None:
        pass

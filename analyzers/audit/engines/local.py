"""The local engine: the stages in this process (``--jobs 1``) or in worker processes (``--jobs N``).

With N workers: batches of records go to a pool of N processes for tokenize+hash (one tokenizer per
process, at most ``2 N`` batches in flight); their results come back in read order into the time-order
heap (this process); each request leaves it for the replay process that owns its scope (N processes,
scope -> process by a stable hash, fed through bounded queues, each keeping one ``PartitionReplay``);
at the end every replay process sends its ``PartialLedger`` and they are merged.  Memory stays flat:
the queues, the in-flight batches and the heap are bounded, and each replay keeps only live blocks.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import traceback
import zlib
from collections import deque

from ..readers.interface import Record
from ..stages.interface import (Ordering, PartialLedger, PartitionReplay, Prepared, Skip, StageOptions, merge,
                                skip_ledger, tokenize_batch)

BATCH = 256  # records per tokenize batch
CHUNK = 64  # requests per message to a replay process
_QUEUE_CHUNKS = 16  # messages waiting per replay process (backpressure beyond)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _context():
    # fork where the platform has it (workers start with the modules already imported); the workers'
    # entry points are module-level functions with picklable arguments, so spawn works the same way.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def owner_of(scope: str, n: int) -> int:
    """The replay process (of ``n``) that owns a scope: stable across runs and processes."""
    return zlib.crc32(scope.encode()) % n


def _replay_worker(inbox, outbox, options: StageOptions, index: int) -> None:
    try:
        part = PartitionReplay(options)
        while True:
            chunk = inbox.get()
            if chunk is None:
                break
            for p in chunk:
                part.feed(p)
        outbox.put((index, "ok", part.ledger()))
    except BaseException:  # noqa: BLE001 - reported to the main process, which raises it
        outbox.put((index, "error", traceback.format_exc()))


class LocalEngine:
    name = "local"

    def __init__(self, options: StageOptions, jobs: int = 1, address: str | None = None):
        self.options = options
        self.jobs = max(1, int(jobs))
        self.batch: list[tuple[int, Record]] = []
        self.seq = 0
        self.ordering = Ordering(options.reorder_window)
        self.skips: list[Skip] = []
        self.part = PartitionReplay(options) if self.jobs == 1 else None
        self.pool = None
        self.inflight: deque = deque()
        self.procs: list = []
        self.inboxes: list = []
        self.outbox = None
        self.buffers: list[list[Prepared]] = [[] for _ in range(self.jobs)]
        self.finished = False

    # -- input --------------------------------------------------------------------------------------

    def add(self, record: Record) -> None:
        self.batch.append((self.seq, record))
        self.seq += 1
        if len(self.batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        if self.jobs == 1:
            self._collect(tokenize_batch(batch, self.options))
            return
        if self.pool is None:
            self._start()
        self.inflight.append(self.pool.submit(tokenize_batch, batch, self.options))
        while len(self.inflight) > 2 * self.jobs:
            self._collect(self.inflight.popleft().result())

    def _collect(self, prepared: list) -> None:
        for p in prepared:
            if isinstance(p, Skip):
                self.skips.append(p)
                continue
            for q in self.ordering.push(p):
                self._route(q)

    def _route(self, p: Prepared) -> None:
        if self.part is not None:
            self.part.feed(p)
            return
        i = owner_of(p.scope, self.jobs)
        buf = self.buffers[i]
        buf.append(p)
        if len(buf) >= CHUNK:
            self.inboxes[i].put(buf)
            self.buffers[i] = []

    # -- workers ------------------------------------------------------------------------------------

    def _start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        ctx = _context()
        self.pool = ProcessPoolExecutor(self.jobs, mp_context=ctx)
        self.outbox = ctx.Queue()
        for i in range(self.jobs):
            inbox = ctx.Queue(_QUEUE_CHUNKS)
            proc = ctx.Process(target=_replay_worker, args=(inbox, self.outbox, self.options, i),
                               name=f"pcache-audit-replay-{i}", daemon=True)
            proc.start()
            self.inboxes.append(inbox)
            self.procs.append(proc)

    def finish(self) -> PartialLedger:
        self._flush()
        while self.inflight:
            self._collect(self.inflight.popleft().result())
        for q in self.ordering.finish():
            self._route(q)
        parts = [skip_ledger(self.skips), self.ordering.ledger()]
        if self.part is not None:
            return merge([self.part.ledger(), *parts])
        if self.pool is None:  # nothing was replayable
            return merge(parts)
        for i, inbox in enumerate(self.inboxes):
            if self.buffers[i]:
                inbox.put(self.buffers[i])
                self.buffers[i] = []
            inbox.put(None)
        got: dict[int, PartialLedger] = {}
        while len(got) < len(self.procs):
            try:
                index, status, value = self.outbox.get(timeout=1.0)
            except queue.Empty:
                dead = [p for i, p in enumerate(self.procs) if i not in got and not p.is_alive()]
                if dead and self.outbox.empty():
                    raise RuntimeError(f"audit replay worker {dead[0].name} stopped (exit code "
                                       f"{dead[0].exitcode}) without a result")
                continue
            if status != "ok":
                raise RuntimeError(f"audit replay worker {index} failed:\n{value}")
            got[index] = value
        self.finished = True
        return merge([got[i] for i in sorted(got)] + parts)

    def close(self) -> None:
        if self.pool is not None:
            for f in self.inflight:
                f.cancel()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        for proc in self.procs:
            if self.finished:
                proc.join(timeout=5)
            if proc.is_alive():  # stopped early (an error, Ctrl-C): the worker waits for more input
                proc.terminate()
                proc.join()
        for q in [*self.inboxes, *([self.outbox] if self.outbox is not None else [])]:
            if not self.finished:
                q.cancel_join_thread()  # data nobody will read: do not wait to flush it
            q.close()
            q.join_thread()
        self.procs, self.inboxes, self.outbox = [], [], None

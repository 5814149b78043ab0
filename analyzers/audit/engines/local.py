"""The local engine: the stages in this process (``--jobs 1``) or in worker processes (``--jobs N``).

With N workers: batches of records go to a pool of N processes for tokenize+hash (one tokenizer per
process, at most ``2 N`` batches in flight).  A line-based log (a reader with ``records_of_lines``: the
JSONL one) is only split here: a plain file into byte ranges of whole lines that the workers read themselves
(``read_block``), a compressed one or stdin into lines; the workers parse them, sum their money ledger rows
(``Ledger.merge`` adds them up here) and report bad lines, which are listed in file order with the
ones this process found.  The prepared requests come back in read order into the time-order
heap and are replayed here, as with one job: the replay is ~10 % of a request's cost (the workers'
parse+render+tokenize is the rest), less than handing each request on to replay processes would cost
(packing it again here, unpacking it there; measured: 0.3 s more CPU in all on the 100 MB log, for a
main process no less busy).  Memory stays flat: the in-flight batches and the heap are bounded, and
the replay keeps only live blocks.

The cyclic garbage collector is tuned for the run (``quiet_gc``): the heap holds the vocabulary and
the price data, which every full collection would walk again, and a request's parsed body makes
thousands of containers that die young; measured 11-14 % of the CPU of ``--jobs 1`` (100 MB log).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from contextlib import contextmanager

from ..readers.interface import Record
from ..stages.interface import (Ordering, PartialLedger, PartitionReplay, Prepared, Skip, StageOptions, merge,
                                skip_ledger, tokenize_batch)
from ..stages.types import pack_prepared, unpack_prepared

BATCH = 256  # records per tokenize batch
BLOCK_BYTES = 2 << 20  # bytes of whole lines per worker task (a plain file)
# gen-0 collections every this many new containers (CPython's default: 700); a parsed request body
# alone makes hundreds, all freed with it, so collections this often only walk the young garbage
GC_THRESHOLD = (20_000, 20, 20)


@contextmanager
def quiet_gc():
    """The collector tuned for an audit: what is alive when it starts (modules, the vocabulary, price
    data) moved out of its reach (``gc.freeze``), collections less frequent; restored after."""
    old, frozen = gc.get_threshold(), gc.get_freeze_count()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        if not frozen:  # a caller's own frozen objects stay frozen
            gc.unfreeze()


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


def read_chunk(reader_name: str, path: str, reader_options, ledger_args: tuple, lines: list[tuple[int, str]],
               base_seq: int, options: StageOptions, seqs: list[int] | None = None):
    """In a worker: lines of a log -> (prepared requests, the ledger of their records, bad lines).  A
    record's seq: ``base_seq`` + its index in ``lines``, or ``seqs[index]``."""
    from ..ledger import Ledger
    from ..readers.registry import BY_NAME

    multiplier, model_map = ledger_args
    ledger = Ledger(multiplier, dict(model_map))
    records, errs = BY_NAME[reader_name].records_of_lines(lines, reader_options, path)
    kept = []
    for i, rec in records:
        if rec.usage is None:
            continue
        if model_map and rec.model in ledger.model_map:
            rec.model = ledger.model_map[rec.model]
        ledger.add(rec)
        kept.append((base_seq + i if seqs is None else seqs[i], rec))
    return pack_prepared(tokenize_batch(kept, options)), ledger, errs


def tokenize_packed(records: list[tuple[int, Record]], options: StageOptions) -> list:
    """In a worker: ``tokenize_batch``, packed for the way back (``pack_prepared``)."""
    return pack_prepared(tokenize_batch(records, options))


def read_block(reader_name: str, path: str, reader_options, ledger_args: tuple, start: int, length: int,
               first_line: int, limit: int, base_seq: int, options: StageOptions, name: str | None = None):
    """In a worker: the whole lines at bytes [start, start + length) of a plain file, line ``first_line``
    first, read here and split, checked and decoded as ``inputs.LineReader`` does (over-long lines,
    UTF-8, byte order mark), then ``read_chunk`` (a record's seq: ``base_seq`` + its line number; its
    path: ``name``, the URL of a local copy, else ``path``)."""
    from ...inputs import line_text, too_long_line

    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(length)
    raws = data.split(b"\n")
    if raws and not raws[-1]:
        raws.pop()  # the block ends with a line end, not with an empty line
    errs: list[tuple[int, str]] = []
    on_error = lambda n, message: errs.append((n, message))  # noqa: E731
    lines = []
    for n, raw in enumerate(raws, first_line):
        if len(raw) > limit:
            errs.append((n, too_long_line(limit)))
            continue
        text = line_text(raw, n, on_error)
        if text is not None:
            lines.append((n, text.rstrip("\r\n")))
    prepared, ledger, more = read_chunk(reader_name, name or path, reader_options, ledger_args, lines, 0, options,
                                        [base_seq + n for n, _ in lines])
    return prepared, ledger, errs + more


def _plain_file(path: str) -> bool:
    """A regular file that is not gzip-compressed (nor named .gz): its lines can be read by byte range."""
    from ...inputs import GZIP_MAGIC

    if path == "-" or path.endswith(".gz") or not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as f:
            return f.read(2) != GZIP_MAGIC
    except OSError:
        return False


class _LineErrors:
    """Collects the errors ``text_lines`` finds while this process reads (merged in line order later)."""

    def __init__(self):
        self.found: list[tuple[int, str]] = []

    def add(self, path: str, line: int | None, message: str) -> None:
        self.found.append((line or 0, message))


def _preload(options: StageOptions) -> None:
    """What every worker loads anyway, loaded once before they fork (and shared with them): the price
    data, the default vocabulary and a tokenizer stage, and the modules the workers' first batch would
    import each (the price tables alone: 60 ms a process)."""
    import genai_prices  # noqa: F401
    import genai_prices.data  # noqa: F401

    from ... import pricing, suggest_requests  # noqa: F401
    from ...vocab import load_encoding
    from ..stages.tokenize import _state

    load_encoding("o200k_base")
    _state(options)


class LocalEngine:
    name = "local"

    def __init__(self, options: StageOptions, jobs: int = 1, address: str | None = None):
        self.options = options
        self.jobs = max(1, int(jobs))
        self.batch: list[tuple[int, Record]] = []
        self.seq = 0
        self.ordering = Ordering(options.reorder_window)
        self.skips: list[Skip] = []
        self.part = PartitionReplay(options)
        self.pool = None
        self.inflight: deque = deque()
        self.name = ""  # what the records and errors of the file being read are named

    # -- input --------------------------------------------------------------------------------------

    @property
    def takes_lines(self) -> bool:
        """Whether ``read_lines`` parses in workers (else records come one by one through ``add``)."""
        return self.jobs > 1

    def bind(self, ledger, errors, ledger_args: tuple) -> None:
        """Where ``read_lines`` adds the records' ledger rows and the bad lines the workers find."""
        self.ledger, self.errors, self.ledger_args = ledger, errors, ledger_args

    def add(self, record: Record) -> None:
        self.batch.append((self.seq, record))
        self.seq += 1
        if len(self.batch) >= BATCH:
            self._flush()

    def read_lines(self, reader_name: str, path: str, reader_options, progress=None, name: str | None = None) -> None:
        """Read a line-based log here and parse it in the workers (``reader.records_of_lines``): the
        main process only splits lines, the records' ledger rows and errors come back in file order.
        Records and errors are named ``name`` (the URL of a local copy), else ``path``."""
        from ..readers.interface import text_lines

        self._flush()
        self.name = name or path
        if _plain_file(path):
            self._read_blocks(reader_name, path, reader_options, progress)
            return
        found = _LineErrors()
        lines: list[tuple[int, str]] = []
        try:
            for n, line in text_lines(path, found, progress):
                lines.append((n, line))
                if len(lines) >= BATCH:
                    self._submit_lines(reader_name, path, reader_options, lines, found)
                    lines = []
        finally:  # a file that ends early (bad gzip ...) keeps the lines read before
            self._submit_lines(reader_name, path, reader_options, lines, found)

    def _read_blocks(self, reader_name: str, path: str, reader_options, progress=None) -> None:
        """A plain file: this process only finds line ends (``bytes.rfind``, no decoding) and hands
        the workers byte ranges of whole lines to read themselves (``read_block``); a line longer than
        the input limit is skipped here without holding it, as ``inputs.LineReader`` does."""
        from ...inputs import LIMITS, too_long_line

        limit = LIMITS.max_bytes
        base = self.seq
        line = 1  # number of the first line not handed out yet
        sent = 0  # file offset where it starts
        found = _LineErrors()
        with open(path, "rb") as f:
            total = os.fstat(f.fileno()).st_size
            pos = 0  # bytes read
            window = bytearray()  # the bytes read from ``sent`` on
            while True:
                data = f.read(BLOCK_BYTES)
                pos += len(data)
                window += data
                cut = window.rfind(b"\n")
                if cut >= 0:  # whole lines: to a worker
                    lines = window.count(b"\n", 0, cut + 1)
                    self._submit_block(reader_name, path, reader_options, sent, cut + 1, line, limit, base, found)
                    sent += cut + 1
                    line += lines
                    del window[:cut + 1]
                if len(window) > limit:  # one line, over the limit already: skip the rest of it
                    found.add(path, line, too_long_line(limit))
                    line += 1
                    window.clear()
                    while data:
                        data = f.read(BLOCK_BYTES)
                        pos += len(data)
                        end = data.find(b"\n")
                        if end >= 0:
                            window += data[end + 1:]
                            break
                    sent = pos - len(window)
                    if data:
                        continue  # the lines after it
                if progress is not None:
                    progress(pos, total)
                if not data:
                    break
            if window:  # the last line has no line end
                self._submit_block(reader_name, path, reader_options, sent, len(window), line, limit, base, found)
                line += 1
        self._submit_lines(reader_name, path, reader_options, [], found)  # errors found after the last block
        self.seq = base + line

    def _submit_block(self, reader_name, path, reader_options, start, length, line, limit, base,
                      found: _LineErrors) -> None:
        if self.pool is None:
            self._start()
        fut = self.pool.submit(read_block, reader_name, path, reader_options, self.ledger_args, start, length, line,
                               limit, base, self.options, self.name)
        self.inflight.append((fut, self.name, found.found))
        found.found = []
        self._wait(2 * self.jobs)

    def _submit_lines(self, reader_name, path, reader_options, lines, found: _LineErrors) -> None:
        if self.pool is None:
            self._start()
        fut = self.pool.submit(read_chunk, reader_name, self.name, reader_options, self.ledger_args, lines, self.seq,
                               self.options) if lines else None
        self.seq += len(lines)
        self.inflight.append((fut, self.name, found.found))
        found.found = []
        self._wait(2 * self.jobs)

    def _flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        if self.jobs == 1:
            self._collect(tokenize_batch(batch, self.options))
            return
        if self.pool is None:
            self._start()
        self.inflight.append((self.pool.submit(tokenize_packed, batch, self.options), None, None))
        self._wait(2 * self.jobs)

    def _wait(self, limit: int) -> None:
        """Collect finished work, in submission order, until at most ``limit`` items are in flight."""
        while len(self.inflight) > limit:
            fut, path, main_errors = self.inflight.popleft()
            got = fut.result() if fut is not None else ([], None, [])
            if path is None:
                self._collect(unpack_prepared(got))
                continue
            prepared, ledger, errs = got
            if ledger is not None:
                self.ledger.merge(ledger)
            for line, message in sorted(main_errors + errs, key=lambda e: e[0]):
                self.errors.add(path, line or None, message)
            self._collect(unpack_prepared(prepared))

    def drain(self) -> None:
        """Everything read so far is accounted (before a file-level error is added, to keep the order)."""
        self._wait(0)

    def _collect(self, prepared: list) -> None:
        for p in prepared:
            if isinstance(p, Skip):
                self.skips.append(p)
                continue
            for q in self.ordering.push(p):
                self._route(q)

    def _route(self, p: Prepared) -> None:
        self.part.feed(p)

    # -- workers ------------------------------------------------------------------------------------

    def _start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        ctx = _context()
        if ctx.get_start_method() == "fork":
            _preload(self.options)
            gc.freeze()  # the workers inherit it: no copy of every preloaded page on their first collection
        self.pool = ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_worker_gc)

    def finish(self) -> PartialLedger:
        self._flush()
        self._wait(0)
        for q in self.ordering.finish():
            self._route(q)
        return merge([self.part.ledger(), skip_ledger(self.skips), self.ordering.ledger()])

    def close(self) -> None:
        if self.pool is not None:
            for f, _path, _errors in self.inflight:
                if f is not None:
                    f.cancel()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _worker_gc() -> None:
    """A worker's collector, tuned as ``quiet_gc`` tunes this process's (the worker lives for the run)."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)

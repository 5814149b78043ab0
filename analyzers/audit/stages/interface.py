"""The stages of ``pcache audit``'s cache replay, as pure functions over picklable values.

    read (readers/)                          Record ...   (line-based logs: parsed in the workers too)
      -> tokenize_batch(records, options)    [Prepared | Skip] ...        stateless, batched (a map)
      -> scope (Prepared.scope)              the cache a request can share: the partition key
      -> order_requests(prepared, options)   time order: ``order`` and ``at`` set on each request
      -> replay_partition(requests, options) PartialLedger                one fold per partition
      -> merge(partials)                     PartialLedger                associative, commutative
      -> report(partial, ledger, data, opts) ReplaySummary, groups ...    (engine.py renders the rest)

Every value crossing a stage is a plain dataclass of ints, strings, floats and ``array('I')`` token
arrays: picklable, so a stage runs in a worker process (``--jobs``) or a Ray task the same way.

**Scope (partition key).**  ``Prepared.scope`` names the cache a request can read from; requests of
different scopes never share cached tokens, so each scope replays on its own and any grouping of
scopes into partitions gives the same per-request outcome.  OpenAI legacy: model + the first
``step`` (128) tokens of the what-if layout (the tokens the replay's prompt groups start with, so a
group never spans two scopes; coarser than OpenAI's ~256-token routing window, i.e. a union of routing
scopes: requests that share less than ``minimum`` tokens never read each other's blocks anyway).  The
replay models perfect routing, so ``prompt_cache_key`` and the organisation do not split its cache
(they are kept for the traffic statistics).  Every other regime (Anthropic, Gemini, DeepSeek, GPT-5.6
breakpoints, self-hosted): regime + model + provider + the first ``max(minimum, 1)`` tokens: a read
needs a shared prefix of at least ``minimum`` tokens, so requests that differ before it never share.
Block hashes are seeded with the scope, so the partition boundary is exact by construction.

**Time order.**  ``order_requests`` is the one sequential step: a bounded reorder heap (``reorder_window``
requests) over the prepared requests in read order (``seq``), key (time, seq); it gives each request its
``order`` (position in the replay) and ``at`` (the replay clock: its time, never earlier than the previous
OpenAI legacy request's; a request without a time gets the previous one's) and counts ``out_of_order``.
Each partition then replays its requests sorted by ``order``.  A distributed engine that sorts by
(time, seq) instead gets the same order whenever no record is more than ``reorder_window`` records late
and every record has a time (``order_requests`` can still be applied to the sorted stream to set
``at`` and the counters; it never reorders a sorted stream).

**Merge.**  ``PartialLedger`` holds only sums (integers; dollars as ``Usd``: exact integer tokens per
price weight), maxima, and "first by order" picks, so ``merge`` is associative and commutative and the
report is byte-identical for any partitioning: ``--jobs 1``, ``--jobs N`` and a cluster.

What a distributed engine (``--engine ray``) calls, all importable from this module::

    from pcache.analyzers.audit.stages import interface as st

    options = st.stage_options(audit_options, data)           # driver, once; picklable (data:
                                                              #   engine._legacy_data())
    # map, one tokenizer per worker (cached per process):
    out = st.tokenize_batch([(seq, record), ...], options)    # -> [Prepared | Skip], same order;
                                                              #   seq = the record's position in
                                                              #   the input (file order), unique
    # Skips: st.skip_ledger(skips) -> PartialLedger (no replay needed)
    # time order (sequential, cheap; or sort by (time, seq), see "Time order" above):
    ordering = st.Ordering(options.reorder_window)
    for p in prepared_in_seq_order: ready = list(ordering.push(p))   # then ordering.finish()
    # shuffle by p.scope; per scope (or any union of scopes), sorted by p.order:
    partial = st.replay_partition(requests, options)          # -> PartialLedger
    # reduce (any grouping, any order):
    total = st.merge([*partials, st.skip_ledger(skips), ordering.ledger()])
    rep = st.report(total, ledger, data, audit_options, options)   # -> Report
    # engine.py turns rep into the AuditReport (money ledger rows + replay), as for the local engine

The money ledger (``ledger.Ledger``: what was paid) is a sum too: a worker that parses lines itself builds
Records with the reader's own per-line code (``readers.jsonl.JsonlReader.records_of_lines(lines, reader_options,
path)``, as the local engine's ``engines.local.read_chunk`` does), adds them to a ``Ledger`` of its own and the
driver adds those up with ``Ledger.merge`` before ``Ledger.priced_rows``.

Records and ``Prepared`` are plain picklable dataclasses; ``Prepared`` carries token arrays and usage
counts, never the request body.  The local engine (``engines/local.py``) runs the same calls in worker
processes.  ``PartitionReplay`` is ``replay_partition`` one request at a time (streaming).
"""

from __future__ import annotations

from .types import PartialLedger, Prepared, Skip, StageOptions, stage_options  # noqa: F401
# The stage functions (one module each); importing them here gives a worker one import.
from .tokenize import tokenize_batch
from .order import Ordering, order_requests
from .partition import PartitionReplay, replay_partition
from .merge import merge, skip_ledger
from .report import Report, report

__all__ = ["StageOptions", "Skip", "Prepared", "PartialLedger", "stage_options", "tokenize_batch",
           "Ordering", "order_requests", "PartitionReplay", "replay_partition", "merge", "skip_ledger",
           "Report", "report"]

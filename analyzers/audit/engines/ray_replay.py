"""The replay of ``--engine ray``: every cache scope folded in time order, streaming, in bounded blocks.

Within a scope the cache state after a request depends on every earlier request of the scope (the
block store, the group's last request, the traffic window, the what-if's fork of the store), so a
scope's replay is one sequential fold over its requests in replay order; scopes never share state
(``stages/interface.py``: block hashes are seeded with the scope), so different scopes fold in
parallel.  A ``groupby(scope).map_groups`` would hand one call a whole scope, and the common case of
real traffic is one dominant scope (one system prompt): at 1 TB that scope is hundreds of GB.  Instead:

1. ``Dataset.sort(["part", "order"])`` into ``requests / FOLD_ROWS`` blocks: Ray Data's range-partitioned
   sort (boundaries sampled over both columns, so a large scope is cut into many blocks at order
   values).  Output blocks hold contiguous, non-overlapping ranges of (scope, order).
2. The driver reads each block's first and last row key (a tiny task per block) and puts the blocks in
   key order.
3. One Ray task per block (``fold_block``) replays the block's scope segments in order.  A segment whose
   scope continues in the next block hands its ``PartitionReplay`` state (live blocks, groups, traffic
   windows, what-if store: bounded by the TTL horizon, not by the scope's length) to that block's task
   as an object reference, so a scope that spans k blocks is a chain of k tasks; blocks that start a
   new scope do not wait for anything.  Memory per task: one block plus one scope's live state.

Exact: each scope is folded in the same order as the local engine's, from the same empty state, so
every request gets the outcome it gets there; the ledgers are merged with ``stages.merge``, which is
associative and commutative.  What differs from ``--jobs 1`` is only what differs for ``--jobs N``
too: ``max_blocks`` and ``max_groups`` (the store's and the group table's caps, 4 M blocks and
100 k groups) apply per scope here and per partition there; a log that reaches either cap in one
scope is replayed approximately by every engine alike.  Time-range cuts inside a scope (parallel folds
of one scope) are not made: they would be exact only across an idle gap longer than the optimistic
TTL, and the fold itself (about 0.05 ms per request) is not what limits a cluster; the chain is.
"""

from __future__ import annotations

import pickle

from ..stages.interface import PartialLedger, PartitionReplay, merge

# Requests per sorted block (the fold's unit): a block of requests like the benchmark log's (9.3 KB per
# pickled request) is ~19 MB; the sort cuts the log into ceil(requests / FOLD_ROWS) ranges.
FOLD_ROWS = 2048


def _carry_out(part: PartitionReplay):
    """A scope's replay state as it crosses to the next block's task.  ``TrafficStats`` pickles without
    its sliding window (a finished ledger does not need it); a fold that continues does."""
    return part, {k: list(ts.window) for k, ts in part.out.traffic.items()}


def _carry_in(carry) -> PartitionReplay:
    from collections import deque

    part, windows = carry
    for k, window in windows.items():
        part.out.traffic[k].window = deque(window)
    return part


def fold_block(block, carry, continues: bool, setup: bytes):
    """The scope segments of one sorted block, replayed in order: (the merged ledger of the segments
    that end here, the state of the last segment when its scope continues in the next block, else
    None).  ``carry``: the state of this block's first scope from the previous block, or None."""
    from ray.data.block import BlockAccessor

    stage = pickle.loads(setup).stage
    block = BlockAccessor.for_block(block).to_arrow()
    parts = block.column("part").to_pylist()
    orders = block.column("order").to_numpy()
    ats = block.column("at").to_numpy()
    items = block.column("item")
    done: list[PartialLedger] = []
    part = _carry_in(carry) if carry is not None else None
    scope = parts[0] if parts else None
    for i, p in enumerate(parts):
        if p != scope:
            done.append(part.ledger())
            part, scope = None, p
        if part is None:
            part = PartitionReplay(stage)
        req = pickle.loads(items[i].as_py())
        req.order, req.at = int(orders[i]), float(ats[i])
        part.feed(req)
    if part is not None and not continues:
        done.append(part.ledger())
        part = None
    return merge(done), (_carry_out(part) if part is not None else None)


def _bounds(block):
    """(first scope, first order, last scope, last order) of a sorted block; None when it is empty."""
    from ray.data.block import BlockAccessor

    block = BlockAccessor.for_block(block).to_arrow()
    if block.num_rows == 0:
        return None
    parts, orders = block.column("part"), block.column("order")
    return (parts[0].as_py(), int(orders[0].as_py()), parts[-1].as_py(), int(orders[-1].as_py()))


class ChainStats:
    """How a run went (benchmarks/scaling.py reports it): the sorted blocks, the blocks that continued a
    scope from the previous one and the longest such chain, the bytes the sort moved, the requests, and
    the driver's wall seconds per phase."""

    def __init__(self):
        self.blocks = self.continued = self.longest_chain = 0
        self.sorted_bytes = self.requests = 0
        self.seconds: dict[str, float] = {}


def sort_blocks(ray, timed, requests: int, stats: ChainStats | None = None) -> list:
    """``timed``: a Dataset of ``requests`` rows {part (scope), order, at, item (pickled ``Prepared``)},
    sorted into blocks of about ``FOLD_ROWS``: [((first scope, first order, last scope, last order),
    block ref)] in key order.  Only the sorted blocks stay referenced (the caller drops ``timed``)."""
    bounds = ray.remote(max_retries=0)(_bounds)
    # the sort makes as many ranges as its input has blocks; split (no shuffle) into that many first
    ordered = timed.repartition(max(1, -(-requests // FOLD_ROWS))).sort(["part", "order"])
    bundles = list(ordered.iter_internal_ref_bundles())
    refs = [r for bundle in bundles for r in bundle.block_refs]
    if stats is not None:
        stats.sorted_bytes = sum(bundle.size_bytes() for bundle in bundles)
    del bundles
    keys = ray.get([bounds.remote(r) for r in refs])
    return sorted(((k, r) for k, r in zip(keys, refs) if k is not None), key=lambda kr: kr[0][:2])


def fold_sorted(ray, blocks: list, setup: bytes, stats: ChainStats | None = None) -> list[PartialLedger]:
    """The ledgers of every scope of ``sort_blocks``' blocks, folded as the module docstring says."""
    fold = ray.remote(num_returns=2, max_retries=0)(fold_block)
    stats = stats if stats is not None else ChainStats()
    ledgers, carry, chain = [], None, 0
    for i, (key, ref) in enumerate(blocks):
        first, last = key[0], key[2]
        joins = i > 0 and blocks[i - 1][0][2] == first
        continues = i + 1 < len(blocks) and blocks[i + 1][0][0] == last
        led, carry = fold.remote(ref, carry if joins else None, continues, setup)
        ledgers.append(led)
        stats.blocks += 1
        chain = chain + 1 if joins else 1
        stats.continued += joins
        stats.longest_chain = max(stats.longest_chain, chain)
    del carry, blocks
    # merged in block order, 64 at a time (the driver holds a few ledgers, not one per block); the order
    # is fixed so that the picks of ``merge`` that keep the first of equals are the same on every run
    return [merge(ray.get(ledgers[i:i + 64])) for i in range(0, len(ledgers), 64)]

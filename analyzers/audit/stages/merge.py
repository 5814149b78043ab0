"""Stage 5, merge: ``PartialLedger``s -> one, associative and commutative (sums, maxima, first by order).

A group, a traffic key or a ledger row lives in one scope, so in one partition; when two partials hold
the same key (the ``other`` group past ``max_groups``, a row of two scopes) their sums add up and the
values that name one request (examples, ``where``) come from the earlier one in replay order.
"""

from __future__ import annotations

from typing import Iterable

from ..replay import BoundStats, ClassStats, GroupStats
from .types import PartialLedger, Skip
from .partition import TrafficStats

_INT_FIELDS = ("requests", "input_tokens", "replayed_tokens", "actual", "predicted", "optimistic", "ideal",
               "token_mismatch", "layout_tokens", "alt_predicted", "alt_optimistic", "moved_requests",
               "out_of_order", "no_time")
_USD_FIELDS = ("actual_usd", "predicted_usd", "optimistic_usd", "layout_usd", "alt_predicted_usd")
_SUM_KEYS = ("n", "total", "rendered", "output", "a_read", "a_write", "a_w1h", "p_read", "p_write", "p_w1h")


def skip_ledger(skips: Iterable[Skip]) -> PartialLedger:
    out = PartialLedger()
    for s in skips:
        got = out.skipped.get(s.reason)
        if got is None:
            out.skipped[s.reason] = [s.seq, s.n]
        else:
            got[0] = min(got[0], s.seq)
            got[1] += s.n
    return out


def merge(partials: Iterable[PartialLedger]) -> PartialLedger:
    """One ``PartialLedger`` holding the sums of ``partials`` (which are not modified)."""
    out = PartialLedger()
    for p in partials:
        _add(out, p)
    return out


def _add(out: PartialLedger, p: PartialLedger) -> None:
    for f in _INT_FIELDS:
        setattr(out, f, getattr(out, f) + getattr(p, f))
    for f in _USD_FIELDS:
        getattr(out, f).merge(getattr(p, f))
    out.any_time = out.any_time or p.any_time
    out.peak_blocks = max(out.peak_blocks, p.peak_blocks)
    for c, cs in p.classes.items():
        out.classes.setdefault(c, ClassStats()).merge(cs)
    for k, g in p.groups.items():
        mine = out.groups.get(k)
        if mine is None:
            out.groups[k] = _copy_group(g)
        else:
            _merge_group(mine, g)
    for k, b in p.bounds.items():
        out.bounds.setdefault(k, BoundStats()).merge(b)
    for k, ch in p.changes.items():
        mine = out.changes.get(k)
        if mine is None:
            out.changes[k] = [ch[0], ch[1], ch[2], ch[3], type(ch[4])().merge(ch[4])]
        else:
            if ch[0] < mine[0]:
                mine[0], mine[1] = ch[0], ch[1]
            mine[2] += ch[2]
            mine[3] += ch[3]
            mine[4].merge(ch[4])
    for k, row in p.left_rows.items():
        mine = out.left_rows.get(k)
        if mine is None:
            mine = out.left_rows[k] = [0, type(row[1])(), 0, type(row[3])()]
        mine[0] += row[0]
        mine[1].merge(row[1])
        mine[2] += row[2]
        mine[3].merge(row[3])
    for k, ts in p.traffic.items():
        mine = out.traffic.get(k)
        if mine is None:
            mine = out.traffic[k] = TrafficStats(ts.group, ts.key, ts.first)
        mine.first = min(mine.first, ts.first) if mine.requests else ts.first
        mine.requests += ts.requests
        mine.peak_rpm = max(mine.peak_rpm, ts.peak_rpm)
        mine.over += ts.over
        mine.unexplained += ts.unexplained
        mine.unexplained_over += ts.unexplained_over
    for regime, econ in p.econ.items():
        mine = out.econ.get(regime)
        if mine is None:
            from ..economics import TtlEconomics

            mine = out.econ[regime] = TtlEconomics(econ.ttl_5m, econ.ttl_1h, econ.regime)
        _merge_econ(mine, econ)
    for k, n in p.diagnoses.items():
        out.diagnoses[k] = out.diagnoses.get(k, 0) + n
    for k, row in p.sums.items():
        mine = out.sums.get(k)
        if mine is None:
            out.sums[k] = dict(row)
            continue
        if row["first"] < mine["first"]:
            mine["first"], mine["cm"] = row["first"], row["cm"]
        for f in _SUM_KEYS:
            mine[f] += row[f]
        mine["estimate"] = mine["estimate"] or row["estimate"]
    for reason, (first, n) in p.skipped.items():
        mine = out.skipped.get(reason)
        if mine is None:
            out.skipped[reason] = [first, n]
        else:
            mine[0] = min(mine[0], first)
            mine[1] += n


def _copy_group(g: GroupStats) -> GroupStats:
    new = GroupStats(g.key, g.model)
    _merge_group(new, g)
    return new


def _merge_group(mine: GroupStats, g: GroupStats) -> None:
    first = mine.requests == 0
    mine.requests += g.requests
    mine.input_tokens += g.input_tokens
    mine.actual_cached += g.actual_cached
    mine.predicted_cached += g.predicted_cached
    mine.ideal_cached += g.ideal_cached
    mine.wasted_usd.merge(g.wasted_usd)
    mine.layout_usd.merge(g.layout_usd)
    mine.left_tokens += g.left_tokens
    mine.possible_cached += g.possible_cached
    for c, n in g.misses.items():
        mine.misses[c] = mine.misses.get(c, 0) + n
    if first:
        mine.example, mine.where, mine.where_rank = g.example, g.where, g.where_rank
    elif g.where_rank > mine.where_rank:  # the 'other' group in two partitions: the stronger pick
        mine.where, mine.where_rank = g.where, g.where_rank
        if mine.example is None:
            mine.example = g.example


_PREFIX_SUMS = ("first_5m", "rewrites_5m", "rewrite_requests", "writes_1h", "write_events_1h", "long_reads_1h",
                "long_read_requests", "unread_5m", "unread_1h", "unread_events")


def _merge_econ(mine, other) -> None:
    """Cache-write economics of two partitions: their prefixes (a prefix lives in one scope, so in one
    partition), their counters summed, the log's end the later one.  The merged object owns the prefixes
    (``report`` closes them)."""
    mine.requests += other.requests
    mine.no_time += other.no_time
    mine.idle_over_1h += other.idle_over_1h
    mine.end = max(mine.end, other.end)
    for d, e in other.prefixes.items():
        have = mine.prefixes.get(d)
        if have is None:
            mine.prefixes[d] = e
            continue
        for f in _PREFIX_SUMS:  # the same prefix under two providers: one entry, as one process sees it
            setattr(have, f, getattr(have, f) + getattr(e, f))
        if e.last_use > have.last_use:
            have.last_use, have.ttl = e.last_use, e.ttl
            have.open_tokens, have.open_ttl, have.read_since = e.open_tokens, e.open_ttl, e.read_since

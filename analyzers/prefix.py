"""Corpus prefix analysis: sort token sequences, compare neighbours, form groups.

Sorting byte strings of fixed-width tokens puts every set of sequences sharing a prefix next to each
other, so the longest common prefix of any contiguous range is the minimum of the adjacent LCPs.
That gives groups, outliers and divergences in O(total tokens + n log n), never O(n^2).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

_WIDTH = 4  # bytes per token in array('I')


def lcp(a: bytes, b: bytes) -> int:
    """Number of leading tokens two encoded sequences share."""
    m = min(len(a), len(b))
    if a[:m] == b[:m]:
        return m // _WIDTH
    x = int.from_bytes(a[:m], "big") ^ int.from_bytes(b[:m], "big")
    first_diff_byte = m - (x.bit_length() + 7) // 8
    return first_diff_byte // _WIDTH


@dataclass
class PrefixGroup:
    members: list[int]  # indexes into the input, in input order
    prefix_tokens: int  # tokens all members share
    split: tuple[int, int] | None  # two members that differ right after the prefix


@dataclass
class Placement:
    """How one sequence relates to the corpus."""

    group: int | None  # index into groups, or None
    token: int  # where it leaves its group's shared prefix (or its nearest neighbour's)
    other: int | None  # a sequence it differs from at ``token``
    too_short: bool
    # Not in a group, but it carries the group's content later on (a timestamp or id broke the
    # prefix early): an outlier worth reporting, as opposed to an unrelated prompt.
    outlier: bool = False


@dataclass
class PrefixAnalysis:
    shared_prefix_tokens: int
    groups: list[PrefixGroup]
    placements: list[Placement]


_MAX_GROUPS_COMPARED = 64


def analyze(sequences: list, minimum: int, origins: list[str] | None = None) -> PrefixAnalysis:
    """Group token sequences (``array('I')``) that share at least ``minimum`` leading tokens."""
    n = len(sequences)
    keys = [s.tobytes() if sys.byteorder == "little" else _le(s) for s in sequences]
    if n == 0:
        return PrefixAnalysis(0, [], [])
    order = sorted(range(n), key=keys.__getitem__)
    shared = lcp(keys[order[0]], keys[order[-1]]) if n > 1 else len(sequences[0])
    short = [len(s) < minimum for s in sequences]
    ranked = [i for i in order if not short[i]]  # sorted, without the too-short ones
    adj = [0] + [lcp(keys[ranked[k - 1]], keys[ranked[k]]) for k in range(1, len(ranked))]

    groups: list[PrefixGroup] = []
    group_of = [None] * n
    k = 0
    while k < len(ranked):
        end = k + 1
        while end < len(ranked) and adj[end] >= minimum:
            end += 1
        if end - k >= 2:
            run = range(k + 1, end)
            prefix = min(adj[j] for j in run)
            split_at = next(j for j in run if adj[j] == prefix)
            members = sorted(ranked[k:end])
            g = len(groups)
            groups.append(PrefixGroup(members, prefix, (ranked[split_at - 1], ranked[split_at])))
            for j in range(k, end):
                group_of[ranked[j]] = g
        k = end

    placements: list[Placement | None] = [None] * n
    for i in range(n):
        if short[i]:
            placements[i] = Placement(None, len(sequences[i]), None, True)
    # Nearest group member on each side, with the LCP to it (min of adjacent LCPs on the way).
    left = _nearest_member(ranked, adj, group_of, forward=True)
    right = _nearest_member(ranked, adj, group_of, forward=False)
    rank = {v: r for r, v in enumerate(ranked)}
    for k, i in enumerate(ranked):
        g = group_of[i]
        if g is not None:
            grp = groups[g]
            lo, hi = grp.split
            # members sorted before the split point differ from ``hi`` at the prefix, the rest from ``lo``
            other = hi if rank[i] < rank[hi] else lo
            placements[i] = Placement(g, grp.prefix_tokens, other if other != i else lo, False)
            continue
        cands = [c for c in (left[k], right[k]) if c is not None]
        if cands:  # maybe an outlier of a group: where it leaves the closest group
            if len(groups) <= _MAX_GROUPS_COMPARED:  # every group, not only the sorted neighbours
                cands = [(lcp(keys[i], keys[g.members[0]]), g.members[0]) for g in groups]
            # Prefer the group whose content the prompt carries later on, then the longer match,
            # then a group from the same file.
            scored = [(_rejoins(keys[i], keys[o], t, groups[group_of[o]].prefix_tokens), t,
                       origins is not None and origins[o] == origins[i], -o, o) for t, o in cands]
            rejoins, tok, _, _, other = max(scored)
            placements[i] = Placement(None, tok, other, False, outlier=rejoins)
            continue
        else:  # no group near: its nearest neighbour
            nb = []
            if k > 0:
                nb.append((adj[k], ranked[k - 1]))
            if k + 1 < len(ranked):
                nb.append((adj[k + 1], ranked[k + 1]))
            tok, other = max(nb) if nb else (len(sequences[i]), None)
        placements[i] = Placement(None, tok, other, False)
    return PrefixAnalysis(shared, groups, placements)  # type: ignore[arg-type]


def _rejoins(seq: bytes, member: bytes, diverged_at: int, prefix_tokens: int, probe: int = 16) -> bool:
    """Whether ``seq`` contains, after ``diverged_at``, a stretch of the group's shared prefix taken
    from after the same point (one C-level search, no per-token loop)."""
    start = max(diverged_at + 1, (diverged_at + prefix_tokens) // 2)
    if prefix_tokens - start < probe:
        start = max(diverged_at + 1, prefix_tokens - probe)
    needle = member[start * _WIDTH:(start + probe) * _WIDTH]
    if len(needle) < _WIDTH:
        return False
    pos = seq.find(needle, (diverged_at + 1) * _WIDTH)
    while pos >= 0 and pos % _WIDTH:
        pos = seq.find(needle, pos + 1)
    return pos >= 0


def _nearest_member(ranked, adj, group_of, forward: bool):
    """For each rank: (LCP with the nearest group member on one side, that member) or None."""
    out: list[tuple[int, int] | None] = [None] * len(ranked)
    cur: tuple[int, int] | None = None
    seq = range(len(ranked)) if forward else range(len(ranked) - 1, -1, -1)
    prev = None
    for k in seq:
        if prev is not None:
            link = adj[k] if forward else adj[prev]
            if group_of[ranked[prev]] is not None:
                cur = (link, ranked[prev])
            elif cur is not None:
                cur = (min(cur[0], link), cur[1])
        out[k] = cur
        prev = k
    return out


def _le(seq) -> bytes:
    from array import array

    a = array("I", seq)
    a.byteswap()
    return a.tobytes()


def analyze_partitioned(sequences: list, families: list[str], minimum: int | dict[str, int],
                        origins: list[str] | None = None) -> PrefixAnalysis:
    """``analyze`` within each family (a cache is never shared across models or between framed
    requests and bare text), merged back into input order; the corpus-wide shared prefix stays global.
    ``minimum`` may differ per family (each model's cache has its own minimum)."""
    minimums = minimum if isinstance(minimum, dict) else {f: minimum for f in families}
    by_family: dict[str, list[int]] = {}
    for i, f in enumerate(families):
        by_family.setdefault(f, []).append(i)
    if len(by_family) <= 1:
        return analyze(sequences, minimums[families[0]] if families else 0, origins)
    overall = analyze(sequences, 1 << 62)  # nothing is long enough to group: just the shared prefix
    groups: list[PrefixGroup] = []
    placements: list[Placement | None] = [None] * len(sequences)
    for fam, idx in by_family.items():
        part = analyze([sequences[i] for i in idx], minimums[fam],
                       [origins[i] for i in idx] if origins is not None else None)
        offset = len(groups)
        for g in part.groups:
            groups.append(PrefixGroup([idx[m] for m in g.members], g.prefix_tokens,
                                      (idx[g.split[0]], idx[g.split[1]]) if g.split else None))
        for j, p in enumerate(part.placements):
            placements[idx[j]] = Placement(
                None if p.group is None else p.group + offset, p.token,
                None if p.other is None else idx[p.other], p.too_short, p.outlier)
    order = sorted(range(len(groups)), key=lambda g: min(groups[g].members))
    renumber = {old: new for new, old in enumerate(order)}
    for p in placements:
        if p is not None and p.group is not None:
            p.group = renumber[p.group]
    return PrefixAnalysis(overall.shared_prefix_tokens, [groups[g] for g in order], placements)  # type: ignore[arg-type]

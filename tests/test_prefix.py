"""Prefix grouping against a brute-force reference and on a 1,000-prompt corpus with known divergences."""

from __future__ import annotations

import random
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from pcache.analyzers.prefix import analyze, lcp
from conftest import common_prefix_len


def _arr(xs):
    return array("I", xs)


@given(st.lists(st.integers(0, 300_000), max_size=40), st.lists(st.integers(0, 300_000), max_size=40))
def test_lcp_matches_elementwise(a, b):
    assert lcp(_arr(a).tobytes(), _arr(b).tobytes()) == common_prefix_len(a, b)
    common = [7, 7, 9, 300_000, 0]
    assert lcp(_arr(common + a).tobytes(), _arr(common + b).tobytes()) == 5 + common_prefix_len(a, b)


seqs = st.lists(st.lists(st.integers(0, 3), min_size=0, max_size=12), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(seqs, st.integers(1, 6))
def test_groups_are_exactly_the_components_of_share_at_least_minimum(raw, minimum):
    pa = analyze([_arr(s) for s in raw], minimum)
    n = len(raw)
    # reference: connected components of "share >= minimum tokens", long-enough prompts only
    ok = [len(s) >= minimum for s in raw]
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for i in range(n):
        for j in range(i + 1, n):
            if ok[i] and ok[j] and common_prefix_len(raw[i], raw[j]) >= minimum:
                parent[find(i)] = find(j)
    comps = {}
    for i in range(n):
        if ok[i]:
            comps.setdefault(find(i), []).append(i)
    expected = sorted(sorted(c) for c in comps.values() if len(c) > 1)
    assert sorted(g.members for g in pa.groups) == expected
    for g in pa.groups:
        shared = min(common_prefix_len(raw[i], raw[j]) for i in g.members for j in g.members if i != j)
        assert g.prefix_tokens == shared
    overall = min((common_prefix_len(raw[i], raw[j]) for i in range(n) for j in range(n) if i != j),
                  default=len(raw[0]))
    assert pa.shared_prefix_tokens == overall
    for i, p in enumerate(pa.placements):
        assert p.too_short == (not ok[i])
        if p.too_short:
            continue
        if p.group is not None:
            assert p.token == pa.groups[p.group].prefix_tokens
            assert common_prefix_len(raw[i], raw[p.other]) == p.token
        elif pa.groups:  # ungrouped: where it leaves a group it is compared with
            assert any(p.other in g.members for g in pa.groups)
            assert p.token == common_prefix_len(raw[i], raw[p.other])
            if not p.outlier:  # an unrelated prompt is compared where it gets furthest
                best = max(common_prefix_len(raw[i], raw[j]) for g in pa.groups for j in g.members)
                assert p.token == best


def test_thousand_prompts_with_known_divergence_points():
    """45 of every 50 share a long head; the rest break it at a known token (a "timestamp")."""
    rng = random.Random(7)
    head = [rng.randrange(200_000) for _ in range(1846)]
    seqs, expected_outlier_at = [], {}
    for i in range(1000):
        tail = [rng.randrange(200_000) for _ in range(rng.randrange(20, 400))]
        s = head + tail
        if i % 50 == 49:  # outlier: a different token at a known position before 1024
            at = rng.randrange(1, 1000)
            s = s[:]
            s[at] = 200_001 + i  # unique: no other prompt has it
            expected_outlier_at[i] = at
        seqs.append(_arr(s))
    pa = analyze(seqs, 1024)
    assert len(pa.groups) == 1
    (g,) = pa.groups
    assert g.prefix_tokens == 1846
    assert set(g.members) == set(range(1000)) - set(expected_outlier_at)
    for i, at in expected_outlier_at.items():
        p = pa.placements[i]
        assert p.group is None and p.token == at and p.other in g.members and p.outlier
    assert pa.shared_prefix_tokens == min(expected_outlier_at.values())
    for i in g.members:
        assert pa.placements[i].token == 1846


def test_short_prompts_are_too_short_not_divergences():
    pa = analyze([_arr([1] * 10), _arr([1] * 2000), _arr([1] * 1999 + [2])], 1024)
    assert pa.placements[0].too_short
    assert [g.members for g in pa.groups] == [[1, 2]]
    assert pa.groups[0].prefix_tokens == 1999


def test_unrelated_prompt_is_not_an_outlier():
    rng = random.Random(1)
    head = [rng.randrange(1000) for _ in range(1500)]
    members = [_arr(head + [rng.randrange(1000) for _ in range(50)]) for _ in range(3)]
    unrelated = _arr(head[:10] + [rng.randrange(1000, 2000) for _ in range(1500)])
    broken = _arr(head[:10] + [99_999] + head[10:])  # an id inserted: the content follows shifted
    pa = analyze(members + [unrelated, broken], 1024)
    assert len(pa.groups) == 1
    assert not pa.placements[3].outlier and pa.placements[3].token == 10
    assert pa.placements[4].outlier and pa.placements[4].token == 10


def test_families_never_group_together():
    from pcache.analyzers.prefix import analyze_partitioned

    head = list(range(1200))
    seqs = [_arr(head + [1]), _arr(head + [2]), _arr(head + [3]), _arr(head + [4])]
    pa = analyze_partitioned(seqs, ["a", "b", "a", "b"], 1024)
    assert sorted(g.members for g in pa.groups) == [[0, 2], [1, 3]]
    assert pa.shared_prefix_tokens == 1200
    assert [p.group for p in pa.placements] == [0, 1, 0, 1]

"""The audit stages (analyzers/audit/stages): any partitioning of the cache scopes, replayed apart and
merged in any order, gives the report one partition gives, on the real corpora and a generated log."""

from __future__ import annotations

import json
import pickle
import random
from decimal import Decimal

import pytest
from conftest import AUDIT_CORPORA, audit_corpus_paths, generated_audit_log

CORPORA = AUDIT_CORPORA


@pytest.fixture(scope="module")
def generated_log(tmp_path_factory):
    return generated_audit_log(tmp_path_factory, 300)


def _paths(name, generated_log):
    return audit_corpus_paths(CORPORA, name, generated_log)


def _records(paths):
    from pcache.analyzers.audit.readers.interface import ReadErrors, ReaderOptions
    from pcache.analyzers.audit.readers.registry import pick_reader

    out = []
    for path in paths:
        for rec in pick_reader(str(path), None).read(str(path), ReaderOptions(), ReadErrors()):
            if rec.usage is not None:
                out.append(rec)
    return out


def _report(partial, stage, options, data):
    from pcache.analyzers.audit.ledger import Ledger
    from pcache.analyzers.audit.stages.interface import report
    from pcache.cli.render.audit import group_dict, replay_dict

    rep = report(partial, Ledger(stage.batch_multiplier), data, options, stage)
    return json.dumps({"replay": replay_dict(rep.summary), "groups": [group_dict(g) for g in rep.groups],
                       "other": rep.other_groups, "notes": rep.notes,
                       "left": sorted((list(map(str, k)), v) for k, v in rep.left_rows.items())},
                      default=str, sort_keys=False)


@pytest.mark.parametrize("name", [*CORPORA, "generated"])
def test_any_partitioning_gives_the_same_report(name, generated_log):
    from pcache.analyzers.audit.engine import AuditOptions, _legacy_data
    from pcache.analyzers.audit.stages import interface as st

    records = _records(_paths(name, generated_log))
    data = _legacy_data()
    options = AuditOptions()
    stage = st.stage_options(options, data)
    prepared, skips = [], []
    for i in range(0, len(records), 50):  # batches as a map would cut them
        for p in st.tokenize_batch([(i + j, r) for j, r in enumerate(records[i:i + 50])], stage):
            (skips if isinstance(p, st.Skip) else prepared).append(p)
    ordered, ordering = st.order_requests(prepared, stage)
    scopes = sorted({p.scope for p in ordered})
    assert len(scopes) > 1, "the corpus must hold more than one cache scope to test partitioning"
    whole = st.merge([st.replay_partition(ordered, stage), st.skip_ledger(skips), ordering])
    expected = _report(whole, stage, options, data)
    rng = random.Random(len(scopes))
    for k in (2, 3, len(scopes)):
        owner = {s: rng.randrange(k) for s in scopes}
        parts = [st.replay_partition([p for p in ordered if owner[p.scope] == i], stage) for i in range(k)]
        parts = [pickle.loads(pickle.dumps(p)) for p in parts]  # as from a worker process
        rng.shuffle(parts)
        merged = st.merge([st.skip_ledger(skips), *parts, ordering])
        assert _report(merged, stage, options, data) == expected, f"{k} partitions"


def test_dollar_sums_do_not_depend_on_order():
    from pcache.analyzers.audit.usd import Usd

    rng = random.Random(1)
    terms = [(rng.randrange(1, 5000), rng.choice([2.5e-6, 1.25e-6, 7.5e-8, 1e-7 / 3])) for _ in range(2000)]
    exact = sum(Decimal(t) * Decimal(w) for t, w in terms)
    sums = []
    for _ in range(3):
        rng.shuffle(terms)
        a, b = Usd(), Usd()
        for i, (t, w) in enumerate(terms):
            (a if i % 2 else b).add(t, w)
        sums.append(float(a.merge(b)))
    assert len(set(sums)) == 1
    assert abs(Decimal(sums[0]) - exact) < Decimal("1e-12")


def _audit_json(paths, jobs, **kw):
    from pcache.analyzers.audit.engine import AuditOptions, run_audit
    from pcache.cli.render.audit import render_audit_json

    return render_audit_json(run_audit([str(p) for p in paths], options=AuditOptions(jobs=jobs, **kw)))


def test_jobs_two_gives_the_report_of_jobs_one(generated_log):
    """Worker processes (the parse+tokenize pool; the replay stays in the main process) change nothing in the report:
    all the real corpora at once (OpenAI chat/responses, Anthropic, pydantic-ai) and a generated log."""
    import threading

    paths = [p for name in CORPORA for p in _paths(name, generated_log)] + generated_log
    before = threading.active_count()
    one = _audit_json(paths, 1)
    two = _audit_json(paths, 2)
    assert json.loads(one)["replay"]["requests"] > 300
    assert two == one
    assert threading.active_count() == before  # the queues' and the pool's threads are gone


def test_audit_restores_the_garbage_collector(generated_log):
    """The audit tunes the cyclic collector for its run (``engines.local.quiet_gc``) and gives it back as
    it found it: thresholds, and no object left frozen (nor a caller's frozen objects thawed)."""
    import gc

    before, frozen_before = gc.get_threshold(), gc.get_freeze_count()
    _audit_json(generated_log, 2)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0 if not frozen_before else gc.get_freeze_count() >= frozen_before
    keep = [object() for _ in range(3)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        _audit_json(generated_log, 1)
        assert gc.get_freeze_count() >= frozen and gc.get_threshold() == before
    finally:
        gc.unfreeze()
    del keep


def test_jobs_two_with_a_volatile_pattern_and_redaction(generated_log):
    kw = dict(volatile=(r"\d{4}-\d\d-\d\d",), redact=True, top_groups=50)
    assert _audit_json(generated_log, 2, **kw) == _audit_json(generated_log, 1, **kw)


def test_jobs_two_reports_bad_lines_as_jobs_one(generated_log, tmp_path):
    """Lines parsed in worker processes: malformed lines anywhere (across the 256-line chunks) are
    counted and listed in file order, the same as when one process reads the file."""
    lines = generated_log[0].read_text(encoding="utf-8").splitlines()
    assert len(lines) > 290
    bad = {3: "{not json", 255: "[1, 2]", 256: '{"request": {"messages": []}}', 257: "\x00\x01 not json",
           290: '{"usage": {"prompt_tokens": -5}}'}
    out = []
    for i, line in enumerate(lines):
        out.append(bad.get(i, line))
    log = tmp_path / "bad.jsonl"
    log.write_text("\n".join(out) + "\n", encoding="utf-8")
    one, two = _audit_json([log], 1), _audit_json([log], 2)
    assert json.loads(one)["errors"]["lines"] >= len(bad)
    assert two == one


def test_jobs_two_reads_plain_files_by_byte_range_as_jobs_one_reads_lines(generated_log, tmp_path, monkeypatch):
    """With --jobs 2 a plain file's lines are read by the workers (byte ranges of whole lines): a byte order
    mark, CRLF ends, blank lines, non-UTF-8 lines, lines over the input limit (one at the very end without
    a line end) and a last line without a line end give the report and errors of one process reading lines."""
    from pcache.analyzers import inputs
    from pcache.analyzers.audit.engines import local

    monkeypatch.setattr(local, "BLOCK_BYTES", 64 << 10)  # many blocks, lines across block ends
    monkeypatch.setattr(inputs.LIMITS, "max_bytes", 100_000)
    lines = generated_log[0].read_bytes().split(b"\n")[:90]
    out = [b"\xef\xbb\xbf" + lines[0]]
    for i, line in enumerate(lines[1:], 1):
        out.append({1: line + b"\r", 2: b"", 3: line[:40] + b"\xff" + line[40:], 4: b"x" * 250_000,
                    5: b"   "}.get(i % 7, line))
    for tail in (b"y" * 150_000, lines[5]):
        log = tmp_path / "mixed.jsonl"
        log.write_bytes(b"\n".join(out) + b"\n" + tail)
        one, two = _audit_json([log], 1), _audit_json([log], 2)
        errors = json.loads(one)["errors"]
        assert errors["lines"] >= 25 and any("input limit" in e for e in errors["examples"])
        assert json.loads(one)["replay"]["requests"] > 30
        assert two == one

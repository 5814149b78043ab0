#!/usr/bin/env python3
"""Per-stage costs of ``pcache audit`` on one core, the inputs of the scaling model in SCALING.md.

On a log (default: the 100 MB benchmark log) it times each stage of ``analyzers/audit/stages`` in this
process, one core, no Ray: read (pcache's reader), tokenize+hash (``tokenize_batch``), the driver's time
order (``Ordering`` over three numbers per request, as the Ray engine runs it), and the replay
(``replay_partition`` per cache scope), and measures what crosses the shuffle: the pickled ``Prepared``
per request.  Optionally (``--ray``) it then runs ``pcache audit --engine ray`` on the same log and
reports the throughput per worker it reached, next to what the per-stage costs predict.

Examples::

    python benchmarks/scaling.py                          # the 100 MB benchmark log
    python benchmarks/scaling.py --log benchmarks/out/corpus/log_10MB.jsonl --ray
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(log: str) -> dict:
    from pcache.analyzers.audit.engine import AuditOptions, _legacy_data
    from pcache.analyzers.audit.readers.interface import ReadErrors, ReaderOptions
    from pcache.analyzers.audit.readers.registry import pick_reader
    from pcache.analyzers.audit.stages.interface import (Ordering, Skip, replay_partition, stage_options,
                                                          tokenize_batch)

    stage = stage_options(AuditOptions(), _legacy_data())
    t = time.perf_counter()
    errors = ReadErrors()
    records = [r for r in pick_reader(log).read(log, ReaderOptions(), errors) if r.usage is not None]
    t_read = time.perf_counter() - t

    tokenize_batch([], stage)  # the worker's tokenizer state, built once (as in an actor's constructor)
    prepared, skipped = [], 0
    t = time.perf_counter()
    numbered = list(enumerate(records))
    for i in range(0, len(numbered), 256):
        for p in tokenize_batch(numbered[i:i + 256], stage):
            if isinstance(p, Skip):
                skipped += 1
            else:
                prepared.append(p)
    t_tok = time.perf_counter() - t
    sizes = [len(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)) for p in prepared]
    tokens = [len(p.tokens) for p in prepared]

    t = time.perf_counter()
    ordering = Ordering(stage.reorder_window)
    ordered = []
    for p in prepared:
        ordered.extend(ordering.push(p))
    ordered.extend(ordering.finish())
    t_order = time.perf_counter() - t

    scopes: dict[str, list] = {}
    for p in ordered:
        scopes.setdefault(p.scope, []).append(p)
    t = time.perf_counter()
    per_scope = []
    for reqs in scopes.values():
        t1 = time.perf_counter()
        replay_partition(reqs, stage)
        per_scope.append((len(reqs), time.perf_counter() - t1))
    t_replay = time.perf_counter() - t
    biggest = max(per_scope)
    n = len(records)
    mb = os.path.getsize(log) / 1e6
    return {
        "log": log, "mb": round(mb, 1), "records": n, "replayed": len(prepared), "skipped": skipped,
        "bytes_per_record": round(mb * 1e6 / n), "tokens_per_request": round(statistics.mean(tokens)),
        "read_s": round(t_read, 2), "tokenize_s": round(t_tok, 2), "order_s": round(t_order, 3),
        "replay_s": round(t_replay, 2), "scopes": len(scopes), "largest_scope_requests": biggest[0],
        "largest_scope_s": round(biggest[1], 2),
        "shuffle_bytes_per_request": round(statistics.mean(sizes)),
        "shuffle_bytes_per_log_byte": round(sum(sizes) / (mb * 1e6), 2),
        # one core, all stages: what one worker does per second
        "worker_requests_per_s": round(n / (t_read + t_tok + t_replay), 1),
        "worker_mb_per_s": round(mb / (t_read + t_tok + t_replay), 2),
        "order_requests_per_s": round(len(prepared) / t_order) if t_order else None,
    }


def ray_run(log: str, jobs: int) -> dict:
    """``--engine ray`` on ``log`` in this process (Ray local mode, ``jobs`` CPUs): wall time, Ray's start,
    the driver's seconds per phase, the sorted blocks and the bytes the sort moved per request, and
    whether the JSON report is the local engine's."""
    from pcache.analyzers.audit.engine import AuditOptions, _legacy_data, report_of, run_audit
    from pcache.analyzers.audit.engines.interface import AuditJob
    from pcache.analyzers.audit.engines.ray_data import RayEngine
    from pcache.analyzers.audit.readers.interface import ReaderOptions
    from pcache.analyzers.audit.stages.interface import stage_options
    from pcache.cli.render.audit import render_audit_json

    options = AuditOptions()
    data = _legacy_data()
    stage = stage_options(options, data)
    engine = RayEngine()
    t = time.perf_counter()
    got = report_of(engine.audit(AuditJob((log,), None, ReaderOptions(), (), stage.batch_multiplier, stage, jobs)),
                    data, options, stage)
    wall = time.perf_counter() - t
    st = engine.stats
    same = render_audit_json(got) == render_audit_json(run_audit([log], options=AuditOptions(jobs=1)))
    return {"wall_s": round(wall, 1), "seconds": st.seconds, "requests": st.requests,
            "sorted_blocks": st.blocks, "blocks_continuing_a_scope": st.continued, "longest_chain": st.longest_chain,
            "sorted_bytes_per_request": round(st.sorted_bytes / max(1, st.requests)),
            "same_json_as_local": same}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--log", default=str(HERE / "out" / "corpus" / "log_100MB.jsonl"))
    ap.add_argument("--ray", action="store_true", help="also run --engine ray on the log (Ray local mode)")
    ap.add_argument("--jobs", type=int, default=2, help="Ray workers (CPUs) for --ray")
    args = ap.parse_args(argv)
    if not os.path.exists(args.log):
        print(f"scaling.py: {args.log}: no such file (python benchmarks/make_corpus.py log --size 100MB "
              f"--out {args.log})", file=sys.stderr)
        return 2
    out = measure(args.log)
    if args.ray:
        r = ray_run(args.log, args.jobs)
        out["ray"] = r
        per_worker = out["worker_requests_per_s"]
        predicted = out["records"] / (per_worker * args.jobs)
        measured = r["wall_s"] - r["seconds"].get("start", 0.0)
        out["ray"]["predicted_s_without_start"] = round(predicted, 1)
        out["ray"]["measured_s_without_start"] = round(measured, 1)
        out["ray"]["measured_requests_per_s_per_worker"] = round(out["records"] / measured / args.jobs, 1)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

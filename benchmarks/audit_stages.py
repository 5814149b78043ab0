#!/usr/bin/env python3
"""CPU per request of each stage of ``pcache audit`` (the ``--jobs 1`` path, in this process, no profiler).

Runs the stages the local engine runs, in its batches of 256 lines, on one log, and times each with
``time.process_time`` (CPU seconds: much less sensitive than wall time to the other jobs of a shared
machine, though not to their use of the caches):

* read: ``records_of_lines`` (``json.loads`` of the line, the JSON depth guard, the ``Record``: usage,
  time, model);
* ledger: the money ledger's row of each record;
* tokenize+hash: ``tokenize_batch``, split into rendering (the tool list shared with earlier requests,
  then ``framing.render_body``), the what-if layout, encoding (planning the text runs and tiktoken over the
  distinct ones) and joining the token arrays; the rest (classification, ``Prepared``) is the difference;
* transfer (``--jobs N`` only, measured apart on the prepared requests): ``pack_prepared`` in a worker,
  pickling there and unpickling in the main process, ``unpack_prepared``;
* order + replay: the time-order heap and the partition replay (OpenAI legacy block replay, what-if).

Fixed costs (imports, the vocabulary, the price data) are printed apart.  The report is not built.

    python benchmarks/audit_stages.py benchmarks/out/corpus/log_100MB.jsonl
"""

from __future__ import annotations

import argparse
import pickle
import time
from decimal import Decimal

CPU = time.process_time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("log")
    ap.add_argument("--batch", type=int, default=256, help="lines per batch (the local engine's: 256)")
    args = ap.parse_args(argv)

    t0 = CPU()
    from pcache.analyzers.audit import engine
    from pcache.analyzers.audit.engines.local import _preload, quiet_gc
    from pcache.analyzers.audit.ledger import Ledger
    from pcache.analyzers.audit.readers.interface import ReaderOptions
    from pcache.analyzers.audit.readers.registry import BY_NAME
    from pcache.analyzers.audit.stages import tokenize
    from pcache.analyzers.audit.stages.interface import (Ordering, PartitionReplay, Skip, merge, skip_ledger,
                                                         stage_options, tokenize_batch)
    from pcache.analyzers.audit.stages.types import pack_prepared, unpack_prepared
    imports = CPU() - t0
    options = stage_options(engine.AuditOptions(), engine._legacy_data())
    t0 = CPU()
    _preload(options)
    preload = CPU() - t0

    parts: dict[str, float] = {}

    def timed(obj, name: str, label: str) -> None:
        inner = getattr(obj, name)

        def wrapper(*a, **k):
            start = CPU()
            try:
                return inner(*a, **k)
            finally:
                parts[label] = parts.get(label, 0.0) + CPU() - start

        setattr(obj, name, wrapper)

    state = tokenize._state(options)
    timed(state.tok, "_shared_tools", "render: tools shared with earlier requests")
    timed(state.tok, "render", "render: framing.render_body")
    timed(state.tok, "whatif_segments", "what-if layout")
    timed(state.encoder, "submit", "encode: plan + tiktoken (distinct texts)")
    timed(state.encoder, "result", "encode: join token arrays")

    with open(args.log, encoding="utf-8") as f:
        lines = [(n, line.rstrip("\n")) for n, line in enumerate(f, 1)]
    reader = BY_NAME["jsonl"]
    ledger = Ledger(Decimal("0.5"), {})
    ordering, replay = Ordering(options.reorder_window), PartitionReplay(options)
    stages = dict.fromkeys(("read", "ledger", "tokenize+hash", "order + replay"), 0.0)
    prepared_all, skips = [], []
    with quiet_gc():
        for i in range(0, len(lines), args.batch):
            start = CPU()
            records, _errors = reader.records_of_lines(lines[i:i + args.batch], ReaderOptions(), args.log)
            stages["read"] += CPU() - start
            start = CPU()
            kept = []
            for j, rec in records:
                if rec.usage is not None:
                    ledger.add(rec)
                    kept.append((i + j, rec))
            stages["ledger"] += CPU() - start
            start = CPU()
            prepared = tokenize_batch(kept, options)
            stages["tokenize+hash"] += CPU() - start
            prepared_all.append(prepared)
            start = CPU()
            for p in prepared:
                if isinstance(p, Skip):
                    skips.append(p)
                    continue
                for q in ordering.push(p):
                    replay.feed(q)
            stages["order + replay"] += CPU() - start
        start = CPU()
        for q in ordering.finish():
            replay.feed(q)
        merge([replay.ledger(), skip_ledger(skips), ordering.ledger()])
        stages["order + replay"] += CPU() - start

        transfer = dict.fromkeys(("pack (worker)", "pickle (worker)", "unpickle (main)", "unpack (main)"), 0.0)
        size = 0
        for prepared in prepared_all:
            start = CPU()
            packed = pack_prepared(prepared)
            mid = CPU()
            raw = pickle.dumps(packed, pickle.HIGHEST_PROTOCOL)
            end = CPU()
            transfer["pack (worker)"] += mid - start
            transfer["pickle (worker)"] += end - mid
            size += len(raw)
            start = CPU()
            got = pickle.loads(raw)
            mid = CPU()
            unpack_prepared(got)
            transfer["unpickle (main)"] += mid - start
            transfer["unpack (main)"] += CPU() - mid

    n = sum(1 for batch in prepared_all for p in batch if not isinstance(p, Skip))
    print(f"{args.log}: {n:,} requests replayed")
    print(f"fixed: imports {imports:.3f} s, vocabulary + price data + tokenizer state {preload:.3f} s")
    print(f"{'stage':46s} {'CPU s':>7s} {'us/request':>11s}")
    for name, secs in stages.items():
        print(f"{name:46s} {secs:7.3f} {secs / n * 1e6:11.1f}")
        if name == "tokenize+hash":
            for label, s in parts.items():
                print(f"  {label:44s} {s:7.3f} {s / n * 1e6:11.1f}")
            rest = secs - sum(parts.values())
            print(f"  {'classify, Prepared, the rest':44s} {rest:7.3f} {rest / n * 1e6:11.1f}")
    total = sum(stages.values())
    print(f"{'all stages (--jobs 1)':46s} {total:7.3f} {total / n * 1e6:11.1f}")
    moved = sum(transfer.values())
    for name, secs in transfer.items():
        print(f"  --jobs N: {name:36s} {secs:7.3f} {secs / n * 1e6:11.1f}")
    print(f"  --jobs N: transfer in all ({size / n:,.0f} bytes a request) {moved:7.3f} {moved / n * 1e6:11.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

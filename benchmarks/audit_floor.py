#!/usr/bin/env python3
"""The floor under ``pcache audit`` on a request log: what any exact audit must do at least once.

* ``json.loads`` of every line (the baseline the audit's speed is quoted against);
* a plain tiktoken pass over the log's UNIQUE texts only: every distinct message content (a string,
  or the text parts of a list) and every distinct tool list (as JSON), each encoded once with the
  model's encoding (``encode_ordinary``; what the audit's per-message memo must tokenize at least
  once, whatever it caches);
* the same texts with ``encode_ordinary_batch`` on every core (tiktoken's own threads);
* loading the vocabulary (``tiktoken.get_encoding``), once per process that tokenizes.

No pcache code runs here: these are independent lower bounds, to judge the audit's ratio against.

    python benchmarks/audit_floor.py /tmp/log_100MB.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def _texts(body: dict):
    for m in body.get("messages") or ():
        content = m.get("content") if isinstance(m, dict) else None
        if isinstance(content, str):
            yield content
        elif isinstance(content, list):
            for part in content:
                if isinstance(part, dict) and isinstance(part.get("text"), str):
                    yield part["text"]
    if body.get("tools"):
        yield json.dumps(body["tools"], sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("log")
    ap.add_argument("--encoding", default="o200k_base")
    args = ap.parse_args(argv)
    import tiktoken

    t0 = time.perf_counter()
    enc = tiktoken.get_encoding(args.encoding)
    enc.encode_ordinary("warm up")
    vocab_s = time.perf_counter() - t0
    with open(args.log, "rb") as f:
        raw = f.read()
    lines = raw.splitlines()
    t0 = time.perf_counter()
    requests = 0
    for line in lines:  # as run.py's baseline: nothing kept
        try:
            json.loads(line)
            requests += 1
        except ValueError:
            pass
    loads_s = time.perf_counter() - t0
    unique: dict[str, None] = {}
    all_chars = 0
    for line in lines:
        try:
            row = json.loads(line)
        except ValueError:
            continue
        body = row.get("request") if isinstance(row, dict) else None
        if isinstance(body, dict):
            for text in _texts(body):
                all_chars += len(text)
                unique.setdefault(text, None)
    texts = list(unique)
    t0 = time.perf_counter()
    tokens = sum(len(enc.encode_ordinary(t)) for t in texts)
    one_core_s = time.perf_counter() - t0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    t0 = time.perf_counter()
    enc.encode_ordinary_batch(texts, num_threads=cores)
    all_cores_s = time.perf_counter() - t0
    out = {"log": args.log, "bytes": len(raw), "requests": requests, "json_loads_s": round(loads_s, 3),
           "unique_texts": len(texts), "unique_chars": sum(map(len, texts)), "all_chars": all_chars,
           "unique_tokens": tokens, "tiktoken_unique_one_core_s": round(one_core_s, 3),
           "tiktoken_unique_all_cores_s": round(all_cores_s, 3), "cores": cores,
           "vocabulary_load_s": round(vocab_s, 3),
           "floor_one_core_x_json_loads": round((loads_s + one_core_s) / loads_s, 2),
           "load_average": [round(x, 2) for x in os.getloadavg()]}
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Peak memory of a whole process tree (a command and every process it starts: worker processes, Ray's
raylet, GCS server and workers), sampled from /proc while it runs.

Memory is the sum of the processes' PSS (``/proc/PID/smaps_rollup``): pages shared between processes
(Ray's object store in /dev/shm, the interpreter's libraries) are split between them, so the sum is
the tree's real footprint, where a sum of RSS would count every shared page once per process.  A
sample every ``interval`` seconds: a peak shorter than that can be missed (a lower bound).
"""

from __future__ import annotations

import os
import threading


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def tree(root: int) -> list[int]:
    kids = _children()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, ()))
    return out


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler:
    """``with TreeSampler(pid) as s: ...``; then ``s.peak_mb`` (PSS sum) and ``s.peak_procs``."""

    def __init__(self, root: int, interval: float = 0.2):
        self.root, self.interval = root, interval
        self.peak_mb = 0.0
        self.peak_procs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = tree(self.root)
            self.peak_procs = max(self.peak_procs, len(pids))
            self.peak_mb = max(self.peak_mb, sum(pss_kb(p) for p in pids) / 1024)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False

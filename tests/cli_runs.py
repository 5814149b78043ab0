"""Runs of the ``pcache`` CLI as a user's shell runs it, capped, and the invariants every run keeps (the
robustness tests: test_robustness.py, test_robustness_code.py).

Each run is a subprocess capped at 2 GiB of address space and 30 s of CPU (90 s of wall clock for a blocked
read), with no API key in its environment."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

PCACHE = [sys.executable, "-c", "from pcache.cli.app import main; main()"]
CAP_BYTES = 2 << 30
CPU_SECONDS = 30  # a loop burns CPU: killed (SIGXCPU) past 30 s of CPU time
TIMEOUT = 90  # a blocked read burns none: wall-clock limit, generous for a loaded CI machine


@dataclass
class Run:
    code: int
    out: str
    err: str
    args: tuple


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))


def pcache(*args, env: dict | None = None, cwd=None, timeout: int = TIMEOUT) -> Run:
    full_env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    full_env.update({"NO_COLOR": "1", "COLUMNS": "100", "GITHUB_STEP_SUMMARY": ""})
    full_env.pop("GITHUB_STEP_SUMMARY")
    for k, v in (env or {}).items():
        if v is None:
            full_env.pop(k, None)
        else:
            full_env[k] = v
    try:
        p = subprocess.run([*PCACHE, *map(str, args)], capture_output=True, timeout=timeout, preexec_fn=_cap,
                           stdin=subprocess.DEVNULL, env=full_env, cwd=cwd)
    except subprocess.TimeoutExpired:
        return Run(-999, "", f"hang: ran past {timeout} s", args)
    return Run(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), args)


def sane(r: Run, codes=(0, 1, 2)) -> Run:
    """The invariants of every run: no traceback, no internal error, no kill, no silent failure."""
    what = f"pcache {' '.join(map(str, r.args))}\n--- stderr:\n{r.err[-2000:]}"
    assert "Traceback" not in r.err and "Traceback" not in r.out, what
    assert "internal error" not in r.err, what
    assert r.code != -999, f"hang: {what}"
    assert r.code >= 0, f"killed by signal {-r.code}: {what}"
    assert r.code in codes, f"exit {r.code}: {what}"
    if r.code == 2:
        assert r.err.strip(), f"silent exit {r.code}: {what}"
    if r.code == 1 and "-o" not in r.args:  # findings: shown (with -o they are in the file)
        assert (r.out + r.err).strip(), f"silent exit {r.code}: {what}"
    for line in r.err.splitlines():
        assert len(line) < 2000, f"an error line of {len(line)} characters: {what}"
    return r


def run_all(runs: list[tuple], env: dict | None = None, timeout: int = TIMEOUT) -> list[Run]:
    """Each ``runs`` entry's arguments as one capped run, two at a time."""
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda args: pcache(*args, env=env, timeout=timeout), runs))


def check_all(results: list[Run], check) -> None:
    """``sane`` and ``check`` on every run; one failure lists every run that broke them (the first 8)."""
    problems = []
    for r in results:
        try:
            sane(r)
            check(r)
        except AssertionError as exc:
            problems.append(str(exc))
    assert not problems, "\n\n".join(problems[:8]) + f"\n({len(problems)} problem runs)"

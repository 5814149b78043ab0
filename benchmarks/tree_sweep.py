#!/usr/bin/env python3
"""Every command over whole real trees, capped: the crashes that only appear when real files are combined.

``benchmarks/hostile_sweep.py`` breaks one file of each format in every way a file breaks; this sweep points
the commands at real trees as a user does (``pcache lint .``): each fixture folder as a root and the fixture
tree as one root, every project folder of ``tests/fixtures/agents``, the corpora of ``../shared/corpora``,
``sample_prompts/``, hostile_sweep's broken files walked as one folder, and any ``--root`` given (a fetched
public repository).

Per root: ``scan``, ``lint``, ``probe --dry-run`` and ``audit``, each with ``--format json`` and text, one
capped subprocess a run (2 GiB of address space, ``--cpu`` seconds of CPU, ``--wall`` seconds of wall clock,
no API key).  Per file of the root: ``show FILE`` and ``diff FILE NEXT`` (the next file of the root), json and
text, run in-process by a capped worker (one import for thousands of runs; each run under an alarm); a failure
there is run again as its own subprocess to confirm it.

A run fails when it ends in a traceback or an internal error, a hang (past the wall clock), a kill or an exit
code outside 0/1/2, an exit 2 without a line on stderr (silent), or an error line that names no file of the
run.  Prints one line per failure and a table per command; exit 1 when any run failed.

    python benchmarks/tree_sweep.py                       # everything (about an hour of CPU)
    python benchmarks/tree_sweep.py --only lint,scan --no-files --root /tmp/some-repo
    python benchmarks/tree_sweep.py --roots-only tests/fixtures/python --json sweep.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

CAP_BYTES = 2 << 30
TREE_COMMANDS = {
    "scan": ("scan",),
    "lint": ("lint",),
    "probe": ("probe", "--dry-run"),
    "audit": ("audit",),
}
FILE_COMMANDS = ("show", "diff")
FORMATS = ("json", "text")


# --- the runs -----------------------------------------------------------------------------------------------

def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update({"NO_COLOR": "1", "COLUMNS": "100"})
    env.pop("GITHUB_STEP_SUMMARY", None)
    return env


def _capper(cpu: int):
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        os.nice(5)
    return cap


def run_one(argv: list[str], cpu: int, wall: int) -> dict:
    """``pcache ARGV`` as its own capped subprocess."""
    t0 = time.time()
    cmd = [sys.executable, "-c", "from pcache.cli.app import main; main()", *argv]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=wall, preexec_fn=_capper(cpu),
                           stdin=subprocess.DEVNULL, env=_env())
    except subprocess.TimeoutExpired:
        return {"argv": argv, "code": -999, "out": "", "err": f"hang: ran past {wall} s", "s": wall}
    return {"argv": argv, "code": p.returncode, "out": p.stdout.decode("utf-8", "replace")[-4000:],
            "err": p.stderr.decode("utf-8", "replace")[-4000:], "s": round(time.time() - t0, 1)}


class _Alarm(BaseException):
    """Past the per-run wall clock (a BaseException: no ``except Exception`` in the code under test eats it)."""


def worker(wall: int) -> None:
    """In-process runs: argv lists as JSON lines on stdin; ``start`` before each and a result after it on
    stdout, so the parent knows which run a dead worker was in."""
    from typer.testing import CliRunner

    from pcache.cli.app import app

    def alarm(*_):
        raise _Alarm()

    signal.signal(signal.SIGALRM, alarm)
    out = sys.stdout
    for line in sys.stdin:
        argv = json.loads(line)
        out.write(json.dumps({"start": argv}) + "\n")
        out.flush()
        t0 = time.time()
        signal.alarm(wall)
        try:
            r = CliRunner().invoke(app, argv, env={"NO_COLOR": "1", "COLUMNS": "100"})
            code, so, se = r.exit_code, r.stdout, r.stderr
            if r.exception is not None and not isinstance(r.exception, SystemExit):
                import traceback
                se += "Traceback (in-process)\n" + "".join(traceback.format_exception(r.exception))[-1500:]
        except _Alarm:
            code, so, se = -999, "", f"hang: ran past {wall} s"
        finally:
            signal.alarm(0)
        out.write(json.dumps({"argv": argv, "code": code, "out": so[-2000:], "err": se[-4000:],
                              "s": round(time.time() - t0, 2)}) + "\n")
        out.flush()


def run_batch(argvs: list[list[str]], cpu: int, wall: int, on_result=None) -> list[dict]:
    """``argvs`` through capped in-process workers; a worker that dies is its run's failure, and a new
    worker goes on with the next.  ``on_result(i, result)``, if given, is called as each run ends."""
    results: dict[int, dict] = {}
    todo = list(range(len(argvs)))
    while todo:
        errf = tempfile.TemporaryFile("w+")  # a file, not a pipe: a chatty worker cannot block on it
        p = subprocess.Popen([sys.executable, __file__, "--worker", "--wall", str(wall)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errf,
                             preexec_fn=_capper(cpu * 60), env=_env(), text=True)
        assert p.stdin and p.stdout

        def feed(stdin=p.stdin, todo=tuple(todo)):
            # from a thread: written whole before reading, the argvs fill the worker's stdin while its
            # results fill our stdout pipe, and both sides block (the per-file pass that never finished)
            try:
                for i in todo:
                    stdin.write(json.dumps(argvs[i]) + "\n")
                stdin.close()
            except (BrokenPipeError, OSError, ValueError):
                pass

        import threading
        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        current = None
        for line in p.stdout:
            msg = json.loads(line)
            if "start" in msg:
                current = msg["start"]
                continue
            i = next(j for j in todo if argvs[j] == msg["argv"] and j not in results)
            results[i] = msg
            current = None
            if on_result:
                on_result(i, msg)
        code = p.wait()
        errf.seek(0)
        err = errf.read()
        errf.close()
        if current is not None:  # died inside a run
            i = next(j for j in todo if argvs[j] == current and j not in results)
            results[i] = {"argv": current, "code": code if code < 0 else -998, "out": "",
                          "err": f"worker died (exit {code}): {err[-1500:]}", "s": 0}
            if on_result:
                on_result(i, results[i])
        todo = [j for j in todo if j not in results]
        if code == 0 and todo:  # should not happen: every argv answered
            break
    return [results.get(i, {"argv": a, "code": -997, "out": "", "err": "never ran", "s": 0})
            for i, a in enumerate(argvs)]


# --- what a run must keep -----------------------------------------------------------------------------------

def failure(r: dict, named: list[str]) -> tuple[str, str] | None:
    """(kind, detail) of what the run broke, or None.  ``named``: strings one of which an error line names
    (the paths given and the root's files are under them)."""
    err, code = r["err"], r["code"]
    first = lambda s: next((ln for ln in s.splitlines() if ln.strip()), "")[:300]  # noqa: E731
    if "Traceback" in err or "Traceback" in r["out"]:
        return "traceback", [ln for ln in err.splitlines() if ln.strip()][-1][:300]
    if "internal error" in err:
        return "internal error", first([ln for ln in err.splitlines() if "internal error" in ln][0])
    if code == -999:
        return "hang", err[:200]
    if code < 0 or code not in (0, 1, 2):
        return "exit code", f"exit {code}: {err[-300:]}"
    if code == 2 and not err.strip():
        return "silent exit", "exit 2, nothing on stderr"
    if code == 1 and not (r["out"] + err).strip():
        return "silent exit", "exit 1, nothing shown"
    if code == 2:
        errors = [ln for ln in err.splitlines() if ln.startswith("pcache:") and "warning" not in ln
                  and "malformed line(s) skipped" not in ln]
        if not errors:
            return "unnamed", f"exit 2 without an error line: {err[-300:]!r}"
        for ln in errors:
            if not any(n in ln for n in named) and not names_a_file(ln) and "no prompt" not in ln \
                    and "nothing to" not in ln:
                return "unnamed", ln[:300]
    return None


# --- the roots ----------------------------------------------------------------------------------------------

def hostile_tree(base: Path) -> Path:
    """hostile_sweep's broken files (every breakage but the huge ones) in one folder, with a good file."""
    import hostile_sweep as hs

    goods = hs.good_files()
    walked = base / "hostile-walked"
    for kind, how in hs.breakages(0.1).items():
        if kind.startswith("huge"):
            continue
        for name, body in goods.items():
            hs.make(walked / kind, name, how, body)
    (walked / "good.md").write_bytes(goods["bot.md"])
    return walked


def default_roots(base: Path) -> list[Path]:
    fx = ROOT / "tests" / "fixtures"
    shared = ROOT.parent / "shared" / "corpora"
    # the combined trees first: what only they show is what this sweep is for
    roots = [fx, fx / "agents"] + ([shared] if shared.is_dir() else [])
    roots += [ROOT / "sample_prompts", hostile_tree(base)]
    roots += [d for d in sorted(fx.iterdir()) if d.is_dir() and d.name != "agents"]
    if shared.is_dir():
        roots += [d for d in sorted(shared.iterdir()) if d.is_dir()]
    roots += [d for d in sorted((fx / "agents").iterdir()) if d.is_dir()]
    return roots


def files_of(root: Path, limit: int) -> list[Path]:
    """The root's files (links too; not the unreadable), at most ``limit``, spread evenly."""
    fs = sorted(p for p in root.rglob("*") if (p.is_file() or p.is_symlink()) and ".git" not in p.parts)
    if len(fs) > limit:
        fs = [fs[i * len(fs) // limit] for i in range(limit)]
    return fs


def shown(p) -> str:
    s = str(p)
    return s[len(str(ROOT)) + 1:] if s.startswith(str(ROOT) + "/") else s


def named_by(argv: list[str], root: Path) -> list[str]:
    """What an error line of the run may name: the paths given (a tree run's files are under its root; a
    per-file run names its own files, or another file by its path: see ``names_a_file``)."""
    given = [a for a in argv if not a.startswith("-")][1:]
    if argv[0] in FILE_COMMANDS:
        return given + [str(ROOT / a) for a in given]
    return given + [shown(root), root.name]


def names_a_file(line: str) -> bool:
    """``pcache: error: PATH[:LINE]: ...`` whose PATH is a file (a config file above the one shown)."""
    rest = line.split("pcache: error: ", 1)[-1]
    head = rest.split(": ", 1)[0]
    path = head.rsplit(":", 1)[0] if head.rsplit(":", 1)[-1].isdigit() else head
    return bool(path) and os.path.isfile(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--root", action="append", default=[], help="another root (repeatable)")
    ap.add_argument("--roots-only", nargs="*", help="only these roots (no defaults)")
    ap.add_argument("--only", default="", help="commands (comma-separated: scan,lint,probe,audit,show,diff)")
    ap.add_argument("--formats", default="json,text")
    ap.add_argument("--no-files", action="store_true", help="no per-file show/diff")
    ap.add_argument("--files-per-root", "--limit", dest="files_per_root", type=int, default=2000,
                    help="at most N files per root for show/diff, spread evenly over the sorted files")
    ap.add_argument("--cpu", type=int, default=300, help="CPU seconds per tree run")
    ap.add_argument("--wall", type=int, default=600, help="wall-clock seconds per tree run")
    ap.add_argument("--file-wall", type=int, default=60, help="wall-clock seconds per show/diff run")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", help="write every run's result here")
    args = ap.parse_args()
    if args.worker:
        worker(args.wall)
        return 0
    only = set(filter(None, args.only.split(","))) or set(TREE_COMMANDS) | set(FILE_COMMANDS)
    formats = [f for f in args.formats.split(",") if f]
    os.chdir(ROOT)
    base = Path(tempfile.mkdtemp(prefix="tree-sweep-"))
    roots = [Path(r) for r in args.root]
    roots += [Path(r) for r in args.roots_only] if args.roots_only is not None else default_roots(base)
    tree_runs, file_runs = [], []
    for root in roots:
        for name, cmd in TREE_COMMANDS.items():
            if name in only:
                tree_runs += [([*cmd, shown(root), *(["--format", "json"] if f == "json" else [])], root)
                              for f in formats]
        if args.no_files or not (only & set(FILE_COMMANDS)):
            continue
        fs = files_of(root, args.files_per_root)
        for i, p in enumerate(fs):
            for f in formats:
                fmt = ["--format", "json"] if f == "json" else []
                if "show" in only:
                    file_runs.append((["show", shown(p), *fmt], root))
                if "diff" in only and len(fs) > 1:
                    file_runs.append((["diff", shown(p), shown(fs[(i + 1) % len(fs)]), *fmt], root))
    # the same file under several roots is run once
    seen, unique = set(), []
    for argv, root in file_runs:
        if tuple(argv) not in seen:
            seen.add(tuple(argv))
            unique.append((argv, root))
    file_runs = unique
    print(f"{len(roots)} roots: {len(tree_runs)} tree runs, {len(file_runs)} file runs", flush=True)
    t0 = time.time()
    def tree_run(a):
        r = run_one(a[0], args.cpu, args.wall)
        bad = failure(r, named_by(*a))
        if bad:  # as they come (the table is at the end)
            print(f"  ... [{bad[0]}] pcache {' '.join(a[0])[:160]} ({r['s']} s)", flush=True)
        return r

    with ThreadPoolExecutor(args.jobs) as pool:
        tree_results = list(pool.map(tree_run, tree_runs))
    print(f"tree runs done ({time.time() - t0:.0f} s)", flush=True)
    chunks = [file_runs[i::args.jobs] for i in range(args.jobs)]
    import threading
    lock, done = threading.Lock(), Counter()

    def as_it_comes(j):  # each failure printed as it comes, and a running count
        def on_result(k, r):
            argv, root = chunks[j][k]
            bad = failure(r, named_by(argv, root))
            with lock:
                done["runs"] += 1
                done["failed"] += bool(bad)
                if bad:
                    print(f"  ... [{bad[0]}] pcache {' '.join(argv)[:160]} ({r['s']} s)\n"
                          f"      {bad[1][:200]}", flush=True)
                if done["runs"] % 100 == 0 or done["runs"] == len(file_runs):
                    print(f"  file runs: {done['runs']}/{len(file_runs)}, {done['failed']} failed "
                          f"(in-process, unconfirmed), {time.time() - t0:.0f} s", flush=True)
        return on_result

    with ThreadPoolExecutor(args.jobs) as pool:
        parts = list(pool.map(lambda j: run_batch([a for a, _ in chunks[j]], 60, args.file_wall,
                                                  as_it_comes(j)), range(len(chunks))))
    file_results = [None] * len(file_runs)
    for j, part in enumerate(parts):
        for k, r in enumerate(part):
            file_results[j + k * args.jobs] = r
    print(f"file runs done ({time.time() - t0:.0f} s)", flush=True)

    table: dict[str, Counter] = defaultdict(Counter)
    failures = []
    for (argv, root), r in zip(tree_runs + file_runs, tree_results + file_results):
        named = named_by(argv, root)
        bad = failure(r, named)
        if bad and argv[0] in FILE_COMMANDS:  # in-process: confirm as its own process
            r = run_one(argv, 60, args.file_wall)
            bad = failure(r, named)
        cmd = argv[0] + ("/json" if "json" in argv else "/text")
        table[cmd]["runs"] += 1
        table[cmd][f"exit {r['code']}"] += 1
        if bad:
            table[cmd][bad[0]] += 1
            failures.append({"argv": argv, "kind": bad[0], "detail": bad[1], "code": r["code"]})
            print(f"FAIL [{bad[0]}] pcache {' '.join(argv)[:200]}\n     {bad[1][:300]}", flush=True)
        r["kind"] = bad[0] if bad else None
    print(f"\n{'command':<12} {'runs':>6} {'fail':>5}  exits / failures")
    for cmd in sorted(table):
        c = table[cmd]
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if k != "runs")
        nfail = sum(v for k, v in c.items() if not k.startswith("exit") and k != "runs")
        print(f"{cmd:<12} {c['runs']:>6} {nfail:>5}  {kinds}")
    by_kind = Counter(f["kind"] for f in failures)
    total = len(tree_runs) + len(file_runs)
    print(f"\n{total} runs, {len(failures)} failed ({dict(by_kind)}), {time.time() - t0:.0f} s")
    if args.json:
        runs = [{"argv": a, "code": r["code"], "kind": r["kind"], "s": r["s"],
                 "err": [ln for ln in r["err"].splitlines() if ln.strip()][-3:]}
                for (a, _), r in zip(tree_runs + file_runs, tree_results + file_results)]
        Path(args.json).write_text(json.dumps({"roots": [shown(r) for r in roots], "failures": failures,
                                               "runs": runs,
                                               "table": {k: dict(v) for k, v in table.items()}}, indent=1))
    for p in base.rglob("*"):
        if not p.is_symlink() and p.is_file():
            p.chmod(0o600)
    import shutil
    shutil.rmtree(base, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmarks of pcache against the unavoidable work, in one run.

For every command (scan, lint, audit) and every corpus size it runs ``pcache`` in a child process and,
in the same run, a baseline that does only the unavoidable work on the same input:

* scan / lint: read the file(s), ``json.loads`` each request, and plain tiktoken
  ``encode_ordinary_batch`` over the message texts and tool JSON (no dedup, tiktoken's own threads);
* audit: a plain ``json.loads`` pass over every line of the log.

It prints wall time (median of ``--repeat`` runs), the ratio to the baseline, tokens/s and MB/s, the
peak RSS of the child (``os.wait4``), a row per size (linear scaling), and the cold start of
``pcache --help`` and ``pcache lint`` on one small template next to ``python -c pass`` and a bare
``tiktoken.get_encoding("o200k_base")``.  Commands not built yet are skipped with a note.

Examples::

    python benchmarks/run.py --quick            # < 3 minutes, prints every ratio
    python benchmarks/run.py --write            # full run, rewrites benchmarks/RESULTS.md
    python benchmarks/run.py --only scan,cold --quick
    python benchmarks/run.py --only audit-jobs  # audit --jobs 1 vs 2 on the 10 MB / 100 MB logs
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PY = sys.executable
PCACHE = [PY, "-m", "pcache.cli.app"]
_bin = Path(PY).parent / "pcache"
if _bin.exists():
    PCACHE = [str(_bin)]

# Any accidental download attempt fails at once instead of leaving the machine.
_OFFLINE_ENV = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
                "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
                "NO_COLOR": "1"}

# --- baselines (run as `python -c CODE ARGS` so they pay the same interpreter start) -------------
BASELINE_TOKENIZE = r"""
import json, os, sys
from pcache.analyzers.vocab import load_encoding
enc = load_encoding("o200k_base")
texts = []
for path in sys.argv[1:]:
    files = [path] if os.path.isfile(path) else sorted(
        os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs)
    for fp in files:
        with open(fp, encoding="utf-8") as f:
            if fp.endswith(".jsonl"):
                for line in f:
                    body = json.loads(line)
                    body = body.get("body", body.get("request", body))
                    for m in body.get("messages", []):
                        c = m.get("content")
                        if isinstance(c, str):
                            texts.append(m["role"] + "\n" + c)
                        elif isinstance(c, list):
                            texts.append("".join(p.get("text", "") for p in c))
                    if body.get("tools"):
                        texts.append(json.dumps(body["tools"]))
            else:
                texts.append(f.read())
tokens = sum(map(len, enc.encode_ordinary_batch(texts)))
print(json.dumps({"tokens": tokens, "texts": len(texts)}))
"""

BASELINE_JSON = r"""
import json, sys
n = bad = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        try:
            json.loads(line)
            n += 1
        except ValueError:
            bad += 1
print(json.dumps({"lines": n, "bad": bad}))
"""

ANALYSIS_MARKER = "<!-- analysis: kept by run.py --write -->"
BARE_TIKTOKEN = 'import tiktoken; tiktoken.get_encoding("o200k_base")'
PCACHE_VOCAB = 'from pcache.analyzers.vocab import load_encoding; load_encoding("o200k_base")'


@dataclass
class Run:
    seconds: float
    rss_mb: float
    code: int
    stdout: str = ""
    stderr: str = ""
    timed_out: bool = False
    runs: int = 1
    tree_rss_mb: float = 0.0  # peak of the summed PSS of the child and its descendants (sampled)
    cpu_s: float = 0.0  # CPU seconds of the child and the workers it waited for (os.wait4)
    main_cpu_s: float = 0.0  # CPU seconds of the child process alone (sampled from /proc, tree runs only)


def _cpu_of(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _tree_rss(root: int) -> int:
    """Bytes resident in ``root`` and every process below it (from /proc; 0 where there is none): the
    proportional set size (``Pss``), so pages a forked worker shares with its parent count once."""
    kids: dict[int, list[int]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return 0
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                for line in f:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError):
            pass
        todo.extend(kids.get(pid, []))
    return total


def run_once(argv: list[str], env: dict | None = None, capture: bool = False,
             timeout: float | None = None, tree: bool = False) -> Run:
    """Run ``argv``; wall time, the child's own peak RSS (``os.wait4``) and its output.  A child still
    running after ``timeout`` seconds is killed (by its pid) and reported as timed out.  ``tree``: also
    sample (every 20 ms) the RSS of the child and all its worker processes, summed."""
    import signal
    import tempfile

    e = dict(os.environ, **_OFFLINE_ENV, **(env or {}))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out if capture else subprocess.DEVNULL, stderr=err, env=e,
                             cwd=ROOT)
        timed_out = False
        peak_tree = 0
        main_cpu = 0.0
        next_sample = 0.0
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG if (timeout or tree) else 0)
            if pid:
                break
            if tree and time.perf_counter() >= next_sample:
                peak_tree = max(peak_tree, _tree_rss(p.pid))
                main_cpu = _cpu_of(p.pid) or main_cpu
                next_sample = time.perf_counter() + 0.02
            if timeout and time.perf_counter() - t0 > timeout:
                os.kill(p.pid, signal.SIGKILL)
                timed_out = True
                _, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.005)
        secs = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(secs, ru.ru_maxrss / 1024, p.returncode, out.read().decode(errors="replace"),
                   err.read().decode(errors="replace"), timed_out,
                   tree_rss_mb=max(peak_tree / 2**20, ru.ru_maxrss / 1024),
                   cpu_s=ru.ru_utime + ru.ru_stime, main_cpu_s=main_cpu)


# Runs longer than this are not repeated (the median of one run is reported).
SLOW = 20.0


def run_median(argv: list[str], repeat: int, env: dict | None = None, ok=(0,),
               timeout: float | None = None, tree: bool = False) -> Run:
    runs = []
    for _ in range(repeat):
        r = run_once(argv, env, timeout=timeout, tree=tree)
        if r.timed_out:
            return r
        if r.code not in ok or "pcache: error:" in r.stderr:  # exit 2 is also "malformed lines": not a failure
            raise RuntimeError(f"{' '.join(argv)} exited {r.code}: {r.stderr.strip()[-500:]}")
        runs.append(r)
        if r.seconds > SLOW:
            break
    return Run(statistics.median(r.seconds for r in runs), max(r.rss_mb for r in runs), runs[0].code,
               runs=len(runs), tree_rss_mb=max(r.tree_rss_mb for r in runs),
               cpu_s=statistics.median(r.cpu_s for r in runs), main_cpu_s=statistics.median(r.main_cpu_s for r in runs))


def byte_compile() -> bool:
    """pcache's modules byte-compiled, as ``pip install`` leaves a regular install (an editable one, as
    in a worktree, has no ``.pyc`` until Python writes them, and ``PYTHONDONTWRITEBYTECODE=1`` (set on
    this machine and in CI) stops that: every run would compile every module again, ~0.13 s of CPU
    measured on ``audit`` of a 3-line log).  The baselines' stdlib modules are byte-compiled too."""
    code = ("import compileall, pcache.analyzers as a, pcache.cli as c; "
            "raise SystemExit(0 if all(compileall.compile_dir(p, quiet=1) for m in (a, c) for p in m.__path__) "
            "else 1)")
    return subprocess.run([PY, "-c", code], capture_output=True).returncode == 0


def loadavg() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import tiktoken

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
    except OSError:
        commit = "?"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "python": platform.python_version(),
            "os": platform.platform(), "tiktoken": tiktoken.__version__, "commit": commit}


# --- what exists -------------------------------------------------------------------------------
def has_command(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(f"pcache.cli.commands.{name}") is not None


def scan_reads_jsonl(sample: Path) -> bool:
    """Whether ``pcache scan`` reads a JSONL file as one prompt per line (the JSONL source exists)."""
    small = OUT / "probe3.jsonl"
    small.write_text("".join(sample.open().readline() for _ in range(1)) * 3)
    r = run_once(PCACHE + ["scan", str(small), "--format", "json"], capture=True)
    try:
        return r.code in (0, 1) and len(json.loads(r.stdout)["prompts"]) == 3
    except (ValueError, KeyError):
        return False


# --- corpora -----------------------------------------------------------------------------------
def make(kind: str, name: str, *args: str) -> Path:
    path = OUT / "corpus" / name
    stamp = path.with_name(name + ".args")
    want = " ".join((kind, *args))
    if path.exists() and stamp.exists() and stamp.read_text() == want:
        return path
    if path.is_dir():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([PY, str(HERE / "make_corpus.py"), kind, "--out", str(path), *args], check=True,
                   stderr=subprocess.DEVNULL)
    stamp.write_text(want)
    return path


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# --- report ------------------------------------------------------------------------------------
@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    checks: list[tuple[str, bool | None, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def out(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)

    def check(self, target: str, ok: bool | None, measured: str) -> None:
        self.checks.append((target, ok, measured))

    def note(self, text: str) -> None:
        print(f"note: {text}", flush=True)
        self.notes.append(text)


def fmt_s(x: float) -> str:
    return f"{x:.2f}"


def _tool_cell(tool: Run) -> str:
    if tool.timed_out:
        return f"> {tool.seconds:.0f} (stopped)"
    return fmt_s(tool.seconds) + ("" if tool.runs > 1 else "¹")


_BASELINES: dict = {}


def _baseline_tokenize(path: Path, repeat: int) -> tuple[int, Run]:
    """(tokens, median run) of the tiktoken baseline on ``path``; measured once, shared by scan/lint."""
    if path not in _BASELINES:
        first = run_once([PY, "-c", BASELINE_TOKENIZE, str(path)], capture=True)
        if first.code != 0:
            raise RuntimeError(f"baseline failed on {path}: {first.stderr[-500:]}")
        tokens = json.loads(first.stdout)["tokens"]
        _BASELINES[path] = (tokens, run_median([PY, "-c", BASELINE_TOKENIZE, str(path)], repeat))
    return _BASELINES[path]


def bench_tokenizing(rep: Report, command: str, corpora: list[tuple[str, Path]], repeat: int,
                     timeout: float) -> dict:
    """Rows for ``command`` (scan/lint) over corpora; returns {label: Row}."""
    rep.out(f"\n### `pcache {command} PATH --format json`\n")
    rep.out("| corpus | MB | tokens (baseline) | pcache s | baseline s | ratio | M tok/s | MB/s | "
            "peak RSS MB | baseline RSS MB |")
    rep.out("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    results = {}
    stop = False
    for label, path in corpora:
        mb = size_of(path) / 1e6
        if stop:
            rep.out(f"| {label} | {mb:.1f} | | not run (a smaller corpus was already stopped) | | | | | | |")
            continue
        tokens, base = _baseline_tokenize(path, repeat)
        try:
            tool = run_median(PCACHE + [command, str(path), "--format", "json"], repeat, ok=(0, 1),
                              timeout=timeout)
        except RuntimeError as exc:
            rep.out(f"| {label} | {mb:.1f} | {tokens:,} | failed: {str(exc)[-200:]} | | | | | | |")
            stop = True
            continue
        ratio = tool.seconds / base.seconds
        rep.out(f"| {label} | {mb:.1f} | {tokens:,} | {_tool_cell(tool)} | {fmt_s(base.seconds)} | "
                f"{'>' if tool.timed_out else ''}{ratio:.2f}x | {tokens / tool.seconds / 1e6:.2f} | "
                f"{mb / tool.seconds:.1f} | {'' if tool.timed_out else f'{tool.rss_mb:.0f}'} | {base.rss_mb:.0f} |")
        results[label] = Row(tool.seconds, base.seconds, tool.rss_mb, mb, tool.timed_out)
        stop = tool.timed_out
    return results


@dataclass
class Row:
    seconds: float
    baseline: float
    rss_mb: float
    mb: float
    timed_out: bool = False


def bench_audit(rep: Report, logs: list[tuple[str, Path]], repeat: int, timeout: float,
                extra: tuple[str, ...] = ()) -> dict:
    what = " ".join(("pcache audit LOG --format json", *extra))
    rep.out(f"\n### `{what}`\n")
    rep.out("| log | MB | lines | pcache s | json.loads s | ratio | MB/s | peak RSS MB | baseline RSS MB |")
    rep.out("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    results = {}
    stop = False
    for label, thunk in logs:
        if stop:
            rep.out(f"| {label} | | | not run (a smaller log was already stopped) | | | | | |")
            continue
        path = thunk()  # generated only when it will be measured (the 1 GB log takes a while)
        mb = size_of(path) / 1e6
        if path not in _BASELINES:
            info = run_once([PY, "-c", BASELINE_JSON, str(path)], capture=True)
            lines = json.loads(info.stdout)["lines"] if info.code == 0 else 0
            _BASELINES[path] = (lines, run_median([PY, "-c", BASELINE_JSON, str(path)], repeat))
        lines, base = _BASELINES[path]
        # exit 2 = the report was written but some input lines were malformed (the log has a few on purpose)
        try:
            tool = run_median(PCACHE + ["audit", str(path), "--format", "json", *extra], repeat,
                              ok=(0, 1, 2), timeout=timeout)
        except RuntimeError as exc:
            rep.out(f"| {label} | {mb:.0f} | {lines:,} | failed: {str(exc)[-200:]} | | | | | |")
            stop = True
            continue
        ratio = tool.seconds / base.seconds
        rep.out(f"| {label} | {mb:.0f} | {lines:,} | {_tool_cell(tool)} | {fmt_s(base.seconds)} | "
                f"{'>' if tool.timed_out else ''}{ratio:.2f}x | {mb / tool.seconds:.1f} | "
                f"{'' if tool.timed_out else f'{tool.rss_mb:.0f}'} | {base.rss_mb:.0f} |")
        results[label] = Row(tool.seconds, base.seconds, tool.rss_mb, mb, tool.timed_out)
        stop = tool.timed_out
    return results


def bench_audit_jobs(rep: Report, logs: list[tuple[str, Path]], repeat: int, timeout: float,
                     jobs: tuple[int, ...] = (1, 2)) -> dict:
    """``pcache audit --jobs N`` per log (and ``--engine ray`` in Ray local mode on the last N CPUs, when the
    ray extra is installed): time, ratio to json.loads, speed-up over ``--jobs 1`` and the peak memory of all
    its processes (the main one and its workers, or Ray's GCS server, raylet and workers: summed PSS, sampled
    every 20 ms)."""
    rep.out("\n### `pcache audit LOG --format json --jobs N` (worker processes; Ray local mode)\n")
    rep.out("CPU columns: seconds of CPU of all processes (`os.wait4` of the child, which waits for its workers) "
            "and of the main process alone (sampled from /proc); on a shared machine the wall time depends on the "
            "load, the CPU time much less: with N idle cores the wall time is at least max(main CPU, all CPU / N).\n")
    rep.out("| log | MB | --jobs | pcache s | json.loads s | ratio | speed-up vs --jobs 1 | CPU s, all | CPU s, main "
            "| peak memory MB, all processes (PSS) | main process peak RSS MB |")
    rep.out("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    variants = [(n, str(n), ["--jobs", str(n)]) for n in jobs]
    if has_ray():
        variants.append(("ray", f"{jobs[-1]}, --engine ray", ["--engine", "ray", "--jobs", str(jobs[-1])]))
    results: dict = {}
    for label, thunk in logs:
        path = thunk()
        mb = size_of(path) / 1e6
        if path not in _BASELINES:
            info = run_once([PY, "-c", BASELINE_JSON, str(path)], capture=True)
            lines = json.loads(info.stdout)["lines"] if info.code == 0 else 0
            _BASELINES[path] = (lines, run_median([PY, "-c", BASELINE_JSON, str(path)], repeat))
        _lines, base = _BASELINES[path]
        one = None
        for n, name, args in variants:
            try:
                tool = run_median(PCACHE + ["audit", str(path), "--format", "json", *args], repeat,
                                  ok=(0, 1, 2), timeout=timeout, tree=True)
            except RuntimeError as exc:
                rep.out(f"| {label} | {mb:.0f} | {name} | failed: {str(exc)[-200:]} | | | | | | | |")
                continue
            one = tool if n == 1 else one
            speed = f"{one.seconds / tool.seconds:.2f}x" if one is not None and not tool.timed_out else ""
            rep.out(f"| {label} | {mb:.0f} | {name} | {_tool_cell(tool)} | {fmt_s(base.seconds)} | "
                    f"{'>' if tool.timed_out else ''}{tool.seconds / base.seconds:.2f}x | {speed} | "
                    f"{tool.cpu_s:.2f} | {tool.main_cpu_s:.2f} | {tool.tree_rss_mb:.0f} | {tool.rss_mb:.0f} |")
            results[(label, n)] = Row(tool.seconds, base.seconds, tool.tree_rss_mb, mb, tool.timed_out)
    return results


def has_ray() -> bool:
    """Whether the ``ray`` extra is installed (the Ray engine's row needs it)."""
    return subprocess.run([PY, "-c", "import ray.data"], capture_output=True).returncode == 0


def jobs_checks(rep: Report, rows: dict, head: str) -> None:
    one, two = rows.get((head, 1)), rows.get((head, 2))
    if one is None or two is None:
        return
    rep.check(f"`audit --jobs 2` on the {head} log in at most half the time of `--jobs 1`",
              not two.timed_out and two.seconds <= one.seconds / 2,
              f"{two.seconds:.2f} s vs {one.seconds:.2f} s ({one.seconds / two.seconds:.2f}x)")
    rep.check(f"`audit --jobs 2` (with replay) within 4x of the json.loads baseline ({head})",
              not two.timed_out and two.seconds / two.baseline <= 4, f"{two.seconds / two.baseline:.2f}x")
    rep.check(f"`audit --jobs 2` peak memory of all processes (PSS) under 500 MB ({head})",
              not two.timed_out and two.rss_mb < 500, f"{two.rss_mb:.0f} MB")


def scaling(rep: Report, name: str, results: dict, small: str, big: str) -> None:
    if small not in results or big not in results:
        return
    r1, r2 = results[small], results[big]
    factor = r2.mb / r1.mb
    cost = r2.seconds / r1.seconds
    rep.check(f"{name}: {factor:.0f}x the corpus costs at most {factor * 1.1:.0f}x the time",
              None if r2.timed_out else cost <= factor * 1.1,
              f"{small} -> {big}: " + (f"not measured, the larger run was stopped after {r2.seconds:.0f} s"
                                       if r2.timed_out else f"{cost:.1f}x the time"))


def bench_cold(rep: Report, repeat: int, small: Path) -> None:
    rep.out("\n### Cold start (median of %d runs)\n" % repeat)
    cache = OUT / "tiktoken-cache"
    url = "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"
    cached = cache / hashlib.sha1(url.encode()).hexdigest()
    if not cached.exists():  # tiktoken's own cache, seeded from the bundled copy (hash checked)
        subprocess.run([PY, "-c", PCACHE_VOCAB], env=dict(os.environ, TIKTOKEN_CACHE_DIR=str(cache),
                                                          **_OFFLINE_ENV), check=True)
    tk_env = {"TIKTOKEN_CACHE_DIR": str(cache)}
    rows = [("python -c pass", [PY, "-c", "pass"], None),
            ("python -c 'import tiktoken; tiktoken.get_encoding(\"o200k_base\")'", [PY, "-c", BARE_TIKTOKEN],
             tk_env),
            ("pcache vocabulary: load_encoding(\"o200k_base\")", [PY, "-c", PCACHE_VOCAB], None),
            ("pcache --help", PCACHE + ["--help"], None)]
    lint_cmd = "lint" if has_command("lint") else "scan"
    if lint_cmd != "lint":
        rep.note("`pcache lint` does not exist yet: the small-file cold start uses `pcache scan`")
    rows.append((f"pcache {lint_cmd} {small.name}", PCACHE + [lint_cmd, str(small)], None))
    rep.out("| command | median s | peak RSS MB |")
    rep.out("| --- | ---: | ---: |")
    med = {}
    for label, argv, env in rows:
        # one warm-up run so the page cache is warm for everyone alike
        run_once(argv, env)
        r = run_median(argv, repeat, env, ok=(0, 1))
        med[label] = r.seconds
        rep.out(f"| `{label}` | {r.seconds:.3f} | {r.rss_mb:.0f} |")
    base = med["python -c pass"]
    helpd = med["pcache --help"] - base
    rep.check("`pcache --help` under 0.3 s above `python -c pass`", helpd < 0.3, f"+{helpd:.3f} s")
    bare = med[rows[1][0]]
    lint = med[rows[-1][0]]
    rep.check(f"`pcache {lint_cmd}` on one small template within 1.2x of bare tiktoken get_encoding",
              lint / bare <= 1.2, f"{lint:.3f} s / {bare:.3f} s = {lint / bare:.2f}x")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Examples:\n  " + "\n  ".join(
                                     l.strip() for l in __doc__.splitlines() if l.strip().startswith("python ")))
    ap.add_argument("--quick", action="store_true", help="smaller corpora, fewer repeats (< 3 minutes)")
    ap.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    ap.add_argument("--repeat", type=int, help="runs per measurement (median); default 3, quick 2")
    ap.add_argument("--only", default="scan,lint,audit,cold",
                    help="comma list of parts to run: scan,lint,audit,cold (audit-jobs: only the --jobs "
                         "table of audit, on the 10 MB and 100 MB logs)")
    args = ap.parse_args(argv)
    parts = set(args.only.split(","))
    repeat = args.repeat or (2 if args.quick else 3)
    OUT.mkdir(parents=True, exist_ok=True)
    rep = Report()
    if not byte_compile():
        rep.note("pcache's modules could not be byte-compiled: every run compiles them (slower start)")
    t_start = time.perf_counter()
    load_before = loadavg()
    info = machine()
    started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")

    # Corpora: (label, path).  Chat JSONL is the headline (5,000 requests ~ 60 MB).
    global SLOW
    timeout = 30.0 if args.quick else 150.0
    if args.quick:
        SLOW = 8.0
    chat_sizes = [("chat 500 req", 500), ("chat 5,000 req", 5000)]
    if not args.quick:
        chat_sizes = [("chat 100 req", 100), *chat_sizes, ("chat 10,000 req", 10000)]
    chat = [(label, make("chat", f"chat_{n}.jsonl", "--requests", str(n))) for label, n in chat_sizes]
    tpl_sizes = [("templates 5 MB", "5MB")] if args.quick else [("templates 5 MB", "5MB"),
                                                                 ("templates 50 MB", "50MB")]
    templates = [(f"{label} (shared)", make("templates", f"tpl_{s}", "--size", s, "--var-at", "300,1800"))
                 for label, s in tpl_sizes]
    templates += [(f"{label} (distinct)", make("templates", f"tpl_{s}_distinct", "--size", s, "--distinct"))
                  for label, s in tpl_sizes]
    small = make("templates", "tpl_one", "--requests", "1", "--var-at", "1800") / "d000" / "prompt_000000.md"

    jsonl_ok = scan_reads_jsonl(chat[0][1])
    if not jsonl_ok:
        rep.note("the JSONL request source is not there yet (`pcache scan x.jsonl` reads it as one text): "
                 "scan/lint run on the template folders only")
    tok_corpora = (chat if jsonl_ok else []) + templates

    for command in ("scan", "lint"):
        if command not in parts:
            continue
        if not has_command(command):
            rep.note(f"`pcache {command}` does not exist yet: skipped")
            continue
        corpora = tok_corpora
        if args.quick and command == "lint":
            corpora = [c for c in tok_corpora if c[0].startswith("chat")] or tok_corpora
        res = bench_tokenizing(rep, command, corpora, repeat, timeout)
        head = "chat 5,000 req"
        if head in res:
            r = res[head]
            rep.check(f"`{command}` 5,000 chat requests (~60 MB) under 5 s, peak RSS under 300 MB",
                      not r.timed_out and r.seconds < 5 and r.rss_mb < 300,
                      f"{'>' if r.timed_out else ''}{r.seconds:.2f} s" + ("" if r.timed_out else f", {r.rss_mb:.0f} MB"))
            rep.check(f"`{command}` within 1.3x of the tiktoken baseline (~60 MB chat)",
                      not r.timed_out and r.seconds / r.baseline <= 1.3,
                      f"{'>' if r.timed_out else ''}{r.seconds / r.baseline:.2f}x")
        for big in ("templates 50 MB (distinct)", "templates 5 MB (distinct)"):
            if big in res:
                r = res[big]
                rep.check(f"`{command}` within 1.3x of the tiktoken baseline ({big}, nothing to dedup)",
                          not r.timed_out and r.seconds / r.baseline <= 1.3,
                          f"{'>' if r.timed_out else ''}{r.seconds / r.baseline:.2f}x")
                break
        scaling(rep, f"`{command}` chat", res, "chat 500 req", "chat 5,000 req")
        scaling(rep, f"`{command}` templates", res, "templates 5 MB (shared)", "templates 50 MB (shared)")

    if "audit-jobs" in parts and "audit" not in parts:
        sizes = [("1 MB", "1MB"), ("10 MB", "10MB")] if args.quick else [("10 MB", "10MB"), ("100 MB", "100MB")]
        logs = [(label, (lambda s=s: make("log", f"log_{s}.jsonl", "--size", s))) for label, s in sizes]
        jobs_checks(rep, bench_audit_jobs(rep, logs, repeat, timeout if args.quick else 600.0), sizes[1][0])
    if "audit" in parts:
        if not has_command("audit"):
            rep.note("`pcache audit` does not exist yet: skipped")
        else:
            log_sizes = ([("1 MB", "1MB"), ("10 MB", "10MB")] if args.quick
                         else [("10 MB", "10MB"), ("100 MB", "100MB"), ("1 GB", "1GB")])
            logs = [(label, (lambda s=s: make("log", f"log_{s}.jsonl", "--size", s))) for label, s in log_sizes]
            audit_timeout = timeout if args.quick else 600.0  # the 1 GB log must get a chance to finish
            res = bench_audit(rep, logs, repeat, audit_timeout)
            plain = bench_audit(rep, logs, repeat, audit_timeout, ("--no-replay",))
            biggest = log_sizes[-1][0]
            for name, rows in (("with replay", res), ("--no-replay", plain)):
                if biggest not in rows:
                    rep.check(f"`audit` ({name}) streams the {biggest} log with peak RSS under 500 MB", None,
                              "not measured: a smaller log already ran past the time limit")
                    continue
                r = rows[biggest]
                rep.check(f"`audit` ({name}) streams the {biggest} log with peak RSS under 500 MB",
                          None if r.timed_out else r.rss_mb < 500,
                          f"not measured: stopped after {r.seconds:.0f} s" if r.timed_out else f"{r.rss_mb:.0f} MB")
                rep.check(f"`audit` ({name}) within 2x of the json.loads baseline ({biggest})",
                          not r.timed_out and r.seconds / r.baseline <= 2,
                          f"{'>' if r.timed_out else ''}{r.seconds / r.baseline:.2f}x")
                scaling(rep, f"`audit` ({name})", rows, log_sizes[0][0], log_sizes[1][0])
            jobs_checks(rep, bench_audit_jobs(rep, logs[:2], repeat, audit_timeout), log_sizes[1][0])
            if args.quick:
                rep.note("quick run: the 100 MB and 1 GB audit logs are measured only without --quick")
    rep.note(f"a run still going after {timeout:.0f} s ({'' if args.quick else 'audit: 600 s, '}"
             "the rest of that table is then skipped) is stopped and shown as '> N (stopped)'; "
             f"runs over {SLOW:.0f} s are not repeated (marked ¹)")

    if "cold" in parts:
        bench_cold(rep, 7 if not args.quick else 5, small)

    rep.out("\n### Targets\n")
    rep.out("| target | met | measured |")
    rep.out("| --- | --- | --- |")
    for target, ok, measured in rep.checks:
        rep.out(f"| {target} | {'yes' if ok else ('not measured' if ok is None else 'NO')} | {measured} |")
    elapsed = time.perf_counter() - t_start
    load_after = loadavg()
    rep.out(f"\nload average before / after: {load_before} | {load_after}; run took {elapsed:.0f} s")

    if args.write:
        write_results(rep, info, started, args, load_before, load_after, elapsed)
    return 0


def write_results(rep: Report, info: dict, started: str, args, load_before: str, load_after: str,
                  elapsed: float) -> None:
    cmd = "python benchmarks/run.py --write" + (" --quick" if args.quick else "")
    head = [
        "# pcache benchmarks",
        "",
        f"Regenerate with `{cmd}` (corpora are generated by `benchmarks/make_corpus.py`, seeded, "
        "into `benchmarks/out/`).",
        "",
        f"- date: {started}; commit `{info['commit']}`; run took {elapsed:.0f} s",
        f"- machine: {info['cpu']}, {info['cores']} cores, {info['memory']} RAM; {info['os']}",
        f"- Python {info['python']}, tiktoken {info['tiktoken']}",
        f"- load average (1/5/15 min) before: {load_before}; after: {load_after} (the machine is shared "
        "with other engineers' jobs; timings are medians of the repeated runs)",
        f"- repeats: {args.repeat or (2 if args.quick else 3)} per measurement (1 for the 1 GB log); "
        "peak RSS is the child's `ru_maxrss` from `os.wait4`",
        "- baselines: scan/lint = the same files read, `json.loads` per request, plain tiktoken "
        "`encode_ordinary_batch` over the message texts and tool JSON (no dedup); audit = `json.loads` per "
        "line; both in a fresh `python -c` so they pay the same interpreter and vocabulary start",
        "- pcache's modules are byte-compiled before timing (`.pyc`, as `pip install` leaves them; the "
        "baselines' stdlib modules are too)",
        "",
    ]
    if rep.notes:
        head += ["Notes:", ""] + [f"- {n}" for n in rep.notes] + [""]
    body = [line for line in rep.lines]
    # A hand-written analysis (profiles, hot spots) below the marker survives regeneration.
    target = HERE / "RESULTS.md"
    kept = ""
    if target.exists():
        old = target.read_text()
        if ANALYSIS_MARKER in old:
            kept = "\n" + old[old.index(ANALYSIS_MARKER):]
    target.write_text("\n".join(head + body) + "\n" + kept)
    print(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    sys.exit(main())

"""Rescore every JS/TS prompt-discovery set (benchmarks/blind_js3 .. blind_jsN) with its own labels and scorer.

Usage: python benchmarks/rescan_js.py TREES OUT [PYTHONPATH_OF_CODE]
TREES holds each project's tree as <owner>+<name> (each mirror's HEAD extracted by blind_js12/extract.py, the
commit the set's labels name); OUT receives one `pcache scan ROOT --format json` per tree (reused when present)
and `scores.json`. PYTHONPATH_OF_CODE, when given, puts another copy of the code first on the path (a `pcache`
folder whose `cli`/`analyzers` are another commit's), so two commits are scored alike. Set 3 is scored by its own
measure.py (code and file labels), the later sets by blind_js4/measure.py given the set's labels_code.py.
Projects held out since their set (langchain-ai/open-canvas) are skipped."""
import glob
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HELD_OUT = {"langchain-ai/open-canvas"}


def sets():
    out = []
    for d in glob.glob(os.path.join(HERE, "blind_js*")):
        m = re.fullmatch(r"blind_js(\d+)", os.path.basename(d))
        if m and os.path.exists(os.path.join(d, "labels_code.py")):
            out.append((int(m.group(1)), d))
    return sorted(out)


def projects(labels_path):
    g = {}
    exec(compile(open(labels_path, encoding="utf-8").read(), labels_path, "exec"), g)
    return list(g["PROJECTS"])


def scan(root, dest, pypath):
    if os.path.exists(dest) and os.path.getsize(dest) > 0:
        return None
    env = dict(os.environ)
    if pypath:
        env["PYTHONPATH"] = pypath
    t = time.process_time()
    with open(dest + ".part", "w", encoding="utf-8") as fh:
        r = subprocess.run([sys.executable, "-m", "pcache.cli.app", "scan", ".", "--format", "json"],
                           cwd=root, stdout=fh, stderr=subprocess.PIPE, text=True, env=env)
    if r.returncode not in (0, 1):
        raise SystemExit(f"scan failed at {root}: {r.stderr[-500:]}")
    os.replace(dest + ".part", dest)
    return time.process_time() - t


def main(trees, out, pypath=None):
    os.makedirs(out, exist_ok=True)
    scores = {}
    for n, d in sets():
        labels = os.path.join(d, "labels_code.py")
        for project in projects(labels):
            repo = project.split(" ")[0]
            if repo in HELD_OUT:
                continue
            name = repo.replace("/", "+")
            root = os.path.join(trees, name)
            dest = os.path.join(out, name + ".json")
            scan(root, dest, pypath)
            if n == 3:
                cmd = [sys.executable, os.path.join(d, "measure.py"), project, root, dest]
            else:
                cmd = [sys.executable, os.path.join(HERE, "blind_js4", "measure.py"), project, root, dest, labels]
            r = subprocess.run(cmd, capture_output=True, text=True, check=True)
            res = json.loads(r.stdout)
            scores[f"set{n}:{project}"] = res
            print(f"set {n:2d} {repo:40s} found {res['found']}/{res['expected']} positions {res['positions']} "
                  f"static {res.get('static', '-')} fp {res['fp']}", flush=True)
    with open(os.path.join(out, "scores.json"), "w", encoding="utf-8") as fh:
        json.dump(scores, fh, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main(*sys.argv[1:4])

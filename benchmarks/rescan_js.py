"""Rescore every JS/TS prompt-discovery set (benchmarks/blind_js3 .. blind_jsN) with its own labels and scorer.

Usage: python benchmarks/rescan_js.py TREES OUT [PYTHONPATH_OF_CODE]
       python benchmarks/rescan_js.py --compare BEFORE_OUT AFTER_OUT   (score and whole-tree differences)
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
                           cwd=root, stdout=fh, stderr=subprocess.PIPE, text=True, env=env,
                           start_new_session=True)
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


def compare(before, after):
    """Each set's scores that differ between two runs, then the prompts (file, name, first variable's
    token) each tree's whole-tree scan gained or lost."""
    a = json.load(open(os.path.join(before, "scores.json"), encoding="utf-8"))
    b = json.load(open(os.path.join(after, "scores.json"), encoding="utf-8"))
    keys = ("found", "positions", "static", "fp")
    for k in a:
        if k not in b:
            print("missing after:", k)
            continue
        if any(a[k].get(x) != b[k].get(x) for x in keys):
            print(k, {x: (a[k].get(x), b[k].get(x)) for x in keys if a[k].get(x) != b[k].get(x)})
            for x in ("misses", "false_positives", "position_misses"):
                if a[k].get(x) != b[k].get(x):
                    print("   ", x, "before", a[k].get(x), "\n    after ", b[k].get(x))
    for name in sorted(os.listdir(after)):
        if not name.endswith(".json") or name == "scores.json" or not os.path.exists(os.path.join(before, name)):
            continue
        rows = []
        for d in (before, after):
            scan = json.load(open(os.path.join(d, name), encoding="utf-8"))
            rows.append({(p["file"], p.get("container")): (p.get("first_variable") or {}).get("token")
                         for p in scan["prompts"]})
        gone = sorted(set(rows[0]) - set(rows[1]))
        new = sorted(set(rows[1]) - set(rows[0]))
        moved = sorted(k for k in set(rows[0]) & set(rows[1]) if rows[0][k] != rows[1][k])
        if gone or new or moved:
            print(f"{name}: {len(rows[0])} -> {len(rows[1])} prompts")
            for k in gone:
                print("   -", *k)
            for k in new:
                print("   +", *k, rows[1][k])
            for k in moved:
                print("   ~", *k, rows[0][k], "->", rows[1][k])


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        compare(*sys.argv[2:4])
    else:
        main(*sys.argv[1:4])

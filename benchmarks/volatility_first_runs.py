"""The volatility classifier of each blind split's first run, replayed on today's labels (issue #12).

Each blind split of tests/fixtures/agents/eval was labelled and committed before the classifier ran on it;
its first run is the out-of-sample figure.  Rules written afterwards from its misses make every later
figure in-sample.  This script checks out the classifier (``analyzers/``) of each first run into a
temporary folder, runs today's eval (labels, fixtures and scorer of the working tree) with it, and prints
every split's agreement beside today's classifier, so a change can be judged split by split
(leave-one-split-out: a change fitted to one split shows as a gain there and nothing, or a loss, elsewhere).

    python benchmarks/volatility_first_runs.py            # the table
    python benchmarks/volatility_first_runs.py --misses   # and each blind split's first-run misses
    python benchmarks/volatility_first_runs.py --before 2208926   # and a column for that commit's classifier

Labels may have moved since a first run (a labelling convention adopted later relabels a row): the
replay scores the old classifier against today's labels, so its figure can differ from the one recorded
at the time (tests/test_volatility_eval.py says which).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# split -> the commit whose classifier ran first on it (tests/test_volatility_eval.py's docstring)
FIRST_RUNS = {"measure-4": "e32050b", "measure-5": "281d693", "measure-6": "7054fa3", "measure-7": "8f00a5b",
              "measure-8": "89a5a12", "measure-9": "9e4eec0", "measure-10": "6166377", "measure-11": "07cbe8b",
              "measure-12": "07cbe8b", "measure-13": "5e8c5bf", "measure-14": "5e8c5bf", "measure-15": "be12781",
              "measure-16": "be12781"}

_DUMP = """
import json, sys
sys.path.insert(0, {tests!r})
import test_volatility_eval as t
for o in t.evaluate():
    print(json.dumps({{"split": o.label["split"], "project": o.label["project"], "variable": o.label["variable"],
                      "label": o.label["class"], "got": o.got, "evidence": o.evidence, "source": o.source}}))
"""


def outcomes(package_root: str | None) -> list[dict]:
    """Every labelled row classified by the ``pcache`` package under ``package_root`` (None: installed)."""
    env = None
    if package_root is not None:
        import os

        env = {**os.environ, "PYTHONPATH": package_root}
    code = _DUMP.format(tests=str(ROOT / "tests"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"classifier of {package_root or 'the working tree'} failed: {out.stderr.strip()[-400:]}")
    return [json.loads(line) for line in out.stdout.splitlines()]


def checkout(commit: str, into: Path) -> str:
    """``analyzers/`` (and ``cli/``) of ``commit`` as a ``pcache`` package under ``into``."""
    pkg = into / commit / "pcache"
    pkg.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "analyzers", "cli"], capture_output=True,
                             check=True).stdout
    tar_path = into / f"{commit}.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(pkg, filter="data") if sys.version_info >= (3, 12) else tar.extractall(pkg)
    (pkg / "__init__.py").write_text("")
    return str(into / commit)


def agree(rows: list[dict], split: str) -> tuple[int, int]:
    mine = [r for r in rows if r["split"] == split]
    return sum(r["label"] == r["got"] for r in mine), len(mine)


def main(argv: list[str]) -> None:
    today = outcomes(None)
    splits = list(dict.fromkeys(r["split"] for r in today))
    before_commit = argv[argv.index("--before") + 1] if "--before" in argv[:-1] else None
    print(f"{'split':<10} {'first run (blind)':>22} {'today (in-sample)':>18}"
          + (f" {'@' + before_commit:>14}" if before_commit else ""))
    with tempfile.TemporaryDirectory() as tmp:
        before = outcomes(checkout(before_commit, Path(tmp))) if before_commit else None
        replayed: dict[str, list[dict]] = {}
        for split in splits:
            ok, n = agree(today, split)
            extra = ""
            if before is not None:
                bok, bn = agree(before, split)
                extra = f" {bok:>8}/{bn:<3} {bok / bn:.0%}"
            commit = FIRST_RUNS.get(split)
            if commit is None:
                print(f"{split:<10} {'-':>22} {ok:>11}/{n:<3} {ok / n:.0%}{extra}")
                continue
            if commit not in replayed:  # one replay per commit (two splits may share their first run)
                replayed[commit] = outcomes(checkout(commit, Path(tmp)))
            first = replayed[commit]
            fok, fn = agree(first, split)
            print(f"{split:<10} {fok:>8}/{fn:<3} {fok / fn:4.0%} @{commit} {ok:>8}/{n:<3} {ok / n:.0%}{extra}")
            if "--misses" in argv:
                for r in first:
                    if r["split"] == split and r["label"] != r["got"]:
                        print(f"    {r['project'][:16]:<16} {r['variable'][:28]:<28} expert {r['label']:<11} "
                              f"first run {r['got']:<11} | {r['evidence'][:70]}")


if __name__ == "__main__":
    main(sys.argv[1:])

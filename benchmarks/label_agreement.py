#!/usr/bin/env python3
"""Agreement between two labellers of first-variable volatility classes (issue #12).

Compares ``tests/fixtures/agents/eval/labels-second.toml`` (second labeller) with ``labels.toml`` (first
labeller), row by row on (project, file, prompt, variable), and prints:

* agreement per split and overall: exact; with per-turn/per-request merged (their boundary is the subtlest
  one of the conventions); and with the classes the cost model prices alike merged (per-request = per-session,
  per-config = constant), i.e. agreement on the verdict;
* Cohen's kappa per split and overall (agreement corrected for chance, from the two labellers' class frequencies);
* the confusion table (rows: first labeller, columns: second);
* every disagreement with both labellers' reasons.

No pcache code runs here: the classifier is not consulted, only the two label files.

    python benchmarks/label_agreement.py
    python benchmarks/label_agreement.py --first A.toml --second B.toml --format json
    python benchmarks/label_agreement.py --first labels-measure27.toml labels-measure28.toml \
        --second labels-second-2728.toml      (paths under tests/fixtures/agents/eval/; kappa also per split)
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "agents" / "eval"
CLASSES = ("per-turn", "per-request", "per-session", "per-user", "per-day", "per-config", "constant",
           "unknown")
MERGED = {"per-turn": "per-turn|request", "per-request": "per-turn|request"}
# Classes that issue #12's cost model prices the same way: per-request and per-session both keep the static text
# after them from being shared across conversations; per-config and constant raise nothing by default.
SAME_COST = {"per-session": "per-request", "constant": "per-config"}


def load_rows(path: Path) -> dict[tuple, dict]:
    """Rows of a label file keyed by (project, file, prompt, variable); the array's name is not assumed."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    arrays = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    if len(arrays) != 1:
        raise SystemExit(f"{path}: expected one array of label tables, found {len(arrays)}")
    rows = {}
    for row in arrays[0]:
        # A variable such as context['x'] is written with either quote style by different tools.
        key = (row["project"], row["file"], row.get("prompt", ""), row["variable"].replace("'", '"'))
        rows[key] = row
    return rows


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def compare(first: dict, second: dict) -> dict:
    shared = [k for k in second if k in first]
    by_split: dict[str, list] = defaultdict(list)
    for key in shared:
        by_split[second[key].get("split") or first[key].get("split", "?")].append(key)

    def agreement(keys):
        exact = sum(first[k]["class"] == second[k]["class"] for k in keys)
        merged = sum(MERGED.get(first[k]["class"], first[k]["class"])
                     == MERGED.get(second[k]["class"], second[k]["class"]) for k in keys)
        same_cost = sum(SAME_COST.get(first[k]["class"], first[k]["class"])
                        == SAME_COST.get(second[k]["class"], second[k]["class"]) for k in keys)
        return {"rows": len(keys), "agree": exact, "agree_turn_request_merged": merged,
                "agree_same_cost_merged": same_cost,
                "kappa": cohen_kappa([(first[k]["class"], second[k]["class"]) for k in keys])}

    pairs = [(first[k]["class"], second[k]["class"]) for k in shared]
    confusion: dict[str, Counter] = defaultdict(Counter)
    for a, b in pairs:
        confusion[a][b] += 1
    return {
        "splits": {s: agreement(keys) for s, keys in sorted(by_split.items())},
        "overall": agreement(shared),
        "kappa": cohen_kappa(pairs),
        "confusion": {a: dict(c) for a, c in confusion.items()},
        "only_in_second": [list(k) for k in second if k not in first],
        "disagreements": [
            {"split": second[k].get("split"), "project": k[0], "file": k[1], "prompt": k[2], "variable": k[3],
             "first": first[k]["class"], "first_why": first[k].get("why", ""),
             "second": second[k]["class"], "second_why": second[k].get("why", "")}
            for k in shared if first[k]["class"] != second[k]["class"]
        ],
    }


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f} %)" if whole else "0/0"


def render(result: dict) -> str:
    lines = ["split        exact            per-turn|request merged  same-cost classes merged  kappa"]
    for split, a in [*result["splits"].items(), ("overall", result["overall"])]:
        n = a["rows"]
        kappa = "n/a" if a.get("kappa") is None else f"{a['kappa']:.2f}"
        lines.append(f"{split:<12} {_pct(a['agree'], n):<16} {_pct(a['agree_turn_request_merged'], n):<24} "
                     f"{_pct(a['agree_same_cost_merged'], n):<25} {kappa}")
    kappa = result["kappa"]
    lines.append(f"Cohen's kappa (overall, exact classes): {kappa:.2f}" if kappa is not None else "kappa: n/a")
    if result["only_in_second"]:
        lines.append(f"rows only in the second file (not compared): {len(result['only_in_second'])}")
    used = [c for c in CLASSES if c in result["confusion"] or any(c in r for r in result["confusion"].values())]
    width = max(len(c) for c in used) + 1
    lines += ["", "confusion (rows: first labeller, columns: second)",
              " " * width + "".join(f"{c[:11]:>12}" for c in used)]
    for a in used:
        row = result["confusion"].get(a, {})
        lines.append(f"{a:<{width}}" + "".join(f"{row.get(b, 0) or '.':>12}" for b in used))
    lines += ["", f"disagreements: {len(result['disagreements'])}"]
    for d in result["disagreements"]:
        lines += [f"- [{d['split']}] {d['project']} {d['prompt'] or d['file']} :: {d['variable']}",
                  f"    first : {d['first']:<12} {d['first_why']}",
                  f"    second: {d['second']:<12} {d['second_why']}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--first", type=Path, nargs="+", default=[EVAL / "labels.toml"],
                        help="the first labeller's file(s); several split files are compared as one")
    parser.add_argument("--second", type=Path, default=EVAL / "labels-second.toml")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    for path in (*args.first, args.second):
        if not path.is_file():
            print(f"{path}: no such label file", file=sys.stderr)
            return 2
    first: dict[tuple, dict] = {}
    for path in args.first:
        first.update(load_rows(path))
    result = compare(first, load_rows(args.second))
    print(json.dumps(result, indent=2) if args.format == "json" else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

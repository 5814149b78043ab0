"""Precision of each piece of evidence of the volatility classifier, over every labelled split (issue #12).

Every class ``volatility.classify`` gives carries the id of the rule that decided it (``analyzers/evidence.py``:
``<stage>:<sub-rule>``, a modifier first, ``boundary.one-shot/flow:py.loop-bound``).  This script runs the eval
of tests/test_volatility_eval.py (its ``evaluate()``, imported) and reports, for every rule id:

* how often it decided a row, right / wrong, its precision, and the classes it gave against the expert's,
  pooled over all rows and per split (``table``);
* its precision leaving out the split it was written from (``ORIGIN``, from the FLOOR comments and the
  docstring of tests/test_volatility_eval.py and benchmarks/LABEL_AGREEMENT.md);
* ``--first-runs``: the same on the blind first runs (``benchmarks/volatility_first_runs.py`` replays each blind
  split's first-run classifier on today's labels).  Those classifiers had no rule ids: the rule is recovered from
  the evidence text by the evidence templates of today's code (``evidence_patterns``), approximately;
* ``--ablate [RULE ...]``: the agreement, pooled and per split, with one rule disabled at a time (the rule gives
  no evidence and the next evidence decides: ``evidence.DISABLED``, set only here).  Only the projects in whose
  rows the rule was reached are classified again (a rule never reached in a project cannot change its rows).

Pooled over the ~100 projects of all splits, a rule is far less fitted than on any one split (each round of rules
was written from one or two splits' misses, so on those splits a rule is in-sample); every figure here is still
in-sample for the splits its rule was written from, and the leave-one-split-out and first-run views are the
less fitted ones.

    python benchmarks/rule_precision.py                  # per-rule table, pooled / leave-one-split-out
    python benchmarks/rule_precision.py --splits         # and each rule's right/decided per split
    python benchmarks/rule_precision.py --first-runs     # and on the blind first runs
    python benchmarks/rule_precision.py --ablate         # every rule reached, disabled one at a time (slow)
    python benchmarks/rule_precision.py --ablate name.word py.loop-bound
    python benchmarks/rule_precision.py --ablate --after name.word  # the rules after it, alphabetically
    python benchmarks/rule_precision.py --json out.json  # everything measured, for the record
    python benchmarks/rule_precision.py --counts-only    # development misses; validation counts only (evidence13)
    python benchmarks/rule_precision.py --counts-only --save before.json   # keep the counts to compare
    python benchmarks/rule_precision.py --counts-only --compare before.json  # per split and per rule, before/after
    python benchmarks/rule_precision.py --counts-only --disable fill.every-site --compare before.json  # one change off

``--counts-only`` splits the labelled splits by ``partition()`` (LABEL_AGREEMENT.md "Transfer-checked evidence"): it
prints the development splits' misses and, of the validation splits, only per-split agreement and per-rule
right/decided counts -- never a validation row, variable or project.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import test_volatility_eval as eval_t  # noqa: E402  (the eval, reused: labels, fixtures, scorer)

# The split a rule was written from, as the FLOOR comments / docstring of tests/test_volatility_eval.py and
# LABEL_AGREEMENT.md record it (the round that added it read that split's misses).  The name table and the
# expression rules were written from the tune split and the issue's own list.  Rules not listed: origin not
# recorded (their leave-one-split-out figure is their pooled one).
ORIGIN = {
    "name.word": ("tune",), "name.compound": ("tune",), "name.attribute-owner": ("measure",),
    "name.limit": ("tune",), "name.prompt-block": ("measure-7",), "name.previous": ("measure-5",),
    "name.switch": ("measure-3", "measure-8"), "name.goal-system": ("measure-4",),
    "name.goal-fields": ("measure-4",), "name.goal-objective": ("measure-4",), "goal.definition": ("measure-4",),
    "expr.clock-day": ("measure-8",), "expr.import-frozen": ("measure-5",), "py.import-frozen": ("measure-5",),
    "settings.read": ("measure-5",), "settings.user": ("measure-5",), "request.settings": ("measure-5",),
    "param.default": ("measure-5",), "fill.per-call-site": ("measure-5", "measure-6"),
    "fill.loop-grown": ("measure-6",), "py.loop-bound": ("measure-7",), "py.loop-rebound": ("measure-7",),
    "py.read-write-state": ("measure-7",), "js.from-conversation": ("measure-7",),
    "fill.from-conversation": ("measure-7",), "request.body": ("measure-7",), "js.defaulted": ("measure-7",),
    "state.per-class": ("measure-7",), "state.set-once": ("measure-7",), "state.field-default": ("measure-7", "measure-17"),
    "param.per-call": ("measure-8",), "const.module": ("measure-9",), "const.class": ("measure-9",),
    "const.only-binding": ("measure-9",), "const.js-imported": ("measure-8",), "state.empty": ("measure-9",),
    "boundary.one-shot": ("measure-9", "measure-14", "measure-16", "measure-17"),
    "machine.service": ("measure-10", "measure-18"),
    "js.data-import": ("measure-10",), "js.unset-option": ("measure-10",), "js.loop-bound": ("measure-10",),
    "js.loop-rebound": ("measure-10",), "js.imported-literal": ("measure-12",), "js.text-import": ("measure-13",),
    "param.field-by-name": ("measure-13",), "jinja.loop-item": ("measure-13",), "state.model-reply": ("measure-14",),
    "state.tool-store": ("measure-14",), "state.tool-argument": ("measure-14",),
    # fill12 (value_origin.py, session 2026-12-01): written from the misses of these splits
    "fill.reply-rewrites": ("measure-17",), "state.loop-grown": ("measure-15",), "js.shipped-file": ("measure-16",),
    # convention12 (session 2026-12-01): the labellers' conventions as rules, written from these splits' misses;
    # machine.service and state.field-default were extended (a bot SDK is a service; a field specifier's default)
    "expr.clock-date-part": ("measure-16",), "code.constant-choice": ("measure-18",),
    "code.constant-name": ("measure-15",), "js.grown-history": ("measure-16",), "js.loop-counter": ("measure-16",),
    "py.conversation-position": ("measure-12",), "js.conversation-position": ("measure-12",),
    "state.constructed": ("measure-21",),  # vol16 (session 16): written from measure-21's ControlFlow rows
}


JS_EXTENSIONS = (".js", ".jsx", ".ts", ".tsx", ".mjs")


def partition(rows: list[dict] | None = None) -> tuple[list[str], list[str]]:
    """(development splits, validation splits), by the rule evidence13 wrote down before changing any code: a
    split is JS/TS when more of its labelled files are JS/TS than Python (template files count for neither, a tie
    is Python); within each language, in labelling order, the splits alternate development, validation, ...,
    the first one development."""
    rows = eval_t.labels() if rows is None else rows
    dev, val = [], []
    seen = {"js": 0, "py": 0}
    for split in eval_t.SPLITS:
        files = [Path(r["file"]).suffix for r in rows if r["split"] == split]
        if not files:
            continue
        js = sum(e in JS_EXTENSIONS for e in files)
        py = sum(e == ".py" for e in files)
        lang = "js" if js > py else "py"
        (dev if seen[lang] % 2 == 0 else val).append(split)
        seen[lang] += 1
    return dev, val


def counts(rows: list[dict]) -> dict:
    """What may be seen of a set of rows without reading them: agreement per split, and right/decided per
    decisive rule per split."""
    per_split: dict = defaultdict(lambda: [0, 0])
    per_rule: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in rows:
        ok = r["label"] == r["got"]
        per_split[r["split"]][0] += ok
        per_split[r["split"]][1] += 1
        for rule in decisive(r):
            per_rule[rule][r["split"]][0] += ok
            per_rule[rule][r["split"]][1] += 1
    return {"splits": {k: list(v) for k, v in per_split.items()},
            "rules": {k: {s: list(c) for s, c in v.items()} for k, v in per_rule.items()}}


def counts_report(rows: list[dict], before: dict | None = None) -> tuple[str, dict]:
    """Development misses and both halves' counts (``before``: the same counts saved earlier, to compare)."""
    dev, val = partition()
    now = counts(rows)
    lines = []

    def total(c, splits):
        return [sum(c["splits"].get(s, [0, 0])[0] for s in splits), sum(c["splits"].get(s, [0, 0])[1] for s in splits)]

    for name, splits in (("development", dev), ("validation", val)):
        ok, n = total(now, splits)
        head = f"{name}: {ok}/{n}"
        if before:
            bok, _bn = total(before, splits)
            head += f" (before {bok}, {ok - bok:+d})"
        lines.append(head)
        for s in splits:
            a, m = now["splits"].get(s, [0, 0])
            cell = f"  {s}: {a}/{m}"
            if before:
                b = before["splits"].get(s, [0, 0])[0]
                cell += f" (before {b}, {a - b:+d})" if a != b else " (=)"
            if a < eval_t.FLOOR.get(s, 0):
                cell += f"  BELOW FLOOR {eval_t.FLOOR[s]}"
            lines.append(cell)
    lines += ["", "per decisive rule, right/decided: development | validation"
              + (" (before -> now where changed)" if before else "")]
    rules = sorted(set(now["rules"]) | set((before or {}).get("rules", {})))

    def cell(c, rule, splits):
        got = [c.get("rules", {}).get(rule, {}).get(s, [0, 0]) for s in splits]
        return f"{sum(g[0] for g in got)}/{sum(g[1] for g in got)}"

    for rule in rules:
        d, v = cell(now, rule, dev), cell(now, rule, val)
        if before:
            bd, bv = cell(before, rule, dev), cell(before, rule, val)
            if (bd, bv) == (d, v):
                continue
            lines.append(f"  {rule:<48} dev {bd} -> {d} | val {bv} -> {v}")
        else:
            lines.append(f"  {rule:<48} dev {d} | val {v}")
    lines += ["", "development misses:"]
    for r in rows:
        if r["split"] in dev and r["label"] != r["got"]:
            lines.append(f"  {r['split']:<10} {r['project']:<16} {r['variable'][:34]:<34} expert {r['label']:<11} "
                         f"pcache {r['got']:<11} {r['rule']}")
    return "\n".join(lines), now


def _evidence():
    from pcache.analyzers import evidence

    return evidence


def run(disabled: frozenset = frozenset(), projects: set | None = None, touched: dict | None = None) -> list:
    """``evaluate()`` with ``disabled`` rules; ``touched``, when given, gets project -> every rule id reached
    while classifying that project's rows (``evidence.FIRED``, per top-level ``classify`` call)."""
    from pcache.analyzers import volatility

    evidence = _evidence()
    evidence.DISABLED.clear()
    evidence.DISABLED.update(disabled)
    volatility.clear_cache()
    original = volatility.classify
    fired: list[set] = []
    depth = [0]

    def recording(*args, **kwargs):  # one top-level call per labelled row, in the rows' order
        if depth[0] == 0:
            evidence.FIRED = set()
        depth[0] += 1
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                fired.append(evidence.FIRED)
                evidence.FIRED = None

    volatility.classify = recording
    try:
        outs = eval_t.evaluate(projects)
    finally:
        volatility.classify = original
        evidence.DISABLED.clear()
        evidence.FIRED = None
    if touched is not None:
        assert len(fired) == len(outs), (len(fired), len(outs))
        for o, f in zip(outs, fired):
            touched.setdefault(o.label["project"], set()).update(f)
    return outs


def _row(o) -> dict:
    return {"split": o.label["split"], "project": o.label["project"], "variable": o.label["variable"],
            "label": o.label["class"], "got": o.got, "rule": o.rule, "evidence": o.evidence, "source": o.source}


# ----------------------------------------------------------------------------------------------- tables

def stats(rows: list[dict], key) -> dict:
    """rule -> {decided, right, by split, given->expert}; ``key(row)`` gives the rule ids a row counts for."""
    out: dict[str, dict] = defaultdict(lambda: {"n": 0, "ok": 0, "splits": defaultdict(lambda: [0, 0]),
                                                "pairs": Counter()})
    for r in rows:
        for rule in key(r):
            s = out[rule]
            ok = r["label"] == r["got"]
            s["n"] += 1
            s["ok"] += ok
            s["splits"][r["split"]][0] += ok
            s["splits"][r["split"]][1] += 1
            if not ok:
                s["pairs"][f"{r['got']}->{r['label']}"] += 1
    return out


def decisive(r: dict) -> list[str]:
    return [_evidence().decisive(r["rule"]) or "?"]


def leaf(r: dict) -> list[str]:
    """The sub-rule that first decided the class, whatever stage reached it and whatever modifier followed."""
    last = (r["rule"] or "?").split("/")[-1]
    return [last.split(":", 1)[-1]]


def involved(r: dict) -> list[str]:
    """Every rule a row's id names (each once)."""
    parts = _evidence().parts(r["rule"] or "?")
    return list(dict.fromkeys(p.split(":", 1)[-1] for p in parts))


def origin(rule: str) -> tuple[str, ...]:
    """The splits a rule (or a stage's sub-rule, ``flow:param.per-call``) was written from."""
    return ORIGIN.get(rule.split(":", 1)[-1], ())


def loso(s: dict, rule: str) -> tuple[int, int]:
    """Right / decided on the splits other than the ones ``rule`` was written from."""
    out = [0, 0]
    for split, (ok, n) in s["splits"].items():
        if split not in origin(rule):
            out[0] += ok
            out[1] += n
    return out[0], out[1]


def _pct(ok: int, n: int) -> str:
    return f"{ok / n:.0%}" if n else "-"


def table(rows: list[dict], key, title: str, show_splits: bool = False) -> str:
    st = stats(rows, key)
    lines = [f"#### {title}", "",
             "| rule | decided | right | precision | leave-origin-out | origin | wrong: pcache->expert |",
             "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for rule, s in sorted(st.items(), key=lambda kv: (-kv[1]["n"], kv[0])):
        lok, ln = loso(s, rule)
        written = ",".join(x.replace("measure-", "m") for x in origin(rule)) or "-"
        pairs = ", ".join(f"{p} {c}" for p, c in s["pairs"].most_common(3))
        lines.append(f"| {rule} | {s['n']} | {s['ok']} | {_pct(s['ok'], s['n'])} | "
                     f"{lok}/{ln} {_pct(lok, ln)} | {written} | {pairs} |")
    if show_splits:
        splits = list(dict.fromkeys(r["split"] for r in rows))
        lines += ["", "| rule | " + " | ".join(s.replace("measure-", "m") for s in splits) + " |",
                  "| --- |" + " ---: |" * len(splits)]
        for rule, s in sorted(st.items(), key=lambda kv: (-kv[1]["n"], kv[0])):
            cells = [f"{s['splits'][x][0]}/{s['splits'][x][1]}" if x in s["splits"] else "" for x in splits]
            lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------- blind first runs

_MODIFIERS = ("boundary.one-shot", "machine.service", "expr.import-frozen", "goal.definition", "jinja.loop-item",
              "name.goal-system", "name.goal-fields", "name.goal-objective")


def evidence_patterns() -> list[tuple[str, re.Pattern, int]]:
    """(rule, regex, literal length) for every evidence template of today's code: the literal parts of the
    f-string a rule writes, anything between them.  Classifiers from before rule ids wrote the same texts."""
    out = []
    for path in sorted((ROOT / "analyzers").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for n in ast.walk(tree):
            if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.args
                    and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)):
                continue
            fn = n.func.id
            if fn == "ev" and len(n.args) >= 3:
                why = n.args[2]
            elif fn == "_v" and len(n.args) >= 4:
                why = n.args[3]
            elif fn == "_modified" and len(n.args) >= 5:
                why = n.args[4]
            else:
                continue
            rule = n.args[0].value
            lits = []
            for part in _strings(why):
                lits.append(part)
            text = ".*?".join(re.escape(x) for x in lits if x is not None)
            size = sum(len(x) for x in lits if x)
            if size >= 6:
                out.append((rule, re.compile(text, re.S), size))
    return out


def _strings(node) -> list:
    """Literal parts of an evidence expression (None for each formatted part)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        out = []
        for v in node.values:
            out.append(v.value if isinstance(v, ast.Constant) else None)
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _strings(node.left) + [None] + _strings(node.right)
    return [None]


def rule_from_evidence(row: dict, patterns) -> str:
    """The rule an old classifier's evidence text names: a modifier when its template matches, else the
    template with the most literal text that matches; by the source (name, default...) when none does."""
    text = row["evidence"] or ""
    hits = [(rule, size) for rule, pat, size in patterns if pat.search(text)]
    mods = [r for r, _s in hits if r in _MODIFIERS]
    leaves = sorted((h for h in hits if h[0] not in _MODIFIERS), key=lambda h: -h[1])
    lead = leaves[0][0] if leaves else {"name": "name.?", "default": "default.unknown", "literal": "literal.volatile",
                                        "setting": "setting.?", "samples": "samples.?"}.get(row.get("source"), "?")
    return "/".join([*mods[:1], lead])


def first_runs() -> list[dict]:
    """Every blind split's rows as its first-run classifier classified them, with a recovered rule id."""
    import tempfile

    import volatility_first_runs as fr

    patterns = evidence_patterns()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for commit in dict.fromkeys(fr.FIRST_RUNS.values()):
            splits = {s for s, c in fr.FIRST_RUNS.items() if c == commit}
            for r in fr.outcomes(fr.checkout(commit, Path(tmp))):
                if r["split"] in splits:
                    r = {**r, "source": r.get("source", "")}
                    r["rule"] = r.get("rule") or rule_from_evidence(r, patterns)
                    out.append(r)
    return out


# ------------------------------------------------------------------------------------------- ablation

def ablate(base: list, touched: dict, rules: list[str]) -> list[dict]:
    """Pooled and per-split agreement with each rule of ``rules`` disabled (only the projects that reached it
    are classified again)."""
    splits = list(dict.fromkeys(o.label["split"] for o in base))
    base_ok = {s: sum(o.agrees for o in base if o.label["split"] == s) for s in splits}
    total = sum(base_ok.values())
    out = []
    for rule in rules:
        projects = {p for p, f in touched.items() if rule in f}
        if not projects:
            continue
        t0 = time.time()
        again = run(frozenset({rule}), projects)
        kept = [o for o in base if o.label["project"] not in projects]
        now = kept + again
        ok = {s: sum(o.agrees for o in now if o.label["split"] == s) for s in splits}
        moved = [(o.label["split"], o.label["project"], o.label["variable"], b.got, o.got, o.label["class"])
                 for o in again for b in base
                 if b.label is not None and b.label.get("split") == o.label["split"]
                 and b.label["project"] == o.label["project"] and b.label["variable"] == o.label["variable"]
                 and b.label["prompt"] == o.label["prompt"] and b.got != o.got]
        out.append({"rule": rule, "projects": len(projects), "pooled": sum(ok.values()), "base": total,
                    "delta": sum(ok.values()) - total,
                    "splits": {s: ok[s] - base_ok[s] for s in splits if ok[s] != base_ok[s]},
                    "moved": moved, "seconds": round(time.time() - t0, 1)})
        print(f"  ablate {rule:<28} {len(projects):>3} projects  pooled {sum(ok.values())}/{len(base)} "
              f"({sum(ok.values()) - total:+d})  " + " ".join(f"{s.replace('measure-', 'm')}:{d:+d}"
                                                             for s, d in out[-1]["splits"].items()),
              file=sys.stderr, flush=True)
    return out


def ablation_counts(results: list[dict]) -> str:
    """The ablation by the development / validation partition, counts only (no row)."""
    dev, val = partition()
    lines = ["| rule disabled | development | validation | validation splits that move | development splits that move |",
             "| --- | ---: | ---: | --- | --- |"]
    for a in sorted(results, key=lambda a: a["rule"]):
        d = sum(v for s, v in a["splits"].items() if s in dev)
        v = sum(v for s, v in a["splits"].items() if s in val)
        moves = [", ".join(f"{s.replace('measure-', 'm')} {x:+d}" for s, x in a["splits"].items() if s in half)
                 for half in (val, dev)]
        lines.append(f"| {a['rule']} | {d:+d} | {v:+d} | {moves[0]} | {moves[1]} |")
    return "\n".join(lines)


def ablation_table(results: list[dict], n: int) -> str:
    lines = ["| rule disabled | projects re-run | pooled agreement | change | splits that move |",
             "| --- | ---: | ---: | ---: | --- |"]
    for a in sorted(results, key=lambda a: (a["delta"], a["rule"])):
        moves = ", ".join(f"{s.replace('measure-', 'm')} {d:+d}" for s, d in a["splits"].items())
        lines.append(f"| {a['rule']} | {a['projects']} | {a['pooled']}/{n} | {a['delta']:+d} | {moves} |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    touched: dict[str, set] = {}
    off = frozenset(argv[argv.index("--disable") + 1].split(",")) if "--disable" in argv[:-1] else frozenset()
    base = run(off, touched=touched)
    rows = [_row(o) for o in base]
    if "--counts-only" in argv:  # no validation row is printed or saved
        before = None
        if "--compare" in argv[:-1]:
            before = json.loads(Path(argv[argv.index("--compare") + 1]).read_text())
        if "--ablate" in argv:  # each named rule disabled alone: development and validation counts only
            named = [a for a in argv[argv.index("--ablate") + 1:] if not a.startswith("--")]
            print(ablation_counts(ablate(base, touched, named or sorted(set().union(*touched.values())))))
            return
        text, now = counts_report(rows, before)
        print(text)
        if "--save" in argv[:-1]:
            Path(argv[argv.index("--save") + 1]).write_text(json.dumps(now, indent=1))
        return
    n = len(rows)
    ok = sum(r["label"] == r["got"] for r in rows)
    report = {"rows": rows, "pooled": [ok, n]}
    print(f"pooled agreement (in-sample for every split a rule was written from): {ok}/{n} = {ok / n:.1%}\n")
    print(table(rows, decisive, "Decisive rule (the evidence that set the class)", "--splits" in argv))
    print()
    print(table(rows, leaf, "Sub-rule that first decided the class (through any stage or modifier)"))
    if "--first-runs" in argv:
        blind = first_runs()
        report["first_runs"] = blind
        bok = sum(r["label"] == r["got"] for r in blind)
        print(f"\nblind first runs (replayed on today's labels): {bok}/{len(blind)} = {bok / len(blind):.1%}\n")
        print(table(blind, decisive, "Decisive rule on the blind first runs (rule recovered from the evidence text)",
                    "--splits" in argv))
    if "--ablate" in argv:
        named = []
        for a in argv[argv.index("--ablate") + 1:]:  # the rules named after --ablate, up to the next option
            if a.startswith("--"):
                break
            named.append(a)
        reached = sorted(set().union(*touched.values()))
        rules = named or reached
        if "--after" in argv[:-1]:  # resume a long ablation after the rule it stopped at
            rules = [r for r in rules if r > argv[argv.index("--after") + 1]]
        results = ablate(base, touched, rules)
        report["ablation"] = results
        print("\n#### Ablation: one rule disabled at a time (in-sample pooled agreement over all rows)\n")
        print(ablation_table(results, n))
    if "--json" in argv[:-1]:
        Path(argv[argv.index("--json") + 1]).write_text(json.dumps(report, indent=1, default=list))


if __name__ == "__main__":
    main(sys.argv[1:])

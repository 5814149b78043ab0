"""The rule ids of the volatility classifier (analyzers/evidence.py, issue #12) are stable and observable.

Every class ``classify`` gives names the rule that decided it, so ``benchmarks/rule_precision.py`` can measure
each piece of evidence's precision over all labelled splits.  These tests check that the ids the code writes are
exactly the registered ones, that every row of the labelled eval (tests/test_volatility_eval.py, real prompts of
public projects) gets a well-formed registered id, and that each stage of ``classify`` that the labelled rows can
reach is reached by at least one of them (which row reaches it is read from the eval, not written here).  The
stages the labels cannot reach (a class declared by the user, sample values) are driven by a declaration added
to a real labelled row.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pcache.analyzers import evidence
from pcache.analyzers.volatility import Volatility

ANALYZERS = Path(evidence.__file__).parent
ID = re.compile(r"[a-z]+\.[a-z]+(?:-[a-z]+)*")
STAGES = {"flow", "project", "const", "tool"}  # stages that reach the code readers' sub-rules
# Stages of classify every labelled corpus exercises: the name table, no evidence, the expression, the code
# readers, and the modifiers of a class found (the one-shot boundary, the machine of a service).
REACHED = ("name.", "default.", "expr.", "flow:", "project:", "const:", "tool:", "code.", "boundary.", "machine.")


def _written_ids() -> set[str]:
    """Every rule id the classifier's code writes (the first argument of ``ev``/``_v``/``_modified``/``enabled``,
    the last of ``_then``, the fourth of ``Volatility(...)``)."""
    out = set()
    # the flat modules and the data-flow packages (analyzers/dataflow/, analyzers/crossflow/)
    for path in [*ANALYZERS.glob("*.py"), *ANALYZERS.glob("dataflow/*.py"), *ANALYZERS.glob("crossflow/*.py")]:
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(n, ast.Call) or not n.args:
                continue
            name = n.func.id if isinstance(n.func, ast.Name) else None
            arg = {"ev": 0, "_v": 0, "_modified": 0, "enabled": 0, "_then": -1, "Volatility": 3}.get(name)
            if arg is None or (arg >= 0 and len(n.args) <= arg):
                continue
            a = n.args[arg]
            if isinstance(a, ast.Constant) and isinstance(a.value, str):
                out.add(a.value)
    return out


def test_the_code_writes_exactly_the_registered_ids():
    written = _written_ids()
    assert written == set(evidence.RULES), (sorted(written - set(evidence.RULES)), sorted(set(evidence.RULES) - written))
    for rule in evidence.RULES:
        assert ID.fullmatch(rule), rule


def test_the_switches_are_off_outside_the_benchmark():
    assert evidence.DISABLED == set() and evidence.FIRED is None


def test_the_rule_is_not_part_of_the_class():
    # equality, hashing and unpacking are the class's (the rule only says what decided it)
    a, b = Volatility("per-day", "name", "today", "name.word"), Volatility("per-day", "name", "today")
    assert a == b and hash(a) == hash(b) and tuple(a) == ("per-day", "name")


def _well_formed(rule: str) -> bool:
    for part in rule.split("/"):
        stage, sep, sub = part.partition(":")
        if sep and (stage not in STAGES or sub not in evidence.RULES):
            return False
        if not sep and part not in evidence.RULES:
            return False
    return True


@pytest.fixture(scope="module")
def outcomes():
    from test_volatility_eval import evaluate

    return evaluate()


def test_every_labelled_row_names_a_registered_rule(outcomes):
    assert len(outcomes) >= 400
    bad = [(o.label["project"], o.label["variable"], o.rule) for o in outcomes if not _well_formed(o.rule)]
    assert not bad, bad


def test_each_stage_is_reached_by_a_labelled_row(outcomes):
    decisive = {evidence.decisive(o.rule) for o in outcomes}
    for stage in REACHED:
        rows = [o for o in outcomes if any(p.startswith(stage) for p in o.rule.split("/"))]
        assert rows, (stage, sorted(decisive))
    # a stage's rule is also the class it gave: the unknown rows say so, and only they
    for o in outcomes:
        assert (o.got == "unknown") == (o.rule == "default.unknown"), (o.label["variable"], o.got, o.rule)


def test_a_declaration_on_a_labelled_row_is_the_setting_stage(outcomes):
    """A real labelled variable declared in [tool.pcache.variables], or given sample values, is decided by
    the setting stage / the samples stage (the labels never declare anything)."""
    from pcache.analyzers.model import Segment
    from pcache.analyzers.volatility import VolatilitySettings, classify

    row = next(o for o in outcomes if o.rule == "default.unknown")
    name = row.label["variable"]
    seg = Segment("{" + name + "}", "variable", name=name, expression=name)
    got = classify(seg, None, VolatilitySettings(variables={name: "per-day"}))
    assert (got.cls, got.rule) == ("per-day", "setting.config")
    got = classify(seg, None, VolatilitySettings(samples={name: ["a", "b"]}))
    assert (got.cls, got.rule) == ("per-request", "samples.varied")


def test_disabling_a_rule_lets_the_next_evidence_decide(outcomes):
    """The benchmark's ablation switch: a labelled row decided by a name-table word, with that rule
    disabled, is decided by something else (or is unknown), and enabling it again restores the row."""
    from pcache.analyzers.model import Segment
    from pcache.analyzers.volatility import classify

    row = next(o for o in outcomes if o.rule == "name.word" and "." not in o.label["variable"])
    name = row.label["variable"]
    seg = Segment("{" + name + "}", "variable", name=name, expression=name)
    before = classify(seg)
    evidence.DISABLED.add("name.word")
    try:
        during = classify(seg)
    finally:
        evidence.DISABLED.clear()
    assert before.rule == "name.word" and during.rule != "name.word"
    assert classify(seg) == before

"""A variable nothing decides, in a template that holds an agent's definition (issue 12; benchmarks/LABEL_AGREEMENT.md
"Session 17").

SalesGPT's inception prompts (tests/fixtures/SOURCES.md, ``agents/eval/salesgpt``) open with ``Never forget your name is
{salesperson_name}. You work as a {salesperson_role}.``: the sales agent's definition, filled from the agent's
configuration when the agent is built.  The code that fills them is not in the scan, and ``salesperson_name`` is no
word of the name table, so nothing decided it (``unknown``).  Next to a field of an agent's definition (a name whose
last word is ``role``, ``backstory``, ``persona``, ``personality``, ``constraints``, or ``tools`` / ``agent_name``),
it is read as another field of that definition: per-config (rule ``definition.sibling``), only where the class
would otherwise be ``unknown``."""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

ROOT = Path(__file__).parent / "fixtures" / "agents" / "eval" / "salesgpt"
PROMPTS = ROOT / "salesgpt" / "prompts.py"


def test_a_variable_next_to_the_agents_role_is_its_definition():
    got = classify_in_project(PROMPTS, "SALES_AGENT_INCEPTION_PROMPT", "salesperson_name", ROOT)
    assert got.cls == "per-config" and got.rule == "definition.sibling", got
    assert "salesperson_role" in got.evidence, got
    got = classify_in_project(PROMPTS, "SALES_AGENT_TOOLS_PROMPT", "salesperson_name", ROOT)
    assert got.cls == "per-config" and got.rule == "definition.sibling", got


def _copy(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "salesgpt"
    (root / "salesgpt").mkdir(parents=True)
    (root / "salesgpt" / "prompts.py").write_text(text, encoding="utf-8")
    return root


def test_without_a_definition_field_nothing_decides(tmp_path):
    # the same template without the agent's role (nor tools): no definition around the variable, it stays unknown
    text = PROMPTS.read_text(encoding="utf-8").replace("{salesperson_role}", "salesperson").replace("{tools}", "tools")
    root = _copy(tmp_path, text)
    got = classify_in_project(root / "salesgpt" / "prompts.py", "SALES_AGENT_TOOLS_PROMPT", "salesperson_name", root)
    assert got.cls == "unknown" and got.rule == "default.unknown", got


def test_a_name_the_table_classes_keeps_its_class(tmp_path):
    # a variable the name table reads (`query`: the request) is not taken by the definition around it
    text = PROMPTS.read_text(encoding="utf-8").replace("{salesperson_name}", "{query}")
    root = _copy(tmp_path, text)
    got = classify_in_project(root / "salesgpt" / "prompts.py", "SALES_AGENT_INCEPTION_PROMPT", "query", root)
    assert got.cls == "per-request" and got.rule != "definition.sibling", got

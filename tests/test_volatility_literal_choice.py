"""A name bound to one of a few literals by an ``if`` keeps the class of the condition that chooses (issue 12;
benchmarks/LABEL_AGREEMENT.md "vol18"; the root reading of benchmarks/PROMPT_DISCOVERY.md "Root lint, session 17").

bisheng's Linsight system prompt (tests/fixtures/SOURCES.md, ``code/bisheng-kb-line``) holds ``__KB_EXEC_LINE__``, filled by
``_LINSIGHT_SYSTEM_PROMPT_TEMPLATE_ZH.replace("__KB_EXEC_LINE__", exec_line)`` where ``exec_line`` is one of two literal
sentences chosen by ``if has_knowledge_base:``; the only caller passes ``has_kb = any(t.name == _KB_TOOL_NAME for t in
tools)``, computed from the agent's tools: two variants of the prompt, one per configuration (per-config), not a value
of each request.  Rule ``code.literal-choice``: the condition's class, read through the callers of the function."""

from __future__ import annotations

import shutil
from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

ROOT = Path(__file__).parent / "fixtures" / "code" / "bisheng-kb-line"
FACTORY = ROOT / "linsight" / "domain" / "services" / "agent_factory.py"
PROMPT = "_LINSIGHT_SYSTEM_PROMPT_TEMPLATE_ZH"


def test_a_choice_between_literals_takes_the_class_of_its_condition():
    got = classify_in_project(FACTORY, PROMPT, "KB_EXEC_LINE", ROOT)
    assert got.cls == "per-config" and got.rule.endswith("code.literal-choice"), got
    assert "has_knowledge_base" in got.evidence and "tools" in got.evidence, got


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "bisheng"
    shutil.copytree(ROOT, root)
    path = root / FACTORY.relative_to(ROOT)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def test_a_condition_the_request_sets_makes_the_choice_per_request(tmp_path):
    # the same choice, made by what each request carries: the text changes with the request
    root = _variant(tmp_path, "has_kb = any(t.name == _KB_TOOL_NAME for t in tools)",
                    "has_kb = any(t.name == _KB_TOOL_NAME for t in user_query)")
    got = classify_in_project(root / FACTORY.relative_to(ROOT), PROMPT, "KB_EXEC_LINE", root)
    assert got.cls == "per-request" and got.rule.endswith("code.literal-choice"), got


def test_one_literal_is_no_choice(tmp_path):
    # the else branch binds no literal: no choice between literals, the rule does not read it
    root = _variant(tmp_path, '''    else:
        exec_line = (''', '''    else:
        exec_line = str(''')
    got = classify_in_project(root / FACTORY.relative_to(ROOT), PROMPT, "KB_EXEC_LINE", root)
    assert "code.literal-choice" not in got.rule, got

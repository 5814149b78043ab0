"""A value computed for each message and filled into a chat template's system message, in the same call that
sends the conversation's history after it, is re-rendered at every turn: per-turn (issue 12;
benchmarks/LABEL_AGREEMENT.md "vol19"; rule ``struct.rerendered-system``).

llm-graph-builder (tests/fixtures/agents/eval/llm-graph-builder, measure-29): ``get_rag_chain`` builds
``ChatPromptTemplate.from_messages([("system", system_template), MessagesPlaceholder(variable_name="messages"),
("human", "User question: {input}")])`` with ``system_template=CHAT_SYSTEM_TEMPLATE``; ``process_documents``, run for
every chat message, computes ``formatted_docs`` from the documents retrieved for it and calls
``rag_chain.invoke({"messages": messages[:-1], "context": formatted_docs, "input": question})``: the system message
holding ``{context}`` changes at every message, before the history that follows it in the same request."""

from __future__ import annotations

import shutil
from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

ROOT = Path(__file__).parent / "fixtures" / "agents" / "eval" / "llm-graph-builder"
PROMPT = Path("backend") / "src" / "shared" / "constants.py"
CHAIN = Path("backend") / "src" / "QA_integration.py"


def test_a_value_computed_per_message_in_a_system_message_before_the_history_is_per_turn():
    got = classify_in_project(ROOT / PROMPT, "CHAT_SYSTEM_TEMPLATE", "context", ROOT)
    assert got.cls == "per-turn" and got.rule == "struct.rerendered-system", got


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "lgb"
    shutil.copytree(ROOT, root)
    text = (root / CHAIN).read_text(encoding="utf-8")
    assert old in text
    (root / CHAIN).write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_without_the_history_in_the_same_call_the_rule_says_nothing(tmp_path):
    # no history sent after the system message: nothing re-rendered before a kept conversation
    root = _variant(tmp_path, '"messages": messages[:-1],', '')
    got = classify_in_project(root / PROMPT, "CHAT_SYSTEM_TEMPLATE", "context", root)
    assert got.rule != "struct.rerendered-system", got


def test_a_value_passed_through_unchanged_is_not_read_as_computed_per_message(tmp_path):
    # a parameter handed on as it came says nothing of how often it changes: the caller decides
    root = _variant(tmp_path, '"context": formatted_docs,', '"context": model,')
    got = classify_in_project(root / PROMPT, "CHAT_SYSTEM_TEMPLATE", "context", root)
    assert got.rule != "struct.rerendered-system", got


def test_a_system_message_after_the_history_is_not_this_rule(tmp_path):
    # the system text placed after the placeholder: no history follows it
    root = _variant(tmp_path, '("system", system_template),\n                MessagesPlaceholder(variable_name="messages"),',
                    'MessagesPlaceholder(variable_name="messages"),\n                ("system", system_template),')
    got = classify_in_project(root / PROMPT, "CHAT_SYSTEM_TEMPLATE", "context", root)
    assert got.rule != "struct.rerendered-system", got

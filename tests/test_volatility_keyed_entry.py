"""A read of one entry of a dict the function builds follows that entry, and an object a loop builds from literals
is the same at every pass (issue 12; benchmarks/LABEL_AGREEMENT.md "vol18"; the root reading of
benchmarks/PROMPT_DISCOVERY.md "Root lint, session 17").

TaskingAI's Anthropic provider (tests/fixtures/SOURCES.md, ``code/taskingai-system``) builds ``payload = {"messages": ...,
"model": ..., "max_tokens": 4096, "stream": stream}``, stores ``payload["system"] = system_message`` (the request's own
first message, ``_extract_system_message(messages)``), copies ``configs.model_dump()`` into it, and for JSON output
writes ``payload["system"] = f"{payload['system']} You are designed to output in JSON format."``.  The f-string reads
the ``system`` entry: the caller's system message, per-request; it was read as the whole dict, through ``configs`` to
the credential health check's retry loop (``config = ChatCompletionModelConfiguration()`` at every pass), per-turn."""

from __future__ import annotations

import shutil
from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

ROOT = Path(__file__).parent / "fixtures" / "code" / "taskingai-system"
PROVIDER = Path("inference") / "providers" / "anthropic" / "chat_completion.py"
PROMPT = "_build_anthropic_chat_completion_payload.payload.system"


def test_the_entry_read_is_the_value_stored_under_its_key():
    got = classify_in_project(ROOT / PROVIDER, PROMPT, "payload", ROOT)
    assert got.cls == "per-request", got
    assert "system_message" in got.evidence and "configs" not in got.evidence, got


def test_a_configuration_built_from_literals_in_a_retry_loop_does_not_move(tmp_path):
    # without the stored entry the read is the whole dict again, followed through `configs` to the health check's
    # retry loop: `ChatCompletionModelConfiguration()` made at every pass is the same object each time, not per-turn
    root = tmp_path / "taskingai"
    shutil.copytree(ROOT, root)
    path = root / PROVIDER
    text = path.read_text(encoding="utf-8")
    stored = '    if system_message:\n        payload["system"] = system_message\n'
    assert stored in text
    path.write_text(text.replace(stored, ""), encoding="utf-8")
    got = classify_in_project(path, PROMPT, "payload", root)
    assert got.cls != "per-turn" and "bound anew" not in got.evidence, got


def test_an_argument_that_moves_in_the_loop_still_does(tmp_path):
    # the same loop building the configuration from the pass's own counter: a new value at every pass
    root = tmp_path / "taskingai"
    shutil.copytree(ROOT, root)
    path = root / PROVIDER
    text = path.read_text(encoding="utf-8")
    stored = '    if system_message:\n        payload["system"] = system_message\n'
    path.write_text(text.replace(stored, ""), encoding="utf-8")
    check = root / "inference" / "scripts" / "credential_health_check.py"
    text = check.read_text(encoding="utf-8")
    assert "config = ChatCompletionModelConfiguration()" in text
    check.write_text(text.replace("config = ChatCompletionModelConfiguration()",
                                  "config = ChatCompletionModelConfiguration(attempts)"), encoding="utf-8")
    got = classify_in_project(path, PROMPT, "payload", root)
    assert got.cls == "per-turn", got

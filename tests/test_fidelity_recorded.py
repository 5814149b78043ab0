"""Prompt tokens of real OpenAI traffic: each rendering rule checked against the ``usage`` the API returned.

Corpus: ``shared/corpora/openai-recorded/recorded.jsonl`` (660 request/usage pairs recorded from
api.openai.com by the test cassettes of Mirascope, OpenInference, ldp, paper-qa, magentic, AgentOps and
Langtrace; MIT / Apache-2.0, attribution in its SOURCES.md).  Each test names the pairs (by their ``id``)
that exercise one rule; the golden is the recorded ``usage.prompt_tokens`` (Chat) or ``input_tokens``
(Responses), never pcache's own output.  Where a rule is a difference from the cookbook count, the
cookbook count is computed here from tiktoken directly.
"""

from __future__ import annotations

import json

import pytest

from conftest import SHARED
from pcache.analyzers.scan import tokenize_corpus
from pcache.analyzers.sources.interface import SourceOptions
from pcache.analyzers.sources.jsonl import JsonlSource

RECORDED = SHARED / "corpora" / "openai-recorded" / "recorded.jsonl"
CREWAI = SHARED / "corpora" / "crewai-vcr" / "openai_chat_completions.jsonl"

pytestmark = pytest.mark.skipif(not RECORDED.exists(), reason="shared openai-recorded corpus not available")


@pytest.fixture(scope="module")
def dev():
    """id -> (recorded record, predicted tokens, Prompt), every pair counted the way ``pcache scan`` does."""
    records = [json.loads(line) for line in RECORDED.read_text(encoding="utf-8").splitlines() if line.strip()]
    text = "\n".join(json.dumps({"request": r["request"]}) for r in records)
    loaded = JsonlSource().load("recorded.jsonl", text, SourceOptions(request_field="request"))
    assert not loaded.errors and len(loaded.prompts) == len(records)
    tps, _ = tokenize_corpus(loaded.prompts, None)
    return {r["id"]: (r, len(tp), tp.prompt) for r, tp in zip(records, tps)}


def actual(record: dict) -> int:
    usage = record["usage"]
    return usage["prompt_tokens"] if record["endpoint"] == "chat" else usage["input_tokens"]


def cookbook(enc, messages) -> int:
    """The cookbook count (3 per message + role + content, 3 for the reply priming), from tiktoken."""
    n = 3
    for m in messages:
        content = m["content"]
        if isinstance(content, list):
            content = "".join(p.get("text", "") for p in content)
        n += 3 + len(enc.encode(m["role"])) + len(enc.encode(content or ""))
    return n


def within(pred: int, act: int, share: float = 0.03) -> bool:
    return abs(pred - act) <= share * act


# ---------------------------------------------------------------- reasoning models (harmony)


@pytest.mark.parametrize("pid", ["mirascope#31", "mirascope#32", "mirascope#420", "magentic#32", "magentic#33",
                                 "ldp#8", "ldp#25"])
def test_reasoning_reply_is_primed_without_message_token(dev, o200k, pid):
    """gpt-5*, o3-mini, o4-mini: one token fewer than the cookbook, harmony's ``<|start|>assistant``
    priming (the model writes its channel before ``<|message|>``)."""
    record, predicted, prompt = dev[pid]
    req = record["request"]
    msgs = req.get("messages") or (req["input"] if isinstance(req["input"], list)
                                   else [{"role": "user", "content": req["input"]}])
    assert actual(record) == cookbook(o200k, msgs) - 1
    assert predicted == actual(record)
    assert not prompt.estimate


@pytest.mark.parametrize("pid", ["mirascope#355", "mirascope#402"])
def test_reasoning_assistant_turn_carries_final_channel(dev, o200k, pid):
    """An earlier assistant turn is ``<|start|>assistant<|channel|>final<|message|>...``: 2 tokens more."""
    record, predicted, _ = dev[pid]
    msgs = record["request"]["messages"]
    turns = sum(m["role"] == "assistant" for m in msgs)
    assert actual(record) == cookbook(o200k, msgs) - 1 + 2 * turns
    assert predicted == actual(record)


def test_o1_mini_predates_harmony():
    """o1-mini (no developer messages, no reasoning effort) is counted like gpt-4o (crewAI recordings)."""
    rows = [json.loads(line) for line in CREWAI.read_text(encoding="utf-8").splitlines()]
    o1 = [r for r in rows if r["request"]["model"] == "o1-mini"]
    assert o1
    text = "\n".join(json.dumps(r["request"]) for r in o1)
    loaded = JsonlSource().load("o1.jsonl", text, SourceOptions())
    tps, _ = tokenize_corpus(loaded.prompts, None)
    assert [len(tp) for tp in tps] == [r["usage"]["prompt_tokens"] for r in o1]


# ---------------------------------------------------------------- message names


@pytest.mark.parametrize("pid", ["openinference#15", "openinference#16", "openinference#17", "openinference#18",
                                 "openinference#19"])
def test_message_name_follows_role(dev, o200k, pid):
    """``name`` renders as ``role:name`` (harmony's author header), one token fewer than the cookbook's
    ``+1 per name`` for these names."""
    record, predicted, _ = dev[pid]
    msgs = record["request"]["messages"]
    authors = sum(len(o200k.encode(m["role"] + ":" + m["name"])) - len(o200k.encode(m["role"]))
                  for m in msgs if m.get("name"))
    assert actual(record) == cookbook(o200k, msgs) + authors
    assert predicted == actual(record)


# ---------------------------------------------------------------- images


@pytest.mark.parametrize("pid", ["mirascope#25", "mirascope#26", "mirascope#368", "mirascope#370",
                                 "openinference#62", "ldp#24", "paper-qa#6", "paper-qa#7", "paper-qa#18",
                                 "magentic#5", "magentic#22"])
def test_inline_images_by_tile_formula(dev, pid):
    """Inline PNG/JPEG (data: URLs) on gpt-4o and gpt-4o-mini, detail auto or unset: base + tiles of the
    image's own size (``auto`` is high for these models); exact, and not an estimate."""
    record, predicted, prompt = dev[pid]
    assert predicted == actual(record)
    assert "image-url-without-size" not in prompt.estimate_reasons
    assert not prompt.estimate


def test_image_url_without_size_is_a_flagged_lower_bound(dev):
    for pid in ("mirascope#27", "mirascope#321", "openinference#76"):
        record, predicted, prompt = dev[pid]
        assert prompt.estimate and "image-url-without-size" in prompt.estimate_reasons
        assert predicted <= actual(record)


# ---------------------------------------------------------------- tools


@pytest.mark.parametrize("pid", ["mirascope#61", "mirascope#81", "mirascope#89"])
def test_named_tool_choice_primes_a_call(dev, pid):
    """A named tool_choice: the reply is primed as ``assistant to=functions.NAME<|constrain|>json``
    (the same requests without that priming would be 12-14 tokens under)."""
    record, predicted, prompt = dev[pid]
    assert predicted == actual(record)
    assert prompt.estimate and "tools" in prompt.estimate_reasons


def test_named_tool_choice_on_small_requests(dev):
    for pid in ("magentic#8", "magentic#15", "magentic#24", "magentic#12", "mirascope#63"):
        record, predicted, _ = dev[pid]
        assert within(predicted, actual(record))


def test_multiline_description_is_one_comment(dev):
    """A 3,700-token markdown tool description (Chat and Responses): within 1 % when only its first
    line carries ``// `` (a prefix on each of its ~130 lines would be 3.5 % over)."""
    for pid in ("mirascope#11", "mirascope#15"):
        record, predicted, _ = dev[pid]
        assert within(predicted, actual(record), 0.01)


def test_responses_sections_without_system_message(dev):
    """Responses with no system/developer message: the tools / schema sections have no top-level
    header (the same Chat requests count 6 more)."""
    for pid in ("mirascope#38", "mirascope#58", "mirascope#59"):
        record, predicted, _ = dev[pid]
        assert within(predicted, actual(record))
    chat, responses = dev["mirascope#37"][0], dev["mirascope#38"][0]
    assert actual(chat) - actual(responses) == dev["mirascope#37"][1] - dev["mirascope#38"][1] == 6


def test_schema_description_is_a_comment(dev):
    """``json_schema.description`` is rendered (harmony: ``## NAME`` then ``// description``): without it
    these requests would be 14-16 tokens under."""
    for pid in ("mirascope#153", "mirascope#154", "mirascope#155", "mirascope#156"):
        record, predicted, _ = dev[pid]
        assert abs(predicted - actual(record)) <= 3


# Responses requests whose only extra is a json_schema format (six different schemas, with and
# without a developer message).
RESPONSES_SCHEMA_ONLY = ["mirascope#58", "mirascope#59", "mirascope#68", "mirascope#88", "mirascope#147",
                         "mirascope#155", "mirascope#322"]


def _schema_unrendered(schema):
    """The schema without ``required`` / ``additionalProperties`` / ``$schema`` (property names kept)."""
    if isinstance(schema, list):
        return [_schema_unrendered(v) for v in schema]
    if not isinstance(schema, dict):
        return schema
    return {k: ({pk: _schema_unrendered(pv) for pk, pv in v.items()} if k in ("properties", "$defs")
                else _schema_unrendered(v))
            for k, v in schema.items() if k not in ("required", "additionalProperties", "$schema")}


def test_schema_without_required_and_additional_properties(dev, o200k):
    """A json_schema response format costs its compact JSON without ``required`` /
    ``additionalProperties`` / ``$schema``, titles kept (openai-cookbook issue #2140).  Golden: the
    recorded usage minus the cookbook count of the messages (and of the ``// description`` line) minus
    that JSON and the schema's name is the same constant for every schema; with the keys kept, it is not."""
    residual, residual_kept = set(), set()
    for pid in RESPONSES_SCHEMA_ONLY:
        record, predicted, prompt = dev[pid]
        req = record["request"]
        fmt = req["text"]["format"]
        msgs = req["input"] if isinstance(req["input"], list) else [{"role": "user", "content": req["input"]}]
        overhead = actual(record) - cookbook(o200k, msgs) - len(o200k.encode(fmt["name"]))
        if fmt.get("description"):
            overhead -= len(o200k.encode("// " + fmt["description"] + "\n"))
        compact = {"separators": (",", ":"), "ensure_ascii": False}
        residual.add(overhead - len(o200k.encode(json.dumps(_schema_unrendered(fmt["schema"]), **compact))))
        residual_kept.add(overhead - len(o200k.encode(json.dumps(fmt["schema"], **compact))))
        assert abs(predicted - actual(record)) <= 1
        assert prompt.estimate and "tools" in prompt.estimate_reasons
    assert len(residual) == 1 and len(residual_kept) > 2


@pytest.mark.parametrize("pid", ["mirascope#124", "mirascope#127", "mirascope#131", "mirascope#138"])
def test_tool_result_header_is_the_function_name(dev, o200k, pid):
    """A tool result's header is its author alone, ``functions.NAME`` (harmony), not ``tool:NAME``.
    Golden: two parallel Responses calls and their outputs: within 3 % (4 tokens over); with
    ``tool:NAME`` (one token more per output) they are 6 over, out of 3 %."""
    record, predicted, _ = dev[pid]
    outputs = [i for i in record["request"]["input"] if i.get("type") == "function_call_output"]
    assert len(outputs) == 2
    name = "secret_retrieval_tool"
    saved = len(o200k.encode("tool:" + name)) - len(o200k.encode("functions." + name))
    assert saved == 1
    assert abs(predicted - actual(record)) <= 0.03 * actual(record)
    assert abs(predicted + 2 * saved - actual(record)) > 0.03 * actual(record)


def test_function_call_items_and_outputs(dev):
    """Responses ``function_call`` / ``function_call_output`` items and Chat ``tool_calls`` history: each
    call its own message, the output named after its function (found by call id)."""
    for pid in ("mirascope#308", "mirascope#310", "mirascope#48", "mirascope#50", "magentic#3"):
        record, predicted, _ = dev[pid]
        assert within(predicted, actual(record))



@pytest.mark.parametrize("pid", ["mirascope#119", "mirascope#122", "mirascope#428"])
def test_parallel_chat_call_results_are_json_strings(dev, o200k, pid):
    """Two calls in one Chat turn: their results count as JSON string literals (fitted, see README).
    Golden: recorded usage; within 3 % with the rule, out of 3 % with the results as raw text."""
    record, predicted, prompt = dev[pid]
    msgs = record["request"]["messages"]
    assert any(len(m.get("tool_calls") or []) == 2 for m in msgs)
    quoting = sum(len(o200k.encode(json.dumps(m["content"]))) - len(o200k.encode(m["content"]))
                  for m in msgs if m["role"] == "tool")
    assert within(predicted, actual(record))
    assert not within(predicted - quoting, actual(record))
    assert prompt.estimate and "tools" in prompt.estimate_reasons


# ---------------------------------------------------------------- what pcache cannot see


def test_unknowable_parts_are_flagged(dev):
    record, _, prompt = dev["mirascope#321"]
    assert "image-url-without-size" in prompt.estimate_reasons
    reasons = {r for _, _, p in dev.values() for r in p.estimate_reasons}
    assert {"tools", "image-url-without-size", "previous-response", "reasoning-items"} <= reasons
    for record, _, prompt in dev.values():
        req = record["request"]
        if req.get("previous_response_id"):
            assert "previous-response" in prompt.estimate_reasons
        if any(isinstance(t, dict) and t.get("type", "function") != "function" for t in req.get("tools") or []):
            assert "built-in-tool" in prompt.estimate_reasons


def test_unknown_model_is_counted_with_a_warning(dev):
    """gpt-audio is not in tiktoken's table: counted (o200k_base) and flagged, never a failed run.  Its
    recorded count is far above the text (42 vs 13: hidden audio-model content), hence the flag."""
    record, predicted, prompt = next(v for v in dev.values() if v[0]["request"]["model"] == "gpt-audio")
    assert prompt.estimate and "unknown-model" in prompt.estimate_reasons
    assert 0 < predicted < actual(record)


# ---------------------------------------------------------------- the targets, on the whole set


def test_development_set_targets(dev):
    """Plain requests exact >= 98 % (reasoning models included), images within 3 % >= 80 %; requests with
    tools or a json_schema format within 3 % >= 85 % (the issue #18 bar; in-sample: the rules were checked
    on this set)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from fidelity import Pair, categories

    pairs = []
    for record, predicted, _ in dev.values():
        p = Pair(record["id"], record["endpoint"], record["request"], actual(record), predicted)
        pairs.append(p)

    def share(cat, test):
        rows = [p for p in pairs if cat in categories(p)]
        return sum(test(p) for p in rows) / len(rows)

    assert share("plain", lambda p: p.predicted == p.actual) >= 0.98
    assert share("images", lambda p: within(p.predicted, p.actual)) >= 0.80
    assert share("tools", lambda p: within(p.predicted, p.actual)) >= 0.85

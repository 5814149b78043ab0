"""The message memo (``framing.MESSAGES``): a message rendered and tokenized once, reused by every request
that repeats it.  It must change nothing: the same segments as a rendering without it, the same tokens as
tiktoken gives for the whole request, the same audit report; and it must tell apart messages that differ
only in what their rendering depends on (author name, the call a tool result answers, a parallel call,
the model, the tools, 1 vs 1.0)."""

from __future__ import annotations

import json
from array import array

import pytest
from conftest import SHARED

TAU = SHARED / "corpora" / "tau-bench" / "gpt-4o-airline.trial0.jsonl"
LOGS = [*sorted((SHARED / "corpora" / "crewai-vcr").glob("openai_*.jsonl")),
        SHARED / "corpora" / "pydantic-ai-vcr" / "usage_with_cache.jsonl",
        SHARED / "corpora" / "openai-recorded" / "recorded.jsonl"]


def _need(*paths):
    missing = [p for p in paths if not p.is_file()]
    if missing:
        pytest.skip(f"shared corpus missing: {missing[0]}")


def _conversation_requests() -> list[dict]:
    """tau-bench's 50 airline conversations as the requests an agent sends: one per assistant turn, with
    every message before it (the history repeats from one request to the next, as in real agent logs)."""
    _need(TAU)
    out = []
    for line in TAU.read_text().splitlines():
        msgs = json.loads(line)["messages"]
        for k, m in enumerate(msgs):
            if m.get("role") == "assistant" and k:
                out.append({"model": "gpt-4o", "messages": msgs[:k]})
    return out


def _log_bodies() -> list[dict]:
    _need(*LOGS)
    from pcache.analyzers.framing import body_kind

    out = []
    for path in LOGS:
        for line in path.read_text().splitlines():
            obj = json.loads(line)
            body = obj.get("request") if isinstance(obj.get("request"), dict) else obj
            if body_kind(body):
                out.append(body)
    return out


@pytest.fixture
def fresh_memo(monkeypatch):
    from pcache.analyzers import framing

    memo = framing.MessageMemo()
    monkeypatch.setattr(framing, "MESSAGES", memo)
    return memo


def _without_memo(body):
    """The rendering with the memo out of play (a locator that finds nothing: same locations)."""
    from pcache.analyzers.framing import render_body

    return render_body(body, lambda path: None)


def _tiktoken(encoding, segments) -> list[int]:
    """Tokens of a rendered request straight from tiktoken: each text run between special segments
    encoded on its own, special segments as pcache's ids."""
    from pcache.analyzers.tokenizer import special_ids

    out, run = [], []
    for seg in segments:
        if seg.kind == "special":
            if run:
                out.extend(encoding.encode_ordinary("".join(run)))
                run = []
            out.extend(special_ids(seg))
        else:
            run.append(seg.text)
    if run:
        out.extend(encoding.encode_ordinary("".join(run)))
    return out


def _audit_tokens(encoding, rendered) -> list[int]:
    from pcache.analyzers.audit.tokens import TokenEncoder

    enc = TokenEncoder(threaded=False)
    return enc.result(enc.submit(encoding, [(rendered.segments, rendered.chunks)]))[0].tolist()


def test_memoised_renderings_equal_fresh_ones_on_real_requests(fresh_memo):
    from pcache.analyzers.framing import render_body

    bodies = _conversation_requests() + _log_bodies()
    assert len(bodies) > 900
    for body in bodies:
        got, want = render_body(body), _without_memo(body)
        assert (got.segments, got.estimate, got.notes, got.reasons) == \
            (want.segments, want.estimate, want.notes, want.reasons)
    assert fresh_memo.hits > 5000  # the conversations' histories come from the memo


def test_tokens_taken_from_memoised_messages_are_tiktokens(fresh_memo):
    """Every conversation request twice (the second time every message is a memo hit, tokens included):
    the audit's token arrays equal tiktoken's for the whole request."""
    from pcache.analyzers.framing import render_body
    from pcache.analyzers.vocab import load_encoding

    encoding = load_encoding("o200k_base")
    bodies = _conversation_requests()
    for body in bodies + bodies:
        rendered = render_body(body)
        assert _audit_tokens(encoding, rendered) == _tiktoken(encoding, rendered.segments)
    reused = [c for _, c in render_body(bodies[-1]).chunks if c.tokens]
    assert len(reused) == len(bodies[-1]["messages"])


def test_special_tokens_split_text_in_tiktoken():
    """Why a message's tokens can be kept apart: tiktoken never merges text across a special token, so
    encoding the pieces between specials one by one gives the tokens of the whole string (checked with
    a real special token of the vocabulary on real message texts, cut at arbitrary places)."""
    from pcache.analyzers.vocab import load_encoding

    encoding = load_encoding("o200k_base")
    eot = encoding.eot_token
    texts = [m["content"] for body in _conversation_requests()[:40] for m in body["messages"]
             if isinstance(m.get("content"), str) and m["content"]]
    for cut in (1, 7, 50):
        pieces = [t[i:i + cut * 13] for t in texts[:30] for i in range(0, len(t), cut * 13)][:400]
        whole = encoding.encode("<|endoftext|>".join(pieces), allowed_special={"<|endoftext|>"})
        joined: list[int] = []
        for k, piece in enumerate(pieces):
            if k:
                joined.append(eot)
            joined.extend(encoding.encode_ordinary(piece))
        assert joined == whole
    # without the special token between them the pieces do merge: a per-piece count would be wrong
    a, b = "unbeliev", "ably"
    assert len(encoding.encode_ordinary(a + b)) < len(encoding.encode_ordinary(a)) + len(encoding.encode_ordinary(b))


def _pair_tokens(first: dict, second: dict) -> tuple[list[int], list[int]]:
    """Tokens of ``second`` rendered after ``first`` (the memo warm) and rendered alone (memo cleared)."""
    from pcache.analyzers import framing
    from pcache.analyzers.vocab import load_encoding

    encoding = load_encoding("o200k_base")
    first, second = json.loads(json.dumps(first)), json.loads(json.dumps(second))  # as log lines parse
    framing.MESSAGES.clear()
    _audit_tokens(encoding, framing.render_body(first))
    warm = _audit_tokens(encoding, framing.render_body(second))
    framing.MESSAGES.clear()
    alone = _audit_tokens(encoding, framing.render_body(second))
    return warm, alone


def _user(content, **extra) -> dict:
    return {"role": "user", "content": content, **extra}


CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}
OTHER = {"id": "call_1", "type": "function", "function": {"name": "book_flight_for_passenger", "arguments": "{}"}}
SECOND = {"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}
RESULT = {"role": "tool", "tool_call_id": "call_1", "content": "Sunny,\n\"22 C\""}
TOOL = {"type": "function", "function": {"name": "lookup", "description": "Find a booking.",
                                         "parameters": {"type": "object", "properties": {"id": {"type": "string"}}}}}
TOOL2 = {"type": "function", "function": {"name": "lookup", "description": "Find a booking by its code.",
                                          "parameters": {"type": "object", "properties": {"id": {"type": "string"}}}}}
SYSTEM = {"role": "system", "content": "You are a helpful assistant."}

PAIRS = {
    # the author name of a message
    "name": ({"model": "gpt-4o", "messages": [_user("hello", name="al")]},
             {"model": "gpt-4o", "messages": [_user("hello", name="a_very_long_author_name")]}),
    # the same tool result, answering calls of two functions: its header names the function
    "answered call": ({"model": "gpt-4o", "messages": [_user("hi"), {"role": "assistant", "tool_calls": [CALL]},
                                                       RESULT]},
                      {"model": "gpt-4o", "messages": [_user("hi"), {"role": "assistant", "tool_calls": [OTHER]},
                                                       RESULT]}),
    # the same tool result, once from a single call and once from two calls made together
    "parallel call": ({"model": "gpt-4o", "messages": [_user("hi"), {"role": "assistant", "tool_calls": [CALL]},
                                                       RESULT]},
                      {"model": "gpt-4o", "messages": [_user("hi"), {"role": "assistant",
                                                                     "tool_calls": [CALL, SECOND]}, RESULT]}),
    # the same assistant message to a gpt-4o and to a reasoning model (harmony's final channel)
    "model": ({"model": "gpt-4o", "messages": [_user("hi"), {"role": "assistant", "content": "Hello there"}]},
              {"model": "o3", "messages": [_user("hi"), {"role": "assistant", "content": "Hello there"}]}),
    # the same system message carrying two different tool lists
    "tools": ({"model": "gpt-4o", "messages": [SYSTEM, _user("hi")], "tools": [TOOL]},
              {"model": "gpt-4o", "messages": [SYSTEM, _user("hi")], "tools": [TOOL2]}),
    # JSON values that compare equal in Python but render differently
    "1 vs 1.0": ({"model": "gpt-4o", "messages": [_user(1)]}, {"model": "gpt-4o", "messages": [_user(1.0)]}),
    "1 vs true": ({"model": "gpt-4o", "messages": [_user(1)]}, {"model": "gpt-4o", "messages": [_user(True)]}),
}


@pytest.mark.parametrize("name", list(PAIRS))
def test_messages_differing_only_in_what_the_memo_keys_on(name, fresh_memo):
    first, second = PAIRS[name]
    hits = fresh_memo.hits
    warm, alone = _pair_tokens(first, second)
    assert fresh_memo.hits > hits or name in ("name", "model", "1 vs 1.0", "1 vs true")  # shared messages hit
    assert warm == alone  # the memo did not hand the second request the first one's message
    before, _ = _pair_tokens(second, first)
    assert before != warm  # and the two requests do render differently
    if name in ("name", "tools", "parallel call", "answered call", "1 vs 1.0"):
        assert len(before) != len(warm)  # a different count, not only different ids


def test_equal_messages_hit_whatever_their_reference_counts(fresh_memo):
    from pcache.analyzers.framing import render_body

    text = "The same text, " * 20
    keep = [text]  # an extra reference to the content string
    render_body({"model": "gpt-4o", "messages": [_user(keep[0])]})
    render_body({"model": "gpt-4o", "messages": [_user("".join(["The same text, "] * 20))]})
    assert fresh_memo.hits == 1


def test_the_memo_stays_bounded():
    from pcache.analyzers.framing import MessageMemo, render_body

    from pcache.analyzers import framing

    memo = MessageMemo(max_entries=50, max_chars=20_000)
    saved = framing.MESSAGES
    framing.MESSAGES = memo
    try:
        for i in range(500):
            render_body({"model": "gpt-4o", "messages": [_user(f"question {i} " * 30)]})
            assert len(memo.entries) <= 50 and memo.chars <= 20_000
    finally:
        framing.MESSAGES = saved
    assert memo.misses == 500


def test_the_audit_report_is_the_same_without_the_memo(monkeypatch, tmp_path):
    """The whole audit (jobs 1) on the real logs and on tau-bench's conversations as a log, with the memo
    and with one that keeps nothing: byte-identical JSON."""
    from pcache.analyzers import framing
    from pcache.analyzers.audit.engine import AuditOptions, run_audit
    from pcache.cli.render.audit import render_audit_json

    log = tmp_path / "tau.jsonl"
    with log.open("w") as f:
        for n, body in enumerate(_conversation_requests()):
            # usage is not recorded in tau-bench: a fixed one (the comparison needs a report, not its truth)
            f.write(json.dumps({"timestamp": 1_700_000_000 + 7 * n, "request": body, "response": {
                "model": "gpt-4o", "usage": {"prompt_tokens": 2048, "completion_tokens": 10,
                                             "prompt_tokens_details": {"cached_tokens": 1024}}}}) + "\n")
    paths = [str(p) for p in LOGS] + [str(log)]

    def audit(memo):
        monkeypatch.setattr(framing, "MESSAGES", memo)
        from pcache.analyzers.audit.stages import tokenize

        tokenize._STATES.clear()
        return render_audit_json(run_audit(paths, options=AuditOptions(jobs=1)))

    with_memo = audit(framing.MessageMemo())
    assert framing.MESSAGES.hits > 5000
    without = audit(framing.MessageMemo(max_entries=0))
    assert framing.MESSAGES.hits == 0
    assert json.loads(with_memo)["replay"]["requests"] > 1000
    assert with_memo == without


def test_chunk_tokens_are_kept_per_encoding(fresh_memo):
    """The same message for a cl100k model and an o200k model: each request gets its encoding's tokens,
    the first time and from the memo."""
    from pcache.analyzers.framing import render_body
    from pcache.analyzers.vocab import load_encoding

    msg = [_user("Tokenizers differ: naïve café, 12345 and ünïcödé.")]
    seen = {}
    for model, name in (("gpt-4o", "o200k_base"), ("gpt-4", "cl100k_base")) * 2:
        enc = load_encoding(name)
        rendered = render_body({"model": model, "messages": msg})
        got = _audit_tokens(enc, rendered)
        assert got == _tiktoken(enc, rendered.segments)
        seen.setdefault(name, got)
        assert seen[name] == got
        (_, chunk), = rendered.chunks
        assert isinstance(chunk.tokens[name], array)
    assert seen["o200k_base"] != seen["cl100k_base"]

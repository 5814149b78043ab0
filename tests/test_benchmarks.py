"""Benchmark harness (deterministic corpora, runnable script) and the parsed-vocabulary cache."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"


def _make(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), *args, "--out", str(out)], check=True,
                   capture_output=True)
    return out


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for f in files:
        h.update(str(f.relative_to(path) if f != path else "").encode())
        h.update(f.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("kind,args", [
    ("chat", ("--requests", "40")),
    ("log", ("--size", "200KB")),
    ("templates", ("--requests", "6", "--var-at", "300,1800")),
])
def test_make_corpus_is_deterministic(tmp_path, kind, args):
    a = _make(tmp_path, "a", kind, *args)
    b = _make(tmp_path, "b", kind, *args)
    c = _make(tmp_path, "c", kind, *args, "--seed", "7")
    assert _digest(a) == _digest(b)
    assert _digest(a) != _digest(c)


def test_chat_corpus_shape(tmp_path):
    out = _make(tmp_path, "chat.jsonl", "chat", "--requests", "300")
    bodies = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(bodies) == 300
    systems = [b["messages"][0]["content"] for b in bodies]
    shared = max(set(systems), key=systems.count)
    assert systems.count(shared) > 270  # a long shared system prompt, a few outliers
    assert len(shared) > 5000 and all(b["tools"] for b in bodies)


def test_log_lines_carry_timestamp_request_and_usage(tmp_path):
    out = _make(tmp_path, "log.jsonl", "log", "--requests", "200")
    good = 0
    last = ""
    for line in out.read_text().splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue  # the generator writes a few truncated lines on purpose
        good += 1
        usage = obj["response"]["usage"]
        assert 0 <= usage["prompt_tokens_details"]["cached_tokens"] <= usage["prompt_tokens"]
        cached = usage["prompt_tokens_details"]["cached_tokens"]
        assert cached == 0 or (cached >= 1024 and cached % 128 == 0)
        assert obj["timestamp"] >= last and obj["request"]["messages"]
        last = obj["timestamp"]
    assert good >= 190


def test_run_help():
    r = subprocess.run([sys.executable, str(BENCH / "run.py"), "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "--quick" in r.stdout


# --- the parsed-ranks cache of analyzers/vocab.py ------------------------------------------------

def test_parsed_ranks_cache_is_written_after_the_check_and_reused(tmp_path, monkeypatch):
    import tiktoken.load

    from pcache.analyzers import vocab

    monkeypatch.delenv("PCACHE_NO_VOCAB_CACHE")
    monkeypatch.setenv("PCACHE_CACHE_DIR", str(tmp_path / "pc"))
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "tk"))
    monkeypatch.setattr(vocab, "_encodings", {})
    first = vocab.load_encoding("cl100k_base")
    files = list((tmp_path / "pc" / "vocab").glob("*.marshal"))
    assert len(files) == 1
    # second run: neither tiktoken's file reader nor the bundled copy is touched
    monkeypatch.setattr(vocab, "_encodings", {})
    monkeypatch.setattr(tiktoken.load, "read_file", lambda *a: pytest.fail("read the source file"))
    monkeypatch.setattr(vocab, "bundled_vocabulary", lambda *a: pytest.fail("read the bundled copy"))
    second = vocab.load_encoding("cl100k_base")
    text = "Prompt caching: 1024 tokens, then 128-token steps.\n"
    assert second.encode_ordinary(text) == first.encode_ordinary(text)
    assert second._mergeable_ranks == first._mergeable_ranks


def test_tampered_parsed_ranks_cache_is_ignored(tmp_path, monkeypatch):
    from pcache.analyzers import vocab

    monkeypatch.delenv("PCACHE_NO_VOCAB_CACHE")
    monkeypatch.setenv("PCACHE_CACHE_DIR", str(tmp_path / "pc"))
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "tk"))
    monkeypatch.setattr(vocab, "_encodings", {})
    good = vocab.load_encoding("cl100k_base")
    (cache,) = (tmp_path / "pc" / "vocab").glob("*.marshal")
    data = bytearray(cache.read_bytes())
    data[-10] ^= 0xFF
    cache.write_bytes(bytes(data))
    monkeypatch.setattr(vocab, "_encodings", {})
    again = vocab.load_encoding("cl100k_base")
    assert again._mergeable_ranks == good._mergeable_ranks
    assert vocab._read_ranks(cache, cache.stem) is not None  # rewritten after the hash-checked load


def test_parsed_ranks_cache_opt_out(tmp_path, monkeypatch):
    from pcache.analyzers import vocab

    monkeypatch.setenv("PCACHE_NO_VOCAB_CACHE", "1")
    monkeypatch.setenv("PCACHE_CACHE_DIR", str(tmp_path / "pc"))
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "tk"))
    monkeypatch.setattr(vocab, "_encodings", {})
    vocab.load_encoding("cl100k_base")
    assert not (tmp_path / "pc").exists()


def test_threaded_unique_encoding_matches_tiktoken(o200k, monkeypatch):
    from pcache.analyzers import tokenizer

    monkeypatch.setattr(tokenizer, "_PARALLEL_CHARS", 0)  # force the chunked, threaded buffer path
    texts = [f"Message {i}: caf\u00e9 \U0001F600 <|endoftext|> {'x' * (i % 7)}\r\n  tail " * (i % 5 + 1)
             for i in range(40)] + [""]
    got = tokenizer.encode_unique(o200k, texts)
    assert [a.tolist() for a in got] == [o200k.encode_ordinary(t) for t in texts]

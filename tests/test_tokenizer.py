"""Model -> encoding, offline vocabularies, batch tokenization and token -> location maps."""

from __future__ import annotations

import gzip
import hashlib

import pytest

from pcache.analyzers import vocab
from pcache.analyzers.model import Prompt, Segment
from pcache.analyzers.tokenizer import (
    SPECIAL_IDS,
    UnknownModelError,
    resolve_model,
    tokenize_prompts,
)


@pytest.mark.parametrize("model,encoding", [
    ("gpt-4o", "o200k_base"), ("gpt-4o-mini-2024-07-18", "o200k_base"), ("gpt-4.1-nano", "o200k_base"),
    ("gpt-5", "o200k_base"), ("gpt-5.1", "o200k_base"), ("gpt-5.6-luna", "o200k_base"),
    ("o1", "o200k_base"), ("o3-mini", "o200k_base"), ("o4-mini", "o200k_base"),
    ("gpt-4", "cl100k_base"), ("gpt-4-0613", "cl100k_base"), ("gpt-3.5-turbo", "cl100k_base"),
    ("gpt-35-turbo", "cl100k_base"), ("gpt-oss-120b", "o200k_harmony"),
    ("ft:gpt-4o-mini-2024-07-18:acme::abc123", "o200k_base"), ("azure/gpt-4o", "o200k_base"),
])
def test_models_map_to_tiktokens_encoding(model, encoding):
    choice = resolve_model(model)
    assert choice.encoding == encoding
    assert choice.warning is None


def test_unmapped_gpt6_falls_back_with_a_warning():
    choice = resolve_model("gpt-6.1-terra")
    assert choice.encoding == "o200k_base"
    assert "o200k_base" in choice.warning and "gpt-6.1-terra" in choice.warning


def test_unknown_model_is_a_clear_error_listing_families():
    with pytest.raises(UnknownModelError) as e:
        resolve_model("llama-banana")
    assert "llama-banana" in e.value.message
    assert "gpt-4o" in e.value.hint and "cl100k_base" in e.value.hint


def _no_network(monkeypatch):
    import tiktoken.load

    real = tiktoken.load.read_file

    def guarded(blobpath):
        assert "://" not in blobpath, f"network access attempted: {blobpath}"
        return real(blobpath)

    monkeypatch.setattr(tiktoken.load, "read_file", guarded)


@pytest.mark.parametrize("name", ["o200k_base", "cl100k_base", "o200k_harmony"])
def test_vocabulary_loads_offline_from_bundled_copy(tmp_path, monkeypatch, name):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    _no_network(monkeypatch)
    monkeypatch.setattr(vocab, "_encodings", {})
    enc = vocab.load_encoding(name)
    assert enc.name == name
    # The bundled file, decompressed, has tiktoken's expected hash: compare with a hand check.
    filename = {"cl100k_base": "cl100k_base.tiktoken"}.get(name, "o200k_base.tiktoken")
    data = gzip.decompress(vocab.bundled_vocabulary(filename).read_bytes())
    ranks = {}
    for line in data.splitlines():
        import base64

        tok, rank = line.split()
        ranks[base64.b64decode(tok)] = int(rank)
    text = "Prompt caching saves 50% on cached input tokens."
    assert enc.decode(enc.encode_ordinary(text)) == text
    assert enc.n_vocab >= len(ranks)
    # and it was seeded into the (empty) tiktoken cache under tiktoken's own key
    assert any(p.stat().st_size == len(data) for p in tmp_path.iterdir())


def test_existing_tiktoken_cache_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(vocab, "_encodings", {})
    url = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
    data = gzip.decompress(vocab.bundled_vocabulary("cl100k_base.tiktoken").read_bytes())
    (tmp_path / hashlib.sha1(url.encode()).hexdigest()).write_bytes(data)
    called = []
    monkeypatch.setattr(vocab, "bundled_vocabulary", lambda f: called.append(f))
    _no_network(monkeypatch)
    enc = vocab.load_encoding("cl100k_base")
    assert enc.encode_ordinary("hello world") == [15339, 1917]
    assert called == []  # the bundled copy was not needed


def test_corrupted_vocabulary_fails_loudly(tmp_path, monkeypatch):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(vocab, "_encodings", {})
    bad = tmp_path / "o200k_base.tiktoken.gz"
    good = gzip.decompress(vocab.bundled_vocabulary("o200k_base.tiktoken").read_bytes())
    bad.write_bytes(gzip.compress(good.replace(b" 1000\n", b" 1001\n", 1)))
    monkeypatch.setattr(vocab, "bundled_vocabulary", lambda f: bad)
    _no_network(monkeypatch)
    with pytest.raises(vocab.VocabularyError, match="sha256"):
        vocab.load_encoding("o200k_base")


def test_tokens_match_tiktoken_and_locations_point_into_the_file(o200k):
    text = "line one\nline two has caf\u00e9 and \u4e2d\u6587\nthird line: the end\n"
    prompt = Prompt("f.txt", "f.txt", [Segment(text)])
    (tp,) = tokenize_prompts([prompt], o200k)
    assert tp.tokens.tolist() == o200k.encode_ordinary(text)
    # every token start maps back to the character where the decoded prefix ends
    for k in range(len(tp)):
        head = o200k.decode_bytes(o200k.encode_ordinary(text)[:k]).decode("utf-8", errors="ignore")
        assert tp.char_offset(k) == len(head)
    k = next(i for i in range(len(tp)) if tp.char_offset(i) == text.index("third"))
    loc = tp.location(k)
    assert (loc.line, loc.column) == (3, 1)
    assert tp.token_text(k, 1) == "third"


def test_special_framing_tokens_never_merge_with_text(o200k):
    segs = [Segment("<|im_start|>", "special"), Segment("system"), Segment("<|im_sep|>", "special"),
            Segment("You are helpful."), Segment("<|im_end|>", "special")]
    (tp,) = tokenize_prompts([Prompt("c", "c.json", segs, kind="chat")], o200k)
    expected = ([SPECIAL_IDS["<|im_start|>"]] + o200k.encode_ordinary("system") + [SPECIAL_IDS["<|im_sep|>"]]
                + o200k.encode_ordinary("You are helpful.") + [SPECIAL_IDS["<|im_end|>"]])
    assert tp.tokens.tolist() == expected
    assert tp.token_text(0, 3) == "<|im_start|>system<|im_sep|>"


def test_special_token_text_in_a_prompt_is_plain_text(o200k):
    text = "Ignore <|endoftext|> markers in user text."
    (tp,) = tokenize_prompts([Prompt("p", "p", [Segment(text)])], o200k)
    assert tp.tokens.tolist() == o200k.encode_ordinary(text)


def test_repeated_texts_are_encoded_once_with_the_same_result(o200k, monkeypatch):
    texts = ["shared system prompt " * 50, "another", "shared system prompt " * 50]
    calls = []
    real = o200k.encode_ordinary_batch

    class Spy:
        name = o200k.name
        _pat_str = o200k._pat_str

        def encode_ordinary_batch(self, batch, num_threads=8):
            calls.append(len(batch))
            return real(batch, num_threads=num_threads)

        def __getattr__(self, item):
            return getattr(o200k, item)

    tps = tokenize_prompts([Prompt(str(i), str(i), [Segment(t)]) for i, t in enumerate(texts)], Spy())
    assert calls == [2]
    assert [tp.tokens.tolist() for tp in tps] == [o200k.encode_ordinary(t) for t in texts]

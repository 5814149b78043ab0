"""``pcache scan`` end to end on plain-text corpora, with goldens from tiktoken directly."""

from __future__ import annotations

import random

import pytest
from conftest import common_prefix_len

WORDS = ("refund order parcel warranty policy customer delivery return exchange boots tent stove "
         "jacket size colour tracking carrier invoice account email address").split()


def _text(rng, n_words):
    return " ".join(rng.choice(WORDS) for _ in range(n_words))


@pytest.fixture
def corpus(tmp_path):
    """12 files sharing a ~1,900-token head, 2 with a timestamp injected on line 2."""
    rng = random.Random(3)
    head_lines = [_text(rng, 14) for _ in range(100)]
    files = {}
    for i in range(12):
        lines = head_lines[:]
        if i in (4, 9):
            lines.insert(1, f"Generated at 2026-11-23T10:{i:02d}:00Z")
        lines.append(f"Question {i}: " + _text(rng, 30))
        files[f"p{i:02d}.txt"] = "\n".join(lines) + "\n"
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return tmp_path, files


def test_shared_prefix_equals_tiktoken_common_prefix(corpus, run_json, o200k):
    root, files = corpus
    data = run_json("scan", root)
    toks = {name: o200k.encode_ordinary(t) for name, t in files.items()}
    seqs = list(toks.values())
    expected_shared = min(common_prefix_len(seqs[0], s) for s in seqs[1:])
    assert data["model"] == "gpt-4o" and data["encoding"] == "o200k_base"
    assert data["corpus"]["prompts"] == 12
    assert data["corpus"]["shared_prefix_tokens"] == expected_shared
    by_name = {p["path"].rsplit("/", 1)[-1]: p for p in data["prompts"]}
    for name, t in toks.items():
        p = by_name[name]
        assert p["tokens"] == len(t)
        assert p["static_prefix_tokens"] == len(t)
        assert p["cacheable_tokens"] == (len(t) // 128) * 128
        assert p["first_variable"] is None
    # one group of the 10 clean files; the 2 with timestamps are outliers at the right line
    (group,) = data["corpus"]["groups"]
    clean = [n for n in files if n not in ("p04.txt", "p09.txt")]
    assert sorted(m.rsplit("/", 1)[-1] for m in group["members"]) == clean
    clean_toks = [toks[n] for n in clean]
    shared_clean = min(common_prefix_len(clean_toks[0], s) for s in clean_toks[1:])
    assert group["prefix_tokens"] == shared_clean
    assert group["cacheable_tokens"] == shared_clean // 128 * 128
    divs = {d["path"].rsplit("/", 1)[-1]: d for d in data["corpus"]["divergences"]}
    for name in ("p04.txt", "p09.txt"):
        d = divs[name]
        expected = max(common_prefix_len(toks[name], toks[c]) for c in clean)
        assert d["token"] == expected
        assert d["line"] == 2 and d["reason"] == "outlier"
        assert "Generated" in d["text"] or d["text"].lstrip().startswith(
            o200k.decode(toks[name][expected:expected + 1]).strip())
    for name in clean:
        assert divs[name]["token"] == shared_clean


def test_json_contract_keys(corpus, run_json):
    data = run_json("scan", corpus[0])
    assert {"model", "encoding", "prompts", "corpus"} <= set(data)
    assert {"path", "tokens", "static_prefix_tokens", "cacheable_tokens", "first_variable"} <= set(
        data["prompts"][0])
    assert {"prompts", "shared_prefix_tokens", "cacheable_tokens", "groups", "divergences"} <= set(
        data["corpus"])
    assert {"prefix_tokens", "cacheable_tokens", "members"} <= set(data["corpus"]["groups"][0])
    assert {"path", "token", "line", "column", "text"} <= set(data["corpus"]["divergences"][0])


def test_short_prompt_is_too_short_not_a_divergence(tmp_path, run_json):
    (tmp_path / "a.txt").write_text("Hello there. " * 10)
    (tmp_path / "b.txt").write_text("Hello there. " * 11)
    data = run_json("scan", tmp_path)
    assert data["corpus"]["groups"] == []
    assert len(data["corpus"]["too_short"]) == 2
    assert data["corpus"]["divergences"] == []
    assert all(p["cacheable_tokens"] == 0 for p in data["prompts"])


def test_walk_skips_hidden_gitignored_and_binary(tmp_path, run_json):
    (tmp_path / "keep.txt").write_text("kept prompt")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("hidden")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "y.txt").write_text("ignored")
    (tmp_path / ".gitignore").write_text("build/\n*.tmp.txt\n")
    (tmp_path / "scratch.tmp.txt").write_text("ignored too")
    (tmp_path / "image.md").write_bytes(b"\x89PNG\x00\x00binary")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.md").write_text("nested prompt")
    (tmp_path / "sub" / "skip.md").write_text("excluded")
    data = run_json("scan", tmp_path, "--exclude", "skip.md")
    names = sorted(p["path"].replace(str(tmp_path) + "/", "") for p in data["prompts"])
    assert names == ["keep.txt", "sub/nested.md"]
    assert data["errors"] == []  # a binary file found by walking is skipped silently
    only = run_json("scan", tmp_path, "--include", "*.md")
    assert [p["path"].replace(str(tmp_path) + "/", "") for p in only["prompts"]] == ["sub/nested.md",
                                                                                   "sub/skip.md"]


def test_bad_file_is_one_line_and_the_rest_is_analysed(tmp_path, run_cli):
    (tmp_path / "good.txt").write_text("a fine prompt")
    (tmp_path / "bad.txt").write_bytes("caf\u00e9 ok\n".encode() + b"line two \xff broken")
    code, out, err = run_cli("scan", tmp_path, "--format", "json")
    assert code == 2  # as lint: the good file is analysed, the exit code says one was bad
    assert "good.txt" in out
    lines = [l for l in err.splitlines() if l.strip()]
    assert len(lines) == 1 and "bad.txt:2" in lines[0] and "UTF-8" in lines[0]
    assert "Traceback" not in err


def test_nothing_analysable_exits_2(tmp_path, run_cli):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    code, out, err = run_cli("scan", tmp_path / "bad.txt")
    assert code == 2 and "bad.txt" in err and "Traceback" not in err
    code, out, err = run_cli("scan", tmp_path / "missing.txt")
    assert code == 2 and "missing.txt" in err


def test_unknown_model_exits_2_with_hint(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text("hi")
    code, out, err = run_cli("scan", tmp_path, "--model", "llama-banana")
    assert code == 2 and "llama-banana" in err and "hint" in err and "Traceback" not in err


def test_model_selects_encoding(tmp_path, run_json, cl100k):
    text = "Prompt caching with the cl100k tokenizer: \u00e9t\u00e9 \u4e2d\u6587 " * 5
    (tmp_path / "a.txt").write_text(text)
    data = run_json("scan", tmp_path, "--model", "gpt-4")
    assert data["encoding"] == "cl100k_base"
    assert data["prompts"][0]["tokens"] == len(cl100k.encode_ordinary(text))


def test_text_output_and_version(corpus, run_cli):
    code, out, err = run_cli("scan", corpus[0])
    assert code == 0
    assert "group" in out and "outlier" in out
    code, out, _ = run_cli("--version")
    assert code == 0 and out.startswith("pcache ")
    code, out, _ = run_cli("scan", "--help")
    assert code == 0 and "pcache scan" in out

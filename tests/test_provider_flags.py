"""``--provider`` reaches the cache rule used by scan and lint (expected values by plain arithmetic)."""

from __future__ import annotations

from conftest import SAMPLES


def test_scan_provider_vllm_blocks(tmp_path, run_json, o200k):
    text = "A short prompt that a self-hosted server caches in whole blocks. " * 9
    (tmp_path / "p.txt").write_text(text)
    n = len(o200k.encode_ordinary(text))
    assert n < 1024
    legacy = run_json("scan", tmp_path)["prompts"][0]
    assert legacy["cacheable_tokens"] == 0  # OpenAI: below the minimum
    vllm = run_json("scan", tmp_path, "--provider", "vllm:16")["prompts"][0]
    assert vllm["cacheable_tokens"] == 16 * (n // 16)


def test_lint_provider_changes_the_verdict(run_cli):
    bad = SAMPLES / "support_bot_bad.md"
    code, out, _ = run_cli("lint", bad, "--format", "json")
    assert code == 1 and "PC101" in out
    code, out, err = run_cli("lint", bad, "--provider", "no-such-provider")
    assert code == 2 and "no-such-provider" in err


def test_mixed_corpus_judges_each_prompt_by_its_own_models_cache(tmp_path, run_json):
    import json

    policy = "Follow the refund policy exactly and cite the section you used. " * 150
    openai = {"model": "gpt-4o", "messages": [{"role": "system", "content": policy},
                                              {"role": "user", "content": "Where is my parcel?"}]}
    claude = {"model": "claude-opus-4-5", "max_tokens": 100, "system": policy,
              "messages": [{"role": "user", "content": "Where is my parcel?"}]}
    (tmp_path / "openai.json").write_text(json.dumps(openai))
    (tmp_path / "claude.json").write_text(json.dumps(claude))
    data = run_json("scan", tmp_path)
    by = {p["path"].rsplit("/", 1)[-1]: p for p in data["prompts"]}
    o, c = by["openai.json"], by["claude.json"]
    assert 1024 <= o["tokens"] < 4096 and 1024 <= c["tokens"] < 4096
    assert o["cacheable_tokens"] == o["tokens"] // 128 * 128  # OpenAI: 128-token steps
    assert c["cacheable_tokens"] == 0  # Claude Opus 4.5: 4,096-token minimum (spec section 4)

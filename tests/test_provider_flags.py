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

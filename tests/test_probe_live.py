"""Optional: probe a real OpenAI-compatible server (llama.cpp, vLLM, SGLang) you started yourself.

    PCACHE_TEST_BASE_URL=http://127.0.0.1:8080/v1 [PCACHE_TEST_REGIME=llama.cpp] pytest tests/test_probe_live.py

Skipped unless ``PCACHE_TEST_BASE_URL`` is set.  Never part of CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE = os.environ.get("PCACHE_TEST_BASE_URL")
pytestmark = pytest.mark.skipif(not BASE, reason="PCACHE_TEST_BASE_URL not set")
ROOT = Path(__file__).resolve().parent.parent


def test_identical_repeat_is_cached_by_a_real_server(tmp_path):
    text = "\n".join(f"Line {i}: the quick brown fox jumps over the lazy dog." for i in range(150))
    (tmp_path / "req.json").write_text(json.dumps({"messages": [{"role": "user", "content": text}]}))
    args = [sys.executable, "-m", "pcache.cli.app", "probe", str(tmp_path / "req.json"), "--yes", "--format", "json",
            "--base-url", BASE, "--model", os.environ.get("PCACHE_TEST_MODEL", "gpt-4o"), "--timeout", "300"]
    if os.environ.get("PCACHE_TEST_REGIME"):
        args += ["--regime", os.environ["PCACHE_TEST_REGIME"]]
    res = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert res.returncode in (0, 1), res.stderr
    r = json.loads(res.stdout)["results"][0]
    assert r["error"] is None, r
    if r["cached_tokens"] is None:
        pytest.skip("the server does not report cached tokens")
    assert r["cached_tokens"] > 0
    if json.loads(res.stdout)["regime"] == "llamacpp":
        assert r["cached_tokens"] == r["prompt_tokens"] - 1

"""Probe pieces without a server: regimes, sample values, plan trimming, redaction, start-up imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pcache.analyzers.errors import PcacheError
from pcache.analyzers.probe.clients import OutputLimit, redact, resolve_destination
from pcache.analyzers.probe.plan import spread
from pcache.analyzers.probe.regimes import regime_for, regime_from_server
from pcache.analyzers.probe.values import sample_value, values_for

ROOT = Path(__file__).resolve().parent.parent


def test_legacy_regime_matches_the_documented_examples():
    r = regime_for(None)
    assert r.id == "openai-legacy" and r.upper_bound
    assert r.cacheable(2006, 2006) == 1920  # OAI-PC-25: identical resend of 2,006 tokens
    assert r.cacheable(1000, 1000) == 0
    assert r.cacheable(1300, 2000) == 1280
    assert r.cacheable(1023, 5000) == 0 and r.cacheable(1024, 5000) == 1024


def test_self_hosted_regimes():
    llama = regime_for("llama.cpp")
    assert llama.cacheable(500, 500) == 499 and llama.cacheable(10, 500) == 10 and not llama.upper_bound
    v = regime_for("vllm")
    assert v.id == "vllm:16" and v.cacheable(100, 100) == 96 and v.cacheable(40, 100) == 32
    assert regime_for("vllm:32").cacheable(100, 100) == 96 and regime_for("vllm:32").cacheable(63, 100) == 32
    with pytest.raises(PcacheError):
        regime_for("vllm:x")
    with pytest.raises(PcacheError):
        regime_for("sglang-magic")
    assert regime_from_server("llamacpp") == "llama.cpp" and regime_from_server("vllm") == "vllm"
    with pytest.raises(PcacheError):
        regime_for("anthropic")  # not a server-side rule for an OpenAI-compatible probe
    assert regime_from_server("openai") is None and regime_from_server(None) is None


def test_default_regime_follows_the_model():
    from pcache.analyzers.providers.registry import cache_model_for

    assert regime_for(None, model="gpt-4o-mini").id == "openai-legacy"
    newer = regime_for(None, model="gpt-5.6-luna")
    assert newer.id == cache_model_for("gpt-5.6-luna").data.id != "openai-legacy"
    assert regime_for("openai-legacy", model="gpt-5.6-luna").id == "openai-legacy"


def test_comparison_wording():
    legacy, llama = regime_for("openai-legacy"), regime_for("llama.cpp")
    assert legacy.compare(1024, None).startswith("unknown")
    assert legacy.compare(1024, 1024) == "as predicted"
    assert "upper bound" in legacy.compare(1152, 1024)
    assert "more prompt tokens" in legacy.compare(1024, 1152, 1100, 1200)
    assert llama.compare(99, 99, 100, 100) == "as predicted"


def test_sample_values_differ_per_repeat_and_respect_given_ones():
    vals = values_for(["now", "user.name", "order_id"], 3, {}, same_values=False)
    for name in ("now", "user.name", "order_id"):
        assert len({v[name] for v in vals}) == 3
    assert all(v["now"][:4] == "2026" and v["now"].endswith("Z") for v in vals)
    assert all(v["order_id"].isdigit() for v in vals)
    given = values_for(["a", "b"], 3, {"a": ["x", "y"], "b": 5}, same_values=False)
    assert [v["a"] for v in given] == ["x", "y", "x"] and {v["b"] for v in given} == {"5"}
    same = values_for(["a"], 3, {}, same_values=True)
    assert len({v["a"] for v in same}) == 1
    assert values_for(["a"], 2, {}, False, seed=1) == values_for(["a"], 2, {}, False, seed=1)
    import random

    assert sample_value("email", 0, random.Random(1)).endswith("@example.com")


def test_spread():
    assert spread(10, 3) == [0, 4, 9] or spread(10, 3) == [0, 5, 9]
    assert spread(3, 5) == [0, 1, 2] and spread(7, 1) == [0]


def test_redact():
    key = "sk-proj-abcdefghijklmnop1234"
    text = f"Incorrect API key provided: {key}. Also sk-abc***xyz9 and {'f' * 32}."
    out = redact(text, [key])
    assert key not in out and "sk-abc" not in out and "f" * 32 not in out


def test_output_limit_learning():
    lim = OutputLimit("chat", 1, 64)
    assert lim.adjust("Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 16, "
                      "but got 1 instead.", "max_completion_tokens") and lim.value == 16
    assert not lim.adjust("Invalid 'max_completion_tokens': Expected a value >= 1000", "max_completion_tokens")
    assert not lim.adjust("Invalid 'messages[0].content'", "messages")
    lim2 = OutputLimit("chat", 1, 64)
    assert lim2.adjust("Unrecognized request argument supplied: max_completion_tokens", None)
    assert lim2.param == "max_tokens"


def test_destinations(monkeypatch):
    d, c = resolve_destination("http://127.0.0.1:9/v1", False, None, None, env={})
    assert d.kind == "compatible" and d.host == "127.0.0.1" and c.api_key
    assert "sk" not in repr(c) and "sk" not in repr(d)
    with pytest.raises(PcacheError, match="OPENAI_API_KEY"):
        resolve_destination(None, False, None, None, env={})
    d, _ = resolve_destination(None, False, None, None, env={"OPENAI_API_KEY": "k"})
    assert d.kind == "openai" and d.host == "api.openai.com"
    with pytest.raises(PcacheError, match="--deployment"):
        resolve_destination(None, True, None, None, env={"AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com",
                                                         "AZURE_OPENAI_API_KEY": "k"})
    d, _ = resolve_destination(None, False, "dep", None, env={"AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com/",
                                                              "AZURE_OPENAI_API_KEY": "k"})
    assert d.kind == "azure" and d.api_version == "2024-10-01-preview" and d.deployment == "dep"
    d, _ = resolve_destination("http://user:pw@127.0.0.1:9/v1", False, None, None, env={})
    assert "pw" not in d.base_url


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "AZURE_OPENAI_"))}


def test_openai_is_not_imported_at_start_up_or_for_a_dry_run(tmp_path):
    (tmp_path / "p.md").write_text("Hello there.\n")
    code = ("import sys\nfrom pcache.cli.app import app\n"
            "assert 'openai' not in sys.modules\n"
            f"try:\n    app(['probe', {str(tmp_path / 'p.md')!r}, '--dry-run', '--base-url', 'http://127.0.0.1:9/v1'])\n"
            "except SystemExit as e:\n    assert not e.code, e.code\n"
            "print('openai' in sys.modules)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), cwd=ROOT,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().splitlines()[-1] == "False"


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "pcache.cli.app", "probe", *args], capture_output=True,
                          text=True, env=env or _env(), cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)


def test_help_has_examples():
    res = run("--help")
    assert res.returncode == 0 and "pcache probe" in res.stdout and "--assert-hit-ratio" in res.stdout


def test_bad_vars_file_is_one_line(tmp_path):
    (tmp_path / "p.j2").write_text("Hi {{ name }}\n")
    (tmp_path / "vars.json").write_text('{"name": ')
    res = run(str(tmp_path / "p.j2"), "--vars", str(tmp_path / "vars.json"), "--dry-run",
              "--base-url", "http://127.0.0.1:9/v1")
    assert res.returncode == 2 and "vars.json" in res.stderr and "Traceback" not in res.stderr


def test_missing_key_for_openai_is_a_usage_error(tmp_path):
    (tmp_path / "p.md").write_text("Hello.\n")
    res = run(str(tmp_path / "p.md"), "--yes")
    assert res.returncode == 2 and "OPENAI_API_KEY" in res.stderr and "Traceback" not in res.stderr


def test_dry_run_plan_json_of_a_template(tmp_path):
    (tmp_path / "p.j2").write_text("Date {{ today }}. Hello {{ name }}.\n")
    res = run(str(tmp_path / "p.j2"), "--dry-run", "--format", "json", "--base-url", "http://127.0.0.1:9/v1",
              "--repeat", "3")
    assert res.returncode == 0, res.stderr
    plan = json.loads(res.stdout)
    assert plan["requests"] == 3 and len(plan["prompts"][0]["values"]) == 3


def test_a_dry_run_plan_needs_no_api_key(run_cli):
    from conftest import SAMPLES

    from pcache.analyzers.probe.clients import resolve_destination
    from pcache.analyzers.errors import PcacheError

    import pytest

    with pytest.raises(PcacheError, match="OPENAI_API_KEY"):
        resolve_destination(None, False, None, None, env={})
    dest, _ = resolve_destination(None, False, None, None, env={}, require_key=False)
    assert dest.host == "api.openai.com"
    code, out, err = run_cli("probe", SAMPLES / "chat_requests", "--dry-run",
                             env={"OPENAI_API_KEY": None, "AZURE_OPENAI_ENDPOINT": None})
    assert code == 0 and "Nothing sent" in out

"""``pcache models``: encodings from tiktoken, thresholds from the data files, prices from genai-prices."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import tiktoken.model
from genai_prices import Usage, calc_price
from rich.console import Console


def listed(run_cli, *args):
    code, out, err = run_cli("models", "--format", "json", *args)
    assert code == 0, err
    return {m["model"]: m for m in json.loads(out)["models"]}


@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4.1-mini", "o3", "gpt-5-nano", "gpt-3.5-turbo"])
def test_curated_models_against_independent_sources(run_cli, model):
    from pcache.analyzers.providers.registry import cache_model_for

    m = listed(run_cli)[model]
    assert m["encoding"] == tiktoken.model.encoding_name_for_model(model)
    rule = cache_model_for(model).data
    assert m["regime"] == rule.id
    assert m["minimum_tokens"] == int(rule.values["minimum_tokens"].value)
    mp = calc_price(Usage(input_tokens=0, output_tokens=0), model, provider_id="openai").model_price
    assert m["usd_per_mtok"]["input"] == float(mp.input_mtok)
    assert m["usd_per_mtok"]["output"] == float(mp.output_mtok)
    if mp.cache_read_mtok is None:
        assert m["usd_per_mtok"]["cached_input"] is None and m["cache_discount"] == 0
    else:
        assert m["cache_discount"] == pytest.approx(float(1 - Decimal(mp.cache_read_mtok) / Decimal(mp.input_mtok)))


def test_legacy_step_from_data_file(run_cli):
    import sys
    from pathlib import Path

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    raw = tomllib.loads((Path(__file__).resolve().parent.parent
                         / "analyzers/providers/data/openai_legacy.toml").read_text())
    m = listed(run_cli)["gpt-4o"]
    assert m["step_tokens"] == raw["step_tokens"]["value"]
    assert m["routing_window_tokens"] == raw["routing_window_tokens"]["value"]


def test_extra_model_and_guessed_encoding(run_cli):
    got = listed(run_cli, "--model", "gpt-4o-2024-08-06", "--only")
    assert list(got) == ["gpt-4o-2024-08-06"]
    gpt6 = listed(run_cli)["gpt-6.1-terra"]
    assert gpt6["encoding"] == "o200k_base" and gpt6["encoding_note"]


def test_unknown_model_is_a_clear_error(run_cli):
    code, out, err = run_cli("models", "--model", "llama-nonsense")
    assert code == 2
    assert err.startswith("pcache: error: unknown model") and "hint:" in err and "Traceback" not in err


def test_text_table(run_cli):
    from pcache.analyzers.catalog import known_models
    from pcache.cli.render.models import render_models_text

    console = Console(record=True, width=140, force_terminal=True, color_system="truecolor", highlight=False)
    render_models_text(known_models(), console)
    text = console.export_text(clear=False)
    assert "gpt-4o " in text and "o200k_base" in text and "cl100k_base" in text
    assert "50 %" in text  # gpt-4o: genai-prices cached 1.25 of 2.50
    assert "\x1b[32m" in console.export_text(styles=True)  # discounts in green
    code, out, err = run_cli("models", "--quiet")
    assert code == 0 and "gpt-4o\to200k_base" in out


# ------------------------------------------------------------------ regimes, other providers, no caching

def _toml(stem: str) -> dict:
    import sys
    from pathlib import Path

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads((Path(__file__).resolve().parent.parent / f"analyzers/providers/data/{stem}.toml").read_text())


@pytest.mark.parametrize("model", ["gpt-3.5-turbo", "gpt-4", "gpt-4-turbo", "gpt-4o-2024-05-13", "chatgpt-4o-latest"])
def test_models_without_caching(run_cli, model):
    """Spec 1.8: gpt-3.5/gpt-4/gpt-4-turbo and the two excluded gpt-4o variants cache nothing."""
    from pcache.analyzers.providers.registry import cache_model_for

    m = listed(run_cli)[model]
    assert m["regime"] == "openai-none" and m["caching"] is False
    assert cache_model_for(model).cacheable(50_000) == 0
    assert listed(run_cli)["gpt-4o"]["caching"] is True


def test_models_text_says_no_caching(run_cli):
    code, out, err = run_cli("models", "--no-color", "--model", "gpt-4", "--model", "gpt-4o", "--only")
    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("gpt-4 "))
    assert "no caching" in row or "no" in row.split()


@pytest.mark.parametrize("model, stem, provider", [
    ("claude-sonnet-4-5", "anthropic", "anthropic"), ("claude-opus-4-5", "anthropic", "anthropic"),
    ("gemini-2.5-flash", "gemini", "google"), ("deepseek-chat", "deepseek", "deepseek")])
def test_other_providers_listed(run_cli, model, stem, provider):
    from fnmatch import fnmatchcase

    m = listed(run_cli)[model]
    raw = _toml(stem)
    assert m["regime"] == raw["id"]
    minimum = next((e["value"] for e in raw["minimum_tokens"].get("models", [])
                    if any(fnmatchcase(model, p) for p in e["match"])), raw["minimum_tokens"]["value"])
    assert m["minimum_tokens"] == minimum
    mp = calc_price(Usage(input_tokens=0, output_tokens=0), model, provider_id=provider).model_price
    base = getattr(mp.input_mtok, "base", mp.input_mtok)
    assert m["usd_per_mtok"]["input"] == float(base)


def test_regimes_json_lists_every_value_with_source_and_date(run_cli):
    from pathlib import Path

    code, out, err = run_cli("models", "--format", "json")
    assert code == 0, err
    regimes = {r["id"]: r for r in json.loads(out)["regimes"]}
    stems = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "analyzers/providers/data").glob("*.toml"))
    assert sorted(r["data_file"].rsplit("/", 1)[-1][:-5] for r in regimes.values()) == stems
    for stem in stems:
        raw = _toml(stem)
        r = regimes[raw["id"]]
        keys = [k for k, v in raw.items() if isinstance(v, dict) and "value" in v]
        assert [a["key"] for a in r["assumptions"]] == keys
        for a in r["assumptions"]:
            assert a["value"] == raw[a["key"]]["value"]
            assert a["source"] and a["as_of"], (stem, a["key"])
            for sub in a["models"]:
                assert sub["source"] and sub["as_of"]
    ant = {a["key"]: a for a in regimes["anthropic"]["assumptions"]}
    assert ant["write_1h_multiplier"]["value"] == 2.0 and ant["write_multiplier"]["value"] == 1.25
    assert any(s["value"] == 4096 and "Haiku 4.5" in s["models"] for s in ant["minimum_tokens"]["models"])


def test_regimes_text(run_cli):
    code, out, err = run_cli("models", "--regimes", "--no-color")
    assert code == 0, err
    for rid in ("openai-legacy", "openai-breakpoint", "openai-none", "anthropic", "gemini", "deepseek", "vllm",
                "sglang", "llamacpp"):
        assert f"{rid}:" in out
    assert "write_1h_multiplier" in out and "2026-10-01" in out and "OAI-PC" in out

"""pcache audit: totals and costs on generated logs, checked against arithmetic done here and prices
from genai_prices.calc_price called directly (never against pcache's own pricing code)."""

from __future__ import annotations

import csv
import gzip
import json
import random
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from genai_prices import Usage, calc_price

from conftest import SHARED

CORPORA = SHARED / "corpora"
T0 = datetime(2026, 10, 1, tzinfo=timezone.utc).timestamp()


def _dt(t: float) -> datetime:
    return datetime.fromtimestamp(t, tz=timezone.utc)


def _chat_usage(rng, prompt: int, cached: int | None = None) -> dict:
    cached = rng.choice([0, 1024, 1152, 1408]) if cached is None else cached
    cached = min(cached, prompt)
    return {"prompt_tokens": prompt, "completion_tokens": rng.randint(1, 400),
            "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0}}


def _gen_mixed_log(rng, n: int):
    """Lines of mixed providers/shapes, plus the expected totals computed by hand."""
    lines, expect = [], {"requests": 0, "input": 0, "cached": 0, "write": 0, "output": 0,
                         "cost": Decimal(0), "plain": Decimal(0)}
    per_model: dict[str, Decimal] = {}
    for i in range(n):
        t = T0 + i * 977.0 + rng.random()  # about 11 days, crossing DeepSeek's time-of-day prices
        kind = rng.choice(["chat", "responses", "anthropic", "deepseek", "azure"])
        if kind in ("chat", "azure"):
            model = rng.choice(["gpt-4o", "gpt-4o-mini", "gpt-4.1"])
            prompt = rng.randint(50, 6000)
            usage = _chat_usage(rng, prompt)
            inp, cached, write, out = prompt, usage["prompt_tokens_details"]["cached_tokens"], 0, \
                usage["completion_tokens"]
            provider = "openai"
            line = {"timestamp": t, "request": {"model": model, "messages": [{"role": "user", "content": "hi"}]},
                    "response": {"model": model, "usage": usage}}
            if kind == "azure":
                line["host"] = "myres.openai.azure.com"
                provider = "azure"
        elif kind == "responses":
            model = rng.choice(["gpt-5", "gpt-4.1-mini"])
            inp = rng.randint(50, 9000)
            cached = min(inp, rng.choice([0, 1024, 2048]))
            out = rng.randint(1, 900)
            provider = "openai"
            line = {"timestamp": _dt(t).isoformat().replace("+00:00", "Z"),
                    "response": {"model": model, "usage": {"input_tokens": inp, "output_tokens": out,
                                                           "input_tokens_details": {"cached_tokens": cached}}}}
            write = 0
        elif kind == "anthropic":
            model = "claude-sonnet-4-20250514"
            base, read, create = rng.randint(1, 500), rng.choice([0, 1500, 3000]), rng.choice([0, 0, 2000])
            out = rng.randint(1, 300)
            inp, cached, write = base + read + create, read, create
            provider = "anthropic"
            line = {"timestamp": t * 1000, "host": "api.anthropic.com",
                    "response": {"model": model, "usage": {"input_tokens": base, "output_tokens": out,
                                                           "cache_read_input_tokens": read,
                                                           "cache_creation_input_tokens": create}}}
        else:
            model = "deepseek-chat"
            inp = rng.randint(100, 5000)
            cached = rng.randrange(0, inp, 64)
            out = rng.randint(1, 300)
            write = 0
            provider = "deepseek"
            # Only DeepSeek's own fields (genai-prices' extractor would read prompt_tokens_details).
            line = {"timestamp": t, "host": "api.deepseek.com",
                    "response": {"model": model, "usage": {"prompt_tokens": inp, "completion_tokens": out,
                                                           "prompt_cache_hit_tokens": cached,
                                                           "prompt_cache_miss_tokens": inp - cached}}}
        lines.append(json.dumps(line))
        paid = calc_price(Usage(input_tokens=inp, cache_read_tokens=cached, cache_write_tokens=write,
                                output_tokens=out), model, provider_id=provider,
                          genai_request_timestamp=_dt(t)).total_price
        plain = calc_price(Usage(input_tokens=inp, output_tokens=out), model, provider_id=provider,
                           genai_request_timestamp=_dt(t)).total_price
        expect["requests"] += 1
        expect["input"] += inp
        expect["cached"] += cached
        expect["write"] += write
        expect["output"] += out
        expect["cost"] += paid
        expect["plain"] += plain
        per_model[model] = per_model.get(model, Decimal(0)) + paid
    return lines, expect, per_model


def _cents(x) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.01"))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    rng = random.Random(5)
    lines, expect, per_model = _gen_mixed_log(rng, 600)
    d = tmp_path_factory.mktemp("mixed")
    plain = d / "log.jsonl"
    plain.write_text("\n".join(lines) + "\n")
    gz = d / "log.jsonl.gz"
    with gzip.open(gz, "wt") as fh:
        fh.write("\n".join(lines) + "\n")
    return plain, gz, expect, per_model


def test_totals_and_costs_match_to_the_cent(mixed, run_cli):
    plain, _gz, expect, per_model = mixed
    code, out, err = run_cli("audit", plain, "--format", "json", "--no-replay")
    assert code == 0, err
    rep = json.loads(out)
    s = rep["summary"]
    assert s["requests"] == expect["requests"]
    assert s["input_tokens"] == expect["input"]
    assert s["cached_tokens"] == expect["cached"]
    assert s["cache_write_tokens"] == expect["write"]
    assert s["output_tokens"] == expect["output"]
    assert s["hit_ratio"] == pytest.approx(expect["cached"] / expect["input"], abs=1e-6)
    assert _cents(s["cost_usd"]) == _cents(expect["cost"])
    assert _cents(s["cost_without_cache_usd"]) == _cents(expect["plain"])
    assert _cents(s["savings_usd"]) == _cents(expect["plain"] - expect["cost"])
    got = {m["model"]: m for m in rep["models"]}
    for model, cost in per_model.items():
        assert _cents(got[model]["cost_usd"]) == _cents(cost), model
    assert set(rep["summary"]) >= {"requests", "input_tokens", "cached_tokens", "cache_write_tokens",
                                   "output_tokens", "hit_ratio", "cost_usd", "cost_without_cache_usd",
                                   "savings_usd"}
    assert rep["errors"] == {"lines": 0, "examples": []}


def test_gzip_gives_the_same_report(mixed, run_cli):
    plain, gz, _expect, _pm = mixed
    a = json.loads(run_cli("audit", plain, "--format", "json", "--no-replay")[1])
    b = json.loads(run_cli("audit", gz, "--format", "json", "--no-replay")[1])
    assert a["summary"] == b["summary"] and a["models"] == b["models"]


def test_hit_ratio_never_above_one(tmp_path, run_cli):
    # A usage object claiming more cached than prompt tokens (seen with buggy proxies).
    line = {"response": {"model": "gpt-4o", "usage": {"prompt_tokens": 1000, "completion_tokens": 1,
                                                      "prompt_tokens_details": {"cached_tokens": 5000}}}}
    p = tmp_path / "l.jsonl"
    p.write_text(json.dumps(line) + "\n")
    rep = json.loads(run_cli("audit", p, "--format", "json")[1])
    assert rep["summary"]["hit_ratio"] <= 1.0
    assert rep["summary"]["cached_tokens"] == 1000
    assert rep["summary"]["cache_write_tokens"] == 0  # OpenAI legacy: no writes invented


def test_malformed_lines_counted_with_line_numbers(tmp_path, run_cli):
    good = {"response": {"model": "gpt-4o-mini", "usage": {"prompt_tokens": 100, "completion_tokens": 5}}}
    lines = [json.dumps(good), "{not json", json.dumps(good), "[1, 2]", json.dumps({"foo": 1}), "",
             json.dumps(good)]
    p = tmp_path / "bad.jsonl"
    p.write_text("\n".join(lines) + "\n")
    code, out, err = run_cli("audit", p, "--format", "json")
    assert code == 2  # input problems -> exit 2, but the report is complete
    rep = json.loads(out)
    assert rep["summary"]["requests"] == 3
    assert rep["errors"]["lines"] == 3
    assert [e.split(":")[1] for e in rep["errors"]["examples"]] == ["2", "4", "5"]
    assert f"{p}:2" in err and "Traceback" not in err


def test_batch_output_joined_with_input(tmp_path, run_cli):
    rng = random.Random(7)
    system = "You are a careful assistant. " * 300
    ins, outs, exp_cost, n = [], [], Decimal(0), 40
    for i in range(n):
        cid = f"task-{i}"
        ins.append({"custom_id": cid, "method": "POST", "url": "/v1/chat/completions",
                    "body": {"model": "gpt-4o-mini", "messages": [
                        {"role": "system", "content": system}, {"role": "user", "content": f"question {i}"}]}})
        prompt, cached, completion = rng.randint(1500, 1600), rng.choice([0, 1024, 1408]), rng.randint(1, 50)
        outs.append({"id": f"batch_req_{i}", "custom_id": cid, "error": None,
                     "response": {"status_code": 200, "request_id": f"r{i}",
                                  "body": {"model": "gpt-4o-mini-2024-07-18", "created": T0 + i,
                                           "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                                                     "prompt_tokens_details": {"cached_tokens": cached}}}}})
        exp_cost += calc_price(Usage(input_tokens=prompt, cache_read_tokens=cached, output_tokens=completion),
                               "gpt-4o-mini-2024-07-18", provider_id="openai").total_price / 2  # Batch: -50 %
    rng.shuffle(outs)  # output order is not input order
    outs.append({"id": "x", "custom_id": "failed", "response": None, "error": {"code": "x", "message": "y"}})
    pin, pout = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    pin.write_text("\n".join(json.dumps(x) for x in ins) + "\n")
    pout.write_text("\n".join(json.dumps(x) for x in outs) + "\n")
    code, out, err = run_cli("audit", pout, "--batch-input", pin, "--format", "json")
    assert code == 0, err
    rep = json.loads(out)
    assert rep["files"][0]["reader"] == "batch"
    assert rep["summary"]["requests"] == n
    assert _cents(rep["summary"]["cost_usd"]) == _cents(exp_cost)
    assert rep["replay"]["requests"] == n  # every output line met its request text


def _usage_api_results(rng):
    rows = []
    for day in range(5):
        for model in ("gpt-4o", "gpt-4o-mini"):
            inp = rng.randint(10_000, 2_000_000)
            rows.append({"day": day, "model": model, "input_tokens": inp,
                         "input_cached_tokens": rng.randint(0, inp), "output_tokens": rng.randint(100, 90_000),
                         "num_model_requests": rng.randint(1, 900)})
    return rows


def _expected(rows):
    cost = sum(calc_price(Usage(input_tokens=r["input_tokens"], cache_read_tokens=r["input_cached_tokens"],
                                output_tokens=r["output_tokens"]), r["model"], provider_id="openai").total_price
               for r in rows)
    return cost, sum(r["num_model_requests"] for r in rows), sum(r["input_cached_tokens"] for r in rows)


def test_usage_api_json_buckets(tmp_path, run_cli):
    rows = _usage_api_results(random.Random(11))
    buckets = []
    for day in range(5):
        start = int(T0) + day * 86400
        buckets.append({"object": "bucket", "start_time": start, "end_time": start + 86400, "results": [
            {"object": "organization.usage.completions.result", "project_id": None, "batch": None,
             "model": r["model"], "input_tokens": r["input_tokens"], "output_tokens": r["output_tokens"],
             "input_cached_tokens": r["input_cached_tokens"], "input_audio_tokens": 0, "output_audio_tokens": 0,
             "num_model_requests": r["num_model_requests"]} for r in rows if r["day"] == day]})
    p = tmp_path / "usage.json"
    p.write_text(json.dumps({"object": "page", "data": buckets, "has_more": False, "next_page": None}))
    cost, requests, cached = _expected(rows)
    rep = json.loads(run_cli("audit", p, "--format", "json")[1])
    assert rep["files"][0]["reader"] == "usage-api-json"
    assert rep["summary"]["requests"] == requests
    assert rep["summary"]["cached_tokens"] == cached
    assert _cents(rep["summary"]["cost_usd"]) == _cents(cost)
    assert len(rep["days"]) == 5
    assert rep["replay"]["available"] is False


def test_usage_api_csv(tmp_path, run_cli):
    rows = _usage_api_results(random.Random(12))
    p = tmp_path / "usage.csv"
    with open(p, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["start_time", "end_time", "start_time_iso", "project_id", "model", "input_tokens",
                    "input_cached_tokens", "output_tokens", "num_model_requests"])
        for r in rows:
            start = int(T0) + r["day"] * 86400
            w.writerow([start, start + 86400, _dt(start).isoformat(), "proj_1", r["model"], r["input_tokens"],
                        r["input_cached_tokens"], r["output_tokens"], r["num_model_requests"]])
    cost, requests, _cached = _expected(rows)
    code, out, err = run_cli("audit", p, "--format", "json")
    assert code == 0, err
    rep = json.loads(out)
    assert rep["files"][0]["reader"] == "usage-api-csv"
    assert rep["summary"]["requests"] == requests
    assert _cents(rep["summary"]["cost_usd"]) == _cents(cost)
    # CSV output: one row per model and day, summing to the same cost.
    code, out, _ = run_cli("audit", p, "--format", "csv")
    got = list(csv.DictReader(out.splitlines()))
    assert len(got) == len(rows)
    assert _cents(sum(Decimal(r["cost_usd"]) for r in got)) == _cents(cost)


def test_custom_field_paths_and_model_map(tmp_path, run_cli):
    lines = [{"req": {"body": {"model": "prod-gpt4o", "messages": [{"role": "user", "content": "x"}]}},
              "resp": {"body": {"model": "prod-gpt4o", "usage": {"prompt_tokens": 2000, "completion_tokens": 10,
                                                                "prompt_tokens_details": {"cached_tokens": 1024}}}},
              "meta": {"ts": "2026-10-02 10:00:00"}}]
    p = tmp_path / "gw.jsonl"
    p.write_text(json.dumps(lines[0]) + "\n")
    code, out, err = run_cli("audit", p, "--request-field", "req.body", "--response-field", "resp.body",
                             "--time-field", "meta.ts", "--model-map", "prod-gpt4o=gpt-4o", "--format", "json")
    assert code == 0, err
    rep = json.loads(out)
    exp = calc_price(Usage(input_tokens=2000, cache_read_tokens=1024, output_tokens=10), "gpt-4o",
                     provider_id="openai").total_price
    assert _cents(rep["summary"]["cost_usd"]) == _cents(exp)
    assert rep["days"][0]["day"] == "2026-10-02"


def test_text_and_html_outputs(mixed, run_cli, tmp_path):
    plain, _gz, _e, _pm = mixed
    code, out, err = run_cli("audit", plain, "--no-color")
    assert code == 0, err
    assert "pcache audit" in out and "per model" in out and "daily hit ratio" in out
    html = tmp_path / "r.html"
    code, _out, err = run_cli("audit", plain, "--format", "html", "-o", html)
    assert code == 0, err
    text = html.read_text()
    assert text.startswith("<!doctype html>") and 'class="chart"' in text
    assert "http://" not in text and "https://" not in text
    assert "<script src" not in text and "<link" not in text


def test_no_usage_is_an_input_error(tmp_path, run_cli):
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"hello": "world"}) + "\n")
    code, _out, err = run_cli("audit", p)
    assert code == 2 and "pcache: error:" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_nothing_usable_prints_only_the_reasons(tmp_path, run_cli, fmt):
    """A log with no usable line: no empty report on stdout, only the file:line reasons and exit 2."""
    p = tmp_path / "bad.jsonl"
    p.write_text("not json\n" + json.dumps({"hello": "world"}) + "\n")
    code, out, err = run_cli("audit", p, "--format", fmt)
    assert code == 2 and out == "", out
    assert err.rstrip().endswith(f"pcache: error: {p}: no usage found in the input"), err


@pytest.mark.skipif(not (CORPORA / "pydantic-ai-vcr").exists(), reason="shared corpora not mounted")
def test_real_corpora(run_cli):
    """The recorded traffic of pydantic-ai and crewAI: every line read, every OpenAI request replayed."""
    pyd = CORPORA / "pydantic-ai-vcr" / "usage_with_cache.jsonl"
    rep = json.loads(run_cli("audit", pyd, "--format", "json")[1])
    raw = [json.loads(x) for x in pyd.read_text().splitlines()]
    assert rep["summary"]["requests"] == len(raw) and rep["errors"]["lines"] == 0
    # DeepSeek lines carry prompt_cache_hit_tokens; Anthropic-style totals; Cohere/Mistral fields too.
    assert rep["summary"]["cached_tokens"] > 0
    assert rep["summary"]["hit_ratio"] <= 1.0
    crew = CORPORA / "crewai-vcr"
    for name in ("openai_chat_completions.jsonl", "openai_responses.jsonl", "anthropic_messages.jsonl"):
        path = crew / name
        code, out, err = run_cli("audit", path, "--format", "json")
        assert code == 0, (name, err)
        rep = json.loads(out)
        lines = [json.loads(x) for x in path.read_text().splitlines()]
        assert rep["summary"]["requests"] == len(lines)
        if name == "anthropic_messages.jsonl":
            want = sum(u["input_tokens"] + u["cache_read_input_tokens"] + u["cache_creation_input_tokens"]
                       for u in (x["usage"] for x in lines))
            assert rep["summary"]["input_tokens"] == want
        else:  # every request replayed: the legacy rule, or no caching for gpt-4/gpt-3.5 (spec 1.8)
            assert sum(g["requests"] for g in rep["replay"]["regimes"]) == len(lines)
            assert {g["regime"] for g in rep["replay"]["regimes"]} <= {"openai-legacy", "openai-none"}
            none = [g for g in rep["replay"]["regimes"] if g["regime"] == "openai-none"]
            assert all(g["predicted_cached_tokens"] == 0 for g in none)
            assert rep["replay"]["requests"] == len(lines) - sum(g["requests"] for g in none)


def test_responses_only_usage_log(tmp_path, run_cli):
    """Response bodies without request text: cost and hit ratio, no replay."""
    rng = random.Random(21)
    lines, cost, cached_sum, inp_sum = [], Decimal(0), 0, 0
    for i in range(50):
        inp = rng.randint(200, 8000)
        cached = min(inp, rng.choice([0, 1024, 4096]))
        out = rng.randint(1, 500)
        lines.append({"id": f"resp_{i}", "object": "response", "created_at": int(T0) + 60 * i, "model": "gpt-4.1",
                      "output": [{"type": "message", "content": [{"type": "output_text", "text": "ok"}]}],
                      "usage": {"input_tokens": inp, "output_tokens": out, "total_tokens": inp + out,
                                "input_tokens_details": {"cached_tokens": cached}}})
        cost += calc_price(Usage(input_tokens=inp, cache_read_tokens=cached, output_tokens=out), "gpt-4.1",
                           provider_id="openai").total_price
        cached_sum += cached
        inp_sum += inp
    p = tmp_path / "resp.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    code, out, err = run_cli("audit", p, "--format", "json")
    assert code == 0, err
    rep = json.loads(out)
    assert rep["summary"]["requests"] == 50
    assert rep["summary"]["hit_ratio"] == pytest.approx(cached_sum / inp_sum, abs=1e-6)
    assert _cents(rep["summary"]["cost_usd"]) == _cents(cost)
    assert rep["replay"]["available"] is False
    assert rep["replay"]["skipped"] == {"no request text": 50}

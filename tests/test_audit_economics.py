"""Anthropic 5 m vs 1 h cache writes judged from the gaps between uses of the same prefix
(``analyzers/audit/economics.py``).  Expected dollars by hand from the documented multipliers of
claude-sonnet-4-5 ($3/M input; read 0.1x, 5 m write 1.25x, 1 h write 2x: spec section 4), checked
against genai-prices directly; token sizes from tiktoken (o200k_base, the estimate the replay uses)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal

import pytest
import tiktoken
from genai_prices import Usage, calc_price

T0 = datetime(2026, 9, 1, 12, 0, tzinfo=timezone.utc).timestamp()
M = Decimal(1_000_000)
READ, W5, W1H = Decimal("0.30"), Decimal("3.75"), Decimal("6.00")  # USD per M tokens, by hand
SYSTEM = "You are a meticulous contract reviewer. Flag every ambiguous clause, quote it, explain the risk. " * 90
WRITTEN = 1200  # the tokens the log bills as written for the system prompt (below its rendered size)


def test_hand_prices_are_genai_prices():
    n = 100_000  # below the long-context tier (200k tokens)
    for read, write, w1h, per_m in ((n, 0, 0, READ), (0, n, 0, W5), (0, n, n, W1H)):
        p = calc_price(Usage(input_tokens=n, cache_read_tokens=read or None,
                             cache_write_tokens=write or None, cache_write_1h_tokens=w1h or None),
                       "claude-sonnet-4-5", provider_id="anthropic").input_price
        assert p * 10 == per_m


def test_system_renders_above_what_the_log_bills():
    assert len(tiktoken.get_encoding("o200k_base").encode(SYSTEM)) > WRITTEN + 100


def _body(ttl: str | None, question: str) -> dict:
    cc = {"type": "ephemeral", **({"ttl": ttl} if ttl else {})}
    return {"model": "claude-sonnet-4-5", "max_tokens": 50,
            "system": [{"type": "text", "text": SYSTEM, "cache_control": cc}],
            "messages": [{"role": "user", "content": question}]}


def _line(t: float, body: dict, read: int, w5: int, w1h: int) -> dict:
    return {"timestamp": datetime.fromtimestamp(T0 + t, tz=timezone.utc).isoformat(), "request": body,
            "response": {"model": "claude-sonnet-4-5-20250929", "usage": {
                "input_tokens": 9, "cache_read_input_tokens": read, "cache_creation_input_tokens": w5 + w1h,
                "output_tokens": 5, "cache_creation": {"ephemeral_5m_input_tokens": w5,
                                                       "ephemeral_1h_input_tokens": w1h}}}}


def _audit(tmp_path, run_cli, lines, fmt="json"):
    log = tmp_path / "claude.jsonl"
    log.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    code, out, err = run_cli("audit", log, "--format", fmt)
    assert code == 0, err
    return out


def test_a_1h_write_read_every_20_minutes_pays_back(tmp_path, run_cli):
    lines = [_line(0, _body("1h", "Clause 1?"), 0, 0, WRITTEN),
             _line(1200, _body("1h", "Clause 2?"), WRITTEN, 0, 0),
             _line(2400, _body("1h", "Clause 3?"), WRITTEN, 0, 0)]
    rep = json.loads(_audit(tmp_path, run_cli, lines))
    t = rep["replay"]["ttl"]
    assert t["writes_1h"]["prefixes"] == 1 and t["writes_1h"]["paid_back"] == 1
    assert t["writes_1h"]["long_gap_reads"] == 2
    assert t["writes_1h"]["premium_usd"] == pytest.approx(float(WRITTEN * (W1H - W5) / M), abs=1e-9)
    assert t["writes_1h"]["saved_usd"] == pytest.approx(float(2 * WRITTEN * (W5 - READ) / M), abs=1e-9)
    assert rep["ledger"]["avoidable_by_class"].get("ttl_1h_unused", {"usd": 0})["usd"] == 0
    assert rep["ledger"]["left_on_table_usd"] == 0


def test_a_1h_write_only_read_within_5_minutes_does_not_pay_back(tmp_path, run_cli):
    lines = [_line(0, _body("1h", "Clause 1?"), 0, 0, WRITTEN), _line(60, _body("1h", "Clause 2?"), WRITTEN, 0, 0)]
    rep = json.loads(_audit(tmp_path, run_cli, lines))
    t = rep["replay"]["ttl"]
    assert t["writes_1h"]["paid_back"] == 0 and t["writes_1h"]["saved_usd"] == 0
    premium = float(WRITTEN * (W1H - W5) / M)
    led = rep["ledger"]
    assert led["avoidable_by_class"]["ttl_1h_unused"] == {"tokens": WRITTEN, "usd": pytest.approx(premium, abs=1e-9)}
    assert led["left_on_table_usd"] == pytest.approx(premium, abs=1e-9)
    assert rep["replay"]["misses"]["ttl_1h_unused"]["avoidable_usd"] == pytest.approx(premium, abs=1e-6)
    # the ledger rows (per model) carry it too
    assert sum(m["left_on_table_usd"] for m in rep["models"]) == pytest.approx(premium, abs=1e-6)


def test_5m_writes_that_expire_between_10_minute_reads_are_priced_idle_gap_misses(tmp_path, run_cli):
    body = _body(None, "Summarise clause 4.")
    lines = [_line(t, body, 0, WRITTEN, 0) for t in (0, 600, 1200)]  # every request writes the prefix again
    rep = json.loads(_audit(tmp_path, run_cli, lines))
    t = rep["replay"]["ttl"]["writes_5m"]
    assert t["expired_prefixes"] == 1 and t["rewrites"] == 2 and t["rewritten_tokens"] == 2 * WRITTEN
    idle = 2 * WRITTEN * (W5 - READ) / M
    need = WRITTEN * (W1H - W5) / M  # a 1 h write pays its premium once, then reads
    assert t["idle_gap_usd"] == pytest.approx(float(idle), abs=1e-9)
    assert t["premium_for_1h_usd"] == pytest.approx(float(need), abs=1e-9)
    led = rep["ledger"]
    assert led["avoidable_by_class"]["ttl_5m_expired"]["usd"] == pytest.approx(float(idle - need), abs=1e-9)
    assert led["left_on_table_usd"] == pytest.approx(float(idle - need), abs=1e-9)

    # the same figures in text, CSV and HTML
    from pcache.cli.render.audit import _money

    text = " ".join(_audit(tmp_path, run_cli, lines, "text").replace("│", " ").split())
    assert f"left on the table {_money(idle - need)}" in text
    assert f"idle-gap misses {_money(idle)}" in text and "2 requests" in text
    html = _audit(tmp_path, run_cli, lines, "html")
    assert f"idle-gap misses {_money(idle)}" in html and 'id="ttl"' in html
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(_audit(tmp_path, run_cli, lines, "csv"))))
    assert sum(float(r["left_on_table_usd"]) for r in rows) == pytest.approx(float(idle - need), abs=1e-6)


def test_gaps_over_an_hour_are_not_blamed_on_the_ttl(tmp_path, run_cli):
    body = _body(None, "Summarise clause 4.")
    lines = [_line(t, body, 0, WRITTEN, 0) for t in (0, 4000, 8000)]
    rep = json.loads(_audit(tmp_path, run_cli, lines))
    t = rep["replay"]["ttl"]
    assert t["writes_5m"]["rewrites"] == 0 and t["idle_over_1h_requests"] == 2
    by_class = rep["ledger"]["avoidable_by_class"]
    assert "ttl_5m_expired" not in by_class and "ttl_1h_unused" not in by_class
    # but the two writes that expired unread (the third is alive at the end) paid 1.25x for nothing
    premium = 2 * WRITTEN * (W5 - Decimal(3)) / M
    assert rep["ledger"]["left_on_table_usd"] == pytest.approx(float(premium), abs=1e-9)


def test_a_write_that_expires_unread_paid_its_premium_for_nothing(tmp_path, run_cli):
    """Request 1 writes its system prompt (5 m); request 2, ten minutes later, has another system prompt:
    nothing ever read the first write, which expired inside the log (write 5 m - input per token).
    Request 2's own write is still alive when the log ends: not judged."""
    other = _body(None, "Summarise clause 4.")
    other["system"][0]["text"] = "Translate legal filings into plain Spanish, clause by clause, briefly. " * 90
    lines = [_line(0, _body(None, "Clause 1?"), 0, WRITTEN, 0), _line(600, other, 0, WRITTEN, 0)]
    rep = json.loads(_audit(tmp_path, run_cli, lines))
    u = rep["replay"]["ttl"]["unread_writes"]
    premium = WRITTEN * (W5 - Decimal(3)) / M
    assert (u["writes"], u["tokens"]) == (1, WRITTEN)
    assert u["usd"] == pytest.approx(float(premium), abs=1e-9)
    led = rep["ledger"]
    assert led["avoidable_by_class"]["unread_write"] == {"tokens": WRITTEN,
                                                         "usd": pytest.approx(float(premium), abs=1e-9)}
    assert led["left_on_table_usd"] == pytest.approx(float(premium), abs=1e-9)
    cov = {c["regime"]: c for c in led["coverage"]}
    assert "unread_write" in cov["anthropic"]["computed"]


def test_gpt56_breakpoint_write_never_read_is_an_unread_write(tmp_path, run_cli):
    """GPT-5.6+ (one 30-minute TTL, write 1.25x): two one-off prompts an hour apart; the first write
    expired unread inside the log.  $0.20/M input, $0.25/M write for gpt-5.6-luna (spec section 5)."""
    enc = tiktoken.get_encoding("o200k_base")

    def line(t, text, write):
        msgs = [{"role": "system", "content": text}, {"role": "user", "content": "go"}]
        return {"timestamp": T0 + t, "request": {"model": "gpt-5.6-luna", "messages": msgs},
                "response": {"usage": {"prompt_tokens": write + 20, "completion_tokens": 1,
                                       "prompt_tokens_details": {"cached_tokens": 0, "cache_write_tokens": write}}}}

    a, b = "Rules of the game, stated at length. " * 160, "Other rules, stated at length too. " * 160
    w = len(enc.encode(a)) - 200  # the log's billed writes cap the credited tokens
    rep = json.loads(_audit(tmp_path, run_cli, [line(0, a, w), line(3600, b, w)]))
    g = [x for x in rep["replay"]["regimes"] if x["regime"] == "openai-breakpoint"][0]
    assert g["requests"] == 2
    led = rep["ledger"]
    premium = w * (Decimal("0.25") - Decimal("0.20")) / M
    assert led["avoidable_by_class"]["unread_write"]["tokens"] == w
    assert led["avoidable_by_class"]["unread_write"]["usd"] == pytest.approx(float(premium), abs=1e-6)
    assert {c["regime"]: c["computed"] for c in led["coverage"]}["openai-breakpoint"] == ["unread_write"]


def test_every_replayed_regime_says_what_left_on_the_table_holds(run_cli):
    """pydantic-ai corpus (in-sample): legacy, GPT-5.6 breakpoints and DeepSeek; each regime either lists the
    parts computed or says why not, in JSON and as a warning line in the text."""
    from conftest import SHARED

    path = SHARED / "corpora" / "pydantic-ai-vcr" / "usage_with_cache.jsonl"
    if not path.is_file():
        pytest.skip("shared corpus missing")
    code, out, err = run_cli("audit", path, "--format", "json")
    rep = json.loads(out)
    cov = {c["regime"]: c for c in rep["ledger"]["coverage"]}
    assert set(cov) == {g["regime"] for g in rep["replay"]["regimes"] if g["requests"]}
    assert cov["openai-legacy"]["not_computed"] is None
    for name, c in cov.items():
        assert c["computed"] or c["not_computed"], name
    code, text, err = run_cli("audit", path, "--no-color")
    flat = " ".join(text.split())
    for name, c in cov.items():
        if c["not_computed"]:
            assert f"left on the table, {name} (" in flat

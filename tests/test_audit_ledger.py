"""The money ledger (analyzers/audit/ledger.py) reconciles in every format on every real corpus:
paid, paid without caching, saved by caching and left on the table (= what-if layout + avoidable
misses) are each the sum of the tables below them, and text, JSON, CSV and HTML show the same figures."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import AUDIT_CORPORA, ROOT, audit_corpus_paths, generated_audit_log

CORPORA = {
    **AUDIT_CORPORA,
    # raw VCR cassettes as projects keep them (a directory): Anthropic writes with timestamps, streams
    "cassettes": [ROOT / "tests" / "fixtures" / "cassettes"],
}


@pytest.fixture(scope="module")
def generated_log(tmp_path_factory):
    return generated_audit_log(tmp_path_factory, 400)


def _paths(name, generated_log):
    return audit_corpus_paths(CORPORA, name, generated_log)


def _money(v) -> str:
    from pcache.cli.render.audit import _money as m

    return m(v)


def _close(a, b, n=1):
    assert a is not None and b is not None
    assert abs(a - b) <= 2e-6 * max(n, 1), (a, b)


@pytest.mark.parametrize("name", [*CORPORA, "generated"])
def test_ledger_identities_in_every_format(name, generated_log, run_cli, tmp_path):
    paths = _paths(name, generated_log)
    code, out, err = run_cli("audit", *paths, "--format", "json", "--top", "1000")
    assert code in (0, 2), err
    rep = json.loads(out)
    led = rep["ledger"]
    models = rep["models"]
    n = len(models)
    priced = [m for m in models if m["cost_usd"] is not None]
    # paid, without caching and saved: sums of the per-model table
    _close(led["paid_usd"], sum(m["cost_usd"] for m in priced), n)
    _close(led["without_caching_usd"], sum(m["cost_without_cache_usd"] for m in priced), n)
    _close(led["saved_by_caching_usd"], led["without_caching_usd"] - led["paid_usd"])
    # left on the table = what-if layout + avoidable misses; each the sum of its table
    assert led["replayed"]
    _close(led["left_on_table_usd"], led["layout_usd"] + led["avoidable_usd"])
    assert led["left_on_table_tokens"] == led["layout_tokens"] + led["avoidable_tokens"]
    r = rep["replay"]
    _close(led["layout_usd"], sum(c["usd"] for c in r["changes"]), len(r["changes"]) + 1)
    assert led["layout_tokens"] == sum(c["tokens"] for c in r["changes"])
    # every avoidable class of the ledger is a row of the misses table (the replay's classes and the
    # Anthropic write-TTL ones), and they add up
    by_class = led["avoidable_by_class"]
    assert set(by_class) >= {"prefix_broken", "idle_gap", "unexplained"} or not r["requests"]
    for c, v in by_class.items():
        _close(v["usd"], r["misses"][c]["avoidable_usd"])
        assert v["tokens"] == r["misses"][c]["avoidable_tokens"]
    _close(led["avoidable_usd"], sum(v["usd"] for v in by_class.values()), len(by_class))
    assert led["avoidable_tokens"] == sum(v["tokens"] for v in by_class.values())
    # ... and the sum of the per-model, per-day and per-group tables
    _close(led["left_on_table_usd"], sum(m["left_on_table_usd"] for m in models), n)
    _close(led["left_on_table_usd"], sum(d["left_on_table_usd"] for d in rep["days"]), len(rep["days"]))
    groups = rep["groups"]
    ttl = sum(by_class.get(c, {"usd": 0})["usd"] for c in ("ttl_5m_expired", "ttl_1h_unused"))
    _close(led["left_on_table_usd"], sum(g["wasted_usd"] for g in groups) + rep["other_groups"]["wasted_usd"] + ttl,
           len(groups) + 3)
    for g in groups:  # possible never below actual; left = possible - actual
        assert g["possible_cached_tokens"] >= g["actual_cached_tokens"]
        assert g["possible_cached_tokens"] - g["actual_cached_tokens"] == g["left_on_table_tokens"]
        assert g["where"]  # file:line of a representative request

    # CSV rows add up to the same ledger
    code, out_csv, err = run_cli("audit", *paths, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out_csv)))
    f = lambda col: sum(float(x[col]) for x in rows if x[col])  # noqa: E731
    _close(led["paid_usd"], f("cost_usd"), len(rows))
    _close(led["without_caching_usd"], f("cost_without_cache_usd"), len(rows))
    _close(led["left_on_table_usd"], f("left_on_table_usd"), len(rows))
    _close(led["layout_usd"], f("layout_usd"), len(rows))
    assert led["left_on_table_tokens"] == sum(int(x["left_on_table_tokens"]) for x in rows)

    # text and HTML print the same ledger figures
    txt, html = tmp_path / "a.txt", tmp_path / "a.html"
    run_cli("audit", *paths, "-o", txt, "--no-color")
    run_cli("audit", *paths, "--format", "html", "-o", html)
    text, page = txt.read_text(), html.read_text()
    flat = " ".join(text.replace("│", " ").split())
    for label, v in (("paid", led["paid_usd"]), ("saved by caching", led["saved_by_caching_usd"]),
                     ("left on the table", led["left_on_table_usd"])):
        assert f"{label} {_money(v)}" in flat, (label, _money(v))
        assert f'data-ledger="{label.split()[0]}">{_money(v)}<' in page, (label, _money(v))
    assert f"what-if layout {_money(led['layout_usd'])} + avoidable misses {_money(led['avoidable_usd'])}" in flat
    # each avoidable class, in the text ledger line and the HTML ledger table
    for c, v in by_class.items():
        if v["usd"]:
            assert f"{c} {_money(v['usd'])}" in flat, c
            assert f"{c}</td><td>{_money(v['usd'])}</td>" in page, c
    # each model's paid and saved figures
    from html import escape

    for m in priced:
        assert _money(m["cost_usd"]) in flat and _money(m["savings_usd"]) in flat, m["model"]
        assert f"<td>{escape(m['model'])}</td>" in page
        assert f"<td>{_money(m['cost_usd'])}</td><td>{_money(m['cost_without_cache_usd'])}</td>" in page, m["model"]


@pytest.mark.parametrize("name", [*CORPORA, "generated"])
def test_html_keeps_every_warning_of_the_text_report(name, generated_log, run_cli, tmp_path):
    import re
    from html import unescape

    paths = _paths(name, generated_log)
    txt, html = tmp_path / "a.txt", tmp_path / "a.html"
    run_cli("audit", *paths, "-o", txt, "--no-color")
    run_cli("audit", *paths, "--format", "html", "-o", html)
    warnings = [" ".join(w.split()) for w in ("\n" + txt.read_text()).split("\n→ ")[1:]]
    items = [" ".join(unescape(i).split()) for i in re.findall(r'<li class="warn">(.*?)</li>', html.read_text(), re.S)]
    assert warnings, "every corpus has at least one warning (notes, bounds, malformed lines)"
    for w in warnings:
        assert any(i.startswith(w[:60]) for i in items), w

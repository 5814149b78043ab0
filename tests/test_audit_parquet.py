"""Parquet request logs (readers/parquet.py): a real recorded log converted to Parquet in the test (one
column per JSONL field; nested bodies as JSON text or as Arrow structs) gives the JSONL log's report,
byte for byte apart from the file's name; bad rows are cited by row; without pyarrow a Parquet file is
one error line naming the extra to install.

pyarrow comes with the ``parquet`` and ``ray`` extras; CI installs the ray extra (PCACHE_REQUIRE_RAY),
so there these tests never skip.
"""

from __future__ import annotations

import json
import os

import pytest

from conftest import SHARED, pcache_without

CORPORA = SHARED / "corpora"


def _pyarrow():
    if os.environ.get("PCACHE_REQUIRE_RAY"):
        import pyarrow  # noqa: F401 - CI installs the ray extra, which brings pyarrow
    return pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install '.[parquet]')")


def jsonl_to_parquet(src, dst, structs: tuple[str, ...] = (), timestamps: tuple[str, ...] = (),
                     row_group_size: int = 64) -> int:
    """Every line of ``src`` as a row of ``dst``: one column per key, objects and arrays as JSON text
    (``structs``: as Arrow structs instead; ``timestamps``: unix seconds as an Arrow timestamp)."""
    pa = _pyarrow()
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
    names = list(dict.fromkeys(k for r in rows for k in r))
    cols = {}
    for name in names:
        vals = [r.get(name) for r in rows]
        if name in timestamps:
            cols[name] = pa.array([None if v is None else v * 1000 for v in vals], pa.timestamp("ms", tz="UTC"))
        elif name in structs:
            cols[name] = pa.array(vals)
        elif any(isinstance(v, (dict, list)) for v in vals):
            cols[name] = pa.array([None if v is None else json.dumps(v) for v in vals], pa.string())
        else:
            cols[name] = pa.array(vals)
    pq.write_table(pa.table(cols), dst, row_group_size=row_group_size)
    return len(rows)


def _same_report(run_cli, jsonl, parquet):
    code, out, err = run_cli("audit", jsonl, "--format", "json")
    pcode, pout, perr = run_cli("audit", parquet, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["summary"]["requests"] > 0 and '"replay"' in out
    assert (pcode, perr) == (code, err)
    assert '"reader": "parquet"' in pout and '"reader": "parquet"' not in out
    assert pout.replace(str(parquet), str(jsonl)).replace('"reader": "parquet"', '"reader": "jsonl"') == out
    return json.loads(pout)


@pytest.mark.parametrize("log", [CORPORA / "pydantic-ai-vcr" / "usage_with_cache.jsonl",
                                 CORPORA / "crewai-vcr" / "anthropic_messages.jsonl"],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_parquet_of_a_real_log_is_the_jsonl_report(run_cli, tmp_path, log):
    out = tmp_path / (log.stem + ".parquet")
    jsonl_to_parquet(log, out)
    _same_report(run_cli, log, out)


def test_parquet_structs_and_timestamps(run_cli, tmp_path):
    """Usage as an Arrow struct column and the response time as an Arrow timestamp column: the same
    report as the JSONL (the time, the day rows and the replay's clock come from the timestamp)."""
    log = CORPORA / "openai-recorded" / "recorded.jsonl"
    out = tmp_path / "recorded.parquet"
    jsonl_to_parquet(log, out, structs=("usage",), timestamps=("response_created",))
    import pyarrow.parquet as pq

    schema = pq.read_schema(out)
    assert str(schema.field("usage").type).startswith("struct<")
    assert str(schema.field("response_created").type) == "timestamp[ms, tz=UTC]"
    got = _same_report(run_cli, log, out)
    assert len(got["days"]) > 1


def test_bad_rows_are_cited_by_row(run_cli, tmp_path):
    pa = _pyarrow()
    import pyarrow.parquet as pq

    log = CORPORA / "pydantic-ai-vcr" / "usage_with_cache.jsonl"
    good = tmp_path / "good.parquet"
    n = jsonl_to_parquet(log, good)
    table = pq.read_table(good)
    usage = table.column("usage").to_pylist()
    usage[2] = '{"input_tokens": 5,'  # row 3: cut short
    bad = tmp_path / "bad.parquet"
    pq.write_table(table.set_column(table.schema.get_field_index("usage"), "usage", pa.array(usage, pa.string())),
                   bad)
    code, out, err = run_cli("audit", bad, "--format", "json")
    assert code == 2
    assert f"{bad}:3: column usage: invalid JSON" in err, err
    assert json.loads(out)["summary"]["requests"] == n - 1 - sum(1 for line in open(log) if '"usage": null' in line)


def test_parquet_without_pyarrow_names_the_extra(tmp_path):
    """Without pyarrow a Parquet file is one error line naming the extra (exit 2); the JSONL file
    given with it is still read."""
    _pyarrow()
    log = CORPORA / "pydantic-ai-vcr" / "usage_with_cache.jsonl"
    out = tmp_path / "log.parquet"
    jsonl_to_parquet(log, out)
    proc = pcache_without("pyarrow", "audit", str(out), str(log), "--format", "json", cwd=tmp_path, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"pcache: {out}: reading Parquet needs pyarrow, which is not installed: " \
           "pip install 'prompt-cache-analyzer[parquet]'" in proc.stderr.splitlines()
    assert json.loads(proc.stdout)["summary"]["requests"] > 0

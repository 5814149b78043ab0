"""``pcache audit --format csv``: one row per model and day (Batch requests on their own rows).

The rows add up to the ledger: paid, without caching, saved and left on the table (what-if layout +
avoidable misses) of the other formats; the left-on-the-table columns are empty without a replay."""

from __future__ import annotations

import csv
import io

from ..render.audit import totals_dict

COLUMNS = ("model", "day", "batch", "requests", "input_tokens", "cached_tokens", "cache_write_tokens",
           "output_tokens", "hit_ratio", "cost_usd", "cost_without_cache_usd", "savings_usd", "unpriced_requests",
           "cached_unknown_requests", "layout_usd", "avoidable_usd", "left_on_table_usd", "left_on_table_tokens")


def render(report) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    replayed = report.ledger is not None and report.ledger.replayed
    for model, day, batch, tot in report.rows:
        d = totals_dict(tot, replayed)
        w.writerow([model, day, "true" if batch else "false"] +
                   ["" if d[c] is None else d[c] for c in COLUMNS[3:]])
    return out.getvalue()

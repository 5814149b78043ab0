"""``pcache audit --format csv``: one row per model and day (Batch requests on their own rows)."""

from __future__ import annotations

import csv
import io

from ..render.audit import totals_dict

COLUMNS = ("model", "day", "batch", "requests", "input_tokens", "cached_tokens", "cache_write_tokens",
           "output_tokens", "hit_ratio", "cost_usd", "cost_without_cache_usd", "savings_usd", "unpriced_requests")


def render(report) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for model, day, batch, tot in report.rows:
        d = totals_dict(tot)
        w.writerow([model, day, "true" if batch else "false"] +
                   ["" if d[c] is None else d[c] for c in COLUMNS[3:]])
    return out.getvalue()

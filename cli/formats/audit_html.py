"""``pcache audit --format html``: one self-contained file (inline CSS and SVG charts, no external assets)."""

from __future__ import annotations

from html import escape

from pcache.analyzers.audit.replay import AVOIDABLE, MISS_CLASSES

from ..render.audit import _money, _pct

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:70rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child{text-align:left}
.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:.5rem;padding:.8rem 1rem;min-width:10rem}
.card b{display:block;font-size:1.3rem}.muted{color:#777}.warn{color:#a60}
code{background:#f4f4f4;padding:0 .2rem;border-radius:.2rem}
"""


def _bar_chart(items: list[tuple[str, float, str]], width: int = 640, bar_h: int = 18, vmax: float | None = None,
               color: str = "#3a7bd5") -> str:
    """Horizontal bars: (label, value, value text)."""
    if not items:
        return ""
    vmax = vmax or max((v for _, v, _ in items), default=0) or 1
    label_w, text_w = 130, 110
    plot = width - label_w - text_w
    h = bar_h * len(items) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img">']
    for i, (label, v, text) in enumerate(items):
        y = i * bar_h + 2
        w = max(0.0, min(1.0, v / vmax)) * plot
        parts.append(f'<text x="0" y="{y + bar_h - 5}" font-size="12">{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 2}" width="{plot}" height="{bar_h - 5}" fill="#eee"/>'
                     f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{bar_h - 5}" fill="{color}"/>'
                     f'<text x="{label_w + plot + 6}" y="{y + bar_h - 5}" font-size="12">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _card(title: str, value: str, sub: str = "") -> str:
    return f'<div class="card"><span class="muted">{escape(title)}</span><b>{escape(value)}</b>' \
           f'<span class="muted">{escape(sub)}</span></div>'


def render(report) -> str:
    s = report.summary
    out = ["<!doctype html><html><head><meta charset='utf-8'><title>pcache audit</title>",
           f"<style>{CSS}</style></head><body><h1>Prompt cache audit</h1>", '<div class="cards">',
           _card("requests", f"{s.requests:,}"),
           _card("hit ratio", _pct(s.hit_ratio), f"{s.cached_tokens:,} of {s.input_tokens:,} input tokens"),
           _card("paid", _money(s.cost_usd), f"without caching {_money(s.cost_without_cache_usd)}"),
           _card("caching saved", _money(s.savings_usd))]
    r = report.replay
    if r is not None and r.requests:
        out.append(_card("replay predicted cached", f"{r.predicted_cached_tokens:,}",
                         f"actual {r.actual_cached_tokens:,}; up to {r.optimistic_cached_tokens:,}"))
        if r.whatif:
            out.append(_card("money left on the table", _money(r.whatif["money_left_on_table_usd"]),
                             "volatile content moved after the static prefix"))
    out.append("</div>")

    days = [(d, t) for d, t in report.days if d != "unknown"]
    if days:
        out.append("<h2>Daily hit ratio</h2>")
        out.append(_bar_chart([(d, t.hit_ratio, _pct(t.hit_ratio)) for d, t in days], vmax=1.0))
    if report.models:
        out.append("<h2>Per model</h2><table><tr><th>model</th><th>requests</th><th>input</th><th>cached</th>"
                   "<th>hit</th><th>written</th><th>output</th><th>paid</th><th>no cache</th><th>saved</th></tr>")
        for m, t, _p in report.models:
            out.append(f"<tr><td>{escape(m)}</td><td>{t.requests:,}</td><td>{t.input_tokens:,}</td>"
                       f"<td>{t.cached_tokens:,}</td><td>{_pct(t.hit_ratio)}</td><td>{t.cache_write_tokens:,}</td>"
                       f"<td>{t.output_tokens:,}</td><td>{_money(t.cost_usd)}</td>"
                       f"<td>{_money(t.cost_without_cache_usd)}</td><td>{_money(t.savings_usd)}</td></tr>")
        out.append("</table>")
        priced = [(m, float(t.cost_usd), _money(t.cost_usd)) for m, t, _ in report.models if t.cost_usd]
        out.append(_bar_chart(priced[:15], color="#6a4"))
    if r is not None and r.requests:
        out.append("<h2>Misses by cause (replay)</h2>")
        items = [(c.replace("_", " ") + (" *" if c in AVOIDABLE else ""), r.misses[c].missed_usd,
                  f"{r.misses[c].requests:,} req, {_money(r.misses[c].missed_usd)}")
                 for c in MISS_CLASSES if r.misses.get(c) and r.misses[c].requests]
        out.append(_bar_chart(items, color="#d55"))
        out.append('<p class="muted">* avoidable with a better prompt layout or traffic shape</p>')
    if report.groups:
        out.append("<h2>Top prompt groups by wasted dollars</h2><table><tr><th>group</th><th>model</th>"
                   "<th>requests</th><th>actual cached</th><th>possible</th><th>wasted</th><th>diverges at</th></tr>")
        for g in report.groups:
            ex = g.example
            where = f"token {ex['token']}: <code>{escape(str(ex.get('text')))}</code> (was " \
                    f"<code>{escape(str(ex.get('previous_text')))}</code>)" if ex else ""
            out.append(f"<tr><td>{g.key}</td><td>{escape(g.model)}</td><td>{g.requests:,}</td>"
                       f"<td>{g.actual_cached:,}</td><td>{g.ideal_cached:,}</td><td>{_money(g.wasted_usd)}</td>"
                       f"<td style='text-align:left'>{where}</td></tr>")
        out.append("</table>")
    if r is not None and r.advice:
        out.append("<h2>Advice</h2><ul>" + "".join(f"<li>{escape(a)}</li>" for a in r.advice) + "</ul>")
    if report.notes or report.errors.lines:
        out.append("<h2>Notes</h2><ul>" + "".join(f"<li>{escape(n)}</li>" for n in report.notes))
        if report.errors.lines:
            out.append(f'<li class="warn">{report.errors.lines:,} malformed line(s): '
                       + escape("; ".join(report.errors.examples)) + "</li>")
        out.append("</ul>")
    out.append("</body></html>\n")
    return "".join(out)

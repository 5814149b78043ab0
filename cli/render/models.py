"""Renderers for ``pcache models``."""

from __future__ import annotations

import json
from decimal import Decimal

from rich.table import Table
from rich.text import Text


def _usd(v: Decimal | None) -> str:
    if v is None:
        return "-"
    whole, _, frac = f"{v:.4f}".partition(".")
    frac = frac.rstrip("0")
    return f"{whole}.{frac.ljust(2, '0')}"


def _pct(v: Decimal | None) -> str:
    return "-" if v is None else f"{float(v) * 100:.0f} %"


def regimes_to_list(regimes) -> list:
    return [{"id": r.id, "name": r.name, "kind": r.kind, "providers": list(r.providers),
             "description": r.description, "data_file": r.data_file,
             "assumptions": [{"key": a.key, "value": a.value, "source": a.source, "as_of": a.as_of, "note": a.note,
                              "models": [{"models": lab, "value": v, "source": src, "as_of": date, "note": note}
                                         for lab, v, src, date, note in a.models]}
                             for a in r.values]} for r in regimes]


def models_to_dict(infos, regimes=None) -> dict:
    def f(v):
        return None if v is None else float(v)

    out = {"models": [{
        "model": i.model, "encoding": i.encoding, "encoding_note": i.encoding_note,
        "regime": i.regime, "minimum_tokens": i.minimum, "step_tokens": i.step,
        "routing_window_tokens": i.routing_window, "price_model": i.price_model,
        "usd_per_mtok": {"input": f(i.input), "cached_input": f(i.cached_input),
                         "cache_write": f(i.cache_write), "output": f(i.output)},
        "cache_discount": f(i.discount), "price_note": i.price_note, "caching": i.caches,
    } for i in infos]}
    if regimes is not None:
        out["regimes"] = regimes_to_list(regimes)
    return out


def render_models_json(infos, regimes=None) -> str:
    return json.dumps(models_to_dict(infos, regimes), indent=2)


def _value(v) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return ", ".join(map(str, v))
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def render_regimes_text(regimes, console) -> None:
    """Every regime's assumptions: value, source key (spec section 0) and the date it was read."""
    from rich import box
    from rich.markup import escape

    for r in regimes:
        table = Table(title=f"{r.id}: {r.name}", title_justify="left", title_style="bold", pad_edge=False,
                      box=box.SIMPLE_HEAD, show_edge=False, caption=f"{r.data_file} · providers: "
                      f"{', '.join(r.providers)}", caption_justify="left", caption_style="dim")
        table.add_column("assumption", no_wrap=True, max_width=30)
        table.add_column("value", overflow="fold", max_width=22)
        table.add_column("source", overflow="fold")
        table.add_column("as of", no_wrap=True)
        for a in r.values:
            table.add_row(a.key, escape(_value(a.value)), escape(a.source + (f" — {a.note}" if a.note else "")),
                          a.as_of)
            for label, v, src, date, note in a.models:
                table.add_row(Text("  " + label, style="dim"), escape(_value(v)),
                              escape(src + (f" — {note}" if note else "")), date)
        console.print(table)
    console.print("[dim]Source keys are listed in ../shared/spec/caching-rules.md section 0.[/dim]")


def render_models_text(infos, console, quiet: bool = False) -> None:
    if quiet:
        for i in infos:  # tab-separated for cut/awk (rich would expand the tabs)
            console.file.write(f"{i.model}\t{i.encoding}\t{i.regime}\t{_pct(i.discount) if i.caches else '-'}\n")
        return
    from rich import box

    table = Table(title="Models (prices in USD per million tokens, from genai-prices)", title_justify="left",
                  title_style="bold", pad_edge=False, box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("model", no_wrap=True)
    table.add_column("encoding")
    table.add_column("regime")
    table.add_column("min", justify="right")
    table.add_column("step", justify="right")
    table.add_column("input", justify="right")
    table.add_column("cached", justify="right")
    table.add_column("write", justify="right")
    table.add_column("output", justify="right")
    table.add_column("discount", justify="right")
    notes: list[str] = []
    for i in infos:
        enc = Text(i.encoding + ("*" if i.encoding_note else ""), style="yellow" if i.encoding_note else "")
        disc = Text(_pct(i.discount), style="green" if i.discount else "red")
        if not i.caches:
            table.add_row(i.model, enc, Text("no caching", style="red"), "-", "-",
                          _usd(i.input), "-", "-", _usd(i.output), Text("-", style="red"))
            continue
        table.add_row(i.model, enc, i.regime, f"{i.minimum:,}", f"{i.step:,}" if i.step else "-",
                      _usd(i.input), _usd(i.cached_input), _usd(i.cache_write), _usd(i.output), disc)
        if i.price_note:
            notes.append(f"{i.model}: {i.price_note}")
    console.print(table)
    if any(i.encoding_note for i in infos):
        console.print("[dim]* tokenizer not mapped by tiktoken; counted with o200k_base (a guess)[/dim]")
    for n in notes:
        console.print(f"[dim]{n}[/dim]")
    rw = {i.routing_window for i in infos}
    console.print(f"[dim]Thresholds come from analyzers/providers/data/*.toml (routing window "
                  f"~{', '.join(f'{r:,}' for r in sorted(rw))} tokens); prices from genai-prices' bundled "
                  f"snapshot.[/dim]")

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


def models_to_dict(infos) -> dict:
    def f(v):
        return None if v is None else float(v)

    return {"models": [{
        "model": i.model, "encoding": i.encoding, "encoding_note": i.encoding_note,
        "regime": i.regime, "minimum_tokens": i.minimum, "step_tokens": i.step,
        "routing_window_tokens": i.routing_window, "price_model": i.price_model,
        "usd_per_mtok": {"input": f(i.input), "cached_input": f(i.cached_input),
                         "cache_write": f(i.cache_write), "output": f(i.output)},
        "cache_discount": f(i.discount), "price_note": i.price_note,
    } for i in infos]}


def render_models_json(infos) -> str:
    return json.dumps(models_to_dict(infos), indent=2)


def render_models_text(infos, console, quiet: bool = False) -> None:
    if quiet:
        for i in infos:  # tab-separated for cut/awk (rich would expand the tabs)
            console.file.write(f"{i.model}\t{i.encoding}\t{i.regime}\t{_pct(i.discount)}\n")
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

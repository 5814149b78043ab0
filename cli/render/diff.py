"""Renderers for ``pcache diff``: the first divergence of two prompts, and the JSON contract."""

from __future__ import annotations

import json

from rich.table import Table
from rich.text import Text

from pcache.analyzers.textutil import visible

STYLE_SHARED = "green"
STYLE_A = "bold red"
STYLE_B = "bold cyan"

KIND_EXPLAINED = {
    "identical": ("green", "B repeats A token for token"),
    "key-order": ("yellow", "the bodies are equal once the keys of JSON inside strings "
                            "(tool_calls arguments, pasted schemas) are sorted; serialise with sort_keys=True"),
    "tool-order": ("yellow", "the same tools, listed in another order; tool definitions come first, so keep "
                             "the list fixed (sorted by name) in every request"),
    "whitespace": ("yellow", "line endings (CRLF), tabs or trailing spaces differ; "
                             "normalise them before sending"),
    "unicode": ("yellow", "NFC composition, NBSP or zero-width characters differ; "
                          "normalise with unicodedata.normalize('NFC', ...) and plain spaces"),
    "text": ("red", "the prompts differ in content"),
}


def diff_to_dict(d) -> dict:
    """The JSON contract of ``pcache diff --format json`` (exactly these keys)."""

    def side(s) -> dict:
        return {"line": s.location.line, "column": s.location.column, "text": s.text}

    return {
        "shared_prefix_tokens": d.shared_prefix_tokens,
        "cached_tokens": d.cached_tokens,
        "kind": d.kind,
        "a": side(d.a),
        "b": side(d.b),
    }


def render_diff_json(d) -> str:
    return json.dumps(diff_to_dict(d), indent=2, ensure_ascii=False)


def _summary(d) -> Text:
    t = Text()
    t.append("B reads ", style="bold")
    t.append(f"{d.cached_tokens:,}", style="bold green" if d.cached_tokens else "bold red")
    t.append(" cached tokens after A", style="bold")
    t.append(f" (shared prefix {d.shared_prefix_tokens:,} of {d.b.tokens:,} tokens")
    if d.shared_prefix_tokens < d.minimum:
        t.append(f"; below the {d.minimum:,}-token minimum, nothing is cached")
    elif d.cached_tokens < d.shared_prefix_tokens:
        t.append("; rounded down to whole steps")
    t.append(")")
    return t


def _where(d) -> Text | None:
    if d.kind == "identical":
        return None
    t = Text(f"first difference at token {d.shared_prefix_tokens:,}")
    if d.shared_prefix_tokens < d.routing_window:
        t.append(f", inside the ~{d.routing_window:,}-token routing window: B may not even reach the "
                 f"machine that holds A's cache", style="yellow")
    return t


def render_diff_text(d, tp_a, tp_b, console, quiet: bool = False) -> None:
    color, explained = KIND_EXPLAINED[d.kind]
    if quiet:
        line = _summary(d)
        line.append(f"; {d.kind}", style=color)
        console.print(line)
        return
    head = Table.grid(padding=(0, 1))
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    head.add_row(Text("A", style=STYLE_A), Text(f"{d.a.name}  ({d.a.tokens:,} tokens)"))
    head.add_row(Text("B", style=STYLE_B), Text(f"{d.b.name}  ({d.b.tokens:,} tokens)"))
    console.print(head)
    console.print(Text(f"model {d.model} ({d.encoding})" + (", chat framing estimated" if d.estimate else ""),
                       style="dim"))
    console.print(_summary(d))
    where = _where(d)
    if where is not None:
        console.print(where)
        n = d.shared_prefix_tokens
        before = visible(tp_a.token_text(max(0, n - 6), min(6, n)), 10_000)[-24:] if n else ""
        rows = Table.grid(padding=(0, 1))
        rows.add_column(style="bold")
        rows.add_column(justify="right", style="dim")
        rows.add_column(overflow="fold")
        for label, side, style in (("A", d.a, STYLE_A), ("B", d.b, STYLE_B)):
            line = Text()
            if before:
                line.append("…" + before, style=STYLE_SHARED)
            line.append(side.text or "(end of prompt)", style=style if side.text else "dim")
            rows.add_row(Text(label, style=style), f"{side.location.line}:{side.location.column}", line)
        console.print(rows)
    console.print(Text.assemble(("kind: ", "bold"), (d.kind, f"bold {color}"), (" — " + explained, color)))

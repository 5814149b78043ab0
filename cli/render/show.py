"""Renderer for ``pcache show``: the prompt with its token structure and the cache rule's lines."""

from __future__ import annotations

import bisect
import json

from rich.table import Table
from rich.text import Text

STYLE_STATIC = "green"
STYLE_VARIABLE = "bold black on yellow"
STYLE_SPECIAL = "magenta"
STYLE_AFTER = ""  # static text after the first variable: plain, it is not cached
TOKEN_BACKGROUNDS = ("on grey23", "on grey35")
MARKER_STYLES = {
    "routing": "bold white on blue",
    "minimum": "bold white on dark_orange3",
    "step": "cyan",
    "stop": "bold white on red",
}
FOLD_STYLE = "dim italic"
GUTTER_STYLE = "dim"


LONG_LINE = 2048  # characters: longer lines are shown (and folded) in pieces of this size


def token_offsets(tp) -> list[int]:
    """Character offset in ``tp.text`` where every token starts."""
    return tp.token_offsets()


def _marker_text(m) -> Text:
    if m.kind == "step":
        return Text(f"‹{m.label}›", style=MARKER_STYLES["step"])
    return Text(f"⟦{m.label}⟧", style=MARKER_STYLES[m.kind])


def _styled(tp, verdict, show_tokens: bool, offsets: list[int]) -> Text:
    text = Text(tp.text, end="")
    static_end = tp.char_offset(verdict.static_prefix_tokens)
    if static_end:
        text.stylize(STYLE_STATIC, 0, static_end)
    if show_tokens:
        ends = [*offsets[1:], len(tp.text)]
        for i, (s, e) in enumerate(zip(offsets, ends)):
            if e > s:
                text.stylize(TOKEN_BACKGROUNDS[i % 2], s, e)
    pos = 0
    for seg in tp.prompt.segments:
        n = len(seg.text)
        if seg.kind == "variable":
            text.stylize(STYLE_VARIABLE, pos, pos + n)
        elif seg.kind == "special":
            text.stylize(STYLE_SPECIAL, pos, pos + n)
        pos += n
    return text


def _line_starts(text: str) -> list[int]:
    """Where each displayed line starts: after every newline, and every ``LONG_LINE`` characters in a
    longer line (a megabyte on one line is folded like a megabyte of lines, not laid out whole)."""
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        if i + 1 - starts[-1] > LONG_LINE:
            starts.extend(range(starts[-1] + LONG_LINE, i + 1 - LONG_LINE // 2, LONG_LINE))
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    if len(text) - starts[-1] > LONG_LINE:
        starts.extend(range(starts[-1] + LONG_LINE, len(text) - LONG_LINE // 2, LONG_LINE))
    return starts


def _source_line(tp, char: int) -> int | None:
    """The file line a character of the prompt comes from (None for synthesised or JSON-escaped text)."""
    from pcache.analyzers.tokenizer import segment_location

    if not tp.prompt.segments:
        return None
    seg, off = tp.segment_at(char)
    if not seg.verbatim or seg.kind == "special":
        return None
    return segment_location(tp.prompt.path, seg, off).line


def show_lines(tp, verdict, show_tokens: bool = False, fold: bool = True, context: int = 3):
    """Rows of (file line number or None, Text): the prompt with markers inline, long static stretches folded."""
    offsets = token_offsets(tp)
    styled = _styled(tp, verdict, show_tokens, offsets)
    raw = tp.text
    starts = _line_starts(raw)
    n_lines = len(starts)

    def line_of(char: int) -> int:
        return max(0, bisect.bisect_right(starts, char) - 1)

    # Markers sit at the character where their token starts.
    placed: dict[int, list] = {}
    for m in verdict.markers:
        placed.setdefault(offsets[m.token] if m.token < len(offsets) else len(raw), []).append(m)
    # Lines that must stay visible: non-step markers, variables, the end of the static prefix.
    keep = {0, n_lines - 1}
    for char, ms in placed.items():
        if any(m.kind != "step" for m in ms):
            keep.add(line_of(char))
    pos = 0
    for seg in tp.prompt.segments:
        if seg.kind == "variable":
            keep.add(line_of(pos))
        pos += len(seg.text)
    visible_lines: set[int] = set()
    for k in keep:
        visible_lines.update(range(max(0, k - context), min(n_lines, k + context + 1)))
    if not fold:
        visible_lines = set(range(n_lines))

    rows: list[tuple[int | None, Text]] = []
    marker_chars = sorted(placed)
    ln = 0
    while ln < n_lines:
        if ln not in visible_lines:
            end = ln
            while end < n_lines and end not in visible_lines:
                end += 1
            if end - ln <= 2:  # folding one or two lines saves nothing
                visible_lines.update(range(ln, end))
                continue
            c0, c1 = starts[ln], starts[end] if end < n_lines else len(raw)
            t0 = bisect.bisect_left(offsets, c0)
            t1 = bisect.bisect_left(offsets, c1)
            steps = [m for c in marker_chars if c0 <= c < c1 for m in placed[c] if m.kind == "step"]
            note = f"⋯ {end - ln:,} lines folded (tokens {t0:,}–{max(t0, t1 - 1):,}"
            if steps:
                note += f"; {len(steps)} step{'s' if len(steps) > 1 else ''} {steps[0].label}…{steps[-1].label}" \
                    if len(steps) > 1 else f"; step {steps[0].label}"
            rows.append((None, Text(note + ") ⋯", style=FOLD_STYLE)))
            ln = end
            continue
        c0 = starts[ln]
        c1 = len(raw) if ln + 1 == n_lines else starts[ln + 1] - (raw[starts[ln + 1] - 1] == "\n")
        line = Text(end="")
        cur = c0
        lo = bisect.bisect_left(marker_chars, c0)
        hi = bisect.bisect_right(marker_chars, c1 if ln + 1 == n_lines else c1)
        for c in marker_chars[lo:hi]:
            if c > c1:
                break
            line.append_text(styled[cur:c])
            for m in placed[c]:
                line.append_text(_marker_text(m))
            cur = c
        line.append_text(styled[cur:c1])
        rows.append((_source_line(tp, c0), line))
        ln += 1
    return rows


def legend(show_tokens: bool) -> Text:
    t = Text("legend: ", style="dim")
    t.append("static prefix", style=STYLE_STATIC)
    t.append("  ")
    t.append("variable", style=STYLE_VARIABLE)
    t.append("  after the first variable (not cached)  ", style="dim")
    t.append("⟦routing⟧", style=MARKER_STYLES["routing"])
    t.append(" ")
    t.append("⟦minimum⟧", style=MARKER_STYLES["minimum"])
    t.append(" ")
    t.append("‹step›", style=MARKER_STYLES["step"])
    t.append(" ")
    t.append("⟦stop⟧", style=MARKER_STYLES["stop"])
    if show_tokens:
        t.append("  ")
        t.append("tok", style=TOKEN_BACKGROUNDS[0])
        t.append("ens", style=TOKEN_BACKGROUNDS[1])
    return t


MAX_LABELS = 12


def variable_labels(tp, verdict) -> Text | None:
    """One line per variable: where it is and its volatility class (how often its value changes)."""
    from pcache.analyzers.volatility import describe

    variables = [s for s in tp.prompt.segments if s.kind == "variable"]
    if not variables:
        return None
    t = Text()
    t.append("variables (how often each value changes):", style="bold")
    for seg, vol in list(zip(variables, verdict.classes))[:MAX_LABELS]:
        shown = seg.text or f"{{% {seg.name} %}}"
        t.append(f"\n  {seg.line}:{seg.column} ")
        t.append(shown if len(shown) <= 40 else shown[:39] + "…", style=STYLE_VARIABLE)
        t.append(f"  {describe(vol)}", style="red" if vol.effective in ("per-turn", "per-request") else "dim")
    if len(variables) > MAX_LABELS:
        t.append(f"\n  … {len(variables) - MAX_LABELS} more (--format json lists all)", style="dim")
    return t


def verdict_text(verdict) -> Text:
    lost = verdict.lost_cached_tokens or verdict.conversation_cost_tokens
    style = "green" if verdict.cacheable_tokens and not lost else (
        "red" if lost or not verdict.cacheable_tokens else "yellow")
    t = Text()
    t.append("verdict: ", style="bold")
    t.append(verdict.line, style=style)
    return t


def render_show_text(tp, verdict, console, *, model: str, show_tokens: bool = False, fold: bool = True,
                     quiet: bool = False, others: int = 0) -> None:
    if quiet:
        console.print(verdict_text(verdict))
        return
    head = Text(tp.name, style="bold")
    head.append(f"  ({model}, {tp.encoding.name}, {len(tp):,} tokens"
                f"{', estimate' if tp.prompt.estimate else ''})", style="dim")
    console.print(head)
    console.print(legend(show_tokens))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style=GUTTER_STYLE, no_wrap=True)
    grid.add_column(overflow="fold")
    for ln, line in show_lines(tp, verdict, show_tokens, fold):
        grid.add_row("" if ln is None else str(ln), line)
    console.print(grid)
    labels = variable_labels(tp, verdict)
    if labels is not None:
        console.print(labels)
    console.print(verdict_text(verdict))
    if tp.prompt.estimate:
        console.print("[dim]chat framing, tools and schemas are estimates of what the API counts[/dim]")
    if others:
        console.print(f"[dim]{others} more prompt(s) in this file; pick one with FILE#L<line>[/dim]")


def show_to_dict(tp, verdict, model: str) -> dict:
    fv = tp.first_variable
    offsets = token_offsets(tp)
    variables = []
    pos = 0
    classes = iter(verdict.classes)
    for seg in tp.prompt.segments:
        if seg.kind == "variable":
            vol = next(classes, None)
            # the first variable's token is the static prefix (the tokens no value can change), as in
            # ``first_variable``; later ones are where their text starts in the prompt as written
            first = fv is not None and not variables and fv.name == (seg.name or seg.text)
            token = fv.token if first else bisect.bisect_left(offsets, pos)
            variables.append({"name": seg.name or seg.text, "text": seg.text, "line": seg.line,
                              "column": seg.column, "token": token,
                              "volatility": vol.cls if vol else None,
                              "volatility_source": vol.source if vol else None})
        pos += len(seg.text)
    markers = []
    for m in verdict.markers:
        loc = tp.location(m.token)
        markers.append({"token": m.token, "kind": m.kind, "label": m.label, "line": loc.line,
                        "column": loc.column})
    return {
        "path": tp.name,
        "model": model,
        "encoding": tp.encoding.name,
        "tokens": len(tp),
        "static_prefix_tokens": verdict.static_prefix_tokens,
        "cacheable_tokens": verdict.cacheable_tokens,
        "estimate": tp.prompt.estimate,
        "estimate_reasons": list(tp.prompt.estimate_reasons),
        "first_variable": None if fv is None else {
            "name": fv.name, "line": fv.location.line, "column": fv.location.column, "token": fv.token},
        "variables": variables,
        "markers": markers,
        "cost": {
            "static_tokens_if_moved": verdict.static_only_tokens,
            "cacheable_tokens_if_moved": verdict.cacheable_if_moved,
            "lost_cached_tokens": verdict.lost_cached_tokens,
            "position": verdict.position,
            "turn_passing_minimum": verdict.turn_passing_minimum,
            "cost_tokens_per_conversation": verdict.conversation_cost_tokens,
        },
        "verdict": verdict.line,
    }


def render_show_json(tp, verdict, model: str) -> str:
    return json.dumps(show_to_dict(tp, verdict, model), indent=2, ensure_ascii=False)

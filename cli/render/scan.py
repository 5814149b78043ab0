"""Renderers for ``scan``: a rich table per prompt plus a corpus summary, and the JSON contract."""

from __future__ import annotations

import json



def _loc(loc) -> str:
    return f"{loc.line}:{loc.column}" if loc else ""


def _live_fields(st, lc) -> dict:
    """Per-prompt ``--live-count`` fields: the provider's exact count next to the offline one."""
    delta = None if lc.live_tokens is None else st.tokens - lc.live_tokens
    return {"live_tokens": lc.live_tokens, "live_count_source": lc.source,
            "live_tokens_delta": delta,  # offline minus live
            "live_error_pct": None if not lc.live_tokens else round(100 * delta / lc.live_tokens, 2),
            "live_count_error": lc.error, "live_count_notes": list(lc.notes)}


def _live_summary(report, live) -> dict:
    from pcache.analyzers.live_count import median_error

    med = median_error(live, [st.tokens for st in report.prompts])
    return {"requested": sum(1 for lc in live if lc.source), "counted": sum(1 for lc in live if lc.live_tokens is not None),
            "failed": sum(1 for lc in live if lc.error), "not_counted": sum(1 for lc in live if not lc.source),
            "median_abs_error_pct": None if med is None else round(100 * med, 2)}


def _source_fields(prompt) -> dict:
    """Where the prompt lives in its file and what its variables are, as the source read them."""
    if prompt is None:
        return {}
    return {
        "container": prompt.container,
        "line": prompt.line,  # where the prompt starts in its file
        "syntax": prompt.syntax,
        "role": prompt.role,
        "variables": [{"name": s.name or s.text, "text": s.text, "expression": s.expression,
                       "line": s.line, "column": s.column}
                      for s in prompt.segments if s.kind == "variable"],
    }


def _place_fields(place) -> dict:
    """Where the prompt sits in the requests that carry it (the conversation model, as lint uses it)."""
    if place is None:
        return {}
    return {"position": place.position, "turn_passing_minimum": place.turn_passing_minimum}


def _variable_place(place) -> dict:
    if place is None or place.volatility is None:
        return {}
    return {"volatility": place.volatility, "volatility_source": place.volatility_source,
            "volatility_evidence": place.evidence,
            "cost_tokens_per_conversation": place.cost_tokens_per_conversation,
            "cost_usd_per_1000": place.cost_usd_per_1000}


def scan_to_dict(report, errors=(), live=None, places=None) -> dict:
    """The stable JSON contract of ``pcache scan --format json`` (add fields freely, never rename).
    ``live``: ``--live-count`` results in the order of ``report.prompts`` (adds the ``live_*`` fields);
    ``places``: ``scan_places.ScanPlaces`` (adds ``position``, ``turn_passing_minimum``, the first
    variable's class and cost, and the ``conversation`` model)."""
    div_by_name = {d.name: d for d in report.corpus.divergences}
    prompts = []
    for i, st in enumerate(report.prompts):
        fv = st.first_variable
        d = div_by_name.get(st.name)
        place = places.places[i] if places is not None and i < len(places.places) else None
        prompts.append({
            "path": st.name,
            "file": st.path,
            "kind": st.kind,
            "tokens": st.tokens,
            "static_prefix_tokens": st.static_prefix_tokens,
            "cacheable_tokens": st.cacheable_tokens,
            "group": st.group,
            "group_cacheable_tokens": st.group_cacheable_tokens,
            "estimate": st.estimate,
            "estimate_reasons": list(st.estimate_reasons),
            "first_variable": None if fv is None else {
                "name": fv.name, "line": fv.location.line, "column": fv.location.column, "token": fv.token,
                **_variable_place(place),
            },
            **_place_fields(place),
            "divergence_token": d.token if d else None,
            **_source_fields(report.tokenized[i].prompt if i < len(report.tokenized) else None),
        })
        if live is not None:
            prompts[-1].update(_live_fields(st, live[i]))
    c = report.corpus
    out = {
        "model": report.model,
        "encoding": report.encoding,
        "rule": {"minimum_tokens": report.minimum, "routing_window_tokens": report.routing_window},
        "prompts": prompts,
        "corpus": {
            "prompts": c.prompts,
            "shared_prefix_tokens": c.shared_prefix_tokens,
            "cacheable_tokens": c.cacheable_tokens,
            "groups": [{"prefix_tokens": g.prefix_tokens, "cacheable_tokens": g.cacheable_tokens,
                        "members": g.members} for g in c.groups],
            "divergences": [{
                "path": d.name, "token": d.token,
                "line": d.location.line if d.location else None,
                "column": d.location.column if d.location else None,
                "text": d.text, "other_text": d.other_text, "other": d.other, "reason": d.reason,
            } for d in c.divergences],
            "too_short": c.too_short,
        },
        "warnings": list(report.warnings),
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in errors],
    }
    if live is not None:
        out["live_count"] = _live_summary(report, live)
    if places is not None:
        out["conversation"] = places.conversation
    return out


def estimate_footnote(stats) -> str:
    """One line saying why counts marked ``~`` are estimates: each reason with how many prompts."""
    reasons: dict[str, int] = {}
    for st in stats:
        for r in st.estimate_reasons or (["framing"] if st.estimate else []):
            reasons[r] = reasons.get(r, 0) + 1
    listed = ", ".join(f"{r} ({n:,})" for r, n in reasons.items())
    return f"estimates of what the API counts: {listed}" if listed else "estimates of what the API counts"


def render_scan_json(report, errors=(), live=None, places=None) -> str:
    return json.dumps(scan_to_dict(report, errors, live, places), indent=2, ensure_ascii=False)


def render_live_counts(report, live, console, base: str, quiet: bool) -> None:
    """The ``--live-count`` section: offline vs exact counts per prompt, failures, the median error."""
    from rich.markup import escape

    from pcache.analyzers.live_count import median_error

    counted = [(st, lc) for st, lc in zip(report.prompts, live) if lc.live_tokens is not None]
    med = median_error(live, [st.tokens for st in report.prompts])
    console.print()
    console.print(f"[bold]live counts[/bold]: {len(counted):,} prompts"
                  + ("" if med is None else f", offline estimate off by median {100 * med:.1f}%"))
    notes: dict[str, int] = {}
    for st, lc in zip(report.prompts, live):
        for n in lc.notes if lc.source else ():
            notes[n] = notes.get(n, 0) + 1
        if quiet and not lc.error:
            continue
        name = escape(_short(st.name, base))
        if lc.live_tokens is not None:
            delta = st.tokens - lc.live_tokens
            console.print(f"  {name}: offline {st.tokens:,}, live {lc.live_tokens:,} ({delta:+,}, "
                          f"{100 * delta / lc.live_tokens:+.1f}%)")
        elif lc.error:
            console.print(f"  {name}: [red]failed:[/red] {escape(lc.error)}")
        else:
            console.print(f"  {name}: [dim]{escape('; '.join(lc.notes) or 'not counted')}[/dim]")
    sources: dict[str, int] = {}
    for lc in live:
        if lc.source:
            sources[lc.source] = sources.get(lc.source, 0) + 1
    if sources and not quiet:
        console.print("  [dim]counted by " + ", ".join(f"{k} ({v})" for k, v in sources.items()) + "[/dim]")
    for text, n in notes.items():
        if not quiet:
            console.print(f"  [dim]{n} prompt(s) {escape(text[0].lower() + text[1:])}[/dim]"
                          if text.startswith("counted") else f"  [dim]{n} prompt(s): {escape(text)}[/dim]")
    failed = sum(1 for lc in live if lc.error)
    if failed:
        console.print(f"  {failed} count request(s) failed; the others were counted.")


def _common_dir(names: list[str]) -> str:
    """The directory every prompt name starts with ("" when none), so the table shows short names."""
    import os

    paths = [n.split("#", 1)[0] for n in names]
    if not paths:
        return ""
    common = os.path.commonpath(paths) if all(p.startswith("/") for p in paths) or \
        not any(p.startswith("/") for p in paths) else ""
    if common in paths:  # a single file: its folder
        common = os.path.dirname(common)
    return common + os.sep if common else ""


def _short(name: str, base: str) -> str:
    return name[len(base):] if base and name.startswith(base) else name


def _name_lines(name: str, width: int) -> str:
    """``name`` broken into lines of at most ``width`` after ``:`` or ``/`` and before ``.`` (the file,
    then the key path: ``release_agents.yaml:`` / ``agents.writer`` / ``.system_template``), so a narrow
    column never cuts a word of the key; a piece longer than the column is left to the table to fold."""
    import re

    if width <= 0 or len(name) <= width:
        return name
    lines, line = [], ""
    for piece in filter(None, re.findall(r"\.?[^:/.]*[:/]?", name)):
        if line and len(line) + len(piece) > width:
            lines.append(line)
            line = ""
        line += piece
    return "\n".join(lines + [line] if line else lines)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _short_heads(report, places) -> list[int]:
    """The turn from which each too-short head's conversation reaches the minimum."""
    if places is None:
        return []
    short = set(report.corpus.too_short)
    return [pl.turn_passing_minimum for st, pl in zip(report.prompts, places.places)
            if st.name in short and pl.position == "head" and pl.turn_passing_minimum]


def _note(st, d, report, grouped: set[str], place=None):
    """The last column: the first variable (with its class), where an outlier leaves its group, or
    "too short" (for a head: from which turn its conversation caches)."""
    from rich.text import Text

    fv = st.first_variable
    head_turn = place.turn_passing_minimum if place is not None and place.position == "head" else None
    if st.name in report.corpus.too_short and (fv is None or not head_turn):
        if head_turn:
            return Text(f"head < {report.minimum:,}: caches from turn {head_turn}", style="dim")
        return Text(f"too short (< {report.minimum:,})", style="dim")
    if fv is not None:
        t = Text("{" + fv.name + "}", style="bold yellow")
        if place is not None and place.volatility:
            t.append(f" {place.volatility}", style="yellow")
        t.append(f" at token {fv.token:,} ", style="yellow")
        t.append(f"({_loc(fv.location)})", style="dim")
        return t
    if d is not None and d.reason == "unique":
        return Text(f"no cache partner (shares {d.token:,} tokens at most)", style="dim")
    if d is not None and d.reason == "outlier":
        if d.other in grouped:
            t = Text(f"leaves group at token {d.token:,} ", style="red")
            t.append(f"({_loc(d.location)}) ", style="dim")
            t.append(_clip(d.text, 28), style="red")
            return t
        return Text(f"no cache partner (shares {d.token:,} tokens at most)", style="dim")
    return Text("")


def _widths(report, total: int, longest_name: int) -> tuple[int, int]:
    """Widths of the name and note columns so the table fits ``total`` columns: numbers never
    shrink, names fold, notes end with an ellipsis."""
    tokens_w = max([6] + [len(f"{st.tokens:,}") + 1 for st in report.prompts])
    static_w = max([6] + [len(f"{st.static_prefix_tokens:,}") for st in report.prompts])
    numbers = tokens_w + static_w + 9 + 5
    overhead = 2 * 6 - 2 + 5  # cell padding (no outer padding) + blank column separators
    name_w = min(longest_name, 40)
    note_w = total - overhead - numbers - name_w
    if note_w < 34:
        name_w = max(20, name_w - (34 - note_w))
        note_w = total - overhead - numbers - name_w
    if note_w < 30:  # too narrow for a note column: notes are listed under the table
        return min(longest_name, total - overhead + 2 - numbers), 0
    return name_w, note_w


def render_scan_text(report, console, quiet: bool = False, live=None, places=None) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    c = report.corpus
    div_by_name = {d.name: d for d in c.divergences}
    grouped = {m for g in c.groups for m in g.members}
    base = _common_dir([st.path for st in report.prompts])
    width = max([len(_short(st.name, base)) for st in report.prompts] or [6])
    if not quiet:
        title = f"Prompts in {base or '.'}  ({report.model}, {report.encoding})"
        from rich import box

        table = Table(title=title, title_justify="left", title_style="bold", show_lines=False,
                      pad_edge=False, expand=False, box=box.SIMPLE_HEAD, show_edge=False)
        name_w, note_w = _widths(report, console.width, width)
        table.add_column("prompt", overflow="fold", width=name_w)
        table.add_column("tokens", justify="right", no_wrap=True)
        table.add_column("static\nprefix", justify="right", no_wrap=True)
        table.add_column("cacheable", justify="right", no_wrap=True)
        table.add_column("group", justify="center", no_wrap=True)
        if note_w:
            table.add_column("first variable / divergence", max_width=note_w, no_wrap=True,
                             overflow="ellipsis")
        below = []
        for i, st in enumerate(report.prompts):
            cache_style = "green" if st.cacheable_tokens else "red"
            place = places.places[i] if places is not None and i < len(places.places) else None
            note = _note(st, div_by_name.get(st.name), report, grouped, place)
            cells = [_name_lines(_short(st.name, base), name_w), f"{st.tokens:,}" + ("~" if st.estimate else ""),
                     f"{st.static_prefix_tokens:,}", Text(f"{st.cacheable_tokens:,}", style=cache_style),
                     "" if st.group is None else str(st.group + 1)]
            table.add_row(*cells, *([note] if note_w else []))
            if not note_w and note.plain:
                below.append((_short(st.name, base), note))
        console.print(table)
        if below:
            notes = Table.grid(padding=(0, 1))
            notes.add_column(width=1)
            notes.add_column(overflow="fold")
            for name, note in below:
                notes.add_row("", Text.assemble((name, "bold"), ": ", note))
            console.print(notes)
        if any(st.estimate for st in report.prompts):
            console.print("[dim]~ " + escape(estimate_footnote(report.prompts)) + "[/dim]")
        if places is not None and any(pl.position == "head" for pl in places.places):
            console.print("[dim]" + escape(places.explain) + "[/dim]")
    if live is not None:
        render_live_counts(report, live, console, base, quiet)

    console.print()
    head = Text("Corpus", style="bold")
    head.append(f": {c.prompts:,} prompts, shared prefix {c.shared_prefix_tokens:,} tokens "
                f"({c.cacheable_tokens:,} cacheable by all)")
    console.print(head)
    for n, g in enumerate(c.groups, 1):
        line = Text(f"  group {n}: {len(g.members):,} prompts share {g.prefix_tokens:,} tokens \u2192 ")
        line.append(f"{g.cacheable_tokens:,}", style="bold green")
        line.append(" cacheable per request")
        console.print(line)
        if not quiet:
            members = set(g.members)
            split = [d for d in c.divergences if d.name in members][:1]
            for d in split:
                rows = Table.grid(padding=(0, 1))
                rows.add_column(width=4)
                rows.add_column(no_wrap=True, overflow="ellipsis")
                rows.add_row("", Text(f"then they differ at token {d.token:,}, e.g.", style="dim"))
                rows.add_row("", Text.assemble((f"{_short(d.name, base)}:{_loc(d.location)}  ", "dim"),
                                               (d.text, "cyan")))
                if d.other:
                    rows.add_row("", Text.assemble((f"{_short(d.other, base)}  ", "dim"), (d.other_text, "cyan")))
                console.print(rows)
    outliers = [d for d in c.divergences if d.reason == "outlier" and d.other in grouped]
    if outliers and c.groups:
        line = Text("  ")
        line.append(f"{len(outliers)} outlier(s)", style="bold red")
        line.append(f" leave the nearest group before {report.minimum:,} tokens" + ("" if quiet else ":"))
        console.print(line)
    if outliers and c.groups and not quiet:
        rows = Table.grid(padding=(0, 1))
        rows.add_column(width=3)
        rows.add_column(no_wrap=True, overflow="ellipsis")
        for d in outliers[:20]:
            rows.add_row("", Text.assemble((f"{_short(d.name, base)}:{_loc(d.location)}", "bold"),
                                           (f"  at token {d.token:,}", "")))
            rows.add_row("", Text.assemble(("  this:  ", "dim"), (d.text, "red")))
            rows.add_row("", Text.assemble(("  group: ", "dim"), (d.other_text, "green")))
        console.print(rows)
        if len(outliers) > 20:
            console.print(f"    ... and {len(outliers) - 20} more (--format json lists all)")
    alone = [d for d in c.divergences if d.reason in ("outlier", "unique") and d not in outliers]
    if alone and not quiet:
        console.print(Text(f"  {len(alone)} prompt(s) share fewer than {report.minimum:,} tokens with any "
                           f"other: each is cached only against its own repeats", style="dim"))
    if c.too_short:
        heads = _short_heads(report, places)
        alone = len(c.too_short) - len(heads)
        if alone:
            console.print(f"  [dim]{alone} prompt(s) shorter than {report.minimum:,} tokens: "
                          f"never cached[/dim]")
        if heads:
            first = min(heads)
            console.print(f"  [dim]{len(heads)} prompt(s) shorter than {report.minimum:,} tokens head longer "
                          f"requests: their conversations reach it from turn {first}"
                          + ("" if max(heads) == first else f" to {max(heads)}") + " and cache their history[/dim]")

"""Renderers for ``scan``: a rich table per prompt plus a corpus summary, and the JSON contract."""

from __future__ import annotations

import json

from rich.markup import escape


def _loc(loc) -> str:
    return f"{loc.line}:{loc.column}" if loc else ""


def scan_to_dict(report, errors=()) -> dict:
    """The stable JSON contract of ``pcache scan --format json`` (add fields freely, never rename)."""
    div_by_name = {d.name: d for d in report.corpus.divergences}
    prompts = []
    for st in report.prompts:
        fv = st.first_variable
        d = div_by_name.get(st.name)
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
            "first_variable": None if fv is None else {
                "name": fv.name, "line": fv.location.line, "column": fv.location.column, "token": fv.token,
            },
            "divergence_token": d.token if d else None,
        })
    c = report.corpus
    return {
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


def render_scan_json(report, errors=()) -> str:
    return json.dumps(scan_to_dict(report, errors), indent=2, ensure_ascii=False)


def render_scan_text(report, console, quiet: bool = False) -> None:
    from rich.table import Table
    from rich.text import Text

    c = report.corpus
    div_by_name = {d.name: d for d in c.divergences}
    if not quiet:
        table = Table(title=f"Prompts ({report.model}, {report.encoding})", title_justify="left",
                      show_lines=False, pad_edge=False)
        table.add_column("prompt", overflow="fold")
        table.add_column("tokens", justify="right")
        table.add_column("static prefix", justify="right")
        table.add_column("cacheable", justify="right")
        table.add_column("group", justify="right")
        table.add_column("first variable / divergence", overflow="fold")
        for st in report.prompts:
            fv = st.first_variable
            d = div_by_name.get(st.name)
            cache_style = "green" if st.cacheable_tokens else "red"
            if fv is not None:
                note = Text(f"{{{fv.name}}} at token {fv.token} ({_loc(fv.location)})", style="yellow")
            elif d is not None and d.reason == "outlier":
                note = Text(f"leaves group at token {d.token} ({_loc(d.location)}): {d.text}", style="red")
            elif st.name in c.too_short:
                note = Text(f"too short (< {report.minimum})", style="dim")
            else:
                note = Text("")
            table.add_row(st.name, f"{st.tokens:,}" + ("~" if st.estimate else ""),
                          f"{st.static_prefix_tokens:,}", Text(f"{st.cacheable_tokens:,}", style=cache_style),
                          "" if st.group is None else str(st.group + 1), note)
        console.print(table)
        if any(st.estimate for st in report.prompts):
            console.print("[dim]~ chat framing, tools and schemas are estimates of what the API counts[/dim]")

    console.print()
    console.print(f"[bold]Corpus[/bold]: {c.prompts} prompts, shared prefix {c.shared_prefix_tokens:,} tokens "
                  f"({c.cacheable_tokens:,} cacheable by all)")
    for n, g in enumerate(c.groups, 1):
        console.print(f"  group {n}: {len(g.members)} prompts share {g.prefix_tokens:,} tokens -> "
                      f"[green]{g.cacheable_tokens:,}[/green] cacheable per request")
        if not quiet:
            split = [d for d in c.divergences if d.name in set(g.members)][:1]
            for d in split:
                console.print(f"    then they differ, e.g. {d.name}:{_loc(d.location)} "
                              f"[cyan]{escape(d.text)}[/cyan] vs [cyan]{escape(d.other_text)}[/cyan]",
                              markup=True, highlight=False)
    outliers = [d for d in c.divergences if d.reason == "outlier"]
    if outliers and c.groups:
        console.print(f"  [red]{len(outliers)} outlier(s)[/red] leave the nearest group before "
                      f"{report.minimum:,} tokens:")
        for d in outliers[:20]:
            console.print(f"    {escape(d.name)}:{_loc(d.location)} token {d.token:,}: "
                          f"[red]{escape(d.text)}[/red] vs [green]{escape(d.other_text)}[/green]")
        if len(outliers) > 20:
            console.print(f"    ... and {len(outliers) - 20} more (--format json lists all)")
    if c.too_short:
        console.print(f"  [dim]{len(c.too_short)} prompt(s) shorter than {report.minimum:,} tokens: "
                      f"never cached[/dim]")

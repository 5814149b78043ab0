"""Text: findings grouped by file, ``path:line:col CODE message``, a summary line; colours on a terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape

from .interface import money

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LONG_LINE = 200  # diff lines longer than this (a whole JSON-string message) are shortened on screen


def elide(line: str, width: int = LONG_LINE) -> str:
    """A diff line cut to ``width`` characters, saying how many were left out (the JSON output keeps it whole)."""
    if len(line) <= width:
        return line
    return f"{line[:width]}\u2026 [+{len(line) - width:,} chars]"


def render(result, suggestions: list, color: bool = False, quiet: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, color_system="standard" if color else None,
                      width=10_000, highlight=False, soft_wrap=True)
    current = None
    if not quiet:
        for f in result.findings:
            if f.path != current:
                if current is not None:
                    console.print()
                console.print(f"[bold]{escape(f.path)}[/bold]")
                current = f.path
            where = f"{f.path}:{f.line}:{f.column}"
            prompt = f" [dim]({escape(f.prompt)})[/dim]" if f.prompt and f.prompt != f.path else ""
            console.print(f"  {escape(where)} [{STYLE[f.severity]}]{f.code}[/] {escape(f.message)}{prompt}")
        for s in suggestions:
            console.print()
            console.print(f"[bold]Suggested static-first layout for {escape(s.prompt)}[/bold] "
                          f"({', '.join(s.codes)}; shown, not applied)")
            for line in s.diff.splitlines():
                line = elide(line)
                style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
                console.print(f"[{style}]{escape(line)}[/]" if style else escape(line))
            for note in getattr(s, "notes", None) or ():
                console.print(f"  [dim]{escape(note)}[/dim]")
            after_total = getattr(s, "tokens_after", None)
            of = f"of {s.tokens:,}" if after_total in (None, s.tokens) else f"of {s.tokens:,} -> {after_total:,}"
            console.print(f"  cached tokens per request: {s.cached_before:,} -> {s.cached_after:,} "
                          f"({of}); per 1,000 requests on {escape(s.model)}: "
                          f"{money(s.cost_before)} -> {money(s.cost_after)}")
        if result.findings or suggestions:
            console.print()
    c = result.counts()
    n = len(result.findings)
    status = "[bold red]failed[/]" if result.failed else "[bold green]passed[/]"
    parts = ", ".join(f"{c[s]} {s}{'s' if c[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info"))
    extra = f", {result.suppressed} suppressed" if result.suppressed else ""
    console.print(f"{n} finding{'s' if n != 1 else ''} ({parts}{extra}) in {len(result.files)} "
                  f"file{'s' if len(result.files) != 1 else ''}: {status} (fail-on {result.fail_on})")
    return buf.getvalue()

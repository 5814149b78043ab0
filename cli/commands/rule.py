"""``pcache rule``: list the lint rules, or explain one."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from .. import options as opts
from ..common import OutputFormat, stdout_console, user_errors

HELP = """List the lint rules, or show the full explanation of one (what it detects, why it costs
money, a bad and a good example, how to fix).

Examples:

  pcache rule

  pcache rule PC101

  pcache rule --format json
"""


@user_errors
def rule(
    code: Optional[str] = typer.Argument(None, metavar="CODE", help="A rule code such as PC101 (or its name)."),
    fmt: opts.Format = OutputFormat.text,
    no_color: opts.NoColor = False,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Codes only."),
) -> None:
    from pcache.analyzers.errors import PcacheError
    from pcache.analyzers.rules.registry import all_rules, rule_by_code

    def as_dict(r, docs: bool) -> dict:
        d = {"code": r.code, "name": r.name, "severity": r.severity, "family": r.family, "summary": r.summary}
        if docs:
            d["docs"] = r.docs
        return d

    if code:
        r = rule_by_code(code)
        if r is None:
            raise PcacheError(f"unknown rule {code!r}", hint="`pcache rule` lists the rules")
        if fmt == OutputFormat.json:
            typer.echo(json.dumps(as_dict(r, True), indent=2))
            return
        console = stdout_console(no_color)
        if console.is_terminal:
            from rich.markdown import Markdown

            console.print(Markdown(r.docs or r.summary))
        else:
            sys.stdout.write((r.docs or f"# {r.code} {r.name} ({r.severity})\n\n{r.summary}\n").rstrip("\n") + "\n")
        return
    rules = all_rules()
    if fmt == OutputFormat.json:
        typer.echo(json.dumps([as_dict(r, False) for r in rules], indent=2))
        return
    if quiet:
        sys.stdout.write("".join(r.code + "\n" for r in rules))
        return
    import textwrap

    from ..formats.text import terminal_width

    width = max(len(r.name) for r in rules)
    columns = terminal_width()
    for r in rules:
        head = f"{r.code}  {r.severity:<7}  {r.name:<{width}}  "
        indent = " " * (len(head) if columns - len(head) >= 30 else 4)
        lines = textwrap.wrap(r.summary, width=max(20, columns - len(indent)), break_long_words=False,
                              break_on_hyphens=False)
        if len(indent) == len(head):
            sys.stdout.write(head + lines[0] + "\n" + "".join(indent + line + "\n" for line in lines[1:]))
        else:
            sys.stdout.write(head.rstrip() + "\n" + "".join(indent + line + "\n" for line in lines))

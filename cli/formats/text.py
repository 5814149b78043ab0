"""Text output of ``pcache lint``, read by people (ruff-like).

``full`` (default): ``path:line:col: CODE [severity] headline`` and, on indented continuation lines wrapped
to the terminal width (never inside a word), the rest of the message and the fix.  ``concise``: one line per
finding with the whole message (for editors and grep).  ``grouped``: findings under a file header.
Findings of one rule with the same message in one prefix group (or one file) are shown once, with a count
and the other places.  The severity is a word, so it survives ``NO_COLOR``; a summary line ends the output.
"""

from __future__ import annotations

import io
import shutil
import textwrap
from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console
from rich.markup import escape

from .interface import money

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
OUTPUT_FORMATS = ("full", "concise", "grouped")
LONG_LINE = 200  # diff lines longer than this (a whole JSON-string message) are shortened on screen
INDENT = "    "
MAX_PLACES = 3  # other places named on a collapsed finding


def terminal_width() -> int:
    """Columns to wrap to: ``COLUMNS``, else the terminal's, else 100 (a CI log)."""
    return max(40, shutil.get_terminal_size(fallback=(100, 24)).columns)


def elide(line: str, width: int = LONG_LINE) -> str:
    """A diff line cut to ``width`` characters, saying how many were left out (the JSON output keeps it whole)."""
    if len(line) <= width:
        return line
    return f"{line[:width]}\u2026 [+{len(line) - width:,} chars]"


def split_message(message: str) -> tuple[str, str]:
    """The headline of a finding's message (up to the first ``: `` outside quotes and brackets) and the rest."""
    depth, quote = 0, None
    for i, ch in enumerate(message):
        if quote:
            if ch == quote and (ch == "`" or i + 1 == len(message) or not message[i + 1].isalnum()):
                quote = None
        elif ch == "`" or (ch == "'" and (i == 0 or message[i - 1] in " ([")):
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == ":" and not depth and message[i + 1:i + 2] == " " and i > 0:
            return message[:i], message[i + 2:]
    return message, ""


@dataclass
class Entry:
    """One finding as shown, with the identical findings folded into it."""

    finding: object
    others: list = field(default_factory=list)  # further findings with the same rule and message

    @property
    def count(self) -> int:
        return 1 + len(self.others)


def _group_of(result) -> dict[str, int]:
    return {p.name: p.group for p in result.report.prompts if p.group is not None}


def collapse(result) -> list[Entry]:
    """Findings in order, identical ones (same rule, same message, same prefix group or file) folded."""
    groups = _group_of(result)
    entries: list[Entry] = []
    index: dict[tuple, Entry] = {}
    for f in result.findings:
        name = f.prompt or f.path
        scope = ("group", groups[name]) if name in groups else ("file", f.path)
        key = (f.code, f.severity, f.message, scope)
        if key in index:
            index[key].others.append(f)
        else:
            index[key] = Entry(f)
            entries.append(index[key])
    return entries


class _Writer:
    def __init__(self, color: bool, width: int):
        self.buf = io.StringIO()
        self.console = Console(file=self.buf, force_terminal=color, no_color=not color,
                               color_system="standard" if color else None, width=10_000, highlight=False,
                               soft_wrap=True)
        self.width = width

    def line(self, markup: str = "") -> None:
        self.console.print(markup)

    def wrapped(self, plain_head: str, styled_head: str, text: str, indent: str = INDENT) -> None:
        """``styled_head`` + ``text`` wrapped to the width; the head (plain length known) is never split.
        A head too long to leave room for a few words on its line stands alone."""
        wrap = dict(break_long_words=False, break_on_hyphens=False)
        room = self.width - len(plain_head)
        words = text.split()
        first = ""
        if words and room >= min(len(words[0]), 16):
            first = textwrap.wrap(text, width=max(room, 1), **wrap)[0]
        rest = text[len(first):].strip() if first else text
        self.console.print(styled_head.rstrip() + (" " + escape(first) if first else ""))
        for piece in textwrap.wrap(rest, width=max(20, self.width - len(indent)), **wrap):
            self.console.print(indent + escape(piece))

    def labelled(self, at: str, label: str, text: str, indent: str) -> None:
        head = f"{at}{label}: "
        lines = textwrap.wrap(text, width=max(20, self.width - len(indent)), initial_indent=" " * len(head),
                              subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
        for k, piece in enumerate(lines):
            self.console.print((f"[dim]{head}[/dim]" + escape(piece[len(head):])) if k == 0 else escape(piece))

    def paragraph(self, text: str, indent: str = INDENT) -> None:
        for piece in textwrap.wrap(text, width=max(20, self.width - len(indent)), initial_indent=indent,
                                   subsequent_indent=indent, break_long_words=False, break_on_hyphens=False):
            self.console.print(escape(piece))


def _tag(f, color: bool) -> tuple[str, str]:
    plain = f"{f.code} [{f.severity}]"
    style = STYLE[f.severity]
    return plain, f"[{style}]{f.code}[/] [{style}]\\[{f.severity}][/]"


def _suffix(entry: Entry) -> str:
    f = entry.finding
    return f" ({f.prompt})" if f.prompt and f.prompt != f.path else ""


def _places(entry: Entry) -> str:
    names = [o.prompt or o.path for o in entry.others]
    shown = ", ".join(names[:MAX_PLACES]) + (f" and {len(names) - MAX_PLACES:,} more" if len(names) > MAX_PLACES else "")
    return f"the same finding in {shown} ({entry.count:,} in all)"


def _body(w: _Writer, entry: Entry, indent: str, rest: str) -> None:
    """The explanation, the fix and the folded places, each a labelled paragraph with a hanging indent."""
    f = entry.finding
    label_indent = indent[:-2]
    if rest:
        w.labelled(label_indent, "why", rest, indent)
    if f.fix:
        w.labelled(label_indent, "fix", f.fix, indent)
    if entry.others:
        w.labelled(label_indent, "also", _places(entry), indent)


def _render_full(w: _Writer, entries: list[Entry], color: bool) -> None:
    for entry in entries:
        f = entry.finding
        head, rest = split_message(f.message)
        where = f"{f.path}:{f.line}:{f.column}: "
        plain_tag, styled_tag = _tag(f, color)
        w.wrapped(where + plain_tag + " ", f"[bold]{escape(where)}[/bold]{styled_tag} ", head + _suffix(entry))
        _body(w, entry, INDENT, rest)
        w.line()


def _render_grouped(w: _Writer, entries: list[Entry], color: bool) -> None:
    by_path: dict[str, list[Entry]] = {}
    for e in entries:
        by_path.setdefault(e.finding.path, []).append(e)
    for path, items in by_path.items():
        w.line(f"[bold underline]{escape(path)}[/]:")
        for entry in items:
            f = entry.finding
            head, rest = split_message(f.message)
            where = f"  {f.line}:{f.column} "
            plain_tag, styled_tag = _tag(f, color)
            w.wrapped(where + plain_tag + " ", f"[dim]{escape(where)}[/dim]{styled_tag} ", head + _suffix(entry),
                      indent=INDENT + "  ")
            _body(w, entry, INDENT + "  ", rest)
        w.line()


def _render_concise(w: _Writer, findings: list, color: bool) -> None:
    for f in findings:
        _plain, styled_tag = _tag(f, color)
        w.line(f"{escape(f'{f.path}:{f.line}:{f.column}:')} {styled_tag} {escape(f.message)}{escape(_suffix(Entry(f)))}")


def _render_statistics(w: _Writer, result) -> None:
    from pcache.analyzers.rules.registry import rule_by_code

    counts = Counter((f.code, f.severity) for f in result.findings)
    if not counts:
        return
    digits = max(len(f"{n:,}") for n in counts.values())
    for (code, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = rule_by_code(code)
        name = rule.name if rule else ""
        w.line(f"{n:>{digits},}  [{STYLE[severity]}]{code}[/] {severity:<7}  {escape(name)}")
    w.line()


def _render_suggestions(w: _Writer, suggestions: list) -> None:
    for s in suggestions:
        w.line()
        w.line(f"[bold]Suggested static-first layout for {escape(s.prompt)}[/bold] "
               f"({', '.join(s.codes)}; shown, not applied)")
        for line in s.diff.splitlines():
            line = elide(line)
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
            w.line(f"[{style}]{escape(line)}[/]" if style else escape(line))
        for note in getattr(s, "notes", None) or ():
            w.paragraph(note, "  ")
        after_total = getattr(s, "tokens_after", None)
        of = f"of {s.tokens:,}" if after_total in (None, s.tokens) else f"of {s.tokens:,} -> {after_total:,}"
        w.paragraph(f"cached tokens per request: {s.cached_before:,} -> {s.cached_after:,} ({of}); per 1,000 "
                    f"requests on {s.model}: {money(s.cost_before)} -> {money(s.cost_after)}", "  ")
    if suggestions:
        w.line()


def summary_line(result) -> str:
    """The last line without its status word: the fail-on level, counts, files."""
    c = result.counts()
    n = len(result.findings)
    parts = ", ".join(f"{c[s]:,} {s}{'s' if c[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info"))
    extra = f", {result.suppressed:,} suppressed" if result.suppressed else ""
    notes = getattr(result, "notes", 0)
    if notes:
        extra += (f"; {notes:,} note{'s that cost' if notes != 1 else ' that costs'} nothing not shown "
                  "(--show-notes)")
    unread = len(getattr(result, "errors", None) or ())
    if unread:  # one bad file costs the others nothing, but the run is not the whole input (exit 2)
        extra += f"; {unread:,} input{'s' if unread != 1 else ''} not read (the error{'s' if unread != 1 else ''} above)"
    files = len(result.files)
    return (f"(fail-on {result.fail_on}): {n:,} finding{'s' if n != 1 else ''} in {files:,} "
            f"file{'s' if files != 1 else ''}: {parts}{extra}")


def verdict(result) -> tuple[str, str]:
    """The status word and its style: failed (findings at --fail-on), incomplete (an input could not be
    read: exit 2 whatever the findings), passed."""
    if result.failed:
        return "failed", "bold red"
    if getattr(result, "errors", None):
        return "incomplete", "bold yellow"
    return "passed", "bold green"


def render(result, suggestions: list, color: bool = False, quiet: bool = False, output_format: str = "full",
           statistics: bool = False, width: int | None = None) -> str:
    w = _Writer(color, width or terminal_width())
    if statistics and not quiet:
        _render_statistics(w, result)
    elif not quiet:
        if output_format == "concise":
            _render_concise(w, result.findings, color)
            if result.findings:
                w.line()
        else:
            entries = collapse(result)
            (_render_grouped if output_format == "grouped" else _render_full)(w, entries, color)
        _render_suggestions(w, suggestions)
        conv = getattr(result, "conversation", None)
        if conv is not None and any(f.position == "head" for f in result.findings):
            w.paragraph(conv.explain(), "")
    word, style = verdict(result)
    w.wrapped(f"{word} ", f"[{style}]{word}[/] ", summary_line(result))
    return w.buf.getvalue()

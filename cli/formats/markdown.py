"""Markdown: a table for a pull-request comment (and the GitHub step summary)."""

from __future__ import annotations

from .interface import money

ICON = {"error": "\u274c error", "warning": "\u26a0\ufe0f warning", "info": "\u2139\ufe0f info"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(result, suggestions: list, color: bool = False) -> str:
    c = result.counts()
    from .text import verdict as status

    verdict = status(result)[0]
    out = ["## pcache lint", "",
           f"**{len(result.findings)} findings** ({c['error']} errors, {c['warning']} warnings, {c['info']} info) "
           f"in {len(result.files)} files: **{verdict}** (fail-on {result.fail_on}, model {result.report.model})."
           + (f" {result.notes:,} note{'s that cost' if result.notes != 1 else ' that costs'} nothing not shown "
                 "(`--show-notes`)." if getattr(result, "notes", 0)
              else ""), ""]
    if result.findings:
        out += ["| Severity | Rule | Location | Message |", "|---|---|---|---|"]
        for f in result.findings:
            out.append(f"| {ICON[f.severity]} | `{f.code}` | `{_cell(f.path)}:{f.line}:{f.column}` | {_cell(f.message)} |")
        out.append("")
    conv = getattr(result, "conversation", None)
    if conv is not None and any(f.position == "head" for f in result.findings):
        out += [f"_{conv.explain()}_", ""]
    for s in suggestions:
        out += [f"### Static-first layout for `{_cell(s.prompt)}`", "",
                f"Cached tokens per request: {s.cached_before:,} \u2192 {s.cached_after:,} (of {s.tokens:,}); "
                f"per 1,000 requests on {s.model}: {money(s.cost_before)} \u2192 {money(s.cost_after)}.", "",
                "```diff", s.diff.rstrip("\n"), "```", ""]
    return "\n".join(out) + "\n"

"""``lint``: run the rules over a scan report, apply select/ignore, per-file ignores and inline
suppressions, and decide whether the run fails."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PcacheError
from .model import Prompt
from .providers.registry import cache_model_for
from .rules.context import LintContext, LintSettings
from .rules.interface import SEVERITIES, Finding, severity_rank
from .rules.registry import all_rules
from .scan import ScanReport, scan

_SUPPRESS = re.compile(r"pcache:\s*(?:ignore|noqa)(?:\[(?P<codes>[A-Za-z0-9_,\s\-]*)\])?")


@dataclass
class LintOptions:
    select: list[str] = field(default_factory=list)  # codes or prefixes ("PC1"); empty = all
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # pattern -> codes
    settings: LintSettings = field(default_factory=LintSettings)
    root: str | None = None  # where per-file-ignores patterns are anchored (the config's folder; else cwd)
    changed: set[str] | None = None  # resolved paths: report only findings that involve these files
    show_notes: bool = True  # False: statements that cost nothing (Finding.note) are counted, not listed


@dataclass
class LintResult:
    findings: list[Finding]
    report: ScanReport
    fail_on: str
    suppressed: int = 0
    files: list[str] = field(default_factory=list)
    conversation: object = None  # the conversation.ConversationModel the rules used
    notes: int = 0  # notes (Finding.note) left out of ``findings`` (LintOptions.show_notes False)

    @property
    def failing(self) -> list[Finding]:
        rank = severity_rank(self.fail_on)
        return [f for f in self.findings if severity_rank(f.severity) >= rank]

    @property
    def failed(self) -> bool:
        return bool(self.failing)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in reversed(SEVERITIES)}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def summary(self) -> dict:
        return {
            "findings": len(self.findings), **self.counts(), "suppressed": self.suppressed,
            "files": len(self.files), "prompts": len(self.report.prompts), "fail_on": self.fail_on,
            "notes_not_shown": self.notes,
            "failed": self.failed, "model": self.report.model, "minimum_tokens": self.report.minimum,
            **({"conversation": self.conversation.summary()} if self.conversation is not None else {}),
        }


def conversation_settings(cfg, turns: int | None = None, turn_tokens: int | None = None,
                          show_config_variables: bool | None = None, role: str | None = None,
                          samples: dict | None = None, paths: list[str] | None = None) -> dict:
    """LintSettings fields of the volatility work from a ``Config`` and command-line overrides (flags win);
    ``paths``: the files the scan read, where templates are looked up being filled (``crossflow``)."""
    from .conversation import PositionSettings, check_position
    from .crossflow.index import ProjectIndex
    from .volatility import VolatilitySettings

    return {
        "conversation_overrides": {"turns": turns or cfg.conversation_turns,
                                   "turn_tokens": turn_tokens or cfg.turn_tokens,
                                   "conversations_per_day": cfg.conversations_per_day},
        "positions": PositionSettings(check_position(role, "--role") if role else cfg.role, dict(cfg.roles),
                                      str(cfg.root)),
        "volatility": VolatilitySettings(dict(cfg.variables), dict(samples or {}),
                                         ProjectIndex(paths) if paths else None),
        "show_config_variables": bool(show_config_variables if show_config_variables is not None
                                      else cfg.show_config_variables),
    }


def _matches(code: str, patterns: list[str]) -> bool:
    code = code.upper()
    return any(p.upper() == "ALL" or code.startswith(p.strip().upper()) for p in patterns if p.strip())


def check_codes(patterns: list[str], flag: str) -> None:
    """Every pattern must select at least one rule (a typo should not silently select nothing)."""
    known = [r.code for r in all_rules()]
    for p in patterns:
        p = p.strip()
        if p and p.upper() != "ALL" and not any(c.startswith(p.upper()) for c in known):
            raise PcacheError(f"{flag}: unknown rule code {p!r}", hint="`pcache rule` lists the rules")


def selected_rules(options: LintOptions):
    return [r for r in all_rules()
            if (not options.select or _matches(r.code, options.select)) and not _matches(r.code, options.ignore)]


def suppressions(prompt_comments: list[tuple[int, str]], file_text: str | None) -> dict[int, set[str] | None]:
    """Line -> codes suppressed there (None: every code), from template comments and the file's lines."""
    out: dict[int, set[str] | None] = {}

    def add(line: int, text: str) -> None:
        for m in _SUPPRESS.finditer(text):
            codes = m.group("codes")
            if codes is None or not codes.strip():
                out[line] = None
            elif out.get(line, set()) is not None:
                out.setdefault(line, set()).update(c.strip().upper() for c in re.split(r"[,\s]+", codes) if c.strip())

    for line, text in prompt_comments:
        for k, piece in enumerate(text.splitlines() or [text]):
            add(line + k, piece)
    if file_text is not None and "pcache:" in file_text:
        for n, text in enumerate(file_text.splitlines(), start=1):
            if "pcache:" in text:
                add(n, text)
    return out


def _suppressed(f: Finding, table: dict[int, set[str] | None]) -> bool:
    for line in (f.line, f.line - 1):
        if line in table:
            codes = table[line]
            if codes is None or f.code in codes or "ALL" in codes:
                return True
    return False


def lint_report(report: ScanReport, options: LintOptions | None = None) -> LintResult:
    """Run the selected rules over a finished scan."""
    from .suggest import read_file_text

    options = options or LintOptions()
    ctx = LintContext(report, cache_model_for(report.model, report.provider), options.settings)
    raw: list[Finding] = []
    for rule in selected_rules(options):
        raw.extend(rule.check(ctx))

    tables: dict[str, dict[int, set[str] | None]] = {}
    comments: dict[str, list[tuple[int, str]]] = {}
    for tp in report.tokenized:
        comments.setdefault(tp.prompt.path, []).extend(_line_comments(tp.prompt))
    from .config import PathMatcher

    matcher = PathMatcher(Path(options.root or Path.cwd()), [], [], options.per_file_ignores)
    if options.changed is not None:
        raw = [f for f in raw if involves(f, options.changed, report)]
    findings: list[Finding] = []
    suppressed = 0
    for f in raw:
        if f.path not in tables:
            tables[f.path] = suppressions(comments.get(f.path, []), read_file_text(f.path))
        if _matches(f.code, matcher.ignored_codes(f.path)) or _suppressed(f, tables[f.path]):
            suppressed += 1
            continue
        findings.append(f)
    notes = 0
    if not options.show_notes:
        notes = sum(f.note for f in findings)
        findings = [f for f in findings if not f.note]
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.code, f.prompt))
    files = sorted({tp.prompt.path for tp in report.tokenized})
    return LintResult(findings, report, options.fail_on, suppressed, files, ctx.conversation, notes)


def _line_comments(prompt: Prompt) -> list[tuple[int, str]]:
    """Template comments as (line, text).  Sources give a line number (or, for older ones, an offset
    into the file, which equals the line only for 1-line files: those are mapped by the file scan)."""
    return [(line, text) for line, text in prompt.comments]


def involves(f: Finding, changed: set[str], report: ScanReport) -> bool:
    """A finding involves a changed file when it is in one, or names a prompt of one (the other side of a
    corpus finding), or is a regression against the base (caused by the change by construction)."""
    if f.code == "PC701" or _resolved(f.path) in changed:
        return True
    names = _prompt_paths(report)
    return any(isinstance(v, str) and v in names and _resolved(names[v]) in changed for v in f.data.values())


def _resolved(path: str) -> str:
    return os.path.realpath(path)


def _prompt_paths(report: ScanReport) -> dict[str, str]:
    memo = getattr(report, "_prompt_paths", None)
    if memo is None:
        memo = {tp.name: tp.prompt.path for tp in report.tokenized}
        report._prompt_paths = memo
    return memo


def lint(prompts: list[Prompt], model: str | None = None, options: LintOptions | None = None) -> LintResult:
    return lint_report(scan(prompts, model), options)

"""What a lint rule is and what it returns.

A rule has a stable ``code`` (``PC101``), a default ``severity``, a short ``name``, a one-line
``summary`` and long ``docs`` (markdown in ``docs/<CODE>.md``: what it detects, why it costs money, a
bad and a good example, how to fix).  ``check(ctx)`` yields ``Finding`` dataclasses; ``ctx`` is the
shared ``LintContext`` (scan report + lazily computed corpus facts, see ``context.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Literal

if TYPE_CHECKING:  # pragma: no cover
    from .context import LintContext

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("info", "warning", "error")  # ascending


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    path: str
    line: int
    column: int
    message: str  # one line, with the numbers
    prompt: str = ""  # the prompt's display name (``path#L3`` for JSONL lines)
    token: int | None = None  # token index in the prompt where the problem is
    fix: str | None = None  # one line: what to do
    cost_tokens: int = 0  # cached tokens lost per request, per conversation for a head (0 when not known)
    data: dict = field(default_factory=dict, compare=False, hash=False)  # rule-specific numbers
    # How often the value at fault changes (volatility class) and what decided it (setting, expression,
    # literal, name, samples, default); None for findings that are not about one value.
    volatility: str | None = None
    volatility_source: str | None = None
    position: str | None = None  # head | whole | final-turn: where the prompt sits in its requests
    cost_tokens_per_conversation: int | None = None  # cached tokens lost per conversation (None: unknown)
    cost_usd_per_1000: float | None = None  # USD per 1,000 conversations (None: no price known)
    # A statement that costs nothing and asks for nothing (PC201 on a head: when its conversation passes
    # the minimum); listed only with --show-notes, counted in the summary otherwise.
    note: bool = False

    def to_dict(self) -> dict:
        return {
            "code": self.code, "severity": self.severity, "path": self.path, "line": self.line,
            "column": self.column, "token": self.token, "message": self.message, "prompt": self.prompt,
            "fix": self.fix, "cost_tokens": self.cost_tokens, "volatility": self.volatility,
            "volatility_source": self.volatility_source, "position": self.position,
            "cost_tokens_per_conversation": self.cost_tokens_per_conversation,
            "cost_usd_per_1000": self.cost_usd_per_1000, "note": self.note,
        }


DOCS_DIR = Path(__file__).with_name("docs")


@lru_cache(maxsize=None)
def _docs(code: str) -> str:
    f = DOCS_DIR / f"{code}.md"
    return f.read_text(encoding="utf-8") if f.is_file() else ""


class Rule:
    """Base class: subclasses set the class attributes and implement ``check``."""

    code: str = ""
    name: str = ""  # kebab-case, e.g. ``variable-in-prefix``
    severity: Severity = "warning"
    summary: str = ""  # one line
    family: str = ""  # module name of the family

    @property
    def docs(self) -> str:
        return _docs(self.code)

    def check(self, ctx: "LintContext") -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def finding(self, ctx: "LintContext", prompt_index: int, line: int, column: int, message: str,
                token: int | None = None, fix: str | None = None, cost_tokens: int = 0, *,
                severity: str | None = None, volatility=None, position: str | None = None,
                cost_per_conversation: int | None = None, note: bool = False, **data) -> Finding:
        """A finding of this rule.  ``severity`` overrides the rule's default (severity follows cost);
        ``volatility`` is a ``volatility.Volatility``; the cost per conversation defaults to
        ``cost_tokens`` (a request that is its own conversation) and is priced here."""
        tp = ctx.tokenized[prompt_index]
        per_conv = cost_tokens if cost_per_conversation is None else cost_per_conversation
        return Finding(self.code, severity or self.severity, tp.prompt.path, line, column, message, tp.name,
                       token, fix, cost_tokens, data,
                       volatility=volatility.cls if volatility is not None else None,
                       volatility_source=volatility.source if volatility is not None else None,
                       position=position or ctx.position(prompt_index),
                       cost_tokens_per_conversation=per_conv,
                       cost_usd_per_1000=ctx.usd_per_1000(prompt_index, per_conv), note=note)

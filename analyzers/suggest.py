"""The static-first layout of a template: lines holding variable (or volatile) content moved after
the static text, as a unified diff, with cached tokens and dollars per 1,000 requests before and after.

Works on whole lines of the file so the diff is readable and applies cleanly; a Jinja/Mustache block
(``{% for %}...{% endfor %}``, ``{{#items}}...{{/items}}``) that holds a moved line moves as a whole.
The diff is only ever shown, never applied.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .inputs import open_text
from .model import Prompt, Segment

_JINJA_OPEN = re.compile(r"\{%-?\s*(for|if|macro|call|filter|with|block|raw|set|trans|autoescape)\b(?![^%]*=)")
_JINJA_CLOSE = re.compile(r"\{%-?\s*end(for|if|macro|call|filter|with|block|raw|set|trans|autoescape)\b")
_MUSTACHE_OPEN = re.compile(r"\{\{\s*[#^]\s*([\w.\-]+)\s*\}\}")
_MUSTACHE_CLOSE = re.compile(r"\{\{\s*/\s*([\w.\-]+)\s*\}\}")


def segment_lines(seg: Segment) -> range:
    """File lines a segment covers (only its start line when it is not a literal slice of the file)."""
    if not seg.verbatim:
        return range(seg.line, seg.line + 1)
    return range(seg.line, seg.line + seg.text.count("\n") + 1)


def block_ranges(text: str) -> list[tuple[int, int]]:
    """(first line, last line) of every Jinja/Mustache block in ``text`` (1-based, inclusive)."""
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        events = [(m.start(), "open", m.group(1)) for m in _JINJA_OPEN.finditer(line)]
        events += [(m.start(), "close", m.group(1)) for m in _JINJA_CLOSE.finditer(line)]
        events += [(m.start(), "open", "#" + m.group(1)) for m in _MUSTACHE_OPEN.finditer(line)]
        events += [(m.start(), "close", "#" + m.group(1)) for m in _MUSTACHE_CLOSE.finditer(line)]
        for _pos, kind, name in sorted(events):
            if kind == "open":
                stack.append((name, n))
            else:
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == name:
                        out.append((stack[k][1], n))
                        del stack[k:]
                        break
    return out


def moved_lines(prompt: Prompt, spans: list[tuple[int, int]] | None = None, file_text: str | None = None,
                first_line: int = 1, blocks: list[tuple[int, int]] | None = None) -> set[int]:
    """File lines to move after the static text: every line a variable segment touches (plus
    ``spans``: (first, last) line ranges of volatile literals), widened to whole blocks (``blocks``:
    ``block_ranges(file_text)`` when the caller has it already, as for many prompts of one file).
    Lines before ``first_line`` stay (a file header, the static text before the cache window)."""
    lines: set[int] = set()
    for seg in prompt.segments:
        if seg.kind == "variable":
            lines.update(segment_lines(seg))
    for a, b in spans or ():
        lines.update(range(a, b + 1))
    if (file_text is not None or blocks is not None) and lines:
        changed = True
        blocks = block_ranges(file_text) if blocks is None else blocks
        while changed:
            changed = False
            for a, b in blocks:
                r = set(range(a, b + 1))
                if lines & r and not r <= lines:
                    lines |= r
                    changed = True
    return {n for n in lines if n >= first_line}


def static_first_prompt(prompt: Prompt, moved: set[int]) -> Prompt:
    """``prompt`` with the pieces on ``moved`` lines put after all other pieces (same segments, split
    at line ends), for counting the static prefix of the fixed layout."""
    keep: list[Segment] = []
    tail: list[Segment] = []
    for seg in prompt.segments:
        if seg.kind != "static" or not seg.verbatim:
            (tail if seg.line in moved else keep).append(seg)
            continue
        for k, piece in enumerate(seg.text.splitlines(keepends=True)):
            line = seg.line + k
            # moved static text counts as variable: it sits among per-request content
            (tail if line in moved else keep).append(
                Segment(piece, "variable" if line in moved else "static", line, seg.column if k == 0 else 1,
                        True, part=seg.part, message=seg.message))
    if keep and tail and not keep[-1].text.endswith("\n"):
        keep.append(Segment("\n", "static", keep[-1].line, 1, False))
    return Prompt(prompt.name, prompt.path, keep + tail, kind=prompt.kind, model=prompt.model,
                  syntax=prompt.syntax, line=prompt.line)


def static_first_text(file_text: str, moved: set[int]) -> str:
    lines = file_text.splitlines(keepends=True)
    keep = [ln for n, ln in enumerate(lines, start=1) if n not in moved]
    tail = [ln for n, ln in enumerate(lines, start=1) if n in moved]
    if keep and not keep[-1].endswith("\n"):
        keep[-1] += "\n"
    if tail and not tail[-1].endswith("\n") and file_text.endswith("\n"):
        tail[-1] += "\n"
    if keep and tail and keep[-1].strip():
        keep.append("\n")
    return "".join(keep + tail)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


@dataclass
class Suggestion:
    path: str
    prompt: str
    codes: list[str]
    diff: str  # empty when the file cannot be rewritten line by line (e.g. JSON request bodies)
    tokens: int  # prompt tokens per request (placeholders counted as written)
    cached_before: int
    cached_after: int
    model: str
    cost_before: Decimal | None  # USD per 1,000 requests (None: no price known)
    cost_after: Decimal | None
    tokens_after: int | None = None  # prompt tokens of the fixed layout, when they differ (request bodies)
    notes: list[str] = field(default_factory=list)  # what moved, which tools differ, what the numbers compare
    kind: str = "template"  # template | request | code (a string in code or a config field: text diff only)

    @property
    def saved(self) -> Decimal | None:
        if self.cost_before is None or self.cost_after is None:
            return None
        return self.cost_before - self.cost_after

    def to_dict(self) -> dict:
        def money(v):
            return None if v is None else float(v)

        return {"path": self.path, "prompt": self.prompt, "codes": self.codes, "diff": self.diff,
                "tokens": self.tokens, "cached_tokens_before": self.cached_before,
                "cached_tokens_after": self.cached_after, "model": self.model,
                "usd_per_1000_before": money(self.cost_before), "usd_per_1000_after": money(self.cost_after),
                "tokens_after": self.tokens if self.tokens_after is None else self.tokens_after,
                "notes": list(self.notes), "kind": self.kind}


def cost_per_1000(model: str, tokens: int, cached: int) -> Decimal | None:
    """USD for 1,000 requests of ``tokens`` input tokens of which ``cached`` are read from cache."""
    from .errors import PcacheError
    from .pricing import request_cost

    try:
        return request_cost(model, tokens, min(cached, tokens)) * 1000
    except (PcacheError, LookupError, ValueError):
        return None


def read_file_text(path: str) -> str | None:
    try:
        with open_text(path, encoding="utf-8-sig", newline="") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return None


def suggest(result) -> list[Suggestion]:
    """Static-first layouts for the prompts with PC101 (template variables) or PC102 (volatile
    literals in a static file) findings, with cached tokens and $ per 1,000 requests before/after;
    then those of request bodies (PC102/PC103/PC104/PC303, see ``suggest_requests``)."""
    from .suggest_requests import suggest_requests

    return suggest_templates(result) + suggest_requests(result)


def suggest_templates(result) -> list[Suggestion]:
    """Static-first layouts of template and text files (PC101, PC102)."""
    from .providers.registry import cache_model_for
    from .tokenizer import tokenize_prompts

    report = result.report
    by_prompt: dict[str, list] = {}
    for f in result.findings:
        if f.code in ("PC101", "PC102"):
            by_prompt.setdefault(f.prompt, []).append(f)
    out: list[Suggestion] = []
    for tp in report.tokenized:
        found = by_prompt.get(tp.name)
        if found and tp.prompt.container is not None:
            made = _suggest_in_code(tp, found, report)
            if made is not None:
                out.append(made)
            continue
        if not found or any(not s.verbatim for s in tp.prompt.segments if s.kind == "static"):
            continue
        text = read_file_text(tp.prompt.path)
        if text is None:
            continue
        model = tp.prompt.model or report.model
        cache = cache_model_for(model)
        spans = [(f.line, f.line) for f in found if f.code == "PC102"]
        moved = moved_lines(tp.prompt, spans, text)
        if not moved:
            continue
        layout = static_first_prompt(tp.prompt, moved)
        after_tokens = tokenize_prompts([layout], tp.encoding)[0].static_prefix_tokens
        first = min((f.token for f in found if f.token is not None), default=tp.static_prefix_tokens)
        before_tokens = tp.static_prefix_tokens if tp.first_variable is not None else first
        before, after = cache.cacheable(before_tokens), cache.cacheable(after_tokens)
        total = len(tp.tokens)
        out.append(Suggestion(
            tp.prompt.path, tp.name, sorted({f.code for f in found}),
            unified_diff(tp.prompt.path, text, static_first_text(text, moved)), total, before, after, model,
            cost_per_1000(model, total, before), cost_per_1000(model, total, after)))
    return out


def _suggest_in_code(tp, found, report) -> Suggestion | None:
    """A prompt kept inside a larger file (a Python/JS string, a YAML/JSON/TOML field): moving file lines
    would break the code around it, so the suggestion shows the prompt's own text in the static-first
    order, as a diff of the value, and says where the literal is: the rewrite is the user's."""
    from .providers.registry import cache_model_for
    from .tokenizer import tokenize_prompts

    spans = [(f.line, f.line) for f in found if f.code == "PC102"]
    moved = moved_lines(tp.prompt, spans)
    if not moved:
        return None
    layout = static_first_prompt(tp.prompt, moved)
    before_text = "".join(seg.text for seg in tp.prompt.segments)
    after_text = "".join(seg.text for seg in layout.segments)
    if after_text == before_text:
        return None
    model = tp.prompt.model or report.model
    cache = cache_model_for(model)
    after_tokens = tokenize_prompts([layout], tp.encoding)[0].static_prefix_tokens
    first = min((f.token for f in found if f.token is not None), default=tp.static_prefix_tokens)
    before_tokens = tp.static_prefix_tokens if tp.first_variable is not None else first
    before, after = cache.cacheable(before_tokens), cache.cacheable(after_tokens)
    total = len(tp.tokens)
    where = f"{tp.prompt.path}:{min(moved)}"
    lines = (f"file line {min(moved)} holds" if len(moved) == 1 else f"file lines {_ranges(sorted(moved))} hold")
    label = f"{tp.prompt.path}:{tp.prompt.container}"
    diff = "".join(difflib.unified_diff(before_text.splitlines(keepends=True), after_text.splitlines(keepends=True),
                                        fromfile=f"a/{label} (text)", tofile=f"b/{label} (text)"))
    note = (f"{label} is kept inside {tp.prompt.path}: the diff shows the prompt's text, not the file, "
            f"and pcache rewrites no source file. Edit the string at {where} ({lines} the per-request part) so "
            f"that it comes after the static text, or send it in the last user message.")
    return Suggestion(tp.prompt.path, tp.name, sorted({f.code for f in found}), diff, total, before, after, model,
                      cost_per_1000(model, total, before), cost_per_1000(model, total, after), notes=[note],
                      kind="code")


def _ranges(lines: list[int]) -> str:
    """``[3, 4, 5, 9]`` -> ``3-5, 9``."""
    out: list[str] = []
    for n in lines:
        if out and out[-1][1] == n - 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in out)

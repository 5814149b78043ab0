"""The cached tokens of a corpus at a base (a git ref, or a baseline file), to judge a change by.

Per prompt: the tokens it reads from the cache per request (``cached_per_request``), its token count, and
chained hashes of its leading tokens at every cache step up to what it caches, so that a later run can say
where the prefix changed without the old text.  From git the old token arrays are kept too (exact first
difference).  The file is small JSON:

    {"pcache_baseline": 1, "model": "gpt-4o", "encoding": "o200k_base",
     "prompts": {"prompts/system.j2": {"cacheable": 1792, "tokens": 1850, "step": 128,
                                       "prefix_hashes": ["3f0a...", ...]}}}
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from .conversation import REQUEST_KINDS  # request bodies of every API (chat, responses, anthropic, gemini)
from .errors import PcacheError
from .model import PromptStats

VERSION = 1
HASH_CHARS = 16


def cached_per_request(stats: PromptStats) -> int:
    """Tokens one request of this prompt reads from the cache: a request body shares what its prefix group
    shares (nothing when it is in no group); a prompt file or template is reused as written, so it caches
    its own static prefix."""
    if stats.kind in REQUEST_KINDS:
        return stats.group_cacheable_tokens if stats.group is not None else 0
    return stats.cacheable_tokens


def _le_bytes(tokens) -> bytes:
    arr = tokens if isinstance(tokens, array) and tokens.typecode == "I" else array("I", tokens)
    if sys.byteorder != "little":
        arr = array("I", arr)
        arr.byteswap()
    return arr.tobytes()


def prefix_hashes(tokens, upto: int, step: int) -> list[str]:
    """Chained sha256 of tokens[0:step], [0:2*step], ... up to ``upto`` (whole steps only)."""
    data = _le_bytes(tokens[:upto])
    out: list[str] = []
    h = hashlib.sha256()
    for end in range(step, upto + 1, step):
        h.update(data[(end - step) * 4:end * 4])
        out.append(h.copy().hexdigest()[:HASH_CHARS])
    return out


@dataclass
class Entry:
    cacheable: int
    tokens: int
    step: int = 128
    hashes: list[str] = field(default_factory=list)
    token_ids: array | None = None  # the old tokens (from git; not stored in files)


@dataclass
class Baseline:
    source: str  # "HEAD~1" or the baseline file, as the user named it
    model: str
    encoding: str
    entries: dict[str, Entry] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({
            "pcache_baseline": VERSION, "model": self.model, "encoding": self.encoding,
            "prompts": {name: {"cacheable": e.cacheable, "tokens": e.tokens, "step": e.step,
                               "prefix_hashes": e.hashes} for name, e in sorted(self.entries.items())},
        }, indent=1) + "\n"


def from_report(report, source: str, keep_tokens: bool = False) -> Baseline:
    """The baseline of a finished scan (its prompts' cached tokens and prefix hashes)."""
    from .providers.registry import cache_model_for

    base = Baseline(source, report.model, report.encoding)
    steps: dict[str, int] = {}
    for st, tp in zip(report.prompts, report.tokenized):
        model = tp.prompt.model or report.model
        if model not in steps:
            try:
                steps[model] = max(1, cache_model_for(model if model != "mixed" else "gpt-4o",
                                                      report.provider).step)
            except PcacheError:
                steps[model] = 128
        step = steps[model]
        cached = cached_per_request(st)
        base.entries[st.name] = Entry(cached, st.tokens, step, prefix_hashes(tp.tokens, cached, step),
                                      tp.tokens if keep_tokens else None)
    return base


def read(path: str) -> Baseline:
    """A baseline file written by ``pcache lint --write-baseline``; any defect is one error naming the file."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise PcacheError(f"{path}: cannot read the baseline ({exc.strerror or exc})") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise PcacheError(f"{path}: not a pcache baseline (invalid JSON: {exc})",
                          hint="write one with `pcache lint PATHS --write-baseline FILE`") from None
    if not isinstance(doc, dict) or doc.get("pcache_baseline") != VERSION or not isinstance(doc.get("prompts"), dict):
        raise PcacheError(f"{path}: not a pcache baseline (version {VERSION})",
                          hint="write one with `pcache lint PATHS --write-baseline FILE`")
    base = Baseline(path, str(doc.get("model") or ""), str(doc.get("encoding") or ""))
    for name, e in doc["prompts"].items():
        try:
            base.entries[name] = Entry(int(e["cacheable"]), int(e["tokens"]), int(e.get("step", 128)),
                                       [str(h) for h in e.get("prefix_hashes", [])])
        except (KeyError, TypeError, ValueError):
            raise PcacheError(f"{path}: prompt {name!r}: needs whole numbers cacheable and tokens") from None
    return base


def first_difference(entry: Entry, tokens, encoding: str, base_encoding: str) -> int | None:
    """The first token where ``tokens`` leave the base's prefix (exact with the old tokens; else the start
    of the first cache step whose hash differs); None when the cached prefix is unchanged."""
    if entry.token_ids is not None:
        from .prefix import lcp

        k = lcp(_le_bytes(entry.token_ids), _le_bytes(tokens))
        return k if k < entry.cacheable else None
    if not entry.hashes or encoding != base_encoding:
        return None
    now = prefix_hashes(tokens, min(len(tokens), entry.cacheable), entry.step)
    for k, h in enumerate(entry.hashes):
        if k >= len(now) or now[k] != h:
            return k * entry.step
    return None

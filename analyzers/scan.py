"""``scan``: tokenize a corpus and report per-prompt and corpus-wide cacheability."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import CorpusReport, Divergence, Group, Prompt, PromptStats, mark_estimate
from .prefix import analyze_partitioned
from .providers.registry import cache_model_for
from .sources.load import paused_gc
from .textutil import visible
from .tokenizer import (DEFAULT_MODEL, FALLBACK_ENCODING, SPLIT_PIECES, EncodingChoice, TokenizedPrompt,
                        UnknownModelError, load_encoding, resolve_model, tokenize_prompts)


@dataclass
class ScanReport:
    model: str
    encoding: str
    prompts: list[PromptStats]
    corpus: CorpusReport
    tokenized: list[TokenizedPrompt] = field(repr=False, default_factory=list)
    warnings: list[str] = field(default_factory=list)
    minimum: int = 1024
    routing_window: int = 256
    provider: str | None = None  # --provider: the cache regime chosen explicitly


def effective_model(prompt: Prompt, override: str | None) -> str:
    return override or prompt.model or DEFAULT_MODEL


def tokenize_corpus(prompts: list[Prompt], model: str | None) -> tuple[list[TokenizedPrompt], list[str]]:
    """Tokenize prompts with each one's encoding (a body's own ``model`` unless ``model`` is given),
    batching all prompts of one encoding together; results keep input order."""
    warnings: list[str] = []
    by_encoding: dict[str, list[int]] = {}
    unknown: dict[str, list[str]] = {}  # a body's model tiktoken does not know -> prompt names
    for i, p in enumerate(prompts):
        name = effective_model(p, model)
        try:
            choice = resolve_model(name)
        except UnknownModelError:
            if model:  # a --model the user typed: their mistake, not the data's
                raise
            choice = EncodingChoice(name, FALLBACK_ENCODING)
            unknown.setdefault(name, []).append(p.name)
            mark_estimate(p, "unknown-model",
                          f"unknown model {name!r}: counted with {FALLBACK_ENCODING}, an estimate")
        if choice.warning and choice.warning not in warnings:
            warnings.append(choice.warning)
        by_encoding.setdefault(choice.encoding, []).append(i)
    for name, where in unknown.items():
        more = f" and {len(where) - 1:,} more" if len(where) > 1 else ""
        warnings.append(f"unknown model {name!r} in {where[0]}{more}: counted with {FALLBACK_ENCODING}, "
                        "an estimate")
    out: list[TokenizedPrompt | None] = [None] * len(prompts)
    SPLIT_PIECES.clear()
    for name, idx in by_encoding.items():
        for i, tp in zip(idx, tokenize_prompts([prompts[i] for i in idx], load_encoding(name))):
            out[i] = tp
    if SPLIT_PIECES:
        warnings.append(f"{len(SPLIT_PIECES):,} run(s) of 4,096+ characters with no space or digit (longest "
                        f"{max(SPLIT_PIECES):,}) were tokenized in 4,096-character parts: their token counts "
                        "are estimates")
    return out, warnings  # type: ignore[return-value]


def scan(prompts: list[Prompt], model: str | None = None, provider: str | None = None) -> ScanReport:
    with paused_gc():
        return _scan(prompts, model, provider)


def _scan(prompts: list[Prompt], model: str | None, provider: str | None) -> ScanReport:
    tokenized, warnings = tokenize_corpus(prompts, model)
    names = {p.model for p in prompts if p.model}
    shown_model = model or (names.pop() if len(names) == 1 else (DEFAULT_MODEL if not names else "mixed"))
    encodings = {tp.encoding.name for tp in tokenized}
    encoding = encodings.pop() if len(encodings) == 1 else ("mixed" if encodings else _encoding_name(shown_model))
    cache = cache_model_for(shown_model if shown_model != "mixed" else DEFAULT_MODEL, provider)
    # Each prompt is judged by the cache of its own model (a corpus may mix gpt-4o and claude bodies).
    caches: dict[str, object] = {}
    per_prompt = []
    for tp in tokenized:
        m = effective_model(tp.prompt, model)
        if m not in caches:
            caches[m] = cache_model_for(m, provider)
        per_prompt.append(caches[m])
    # ``cacheable`` reads thresholds from the regime data (model patterns) on every call: once per
    # (regime, count) here, the corpus repeats both.
    memo: dict[tuple[int, int], int] = {}

    def cacheable(c, n: int) -> int:
        key = (id(c), n)
        got = memo.get(key)
        if got is None:
            got = memo[key] = c.cacheable(n)
        return got

    families = [_family(tp.prompt, model) for tp in tokenized]
    minimums = {f: c.minimum for f, c in zip(families, per_prompt)}

    pa = analyze_partitioned([tp.tokens for tp in tokenized], families, minimums,
                             [tp.prompt.path for tp in tokenized])
    group_cache = [per_prompt[g.members[0]] for g in pa.groups]
    groups = [Group(g.prefix_tokens, cacheable(c, g.prefix_tokens), [tokenized[i].name for i in g.members])
              for g, c in zip(pa.groups, group_cache)]
    stats: list[PromptStats] = []
    divergences: list[Divergence] = []
    too_short: list[str] = []
    for tp, place, own in zip(tokenized, pa.placements, per_prompt):
        st = PromptStats(
            name=tp.name, path=tp.prompt.path, kind=tp.prompt.kind, tokens=len(tp),
            static_prefix_tokens=tp.static_prefix_tokens,
            cacheable_tokens=cacheable(own, tp.static_prefix_tokens),
            first_variable=tp.first_variable, estimate=tp.prompt.estimate, group=place.group,
            estimate_reasons=list(tp.prompt.estimate_reasons),
        )
        if place.group is not None:
            st.group_cacheable_tokens = cacheable(own, min(pa.groups[place.group].prefix_tokens,
                                                           tp.static_prefix_tokens))
        stats.append(st)
        if place.too_short:
            too_short.append(tp.name)
            continue
        reason = "diverges" if place.group is not None else ("outlier" if place.outlier else "unique")
        divergences.append(divergence(tp, tokenized[place.other] if place.other is not None else None,
                                      place.token, reason))
    corpus = CorpusReport(len(tokenized), pa.shared_prefix_tokens, cache.cacheable(pa.shared_prefix_tokens),
                          groups, divergences, too_short)
    return ScanReport(shown_model, encoding, stats, corpus, tokenized, warnings, cache.minimum,
                      cache.routing_window, provider=provider)


def _encoding_name(model: str) -> str:
    try:
        return resolve_model(model).encoding
    except UnknownModelError:
        return FALLBACK_ENCODING


def _family(prompt: Prompt, override: str | None) -> str:
    """Prompts are compared within a family: framed requests of one model, or unframed text."""
    kind = "text" if prompt.kind in ("text", "template") else prompt.kind
    return f"{kind}:{effective_model(prompt, override)}"


def divergence(tp: TokenizedPrompt, other: TokenizedPrompt | None, token: int, reason: str) -> Divergence:
    if token >= len(tp):
        reason = "ends" if other is not None else reason
    return Divergence(
        name=tp.name,
        token=token,
        location=tp.location(token) if tp.prompt.segments else None,
        text=visible(tp.token_text(token, 12), 40),
        other_text=visible(other.token_text(token, 12), 40) if other is not None else "",
        other=other.name if other is not None else None,
        reason=reason,
    )

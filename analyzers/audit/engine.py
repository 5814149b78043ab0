"""``audit``: read logs (streaming), sum what was paid, replay the cache, classify misses, group.

Data flow: readers -> Record -> Ledger (tokens, genai-prices costs per model/day)
                              -> render body -> tokens -> reorder buffer (time order) -> Replayer
                                                        -> volatile moved -> Replayer (what-if)
"""

from __future__ import annotations

import hashlib
import heapq
import os
import sys
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable

from ..errors import PcacheError
from ..model import Segment
from .ledger import Ledger, Totals
from ..inputs import InputError
from .readers.interface import ReadErrors, ReaderOptions, Record
from .replay import MISS_CLASSES, ClassStats, ReplayRequest, Replayer
from .hidden import server_side_content
from .tokens import TokenEncoder

_IN_FLIGHT = 6  # batches encoding on the background thread while the next ones are rendered
# The encoding thread takes the GIL back after each text; at the default 5 ms switch interval it waits
# behind the main thread's Python work and the main thread ends up waiting for it (measured: 0.85 s of
# waits on a 100 MB log; 0.006 s at 0.1 ms).
_SWITCH_INTERVAL = 1e-4

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass
class AuditOptions:
    ttl: float | None = None  # idle TTL in seconds (default: provider data, 300)
    optimistic_ttl: float | None = None  # default: provider data, 3600
    replay: bool = True
    whatif: bool = True
    volatile: tuple[str, ...] = ()
    redact: bool = False
    reorder_window: int = 2000  # records held to replay slightly unordered logs in time order
    tokenize_batch: int = 256
    model_map: dict = field(default_factory=dict)
    top_groups: int = 10
    max_blocks: int = 4_000_000
    provider: str | None = None  # --provider: the cache regime of every request (vllm:16, anthropic ...)


@dataclass
class ReplaySummary:
    requests: int = 0
    skipped: dict = field(default_factory=dict)  # reason -> requests not replayed
    input_tokens: int = 0
    replayed_tokens: int = 0
    actual_cached_tokens: int = 0
    predicted_cached_tokens: int = 0
    optimistic_cached_tokens: int = 0
    ideal_cached_tokens: int = 0
    actual_savings_usd: float = 0.0
    predicted_savings_usd: float = 0.0
    optimistic_savings_usd: float = 0.0
    ttl_seconds: float | None = None
    optimistic_ttl_seconds: float | None = None
    minimum_tokens: int = 0
    step_tokens: int = 0
    misses: dict = field(default_factory=dict)  # class -> ClassStats
    out_of_order: int = 0
    token_mismatch: int = 0
    peak_blocks: int = 0
    whatif: dict | None = None
    advice: list[str] = field(default_factory=list)
    regimes: list = field(default_factory=list)  # RegimeReplay per cache regime (legacy included)
    layout_tokens: int = 0  # what the what-if layout adds (the ledger's "layout" line)
    layout_usd: float = 0.0
    changes: list = field(default_factory=list)  # what-if table: per moved-lines change, sums to layout
    bounds: dict = field(default_factory=dict)  # reason -> BoundStats (actual above the replay's bound)
    diagnostics: dict | None = None  # vendor cache diagnostics vs pcache's classes (_diagnosis_summary)
    ttl: object = None  # economics.TtlReport: Anthropic 5 m vs 1 h writes
    writes: list = field(default_factory=list)  # economics.TtlReport per regime that bills writes
    traffic: list = field(default_factory=list)  # busiest (prefix, prompt_cache_key) pairs, TrafficStats dicts
    rpm_limit: float = 15.0


@dataclass
class RegimeReplay:
    """Replay of the requests of one cache regime: actual vs predicted reads and (billed) writes, and
    what both cost by the regime's prices (genai-prices at today's rates, output tokens included)."""

    regime: str
    name: str
    requests: int = 0
    input_tokens: int = 0  # billed input (the predictions are capped to it)
    replayed_tokens: int = 0  # tokens of the rendered requests (estimates for Claude/Gemini)
    actual_cached_tokens: int = 0
    actual_cache_write_tokens: int = 0
    actual_cache_write_1h_tokens: int = 0
    predicted_cached_tokens: int = 0
    predicted_cache_write_tokens: int = 0
    predicted_cache_write_1h_tokens: int = 0
    actual_cost_usd: Decimal | None = None
    predicted_cost_usd: Decimal | None = None
    unpriced_requests: int = 0
    upper_bound: bool = False  # the provider may cache less than predicted (no guarantee)
    estimate: bool = False  # token counts are o200k_base estimates (no public tokenizer)
    bills_writes: bool = False
    models: list = field(default_factory=list)


@dataclass
class AuditReport:
    summary: Totals
    models: list  # (model, Totals, priced_as)
    days: list  # (day, Totals)
    rows: list  # (model, day, batch, Totals)
    replay: ReplaySummary | None
    groups: list  # GroupStats, worst first
    errors: ReadErrors
    files: list  # (path, reader name)
    unpriced: dict
    notes: list[str]
    ledger: object = None  # ledger.MoneyLedger: the money lines every format shows
    other_groups: dict | None = None  # the groups not in ``groups``: requests and left on the table


def _legacy_data() -> dict:
    from ..providers.registry import DATA_DIR

    return tomllib.loads((DATA_DIR / "openai_legacy.toml").read_text(encoding="utf-8"))


def redact_text(text: str | None) -> str | None:
    if text is None:
        return None
    return "#" + hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=4).hexdigest()


class _Tokenizer:
    """Request body -> token array (framing from analyzers/framing.py when available)."""

    def __init__(self, finder=None):
        from ..tokenizer import special_name

        self.special_name = special_name
        self.finder = finder
        self.encodings: dict[str, object] = {}
        self.tools: dict[str, list] = {}  # JSON of a tool list -> the first such list seen
        try:
            from ..framing import render_body

            self.render = render_body
        except ImportError:  # the renderer is not there yet: plain role + content text
            self.render = None

    def encoding(self, model: str):
        enc = self.encodings.get(model)
        if enc is None:
            from ..tokenizer import encoding_for, resolve_model

            choice = resolve_model(model)
            enc = self.encodings[model] = encoding_for(choice.model)
        return enc

    def segments(self, body: dict) -> list[Segment]:
        return self.render_segments(body)[0]

    def render_segments(self, body: dict) -> tuple[list[Segment], bool]:
        """(segments, whether the rendering relies on undocumented framing)."""
        if self.render is not None:
            r = self.render(self._shared_tools(body))
            return list(r.segments), r.estimate
        return _plain_segments(body), True

    def _shared_tools(self, body: dict) -> dict:
        """The body with its tool list replaced by the first equal one seen: each log line parses its
        own copy of the same tools, and the renderer caches tool definitions by object identity."""
        tools = body.get("tools")
        if not isinstance(tools, list) or not tools:
            return body
        try:
            # repr tells the same JSON values apart as json.dumps does (1, 1.0 and true differ), faster
            key = repr(tools)
        except (TypeError, ValueError, RecursionError):
            return body
        shared = self.tools.get(key)
        if shared is None:
            if len(self.tools) >= 256:
                self.tools.clear()
            shared = self.tools[key] = tools
        if shared is tools:
            return body
        return {**body, "tools": shared}

    def whatif_segments(self, body: dict, segs: list[Segment]) -> tuple[list[Segment] | None, list[str]]:
        """The what-if layout of one body: whole volatile lines moved (``move_volatile_lines``);
        a body that is not an OpenAI request gets its literals moved instead."""
        from .whatif import move_volatile, move_volatile_lines

        if self.render is not None:
            new, lines = move_volatile_lines(body, self.finder)
            if new is None:
                return None, []
            return self.segments(new), lines
        segs2, n = move_volatile(segs, self.finder)
        return (segs2, []) if n else (None, [])

    def start(self, model: str, bodies: list[dict], whatif: bool, encoder):
        """Render the bodies (and their what-if layouts) and start encoding them on ``encoder``'s
        thread; ``done`` gives (encoding, token arrays, what-if arrays, moved lines, final-turn offsets).
        Rendering errors are raised here."""
        enc = self.encoding(model)
        prompts, moved, lines, marks, estimates = [], [], [], [], []
        finder = self.finder if whatif else None
        for b in bodies:
            segs, estimate = self.render_segments(b)
            prompts.append(segs)
            estimates.append(estimate)
            marks.append(final_turn_mark(segs))
            if finder is not None:
                segs2, moved_lines = self.whatif_segments(b, segs)
                moved.append(segs2)
                lines.append(moved_lines)
            else:
                lines.append([])
        idx = [i for i, p in enumerate(moved) if p is not None]
        batch = encoder.submit(enc, prompts + [moved[i] for i in idx], marks)
        return enc, len(bodies), idx, batch, (lines, estimates)

    def tokenize(self, model: str, bodies: list[dict], whatif: bool):
        """``start`` + ``done`` on a private encoder (one body at a time, after a batch failed)."""
        encoder = TokenEncoder()
        try:
            return self.done(self.start(model, bodies, whatif, encoder), encoder)
        finally:
            encoder.close()

    @staticmethod
    def done(handle, encoder):
        enc, n, idx, batch, (lines, estimates) = handle
        arrays = encoder.result(batch)
        alt: list = [None] * n
        for i, a in zip(idx, arrays[n:]):
            alt[i] = a
        extra = [(ln, off, est) for ln, off, est in zip(lines, encoder.offsets(batch)[:n], estimates)]
        return enc, arrays[:n], alt, extra

    def decoder(self, enc) -> Callable:
        special = self.special_name
        limit = 1 << 24

        def decode(tokens) -> str:
            out, run = [], []
            for t in tokens:
                if t >= limit:
                    if run:
                        out.append(enc.decode(run))
                        run = []
                    out.append(special(t))
                else:
                    run.append(t)
            if run:
                out.append(enc.decode(run))
            return "".join(out)

        return decode


def final_turn_mark(segs: list[Segment]) -> int | None:
    """Index of the special segment opening the request's final input turn: the trailing run of
    user/tool messages (a new question, or the results of the tools the model just called).  What
    differs from there on is the new turn, not a broken prefix."""
    role: dict[int, str] = {}
    order: list[int] = []
    for seg in segs:
        m = seg.message
        if m is None:
            continue
        if m not in role:
            role[m] = ""
            order.append(m)
        if seg.kind != "special" and seg.part and seg.part != "framing" and not role[m]:
            role[m] = seg.part
    first = None
    for m in reversed(order):
        if role[m] in ("user", "tool"):
            first = m
        else:
            break
    if first is None:
        return None
    for i, seg in enumerate(segs):
        if seg.message == first:
            return i if seg.kind == "special" else None
    return None


def _plain_segments(body: dict) -> list[Segment]:
    segs: list[Segment] = []
    msgs = body.get("messages")
    if not isinstance(msgs, list):
        inp = body.get("input")
        msgs = inp if isinstance(inp, list) else [{"role": "user", "content": inp}]
        if isinstance(body.get("instructions"), str):
            msgs = [{"role": "system", "content": body["instructions"]}] + msgs
    for m in msgs:
        if not isinstance(m, dict):
            continue
        c = m.get("content")
        if isinstance(c, list):
            c = "".join(p.get("text", "") for p in c if isinstance(p, dict))
        segs.append(Segment(f"{m.get('role', '')}\n{c if isinstance(c, str) else ''}\n", verbatim=False))
    return segs


# genai-prices provider id (of a log's host/provider field) -> ``--provider`` name of a cache regime.
_REGIME_PROVIDER = {"openai": "openai", "azure": "azure", "anthropic": "anthropic", "google": "gemini",
                    "google-vertex": "gemini", "deepseek": "deepseek"}
# usage shapes that name their provider when the log does not
_SELF_HOSTED = ("vllm", "sglang", "llamacpp")
_SHAPE_PROVIDER = {"anthropic": "anthropic", "gemini": "gemini", "deepseek": "deepseek"}


class TrafficStats:
    """Arrivals of one (prefix, prompt_cache_key) in a sliding minute: peak rate and overflow."""

    __slots__ = ("group", "key", "window", "requests", "peak_rpm", "over", "unexplained_over", "unexplained")

    def __init__(self, group: str, key: str | None):
        self.group, self.key = group, key
        self.window: deque = deque()
        self.requests = self.peak_rpm = self.over = self.unexplained_over = self.unexplained = 0

    def add(self, t: float, limit: float, unexplained: bool) -> None:
        w = self.window
        w.append(t)
        while w and w[0] <= t - 60.0:
            w.popleft()
        self.requests += 1
        self.peak_rpm = max(self.peak_rpm, len(w))
        self.unexplained += unexplained
        if len(w) > limit:
            self.over += 1
            self.unexplained_over += unexplained

    def as_dict(self) -> dict:
        return {"group": self.group, "prompt_cache_key": self.key, "requests": self.requests,
                "peak_rpm": self.peak_rpm, "requests_over_limit": self.over,
                "unexplained_misses": self.unexplained, "unexplained_misses_over_limit": self.unexplained_over}


def _diagnosis_summary(pairs: dict) -> dict | None:
    """Vendor verdicts against pcache's classes: agreements over the comparable requests."""
    if not pairs:
        return None
    from ..providers.diagnostics import INCONCLUSIVE

    agree = comparable = 0
    for (vendor, ours), n in pairs.items():
        verdict = vendor.split(": ", 1)[1]
        if verdict in INCONCLUSIVE:
            continue
        comparable += n
        vendor_hit = verdict == "hit"
        ours_hit = ours in ("hit", "predicted hit")
        agree += n if vendor_hit == ours_hit else 0
    return {"requests": sum(pairs.values()), "comparable": comparable, "agree": agree,
            "pairs": [{"vendor": v, "pcache": o, "requests": n}
                      for (v, o), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))]}


class _ReplayDriver:
    """Tokenizes replayable records in batches and feeds them in time order (bounded reorder heap).

    OpenAI legacy requests go through the block-hash ``Replayer`` (miss classes, groups, what-if);
    every other regime (GPT-5.6+ breakpoints, Anthropic, Gemini, DeepSeek, self-hosted) through its
    cache model's own ``simulator()`` (``analyzers/providers``), one cache per regime and model."""

    def __init__(self, options: AuditOptions, data: dict):
        from ..providers.registry import regime_model
        from .whatif import VolatileFinder

        self.options = options
        self.cm = regime_model("openai-legacy")
        ttl_d = data.get("idle_ttl_seconds", {})
        self.ttl = options.ttl if options.ttl is not None else float(ttl_d.get("value", 300))
        self.opt_ttl = options.optimistic_ttl if options.optimistic_ttl is not None else float(
            ttl_d.get("optimistic", 3600))
        self.main = Replayer(self.cm, self.ttl, self.opt_ttl, options.max_blocks)
        self.finder = VolatileFinder(options.volatile) if options.whatif else None
        self.alt = Replayer(self.cm, self.ttl, self.opt_ttl, options.max_blocks) if options.whatif else None
        # The what-if replay shares the main cache until the first request it changes (then a copy).
        self.alt_shared = True
        self.tok = _Tokenizer(self.finder)
        self.encoder = TokenEncoder()
        self.inflight: deque = deque()  # (model, items, handle) being encoded, in read order
        self.pending: list[tuple[Record, float]] = []
        self.pending_regime: list[tuple[Record, object, str]] = []  # (record, cache model, sim key)
        self.sims: dict = {}  # (regime, model, provider) -> simulator
        self.sums: dict = {}  # (regime, model, provider, batch) -> token sums, actual and predicted
        self.heap: list = []
        self.seq = 0
        self.skipped: dict[str, int] = {}
        self.moved_requests = 0
        self.any_time = False
        self.no_time = 0
        self.notes: list[str] = []
        self.weights: dict = {}
        self.regimes: dict = {}  # (model, provider, usage shape) -> regime_of (pure: memoised)
        self.legacy_cms: dict = {}  # (model, provider) -> cache model of an OpenAI legacy request
        # (model, day, batch) -> [layout tokens, layout $, avoidable tokens, avoidable $]
        self.left_rows: dict = {}
        self.changes: dict = {}  # masked moved lines -> what the what-if layout gains on such requests
        self.diagnoses: dict = {}  # (vendor's verdict/reason, pcache's class) -> requests
        self.rpm_limit = float(data.get("requests_per_minute_per_prefix", {}).get("value", 15))
        self.traffic: dict = {}  # (group, prompt_cache_key) -> TrafficStats
        self.econ: dict = {}  # regime -> economics.TtlEconomics (regimes that bill writes)

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + n

    def weight(self, rec: Record, ledger: Ledger) -> float:
        key = (rec.model, rec.provider, rec.batch)
        w = self.weights.get(key)
        if w is None:
            from ..pricing import model_prices

            w = 0.0
            pk = ledger.price_key(rec.model, rec.provider)
            if pk is not None:
                mp = model_prices(*pk[0])
                if mp.cached_input is not None:
                    w = float(mp.input - mp.cached_input) / 1e6
                    if rec.batch:
                        w *= float(ledger.batch_multiplier)
            self.weights[key] = w
        return w

    def regime_of(self, rec: Record, model: str) -> tuple[str | None, str | None]:
        """(regime id, ``--provider`` name) of a record; (None, reason) when no cache model fits."""
        key = (model, rec.provider, rec.usage.shape)
        got = self.regimes.get(key)
        if got is None:
            got = self.regimes[key] = self._regime_of(rec, model)
        return got

    def _regime_of(self, rec: Record, model: str) -> tuple[str | None, str | None]:
        from ..providers.registry import UnknownProviderError, regime_id_for

        prov = self.options.provider
        if prov is None:
            prov = _REGIME_PROVIDER.get(rec.provider or "")
            if prov is None and rec.provider not in (None, "openrouter"):
                return None, f"no cache model for provider {rec.provider}"
            if prov is None:
                prov = _SHAPE_PROVIDER.get(rec.usage.shape)
            if prov is None and rec.usage.shape in ("mistral", "cohere"):
                return None, f"no cache model for provider {rec.usage.shape}"
        try:
            return regime_id_for(model, prov), prov
        except UnknownProviderError:
            return None, f"no cache model for provider {prov}"

    def add(self, rec: Record, ledger: Ledger) -> None:
        if rec.request is None:
            self.skip("no request text")
            return
        model = rec.model or rec.request.get("model") or ""
        regime, prov = self.regime_of(rec, model)
        if regime is None:
            self.skip(prov or "no cache model")
            return
        if regime != "openai-legacy":
            self.add_regime(rec, model, regime, prov, ledger)
            return
        if rec.usage.shape not in ("chat", "responses"):
            self.skip("not an OpenAI-style cache")
            return
        try:
            self.tok.encoding(model)
        except PcacheError:
            self.skip("unknown tokenizer")
            return
        self.pending.append((rec, self.weight(rec, ledger)))
        if len(self.pending) >= self.options.tokenize_batch:
            self.flush_pending()

    def add_regime(self, rec: Record, model: str, regime: str, prov: str | None, ledger: Ledger) -> None:
        from ..providers.registry import cache_model_for
        from ..sources.jsonl import body_kind_any

        if body_kind_any(rec.request) is None:
            self.skip("request body not renderable")
            return
        try:
            cm = cache_model_for(model or None, prov)
        except PcacheError as exc:
            self.skip(exc.message if hasattr(exc, "message") else str(exc))
            return
        self.pending_regime.append((rec, cm, regime))
        if len(self.pending_regime) >= self.options.tokenize_batch:
            self.flush_regime()

    def flush_regime(self) -> None:
        from ..providers.boundaries import request_for
        from ..scan import tokenize_corpus
        from ..sources.jsonl import body_kind_any, body_prompt
        from ..tokenizer import resolve_model

        while self.inflight:  # the legacy batches read before these records go first
            self.queue_batch(*self.inflight.popleft())
        items, self.pending_regime = self.pending_regime, []
        prompts, kept = [], []
        for rec, cm, regime in items:
            try:
                p = body_prompt(body_kind_any(rec.request) or "openai", rec.request, rec.id or f"{rec.path}:{rec.line}",
                                rec.path, line=rec.line)
            except Exception:  # noqa: BLE001 - a body the renderer cannot handle
                self.skip("request body not renderable")
                continue
            p.model = rec.model or p.model
            try:
                resolve_model(p.model or "")
            except PcacheError:
                if regime not in _SELF_HOSTED:
                    self.skip("unknown tokenizer")
                    continue
                p.model, p.estimate = "o200k_base", True  # a local model's tokenizer: estimated
            prompts.append(p)
            kept.append((rec, cm, regime))
        if not prompts:
            return
        try:
            tokenized, _warnings = tokenize_corpus(prompts, None)
        except PcacheError:
            self.skip("unknown tokenizer", len(prompts))
            return
        for (rec, cm, regime), tp in zip(kept, tokenized):
            if rec.time is None:
                self.no_time += 1
            else:
                self.any_time = True
            req = request_for(tp, rec.time)
            self.seq += 1
            key = rec.time if rec.time is not None else float("-inf")
            heapq.heappush(self.heap, (key, self.seq, ("regime", rec, cm, regime, req, tp.prompt.estimate), None))
            if len(self.heap) > self.options.reorder_window:
                self.feed(*heapq.heappop(self.heap)[2:])

    def feed_regime(self, rec: Record, cm, regime: str, req, estimate: bool) -> None:
        model = rec.model or ""
        sim_key = (regime, model, self.options.provider or rec.provider)
        sim = self.sims.get(sim_key)
        if sim is None:
            sim = self.sims[sim_key] = cm.simulator()
        o = sim.feed(req)
        u = rec.usage
        total = u.input_tokens
        read = min(o.read, total)
        write = min(o.write, total - read) if cm.bills_writes else 0
        self.account(regime, cm, rec, total, len(req.tokens), read, write, min(o.write_1h, write), estimate)
        if cm.bills_writes:
            self.feed_economics(regime, cm, req, rec)
        if rec.diagnosis is not None:
            self.note_diagnosis(rec.diagnosis, "predicted hit" if read else "predicted miss")

    def feed_economics(self, regime: str, cm, req, rec: Record) -> None:
        """Cache-write economics (``economics.py``) of a regime that bills writes."""
        econ = self.econ.get(regime)
        if econ is None:
            from .economics import TtlEconomics

            ttl = cm.ttl_seconds or 300.0
            long = cm.ttl_for("1h") if hasattr(cm, "ttl_for") else None
            econ = self.econ[regime] = TtlEconomics(ttl, long or ttl, regime)
        u = rec.usage  # writes the log does not report are not billed by the ledger either: none credited
        econ.feed(cm, req, rec.model or "", rec.time, rec.batch, u.cached_tokens if u.cached_known else None,
                  u.cache_write_tokens, u.cache_write_1h_tokens)

    def ttl_report(self, ledger: Ledger) -> list:
        """Price the cache-write economics of each regime (genai-prices) and add what they left on the
        table to the ledger rows (model, day, batch) as avoidable misses."""
        from .economics import write_prices

        out = []
        for regime, econ in sorted(self.econ.items()):
            provider = "anthropic" if regime == "anthropic" else None

            def prices(model: str, provider=provider):
                pk = ledger.price_key(model or None, provider) or ledger.price_key(model or None, None)
                return None if pk is None else write_prices(*pk[0])

            rep = econ.report(prices)
            for key, (tokens, usd) in rep.rows.items():
                row = self.left_rows.setdefault(key, [0, 0.0, 0, 0.0])
                row[2] += tokens
                row[3] += float(usd)
            out.append(rep)
        return out

    def note_diagnosis(self, diagnosis, pcache_class: str) -> None:
        """The vendor's own verdict next to pcache's class (spec section 8), counted per pair."""
        vendor = diagnosis.reason or diagnosis.verdict if diagnosis.miss else diagnosis.verdict
        key = (f"{diagnosis.provider}: {vendor}", pcache_class)
        self.diagnoses[key] = self.diagnoses.get(key, 0) + 1

    def note_traffic(self, group: str, rec: Record, t: float, miss: str | None) -> None:
        """Requests per minute per (routing-window prefix, prompt_cache_key): above ~15 rpm a prefix
        overflows to more machines (spec 1.2), which shows as unexplained misses."""
        key = rec.request.get("prompt_cache_key") if isinstance(rec.request, dict) else None
        k = (group, key if isinstance(key, str) else None)
        ts = self.traffic.get(k)
        if ts is None:
            ts = self.traffic[k] = TrafficStats(group, k[1])
        ts.add(t, self.rpm_limit, miss == "unexplained")

    def account(self, regime: str, cm, rec: Record, total: int, rendered: int, read: int, write: int,
                write_1h: int, estimate: bool) -> None:
        key = (regime, rec.model or "", self.options.provider or rec.provider, rec.batch)
        row = self.sums.get(key)
        if row is None:
            row = self.sums[key] = {"cm": cm, "n": 0, "total": 0, "rendered": 0, "output": 0, "a_read": 0,
                                    "a_write": 0, "a_w1h": 0, "p_read": 0, "p_write": 0, "p_w1h": 0,
                                    "estimate": False}
        u = rec.usage
        row["n"] += 1
        row["total"] += total
        row["rendered"] += rendered
        row["output"] += u.output_tokens
        row["a_read"] += u.cached_tokens
        row["a_write"] += u.cache_write_tokens
        row["a_w1h"] += u.cache_write_1h_tokens
        row["p_read"] += read
        row["p_write"] += write
        row["p_w1h"] += write_1h
        row["estimate"] = row["estimate"] or estimate

    def regime_summaries(self, ledger: Ledger) -> list:
        from ..providers.interface import CacheOutcome
        from ..providers.registry import REGIMES

        out: dict[str, RegimeReplay] = {}
        for (regime, model, provider, batch), row in sorted(self.sums.items(), key=lambda kv: tuple(map(str, kv[0]))):
            cm = row["cm"]
            r = out.get(regime)
            if r is None:
                r = out[regime] = RegimeReplay(regime, cm.data.name, actual_cost_usd=Decimal(0),
                                               predicted_cost_usd=Decimal(0), upper_bound=cm.upper_bound,
                                               bills_writes=cm.bills_writes)
            r.requests += row["n"]
            r.input_tokens += row["total"]
            r.replayed_tokens += row["rendered"]
            r.actual_cached_tokens += row["a_read"]
            r.actual_cache_write_tokens += row["a_write"]
            r.actual_cache_write_1h_tokens += row["a_w1h"]
            r.predicted_cached_tokens += row["p_read"]
            r.predicted_cache_write_tokens += row["p_write"]
            r.predicted_cache_write_1h_tokens += row["p_w1h"]
            r.estimate = r.estimate or row["estimate"]
            if model and model not in r.models:
                r.models.append(model)
            pk = ledger.price_key(model or None, provider)
            try:
                if pk is None:
                    raise PcacheError("unpriced")
                name = pk[0][0]
                actual = cm.cost(CacheOutcome(row["total"], row["a_read"], row["a_write"] if cm.bills_writes else 0,
                                              row["a_w1h"] if cm.bills_writes else 0), name, row["output"])
                predicted = cm.cost(CacheOutcome(row["total"], row["p_read"], row["p_write"], row["p_w1h"]), name,
                                    row["output"])
                if actual is None or predicted is None:
                    raise PcacheError("unpriced")
            except (PcacheError, LookupError, ValueError):
                r.unpriced_requests += row["n"]
                continue
            mult = ledger.batch_multiplier if batch else Decimal(1)
            r.actual_cost_usd += actual * mult
            r.predicted_cost_usd += predicted * mult
        order = list(REGIMES)
        result = sorted(out.values(), key=lambda r: order.index(r.regime) if r.regime in order else len(order))
        for r in result:
            if r.unpriced_requests == r.requests:
                r.actual_cost_usd = r.predicted_cost_usd = None
        return result

    def flush_pending(self, wait: bool = False) -> None:
        """Render the pending records and start encoding them; records whose tokens are ready are
        queued for the replay in the order they were read (at most ``_IN_FLIGHT`` batches wait)."""
        by_model: dict[str, list] = {}
        for rec, w in self.pending:
            by_model.setdefault(rec.model or rec.request.get("model") or "", []).append((rec, w))
        self.pending = []
        for model, items in by_model.items():
            try:
                handle = self.tok.start(model, [r.request for r, _ in items], self.alt is not None, self.encoder)
            except Exception:  # noqa: BLE001 - a body the renderer cannot handle: item by item, now
                handle = None
            self.inflight.append((model, items, handle))
            while len(self.inflight) > (0 if wait else _IN_FLIGHT):
                self.queue_batch(*self.inflight.popleft())
        while wait and self.inflight:
            self.queue_batch(*self.inflight.popleft())

    def queue_batch(self, model: str, items: list, handle) -> None:
        try:
            if handle is None:
                raise ValueError("render failed")
            enc, toks, alt, extra = self.tok.done(handle, self.encoder)
        except Exception as exc:  # a body the renderer cannot handle: skip the batch item by item
            enc, toks, alt, extra = None, [], [], []
            for r, w in items:
                try:
                    e, t1, a1, x1 = self.tok.tokenize(model, [r.request], self.alt is not None)
                    enc = e
                    toks.append(t1[0])
                    alt.append(a1[0])
                    extra.append(x1[0])
                except Exception:  # noqa: BLE001
                    toks.append(None)
                    alt.append(None)
                    extra.append(([], None, False))
            del exc
        decode = self.tok.decoder(enc) if enc is not None else None
        for (rec, w), t, a, (lines, static_end, estimate) in zip(items, toks, alt, extra):
            if t is None:
                self.skip("request body not renderable")
                continue
            if rec.time is None:
                self.no_time += 1
            else:
                self.any_time = True
            u = rec.usage
            where = f"{rec.path}:{rec.line}" if rec.line else (f"{rec.path} id {rec.id}" if rec.id else rec.path)
            rr = ReplayRequest(t, rec.time, model, u.cached_tokens if u.cached_known else None,
                               u.input_tokens, rec.id or f"{os.path.basename(rec.path)}:{rec.line}",
                               decode, w, static_end=static_end, where=where, estimate=estimate,
                               hidden=server_side_content(rec.request), output_tokens=u.output_tokens)
            self.seq += 1
            key = rec.time if rec.time is not None else float("-inf")
            heapq.heappush(self.heap, (key, self.seq, (rr, rec, lines), a))
            if len(self.heap) > self.options.reorder_window:
                self.feed(*heapq.heappop(self.heap)[2:])

    def feed(self, rr, alt_tokens) -> None:
        if rr[0] == "regime":  # ("regime", record, cache model, regime id, CacheRequest, estimate)
            self.feed_regime(*rr[1:])
            return
        rr, rec, lines = rr
        rr.normalized = alt_tokens
        whatif = None
        if self.alt is not None:
            if alt_tokens is not None:
                self.moved_requests += 1
                if self.alt_shared:
                    # the first request the what-if changes: from here on it needs a cache of its own
                    self.alt.fork_store(self.main)
                    self.alt_shared = False
            if not self.alt_shared:
                whatif, _ = self.alt.feed_store(ReplayRequest(
                    alt_tokens if alt_tokens is not None else rr.tokens, rr.time, rr.model, None, rr.input_tokens,
                    rr.name, rr.decode, rr.weight))
        got = self.main.feed(rr, whatif)
        if self.alt is not None and self.alt_shared:  # same requests so far: same cache, same predictions
            self.alt.add_predictions(got.predicted, got.optimistic, rr.weight)
        self.tally(rec, rr, got, lines)
        if rec.diagnosis is not None:
            self.note_diagnosis(rec.diagnosis, got.miss or "hit")
        if rr.time is not None:
            self.note_traffic(got.group, rec, rr.time, got.miss)
        self.account("openai-legacy", self.legacy_cm(rec), rec, rr.input_tokens if rr.input_tokens is not None
                     else len(rr.tokens), len(rr.tokens), got.predicted, 0, 0, False)

    def tally(self, rec: Record, rr: ReplayRequest, got, lines: list[str]) -> None:
        """Left on the table per ledger row (model, day, batch) and per what-if change (moved lines)."""
        if not got.left_tokens:
            return
        from .ledger import day_of

        key = (rec.model or "unknown", day_of(rec.time), rec.batch)
        row = self.left_rows.setdefault(key, [0, 0.0, 0, 0.0])
        row[0] += got.layout_tokens
        row[1] += got.layout_tokens * rr.weight
        row[2] += got.avoidable_tokens
        row[3] += got.avoidable_tokens * rr.weight
        if got.layout_tokens and self.finder is not None:
            from .whatif import mask_line

            label = " / ".join(dict.fromkeys(mask_line(x, self.finder) for x in lines)) if lines else ""
            ch = self.changes.setdefault(label, {"lines": label, "requests": 0, "tokens": 0, "usd": 0.0,
                                                 "example": f"{rec.path}:{rec.line}" if rec.line else rec.path})
            ch["requests"] += 1
            ch["tokens"] += got.layout_tokens
            ch["usd"] += got.layout_tokens * rr.weight

    def legacy_cm(self, rec: Record):
        key = (rec.model, rec.provider)
        cm = self.legacy_cms.get(key)
        if cm is None:
            from ..providers.registry import cache_model_for

            try:
                cm = cache_model_for(rec.model or None,
                                     self.options.provider or _REGIME_PROVIDER.get(rec.provider or ""))
            except PcacheError:
                cm = self.cm
            self.legacy_cms[key] = cm
        return cm

    def finish(self) -> None:
        self.flush_pending(wait=True)
        self.encoder.close()
        self.flush_regime()
        while self.heap:
            self.feed(*heapq.heappop(self.heap)[2:])


def _summary(driver: _ReplayDriver, data: dict, ledger: Ledger | None = None) -> ReplaySummary:
    m = driver.main
    s = ReplaySummary(
        requests=m.requests, skipped=dict(driver.skipped), input_tokens=m.input_tokens,
        replayed_tokens=m.replayed_tokens, actual_cached_tokens=m.actual,
        predicted_cached_tokens=m.predicted, optimistic_cached_tokens=m.optimistic,
        ideal_cached_tokens=m.ideal, actual_savings_usd=m.actual_usd, predicted_savings_usd=m.predicted_usd,
        optimistic_savings_usd=m.optimistic_usd, ttl_seconds=driver.ttl,
        optimistic_ttl_seconds=driver.opt_ttl, minimum_tokens=driver.cm.minimum,
        step_tokens=driver.cm.step, misses={c: m.classes[c] for c in MISS_CLASSES},
        out_of_order=m.out_of_order, token_mismatch=m.token_mismatch, peak_blocks=m.store.peak,
        layout_tokens=m.layout_tokens, layout_usd=m.layout_usd, bounds=dict(m.bounds))
    s.changes = sorted(driver.changes.values(), key=lambda c: (-c["usd"], -c["tokens"], c["lines"]))
    s.diagnostics = _diagnosis_summary(driver.diagnoses)
    s.rpm_limit = driver.rpm_limit
    s.traffic = [t.as_dict() for t in sorted(driver.traffic.values(), key=lambda t: (-t.over, -t.peak_rpm, t.group))
                 [:10] if t.requests > 1]
    over = [t for t in driver.traffic.values() if t.over]
    if over:
        n_over = sum(t.over for t in over)
        unexp = sum(t.unexplained_over for t in over)
        worst = max(over, key=lambda t: t.peak_rpm)
        s.advice.append(f"{n_over:,} requests arrived while their prefix (and prompt_cache_key) had more than "
                        f"~{driver.rpm_limit:g} requests in the last minute (peak {worst.peak_rpm} rpm, group "
                        f"{worst.group[:8]}): the prefix overflows to more machines; {unexp:,} of them were "
                        "unexplained misses. Spread the traffic over prompt_cache_key values (each under the limit)")
    if s.diagnostics:
        d = s.diagnostics
        s.advice.append(f"vendor cache diagnostics on {d['requests']:,} requests: pcache's class agrees with the "
                        f"vendor's verdict on {d['agree']:,} of {d['comparable']:,} comparable ("
                        + "; ".join(f"{p['vendor']} vs {p['pcache']}: {p['requests']:,}" for p in d["pairs"][:6]) + ")")
    if driver.alt is not None and m.requests:
        a = driver.alt
        s.whatif = {
            "volatile_source": driver.finder.source if driver.finder else None,
            "volatile_patterns": list(driver.options.volatile),
            "layout": "whole lines holding volatile values moved from system/developer messages into one note "
                      "before the final user turn (as lint --suggest)",
            "requests_changed": driver.moved_requests,
            "predicted_cached_tokens": a.predicted,
            "optimistic_cached_tokens": a.optimistic,
            "predicted_savings_usd": a.predicted_usd,
            # what the layout adds over what each request got (the ledger's layout line)
            "extra_cached_tokens": m.layout_tokens,
            "extra_usd": m.layout_usd,
            "money_left_on_table_usd": m.layout_usd,
            "changes": s.changes,
        }
    if ledger is not None:
        s.regimes = driver.regime_summaries(ledger)
        for r in s.regimes:
            if r.regime == "openai-legacy":
                continue
            if r.upper_bound and r.actual_cached_tokens < 0.8 * r.predicted_cached_tokens:
                s.advice.append(f"{r.name}: actual cached tokens {r.actual_cached_tokens:,} vs "
                                f"{r.predicted_cached_tokens:,} predicted (no guarantee; routing/eviction)")
            if r.bills_writes and r.predicted_cache_write_tokens and r.predicted_cached_tokens < \
                    r.predicted_cache_write_tokens:
                s.advice.append(f"{r.name}: more tokens written ({r.predicted_cache_write_tokens:,}, billed as "
                                f"writes) than read back ({r.predicted_cached_tokens:,}) in the replay: move "
                                "breakpoints to content that repeats, or drop them on one-off prompts")
    rpm = data.get("requests_per_minute_per_prefix", {}).get("value", 15)
    if m.requests:
        unexplained = m.classes["unexplained"]
        if m.actual < 0.8 * m.predicted:
            s.advice.append(
                f"actual cached tokens are {m.actual:,} vs {m.predicted:,} predicted: requests likely land on "
                f"machines without the prefix (routing/eviction); set prompt_cache_key per prefix and keep each "
                f"prefix+key under ~{rpm} requests/minute (smooth bursts)")
        elif unexplained.requests:
            s.advice.append(f"{unexplained.requests} requests missed a prefix the replay had cached "
                            f"(routing/eviction); prompt_cache_key helps keep a prefix on one machine")
        if m.classes["idle_gap"].requests:
            s.advice.append(
                f"{m.classes['idle_gap'].requests} requests came after the cache had idled out "
                f"(> {int(driver.ttl)} s); consider prompt_cache_retention='24h' where supported")
        if m.classes["prefix_broken"].requests:
            s.advice.append(f"{m.classes['prefix_broken'].requests} requests left their group's static prefix "
                            "before the final user turn: see where in the top offenders table (file:line and "
                            "the text on both sides)")
        if s.whatif and m.layout_usd > 0:
            s.advice.append(f"moving the volatile lines listed in the what-if table after the static prefix "
                            f"would have cached {m.layout_tokens:,} more tokens (${m.layout_usd:.4f})")
        for reason, b in sorted(m.bounds.items(), key=lambda kv: -kv[1].requests):
            from .replay import BOUND_REASONS

            ex = ", ".join(f"{w} ({a:,} > {u:,})" for w, a, u in b.examples[:3])
            s.advice.append(f"{b.requests} requests cached more than the replay's upper bound "
                            f"(+{b.tokens:,} tokens): {BOUND_REASONS.get(reason, reason)}; e.g. {ex}")
    return s


def _add_ttl(s: ReplaySummary, reports: list) -> None:
    """The cache-write economics in the summary: their classes join the misses table (and so the
    ledger's avoidable misses), their findings the advice; ``s.ttl`` is Anthropic's (5 m vs 1 h)."""
    from .economics import TTL_CLASSES

    s.writes = reports
    for c in TTL_CLASSES:
        rows = [r.classes[c] for r in reports]
        if any(row[0] for row in rows):
            s.misses[c] = ClassStats(sum(r[0] for r in rows), sum(r[1] for r in rows),
                                     float(sum(r[2] for r in rows)), sum(r[3] for r in rows),
                                     float(sum(r[4] for r in rows)))
    for rep in reports:
        if rep.unread_writes:
            s.advice.append(f"{rep.regime}: {rep.unread_writes:,} cache writes ({rep.unread_tokens:,} tokens) expired "
                            f"without a single read, ${float(rep.unread_usd):.4f} of write premium for nothing: "
                            "drop those breakpoints or put them on content that repeats")
    ttl = next((r for r in reports if r.regime == "anthropic"), None)
    if ttl is None:
        return
    s.ttl = ttl
    if ttl.writes_1h:
        s.advice.append(f"Anthropic 1 h writes: {ttl.paid_back_1h:,} of {ttl.writes_1h:,} prefixes paid back "
                        f"(their premium over 5 m writes ${float(ttl.premium_1h_usd):.4f}; the re-writes their reads "
                        f"after more than 5 minutes avoided ${float(ttl.saved_1h_usd):.4f})")
    if ttl.rewrite_requests:
        s.advice.append(f"Anthropic 5 m writes: {ttl.rewrite_requests:,} requests wrote an expired prefix again "
                        f"within the hour ({ttl.rewrite_tokens:,} tokens, idle-gap misses "
                        f"${float(ttl.idle_gap_usd):.4f}; 1 h writes would have cost "
                        f"${float(ttl.premium_for_1h_usd):.4f} more): mark prefixes read every 5-60 minutes "
                        "with cache_control ttl '1h'")
    if ttl.no_time:
        s.advice.append(f"{ttl.no_time:,} Anthropic requests have no timestamp: 5 m vs 1 h writes not judged "
                        "for them")


def run_audit(paths: Iterable[str], reader_options: ReaderOptions | None = None,
              options: AuditOptions | None = None, progress: Callable[[int, int], None] | None = None,
              reader: str | None = None) -> AuditReport:
    before = sys.getswitchinterval()
    if options is None or options.replay:
        sys.setswitchinterval(min(before, _SWITCH_INTERVAL))
    try:
        return _run_audit(paths, reader_options, options, progress, reader)
    finally:
        sys.setswitchinterval(before)


def _run_audit(paths: Iterable[str], reader_options: ReaderOptions | None = None,
               options: AuditOptions | None = None, progress: Callable[[int, int], None] | None = None,
               reader: str | None = None) -> AuditReport:
    from .readers.registry import pick_reader

    reader_options = reader_options or ReaderOptions()
    options = options or AuditOptions()
    data = _legacy_data()
    mult = Decimal(str(data.get("batch_price_multiplier", {}).get("value", 0.5)))
    ledger = Ledger(mult, options.model_map)
    errors = ReadErrors()
    driver = _ReplayDriver(options, data) if options.replay else None
    paths = list(paths)
    sizes = [os.path.getsize(p) if os.path.isfile(p) else 0 for p in paths]
    total_bytes = sum(sizes)
    files = []
    done_before = 0
    notes: list[str] = []
    for path, size in zip(paths, sizes):
        if not os.path.exists(path):
            errors.add(path, None, "no such file")
            continue
        try:  # an unreadable file (or one that ends early) costs only its own remaining lines
            rd = pick_reader(path, reader)
            if rd is None:
                errors.add(path, None, "not a log format pcache audit reads (JSONL, Batch output, Usage API "
                                       "JSON/CSV, span exports, VCR cassettes)")
                continue
            files.append((path, rd.name))

            def tick(done: int, _total: int, base=done_before) -> None:
                if progress is not None:
                    progress(base + done, total_bytes)

            for rec in rd.read(path, reader_options, errors, tick):
                if rec.usage is None:
                    continue
                if options.model_map and rec.model in options.model_map:
                    rec.model = options.model_map[rec.model]
                ledger.add(rec)
                if driver is not None:
                    driver.add(rec, ledger)
        except InputError as exc:
            errors.add(path, None, f"{exc.message}" + (f" (line {exc.line})" if exc.line else ""))
        except OSError as exc:
            errors.add(path, None, exc.strerror or str(exc))
        done_before += size
    if progress is not None:
        progress(total_bytes, total_bytes)

    rows = ledger.priced_rows()
    summary = Totals()
    models: dict[str, Totals] = {}
    days: dict[str, Totals] = {}
    model_days: dict[tuple, Totals] = {}
    for model, _prov, day, batch, tot in rows:
        summary.merge(tot)
        models.setdefault(model, Totals()).merge(tot)
        days.setdefault(day, Totals()).merge(tot)
        model_days.setdefault((model, day, batch), Totals()).merge(tot)
    for agg in [summary, *models.values(), *days.values(), *model_days.values()]:
        if agg.unpriced_requests and agg.unpriced_requests == agg.requests:
            agg.cost_usd = agg.cost_without_cache_usd = None
    if ledger.unpriced:
        notes.append("no genai-prices price for: " + ", ".join(
            f"{m} ({n} requests)" for m, n in sorted(ledger.unpriced.items())) +
            "; costs exclude them (map with --model-map NAME=MODEL)")

    replay = None
    groups: list = []
    if driver is not None:
        driver.finish()
        ttl = driver.ttl_report(ledger)
        for (model, day, batch), (lt, lu, at, au) in driver.left_rows.items():
            for agg in (summary, models.setdefault(model, Totals()), days.setdefault(day, Totals()),
                        model_days.setdefault((model, day, batch), Totals())):
                agg.add_left(lt, lu, at, au)
        replay = _summary(driver, data, ledger)
        _add_ttl(replay, ttl)
        if driver.no_time and driver.any_time:
            notes.append(f"{driver.no_time} replayed requests had no timestamp; replayed at the time of the "
                         "previous request")
        elif driver.no_time and not driver.any_time:
            notes.append("the log has no timestamps: requests were replayed in file order without idle expiry")
        ranked = sorted(driver.main.groups.values(),
                        key=lambda g: (-g.wasted_usd, -(g.possible_cached - g.actual_cached), g.key))
        shown = [g for g in ranked if g.requests > 1 or g.wasted_usd > 0][:options.top_groups]
        ids = {id(g) for g in shown}
        rest = [g for g in ranked if id(g) not in ids]
        other_groups = {"groups": len(rest), "requests": sum(g.requests for g in rest),
                        "wasted_usd": sum(g.wasted_usd for g in rest),
                        "left_tokens": sum(g.left_tokens for g in rest)}
        groups = shown
        _annotate_divergence(groups)
        if options.redact and replay is not None:
            for c in replay.changes:
                c["lines"] = redact_text(c["lines"]) if c["lines"] else c["lines"]
        if options.redact:
            for g in groups:
                if g.example:
                    g.example = dict(g.example, text=redact_text(g.example.get("text")),
                                     before=redact_text(g.example.get("before")),
                                     previous_text=redact_text(g.example.get("previous_text")),
                                     request=redact_text(g.example.get("request")),
                                     previous=redact_text(g.example.get("previous")))
    from .ledger import money_ledger

    return AuditReport(summary, sorted(((m, t, ledger.price_ids.get(m)) for m, t in models.items()),
                                       key=lambda x: -(x[1].cost_usd or 0)),
                       sorted(days.items()), [(m, d, b, t) for (m, d, b), t in sorted(model_days.items())],
                       replay, groups, errors, files, dict(ledger.unpriced), notes, money_ledger(summary, replay),
                       other_groups if driver is not None else None)


def _annotate_divergence(groups: list) -> None:
    """What differs at each group's divergence: the kinds of the volatile literals (the PC102 detectors
    of ``analyzers/volatile.py``) on the line where the two requests part, on either side, and their
    volatility class as lint judges it (``analyzers/volatility.py``: the most volatile one); text that
    differs with no volatile value is ``content`` of unknown volatility."""
    from ..volatile import find_volatile
    from ..volatility import RANK, classify_literal

    for g in groups:
        ex = g.example
        if not ex or ex.get("text") is None:
            continue
        before = (ex.get("before") or "").rsplit("\n", 1)[-1]  # the start of the line
        hits = []
        for side in (ex.get("text") or "", ex.get("previous_text") or ""):
            line = before + side.split("\n", 1)[0]
            hits.extend(v for v in find_volatile(line) if v.end > len(before))
        ex["volatile_kinds"] = list(dict.fromkeys(v.kind for v in hits))
        classes = [classify_literal(v).cls for v in hits]
        ex["volatility"] = min(classes, key=lambda c: RANK.get(c, 99)) if classes else "unknown"

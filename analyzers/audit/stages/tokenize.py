"""Stage 1, tokenize+hash: a batch of Records -> one ``Prepared`` (or ``Skip``) per record.

Stateless as far as results go: the per-process caches below (one tokenizer and encoder per worker, the
price weights, the cache models) only save time.  Records come as (seq, Record) pairs, ``seq`` being the
record's position in the input (file order), which the later stages use to break ties.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from typing import Callable

from ...errors import PcacheError
from ...model import Segment
from ..hidden import server_side_content
from ..readers.interface import Record
from ..tokens import TokenEncoder
from .types import Prepared, Skip, StageOptions

# genai-prices provider id (of a log's host/provider field) -> ``--provider`` name of a cache regime.
REGIME_PROVIDER = {"openai": "openai", "azure": "azure", "anthropic": "anthropic", "google": "gemini",
                   "google-vertex": "gemini", "deepseek": "deepseek"}
# usage shapes that name their provider when the log does not
SELF_HOSTED = ("vllm", "sglang", "llamacpp")
_SHAPE_PROVIDER = {"anthropic": "anthropic", "gemini": "gemini", "deepseek": "deepseek"}


def tokenize_batch(records: list[tuple[int, Record]], options: StageOptions) -> list[Prepared | Skip]:
    """One ``Prepared`` or ``Skip`` per record, in the order given (records without usage are not
    replayed and must not be passed)."""
    return _state(options).prepare(records)


_STATES: dict = {}


def _state(options: StageOptions) -> "_Preparer":
    st = _STATES.get(options)
    if st is None:
        _STATES.clear()
        st = _STATES[options] = _Preparer(options)
    return st


def scope_of(kind: str, model: str, head, extra: str = "") -> str:
    """The cache scope of a request: ``kind`` and ``model`` (and the regime/provider in ``extra``) plus a
    hash of its leading tokens ``head`` (see the interface docstring for how many)."""
    h = hashlib.blake2b(head.tobytes() if hasattr(head, "tobytes") else bytes(head), digest_size=8,
                        person=b"pcache-scope").hexdigest()
    return f"{kind}|{model}|{extra}|{h}"


class _Preparer:
    def __init__(self, options: StageOptions):
        from decimal import Decimal

        from ..ledger import Ledger
        from ..whatif import VolatileFinder
        from ...providers.registry import regime_model

        self.options = options
        self.finder = VolatileFinder(options.volatile) if options.whatif else None
        self.tok = _Tokenizer(self.finder)
        self.encoder = TokenEncoder(threaded=False)
        self.prices = Ledger(Decimal(options.batch_multiplier), dict(options.model_map))
        self.legacy = regime_model("openai-legacy")
        self.weights: dict = {}
        self.regimes: dict = {}
        self.cms: dict = {}

    # -- per record checks (as the records are read) -----------------------------------------------

    def weight(self, rec: Record) -> float:
        key = (rec.model, rec.provider, rec.batch)
        w = self.weights.get(key)
        if w is None:
            from ...pricing import model_prices

            w = 0.0
            pk = self.prices.price_key(rec.model, rec.provider)
            if pk is not None:
                mp = model_prices(*pk[0])
                if mp.cached_input is not None:
                    w = float(mp.input - mp.cached_input) / 1e6
                    if rec.batch:
                        w *= float(self.prices.batch_multiplier)
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
        from ...providers.registry import UnknownProviderError, regime_id_for

        prov = self.options.provider
        if prov is None:
            prov = REGIME_PROVIDER.get(rec.provider or "")
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

    def cache_model(self, model: str | None, prov: str | None):
        key = (model, prov)
        if key not in self.cms:
            from ...providers.registry import cache_model_for

            try:
                self.cms[key] = cache_model_for(model, prov)
            except PcacheError as exc:
                self.cms[key] = exc
        got = self.cms[key]
        if isinstance(got, PcacheError):
            raise got
        return got

    def classify(self, seq: int, rec: Record):
        """("legacy", model) / ("regime", (model, regime, prov, cm)) / a Skip."""
        if rec.request is None:
            return Skip(seq, "no request text")
        model = rec.model or rec.request.get("model") or ""
        regime, prov = self.regime_of(rec, model)
        if regime is None:
            return Skip(seq, prov or "no cache model")
        if regime != "openai-legacy":
            from ...sources.jsonl import body_kind_any

            if body_kind_any(rec.request) is None:
                return Skip(seq, "request body not renderable")
            try:
                cm = self.cache_model(model or None, prov)
            except PcacheError as exc:
                return Skip(seq, exc.message if hasattr(exc, "message") else str(exc))
            return "regime", (model, regime, prov, cm)
        if rec.usage.shape not in ("chat", "responses"):
            return Skip(seq, "not an OpenAI-style cache")
        try:
            self.tok.encoding(model)
        except PcacheError:
            return Skip(seq, "unknown tokenizer")
        return "legacy", model

    # -- batches ------------------------------------------------------------------------------------

    def prepare(self, records: list[tuple[int, Record]]) -> list[Prepared | Skip]:
        out: dict[int, Prepared | Skip] = {}
        legacy: dict[str, list] = {}
        regime: list = []
        for seq, rec in records:
            got = self.classify(seq, rec)
            if isinstance(got, Skip):
                out[seq] = got
            elif got[0] == "legacy":
                legacy.setdefault(got[1], []).append((seq, rec))
            else:
                regime.append((seq, rec, got[1]))
        for model, items in legacy.items():
            for seq, p in self.prepare_legacy(model, items):
                out[seq] = p
        if regime:  # (its imports, the prompt sources of ``scan``, cost 70 ms a process: only when needed)
            for seq, p in self.prepare_regime(regime):
                out[seq] = p
        return [out[seq] for seq, _ in records]

    def prepare_legacy(self, model: str, items: list):
        tok, enc_ = self.tok, self.encoder
        whatif = self.finder is not None
        try:
            enc, toks, alt, extra = tok.done(tok.start(model, [r.request for _, r in items], whatif, enc_), enc_)
        except Exception:  # noqa: BLE001 - a body the renderer cannot handle: item by item
            enc, toks, alt, extra = None, [], [], []
            for _, r in items:
                try:
                    e, t1, a1, x1 = tok.tokenize(model, [r.request], whatif)
                    enc = e
                    toks.append(t1[0])
                    alt.append(a1[0])
                    extra.append(x1[0])
                except Exception:  # noqa: BLE001
                    toks.append(None)
                    alt.append(None)
                    extra.append(([], None, False))
        step = self.legacy.step
        for (seq, rec), t, a, (lines, static_end, estimate) in zip(items, toks, alt, extra):
            if t is None:
                yield seq, Skip(seq, "request body not renderable")
                continue
            u = rec.usage
            where = f"{rec.path}:{rec.line}" if rec.line else (f"{rec.path} id {rec.id}" if rec.id else rec.path)
            key = rec.request.get("prompt_cache_key") if isinstance(rec.request, dict) else None
            head = (a if a is not None else t)[:step]
            change = ""
            if lines and self.finder is not None:
                from ..whatif import mask_line

                change = " / ".join(dict.fromkeys(mask_line(x, self.finder) for x in lines))
            yield seq, Prepared(
                seq, "legacy", scope_of("legacy", model, head), rec.time, model, rec.model, rec.provider,
                rec.batch, u.input_tokens, u.cached_tokens, u.cached_known, u.cache_write_tokens,
                u.cache_write_1h_tokens, u.output_tokens, t, estimate, rec.diagnosis,
                weight=self.weight(rec), normalized=a, static_end=static_end,
                name=rec.id or f"{os.path.basename(rec.path)}:{rec.line}", where=where, change=change,
                change_where=f"{rec.path}:{rec.line}" if rec.line else rec.path,
                cache_key=key if isinstance(key, str) else None, hidden=server_side_content(rec.request),
                cm_model=rec.model or None,
                cm_provider=self.options.provider or REGIME_PROVIDER.get(rec.provider or ""))

    def prepare_regime(self, items: list):
        from ...providers.boundaries import request_for
        from ...scan import tokenize_corpus
        from ...sources.jsonl import body_kind_any, body_prompt
        from ...tokenizer import resolve_model

        prompts, kept = [], []
        for seq, rec, info in items:
            _model, regime, _prov, _cm = info
            try:
                p = body_prompt(body_kind_any(rec.request) or "openai", rec.request,
                                rec.id or f"{rec.path}:{rec.line}", rec.path, line=rec.line)
            except Exception:  # noqa: BLE001 - a body the renderer cannot handle
                yield seq, Skip(seq, "request body not renderable")
                continue
            p.model = rec.model or p.model
            try:
                resolve_model(p.model or "")
            except PcacheError:
                if regime not in SELF_HOSTED:
                    yield seq, Skip(seq, "unknown tokenizer")
                    continue
                p.model, p.estimate = "o200k_base", True  # a local model's tokenizer: estimated
            prompts.append(p)
            kept.append((seq, rec, info))
        if not prompts:
            return
        try:
            tokenized, _warnings = tokenize_corpus(prompts, None)
        except PcacheError:
            for seq, _rec, _info in kept:
                yield seq, Skip(seq, "unknown tokenizer")
            return
        for (seq, rec, (model, regime, prov, cm)), tp in zip(kept, tokenized):
            req = request_for(tp, rec.time)
            u = rec.usage
            sim_provider = self.options.provider or rec.provider
            head = req.tokens[:max(cm.minimum, 1) if rec.model else 1]
            yield seq, Prepared(
                seq, "regime", scope_of("regime", rec.model or "", head, f"{regime}|{sim_provider}"), rec.time,
                rec.model or "", rec.model, rec.provider, rec.batch, u.input_tokens, u.cached_tokens,
                u.cached_known, u.cache_write_tokens, u.cache_write_1h_tokens, u.output_tokens, req.tokens,
                tp.prompt.estimate, rec.diagnosis, regime=regime, cm_model=model or None, cm_provider=prov,
                request=req)


class _Tokenizer:
    """Request body -> token array (framing from analyzers/framing.py when available)."""

    def __init__(self, finder=None):
        self.finder = finder
        self.encodings: dict[str, object] = {}
        self.tools: dict[str, list] = {}  # JSON of a tool list -> the first such list seen
        from ...framing import render_body
        from ..whatif import move_volatile_lines

        self.render = render_body
        self.move_lines = move_volatile_lines  # (imported once: an import per request cost 1.3 us)

    def encoding(self, model: str):
        enc = self.encodings.get(model)
        if enc is None:
            from ...tokenizer import encoding_for, resolve_model

            choice = resolve_model(model)
            enc = self.encodings[model] = encoding_for(choice.model)
        return enc

    def segments(self, body: dict) -> tuple[list[Segment], list]:
        """(segments, memoised message chunks among them: ``framing.Rendered.chunks``)."""
        r = self.render(self._shared_tools(body))
        return r.segments, r.chunks

    def render_segments(self, body: dict) -> tuple[tuple[list[Segment], list], bool]:
        """((segments, chunks), whether the rendering relies on undocumented framing)."""
        r = self.render(self._shared_tools(body))
        return (r.segments, r.chunks), r.estimate

    def _shared_tools(self, body: dict) -> dict:
        """The body with its tool list replaced by the first equal one seen: each log line parses its
        own copy of the same tools, and the renderer caches tool definitions by object identity."""
        tools = body.get("tools")
        if not isinstance(tools, list) or not tools:
            return body
        try:
            # marshal tells the same JSON values apart as json.dumps does (1, 1.0 and true differ), and
            # is several times faster than repr.  Equal bytes are equal values (marshal.loads gives the
            # value back), so a hit is exact; version 4's back-references follow reference counts, so
            # equal values can give unequal bytes, which costs only a second entry (json.loads shares a
            # line's equal keys, so a log's lines give the same bytes).  Version 4 takes about half the
            # time of version 2 here, which writes no back-references.
            key = marshal.dumps(tools, 4)
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

    def whatif_segments(self, body: dict, segs) -> tuple[tuple | None, list[str]]:
        """The what-if layout of one body: whole volatile lines moved (``move_volatile_lines``);
        a body that is not an OpenAI request gets its literals moved instead."""
        new, lines = self.move_lines(body, self.finder)
        if new is None:
            return None, []
        return self.segments(new), lines

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
            marks.append(final_turn_mark(segs[0]))
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
        encoder = TokenEncoder(threaded=False)
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
        from ...tokenizer import decode_marked

        return lambda tokens: decode_marked(enc, tokens)


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

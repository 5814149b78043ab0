"""The values that cross the audit stages (see ``interface.py``): picklable dataclasses."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field, fields
from decimal import Decimal
from operator import attrgetter

from ..usd import Usd


@dataclass(frozen=True)
class StageOptions:
    """Everything a worker needs (no open files, no caches): built once by ``stage_options``."""

    ttl: float
    optimistic_ttl: float
    whatif: bool
    volatile: tuple[str, ...] = ()
    provider: str | None = None
    max_blocks: int = 4_000_000
    model_map: tuple[tuple[str, str], ...] = ()
    batch_multiplier: Decimal = Decimal("0.5")
    rpm_limit: float = 15.0
    reorder_window: int = 2000


@dataclass
class Skip:
    """A record the replay cannot use, and why (counted per reason in the report)."""

    seq: int
    reason: str
    n: int = 1


@dataclass
class Prepared:
    """One request after tokenize+hash: all the replay needs, nothing of the request body.

    ``kind`` "legacy": the OpenAI legacy block replay (``replay.Replayer``); "regime": another cache
    regime's simulator (``providers``).  ``order``/``at`` are set by ``order_requests``."""

    seq: int  # read order (file order, files in the order given)
    kind: str  # legacy | regime
    scope: str  # partition key (see the module docstring)
    time: float | None  # the log's timestamp
    model: str  # the model the request was rendered for
    record_model: str | None  # Record.model (ledger rows, accounting keys)
    provider: str | None  # Record.provider
    batch: bool
    input_tokens: int  # usage: total input (caps predictions)
    cached_tokens: int
    cached_known: bool
    cache_write_tokens: int
    cache_write_1h_tokens: int
    output_tokens: int
    tokens: array  # the rendered request's tokens (legacy) / the CacheRequest's (regime)
    estimate: bool = False
    diagnosis: object = None  # providers.diagnostics.CacheDiagnosis, when the response carried one
    # legacy
    weight: float = 0.0  # USD saved per cached token
    normalized: array | None = None  # the what-if layout's tokens (None: nothing moved)
    static_end: int | None = None
    name: str = ""
    where: str = ""
    change: str = ""  # the moved lines, masked (the what-if table's row label)
    change_where: str = ""  # file:line shown as the what-if row's example
    cache_key: str | None = None  # prompt_cache_key
    hidden: str = ""  # content the server adds that the body does not carry (hidden.server_side_content)
    # the cache model that prices it: providers.registry.cache_model_for(cm_model, cm_provider)
    cm_model: str | None = None
    cm_provider: str | None = None
    # regime
    regime: str = ""
    request: object = None  # providers.interface.CacheRequest
    # set by order_requests
    order: int = -1
    at: float = 0.0

    def __reduce__(self):
        # A plain tuple, token arrays as bytes: a sixth of the default pickling's cost (a dataclass's
        # __dict__ of 32 names, arrays through array's own reducer), paid twice per request with --jobs.
        values = _prepared_values(self)
        return _prepared, (values[:_TOKENS], _as_bytes(values[_TOKENS]), _as_bytes(values[_NORMALIZED]),
                           values[_TOKENS + 1:_NORMALIZED] + values[_NORMALIZED + 1:])


_PREPARED_FIELDS = tuple(f.name for f in fields(Prepared))
_prepared_values = attrgetter(*_PREPARED_FIELDS)
_TOKENS = _PREPARED_FIELDS.index("tokens")
_NORMALIZED = _PREPARED_FIELDS.index("normalized")
assert _TOKENS < _NORMALIZED


def _as_bytes(tokens):
    return tokens.tobytes() if isinstance(tokens, array) and tokens.typecode == "I" else tokens


def _as_array(raw):
    if not isinstance(raw, bytes):
        return raw
    out = array("I")
    out.frombytes(raw)
    return out


def _prepared(head: tuple, tokens, normalized, rest: tuple) -> Prepared:
    p = object.__new__(Prepared)
    values = (*head, _as_array(tokens), *rest[:_NORMALIZED - _TOKENS - 1], _as_array(normalized),
              *rest[_NORMALIZED - _TOKENS - 1:])
    p.__dict__.update(zip(_PREPARED_FIELDS, values))
    return p


@dataclass
class PartialLedger:
    """What a partition's replay (or the ordering / skipping steps) adds to the report: sums only."""

    # OpenAI legacy replay (replay.Replayer)
    requests: int = 0
    input_tokens: int = 0
    replayed_tokens: int = 0
    actual: int = 0
    predicted: int = 0
    optimistic: int = 0
    ideal: int = 0
    token_mismatch: int = 0
    layout_tokens: int = 0
    actual_usd: Usd = field(default_factory=Usd)
    predicted_usd: Usd = field(default_factory=Usd)
    optimistic_usd: Usd = field(default_factory=Usd)
    layout_usd: Usd = field(default_factory=Usd)
    classes: dict = field(default_factory=dict)  # miss class -> replay.ClassStats
    groups: dict = field(default_factory=dict)  # group key -> replay.GroupStats
    bounds: dict = field(default_factory=dict)  # reason -> replay.BoundStats
    peak_blocks: int = 0  # largest live block store of one partition
    # what-if layout replay
    alt_predicted: int = 0
    alt_optimistic: int = 0
    alt_predicted_usd: Usd = field(default_factory=Usd)
    moved_requests: int = 0
    changes: dict = field(default_factory=dict)  # masked moved lines -> [first order, example, requests, tokens, Usd]
    # (model, day, batch) -> [layout tokens, layout Usd, avoidable tokens, avoidable Usd]
    left_rows: dict = field(default_factory=dict)
    traffic: dict = field(default_factory=dict)  # (group, prompt_cache_key) -> TrafficStats
    diagnoses: dict = field(default_factory=dict)  # (vendor verdict, pcache class) -> requests
    econ: dict = field(default_factory=dict)  # regime -> economics.TtlEconomics (regimes that bill writes)
    # (regime, model, provider, batch) -> token sums of actual and predicted reads/writes (see ``Sums``)
    sums: dict = field(default_factory=dict)
    # ordering and skips
    skipped: dict = field(default_factory=dict)  # reason -> [first seq, requests]
    out_of_order: int = 0
    no_time: int = 0
    any_time: bool = False


def stage_options(options, data: dict) -> StageOptions:
    """The picklable ``StageOptions`` of an ``engine.AuditOptions`` and the OpenAI legacy data."""
    ttl_d = data.get("idle_ttl_seconds", {})
    return StageOptions(
        ttl=options.ttl if options.ttl is not None else float(ttl_d.get("value", 300)),
        optimistic_ttl=options.optimistic_ttl if options.optimistic_ttl is not None else float(
            ttl_d.get("optimistic", 3600)),
        whatif=bool(options.whatif), volatile=tuple(options.volatile), provider=options.provider,
        max_blocks=options.max_blocks, model_map=tuple(sorted((options.model_map or {}).items())),
        batch_multiplier=Decimal(str(data.get("batch_price_multiplier", {}).get("value", 0.5))),
        rpm_limit=float(data.get("requests_per_minute_per_prefix", {}).get("value", 15)),
        reorder_window=options.reorder_window)


def pack_prepared(items: list) -> list:
    """A batch of stage-1 results (``Prepared`` | ``Skip``) in a form that pickles small: each token
    array as the prefix it shares with the previous array of the same scope in the batch plus its own
    tail (requests of one scope repeat thousands of tokens of system prompt and tools; sending them
    between processes is most of ``--jobs``' traffic).  ``unpack_prepared`` gives the batch back equal."""
    out: list = []
    last: dict[str, tuple[int, array]] = {}  # scope -> (index in the batch's arrays, array)
    count = 0
    for p in items:
        if not isinstance(p, Prepared) or not isinstance(p.tokens, array) or p.tokens.typecode != "I":
            out.append(p)
            continue
        values = _prepared_values(p)
        tok = _delta(p.tokens, last.get(p.scope))
        last[p.scope] = (count, p.tokens)
        count += 1
        norm = values[_NORMALIZED]
        if isinstance(norm, array) and norm.typecode == "I":
            norm = _delta(norm, (count - 1, p.tokens))
        elif norm is not None:
            out.append(p)  # not an array: as it is (never made by tokenize_batch)
            count -= 1
            continue
        out.append((values[:_TOKENS], tok, values[_TOKENS + 1:_NORMALIZED], norm, values[_NORMALIZED + 1:]))
    return out


def unpack_prepared(packed: list) -> list:
    arrays: list[array] = []
    out: list = []
    for item in packed:
        if not isinstance(item, tuple):
            out.append(item)
            continue
        head, tok, middle, norm, tail = item
        tokens = _undelta(tok, arrays)
        arrays.append(tokens)
        p = object.__new__(Prepared)
        p.__dict__.update(zip(_PREPARED_FIELDS, (*head, tokens, *middle,
                                                  None if norm is None else _undelta(norm, arrays), *tail)))
        out.append(p)
    return out


def _delta(tokens: array, base: tuple[int, array] | None) -> tuple[int, int, bytes]:
    """(index of the base array or -1, tokens shared with it, the rest as bytes)."""
    if base is None:
        return -1, 0, tokens.tobytes()
    from ..replay import common_prefix

    shared = common_prefix(tokens, base[1])
    return base[0], shared, tokens[shared:].tobytes()


def _undelta(spec: tuple[int, int, bytes], arrays: list[array]) -> array:
    index, shared, rest = spec
    out = arrays[index][:shared] if index >= 0 else array("I")
    out.frombytes(rest)
    return out

"""The values that cross the audit stages (see ``interface.py``): picklable dataclasses."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from decimal import Decimal

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

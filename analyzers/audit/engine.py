"""``audit``: the wiring.  Read logs (streaming) into the money ledger, hand the records to a replay
engine, build the report.

    readers -> Record -> ledger.Ledger (tokens, genai-prices costs per model/day)
                      -> engine (engines/: local, in-process or worker processes)
                           tokenize+hash -> scope -> time order -> replay per partition -> merge
                      -> report_of -> stages.report -> AuditReport

An engine that reads the logs itself (``--engine ray``: on a cluster) returns the same ``Audited``
(money ledger, bad lines, files, merged replay ledger) and ``report_of`` builds the same report from
it (``engines/interface.py``).

The stages and what crosses them: ``stages/interface.py``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable

from ..inputs import InputError, why_missing
from .ledger import Ledger, Totals
from .readers.interface import ReadErrors, ReaderOptions
from .stages.report import RegimeReplay, ReplaySummary, redact_text  # noqa: F401 - the report's types

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
    # worker processes for tokenizing and replaying (1: in this process; None: the cores when the logs
    # are large enough to repay starting them, else 1); the report is the same for any value
    jobs: int | None = 1
    engine: str = "local"  # engines/registry.py
    address: str | None = None  # a cluster to join (engines that have one)
    progress_bars: bool = False  # an engine's own progress display on stderr (Ray Data's)


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


def run_audit(paths: Iterable[str], reader_options: ReaderOptions | None = None,
              options: AuditOptions | None = None, progress: Callable[[int, int], None] | None = None,
              reader: str | None = None) -> AuditReport:
    from .engines.local import quiet_gc

    with quiet_gc():
        return _run_audit(paths, reader_options, options, progress, reader)


def _run_audit(paths: Iterable[str], reader_options: ReaderOptions | None = None,
               options: AuditOptions | None = None, progress: Callable[[int, int], None] | None = None,
               reader: str | None = None) -> AuditReport:
    from .engines.registry import engine_for

    reader_options = reader_options or ReaderOptions()
    options = options or AuditOptions()
    paths = list(paths)
    data = _legacy_data()
    mult = Decimal(str(data.get("batch_price_multiplier", {}).get("value", 0.5)))
    stage = None
    if options.replay:
        from .stages.interface import stage_options

        stage = stage_options(options, data)
    kind = engine_for(options.engine)
    if getattr(kind, "reads_logs", False):  # engines/interface.py: a LogEngine reads the logs itself
        from .engines.interface import AuditJob

        job = AuditJob(tuple(paths), reader, reader_options, tuple(sorted(options.model_map.items())), mult, stage,
                       options.jobs, options.address, options.progress_bars)
        return report_of(kind().audit(job), data, options, stage)
    paths = _checked_locations(paths)
    ledger = Ledger(mult, options.model_map)
    errors = ReadErrors()
    engine = None
    if stage is not None:
        engine = kind(stage, _jobs(options.jobs, paths), options.address)
        if getattr(engine, "takes_lines", False):
            engine.bind(ledger, errors, (mult, dict(options.model_map)))
    try:
        files = _read(paths, reader_options, options, progress, reader, ledger, errors, engine)
        from .engines.interface import Audited

        return report_of(Audited(ledger, errors, files, engine.finish() if engine is not None else None), data,
                         options, stage)
    finally:
        if engine is not None:
            engine.close()


def _checked_locations(paths: list) -> list:
    """The files the paths name, every object-storage URL among them (a prefix ending in / stands for
    the objects under it) checked before any work: a missing object or refused credentials is one line."""
    from .storage import check_object, is_url

    if not any(is_url(p) for p in paths):
        return paths
    from .engines.ray_read import expand_locations

    paths = expand_locations(paths)
    for p in paths:
        if is_url(p):
            check_object(p)
    return paths


class _Named:
    """``ReadErrors`` whose lines name a URL's local copy by the URL (``storage.shown``)."""

    def __init__(self, errors: ReadErrors, local: str, name: str):
        self.errors, self.local, self.name = errors, local, name

    def add(self, path: str, line: int | None, message: str) -> None:
        self.errors.add(self.name if path == self.local else path, line, message)


_PARALLEL_BYTES = 8 << 20  # below this much log, worker processes cost more to start than they save


def _jobs(jobs: int | None, paths: list) -> int:
    if jobs is not None:
        return jobs
    from .engines.local import default_jobs

    size = sum(os.path.getsize(p) for p in paths if os.path.isfile(p))
    return default_jobs() if size >= _PARALLEL_BYTES else 1


def _drain(engine) -> None:
    """The lines an engine's workers still parse are accounted before a file-level error (file order)."""
    if engine is not None and hasattr(engine, "drain"):
        engine.drain()


def _read(paths, reader_options, options, progress, reader, ledger, errors, engine) -> list:
    """Read every file into ``ledger`` (and ``engine``); the (path, reader) of the files read.  A URL's
    object is read from a local copy (``storage.local_copy``, through pyarrow) and named by the URL."""
    from .readers.registry import UNKNOWN_FORMAT, pick_reader
    from .storage import is_url, local_copy, shown

    paths = list(paths)
    sizes = [os.path.getsize(p) if not is_url(p) and os.path.isfile(p) else 0 for p in paths]
    total_bytes = sum(sizes)
    files = []
    done_before = 0
    for location, size in zip(paths, sizes):
        if not is_url(location) and not os.path.exists(location):
            errors.add(location, None, why_missing(location))
            continue
        name = shown(location)
        try:  # an unreadable file (or one that ends early) costs only its own remaining lines
            with local_copy(location) as path:
                errs = errors if path == location else _Named(errors, path, name)
                rd = pick_reader(path, reader)
                if rd is None:
                    errs.add(path, None, UNKNOWN_FORMAT)
                    continue
                files.append((name, rd.name))

                def tick(done: int, _total: int, base=done_before) -> None:
                    if progress is not None:
                        progress(base + done, total_bytes)

                if getattr(engine, "takes_lines", False) and hasattr(rd, "records_of_lines"):
                    engine.read_lines(rd.name, path, reader_options, tick, name)  # parsed in the workers
                    _drain(engine)  # a local copy is gone after this block
                else:
                    for rec in rd.read(path, reader_options, errs, tick):
                        if rec.usage is None:
                            continue
                        if path != location:
                            rec.path = name
                        if options.model_map and rec.model in options.model_map:
                            rec.model = options.model_map[rec.model]
                        ledger.add(rec)
                        if engine is not None:
                            engine.add(rec)
        except InputError as exc:
            _drain(engine)
            errors.add(name, None, f"{exc.message}" + (f" (line {exc.line})" if exc.line else ""))
        except OSError as exc:
            _drain(engine)
            errors.add(name, None, exc.strerror or str(exc))
        done_before += size
    _drain(engine)  # the workers' ledger rows and bad lines are all in
    if progress is not None:
        progress(total_bytes, total_bytes)
    return files


def report_of(audited, data: dict, options: AuditOptions, stage) -> AuditReport:
    """The ``AuditReport`` of what an engine computed (``engines.interface.Audited``): the same for every
    engine."""
    ledger, errors, files = audited.ledger, audited.errors, audited.files
    notes: list[str] = []
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
    other_groups = None
    if audited.replay is not None:
        from .stages.interface import report

        rep = report(audited.replay, ledger, data, options, stage)
        for (model, day, batch), (lt, lu, at, au) in rep.left_rows.items():
            for agg in (summary, models.setdefault(model, Totals()), days.setdefault(day, Totals()),
                        model_days.setdefault((model, day, batch), Totals())):
                agg.add_left(lt, lu, at, au)
        replay, groups, other_groups = rep.summary, rep.groups, rep.other_groups
        notes.extend(rep.notes)
    from .ledger import money_ledger

    return AuditReport(summary, sorted(((m, t, ledger.price_ids.get(m)) for m, t in models.items()),
                                       key=lambda x: -(x[1].cost_usd or 0)),
                       sorted(days.items()), [(m, d, b, t) for (m, d, b), t in sorted(model_days.items())],
                       replay, groups, errors, files, dict(ledger.unpriced), notes, money_ledger(summary, replay),
                       other_groups)

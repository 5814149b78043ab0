"""The replay engines of ``pcache audit`` (``--engine``), one file each, listed in ``registry.py``.

An engine is one of two kinds:

``RecordEngine`` (``local``): ``engine.run_audit`` reads every file on this machine (the money ledger
sums every record here) and hands each record with usage to ``add``; ``finish`` returns the merged
``PartialLedger`` that ``stages.report`` turns into the replay report.

``LogEngine`` (``ray``): reads the logs itself (on a cluster: the files are the cluster's work too) and
gives back an ``Audited``: everything the report is built from.  ``engine.run_audit`` builds the same
``AuditReport`` from it as from a record engine's result (``engine.report_of``), so the output is the
same whichever engine computed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Protocol

from ..readers.interface import ReadErrors, Record, ReaderOptions
from ..stages.interface import PartialLedger, StageOptions


class RecordEngine(Protocol):
    name: str

    def __init__(self, options: StageOptions, jobs: int = 1, address: str | None = None): ...

    def add(self, record: Record) -> None:
        """One record (with usage), in read order."""
        ...

    def finish(self) -> PartialLedger:
        """Everything added so far, replayed and merged."""
        ...

    def close(self) -> None:
        """Stop workers (also after an error)."""
        ...


@dataclass(frozen=True)
class AuditJob:
    """What a ``LogEngine`` is asked to compute (picklable: it goes to the cluster's workers)."""

    paths: tuple[str, ...]  # local paths or object-storage URLs, in the order given
    reader: str | None  # --reader (None: sniff each file)
    reader_options: ReaderOptions
    model_map: tuple[tuple[str, str], ...]
    batch_multiplier: Decimal  # the money ledger's Batch discount (provider data)
    stage: StageOptions | None  # the replay's options; None: --no-replay
    jobs: int | None = None  # CPUs of a local session (None: the machine's)
    address: str | None = None  # a cluster to join (None: start one on this machine)
    progress_bars: bool = False  # the engine's own progress display (on stderr)


@dataclass
class Audited:
    """What a ``LogEngine`` gives back: the money ledger of every record with usage, the bad lines (in
    file order, capped as ``ReadErrors`` caps them), the files read with their reader, and the replay's
    merged ``PartialLedger`` (None with --no-replay)."""

    ledger: object  # ledger.Ledger
    errors: ReadErrors
    files: list = field(default_factory=list)  # (location, reader name)
    replay: PartialLedger | None = None


class LogEngine(Protocol):
    name: str
    reads_logs: ClassVar[bool]  # True: ``engine.run_audit`` calls ``audit`` instead of reading

    def audit(self, job: AuditJob) -> Audited:
        ...

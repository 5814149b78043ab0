"""A replay engine runs the stages of ``stages/interface.py`` over the records ``engine.py`` reads.

``engine.run_audit`` reads every file once (the money ledger sums every record in the main process)
and hands each record with usage to the engine's ``add``; ``finish`` returns the merged
``PartialLedger`` that ``stages.report`` turns into the replay report.  One engine per file in this
package, listed in ``registry.py``.
"""

from __future__ import annotations

from typing import Protocol

from ..readers.interface import Record
from ..stages.interface import PartialLedger, StageOptions


class Engine(Protocol):
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

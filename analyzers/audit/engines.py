"""The audit engines, one line each: which function runs the audit stages, and where.

Every engine takes ``(paths, reader_options, options, progress=None, reader=None, **engine_options)``
and returns the same ``AuditReport`` for the same input.  An engine's module is imported only when it
is chosen: Ray is an optional extra, and the default install must not need it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

# name -> (module under pcache.analyzers.audit, function)
ENGINES: dict[str, tuple[str, str]] = {
    "local": ("engine", "run_audit"),  # this process (with --jobs worker processes)
    "ray": ("ray_engine", "run_audit_ray"),  # Ray Data: local mode, or a cluster with --address
}


def engine(name: str) -> Callable:
    module, func = ENGINES[name]
    return getattr(import_module(f"{__package__}.{module}"), func)

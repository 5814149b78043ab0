#!/usr/bin/env python3
"""Prompts in Python source: per-project found / missed / false positives on the committed fixtures.

The expert labels (``tests/fixtures/python/labels.toml``) list, for each fixture file cut from a real
project (``tests/fixtures/SOURCES.md``), the prompts an expert reads in it by their container
(``Class.attribute``, ``function.local``); a negative fixture lists none.  This runs pcache's Python
source on every labelled file and prints, per project: files, labelled prompts, found, missed and
false positives (a prompt pcache reports that the labels do not hold).

The figures for whole source trees of real projects (hand review, tune and blind measure sets) are
in ``benchmarks/PYTHON_SOURCES.md``.

Examples::

    python benchmarks/python_sources.py            # the table
    python benchmarks/python_sources.py --json     # the same as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "python"
LABELS = FIXTURES / "labels.toml"


@dataclass
class Row:
    project: str
    files: int = 0
    labelled: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)


def labels(path: Path = LABELS) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["file"]


def reported(path: Path) -> set[str]:
    """The containers pcache reports for one Python file."""
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.python.source import PythonSource

    text = path.read_text(encoding="utf-8")
    return {p.container for p in PythonSource().load(str(path), text, SourceOptions()).prompts}


def measure(path: Path = LABELS) -> list[Row]:
    rows: dict[str, Row] = {}
    for entry in labels(path):
        row = rows.setdefault(entry["project"], Row(entry["project"]))
        want = set(entry["prompts"])
        got = reported(path.parent / entry["file"])
        row.files += 1
        row.labelled += len(want)
        row.found += len(want & got)
        row.missed += sorted(f"{entry['file']}:{c}" for c in want - got)
        row.false_positives += sorted(f"{entry['file']}:{c}" for c in got - want)
    return sorted(rows.values(), key=lambda r: r.project)


def table(rows: list[Row]) -> str:
    lines = [f"{'project':<16} {'files':>5} {'labelled':>8} {'found':>5} {'missed':>6} {'false pos.':>10}"]
    for r in rows:
        lines.append(f"{r.project:<16} {r.files:>5} {r.labelled:>8} {r.found:>5} {len(r.missed):>6} "
                     f"{len(r.false_positives):>10}")
    total = Row("total", sum(r.files for r in rows), sum(r.labelled for r in rows), sum(r.found for r in rows),
                [m for r in rows for m in r.missed], [f for r in rows for f in r.false_positives])
    lines.append(f"{total.project:<16} {total.files:>5} {total.labelled:>8} {total.found:>5} "
                 f"{len(total.missed):>6} {len(total.false_positives):>10}")
    for r in rows:
        lines += [f"  missed: {m}" for m in r.missed] + [f"  false positive: {f}" for f in r.false_positives]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    rows = measure()
    print(json.dumps([asdict(r) for r in rows], indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

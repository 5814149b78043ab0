"""Score a `pcache scan ROOT --format json` run against the hand labels of labels.py (config fields,
template files, prompt folders).  Usage: python measure.py PROJECT ROOT SCAN_JSON [--labels MODULE].

The scorer of ../config_blind9 (itself round 4's with TOML and JSON-with-comments field reading),
imported unchanged, with this round's labels module first on the path.  Written before the scans."""
from __future__ import annotations

import importlib.util
import os
import sys

_spec = importlib.util.spec_from_file_location(
    "config_blind9_measure", os.path.join(os.path.dirname(__file__), "..", "config_blind9", "measure.py"))
_fifth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fifth)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # this round's labels.py first

score, rows_of, main = _fifth.score, _fifth.rows_of, _fifth.main

if __name__ == "__main__":
    main(sys.argv[1:])

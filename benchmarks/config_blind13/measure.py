"""Score a `pcache scan ROOT --format json` run against the hand labels of labels.py (config fields,
template files, prompt folders).  Usage: python measure.py PROJECT ROOT SCAN_JSON [--labels MODULE].

The scorer of ../config_blind12 (itself ../config_blind9's), imported, with one change written before this
round's scans: a key path that goes on past a string field reads that string as the YAML document it holds
(LocalAI's gallery ``config_file: |`` holds the model's YAML config; its labels name
``config_file.template.function``), and such a field's lines are not looked up (no YAML alias reaches into
a string)."""
from __future__ import annotations

import importlib.util
import os
import sys

import yaml

_spec = importlib.util.spec_from_file_location(
    "config_blind12_measure", os.path.join(os.path.dirname(__file__), "..", "config_blind12", "measure.py"))
_twelfth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_twelfth)
_third = _twelfth._third
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # this round's labels.py first

_field_value, _field_lines = _third.field_value, _third.field_lines


def _split(kp: str):
    """(the key path up to the first string field that holds YAML, the rest) or (kp, None)."""
    parts = _third.parts(kp)
    for i in range(1, len(parts)):
        head = ".".join(str(p) for p in parts[:i])  # labels of this round use simple names only before the string
        yield head, parts[i:]


def field_value(root: str, file: str, kp: str):
    try:
        return _field_value(root, file, kp)
    except (TypeError, KeyError, IndexError):
        for head, rest in _split(kp):
            try:
                data = _field_value(root, file, head)
            except (TypeError, KeyError, IndexError):
                continue
            if isinstance(data, str):
                data = yaml.safe_load(data)
                for p in rest:
                    data = data[p]
                return data
        raise


def field_lines(root: str, file: str, kp: str) -> set[int]:
    try:
        return _field_lines(root, file, kp)
    except (AttributeError, StopIteration, TypeError, ValueError):
        return set()


_third.field_value, _third.field_lines = field_value, field_lines  # the change of this round's scorer
score, rows_of, main = _third.score, _third.rows_of, _third.main

if __name__ == "__main__":
    main(sys.argv[1:])

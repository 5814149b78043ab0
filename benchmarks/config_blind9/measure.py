"""Score a `pcache scan ROOT --format json` run against the hand labels of labels.py (config fields,
template files, prompt folders).  Usage: python measure.py PROJECT ROOT SCAN_JSON [--labels MODULE].

The scorer of ../config_blind8 (itself ../config_blind7's with key paths compared part by part),
imported, with two changes written before this round's scans: a ``.toml`` field's value is read with
``tomllib`` (the third and fourth rounds had no TOML labels; the earlier scorer read every non-JSON file
with PyYAML), and a ``.json`` file that ``json`` rejects is read as JSON with comments (.NET's
``appsettings.json``: ``//`` and ``/* */`` comments outside strings and trailing commas removed; written
before the second split's scan, whose labels are the first on such a file)."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
import tomllib

_spec = importlib.util.spec_from_file_location(
    "config_blind8_measure", os.path.join(os.path.dirname(__file__), "..", "config_blind8", "measure.py"))
_fourth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fourth)
_third = _fourth._third
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # this round's labels.py first

_yaml_or_json = _third.field_value


_JSONC_NOISE = re.compile(r'("(?:[^"\\]|\\.)*")|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def jsonc(text: str):
    """JSON with comments and trailing commas (.NET configuration files)."""
    text = _JSONC_NOISE.sub(lambda m: m.group(1) or "", text.lstrip("\ufeff"))
    return json.loads(_TRAILING_COMMA.sub(r"\1", text))


def field_value(root: str, file: str, kp: str):
    if file.endswith(".toml"):
        with open(os.path.join(root, file), "rb") as fh:
            data = tomllib.load(fh)
    elif file.endswith(".json"):
        try:
            return _yaml_or_json(root, file, kp)
        except json.JSONDecodeError:
            with open(os.path.join(root, file), encoding="utf-8") as fh:
                data = jsonc(fh.read())
    else:
        return _yaml_or_json(root, file, kp)
    for p in _third.parts(kp):
        data = data[p]
    return data


_third.field_value = field_value  # the change of this round's scorer
score, rows_of, main = _third.score, _third.rows_of, _third.main

if __name__ == "__main__":
    main(sys.argv[1:])

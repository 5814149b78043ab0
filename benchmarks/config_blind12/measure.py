"""Score a `pcache scan ROOT --format json` run against the hand labels of labels.py (config fields,
template files, prompt folders).  Usage: python measure.py PROJECT ROOT SCAN_JSON [--labels MODULE].

The scorer of ../config_blind9 (itself round 4's and round 3's), imported, with one change written before
this round's scans: a YAML mapping under an application tag (promptsource's ``!Template`` and
``!TemplateMetadata``, ``yaml.YAMLObject`` subclasses whose fields are the mapping's) is read as the
mapping it is, so a label's key path reaches its fields; other tagged nodes (lm-evaluation-harness's
``!function`` scalars) stay unconstructed, as before."""
from __future__ import annotations

import importlib.util
import os
import sys

import yaml

_spec = importlib.util.spec_from_file_location(
    "config_blind9_measure", os.path.join(os.path.dirname(__file__), "..", "config_blind9", "measure.py"))
_ninth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ninth)
_third = _ninth._third
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # this round's labels.py first


def _tagged(loader, suffix, node):
    return loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode) else None


_third._Loader.add_multi_constructor("!", _tagged)  # the change of this round's scorer
score, rows_of, main = _ninth.score, _ninth.rows_of, _ninth.main

if __name__ == "__main__":
    main(sys.argv[1:])

"""Score a `pcache scan ROOT --format json` run against labels.py.  Usage: python measure.py PROJECT ROOT SCAN_JSON.

The scorer of ../config_blind14 (imported), with one change written before this round's scans: a whole-file label
on a Markdown file with YAML front matter (forge's built-in agents, commands and skills, llmling-agent's sub-agent
files: their loaders read the front matter as settings) has its golden counted on the text after the front matter,
as the earlier scorers do for ``.prompty`` and ``.prompt``."""
from __future__ import annotations

import importlib.util
import os
import re
import sys

_spec = importlib.util.spec_from_file_location(
    "config_blind14_measure", os.path.join(os.path.dirname(__file__), "..", "config_blind14", "measure.py"))
_tenth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tenth)
_third = _tenth._third
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # this round's labels.py first
sys.modules.pop("labels", None)

_FRONT = re.compile(r"\A---[ \t]*\r?\n.*?^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_file_text = _third.file_text


def file_text(root: str, file: str) -> str:
    text = _file_text(root, file)
    if file.endswith(".md"):
        m = _FRONT.match(text)
        text = text[m.end():] if m else text
    return text


_third.file_text = file_text

if __name__ == "__main__":
    _tenth.main(sys.argv[1:])

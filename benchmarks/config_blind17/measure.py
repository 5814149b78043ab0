"""Score a `pcache scan ROOT --format json` run against labels.py.  Usage: python measure.py PROJECT ROOT SCAN_JSON.

The scorer of ../config_blind16 (imported: ``.toml`` fields read by ``tomllib``), unchanged, with one listing added
and written before this round's scans: for a label whose template has Haystack's ``{% message role=... %}`` tag,
``message_content_positions`` scores the reported first-variable token against the text between the tag and the
first variable (what Haystack sends as the message's content), beside the headline golden (the text as written)."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import sys

_spec = importlib.util.spec_from_file_location(
    "config_blind16_measure", os.path.join(os.path.dirname(__file__), "..", "config_blind16", "measure.py"))
_twelfth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_twelfth)
_tenth = _twelfth._tenth
_third = _twelfth._third
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # this round's labels.py first
sys.modules.pop("labels", None)

MESSAGE_TAG = re.compile(r"\{%-?\s*message\b[^%]*-?%\}\n?")


def message_content_positions(root: str, rows: list[dict], spec: dict) -> dict:
    ok, n, bad = 0, 0, []
    for file, kp, syntax, first_var in spec["labels"]:
        if not kp or first_var is None:
            continue
        value = _third.field_value(root, file, kp)
        m = MESSAGE_TAG.search(value)
        if not m or first_var not in value[m.end():]:
            continue
        n += 1
        want = len(_third.ENC.encode(value[m.end():value.index(first_var, m.end())], disallowed_special=()))
        hits = [r for r in rows if r["file"] == file and r["container"] == kp]
        got = hits[0]["token"] if hits else None
        if got is not None and abs(got - want) <= 2:
            ok += 1
        else:
            bad.append((file, kp, want, got))
    return {"message_content_positions": f"{ok}/{n}", "message_content_misses": bad}


def main(argv: list[str]) -> None:
    project, root, scan_path = argv[:3]
    import labels
    spec = labels.PROJECTS[project]
    with open(scan_path, encoding="utf-8") as fh:
        rows = _third.rows_of(json.load(fh), root)
    out = _tenth.score(project, root, rows, labels)
    out.update(message_content_positions(root, rows, spec))
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])

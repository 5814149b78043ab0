"""Score a `pcache scan ROOT --format json` run against labels.py.  Usage: python measure.py PROJECT ROOT SCAN_JSON.

The scorer of ../config_blind15 (imported: config_blind14's, with a Markdown file's front matter left out of a
whole-file golden), with two changes written before this round's scans: a ``.toml`` file's field is read with
``tomllib`` (the earlier scorers read every non-JSON file with PyYAML), and a project's scope may be given as file
names (``scope_files``: every ``git ls-files src/`` path ending so is in scope, BMAD's ``customize.toml``,
``SKILL.md`` and ``module.yaml``)."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tomllib

_spec = importlib.util.spec_from_file_location(
    "config_blind15_measure", os.path.join(os.path.dirname(__file__), "..", "config_blind15", "measure.py"))
_eleventh = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_eleventh)
_tenth = _eleventh._tenth
_third = _eleventh._third
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # this round's labels.py first
sys.modules.pop("labels", None)

_field_value = _third.field_value


def field_value(root: str, file: str, kp: str):
    if not file.endswith(".toml"):
        return _field_value(root, file, kp)
    with open(os.path.join(root, file), "rb") as fh:
        data = tomllib.load(fh)
    for p in _third.parts(kp):
        data = data[p]
    return data


_third.field_value = field_value


def main(argv: list[str]) -> None:
    project, root, scan_path = argv[:3]
    import labels
    spec = labels.PROJECTS[project]
    if spec.get("scope_files"):
        files = subprocess.check_output(["git", "ls-files", "src/"], cwd=root, text=True).split()
        spec["scope"] = [f for f in files if f.endswith(spec["scope_files"])]
    with open(scan_path, encoding="utf-8") as fh:
        rows = _third.rows_of(json.load(fh), root)
    print(json.dumps(_tenth.score(project, root, rows, labels), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])

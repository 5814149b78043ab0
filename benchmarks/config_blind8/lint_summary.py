"""Summarize one `pcache lint . --format json` run at a project root against the hand labels: findings
by rule and severity, on code files (issue #11's other half, not reviewed here) and on config/folder
files, and the config/folder findings whose prompt is neither labelled nor neutral (listed for review).
Usage: python lint_summary.py PROJECT LINT_JSON RC."""
from __future__ import annotations

import collections
import json
import sys

import labels
from measure import CODE


def main(project: str, path: str, rc: str) -> None:
    spec = labels.PROJECTS[project]
    with open(path, encoding="utf-8") as fh:
        findings = json.load(fh)["findings"]
    labelled = {(f, kp) for f, kp, _, _ in spec["labels"]}
    rows = {"exit": int(rc), "findings": len(findings),
            "by_rule": dict(collections.Counter(f"{x['code']} {x['severity']}" for x in findings)),
            "on_code": sum(x["path"].lower().endswith(CODE) for x in findings)}
    other = []
    for x in findings:
        file = x["path"]
        if file.lower().endswith(CODE):
            continue
        kp = x["prompt"].split(":", 1)[1] if ":" in x["prompt"] else ""
        neutral = any((file == f or (f.endswith("/") and file.startswith(f))) and
                      (k == "" or k == kp or (k.startswith("*") and kp.endswith(k[1:]))) for f, k in spec["neutral"])
        key = ".".join(str(p) for p in json.loads(json.dumps(kp)).split("."))
        if (file, kp) in labelled or (file, "") in labelled or neutral or \
                any(f == file and k.replace('["', ".").replace('"]', "") == key for f, k in labelled):
            continue
        other.append(f"{file}:{kp} {x['code']}")
    rows["on_config_and_folders"] = rows["findings"] - rows["on_code"]
    rows["not_on_labelled_or_neutral_prompts"] = other
    print(json.dumps(rows, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:4])

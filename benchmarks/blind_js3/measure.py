"""Score a `pcache scan DIR --format json` run against the hand labels of labels_code.py and
labels_files.py. Usage: python measure.py PROJECT ROOT SCAN_JSON. Positions: tiktoken (o200k_base)
on the labelled prefix, computed here, never by pcache; within +-2 of pcache's first-variable token."""
import json
import os
import re
import sys

import tiktoken

sys.path.insert(0, os.path.dirname(__file__))
import labels_code  # noqa: E402
import labels_files  # noqa: E402

ENC = tiktoken.get_encoding("o200k_base")


def prompt_rows(scan: dict, root: str) -> list[dict]:
    rows = []
    for p in scan["prompts"]:
        rel = os.path.relpath(p["file"], root) if os.path.isabs(p["file"]) else os.path.normpath(p["file"])
        container = p.get("container") or ""
        m = re.search(r"@L(\d+)$", container)
        fv = p.get("first_variable")
        line = int(m.group(1)) if m else (fv["line"] if fv else None)
        rows.append({"file": rel, "container": container, "line": line,
                     "token": fv["token"] if fv else None, "var": fv["name"] if fv else None})
    return rows


def take(rows, used, file, line, hint):
    best, best_score = None, None
    for i, r in enumerate(rows):
        if i in used or r["file"] != file:
            continue
        if hint not in r["container"] and hint != r["var"] and hint != "*":
            continue
        score = 3 if (r["line"] is None or not line) else abs(r["line"] - line)
        base = re.sub(r"@L\d+$", "", r["container"])
        named = base == hint or base.endswith("." + hint)  # its own name: the line may be elsewhere
        if (score <= 8 or named) and (best_score is None or score < best_score):
            best, best_score = i, score
    return best


def score_code(project, root, rows):
    spec = labels_code.PROJECTS[project]
    used, found, pos_ok, pos_n, misses, pos_bad = set(), 0, 0, 0, [], []
    for file, line, hint, prefix in spec["labels"]:
        i = take(rows, used, file, line, hint)
        if i is None:
            misses.append((file, line, hint))
            continue
        used.add(i)
        found += 1
        if prefix is not None:
            pos_n += 1
            want = len(ENC.encode(prefix, disallowed_special=()))
            got = rows[i]["token"]
            if got is not None and abs(got - want) <= 2:
                pos_ok += 1
            else:
                pos_bad.append((file, line, hint, want, got))
    neutral = set()
    for file, line, hint in spec["neutral"]:
        for i, r in enumerate(rows):
            if i in used:
                continue
            in_file = r["file"] == file or (file.endswith("/") and r["file"].startswith(file))
            near = not line or r["line"] is None or abs(r["line"] - line) <= 8
            if in_file and near and (hint == "*" or hint in r["container"]):
                neutral.add(i)
    fps = [rows[i] for i in range(len(rows)) if i not in used and i not in neutral]
    scope = project.split(" (")[1].rstrip(")") if " (" in project else None
    if scope:
        fps = [r for r in fps if r["file"].startswith(scope)]
    return {"expected": len(spec["labels"]), "found": found, "positions": f"{pos_ok}/{pos_n}",
            "fp": len(fps), "misses": misses, "position_misses": pos_bad,
            "false_positives": [(r["file"], r["container"]) for r in fps]}


def score_lobe(root, rows):
    want = labels_files.lobe_agents(root)
    got = {(r["file"], r["container"]) for r in rows}
    found = sum(1 for f, keys in want.items() for k in keys if (f, k) in got)
    fps = [(r["file"], r["container"]) for r in rows if not r["file"].startswith("scripts/")
           and not r["file"].startswith("agent-template")
           and (r["file"], r["container"]) not in {(f, k) for f, ks in want.items() for k in ks}]
    src = {f for f in want if f.startswith("src/")}
    found_src = sum(1 for f in src if (f, "config.systemRole") in got)
    return {"expected": len(want), "found": found, "expected_src": len(src), "found_src": found_src,
            "fp": len(fps), "false_positives": fps[:30]}


def score_copilot(root, rows):
    want = set(labels_files.awesome_copilot(root))
    got_files = {r["file"] for r in rows}
    found = len(want & got_files)
    fps = sorted({r["file"] for r in rows if r["file"] not in want
                  and not labels_files.awesome_copilot_neutral(r["file"])})
    by_family = {}
    for f in want:
        fam = f.split("/")[0]
        by_family.setdefault(fam, [0, 0])
        by_family[fam][0] += 1
        by_family[fam][1] += f in got_files
    return {"expected": len(want), "found": found, "by_family": by_family, "fp": len(fps),
            "false_positives": fps[:40]}


def main(project, root, scan_path):
    with open(scan_path, encoding="utf-8") as fh:
        rows = prompt_rows(json.load(fh), root)
    if project == "lobehub/lobe-chat-agents":
        res = score_lobe(root, rows)
    elif project == "github/awesome-copilot":
        res = score_copilot(root, rows)
    else:
        res = score_code(project, root, rows)
    print(json.dumps(res, ensure_ascii=False).replace("], [", "],\n  ["))


if __name__ == "__main__":
    main(*sys.argv[1:4])

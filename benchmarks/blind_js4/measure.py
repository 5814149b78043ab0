"""Score a `pcache scan DIR --format json` run against the hand labels of labels_code.py.
Usage: python measure.py PROJECT ROOT SCAN_JSON [LABELS_PY] (LABELS_PY: another run's labels_code.py,
default this folder's). Positions: tiktoken (o200k_base) on the labelled
prefix, computed here, never by pcache; within +-2 of pcache's first-variable token. Copied from
blind_js3/measure.py; two changes: a scope may name several folders, and a prompt labelled without a
variable is also checked ("static": pcache must report no first variable for it)."""
import json
import os
import re
import sys

import tiktoken

sys.path.insert(0, os.path.dirname(__file__))
import labels_code  # noqa: E402

ENC = tiktoken.get_encoding("o200k_base")


def prompt_rows(scan: dict, root: str) -> list[dict]:
    rows = []
    for p in scan["prompts"]:
        rel = os.path.relpath(p["file"], root) if os.path.isabs(p["file"]) else os.path.normpath(p["file"])
        container = p.get("container") or ""
        m = re.search(r"@L(\d+)$", container)
        fv = p.get("first_variable")
        # the prompt's own line when the JSON gives it (from 42edd46's successor on), else as before
        line = p.get("line") or (int(m.group(1)) if m else (fv["line"] if fv else None))
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
        # a located prompt far from the label is another function's slot of the same name
        # (`buildMetadataPrompt.content` is not `content` 60 lines up); blind_js3 let it match
        if r["line"] is not None and line and base != hint and score > 8:
            named = False
        if (score <= 8 or named) and (best_score is None or score < best_score):
            best, best_score = i, score
    return best


def score_code(project, root, rows, labels=labels_code):
    spec = labels.PROJECTS[project]
    used, found, pos_ok, pos_n, misses, pos_bad = set(), 0, 0, 0, [], []
    static_ok, static_n, static_bad = 0, 0, []
    for file, line, hint, prefix in spec["labels"]:
        i = take(rows, used, file, line, hint)
        if i is None:
            misses.append((file, line, hint))
            continue
        used.add(i)
        found += 1
        if prefix is None:
            static_n += 1
            if rows[i]["token"] is None:
                static_ok += 1
            else:
                static_bad.append((file, line, hint, rows[i]["var"], rows[i]["token"]))
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
        fps = [r for r in fps if r["file"].startswith(tuple(scope.split()))]
    return {"expected": len(spec["labels"]), "found": found, "positions": f"{pos_ok}/{pos_n}",
            "static": f"{static_ok}/{static_n}", "fp": len(fps), "misses": misses,
            "position_misses": pos_bad, "static_misses": static_bad,
            "false_positives": [(r["file"], r["container"]) for r in fps]}


def main(project, root, scan_path, labels=labels_code):
    with open(scan_path, encoding="utf-8") as fh:
        rows = prompt_rows(json.load(fh), root)
    res = score_code(project, root, rows, labels)
    print(json.dumps(res, ensure_ascii=False).replace("], [", "],\n  ["))


def load_labels(path: str):
    import importlib.util
    spec = importlib.util.spec_from_file_location("labels_" + os.path.basename(os.path.dirname(path)), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    main(*sys.argv[1:4], labels=load_labels(sys.argv[4]) if len(sys.argv) > 4 else labels_code)

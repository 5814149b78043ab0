"""Score a `pcache scan ROOT --format json` run against the hand labels of labels.py (config fields,
template files, prompt folders).  Usage: python measure.py PROJECT ROOT SCAN_JSON [--labels MODULE].

The scorer of ../config_blind13 (itself ../config_blind12's, ../config_blind9's...), imported, with one change
written before this round's scans: a Dotprompt ``.prompt`` file's text is its body after the YAML front matter
(the earlier scorers strip it for ``.prompty`` only), and its positions are listed apart from the headline, as
round 6 listed ``.prompty``: ``dotprompt_positions_body`` (tiktoken o200k on the body's text before the labelled
first variable, role markers as written) and ``dotprompt_positions_chat`` (the body split into chat messages at
its ``{{role "..."}}`` and ``{{history}}`` markers, as Dotprompt renders them: whitespace-only pieces dropped,
each message framed as ChatML, ``<|im_start|>role<|im_sep|>`` 3 tokens and ``<|im_end|>`` 1).  Both within +-2."""
from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import sys

_spec = importlib.util.spec_from_file_location(
    "config_blind13_measure", os.path.join(os.path.dirname(__file__), "..", "config_blind13", "measure.py"))
_ninth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ninth)
_third = _ninth._third
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # this round's labels.py first
ENC = _third.ENC

_FRONT = re.compile(r"\A---[ \t]*\r?\n.*?^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_MARKER = re.compile(r"\{\{\s*(?:role\s+\"[a-z]+\"|history)\s*\}\}")
_file_text = _third.file_text


def file_text(root: str, file: str) -> str:
    text = _file_text(root, file)
    if file.endswith(".prompt"):
        m = _FRONT.match(text)
        text = text[m.end():] if m else text
    return text


_third.file_text = file_text


def chat_tokens(body: str, first_var: str) -> int | None:
    """Tokens before the first variable of a Dotprompt body rendered as chat messages framed as ChatML."""
    pieces, last = [], 0
    for m in _MARKER.finditer(body):
        pieces.append(body[last:m.start()])
        last = m.end()
    pieces.append(body[last:])
    n = 0
    for content in pieces:
        if first_var in content:
            return n + 3 + len(ENC.encode(content[:content.index(first_var)], disallowed_special=()))
        if content.strip():
            n += 3 + len(ENC.encode(content, disallowed_special=())) + 1
    return None


def score(project: str, root: str, rows: list[dict], labels) -> dict:
    spec = labels.PROJECTS[project]
    all_labels = spec["labels"]
    dot = [lab for lab in all_labels if lab[0].endswith(".prompt")]
    spec["labels"] = [lab for lab in all_labels if not lab[0].endswith(".prompt")]
    try:
        head = _third.score(project, root, rows, labels) if spec["labels"] else None
        spec["labels"] = dot
        tail = _third.score(project, root, rows, labels) if dot else None
        spec["labels"] = all_labels
        whole = _third.score(project, root, rows, labels)
    finally:
        spec["labels"] = all_labels
    out = dict(whole)
    out["positions"] = head["positions"] if head else "0/0"
    out["position_misses"] = head["position_misses"] if head else []
    body_ok = chat_ok = n = 0
    bad = []
    for file, kp, syntax, first_var in dot:
        if first_var is None:
            continue
        hit = next((r for r in rows if r["file"] == file), None)
        if hit is None:
            continue
        n += 1
        body = file_text(root, file)
        want_body = len(ENC.encode(body[:body.index(first_var)], disallowed_special=()))
        want_chat = chat_tokens(body, first_var)
        got = hit["token"]
        ok_b = got is not None and abs(got - want_body) <= 2
        ok_c = got is not None and want_chat is not None and abs(got - want_chat) <= 2
        body_ok += ok_b
        chat_ok += ok_c
        if not (ok_b or ok_c):
            bad.append((file, want_body, want_chat, got, hit["var"]))
    out["dotprompt_positions_body"] = f"{body_ok}/{n}"
    out["dotprompt_positions_chat"] = f"{chat_ok}/{n}"
    out["dotprompt_position_misses"] = bad
    if tail:
        out["dotprompt_static"] = tail["static"]
    return out


def main(argv: list[str]) -> None:
    project, root, scan_path = argv[:3]
    labels = importlib.import_module(argv[argv.index("--labels") + 1] if "--labels" in argv else "labels")
    with open(scan_path, encoding="utf-8") as fh:
        rows = _third.rows_of(json.load(fh), root)
    print(json.dumps(score(project, root, rows, labels), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Score a `pcache scan ROOT --format json` run against the hand labels of labels.py (config fields,
template files, prompt folders).  Usage: python measure.py PROJECT ROOT SCAN_JSON [--labels MODULE].

(The scorer of ../config_blind6, with two changes written before the third round's scan: a key path
part may be a quoted key, ``["self_prompting/cot/gpt-4-32k"]``, as pcache names keys that are no simple
names; YAML is read with its application tags (lm-evaluation-harness's ``!function``) left unconstructed.)

Independent of pcache: a field's value is read with PyYAML/json by its key path, a template file's
text from disk (a .prompty's body after its front matter), Jinja comments removed; the expected first-
variable token is tiktoken o200k on the text before the labelled first variable; within +-2.
A reported prompt matches a label of the same file: a field by its key path (or, for a YAML alias
of the labelled text, the line where that text is written), a whole-file label by the file, a
library unit by the key path it sits under.  Every report of one labelled text (aliases, message
parts) counts once.  Code files (.py, .js, .ts...) are the other half of issue #11 and are ignored.
.prompty prompts are rendered as chat messages (their role lines become message framing), so their
position is listed apart and not in the headline."""
from __future__ import annotations

import importlib
import json
import os
import re
import sys

import tiktoken
import yaml

sys.path.insert(0, os.path.dirname(__file__))
ENC = tiktoken.get_encoding("o200k_base")
CODE = (".py", ".pyw", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".mts", ".cts")
_PART = re.compile(r'\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|([^.\[\]]+)')


def parts(kp: str) -> list:
    return [int(m.group(1)) if m.group(1) else json.loads(m.group(2)) if m.group(2) else m.group(3)
            for m in _PART.finditer(kp)]


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def field_value(root: str, file: str, kp: str):
    with open(os.path.join(root, file), encoding="utf-8") as fh:
        text = fh.read()
    data = json.loads(text) if file.endswith(".json") else yaml.load(text, Loader=_Loader)
    for p in parts(kp):
        data = data[p]
    return data


def field_lines(root: str, file: str, kp: str) -> set[int]:
    """Lines (1-based) where a YAML field's text is written: the scalar's start and, for a block
    scalar, its first content line."""
    if not file.endswith((".yaml", ".yml")):
        return set()
    with open(os.path.join(root, file), encoding="utf-8") as fh:
        node = yaml.compose(fh.read())
    for p in parts(kp):
        if isinstance(node, yaml.SequenceNode):
            node = node.value[p]
        else:
            node = next(v for k, v in node.value if k.value == p)
    first = node.start_mark.line + 1
    return {first, first + 1} if node.style in ("|", ">") else {first}


def file_text(root: str, file: str) -> str:
    with open(os.path.join(root, file), encoding="utf-8") as fh:
        text = fh.read()
    if file.endswith(".prompty"):
        m = re.match(r"\A---[ \t]*\r?\n.*?^---[ \t]*(?:\r?\n|\Z)", text, re.S | re.M)
        text = text[m.end():] if m else text
    return text


_ROLE_LINE = re.compile(r"^[ \t]*#*[ \t]*(system|user|assistant|developer|tool)[ \t]*:[ \t]*$", re.I | re.M)


def chatml_tokens(body: str, first_var: str) -> int | None:
    """Tokens before the first variable of a .prompty rendered as chat messages, framed as ChatML
    (o200k: ``<|im_start|>role<|im_sep|>`` = 3 tokens, ``<|im_end|>`` = 1), each role section's text
    stripped as Prompty strips it (added after the blind scan: the first scorer compared .prompty
    positions with the body text, role lines included, which no renderer sends)."""
    body = re.sub(r"\{#.*?#\}", "", body, flags=re.S)
    marks = list(_ROLE_LINE.finditer(body))
    pieces = [body] if not marks else (
        ([body[:marks[0].start()]] if body[:marks[0].start()].strip() else [])
        + [body[m.end():marks[i + 1].start() if i + 1 < len(marks) else len(body)] for i, m in enumerate(marks)])
    n = 0
    for content in pieces:
        content = content.strip()
        n += 3
        if first_var in content:
            return n + len(ENC.encode(content[:content.index(first_var)], disallowed_special=()))
        n += len(ENC.encode(content, disallowed_special=())) + 1
    return None


def prefix(value: str, syntax: str, first_var: str) -> str:
    if syntax == "jinja" or (isinstance(syntax, tuple) and "jinja" in syntax and first_var.startswith("{%")):
        value = re.sub(r"\{#.*?#\}", "", value, flags=re.S)
    head = value[:value.index(first_var)]
    if first_var.startswith(("{{-", "{%-")):
        head = head.rstrip()
    return head


def rows_of(scan: dict, root: str) -> list[dict]:
    rows = []
    for p in scan["prompts"]:
        rel = os.path.relpath(p["file"], root) if os.path.isabs(p["file"]) else os.path.normpath(p["file"])
        if rel.lower().endswith(CODE):
            continue
        fv = p.get("first_variable")
        rows.append({"file": rel, "container": p.get("container") or "", "line": p.get("line"),
                     "syntax": p.get("syntax"), "token": fv["token"] if fv else None,
                     "var": fv["name"] if fv else None})
    return rows


def _under(container: str, key: str) -> bool:
    return container == key or container.startswith((key + ".", key + "["))


def same_key(a: str, b: str) -> bool:
    """A reported key path is the labelled one (compared as written; ../config_blind8 compares part by part)."""
    return a == b


def score(project: str, root: str, rows: list[dict], labels) -> dict:
    spec = labels.PROJECTS[project]
    library = spec.get("kind") == "library"
    used: set[int] = set()
    found = syntax_ok = 0
    pos_ok, pos_n, pty_ok, pty_n, static_ok, static_n, chatml_ok = 0, 0, 0, 0, 0, 0, 0
    misses, syntax_bad, pos_bad, static_bad, pty_bad = [], [], [], [], []
    for file, kp, syntax, first_var in spec["labels"]:
        in_file = [i for i, r in enumerate(rows) if r["file"] == file]
        if library:
            hits = [i for i in in_file if not kp or _under(rows[i]["container"], kp)]
        elif kp:
            hits = [i for i in in_file if same_key(rows[i]["container"], kp) and i not in used]
            if not hits:  # an alias of the labelled text: reported at the line where it is written
                lines = field_lines(root, file, kp)
                hits = [i for i in in_file if rows[i]["line"] in lines and i not in used]
        else:
            hits = list(in_file)
        if not hits:
            misses.append((file, kp))
            continue
        found += 1
        # every report of this text counts once: a YAML alias (``prompt_template: *prompt``) reports the
        # anchor's text again, at the lines where it is written
        used.update(hits if library or not kp else hits[:1])
        if kp and not library:
            lines = field_lines(root, file, kp)
            used.update(i for i in in_file if rows[i]["line"] in lines and i not in used)
        r = rows[hits[0]]
        if library:
            continue
        if (r["syntax"] or None) in (syntax if isinstance(syntax, tuple) else (syntax,)):
            syntax_ok += 1
        else:
            syntax_bad.append((file, kp, syntax, r["syntax"]))
        if first_var is None:
            static_n += 1
            if r["token"] is None:
                static_ok += 1
            else:
                static_bad.append((file, kp, r["var"], r["token"]))
            continue
        value = field_value(root, file, kp) if kp else file_text(root, file)
        want = len(ENC.encode(prefix(value, syntax, first_var), disallowed_special=()))
        ok = r["token"] is not None and abs(r["token"] - want) <= 2
        if file.endswith(".prompty"):
            pty_n += 1
            pty_ok += ok
            framed = chatml_tokens(value, first_var)
            chatml_ok += framed is not None and r["token"] is not None and abs(r["token"] - framed) <= 2
            if not ok:
                pty_bad.append((file, want, framed, r["token"]))
        else:
            pos_n += 1
            pos_ok += ok
            if not ok:
                pos_bad.append((file, kp, want, r["token"], r["var"]))
    neutral = set()
    for file, kp in spec["neutral"]:
        for i, r in enumerate(rows):
            in_file = r["file"] == file or (file.endswith("/") and r["file"].startswith(file))
            if in_file and (kp == "" or same_key(r["container"], kp) or (kp.startswith("*") and r["container"].endswith(kp[1:]))):
                neutral.add(i)
    scope = tuple(spec["scope"])
    fps = [rows[i] for i in range(len(rows)) if i not in used and i not in neutral and rows[i]["file"].startswith(scope)]
    return {"expected": len(spec["labels"]), "found": found,
            "syntax": f"{syntax_ok}/{found}" if not library else "-",
            "positions": f"{pos_ok}/{pos_n}", "prompty_positions": f"{pty_ok}/{pty_n}", "prompty_positions_chatml": f"{chatml_ok}/{pty_n}",
            "static": f"{static_ok}/{static_n}", "fp": len(fps),
            "misses": misses, "syntax_misses": syntax_bad, "position_misses": pos_bad,
            "prompty_position_misses": pty_bad, "static_misses": static_bad,
            "false_positives": [(r["file"], r["container"], r["line"]) for r in fps]}


def main(argv: list[str]) -> None:
    project, root, scan_path = argv[:3]
    labels = importlib.import_module(argv[argv.index("--labels") + 1] if "--labels" in argv else "labels")
    with open(scan_path, encoding="utf-8") as fh:
        rows = rows_of(json.load(fh), root)
    print(json.dumps(score(project, root, rows, labels), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])

"""List the label rows of the thirteenth blind config round by applying the decisions of labels.py's docstring to
the parsed files (PyYAML, json, tomllib, regexes for the first variable).  Run once, before any pcache run on the
trees; its output was read and written into labels.py.  Usage: python make_labels.py /tmp/cfg18/blind"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib

import yaml

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/cfg18/blind"
FORMAT = re.compile(r"(?<!\{)\{(?:[A-Za-z_][A-Za-z0-9_]*|\d+)\}(?!\})")
JINJA = re.compile(r"\{\{-?\s*[^}]+?\s*-?\}\}|\{%-?\s*(?!message\b|endmessage\b)[^%]+?-?%\}")
MESSAGE_TAG = re.compile(r"\{%-?\s*(?:end)?message\b[^%]*%\}")


def first(rx, text):
    m = rx.search(text)
    return m.group(0) if m else None


def only_variables(text: str) -> bool:
    """No text of its own: what is left after the variables (and Haystack's message tags) is blank."""
    return not JINJA.sub("", MESSAGE_TAG.sub("", text)).strip()


def walk(d, p=""):
    if isinstance(d, dict):
        for k, v in d.items():
            yield from walk(v, f"{p}.{k}" if p else str(k))
    elif isinstance(d, list):
        for i, v in enumerate(d):
            yield from walk(v, f"{p}[{i}]")
    elif isinstance(d, str):
        yield p, d


def ls(base, *pats):
    return subprocess.check_output(["git", "ls-files", *pats], cwd=base, text=True).split()


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def readme_ai():
    base = os.path.join(ROOT, "readme-ai")
    rows, neutral = [], []
    d = tomllib.load(open(os.path.join(base, "readmeai/config/settings/prompts.toml"), "rb"))
    for k, v in d["prompts"].items():
        kp = f"prompts.{k}"
        if k.startswith("_"):  # drafts no code reads (get_prompt_template names the five others)
            neutral.append(("readmeai/config/settings/prompts.toml", kp))
        else:
            rows.append(("readmeai/config/settings/prompts.toml", kp, "format", first(FORMAT, v)))
    return rows, neutral


def hayhooks():
    base = os.path.join(ROOT, "hayhooks")
    rows, neutral = [], []
    for f in ls(base, "examples/", "tests/test_files/"):
        if not f.endswith((".yml", ".yaml")):
            continue
        d = yaml.load(open(os.path.join(base, f), encoding="utf-8"), Loader=_Loader)
        for name, comp in ((d or {}).get("components") or {}).items():
            t = (comp or {}).get("type", "")
            tpl = ((comp or {}).get("init_parameters") or {}).get("template")
            if t.endswith(("PromptBuilder",)) and isinstance(tpl, str):
                kp = f"components.{name}.init_parameters.template"
                if only_variables(tpl):
                    neutral.append((f, kp))
                else:
                    rows.append((f, kp, "jinja", first(JINJA, MESSAGE_TAG.sub(lambda m: " " * len(m.group(0)), tpl))))
    rows.append(("examples/pipeline_wrappers/custom_tracing/classification_prompt_template.txt", "", "template",
                 "$pipeline_yaml"))
    return rows, neutral


def pyspur():
    base = os.path.join(ROOT, "pyspur")
    rows, neutral = [], []
    for f in ls(base, "backend/pyspur/templates/"):
        d = json.load(open(os.path.join(base, f), encoding="utf-8"))
        for kp, v in walk(d):
            if not re.search(r"\.config\.(system_message|user_message|rating_prompt)$", kp) or not v.strip():
                continue
            if only_variables(v):
                neutral.append((f, kp))
            else:
                fv = first(JINJA, v)
                rows.append((f, kp, "jinja" if fv else None, fv))
        for kp, v in walk(d):
            if re.search(r"^definition\.test_inputs\[\d+\]\.", kp):
                neutral.append((f, kp))
    for f in ls(base, "backend/pyspur/evals/tasks/"):
        if not f.endswith(".yaml"):
            continue
        d = yaml.load(open(os.path.join(base, f), encoding="utf-8"), Loader=_Loader)
        if d.get("preamble", "").strip():
            fv = first(JINJA, d["preamble"])
            rows.append((f, "preamble", "jinja" if fv else None, fv))
        v = d.get("doc_to_text", "")
        if v.strip():
            if only_variables(v):
                neutral.append((f, "doc_to_text"))
            else:
                rows.append((f, "doc_to_text", "jinja", first(JINJA, v)))
    return rows, neutral


if __name__ == "__main__":
    for name, fn in (("README_AI", readme_ai), ("HAYHOOKS", hayhooks), ("PYSPUR", pyspur)):
        rows, neutral = fn()
        print(f"{name} = [")
        for r in rows:
            print(f"    {r!r},")
        print("]")
        print(f"{name}_NEUTRAL = [")
        for r in neutral:
            print(f"    {r!r},")
        print("]\n")

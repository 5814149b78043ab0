"""List the label rows of the tenth blind config round by applying the decisions of labels.py's docstring to
the parsed files (PyYAML, string.Formatter-like scan for str.format fields, regexes for the first ``{{ }}`` and
``$``-placeholder).  Run once, before any pcache run on the trees; its output was read and pasted into labels.py.
Usage: python make_labels.py /tmp/cfg14/blind"""
from __future__ import annotations

import glob
import os
import re
import subprocess
import sys

import yaml

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/cfg14/blind"


def first_format_field(text: str):
    """The first str.format replacement field as written (``{{``/``}}`` are escapes), or None."""
    i = 0
    while i < len(text):
        if text.startswith("{{", i) or text.startswith("}}", i):
            i += 2
            continue
        if text[i] == "{":
            depth, j = 1, i + 1
            while j < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            field = text[i:j]
            while text.index(field) != i:  # written as it stands, with the characters after it until unique
                j += 1
                field = text[i:j]
            return field
        i += 1
    return None


def nemo():
    base = os.path.join(ROOT, "NeMo-Skills")
    files = sorted(glob.glob("nemo_skills/prompt/config/**/*.yaml", root_dir=base, recursive=True)
                   + glob.glob("recipes/*/prompts/*.yaml", root_dir=base) + ["recipes/translation/config/qwen25.yaml"])
    rows, neutral = [], []
    for f in files:
        d = yaml.safe_load(open(os.path.join(base, f), encoding="utf-8"))
        if not isinstance(d, dict):
            continue
        if "agent" in d:  # SWE-agent configs passed to SWE-agent as they are (Jinja)
            t = d["agent"]["templates"]
            for key in ("system_template", "instance_template"):
                v = t[key]
                m = re.search(r"\{\{.*?\}\}|\{%.*?%\}", v)
                rows.append((f, f"agent.templates.{key}", "jinja" if m else None, m.group(0) if m else None))
            for key in ("next_step_template", "next_step_no_output_template"):
                neutral.append((f, f"agent.templates.{key}"))
            continue
        if isinstance(d.get("system"), str) and d["system"].strip():
            rows.append((f, "system", None, None))
        if isinstance(d.get("user"), str) and d["user"].strip():
            fv = first_format_field(d["user"])
            rows.append((f, "user", "format" if fv else None, fv))
        if "few_shot_examples" in d:
            for k in ("prefix", "template", "suffix"):
                if d["few_shot_examples"].get(k):
                    neutral.append((f, f"few_shot_examples.{k}"))
    for f in ("nemo_skills/training/nemo_rl/prompts/cot.txt", "nemo_skills/training/nemo_rl/prompts/math.txt"):
        text = open(os.path.join(base, f), encoding="utf-8").read()
        rows.append((f, "", "format", first_format_field(text)))
    return rows, neutral


_DOLLAR = re.compile(r"\$\{(?:[^{}\n]|\{[^{}\n]*\})*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9]+")


def cagent():
    base = os.path.join(ROOT, "cagent")
    files = subprocess.check_output(["git", "ls-files", "*.yaml", "*.yml"], cwd=base, text=True).split()
    rows, neutral = [], []
    for f in files:
        if f.startswith(("e2e/", "docs/")) or "/testdata/" in f:
            continue
        d = yaml.safe_load(open(os.path.join(base, f), encoding="utf-8"))
        if not isinstance(d, dict) or not isinstance(d.get("agents"), dict):
            continue
        for name, a in d["agents"].items():
            if isinstance(a.get("description"), str):
                neutral.append((f, f"agents.{name}.description"))  # read by a coordinator to pick a sub-agent
            if isinstance(a.get("instruction"), str) and a["instruction"].strip():
                rows.append((f, f"agents.{name}.instruction", None, None))
            for i, ts in enumerate(a.get("toolsets") or []):
                if isinstance(ts.get("instruction"), str):
                    v = ts["instruction"]
                    rows.append((f, f"agents.{name}.toolsets[{i}].instruction", "format" if "{ORIGINAL_INSTRUCTIONS}" in v else None,
                                 "{ORIGINAL_INSTRUCTIONS}" if "{ORIGINAL_INSTRUCTIONS}" in v else None))
            cmds = a.get("commands") or {}
            items = [(k, v, f"agents.{name}.commands.{k}") for k, v in cmds.items()] if isinstance(cmds, dict) else \
                [(k, v, f"agents.{name}.commands[{i}].{k}") for i, c in enumerate(cmds) for k, v in c.items()]
            for k, v, kp in items:
                if isinstance(v, dict):
                    kp, v = kp + ".instruction", v.get("instruction")
                if not isinstance(v, str):
                    continue
                if "!shell(" in v or re.search(r"!`", v):
                    neutral.append((f, kp))  # cagent's own tool-command syntax: no template syntax names it
                    continue
                m = _DOLLAR.search(v)
                if m and not m.group(0).startswith("${") and not m.group(0)[1:].isdigit():
                    neutral.append((f, kp))  # a bare $NAME: said to expand by the example's comment, no code does
                    continue
                rows.append((f, kp, "template" if m else None, m.group(0) if m else None))
        for rname, r in (d.get("rag") or {}).items():
            for i, s in enumerate(r.get("strategies") or []):
                if isinstance(s.get("semantic_prompt"), str):
                    v = s["semantic_prompt"]
                    m = _DOLLAR.search(v)
                    rows.append((f, f"rag.{rname}.strategies[{i}].semantic_prompt", "template", m.group(0)))
    for f in ("pkg/compaction/prompts/compaction-system.txt", "pkg/compaction/prompts/compaction-user.txt",
              "pkg/creator/instructions.txt", "AGENTS.md"):
        rows.append((f, "", None, None))
    return rows, neutral


_FRONT = re.compile(r"\A---[ \t]*\r?\n.*?^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_TAG = re.compile(r"\{\{.*?\}\}", re.S)


def genkit():
    base = os.path.join(ROOT, "genkit")
    files = subprocess.check_output(["git", "ls-files", "*.prompt"], cwd=base, text=True).split()
    rows, neutral = [], []
    for f in files:
        if f.startswith("js/genkit/tests/") or "/.guides/" in f:
            neutral.append((f, ""))
            continue
        if os.path.basename(f).startswith("_"):
            neutral.append((f, ""))  # a Dotprompt partial, included by the prompts that name it
            continue
        text = open(os.path.join(base, f), encoding="utf-8").read()
        m = _FRONT.match(text)
        body = text[m.end():] if m else text
        if not body.strip():
            continue  # front matter only: settings, no prompt text
        tags = [t for t in _TAG.findall(body) if not re.match(r"\{\{\s*(role\s|!)", t)]
        if tags and tags[0].startswith("{{>"):
            neutral.append((f, ""))  # first variable inside a partial rendered from another file
            continue
        rows.append((f, "", "handlebars", tags[0] if tags else None))
    return rows, neutral


if __name__ == "__main__":
    for name, fn in (("NEMO", nemo), ("CAGENT", cagent), ("GENKIT", genkit)):
        rows, neutral = fn()
        print(f"{name} = [")
        for r in rows:
            print(f"    {r!r},")
        print("]\n")
        print(f"{name}_NEUTRAL = [")
        for r in neutral:
            print(f"    {r!r},")
        print("]\n")

"""List the label rows of the eleventh blind config round by applying the decisions of labels.py's docstring to
the parsed files (PyYAML, regexes for the first Jinja/Handlebars expression).  Run once, before any pcache run on
the trees; its output was read and written into labels.py.  Usage: python make_labels.py /tmp/cfg16/blind"""
from __future__ import annotations

import glob
import os
import re
import subprocess
import sys

import yaml

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/cfg16/blind"
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
HBS = re.compile(r"\{\{.*?\}\}", re.S)
FRONT = re.compile(r"\A---[ \t]*\r?\n.*?^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def first(rx, text):
    m = rx.search(text)
    return m.group(0) if m else None


def walk(d, p=""):
    if isinstance(d, dict):
        for k, v in d.items():
            yield from walk(v, f"{p}.{k}" if p else str(k))
    elif isinstance(d, list):
        for i, v in enumerate(d):
            yield from walk(v, f"{p}[{i}]")
    elif isinstance(d, str):
        yield p, d


def llamafarm():
    base = os.path.join(ROOT, "llamafarm")
    rows, neutral = [], []
    files = sorted(glob.glob("prompts/templates/**/*.yaml", root_dir=base, recursive=True)
                   + glob.glob("prompts/config/*.yaml", root_dir=base)
                   + glob.glob("prompts/config_examples/**/*.yaml", root_dir=base, recursive=True))
    for f in files:
        d = yaml.safe_load(open(os.path.join(base, f), encoding="utf-8"))
        for kp, v in walk(d):
            last = kp.split(".")[-1]
            if not v.strip():
                continue
            if last == "template" and (kp == "template" or re.search(r"(^|\.)templates\.[^.]+\.template$", kp)):
                fv = first(JINJA, v)
                rows.append((f, kp, "jinja" if fv else None, fv))
            elif re.sub(r"\[\d+\]$", "", last) in ("system_prompt", "prefix_prompt", "suffix_prompt"):
                rows.append((f, kp, None, None))
    return rows, neutral


def llmling():
    base = os.path.join(ROOT, "llmling-agent")
    rows, neutral = [], []
    files = [f for f in subprocess.check_output(["git", "ls-files", "*.yml", "*.yaml"], cwd=base, text=True).split()
             if f.startswith(("src/agentpool/", "docs/"))]
    for f in files:
        d = yaml.safe_load(open(os.path.join(base, f), encoding="utf-8"))
        for kp, v in walk(d):
            if not v.strip():
                continue
            if re.search(r"^agents\.[^.]+\.system_prompt(\[\d+\])?$", kp) or re.search(r"^prompts\.system_prompts\.[^.]+\.content$", kp):
                fv = first(JINJA, v)
                rows.append((f, kp, "jinja" if fv else None, fv))
    for f in ("src/agentpool/config_resources/claude_style_subagent.md", "src/agentpool/config_resources/opencode_style_subagent.md",
              "src/agentpool/prompts/parts/zed.md", "AGENTS.md"):
        rows.append((f, "", None, None))
    text = open(os.path.join(base, "src/agentpool/text_templates/system_prompt.jinja"), encoding="utf-8").read()
    rows.append(("src/agentpool/text_templates/system_prompt.jinja", "", "jinja", first(JINJA, text)))
    return rows, neutral


def forge():
    base = os.path.join(ROOT, "forge")
    rows, neutral = [], []
    for f in sorted(glob.glob("templates/*.md", root_dir=base)):
        text = open(os.path.join(base, f), encoding="utf-8").read()
        fv = first(HBS, text)
        if "partial" in f or (fv and fv.startswith("{{>")):
            neutral.append((f, ""))
            continue
        rows.append((f, "", "handlebars" if fv else None, fv))
    for f in sorted(glob.glob("crates/forge_repo/src/agents/*.md", root_dir=base)) + ["commands/github-pr-description.md"] \
            + sorted(glob.glob("crates/forge_repo/src/skills/*/SKILL.md", root_dir=base)):
        text = open(os.path.join(base, f), encoding="utf-8").read()
        body = text[FRONT.match(text).end():]
        fv = first(HBS, body)
        rows.append((f, "", "handlebars" if fv else None, fv))
    rows.append(("AGENTS.md", "", None, None))
    rows.append(("crates/forge_app/src/dto/anthropic/transforms/claude_code.md", "", None, None))
    return rows, neutral


if __name__ == "__main__":
    for name, fn in (("LLAMAFARM", llamafarm), ("LLMLING", llmling), ("FORGE", forge)):
        rows, neutral = fn()
        print(f"{name} = [")
        for r in rows:
            print(f"    {r!r},")
        print("]")
        print(f"{name}_NEUTRAL = [")
        for r in neutral:
            print(f"    {r!r},")
        print("]\n")

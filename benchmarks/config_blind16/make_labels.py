"""List the label rows of the twelfth blind config round by applying the decisions of labels.py's docstring to
the parsed files (PyYAML, tomllib, a regex for the first ``{name}`` field).  Run once, before any pcache run on
the trees; its output was read and written into labels.py.  Usage: python make_labels.py /tmp/cfg17/blind"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib

import yaml

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/cfg17/blind"
FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


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


def ls(base, *pats):
    return subprocess.check_output(["git", "ls-files", *pats], cwd=base, text=True).split()


def agent_framework():
    base = os.path.join(ROOT, "agent-framework")
    rows, neutral = [], []
    for f in ls(base, "declarative-agents/agent-samples/"):
        d = yaml.safe_load(open(os.path.join(base, f), encoding="utf-8-sig"))
        if isinstance(d, dict) and d.get("kind") == "Prompt" and d.get("instructions"):
            rows.append((f, "instructions", None, None))
    for f in ls(base, "dotnet/samples/04-hosting/", "python/samples/04-hosting/"):
        if f.endswith("/SKILL.md"):
            rows.append((f, "", None, None))
    # workflow files: SetTextVariable values and =UserMessage(...)/=Concat(...) formulas neutral
    for f in ls(base, "declarative-agents/workflow-samples/", "dotnet/samples/03-workflows/", "python/samples/03-workflows/",
                "python/samples/04-hosting/", "python/samples/02-agents/devui/workflow_declarative/"):
        if not f.endswith((".yaml", ".yml")) or "workflow" not in f.lower() and "Declarative" not in f:
            continue
        d = yaml.safe_load(open(os.path.join(base, f), encoding="utf-8-sig"))
        if not isinstance(d, dict):
            continue
        for kp, v in walk(d):
            if re.search(r"input\.messages$", kp) and re.match(r"=\s*(UserMessage|Concat)\(", v) and '"' in v:
                neutral.append((f, kp))
        for kp, v in walk(d):
            if kp.endswith(".value") and "\n" in v and "{" in v and not v.startswith("="):
                neutral.append((f, kp))
    return rows, neutral


def nat():
    base = os.path.join(ROOT, "NeMo-Agent-Toolkit")
    rows, neutral = [], []
    for f in ls(base, "examples/agents/", "examples/getting_started/", "examples/HITL/",
                "examples/evaluation_and_profiling/email_phishing_analyzer/"):
        if not f.endswith((".yml", ".yaml")):
            continue
        d = yaml.safe_load(open(os.path.join(base, f), encoding="utf-8"))
        sections = [("workflow", d.get("workflow") or {})] + [(f"functions.{k}", v) for k, v in (d.get("functions") or {}).items()]
        for path, sec in sections:
            t = sec.get("_type")
            if t in ("react_agent", "tool_calling_agent"):
                for key in ("system_prompt", "additional_instructions"):
                    if sec.get(key):
                        v = sec[key]
                        fv = first(FIELD, v) if t == "react_agent" else None
                        rows.append((f, f"{path}.{key}", "format" if fv else None, fv))
            if t == "email_phishing_analyzer" and sec.get("prompt"):
                rows.append((f, f"{path}.prompt", "format", first(FIELD, sec["prompt"])))
            if t in ("prompt_init", "prompt_recombiner") and sec.get("system_objective"):
                neutral.append((f, f"{path}.system_objective"))
    return rows, neutral


TOML_PROMPTS = re.compile(r"^agent\.(role|identity|communication_style)$|^agent\.menu\[\d+\]\.prompt$"
                          r"|^workflow\.(oneshot_)?review_layers\[\d+\]\.instruction$|^workflow\.implementation_handoff$"
                          r"|^workflow\.finalize_reviewers\[\d+\]$|^workflow\.party_members\[\d+\]\.persona$"
                          r"|^workflow\.party_groups\[\d+\]\.scene$|^workflow\.open_spec$")
TOML_NEUTRAL = re.compile(r"^agent\.principles\[\d+\]$|\.when$|^workflow\.lenses\[\d+\]\.instruction$"
                          r"|^workflow\.design_handoffs\[\d+\]$|\.capabilities$")


def bmad():
    base = os.path.join(ROOT, "BMAD-METHOD")
    rows, neutral = [], []
    for f in ls(base, "src/*customize.toml"):
        d = tomllib.load(open(os.path.join(base, f), "rb"))
        for kp, v in walk(d):
            if not v.strip():
                continue
            if TOML_PROMPTS.search(kp):
                rows.append((f, kp, None, None))
            elif TOML_NEUTRAL.search(kp):
                neutral.append((f, kp))
    for f in ls(base, "src/*SKILL.md"):
        rows.append((f, "", None, None))
    for f in ls(base, "src/*module.yaml"):
        d = yaml.safe_load(open(os.path.join(base, f), encoding="utf-8"))
        for kp, v in walk(d):
            if re.search(r"^agents\[\d+\]\.description$", kp):
                neutral.append((f, kp))
    return rows, neutral


if __name__ == "__main__":
    for name, fn in (("AGENT_FRAMEWORK", agent_framework), ("NAT", nat), ("BMAD", bmad)):
        rows, neutral = fn()
        print(f"{name} = [")
        for r in rows:
            print(f"    {r!r},")
        print("]")
        print(f"{name}_NEUTRAL = [")
        for r in neutral:
            print(f"    {r!r},")
        print("]\n")

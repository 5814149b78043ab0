#!/usr/bin/env python3
"""How ``pcache scan`` and ``pcache lint`` grow with the size of a code project (issue 11's loaders and
issue 12's cross-file flow), against plain tiktoken on the same text in the same run.

A generated project at 1x, 2x and 4x (``--scales``): per unit, a Python prompt module (a constant with
``{today}``, a template function, a message dict sent to ``chat.completions.create``), a Python agent that
imports the next unit's template function and fills it (cross-file flow), a TS prompt module and a route that
imports it and sends it with ``new Date()``, and a YAML agent config with a Jinja field.  Each command runs in
a fresh process (CLI start included, as a user runs it); the baseline is a fresh ``python -c`` that reads the
same files and runs tiktoken's ``encode_ordinary`` over each file's text.  Linear cost keeps the ratio flat
across the scales; the per-file time (``ms/file``) says the same without the baseline.

Example::

    python benchmarks/code_scaling.py --units 20 --scales 1,2,4 --repeat 2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

WORDS = ("review the change carefully and answer with the smallest correct edit; cite the file and line; "
         "never invent an API that the project does not define; keep the user's style and naming; "
         "explain the risk of each step before you take it and stop when a test fails").split()


def _para(rng: random.Random, n: int = 120) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def unit(i: int, n: int, rng: random.Random) -> dict[str, str]:
    nxt = (i + 1) % n
    text = _para(rng)
    return {
        f"pkg{i}/__init__.py": "",
        f"pkg{i}/prompts.py": (
            "from datetime import date\n\n"
            f'SYSTEM_PROMPT = """You are reviewer number {i}. {text}\nToday is {{today}}."""\n\n\n'
            f"def build_task(user, task):\n"
            f'    return f"""{_para(rng, 60)}\nUser: {{user}}\nTask: {{task}}"""\n\n\n'
            "def system_message():\n"
            '    return {"role": "system", "content": SYSTEM_PROMPT.format(today=date.today())}\n'),
        f"pkg{i}/agent.py": (
            f"from pkg{nxt}.prompts import build_task\nfrom pkg{i}.prompts import system_message\n\n\n"
            "def run(client, user, task):\n"
            "    prompt = build_task(user, task)\n"
            "    return client.chat.completions.create(model=\"gpt-4o\", messages=[system_message(),\n"
            "        {\"role\": \"user\", \"content\": prompt}])\n"),
        f"web{i}/prompt.ts": (
            f"export const SYSTEM_PROMPT = `You are assistant {i}. {_para(rng)}\n"
            "Today is ${new Date().toDateString()}.`;\n"
            f"export function taskPrompt(task: string) {{\n  return `{_para(rng, 50)}\nTask: ${{task}}`;\n}}\n"),
        f"web{i}/route.ts": (
            "import OpenAI from 'openai';\nimport { SYSTEM_PROMPT, taskPrompt } from './prompt';\n\n"
            "export async function POST(req: Request) {\n  const { task } = await req.json();\n"
            "  const client = new OpenAI();\n  return client.chat.completions.create({ model: 'gpt-4o', messages: [\n"
            "    { role: 'system', content: SYSTEM_PROMPT },\n    { role: 'user', content: taskPrompt(task) }] });\n}\n"),
        f"config/agent{i}.yaml": (
            f"agent:\n  name: agent{i}\n  system_template: |\n    You are agent {i}. {_para(rng)}\n"
            "    The repository is {{repo}} and today is {{today}}.\n"),
    }


def generate(root: str, units: int, seed: int = 0) -> tuple[int, int]:
    rng = random.Random(seed)
    os.makedirs(root)
    with open(os.path.join(root, "pyproject.toml"), "w") as fh:
        fh.write('[project]\nname = "generated"\nversion = "0"\n')
    files = nbytes = 0
    for i in range(units):
        for rel, body in unit(i, units, rng).items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as fh:
                fh.write(body)
            files += 1
            nbytes += len(body.encode())
    return files, nbytes


BASELINE = """
import os, sys, time, tiktoken
enc = tiktoken.get_encoding("o200k_base")
t = time.process_time()
n = 0
for d, _, fs in os.walk(sys.argv[1]):
    for f in sorted(fs):
        with open(os.path.join(d, f), encoding="utf-8") as fh:
            n += len(enc.encode_ordinary(fh.read()))
print(n, time.process_time() - t)
"""


def timed(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    t0, c0 = time.perf_counter(), os.times()
    p = subprocess.run(cmd, capture_output=True, text=True)
    c1 = os.times()
    return time.perf_counter() - t0, (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system), p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=20)
    ap.add_argument("--scales", default="1,2,4")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    pcache = [sys.executable, "-c", "from pcache.cli.app import main; main()"]
    base = tempfile.mkdtemp(prefix="code-scaling-")
    rows = []
    try:
        for k in map(int, args.scales.split(",")):
            root = os.path.join(base, f"x{k}")
            files, nbytes = generate(root, args.units * k)
            row = {"scale": k, "files": files, "kB": round(nbytes / 1024)}
            wall, cpu, p = zip(*[timed([sys.executable, "-c", BASELINE, root]) for _ in range(args.repeat)])
            row["tiktoken_s"] = min(cpu)  # the whole process: start, vocabulary, read, encode
            row["tokens"] = int(p[0].stdout.split()[0])
            row["encode_s"] = min(float(x.stdout.split()[1]) for x in p)  # read + encode only
            for cmd in ("scan", "lint"):
                wall, cpu, p = zip(*[timed([*pcache, cmd, root, "--format", "json"]) for _ in range(args.repeat)])
                assert p[0].returncode in (0, 1), p[0].stderr[-2000:]
                data = json.loads(p[0].stdout)
                row[f"{cmd}_s"] = min(cpu)
                row[f"{cmd}_wall_s"] = min(wall)
                if cmd == "scan":
                    row["prompts"] = len(data["prompts"])
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print("\n| scale | files | kB | prompts | tokens | tiktoken CPU s (encode only) | scan CPU s | ratio | "
          "lint CPU s | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['scale']}x | {r['files']} | {r['kB']} | {r['prompts']} | {r['tokens']:,} | "
              f"{r['tiktoken_s']:.2f} ({r['encode_s']:.3f}) | {r['scan_s']:.2f} | {r['scan_s'] / r['tiktoken_s']:.1f} | "
              f"{r['lint_s']:.2f} | {r['lint_s'] / r['tiktoken_s']:.1f} |")
    print("\nWhat one more file costs, between consecutive scales (CPU ms per file; linear cost keeps it flat):")
    for a, b in zip(rows, rows[1:]):
        df = b["files"] - a["files"]
        print(f"  {a['scale']}x -> {b['scale']}x: scan {1000 * (b['scan_s'] - a['scan_s']) / df:.1f}, "
              f"lint {1000 * (b['lint_s'] - a['lint_s']) / df:.1f}, "
              f"tiktoken encode {1000 * (b['encode_s'] - a['encode_s']) / df:.2f}")


if __name__ == "__main__":
    main()

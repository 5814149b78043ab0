#!/usr/bin/env python3
"""Every command over every input format, each file broken in every way a file breaks: a capped sweep.

Formats (a good file of each, from ``sample_prompts/`` where there is one): Python, JavaScript, TypeScript,
YAML, a JSON request, TOML, Markdown, Jinja, Prompty, an extensionless file of a ``prompts/`` folder and a
JSONL request log.  Breakages: empty, truncated at half, invalid UTF-8, NUL bytes, nesting 50,000 deep, a
huge single line of words, a huge single word (one run of one letter, BPE's worst case), a symlink to
itself, a dangling symlink, a folder named like the file, and an unreadable file (``chmod 000``; as root,
which reads anything, a link to ``/proc/self/mem``, whose first page fails to read).  Commands: ``scan``,
``lint``, ``probe --dry-run``, ``audit`` with every broken file of a breakage and a good file together (the good
file's result must survive), ``show`` and ``diff`` (against a good file) on each broken file alone, and
``scan``/``lint`` walking the folder that holds all of them.

Every run is capped as the robustness tests cap them (``tests/cli_runs.py``: 2 GiB of address space, 30 s of
CPU, 90 s of wall clock, no API key) and must end with exit 0, 1 or 2, no traceback, and on exit 2 a line
naming the file.  Prints one line per run that broke a rule and a summary; exit 1 when any did.

    python benchmarks/hostile_sweep.py [--huge-mb 3] [--only lint,show]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from cli_runs import Run, run_all, sane  # noqa: E402

SAMPLES = ROOT / "sample_prompts"
DEEP = 50_000
WORDS = b"review the change carefully and answer with the smallest correct edit "


def good_files() -> dict[str, bytes]:
    """name -> content of one good file of each format."""
    read = lambda name: (SAMPLES / name).read_bytes()  # noqa: E731
    return {
        "agent.py": read("support_agent.py"),
        "prompt.js": b"export const SYSTEM_PROMPT = `You are a careful reviewer. Today is ${new Date()}.`;\n",
        "route.ts": (b"import OpenAI from 'openai';\nexport async function POST(task: string) {\n"
                     b"  return new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [\n"
                     b"    { role: 'system', content: `You are a careful reviewer of ${task}.` }] });\n}\n"),
        "agents.yaml": read("release_agents.yaml"),
        "request.json": read("chat_requests/request_01.json"),
        "agent.toml": b'[agent]\nsystem_prompt = """You are a careful reviewer. The repository is {{repo}}."""\n',
        "bot.md": read("support_bot_bad.md"),
        "research.j2": read("research_agent.j2"),
        "faq.prompty": read("faq_assistant.prompty"),
        "prompts/system": b"You are a careful assistant. Today is {today}.\n",
        "batch.jsonl": read("support_batch.jsonl"),
    }


def usage_log(n: int = 3) -> bytes:
    """A JSONL request log with usage (what ``audit`` reads): the good log beside the broken ones."""
    line = {"request": {"model": "gpt-4o", "messages": [{"role": "system", "content": "You are terse."},
                                                         {"role": "user", "content": "hi"}]},
            "response": {"model": "gpt-4o", "usage": {"prompt_tokens": 1100, "completion_tokens": 5,
                                                      "prompt_tokens_details": {"cached_tokens": 1024}}}}
    return "".join(json.dumps({**line, "timestamp": 1760000000 + i}) + "\n" for i in range(n)).encode()


def _deep(name: str) -> bytes:
    n = DEEP
    if name.endswith(".py"):
        return b"SYSTEM_PROMPT = " + b"(" * n + b'"x"' + b")" * n + b"\n"
    if name.endswith((".js", ".ts")):
        return b"export const P = " + b"[" * n + b"`You are ${x}`" + b"]" * n + b";\n"
    if name.endswith((".json", ".jsonl")):
        return b'{"model": "gpt-4o", "messages": ' + b"[" * n + b"]" * n + b"}\n"
    if name.endswith(".toml"):
        return b"system_prompt = " + b"[" * n + b'"You are {{x}}"' + b"]" * n + b"\n"
    if name.endswith(".yaml"):
        return b"system_prompt: " + b"[" * n + b'"You are {{x}}"' + b"]" * n + b"\n"
    if name.endswith(".prompty"):
        return b"---\nname: x\nsample: " + b"{a: " * n + b"1" + b"}" * n + b"\n---\nsystem:\nYou are {{x}}\n"
    if name.endswith(".j2"):
        return b"{% if x %}" * (n // 10) + b"You are {{ x }}" + b"{% endif %}" * (n // 10)
    return b"> " * n + b"You are {x}\n"  # Markdown, extensionless: quotes in quotes


def breakages(huge_mb: float) -> dict[str, object]:
    """breakage -> function(name, good bytes) -> bytes (a file's content) or a str naming a special file."""
    huge = int(huge_mb * (1 << 20))
    mid = lambda b: len(b) // 2  # noqa: E731
    return {
        "empty": lambda n, b: b"",
        "truncated": lambda n, b: b[:mid(b)],
        "bad_utf8": lambda n, b: b[:mid(b)] + b"\xff\xfe\xc3\x28\xa0\xa1" + b[mid(b):],
        "nul": lambda n, b: b[:mid(b)] + b"\x00" * 64 + b[mid(b):],
        "deep": lambda n, b: _deep(n),
        "huge_line": lambda n, b: b + (WORDS * (huge // len(WORDS) + 1))[:huge] + b"\n",
        "huge_word": lambda n, b: b + b"a" * (huge // 4) + b"\n",
        "self_link": "self_link",
        "dangling": "dangling",
        "folder": "folder",
        "unreadable": "unreadable",
    }


def make(d: Path, name: str, how, good: bytes) -> Path:
    p = d / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if callable(how):
        p.write_bytes(how(name, good))
    elif how == "self_link":
        os.symlink(p.name, p)
    elif how == "dangling":
        os.symlink("nowhere-" + p.name, p)
    elif how == "folder":
        p.mkdir()
        (p / "inside.md").write_text("You are terse.\n")
    elif how == "unreadable":
        if os.geteuid() == 0:  # root reads a chmod 000 file: a file whose read fails instead
            os.symlink("/proc/self/mem", p)
        else:
            p.write_bytes(good)
            p.chmod(0)
    return p


def check(r: Run, inputs: list[Path], good: Path | None) -> str | None:
    """What the run broke, or None."""
    try:
        sane(r)
    except AssertionError as exc:
        return str(exc).splitlines()[0][:300]
    if r.code == 2:
        errors = [ln for ln in r.err.splitlines() if ln.startswith("pcache:") and "warning" not in ln
                  and "malformed line(s) skipped" not in ln]  # (audit's count, then a line per file)
        if not errors:
            return f"exit 2 without an error line: {r.err[-300:]!r}"
        named = {str(p) for p in inputs} | {p.name for p in inputs}
        for ln in errors:
            if not any(x in ln for x in named) and "no prompt" not in ln and "nothing to" not in ln:
                return f"an error line that names no input: {ln[:300]}"
    if good is not None and r.args[0] in ("scan", "lint") and good.name not in r.out:
        return f"the good file's result is missing (exit {r.code}): {r.err[-300:]!r}"
    if good is not None and r.args[0] == "audit":
        try:
            requests = json.loads(r.out)["summary"]["requests"]
        except (ValueError, KeyError, TypeError):
            requests = 0
        if requests < 3:
            return f"the good log's 3 requests are missing (exit {r.code}): {r.err[-300:]!r}"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--huge-mb", type=float, default=1.0, help="size of a huge line (MiB)")
    ap.add_argument("--only", default="", help="commands to run (comma-separated); all by default")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    goods = good_files()
    base = Path(tempfile.mkdtemp(prefix="hostile-sweep-"))
    try:
        gd = base / "good"
        good_md = make(gd, "good.md", lambda n, b: b, goods["bot.md"])
        good_log = make(gd, "good.jsonl", lambda n, b: b, usage_log())
        good_req = make(gd, "good.json", lambda n, b: b, goods["request.json"])
        runs: list[tuple[tuple, list[Path], Path | None]] = []
        total = 0
        walked = base / "walked"  # the breakages a walk of one folder reads together (not the huge ones)
        for kind, how in breakages(args.huge_mb).items():
            huge = kind.startswith("huge")
            d = base / kind if huge else walked / kind
            files = [make(d, name, how, body) for name, body in goods.items()]
            total += sum(p.lstat().st_size for p in files if p.is_file() and not p.is_symlink())
            logs = [p for p in files if p.name.endswith((".jsonl", ".json"))]
            # a huge file is read on its own (tree-sitter takes seconds a MiB of text that is no code):
            # together they would only measure the CPU cap
            for group in ([[p] for p in files] if huge else [files]):
                runs += [(("scan", *group, good_md, "--format", "json"), group, good_md),
                         (("lint", *group, good_md, "--format", "json"), group, good_md)]
            runs += [(("probe", *logs, good_req, "--dry-run"), logs, None),
                     (("audit", *logs, good_log, "--format", "json"), logs, good_log)]
            runs += [(("show", p), [p], None) for p in files]
            runs += [(("diff", p, good_md), [p, good_md], None) for p in files]
        (walked / "good.md").write_bytes(goods["bot.md"])
        good_walked = walked / "good.md"
        runs += [(("scan", walked, "--format", "json"), [walked], good_walked),
                 (("lint", walked, "--format", "json"), [walked], good_walked)]
        runs = [r for r in runs if not only or r[0][0] in only]
        print(f"{len(runs)} runs over {total / (1 << 20):.1f} MiB of broken files", flush=True)
        t0 = time.time()
        results = run_all([r[0] for r in runs])
        bad = 0
        for (argv, inputs, good), r in zip(runs, results):
            why = check(r, inputs, good)
            if why:
                bad += 1
                shown = " ".join(str(a).replace(str(base) + "/", "") for a in argv)
                print(f"FAIL pcache {shown[:200]}\n     exit {r.code}: {why}", flush=True)
        print(f"{len(runs) - bad} of {len(runs)} runs kept every rule ({time.time() - t0:.0f} s)")
        return 1 if bad else 0
    finally:
        for p in base.rglob("*"):  # an unreadable file must be removable
            if not p.is_symlink() and p.is_file():
                p.chmod(0o600)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

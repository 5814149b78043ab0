"""Every command on hostile inputs: a result or one line naming the file, never a traceback, a hang, a
memory blow-up or a silent exit, and a good file in the same run keeps its result.

Each ``pcache`` run is a subprocess capped at 2 GiB of address space and 30 s.  The "huge" inputs are
kept small (a few MB) by lowering the input limit with ``PCACHE_MAX_INPUT_MB``/``--max-input-mb``: they
prove the bound, not the size.  The classes come from issue 14 (each was a traceback, hang, memory kill
or silent exit before the input layer).
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_MD = ROOT / "sample_prompts" / "support_bot_bad.md"  # a prompt lint flags (PC101): a result to find
PCACHE = [sys.executable, "-c", "from pcache.cli.app import main; main()"]
CAP_BYTES = 2 << 30
TIMEOUT = 30


@dataclass
class Run:
    code: int
    out: str
    err: str
    args: tuple


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))


def pcache(*args, env: dict | None = None, cwd=None) -> Run:
    full_env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    full_env.update({"NO_COLOR": "1", "COLUMNS": "100", "GITHUB_STEP_SUMMARY": ""})
    full_env.pop("GITHUB_STEP_SUMMARY")
    full_env.update(env or {})
    try:
        p = subprocess.run([*PCACHE, *map(str, args)], capture_output=True, timeout=TIMEOUT, preexec_fn=_cap,
                           stdin=subprocess.DEVNULL, env=full_env, cwd=cwd)
    except subprocess.TimeoutExpired:
        return Run(-999, "", f"hang: ran past {TIMEOUT} s", args)
    return Run(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), args)


def sane(r: Run, codes=(0, 1, 2)) -> Run:
    """The invariants of every run: no traceback, no internal error, no kill, no silent failure."""
    what = f"pcache {' '.join(map(str, r.args))}\n--- stderr:\n{r.err[-2000:]}"
    assert "Traceback" not in r.err and "Traceback" not in r.out, what
    assert "internal error" not in r.err, what
    assert r.code != -999, f"hang: {what}"
    assert r.code >= 0, f"killed by signal {-r.code}: {what}"
    assert r.code in codes, f"exit {r.code}: {what}"
    if r.code != 0:
        assert r.err.strip(), f"silent exit {r.code}: {what}"
    for line in r.err.splitlines():
        assert len(line) < 2000, f"an error line of {len(line)} characters: {what}"
    return r


# -- the bad inputs ------------------------------------------------------------------------------

CHAT = {"model": "gpt-4o", "messages": [{"role": "system", "content": "You are terse."},
                                        {"role": "user", "content": "hi"}]}


def log_line(usage=None, raw: str | None = None, **extra) -> str:
    """A JSONL log line; ``raw`` replaces the string "RAW" anywhere in it with literal JSON text."""
    line = {"request": CHAT, "response": {"model": "gpt-4o", "usage": usage or {
        "prompt_tokens": 1100, "completion_tokens": 5, "prompt_tokens_details": {"cached_tokens": 1024}}},
            "timestamp": 1760000000}
    line.update(extra)
    text = json.dumps(line)
    return text.replace('"RAW"', raw) if raw is not None else text


def _billion_laughs() -> str:
    out = ['messages:\n  - role: user\n    content: hi\nlol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        out.append(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(out) + "\n"


def build(d: Path) -> dict[str, Path]:
    """name -> path of every bad input (small files; "huge" ones are sized against a lowered limit)."""
    f: dict[str, Path] = {}

    def put(name: str, data: str | bytes) -> Path:
        p = d / name
        p.write_bytes(data.encode() if isinstance(data, str) else data)
        f[name] = p
        return p

    deep = "[" * 100_000 + "]" * 100_000
    put("deep.json", deep)
    put("deep.jsonl", json.dumps(CHAT) + "\n" + deep + "\n")
    put("looks_json.txt", '{"a": ' * 50_000 + "1" + "}" * 50_000)
    put("deep_object.json", '{"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}], "x": '
        + '{"a": ' * 500 + "1" + "}" * 500 + "}")
    put("bigint.json", json.dumps(CHAT)[:-1] + ', "n": ' + "9" * 5000 + "}")
    put("bigint.jsonl", json.dumps(CHAT)[:-1] + ', "n": ' + "9" * 5000 + "}\n")
    put("nan.json", json.dumps(CHAT)[:-1] + ', "temperature": NaN}')
    put("nested_if.j2", "{% if a %}" * 3000 + "x" + "{% endif %}" * 3000)
    put("deep.yaml", "messages:\n  - role: user\n    content: " + "[" * 5000 + "]" * 5000 + "\n")
    put("deep.prompty", "---\nname: x\nmodel: " + "[" * 5000 + "]" * 5000 + "\n---\nsystem:\nhi\n")
    put("dates.yaml", "messages:\n  - role: system\n    content: 2024-01-01\n  - role: user\n"
        "    content: !!binary " + base64.b64encode(b"hello there").decode() + "\n")
    put("binary_bad.yaml", "messages:\n  - role: user\n    content: !!binary /w==\n")
    put("laughs.yaml", _billion_laughs())
    put("recursive.yaml", "messages: &m\n  - role: user\n    content: *m\n")
    put("bad.yaml", "messages:\n  - role: user\n   content: [\n")
    put("empty.jsonl", "")
    (d / "empty_dir").mkdir()
    f["empty_dir"] = d / "empty_dir"
    loop = d / "loop_dir"
    loop.mkdir()
    (loop / "p.md").write_text("a prompt in a folder with symlink loops\n")
    os.symlink("a", loop / "b.md")
    os.symlink("b.md", loop / "a")
    os.symlink(".", loop / "self")
    os.symlink(str(loop), loop / "sub")
    f["loop_dir"] = loop
    os.mkfifo(d / "fifo.md")
    f["fifo.md"] = d / "fifo.md"
    os.symlink("/dev/zero", d / "zero.md")
    f["zero.md"] = d / "zero.md"
    gz = gzip.compress(GOOD_MD.read_bytes())
    put("truncated.md.gz", gz[: len(gz) // 2])
    put("truncated.jsonl.gz", gzip.compress((log_line() + "\n").encode() * 50)[:200])
    put("notgzip.md.gz", b"plain text, not gzip\n")
    # 24 MiB of zeros inside ~24 KB: refused at the (lowered) 8 MiB limit, never held whole
    put("bomb.md.gz", gzip.compress(b"\0" * (24 << 20), 9))
    put("bomb_lines.jsonl.gz", gzip.compress(b"a" * (24 << 20), 9))
    put("long_line.md", "x " * (5 << 20))  # 10 MiB on one line: past the lowered limit
    put("giant_word.md", "a" * (4 << 20))  # one 4 MiB "word": within the limit, must not take minutes
    put("giant_punct.md", "!" * (2 << 20) + " " * (2 << 20) + "b" * (1 << 20))
    put("bad_utf8.md", b"caf\xc3\xa9\nline two \xff\n")
    put("binary.md", b"\x00\x01\x02binary")
    # audit logs: one good line around each bad one
    good = log_line()
    put("good.jsonl", good + "\n" + log_line(timestamp=1760000100) + "\n")
    bad_lines = {
        "usage_inf": log_line({"prompt_tokens": "RAW", "completion_tokens": 1}, raw="1e400"),
        "usage_bigint": log_line({"prompt_tokens": "RAW", "completion_tokens": 1}, raw="9" * 5000),
        "usage_str_inf": log_line({"prompt_tokens": "inf", "completion_tokens": 1}),
        "usage_negative": log_line({"prompt_tokens": -5, "completion_tokens": 1}),
        "usage_huge": log_line({"prompt_tokens": 10**30, "completion_tokens": 1}),
        "time_inf": log_line(timestamp="RAW", raw="1e400"),
        "time_big": log_line(timestamp="RAW", raw="9" * 400),
        "time_nan": log_line(timestamp="nan"),
        "time_neg_inf": log_line(timestamp="-inf"),
        "created": json.dumps({"id": "r", "model": "gpt-4o", "created": -1e279, "usage": {
            "prompt_tokens": 1100, "completion_tokens": 1}}),
        "created_str": json.dumps({"id": "r", "model": "gpt-4o", "created": "1e400", "usage": {
            "prompt_tokens": 1100, "completion_tokens": 1}}),
        "model_number": log_line(request=dict(CHAT, model=5)),
        "model_list": log_line(request=dict(CHAT, model=["gpt-4o"])),
        "response_model_list": log_line(response_model=["x"]),
        "deep": deep,
        "nan_literal": good[:-1] + ', "x": NaN}',
    }
    for name, line in bad_lines.items():
        put(f"log_{name}.jsonl", "\n".join([good, line, good]) + "\n")
    put("log_bom.jsonl", "\ufeff" + good + "\n")
    put("log_bad_utf8.jsonl", (good + "\n").encode() + b'{"x": "\xff\xfe"}\n' + (good + "\n").encode())
    put("log_long_line.jsonl", good + "\n" + "[" + "1," * (3 << 20) + "1]\n" + good + "\n")
    header = "start_time_iso,model,input_tokens,input_cached_tokens,output_tokens,num_model_requests\n"
    row = "2026-10-01T00:00:00Z,gpt-4o,2000,1024,10,2\n"
    put("usage.csv", header + row)
    put("usage_bom.csv", "\ufeff" + header + row)
    put("usage_bad.csv", header + row + "2026-10-01,gpt-4o,inf,0,1,1\n" + "2026-10-01,gpt-4o,1e400,0,1,1\n"
        + "2026-10-01,gpt-4o," + "9" * 5000 + ",0,1,1\n" + "2026-10-01,gpt-4o,-3,0,1,1\n"
        + '2026-10-01,"' + "m" * 140_000 + '",1,0,1,1\n' + "-294701543004,gpt-4o,10,0,1,1\n"
        + "2026-10-01,gpt-4o,nan,0,1,1\n" + row)
    put("usage_api.json", json.dumps({"object": "page", "data": [{"start_time": 1760000000, "results": [
        {"input_tokens": 100, "model": "gpt-4o", "num_model_requests": 1},
        {"input_tokens": "RAW", "model": "gpt-4o", "num_model_requests": 1},
        {"input_tokens": 100, "model": ["gpt-4o"], "num_model_requests": 1}]}]}).replace('"RAW"', "1e400"))
    put("batch_out.jsonl", "\n".join(json.dumps({"id": "b", "custom_id": f"c{i}", "response": {
        "status_code": 200, "body": {"model": m, "created": t, "usage": {"prompt_tokens": 5, "completion_tokens": 1}}}})
        for i, (m, t) in enumerate([("gpt-4o", 1760000000), ("gpt-4o", "inf"), (7, 1760000000)])) + "\n")
    return f


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> dict[str, Path]:
    return build(tmp_path_factory.mktemp("bad"))


SMALL = {"PCACHE_MAX_INPUT_MB": "8"}

# (command, bad input, extra args, text the one-line error must hold (None: any), good file to keep)
FILE_CASES = [
    "deep.json", "deep.jsonl", "deep_object.json", "bigint.json", "bigint.jsonl", "nan.json",
    "nested_if.j2", "deep.yaml", "deep.prompty", "dates.yaml", "binary_bad.yaml", "laughs.yaml",
    "recursive.yaml", "bad.yaml", "empty.jsonl", "empty_dir", "loop_dir", "fifo.md", "zero.md",
    "truncated.md.gz", "notgzip.md.gz", "bomb.md.gz", "long_line.md", "bad_utf8.md", "binary.md",
]
MESSAGES = {
    "deep.json": "nested", "deep.jsonl": "nested", "deep_object.json": "nested", "bigint.json": "4,300 digits",
    "nan.json": "NaN", "deep.yaml": "nested", "deep.prompty": "nested", "laughs.yaml": "expands",
    "recursive.yaml": "recursive", "fifo.md": "FIFO", "zero.md": "character device",
    "truncated.md.gz": "truncated gzip", "bomb.md.gz": "limit", "long_line.md": "limit",
    "empty.jsonl": "no prompts", "empty_dir": "no prompt files", "notgzip.md.gz": "not gzip",
    "bad_utf8.md": "UTF-8", "binary_bad.yaml": "binary",
}


def _file_runs(bad):
    """Every file-reading command on every bad input, alone and next to a good file."""
    runs = []
    for name in FILE_CASES:
        p = bad[name]
        runs.append((("scan", p, "--format", "json"), name, False))
        runs.append((("scan", p, GOOD_MD, "--format", "json"), name, True))
        runs.append((("lint", p, GOOD_MD, "--format", "json"), name, True))
        runs.append((("show", p), name, False))
        runs.append((("diff", p, GOOD_MD), name, False))
    return runs


def test_bad_files_every_command(bad):
    runs = _file_runs(bad)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda r: (pcache(*r[0], env=SMALL), r[1], r[2]), runs))
    problems = []
    for r, name, with_good in results:
        try:
            sane(r)
            if with_good:
                assert GOOD_MD.name in r.out, f"the good file's result is missing: {r.args}"
            if r.code == 2:
                lines = [ln for ln in r.err.splitlines() if ln.startswith("pcache")]
                assert any(str(bad[name]) in ln or bad[name].name in ln for ln in lines), \
                    f"no error line names {name}: {r.err[-500:]}"
            want = MESSAGES.get(name)
            if want and r.code == 2:
                assert want in r.err, f"{name}: expected {want!r} in {r.err[-500:]}"
        except AssertionError as exc:
            problems.append(str(exc))
    assert not problems, "\n\n".join(problems[:10]) + f"\n({len(problems)} problems)"

"""Every command on hostile inputs: a result or one line naming the file, never a traceback, a hang, a
memory blow-up or a silent exit, and a good file in the same run keeps its result.

Each ``pcache`` run is a subprocess capped at 2 GiB of address space and 30 s of CPU (90 s of wall
clock for a blocked read).  The "huge" inputs are
kept small (a few MB) by lowering the input limit with ``PCACHE_MAX_INPUT_MB``/``--max-input-mb``: they
prove the bound, not the size.  The classes come from issue 14 (each was a traceback, hang, memory kill
or silent exit before the input layer).
"""

from __future__ import annotations

import base64
import gzip
import json
import math
import os
import re
import sys
from pathlib import Path

import pytest

import cli_runs
from cli_runs import Run, check_all, pcache, sane

ROOT = Path(__file__).resolve().parent.parent
GOOD_MD = ROOT / "sample_prompts" / "support_bot_bad.md"  # a prompt lint flags (PC101): a result to find

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
    # VCR cassettes (audit's vcr reader) with the same YAML attacks
    head = "interactions:\n- request: {uri: 'https://api.openai.com/v1/chat/completions', body: '{}'}\n" \
           "  response: {body: {string: '{}'}}\n"
    put("laughs_cassette.yaml", head + _billion_laughs().split("\n", 3)[3])
    put("deep_cassette.yaml", "interactions:\n- request: " + "[" * 5000 + "]" * 5000 + "\n")
    put("recursive_cassette.yaml", "interactions: &m\n- request: *m\n")
    put("bad_cassette.yaml", "interactions:\n- request: {uri: x\n  response: [\n")
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
    put("log_bom.jsonl", "\ufeff" + good + "\n" + good + "\n")
    put("log_bad_utf8.jsonl", (good + "\n").encode() + b'{"x": "\xff\xfe"}\n' + (good + "\n").encode())
    put("log_long_line.jsonl", good + "\n" + "[" + "1," * (5 << 20) + "1]\n" + good + "\n")  # 10 MiB
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

# Prompt-file inputs and the words their one-line error must hold (None: read fine, or any message).
FILE_CASES = {
    "deep.json": "nested", "deep.jsonl": "nested", "deep_object.json": "nested", "looks_json.txt": None,
    "bigint.json": "4,300 digits", "bigint.jsonl": "4,300 digits", "nan.json": "NaN",
    "nested_if.j2": "nested", "deep.yaml": "nested", "deep.prompty": "nested", "dates.yaml": None,
    "binary_bad.yaml": "binary", "laughs.yaml": "expands", "recursive.yaml": "recursive",
    "bad.yaml": "invalid YAML", "empty.jsonl": "no prompts", "empty_dir": "no prompt files",
    "loop_dir": "symbolic links", "fifo.md": "FIFO", "zero.md": "character device",
    "truncated.md.gz": "truncated gzip", "notgzip.md.gz": "not gzip", "bomb.md.gz": "limit",
    "long_line.md": "limit", "giant_word.md": None, "giant_punct.md": None, "bad_utf8.md": "UTF-8",
}
SHOW_CASES = ["deep.json", "bigint.json", "nested_if.j2", "deep.prompty", "dates.yaml", "laughs.yaml",
              "empty.jsonl", "fifo.md", "truncated.md.gz", "bomb.md.gz", "long_line.md", "giant_word.md",
              "giant_punct.md"]
DIFF_CASES = ["looks_json.txt", "zero.md", "giant_word.md"]
LOG_CASES = {  # audit: each bad log holds good lines around the bad one
    **{f"log_{k}.jsonl": w for k, w in {
        "usage_inf": "not a token count", "usage_bigint": "4,300 digits", "usage_str_inf": "not a token count",
        "usage_negative": "negative", "usage_huge": "out of range", "time_inf": "not a time",
        "time_big": "not a time", "time_nan": "not a time", "time_neg_inf": "not a time",
        "created": "not a time", "created_str": "not a time", "model_number": "model",
        "model_list": "model", "response_model_list": None, "deep": "nested", "nan_literal": "NaN",
        "bad_utf8": "UTF-8", "long_line": "limit", "bom": None}.items()},
    "usage_bad.csv": "bad CSV row", "usage_bom.csv": None, "usage_api.json": "not a token count",
    "batch_out.jsonl": "not a time", "truncated.jsonl.gz": "truncated gzip",
    "bomb_lines.jsonl.gz": "not a log format", "fifo.md": "FIFO", "zero.md": "character device",
    "laughs_cassette.yaml": "expands", "deep_cassette.yaml": "nest", "recursive_cassette.yaml": "recursive",
    "bad_cassette.yaml": "invalid YAML",
}


def run_all(runs: list[tuple]) -> list[Run]:
    return cli_runs.run_all(runs, env=SMALL)


def _named(err: str, path: Path) -> list[str]:
    return [ln for ln in err.splitlines() if str(path) in ln]


def test_scan_and_lint_keep_the_good_file_and_name_every_bad_one(bad):
    paths = [bad[n] for n in FILE_CASES]
    results = run_all([("scan", *paths, GOOD_MD, "--format", "json"), ("lint", *paths, GOOD_MD, "--format", "json")])

    def check(r: Run) -> None:
        assert GOOD_MD.name in r.out, f"{r.args[0]}: the good file's result is missing"
        assert r.code == 2, r.code  # the good file's result is out, the exit code says one was bad
        for name, word in FILE_CASES.items():
            if word is not None:
                lines = _named(r.err, bad[name])
                assert lines and any(word in ln for ln in lines), f"{r.args[0]} {name}: no line with {word!r}"

    check_all(results, check)


def test_show_and_diff_on_each_bad_file(bad):
    runs = [("show", bad[n]) for n in SHOW_CASES] + [("diff", bad[n], GOOD_MD) for n in DIFF_CASES]
    results = run_all(runs)

    def check(r: Run) -> None:
        name = Path(r.args[1]).name
        if FILE_CASES[name] is None:
            assert r.code == 0, f"{r.args[0]} {name}: exit {r.code}"
        elif r.code == 2:  # (show picks the first prompt of a file: it may be a good one)
            assert name in r.err, f"{r.args[0]} {name}: the error does not name the file"

    check_all(results, check)


def test_audit_keeps_good_lines_and_files(bad):
    good = bad["good.jsonl"]
    logs = [bad[n] for n in LOG_CASES]
    runs = [("audit", bad[n], "--format", "json") for n in LOG_CASES]
    runs.append(("audit", *logs, good, "--format", "json", "--no-replay"))
    results = run_all(runs)

    def check(r: Run) -> None:
        names = [a.name for a in r.args[1:] if isinstance(a, Path)]
        if len(names) > 1:  # everything together: the good file's two requests are in the report
            report = json.loads(r.out)
            assert report["summary"]["requests"] >= 2 + 2 * 17, report["summary"]
        for name in names:
            if len(names) > 1 and name not in ("fifo.md", "zero.md", "truncated.jsonl.gz"):
                continue  # together: only the first few bad lines are listed, every bad file is
            word = LOG_CASES.get(name)
            if word is not None:
                lines = _named(r.err, bad[name])
                assert any(word in ln for ln in lines), f"audit {name}: no line with {word!r}: {r.err[-600:]}"
        if names == ["usage_bom.csv"]:  # a BOM does not hide the time column
            assert [d["day"] for d in json.loads(r.out)["days"]] == ["2026-10-01"]
        if len(names) == 1 and names[0].startswith("log_") and names[0] not in (
                "log_deep.jsonl", "log_long_line.jsonl", "log_bad_utf8.jsonl"):
            assert json.loads(r.out)["summary"]["requests"] >= 2, f"{names[0]}: good lines lost"

    check_all(results, check)


# -- writers ---------------------------------------------------------------------------------------

def test_writers_refuse_inputs_and_never_follow_planted_symlinks(tmp_path):
    prompt = tmp_path / "p.md"
    prompt.write_bytes(GOOD_MD.read_bytes())
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n")
    link = tmp_path / "report.txt"
    link.symlink_to(victim)
    summary_link = tmp_path / "summary.md"
    summary_link.symlink_to(victim)
    log = tmp_path / "log.jsonl"
    log.write_text(log_line() + "\n")
    log_link = tmp_path / "log_link.jsonl"
    log_link.symlink_to(log)
    results = run_all([
        ("lint", prompt, "-o", prompt), ("lint", tmp_path, "--include", "*.md", "-o", prompt),
        ("lint", prompt, "-o", link), ("audit", log, "-o", log_link), ("audit", log, "-o", tmp_path / "a.json",
                                                                        "--format", "json"),
    ])
    for r in results:
        sane(r)
    assert [r.code for r in results[:2]] == [2, 2] and "refusing to overwrite" in results[0].err
    assert prompt.read_bytes() == GOOD_MD.read_bytes()
    assert results[2].code == 1 and not link.is_symlink() and "PC101" in link.read_text()
    assert results[3].code == 2 and log.read_text() == log_line() + "\n"
    assert results[4].code == 0 and json.loads((tmp_path / "a.json").read_text())["summary"]["requests"] == 1
    assert victim.read_text() == "someone else's file\n"
    r = sane(pcache("lint", prompt, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary_link)}))
    assert r.code == 1 and "symlink" in r.err and "::" in r.out
    assert victim.read_text() == "someone else's file\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_vocabulary_cache_is_private_and_never_in_shared_tmp(tmp_path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    cache = tmp_path / "home-cache"
    r = sane(pcache("scan", GOOD_MD, "-q", env={"TMPDIR": str(shared), "PCACHE_CACHE_DIR": str(cache),
                                                "PCACHE_NO_VOCAB_CACHE": "0", "TIKTOKEN_CACHE_DIR": None,
                                                "DATA_GYM_CACHE_DIR": None}))
    assert r.code == 0
    assert (cache / "vocab").stat().st_mode & 0o777 == 0o700 and cache.stat().st_mode & 0o077 == 0
    assert list(shared.iterdir()) == []  # nothing left in the shared temp folder


# -- probe: hard caps, nothing unannounced, no key fragments ------------------------------------------

PROBE_KEY = "sk-proj-Rb7Tq2Wz9Xk4Lm6Np8Hs3Jd5Fg1Vc0Yt"


def _probe_server():
    """The shared OpenAI test server, also recording its GETs (``server.gets``)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from openai_test_server import OpenAITestServer, _Handler

    class Recording(_Handler):
        def do_GET(self):
            self.server.gets.append(self.path)
            return super().do_GET()

    server = OpenAITestServer("openai", api_key=PROBE_KEY)
    server.RequestHandlerClass = Recording
    server.gets = []
    return server


def _probe_request(d: Path, n: int) -> list[Path]:
    out = []
    for i in range(n):
        p = d / f"req{i}.json"
        p.write_text(json.dumps({"model": "gpt-4o-mini", "messages": [
            {"role": "system", "content": "Rule: be brief. " * 400}, {"role": "user", "content": f"q{i}"}]}))
        out.append(p)
    return out


def _probe(server, files, *extra):
    return pcache("probe", *files, "--yes", "--base-url", server.base_url, "--format", "json", *extra,
                  env={"OPENAI_API_KEY": PROBE_KEY, "OPENAI_BASE_URL": None})


def test_probe_caps_count_every_http_attempt(tmp_path):
    files = _probe_request(tmp_path, 2)
    with _probe_server() as server:
        server.fault("429", count=100, value=0)  # always 429: retries must count against the cap
        r = sane(_probe(server, files, "--max-requests", "2", "--max-retries", "5", "--concurrency", "2"))
        posts = server.requests
        assert len(posts) <= 2, f"{len(posts)} POSTs reached the server under --max-requests 2"
        assert json.loads(r.out)["requests"] == len(posts)
        assert not server.gets  # no GET /models under a cap
    with _probe_server() as server:
        server.fault("delay", count=100, value=3)  # slow answers: client timeouts and retries
        r = sane(_probe(server, files, "--max-requests", "2", "--timeout", "1", "--max-retries", "3",
                        "--concurrency", "2"))
        posts = server.requests
        assert len(posts) <= 2 and json.loads(r.out)["requests"] == len(posts)


def test_probe_sends_only_the_announced_requests_and_never_a_key_fragment(tmp_path):
    files = _probe_request(tmp_path, 1)
    with _probe_server() as server:
        plan = sane(_probe(server, files, "--dry-run"))
        r = sane(_probe(server, files, "--repeat", "2"))
        assert plan.code == 0 and "GET /models" in plan.out + plan.err  # announced in the plan
        assert len(server.gets) == 1 and "GET /models" in r.err
        assert json.loads(r.out)["requests"] == 2 and len(server.requests) == 2
    fragments = {PROBE_KEY, PROBE_KEY[-4:], PROBE_KEY[-8:], PROBE_KEY[8:16]}
    with _probe_server() as server:  # the server echoes the key's tail in its error, as OpenAI does
        server.api_key = "another-key"
        r = sane(_probe(server, files))
        for f in fragments:
            assert f not in r.out + r.err, f"key fragment {f!r} printed"


def test_probe_max_cost_nan_is_a_usage_error(tmp_path):
    files = _probe_request(tmp_path, 1)
    for bad_value in ("NaN", "inf", "-1", "snan"):
        r = sane(pcache("probe", *files, "--dry-run", "--max-cost", bad_value))
        assert r.code == 2 and "--max-cost" in r.err


# -- properties of the input layer (in process, fast) --------------------------------------------

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pcache.analyzers.inputs import MAX_DEPTH, InputError, LineReader, load_yaml, loads_json  # noqa: E402

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
json_like = st.text(alphabet='[]{}":,0123456789.eE+-nulltruefalseNaInfiy \n\\ab', max_size=400)


def _depth(v) -> int:
    if isinstance(v, dict):
        return 1 + max(map(_depth, v.values()), default=0)
    if isinstance(v, list):
        return 1 + max(map(_depth, v), default=0)
    return 0


@PROPS
@given(st.one_of(json_like, st.text(max_size=200)), st.integers(1, 5))
@example("1E400", 1)
def test_json_parses_within_limits_or_raises_one_input_error(text, nest):
    for candidate in (text, "[" * (MAX_DEPTH * nest) + text + "]" * (MAX_DEPTH * nest)):
        try:
            value = loads_json(candidate)
        except InputError as exc:
            assert exc.message and (exc.line is None or exc.line >= 1)
            continue
        assert _depth(value) <= MAX_DEPTH
        if not any(math.isinf(float(n)) for n in _NUMBER.findall(candidate)):
            json.dumps(value, allow_nan=False)  # finite numbers only: the value can be written back out
        # else a literal past the float range (1E400, found by Hypothesis) reads as inf, as json.loads does and
        # RFC 8259 section 6 allows; the readers that use a number check it (audit: "not a token count", LOG_CASES)


@PROPS
@given(st.text(alphabet="ab:-[]{}&*!<>|'\"\n #0123456789.", max_size=300))
def test_yaml_loads_json_types_within_limits_or_raises_one_input_error(text):
    try:
        value = load_yaml(text)
    except InputError as exc:
        assert exc.message
        return
    json.dumps(value, default=None)  # only JSON types (dates as text, !!binary as text)
    assert _depth(value) <= MAX_DEPTH + 1


@PROPS
@given(st.lists(st.binary(max_size=60), max_size=12), st.booleans())
def test_line_reader_keeps_good_lines_and_reports_each_bad_one(chunks, gz):
    import tempfile

    from hypothesis import assume

    data = b"\n".join(c.replace(b"\n", b" ") for c in chunks)
    # bytes that open with the gzip magic are a gzip stream whatever the name (a truncated one is one
    # clear InputError: the truncated/corrupt gzip cases above), not lines
    assume(gz or not data.startswith(b"\x1f\x8b"))
    bad: list[int] = []
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / ("f.jsonl.gz" if gz else "f.jsonl")
        path.write_bytes(gzip.compress(data) if gz else data)
        with LineReader(str(path)) as lr:
            got = list(lr.lines(lambda n, msg: bad.append(n)))
    lines = data.split(b"\n") if data else []
    if lines and lines[-1] == b"":
        lines.pop()
    assert len(got) + len(bad) == len(lines)
    for n, text in got:
        assert text == lines[n - 1].decode("utf-8").rstrip("\r") or (n == 1 and lines[0].startswith(b"\xef\xbb\xbf"))


@PROPS
@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                 st.sampled_from(["nan", "inf", "-inf", "1e400", "-1e279", "9" * 400, "2026-10-01T00:00:00Z"])))
def test_timestamps_are_a_time_none_or_a_value_error(value):
    from pcache.analyzers.audit.readers.interface import MAX_TIME, parse_time

    try:
        t = parse_time(value)
    except ValueError:
        return
    assert t is None or 0 <= t <= MAX_TIME


@PROPS
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=60),
       st.text(max_size=80), st.integers(0, 60), st.integers(4, 60))
def test_no_key_fragment_survives_redaction(key, noise, at, size):
    from pcache.analyzers.redact import Redactor

    secret = "sk-proj-" + key
    piece = key[at % len(key):][:size]
    for shown in (f"{noise} {secret} {noise}", f"key: sk-proj-****{piece}", f"{noise}({piece}){noise}"):
        out = Redactor([secret])(shown)
        assert secret not in out
        if len(piece) >= 4 and f"({piece})" in shown:
            assert f"({piece})" not in out  # a standalone piece of 4+ characters is hidden
        if len(piece) >= 8:
            assert piece not in out


@PROPS
@given(st.text(alphabet=st.sampled_from(list("ab \n日本語🙂é\u0301!")), max_size=300), st.integers(1, 9))
def test_token_offsets_in_chunks_match_tiktoken(text, chunk):
    """Offsets are computed in bounded chunks (memory); they equal tiktoken's decode_with_offsets."""
    import pcache.analyzers.tokenizer as tok
    from pcache.analyzers.model import Prompt, Segment

    saved = tok._OFFSET_CHUNK
    tok._OFFSET_CHUNK = chunk
    try:
        (tp,) = tok.tokenize_prompts([Prompt("p", "p.txt", [Segment("static", text)])], tok.load_encoding("o200k_base"))
        _, want = tp.encoding.decode_with_offsets(tp.tokens.tolist())
        assert list(tp.token_offsets()) == want
    finally:
        tok._OFFSET_CHUNK = saved


"""``pcache audit s3://...``: logs in object storage, read from a real S3 API on 127.0.0.1 that the test
starts itself (moto's server) through pyarrow's S3 filesystem, by Ray Data (``read_binary_files``) with
``--engine ray`` and from a local copy by the local engine (``--jobs 1`` and ``2``), give the report the
local engine gives on the same files; an object that cannot be read is one line naming it (exit 2), and
no credential is ever printed.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SHARED, pcache_without
from test_audit_ray import _ray_or_skip

CORPORA = SHARED / "corpora"
BUCKET = "pcache-logs"
SECRET = "s3cr3t-never-printed-0123456789"
KEY_ID = "AKIAPCACHETESTKEY0001"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _s3_env(port: int) -> dict:
    return {"AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": KEY_ID,
            "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true"}


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """A moto S3 server on 127.0.0.1 with bucket ``pcache-logs`` holding real recorded logs, a generated
    benchmark log (plain and gzip) and a Parquet conversion; the AWS variables point at it for the
    module (set before Ray starts, so its workers inherit them).  Yields {object key: local file}."""
    _ray_or_skip()  # pyarrow comes with the ray extra (and Ray reads the objects)
    import pyarrow.fs as pafs
    from moto.server import ThreadedMotoServer  # the test extra

    from test_audit_parquet import jsonl_to_parquet

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    work = tmp_path_factory.mktemp("s3")
    gen = work / "gen.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "log", "--size", "1MB", "--out",
                    str(gen)], check=True, capture_output=True, timeout=300)
    (work / "gen.jsonl.gz").write_bytes(gzip.compress(gen.read_bytes()))
    lines = gen.read_bytes().splitlines(keepends=True)
    for at, bad in ((70, b'{"x": "\xff"}\n'), (40, b'{"request": {"model": \n'), (10, b"[1, 2]\n")):
        lines[at:at] = [bad]  # malformed lines in three spans, cited by their numbers
    (work / "gen_bad.jsonl").write_bytes(b"".join(lines))
    jsonl_to_parquet(CORPORA / "openai-recorded" / "recorded.jsonl", work / "recorded.parquet", structs=("usage",))
    # keys keep the files' names: the report cites requests by file name and line
    files = {"day1/openai_chat_completions.jsonl": CORPORA / "crewai-vcr" / "openai_chat_completions.jsonl",
             "day1/anthropic_messages.jsonl": CORPORA / "crewai-vcr" / "anthropic_messages.jsonl",
             "gen.jsonl": gen, "gen.jsonl.gz": work / "gen.jsonl.gz", "gen_bad.jsonl": work / "gen_bad.jsonl", "recorded.parquet": work / "recorded.parquet"}
    with pytest.MonkeyPatch.context() as mp:
        for k, v in _s3_env(port).items():
            mp.setenv(k, v)
        fs = pafs.S3FileSystem(endpoint_override=f"127.0.0.1:{port}", scheme="http", region="us-east-1",
                               allow_bucket_creation=True)
        fs.create_dir(BUCKET)
        for key, path in files.items():
            with fs.open_output_stream(f"{BUCKET}/{key}", compression=None) as out:  # the bytes as they are
                out.write(path.read_bytes())
        yield files
    server.stop()


@pytest.fixture(scope="module")
def ray_s3(s3):
    """Ray local mode (2 CPUs) started after the S3 variables are set."""
    _ray_or_skip()
    from pcache.analyzers.audit.engines.ray_data import ray_session

    with ray_session(None, 2) as ray:
        yield ray


def _local_and_s3(run_cli, files: dict, keys: list[str], *args, engine=("--engine", "ray")):
    local = run_cli("audit", *(files[k] for k in keys), "--format", "json", *args)
    remote = run_cli("audit", *(f"s3://{BUCKET}/{k}" for k in keys), "--format", "json", *engine, *args)
    code, out, err = remote
    for k in keys:
        out, err = (t.replace(f"s3://{BUCKET}/{k}", str(files[k])) for t in (out, err))
    return local, remote, (code, out, err)


@pytest.mark.parametrize("keys", [["day1/openai_chat_completions.jsonl"], ["gen.jsonl"], ["gen.jsonl.gz"],
                                  ["recorded.parquet"], ["day1/anthropic_messages.jsonl", "gen.jsonl"]],
                         ids=["real-openai", "generated", "gzip", "parquet", "two-files"])
def test_s3_objects_give_the_local_report(ray_s3, s3, run_cli, keys):
    local, (_rcode, rout, _rerr), named = _local_and_s3(run_cli, s3, keys)
    assert json.loads(local[1])["summary"]["requests"] > 0 and '"replay"' in local[1]
    assert all(f"s3://{BUCKET}/{k}" in rout for k in keys), _rerr  # the files are named by their URLs
    assert named == local  # exit code, report and bad lines (the generated log has some)


def test_big_s3_object_is_read_in_spans_of_lines(ray_s3, s3, run_cli, monkeypatch):
    """An object over SPLIT_BYTES (here 64 KB: the 1 MB generated log, malformed lines included) is cut at line
    ends by ranged reads, its spans' lines counted by Ray tasks: every span parsed on its own, the bad lines
    cited by their numbers in the whole file, the report the local engine's."""
    from pcache.analyzers.audit.engines import ray_read

    monkeypatch.setattr(ray_read, "SPLIT_BYTES", 1 << 16)
    cuts = []
    real = ray_read.object_spans

    def spy(location, reader_name):
        got = real(location, reader_name)
        cuts.append(got)
        return got

    monkeypatch.setattr(ray_read, "object_spans", spy)
    local, _remote, named = _local_and_s3(run_cli, s3, ["gen_bad.jsonl", "gen.jsonl.gz"])
    spans, reader = cuts[0]
    assert len(spans) > 8 and reader == "jsonl" and cuts[1] is None  # gzip: one stream, read whole
    data = s3["gen_bad.jsonl"].read_bytes()
    assert spans[0][0] == 0 and spans[-1][1] == len(data) and all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(data[e - 1:e] == b"\n" for _s, e in spans[:-1])
    for n in (11, 42, 73):  # each bad line by its number in the whole object
        assert f"gen_bad.jsonl:{n}: " in named[2], named[2]
    assert named == local


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("keys", [["gen.jsonl"], ["gen.jsonl.gz", "recorded.parquet"]], ids=["plain", "gzip+parquet"])
def test_s3_objects_on_the_local_engine(s3, run_cli, keys, jobs):
    """Without Ray: each object copied through pyarrow and read as a local file, named by its URL."""
    local, (_rcode, rout, _rerr), named = _local_and_s3(run_cli, s3, keys, "--jobs", jobs, engine=())
    assert json.loads(local[1])["summary"]["requests"] > 0
    assert all(f"s3://{BUCKET}/{k}" in rout for k in keys) and "pcache-log-" not in rout + _rerr
    assert named == local, named[2]


def test_s3_prefix_reads_every_object_under_it(ray_s3, s3, run_cli):
    """``s3://bucket/day1/``: the objects under the prefix, in key order, as the same files given locally."""
    keys = ["day1/anthropic_messages.jsonl", "day1/openai_chat_completions.jsonl"]  # key order
    code, out, err = run_cli("audit", *(s3[k] for k in keys), "--format", "json")
    rcode, rout, rerr = run_cli("audit", f"s3://{BUCKET}/day1/", "--format", "json", "--engine", "ray")
    assert (rcode, code) == (0, 0), rerr
    for k in keys:
        rout = rout.replace(f"s3://{BUCKET}/{k}", str(s3[k]))
    assert rout == out


def _one_line_exit_2(proc, *needles):
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for n in needles:
        assert n in lines[0], lines[0]
    for secret in (SECRET, KEY_ID):
        assert secret not in proc.stderr and secret not in proc.stdout
    return lines[0]


def _cli(*args, env: dict, cwd):
    return subprocess.run([sys.executable, "-m", "pcache.cli.app", "audit", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env=dict(os.environ, **env))


def test_missing_object_is_one_line_before_ray_starts(s3, tmp_path):
    """No such key, no such bucket, an empty prefix: one line naming the URL, exit 2, before Ray starts."""
    env = {k: os.environ[k] for k in _s3_env(0)}
    for url, says, engine in [(f"s3://{BUCKET}/nope.jsonl", "no such object", "ray"),
                              ("s3://no-such-bucket-pcache/a.jsonl", "no such object", "ray"),
                              (f"s3://{BUCKET}/empty/", "no objects under this prefix", "ray"),
                              (f"s3://{BUCKET}/nope.jsonl", "no such object", "local"),
                              (f"s3://{BUCKET}/empty/", "no objects under this prefix", "local")]:
        t0 = time.monotonic()
        proc = _cli(url, "--engine", engine, env=env, cwd=tmp_path)
        line = _one_line_exit_2(proc, url, says)
        assert line.startswith("pcache: error: ")
        assert time.monotonic() - t0 < 60


def test_denied_credentials_are_one_line_and_never_printed(tmp_path):
    """A server that knows no key (moto with authentication on): the error names the URL and the
    storage's reason; neither the key id nor the secret (from the environment or in the URL) appears."""
    _ray_or_skip()  # pyarrow comes with the ray extra
    import moto.server  # noqa: F401 - the test extra

    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              env=dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="0"), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "moto server did not start"
                time.sleep(0.2)
        env = _s3_env(port)
        for engine in ("ray", "local"):
            proc = _cli(f"s3://{BUCKET}/a.jsonl", "--engine", engine, env=env, cwd=tmp_path)
            _one_line_exit_2(proc, f"s3://{BUCKET}/a.jsonl", "ACCESS_DENIED")
        proc = _cli(f"s3://{BUCKET}/logs/", "--engine", "ray", env=env, cwd=tmp_path)
        _one_line_exit_2(proc, f"s3://{BUCKET}/logs/", "Access Key Id you provided does not exist")
        # credentials in the URL itself (pyarrow accepts user info): shown without them
        url = f"s3://{KEY_ID}:{SECRET}@{BUCKET}/a.jsonl"
        proc = _cli(url, "--engine", "ray", env={"AWS_ENDPOINT_URL": env["AWS_ENDPOINT_URL"],
                                                 "AWS_EC2_METADATA_DISABLED": "true"}, cwd=tmp_path)
        _one_line_exit_2(proc, f"s3://{BUCKET}/a.jsonl")
    finally:
        server.kill()
        server.wait()


def test_url_without_pyarrow_is_one_line_naming_the_extra(tmp_path):
    """The default install has no pyarrow: a URL is one line saying which extra reads it (no network)."""
    proc = pcache_without("pyarrow", "audit", "s3://bucket/logs/a.jsonl", cwd=tmp_path, timeout=120)
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "object-storage URLs need pyarrow" in lines[0], proc.stderr
    assert "prompt-cache-analyzer[parquet]" in lines[0]


def test_shown_locations_carry_no_credentials():
    from pcache.analyzers.audit.storage import scrub, shown

    assert shown("s3://AKIA1:topsecret@bucket/k.jsonl?region=eu-west-1") == "s3://bucket/k.jsonl?region=eu-west-1"
    assert shown("s3://bucket/k.jsonl?access_key=AKIA1&secret_key=x&session_token=t&scheme=http") == \
        "s3://bucket/k.jsonl?scheme=http"
    assert shown("logs/a.jsonl") == "logs/a.jsonl"
    assert scrub("denied for AKIA1:topsecret", "s3://AKIA1:topsecret@bucket/k") == "denied for ***:***"

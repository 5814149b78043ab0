"""``pcache audit --engine ray``: the report of Ray Data (local mode, 2 CPUs) is the local engine's, byte
for byte, on real recorded traffic and on a generated benchmark log; object-storage locations resolve
to pyarrow filesystems; without Ray installed the engine is one line and exit 2.

The Ray tests skip only where Ray is not installed, which the ``ray`` extra does wherever a wheel exists
for the platform; CI (.ci/run) installs the extra and sets PCACHE_REQUIRE_RAY, so there they never skip.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED, pcache_without

CORPORA = SHARED / "corpora"


def _ray_or_skip():
    if os.environ.get("PCACHE_REQUIRE_RAY"):
        import ray  # noqa: F401 - CI installs the ray extra: a missing Ray fails, never skips
        import ray.data  # noqa: F401
    return pytest.importorskip("ray.data", reason="Ray is not installed (pip install '.[ray]'; the ray extra "
                                                  "installs it wherever Ray publishes a wheel for the platform)")


# --- without Ray ---------------------------------------------------------------------------------

def test_engine_ray_without_ray_is_one_line_and_exit_2(tmp_path):
    log = ROOT / "tests" / "fixtures"
    sample = next(iter(sorted(log.rglob("*.jsonl"))))
    proc = pcache_without("ray", "audit", str(sample), "--engine", "ray", cwd=tmp_path, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and proc.stdout == "", proc.stderr
    assert lines[0].startswith("pcache: error: --engine ray needs Ray Data, the ray extra"), proc.stderr
    assert lines[0].endswith("pip install 'prompt-cache-analyzer[ray]'")


def test_default_install_never_imports_ray(tmp_path):
    """The local engine runs with Ray unimportable (the default install has no Ray)."""
    sample = CORPORA / "pydantic-ai-vcr" / "usage_with_cache.jsonl"
    proc = pcache_without("ray", "audit", str(sample), "--format", "json", cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert '"summary"' in proc.stdout


def test_address_needs_the_ray_engine(run_cli):
    code, _out, err = run_cli("audit", str(CORPORA / "pydantic-ai-vcr" / "usage_with_cache.jsonl"),
                              "--address", "auto")
    assert code == 2 and "--engine ray" in err


# --- object-storage locations ----------------------------------------------------------------------

def test_locations_resolve_to_pyarrow_filesystems():
    pytest.importorskip("pyarrow.fs", reason="pyarrow comes with the ray extra")
    from pcache.analyzers.audit.storage import is_url, resolve
    from pcache.analyzers.errors import PcacheError

    fs, path = resolve("s3://my-bucket/logs/2026-10/a.jsonl.gz?region=eu-west-1")
    assert (fs.type_name, fs.region, path) == ("s3", "eu-west-1", "my-bucket/logs/2026-10/a.jsonl.gz")
    fs, path = resolve("gs://my-bucket/logs/a.jsonl")
    assert (fs.type_name, path) == ("gcs", "my-bucket/logs/a.jsonl")
    fs, path = resolve("gcs://my-bucket/logs/a.jsonl")
    assert (fs.type_name, path) == ("gcs", "my-bucket/logs/a.jsonl")
    assert resolve("logs/a.jsonl") == (None, "logs/a.jsonl")
    assert not is_url("C:/logs/a.jsonl") and not is_url("logs/s3:/x") and is_url("s3://b/k")
    with pytest.raises(PcacheError, match="unsupported URL scheme ftp://"):
        resolve("ftp://host/a.jsonl")


def test_file_urls_expand_and_copy(tmp_path):
    pytest.importorskip("pyarrow.fs", reason="pyarrow comes with the ray extra")
    from pcache.analyzers.audit.storage import expand, local_copy

    (tmp_path / "logs" / "day2").mkdir(parents=True)
    (tmp_path / "logs" / "b.jsonl").write_text('{"x": 2}\n')
    (tmp_path / "logs" / "day2" / "a.jsonl.gz").write_bytes(b"\x1f\x8b")
    base = (tmp_path / "logs").as_uri()
    got = expand(base + "/")
    assert got == [f"{base}/b.jsonl", f"{base}/day2/a.jsonl.gz"]
    with local_copy(got[1]) as local:
        assert local.endswith("a.jsonl.gz") and open(local, "rb").read() == b"\x1f\x8b"
    assert not os.path.exists(local)


# --- the report of Ray Data is the local engine's ----------------------------------------------------

@pytest.fixture(scope="module")
def ray_local():
    """One Ray local-mode session (2 CPUs, small object store) for the module; the engine uses it."""
    _ray_or_skip()
    from pcache.analyzers.audit.engines.ray_data import ray_session

    with ray_session(None, 2) as ray:
        yield ray


@pytest.fixture(scope="module")
def generated_log(tmp_path_factory):
    """A small benchmark log (benchmarks/make_corpus.py: seeded, with malformed lines on purpose)."""
    out = tmp_path_factory.mktemp("ray") / "log_1MB.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "log", "--size", "1MB", "--out",
                    str(out)], check=True, capture_output=True, timeout=300)
    return out


REAL_LOGS = [CORPORA / "crewai-vcr" / "openai_chat_completions.jsonl",
             CORPORA / "crewai-vcr" / "anthropic_messages.jsonl",
             CORPORA / "pydantic-ai-vcr" / "usage_with_cache.jsonl",
             CORPORA / "openai-recorded" / "recorded.jsonl"]


def _both(run_cli, *args):
    local = run_cli("audit", *args, "--format", "json")
    ray = run_cli("audit", *args, "--format", "json", "--engine", "ray", "--jobs", "2")
    return local, ray


@pytest.mark.parametrize("log", REAL_LOGS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_ray_report_is_the_local_report(ray_local, run_cli, log):
    (code, out, err), (rcode, rout, rerr) = _both(run_cli, log)
    assert code == 0, err
    assert '"replay"' in out and json_requests(out) > 0
    assert (rcode, rout, rerr) == (code, out, err)


def json_requests(text: str) -> int:
    import json

    return json.loads(text)["summary"]["requests"]


def test_ray_report_of_several_files_and_bad_lines(ray_local, run_cli, generated_log):
    """Files in the order given, malformed lines counted and cited as locally (exit 2 for them)."""
    logs = [generated_log, CORPORA / "crewai-vcr" / "openai_responses.jsonl", generated_log.parent / "missing.jsonl"]
    (code, out, err), ray = _both(run_cli, *logs)
    assert code == 2 and "malformed line" in err, err
    assert ray == (code, out, err)


def test_ray_with_options_is_the_local_report(ray_local, run_cli):
    """The options reach the workers: volatile patterns, TTLs, model map, redaction, top groups."""
    log = CORPORA / "crewai-vcr" / "openai_chat_completions.jsonl"
    local, ray = _both(run_cli, log, "--volatile", r"Current Task: \w+", "--ttl", "120", "--optimistic-ttl", "900",
                       "--model-map", "gpt-4o-mini=gpt-4o", "--redact", "--top", "3")
    assert local[0] == 0, local[2]
    assert ray == local


def test_ray_no_replay_is_the_local_no_replay(ray_local, run_cli, generated_log):
    local, ray = _both(run_cli, generated_log, "--no-replay")
    assert ray == local


def test_file_url_reads_the_same_records(ray_local, run_cli):
    """A log given as a URL (here file://, read through pyarrow like s3:// and gs://) gives the local
    report of the same file, with the file named by its URL."""
    log = CORPORA / "pydantic-ai-vcr" / "usage_with_cache.jsonl"
    code, out, err = run_cli("audit", log, "--format", "json")
    rcode, rout, rerr = run_cli("audit", log.as_uri(), "--format", "json", "--engine", "ray")
    assert (rcode, rerr) == (code, err)
    assert log.as_uri() in rout
    assert rout.replace(log.as_uri(), str(log)) == out


@pytest.mark.parametrize("address", ["127.0.0.1:9", "ray://127.0.0.1:9"])
def test_unreachable_cluster_is_one_line_and_exit_2(tmp_path, address):
    """Ray retries an unreachable address for minutes; pcache says so at once."""
    _ray_or_skip()
    log = CORPORA / "pydantic-ai-vcr" / "usage_with_cache.jsonl"
    proc = subprocess.run([sys.executable, "-m", "pcache.cli.app", "audit", str(log), "--engine", "ray",
                           "--address", address], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith(f"pcache: error: cannot reach the Ray cluster at {address}: "), proc.stderr
    assert "Traceback" not in proc.stderr


def test_dominant_scope_folds_across_blocks(ray_local, generated_log, monkeypatch, tmp_path):
    """One scope larger than a block (the generated log: 3 prompt families, the largest ~60 % of the
    requests; blocks of 8 requests): the scope is folded block after block, its state handed from one
    block's task to the next, and the report is the local engine's (``LogEngine`` interface).  The file
    is read in spans of 64 KB (as a large local JSONL is): its malformed lines keep their numbers."""
    from pcache.analyzers.audit.engine import AuditOptions, _legacy_data, report_of, run_audit
    from pcache.analyzers.audit.engines import ray_data
    from pcache.analyzers.audit.engines.interface import AuditJob
    from pcache.analyzers.audit.readers.interface import ReaderOptions
    from pcache.analyzers.audit.stages.interface import stage_options
    from pcache.cli.render.audit import render_audit_json

    from pcache.analyzers.audit.engines import ray_replay

    from pcache.analyzers.audit.engines import ray_read

    monkeypatch.setattr(ray_replay, "FOLD_ROWS", 8)
    monkeypatch.setattr(ray_read, "SPLIT_BYTES", 1 << 16)
    lines = generated_log.read_bytes().splitlines(keepends=True)
    lines[10:10] = [b'{"request": {"model": \n']  # malformed lines, cited by number
    lines[40:40] = [b'{"x": "\xff"}\n']
    log = tmp_path / "log.jsonl"
    log.write_bytes(b"".join(lines))
    spans = ray_read.line_spans(str(log), None)
    assert spans is not None and len(spans) > 4 and spans[-1][1] == log.stat().st_size
    options = AuditOptions()
    data = _legacy_data()
    stage = stage_options(options, data)
    job = AuditJob((str(log),), None, ReaderOptions(), (), stage.batch_multiplier, stage, 2)
    engine = ray_data.RayEngine()
    got = render_audit_json(report_of(engine.audit(job), data, options, stage))
    assert engine.stats.continued >= 2 and engine.stats.longest_chain >= 3, vars(engine.stats)
    want = render_audit_json(run_audit([str(log)], options=AuditOptions()))
    assert f"{log}:11: invalid JSON" in want and f"{log}:41: not UTF-8" in want
    assert got == want


def test_parquet_on_ray_is_the_local_report(ray_local, run_cli, tmp_path):
    """A Parquet log (a real recorded log converted in the test) gives the local engine's report."""
    from test_audit_parquet import jsonl_to_parquet

    out = tmp_path / "recorded.parquet"
    jsonl_to_parquet(CORPORA / "openai-recorded" / "recorded.jsonl", out, structs=("usage",))
    local, ray = _both(run_cli, out)
    assert local[0] == 0 and '"reader": "parquet"' in local[1], local[2]
    assert ray == local


@pytest.fixture
def ray_cluster(tmp_path):
    """A one-node Ray cluster on 127.0.0.1 (``ray start --head --block``, token authentication with a
    token of its own), stopped by killing its process group after the test."""
    _ray_or_skip()
    import secrets
    import shutil
    import signal
    import socket
    import time

    ray_bin = shutil.which("ray", path=os.path.dirname(sys.executable))
    if ray_bin is None:
        pytest.fail("the ray extra installs the `ray` command next to the interpreter")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "home").mkdir()
    import tempfile

    temp_dir = tempfile.mkdtemp(prefix="pcray")  # short: Ray's socket paths live under it
    env = dict(os.environ, HOME=str(tmp_path / "home"), RAY_AUTH_MODE="token", RAY_AUTH_TOKEN=secrets.token_hex(16))
    log = open(tmp_path / "ray-start.log", "wb")
    head = subprocess.Popen([ray_bin, "start", "--head", "--block", f"--port={port}", "--node-ip-address=127.0.0.1",
                             "--num-cpus=2", f"--object-store-memory={300 * 2**20}", "--include-dashboard=false",
                             "--disable-usage-stats", f"--temp-dir={temp_dir}"], env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert head.poll() is None, (tmp_path / "ray-start.log").read_text()[-2000:]
                assert time.monotonic() < deadline, "ray start did not listen within 180 s"
                time.sleep(0.5)
        yield f"127.0.0.1:{port}", env
    finally:
        os.killpg(head.pid, signal.SIGKILL)
        head.wait()
        log.close()
        shutil.rmtree(temp_dir, ignore_errors=True)


def test_cluster_address_gives_the_local_report(ray_cluster, run_cli, tmp_path):
    """--address joins a running cluster (here one this test started on 127.0.0.1): same report."""
    address, env = ray_cluster
    log = CORPORA / "crewai-vcr" / "openai_chat_completions.jsonl"
    code, out, err = run_cli("audit", log, "--format", "json")
    proc = subprocess.run([sys.executable, "-m", "pcache.cli.app", "audit", str(log), "--format", "json",
                           "--engine", "ray", "--address", address], env=env, capture_output=True, text=True,
                          timeout=600, cwd=tmp_path)
    assert proc.returncode == code == 0, proc.stderr[-2000:]
    assert proc.stdout == out

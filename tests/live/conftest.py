"""A real llama-server (llama.cpp) on 127.0.0.1 for the live probe tests.

The binary and the model come from ``tests/live/llama_server.sh`` (cached under ~/.cache/pcache-test/).
In a plain developer run without them the live tests skip with the command that builds them; under CI
(``PCACHE_REQUIRE_LIVE=1``, set by .ci/run, which starts the build in the background first) they wait for
the build and must run.  They are ordered after every other test, so the build overlaps the unit tests.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCRIPT = HERE / "llama_server.sh"
REQUIRED = os.environ.get("PCACHE_REQUIRE_LIVE") == "1"
BUILD_WAIT_SECONDS = 75 * 60


def pytest_collection_modifyitems(session, config, items):
    """Live tests last: under CI the server build runs in the background while the others run."""
    items.sort(key=lambda item: Path(str(item.fspath)).parent == HERE)


def _paths() -> tuple[Path, Path]:
    out = subprocess.run(["bash", str(SCRIPT), "paths"], capture_output=True, text=True, check=True).stdout
    found = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return Path(found["BIN"]), Path(found["MODEL"])


@pytest.fixture(scope="session")
def llama_paths() -> tuple[Path, Path]:
    binary, model = _paths()
    if binary.is_file() and model.is_file():
        return binary, model
    if not REQUIRED:
        pytest.skip(f"no llama-server/model cached ({binary.parent}): run `bash {SCRIPT.relative_to(ROOT)} "
                    "prepare` (11-30 min) or set PCACHE_REQUIRE_LIVE=1")
    # CI: wait for the background build (the script holds a lock while it builds) or build here.
    res = subprocess.run(["bash", str(SCRIPT), "prepare"], capture_output=True, text=True,
                         timeout=BUILD_WAIT_SECONDS)
    if res.returncode != 0 or not (binary.is_file() and model.is_file()):
        pytest.fail(f"PCACHE_REQUIRE_LIVE=1 but llama-server could not be prepared:\n{res.stderr[-3000:]}")
    return binary, model


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


@pytest.fixture
def llama_server(llama_paths, tmp_path):
    """A fresh server per test (an empty KV cache), stopped afterwards; yields its /v1 base URL."""
    port = _free_port()
    log = open(tmp_path / "llama-server.log", "wb")
    proc = subprocess.Popen(["bash", str(SCRIPT), "serve", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not _healthy(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                tail = (tmp_path / "llama-server.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"llama-server did not start on port {port}:\n{tail}")
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)
        log.close()


@pytest.fixture
def run_probe():
    return _run_probe


def _run_probe(base_url: str, *args: str) -> dict:
    """``pcache probe ... --format json`` against the server; the parsed report."""
    cmd = [sys.executable, "-m", "pcache.cli.app", "probe", *args, "--base-url", base_url, "--yes",
           "--format", "json", "--timeout", "300", "--concurrency", "1"]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert res.returncode == 0, res.stderr + res.stdout
    return json.loads(res.stdout)

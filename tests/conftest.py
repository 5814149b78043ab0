"""Shared fixtures.  Goldens come from tiktoken called directly, never from pcache's own output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No test is timed (speed is measured in benchmarks/): on a shared 2-core machine Hypothesis's deadline and
# its too-slow health check fail on load, not on behaviour.
settings.register_profile("pcache", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("pcache")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_prompts"
# The shared corpora sit next to the repository; PCACHE_SHARED_DIR points elsewhere (a git worktree).
SHARED = Path(os.environ.get("PCACHE_SHARED_DIR") or ROOT.parent / "shared")


def _legacy_rule() -> dict:
    """The OpenAI legacy thresholds read straight from the data file (not through pcache's loader)."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads((ROOT / "analyzers/providers/data/openai_legacy.toml").read_text())


LEGACY = _legacy_rule()
MINIMUM = LEGACY["minimum_tokens"]["value"]
STEP = LEGACY["step_tokens"]["value"]
ROUTING = LEGACY["routing_window_tokens"]["value"]


def cacheable(n: int) -> int:
    """The legacy rule by plain arithmetic: 0 below the minimum, else whole steps."""
    return 0 if n < MINIMUM else STEP * (n // STEP)


def common_prefix_len(a, b) -> int:
    """Leading elements two sequences share, the slow obvious way (an independent golden)."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


# The real request logs of ../shared every audit test replays (directories of cassettes join them per test).
AUDIT_CORPORA = {
    "crewai-vcr": sorted((SHARED / "corpora" / "crewai-vcr").glob("*.jsonl")),
    "pydantic-ai-vcr": [SHARED / "corpora" / "pydantic-ai-vcr" / "usage_with_cache.jsonl"],
    "openai-recorded": [SHARED / "corpora" / "openai-recorded" / "recorded.jsonl"],
}


def generated_audit_log(tmp_path_factory, requests: int) -> list[Path]:
    """A request log from benchmarks/make_corpus.py (conversations, tools, a malformed line)."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("gen") / "log.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "log", "--requests", str(requests),
                    "--out", str(out)], check=True, capture_output=True)
    return [out]


def audit_corpus_paths(corpora: dict, name: str, generated: list[Path]) -> list[Path]:
    """The files of corpus ``name`` ("generated": the generated log); skips when a shared corpus is missing."""
    if name == "generated":
        return generated
    paths = corpora[name]
    if not paths or not all(p.exists() for p in paths):
        pytest.skip(f"shared corpus {name} missing")
    return paths


_WITHOUT = """
import sys
class Without:
    def find_spec(self, name, path=None, target=None):
        if name == {0!r} or name.startswith({0!r} + "."):
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
sys.meta_path.insert(0, Without())
from pcache.cli.app import main
sys.argv = ["pcache", *sys.argv[1:]]
main()
"""


def pcache_without(module: str, *args, cwd, timeout: float = 120):
    """Run ``pcache ARGS`` in a fresh interpreter where importing ``module`` fails, as on an install
    without that extra."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", _WITHOUT.format(module), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=cwd)


def pytest_sessionstart(session):
    # CI must not silently skip the tests on real corpora: .ci/run sets PCACHE_REQUIRE_SHARED.
    if os.environ.get("PCACHE_REQUIRE_SHARED") and not (SHARED / "corpora").is_dir():
        raise pytest.UsageError(f"the shared corpora are missing at {SHARED} (PCACHE_REQUIRE_SHARED is set)")
    # Seed tiktoken's cache from the bundled vocabularies, so a test calling tiktoken.get_encoding
    # directly never tries to download (CI runs with an empty TIKTOKEN_CACHE_DIR and no internet).
    # The parsed-ranks cache in ~/.cache/pcache would skip the seeding: read the bundled files.
    # pcache seeds only a cache the user named (vocab._tiktoken_cache_dir: tiktoken's default is shared by
    # every user of the machine), so the README's test command, run with no TIKTOKEN_CACHE_DIR, gets a
    # private one for the session.
    if "TIKTOKEN_CACHE_DIR" not in os.environ and "DATA_GYM_CACHE_DIR" not in os.environ:
        import tempfile

        os.environ["TIKTOKEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="pcache-tests-tiktoken-")
    from pcache.analyzers.vocab import load_encoding

    saved = os.environ.get("PCACHE_NO_VOCAB_CACHE")
    os.environ["PCACHE_NO_VOCAB_CACHE"] = "1"
    try:
        for name in ("o200k_base", "cl100k_base"):
            load_encoding(name)
    finally:
        if saved is None:
            del os.environ["PCACHE_NO_VOCAB_CACHE"]
        else:
            os.environ["PCACHE_NO_VOCAB_CACHE"] = saved


@pytest.fixture(autouse=True)
def _no_leftover_threads():
    """No test may leave a thread running: a test server's handler still asleep after its test once
    woke up inside the next test and reloaded a vocabulary into the slot that test had cleared."""
    import threading
    import time

    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5
    left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    for t in left:
        t.join(max(0.0, deadline - time.monotonic()))
    left = [t for t in left if t.is_alive()]
    assert not left, f"threads still running after the test: {[t.name for t in left]}"


@pytest.fixture(autouse=True)
def _no_parsed_vocab_cache(monkeypatch):
    """Tests read vocabularies from their source files (hash-checked), never from the user's parsed-
    ranks cache in ~/.cache/pcache (tests of that cache turn it back on with PCACHE_CACHE_DIR)."""
    monkeypatch.setenv("PCACHE_NO_VOCAB_CACHE", "1")


@pytest.fixture(scope="session")
def o200k():
    """The o200k_base encoding as tiktoken builds it (offline vocabulary)."""
    from pcache.analyzers.vocab import load_encoding

    return load_encoding("o200k_base")


@pytest.fixture(scope="session")
def cl100k():
    from pcache.analyzers.vocab import load_encoding

    return load_encoding("cl100k_base")


@pytest.fixture
def run_cli():
    """Run ``pcache ARGS`` in-process; returns (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from pcache.cli.app import app

    def run(*args: str, input: str | None = None, env: dict | None = None):
        runner = CliRunner()
        result = runner.invoke(app, [str(a) for a in args], input=input, env=env)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture
def run_json(run_cli):
    def run(*args: str):
        code, out, err = run_cli(*args, "--format", "json")
        assert code == 0, err
        return json.loads(out)

    return run

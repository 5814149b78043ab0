"""The CI gate end to end: a repository holding five chat requests gets a sixth that puts a timestamp at
the top of the system prompt.  The pre-commit hook (run by ``pre-commit`` itself from a clone of this
repository at its HEAD) and ``pcache lint --changed-since HEAD~1`` must both fail, naming PC103 and the
cached tokens and dollars lost (PC701); a change after the cacheable prefix passes both.

Goldens: the requests' tokens come from the test server's own chat framing (tiktoken called directly),
the cache rule from the provider data file (conftest), prices from genai-prices called here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from genai_prices import Usage, calc_price

from conftest import ROOT, cacheable, common_prefix_len
from openai_test_server import chat_tokens, encoding_for

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

MODEL = "gpt-4o"
SYSTEM = "".join(f"Rule {i}: answer questions about order {i} politely; cite clause {i % 17} of the policy.\n"
                 for i in range(110))
QUESTIONS = ["Where is my order?", "Can I return shoes?", "Do you ship to Norway?", "How do refunds work?",
             "Is the store open on Sunday?"]


def body(system: str, question: str) -> dict:
    return {"model": MODEL, "messages": [{"role": "system", "content": system},
                                         {"role": "user", "content": question}]}


def git(repo: Path, *args: str) -> str:
    res = subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false",
                          *args], cwd=repo, capture_output=True, text=True, check=True)
    return res.stdout


def write(repo: Path, name: str, data: dict) -> None:
    (repo / "prompts" / name).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def cost_per_1000(tokens: int, cached: int) -> float:
    usage = Usage(input_tokens=tokens, cache_read_tokens=cached or None)
    return float(calc_price(usage, MODEL, provider_id="openai").input_price) * 1000


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A clone of this repository at its HEAD (what `repo:`/`rev:` point pre-commit at)."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except subprocess.CalledProcessError:
        pytest.skip("the tests do not run from a git checkout of pcache")
    clone = tmp_path_factory.mktemp("hook") / "pcache"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    return clone, head


@pytest.fixture
def project(tmp_path, hook_repo) -> Path:
    clone, head = hook_repo
    repo = tmp_path / "app"
    (repo / "prompts").mkdir(parents=True)
    git(repo, "init", "-q")
    for k, q in enumerate(QUESTIONS, start=1):
        write(repo, f"request_{k:02d}.json", body(SYSTEM, q))
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone}\n    rev: {head}\n    hooks:\n      - id: pcache-lint\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "five requests")
    return repo


def pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")
    assert exe, "pre-commit is in the test extra"
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "COLUMNS": "80", "NO_COLOR": "1"}
    return subprocess.run([exe, "run", "--color", "never"], cwd=repo, capture_output=True, text=True, env=env,
                          timeout=900, stdin=subprocess.DEVNULL)


def lint(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pcache.cli.app", "lint", "prompts/", *args], cwd=repo,
                          capture_output=True, text=True, env=env, timeout=300, stdin=subprocess.DEVNULL)


def test_timestamp_in_a_sixth_request_fails_the_hook_and_changed_since(project, tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    enc = encoding_for(MODEL)
    five = [chat_tokens(body(SYSTEM, q), enc) for q in QUESTIONS]
    shared = min(common_prefix_len(five[0], t) for t in five[1:])
    before = cacheable(shared)
    assert before >= 1024
    sixth = body("Current time: 2026-11-23T09:14:03Z\n\n" + SYSTEM, "Where is my parcel?")
    total = len(chat_tokens(sixth, enc))
    dollars = cost_per_1000(total, 0) - cost_per_1000(total, before)
    expected = [f"cacheable {before:,} \u2192 0 tokens per request",
                f"+${dollars:,.2f} per 1,000 requests at {MODEL} prices", "Current time: 2026"]

    write(project, "request_06.json", sixth)
    git(project, "add", "prompts/request_06.json")
    hook = pre_commit(project, home)
    out = hook.stdout + hook.stderr
    assert hook.returncode == 1, out
    assert "Failed" in out and "PC103" in out and "PC701" in out, out
    flat = " ".join(out.split())
    for text in expected:
        assert text in flat, (text, out)
    assert "since HEAD " in flat

    git(project, "commit", "-qm", "a sixth request", "--no-verify")
    res = lint(project, "--changed-since", "HEAD~1")
    assert res.returncode == 1, res.stdout + res.stderr
    flat = " ".join(res.stdout.split())
    assert "PC103 [error]" in flat and "PC701 [error]" in flat and "since HEAD~1" in flat
    for text in expected:
        assert text in flat, (text, res.stdout)
    # findings that involve only unchanged files are not reported
    assert "request_01.json:" not in res.stdout

    # a harmless change: a sixth request that differs only in its last user message passes both
    git(project, "reset", "-q", "--hard", "HEAD~1")
    write(project, "request_06.json", body(SYSTEM, "Where is my parcel? It is order 4417."))
    git(project, "add", "prompts/request_06.json")
    hook = pre_commit(project, home)
    assert hook.returncode == 0, hook.stdout + hook.stderr
    assert "Passed" in hook.stdout
    git(project, "commit", "-qm", "a harmless sixth request", "--no-verify")
    res = lint(project, "--changed-since", "HEAD~1")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "passed" in res.stdout and "PC701" not in res.stdout


def test_baseline_file_without_git(tmp_path, run_cli):
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    for k, q in enumerate(QUESTIONS, start=1):
        (prompts / f"request_{k:02d}.json").write_text(json.dumps(body(SYSTEM, q)), encoding="utf-8")
    base = tmp_path / "pcache-baseline.json"
    code, _out, err = run_cli("lint", prompts, "--write-baseline", base)
    assert code == 0 and "5 prompts" in err
    doc = json.loads(base.read_text())
    enc = encoding_for(MODEL)
    five = [chat_tokens(body(SYSTEM, q), enc) for q in QUESTIONS]
    before = cacheable(min(common_prefix_len(five[0], t) for t in five[1:]))
    assert {e["cacheable"] for e in doc["prompts"].values()} == {before}
    code, _out, _err = run_cli("lint", prompts, "--baseline", base, "--format", "json")
    assert code == 0
    # the system prompt of one request changes at line 1: it loses its cached tokens, the file says so
    (prompts / "request_03.json").write_text(json.dumps(body("Today: Monday.\n" + SYSTEM, QUESTIONS[2])))
    code, out, _err = run_cli("lint", prompts, "--baseline", base, "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["code"] == "PC701"]
    assert code == 1 and len(found) == 1, out
    assert found[0]["path"].endswith("request_03.json") and found[0]["severity"] == "error"
    assert found[0]["cost_tokens"] == before
    assert f"cacheable {before:,} \u2192 0" in found[0]["message"] and "first difference at line 1" in found[0]["message"]
    (tmp_path / "broken.json").write_text("{")
    code, _out, err = run_cli("lint", prompts, "--baseline", tmp_path / "broken.json")
    assert code == 2 and "broken.json" in err and "Traceback" not in err

"""``pcache scan --live-count`` end to end: the real CLI, the real openai SDK and httpx, real HTTP to a
loopback server defined here that implements OpenAI ``POST /v1/responses/input_tokens`` and Anthropic
``POST /v1/messages/count_tokens``.  Only 127.0.0.1 is ever contacted.

The server's counts are computed here (tiktoken on the text it received plus a fixed overhead), so the
expected numbers never come from pcache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pcache.analyzers.vocab import load_encoding

ROOT = Path(__file__).resolve().parent.parent
OPENAI_KEY = "sk-test-LiveCount9Qw3Er5Ty7Ui"
ANTHROPIC_KEY = "sk-ant-test-Zx8Cv6Bn4Mm2Lk0Jh"
ENC = load_encoding("o200k_base")
OPENAI_OVERHEAD = 7
ANTHROPIC_OVERHEAD = 11
FAIL_MARK = "PLEASE-FAIL-THIS-ONE"


def _texts(value) -> list[str]:
    """Every string under the keys "content"/"text"/"output"/"arguments" (what the server 'counts')."""
    out: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("content", "text", "output", "arguments", "system") and isinstance(v, str):
                out.append(v)
            else:
                out.extend(_texts(v))
    elif isinstance(value, list):
        for v in value:
            out.extend(_texts(v))
    return out


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _reply(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        self.server.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
        n = sum(len(ENC.encode(t)) for t in _texts(body))
        if FAIL_MARK in json.dumps(body):
            # an error that echoes the key: pcache must redact it
            key = self.headers.get("x-api-key") or self.headers.get("authorization", "")
            return self._reply(400, {"error": {"message": f"bad request from key {key}", "type": "invalid"}})
        if self.path == "/v1/responses/input_tokens":
            return self._reply(200, {"object": "response.input_tokens", "input_tokens": n + OPENAI_OVERHEAD})
        if self.path == "/v1/messages/count_tokens":
            return self._reply(200, {"input_tokens": n + ANTHROPIC_OVERHEAD})
        return self._reply(404, {"error": {"message": f"no route {self.path}"}})


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = False  # server_close joins the handlers: no thread outlives the test
    httpd.received = []
    thread = threading.Thread(target=httpd.serve_forever)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    thread.join()
    httpd.server_close()


def _default_sigint() -> None:
    """In the child: Ctrl-C as a terminal delivers it, even when this test runs under a shell that started it in
    the background (``cmd &`` ignores SIGINT, children inherit that, and Python then installs no handler)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _env(server) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENAI_", "AZURE_OPENAI_", "ANTHROPIC_")) and k != "NO_COLOR"
           and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update(OPENAI_API_KEY=OPENAI_KEY, OPENAI_BASE_URL=server.url + "/v1", ANTHROPIC_API_KEY=ANTHROPIC_KEY,
               ANTHROPIC_BASE_URL=server.url, NO_PROXY="127.0.0.1,localhost")
    return env


def run(server, *args) -> subprocess.CompletedProcess:
    res = subprocess.run([sys.executable, "-m", "pcache.cli.app", "scan", *map(str, args)], capture_output=True,
                         text=True, env=_env(server), timeout=120, cwd=ROOT, stdin=subprocess.DEVNULL)
    out = res.stdout + res.stderr
    assert OPENAI_KEY not in out and ANTHROPIC_KEY not in out
    assert "LiveCount9Qw3" not in out and "Zx8Cv6Bn4" not in out
    return res


LONG = "\n".join(f"Rule {i}: answer order {i} questions politely and quote clause {i % 13}." for i in range(40))

CHAT = {
    "model": "gpt-4o",
    "messages": [
        {"role": "system", "content": LONG},
        {"role": "user", "content": [{"type": "text", "text": "Where is my parcel?"},
                                     {"type": "image_url", "image_url": {"url": "https://example.invalid/a.png",
                                                                         "detail": "low"}}]},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "track", "arguments": "{\"id\": 7}"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "in transit"},
    ],
    "tools": [{"type": "function", "function": {
        "name": "track", "description": "Track a parcel", "strict": True,
        "parameters": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}}}],
    "tool_choice": {"type": "function", "function": {"name": "track"}},
    "response_format": {"type": "json_schema", "json_schema": {
        "name": "answer", "strict": True,
        "schema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}},
    "reasoning_effort": "low",
    "max_completion_tokens": 100,
    "temperature": 0.2,
}

ANTHROPIC = {
    "model": "claude-sonnet-4-5",
    "max_tokens": 256,
    "system": [{"type": "text", "text": LONG, "cache_control": {"type": "ephemeral"}}],
    "messages": [{"role": "user", "content": "Where is my parcel?"}],
}


def _write(tmp_path, name, obj) -> Path:
    p = tmp_path / name
    p.write_text(obj if isinstance(obj, str) else json.dumps(obj, indent=2))
    return p


def _by_file(data) -> dict:
    return {Path(p["file"]).name: p for p in data["prompts"]}


def test_live_counts_in_json_for_openai_anthropic_and_text(server, tmp_path):
    _write(tmp_path, "chat.json", CHAT)
    _write(tmp_path, "claude.json", ANTHROPIC)
    text = "You are a helpful assistant.\n" + LONG
    _write(tmp_path, "system.md", text)
    res = run(server, tmp_path, "--live-count", "--yes", "--format", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    prompts = _by_file(data)

    # the text prompt went to OpenAI as one user message; the server counted its text
    md = prompts["system.md"]
    assert md["live_tokens"] == len(ENC.encode(text)) + OPENAI_OVERHEAD
    assert md["live_count_source"] == "openai:responses.input_tokens"
    assert md["live_tokens_delta"] == md["tokens"] - md["live_tokens"]
    assert any("one user message" in n for n in md["live_count_notes"])
    # offline tokens of plain text are tiktoken's count of it
    assert md["tokens"] == len(ENC.encode(text))
    assert md["live_tokens_delta"] == -OPENAI_OVERHEAD

    claude = prompts["claude.json"]
    assert claude["live_tokens"] == len(ENC.encode(LONG)) + len(ENC.encode("Where is my parcel?")) + ANTHROPIC_OVERHEAD
    assert claude["live_count_source"] == "anthropic:messages.count_tokens"
    assert claude["live_count_error"] is None

    chat = prompts["chat.json"]
    assert isinstance(chat["live_tokens"], int) and chat["live_count_error"] is None
    assert data["live_count"]["counted"] == 3 and data["live_count"]["failed"] == 0

    # what the servers received: keys in the right headers, Anthropic counting fields only
    paths = sorted(r["path"] for r in server.received)
    assert paths == ["/v1/messages/count_tokens", "/v1/responses/input_tokens", "/v1/responses/input_tokens"]
    ant = next(r for r in server.received if r["path"] == "/v1/messages/count_tokens")
    headers = {k.lower(): v for k, v in ant["headers"].items()}
    assert headers["x-api-key"] == ANTHROPIC_KEY and headers["anthropic-version"] == "2023-06-01"
    assert ant["body"] == {k: ANTHROPIC[k] for k in ("model", "system", "messages")}
    oai = [r for r in server.received if r["path"] == "/v1/responses/input_tokens"]
    assert all({k.lower(): v for k, v in r["headers"].items()}["authorization"] == f"Bearer {OPENAI_KEY}"
               for r in oai)
    md_body = next(r["body"] for r in oai if r["body"]["input"] == [{"role": "user", "content": text}])
    assert md_body["model"] == "gpt-4o"


def test_chat_body_is_sent_as_the_equivalent_responses_request(server, tmp_path):
    _write(tmp_path, "chat.json", CHAT)
    res = run(server, tmp_path / "chat.json", "--live-count", "--yes", "--format", "json")
    assert res.returncode == 0, res.stderr
    [got] = server.received
    assert got["path"] == "/v1/responses/input_tokens"
    assert got["body"] == {
        "model": "gpt-4o",
        "input": [
            {"role": "system", "content": LONG},
            {"role": "user", "content": [{"type": "input_text", "text": "Where is my parcel?"},
                                         {"type": "input_image", "image_url": "https://example.invalid/a.png",
                                          "detail": "low"}]},
            {"type": "function_call", "call_id": "call_1", "name": "track", "arguments": "{\"id\": 7}"},
            {"type": "function_call_output", "call_id": "call_1", "output": "in transit"},
        ],
        "tools": [{"type": "function", "name": "track", "description": "Track a parcel", "strict": True,
                   "parameters": CHAT["tools"][0]["function"]["parameters"]}],
        "tool_choice": {"type": "function", "name": "track"},
        "text": {"format": {"type": "json_schema", "name": "answer", "strict": True,
                            "schema": CHAT["response_format"]["json_schema"]["schema"]}},
        "reasoning": {"effort": "low"},
    }
    # the server's count: every string it received (computed here)
    expected = sum(len(ENC.encode(t)) for t in (LONG, "Where is my parcel?", "{\"id\": 7}", "in transit")) \
        + OPENAI_OVERHEAD
    assert json.loads(res.stdout)["prompts"][0]["live_tokens"] == expected


def test_responses_body_sent_with_counting_fields_only(server, tmp_path):
    body = {"model": "gpt-5", "instructions": LONG, "input": "Hi", "max_output_tokens": 50, "store": False,
            "reasoning": {"effort": "minimal"}}
    _write(tmp_path, "resp.json", body)
    res = run(server, tmp_path / "resp.json", "--live-count", "--yes", "--format", "json")
    assert res.returncode == 0, res.stderr
    [got] = server.received
    assert got["body"] == {"model": "gpt-5", "instructions": LONG, "input": "Hi", "reasoning": {"effort": "minimal"}}


def test_one_failure_is_reported_and_the_rest_counted(server, tmp_path):
    _write(tmp_path, "a.md", "First prompt.\n" + LONG)
    _write(tmp_path, "b.md", f"Second prompt {FAIL_MARK}.\n" + LONG)
    _write(tmp_path, "c.json", {**ANTHROPIC, "messages": [{"role": "user", "content": FAIL_MARK}]})
    res = run(server, tmp_path, "--live-count", "--yes", "--format", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    p = _by_file(data)
    assert p["a.md"]["live_tokens"] == len(ENC.encode("First prompt.\n" + LONG)) + OPENAI_OVERHEAD
    assert p["b.md"]["live_tokens"] is None and p["b.md"]["live_count_error"].startswith("HTTP 400")
    assert p["c.json"]["live_tokens"] is None and p["c.json"]["live_count_error"].startswith("HTTP 400")
    assert "***" in p["c.json"]["live_count_error"]  # the key the server echoed is redacted
    assert data["live_count"]["failed"] == 2 and data["live_count"]["counted"] == 1

    text = run(server, tmp_path, "--live-count", "--yes", "--no-color")
    assert text.returncode == 0, text.stderr
    assert "live counts: 1 prompts" in text.stdout
    assert "failed: HTTP 400" in text.stdout
    assert "2 count request(s) failed" in text.stdout


def test_text_summary_reports_the_median_error(server, tmp_path):
    texts = {"a.md": "Alpha.\n" + LONG, "b.md": "Beta beta.\n" + LONG, "c.md": "Gamma gamma gamma.\n" + LONG}
    for name, t in texts.items():
        _write(tmp_path, name, t)
    res = run(server, tmp_path, "--live-count", "--yes", "--no-color")
    assert res.returncode == 0, res.stderr
    errors = sorted(OPENAI_OVERHEAD / (len(ENC.encode(t)) + OPENAI_OVERHEAD) for t in texts.values())
    assert f"live counts: 3 prompts, offline estimate off by median {100 * errors[1]:.1f}%" in res.stdout
    assert "request(s)" in res.stderr and "127.0.0.1" in res.stderr  # destination announced before sending


def test_refused_without_yes_and_nothing_sent(server, tmp_path):
    _write(tmp_path, "a.md", LONG)
    res = run(server, tmp_path, "--live-count")
    assert res.returncode == 2
    assert "--yes" in res.stderr and "127.0.0.1" in res.stderr and "1 request(s)" in res.stderr
    assert server.received == []


def test_not_opted_in_sends_nothing_and_json_unchanged(server, tmp_path):
    _write(tmp_path, "a.md", LONG)
    res = run(server, tmp_path, "--format", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert server.received == []
    assert "live_count" not in data and "live_tokens" not in data["prompts"][0]


def test_gemini_prompt_not_counted_with_a_note(server, tmp_path):
    _write(tmp_path, "g.json", {"model": "gemini-2.5-flash",
                                "contents": [{"role": "user", "parts": [{"text": LONG}]}]})
    _write(tmp_path, "a.md", LONG)
    res = run(server, tmp_path, "--live-count", "--yes", "--format", "json")
    assert res.returncode == 0, res.stderr
    p = _by_file(json.loads(res.stdout))
    assert p["g.json"]["live_tokens"] is None and p["g.json"]["live_count_source"] is None
    assert any("not supported" in n for n in p["g.json"]["live_count_notes"])
    assert [r["path"] for r in server.received] == ["/v1/responses/input_tokens"]


def test_missing_anthropic_key_is_one_line(server, tmp_path):
    _write(tmp_path, "claude.json", ANTHROPIC)
    env = _env(server)
    del env["ANTHROPIC_API_KEY"]
    res = subprocess.run([sys.executable, "-m", "pcache.cli.app", "scan", str(tmp_path), "--live-count", "--yes"],
                         capture_output=True, text=True, env=env, timeout=120, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert res.returncode == 2
    assert "ANTHROPIC_API_KEY is not set" in res.stderr and "Traceback" not in res.stderr
    assert server.received == []


def test_text_prompt_for_a_claude_model_goes_to_anthropic_as_one_user_message(server, tmp_path):
    _write(tmp_path, "a.md", LONG)
    res = run(server, tmp_path, "--live-count", "--yes", "--format", "json", "--model", "claude-sonnet-4-5")
    assert res.returncode == 0, res.stderr
    [got] = server.received
    assert got["path"] == "/v1/messages/count_tokens"
    assert got["body"] == {"model": "claude-sonnet-4-5", "messages": [{"role": "user", "content": LONG}]}
    assert json.loads(res.stdout)["prompts"][0]["live_tokens"] == len(ENC.encode(LONG)) + ANTHROPIC_OVERHEAD


def test_legacy_functions_become_responses_function_tools():
    from pcache.analyzers.live_count import chat_to_responses

    params = {"type": "object", "properties": {}}
    out, notes = chat_to_responses({"model": "gpt-4", "messages": [
        {"role": "user", "content": "hi", "name": "bob"},
        {"role": "assistant", "content": None, "function_call": {"name": "f", "arguments": "{}"}},
        {"role": "function", "name": "f", "content": "42"}],
        "functions": [{"name": "f", "parameters": params}], "function_call": {"name": "f"},
        "response_format": {"type": "json_object"}})
    assert out == {"model": "gpt-4",
                   "input": [{"role": "user", "content": "hi"},
                             {"type": "function_call", "call_id": "f", "name": "f", "arguments": "{}"},
                             {"type": "function_call_output", "call_id": "f", "output": "42"}],
                   "tools": [{"type": "function", "name": "f", "parameters": params}],
                   "tool_choice": {"type": "function", "name": "f"},
                   "text": {"format": {"type": "json_object"}}}
    assert any("names" in n for n in notes)


class _HangingHandler(_Handler):
    def do_POST(self):  # the first count request never gets an answer until the test is over
        self.server.received.append(self.path)
        self.server.release.wait(60)
        self._reply(503, {"error": {"message": "gone"}})


def test_interrupt_prints_the_offline_scan_and_exits_130(tmp_path):
    """Ctrl-C while counts are in flight: the offline scan is out, one line says what was sent, exit 130 at
    once (a count worker still waits on its socket)."""
    import signal
    import time

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _HangingHandler)
    httpd.daemon_threads, httpd.received, httpd.release = True, [], threading.Event()
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    _write(tmp_path, "system.md", "You are a helpful assistant.\n" + LONG)
    proc = subprocess.Popen([sys.executable, "-m", "pcache.cli.app", "scan", str(tmp_path), "--live-count", "--yes",
                             "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(httpd), cwd=ROOT, stdin=subprocess.DEVNULL, preexec_fn=_default_sigint)
    try:
        deadline = time.monotonic() + 60
        while not httpd.received and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert httpd.received, "no count request reached the server"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        httpd.release.set()
        if proc.poll() is None:
            proc.kill()
        httpd.shutdown()
        httpd.server_close()
    assert proc.returncode == 130, (proc.returncode, err)
    assert "interrupted: 1 count request(s) sent, 0 answered" in err, err
    assert json.loads(out)["prompts"][0]["file"].endswith("system.md")

"""A small OpenAI-compatible HTTP server for the probe tests (127.0.0.1, free port, real sockets).

It speaks ``POST /v1/chat/completions``, ``POST /v1/responses`` (with ``prompt_cache_diagnostics`` when a
request names ``prompt_cache_options.comparison_response_id``), ``GET /v1/models`` and the Azure form
``POST /openai/deployments/{name}/chat/completions?api-version=...``.  Requests are tokenized with tiktoken
(its encodings, called directly here, independent of pcache's own framing code) and checked against a real prefix store:

* ``openai`` mode: the documented legacy rule read from pcache's provider data
  (``cache_model_for``): nothing below the minimum, then whole steps; entries expire after the idle TTL.
* ``llama.cpp`` mode: token-exact reuse, no minimum; the last prompt token is always re-processed, so an
  identical repeat reports ``prompt_tokens - 1``.
* ``vllm`` mode: only whole blocks (16 tokens by default), at most ``prompt_tokens - 1``.

``usage`` has the JSON shape of the real API (openai SDK ``CompletionUsage`` / ``ResponseUsage``).

Faults are queued per test with ``server.fault(...)``: 429 with Retry-After, 500, a delay, omitting the
cached-tokens field, and refusing small ``max_completion_tokens``/``max_output_tokens`` with the real
API's error body.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import tiktoken.model

IM_START, IM_SEP, IM_END = -1, -2, -3  # framing tokens, never equal to text tokens


def encoding_for(model: str):
    """tiktoken's encoding for ``model`` (o200k_base when tiktoken does not know it), built by tiktoken
    from the offline vocabulary files (no download)."""
    from pcache.analyzers.vocab import load_encoding

    try:
        name = tiktoken.model.encoding_name_for_model(model)
    except KeyError:
        name = "o200k_base"
    return load_encoding(name)


def _content_text(content) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return json.dumps(content)


def chat_tokens(body: dict, enc) -> list[int]:
    """Cookbook framing: 3 per message (start, sep, end) + role + content (+ name), + 3 priming."""
    out: list[int] = []
    if body.get("tools"):
        out += [IM_START] + enc.encode("tools") + [IM_SEP]
        out += enc.encode(json.dumps(body["tools"], sort_keys=True, separators=(",", ":"))) + [IM_END]
    for m in body.get("messages", []):
        out += [IM_START] + enc.encode(m.get("role", "user"))
        if m.get("name"):
            out += [IM_SEP] + enc.encode(m["name"])
        out += [IM_SEP] + enc.encode(_content_text(m.get("content"))) + [IM_END]
    return out + [IM_START] + enc.encode("assistant") + [IM_SEP]


def responses_tokens(body: dict, enc) -> list[int]:
    messages = []
    if body.get("instructions"):
        messages.append({"role": "developer", "content": body["instructions"]})
    inp = body.get("input")
    if isinstance(inp, str):
        messages.append({"role": "user", "content": inp})
    else:
        for item in inp or []:
            if isinstance(item, dict) and "role" in item:
                messages.append({"role": item["role"], "content": item.get("content")})
    return chat_tokens({"messages": messages, "tools": body.get("tools")}, enc)


def _lcp(a: list[int], b: list[int]) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


@dataclass
class Entry:
    tokens: list[int]
    last_used: float


@dataclass
class Fault:
    kind: str  # "429" | "500" | "delay" | "no_cached" | "refuse_min" | "no_max_tokens"
    # (the last two are standing rules: use count=-1)
    path: str = ""  # only requests whose path contains this
    count: int = 1  # how many requests it applies to (-1: forever)
    after: int = 0  # let this many matching requests through first
    value: float = 0.0  # Retry-After seconds, delay seconds, minimum tokens


@dataclass
class Recorded:
    path: str
    headers: dict
    body: dict
    usage: dict | None = None
    status: int = 200


class PrefixStore:
    def __init__(self, mode: str, clock=time.monotonic, block_size: int = 16):
        self.mode = mode
        self.clock = clock
        self.entries: dict[str, list[Entry]] = {}
        self.lock = threading.Lock()
        if mode == "openai":
            from pcache.analyzers.providers.registry import cache_model_for

            cm = cache_model_for("gpt-4o")
            self.minimum, self.step = cm.minimum, cm.step
            self.ttl = float(cm.data.get("idle_ttl_seconds"))
        else:
            self.minimum, self.step, self.ttl = 0, (block_size if mode == "vllm" else 1), float("inf")

    def lookup_and_store(self, scope: str, tokens: list[int]) -> int:
        now = self.clock()
        with self.lock:
            live = [e for e in self.entries.get(scope, []) if now - e.last_used <= self.ttl]
            best, best_entry = 0, None
            for e in live:
                n = _lcp(e.tokens, tokens)
                if n > best:
                    best, best_entry = n, e
            if self.mode == "openai":
                cached = 0 if best < self.minimum else self.step * (min(best, len(tokens)) // self.step)
            else:
                usable = min(best, len(tokens) - 1)
                cached = self.step * (usable // self.step)
            if best_entry is not None and cached:
                best_entry.last_used = now
            live.append(Entry(list(tokens), now))
            self.entries[scope] = live
            return cached


class _Handler(BaseHTTPRequestHandler):
    server: "OpenAITestServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output clean
        pass

    def setup(self):
        super().setup()
        with self.server.lock:
            self.server.connections.add(self.connection)

    def finish(self):
        try:
            super().finish()
        finally:
            with self.server.lock:
                self.server.connections.discard(self.connection)

    def _send(self, status: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        path = urlparse(self.path).path
        if path.endswith("/models"):
            owner = {"openai": "openai", "llama.cpp": "llamacpp", "vllm": "vllm"}[self.server.mode]
            return self._send(200, {"object": "list", "data": [
                {"id": "gpt-4o-mini", "object": "model", "created": 0, "owned_by": owner}]})
        self._send(404, {"error": {"message": "not found", "type": "invalid_request_error",
                                   "param": None, "code": None}})

    def do_POST(self):
        srv = self.server
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return self._send(400, _error("We could not parse the JSON body of your request.", None,
                                          None))
        rec = Recorded(url.path + ("?" + url.query if url.query else ""), dict(self.headers), body)
        with srv.lock:
            srv.requests.append(rec)
        if not self._authorized(url):
            rec.status = 401
            # Echo what was sent (real OpenAI masks it; proxies may not): pcache must redact it.
            sent = self.headers.get("api-key") or (self.headers.get("Authorization") or "")[7:]
            return self._send(401, _error(f"Incorrect API key provided: {sent}.", None, "invalid_api_key"))

        azure = url.path.startswith("/openai/deployments/")
        if azure:
            if "api-version" not in parse_qs(url.query):
                rec.status = 404
                return self._send(404, {"error": {"code": "404", "message": "Resource not found"}})
            parts = url.path.split("/")
            scope, api = "azure:" + parts[3], "chat"
            model = body.get("model") or parts[3]
        elif url.path.endswith("/chat/completions"):
            scope, api, model = "openai", "chat", body.get("model", "")
        elif url.path.endswith("/responses"):
            scope, api, model = "openai", "responses", body.get("model", "")
        else:
            rec.status = 404
            return self._send(404, _error(f"Invalid URL (POST {url.path})", None, None))

        fault = srv.take_fault(url.path)
        limit_param = "max_output_tokens" if api == "responses" else (
            "max_completion_tokens" if "max_completion_tokens" in body else "max_tokens")
        if fault is not None:
            if fault.kind == "429":
                rec.status = 429
                return self._send(429, _error("Rate limit reached for requests", None, "rate_limit_exceeded",
                                              "requests"), {"Retry-After": str(fault.value)})
            if fault.kind == "500":
                rec.status = 500
                return self._send(500, _error("The server had an error while processing your request.",
                                              None, None, "server_error"))
            if fault.kind == "delay":
                if srv.closing.wait(fault.value):  # the server is stopping: no answer
                    return
            if fault.kind == "no_max_tokens" and "max_tokens" in body:  # reasoning models
                rec.status = 400
                return self._send(400, _error(
                    "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                    "'max_completion_tokens' instead.", "max_tokens", "unsupported_parameter"))
            if fault.kind == "refuse_min":
                wanted = body.get(limit_param)
                if wanted is not None and wanted < fault.value:
                    rec.status = 400
                    return self._send(400, _error(
                        f"Invalid '{limit_param}': integer below minimum value. Expected a value >= "
                        f"{int(fault.value)}, but got {wanted} instead.", limit_param,
                        "integer_below_min_value"))

        enc = encoding_for(model)
        tokens = chat_tokens(body, enc) if api == "chat" else responses_tokens(body, enc)
        diagnostics = srv.compare(body, model, tokens) if api == "responses" else None
        cached = srv.store.lookup_and_store(scope + ":" + model, tokens)
        out_tokens = 1
        omit = fault is not None and fault.kind == "no_cached"
        usage = _usage(api, len(tokens), cached, out_tokens, omit)
        rec.usage = usage
        srv.cached_log.append(cached if not omit else None)
        now = int(time.time())
        if api == "chat":
            payload = {
                "id": "chatcmpl-" + uuid.uuid4().hex[:24], "object": "chat.completion", "created": now,
                "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "OK", "refusal": None,
                                                     "annotations": []},
                             "logprobs": None, "finish_reason": "length"}],
                "usage": usage, "service_tier": "default", "system_fingerprint": "fp_test",
            }
        else:
            payload = {
                "id": "resp_" + uuid.uuid4().hex, "object": "response", "created_at": now,
                "status": "incomplete", "incomplete_details": {"reason": "max_output_tokens"},
                "error": None, "instructions": body.get("instructions"), "model": model,
                "max_output_tokens": body.get("max_output_tokens"), "metadata": {},
                "output": [{"type": "message", "id": "msg_" + uuid.uuid4().hex, "status": "incomplete",
                            "role": "assistant",
                            "content": [{"type": "output_text", "text": "OK", "annotations": []}]}],
                "parallel_tool_calls": True, "temperature": 1.0, "tool_choice": "auto", "tools": [],
                "top_p": 1.0, "usage": usage,
            }
            srv.remember(payload["id"], model, tokens)
            if diagnostics is not None:
                payload["prompt_cache_diagnostics"] = diagnostics
        self._send(200, payload)

    def _authorized(self, url) -> bool:
        key = self.server.api_key
        if key is None:
            return True
        if url.path.startswith("/openai/"):
            return self.headers.get("api-key") == key
        return self.headers.get("Authorization") == f"Bearer {key}"


def _error(message, param, code, type_="invalid_request_error"):
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def _usage(api: str, prompt: int, cached: int, out: int, omit: bool) -> dict:
    if api == "chat":
        usage = {"prompt_tokens": prompt, "completion_tokens": out, "total_tokens": prompt + out,
                 "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                               "accepted_prediction_tokens": 0,
                                               "rejected_prediction_tokens": 0}}
        if omit:
            del usage["prompt_tokens_details"]
        return usage
    usage = {"input_tokens": prompt, "input_tokens_details": {"cached_tokens": cached, "cache_write_tokens": 0},
             "output_tokens": out, "output_tokens_details": {"reasoning_tokens": 0},
             "total_tokens": prompt + out}
    if omit:
        del usage["input_tokens_details"]
    return usage


class OpenAITestServer(ThreadingHTTPServer):
    # Handler threads are joined on stop (a delayed answer is woken, open keep-alive connections are
    # shut), so no test leaves a thread running that could touch shared state of the next test.
    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, mode: str = "openai", api_key: str | None = None, block_size: int = 16,
                 clock=time.monotonic):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = mode
        self.api_key = api_key
        self.store = PrefixStore(mode, clock, block_size)
        self.lock = threading.Lock()
        self.faults: list[Fault] = []
        self.requests: list[Recorded] = []
        self.cached_log: list[int | None] = []
        self.responses: dict[str, tuple[str, list[int]]] = {}  # Responses API id -> (model, tokens)
        self._thread: threading.Thread | None = None
        self.closing = threading.Event()
        self.connections: set = set()

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def remember(self, response_id: str, model: str, tokens: list[int]) -> None:
        with self.lock:
            self.responses[response_id] = (model, list(tokens))

    def compare(self, body: dict, model: str, tokens: list[int]) -> dict | None:
        """``prompt_cache_diagnostics`` for a Responses request that names a comparison response, in the
        documented shape (spec section 8): a miss with its reason, missed and reusable tokens; a hit when
        the request starts with the whole comparison prompt; not found for an unknown id."""
        options = body.get("prompt_cache_options")
        wanted = options.get("comparison_response_id") if isinstance(options, dict) else None
        if not wanted:
            return None
        with self.lock:
            earlier = self.responses.get(wanted)
        if earlier is None:
            return {"type": "comparison_response_not_found"}
        prev_model, prev = earlier
        if prev_model != model:
            return {"type": "cache_miss", "reason": "model_changed", "cache_missed_tokens": len(prev),
                    "comparison_reusable_tokens": 0}
        shared = _lcp(prev, tokens)
        if shared == len(prev):
            return {"type": "cache_hit"}
        return {"type": "cache_miss", "reason": "input_changed", "cache_missed_tokens": len(prev) - shared,
                "comparison_reusable_tokens": shared}

    def fault(self, kind: str, count: int = 1, value: float = 0.0, path: str = "", after: int = 0) -> None:
        with self.lock:
            self.faults.append(Fault(kind, path=path, count=count, value=value, after=after))

    def take_fault(self, path: str) -> Fault | None:
        with self.lock:
            for f in self.faults:
                if f.path in path and f.count != 0 and f.after > 0:
                    f.after -= 1
                    continue
                if f.path in path and f.count != 0:
                    if f.count > 0:
                        f.count -= 1
                    return f
        return None

    def start(self) -> "OpenAITestServer":
        self._thread = threading.Thread(target=self.serve_forever, name="openai-test-server")
        self._thread.start()
        return self

    def stop(self) -> None:
        self.closing.set()
        self.shutdown()
        if self._thread is not None:
            self._thread.join()
        with self.lock:
            open_connections = list(self.connections)
        for conn in open_connections:  # wake handlers waiting for the next keep-alive request
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.server_close()  # joins the handler threads (block_on_close)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


if __name__ == "__main__":  # manual use: python tests/openai_test_server.py [openai|llama.cpp|vllm]
    import sys

    srv = OpenAITestServer(sys.argv[1] if len(sys.argv) > 1 else "openai")
    print(srv.base_url, flush=True)
    srv.serve_forever()

"""Exact prompt token counts from the providers' free counting endpoints (opt-in, never by default).

* OpenAI: ``POST /v1/responses/input_tokens`` through the openai SDK (``client.responses.input_tokens.count``,
  spec 3.6).  Responses bodies are sent as they are (counting fields only); Chat Completions bodies are
  converted to the Responses shape (messages -> input items, tools -> Responses function tools,
  ``response_format`` -> ``text.format``), so the count is what the same request costs on the Responses API.
* Anthropic: ``POST /v1/messages/count_tokens`` (spec 4) with httpx (imported lazily; the openai SDK's
  own dependency, ``httpx2`` in its newest releases).
* Gemini: ``countTokens`` is not supported yet; such prompts are reported as not counted.

Text and template prompts are counted as one user message (templates with their placeholders as
written).  The destination and the client come from ``probe.clients``; keys stay in ``Credentials`` and
every error text goes through ``redact``.  No printing here: the CLI confirms, runs and renders.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlparse

from .errors import PcacheError
from .model import Prompt
from .probe.clients import Credentials, make_client, not_sent, redact, resolve_destination

ANTHROPIC_DEFAULT_BASE = "https://api.anthropic.com"
ANTHROPIC_VERSION = "2023-06-01"
DEFAULT_OPENAI_MODEL = "gpt-4o"

OPENAI_SOURCE = "openai:responses.input_tokens"
ANTHROPIC_SOURCE = "anthropic:messages.count_tokens"

# Fields ``responses.input_tokens.count`` accepts (openai SDK InputTokens.count); the rest of a
# Responses body (max_output_tokens, stream, store, temperature...) does not change the input count.
_RESPONSES_FIELDS = ("conversation", "input", "instructions", "model", "parallel_tool_calls", "personality",
                     "previous_response_id", "reasoning", "text", "tool_choice", "tools", "truncation")
# Fields of a Messages body that ``count_tokens`` accepts (max_tokens, stream, temperature... are refused).
_ANTHROPIC_FIELDS = ("model", "messages", "system", "tools", "tool_choice", "thinking", "mcp_servers")

TEXT_NOTE = "counted as one user message"
TEMPLATE_NOTE = "counted as one user message, placeholders as written"


@dataclass
class CountRequest:
    """What is sent for one prompt: ``provider`` is ``openai``, ``anthropic`` or None (not counted)."""

    index: int  # position in the scanned corpus
    name: str
    provider: str | None
    payload: dict | None = None  # SDK kwargs (openai) or JSON body (anthropic)
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None  # why the prompt is not counted


@dataclass
class LiveCount:
    name: str
    provider: str | None
    source: str | None  # OPENAI_SOURCE | ANTHROPIC_SOURCE | None
    live_tokens: int | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class AnthropicDestination:
    base_url: str
    host: str


@dataclass
class LivePlan:
    requests: list[CountRequest]
    openai: Any = None  # probe Destination
    openai_creds: Credentials | None = field(default=None, repr=False)
    anthropic: AnthropicDestination | None = None
    anthropic_creds: Credentials | None = field(default=None, repr=False)

    def count(self, provider: str) -> int:
        return sum(1 for r in self.requests if r.provider == provider)

    @property
    def sent(self) -> int:
        return sum(1 for r in self.requests if r.provider)


# ---------------------------------------------------------------------------------------------
# Chat Completions -> Responses


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return "" if content is None else json.dumps(content)


def _input_part(part: Any) -> Any:
    if not isinstance(part, dict):
        return part
    kind = part.get("type")
    if kind == "text":
        return {"type": "input_text", "text": part.get("text", "")}
    if kind == "image_url":
        image = part.get("image_url")
        url = image.get("url") if isinstance(image, dict) else image
        out = {"type": "input_image", "image_url": url, "detail": "auto"}
        if isinstance(image, dict) and image.get("detail"):
            out["detail"] = image["detail"]
        return out
    if kind == "file":
        f = part.get("file") or {}
        return {"type": "input_file", **{k: v for k, v in f.items() if k in ("file_id", "file_data", "filename")}}
    if kind == "input_audio":
        return {"type": "input_audio", "input_audio": part.get("input_audio")}
    return part


def _message_content(role: str, content: Any) -> Any:
    if isinstance(content, list) and role in ("system", "developer", "user"):
        return [_input_part(p) for p in content]
    return _text_of(content)  # assistant text (the Responses input shape for it is a plain string)


def chat_messages_to_input(messages: list) -> tuple[list[dict], list[str]]:
    items: list[dict] = []
    notes: list[str] = []
    for m in messages:
        if not isinstance(m, dict):
            continue
        role = m.get("role", "user")
        if m.get("name") and "message names are not part of Responses input" not in notes:
            notes.append("message names are not part of Responses input")
        if role == "tool":
            items.append({"type": "function_call_output", "call_id": str(m.get("tool_call_id", "")),
                          "output": _text_of(m.get("content"))})
            continue
        if role == "function":  # legacy function result
            items.append({"type": "function_call_output", "call_id": str(m.get("name", "")),
                          "output": _text_of(m.get("content"))})
            continue
        content = m.get("content")
        if role != "assistant":
            items.append({"role": role, "content": _message_content(role, content)})
        else:
            if _text_of(content):
                items.append({"role": "assistant", "content": _text_of(content)})
            calls = list(m.get("tool_calls") or [])
            if isinstance(m.get("function_call"), dict):
                calls.append({"id": m["function_call"].get("name", ""), "function": m["function_call"]})
            for call in calls:
                fn = call.get("function") or {}
                items.append({"type": "function_call", "call_id": str(call.get("id", "")),
                              "name": fn.get("name", ""), "arguments": fn.get("arguments", "")})
    return items, notes


def chat_tools_to_responses(tools: Any) -> list:
    out = []
    for t in tools or []:
        if isinstance(t, dict) and t.get("type", "function") == "function" and isinstance(t.get("function"), dict):
            fn = t["function"]
            tool = {"type": "function", "name": fn.get("name", "")}
            for key in ("description", "parameters", "strict"):
                if key in fn:
                    tool[key] = fn[key]
            out.append(tool)
        elif isinstance(t, dict) and "name" in t and "type" not in t:  # legacy ``functions`` entry
            out.append({"type": "function", **t})
        else:
            out.append(t)
    return out


def chat_to_responses(body: dict) -> tuple[dict, list[str]]:
    """The ``responses.input_tokens.count`` arguments for a Chat Completions body."""
    items, notes = chat_messages_to_input(body.get("messages") or [])
    out: dict[str, Any] = {"input": items}
    if isinstance(body.get("model"), str):
        out["model"] = body["model"]
    tools = chat_tools_to_responses(body.get("tools")) + chat_tools_to_responses(body.get("functions"))
    if tools:
        out["tools"] = tools
    choice = body.get("tool_choice", body.get("function_call"))
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name") if "function" in choice else choice.get("name")
        out["tool_choice"] = {"type": "function", "name": name}
    elif isinstance(choice, str):
        out["tool_choice"] = choice
    if "parallel_tool_calls" in body:
        out["parallel_tool_calls"] = body["parallel_tool_calls"]
    text: dict[str, Any] = {}
    fmt = body.get("response_format")
    if isinstance(fmt, dict):
        if fmt.get("type") == "json_schema" and isinstance(fmt.get("json_schema"), dict):
            js = fmt["json_schema"]
            text["format"] = {"type": "json_schema", "name": js.get("name", "response"),
                              **{k: js[k] for k in ("schema", "strict", "description") if k in js}}
        elif fmt.get("type") in ("json_object", "text"):
            text["format"] = {"type": fmt["type"]}
    if body.get("verbosity"):
        text["verbosity"] = body["verbosity"]
    if text:
        out["text"] = text
    if body.get("reasoning_effort"):
        out["reasoning"] = {"effort": body["reasoning_effort"]}
    notes.insert(0, "Chat Completions body counted as the equivalent Responses request")
    return out, notes


def responses_params(body: dict) -> dict:
    return {k: body[k] for k in _RESPONSES_FIELDS if k in body}


def anthropic_params(body: dict) -> dict:
    return {k: body[k] for k in _ANTHROPIC_FIELDS if k in body}


# ---------------------------------------------------------------------------------------------
# Planning


def _is_claude(model: str | None) -> bool:
    return bool(model) and model.lower().startswith(("claude", "anthropic/"))


def request_for(index: int, prompt: Prompt, model: str | None, provider: str | None) -> CountRequest:
    """How one prompt is counted: ``model``/``provider`` are the scan's ``--model``/``--provider``."""
    name = prompt.name
    chosen = model or prompt.model
    body = prompt.body if isinstance(prompt.body, dict) else None
    if prompt.kind == "gemini" or (prompt.kind in ("text", "template") and (
            provider == "gemini" or (chosen or "").lower().startswith("gemini"))):
        return CountRequest(index, name, None, skipped="Gemini countTokens is not supported: not counted")
    if prompt.kind == "anthropic" and body is not None:
        payload = anthropic_params(body)
        if model:
            payload["model"] = model
        return CountRequest(index, name, "anthropic", payload)
    if prompt.kind == "chat" and body is not None:
        payload, notes = chat_to_responses(body)
    elif prompt.kind == "responses" and body is not None:
        payload, notes = responses_params(body), []
    elif prompt.kind in ("text", "template") or body is None:
        note = TEMPLATE_NOTE if prompt.kind == "template" or prompt.variables else TEXT_NOTE
        if provider == "anthropic" or _is_claude(chosen):
            if not chosen:
                return CountRequest(index, name, None, skipped="Anthropic counting needs --model")
            return CountRequest(index, name, "anthropic",
                                {"model": chosen, "messages": [{"role": "user", "content": prompt.text}]}, [note])
        payload, notes = {"input": [{"role": "user", "content": prompt.text}]}, [note]
    else:
        return CountRequest(index, name, None, skipped=f"{prompt.kind} prompts are not counted")
    if model:
        payload["model"] = model
    payload.setdefault("model", chosen or DEFAULT_OPENAI_MODEL)
    return CountRequest(index, name, "openai", payload, notes)


def _anthropic_destination(env) -> tuple[AnthropicDestination, Credentials]:
    key = env.get("ANTHROPIC_API_KEY")
    if not key:
        raise PcacheError("ANTHROPIC_API_KEY is not set (needed to count the Anthropic prompts)",
                          hint="export ANTHROPIC_API_KEY=... (ANTHROPIC_BASE_URL for another host)")
    url = (env.get("ANTHROPIC_BASE_URL") or ANTHROPIC_DEFAULT_BASE).rstrip("/")
    u = urlparse(url)
    if u.username or u.password:
        url = u._replace(netloc=u.hostname + (f":{u.port}" if u.port else "")).geturl()
    return AnthropicDestination(url, urlparse(url).hostname or url), Credentials(key)


def plan_live_counts(prompts: list[Prompt], model: str | None = None, provider: str | None = None,
                     base_url: str | None = None, env=None) -> LivePlan:
    """Count requests for ``prompts`` (in order) and the destinations they need (keys checked here)."""
    env = dict(os.environ if env is None else env)
    env.pop("AZURE_OPENAI_ENDPOINT", None)  # Azure has no documented input_tokens endpoint: plain OpenAI only
    plan = LivePlan([request_for(i, p, model, provider) for i, p in enumerate(prompts)])
    if plan.count("openai"):
        plan.openai, plan.openai_creds = resolve_destination(base_url, False, None, None, env=env, api="responses")
    if plan.count("anthropic"):
        plan.anthropic, plan.anthropic_creds = _anthropic_destination(env)
    return plan


# ---------------------------------------------------------------------------------------------
# Sending


def _httpx():
    try:
        import httpx2 as httpx  # what the newest openai SDK depends on
    except ImportError:  # pragma: no cover - older openai SDKs depend on httpx
        import httpx
    return httpx


def _count_openai(client, payload: dict, secrets: list) -> tuple[int | None, str | None]:
    import openai

    try:
        resp = client.responses.input_tokens.count(**payload)
    except openai.APIStatusError as exc:
        body = exc.body if isinstance(exc.body, dict) else {}
        err = body.get("error", body) if isinstance(body, dict) else {}
        msg = err.get("message") if isinstance(err, dict) and err.get("message") else str(exc)
        return None, redact(f"HTTP {exc.status_code}: {msg}", secrets)
    except openai.APITimeoutError:
        return None, "timed out (after the SDK's retries)"
    except openai.APIConnectionError as exc:
        if not_sent(exc) is not None:
            return None, "not sent (interrupted)"
        return None, redact(f"connection failed: {exc.__cause__ or exc}", secrets)
    except Exception as exc:  # anything else from the transport or the SDK: reported, never raised
        return None, redact(f"{type(exc).__name__}: {exc}", secrets)
    n = getattr(resp, "input_tokens", None)
    return (n, None) if isinstance(n, int) else (None, "the response carries no input_tokens")


def _count_anthropic(http, url: str, payload: dict, secrets: list, max_retries: int) -> tuple[int | None, str | None]:
    httpx = _httpx()
    for attempt in range(max_retries + 1):
        try:
            r = http.post(url, json=payload)
        except httpx.TimeoutException:
            if attempt < max_retries:
                continue
            return None, "timed out"
        except Exception as exc:
            if not_sent(exc) is not None:
                return None, "not sent (interrupted)"
            if attempt < max_retries and isinstance(exc, httpx.TransportError):
                time.sleep(min(2.0, 0.5 * 2 ** attempt))
                continue
            return None, redact(f"connection failed: {exc}", secrets)
        if (r.status_code == 429 or r.status_code >= 500) and attempt < max_retries:
            try:
                wait = float(r.headers.get("retry-after", ""))
            except ValueError:
                wait = 0.5 * 2 ** attempt
            time.sleep(min(max(wait, 0.0), 20.0))
            continue
        try:
            data = r.json()
        except ValueError:
            data = None
        if r.status_code != 200:
            err = data.get("error", data) if isinstance(data, dict) else None
            msg = err.get("message") if isinstance(err, dict) and err.get("message") else r.text[:200]
            return None, redact(f"HTTP {r.status_code}: {msg}", secrets)
        n = data.get("input_tokens") if isinstance(data, dict) else None
        return (n, None) if isinstance(n, int) else (None, "the response carries no input_tokens")
    return None, "no answer"  # pragma: no cover


class LiveCounts(list):
    """The counts, in the plan's order, with what was sent: ``sent`` HTTP requests (retries included,
    counted before each leaves) and whether Ctrl-C stopped the run."""

    sent: int = 0
    interrupted: bool = False


def run_live_counts(plan: LivePlan, timeout: float = 60.0, max_retries: int = 2, concurrency: int = 4,
                    progress: Callable[[int, int], None] | None = None) -> LiveCounts:
    """One count per request of ``plan`` (results in the plan's order); a failed prompt never stops
    the others.  Ctrl-C stops sending (requests not yet sent are marked so) and returns what came back."""
    import threading

    from .probe.clients import NotSent

    secrets = [c.api_key for c in (plan.openai_creds, plan.anthropic_creds) if c]
    out = LiveCounts()
    stop = threading.Event()
    lock = threading.Lock()

    def guard(request) -> None:  # before every HTTP request, the clients' own retries included
        if stop.is_set():
            raise NotSent("interrupted")
        with lock:
            out.sent += 1

    client = http = None
    if plan.openai is not None:
        client = make_client(plan.openai, plan.openai_creds, timeout, max_retries, guard=guard)
    if plan.anthropic is not None:
        http = _httpx().Client(timeout=timeout, event_hooks={"request": [guard]}, headers={
            "x-api-key": plan.anthropic_creds.api_key, "anthropic-version": ANTHROPIC_VERSION,
            "content-type": "application/json"})
    url = f"{plan.anthropic.base_url}/v1/messages/count_tokens" if plan.anthropic else ""

    def one(req: CountRequest) -> LiveCount:
        if stop.is_set():
            return LiveCount(req.name, req.provider, None, None, "not sent (interrupted)" if req.provider else None)
        if req.provider == "openai":
            n, err = _count_openai(client, req.payload, secrets)
            return LiveCount(req.name, "openai", OPENAI_SOURCE, n, err, list(req.notes))
        if req.provider == "anthropic":
            n, err = _count_anthropic(http, url, req.payload, secrets, max_retries)
            return LiveCount(req.name, "anthropic", ANTHROPIC_SOURCE, n, err, list(req.notes))
        return LiveCount(req.name, None, None, None, None, [req.skipped] if req.skipped else [])

    pool = ThreadPoolExecutor(max_workers=max(1, concurrency))
    futures: list = []
    try:  # submitting inside: a worker may send (and Ctrl-C come) before the last request is queued
        for req in plan.requests:
            futures.append(pool.submit(one, req))
        for req, fut in zip(plan.requests, futures):
            out.append(fut.result())
            if progress:
                progress(len(out), len(plan.requests))
    except KeyboardInterrupt:
        stop.set()
        out.interrupted = True
        pool.shutdown(wait=False, cancel_futures=True)
        for i in range(len(out), len(plan.requests)):
            req, fut = plan.requests[i], futures[i] if i < len(futures) else None
            done = fut is not None and fut.done() and not fut.cancelled() and fut.exception() is None
            out.append(fut.result() if done else LiveCount(
                req.name, req.provider, None, None,
                None if not req.provider else "interrupted (sent, no answer)" if fut is not None and fut.running()
                else "not sent (interrupted)"))
        return out  # the clients stay open: a worker may still be reading its answer
    pool.shutdown(wait=True)
    if http is not None:
        http.close()
    if client is not None:
        client.close()
    return out


def median_error(counts: list[LiveCount], offline: list[int]) -> float | None:
    """Median of |offline - live| / live over the counted prompts (None when none was counted)."""
    errs = sorted(abs(o - c.live_tokens) / c.live_tokens for c, o in zip(counts, offline)
                  if c.live_tokens)
    if not errs:
        return None
    mid = len(errs) // 2
    return errs[mid] if len(errs) % 2 else (errs[mid - 1] + errs[mid]) / 2

"""Destinations and clients: OpenAI, Azure OpenAI and any OpenAI-compatible ``--base-url``.

The ``openai`` package is imported here, inside functions, only when requests are about to be sent.
API keys live only inside the client object; every text that leaves this module goes through
``redact``.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

from ..errors import PcacheError
from .interface import Destination, Observation

OPENAI_DEFAULT_BASE = "https://api.openai.com/v1"
# First Azure OpenAI API version that returns usage.prompt_tokens_details.cached_tokens (AZ-24, AZ-25a).
AZURE_DEFAULT_API_VERSION = "2024-10-01-preview"
# The Responses API on Azure needs a newer version (the first preview that has it).
AZURE_RESPONSES_API_VERSION = "2025-03-01-preview"


@dataclass
class Credentials:
    """Kept apart from ``Destination`` so a key can never be rendered with it."""

    api_key: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return "Credentials(api_key=***)"


def redact(text: str, secrets: list[str | None]) -> str:
    from ..redact import redact as _redact

    return _redact(text, [s for s in secrets if s])


def _host(url: str) -> str:
    u = urlparse(url)
    return u.hostname or url


def _strip_userinfo(url: str) -> str:
    u = urlparse(url)
    if u.username or u.password:
        u = u._replace(netloc=u.hostname + (f":{u.port}" if u.port else ""))
    return u.geturl()


def resolve_destination(base_url: str | None, azure: bool, deployment: str | None,
                        api_version: str | None, env=None, api: str = "chat",
                        require_key: bool = True) -> tuple[Destination, Credentials]:
    """Where requests go and with which key; ``require_key=False`` for a plan that sends nothing."""
    env = os.environ if env is None else env
    if azure or (env.get("AZURE_OPENAI_ENDPOINT") and not base_url):
        endpoint = base_url or env.get("AZURE_OPENAI_ENDPOINT")
        if not endpoint:
            raise PcacheError("--azure needs an endpoint",
                              hint="set AZURE_OPENAI_ENDPOINT or pass --base-url https://NAME.openai.azure.com")
        key = env.get("AZURE_OPENAI_API_KEY")
        if not key and require_key:
            raise PcacheError("AZURE_OPENAI_API_KEY is not set", hint="export AZURE_OPENAI_API_KEY=...")
        if not deployment:
            raise PcacheError("Azure OpenAI needs --deployment NAME",
                              hint="and --model BASE_MODEL for tokenization and prices, e.g. --model gpt-4o")
        endpoint = _strip_userinfo(endpoint.rstrip("/"))
        version = api_version or env.get("OPENAI_API_VERSION") or (
            AZURE_RESPONSES_API_VERSION if api == "responses" else AZURE_DEFAULT_API_VERSION)
        return (Destination("azure", endpoint, _host(endpoint), api_version=version, deployment=deployment),
                Credentials(key or ""))
    url = base_url or env.get("OPENAI_BASE_URL") or OPENAI_DEFAULT_BASE
    url = _strip_userinfo(url.rstrip("/"))
    host = _host(url)
    kind = "openai" if host == "api.openai.com" else "compatible"
    key = env.get("OPENAI_API_KEY")
    if not key:
        if kind == "openai" and require_key:
            raise PcacheError("OPENAI_API_KEY is not set",
                              hint="export OPENAI_API_KEY=... (or --base-url for a local server)")
        key = "sk-no-key-required"  # local servers ignore it; the SDK wants one
    return (Destination(kind, url, host, organization=env.get("OPENAI_ORG_ID"),
                        project=env.get("OPENAI_PROJECT_ID")), Credentials(key))


class NotSent(Exception):
    """Raised by a request guard before an HTTP request leaves: a cap is reached, or the request is not
    one the plan announced.  Nothing was sent."""


def make_client(dest: Destination, creds: Credentials, timeout: float, max_retries: int, guard=None):
    """An openai client; ``guard(request)`` (when given) runs before every HTTP request the client makes
    (the SDK's own retries included) and may raise ``NotSent`` to stop it from leaving."""
    import openai

    if dest.kind == "azure":
        client = openai.AzureOpenAI(azure_endpoint=dest.base_url, api_key=creds.api_key,
                                    api_version=dest.api_version, timeout=timeout, max_retries=max_retries)
    else:
        client = openai.OpenAI(base_url=dest.base_url, api_key=creds.api_key, organization=dest.organization,
                               project=dest.project, timeout=timeout, max_retries=max_retries)
    if guard is not None:
        http = getattr(client, "_client", None)
        hooks = getattr(http, "event_hooks", None)
        if hooks is None:
            raise PcacheError("this openai SDK does not expose its HTTP client: pcache cannot count (and cap) "
                              "the requests it sends", hint="pip install 'openai>=1.98'")
        http.event_hooks = {**hooks, "request": [*hooks.get("request", []), guard]}
    return client


def not_sent(exc: BaseException) -> NotSent | None:
    """The ``NotSent`` behind an SDK error (the SDK wraps transport exceptions), if any."""
    while exc is not None:
        if isinstance(exc, NotSent):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def retry_after(exc) -> float | None:
    """Seconds a 429/503 response asks to wait (Retry-After / retry-after-ms), capped at 60."""
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            value = float(headers.get(name, ""))
        except (TypeError, ValueError):
            continue
        if value == value and 0 <= value:  # not NaN
            return min(value * scale, 60.0)
    return None


def first_model(client) -> tuple[str | None, str | None]:
    """``owned_by`` and ``id`` of the first model in ``GET /models`` (vLLM: "vllm", llama.cpp:
    "llamacpp"; the id is the served model's name)."""
    try:
        page = client.with_options(max_retries=0, timeout=5.0).models.list()
        data = list(page.data)
        return (getattr(data[0], "owned_by", None), getattr(data[0], "id", None)) if data else (None, None)
    except Exception:
        return None, None


def detect_server(client) -> str | None:
    """``owned_by`` of the first model in ``GET /models``."""
    return first_model(client)[0]


class OutputLimit:
    """The smallest output limit the server accepts, learnt from refusals (shared by all workers).

    Chat requests to compatible servers also carry ``max_tokens`` (the name every server knows; some
    ignore ``max_completion_tokens``) until a server says it does not support it."""

    def __init__(self, api: str, first: int, largest: int, companion: bool = False):
        self.param = "max_output_tokens" if api == "responses" else "max_completion_tokens"
        self.companion = companion and api == "chat"
        self.value = first
        self.largest = largest
        self.refusals = 0

    def apply(self, payload: dict) -> None:
        payload[self.param] = self.value
        if self.companion and self.param != "max_tokens":
            payload["max_tokens"] = self.value

    def adjust(self, message: str, param: str | None) -> bool:
        """Whether a 400 error was about the output limit and a new value/param was chosen."""
        text = (message or "").lower()
        names = ("max_completion_tokens", "max_output_tokens", "max_tokens")
        named = param if param in names else next((k for k in names if k in text), None)
        if named is None:
            return False
        self.refusals += 1
        if any(w in text for w in ("unsupported", "not supported", "unrecognized", "unknown", "extra")):
            if named == "max_tokens" and self.companion:
                self.companion = False
                return True
            if named == "max_completion_tokens" and self.param == named:
                self.param, self.companion = "max_tokens", False
                return True
            return False
        m = re.search(r">=\s*(\d+)|at least (\d+)|minimum (?:value )?(?:of |is )?(\d+)", text)
        wanted = int(next(g for g in m.groups() if g)) if m else max(16, self.value * 4)
        if wanted <= self.value or wanted > self.largest:
            return False
        self.value = wanted
        return True


def _usage_fields(api: str, usage) -> dict:
    if usage is None:
        return {}
    if api == "responses":
        details = getattr(usage, "input_tokens_details", None)
        return {"prompt_tokens": getattr(usage, "input_tokens", None),
                "output_tokens": getattr(usage, "output_tokens", None),
                "cached_tokens": getattr(details, "cached_tokens", None) if details else None,
                "cache_write_tokens": getattr(details, "cache_write_tokens", None) if details else None}
    details = getattr(usage, "prompt_tokens_details", None)
    return {"prompt_tokens": getattr(usage, "prompt_tokens", None),
            "output_tokens": getattr(usage, "completion_tokens", None),
            "cached_tokens": getattr(details, "cached_tokens", None) if details else None,
            "cache_write_tokens": getattr(details, "cache_write_tokens", None) if details else None}


def send(client, api: str, body: dict, limit: OutputLimit, secrets: list[str | None],
         prompt_cache_key: str | None = None, extra: dict | None = None, max_retries: int = 0,
         stop=None) -> Observation | None:
    """One request, retried here (the client's SDK retries are off, so every attempt passes the guard):
    429, 5xx, timeouts and connection failures up to ``max_retries`` times, honouring Retry-After.
    ``extra`` fields are added to the body (``prompt_cache_options`` for diagnostics).  None when the
    guard stopped it before anything was sent."""
    retries = [0]

    def again(exc) -> bool:
        if retries[0] >= max_retries:
            return False
        retries[0] += 1
        wait = retry_after(exc)
        wait = min(0.5 * 2 ** (retries[0] - 1), 8.0) if wait is None else wait
        if stop is not None:
            return not stop.wait(wait)
        time.sleep(wait)
        return True

    while True:
        try:
            return _send_once(client, api, body, limit, secrets, prompt_cache_key, extra)
        except _Retryable as r:
            if not again(r.exc):
                return r.obs
        except NotSent:
            return None


class _Retryable(Exception):
    def __init__(self, exc, obs):
        super().__init__(str(exc))
        self.exc = exc
        self.obs = obs


def _send_once(client, api: str, body: dict, limit: OutputLimit, secrets: list[str | None],
               prompt_cache_key: str | None = None, extra: dict | None = None) -> Observation:
    import openai
    from openai.types.chat import ChatCompletion
    from openai.types.responses import Response

    path, cast = ("/responses", Response) if api == "responses" else ("/chat/completions", ChatCompletion)
    obs = Observation(repeat=0)
    for _ in range(4):
        payload = dict(body)
        limit.apply(payload)
        if prompt_cache_key:
            payload["prompt_cache_key"] = prompt_cache_key
        if extra:
            payload.update(extra)
        start = time.perf_counter()
        try:
            resp = client.post(path, cast_to=cast, body=payload)
        except Exception as exc:
            if not_sent(exc) is not None:
                raise not_sent(exc) from None
            if isinstance(exc, openai.APIStatusError) and (exc.status_code == 429 or exc.status_code >= 500):
                obs.error = redact(f"HTTP {exc.status_code}: {_message(exc)}", secrets)
                raise _Retryable(exc, obs) from None
            if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
                obs.error = "timed out" if isinstance(exc, openai.APITimeoutError) else \
                    redact(f"connection failed: {exc.__cause__ or exc}", secrets)
                raise _Retryable(exc, obs) from None
            obs = _failed(exc, obs, limit, secrets)
            if obs is None:
                obs = Observation(repeat=0)
                continue
            return obs
        obs.latency_ms = round((time.perf_counter() - start) * 1000, 1)
        fields = _usage_fields(api, getattr(resp, "usage", None))
        obs.prompt_tokens = fields.get("prompt_tokens")
        obs.cached_tokens = fields.get("cached_tokens")
        obs.cache_write_tokens = fields.get("cache_write_tokens")
        obs.output_tokens = fields.get("output_tokens")
        obs.response_id = getattr(resp, "id", None)
        obs.diagnostics = _diagnostics(resp)
        if obs.prompt_tokens is None:
            obs.error = "the response carries no usage"
        return obs
    obs.error = f"the server refused every output limit up to {limit.largest} tokens"
    return obs


def _failed(exc, obs: Observation, limit: OutputLimit, secrets) -> Observation | None:
    """A non-retryable failure as an observation; None when a 400 asked for another output limit."""
    import openai

    if isinstance(exc, openai.BadRequestError):
        err = exc.body.get("error", exc.body) if isinstance(exc.body, dict) else {}
        message = err.get("message") if isinstance(err, dict) else None
        param = err.get("param") if isinstance(err, dict) else None
        if limit.adjust(message or str(exc), param):
            return None
        obs.error = redact(f"HTTP 400: {message or exc}", secrets)
    elif isinstance(exc, openai.APIStatusError):
        obs.error = redact(f"HTTP {exc.status_code}: {_message(exc)}", secrets)
    else:  # anything else from the transport: reported, never raised
        obs.error = redact(f"{type(exc).__name__}: {exc}", secrets)
    return obs


def _diagnostics(resp):
    """The ``prompt_cache_diagnostics`` a Responses answer carries (an extra field to older SDKs)."""
    from ..providers.diagnostics import parse_openai

    try:
        raw = resp.model_dump(mode="json")
    except Exception:
        return None
    return parse_openai(raw)


def _message(exc) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict) and err.get("message"):
            return str(err["message"])
    return str(getattr(exc, "message", "") or exc)

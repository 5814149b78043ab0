"""Generic JSONL request logs: one JSON object per line with a request body, a response (or just its
usage) and a timestamp.  Field paths are configurable (``--request-field`` ...); without them the
common names are tried, and presets name the shapes of known exports.

Lines with usage but no request text (Responses-only usage logs) still count for cost and hit ratio;
they are simply not replayed.
"""

from __future__ import annotations

from typing import Iterator

from ..usage import extract_usage, find_usage
from ...inputs import InputError, loads_json
from .interface import ReadErrors, ReaderOptions, Record, dig, json_lines, parse_time

# Preset name -> (request field, response field, time field, model field).  ``None`` = auto.
PRESETS: dict[str, tuple[str | None, str | None, str | None, str | None]] = {
    # {"request": {...body...}, "usage": {...}, "response_model": ...}: recorded VCR traffic
    # (shared/corpora crewai-vcr, pydantic-ai-vcr) and most hand-rolled request loggers.
    "wrapped": ("request", "usage", "timestamp", "response_model"),
    # {"request": ..., "response": {...full response body...}, "timestamp": ...}
    "request-response": ("request", "response", "timestamp", None),
    # One response body per line ({"id", "model", "created", "usage", ...}): usage only.
    "response-bodies": ("-", "", "created", "model"),
}

_REQUEST_KEYS = ("request", "request_body", "req", "body")
_RESPONSE_KEYS = ("response", "response_body", "resp", "output")
_TIME_KEYS = ("timestamp", "time", "created_at", "created", "start_time", "startTime", "ts", "date",
              "response_created")  # the last: the response's creation time (openai-recorded corpus)
_MODEL_KEYS = ("response_model", "model")

# API hosts -> genai-prices provider ids (request logs of proxies often record the host).
HOSTS = {
    "api.openai.com": "openai", "api.anthropic.com": "anthropic", "api.deepseek.com": "deepseek",
    "api.mistral.ai": "mistral", "api.cohere.com": "cohere", "api.cohere.ai": "cohere",
    "generativelanguage.googleapis.com": "google", "api.groq.com": "groq", "api.x.ai": "x-ai",
    "openrouter.ai": "openrouter",
}


def provider_from_host(host) -> str | None:
    if not isinstance(host, str):
        return None
    host = host.lower()
    if host.endswith(".openai.azure.com") or host.endswith(".cognitiveservices.azure.com"):
        return "azure"
    return HOSTS.get(host)


def _is_request_body(v) -> bool:
    return isinstance(v, dict) and (isinstance(v.get("messages"), list) or "input" in v
                                    or isinstance(v.get("instructions"), str)
                                    or isinstance(v.get("contents"), (list, str)))  # Gemini


def _llamacpp_usage(response: dict, usage):
    """llama.cpp builds without ``prompt_tokens_details`` report reuse in ``timings.cache_n``: read by
    the llama.cpp regime's ``read_usage`` (analyzers/providers/selfhosted.py)."""
    from dataclasses import replace

    from ...providers.registry import regime_model

    obs = regime_model("llamacpp").read_usage(response)
    if obs is None or obs.read is None:
        return usage
    return replace(usage, cached_tokens=min(obs.read, usage.input_tokens), cached_known=True)


def _diagnosis(response: dict):
    """The provider's own cache diagnosis in the response (OpenAI ``prompt_cache_diagnostics``,
    Anthropic ``diagnostics.cache_miss_reason``), read by the shared parser of the provider layer."""
    if "prompt_cache_diagnostics" not in response and "diagnostics" not in response:
        return None
    from ...providers.diagnostics import parse_anthropic, parse_openai

    return parse_openai(response) or parse_anthropic(response)


class JsonlReader:
    name = "jsonl"

    def sniff(self, path: str, head: str) -> bool:
        return head.lstrip().startswith("{")

    def fields(self, options: ReaderOptions):
        preset = PRESETS.get(options.preset or "", (None, None, None, None))
        return (options.request_field or preset[0], options.response_field if options.response_field
                is not None else preset[1], options.time_field or preset[2],
                options.model_field or preset[3])

    def record(self, obj: dict, options: ReaderOptions, path: str = "", line: int = 0) -> Record:
        """One log line -> Record; raises ValueError with a message for a line without usage."""
        req_f, resp_f, time_f, model_f = self.fields(options)
        if req_f == "-":
            request = None
        elif req_f:
            request = dig(obj, req_f)
        else:
            request = next((obj[k] for k in _REQUEST_KEYS if _is_request_body(obj.get(k))), None)
            if request is None and _is_request_body(obj):
                request = obj
        if request is not None and not isinstance(request, dict):
            request = None
        if request is not None and not isinstance(request.get("model", ""), str):
            raise ValueError(f"request.model is a {type(request['model']).__name__}, not a model name")
        if resp_f is not None:
            response = dig(obj, resp_f) if resp_f else obj
            usage_obj = find_usage(response) if isinstance(response, dict) else None
        else:
            response = next((obj[k] for k in _RESPONSE_KEYS if isinstance(obj.get(k), dict)), None)
            usage_obj = find_usage(response) if response is not None else None
            if usage_obj is None:
                usage_obj = find_usage(obj)
        if usage_obj is None:
            missing = f"no usage at {resp_f!r}" if resp_f else "no usage object"
            raise ValueError(f"{missing} (use --response-field PATH)")
        usage = extract_usage(usage_obj)
        if usage is None:
            raise ValueError("usage object of an unknown shape")
        if not usage.cached_known and isinstance(response, dict) and isinstance(response.get("timings"), dict):
            usage = _llamacpp_usage(response, usage)
        model = None
        if model_f:
            model = dig(obj, model_f)
        if not model and isinstance(response, dict):
            model = response.get("model") or dig(response, "body.model")
        if not model:
            model = next((obj[k] for k in _MODEL_KEYS if isinstance(obj.get(k), str)), None)
        if not model and request is not None:
            model = request.get("model")
        if options.model:
            model = options.model
        t = None
        if time_f:
            t = parse_time(dig(obj, time_f))
        if t is None:
            for k in _TIME_KEYS:
                if k in obj:
                    t = parse_time(obj[k])
                    if t is not None:
                        break
        if t is None and isinstance(response, dict):
            t = parse_time(response.get("created") or response.get("created_at"))
        provider = provider_from_host(obj.get("host")) or (obj.get("provider") if isinstance(
            obj.get("provider"), str) else None)
        rid = obj.get("id") or obj.get("custom_id")
        return Record(usage, model if isinstance(model, str) else None, t, request, path, line,
                      rid if isinstance(rid, str) else None, provider=provider,
                      diagnosis=_diagnosis(response if isinstance(response, dict) else obj))

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        for n, obj in json_lines(path, errors, progress):
            if not isinstance(obj, dict):
                errors.add(path, n, "not a JSON object")
                continue
            try:
                yield self.record(obj, options, path, n)
            except ValueError as exc:
                errors.add(path, n, str(exc))

    def records_of_lines(self, lines: list[tuple[int, str]], options: ReaderOptions, path: str):
        """``read`` on lines read elsewhere (a worker process parses them): ([(index in ``lines``,
        Record)], [(line number, error)]), the lines being ``text_lines``' (line number, text)."""
        records, errs = [], []
        for i, (n, line) in enumerate(lines):
            if not line.strip():
                continue
            try:
                obj = loads_json(line, n)
            except InputError as exc:
                errs.append((exc.line or n, exc.message))
                continue
            if not isinstance(obj, dict):
                errs.append((n, "not a JSON object"))
                continue
            try:
                records.append((i, self.record(obj, options, path, n)))
            except ValueError as exc:
                errs.append((n, str(exc)))
        return records, errs

"""OpenTelemetry GenAI spans (semantic conventions ``gen_ai.*``) in OTLP JSON.

Per span with usage: ``gen_ai.usage.input_tokens`` (inclusive: the conventions count cached and
cache-creation tokens in it), ``gen_ai.usage.cache_read.input_tokens`` (read),
``gen_ai.usage.cache_creation.input_tokens`` (written), ``gen_ai.usage.output_tokens``; the model
from ``gen_ai.response.model`` / ``gen_ai.request.model``; the provider from ``gen_ai.provider.name``
(``gen_ai.system`` before it); the time from ``startTimeUnixNano``.  The prompt, when the
instrumentation recorded it, from ``gen_ai.system_instructions`` + ``gen_ai.input.messages`` (JSON:
``[{"role", "parts": [{"type": "text", "content"}]}]``) or the older ``gen_ai.prompt.N.role/content``.
A span without ``gen_ai.usage.cache_read.input_tokens`` has unknown cached tokens (never 0).
Spans that carry only OpenInference attributes are read by that module's rules.
"""

from __future__ import annotations

from typing import Iterator

from ..usage import Usage, check_count
from .interface import ReadErrors, ReaderOptions, Record
from .otlp import attributes, indexed, json_attr, span_time, spans

# gen_ai.provider.name values -> genai-prices provider ids
PROVIDERS = {"openai": "openai", "azure.ai.openai": "azure", "az.ai.openai": "azure", "anthropic": "anthropic",
             "aws.bedrock": "aws", "gcp.gemini": "google", "gcp.vertex_ai": "google-vertex", "gemini": "google",
             "deepseek": "deepseek", "mistral_ai": "mistral", "groq": "groq", "x_ai": "x-ai", "cohere": "cohere"}


def _count(attrs: dict, key: str) -> int | None:
    v = attrs.get(key)
    if v is None:
        return None
    if isinstance(v, str) and v.strip().lstrip("-").isdigit():
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ValueError(f"{key} is {v!r}, not a token count")
    check_count(key, v)
    return int(v)


def _text(parts) -> str:
    if isinstance(parts, str):
        return parts
    out = []
    for p in parts if isinstance(parts, list) else []:
        if isinstance(p, dict) and isinstance(p.get("content"), str):
            out.append(p["content"])
        elif isinstance(p, str):
            out.append(p)
    return "".join(out)


def request_body(attrs: dict, model: str | None) -> dict | None:
    """A Chat Completions body rebuilt from the recorded prompt (None when none was recorded)."""
    msgs = []
    system = json_attr(attrs, "gen_ai.system_instructions")
    if system:
        msgs.append({"role": "system", "content": _text(system)})
    recorded = json_attr(attrs, "gen_ai.input.messages")
    if isinstance(recorded, list):
        for m in recorded:
            if isinstance(m, dict):
                msgs.append({"role": m.get("role") or "user", "content": _text(m.get("parts") or m.get("content"))})
    else:
        for m in indexed(attrs, "gen_ai.prompt"):
            if isinstance(m.get("content"), str):
                msgs.append({"role": m.get("role") or "user", "content": m["content"]})
    if not msgs:
        return None
    return {"model": model or "", "messages": msgs}


def span_record(attrs: dict, span: dict, path: str, line: int, options: ReaderOptions) -> Record | None:
    total = _count(attrs, "gen_ai.usage.input_tokens")
    if total is None:
        return None
    read = _count(attrs, "gen_ai.usage.cache_read.input_tokens")
    if read is None:  # the deprecated underscore alias (spec section 8)
        read = _count(attrs, "gen_ai.usage.cache_read_input_tokens")
    write = _count(attrs, "gen_ai.usage.cache_creation.input_tokens")
    if write is None:
        write = _count(attrs, "gen_ai.usage.cache_creation_input_tokens")
    write = write or 0
    output = _count(attrs, "gen_ai.usage.output_tokens") or 0
    cached = min(read or 0, total)
    usage = Usage(total, cached, min(write, total - cached), output, shape="chat",
                  cached_known=read is not None, double_counted=read is not None and read > total)
    model = options.model or attrs.get("gen_ai.response.model") or attrs.get("gen_ai.request.model")
    model = model if isinstance(model, str) else None
    prov = attrs.get("gen_ai.provider.name") or attrs.get("gen_ai.system")
    rid = attrs.get("gen_ai.response.id") or span.get("spanId")
    provider = PROVIDERS.get(prov) if isinstance(prov, str) else None
    return Record(shaped(usage, provider), model, span_time(span), request_body(attrs, model), path, line,
                  rid if isinstance(rid, str) else None, provider=provider)


def shaped(usage: Usage, provider: str | None) -> Usage:
    """The usage tagged with the shape whose cache regime the provider uses (inclusive counts)."""
    from dataclasses import replace

    return replace(usage, shape={"anthropic": "anthropic", "google": "gemini", "google-vertex": "gemini",
                                 "deepseek": "deepseek"}.get(provider or "", "chat"))


def read_spans(path: str, options: ReaderOptions, errors: ReadErrors, progress, first, second) -> Iterator[Record]:
    """Records of the spans that ``first`` (else ``second``) understands; spans without usage skipped."""
    for n, span, _res in spans(path, errors, progress):
        attrs = attributes(span)
        try:
            rec = first(attrs, span, path, n, options) or second(attrs, span, path, n, options)
        except ValueError as exc:
            errors.add(path, n or None, f"span {span.get('spanId') or span.get('name') or '?'}: {exc}")
            continue
        if rec is not None:
            yield rec


class OtelGenAiReader:
    name = "otel-genai"

    def sniff(self, path: str, head: str) -> bool:
        return '"resourceSpans"' in head or ('"gen_ai.' in head and '"spans"' in head)

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        from .openinference import span_record as openinference_record

        yield from read_spans(path, options, errors, progress, span_record, openinference_record)

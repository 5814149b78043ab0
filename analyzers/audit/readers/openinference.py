"""OpenInference spans (Arize Phoenix and the ``openinference-instrumentation-*`` packages), in OTLP
JSON or as flat span dumps (``{"attributes": {"llm": {...}}}`` or dotted ``attributes.llm.*`` keys).

Per LLM span: ``llm.token_count.prompt`` (all prompt tokens: the ``prompt_details`` are a breakdown of
it), ``llm.token_count.prompt_details.cache_read`` (read), ``...cache_write`` (written),
``llm.token_count.completion``; ``llm.model_name``, ``llm.provider``; the prompt from
``llm.input_messages.N.message.role`` / ``.message.content``.  Without ``cache_read`` the cached tokens
are unknown (never 0).  Spans that carry only ``gen_ai.*`` attributes are read by the GenAI rules.
"""

from __future__ import annotations

from typing import Iterator

from ..usage import Usage
from .interface import ReadErrors, ReaderOptions, Record
from .otel_genai import _count, read_spans, shaped
from .otlp import indexed, span_time

PROVIDERS = {"openai": "openai", "azure": "azure", "anthropic": "anthropic", "google": "google",
             "deepseek": "deepseek", "mistralai": "mistral", "cohere": "cohere", "xai": "x-ai", "groq": "groq"}


def span_record(attrs: dict, span: dict, path: str, line: int, options: ReaderOptions) -> Record | None:
    total = _count(attrs, "llm.token_count.prompt")
    if total is None:
        return None
    read = _count(attrs, "llm.token_count.prompt_details.cache_read")
    write = _count(attrs, "llm.token_count.prompt_details.cache_write") or 0
    output = _count(attrs, "llm.token_count.completion") or 0
    cached = min(read or 0, total)
    usage = Usage(total, cached, min(write, total - cached), output, shape="chat",
                  cached_known=read is not None, double_counted=read is not None and read > total)
    model = options.model or attrs.get("llm.model_name")
    model = model if isinstance(model, str) else None
    msgs = [{"role": m.get("message.role") or "user", "content": m["message.content"]}
            for m in indexed(attrs, "llm.input_messages") if isinstance(m.get("message.content"), str)]
    body = {"model": model or "", "messages": msgs} if msgs else None
    prov = attrs.get("llm.provider")
    ctx = span.get("context") if isinstance(span.get("context"), dict) else {}
    rid = span.get("spanId") or ctx.get("span_id")
    provider = PROVIDERS.get(prov) if isinstance(prov, str) else None
    return Record(shaped(usage, provider), model, span_time(span), body, path, line,
                  rid if isinstance(rid, str) else None, provider=provider)


class OpenInferenceReader:
    name = "openinference"

    def sniff(self, path: str, head: str) -> bool:
        return "llm.token_count" in head or "openinference" in head.lower() or \
            ('"llm"' in head and '"token_count"' in head)

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        from .otel_genai import span_record as genai_record

        yield from read_spans(path, options, errors, progress, span_record, genai_record)

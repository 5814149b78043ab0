"""LiteLLM logs: the StandardLoggingPayload (``kwargs["standard_logging_object"]`` as custom loggers,
the GCS/S3 bucket loggers and ``/spend/logs`` write it) and the proxy's spend-log rows
(``LiteLLM_SpendLogs``: ``request_id``, ``spend``, ``prompt_tokens``, ``startTime``, ``metadata`` ...).

LiteLLM reports usage in the OpenAI shape for every provider, so ``prompt_tokens`` includes the
cached and cache-creation tokens.  The cached count is in ``metadata.usage_object`` (the response's
usage: ``prompt_tokens_details.cached_tokens`` or ``cache_read_input_tokens``) or, in spend logs,
``metadata.additional_usage_values``; when neither is there it is unknown (never 0).
``cache_hit: true`` marks a response LiteLLM served from its own response cache: no provider call,
nothing billed, so it is skipped.  The prompt is ``messages``; the time ``startTime``.
"""

from __future__ import annotations

from typing import Iterator

from ..usage import Usage
from .documents import documents, items
from .exported import chat_body, count, first_count, maybe_json, provider, shape_of
from .interface import ReadErrors, ReaderOptions, Record, parse_time


def _usage_parts(row: dict) -> tuple[int | None, int | None, int]:
    """(prompt tokens, cached tokens or None, cache-write tokens) of one payload or spend-log row."""
    meta = maybe_json(row.get("metadata"))
    meta = meta if isinstance(meta, dict) else {}
    usage = maybe_json(meta.get("usage_object")) or maybe_json(meta.get("additional_usage_values")) or {}
    usage = usage if isinstance(usage, dict) else {}
    total = count(row, "prompt_tokens")
    if total is None:
        total = count(usage, "prompt_tokens")
    details = usage.get("prompt_tokens_details") if isinstance(usage.get("prompt_tokens_details"), dict) else {}
    read = first_count(details, ("cached_tokens",))
    if read is None:
        read = first_count(usage, ("cache_read_input_tokens",))
    write = first_count(usage, ("cache_creation_input_tokens",)) or first_count(details, ("cache_write_tokens",)) or 0
    return total, read, write


def payload_record(row: dict, options: ReaderOptions, path: str, line: int) -> Record | None:
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    if isinstance(row.get("standard_logging_object"), dict):
        row = row["standard_logging_object"]
    hit = row.get("cache_hit")
    if hit is True or (isinstance(hit, str) and hit.strip().lower() == "true"):
        return None
    if row.get("status") == "failure":
        return None
    total, read, write = _usage_parts(row)
    if total is None:
        raise ValueError("no prompt_tokens")
    output = count(row, "completion_tokens") or 0
    prov = provider(row.get("custom_llm_provider"))
    cached = min(read or 0, total)
    u = Usage(total, cached, min(write, total - cached), output, shape=shape_of(prov), cached_known=read is not None,
              double_counted=read is not None and read > total)
    model = options.model or row.get("model")
    model = model if isinstance(model, str) and model else None
    t = parse_time(row.get("startTime") or row.get("start_time"))
    rid = row.get("id") or row.get("request_id")
    batch = row.get("call_type") in ("acreate_batch", "create_batch")
    return Record(u, model, t, chat_body(row.get("messages"), model), path, line,
                  rid if isinstance(rid, str) else None, provider=prov, batch=batch)


class LiteLLMReader:
    name = "litellm"

    def sniff(self, path: str, head: str) -> bool:
        return '"standard_logging_object"' in head or ('"call_type"' in head and (
            '"response_cost"' in head or '"spend"' in head or '"model_group"' in head))

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        for n, doc in documents(path, errors, progress):
            for k, row in enumerate(items(doc)):
                try:
                    rec = payload_record(row, options, path, n)
                except ValueError as exc:
                    errors.add(path, n or None, str(exc) if n else f"record {k}: {exc}")
                    continue
                if rec is not None:
                    yield rec

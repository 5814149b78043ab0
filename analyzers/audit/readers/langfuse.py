"""Langfuse observation exports (the public API's ``GET /api/public/observations`` pages, the UI's
JSON/JSONL export, blob exports in snake_case): one GENERATION observation per request.

Counts: ``usageDetails`` (``usage_details``).  Langfuse stores ``input`` WITHOUT the cached tokens: its
OpenAI mapping moves ``prompt_tokens_details.cached_tokens`` to ``input_cached_tokens`` (and the other
details to ``input_*`` keys) and subtracts them from ``input``; Anthropic's reads/writes arrive as
``input_cache_read`` / ``input_cache_creation`` (or the raw ``cache_read_input_tokens`` /
``cache_creation_input_tokens``).  So the billed input is ``input`` + every ``input_*`` key.  Keys that
Langfuse passes through unrecognised (OpenInference's ``prompt_details.cache_read``) were not
subtracted: ``input`` already holds them.  No cache key at all: cached tokens unknown (never 0).
The prompt is the observation's ``input`` when it is a message list; the time is ``startTime``.
"""

from __future__ import annotations

from typing import Iterator

from ..usage import Usage
from .documents import documents, items
from .exported import chat_body, count, first_count, provider, shape_of
from .interface import ReadErrors, ReaderOptions, Record, parse_time

_READ = ("input_cached_tokens", "input_cache_read", "cache_read_input_tokens", "input_cached")
_WRITE = ("input_cache_creation", "cache_creation_input_tokens", "input_cache_write")
_PASSTHROUGH_READ = ("prompt_details.cache_read",)
_PASSTHROUGH_WRITE = ("prompt_details.cache_write",)


def observation_record(obs: dict, options: ReaderOptions, path: str, line: int) -> Record | None:
    if not isinstance(obs, dict):
        raise ValueError("not a JSON object")
    kind = obs.get("type")
    if kind is not None and kind != "GENERATION":
        return None  # spans and events carry no model usage
    usage = obs.get("usageDetails") or obs.get("usage_details")
    if not isinstance(usage, dict):
        legacy = obs.get("usage") if isinstance(obs.get("usage"), dict) else {}
        usage = {"input": legacy.get("input", obs.get("promptTokens")),
                 "output": legacy.get("output", obs.get("completionTokens"))}
    base = count(usage, "input")
    if base is None:
        return None
    read = first_count(usage, _READ)
    write = first_count(usage, _WRITE) or 0
    if read is None and first_count(usage, _PASSTHROUGH_READ) is not None:
        total = base  # passed through, never subtracted: input already holds them
        read = first_count(usage, _PASSTHROUGH_READ)
        write = first_count(usage, _PASSTHROUGH_WRITE) or 0
    else:
        total = base + sum(count(usage, k) or 0 for k in usage if k.startswith("input_"))
        if "cache_read_input_tokens" in usage:
            total += count(usage, "cache_read_input_tokens") or 0
        if "cache_creation_input_tokens" in usage:
            total += count(usage, "cache_creation_input_tokens") or 0
    output = count(usage, "output") or 0
    model = options.model or obs.get("model") or obs.get("providedModelName") or obs.get("provided_model_name")
    model = model if isinstance(model, str) else None
    params = obs.get("metadata") if isinstance(obs.get("metadata"), dict) else {}
    prov = provider(params.get("ls_provider") or params.get("provider"))
    cached = min(read or 0, total)
    u = Usage(total, cached, min(write, total - cached), output, shape=shape_of(prov), cached_known=read is not None,
              double_counted=read is not None and read > total)
    t = parse_time(obs.get("startTime") or obs.get("start_time"))
    rid = obs.get("id")
    return Record(u, model, t, chat_body(obs.get("input"), model), path, line,
                  rid if isinstance(rid, str) else None, provider=prov)


class LangfuseReader:
    name = "langfuse"

    def sniff(self, path: str, head: str) -> bool:
        return '"usageDetails"' in head or '"usage_details"' in head or \
            ('"traceId"' in head and '"GENERATION"' in head)

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        for n, doc in documents(path, errors, progress):
            for k, obs in enumerate(items(doc)):
                try:
                    rec = observation_record(obs, options, path, n)
                except ValueError as exc:
                    errors.add(path, n or None, str(exc) if n else f"observation {k}: {exc}")
                    continue
                if rec is not None:
                    yield rec

"""OTLP JSON traces (the OpenTelemetry protocol's JSON encoding, as the collector's file exporter and
``otlp/json`` exporters write it): ``{"resourceSpans": [{"resource": {"attributes": [...]},
"scopeSpans": [{"spans": [{"name", "startTimeUnixNano", "attributes": [{"key", "value":
{"stringValue" | "intValue" | "doubleValue" | "boolValue" | "arrayValue"}}]}]}]}]}``, one request per
file or per line.  Flat span dumps (``{"attributes": {"a.b": 1}}`` or dotted keys) are read too.
This module only walks spans; the GenAI and OpenInference readers interpret their attributes."""

from __future__ import annotations

from typing import Iterator

from ...inputs import try_json
from .documents import documents
from .interface import ReadErrors, parse_time


def _value(v):
    if not isinstance(v, dict):
        return v
    for k in ("stringValue", "boolValue", "doubleValue"):
        if k in v:
            return v[k]
    if "intValue" in v:  # a string in the JSON encoding (64-bit)
        try:
            return int(v["intValue"])
        except (TypeError, ValueError):
            return None
    if "arrayValue" in v:
        return [_value(x) for x in (v["arrayValue"] or {}).get("values", [])]
    if "kvlistValue" in v:
        return {x.get("key"): _value(x.get("value")) for x in (v["kvlistValue"] or {}).get("values", [])
                if isinstance(x, dict)}
    return None


def attributes(obj) -> dict:
    """Attributes as a flat dict: an OTLP key/value list, a nested dict flattened to dotted keys, or
    dotted top-level keys (``attributes.llm.model_name``)."""
    out: dict = {}
    raw = obj.get("attributes") if isinstance(obj, dict) else None
    if isinstance(raw, list):
        for kv in raw:
            if isinstance(kv, dict) and isinstance(kv.get("key"), str):
                out[kv["key"]] = _value(kv.get("value"))
    elif isinstance(raw, dict):
        _flatten(raw, "", out)
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k.startswith("attributes."):
                out[k[len("attributes."):]] = v
    return out


def _flatten(d: dict, prefix: str, out: dict) -> None:
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            _flatten(v, key + ".", out)
        else:
            out[key] = v


def span_time(span: dict) -> float | None:
    for k in ("startTimeUnixNano", "start_time_unix_nano", "startTime", "start_time", "timestamp"):
        if k in span:
            return parse_time(span[k])
    return None


def spans(path: str, errors: ReadErrors, progress=None) -> Iterator[tuple[int, dict, dict]]:
    """(line, span, resource attributes) of every span in the file."""
    for n, doc in documents(path, errors, progress):
        for d in doc if isinstance(doc, list) else [doc]:
            if not isinstance(d, dict):
                errors.add(path, n or None, "not a JSON object")
                continue
            if isinstance(d.get("resourceSpans"), list):
                for rs in d["resourceSpans"]:
                    if not isinstance(rs, dict):
                        continue
                    res = attributes(rs.get("resource") or {})
                    for ss in rs.get("scopeSpans") or rs.get("instrumentationLibrarySpans") or []:
                        for span in (ss or {}).get("spans") or []:
                            if isinstance(span, dict):
                                yield n, span, res
            elif isinstance(d.get("spans"), list):
                for span in d["spans"]:
                    if isinstance(span, dict):
                        yield n, span, {}
            else:
                yield n, d, {}


def json_attr(attrs: dict, key: str):
    """An attribute holding JSON text (``gen_ai.input.messages``), parsed; None when absent or bad."""
    v = attrs.get(key)
    if isinstance(v, str):
        return try_json(v)  # depth and number limits: an attribute is input like any other
    return v


def indexed(attrs: dict, prefix: str) -> list[dict]:
    """``prefix.0.role``, ``prefix.0.content``, ``prefix.1...`` -> [{"role", "content"}, ...]."""
    rows: dict[int, dict] = {}
    plen = len(prefix) + 1
    for k, v in attrs.items():
        if not k.startswith(prefix + "."):
            continue
        idx, _, rest = k[plen:].partition(".")
        if idx.isdigit() and rest:
            rows.setdefault(int(idx), {})[rest] = v
    return [rows[i] for i in sorted(rows)]

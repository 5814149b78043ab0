"""Raw VCR cassettes: the YAML files vcrpy and pytest-recording write (``interactions:`` of
``request`` {method, uri, body, headers} and ``response`` {status, headers, body: {string}}), as test
suites keep them in ``tests/cassettes/``.

One record per interaction whose response carries a usage object: the request body (a JSON string,
bytes, or ``{string: ...}``), the response body (JSON, gzip/deflate per ``Content-Encoding`` as vcrpy
stores it with ``!!binary``, or a server-sent-event stream whose usage is in its last chunks: OpenAI
Chat ``usage`` chunk, Responses ``response.completed``, Anthropic ``message_start`` +
``message_delta``).  Time: the response's recorded ``Date`` header, else the body's ``created`` /
``created_at``; provider: the request host.  Interactions without usage (errors, model lists, file
uploads) are not requests to price and are passed over silently.
"""

from __future__ import annotations

import json
import zlib
from email.utils import parsedate_to_datetime
from typing import Iterator
from urllib.parse import urlparse

from ..usage import extract_usage, find_usage
from .interface import ReadErrors, ReaderOptions, Record, parse_time
from .jsonl import _diagnosis, provider_from_host

_MAX_BYTES = 256 << 20  # a cassette is read whole (YAML); larger files are not cassettes


def _header(headers, name: str):
    if not isinstance(headers, dict):
        return None
    for k, v in headers.items():
        if isinstance(k, str) and k.lower() == name:
            return v[0] if isinstance(v, list) and v else v
    return None


def _bytes(body) -> bytes | str | None:
    if isinstance(body, dict):
        body = body.get("string")
    return body if isinstance(body, (bytes, str)) else None


def _decode(raw: bytes | str | None, encoding) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        return raw
    enc = encoding.lower() if isinstance(encoding, str) else ""
    if raw[:2] == b"\x1f\x8b" or enc in ("gzip", "deflate"):
        try:
            raw = zlib.decompress(raw, 47 if raw[:2] == b"\x1f\x8b" else 15)
        except zlib.error:
            try:
                raw = zlib.decompress(raw, -15)
            except zlib.error:
                return None
    return raw.decode("utf-8", "replace")


def _json(text: str | None):
    if not text or text.lstrip()[:1] not in "{[":
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _stream_response(text: str) -> dict | None:
    """The response of a server-sent-event stream: its model, time and the usage its chunks report."""
    out: dict = {}
    usage: dict = {}
    for line in text.splitlines():
        if not line.startswith("data:"):
            continue
        ev = _json(line[5:].strip())
        if not isinstance(ev, dict):
            continue
        kind = ev.get("type")
        if kind == "message_start" and isinstance(ev.get("message"), dict):  # Anthropic
            msg = ev["message"]
            out["model"] = out.get("model") or msg.get("model")
            usage.update(msg.get("usage") or {})
        elif kind == "message_delta" and isinstance(ev.get("usage"), dict):
            usage.update({k: v for k, v in ev["usage"].items() if v is not None})
        elif isinstance(ev.get("response"), dict):  # Responses API events
            resp = ev["response"]
            out["model"] = out.get("model") or resp.get("model")
            out.setdefault("created_at", resp.get("created_at"))
            if isinstance(resp.get("usage"), dict):
                usage = dict(resp["usage"])
        else:  # Chat Completions chunks: the usage chunk comes last (stream_options.include_usage)
            out["model"] = out.get("model") or ev.get("model") or ev.get("modelVersion")
            out.setdefault("created", ev.get("created"))
            found = ev.get("usage") or ev.get("usageMetadata")  # Gemini chunks: usageMetadata
            if isinstance(found, dict):
                usage = dict(found)
    if not usage:
        return None
    out["usage"] = usage
    return out


def _parsed(side: dict) -> dict | None:
    """A body the cassette already stores parsed: pydantic-ai's serializer writes ``parsed_body``,
    its gRPC samples ``json``."""
    for key in ("parsed_body", "json"):
        if isinstance(side.get(key), dict):
            return side[key]
    return None


def _model_in_uri(uri: str) -> str | None:
    """The model a URI names: Gemini ``/models/NAME:generateContent``, Azure ``/deployments/NAME/``."""
    path = urlparse(uri).path
    for marker in ("/models/", "/deployments/"):
        if marker in path:
            name = path.split(marker, 1)[1].split("/", 1)[0].split(":", 1)[0]
            return name or None
    return None


def interaction_record(inter: dict, options: ReaderOptions, path: str, line: int) -> Record | None:
    """One interaction -> Record; None when its response carries no usage; ValueError when it is
    malformed (a count that is not one)."""
    req = inter.get("request") or inter.get("request_sample")
    resp = inter.get("response") or inter.get("response_sample")
    if not isinstance(req, dict) or not isinstance(resp, dict):
        return None  # not an HTTP exchange (websocket frames, gRPC calls without a sample)
    headers = resp.get("headers")
    body = _parsed(resp)
    if body is None:
        text = _decode(_bytes(resp.get("body")), _header(headers, "content-encoding"))
        if text is None:
            return None
        body = _json(text)
        if not isinstance(body, dict):
            body = _stream_response(text) if "data:" in text else None
    usage_obj = find_usage(body) if isinstance(body, dict) else None
    if usage_obj is None:
        return None
    usage = extract_usage(usage_obj)
    if usage is None:
        return None
    request = _parsed(req)
    if request is None:
        request = _json(_decode(_bytes(req.get("body")), _header(req.get("headers"), "content-encoding")))
    request = request if isinstance(request, dict) else None
    uri = req.get("uri") if isinstance(req.get("uri"), str) else ""
    model = options.model or body.get("model") or body.get("modelVersion") or (request or {}).get("model") \
        or _model_in_uri(uri)
    t = None
    date = _header(headers, "date")
    if isinstance(date, str):
        try:
            t = parsedate_to_datetime(date).timestamp()
        except (TypeError, ValueError, IndexError):
            t = None
    if t is None:
        t = parse_time(body.get("created") or body.get("created_at"))
    host = urlparse(uri).hostname
    rid = body.get("id")
    return Record(usage, model if isinstance(model, str) else None, t, request, path, line,
                  rid if isinstance(rid, str) else None, provider=provider_from_host(host),
                  diagnosis=_diagnosis(body))


def _guard(raw: bytes, yaml, loader_cls) -> None:
    """Nesting and alias limits of the prompt-file YAML (``inputs.MAX_DEPTH``, ``MAX_YAML_ALIASES``)
    checked on the event stream first (the C composer recurses without the interpreter's guard)."""
    from ...inputs import MAX_DEPTH, MAX_YAML_ALIASES

    depth = aliases = 0
    try:
        for ev in yaml.parse(raw, Loader=loader_cls):
            if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ValueError(f"YAML nested more than {MAX_DEPTH} levels deep (line {ev.start_mark.line + 1})")
            elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(ev, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_YAML_ALIASES:
                    raise ValueError(f"more than {MAX_YAML_ALIASES} YAML aliases (line {ev.start_mark.line + 1})")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ValueError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}"
                         + (f" (line {mark.line + 1})" if mark is not None else "")) from None


def _load(path: str):
    """(interactions, their line numbers) of a cassette; ValueError with a line for bad YAML, and for
    YAML beyond the limits of ``inputs`` (nesting, aliases, alias expansion: billion laughs)."""
    import os

    import yaml

    from ...inputs import InputError, _check_shape

    if os.path.getsize(path) > _MAX_BYTES:
        raise ValueError(f"larger than {_MAX_BYTES >> 20} MB: not read as a cassette")
    with open(path, "rb") as f:
        raw = f.read()
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    _guard(raw, yaml, loader_cls)
    loader = loader_cls(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return [], []
        try:
            _check_shape(node)
        except InputError as exc:
            raise ValueError(exc.message + (f" (line {exc.line})" if exc.line else "")) from None
        doc = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ValueError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}"
                         + (f" (line {mark.line + 1})" if mark is not None else "")) from None
    finally:
        loader.dispose()
    if not isinstance(doc, dict) or not isinstance(doc.get("interactions"), list):
        raise ValueError("not a VCR cassette (no 'interactions' list)")
    lines = []
    for k, v in node.value:
        if getattr(k, "value", None) == "interactions" and isinstance(v, yaml.SequenceNode):
            lines = [item.start_mark.line + 1 for item in v.value]
    return doc["interactions"], lines


class VcrCassetteReader:
    name = "vcr"

    def sniff(self, path: str, head: str) -> bool:
        return path.lower().endswith((".yaml", ".yml")) and (
            "interactions:" in head or head.lstrip().startswith(("interactions", "version:")))

    def read(self, path: str, options: ReaderOptions, errors: ReadErrors, progress=None) -> Iterator[Record]:
        try:
            interactions, lines = _load(path)
        except ValueError as exc:
            errors.add(path, None, str(exc))
            return
        except OSError as exc:
            errors.add(path, None, exc.strerror or str(exc))
            return
        for i, inter in enumerate(interactions):
            line = lines[i] if i < len(lines) else 0
            if not isinstance(inter, dict):
                errors.add(path, line, f"interaction {i} is not a mapping")
                continue
            try:
                rec = interaction_record(inter, options, path, line)
            except ValueError as exc:
                errors.add(path, line, f"interaction {i}: {exc}")
                continue
            if rec is not None:
                yield rec
        if progress is not None:
            progress(1, 1)

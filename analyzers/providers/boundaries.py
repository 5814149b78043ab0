"""Candidate cache boundaries of a tokenized prompt, for the breakpoint regimes and DeepSeek units.

* OpenAI Chat/Responses bodies: the end of every message (after its ``<|im_end|>``), flagged
  *eligible* for the implicit breakpoint when it is a user message, the last tool output of a
  consecutive group or the last developer/system message of the initial block; plus every content
  part carrying ``prompt_cache_breakpoint`` (an explicit breakpoint at the end of that part);
* Anthropic bodies: the end of every block (tools, system, message content), with ``cache_control``
  marks as writes (a top-level ``cache_control`` marks the last block: automatic caching);
* Gemini bodies: message ends; plain text and templates: the end of the prompt (one user message).
"""

from __future__ import annotations

import bisect
from typing import Any

from .interface import Boundary, CacheRequest

_SPECIAL_END = "<|im_end|>"
_SPECIAL_SEP = "<|im_sep|>"
_IMAGE = "<|image|>"


def token_at_char(tp, char: int) -> int:
    """Tokens covering the text before character ``char`` (a prefix length)."""
    if not tp.runs:
        return 0
    if char >= len(tp.text):
        return len(tp.tokens)
    starts = [r.char_start for r in tp.runs]
    run = tp.runs[max(0, bisect.bisect_right(starts, char) - 1)]
    if run.special or char == run.char_start:
        return run.token_start
    from ..tokenizer import encode_ordinary
    n = run.token_start + len(encode_ordinary(tp.encoding, tp.text[run.char_start:char]))
    return min(n, run.token_end)


def _message_ends(tp) -> list[tuple[int, int, str]]:
    """(token after the message's ``<|im_end|>``, message index, role part) in order."""
    segs = tp.prompt.segments
    roles: dict[int, str] = {}
    for s in segs:
        if s.message is not None and s.kind != "special" and s.part not in ("", "framing", "tools", "schema"):
            roles.setdefault(s.message, s.part)
    out = []
    for run in tp.runs:
        if not run.special:
            continue
        seg, _ = tp.segment_at(run.char_start)
        if seg.text == _SPECIAL_END and seg.message is not None:
            out.append((run.token_end, seg.message, roles.get(seg.message, "user")))
    return out


def _eligible(ends: list[tuple[int, int, str]]) -> list[bool]:
    roles = [r for _, _, r in ends]
    initial = 0
    while initial < len(roles) and roles[initial] in ("system", "developer"):
        initial += 1
    out = []
    for k, role in enumerate(roles):
        if role == "user":
            out.append(True)
        elif role == "tool":
            out.append(k + 1 >= len(roles) or roles[k + 1] != "tool")
        elif role in ("system", "developer"):
            out.append(k == initial - 1)
        else:
            out.append(False)
    return out


def _text_len(part: Any) -> int:
    if isinstance(part, str):
        return len(part)
    if not isinstance(part, dict):
        return 0
    ptype = part.get("type", "text")
    if ptype in ("text", "input_text", "output_text") and isinstance(part.get("text"), str):
        return len(part["text"])
    if ptype == "refusal" and isinstance(part.get("refusal"), str):
        return len(part["refusal"])
    if ptype in ("image_url", "input_image", "image"):
        return len(_IMAGE)
    return 0


def _openai_messages(body: dict, kind: str) -> list[tuple[int, Any, str]]:
    """(rendered message index, content, label) of every message, as ``framing.py`` numbers them."""
    out = []
    if kind == "chat":
        for i, m in enumerate(body.get("messages") or []):
            if isinstance(m, dict):
                out.append((i, m.get("content"), f"messages[{i}]"))
        return out
    n = 0
    if isinstance(body.get("instructions"), str):
        n = 1
    inp = body.get("input")
    if isinstance(inp, list):
        for i, item in enumerate(inp):
            if not isinstance(item, dict):
                continue
            t = item.get("type", "message")
            if t == "message" or "role" in item:
                out.append((n, item.get("content"), f"input[{i}]"))
                n += 1
            elif t in ("function_call", "function_call_output"):
                n += 1
    return out


def _explicit_openai(tp) -> list[Boundary]:
    body = tp.prompt.body or {}
    segs = tp.prompt.segments
    out: list[Boundary] = []
    for msg, content, label in _openai_messages(body, tp.prompt.kind):
        if not isinstance(content, list):
            continue
        marked = [j for j, part in enumerate(content)
                  if isinstance(part, dict) and isinstance(part.get("prompt_cache_breakpoint"), dict)]
        if not marked:
            continue
        # where the content of message ``msg`` starts: after its first <|im_sep|> (and the prelude)
        k = next((k for k, s in enumerate(segs) if s.message == msg and s.text == _SPECIAL_SEP), None)
        if k is None:
            continue
        k += 1
        while k < len(segs) and segs[k].message == msg and segs[k].part in ("tools", "schema"):
            k += 1
        start = tp._seg_starts[k] if k < len(segs) else len(tp.text)
        lengths = [_text_len(p) for p in content]
        end_k = next((e for e in range(k, len(segs)) if segs[e].message == msg and segs[e].text == _SPECIAL_END),
                     None)
        content_chars = (tp._seg_starts[end_k] if end_k is not None else len(tp.text)) - start
        exact = sum(lengths) == content_chars
        for j in marked:
            char = start + sum(lengths[: j + 1]) if exact else start + content_chars
            out.append(Boundary(token_at_char(tp, char), "explicit", True, True, None,
                                f"{label}.content[{j}]", msg))
    return out


def _anthropic(tp) -> list[Boundary]:
    from ..sources.anthropic import render

    r = render(tp.prompt.body or {})
    out = []
    last = len(r.blocks) - 1
    for k, b in enumerate(r.blocks):
        cc = b.cache_control
        ttl = b.ttl
        if cc is None and k == last and r.automatic is not None:  # automatic caching: the last block
            cc, ttl = r.automatic, str(r.automatic.get("ttl") or "5m")
        out.append(Boundary(token_at_char(tp, b.char_end), "block", True, cc is not None, ttl if cc else None,
                            b.label, b.message))
    return out


def boundaries_for(tp) -> list[Boundary]:
    """Candidate boundaries of a ``TokenizedPrompt`` (see the module docstring)."""
    kind = tp.prompt.kind
    if kind == "anthropic" and isinstance(tp.prompt.body, dict):
        return _anthropic(tp)
    if kind in ("chat", "responses", "gemini"):
        ends = _message_ends(tp)
        flags = _eligible(ends) if kind != "gemini" else [True] * len(ends)
        out = [Boundary(t, "message", e, False, None, "", m) for (t, m, _), e in zip(ends, flags)]
        if kind != "gemini" and isinstance(tp.prompt.body, dict):
            out += _explicit_openai(tp)
        return sorted(out, key=lambda b: (b.token, b.kind))
    return [Boundary(len(tp.tokens), "message", True, False, None, "", None)]


def request_for(tp, at: float | None = None) -> CacheRequest:
    """A ``CacheRequest`` for replaying a tokenized prompt through ``CacheModel.simulate``."""
    body = tp.prompt.body if isinstance(tp.prompt.body, dict) else {}
    opts = body.get("prompt_cache_options") if isinstance(body.get("prompt_cache_options"), dict) else {}
    mode = "explicit" if opts.get("mode") == "explicit" else "implicit"
    return CacheRequest(tp.tokens, boundaries_for(tp), at, tp.name, mode)

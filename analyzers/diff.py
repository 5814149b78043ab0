"""Why did B miss the cache that A warmed?  First token divergence of two prompts, classified.

``kind`` says what the two prompts differ in, as a whole:

* ``identical`` - same tokens;
* ``key-order`` - the request bodies are equal once the keys of every object, including JSON held in
  strings (``tool_calls[].function.arguments``, schemas pasted as text), are sorted;
* ``tool-order`` - the request bodies are equal once the ``tools`` lists are sorted by tool name (and keys
  sorted as for ``key-order``): the same tools, listed in another order;
* ``whitespace`` - the texts are equal after normalising line endings (CRLF/CR), tabs, runs of spaces and
  trailing spaces;
* ``unicode`` - equal after NFC normalisation, NBSP-like spaces to plain spaces and zero-width characters
  removed (and the whitespace normalisation);
* ``text`` - anything else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .inputs import try_json
from .model import Location, Prompt
from .prefix import lcp
from .textutil import visible
from .tokenizer import (DEFAULT_MODEL, TokenizedPrompt, load_encoding, resolve_body_model, resolve_model,
                        tokenize_prompts)

EXCERPT_TOKENS = 12
EXCERPT_CHARS = 40


@dataclass(frozen=True)
class Side:
    name: str
    location: Location
    token: int
    text: str  # excerpt from the divergence point, invisible characters made visible
    tokens: int


@dataclass(frozen=True)
class DiffResult:
    model: str
    encoding: str
    shared_prefix_tokens: int
    cached_tokens: int
    kind: str  # text | whitespace | unicode | key-order | tool-order | identical
    a: Side
    b: Side
    minimum: int
    routing_window: int
    estimate: bool = False


# ------------------------------------------------------------------ normalisers


_WS_RUN = re.compile(r"[ \t]+")
_TRAILING = re.compile(r"[ \t]+(?=\n|\Z)")
_NBSP = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"), " ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalize_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING.sub("", text)
    text = _WS_RUN.sub(" ", text)
    return text.rstrip("\n")


def normalize_unicode(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_NBSP).translate(_ZERO_WIDTH)


def canonical_json(value: Any) -> Any:
    """``value`` with object keys sorted everywhere, JSON text inside strings parsed and sorted too."""
    if isinstance(value, dict):
        return {k: canonical_json(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [canonical_json(v) for v in value]
    if isinstance(value, str):
        s = value.strip()
        if s[:1] in "{[" and s[-1:] in "}]":
            parsed = try_json(s)
            return value if parsed is None else {"\x00json": canonical_json(parsed)}
    return value


def _body(prompt: Prompt) -> Any:
    if prompt.body is not None:
        return prompt.body
    s = prompt.text.strip()
    if s[:1] in "{[":
        return try_json(s)
    return None


def classify(a: TokenizedPrompt, b: TokenizedPrompt) -> str:
    if a.tokens == b.tokens:
        return "identical"
    ba, bb = _body(a.prompt), _body(b.prompt)
    if ba is not None and bb is not None:
        ca, cb = canonical_json(ba), canonical_json(bb)
        if ca == cb:
            return "key-order"
        if _tools_sorted(ca) == _tools_sorted(cb):
            return "tool-order"
    ta, tb = a.text, b.text
    if normalize_whitespace(ta) == normalize_whitespace(tb):
        return "whitespace"
    if normalize_unicode(ta) == normalize_unicode(tb) or \
            normalize_whitespace(normalize_unicode(ta)) == normalize_whitespace(normalize_unicode(tb)):
        return "unicode"
    return "text"


def _tool_name(tool: Any) -> str:
    if isinstance(tool, dict):
        fn = tool.get("function") if isinstance(tool.get("function"), dict) else tool
        name = fn.get("name")
        if isinstance(name, str):
            return name
    return repr(tool)  # canonical_json already sorted its keys


def _tools_sorted(body: Any) -> Any:
    """A canonical body with its ``tools`` list sorted by tool name (bodies without tools unchanged)."""
    if not isinstance(body, dict) or not isinstance(body.get("tools"), list):
        return body
    return {**body, "tools": sorted(body["tools"], key=_tool_name)}


# ------------------------------------------------------------------ diff


def _keys(tp: TokenizedPrompt) -> bytes:
    import sys

    if sys.byteorder == "little":
        return tp.tokens.tobytes()
    from array import array

    arr = array("I", tp.tokens)
    arr.byteswap()
    return arr.tobytes()


def _side(tp: TokenizedPrompt, token: int) -> Side:
    text = visible(tp.token_text(token, EXCERPT_TOKENS), EXCERPT_CHARS) if token < len(tp) else ""
    return Side(tp.name, tp.location(token), token, text, len(tp))


def diff_tokenized(a: TokenizedPrompt, b: TokenizedPrompt, cache, model: str) -> DiffResult:
    shared = lcp(_keys(a), _keys(b))
    return DiffResult(
        model=model,
        encoding=a.encoding.name,
        shared_prefix_tokens=shared,
        cached_tokens=cache.cacheable(min(shared, len(b))),
        kind=classify(a, b),
        a=_side(a, shared),
        b=_side(b, shared),
        minimum=cache.minimum,
        routing_window=cache.routing_window,
        estimate=a.prompt.estimate or b.prompt.estimate,
    )


def diff(a: Prompt, b: Prompt, model: str | None = None) -> DiffResult:
    """Compare ``b`` with ``a`` as the model sees them (one encoding: ``model``, else A's or B's own
    model, else the default)."""
    from .providers.registry import cache_model_for

    chosen = model or a.model or b.model or DEFAULT_MODEL
    enc = load_encoding((resolve_model(chosen) if model else resolve_body_model(chosen)).encoding)
    ta, tb = tokenize_prompts([a, b], enc)
    return diff_tokenized(ta, tb, cache_model_for(chosen), chosen)

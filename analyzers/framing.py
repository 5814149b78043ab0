"""Render an OpenAI request body into the segments the model sees, in the order the API puts them.

Chat Completions and Responses bodies become one token stream:

* tool definitions (the TypeScript-like ``namespace functions { ... }`` block of openai/harmony's
  renderer, also reverse-engineered in hmarr/openai-chat-tokens) and the structured-output schema
  (compact JSON) come first, as a prefix of the first system message (a system message is added when the
  request has none);
* every message is ``<|im_start|>`` role[``:name``] ``<|im_sep|>`` content ``<|im_end|>``; a function
  call is its own assistant message addressed ``to=functions.NAME``; an image is one special segment
  standing for its tokens (``analyzers/images.py``);
* the reply priming ``<|im_start|>assistant<|im_sep|>`` closes the prompt.  Reasoning models speak the
  harmony format: their priming stops before ``<|im_sep|>`` (the model writes its channel first) and an
  earlier assistant turn carries ``<|channel|>final``.

With one token per framing special this reproduces the OpenAI cookbook count (3 per message + tokens of
role and content, + 3), exact for plain requests on real traffic (``benchmarks/fidelity.py``,
``tests/test_fidelity_recorded.py``).  What the request does not fully determine (tools, schemas,
built-in tools, encrypted reasoning, images by URL...) is marked as an estimate, with its reason.

Key order in the body never matters: the rendering walks the body by key names, never by JSON order.
"""

from __future__ import annotations

import copy
import json
import marshal
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

from .images import ImageCount, count_image
from .model import Segment

IMAGE = "<|image|>"

# ``locate(path)`` -> (line, column) of the JSON value at ``path`` (a tuple of keys/indexes), or None.
Locator = Callable[[tuple], "tuple[int, int] | None"]

# Models whose message framing was checked against recorded usage (benchmarks/fidelity.py); others reuse it.
_VERIFIED_PREFIXES = ("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4-", "gpt-4", "gpt-3.5", "gpt-35")
_REASONING_PREFIXES = ("o1", "o3", "o4", "gpt-5")
_PREHARMONY_PREFIXES = ("o1-mini", "o1-preview")

# Texts around tools and schemas in the system message: openai/harmony's ``# Tools`` / ``## functions``
# and ``# Response Formats`` / ``## NAME`` sections, checked against recorded usage
# (benchmarks/fidelity.py).  They are estimates, rendered as text so that a change of any tool shows
# where it happens.
TOOLS_HEADER = "# Tools\n\n## functions\n\n"
CALL_PREFIX = "functions."
SCHEMA_HEADER = "# Response Formats\n\n## {name}\n\n"
SCHEMA_HEADER_BARE = "## {name}\n\n"
SECTION_SEP = "\n\n"

PARTS = ("tools", "schema", "system", "developer", "user", "assistant", "tool", "framing")


def _no_location(path: tuple) -> None:
    return None


def _bare_model(model: Any) -> str:
    if not isinstance(model, str):
        return ""
    bare = model.split("/")[-1]
    return bare[3:] if bare.startswith("ft:") else bare


def is_reasoning_model(model: Any) -> bool:
    """o1, o3*, o4*, gpt-5* (and later): models that reason in the harmony format before replying.
    The first previews (o1-mini, o1-preview: no developer messages, no reasoning effort) predate it
    and are framed like gpt-4o."""
    bare = _bare_model(model)
    return bare.startswith(_REASONING_PREFIXES) and not bare.startswith(_PREHARMONY_PREFIXES)


@dataclass
class Rendered:
    segments: list[Segment]
    kind: str  # "chat" | "responses"
    estimate: bool = False
    notes: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why the count is an estimate (``tools``...)
    # (index in ``segments``, MessageChunk) of every message rendered through the message memo (bodies
    # rendered without a locator or expander), in order: what a tokenizer may take whole
    chunks: list[tuple[int, "MessageChunk"]] = field(default_factory=list)


# ``expand(text, path, (line, column), part, message)`` -> segments for a string content (templates),
# or None to keep it as static text.
Expander = Callable[[str, tuple, "tuple[int, int]", str, "int | None"], "list[Segment] | None"]


# Special segments by (token, location, message, part): a few dozen distinct ones recur in every
# request, and a frozen Segment costs more to build than to look up (shared: it is immutable).
_SPECIALS: dict[tuple, Segment] = {}


class _Builder:
    def __init__(self, locate: Locator, default: tuple[int, int], expand: Expander | None = None,
                 model: Any = None):
        self.expand = expand
        # Reasoning models speak the harmony format: the reply is primed without the header's end (the
        # model writes its channel first) and earlier assistant turns carry their ``final`` channel.
        self.harmony = is_reasoning_model(model)
        self.model = model if isinstance(model, str) else None
        self.locate = locate
        self.default = default
        self.segments: list[Segment] = []
        self.notes: list[str] = []
        self.reasons: list[str] = []
        self.estimate = False
        self.tools_header = True  # ``# Tools`` / ``## functions`` before the namespace (Chat only)
        # Segments that depend on nothing but the body (no locations, no template expansion): messages
        # can come from the message memo.
        self.memoizable = locate is _no_location and expand is None
        self.chunks: list[tuple[int, MessageChunk]] = []
        self.log: list | None = None  # while a message renders for the memo: its reason/note calls

    def reason(self, reason: str, note: str | None = None) -> None:
        """The count is an estimate for ``reason`` (a short stable word shown to the user)."""
        if self.log is not None:
            self.log.append((reason, note))
        self.estimate = True
        if reason not in self.reasons:
            self.reasons.append(reason)
        if note and note not in self.notes:
            self.notes.append(note)

    def where(self, path: tuple, fallback: tuple | None = None) -> tuple[int, int]:
        loc = self.locate(path)
        if loc is None and fallback is not None:
            loc = self.locate(fallback)
        return loc or self.default

    def special(self, name: str, at: tuple[int, int], message: int | None, part: str = "framing") -> None:
        if at.__class__ is not tuple:  # (a locator's own position type: not a cache key)
            self.segments.append(Segment(name, "special", at[0], at[1], False, part=part, message=message))
            return
        key = (name, at, message, part)
        seg = _SPECIALS.get(key)
        if seg is None:
            if len(_SPECIALS) >= 4096:
                _SPECIALS.clear()
            seg = _SPECIALS[key] = Segment(name, "special", at[0], at[1], False, part=part, message=message)
        self.segments.append(seg)

    def text(self, text: str, at: tuple[int, int], part: str, message: int | None) -> None:
        if text:
            self.segments.append(Segment(text, "static", at[0], at[1], False, part=part, message=message))

    def note(self, text: str) -> None:
        if self.log is not None:
            self.log.append((None, text))
        if text not in self.notes:
            self.notes.append(text)

    def replay(self, chunk: "MessageChunk") -> None:
        """A memoised message: its segments and the reasons/notes its rendering gave."""
        self.chunks.append((len(self.segments), chunk))
        self.segments.extend(chunk.segments)
        for reason, note in chunk.log:
            if reason is None:
                self.note(note)
            else:
                self.reason(reason, note)


# ---------------------------------------------------------------- message memo


class MessageChunk:
    """The segments one message renders to, shared by every request that carries the same message at
    the same place (see ``_message_key``): rendered once, and tokenized once per encoding
    (``tokens``, filled by the tokenizer).  ``sealed``: it starts and ends with a special token, so
    no text run crosses its ends and its tokens are those of the whole request at its place (special
    tokens never merge with their neighbours); only a sealed chunk's tokens may be reused."""

    __slots__ = ("segments", "log", "tokens", "sealed", "size")

    def __init__(self, segments: tuple[Segment, ...], log: tuple, size: int):
        self.segments = segments
        self.log = log  # (reason or None, note) calls made while rendering it
        self.tokens: dict[str, object] = {}  # encoding name -> array('I') of the chunk's tokens
        self.sealed = not segments or (segments[0].kind == "special" and segments[-1].kind == "special")
        self.size = size


class MessageMemo:
    """Bounded LRU of rendered messages (by entries and by characters held), so memory stays flat
    however long the log is."""

    def __init__(self, max_entries: int = 2048, max_chars: int = 4 << 20):
        self.max_entries, self.max_chars = max_entries, max_chars
        self.entries: OrderedDict[tuple, MessageChunk] = OrderedDict()
        self.chars = 0
        self.hits = self.misses = 0

    def get(self, key: tuple) -> MessageChunk | None:
        chunk = self.entries.get(key)
        if chunk is not None:
            self.entries.move_to_end(key)
            self.hits += 1
        else:
            self.misses += 1
        return chunk

    def put(self, key: tuple, chunk: MessageChunk) -> None:
        if chunk.size > self.max_chars // 4:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.chars -= old.size
        self.entries[key] = chunk
        self.chars += chunk.size
        while len(self.entries) > self.max_entries or self.chars > self.max_chars:
            _, gone = self.entries.popitem(last=False)
            self.chars -= gone.size

    def clear(self) -> None:
        self.entries.clear()
        self.chars = 0


MESSAGES = MessageMemo()


_FUNCTION_KEYS: dict[tuple, tuple] = {}  # ids of function definitions -> (them, a copy, their marshal bytes)


def _functions_key(functions: list[dict]) -> bytes:
    """``marshal.dumps(functions, 2)``, once per distinct list of definition objects: a log's requests share
    their tool definitions (``_shared_tools`` in the audit), and marshalling them again for every request's
    first message cost as much as rendering it.  The entry holds the objects, so their ids are not reused;
    the copy catches one changed in place, as ``_memo_functions`` does."""
    key = tuple(map(id, functions))
    hit = _FUNCTION_KEYS.get(key)
    if hit is not None and hit[1] == functions:
        return hit[2]
    raw = marshal.dumps(functions, 2)
    if len(_FUNCTION_KEYS) >= _DEFINITIONS_MAX:
        _FUNCTION_KEYS.clear()
    _FUNCTION_KEYS[key] = (list(functions), copy.deepcopy(functions), raw)
    return raw


def _text_items(m: dict) -> tuple | None:
    """The items of a message whose keys and values are all ``str`` (``{"role", "content"}``, most of a
    log), else None.  Tuples of exact strings are equal exactly when the texts are, as marshal's bytes
    are, without copying the texts: their hashes are kept by the strings, which the audit's volatile-span
    memo hashes again."""
    items = tuple(m.items())
    for k, v in items:
        if k.__class__ is not str or v.__class__ is not str:
            return None
    return items


def _key_size(raw) -> int:
    return len(raw) if raw.__class__ is bytes else sum(len(k) + len(v) for k, v in raw)


def _message_key(b: _Builder, m: dict, i: int, name: str | None, parallel: bool, prelude) -> tuple | None:
    """Everything one message's segments depend on: the message itself (``marshal`` tells JSON values
    apart as ``json.dumps`` does: 1, 1.0 and true differ), its index (the segments carry it), the
    author name resolved from earlier tool calls, whether it answers a parallel call, the tools/schema
    prelude it carries (first system message), the model (harmony framing, image token tables) and
    the default location.  None: not memoisable (a value marshal cannot write)."""
    try:
        raw = _text_items(m)
        if raw is None:
            # version 2: no back-references, whose use depends on reference counts (equal values, equal bytes)
            raw = marshal.dumps(m, 2)
        if prelude is not None:  # (tools header, function definitions, schema (name, JSON text))
            prelude = (prelude[0], _functions_key(prelude[1]), prelude[2])
    except (ValueError, TypeError):
        return None
    return (raw, i, name, parallel, prelude, b.model, b.default)


# ---------------------------------------------------------------- tools as TypeScript


def _resolve(schema: Any, defs: dict) -> Any:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        ref = schema["$ref"].rsplit("/", 1)[-1]
        target = defs.get(ref)
        if isinstance(target, dict):
            merged = {k: v for k, v in schema.items() if k != "$ref"}
            return {**target, **merged}
    return schema


def _literal(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else json.dumps(value)


def _default_comment(value: Any, schema: dict) -> str:
    if isinstance(value, str):
        return f"default: {value}" if schema.get("enum") else f'default: "{value}"'
    return f"default: {json.dumps(value)}"


def _ts_type(schema: Any, indent: str, defs: dict, depth: int = 0) -> str:
    """A JSON schema as a TypeScript-like type, after openai/harmony's ``json_schema_to_typescript``
    (extended with ``anyOf``, ``$ref``, ``const`` and untyped enums, which it leaves as ``any``)."""
    schema = _resolve(schema, defs)
    if not isinstance(schema, dict) or depth > 20:
        return "any"
    for union in ("oneOf", "anyOf"):
        if isinstance(schema.get(union), list) and schema[union]:
            return " | ".join(_ts_type(s, indent, defs, depth + 1) for s in schema[union])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join("number" if k == "integer" else str(k) for k in kind)
    if kind is None:
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return " | ".join(_literal(v) for v in schema["enum"])
        if "const" in schema:
            return _literal(schema["const"])
        if "properties" in schema:
            kind = "object"
    if kind == "object":
        out = []
        desc = schema.get("description")
        if isinstance(desc, str) and desc:  # harmony: at every depth, the top-level object included
            out.append(f"{indent}// {desc}\n")
        out.append("{\n")
        required = schema.get("required") or []
        props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        for key, val in props.items():
            val = _resolve(val, defs)
            if not isinstance(val, dict):
                val = {}
            if isinstance(val.get("title"), str):
                # harmony writes ``// title`` then an empty ``//`` line (src/encoding.rs).  FITTED: on
                # recorded usage the empty line is there only when a description follows (256 dev and 64
                # crewAI/pydantic-ai requests change; harmony's form puts 51 of the dev ones out of 3 %).
                sep = f"{indent}//\n" if isinstance(val.get("description"), str) else ""
                out.append(f"{indent}// {val['title']}\n{sep}")
            if isinstance(val.get("description"), str):
                out.append(f"{indent}// {val['description']}\n")
            examples = val.get("examples")
            if isinstance(examples, list) and examples:
                out.append(f"{indent}// Examples:\n")
                out.extend(f'{indent}// - "{ex}"\n' for ex in examples if isinstance(ex, str))
            opt = "" if key in required else "?"
            line = f"{indent}{key}{opt}: {_ts_type(val, indent + '    ', defs, depth + 1)},"
            if "default" in val:
                line += " // " + _default_comment(val["default"], val)
            out.append(line + "\n")
        out.append(f"{indent}}}")
        return "".join(out)
    if kind == "string":
        enum = [v for v in schema.get("enum") or [] if isinstance(v, str)]
        return " | ".join(f'"{v}"' for v in enum) if enum else "string"
    if kind in ("number", "integer"):
        return "number"
    if kind == "boolean":
        return "boolean"
    if kind == "null":
        return "null"
    if kind == "array":
        items = schema.get("items")
        return f"{_ts_type(items, indent, defs, depth + 1)}[]" if isinstance(items, dict) else "Array<any>"
    return "any"


# Requests of a corpus repeat the same tools (the JSONL source shares one tools object between
# them): renderings are cached by the identity of the function dicts, kept alive by the entry and
# checked against a copy of their content (a C-speed deep ``==``), so a changed dict renders anew.
_DEFINITIONS: dict[tuple, tuple[list, Any, str]] = {}
_DEFINITIONS_MAX = 256


def function_definitions(functions: list[dict]) -> str:
    """The ``namespace functions { ... } // namespace functions`` block for function tools.

    ``functions`` are ``{"name", "description", "parameters"}`` dicts (the ``function`` object of a
    Chat Completions tool, a flat Responses tool, or a legacy ``functions`` entry)."""
    return _memo_functions("definitions", functions, _function_definitions)


def _tools_text(functions: list[dict]) -> str:
    """The tools section of the system message (one string object per distinct tools)."""
    return _memo_functions("section", functions,
                           lambda fs: TOOLS_HEADER + _function_definitions(fs))


def _memo_functions(kind: str, functions: list[dict], render: Callable[[list[dict]], str]) -> str:
    key = (kind, *map(id, functions))
    hit = _DEFINITIONS.get(key)
    if hit is not None and hit[1] == functions:
        return hit[2]
    text = render(functions)
    try:
        snapshot = copy.deepcopy(functions)
    except Exception:  # pragma: no cover - not copyable: not cached
        return text
    if len(_DEFINITIONS) >= _DEFINITIONS_MAX:
        _DEFINITIONS.clear()
    _DEFINITIONS[key] = (list(functions), snapshot, text)
    return text


def _function_definitions(functions: list[dict]) -> str:
    lines = ["namespace functions {", ""]
    for f in functions:
        desc = f.get("description")
        if isinstance(desc, str) and desc:
            # harmony prefixes every line of a description with ``// ``.  FITTED: on recorded usage
            # only the first is (11 dev and 35 crewAI/pydantic-ai requests change; per-line prefixes
            # put 10 of the dev ones out of 3 %, ~1 token a line).
            lines.append(f"// {desc}")
        params = f.get("parameters") if isinstance(f.get("parameters"), dict) else None
        if params is not None and params.get("properties"):
            defs = {**(params.get("definitions") or {}), **(params.get("$defs") or {})}
            lines.append(f"type {f.get('name', '')} = (_: {_ts_type(params, '', defs)}) => any;")
        else:
            lines.append(f"type {f.get('name', '')} = () => any;")
        lines.append("")
    lines.append("} // namespace functions")
    return "\n".join(lines)


def _function_tools(tools: Any, b: _Builder, responses: bool) -> list[dict]:
    """Function definitions from ``tools``; other tool types are noted (their rendering is unknown)."""
    out: list[dict] = []
    if not isinstance(tools, list):
        return out
    for t in tools:
        if not isinstance(t, dict):
            continue
        if t.get("type", "function") == "function":
            fn = t.get("function") if isinstance(t.get("function"), dict) else (t if responses or "name" in t else None)
            if fn:
                out.append(fn)
        else:
            b.reason("built-in-tool", f"built-in tool {t.get('type')!r} is not rendered: its prompt text "
                                      "is not public")
    return out


# Keys of a response-format schema that are not rendered: ``required`` and ``additionalProperties``
# (mandatory and so redundant in a strict schema) and the ``$schema`` dialect marker.  Source: a public
# measurement against API usage, not an OpenAI document (openai/openai-cookbook issue #2140: "JSON of
# the schema without required, additionalProperties and $schema, + 9"); titles and descriptions stay.
SCHEMA_UNRENDERED = ("required", "additionalProperties", "$schema")
# Maps whose keys are names chosen by the user (a property called ``required`` is kept).
_NAME_MAPS = ("properties", "$defs", "definitions", "patternProperties")


def _rendered_schema(schema: Any) -> Any:
    """The schema as the model sees it in ``# Response Formats`` (see ``SCHEMA_UNRENDERED``)."""
    if isinstance(schema, list):
        return [_rendered_schema(v) for v in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key in SCHEMA_UNRENDERED:
            continue
        if key in _NAME_MAPS and isinstance(value, dict):
            out[key] = {k: _rendered_schema(v) for k, v in value.items()}
        else:
            out[key] = _rendered_schema(value)
    return out


def _schema_text(fmt: Any) -> tuple[str, str] | None:
    """(name, compact JSON) of a ``json_schema`` response format (Chat ``response_format`` or
    Responses ``text.format``), without the keys in ``SCHEMA_UNRENDERED``."""
    if not isinstance(fmt, dict) or fmt.get("type") != "json_schema":
        return None
    inner = fmt.get("json_schema") if isinstance(fmt.get("json_schema"), dict) else fmt
    schema = inner.get("schema")
    if schema is None:
        return None
    text = json.dumps(_rendered_schema(schema), separators=(",", ":"), ensure_ascii=False)
    desc = inner.get("description")
    if isinstance(desc, str) and desc:  # harmony: ``## NAME`` then ``// description`` above the schema
        text = f"// {desc}\n{text}"
    return str(inner.get("name", "")), text


# ---------------------------------------------------------------- messages


def _content_text(content: Any, b: _Builder, base: tuple) -> list[tuple[Any, tuple]]:
    """Text pieces of a message content with the JSON path of each (for locations)."""
    if content is None:
        return []
    if isinstance(content, str):
        return [(content, base)]
    if isinstance(content, list):
        out: list[tuple[str, tuple]] = []
        for i, part in enumerate(content):
            if isinstance(part, str):
                out.append((part, (*base, i)))
                continue
            if not isinstance(part, dict):
                continue
            ptype = part.get("type", "text")
            if ptype in ("text", "input_text", "output_text") and isinstance(part.get("text"), str):
                out.append((part["text"], (*base, i, "text")))
            elif ptype in ("refusal",) and isinstance(part.get("refusal"), str):
                out.append((part["refusal"], (*base, i, "refusal")))
            elif ptype in ("image_url", "input_image", "image"):
                out.append((_image(b, part), (*base, i)))
            elif ptype in ("input_audio", "audio", "input_file", "file"):
                b.reason("unknown-content", f"content part {ptype!r} is not counted (its tokens are not "
                                            "published)")
            else:
                b.reason("unknown-content", f"content part {ptype!r} is not counted")
        return out
    return [(json.dumps(content, ensure_ascii=False), base)]


def _image(b: _Builder, part: dict) -> ImageCount:
    """The token count of an ``image_url`` / ``input_image`` part (Chat nests ``{url, detail}``)."""
    ref = part.get("image_url")
    detail = part.get("detail")
    if isinstance(ref, dict):
        detail = ref.get("detail", detail)
        ref = ref.get("url")
    if not isinstance(ref, str):
        ref = part.get("file_id") if isinstance(part.get("file_id"), str) else None
        if ref is not None:
            ref = "file:" + ref
    count = count_image(b.model, ref, detail if isinstance(detail, str) else None)
    if not count.known_size:
        b.reason("image-url-without-size", "an image given by URL or file id has no known size: counted "
                                           "as the smallest image its detail allows")
    elif not count.verified:
        b.reason("image-formula", f"image tokens of {b.model} follow the published table (not checked "
                                  "against recorded usage)")
    return count


def _emit_content(b: _Builder, pieces: list[tuple[Any, tuple]], part: str, message: int,
                  fallback: tuple[int, int]) -> None:
    for text, path in pieces:
        if isinstance(text, ImageCount):
            at = b.where(path) if b.locate(path) else fallback
            b.segments.append(Segment(IMAGE, "special", at[0], at[1], False, name="image:" + text.identity,
                                      part=part, message=message, tokens=text.tokens))
        else:
            loc = b.locate(path) or fallback
            expanded = b.expand(text, path, loc, part, message) if b.expand else None
            if expanded is not None:
                b.segments.extend(expanded)
            else:
                b.text(text, loc, part, message)


def _open(b: _Builder, role: str, at: tuple[int, int], message: int | None, name: str | None = None,
          name_at: tuple[int, int] | None = None, part: str | None = None, channel: str | None = None) -> None:
    b.special("<|im_start|>", at, message)
    b.text(role, at, part or "framing", message)
    if name:  # the author's name follows the role as ``role:name`` (harmony's header)
        b.text(":" + name, name_at or at, part or "framing", message)
    if channel:
        b.special("<|channel|>", at, message)
        b.text(channel, at, part or "framing", message)
    b.special("<|im_sep|>", at, message)


def _calls_of(m: dict, path: tuple) -> tuple[list, tuple]:
    if isinstance(m.get("tool_calls"), list) and m["tool_calls"]:
        return m["tool_calls"], (*path, "tool_calls")
    if isinstance(m.get("function_call"), dict):
        return [m["function_call"]], (*path, "function_call")
    return [], path


def _call_messages(b: _Builder, calls: list, base: tuple, message: int, at: tuple[int, int]) -> None:
    """Each function call as its own assistant message addressed to the function, the way harmony
    writes a call (``assistant to=functions.NAME``), then the arguments verbatim.  FITTED: harmony's
    history calls carry `` <|constrain|>json``; on recorded usage they do not (3 tokens a call; 168 dev
    and 88 crewAI requests change, 20 dev ones out of 3 % with it), unlike a forced call's priming."""
    b.reason("tools")
    for j, call in enumerate(calls):
        if not isinstance(call, dict):
            continue
        fn = call.get("function") if isinstance(call.get("function"), dict) else call
        name = fn.get("name") if isinstance(fn.get("name"), str) else ""
        args = fn.get("arguments")
        if not isinstance(args, str):
            args = json.dumps(args, ensure_ascii=False) if args is not None else ""
        path = (*base, j, "function") if "function" in call else (*base, j)
        name_at = b.where((*path, "name"), base)
        b.special("<|im_start|>", name_at, message, "assistant")
        b.text(f"assistant to={CALL_PREFIX}{name}", name_at, "assistant", message)
        b.special("<|im_sep|>", name_at, message, "assistant")
        b.text(args, b.where((*path, "arguments"), base), "assistant", message)
        b.special("<|im_end|>", name_at, message, "assistant")


def _prelude(b: _Builder, functions: list[dict], schema: tuple[str, str] | None,
             tools_path: tuple, schema_path: tuple, trail: str = "") -> None:
    """The tools and response-format sections, in harmony's order (``# Tools`` then ``# Response
    Formats``), separated by a blank line (``trail`` after the last)."""
    if functions:
        b.reason("tools")
        text = _tools_text(functions) if b.tools_header else function_definitions(functions)
        b.text(text + (SECTION_SEP if schema else trail), b.where(tools_path), "tools", 0)
    if schema:
        b.reason("tools")
        name, text = schema
        header = SCHEMA_HEADER if b.tools_header or functions else SCHEMA_HEADER_BARE
        b.text(header.format(name=name) + text + trail, b.where(schema_path), "schema", 0)


def _model_notes(b: _Builder, model: Any) -> None:
    if not isinstance(model, str):
        return
    bare = model.split("/")[-1]
    if bare.startswith("ft:"):
        bare = bare[3:]
    if not bare.startswith(_VERIFIED_PREFIXES + _REASONING_PREFIXES):
        b.reason("framing", f"message framing of {model} was not checked against recorded usage; "
                            "reusing the gpt-4o counts")


def render_chat(body: dict, locate: Locator | None = None, default: tuple[int, int] = (1, 1),
                expand: Expander | None = None) -> Rendered:
    """Segments of a Chat Completions body (``messages``, ``tools``/``functions``, ``response_format``)."""
    b = _Builder(locate or _no_location, default, expand, body.get("model"))
    _model_notes(b, body.get("model"))
    messages = body.get("messages") if isinstance(body.get("messages"), list) else []
    functions = _function_tools(body.get("tools"), b, responses=False)
    if isinstance(body.get("functions"), list):
        functions += [f for f in body["functions"] if isinstance(f, dict)]
    if functions and _bare_model(body.get("model")).startswith("gpt-5"):
        b.reason("tools", "gpt-5 models on Chat Completions add hidden instructions when function tools are "
                          "sent (about 80 tokens on recorded traffic): not rendered, the count is low")
    schema = _schema_text(body.get("response_format"))
    msgs = [(i, m, ("messages", i)) for i, m in enumerate(messages) if isinstance(m, dict)]
    choice = body.get("tool_choice") if "tool_choice" in body else body.get("function_call")
    _render_messages(b, msgs, functions, schema, ("tools",), ("response_format",), choice)
    return Rendered(b.segments, "chat", b.estimate, b.notes, b.reasons, b.chunks)


def forced_function(tool_choice: Any) -> str | None:
    """The function a ``tool_choice`` (Chat ``{"type": "function", "function": {"name"}}``, Responses
    ``{"type": "function", "name"}``, legacy ``function_call: {"name"}``) forces, else None."""
    if not isinstance(tool_choice, dict):
        return None
    if tool_choice.get("type", "function") != "function":
        return None
    fn = tool_choice.get("function") if isinstance(tool_choice.get("function"), dict) else tool_choice
    name = fn.get("name")
    return name if isinstance(name, str) and name else None


def _render_messages(b: _Builder, msgs: list[tuple[int, dict, tuple]], functions: list[dict],
                     schema: tuple[str, str] | None, tools_path: tuple, schema_path: tuple,
                     tool_choice: Any = None) -> None:
    has_prelude = bool(functions or schema)
    first_system = bool(msgs) and msgs[0][1].get("role") in ("system", "developer")
    if has_prelude and not first_system:  # the sections get a system message of their own
        at = b.where(tools_path if functions else schema_path)
        _open(b, "system", at, 0)
        _prelude(b, functions, schema, tools_path, schema_path)
        b.special("<|im_end|>", at, 0)
    call_names: dict[str, str] = {}
    parallel_ids: set[str] = set()  # ids of calls made two or more in one Chat assistant message
    memo = MESSAGES if b.memoizable else None
    for n, (i, m, path) in enumerate(msgs):
        role = m.get("role") if isinstance(m.get("role"), str) else "user"
        name = m.get("name") if isinstance(m.get("name"), str) and m.get("name") else None
        if role == "assistant":
            for call in m.get("tool_calls") or []:
                if isinstance(call, dict):
                    fn = call.get("function") if isinstance(call.get("function"), dict) else call
                    cid = call.get("call_id") or call.get("id")  # Responses items have both
                    if isinstance(cid, str) and isinstance(fn.get("name"), str):
                        call_names[cid] = fn["name"]
                        if len(m["tool_calls"]) > 1:
                            parallel_ids.add(cid)
        if role == "tool" and not name:
            # The API names a tool result after the function it answers (found by tool_call_id).
            name = call_names.get(m.get("tool_call_id") or m.get("call_id") or "")
        # FITTED (observed, not documented): the result of a call made in parallel with others in one
        # Chat turn counts as a JSON string literal (see ``_message``).
        parallel = role == "tool" and isinstance(m.get("content"), str) and m.get("tool_call_id") in parallel_ids
        prelude = (functions, schema, tools_path, schema_path) if n == 0 and first_system and has_prelude \
            else None
        key = None
        if memo is not None:
            key = _message_key(b, m, i, name, parallel, None if prelude is None else (b.tools_header, functions, schema))
            if key is not None:
                chunk = memo.get(key)
                if chunk is not None:
                    b.replay(chunk)
                    continue
        if key is None:
            _message(b, i, m, path, role, name, parallel, prelude)
            continue
        start = len(b.segments)
        b.log = []
        try:
            _message(b, i, m, path, role, name, parallel, prelude)
            log = tuple(b.log)
        finally:
            b.log = None
        segs = tuple(b.segments[start:])
        chunk = MessageChunk(segs, log, _key_size(key[0]) + sum(len(s.text) for s in segs))
        memo.put(key, chunk)
        b.chunks.append((start, chunk))
    _priming(b, functions, tool_choice)


def _message(b: _Builder, i: int, m: dict, path: tuple, role: str, name: str | None, parallel: bool,
             prelude: tuple | None) -> None:
    """The segments of one message (``_render_messages`` resolves ``name`` and ``parallel`` from the
    messages before it; ``prelude``: the tools/schema sections this first system message carries)."""
    part = role if role in PARTS else "user"
    at = b.where((*path, "role"), path)
    channel = "final" if b.harmony and role == "assistant" else None
    calls, calls_path = _calls_of(m, path) if role == "assistant" else ([], path)
    content = m.get("content")
    if calls and (content is None or content == "" or content == []):
        _call_messages(b, calls, calls_path, i, at)
        return
    if role == "tool" and name:
        # harmony writes a tool result's header as its author alone, the function's name in its
        # namespace (``<|start|>functions.NAME``; openai/harmony src/encoding.rs, "for tools we only
        # put the name"), not ``tool:NAME``.
        _open(b, CALL_PREFIX + name, at, i, None, None, part, channel)
    else:
        _open(b, role, at, i, name, b.where((*path, "name"), path), part, channel)
    if prelude is not None:
        # The sections are a prefix of the system message (OpenAI: "the structured-output schema
        # serves as a prefix to the system message"), a blank line before its text.
        _prelude(b, *prelude, trail=SECTION_SEP)
    content_at = b.where((*path, "content"), path)
    pieces = _content_text(content, b, (*path, "content"))
    if parallel:
        # FITTED (observed, not documented): the result of a call made in parallel with others in
        # one Chat turn counts as a JSON string literal (quoted, newlines and quotes escaped); a
        # single call's result counts as raw text.  15 dev and 11 crewAI requests change (22 within
        # 3 % with it, 6 without; a crewAI one with three 20k-token results is 4,382 tokens under
        # without it, 509 with it).
        pieces = [(json.dumps(content, ensure_ascii=False), (*path, "content"))]
    _emit_content(b, pieces, part, i, content_at)
    b.special("<|im_end|>", at, i)
    if calls:
        _call_messages(b, calls, calls_path, i, at)


def _priming(b: _Builder, functions: list[dict], tool_choice: Any) -> None:
    end = b.default
    b.special("<|im_start|>", end, None)
    forced = forced_function(tool_choice) if functions else None
    if forced and not b.harmony:
        # A named tool_choice primes the reply as a call to that function: harmony's recipient header
        # ``to=functions.NAME`` and ``<|constrain|>json`` (openai/harmony docs/format.md, *Receiving
        # tool calls*); measured on real traffic, this is the whole cost of forcing a function.
        b.text(f"assistant to={CALL_PREFIX}{forced}", end, "framing", None)
        b.special("<|constrain|>", end, None)
        b.text("json", end, "framing", None)
    else:
        b.text("assistant", end, "framing", None)
        if forced:
            b.reason("tools", "a named tool_choice on a reasoning model: its priming is not rendered")
    if not b.harmony:
        b.special("<|im_sep|>", end, None)


# ---------------------------------------------------------------- Responses API


def render_responses(body: dict, locate: Locator | None = None, default: tuple[int, int] = (1, 1),
                     expand: Expander | None = None) -> Rendered:
    """Segments of a Responses body: ``instructions`` (a system message), ``input`` (a string or
    items: messages, ``function_call``, ``function_call_output``), ``tools``, ``text.format``."""
    b = _Builder(locate or _no_location, default, expand, body.get("model"))
    _model_notes(b, body.get("model"))
    if body.get("previous_response_id"):
        b.reason("previous-response", "previous_response_id: the earlier conversation the API prepends is "
                                      "not in the request and not counted")
    functions = _function_tools(body.get("tools"), b, responses=True)
    text = body.get("text") if isinstance(body.get("text"), dict) else {}
    schema = _schema_text(text.get("format"))
    msgs: list[tuple[int, dict, tuple]] = []
    if isinstance(body.get("instructions"), str):
        msgs.append((-1, {"role": "system", "content": body["instructions"]}, ("instructions",)))
    inp = body.get("input")
    if isinstance(inp, str):
        msgs.append((0, {"role": "user", "content": inp}, ("input",)))
    elif isinstance(inp, list):
        for i, item in enumerate(inp):
            if not isinstance(item, dict):
                continue
            kind = item.get("type", "message")
            if kind == "message" or "role" in item:
                msgs.append((i, item, ("input", i)))
            elif kind == "function_call":
                msgs.append((i, {"role": "assistant", "content": None, "tool_calls": [item]}, ("input", i)))
            elif kind == "function_call_output":
                out = item.get("output")
                msgs.append((i, {"role": "tool", "call_id": item.get("call_id"),
                                 "content": out if isinstance(out, (str, list)) else json.dumps(out)},
                             ("input", i)))
            elif kind == "reasoning":
                b.reason("reasoning-items", "reasoning items (encrypted) are not counted: their size is "
                                            "not in the request")
            elif kind.endswith("_call") or kind.endswith("_call_output"):
                b.reason("built-in-tool", f"input item {kind!r} of a built-in tool is not rendered")
            else:
                b.reason("unknown-content", f"input item {kind!r} is not rendered")
    # Message indexes count the rendered messages: the instructions are message 0.
    numbered = [(n, m, path) for n, (_, m, path) in enumerate(msgs)]
    # FITTED: with no system/developer message to join, Responses tools and schemas come without the
    # ``# Tools`` / ``## functions`` / ``# Response Formats`` headers harmony writes (the same requests
    # count 6 tokens fewer than on Chat; 87 dev and 1 crewAI request change, 55 of them out of 3 % with
    # the headers).
    b.tools_header = bool(numbered) and numbered[0][1].get("role") in ("system", "developer")
    _render_messages(b, numbered, functions, schema, ("tools",), ("text", "format"), body.get("tool_choice"))
    return Rendered(b.segments, "responses", b.estimate, b.notes, b.reasons, b.chunks)


# ---------------------------------------------------------------- entry points


# The request body parameters of the Responses API ("Create a model response", OpenAI API reference).
RESPONSES_PARAMETERS = frozenset({
    "background", "conversation", "include", "input", "instructions", "max_output_tokens", "max_tool_calls",
    "metadata", "model", "parallel_tool_calls", "previous_response_id", "prompt", "prompt_cache_key",
    "prompt_cache_retention", "reasoning", "safety_identifier", "service_tier", "store", "stream", "stream_options",
    "temperature", "text", "tool_choice", "tools", "top_logprobs", "top_p", "truncation", "user",
})


def body_kind(body: Any) -> str | None:
    """``"chat"`` or ``"responses"`` when ``body`` looks like an OpenAI request body, else None."""
    if not isinstance(body, dict):
        return None
    messages = body.get("messages")
    if isinstance(messages, list):
        # Chat Completions requires a ``role`` on every message (API reference, "messages"): records none of
        # which has one are an application's own log under that key (data-formulator's saved session:
        # ``{"timestamp", "type", "component", "value"}`` notifications), not a conversation sent to a model
        if messages and all(isinstance(m, dict) and "role" not in m for m in messages):
            return None
        return "chat"
    if "output" in body:  # a response object, or a data set's {"input", "output"} record: not a request
        return None
    if "model" not in body and not set(body) <= RESPONSES_PARAMETERS:
        # a data set's record ({"input", "reference"}: Genkit's evaluation data sets), not a request: a body
        # holds the API's parameters only, and one written without its model is no logged call
        return None
    if "input" in body and (isinstance(body["input"], (str, list))) or isinstance(body.get("instructions"), str):
        return "responses"
    return None


def render_body(body: dict, locate: Locator | None = None, default: tuple[int, int] = (1, 1),
                expand: Expander | None = None) -> Rendered:
    kind = body_kind(body)
    if kind == "chat":
        return render_chat(body, locate, default, expand)
    if kind == "responses":
        return render_responses(body, locate, default, expand)
    raise ValueError("not a Chat Completions or Responses request body")

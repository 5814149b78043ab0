"""``.json`` files holding an Anthropic Messages API request body (or a list of them, or Message
Batches items ``{"custom_id", "params"}``).

Rendered in cache-prefix order: ``tools`` -> ``system`` -> ``messages`` (spec section 4).  Claude's
tokenizer and framing are not public: token counts are estimates with o200k_base (``estimate=True``
and a note); exact counts need the live ``POST /v1/messages/count_tokens``.

Every content block is recorded with where its text ends and its ``cache_control`` (``render`` returns
them), so the Anthropic cache model gets exact block boundaries and breakpoints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..model import Prompt, Segment, SourceError
from .interface import LoadedFile, NotThisFormat, SourceOptions, SourceParseError
from ..inputs import loads_json
from .request import LineIndex, json_value_offsets, locator

ESTIMATE_NOTE = ("Claude has no public tokenizer: token counts are estimates with o200k_base "
                 "(exact: POST /v1/messages/count_tokens)")
HINT = "expected an Anthropic Messages body (\"messages\" with \"system\"/content blocks/\"cache_control\")"


def is_anthropic_body(body: Any) -> bool:
    """An Anthropic Messages body, told apart from an OpenAI Chat body by its content: a top-level
    ``system`` or ``anthropic_version``, a claude model, ``cache_control`` anywhere, Anthropic block
    types (``tool_use``/``tool_result``/``image`` with ``source``) or tools with ``input_schema``."""
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
        return False
    if any(m.get("role") in ("system", "developer", "tool", "function") for m in body["messages"]
           if isinstance(m, dict)):
        return False  # OpenAI roles (an OpenAI-compatible gateway may still name a claude model)
    if "anthropic_version" in body or "system" in body or "cache_control" in body:
        return True
    model = body.get("model")
    if isinstance(model, str) and "claude" in model.lower():
        return True
    tools = body.get("tools")
    if isinstance(tools, list) and any(isinstance(t, dict) and "input_schema" in t for t in tools):
        return True
    for m in body["messages"]:
        content = m.get("content") if isinstance(m, dict) else None
        if isinstance(content, list):
            for block in content:
                if isinstance(block, dict) and ("cache_control" in block or block.get("type") in
                                                ("tool_use", "tool_result", "thinking", "document")
                                                or isinstance(block.get("source"), dict)):
                    return True
    return False


def find_anthropic(obj: Any) -> tuple[dict | None, tuple, str | None]:
    """(body, path of the body, custom_id) for a plain body or a Message Batches item."""
    if is_anthropic_body(obj):
        return obj, (), None
    if isinstance(obj, dict) and is_anthropic_body(obj.get("params")):
        cid = obj.get("custom_id")
        return obj["params"], ("params",), (str(cid) if cid is not None else None)
    return None, (), None


@dataclass(frozen=True)
class Block:
    """One cacheable block: where its text ends (character offset in the prompt text) and its marks."""

    char_end: int
    section: str  # tools | system | messages
    index: int  # block index in the whole prefix (tools, system, messages flattened)
    message: int | None  # index in ``messages``
    path: tuple  # JSON path of the block in the body
    kind: str  # text | image | tool_use | tool_result | tool | document | thinking | ...
    cache_control: dict | None = None

    @property
    def ttl(self) -> str | None:
        if not isinstance(self.cache_control, dict):
            return None
        return str(self.cache_control.get("ttl") or "5m")

    @property
    def label(self) -> str:
        return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(self.path))


@dataclass
class Rendered:
    segments: list[Segment] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    automatic: dict | None = None  # top-level cache_control (automatic caching)
    chars: int = 0


class _B:
    def __init__(self, locate, default):
        self.r = Rendered(notes=[ESTIMATE_NOTE])
        self.locate = locate or (lambda p: None)
        self.default = default

    def at(self, path: tuple) -> tuple[int, int]:
        return self.locate(path) or self.default

    def add(self, text: str, kind: str, path: tuple, part: str, message: int | None) -> None:
        if not text:
            return
        line, col = self.at(path)
        self.r.segments.append(Segment(text, kind, line, col, False, part=part, message=message))
        self.r.chars += len(text)

    def special(self, name: str, path: tuple, part: str = "framing", message: int | None = None) -> None:
        self.add(name, "special", path, part, message)

    def block(self, section: str, message: int | None, path: tuple, kind: str, cc: Any) -> None:
        self.r.blocks.append(Block(self.r.chars, section, len(self.r.blocks), message, path, kind,
                                   cc if isinstance(cc, dict) else None))

    def note(self, text: str) -> None:
        if text not in self.r.notes:
            self.r.notes.append(text)


def _dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def _content_block(b: _B, block: Any, path: tuple, part: str, message: int | None, section: str) -> None:
    if isinstance(block, str):
        b.add(block, "static", path, part, message)
        b.block(section, message, path, "text", None)
        return
    if not isinstance(block, dict):
        return
    kind = block.get("type", "text")
    if kind == "text":
        b.add(str(block.get("text", "")), "static", (*path, "text"), part, message)
    elif kind in ("image", "document"):
        b.special("<|image|>", path, part, message)
        b.note(f"{kind} blocks are not counted (their tokens depend on the content)")
    elif kind == "tool_use":
        b.add(f"{block.get('name', '')}({_dumps(block.get('input', {}))})", "static", path, part, message)
    elif kind == "tool_result":
        content = block.get("content")
        if isinstance(content, list):
            for j, inner in enumerate(content):
                if isinstance(inner, dict) and inner.get("type") == "text":
                    b.add(str(inner.get("text", "")), "static", (*path, "content", j, "text"), part, message)
                else:
                    b.special("<|image|>", (*path, "content", j), part, message)
        elif content is not None:
            b.add(content if isinstance(content, str) else _dumps(content), "static", (*path, "content"), part,
                  message)
    elif kind in ("thinking", "redacted_thinking"):
        b.add(str(block.get("thinking") or block.get("data") or ""), "static", path, part, message)
    else:
        b.add(_dumps({k: v for k, v in block.items() if k != "cache_control"}), "static", path, part, message)
        b.note(f"content block {kind!r} rendered as JSON")
    b.block(section, message, path, kind, block.get("cache_control"))


def render(body: dict, locate=None, default: tuple[int, int] = (1, 1)) -> Rendered:
    """Segments and blocks of an Anthropic Messages body, in prefix order tools -> system -> messages."""
    b = _B(locate, default)
    tools = body.get("tools") if isinstance(body.get("tools"), list) else []
    if tools:
        b.special("<|tools|>", ("tools",), "tools")
        for i, tool in enumerate(tools):
            if not isinstance(tool, dict):
                continue
            shown = {k: v for k, v in tool.items() if k != "cache_control"}
            b.add(_dumps(shown) + "\n", "static", ("tools", i), "tools", None)
            b.block("tools", None, ("tools", i), "tool", tool.get("cache_control"))
    system = body.get("system")
    if system:
        b.special("<|im_start|>", ("system",))
        b.add("system", "static", ("system",), "framing", None)
        b.special("<|im_sep|>", ("system",))
        if isinstance(system, str):
            b.add(system, "static", ("system",), "system", None)
            b.block("system", None, ("system",), "text", None)
        elif isinstance(system, list):
            for i, block in enumerate(system):
                _content_block(b, block, ("system", i), "system", None, "system")
        b.special("<|im_end|>", ("system",))
    for i, m in enumerate(body.get("messages") or []):
        if not isinstance(m, dict):
            continue
        role = m.get("role") if m.get("role") in ("user", "assistant") else "user"
        path = ("messages", i)
        b.special("<|im_start|>", (*path, "role"), "framing", i)
        b.add(role, "static", (*path, "role"), "framing", i)
        b.special("<|im_sep|>", (*path, "role"), "framing", i)
        content = m.get("content")
        if isinstance(content, str):
            b.add(content, "static", (*path, "content"), role, i)
            b.block("messages", i, (*path, "content"), "text", None)
        elif isinstance(content, list):
            for j, block in enumerate(content):
                _content_block(b, block, (*path, "content", j), role, i, "messages")
        b.special("<|im_end|>", (*path, "role"), "framing", i)
    for key in ("thinking", "tool_choice"):
        if body.get(key) is not None:
            b.note(f"{key} is part of the cache key (not rendered as tokens)")
    if isinstance(body.get("cache_control"), dict):
        b.r.automatic = body["cache_control"]
    return b.r


def make_prompt(body: dict, name: str, path: str, locate, default: tuple[int, int], line: int = 1) -> Prompt:
    r = render(body, locate, default)
    model = body.get("model") if isinstance(body.get("model"), str) else None
    return Prompt(name=name, path=path, segments=r.segments, kind="anthropic", model=model, estimate=True,
                  line=line, body=body, notes=list(r.notes))


class AnthropicSource:
    name = "anthropic"

    def matches(self, path: str, head: str) -> bool:
        if not path.lower().endswith(".json"):
            return False
        return any(k in head for k in ('"anthropic_version"', '"cache_control"', '"system"', "claude",
                                        '"input_schema"', '"tool_use"', '"tool_result"'))

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        data = loads_json(text)
        items = data if isinstance(data, list) else [data]
        if not any(find_anthropic(it)[0] is not None for it in items):  # an OpenAI body after all?
            raise NotThisFormat("not an Anthropic request body", line=1, hint=HINT)
        lines = LineIndex(text)
        offsets = json_value_offsets(text)
        loaded = LoadedFile()
        for i, item in enumerate(items):
            body, body_path, custom_id = find_anthropic(item)
            prefix = ((i,) if isinstance(data, list) else ()) + body_path
            if body is None:
                where = lines(offsets.get(prefix[:1], 0))[0]
                if not isinstance(data, list):  # pragma: no cover - checked above
                    raise SourceParseError("not an Anthropic request body", line=where, hint=HINT)
                loaded.errors.append(SourceError(path, f"not an Anthropic request body (item {i + 1})", where, HINT))
                continue
            start = lines(offsets.get(prefix, 0))
            name = custom_id or (f"{path}#{i + 1}" if isinstance(data, list) else path)
            prompt = make_prompt(body, name, path, locator(offsets, lines, prefix), start, line=start[0])
            if options.model:
                prompt.model = options.model
            loaded.prompts.append(prompt)
        return loaded

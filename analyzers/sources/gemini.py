"""``.json`` files holding a Gemini ``generateContent`` request body (``contents``,
``systemInstruction``/``system_instruction``, ``tools``), or a list of them.

Rendered as tools -> system instruction -> contents.  Gemini's tokenizer is not public here: token
counts are estimates with o200k_base (``estimate=True`` and a note; exact: ``models.countTokens``).
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Prompt, Segment, SourceError
from .interface import LoadedFile, NotThisFormat, SourceOptions
from ..inputs import loads_json
from .request import LineIndex, json_value_offsets, locator

ESTIMATE_NOTE = ("Gemini's tokenizer is not public: token counts are estimates with o200k_base "
                 "(exact: models.countTokens)")
HINT = "expected a Gemini generateContent body (\"contents\" and/or \"systemInstruction\")"


def _system(body: dict) -> tuple[Any, str]:
    for key in ("systemInstruction", "system_instruction"):
        if key in body:
            return body[key], key
    return None, ""


def is_gemini_body(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    contents = body.get("contents")
    # (a Content is ``{parts, role?}`` in the API reference: a DMG layout's ``contents: [{x, y, type,
    # path}]`` is not one)
    if isinstance(contents, list) and all(isinstance(c, dict) and ("parts" in c or "role" in c) for c in contents):
        return True
    return isinstance(contents, str) or _system(body)[0] is not None


def _dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def render(body: dict, locate=None, default: tuple[int, int] = (1, 1)) -> tuple[list[Segment], list[str]]:
    locate = locate or (lambda p: None)
    segs: list[Segment] = []
    notes = [ESTIMATE_NOTE]

    def add(text: str, kind: str, path: tuple, part: str, message: int | None) -> None:
        if text:
            line, col = locate(path) or default
            segs.append(Segment(text, kind, line, col, False, part=part, message=message))

    def parts(items: Any, path: tuple, part: str, message: int | None) -> None:
        if isinstance(items, str):
            add(items, "static", path, part, message)
            return
        if isinstance(items, dict):
            items = [items]
        for j, p in enumerate(items if isinstance(items, list) else []):
            here = (*path, j)
            if isinstance(p, str):
                add(p, "static", here, part, message)
            elif isinstance(p, dict) and isinstance(p.get("text"), str):
                add(p["text"], "static", (*here, "text"), part, message)
            elif isinstance(p, dict) and ("inlineData" in p or "inline_data" in p or "fileData" in p
                                          or "file_data" in p):
                add("<|image|>", "special", here, part, message)
                if "media parts are not counted" not in notes:
                    notes.append("media parts are not counted")
            elif isinstance(p, dict):
                add(_dumps(p), "static", here, part, message)

    tools = body.get("tools")
    if tools:
        add("<|tools|>", "special", ("tools",), "tools", None)
        add(_dumps(tools), "static", ("tools",), "tools", None)
    system, key = _system(body)
    n = 0
    if system is not None:
        add("<|im_start|>", "special", (key,), "framing", 0)
        add("system", "static", (key,), "framing", 0)
        add("<|im_sep|>", "special", (key,), "framing", 0)
        parts(system.get("parts") if isinstance(system, dict) else system, (key, "parts"), "system", 0)
        add("<|im_end|>", "special", (key,), "framing", 0)
        n = 1
    contents = body.get("contents")
    if isinstance(contents, str):
        contents = [{"role": "user", "parts": [{"text": contents}]}]
    for i, c in enumerate(contents or []):
        if not isinstance(c, dict):
            continue
        role = "assistant" if c.get("role") == "model" else ("tool" if c.get("role") == "function" else "user")
        path = ("contents", i)
        msg = n + i
        add("<|im_start|>", "special", path, "framing", msg)
        add(str(c.get("role") or "user"), "static", path, "framing", msg)
        add("<|im_sep|>", "special", path, "framing", msg)
        parts(c.get("parts"), (*path, "parts"), role, msg)
        add("<|im_end|>", "special", path, "framing", msg)
    if body.get("cachedContent") or body.get("cached_content"):
        notes.append("uses an explicit cachedContents resource: its tokens are not in this body")
    return segs, notes


def make_prompt(body: dict, name: str, path: str, locate, default: tuple[int, int], line: int = 1,
                model: str | None = None) -> Prompt:
    """A Gemini request body as a ``Prompt`` (token counts are estimates with o200k_base)."""
    segs, notes = render(body, locate, default)
    model = model or (body.get("model") if isinstance(body.get("model"), str) else None)
    return Prompt(name=name, path=path, segments=segs, kind="gemini", model=model, estimate=True, line=line,
                  body=body, notes=notes)


class GeminiSource:
    name = "gemini"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith(".json") and any(
            k in head for k in ('"contents"', '"systemInstruction"', '"system_instruction"'))

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        data = loads_json(text)
        items = data if isinstance(data, list) else [data]
        if not any(is_gemini_body(it) for it in items):  # the next source that takes .json reads it
            raise NotThisFormat("not a Gemini request body", line=1, hint=HINT)
        lines = LineIndex(text)
        offsets = json_value_offsets(text)
        loaded = LoadedFile()
        for i, body in enumerate(items):
            prefix = (i,) if isinstance(data, list) else ()
            if not is_gemini_body(body):
                where = lines(offsets.get(prefix, 0))[0]
                loaded.errors.append(SourceError(path, f"not a Gemini request body (item {i + 1})", where, HINT))
                continue
            start = lines(offsets.get(prefix, 0))
            name = f"{path}#{i + 1}" if isinstance(data, list) else path
            loaded.prompts.append(make_prompt(body, name, path, locator(offsets, lines, prefix), start, start[0],
                                              options.model))
        return loaded

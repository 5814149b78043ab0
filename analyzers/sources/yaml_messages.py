"""Plain YAML holding chat ``messages`` (a list of ``role``/``content``), rendered like a request body.

Message contents may hold template placeholders (``{{ name }}``, ``{name}``...): with ``--syntax`` other
than ``none`` they become variable segments (through ``sources.template.parse_template``).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..inputs import compose_yaml, construct_yaml, yaml_input_error
from ..model import Prompt, Segment
from .interface import LoadedFile, NotThisFormat, SourceOptions, SourceParseError

EXTENSIONS = (".yaml", ".yml")
_HAS_MESSAGES = re.compile(r"^\s*-?\s*[\"']?messages[\"']?\s*:", re.M)


def yaml_error(exc: Exception) -> SourceParseError:
    err = yaml_input_error(exc)
    return SourceParseError(err.message, err.line)


def node_positions(text: str, node, line_offset: int = 0) -> dict[tuple, tuple[int, int]]:
    """(line, column) of every YAML value by path; block scalars (``|``, ``>``) point at their first
    content line."""
    lines = text.splitlines()
    out: dict[tuple, tuple[int, int]] = {}

    def where(n) -> tuple[int, int]:
        line, col = n.start_mark.line, n.start_mark.column
        style = getattr(n, "style", None)
        if style in ("|", ">"):
            line += 1
            while line < len(lines) and not lines[line].strip():
                line += 1
            col = len(lines[line]) - len(lines[line].lstrip()) if line < len(lines) else 0
        elif style in ("'", '"'):
            col += 1
        return line + 1 + line_offset, col + 1

    def walk(n, path: tuple) -> None:
        out[path] = where(n)
        if n.tag.endswith(":map") or n.id == "mapping":
            for k, v in n.value:
                walk(v, (*path, k.value))
        elif n.id == "sequence":
            for i, v in enumerate(n.value):
                walk(v, (*path, i))

    if node is not None:
        walk(node, ())
    return out


def model_of(value: Any) -> str | None:
    """A model name that the tokenizer knows, else None (deployment names are not models)."""
    if not isinstance(value, str) or not value:
        return None
    from ..tokenizer import resolve_model

    try:
        resolve_model(value)
    except Exception:
        return None
    return value


def template_expander(path: str, syntax: str, seen: list[str] | None = None):
    """An ``expand`` hook for ``framing``: message contents as templates (None keeps static text).
    Syntaxes found with placeholders are appended to ``seen``."""
    if syntax == "none":
        return None

    def expand(text: str, jpath: tuple, at: tuple[int, int], part: str, message: int | None):
        from .template import parse_template

        parsed = parse_template(text, path, syntax, at[0], at[1])
        if seen is not None and parsed.variables:
            seen.append(parsed.syntax)
        return [dataclasses.replace(s, part=part, message=message) for s in parsed.segments]

    return expand


def messages_prompt(path: str, body: dict, positions: dict[tuple, tuple[int, int]], syntax: str,
                    model: str | None) -> Prompt:
    from ..framing import render_body

    default = positions.get(("messages",), (1, 1))
    seen: list[str] = []
    rendered = render_body(body, positions.get, default, template_expander(path, syntax, seen))
    return Prompt(name=path, path=path, segments=rendered.segments, kind=rendered.kind, model=model,
                  estimate=rendered.estimate, line=default[0], body=body, notes=list(rendered.notes),
                  syntax=seen[0] if seen else None, estimate_reasons=list(rendered.reasons))


def _check_messages(messages: Any) -> None:
    if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
        raise NotThisFormat("\"messages\" must be a list of {role, content} mappings")


class YamlSource:
    name = "yaml"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith(EXTENSIONS) and bool(_HAS_MESSAGES.search(head))

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        node = compose_yaml(text)
        data = construct_yaml(node)
        if isinstance(data, list) and all(isinstance(m, dict) and "role" in m for m in data):
            data = {"messages": data}
            positions = {("messages", *k): v for k, v in node_positions(text, node).items()}
        else:
            positions = node_positions(text, node)
        if not isinstance(data, dict) or "messages" not in data:
            raise NotThisFormat("no top-level \"messages\" list",
                                   hint="a YAML prompt needs messages: [{role: system, content: ...}, ...]")
        _check_messages(data["messages"])
        body = {k: v for k, v in data.items()}
        model = model_of(data.get("model"))
        syntax = options.syntax or "auto"
        return LoadedFile([messages_prompt(path, body, positions, syntax, model)])


__all__ = ["YamlSource", "Segment"]

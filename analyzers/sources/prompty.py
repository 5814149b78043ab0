"""``.prompty``: YAML front matter between ``---`` lines, then a templated body split into role sections
by lines ``system:`` / ``user:`` / ``assistant:`` (``developer:``, ``tool:`` too).  Each section becomes a
chat message rendered like a request body; placeholders are variable segments.
"""

from __future__ import annotations

import re

from .interface import LoadedFile, SourceOptions, SourceParseError
from ..inputs import InputError, load_yaml
from .yaml_messages import messages_prompt, model_of

_ROLE = re.compile(r"^[ \t]*#*[ \t]*(system|user|assistant|developer|tool)[ \t]*:[ \t]*$", re.I | re.M)
_TEMPLATE_NAMES = {"jinja2": "jinja", "jinja": "jinja", "mustache": "mustache", "handlebars": "handlebars"}


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, 1-based line where the body starts)."""
    m = re.match(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", text, re.S | re.M)
    if not m:
        return "", text, 1
    return m.group(1), text[m.end():], text.count("\n", 0, m.end()) + 1


# The front matter of a Markdown file that defines an agent or a command: Claude Code's sub-agents (``name``,
# ``description``, ``tools``, ``model``; "the body is the subagent's system prompt") and custom slash commands
# (``description``, ``argument-hint``, ``allowed-tools``, ``model``; the body is the prompt), opencode's agents
# (``description``, ``mode``, ``model``, ``tools``), forge's built-in agents and commands (``id``, ``title``,
# ``description``, ``tools``, ``user_prompt``).  A description beside one key naming what runs it.
AGENT_FRONT_KEYS = frozenset({"name", "id", "tools", "model", "mode", "allowed-tools", "argument-hint"})
AGENT_RUN_KEYS = frozenset({"tools", "model", "allowed-tools"})


# Folders where agents and commands are defined one Markdown file each (Claude Code's ``.claude/agents/`` and
# ``commands/``, opencode's ``agent/``, forge's ``crates/forge_repo/src/agents/`` and ``commands/``).
AGENT_DEFINITION_FOLDERS = frozenset({"agents", "agent", "subagents", "commands", "command"})


def agent_front_matter(text: str, path: str) -> tuple[str, int] | None:
    """(body, 1-based line where it starts) of a Markdown agent or command definition: in a folder of agents or
    commands (``AGENT_DEFINITION_FOLDERS``) or named as an agent (llmling-agent's ``claude_style_subagent.md``), with
    front matter holding a description beside a key of ``AGENT_FRONT_KEYS``.  Its front matter is the definition's
    settings, the body its prompt.  None for any other file."""
    import os

    from .prompt_names import name_words

    folder = os.path.basename(os.path.dirname(path)).lower()
    stem = os.path.basename(path).rsplit(".", 1)[0]
    in_folder = folder in AGENT_DEFINITION_FOLDERS
    if not text.startswith("---") or not (in_folder or name_words(stem)[-1:] in (["agent"], ["subagent"])):
        return None
    front, body, line = split_front_matter(text)
    if line == 1 or not front.strip():
        return None
    try:
        meta = load_yaml(front)
    except InputError:
        return None
    keys = set(map(str, meta)) if isinstance(meta, dict) else set()
    # named as an agent outside such a folder, what runs it must be said (``tools``, ``model``): a documentation
    # site's page about an agent (Docusaurus: ``id``, ``title``, ``description``) says neither
    if "description" not in keys or not (AGENT_FRONT_KEYS if in_folder else AGENT_RUN_KEYS) & keys:
        return None
    return body, line


def split_roles(body: str, first_line: int = 1) -> list[tuple[str, str, int, int]]:
    """(role, content, line, column) per role section; content is stripped like Prompty does.
    A body without role lines is one system message."""
    marks = list(_ROLE.finditer(body))
    pieces: list[tuple[str, int, int]] = []  # role, start offset, end offset
    if not marks:
        pieces.append(("system", 0, len(body)))
    else:
        if body[: marks[0].start()].strip():
            pieces.append(("system", 0, marks[0].start()))
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
            pieces.append((m.group(1).lower(), m.end(), end))
    out: list[tuple[str, str, int, int]] = []
    for role, start, end in pieces:
        chunk = body[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        content = chunk.strip()
        at = start + lead
        line = first_line + body.count("\n", 0, at)
        column = at - (body.rfind("\n", 0, at) + 1) + 1
        out.append((role, content, line, column))
    return out


def _model(meta: dict) -> str | None:
    model = meta.get("model")
    if isinstance(model, str):
        return model_of(model)
    if isinstance(model, dict):
        conf = model.get("configuration") if isinstance(model.get("configuration"), dict) else {}
        for candidate in (conf.get("name"), conf.get("model"), model.get("id"), model.get("name"),
                          conf.get("azure_deployment")):
            found = model_of(candidate)
            if found:
                return found
    return None


class PromptySource:
    name = "prompty"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith(".prompty")

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        front, body, body_line = split_front_matter(text)
        try:
            meta = load_yaml(front) if front.strip() else {}
        except InputError as exc:
            raise SourceParseError(exc.message, exc.line + 1 if exc.line is not None else None,
                                   exc.hint) from None  # + 1: the opening ---
        if not isinstance(meta, dict):
            raise SourceParseError("front matter is not a YAML mapping", line=1)
        syntax = options.syntax or "auto"
        if syntax == "auto":
            template = meta.get("template")
            if isinstance(template, dict):
                template = template.get("format") or template.get("type")
            syntax = _TEMPLATE_NAMES.get(str(template).lower(), "jinja") if template else "jinja"
        messages = []
        positions: dict[tuple, tuple[int, int]] = {}
        for i, (role, content, line, column) in enumerate(split_roles(body, body_line)):
            messages.append({"role": role, "content": content})
            positions[("messages", i)] = (line, column)
            positions[("messages", i, "role")] = (max(1, line - 1), 1)
            positions[("messages", i, "content")] = (line, column)
        positions[("messages",)] = (body_line, 1)
        req = {"messages": messages}
        prompt = messages_prompt(path, req, positions, syntax, _model(meta))
        if prompt.syntax is None and any(s.kind == "variable" for s in prompt.segments):
            prompt.syntax = syntax
        return LoadedFile([prompt])

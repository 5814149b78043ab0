"""A text part of a message's content list, added to a local list one part at a time.

OpenAI's Chat Completions (and the Responses API's ``input_text``) take a user or system message's
``content`` as a list of parts, ``{"type": "text", "text": "..."}`` beside images; the model reads the
texts in order as that one message.  A program may build the list step by step (BrowserGym's demo agent:
``system_msgs = []``, ``system_msgs.append({"type": "text", "text": f"# Instructions ..."})``, later
``{"role": "system", "content": system_msgs}``): each text part appended, extended or added with ``+=`` is a
part of that message's prompt, as a string put into a list sent as a prompt is (``_Values._list_parts``);
a part under an ``if`` or a loop stays a part of its own, named by the list (``@line`` for the next ones).
"""

from __future__ import annotations

import ast

# The part types whose ``text`` the model reads (Chat Completions ``text``, Responses ``input_text``);
# ``cache_control`` is Anthropic's mark on a block, not content.
_TEXT_TYPES = frozenset({"text", "input_text"})
_PART_KEYS = frozenset({"type", "text", "cache_control"})


def part_text(item: ast.expr) -> ast.expr | None:
    """The ``text`` of ``{"type": "text", "text": X}`` written in place (only part keys), else None."""
    if not isinstance(item, ast.Dict) or None in item.keys:
        return None
    keys = {k.value: v for k, v in zip(item.keys, item.values) if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if len(keys) != len(item.keys) or not set(keys) <= _PART_KEYS or "text" not in keys:
        return None
    kind = keys.get("type")
    if not (isinstance(kind, ast.Constant) and kind.value in _TEXT_TYPES):
        return None
    return keys["text"]

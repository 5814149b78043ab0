"""The parameters a function sends as a chat message's whole text (``{role: "user", content: userMessage}``).

OpenAI's, Anthropic's and the Responses API's messages are ``{role, content}`` objects: a function that writes one
of its parameters as a message's ``content`` hands whatever its caller gives for that parameter to the model as that
message.  The rules that follow such calls (``member_sends``: a member of an object of the file, ``imported_sends``:
a function of another file of the scan) read the argument as the message's text.
"""

from __future__ import annotations

from ...js_tree import text as _text, walk
from .grammar import ROLES
from .literals import literal_parts
from .tree import _binding_function, _prop_name, param_names


def _role(value) -> str | None:
    """The role a message's ``role`` value writes: a role literal, or a conditional of role literals
    (zod-gpt ``role: hasFunctionCall ? 'tool' : 'user'``: the user's turn when the code writes one)."""
    if value is None:
        return None
    while value.type == "parenthesized_expression" and value.named_children:
        value = value.named_children[0]
    if value.type == "ternary_expression":
        roles = [_role(value.child_by_field_name(k)) for k in ("consequence", "alternative")]
        if None in roles:
            return None
        return "user" if "user" in roles else roles[0]
    parts = literal_parts(value) if value.type in ("string", "template_string") else None
    if not parts or any(p.kind != "static" for p in parts):
        return None
    return ROLES.get("".join(p.text for p in parts).lower())


def sent_positions(fn) -> dict[int, str]:
    """Position -> role of each parameter of ``fn`` that an object literal of its body writes as a message's
    ``content`` beside a written ``role`` (``input.push({role: "user", content: userMessage})``; the shorthand
    ``{role: "user", content}`` for a parameter named ``content``)."""
    names = param_names(fn)
    body = fn.child_by_field_name("body")
    if body is None or not any(names):
        return {}
    out: dict[int, str] = {}
    for obj in walk(body):
        if obj.type != "object":
            continue
        keys = {}
        for member in obj.named_children:
            if member.type == "pair":
                keys[_prop_name(member.child_by_field_name("key"))] = member.child_by_field_name("value")
            elif member.type == "shorthand_property_identifier":
                keys[_text(member)] = member
        content, role = keys.get("content"), _role(keys.get("role"))
        if content is None or role is None or content.type not in ("identifier", "shorthand_property_identifier"):
            continue
        name = _text(content)
        if name in names and _binding_function(content, name) is not None \
                and _binding_function(content, name).id == fn.id:
            out.setdefault(names.index(name), role)
    return out

"""Arguments of a call of an object member that the file defines to send its parameter as a chat message.

zod-gpt's ``chat`` returns its responses with ``respond: (message, opt) => chat(model, [...messages,
response.message, {role: hasFunctionCall ? 'tool' : 'user', toolCallId, content: message}], ...)`` (the same
``respond`` that llm-api's chat responses carry), and later continues a conversation with ``response =
await response.respond(issuesMessage)``: what a call of that member is given is the next user turn.  The member
is an object literal's function (``name: (p) => ...``, a method written in the object); a call of a member of that
name in the same file (on any receiver but ``this``, whose class methods ``calls._sent_params`` follows) hands its
argument to the parameter the member writes as a message's ``content``: that argument is the message's text, a
literal read as it is, a name followed to its value as any prompt slot's is.
"""

from __future__ import annotations

from ...js_tree import FUNCTIONS, text as _text, walk
from .literals import _Candidate, literal_parts
from .param_messages import sent_positions
from .tree import _prop_name, param_names


def _members(root) -> dict[str, tuple[dict[int, str], list]]:
    """Member name -> (position -> role, parameter names) for each object literal function that sends a parameter."""
    out = {}
    for n in walk(root):
        if n.type == "pair" and n.parent is not None and n.parent.type == "object":
            fn, key = n.child_by_field_name("value"), n.child_by_field_name("key")
        elif n.type == "method_definition" and n.parent is not None and n.parent.type == "object":
            fn, key = n, n.child_by_field_name("name")
        else:
            continue
        if fn is None or key is None or fn.type not in FUNCTIONS:
            continue
        sent = sent_positions(fn)
        if sent:
            out.setdefault(_prop_name(key), (sent, param_names(fn)))
    return out


def member_sent_args(root) -> list[_Candidate]:
    if b"content" not in root.text:
        return []
    members = _members(root)
    if not members:
        return []
    out = []
    for call in walk(root):
        if call.type != "call_expression":
            continue
        callee, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        if callee is None or args is None or callee.type != "member_expression" \
                or _prop_name(callee) not in members \
                or _text(callee.child_by_field_name("object") or callee) == "this":
            continue
        sent, names = members[_prop_name(callee)]
        given = [a for a in args.named_children if a.type != "comment"]
        for i, role in sent.items():
            if i < len(given) and given[i].type != "spread_element" and (
                    literal_parts(given[i]) is not None or given[i].type == "identifier"):
                out.append(_Candidate(given[i], call, names[i], role, message=True, turn=True))
    return out

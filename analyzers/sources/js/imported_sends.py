"""Arguments of a call of a function imported from another file of the scan that sends its parameter as a
chat message.

The testing-agent demo's loop calls ``sendInputToModel({...}, "continue")``, imported from
``services/openai-cua-client.ts``, whose ``sendInputToModel(input, userMessage?)`` pushes ``{role: "user", content:
userMessage}`` into the request's input: the literal is that user turn.  The same reading as a same-file
function's (``calls._sent_params``), through the import (``js_project``: the parameters a module-level function
of the defining file writes as a message's ``content``, with the message's role).
"""

from __future__ import annotations

from ...js_tree import text as _text
from .literals import _Candidate, literal_parts


def imported_sent_args(reads, imported_sends, functions) -> list[_Candidate]:
    out = []
    for callee in reads.get("callee", ()):
        name = _text(callee)
        if name in functions:
            continue  # (a function of this file: its own code says what it does)
        sent = imported_sends(name)
        if not sent:
            continue
        call = callee.parent
        args = call.child_by_field_name("arguments")
        given = [a for a in args.named_children if a.type != "comment"] if args is not None else []
        for i, (param, role) in sent.items():
            # (a literal written here: a name given here is this file's value, read by the rules of its slot)
            if i < len(given) and given[i].type != "spread_element" and literal_parts(given[i]) is not None:
                out.append(_Candidate(given[i], call, param, role, message=True, turn=True))
    return out

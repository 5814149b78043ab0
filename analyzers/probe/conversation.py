"""``probe --turns N``: the prompt as the head of a growing conversation.

Request ``i`` (0-based) is the head (a template or text as the system message / instructions; a request
body's own messages) followed by ``i`` user/assistant exchanges and the user turn ``i``.  The head is
re-rendered for every turn with the values its variables' volatility classes imply: a per-turn or
per-request value (and an unknown one, treated as per-request) changes on every turn; per-session,
per-user, per-day, per-config and constant values keep their first value for the whole conversation.

The assistant turns are fixed text of the same size as the user turns (not the model's replies), so
every request is known before it is sent and the prediction is exact for a token-exact server.
"""

from __future__ import annotations

import copy
import random

from ..model import Prompt, Segment
from .interface import ProbeOptions
from .values import _WORDS, sample_value

# Classes whose value changes from one turn of a conversation to the next.
CHANGES_PER_TURN = frozenset({"per-turn", "per-request", "unknown"})


def volatility_class(segment: Segment, prompt: Prompt | None = None, settings=None) -> str:
    """The variable's class as lint judges it (setting, expression, literal, name; ``unknown``, treated as
    per-request, else)."""
    from ..volatility import classify

    return classify(segment, prompt, settings).cls


def volatility_classes(prompt: Prompt, settings=None) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in prompt.segments:
        if s.kind == "variable" and s.name and s.text and s.name not in out:
            out[s.name] = volatility_class(s, prompt, settings)
    return out


def turn_values(classes: dict[str, str], turns: int, given: dict, same_values: bool,
                seed: int | None) -> list[dict[str, str]]:
    """One mapping per turn: changing classes get a fresh value every turn, the others keep turn 1's.
    A given list of values is taken item by item for a changing variable, its first item otherwise."""
    import json

    rng = random.Random(f"{seed}:turns:{','.join(classes)}") if seed is not None else random.Random()
    out: list[dict[str, str]] = []
    for i in range(turns):
        values: dict[str, str] = {}
        for name, cls in classes.items():
            changes = cls in CHANGES_PER_TURN and not same_values
            if i and not changes:
                values[name] = out[0][name]
            elif name in given:
                v = given[name]
                if isinstance(v, list):
                    v = v[i % len(v)] if v else ""
                values[name] = v if isinstance(v, str) else json.dumps(v)
            else:
                values[name] = sample_value(name, i, rng)
        out.append(values)
    return out


def turn_text(role: str, index: int, size: int, rng: random.Random) -> str:
    """About ``size`` tokens: a label, then words that are one token each in common vocabularies."""
    words = " ".join(rng.choice(_WORDS) for _ in range(max(1, size - 6)))
    return f"{role.capitalize()} turn {index + 1}: {words}."


def conversation_bodies(prompt: Prompt, options: ProbeOptions, model: str,
                        given: dict, settings=None) -> tuple[list[dict], str, list]:
    """The request bodies of the ``options.turns`` turns, their API and the head's values per turn."""
    from .plan import _LIMIT_KEYS, _placeholder, _render

    turns = options.turns or 1
    rng = random.Random(f"{options.seed}:conversation") if options.seed is not None else random.Random()
    # A tag unique to this run keeps one probe's turns from matching another run's cached turns.
    tag = f"{rng.randrange(16 ** 6):06x}"
    exchanges = [(turn_text("user", i, options.turn_tokens, rng).replace(":", f" [{tag}]:", 1),
                  turn_text("assistant", i, options.turn_tokens, rng)) for i in range(turns)]

    if prompt.kind in ("chat", "responses") and prompt.body is not None:
        head = {k: v for k, v in prompt.body.items() if k not in _LIMIT_KEYS}
        if options.model or "model" not in head:
            head["model"] = model
        api = prompt.kind
        heads = [copy.deepcopy(head) for _ in range(turns)]
        values: list[dict] = []
    else:
        api = options.api
        classes = volatility_classes(prompt, settings)
        values = turn_values(classes, turns, given, options.same_values, options.seed) if classes \
            else [{} for _ in range(turns)]
        heads = []
        for v in values:
            text = _render(prompt.segments, v) if any(_placeholder(s) for s in prompt.segments) else prompt.text
            if api == "responses":
                heads.append({"model": model, "instructions": text, "input": []})
            else:
                heads.append({"model": model, "messages": [{"role": "system", "content": text}]})

    bodies = []
    for i, head in enumerate(heads):
        turn_msgs: list[dict] = []
        for user, assistant in exchanges[:i]:
            turn_msgs += [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]
        turn_msgs.append({"role": "user", "content": exchanges[i][0]})
        body = head
        if api == "responses":
            inp = body.get("input")
            if isinstance(inp, str):
                inp = [{"role": "user", "content": inp}]
            body["input"] = list(inp or []) + turn_msgs
        else:
            body["messages"] = list(body.get("messages", [])) + turn_msgs
        bodies.append(body)
    return bodies, api, values

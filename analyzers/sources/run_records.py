"""Records a run wrote: a model's outputs kept beside the inputs that produced them.

An evaluation or generation run saves, for each item it sent, the item and what the model answered
(GAOKAO-Bench's ``Results/*.json``: ``{"prompt": ..., "example": [{"question": ..., "standard_answer":
..., "model_answer": [...], "model_output": ...}, ...]}``; lm-evaluation-harness's ``--log_samples``
records, ``resps`` and ``filtered_resps``; a ``predictions`` file).  Such a file may copy the prompt it
ran with (``prompt``, ``teacher_prompt``) and hold questions full of braces, but it is what a run
produced, read by scorers and people, never a prompt the project sends: the prompts are where the run
took them from.

The file says so by its structure: a list of two or more records (mappings) each holding a field whose
name says it is a model's output.  Such a name pairs a word for who produced it (``model``,
``generated``, ``predicted``, ``sampled``) with a word for what (``output``, ``answer``, ``response``,
``completion``, ``correction``...): ``model_output``, ``model_answer``, ``generated_text``,
``predicted_answer``; or is a prediction by itself (``prediction``, ``pred``, the harness's ``resps``).
A few-shot example written by a person names its answer ``answer``/``output`` (alpaca's seed tasks'
``instances[].output``), never a model's: such records are not run outputs.  One record is not a run:
the rule asks for two.

An application that saves its sessions records its exchanges with the model the same way: each a message list
as it was sent and answered, from the system message through the user's to the model's answer
(data-formulator's saved sessions, ``tables[i].derive.dialog``: ``[{"role": "system", ...}, {"role": "user",
...}, {"role": "assistant", ...}]``).  A prompt's message list ends with the turn to be answered (a few-shot
list's answers come before its last user message); two or more lists that each end with the model's answer
after a system and a user message are a record of what was sent and answered (``recorded_exchanges``).
"""

from __future__ import annotations

from typing import Iterable

from .prompt_names import name_words

# Who produced a value: a model (its outputs), as a run records it.
PRODUCER_WORDS = frozenset({"model", "generated", "predicted", "sampled", "llm"})
# What it produced.
PRODUCT_WORDS = frozenset({"output", "outputs", "answer", "answers", "response", "responses", "completion",
                           "completions", "correction", "corrections", "generation", "generations", "reply",
                           "prediction", "predictions", "text", "judgment", "judgement"})
# Field names that are a model's output by themselves (lm-evaluation-harness's ``resps``/``filtered_resps``
# in its logged samples).
OUTPUT_NAMES = frozenset({("prediction",), ("predictions",), ("pred",), ("preds",), ("resps",),
                          ("filtered", "resps")})
MIN_RECORDS = 2


def model_output_key(key: object) -> bool:
    """Whether a field's name says it holds what a model produced (``model_output``, ``resps``)."""
    if not isinstance(key, str):
        return False
    words = name_words(key)
    if tuple(words) in OUTPUT_NAMES:
        return True
    return bool(words) and words[-1] in PRODUCT_WORDS and bool(set(words[:-1]) & PRODUCER_WORDS)


def run_output_paths(paths: Iterable[tuple]) -> tuple | None:
    """The key path of a list of records holding a model's outputs, from the key paths of a document's
    values (``("example", 3, "model_output")``), or None.  A record is a mapping in a list; the list counts
    when two or more of its records hold a field named as a model's output (``model_output_key``)."""
    records: dict[tuple, set] = {}
    for path in paths:
        for i in range(len(path) - 1):
            if isinstance(path[i], int) and model_output_key(path[i + 1]):
                records.setdefault(path[:i], set()).add(path[i])
    for holder, items in records.items():
        if len(items) >= MIN_RECORDS:
            return holder
    return None


def recorded_exchanges(messages: Iterable[tuple[tuple, str]]) -> int:
    """How many message lists end with the model's answer to a system and a user message, from the key paths
    and roles of a document's chat messages (``(("tables", 0, "derive", "dialog", 2, "content"), "assistant")``):
    each a recorded exchange (see the module docstring)."""
    lists: dict[tuple, list] = {}
    for path, role in messages:
        if len(path) >= 2 and isinstance(path[-2], int):
            lists.setdefault(path[:-2], []).append((path[-2], role))
    exchanges = 0
    for items in lists.values():
        roles = [r for _, r in sorted(items)]
        if roles[0] in ("system", "developer") and roles[-1] == "assistant" and "user" in roles:
            exchanges += 1
    return exchanges

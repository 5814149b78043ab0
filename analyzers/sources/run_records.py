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

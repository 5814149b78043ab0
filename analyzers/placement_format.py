"""Where a prompt's own file format puts it in a request (issue 12, PC101 "where the prompt sits"), when
neither a setting nor the code that sends it says.

* **A prompted example** (promptsource's ``templates.yaml``, the format of P3): each ``!Template`` holds
  its Jinja under ``jinja``, and its class documents what the text is: "A prompt template is expressed in
  Jinja. It is rendered using an example from the corresponding Hugging Face datasets library (a
  dictionary). The separator ||| should appear once to divide the template into prompt and output"
  (``promptsource/templates.py``; ``Template.apply(example)`` returns ``[prompt, output]``, and the README:
  "Prompts are functions that map an example from a dataset to a natural language input and target
  output").  Rendered once per example, the text before the separator is the model's whole input for that
  example, not the head of a conversation whose turns re-send a history; the text after it is the target
  the model should produce.  A template field named for the Jinja engine whose text holds the separator is
  such a template: a *whole* request.  (Its target is still counted as part of the field, as the scan
  reads it: a whole request of a few dozen tokens is below every cache minimum either way.)
* **A ChainLite prompt file** (stanford-oval/chainlite, used by WikiChat's ``pipelines/prompts/*.prompt``):
  ``load_prompt.py`` splits the file at the block headers ``# instruction``, ``# distillation instruction``,
  ``# input`` and ``# output`` (lines of their own, lower, capitalised or upper case, after removing
  ``{# ... #}`` comments), asserts "Prompts should contain exactly one instruction block" and "The order of
  few-shot blocks in the prompt should be ((input -> output) * N) -> input", and turns the blocks into one
  ``ChatPromptTemplate``: the instruction the system message, each input a human message, each output an AI
  message.  ``llm_generation_chain(template_file, ...)`` sends that list as one request; the last input,
  where the caller's values (the dialogue so far, the question) are rendered, is its final user message,
  and nothing follows it.  A file laid out so, with at least one input, is a *whole* request.
"""

from __future__ import annotations

import re

from .model import Prompt

EXAMPLE_SEPARATOR = "|||"  # promptsource's Template: prompt ||| output
_ENGINE_FIELDS = frozenset({"jinja"})  # the field promptsource's Template keeps its Jinja in


# ChainLite's ``prompt_block_identifiers``: each header alone on its line
_CHAINLITE_BLOCK = re.compile(r"(?m)^[ \t]*# (instruction|Instruction|INSTRUCTION|input|Input|INPUT|output|Output|OUTPUT|"
                              r"distillation[ _]instruction|Distillation Instruction|DISTILLATION INSTRUCTION)[ \t]*$")
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def chainlite_blocks(text: str) -> list[str] | None:
    """The block kinds of a ChainLite prompt file in order (``instruction``, ``distillation``, ``input``,
    ``output``), when the text is laid out as ChainLite requires (see the module docstring) with at least
    one input; else None."""
    kinds = [m.group(1).lower().split()[0].split("_")[0]
             for m in _CHAINLITE_BLOCK.finditer(_JINJA_COMMENT.sub("", text))]
    if kinds.count("instruction") != 1 or kinds.count("distillation") > 1 or "input" not in kinds:
        return None
    lead = 2 if "distillation" in kinds else 1
    if sorted(kinds[:lead]) != sorted({"instruction", "distillation"} if lead == 2 else {"instruction"}):
        return None  # the instruction (and its distilled form) come before every example
    shots = kinds[lead:]
    if any(k != ("input" if i % 2 == 0 else "output") for i, k in enumerate(shots)) or len(shots) % 2 == 0:
        return None  # ((input -> output) * N) -> input
    return kinds


def format_position(prompt: Prompt) -> str | None:
    """``whole`` for a prompted-example template or a ChainLite prompt file (see the module docstring),
    else None."""
    if prompt.kind == "template" and not prompt.container and chainlite_blocks(prompt.text):
        return "whole"
    if not prompt.container:
        return None
    field = prompt.container.rsplit(".", 1)[-1].lower()
    if field not in _ENGINE_FIELDS:
        return None
    return "whole" if EXAMPLE_SEPARATOR in prompt.text else None

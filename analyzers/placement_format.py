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
"""

from __future__ import annotations

from .model import Prompt

EXAMPLE_SEPARATOR = "|||"  # promptsource's Template: prompt ||| output
_ENGINE_FIELDS = frozenset({"jinja"})  # the field promptsource's Template keeps its Jinja in


def format_position(prompt: Prompt) -> str | None:
    """``whole`` for a prompted-example template (see the module docstring), else None."""
    if not prompt.container:
        return None
    field = prompt.container.rsplit(".", 1)[-1].lower()
    if field not in _ENGINE_FIELDS:
        return None
    return "whole" if EXAMPLE_SEPARATOR in prompt.text else None

"""Prompts of the #12 eval's blind split measure-27 that the loader read under another name or without their fields
(#11, session 18; in-sample now): sotopia's `template=` given to `agenerate(model_name=...)`, named by the name that
holds the model's reply; L2MAC's YAML prompts whose inline `` ```{step}``` `` span swallowed every later field.

Goldens come from the fixtures read with ``ast`` / ``yaml`` (the literals' values, ``string.Formatter`` for the
str.format fields) and tiktoken o200k, never from pcache.
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

import tiktoken
import yaml

from pcache.analyzers.sources.interface import SourceOptions
from pcache.analyzers.sources.load import load_paths

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"
O200K = tiktoken.get_encoding("o200k_base")


def _load(paths: list[Path]) -> dict:
    return {p.container: p for p in load_paths([str(f) for f in paths], SourceOptions()).prompts}


def _variables(prompt) -> list[str]:
    return [s.text.strip("{}") for s in prompt.segments if s.kind == "variable"]


def _before_first(prompt) -> str:
    first = next(i for i, s in enumerate(prompt.segments) if s.kind == "variable")
    return "".join(s.text for s in prompt.segments[:first])


def _static(prompt) -> str:
    return "".join(s.text for s in prompt.segments if s.kind != "variable")


def _parsed(template: str) -> tuple[list[str], str, str]:
    """(field names, the text before the first field, all literal text) as str.format reads the template."""
    fields, literals, prefix = [], [], None
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        literals.append(literal)
        if field is not None:
            if prefix is None:
                prefix = "".join(literals)
            fields.append(field)
    return fields, prefix or "", "".join(literals)


def _keyword_literal(path: Path, function: str, keyword: str) -> str:
    """The string literal given as ``keyword=`` to the call inside ``function`` (async or not)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            for call in ast.walk(node):
                if isinstance(call, ast.Call):
                    for k in call.keywords:
                        if k.arg == keyword and isinstance(k.value, ast.Constant):
                            return k.value.value
    raise KeyError((function, keyword))


def test_a_function_given_the_model_returns_the_reply_so_the_template_keeps_its_keyword():
    # response: EvaluationForAgents[...] = await agenerate(model_name=self.model_name, template="""{history} ...""",
    # input_values=..., output_parser=..., temperature=...): `response` holds the parsed reply (measure-27's
    # EpisodeLLMEvaluator.__acall__.template was reported as `...__acall__.response`)
    path = EVAL / "sotopia" / "sotopia" / "envs" / "evaluators.py"
    got = _load([path])
    template = _keyword_literal(path, "__acall__", "template")
    fields, prefix, literal = _parsed(template)
    assert fields == ["history", "agent_instruction", "format_instructions"]
    prompt = got["EpisodeLLMEvaluator.__acall__.template"]
    assert "EpisodeLLMEvaluator.__acall__.response" not in got
    assert prompt.syntax == "format"
    assert _variables(prompt) == fields
    assert _before_first(prompt) == prefix == ""  # the history opens the message: token 0
    assert len(O200K.encode(_static(prompt))) == len(O200K.encode(literal))


def test_a_class_or_a_maker_given_the_model_still_names_what_it_holds(tmp_path):
    # the rule is about a call that runs the model: a class (PEP 8 CapWords) or a create_* function given one
    # builds an object holding the prompt, named by the name that holds it
    f = tmp_path / "agents.py"
    f.write_text(
        "def setup(topic):\n"
        "    agent = Agent(name='x', model='gpt-4o', instructions=f'You answer questions about {topic} only.')\n"
        "    helper = create_agent(model='gpt-4o', system_prompt=f'You help with {topic} for the team.')\n"
        "    reply = generate(model='gpt-4o', prompt=f'Summarize what we know about {topic} today.')\n"
        "    return agent, helper, reply\n", encoding="utf-8")
    got = _load([f])
    assert {"setup.agent.instructions", "setup.helper.system_prompt", "setup.prompt"} <= set(got)
    assert "setup.reply.prompt" not in got and "setup.reply" not in got


def test_an_inline_triple_backtick_span_does_not_swallow_the_fields_after_it():
    # codebase.yaml: `Objective: Execute sub task step:```{step}```.\n\n Note: ... {file_names} ... `write_files``:
    # read as single-backtick spans, the last backtick of ```{step}``` opened a span running to `write_files`,
    # and the text had no field outside code (no template at all)
    path = EVAL / "l2mac" / "l2mac" / "prompts" / "codebase.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    got = _load([path])
    for key in ("control_unit_execute_instruction", "control_unit_cycle_message_to_check_if_instruction_complete"):
        fields, prefix, literal = _parsed(data[key])
        assert fields[0] == "step"
        prompt = got[key]
        assert prompt.syntax == "format"
        assert _variables(prompt) == fields
        assert _before_first(prompt) == prefix
        assert len(O200K.encode(_before_first(prompt))) == len(O200K.encode(prefix))
        assert len(O200K.encode(_static(prompt))) == len(O200K.encode(literal))


def test_a_real_inline_span_still_hides_its_example_braces():
    # a single-backtick span holding an object example is still code, and ``` spans holding one are too: a text
    # whose only braces sit in spans is no template
    from pcache.analyzers.sources.template import _prose

    assert _prose("Reply as `{\"a\": 1}` and use ```{x}``` here.") == "Reply as   and use   here."
    assert _prose("step:```{step}```. Then {file_names} and `write_files`.") == "step: . Then {file_names} and  ."

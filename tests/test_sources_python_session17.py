"""Prompts in Python that blind round 28 (ExpeL) missed, named otherwise, or read with no variable (#11, session 17;
in-sample now), and a reading of the #12 eval's gptme fixture the new rule must leave as it was.

Goldens come from the fixtures read with ``ast`` (the literals' values, ``string.Formatter`` for the str.format
fields) and tiktoken o200k, never from pcache.
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

import tiktoken

from pcache.analyzers.sources.interface import SourceOptions
from pcache.analyzers.sources.load import load_paths

FIX = Path(__file__).parent / "fixtures" / "python" / "expel" / "prompts"
EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"
O200K = tiktoken.get_encoding("o200k_base")


def _load(paths: list[Path]) -> dict:
    return {p.container: p for p in load_paths([str(f) for f in paths], SourceOptions()).prompts}


def _variables(prompt) -> list:
    return [s for s in prompt.segments if s.kind == "variable"]


def _before_first(prompt) -> str:
    first = _variables(prompt)[0]
    return "".join(s.text for s in prompt.segments[:prompt.segments.index(first)])


def _text(prompt) -> str:
    return "".join(s.text for s in prompt.segments)


def _call_texts(path: Path, mapping: str) -> dict[str, str]:
    """key -> the string given to the call under that keyword of ``mapping = dict(key=call("..."), ...)``."""
    for n in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(n, ast.Assign) and n.targets[0].id == mapping:
            return {k.arg: (k.value.args[0].value if isinstance(k.value, ast.Call) else k.value.value)
                    for k in n.value.keywords}
    raise KeyError(mapping)


def _format_prefix(template: str) -> str:
    """The text before the first str.format field (escapes read as str.format reads them)."""
    out = ""
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        out += literal
        if field is not None:
            return out
    raise AssertionError("no field")


def test_template_calls_in_a_mapping_are_named_by_its_keys():
    # RULE_TEMPLATE = dict(hotpotqa=HumanMessagePromptTemplate.from_template("""...{rules}"""), ...): the mapping
    # holds each template under its key (blind round 28 named them `template`, `template@78`, ...)
    path = FIX / "templates" / "human.py"
    got = _load([path])
    texts = _call_texts(path, "RULE_TEMPLATE")
    assert set(texts) == {"hotpotqa", "webshop", "alfworld", "fever"}
    for key, template in texts.items():
        prompt = got[f"RULE_TEMPLATE.{key}"]
        assert prompt.syntax == "format"
        assert [v.text for v in _variables(prompt)] == ["{rules}"]
        assert _before_first(prompt) == _format_prefix(template)
        assert len(O200K.encode(_before_first(prompt))) == len(O200K.encode(_format_prefix(template)))
    assert not any(c == "template" or c.startswith("template@") for c in got)


def test_a_prompts_module_mapping_holds_its_texts():
    # CRITIQUE_SUMMARY_SUFFIX = dict(full="""Focus on REMOVE rules first ...""", not_full="""Below are ...""") in
    # prompts/templates/human.py, appended by agent/expel.py to the critique message's content (missed in round 28)
    path = FIX / "templates" / "human.py"
    got = _load([path])
    texts = _call_texts(path, "CRITIQUE_SUMMARY_SUFFIX")
    for key, text in texts.items():
        prompt = got[f"CRITIQUE_SUMMARY_SUFFIX.{key}"]
        assert _text(prompt) == text
        assert _variables(prompt) == []


def _if_branch_literal(path: Path, func: str, name: str) -> str:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == func)
    for n in ast.walk(fn):
        if isinstance(n, ast.If) and any(isinstance(s, ast.Assign) and s.targets[0].id == name for s in n.body):
            return next(s.value.value for s in n.body if isinstance(s, ast.Assign))
    raise KeyError(name)


def test_a_local_given_in_one_branch_continues_after_the_if():
    # if include_prefix: memory_prefix = "You have attempted ..." else: memory_prefix = ''; then
    # memory_prefix += '\nReflections:' runs after either branch, and the loop's additions are the variable part
    # (blind round 28 read the first sentence alone, with no variable)
    path = FIX / "hotpotQA.py"
    prompt = _load([path])["PREVIOUS_TRIALS_FORMATTER"]
    before = _if_branch_literal(path, "PREVIOUS_TRIALS_FORMATTER", "memory_prefix") + "\nReflections:"
    assert _before_first(prompt) == before
    assert len(O200K.encode(_before_first(prompt))) == len(O200K.encode(before))
    assert _variables(prompt)[0].text.startswith('f"\\n- {reflection.strip()}"')


def test_the_other_branch_of_the_if_stays_out():
    # gptme prompt_tools: `if tool_format == "xml": prompt = "<tools>" ... prompt += "\n</tools>" else: prompt =
    # "# Tools Overview" ... prompt += "\n\n*End of Tools List.*"`: what the else branch adds never follows "<tools>"
    got = _load([EVAL / "gptme" / "templates.py"])
    text = _text(got["prompt_tools.prompt"])
    assert text.startswith("<tools>") and "</tools>" in text
    assert "End of Tools List" not in text and "Tools Overview" not in text

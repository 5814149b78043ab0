"""Templates a project fills with its own regex filler (#11/#12, measure-25 llama-cpp-agent, in-sample): its
``PromptTemplate.generate_prompt`` does ``re.sub(r"\\{(\\w+)\\}", ..., self.template)``, so a template handed to
``PromptTemplate.from_string(...)`` has exactly the fields that pattern matches; other braces (a JSON schema,
``{Relevant Information}``) are text the model reads.

Goldens: the pattern read from the fixture's ``re.sub`` with ``ast``, its matches in the constants' values (``ast``),
and tiktoken o200k; never pcache.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import tiktoken

from pcache.analyzers.sources.interface import SourceOptions
from pcache.analyzers.sources.load import load_paths

ROOT = Path(__file__).parent / "fixtures" / "agents" / "eval" / "llama-cpp-agent" / "src" / "llama_cpp_agent"
O200K = tiktoken.get_encoding("o200k_base")


def _load(paths: list[Path]) -> dict:
    return {p.container: p for p in load_paths([str(f) for f in paths], SourceOptions()).prompts}


def _pattern() -> str:
    tree = ast.parse((ROOT / "llm_prompt_template.py").read_text(encoding="utf-8"))
    pats = {c.args[0].value for c in ast.walk(tree) if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
            and c.func.attr == "sub" and isinstance(c.args[0], ast.Constant)}
    assert len(pats) == 1
    return pats.pop()


def _constants(path: Path) -> dict[str, str]:
    return {n.targets[0].id: n.value.value for n in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}


def _check(p, value: str, pattern: str) -> None:
    want = [m.group(0) for m in re.finditer(pattern, value)]
    assert want, value[:80]
    assert [v.text for v in p.variables] == want
    static = "".join(s.text for s in p.segments if s not in p.variables)
    assert len(static) + sum(len(w) for w in want) == len(value)  # every other brace is text
    head = value[:value.index(want[0])]
    first = p.variables[0]
    before = "".join(s.text for s in p.segments[:p.segments.index(first)])
    assert abs(len(O200K.encode(before)) - len(O200K.encode(head))) <= 2


def test_templates_filled_by_an_imported_regex_filler_same_and_other_file():
    """``prompt_templates.py`` hands its constants to ``PromptTemplate.from_string`` (same file, the class imported
    from ``llm_prompt_template.py``); ``tools/web_search/tool.py`` hands it ``website_summarizing_system_prompt``,
    imported from ``prompt_templates.py`` (whose ``{Relevant Information}`` made it fail as ``str.format``)."""
    pattern = _pattern()
    consts = _constants(ROOT / "prompt_templates.py")
    got = _load([ROOT / "llm_prompt_template.py", ROOT / "prompt_templates.py", ROOT / "tools" / "web_search" / "tool.py",
                 ROOT / "tools" / "summarizing" / "tool.py"])
    for name in ("function_calling_system_prompt_template", "structured_output_template",
                 "website_summarizing_system_prompt", "general_summarizing_system_prompt", "summarizing_system_prompt_ocr"):
        p = got[name]
        assert p.syntax == "replace", (name, p.syntax)
        _check(p, consts[name], pattern)


def test_a_template_attribute_with_a_json_schema():
    """``Hermes2ProAgent.__init__`` sets ``self.sys_prompt_template = \"\"\"{system_prompt} <tools> {tools} ...
    {"properties": ...}\"\"\"`` and hands it to ``PromptTemplate.from_string``: two fields, the schema is text."""
    pattern = _pattern()
    tree = ast.parse((ROOT / "hermes_2_pro_agent.py").read_text(encoding="utf-8"))
    value = next(n.value.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                 and isinstance(n.targets[0], ast.Attribute) and n.targets[0].attr == "sys_prompt_template")
    got = _load([ROOT / "llm_prompt_template.py", ROOT / "hermes_2_pro_agent.py"])
    _check(got["Hermes2ProAgent.sys_prompt_template"], value, pattern)


def test_a_class_without_a_regex_filler_keeps_the_syntax_guess(tmp_path):
    """The same call with a class whose filler is ``str.format``: no regex slots, the template stays ``format``."""
    (tmp_path / "tpl.py").write_text(
        "class PromptTemplate:\n    def __init__(self, template_string=None):\n        self.template = template_string\n"
        "    @classmethod\n    def from_string(cls, s):\n        return cls(template_string=s)\n"
        "    def generate_prompt(self, fields):\n        return self.template.format(**fields)\n"
        "SYSTEM_PROMPT = 'You answer about {topic}. Reply in {lang}.'\n"
        "p = PromptTemplate.from_string(SYSTEM_PROMPT)\n", encoding="utf-8")
    p = _load([tmp_path / "tpl.py"])["SYSTEM_PROMPT"]
    assert p.syntax != "replace"

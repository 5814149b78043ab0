"""Prompts in Python that blind round 27 (Trace, ToolBench) missed or read with a wrong first variable, and the #12
eval's measure-21 Cradle prompt whose ``<$name$>`` slots the loader did not read (#11/#12, session 15; in-sample now).

Goldens come from the fixtures read with ``ast`` (the constants' values, the markers the code replaces, the keys the
code puts in the mapping) and tiktoken o200k, never from pcache.
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

import tiktoken

from pcache.analyzers.sources.interface import SourceOptions
from pcache.analyzers.sources.load import load_paths

FIX = Path(__file__).parent / "fixtures" / "python"
EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"
O200K = tiktoken.get_encoding("o200k_base")


def _load(paths: list[Path]) -> dict:
    return {p.container: p for p in load_paths([str(f) for f in paths], SourceOptions()).prompts}


def _before_first(prompt) -> str:
    first = prompt.variables[0]
    return "".join(s.text for s in prompt.segments[:prompt.segments.index(first)])


def _constants(path: Path) -> dict[str, str]:
    """Module-level string constants, implicit concatenation included (ast's value)."""
    out = {}
    for n in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str):
            out[n.targets[0].id] = n.value.value
    return out


# ---------------------------------------------------------------------------------------------- #11, blind round 27

def test_a_constant_in_a_list_a_prompt_function_returns_by_concatenation():
    """Trace ``construct_tgd_prompt`` returns ``gradient_context + [prompt]`` where ``gradient_context =
    [TGD_MULTIPART_PROMPT_INIT.format(**optimizer_kwargs)] + gradient_context``: the constant is a part of the prompt
    the function builds (str.format), though neither its name (``..._INIT``) nor its file says so."""
    path = FIX / "trace_textgrad_tgd.py"
    value = _constants(path)["TGD_MULTIPART_PROMPT_INIT"]
    head = next(lit for lit, field, _s, _c in string.Formatter().parse(value) if field is not None)
    got = _load([path])
    assert "TGD_MULTIPART_PROMPT_INIT" in got, sorted(got)
    p = got["TGD_MULTIPART_PROMPT_INIT"]
    assert p.syntax == "format"
    assert abs(len(O200K.encode(_before_first(p))) - len(O200K.encode(head))) <= 2


def test_brace_slots_filled_by_replace_leave_the_other_braces_as_text():
    """ToolBench ``rank2_subfix`` fills ``LLM_PAIRWISE_RANK_SUBFIX_SYSTEM_PROMPT`` (another file) with
    ``.replace("{task_description}", ...)`` and three more, and nothing formats it: its variables are those four
    markers, in the order the text has them, and ``{{TASK_DESCRIPTION}}`` / ``{{END_TASK_DESCRIPTION}}`` (never
    replaced) are text the model reads, not Jinja variables."""
    root = FIX / "toolbench_rank"
    prompts_file, caller = root / "Prompts" / "rank_prompts.py", root / "LLM_rank" / "rank_candidate.py"
    markers = [c.args[0].value for c in ast.walk(ast.parse(caller.read_text(encoding="utf-8")))
               if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "replace"]
    value = _constants(prompts_file)["LLM_PAIRWISE_RANK_SUBFIX_SYSTEM_PROMPT"]
    in_text_order = sorted(markers, key=value.index)
    got = _load([prompts_file, caller])
    p = got["LLM_PAIRWISE_RANK_SUBFIX_SYSTEM_PROMPT"]
    assert [v.text for v in p.variables] == in_text_order
    static = "".join(s.text for s in p.segments if s not in p.variables)
    assert "{{TASK_DESCRIPTION}}" in static and "{{END_TASK_DESCRIPTION}}" in static
    head = value[:value.index(in_text_order[0])]
    assert abs(len(O200K.encode(_before_first(p))) - len(O200K.encode(head))) <= 2


# ----------------------------------------------------------------------------------------- #12 measure-21, Cradle

def test_slots_named_by_the_keys_of_the_mapping_handed_with_the_template():
    """Cradle ``get_information_from_video``: ``assemble_prompt(template_str=magic_prompt, params=input)`` with
    ``input['image_introduction'] = ...`` and ``input['event'] = event``: the text's ``<$image_introduction$>`` and
    ``<$event$>`` are the slots the call fills (the measure-21 label's first variable is ``<$image_introduction$>``)."""
    path = EVAL / "cradle" / "cradle" / "environment" / "capcut" / "tool_skills" / "tools.py"
    fn = next(n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
              if isinstance(n, ast.FunctionDef) and n.name == "get_information_from_video")
    keys = [t.slice.value for n in ast.walk(fn) if isinstance(n, ast.Assign) for t in n.targets
            if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == "input"]
    text = next(n.value.value for n in ast.walk(fn) if isinstance(n, ast.Assign)
                and isinstance(n.targets[0], ast.Name) and n.targets[0].id == "magic_prompt")
    want = sorted(((text.index(f"<${k}$>"), f"<${k}$>") for k in keys))
    p = _load([path])["get_information_from_video.magic_prompt"]
    assert [v.text for v in p.variables][:1] == [want[0][1]]
    assert {v.text for v in p.variables} == {m for _i, m in want}
    assert abs(len(O200K.encode(_before_first(p))) - len(O200K.encode(text[:want[0][0]]))) <= 2


def test_a_key_written_in_quotes_is_not_a_slot(tmp_path):
    """The same call shape with the key only quoted in the prose (``the 'event' field``): a word quoted, not a
    placeholder; the text has no variable."""
    src = tmp_path / "quoted.py"
    src.write_text(
        "def ask(event, provider):\n"
        "    system_prompt = \"\"\"Read the JSON record below and report the 'event' field in one short sentence.\"\"\"\n"
        "    params = {}\n"
        "    params['event'] = event\n"
        "    return provider.assemble_prompt(template_str=system_prompt, params=params)\n",
        encoding="utf-8")
    p = _load([src])["ask.system_prompt"]
    assert p.variables == []

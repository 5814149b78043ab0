"""Prompts in Python that blind round 25 (optillm, HippoRAG) misread or misnamed (#11, session 13; in-sample now):
a constant every read of the scan sends as it is (its braces are text, not ``str.format`` fields), and a prompt
nested in a mapping named by its whole key path.

Goldens come from the fixtures read with ``ast`` (and tiktoken o200k for positions), never from pcache.
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

import tiktoken

from pcache.analyzers.sources.load import load_paths

FIX = Path(__file__).parent / "fixtures" / "python"
O200K = tiktoken.get_encoding("o200k_base")
MARS = FIX / "crossfile" / "optillm" / "mars"


def _constants(path: Path) -> dict[str, ast.Constant]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {t.id: n.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
            if isinstance(t, ast.Name) and isinstance(n.value, ast.Constant)}


def test_a_constant_sent_as_it_is_keeps_its_braces_as_text():
    """optillm MARS: ``MATHEMATICAL_SYSTEM_PROMPT`` ends with ``\\\\boxed{answer}`` and ``agent.py`` sends it as the
    system message's ``content`` as it is (no ``.format``), so the model reads ``{answer}`` as written: no variable.
    ``AGENT_EXPLORATION_PROMPT``, formatted in the same file (``.format(agent_id=..., ...)``), keeps its fields."""
    consts = _constants(MARS / "prompts.py")
    agent = (MARS / "agent.py").read_text(encoding="utf-8")
    assert "MATHEMATICAL_SYSTEM_PROMPT.format" not in agent and '"content": MATHEMATICAL_SYSTEM_PROMPT' in agent
    assert "{answer}" in consts["MATHEMATICAL_SYSTEM_PROMPT"].value
    got = {p.container: p for p in load_paths([str(MARS)]).prompts}
    system = got["MATHEMATICAL_SYSTEM_PROMPT"]
    assert system.variables == [] and system.role == "system"
    assert "".join(s.text for s in system.segments) == consts["MATHEMATICAL_SYSTEM_PROMPT"].value
    explore = got["AGENT_EXPLORATION_PROMPT"]
    text = consts["AGENT_EXPLORATION_PROMPT"].value
    fields = [f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f is not None]
    assert explore.syntax == "format" and [v.name for v in explore.variables] == fields
    head = text[:text.index("{" + fields[0] + "}")]
    before = "".join(s.text for s in explore.segments[:explore.segments.index(explore.variables[0])])
    assert abs(len(O200K.encode(before)) - len(O200K.encode(head))) <= 2


def test_a_constant_read_alone_still_shows_its_fields():
    """``prompts.py`` scanned alone says nothing of how the constant is used: its ``{answer}`` stays a field (the
    rule needs every read of the scan to send it as it is)."""
    got = {p.container: p for p in load_paths([str(MARS / "prompts.py")]).prompts}
    assert [v.name for v in got["MATHEMATICAL_SYSTEM_PROMPT"].variables] == ["answer"]


def test_a_prompt_nested_in_a_mapping_is_named_by_its_key_path():
    """HippoRAG ``best_dspy_prompt = {'prog': {..., 'signature': {'instructions': ...}, 'system': '...'}}`` (a saved
    DSPy program; the reranker sends ``dspy_saved['prog']['system']``): named ``best_dspy_prompt.prog.system``, as a
    config file's key path names its field, not ``best_dspy_prompt.system``."""
    path = FIX / "hipporag_filter_default_prompt.py"
    saved = ast.literal_eval(ast.parse(path.read_text(encoding="utf-8")).body[0].value)
    got = {p.container: p for p in load_paths([str(path)]).prompts}
    assert "best_dspy_prompt.system" not in got
    system = got["best_dspy_prompt.prog.system"]
    assert "".join(s.text for s in system.segments) == saved["prog"]["system"]
    assert system.variables == []  # sent as it is: its {question} is the DSPy field list's text
    assert "".join(s.text for s in got["best_dspy_prompt.prog.signature.instructions"].segments) \
        == saved["prog"]["signature"]["instructions"]


EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"


def _method(path: Path, cls: str, name: str) -> ast.FunctionDef:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    owner = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == cls) if cls else tree
    return next(n for n in ast.walk(owner) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name)


def test_a_role_and_a_text_given_to_a_history_method_are_a_message():
    """agenticSeek (#12 eval, measure-11): ``self.memory.push('user', self.search_prompt(user_prompt))`` gives a
    memory a chat role, then the text, the (role, content) pair of a message: what ``search_prompt`` returns is the
    user prompt (its name starts with ``search``, a verb the name rule reads as handling prompts, so only the use
    finds it).  First variable ``self.date``, after the text the f-string writes before it."""
    path = EVAL / "agenticseek" / "sources" / "agents" / "browser_agent.py"
    ret = next(n for n in ast.walk(_method(path, "BrowserAgent", "search_prompt")) if isinstance(n, ast.Return))
    head = ret.value.values[0].value
    assert ast.unparse(ret.value.values[1].value) == "self.date"
    assert "self.memory.push('user', self.search_prompt(user_prompt))" in path.read_text(encoding="utf-8")
    p = {p.container: p for p in load_paths([str(path)]).prompts}["BrowserAgent.search_prompt"]
    assert p.role == "user" and p.variables[0].expression == "self.date"
    before = "".join(s.text for s in p.segments[:p.segments.index(p.variables[0])])
    assert abs(len(O200K.encode(before)) - len(O200K.encode(head))) <= 2


def test_the_content_a_program_writes_into_a_message_dict():
    """mentat's revisor (#12 eval, measure-9): ``user_message["content"] = f"User Request:\\n{user_message.get(
    'content')}"`` rewrites the user message it then sends with the revisor's system prompt; the text is the user
    message's, named by the message (``revise_edit.user_message``)."""
    path = EVAL / "mentat" / "mentat" / "revisor" / "revisor.py"
    assign = next(n for n in ast.walk(_method(path, None, "revise_edit")) if isinstance(n, ast.Assign)
                  and isinstance(n.targets[0], ast.Subscript))
    head = assign.value.values[0].value
    p = {p.container: p for p in load_paths([str(path)]).prompts}["revise_edit.user_message"]
    assert p.role == "user" and p.variables[0].expression == ast.unparse(assign.value.values[1].value)
    before = "".join(s.text for s in p.segments[:p.segments.index(p.variables[0])])
    assert before == head and len(O200K.encode(before)) == len(O200K.encode(head))


def test_positional_fields_of_a_literal_formatted_in_place():
    """bambooai (#12 eval, measure-15): ``{"role": "user", "content": "Observation: {}".format(observation)}``: the
    bare ``{}`` of a literal formatted where it is written is the call's argument, ``observation`` (it was named
    ``0``, its position)."""
    path = EVAL / "bambooai" / "bambooai" / "google_search.py"
    call = next(n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute) and n.func.attr == "format"
                and isinstance(n.func.value, ast.Constant) and n.func.value.value.startswith("Observation"))
    p = {p.container: p for p in load_paths([str(path)]).prompts}["SmartSearchOrchestrator.perform_query.user"]
    assert p.syntax == "format" and [v.expression for v in p.variables] == [ast.unparse(a) for a in call.args]
    before = "".join(s.text for s in p.segments[:p.segments.index(p.variables[0])])
    assert before == call.func.value.value.split("{}")[0]


def test_a_pydantic_field_default_named_as_a_prompt():
    """agentscope (#12 eval, measure-5): ``summary_template: str = Field(default=("<system-info>Here is a summary of
    your previous work\\n# Task Overview\\n{task_overview}..."))``: pydantic's ``Field(default=...)`` gives the class
    attribute its value, so the name rule reads it as it reads ``summary_template: str = "..."``."""
    path = EVAL / "agentscope" / "agent" / "_config.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    stmt = next(n for n in ast.walk(tree) if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
                and n.target.id == "summary_template")
    text = next(k.value for k in stmt.value.keywords if k.arg == "default").value
    fields = [f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f is not None]
    p = {p.container: p for p in load_paths([str(path)]).prompts}["ContextConfig.summary_template"]
    assert [v.name for v in p.variables] == fields and fields[0] == "task_overview"
    before = "".join(s.text for s in p.segments[:p.segments.index(p.variables[0])])
    assert before == text[:text.index("{task_overview}")]

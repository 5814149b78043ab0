"""Prompts in Python whose first variable was lost in a longer text (#11; misses of #12's measure-29 on the eval
fixtures of AgentClinic and OpenCopilot, in-sample now): a literal formatted in place, ``"... {}.".format(x)``, added
to other text binds its ``{}`` to the call's argument; a local a loop rebuilds from itself (``tools = ""`` then
``tools = tools + ...`` in a ``for``) is a variable, not its first value ``""``.

Goldens: the text before the first variable is read from the file with ``ast`` and counted with tiktoken
(o200k), never taken from pcache.
"""
from __future__ import annotations

import ast
from pathlib import Path

import tiktoken

from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.tokenizer import tokenize_prompts

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"
AGENTCLINIC = EVAL / "agentclinic" / "agentclinic.py"
OPENCOPILOT = EVAL / "opencopilot" / "llm-server" / "routes" / "flow" / "utils" / "process_conversation_step.py"
O200K = tiktoken.get_encoding("o200k_base")


def scanned(path: Path) -> dict:
    return {p.container: p for p in load_paths([str(path)]).prompts}


def first_token(p) -> int:
    (tp,) = tokenize_prompts([p], O200K)
    return tp.first_variable.token


def local_value(path: Path, cls: str | None, func: str, name: str) -> ast.expr:
    """The value assigned to ``name`` in ``cls.func`` (the first assignment)."""
    tree = ast.parse(path.read_text())
    owner = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls) if cls else tree
    fn = next(n for n in ast.walk(owner) if isinstance(n, ast.FunctionDef) and n.name == func)
    return next(n.value for n in ast.walk(fn) if isinstance(n, ast.Assign)
                and isinstance(n.targets[0], ast.Name) and n.targets[0].id == name)


def test_a_literal_formatted_in_place_after_other_text():
    """AgentClinic ``PatientAgent.system_prompt``: ``base = "..."``, ``symptoms = "\\n\\nBelow is all of your
    information. {}. ...".format(self.symptoms)``, ``return base + bias_prompt + symptoms``: the ``{}`` is
    ``self.symptoms`` (it was read as a positional field ``0`` no call fills)."""
    got = scanned(AGENTCLINIC)
    for cls, local, first in (("PatientAgent", "symptoms", "self.symptoms"),
                              ("MeasurementAgent", "presentation", "self.information")):
        p = got[f"{cls}.system_prompt"]
        assert p.variables[0].name == first and p.variables[0].expression == first
        base = local_value(AGENTCLINIC, cls, "system_prompt", "base").value
        fmt = local_value(AGENTCLINIC, cls, "system_prompt", local).func.value.value
        head = base + fmt[:fmt.index("{}")]  # (PatientAgent's bias_prompt is "" unless a bias is configured)
        assert abs(first_token(p) - len(O200K.encode(head))) <= 2
    doctor = got["DoctorAgent.system_prompt"]  # base's "{} ... {}".format(self.MAX_INFS, self.infs)
    assert [v.name for v in doctor.variables[:2]] == ["self.MAX_INFS", "self.infs"]
    assert [v.name for v in doctor.variables][-1] == "self.presentation"


def test_a_local_a_loop_rebuilds_from_itself():
    """OpenCopilot ``is_it_informative_or_actionable``: ``actionable_tools = ""``, then in a double ``for`` loop
    ``actionable_tools = actionable_tools + " \\n API ({}): "... + dto.document.page_content``, then
    ``prompt = ("...The available tools:\\n    " + actionable_tools + ...)``: the tools are a variable after the
    examples (the prompt was read as all text)."""
    p = scanned(OPENCOPILOT)["is_it_informative_or_actionable.prompt"]
    assert p.role is None or p.role == "system"
    assert [v.name for v in p.variables] == ["actionable_tools"]
    head = local_value(OPENCOPILOT, None, "is_it_informative_or_actionable", "prompt").left.left.value
    assert abs(first_token(p) - len(O200K.encode(head))) <= 2


def test_a_local_given_once_or_added_to_with_plus_equals_is_read_as_before(tmp_path):
    """The rule reads only ``x = x + ...`` under a loop: ``x += ...`` keeps its first value and each added part; a
    local given once is inlined."""
    f = tmp_path / "a.py"
    f.write_text('from langchain.schema import SystemMessage\n\n\ndef go(docs, chat):\n    tools = ""\n'
                 '    for d in docs:\n        tools += d.text\n    head = "You classify requests. "\n'
                 '    prompt = head + "Tools:\\n" + tools + "\\nAnswer in JSON."\n'
                 '    return chat([SystemMessage(content=prompt)])\n')
    p = scanned(f)["go.prompt"]
    assert [v.name for v in p.variables] == ["d.text"]

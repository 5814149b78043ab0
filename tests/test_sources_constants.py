"""A string constant bound once, in the same file or imported from another file of the scan, is static
text of the prompt it is spliced into (README, "What counts as a prompt in code"): its value is the same
on every request, so the first variable is the next real one.  Names that can change stay variables.

Fixtures are real files (tests/fixtures/SOURCES.md).  Goldens: the constant's value read with ``ast``
from the fixture (never by pcache), counted with tiktoken directly."""

from __future__ import annotations

import ast
import shutil

import tiktoken

from conftest import ROOT

ONYX = ROOT / "tests" / "fixtures" / "agents" / "eval" / "onyx"
ENC = tiktoken.get_encoding("o200k_base")


def _module_string(path, name: str) -> str:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return next(n.value.value for n in tree.body if isinstance(n, ast.Assign)
                and getattr(n.targets[0], "id", None) == name)


def test_imported_constant_is_text_of_the_prompt(run_json, tmp_path):
    """Onyx ``chat/prompt_utils.py`` returns ``USER_INFORMATION_HEADER + "\\n".join(sections)`` with
    ``from onyx.prompts.user_info import USER_INFORMATION_HEADER`` (a string literal bound once in
    ``prompts/user_info.py``): the prompt starts with the header's text, and the first variable is the
    joined sections, after it."""
    root = tmp_path / "onyx"
    for rel in ("prompts/user_info.py", "chat/prompt_utils.py"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ONYX / rel, root / rel)
    header = _module_string(ONYX / "prompts" / "user_info.py", "USER_INFORMATION_HEADER")
    prompts = run_json("scan", root)["prompts"]
    mine = [p for p in prompts if p["file"].endswith("prompt_utils.py")
            and any("sections" in (v.get("expression") or v["name"]) for v in p["variables"])]
    assert mine, [(p["container"], p["first_variable"]) for p in prompts]
    fv = mine[0]["first_variable"]
    assert "USER_INFORMATION_HEADER" not in {v["name"] for v in mine[0]["variables"]}
    assert abs(fv["token"] - len(ENC.encode(header))) <= 2
    assert fv["line"] == 110  # the use: the join after the header


def _scan_first(run_json, root):
    return {p["container"]: (p["first_variable"]["name"], p["first_variable"]["token"])
            for p in run_json("scan", root)["prompts"] if p["first_variable"]}


def test_imported_names_that_can_change_stay_variables(run_json, tmp_path):
    """Reassigned, built from a call or from input, or shadowed by a parameter: the name stays a
    variable at token 0.  A constant bound once to a literal is text (the control)."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "consts.py").write_text(
        'import os\nFIXED = "You are a careful assistant."\nTWICE = "You are terse."\n'
        'TWICE = "You are verbose."\nCALLED = os.environ.get("PREAMBLE", "You are kind.")\n'
        'TYPED = input("preamble? ")\n')
    (pkg / "agent.py").write_text(
        "from .consts import FIXED, TWICE, CALLED, TYPED\n\n"
        "def fixed_prompt(task):\n    return f\"{FIXED} Answer the question below in one paragraph: {task}\"\n\n"
        "def twice_prompt(task):\n    return f\"{TWICE} Answer the question below in one paragraph: {task}\"\n\n"
        "def called_prompt(task):\n    return f\"{CALLED} Answer the question below in one paragraph: {task}\"\n\n"
        "def typed_prompt(task):\n    return f\"{TYPED} Answer the question below in one paragraph: {task}\"\n\n"
        "def shadow_prompt(FIXED, task):\n    return f\"{FIXED} Answer the question below in one paragraph: {task}\"\n")
    got = _scan_first(run_json, pkg)
    tail = len(ENC.encode("You are a careful assistant. Answer the question below in one paragraph:"))
    assert got["fixed_prompt"][0] == "task" and abs(got["fixed_prompt"][1] - tail) <= 2
    assert [got[k] for k in ("twice_prompt", "called_prompt", "typed_prompt", "shadow_prompt")] == \
        [("TWICE", 0), ("CALLED", 0), ("TYPED", 0), ("FIXED", 0)]


def test_same_file_constant_shadowed_by_a_parameter_stays_a_variable(run_json, tmp_path):
    f = tmp_path / "agent.py"
    f.write_text('POLICY = "Never share secrets."\n\n'
                 'def system_prompt(POLICY):\n    return f"{POLICY} Answer the question in one paragraph."\n\n'
                 'def user_prompt(task):\n    return f"{POLICY} Answer the question in one paragraph: {task}"\n')
    got = _scan_first(run_json, f)
    assert got["system_prompt"] == ("POLICY", 0)
    assert got["user_prompt"][0] == "task"

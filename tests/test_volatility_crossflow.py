"""Volatility from templates filled in ANOTHER file of the project (issue 12, ``analyzers/crossflow.py``).

Real code of public projects (tests/fixtures/SOURCES.md; tune-split projects of the evaluation only):
gpt-researcher builds its search-queries prompt in ``prompts.py`` and calls it from
``actions/query_processing.py``; Devika keeps each agent's Jinja template in ``prompt.jinja2`` and renders
it from the agent's ``.py`` file, which opens the template by its path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pcache.analyzers.crossflow.index import ProjectIndex
from pcache.analyzers.crossflow.project import project_class
from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.volatility import VolatilitySettings, classify, expression_of, variable_name
from flow_helpers import project_files as _files
from flow_helpers import fresh_classifier_cache  # noqa: F401 (an autouse fixture: runs around each test)

FIXTURES = Path(__file__).parent / "fixtures"
GPTR = FIXTURES / "agents" / "crossflow" / "gpt_researcher"
DEVIKA = FIXTURES / "agents" / "eval" / "devika" / "agents"


def _variable(path: Path, expression: str):
    for p in load_paths([str(path)]).prompts:
        for s in p.variables:
            if expression_of(s).strip() == expression:
                return s, p
    raise AssertionError(f"{expression} not read in {path}")


def test_a_parameter_is_classified_by_what_the_caller_in_another_file_passes():
    # prompts.py: def generate_search_queries_prompt(question, ..., max_iterations: int = 3, ...):
    #     return f"""Write {max_iterations} search queries ..."""
    # query_processing.py: prompt_family.generate_search_queries_prompt(..., max_iterations=cfg.max_iterations or 3)
    seg, p = _variable(GPTR / "prompts.py", "max_iterations")
    alone = classify(seg, p)
    assert alone.source == "name"  # without the project: only the name speaks
    got = classify(seg, p, VolatilitySettings(project=ProjectIndex(_files(GPTR))))
    assert (got.cls, got.source) == ("per-config", "expression")
    assert "query_processing.py" in got.evidence and "cfg.max_iterations" in got.evidence


def test_a_caller_passing_only_another_parameter_leaves_the_variables_own_name_to_decide():
    # {context}: generate_sub_queries passes its own parameter ``context``, which plan_research_outline fills
    # with its parameter ``search_results``: two levels of names, no code that computes the value
    seg, p = _variable(GPTR / "prompts.py", "context")
    project = ProjectIndex(_files(GPTR))
    assert project_class(seg, p, "context", "context", project) is None
    # ``context`` is an ambiguous name (volatility.AMBIGUOUS): the file's own provenance decides, a
    # parameter of the function that builds the prompt, supplied by each call
    got = classify(seg, p, VolatilitySettings(project=project))
    assert got.cls == "per-request" and "a parameter of" in got.evidence, got


@pytest.mark.parametrize("agent, variable, filler", [
    ("planner", "prompt", "planner.py:14"),
    ("decision", "prompt", "decision.py:17"),
    ("formatter", "raw_text", "formatter.py:14"),
])
def test_a_template_file_is_linked_to_the_code_that_opens_it_by_its_path(agent, variable, filler):
    # planner.py: PROMPT = open("src/agents/planner/prompt.jinja2").read().strip()
    #             template = env.from_string(PROMPT); return template.render(prompt=prompt)
    from pcache.analyzers.crossflow.project import py_fill_class

    (p,) = load_paths([str(DEVIKA / agent / "prompt.jinja2")]).prompts
    assert variable_name(p.variables[0]) == variable
    got = py_fill_class(p, variable, ProjectIndex(_files(DEVIKA)))
    assert got is not None and filler in got[1], got
    # planner and decision both render a ``prompt`` variable of a ``prompt.jinja2``: each template is
    # filled only by the file that opens ITS path (the folder is part of the link)
    others = [f for f in ("planner.py", "decision.py") if not filler.startswith(f)]
    assert not any(o in got[1] for o in others)


def test_the_index_reads_each_file_once_and_only_the_files_of_the_scan():
    project = ProjectIndex(_files(GPTR))
    assert all(Path(p).suffix == ".py" for p in project.paths)
    first = project.py(project.paths[0])
    assert project.py(project.paths[0]) is first  # parsed once
    assert project.mentioning("generate_search_queries_prompt") == project.paths  # both files name it
    assert project.mentioning("plan_research_outline") == [str((GPTR / "query_processing.py").resolve())]
    assert ProjectIndex([str(GPTR / "prompts.py")]).mentioning("cfg") == []  # the other file is not scanned


TASKWEAVER = FIXTURES / "agents" / "eval" / "taskweaver"


def test_a_template_under_a_yaml_key_is_filled_through_the_attribute_the_code_keeps_it_in():
    # planner.py names "planner_prompt.yaml", keeps its "instruction_template" key in
    # self.instruction_template and calls .format(environment_context=context) on it; ``context`` is a
    # parameter, passed as self.get_env_context(), which returns f"- Current time: {current_time}" with
    # current_time = now.strftime("%Y-%m-%d %H:%M:%S").  (A measure-4 fixture: its labels were committed
    # before this rule was written, and this test after reading its misses.)
    from pcache.analyzers.crossflow.project import py_fill_class

    (p,) = [p for p in load_paths([str(TASKWEAVER / "planner" / "planner_prompt.yaml")]).prompts
            if p.container == "instruction_template"]
    got = py_fill_class(p, "environment_context", ProjectIndex(_files(TASKWEAVER)))
    assert got is not None and got[0] == "per-turn", got
    assert "planner.py" in got[1] and "get_env_context() returns" in got[1] and "%H:%M:%S" in got[1]


def test_a_data_file_key_is_not_linked_to_code_that_does_not_name_the_file():
    from pcache.analyzers.crossflow.project import py_fill_class

    (p,) = [p for p in load_paths([str(TASKWEAVER / "planner" / "planner_prompt.yaml")]).prompts
            if p.container == "instruction_template"]
    only_generator = [f for f in _files(TASKWEAVER) if "planner" not in f] + [str(p.path)]
    assert py_fill_class(p, "environment_context", ProjectIndex(only_generator)) is None


@pytest.mark.parametrize("template, expected", [
    ("You are {{ role }}. Your goal: {{ goal }}\n", "per-config"),  # CrewAI's agent definition
    ("Goals:\n{{ goal }}\nConstraints:\n{{ constraints }}\n", "per-config"),  # SuperAGI's
    ("High level objective: {{ goal }}\nCurrent task: {{ task }}\n", "per-request"),  # AgentGPT's run goal
])
def test_an_ambiguous_name_is_decided_by_the_fields_around_it(tmp_path, template, expected):
    p = tmp_path / "t.j2"
    p.write_text(template)
    (prompt,) = load_paths([str(p)]).prompts
    goal = next(s for s in prompt.variables if variable_name(s) == "goal")
    got = classify(goal, prompt)
    assert got.cls == expected, got
    if expected == "unknown":
        assert got.effective == "per-request"

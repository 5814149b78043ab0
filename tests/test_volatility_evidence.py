"""Evidence that generalises (issue 12, thirteenth round; PC101.md "the order of evidence, kept"): rules read
from the structure of the code (a field of a passed object, what a template engine gives an included
template, what a loop of a template binds, text a project ships, when a value is computed) rather than from
names.  Each test runs on the real files of a project (tests/fixtures/SOURCES.md) and failed before its rule.
All of them were written from the misses of measure-13 and measure-14: in-sample.
"""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache, write_files  # noqa: F401

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"


def test_a_field_of_a_passed_object_is_read_by_its_name_before_the_parameters_default():
    # Potpie: _create_task_description(self, task_config, ctx: ChatContext) renders `Project ID: {ctx.project_id}`;
    # ctx is only a parameter ("supplied by each call", the default), which says nothing of one field of an
    # object that carries the project, the user and the query together: the field's name decides (the project)
    root = EVAL / "potpie"
    got = classify_in_project(root / "app/modules/intelligence/agents/chat_agents/pydantic_agent.py",
                              "PydanticRagAgent._create_task_description", "project_id", root)
    assert got.cls == "per-user" and "ctx is a parameter" in got.evidence, got
    # Magnitude (TS): buildProjectContext(ctx: SessionContext) -> 'Working directory: ' + ctx.cwd
    root = EVAL / "magnitude"
    got = classify_in_project(root / "packages/agent/src/prompts/session-context.ts",
                              "buildProjectContext.content", "cwd", root)
    assert got.cls == "per-user", got


def test_a_field_whose_name_says_nothing_keeps_the_parameters_default(tmp_path):
    write_files(tmp_path, {"p.py": '''
        def build_prompt(req):
            system_prompt = f"""You answer questions about {req.language} code. Be brief and exact."""
            return system_prompt
        '''})
    got = classify_in_project(tmp_path / "p.py", "build_prompt.system_prompt", "language", tmp_path)
    assert got.cls == "per-request" and "supplied by each call" in got.evidence, got

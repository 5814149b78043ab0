"""Evidence that generalises (issue 12, thirteenth round; PC101.md "the order of evidence, kept"): rules read
from the structure of the code (a field of a passed object, what a template engine gives an included
template, what a loop of a template binds, text a project ships, when a value is computed) rather than from
names.  Each test runs on the real files of a project (tests/fixtures/SOURCES.md) and failed before its rule.
All of them were written from the misses of measure-13 and measure-14: in-sample.
"""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache, project_files, write_files  # noqa: F401

from pcache.analyzers.crossflow import ProjectIndex
from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.volatility import VolatilitySettings, classify, variable_name

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"


def classify_exact(prompt_file: Path, container: str, variable: str, project: Path):
    """The class of the variable named exactly ``variable`` in prompt ``container``."""
    for p in load_paths([str(prompt_file)]).prompts:
        for s in p.variables if (p.container or "") == container else ():
            if variable_name(s) == variable:
                return classify(s, p, VolatilitySettings(project=ProjectIndex(project_files(project))))
    raise AssertionError(f"{variable} of {container} not read in {prompt_file}")


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


def test_a_name_bound_by_a_jinja_for_is_an_item_of_what_it_walks():
    # HolmesGPT prometheus_instructions.jinja2: {% for key, value in config.additional_labels.items() %} ...
    # {{ key }}="{{ value }}": the toolset's configured labels (Jinja2: a for loops over each item of a sequence)
    root = EVAL / "holmesgpt"
    got = classify_exact(root / "holmes/plugins/toolsets/prometheus/prometheus_instructions.jinja2", "", "key", root)
    assert got.cls == "per-config" and "config.additional_labels.items()" in got.evidence \
        and "line 76" in got.evidence, got


def test_a_jinja_loop_over_the_request_gives_request_items(tmp_path):
    write_files(tmp_path, {
        "prompts/answer.jinja2": "Answer each of these questions in turn, citing the sources you used:\n"
                                 "{% for q in questions %}\n- {{ q.text }}\n{% endfor %}\n",
        "app.py": """
            from jinja2 import Template
            def answer(questions, app_config):
                return Template(open("prompts/answer.jinja2").read()).render(questions=questions)
            """,
    })
    got = classify_exact(tmp_path / "prompts/answer.jinja2", "", "q.text", tmp_path)
    assert got.cls == "per-request" and "questions" in got.evidence, got


def test_an_included_template_is_filled_where_its_includer_is():
    # HolmesGPT: _general_instructions.jinja2 holds {{ cluster_name }}; generic_ask_conversation.jinja2 includes it
    # and holmes/core/conversations.py fills that one (load_and_render_prompt("builtin://generic_ask_conversation
    # .jinja2", {"cluster_name": config.cluster_name, ...})); Jinja2: an included template sees the active context
    root = EVAL / "holmesgpt"
    got = classify_exact(root / "holmes/plugins/prompts/_general_instructions.jinja2", "", "cluster_name", root)
    assert got.cls == "per-config" and "config.cluster_name" in got.evidence and "conversations.py" in got.evidence, got


def test_a_template_not_included_by_a_filled_one_gets_nothing_from_it(tmp_path):
    write_files(tmp_path, {
        "prompts/partial.jinja2": "You are running on cluster {{ cluster_name }}. Use the tools you have.\n",
        "prompts/main.jinja2": "You are a helpful assistant for the operators of this cluster.\n",
        "app.py": """
            from jinja2 import Template
            def ask(config):
                return Template(open("prompts/main.jinja2").read()).render(cluster_name=config.cluster_name)
            """,
    })
    got = classify_exact(tmp_path / "prompts/partial.jinja2", "", "cluster_name", tmp_path)
    assert got.cls == "unknown", got

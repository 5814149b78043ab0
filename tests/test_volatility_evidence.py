"""Evidence that generalises (issue 12, thirteenth round; PC101.md "the order of evidence, kept"): rules read
from the structure of the code (a field of a passed object, what a template engine gives an included
template, what a loop of a template binds, text a project ships, when a value is computed) rather than from
names.  Each test runs on the real files of a project (tests/fixtures/SOURCES.md) and failed before its rule.
All of them were written from the misses of measure-13 and measure-14: in-sample.
"""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache, project_files, write_files  # noqa: F401

from pcache.analyzers.crossflow.index import ProjectIndex
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


def test_a_parameter_defaulted_to_a_named_constant_is_a_knob_of_the_function():
    # loopgpt: Agent.__init__(self, name=DEFAULT_AGENT_NAME, ...): self.name = name, `You are {self.name}, ...`;
    # a CONSTANT_CASE default (PEP 8's module constant) is as fixed as the literal it names (def f(topn=3))
    root = EVAL / "loopgpt"
    got = classify_exact(root / "loopgpt/agent.py", "Agent.persona_prompt", "self.name", root)
    assert got.cls == "per-config" and "DEFAULT_AGENT_NAME" in got.evidence, got


def test_a_parameter_defaulted_to_none_is_no_knob(tmp_path):
    write_files(tmp_path, {"p.py": '''
        def build_prompt(topic=None):
            system_prompt = f"""Write a short essay about {topic}. Keep it under three paragraphs."""
            return system_prompt
        '''})
    got = classify_exact(tmp_path / "p.py", "build_prompt.system_prompt", "topic", tmp_path)
    assert got.cls != "per-config", got


def test_a_template_file_named_by_a_path_joined_to_it_is_filled_there():
    # kimi-cli read.py: load_desc(Path(__file__).parent / "read.md", {"MAX_LINES": MAX_LINES, ...}) with
    # MAX_LINES = 1000 at the module's top: the path's last part names read.md
    root = EVAL / "kimi-cli"
    got = classify_exact(root / "src/kimi_cli/tools/file/read.md", "", "MAX_LINES", root)
    assert got.cls == "constant" and "read.py" in got.evidence, got


def test_a_field_of_an_fstring_joined_to_a_format_template_is_read_where_it_is_written():
    # mini-agi: PROMPT = f"You are an autonomous agent running on {operating_system}." + '''...{objective}...''',
    # operating_system = platform.platform() at the top of miniagi.py, a script its user runs
    # (`if __name__ == "__main__":` reads sys.argv), which wins over the Dockerfile beside it
    root = EVAL / "mini-agi"
    got = classify_exact(root / "miniagi.py", "PROMPT", "operating_system", root)
    assert got.cls == "per-user" and "platform.platform" in got.evidence and "miniagi.py is a script" in got.evidence, got


def test_a_script_whose_main_block_starts_a_server_is_a_service(tmp_path):
    write_files(tmp_path, {
        "Dockerfile": "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"app.py\", \"--port\", \"8000\"]\n",
        "app.py": '''
            import argparse, platform
            import uvicorn
            SYSTEM_PROMPT = f"""You are the support assistant of this service, running on {platform.system()}."""
            if __name__ == "__main__":
                args = argparse.ArgumentParser().parse_args()
                uvicorn.run("app:api", port=8000)
            ''',
    })
    got = classify_exact(tmp_path / "app.py", "SYSTEM_PROMPT", "platform.system()", tmp_path)
    assert got.cls == "per-config", got


def test_a_tag_replaced_by_shipped_text_in_js_is_constant():
    # Magnitude: engineer.txt opens with {{WORKER_BASE}}; packages/roles/src/prompt.ts definePrompt():
    # raw.replaceAll('{{WORKER_BASE}}', workerBaseRaw) with `import workerBaseRaw from
    # './prompts/shared/worker-base.txt' with { type: 'text' }`: text the project ships
    root = EVAL / "magnitude"
    got = classify_exact(root / "packages/roles/src/prompts/engineer.txt", "", "WORKER_BASE", root)
    assert got.cls == "constant" and "worker-base.txt" in got.evidence, got


def test_a_tag_replaced_by_a_runtime_value_in_js_takes_that_value(tmp_path):
    write_files(tmp_path, {
        "prompts/system.txt": "You are a coding assistant working for {{USER_NAME}} on this machine.\n",
        "src/load.ts": """
            import os from 'node:os'
            import systemRaw from '../prompts/system.txt' with { type: 'text' }
            export const system = systemRaw.replaceAll('{{USER_NAME}}', os.userInfo().username)
            """,
    })
    got = classify_exact(tmp_path / "prompts/system.txt", "", "USER_NAME", tmp_path)
    assert got.cls == "per-user", got


def test_a_typed_parameters_field_is_what_the_functions_declared_to_make_that_type_put_there():
    # Magnitude: buildSessionContextContent(ctx: SessionContext) -> 'Full name: ' + ctx.fullName; in
    # collect-session-context.ts collectSessionContext(): Promise<Omit<SessionContext, ...>> returns
    # { ..., fullName: userInfo.fullName }, with [.., userInfo, ..] = await Promise.all([.., collectUserInfo(platform),
    # ..]) and collectUserInfo reading the OS account (process.env.USER, `id -F`): the user's
    root = EVAL / "magnitude"
    got = classify_exact(root / "packages/agent/src/prompts/session-context.ts", "buildSessionContextContent.content",
                         "ctx.fullName", root)
    assert got.cls == "per-user" and "collectSessionContext" in got.evidence and "userInfo" in got.evidence, got


def test_a_typed_parameter_made_from_the_request_is_the_requests(tmp_path):
    write_files(tmp_path, {
        "src/ticket.ts": """
            export interface Ticket { subject: string; priority: number }
            export async function readTicket(req: Request): Promise<Ticket> {
              const { subject } = await req.json()
              return { subject, priority: 1 }
            }
            """,
        "src/prompt.ts": """
            import type { Ticket } from './ticket'
            export function buildSystemPrompt(t: Ticket): string {
              const systemPrompt = `You triage support tickets for the help desk. Ticket: ${t.subject}.`
              return systemPrompt
            }
            """,
    })
    got = classify_exact(tmp_path / "src/prompt.ts", "buildSystemPrompt.systemPrompt", "t.subject", tmp_path)
    assert got.cls == "per-request" and "readTicket" in got.evidence, got


def test_what_a_fetch_returns_answers_the_body_it_sends_not_the_address():
    # open-lovable: intentResponse = await fetch(`${process.env.NEXT_PUBLIC_APP_URL || ...}/api/analyze-edit-intent`,
    # { method: 'POST', body: JSON.stringify({ prompt, manifest, model }) }); const { searchPlan } = await
    # intentResponse.json(): the plan answers this edit request's prompt (read from request.json()), whatever
    # server the environment names
    root = EVAL / "open-lovable"
    for p in load_paths([str(root / "app/api/generate-ai-code-stream/route.ts")]).prompts:
        if p.container == "POST.systemPrompt":
            seg = next(s for s in p.variables if variable_name(s).startswith("searchPlan"))
            got = classify(seg, p, VolatilitySettings(project=ProjectIndex(project_files(root))))
            break
    assert got.cls == "per-request" and "the response to fetch" in got.evidence, got


def test_a_fetch_without_a_body_keeps_what_its_call_says(tmp_path):
    write_files(tmp_path, {"src/route.ts": """
        export async function POST(req: Request) {
          const res = await fetch(`${process.env.POLICY_URL}/policy`)
          const { policy } = await res.json()
          const systemPrompt = `You are the support assistant. Follow this policy exactly: ${policy}`
          return systemPrompt
        }
        """})
    got = classify_exact(tmp_path / "src/route.ts", "POST.systemPrompt", "policy", tmp_path)
    assert got.cls == "per-config", got

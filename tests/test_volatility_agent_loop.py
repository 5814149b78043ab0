"""The agent loop (issue 12, eleventh round; PC101.md "the agent loop"): a value the loop that calls the model
produces at a pass (the model's reply, the result or error of the tool it ran, feedback on this step) is
per-turn, wherever the message holding it is rendered: in the loop itself, in a helper the loop calls, or in a
template function of another file that the loop (or that helper) calls with it.  Values fixed before the loop
keep their own class.  Each test runs on the real files of a project (tests/fixtures/SOURCES.md) and failed
before its rule.
"""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache, write_files  # noqa: F401

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"
KAIBAN = EVAL / "kaibanjs"
PROMPTS = KAIBAN / "src" / "utils" / "prompts.ts"
_P = "REACT_CHAMPION_AGENT_DEFAULT_PROMPTS."


def test_a_tool_result_presented_by_a_call_is_the_loops_value():
    # KaibanJS: TOOL_RESULT_FEEDBACK({ toolResult }) => `...${JSON.stringify(toolResult)}`, called in the
    # agentic loop with toolResult: toolResponse.result, toolResponse = await this.executeUsingTool(...) in the
    # same pass.  JSON.stringify only presents its argument; the method's name (a *tool*) settles nothing.
    got = classify_in_project(PROMPTS, _P + "TOOL_RESULT_FEEDBACK.prompt", "toolResult", KAIBAN)
    assert got.cls == "per-turn" and "bound anew at every pass of the loop" in got.evidence, got


def test_a_value_a_helper_of_the_loop_destructures_from_its_parameters_is_the_loops_value():
    # KaibanJS: INVALID_OUTPUT_SCHEMA_FEEDBACK is rendered by handleIssuesParsingSchemaOutput(params), whose
    # `const { output } = params` passes output.parsedLLMOutput.outputSchemaErrors; the loop calls the helper
    # with output: thinkingResult, the result of this pass's model call
    got = classify_in_project(PROMPTS, _P + "INVALID_OUTPUT_SCHEMA_FEEDBACK.prompt", "outputSchemaError", KAIBAN)
    assert got.cls == "per-turn" and "reactChampionAgent.ts:390" in got.evidence, got


def test_values_fixed_before_the_loop_keep_their_class():
    # the same messages name the agent (a parameter of the loop, made before it): not per-turn
    got = classify_in_project(PROMPTS, _P + "INITIAL_MESSAGE.prompt", "agent.name", KAIBAN)
    assert got.cls == "per-config", got


def test_a_part_of_a_request_object_is_not_moved_by_the_object(tmp_path):
    # a part of an object the callers pass (task.outputSchema) is not given the object's class: only an
    # object made at each pass of a loop moves its parts
    write_files(tmp_path, {
        "prompts.ts": """
            export const PROMPTS = {
              SCHEMA: ({ schema }: { schema: string }) => {
                const prompt = `Answer in this schema: ${schema}. Then stop.`;
                return prompt;
              },
            };
            """,
        "agent.ts": """
            import { PROMPTS } from "./prompts";
            export function start(params: { task: { schema: string; text: string } }) {
              const { task } = params;
              return PROMPTS.SCHEMA({ schema: task.schema });
            }
            """,
    })
    got = classify_in_project(tmp_path / "prompts.ts", "PROMPTS.SCHEMA.prompt", "schema", tmp_path)
    assert got.cls != "per-turn", got


# ------------------------------------------------------------------ the process's machine, by the packaging

def _machine_value(expr: str, path: Path, line: int, project: Path):
    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.model import Prompt, Segment
    from pcache.analyzers.volatility import VolatilitySettings, classify

    from flow_helpers import project_files

    seg = Segment("{" + expr + "}", "variable", name=expr, expression=expr, line=line, verbatim=True)
    prompt = Prompt(str(path), str(path), [seg], kind="template", syntax="fstring")
    return classify(seg, prompt, VolatilitySettings(project=ProjectIndex(project_files(project))))


def test_the_machine_of_a_service_is_the_deployments():
    # ii-agent's GAIA prompt, `Operating system: {platform.system()}`: its pyproject.toml depends on fastapi
    # (a WebSocket server); anthropic-quickstarts' computer-use demo runs in the container of its Dockerfile
    root = EVAL / "ii-agent"
    got = _machine_value("platform.system()", root / "src/ii_agent/prompts/gaia_system_prompt.py", 8, root)
    assert got.cls == "per-config" and "depends on fastapi" in got.evidence, got
    root = EVAL / "anthropic-quickstarts"
    got = _machine_value("platform.machine()", root / "computer-use-demo/computer_use_demo/loop.py", 55, root)
    assert got.cls == "per-config" and "Dockerfile" in got.evidence, got


def test_the_machine_of_a_program_its_user_runs_is_the_users():
    # ai-shell's package.json declares `bin`: the CLI runs on its user's machine
    root = EVAL / "ai-shell"
    got = _machine_value("os.platform()", root / "src/helpers/os-detect.ts", 8, root)
    assert got.cls == "per-user" and "declares `bin`" in got.evidence, got


def test_manifests_nearest_first_and_an_entry_point_over_a_container(tmp_path):
    from pcache.analyzers.packaging import program_kind

    write_files(tmp_path, {
        "Dockerfile": "FROM python:3.12\n",
        "pyproject.toml": '[project]\nname = "tool"\ndependencies = ["flask>=3"]\n\n'
                          '[project.scripts]\ntool = "tool.cli:main"\n',
        "tool/cli.py": "import platform\n",
        "web/package.json": '{"name": "web", "dependencies": {"next": "14.0.0"}}\n',
        "web/app/route.ts": "export const x = 1;\n",
        "plain/x.py": "",
    })
    assert program_kind(str(tmp_path / "tool/cli.py"), str(tmp_path))[0] == "user"  # scripts win in one folder
    assert program_kind(str(tmp_path / "web/app/route.ts"), str(tmp_path))[0] == "service"  # nearest first
    assert program_kind(str(tmp_path / "plain/x.py"), str(tmp_path / "plain")) is None  # stops at the root
    # no entry point, no container: a web framework among the dependencies (extras hold brackets too)
    (tmp_path / "Dockerfile").unlink()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "svc"\ndependencies = [\n    "uvicorn[standard]>=0.29",\n]\n')
    from pcache.analyzers.packaging import clear_cache

    clear_cache()
    assert program_kind(str(tmp_path / "plain/x.py"), str(tmp_path)) == \
        ("service", "pyproject.toml depends on uvicorn (a web server)")


# ------------------------------------------------------------------------------- what the code as written fixes

def test_a_value_overwritten_before_the_use_is_what_the_use_sees():
    # micro-agent visual-generate.ts: `let visualTestResult = USE_VISUAL_TEST && (await visualTest(options))`,
    # then `visualTestResult = 'The "get started" and "login" buttons ...'` at the function's top level, then
    # the template's `${visualTestResult || 'Make the code match ...'}`: always that literal
    root = EVAL / "micro-agent"
    got = classify_in_project(root / "src/helpers/visual-generate.ts", "visualGenerate.userPrompt",
                              "visualTestResult", root)
    assert got.cls == "constant", got


def test_a_value_assigned_again_under_a_condition_or_after_the_use_is_no_overwrite_and_a_loop_carries_it(tmp_path):
    write_files(tmp_path, {"agent.ts": """
        export async function build(task: string, check: () => Promise<string>) {
          let hint = await check();
          hint = "Look at the failing test first.";
          if (task.length > 100) {
            hint = await check();
          }
          const systemPrompt = `You are a careful coding agent. Hint: ${hint}. Follow the task.`;
          return systemPrompt;
        }

        export async function loop(task: string, check: () => Promise<string>) {
          let note = "none yet";
          while (task) {
            const systemPrompt = `You are a careful coding agent. Note: ${note}. Follow the task.`;
            console.log(systemPrompt);
            note = await check();
          }
        }
        """})
    got = classify_in_project(tmp_path / "agent.ts", "build.systemPrompt", "hint", tmp_path)
    assert got.cls != "constant", got
    # declared before the loop, re-assigned in it after the use: what one pass left, carried to the next
    got = classify_in_project(tmp_path / "agent.ts", "loop.systemPrompt", "note", tmp_path)
    assert got.cls == "per-turn" and "carried from one pass to the next" in got.evidence, got


def test_a_data_file_the_project_imports_is_the_deployments():
    # anthropic-quickstarts customer-support-agent: `import customerSupportCategories from
    # "@/app/lib/customer_support_categories.json"`, then `${customerSupportCategories.categories.length}`
    root = EVAL / "anthropic-quickstarts"
    got = classify_in_project(root / "customer-support-agent/app/api/chat/route.ts", "POST.categoriesContext",
                              "customerSupportCategories", root)
    assert got.cls == "per-config" and "customer_support_categories.json" in got.evidence, got


def test_a_module_the_project_imports_is_no_data_file(tmp_path):
    write_files(tmp_path, {
        "customers.ts": "export const customers = await fetch('/api/customers').then((r) => r.json());\n",
        "route.ts": """
            import customers from "./customers";
            export function POST() {
              const systemPrompt = `You are a support agent. Known customers: ${customers.length}. Answer.`;
              return systemPrompt;
            }
            """,
    })
    got = classify_in_project(tmp_path / "route.ts", "POST.systemPrompt", "customers", tmp_path)
    assert got.cls != "per-config" or "data file" not in got.evidence, got


def test_python_a_value_overwritten_before_the_use_is_what_the_use_sees(tmp_path):
    # the same principle in Python (as micro-agent's visualTestResult in TS): the last assignment every path
    # to the use passes decides; one under a condition after it, or one after the use, does not
    write_files(tmp_path, {"agent.py": '''
        import time


        def build(task):
            hint = time.time()
            hint = "Look at the failing test first."
            system_prompt = f"You are a careful coding agent. Hint: {hint}. Follow the task."
            return system_prompt


        def choose(task):
            hint = "Look at the failing test first."
            if len(task) > 100:
                hint = time.time()
            system_prompt = f"You are a careful coding agent. Hint: {hint}. Follow the task."
            return system_prompt
        '''})
    got = classify_in_project(tmp_path / "agent.py", "build.system_prompt", "hint", tmp_path)
    assert got.cls == "constant", got
    got = classify_in_project(tmp_path / "agent.py", "choose.system_prompt", "hint", tmp_path)
    assert got.cls != "constant", got


def test_an_operand_made_at_a_pass_makes_a_defaulted_value_move():
    # KaibanJS: TOOL_ERROR_FEEDBACK({ toolName }) rendered by handleUsingToolError(params) with
    # `toolName: parsedLLMOutput.action ?? tool.name`; the loop passes `parsedLLMOutput`, this pass's parse of
    # the model's reply: the tool the model asked for at this step
    got = classify_in_project(PROMPTS, _P + "TOOL_ERROR_FEEDBACK.prompt", "toolName", KAIBAN)
    assert got.cls == "per-turn" and "bound anew at every pass of the loop" in got.evidence, got


def test_a_function_of_the_file_is_what_it_returns_and_the_machine_is_the_users_in_a_cli():
    # ai-shell completion.ts: `${getOperationSystemDetails()}` with `function getOperationSystemDetails() {
    # const os = require('@nexssp/os/legacy'); return os.name(); }`, in a CLI (`bin` in package.json)
    root = EVAL / "ai-shell"
    got = classify_in_project(root / "src/helpers/completion.ts", "generationDetails", "getOperationSystemDetails",
                              root)
    assert got.cls == "per-user" and "returns os.name()" in got.evidence and "`bin`" in got.evidence, got


def test_an_optional_field_nothing_sets_is_constant_as_written(tmp_path):
    # micro-agent run.ts: `type Options = { ...; priorCode?: string; ... }` and addLogsToCode(options) renders
    # `<code>${options.priorCode}</code>`; no file of the scan sets priorCode: always undefined as written
    root = EVAL / "micro-agent"
    got = classify_in_project(root / "src/helpers/run.ts", "addLogsToCode.codeWithLogs.getSimpleCompletion"
                              ".messages[1].content", "options.priorCode", root)
    assert got.cls == "constant" and "no file of the scan sets" in got.evidence, got
    # the same field set by a caller is no constant
    write_files(tmp_path, {
        "run.ts": """
            type Options = { task: string; priorCode?: string };
            export function fix(options: Options) {
              const systemPrompt = `You are a careful coding agent. Fix this code: ${options.priorCode}. Then stop.`;
              return systemPrompt;
            }
            """,
        "cli.ts": """
            import { fix } from "./run";
            export function main(code: string) {
              return fix({ task: "fix", priorCode: code });
            }
            """,
    })
    got = classify_in_project(tmp_path / "run.ts", "fix.systemPrompt", "options.priorCode", tmp_path)
    assert got.cls != "constant", got


def test_a_chat_routes_category_list_comes_from_a_data_file():
    # anthropic-quickstarts customer-support-agent: the route's categories come from a JSON file the deployment
    # ships (`import customerSupportCategories from "./categories.json"`), not from the request
    root = EVAL / "anthropic-quickstarts"
    got = classify_in_project(root / "customer-support-agent/app/api/chat/route.ts", "POST.categoriesContext",
                              "categoryListString", root)
    assert got.cls == "per-config", got


CODE = Path(__file__).parent / "fixtures" / "code"


def test_the_first_message_and_a_conversation_record_do_not_move_with_the_conversation():
    # twinny (fixtures/code, never in the eval): its title prompt renders the conversation's first message,
    # `messages[0].content`, fixed once the conversation has started: not per-turn
    root = CODE / "twinny"
    got = classify_in_project(root / "src/extension/conversation-history.ts",
                              "ConversationHistory._generateTitleWithLlm.prompt", "firstMessage", root)
    assert got.cls != "per-turn", got
    # ai-town: `prev = new Date(conversation.created)`, a property of an earlier conversation's record
    root = CODE / "ai-town"
    got = classify_in_project(root / "conversation.ts", "previousConversationPrompt.prompt", "prev", root)
    assert "the conversation each call carries" not in got.evidence, got


def test_a_name_declared_in_two_blocks_is_the_one_the_use_sees():
    # anthropic-quickstarts financial-data-analyst: `const textContent = decodeURIComponent(escape(atob(base64)))`
    # in the block of the attached text file, rendered there; a later `const textContent =
    # response.content.find(...)` of the outer block is another name (the model's answer, after the prompt)
    root = EVAL / "anthropic-quickstarts"
    got = classify_in_project(root / "financial-data-analyst/app/api/finance/route.ts", "POST.content[0].text",
                              "textContent", root)
    assert "response" not in got.evidence and got.cls != "per-turn", got


def test_python_the_first_message_is_per_request_and_the_last_per_turn(tmp_path):
    # the JS rule's Python side: a message at a fixed place from the start of the conversation is the same at
    # every turn of it; what the function computes from the list as it grows (its last item) moves.  The first
    # message is the request that opened the conversation: per-request ("then stable for the conversation it
    # starts", issue 12; per-session until convention12, wrong on both eval rows it decided, OmniParser's task)
    write_files(tmp_path, {"title.py": '''
        def title_prompt(messages):
            first = messages[0]["content"]
            system_prompt = f"You name conversations. The conversation opened with: {first}. Give it a title."
            return system_prompt


        def reply_prompt(messages):
            latest = messages[-1]["content"]
            system_prompt = f"You are a support agent. The customer just said: {latest}. Answer kindly."
            return system_prompt
        '''})
    got = classify_in_project(tmp_path / "title.py", "title_prompt.system_prompt", "first", tmp_path)
    assert got.cls == "per-request" and "fixed place from the start" in got.evidence, got
    got = classify_in_project(tmp_path / "title.py", "reply_prompt.system_prompt", "latest", tmp_path)
    assert got.cls == "per-turn", got


def test_a_one_shot_call_of_a_chat_route_is_not_a_turn_of_the_chat(run_cli):
    """e2b-dev/fragments (fixtures/code, never in the eval): the morph-chat route asks a model for an edit from the
    posted conversation (`generateObject({system, messages})`), then applies it with a one-shot call of its own
    (`generateText({prompt: `<instruction>${instructions}</instruction>...`})`). Nothing follows that prompt and
    no turn re-renders it: its values are not per-turn, and the root lints without errors. (A rule of the
    eleventh round read every value computed from a route's `messages` as per-turn; with no one-shot boundary
    in JS/TS it priced this call at $12 per 1,000 conversations, and was withdrawn.)"""
    import json

    root = CODE / "fragments"
    for var in ("instructions", "codeEdit"):
        got = classify_in_project(root / "lib/morph.ts", "applyPatch.{ text: mergedCode }.generateText.prompt", var,
                                  root)
        assert got.cls != "per-turn", (var, got)
    code, out, _ = run_cli("lint", root, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["summary"]["error"] == 0, doc["findings"]

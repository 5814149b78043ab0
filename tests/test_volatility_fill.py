"""Values followed into the code that fills the template (issue 12, twelfth round; PC101.md "followed to
where it is decided"): the value of a template variable is read through the bindings, comparisons and
imports the code writes, and through the calls that fill a template file, before any name is guessed.
Each test runs on the real files of a project (tests/fixtures/SOURCES.md) and failed before its rule.
"""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache, write_files  # noqa: F401

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"


def test_a_choice_between_literals_is_as_volatile_as_what_it_compares():
    # TradingAgents: target_label = "stock" if asset_type == "stock" else "asset", asset_type =
    # state.get("asset_type", "stock"), state the graph state each call of bull_node is given: the comparison
    # decides the text, so it moves with the state (two bindings from the f-string)
    root = EVAL / "tradingagents"
    got = classify_in_project(root / "tradingagents/agents/researchers/bull_researcher.py",
                              "create_bull_researcher.bull_node.prompt", "target_label", root)
    assert got.cls == "per-request" and "state" in got.evidence, got


def test_a_list_shuffled_in_place_is_new_at_every_render():
    # aideml: pkgs = [...literal names...]; random.shuffle(pkgs); pkg_str = ", ".join(...): the literal
    # binding is not the value the prompt shows
    root = EVAL / "aideml"
    got = classify_in_project(root / "aide/agent.py", "Agent._prompt_environment.env_prompt.Installed Packages", "pkg_str", root)
    assert got.cls == "per-turn" and "random.shuffle" in got.evidence, got


def test_an_imported_literal_array_and_what_is_computed_from_it_are_constant():
    # taxy: formattedActions = availableActions.map(...).join('\n'), availableActions imported from
    # ./availableActions where `export const availableActions = [...] as const` is written whole
    root = EVAL / "taxy"
    got = classify_in_project(root / "src/helpers/determineNextAction.ts", "systemMessage", "formattedActions", root)
    assert got.cls == "constant" and "imported from ./availableActions" in got.evidence, got


def test_an_imported_array_changed_in_place_is_no_constant(tmp_path):
    write_files(tmp_path, {
        "actions.ts": """
            export const actions = [{ name: 'click' }, { name: 'type' }];
            """,
        "prompt.ts": """
            import { actions } from './actions';
            export function addAction(name: string) { actions.push({ name }); }
            const listed = actions.map((a) => a.name).join(', ');
            export const system = `Tools: ${listed}.`;
            """,
    })
    got = classify_in_project(tmp_path / "prompt.ts", "system", "listed", tmp_path)
    assert got.cls != "constant", got


def test_a_dict_passed_under_any_keyword_to_a_call_naming_the_template_fills_it():
    # TinyTroupe: utils.compose_initial_LLM_messages_with_templates("story.start.system.mustache", ...,
    # rendering_configs=rendering_configs) with rendering_configs = {"purpose": self.purpose, "number_of_words":
    # number_of_words, ...}: self.purpose is the constructor's purpose (default "Be a realistic simulation."),
    # number_of_words a parameter of start_story with the default 100
    root = EVAL / "tinytroupe"
    prompts = root / "tinytroupe" / "steering" / "prompts"
    got = classify_in_project(prompts / "story.continuation.user.mustache", "", "purpose", root)
    assert got.cls == "per-config" and "tiny_story.py" in got.evidence and "self.purpose" in got.evidence, got
    got = classify_in_project(prompts / "story.start.system.mustache", "", "number_of_words", root)
    assert got.cls == "per-config" and "default 100" in got.evidence, got


def test_a_template_file_named_by_a_stem_with_a_space_is_filled_where_it_is_named():
    # AGiXT: self.ApiClient.prompt_agent(prompt_name="Web Summary", prompt_args={"url": url, ...}) in
    # Websearch.summarize_web_content(self, url, content): the url of the page being summarised
    root = EVAL / "agixt"
    got = classify_in_project(root / "agixt/prompts/Default/Web Summary.txt", "", "url", root)
    assert got.cls == "per-request" and "Websearch.py" in got.evidence, got


def test_a_call_on_an_object_the_class_holds_is_not_a_call_of_its_own_method():
    # agenticSeek: PlannerAgent.update_plan(self, goal, ...) renders `Your goal is : {goal}`; its caller
    # PlannerAgent.process(self, goal, ...) is not called by `self.agents[...].process(agent_prompt, None)` in
    # the same class (another agent's process): goal stays the user's goal of this run, not a loop's prompt
    root = EVAL / "agenticseek"
    got = classify_in_project(root / "sources/agents/planner_agent.py", "PlannerAgent.update_plan.update_prompt",
                              "goal", root)
    assert got.cls == "per-request" and "agent_prompt" not in got.evidence, got


def test_a_project_function_given_only_its_callers_parameters_decides_nothing():
    # Kiln: f"...{_xml_escape(task_instruction)}..." where task_instruction is a parameter of the prompt
    # builder: "supplied by each call" is the default, no evidence of where the value comes from, so the
    # call says nothing and the name is read (an instruction: per-config), as the order of evidence puts a
    # name before the default.  claude-code-action's generateDefaultPrompt(context, githubData, ...) is the same
    # shape: its callers' parameters decide, and the classifier does not follow them there.
    root = EVAL / "kiln"
    got = classify_in_project(root / "libs/core/kiln_ai/adapters/data_gen/data_gen_prompts.py",
                              "_generate_kiln_pro_refinement_prompt.prompt", "_xml_escape(task_instruction)", root)
    assert got.cls == "per-config" and "computed from its arguments" not in got.evidence, got
    root = EVAL / "claude-code-action"
    got = classify_in_project(root / "src/create-prompt/index.ts", "generatePrompt@L481", "defaultPrompt", root)
    assert "computed from its arguments" not in got.evidence, got


def test_a_project_function_whose_returns_say_more_keeps_them():
    # Onyx: datetime_str = get_current_llm_day_time(full_sentence=..., include_day_of_week=...): its returns
    # format the clock as a date (per-day), which says more than the arguments it is given
    root = EVAL / "onyx"
    got = classify_in_project(root / "prompts/chat_prompts.py", "DEFAULT_SYSTEM_PROMPT", "CURRENT_DATETIME", root)
    assert got.cls == "per-day", got


def test_an_objects_call_method_is_called_where_its_instances_are_called():
    # OmniParser (OmniTool): VLMAgent.__call__(self, messages, parsed_screen) renders the screen's boxes into the
    # system prompt; loop.py binds actor = VLMAgent(...) and calls actor(messages=messages,
    # parsed_screen=parsed_screen) in a `while True` loop where parsed_screen = omniparser_client() at each pass
    root = EVAL / "omniparser"
    got = classify_in_project(root / "omnitool/gradio/agent/vlm_agent.py", "VLMAgent._get_system_prompt",
                              "screen_info", root)
    assert got.cls == "per-turn" and "loop.py:121" in got.evidence, got


def test_a_function_imported_from_a_project_module_is_read_there_with_the_conditions_of_its_returns():
    # cody: `The user is working in the {{CODY_IDE}} on ${getOSPromptString()}`, getOSPromptString imported from
    # '../../os', where it returns ps`Windows` / ps`MacOS` / ps`Linux` by `switch (platform)` and
    # `const platform = os.platform()`: the machine's, not a constant and not a guess from "prompt string"
    root = Path(__file__).parent / "fixtures" / "code" / "cody"
    got = classify_in_project(root / "chat/agentic/prompts.ts", "REVIEW_PROMPT", "getOSPromptString", root)
    assert got.cls == "per-user" and "os.platform" in got.evidence, got


def test_a_boolean_parameter_is_a_switch_of_the_caller(tmp_path):
    # a value computed from a function's parameters is only as volatile as they are: a parameter its signature
    # declares boolean (also a member of a destructured options object) turns a part of the prompt on or off
    write_files(tmp_path, {
        "prompt.ts": """
            function block(testingEnabled: boolean): string {
              return testingEnabled ? "Run the tests after each change." : "";
            }
            export function buildSystemPrompt({ historyExplorerAvailable }: { historyExplorerAvailable: boolean }) {
              return `You are a coding agent.\\n${block(historyExplorerAvailable)}\\nFollow the plan.`;
            }
            """,
    })
    got = classify_in_project(tmp_path / "prompt.ts", "buildSystemPrompt", "block", tmp_path)
    assert got.cls == "per-config" and "boolean" in got.evidence, got

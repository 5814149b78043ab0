"""The labellers' written conventions as rules (issue 12; the header comments of
tests/fixtures/agents/eval/labels.toml, labels-measure17.toml, labels-measure18.toml; benchmarks/LABEL_AGREEMENT.md
"Conventions as rules").  Each test runs on the real files of a project (tests/fixtures/SOURCES.md) and failed on
main before its rule; the counter-tests hold what the rule must not take.
"""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"


# -- clocks: a date part of a clock changes at most once a day -------------------------------------------------

def test_a_year_read_from_a_js_date_is_per_day():
    # page-assist: `...${new Date().getFullYear()}...` in the web-search follow-up prompt.  getFullYear is a date
    # part of the Date (MDN): it changes at most once a day ("a date read per call is per-day"), not per turn
    root = EVAL / "page-assist"
    got = classify_in_project(root / "src" / "services" / "ollama.ts", "DEFAULT_WEBSEARCH_FOLLOWUP_PROMPT",
                              "getFullYear", root)
    assert got.cls == "per-day" and got.rule == "expr.clock-date-part", got


def test_a_time_of_day_read_from_a_js_date_stays_per_turn():
    from pcache.analyzers.volatility import expression_class

    # the time parts of the same Date keep the clock's class; a date part next to one does not cut it to a day
    assert expression_class("new Date().getHours()").cls == "per-turn"
    assert expression_class("new Date().getFullYear() + ' ' + new Date().toLocaleTimeString()").cls == "per-turn"
    assert expression_class("new Date().getUTCDate()").cls == "per-day"


# -- the process's machine: a chat bot is a service, whatever starts it ---------------------------------------

def test_the_cwd_of_a_slack_bot_started_by_its_bin_is_the_deployments():
    # pi-mono's mom: package.json declares `bin` AND depends on @slack/socket-mode, the SDK that receives a Slack
    # workspace's events: one process answers every user of the workspace, so its cwd is per-config
    root = EVAL / "pi-mono"
    got = classify_in_project(root / "packages" / "mom" / "src" / "agent.ts", "buildSystemPrompt.envDescription@L166",
                              "process.cwd", root)
    assert got.cls == "per-config" and got.rule.startswith("machine.service"), got
    assert "@slack/socket-mode" in got.evidence, got


def test_a_cli_of_the_same_repository_keeps_its_users_machine():
    from pcache.analyzers.packaging import clear_cache, program_kind

    # the coding agent of the same repository is a CLI (`bin`, no bot SDK): the user's machine
    clear_cache()
    root = EVAL / "pi-mono"
    kind = program_kind(str(root / "packages" / "coding-agent" / "src" / "core" / "system-prompt.ts"), str(root))
    assert kind is not None and kind[0] == "user", kind
    kind = program_kind(str(root / "packages" / "mom" / "src" / "agent.ts"), str(root))
    assert kind is not None and kind[0] == "service", kind


# -- constant: a choice between module constants; a CONSTANT_CASE name the code follows no further -----------

def test_a_choice_between_two_module_constants_is_constant():
    # pi-mono: let basePrompt = previousSummary ? UPDATE_SUMMARIZATION_PROMPT : SUMMARIZATION_PROMPT;
    # if (customInstructions) basePrompt = `${basePrompt}\n\nAdditional focus: ${customInstructions}`;
    # the ${basePrompt} inside that assignment is the binding before it (the right side is read first), a choice
    # between two module constants: constant (labels-measure18 convention)
    root = EVAL / "pi-mono"
    got = classify_in_project(root / "packages" / "coding-agent" / "src" / "core" / "compaction" / "compaction.ts",
                              "generateSummary.basePrompt", "basePrompt", root)
    assert got.cls == "constant" and got.rule == "flow:code.constant-choice", got


def test_a_choice_between_two_literals_keeps_its_condition():
    # TradingAgents: target_label = "stock" if asset_type == ... else "asset" -- labelled per-request (measure-11):
    # the constant-choice rule takes named constants only
    root = EVAL / "tradingagents"
    got = classify_in_project(root / "tradingagents" / "agents" / "researchers" / "bull_researcher.py",
                              "create_bull_researcher.bull_node.prompt", "target_label", root)
    assert got.cls != "constant", got


def test_a_constant_case_argument_of_the_only_caller_is_constant():
    # DeepCode: compose_system_prompt(base) is called with the module constant SYSTEM_PROMPT (agent_adapter.py),
    # which the scan does not bind; by its CONSTANT_CASE name (PEP 8) it is a constant, not a "prompt" of the
    # configuration (the name table's *_prompt)
    root = EVAL / "deepcode"
    got = classify_in_project(root / "core" / "agent_presets" / "__init__.py",
                              "AgentPresetSnapshot.compose_system_prompt", "base", root)
    assert got.cls == "constant" and got.rule.endswith("code.constant-name"), got


def test_a_constant_template_filled_with_moving_values_is_not_constant():
    # DeepWiki: system_prompt = DEEP_RESEARCH_INTERMEDIATE_ITERATION_PROMPT.format(research_iteration=...): a
    # CONSTANT_CASE template known only by its name says nothing of what .format puts into it (per-turn here)
    root = EVAL / "deepwiki-open"
    got = classify_in_project(root / "api" / "simple_chat.py", "chat_completions_stream.prompt", "system_prompt",
                              root)
    assert got.cls == "per-turn", got


# -- per-config: an object's own field declared with a default ------------------------------------------------

def test_an_own_field_declared_by_a_field_specifier_with_a_default_is_per_config():
    # hackingBuddyGPT: `host: str = parameter(desc="The host to test", default="http://localhost")` in the use
    # case's class body, read as self.host in its system message: the run's target, set per instance (the
    # documented default= of a field specifier, as dataclasses.field / pydantic.Field), not the user's host
    root = EVAL / "hackingbuddygpt"
    got = classify_in_project(root / "src" / "hackingBuddyGPT" / "usecases" / "web" / "with_explanation.py",
                              "WebTestingWithExplanation.before_run.system_message", "self.host", root)
    assert got.cls == "per-config" and got.rule == "flow:state.field-default", got


def test_a_field_of_a_request_model_is_not_an_own_field():
    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.sources.load import load_paths
    from pcache.analyzers.volatility import VolatilitySettings, classify, variable_name

    from flow_helpers import project_files

    # DeepWiki: repo_type = request.type, `type: Optional[str] = Field("github", ...)` of the request body model:
    # a field of another object (the request), not the object's own configuration
    root = EVAL / "deepwiki-open"
    prompts = [p for p in load_paths([str(root / "api" / "prompts.py")]).prompts
               if any(variable_name(s) == "repo_type" for s in p.variables)]
    assert prompts
    settings = VolatilitySettings(project=ProjectIndex(project_files(root)))
    for p in prompts:
        seg = next(s for s in p.variables if variable_name(s) == "repo_type")
        got = classify(seg, p, settings)
        assert "field-default" not in got.rule and got.cls != "per-config", got


# -- per-turn: the history itself rendered into the prompt; a loop's counter ----------------------------------

def test_an_item_of_the_history_the_object_grows_is_per_turn():
    # page-agent: #assembleUserPrompt renders `for (const event of this.history)` ... `<sys>${event.content}</sys>`;
    # #handleObservations and the step loop push onto this.history: the agent history rendered into each step's
    # prompt ("per-turn: ... the history itself rendered into the prompt")
    root = EVAL / "page-agent"
    got = classify_in_project(root / "packages" / "core" / "src" / "PageAgentCore.ts",
                              "PageAgentCore.#assembleUserPrompt.prompt@L622", "event.content", root)
    assert got.cls == "per-turn" and got.rule == "flow:js.grown-history", got


def test_an_item_of_a_list_built_for_this_call_is_not_history(tmp_path):
    from flow_helpers import write_files

    # a list the same method fills and renders is built for this call: no history (the rule does not fire)
    write_files(tmp_path, {"agent.ts": """
        export class Agent {
          items: string[] = [];
          render(): string {
            let prompt = "";
            this.items.push("fixed");
            for (const item of this.items) {
              prompt += `<item>${item}</item>`;
            }
            return prompt;
          }
        }
        """})
    got = classify_in_project(tmp_path / "agent.ts", "Agent.render.prompt", "item", tmp_path)
    assert "grown-history" not in got.rule, got


def test_the_counter_of_the_loop_that_renders_the_prompt_is_per_turn():
    # code-review-gpt: for (let attempt = 1; attempt <= maxRetries; attempt++) { ... accumulatedContext +=
    # `--- Attempt ${attempt} Context ---` ... }: the counter is stepped at every pass, not the literal 1
    root = EVAL / "code-review-gpt"
    got = classify_in_project(root / "src" / "review" / "agent" / "index.ts", "runAgenticReview.accumulatedContext",
                              "attempt", root)
    assert got.cls == "per-turn" and got.rule == "flow:js.loop-counter", got


# -- a constant filled with values is as volatile as what fills it --------------------------------------------

def test_a_constant_template_filled_by_replace_takes_the_class_of_its_values():
    # code-review-gpt: instructionPrompt (a module constant of ./prompts) .replace('{ProgrammingLanguage}', lang)
    # .replace('{ReviewLanguage}', reviewLanguage): the language of the change reviewed fills it, so the text is
    # not the constant it starts from
    root = EVAL / "code-review-gpt"
    got = classify_in_project(root / "src" / "review" / "prompt" / "index.ts", "constructPrompt",
                              "languageToInstructionPrompt", root)
    assert got.cls == "per-request", got


# -- the one-shot boundary: a message text laid out by dedent is still the message --------------------------

def test_a_loop_value_sent_in_a_one_shot_call_through_dedent_is_per_request():
    # rawdog: get_python_package sends [{"role": "system", "content": dedent(f"...import {import_name}...")}] in
    # one completion(messages=messages) call; the caller's loop makes import_name anew at each failed import, but
    # no history follows the template: the input of that request (labels-measure17: "a one-shot call made inside
    # a loop takes per-request for the values given to it")
    root = EVAL / "rawdog"
    got = classify_in_project(root / "src" / "rawdog" / "llm_client.py", "LLMClient.get_python_package.messages.system",
                              "import_name", root)
    assert got.cls == "per-request" and got.rule.startswith("boundary.one-shot/"), got


# -- clocks: a time read per call is per-request in a one-shot call -------------------------------------------

def test_a_time_read_at_each_step_of_one_shot_calls_is_per_request():
    # page-agent: #assembleUserPrompt builds `prompt += ...` pieces (one holds `Current time: ${new Date()
    # .toLocaleString()}`) and returns prompt; the step loop puts `await this.#assembleUserPrompt()` in a fresh
    # [system, user] list given to this.#llm.invoke: no history follows it, so the clock is the input of that
    # request ("a time read per call is ... per-request in a one-shot call"); the agent history rendered into the
    # same prompt stays per-turn
    root = EVAL / "page-agent"
    path = root / "packages" / "core" / "src" / "PageAgentCore.ts"
    got = classify_in_project(path, "PageAgentCore.#assembleUserPrompt.prompt@L601", "toLocaleString", root)
    assert got.cls == "per-request" and got.rule == "boundary.one-shot/expr.clock", got
    got = classify_in_project(path, "PageAgentCore.#assembleUserPrompt.prompt@L622", "event.content", root)
    assert got.cls == "per-turn", got

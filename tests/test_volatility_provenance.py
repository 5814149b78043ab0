"""Provenance before ambiguous names (issue 12, ninth round): where the code says where a value comes
from, that decides over a name the expert labels split on across projects (volatility.AMBIGUOUS); only
where the code says nothing does the name rule answer.  Also the boolean-switch names."""

from __future__ import annotations

from pathlib import Path

import pytest

from flow_helpers import classify_in_project, fresh_classifier_cache, write_files  # noqa: F401

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"


@pytest.mark.parametrize("param, want", [
    ("instruction", "per-request"), ("goal", "per-request"), ("action", "per-request"),
    ("original_user_action", "per-request"),  # the modifier ``user`` does not decide an ambiguous noun
    ("cwd", "per-user"), ("tools", "per-config"), ("history", "per-turn"),  # unambiguous names keep their class
    ("instructions", "per-config"),  # the plural: standing directions (the OpenAI API's ``instructions``)
])
def test_a_parameter_decides_over_an_ambiguous_name_only(tmp_path, param, want):
    write_files(tmp_path, {"agent.py": f'''
        def build_prompt({param}):
            system_prompt = f"You are a browser agent. Do this: {{{param}}}. Answer in JSON."
            return system_prompt
        '''})
    got = classify_in_project(tmp_path / "agent.py", "build_prompt.system_prompt", param, tmp_path)
    assert got.cls == want, got


def test_without_provenance_an_ambiguous_name_keeps_its_name_rule(tmp_path):
    # a template file nothing in the scan fills: the name is the only evidence (OpenAI's ``instructions``
    # are the developer's standing directions); making it ``unknown`` was measured and cost one row in
    # each of six splits
    write_files(tmp_path, {"prompts/system.j2": "Follow these: {{ instructions }}. Be brief and exact.\n"})
    got = classify_in_project(tmp_path / "prompts" / "system.j2", "", "instructions", tmp_path)
    assert got.cls == "per-config" and got.source == "name", got


def test_a_js_parameter_decides_over_an_ambiguous_name_in_a_real_project():
    # stagehand: buildActPrompt(action, supportedActions, variables) and buildObserveUserMessage(instruction,
    # ...) build the prompt from the act()/observe() instruction of each call (expert: per-request)
    root = EVAL / "stagehand"
    prompt = root / "extension" / "prompt.ts"
    got = classify_in_project(prompt, "buildActPrompt.instruction", "action", root)
    assert got.cls == "per-request" and "a parameter of buildActPrompt" in got.evidence, got
    got = classify_in_project(prompt, "buildObserveUserMessage.content", "instruction", root)
    assert got.cls == "per-request", got


@pytest.mark.parametrize("name", ["disable_thoughts", "llm_screenshots_enabled", "use_vision", "includeAttributes"])
def test_a_boolean_switch_is_a_setting(name):
    from pcache.analyzers.volatility import name_class

    got = name_class(name)
    assert got is not None and got.cls == "per-config", got


@pytest.mark.parametrize("name", ["isSuffix", "has_history", "is_first_step"])
def test_a_predicate_is_no_switch(name):
    # a predicate may describe this request's state (Continue's isSuffix is computed from the request)
    from pcache.analyzers.volatility import name_class

    got = name_class(name)
    assert got is None or got.cls != "per-config" or "switch" not in got.evidence, got


def test_a_switch_word_alone_or_inside_a_name_is_no_switch():
    from pcache.analyzers.volatility import name_class

    assert name_class("use") is None
    assert name_class("user_is_admin") is None or name_class("user_is_admin").cls == "per-user"
    assert name_class("task_enabled_tools").cls == "per-config"  # the head noun: tools


def test_a_callbacks_parameter_is_an_item_of_the_collection_it_walks(tmp_path):
    # tabs.map(tab => `... ${tab.id} ...`) (nanobrowser's otherTabs): ``tab`` is no argument each call of a
    # prompt builder supplies, it is an item of ``tabs``; a fixed list gives one fixed prompt per item
    write_files(tmp_path, {"tools.ts": '''
        const TOOLS = [{ name: "search" }, { name: "open" }];

        export function buildToolPrompts(): string[] {
          return TOOLS.map((t) => {
            const systemPrompt = `You are the ${t.name} tool of a browser agent. Answer only with JSON.`;
            return systemPrompt;
          });
        }

        export function buildPagePrompts(pages: string[]): string[] {
          return pages.map((p) => {
            const systemPrompt = `You are reading the page ${p} for the user. Answer only with JSON.`;
            return systemPrompt;
          });
        }
        '''})
    got = classify_in_project(tmp_path / "tools.ts", "buildToolPrompts.map.systemPrompt", "t.name", tmp_path)
    assert got.cls == "per-config" and "an item of TOOLS" in got.evidence, got
    got = classify_in_project(tmp_path / "tools.ts", "buildPagePrompts.map.systemPrompt", "p", tmp_path)
    assert got.cls == "per-request" and "an item of pages" in got.evidence, got


def test_a_goal_parameter_next_to_an_agents_definition_is_that_agents_goal(tmp_path):
    # def make_agent(role, goal, backstory) (CrewAI's fields): the fields around it say agent definition,
    # whoever passes it; the same parameter alone is the goal of this run (Stagehand, AgentGPT)
    write_files(tmp_path, {"agent.py": '''
        def build_agent_prompt(role, goal, backstory):
            system_prompt = f"You are {role}. Your goal: {goal}. {backstory} Answer in JSON only, and be brief."
            return system_prompt


        def build_run_prompt(goal):
            system_prompt = f"Your goal for this run: {goal}. Answer in JSON only, and be brief and exact."
            return system_prompt
        '''})
    got = classify_in_project(tmp_path / "agent.py", "build_agent_prompt.system_prompt", "goal", tmp_path)
    assert got.cls == "per-config" and "agent's definition" in got.evidence, got
    got = classify_in_project(tmp_path / "agent.py", "build_run_prompt.system_prompt", "goal", tmp_path)
    assert got.cls == "per-request", got

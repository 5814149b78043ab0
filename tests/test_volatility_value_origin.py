"""A template variable's value followed to where the program decides it (issue 12; analyzers/value_origin.py):
the call that sends the prompt rewrites the value from its own answer, a history attribute an iterating loop
adds to, a template object handed to a helper with the keywords that fill it.  Each test runs on the real files
of a labelled project (tests/fixtures/SOURCES.md), asserts the class and the rule that decided it, and failed on
main before value_origin (the class was ``unknown``: no evidence).
"""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache, write_files  # noqa: F401

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"
HBG = EVAL / "hackingbuddygpt"
PRIVESC = HBG / "src/hackingBuddyGPT/usecases/privesc"


def test_a_value_rewritten_from_the_answer_to_its_own_prompt_is_per_turn():
    # hackingBuddyGPT common.py: state = self.llm.get_response(template_state, cmd=cmd, resp=result,
    # facts=self._state); self._state = state.result -- the facts of the next round are this round's answer
    got = classify_in_project(PRIVESC / "templates/update_state.txt", "", "facts", HBG)
    assert got.cls == "per-turn", got
    assert got.rule.endswith("fill.reply-rewrites") and "line 131" in got.evidence, got


def test_a_template_object_given_to_a_helper_with_keywords_is_filled_there():
    # lse.py: template_lse = Template(filename=str(template_dir / "get_hint_from_lse.txt")) at import, then
    # self.llm.get_response(template_lse, lse_output=result, number=3): the literal 3 fills {number}
    got = classify_in_project(HBG / "src/hackingBuddyGPT/usecases/examples/get_hint_from_lse.txt", "", "number", HBG)
    assert got.cls == "constant" and "lse.py:38" in got.evidence, got


def test_a_history_attribute_grown_by_the_step_loop_is_per_turn():
    # OpenAdapt strategies/base.py: self.action_events = [] in __init__; run() loops `while True:`, calls
    # prompt_is_action_complete(screenshot, self.action_events) and appends each played action to it
    root = EVAL / "openadapt"
    got = classify_in_project(root / "legacy/openadapt/prompts/is_action_complete.j2", "", "actions", root)
    assert got.cls == "per-turn", got
    # the caller's argument decides (fill.looped-argument), and what decides the argument is state.loop-grown
    assert got.rule.endswith("fill.looped-argument"), got
    assert "self.action_events starts empty and grows at every pass of the loop at base.py:60" in got.evidence, got


def test_a_value_rewritten_before_the_call_is_not_the_answer(tmp_path):
    # the attribute is re-assigned, but from the previous value, not from what the call answered: no reply rule
    write_files(tmp_path, {
        "prompt.txt": "Facts: ${facts}\n",
        "agent.py": """
            from mako.template import Template
            T = Template(filename="prompt.txt")

            class Agent:
                def step(self, llm):
                    answer = llm.get_response(T, facts=self.facts)
                    self.facts = self.facts.strip()
                    return answer
            """,
    })
    got = classify_in_project(tmp_path / "prompt.txt", "", "facts", tmp_path)
    assert "reply-rewrites" not in got.rule, got


def test_an_attribute_grown_outside_any_loop_is_not_the_steps_so_far(tmp_path):
    write_files(tmp_path, {
        "prompt.txt": "Done so far: {{ done }}\n",
        "agent.py": """
            from jinja2 import Template
            T = Template(open("prompt.txt").read())

            class Agent:
                def __init__(self):
                    self.done = []

                def setup(self, first):
                    self.done.append(first)

                def ask(self, llm):
                    return llm(T.render(done=self.done))
            """,
    })
    got = classify_in_project(tmp_path / "prompt.txt", "", "done", tmp_path)
    assert "state.loop-grown" not in got.rule, got


SERENA = EVAL / "serena"
SERENA_PROMPTS = SERENA / "src/serena/resources/config/prompt_templates"


def test_a_prompt_factory_method_named_for_the_key_fills_the_template():
    # Serena: prompts.onboarding_prompt of simple_tool_outputs.yml is filled by
    # self.prompt_factory.create_onboarding_prompt(system=system, ...) with system = platform.system() in the
    # OnboardingTool (workflow_tools.py:29), a tool of an MCP server its user runs from console scripts
    got = classify_in_project(SERENA_PROMPTS / "simple_tool_outputs.yml", "prompts.onboarding_prompt", "system", SERENA)
    assert got.cls == "per-user" and got.rule == "project:expr.user-call", got
    assert "workflow_tools.py:29" in got.evidence, got


def test_a_literal_in_a_condition_is_not_the_name_of_the_value():
    # {% if 'ToolMarkerSymbolicRead' in available_markers %}: the word "Tool" of the literal said per-config by
    # name and hid the fill site (create_system_prompt(..., available_markers=available_markers) at agent.py:152)
    got = classify_in_project(SERENA_PROMPTS / "system_prompt.yml", "prompts.system_prompt", "available_markers",
                              SERENA)
    assert got.cls == "per-config" and got.rule.startswith("project:"), got
    assert "agent.py:152" in got.evidence, got


def test_a_factory_method_given_a_keyword_the_template_lacks_is_not_its_fill(tmp_path):
    write_files(tmp_path, {
        "prompts.yml": "prompts:\n  onboarding_prompt: |\n    The system is {{ system }}.\n",
        "tool.py": """
            import platform

            def apply(factory):
                return factory.create_onboarding_prompt(system=platform.system(), other=1)
            """,
    })
    got = classify_in_project(tmp_path / "prompts.yml", "prompts.onboarding_prompt", "system", tmp_path)
    assert "tool.py" not in got.evidence, got


def test_the_text_of_a_character_file_the_project_ships_is_per_config():
    # companion-app vicuna13b/route.ts: data = await fs.readFile("companions/" + companion_file_name, "utf8");
    # presplit = data.split("###ENDPREAMBLE###"); preamble = presplit[0] -- companions/Alex.txt is in the project
    root = EVAL / "companion-app"
    got = classify_in_project(root / "src/app/api/vicuna13b/route.ts", "POST.resp.call", "preamble", root)
    assert got.cls == "per-config" and got.rule == "flow:js.shipped-file", got
    assert "companions/" in got.evidence, got


def test_a_file_read_at_a_path_the_project_does_not_hold_is_not_shipped(tmp_path):
    write_files(tmp_path, {
        "route.ts": """
            const fs = require("fs").promises;
            export async function POST(req: Request) {
              const data = await fs.readFile("uploads/" + req.headers.get("f"), "utf8");
              const head = data.split("---")[0];
              const prompt = `You are this character: ${head}. Stay in character and answer.`;
              return call(prompt);
            }
            """,
    })
    got = classify_in_project(tmp_path / "route.ts", "POST.prompt", "head", tmp_path)
    assert "js.shipped-file" not in got.rule, got

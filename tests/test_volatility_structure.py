"""Structural evidence (issue 12, tenth round; PC101.md "What the code fixes"): the class a value gets from
what the code as written does with it, not from its name.  Each test runs on the real files of a project
under tests/fixtures/agents/eval/ (attribution in tests/fixtures/SOURCES.md), and failed before its rule.

a. a name the code resolves to text it writes once (an imported module constant, a class-body attribute)
   is ``constant``;
a2. an attribute that starts empty and that nothing in the scan adds to is ``constant`` as written.
"""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache, project_files  # noqa: F401
from pcache.analyzers.crossflow.index import ProjectIndex
from pcache.analyzers.model import Prompt, Segment
from pcache.analyzers.volatility import VolatilitySettings, classify

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"


def _code_variable(expr: str, path: Path | None, line: int = 1, syntax: str = "fstring"):
    seg = Segment("{" + expr + "}", "variable", name=expr, expression=expr, line=line, verbatim=True)
    prompt = Prompt(str(path), str(path), [seg], kind="template", syntax=syntax) if path is not None else None
    return seg, prompt


# ---------------------------------------------------------------------------------- a. project constants

def test_a_class_attribute_set_once_to_text_is_constant():
    # claude-engineer ce3.py:70 ``system=f"{SystemPrompts.DEFAULT}\n\n{SystemPrompts.TOOL_USAGE}"``, with
    # ``from prompts.system_prompts import SystemPrompts`` and ``DEFAULT = """..."""`` in the class body
    root = EVAL / "claude-engineer"
    settings = VolatilitySettings(project=ProjectIndex(project_files(root)))
    seg, prompt = _code_variable("SystemPrompts.DEFAULT", root / "ce3.py", line=70)
    got = classify(seg, prompt, settings)
    assert got.cls == "constant" and "set once to text in the class body" in got.evidence, got
    seg, _p = _code_variable("SystemPrompts.DEFAULT", None)  # the template not reported: the chain alone
    assert classify(seg, None, settings).cls == "constant"


def test_a_class_attribute_the_code_sets_elsewhere_is_no_constant(tmp_path):
    (tmp_path / "prompts.py").write_text('class Prompts:\n    HEADER = "You are a helpful agent."\n')
    (tmp_path / "agent.py").write_text('from prompts import Prompts\n\n'
                                       'def setup(user):\n    Prompts.HEADER = f"You help {user}."\n\n'
                                       'def build():\n    return f"{Prompts.HEADER} Answer briefly."\n')
    settings = VolatilitySettings(project=ProjectIndex([str(tmp_path / "prompts.py"), str(tmp_path / "agent.py")]))
    seg, prompt = _code_variable("Prompts.HEADER", tmp_path / "agent.py", line=7)
    assert classify(seg, prompt, settings).cls != "constant"


def test_an_imported_module_constant_is_constant():
    # nanobrowser: navigator.ts and planner.ts splice ``${commonSecurityRules}``, imported from ./common,
    # where ``export const commonSecurityRules = `...``` (no substitution); the JS source reads it as text,
    # so the label's variable is classified by its name alone, as the eval does
    root = EVAL / "nanobrowser"
    settings = VolatilitySettings(project=ProjectIndex(project_files(root)))
    seg, _p = _code_variable("commonSecurityRules", None)
    got = classify(seg, None, settings)
    assert got.cls == "constant" and "only binding in the scan" in got.evidence, got
    seg, prompt = _code_variable("commonSecurityRules", root / "prompts" / "templates" / "planner.ts", 5, "js")
    got = classify(seg, prompt, settings)
    assert got.cls == "constant" and "imported from ./common" in got.evidence, got


def test_a_name_bound_in_two_places_is_no_project_constant(tmp_path):
    (tmp_path / "a.ts").write_text('export const rules = `Be safe.`;\n')
    (tmp_path / "b.ts").write_text('export function f(rules: string) { return `${rules}`; }\n')
    settings = VolatilitySettings(project=ProjectIndex([str(tmp_path / "a.ts"), str(tmp_path / "b.ts")]))
    seg, _p = _code_variable("rules", None)
    assert classify(seg, None, settings).cls != "constant"


# ------------------------------------------------------------------ a2. an attribute nothing adds to

def test_an_attribute_nothing_adds_to_is_constant_as_written():
    # trae-agent lake_view.py: ``self.steps: list[str] = []`` in __init__, and nothing appends to it (the
    # ``execution.steps.append(step)`` of base_agent.py is an ``AgentExecution``'s, by its annotation):
    # ``steps_fmt`` joins nothing, and ``prev_step`` is always "(none)" (expert: constant, both)
    root = EVAL / "trae-agent"
    lake = root / "trae_agent" / "utils" / "lake_view.py"
    got = classify_in_project(lake, "LakeView.extract_tag_in_step.llm_messages.user", "steps_fmt", root)
    assert got.cls == "constant" and "nothing in the scan adds to it" in got.evidence, got
    got = classify_in_project(lake, "LakeView.extract_task_in_step.llm_messages.user", "prev_step", root)
    assert got.cls == "constant", got


def test_an_attribute_the_loop_appends_to_is_not_constant(tmp_path):
    (tmp_path / "agent.py").write_text(
        'class Agent:\n'
        '    def __init__(self):\n        self.steps = []\n\n'
        '    def record(self, step):\n        self.steps.append(step)\n\n'
        '    def prompt(self):\n'
        '        steps_fmt = "\\n".join(s for s in self.steps)\n'
        '        return f"Steps so far:\\n{steps_fmt}\\nWhat next?"\n')
    got = classify_in_project(tmp_path / "agent.py", "Agent.prompt", "steps_fmt", tmp_path)
    assert got.cls != "constant", got


# ---------------------------------------------------------------- b. provenance of self.X

def test_an_attribute_takes_the_class_of_what_its_assignment_returns():
    # ii-agent system_prompt.py: ``self.default_system_prompt = (get_system_prompt(mode) if not
    # sequential_thinking else get_system_prompt_with_seq_thinking(mode))`` in __init__; both return an
    # f-string holding ``Today is {datetime.now().strftime("%Y-%m-%d")}``: per-day (expert), not the
    # per-config its name (``system_prompt``) says
    root = EVAL / "ii-agent"
    prompt = root / "src" / "ii_agent" / "prompts" / "system_prompt.py"
    got = classify_in_project(prompt, "SystemPromptBuilder.system_prompt", "default_system_prompt", root)
    assert got.cls == "per-day" and "get_system_prompt() returns" in got.evidence, got
    assert "once, as the object is made" in got.evidence, got


# --------------------------------------------------- c. the per-turn / per-request boundary

def test_a_value_sent_in_a_one_shot_call_is_the_input_of_that_request():
    # Agent-S code_agent.py: the steps of the finished run (``thoughts`` per step: per-turn by name) go
    # into ``summary_prompt``, given to a fresh ``summary_agent = LMMAgent(...)`` with one
    # ``add_message`` and one call: no history after it (expert: per-request)
    root = EVAL / "agent-s"
    prompt = root / "gui_agents" / "s3" / "agents" / "code_agent.py"
    got = classify_in_project(prompt, "CodeAgent._generate_summary.summary_prompt", "execution_context", root)
    assert got.cls == "per-request" and "one-shot call at line" in got.evidence, got


def test_a_one_shot_step_of_its_own_files_loop_stays_per_turn():
    # deep-searcher chain_of_rag.py: _retrieve_and_answer sends INTERMEDIATE_ANSWER_PROMPT in a one-shot
    # call, but ``retrieve`` calls it at every pass of ``for iter in range(self.max_iter)``: a step of
    # that run (both experts: per-turn)
    root = EVAL / "deep-searcher"
    from pcache.analyzers.sources.load import load_paths

    for p in load_paths([str(root / "agent" / "chain_of_rag.py")]).prompts:
        if p.container == "INTERMEDIATE_ANSWER_PROMPT":
            seg = next(s for s in p.variables if s.name == "retrieved_documents")
            got = classify(seg, p, VolatilitySettings(project=ProjectIndex(project_files(root))))
            assert got.cls == "per-turn" and "one-shot" not in got.evidence, got
            return
    raise AssertionError("INTERMEDIATE_ANSWER_PROMPT not read")


def test_a_prompt_appended_to_kept_history_is_no_one_shot(tmp_path):
    (tmp_path / "agent.py").write_text(
        'def run(llm, task, tools):\n'
        '    messages = [{"role": "system", "content": "You are an agent."}]\n'
        '    observation = task\n'
        '    while True:\n'
        '        messages.append({"role": "user", "content": f"Observation: {observation}\\nNext action?"})\n'
        '        reply = llm.chat(messages=messages)\n'
        '        observation = tools.run(reply)\n')
    got = classify_in_project(tmp_path / "agent.py", "run.user", "observation", tmp_path)
    # not one-shot (the list is kept and sent again); the observation is a new message appended after the earlier
    # ones: the input of that request (the loop-message convention, session 16)
    assert got.cls == "per-request" and got.rule.startswith("boundary.appended-message/"), got
    assert "one-shot" not in got.evidence, got


def test_a_parameter_shadowing_an_imported_constant_is_not_the_constant(tmp_path):
    (tmp_path / "prompts.py").write_text('header = "You are a careful assistant."\n')
    (tmp_path / "agent.py").write_text('from prompts import header\n\n'
                                       'def build(header):\n    return f"{header} Answer briefly."\n\n'
                                       'def build_default():\n    return f"{header} Answer briefly."\n')
    settings = VolatilitySettings(project=ProjectIndex([str(tmp_path / "prompts.py"), str(tmp_path / "agent.py")]))
    seg, prompt = _code_variable("header", tmp_path / "agent.py", line=4)
    assert classify(seg, prompt, settings).cls != "constant"
    seg, prompt = _code_variable("header", tmp_path / "agent.py", line=7)
    got = classify(seg, prompt, settings)
    assert got.cls == "constant" and "bound once to text in prompts.py" in got.evidence, got


# ------------------------------------------------------------- c. a loop-carried value
# No labelled fixture holds this idiom in a prompt the source reports (Agent-S's reflection and
# FORMATTING_FEEDBACK, trae-agent's tool error are not reported): small programs of the same shape.

_CARRIED = '''
def solve(llm, task, check):
    feedback = "none yet"
    messages = [{"role": "system", "content": "You fix code."}]
    for attempt in range(5):
        {send}
        feedback = check(reply)
'''
_KEPT = ('messages.append({"role": "user", "content": f"Task: {task}. Last check said: {feedback}"})\n'
         '        reply = llm.chat(messages=messages)')
_ONE_SHOT = ('reply = llm.chat(messages=[{"role": "user", "content": f"Task: {task}. Last check said: {feedback}"}])')


def _solve(tmp_path, send: str):
    (tmp_path / "agent.py").write_text(_CARRIED.replace("{send}", send))
    from pcache.analyzers.sources.load import load_paths

    settings = VolatilitySettings(project=ProjectIndex([str(tmp_path / "agent.py")]))
    for p in load_paths([str(tmp_path / "agent.py")]).prompts:
        for s in p.variables:
            if s.name in ("feedback", "task"):
                yield s.name, classify(s, p, settings)


def test_a_value_re_assigned_in_the_loop_and_appended_to_kept_history_is_the_input_of_that_request(tmp_path):
    # carried from one pass to the next, and sent in a new message appended after the earlier ones: per-request
    # (the loop-message convention, session 16); a one-shot call below is per-request by the one-shot boundary
    got = dict(_solve(tmp_path, _KEPT))
    assert got["feedback"].cls == "per-request" and "carried from one pass to the next" in got["feedback"].evidence \
        and got["feedback"].rule.startswith("boundary.appended-message/"), got
    assert got["task"].cls == "per-request", got  # set before the loop and not changed in it


def test_a_loop_carried_value_in_a_one_shot_call_is_per_request(tmp_path):
    got = dict(_solve(tmp_path, _ONE_SHOT))
    assert got["feedback"].cls == "per-request" and "one-shot call" in got["feedback"].evidence, got

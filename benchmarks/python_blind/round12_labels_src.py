# Blind round 12 label source (issue #11, Python sources), written BY READING THE CODE before pcache ran on
# these trees; emit_labels.py turns it into round12_labels.toml.  (project, file, container, line, kwargs)
import os

HEADER = """\
# Blind round 12 (issue #11, Python sources, session 5): hand labels written BY READING THE CODE, committed
# before pcache was run on these trees (the rules of round 11 plus ell's programs).  Projects never used
# before in this repository (checked against benchmarks/*.md, tests/fixtures/SOURCES.md) and not held out:
#
#   promptulate  Undertone0809/promptulate @ 078515d5c7536b8589322081fd3b9430c7e12c31
#                promptulate/{agents,preset_roles,frameworks,output_formatter,tools} (scanned together;
#                promptulate/beta, a copy of agents, left out)
#   jarvis       microsoft/JARVIS @ c62e0faac76c4a2907cabe2cfe4bbe5f2e613400
#                easytool/easytool/funcQA.py, easytool/easytool/restbench.py, hugginggpt/server/awesome_chat.py
#                (toolbench*.py repeat funcQA's shape 26 more times: left out so one pattern does not weigh
#                the round)
#   openagents   xlang-ai/OpenAgents @ ff2e46440699af1324eb25655b622c4a131265bb  folder real_agents/data_agent
#
# Same labelling rule as round3_labels.toml (a string whose purpose is to instruct or frame a model; names
# as pcache's README names containers: a second prompt of the same name gets @line; a message written in
# place in `messages = [...]` is `function.messages.<role>`; a key of a mapping assigned to a name is
# `name.key`, nested keys joined the same way).  Neutral: values of another prompt's variable, data
# headers, compositions, few-shot examples, tool descriptions and tool results.  Notes:
# - promptulate: StringTemplate(text) is filled by str.format; StringTemplate(text, "jinja2") /
#   template_format="jinja2" by Jinja ({{name}}: the first "{{" is the first variable).  PLAN_SYS_PROMPT is
#   the system prompt the planner adds the instruction to; preset_roles' PRESET_SYSTEM_PROMPT* are the
#   LLM classes' default system prompts; preset_role_dict's descriptions are the preset roles' system
#   prompts (returned by get_preset_role_prompt); OUTPUT_FORMAT is formatted with the schema.  The tool
#   agent's "Current date: ..." and "Observation: ..." additions and agents/base.py's composition are
#   data headers; tool descriptions, tool results and preset role names are neutral; agent_goal's default
#   is the value of {agent_goal}.
# - JARVIS easytool: each function sends SystemMessagePromptTemplate.from_template(template) with
#   template = "You are a helpful assistant." and a HumanMessagePromptTemplate.from_template("...") filled
#   by str.format ({{ escapes in the JSON examples).  HuggingGPT keeps its prompts in config YAML; the
#   Python sends run_task's user message; the test() demo conversation and the completion-mode glue of
#   convert_chat_to_completion are neutral.
# - OpenAgents data_agent: PREFIX is the system message (create_prompt adds the tool list after it);
#   FORMAT_INSTRUCTIONS is formatted with tool_names; SUFFIX is "{input}" alone (no text: neutral);
#   fake_continue_prompt's values are sent as a human message; SYSTEM_PROMPT / E_SYSTEM_PROMPT include
#   FUNCTION_ROLE_PLAY (a constant of their file: static text; the constant alone is neutral);
#   ECHARTS_REF_CODE is the value of {reference_code}; EXAMPLE_PROMPT_TEMPLATE formats few-shot examples
#   (neutral); the data summary texts ("Your table ... contains ...") are streamed to the person.
"""

ROOTS = {"promptulate": "promptulate/", "jarvis": "JARVIS/", "openagents": "OpenAgents/"}
FMT = {"fmt": True}
JINJA = {"marker": "{{"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind11/")

Q = "promptulate/"
PROMPTS = [
 ("promptulate", Q + "agents/assistant_agent/prompt.py", "PLAN_SYSTEM_PROMPT", None, JINJA),
 ("promptulate", Q + "agents/assistant_agent/prompt.py", "REVISE_SYSTEM_PROMPT", None, JINJA),
 ("promptulate", Q + "agents/planner/prompt.py", "PLAN_SYS_PROMPT", None, {}),
 ("promptulate", Q + "agents/web_agent/prompt.py", "SYSTEM_PROMPT", None, FMT),
 ("promptulate", Q + "agents/tool_agent/prompt.py", "SYSTEM_PROMPT_TEMPLATE", 5, JINJA),
 ("promptulate", Q + "agents/tool_agent/prompt.py", "REACT_SYSTEM_PROMPT_TEMPLATE", 31, JINJA),
 ("promptulate", Q + "agents/tool_agent/prompt.py", "PREFIX_TEMPLATE", None, FMT),
 ("promptulate", Q + "preset_roles/prompt.py", "PRESET_SYSTEM_PROMPT", None, {}),
 ("promptulate", Q + "preset_roles/prompt.py", "PRESET_SYSTEM_PROMPT_ERNIE", None, {}),
 ("promptulate", Q + "preset_roles/prompt.py", "PRESET_SYSTEM_PROMPT_CONVERSATION_ZH", None, {}),
 ("promptulate", Q + "frameworks/prompt.py", "SUMMARY_CONTENT_PROMPT_ZH", None, {}),
 ("promptulate", Q + "frameworks/prompt.py", "SUMMARY_TOPIC_PROMPT_ZH", None, {}),
 ("promptulate", Q + "frameworks/prompt.py", "SUMMARY_CONTENT_PROMPT_EN", None, {}),
 ("promptulate", Q + "frameworks/prompt.py", "SUMMARY_TOPIC_PROMPT_EN", None, {}),
 ("promptulate", Q + "output_formatter/prompt.py", "OUTPUT_FORMAT", None, FMT),
 ("promptulate", Q + "tools/iot_swith_mqtt/prompt.py", "PROMPT_TEMPLATE", None, FMT),
 ("promptulate", Q + "tools/math/prompt.py", "PROMPT_TEMPLATE", None, JINJA),
 ("promptulate", Q + "tools/arxiv/tools.py", "_init_arxiv_reference_tool_llm.preset", 50, {}),
 ("promptulate", Q + "tools/arxiv/tools.py", "_init_arxiv_summary_tool_llm.preset", 139, {}),
 ("promptulate", Q + "tools/arxiv/tools.py", "ArxivReferenceTool._run.prompt", 110, {}),
 ("promptulate", Q + "tools/arxiv/tools.py", "ArxivReferenceTool._run.prompt@125", 125, {}),
 ("promptulate", Q + "tools/arxiv/tools.py", "ArxivSummaryTool._run.get_opinion.prompt", 177, {}),
 ("promptulate", Q + "tools/arxiv/tools.py", "ArxivSummaryTool._run.get_advice.prompt", 194, {}),
 ("promptulate", Q + "tools/paper/tools.py", "PaperSummaryTool._run.get_translate.prompt", 93, {}),
 ("promptulate", Q + "tools/paper/tools.py", "PaperSummaryTool._run.get_opinion.prompt", 103, {}),
 ("promptulate", Q + "tools/paper/tools.py", "PaperSummaryTool._run.get_keywords.prompt", 112, {}),
 ("promptulate", Q + "tools/paper/tools.py", "PaperSummaryTool._run.get_advice.prompt", 121, {}),
]
for key, line in [("default-role", 42), ("ernie-default-role", 50), ("linux-terminal", 57), ("mind-map-generator", 62),
                  ("sql-generator", 69), ("copy-writer", 74), ("code-analyzer", 80)]:
    PROMPTS.append(("promptulate", Q + "preset_roles/roles.py", f"preset_role_dict.{key}.description", line, {}))

EZ = "easytool/easytool/"
for fname, functions in [
        ("funcQA.py", [("choose_tool", 47, 50), ("task_decompose", 91, 94), ("task_topology", 131, 134),
                       ("answer_generation_direct", 182, 185), ("choose_parameter", 197, 200),
                       ("choose_parameter_depend", 239, 242), ("answer_generation", 400, 403),
                       ("answer_generation_depend", 435, 438), ("answer_summarize", 476, 479),
                       ("answer_check", 493, 496)]),
        ("restbench.py", [("task_decompose", 48, 51)])]:
    for fn, sys_line, user_line in functions:
        PROMPTS.append(("jarvis", EZ + fname, f"{fn}.template", sys_line, {}))
        PROMPTS.append(("jarvis", EZ + fname, f"{fn}.human_message_prompt", user_line, FMT))
PROMPTS.append(("jarvis", "hugginggpt/server/awesome_chat.py", "run_task.messages.user", 821, {}))

D = "real_agents/data_agent/"
PROMPTS += [
 ("openagents", D + "copilot_prompt.py", "PREFIX", None, {}),
 ("openagents", D + "copilot_prompt.py", "FORMAT_INSTRUCTIONS", None, FMT),
 ("openagents", D + "copilot_prompt.py", "TEMPLATE_TOOL_RESPONSE", None, FMT),
 ("openagents", D + "copilot_prompt.py", "fake_continue_prompt.claude-2", 88, {}),
 ("openagents", D + "copilot_prompt.py", "fake_continue_prompt.claude-v1", 89, {}),
 ("openagents", D + "python/system_prompt.py", "SYSTEM_PROMPT", None, {}),
 ("openagents", D + "python/python_prompt.py", "USER_PROMPT", None, FMT),
 ("openagents", D + "python/echarts_prompt.py", "ECHARTS_USER_PROMPT", None, FMT),
 ("openagents", D + "python/echarts_prompt.py", "E_SYSTEM_PROMPT", None, {}),
 ("openagents", D + "sql/prompt.py", "_DEFAULT_TEMPLATE", None, FMT),
 ("openagents", D + "sql/prompt.py", "FEW_SHOT_PREFIX", None, FMT),
 ("openagents", D + "sql/prompt.py", "FEW_SHOT_SUFFIX", None, FMT),
 ("openagents", D + "executors/data_summary_executor.py", "TableSummaryExecutor.SUMMARY_PROMPT_TEMPLATE", 21, FMT),
 ("openagents", D + "executors/data_summary_executor.py", "ImageSummaryExecutor.SUMMARY_PROMPT_TEMPLATE", 120, FMT),
 ("openagents", D + "executors/kaggle_data_loading_executor.py", "KaggleDataLoadingExecutor.KAGGLE_TEMPLATE", 19, FMT),
]

NEUTRAL = [
 ("promptulate", Q + "agents/tool_agent/agent.py", "current_date 'Current date: ...', conversation_prompt 'Observation: ...' (data headers), agent_goal default (value of {agent_goal})", 113),
 ("promptulate", Q + "agents/base.py", "prompt = formatter instructions + '##User input:' + result (composition)", 48),
 ("promptulate", Q + "output_formatter/formatter.py", "instructions += '\\nExamples:\\n' (a header)", 98),
 ("promptulate", Q + "preset_roles/roles.py", "preset role names", 41),
 ("promptulate", Q + "tools/*", "tool descriptions and tool results", 1),
 ("jarvis", "hugginggpt/server/awesome_chat.py", "test() demo conversation, convert_chat_to_completion glue, error / reason records (tool results)", 978),
 ("openagents", D + "copilot_prompt.py", "SUFFIX = '{input}' (no text of its own)", 51),
 ("openagents", D + "python/system_prompt.py", "FUNCTION_ROLE_PLAY (inside SYSTEM_PROMPT)", 1),
 ("openagents", D + "python/echarts_prompt.py", "FUNCTION_ROLE_PLAY (inside E_SYSTEM_PROMPT), ECHARTS_REF_CODE (value of {reference_code})", 1),
 ("openagents", D + "sql/prompt.py", "EXAMPLE_PROMPT_TEMPLATE (few-shot example format) and PROMPT = PromptTemplate(template=_DEFAULT_TEMPLATE)", 37),
]

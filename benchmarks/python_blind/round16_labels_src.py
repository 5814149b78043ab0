# Blind round 16 label source (issue #11, Python sources, session 7), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round16_labels.toml.
import ast
import os

HEADER = """\
# Blind round 16 (issue #11, Python sources, session 7): hand labels written BY READING THE CODE, committed before
# pcache was run on these trees, with main 8903b77's rules.  Projects never used before in this repository (checked
# against /work/claimed-projects.txt, benchmarks/, tests/fixtures/SOURCES.md and the eval labels), not held out,
# no fork of a held-out project:
#
#   prometheus  prometheus-eval/prometheus-eval @ dcfb44272d5d0414832f5dbb8c2a05ebc2614234
#               folders libs/prometheus-eval/prometheus_eval (the judge library) and eval (the paper's evaluation)
#   webvoyager  MinorJerry/WebVoyager @ 5a7896738c10bfb8b9edccce6bb0e0411f8ae569   folder . (a multimodal web agent)
#   agente      EmergenceAI/Agent-E @ f218c3cb4b2b3e33ed08ea12da5514ab1e89cdd7      folder ae (a web agent on AutoGen,
#               the library, not a fork)
#   taskgen     simbianai/taskgen @ e20048068cb0659862c2bec459f9b0c5e93c88a3        folder taskgen (an agent framework:
#               strict_json(system_prompt, user_prompt, output_format) calls, prompts assembled as lists of parts)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool descriptions and tool results).  Notes:
# - prometheus: the rubrics (SCORE_RUBRIC_TEMPLATE, *_RUBRIC, AUTOJ_COARSE_SCORE_RUBRIC) are the value of the
#   templates' {rubric}/{score_rubric} fields: neutral.  eval/ imports its prompts as `src.evaluation.prompts`
#   (a path outside the scan).  litellm's _test sends "good morning?" as a user message: labelled, as canopy's
#   health check was in round 6.
# - webvoyager: fail_obs (a whole user message after a failed action) is labelled where it is written; warn_obs and
#   pdf_obs are values of the observation prompts' variables (neutral); clip_message_and_obs's "(Omitted in context.)"
#   rewrites of old turns are history records (neutral).
# - agente: LLM_PROMPTS is a mapping of prompts: the planner's and the browser agent's system prompts (string.Template:
#   `$basic_user_information`, `$command` are the variables), the command prompt, the unused verification and
#   no-skills prompts.  Its *_PROMPT entries given to register_for_llm(description=...) are tool descriptions
#   (neutral), as are USER_AGENT_PROMPT / BROWSER_NAV_EXECUTOR_PROMPT (the user proxy runs with llm_config=False: no
#   model reads it).  Each agent appends "Today's date is {date}" to its system message: labelled as that addition.
#   The skills' returned texts are tool results (neutral).
# - taskgen: strict_json / chat take (system_prompt, user_prompt) by position; Agent.query sends a list of parts;
#   output_format values are output field descriptions and fn_description the functions' descriptions (neutral, as
#   DSPy field descriptions); the "Assigned Subtask:", "Global Context:", "Subtasks Completed:", "Knowledge Reference"
#   headers are data headers (neutral); strict_json's error_msg ("Previous json: ... Fix the error.") is a parse-error
#   observation (neutral).  Containers for text written in a call: the function and the receiving parameter
#   (`ConversationWrapper.chat.system_prompt`).
# NOT prompts (false positives if reported): JavaScript given to page.evaluate / execute_script, regular expressions,
# the mock LLM's canned answers, terminal questions (async_input), UI notifications, PR bodies, generated code.
"""

ROOTS = {"prometheus": "prometheus-eval/", "webvoyager": "WebVoyager/", "agente": "Agent-E/", "taskgen": "taskgen/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind16/")
PL = "libs/prometheus-eval/prometheus_eval/"
FMT = {"fmt": True}


def _dict_value(full, name, key):
    tree = ast.parse(open(ROOT + full, encoding="utf-8").read())
    for n in tree.body:
        if isinstance(n, ast.Assign) and n.targets[0].id == name:
            for k, v in zip(n.value.keys, n.value.values):
                if k.value == key:
                    return v.value, v.lineno
    raise KeyError(key)


def _before_marker(full, name, key, marker):
    text, _ = _dict_value(full, name, key)
    return {"before": text[:text.index(marker)]} if marker else {}


AP = "ae/core/prompts.py"
_AGENTE_DICT = [("PLANNER_AGENT_PROMPT", "$basic_user_information"), ("BROWSER_AGENT_PROMPT", None),
                ("VERFICATION_AGENT", None), ("COMMAND_EXECUTION_PROMPT", "$command"),
                ("BROWSER_AGENT_NO_SKILLS_PROMPT", None)]
TODAY = {"before": "\nToday's date is "}

PROMPTS = [
 # prometheus-eval: the library
 ("prometheus", PL + "prompts.py", "ABS_SYSTEM_PROMPT", None, {}),
 ("prometheus", PL + "prompts.py", "REL_SYSTEM_PROMPT", None, {}),
 *[("prometheus", PL + "prompts.py", n, None, FMT) for n in (
     "ABSOLUTE_PROMPT", "ABSOLUTE_PROMPT_WO_REF", "RELATIVE_PROMPT", "RELATIVE_PROMPT_WO_REF",
     "ABSOLUTE_PROMPT_WO_REF_RAG", "RELATIVE_PROMPT_WO_REF_RAG")],
 ("prometheus", PL + "litellm.py", "_test.batch_messages.user", 124, {"col": 50}),
 # prometheus-eval: eval/
 ("prometheus", "eval/prompts.py", "RELATIVE_PROMPT", None, FMT),
 ("prometheus", "eval/prompts.py", "ABSOLUTE_PROMPT", None, FMT),
 ("prometheus", "eval/prompts.py", "ABS_SYSTEM_PROMPT", None, {}),
 ("prometheus", "eval/prompts.py", "REL_SYSTEM_PROMPT", None, {}),
 ("prometheus", "eval/benchmark/autoj_utils/utils_constants.py", "critique_eval_prompt", None, FMT),
 ("prometheus", "eval/benchmark/autoj_utils/utils_constants.py", "zh_critique_eval_prompt", None, FMT),
 ("prometheus", "eval/llms/vllm_utils.py", "main.prompts", 92, {}),
 # WebVoyager
 ("webvoyager", "prompts.py", "SYSTEM_PROMPT", None, {}),
 ("webvoyager", "prompts.py", "SYSTEM_PROMPT_TEXT_ONLY", None, {}),
 ("webvoyager", "run.py", "format_msg.init_msg", 60, {}),
 ("webvoyager", "run.py", "format_msg.curr_msg.user", 75, {}),
 ("webvoyager", "run.py", "format_msg.curr_msg.user@86", 86, {}),
 ("webvoyager", "run.py", "format_msg_text_only.curr_msg.user", 107, {}),
 ("webvoyager", "run.py", "format_msg_text_only.curr_msg.user@112", 112, {}),
 ("webvoyager", "run.py", "main.obs_prompt", 308, {}),
 ("webvoyager", "run.py", "main.obs_prompt@311", 311, {}),
 ("webvoyager", "run.py", "main.init_msg", 313, {}),
 ("webvoyager", "run.py", "main.fail_obs", 398, {}),
 ("webvoyager", "run.py", "main.fail_obs@492", 492, {}),
 ("webvoyager", "utils.py", "get_pdf_retrieval_ans_from_assistant.instructions", 372, {}),
 ("webvoyager", "evaluation/auto_eval.py", "SYSTEM_PROMPT", None, {}),
 ("webvoyager", "evaluation/auto_eval.py", "USER_PROMPT", None, {"marker": "<task>"}),
 ("webvoyager", "evaluation/auto_eval.py", "auto_eval_by_gpt4v.messages.user", 92, {}),
 # Agent-E
 *[("agente", AP, f"LLM_PROMPTS.{k}", _dict_value(ROOTS["agente"] + AP, "LLM_PROMPTS", k)[1],
    _before_marker(ROOTS["agente"] + AP, "LLM_PROMPTS", k, m)) for k, m in _AGENTE_DICT],
 ("agente", "ae/core/agents/browser_nav_agent.py", "BrowserNavAgent.__init__.system_message", 51, TODAY),
 ("agente", "ae/core/agents/high_level_planner_agent.py", "PlannerAgent.__init__.system_message", 44, TODAY),
 # taskgen
 ("taskgen", "taskgen/base.py", "convert_to_list.system_msg", 15, {}),
 ("taskgen", "taskgen/base.py", "llm_check.system_msg", 80, {}),
 ("taskgen", "taskgen/base.py", "strict_json.output_format_prompt", 447, {}),
 ("taskgen", "taskgen/base.py", "strict_json.output_format_prompt@474", 474, {}),
 ("taskgen", "taskgen/base_async.py", "convert_to_list_async.system_msg", 17, {}),
 ("taskgen", "taskgen/base_async.py", "llm_check_async.system_msg", 30, {}),
 ("taskgen", "taskgen/base_async.py", "strict_json_async.output_format_prompt", 283, {}),
 ("taskgen", "taskgen/base_async.py", "strict_json_async.output_format_prompt@313", 313, {}),
 ("taskgen", "taskgen/agent.py", "BaseAgent.__init__.self.use_llm_prompt", 108, {}),
 ("taskgen", "taskgen/agent.py", "BaseAgent.prepare_input_user_prompt_for_query.user_prompt_list", 281, {}),
 ("taskgen", "taskgen/agent.py", "Agent.get_next_subtask.queries", 598, {}),
 ("taskgen", "taskgen/agent.py", "Agent.get_next_subtask.queries@667", 667, {}),
 ("taskgen", "taskgen/agent.py", "Agent.reply_user.queries", 703, {}),
 ("taskgen", "taskgen/agent.py", "AsyncAgent.get_next_subtask.queries", 1429, {}),
 ("taskgen", "taskgen/agent.py", "AsyncAgent.get_next_subtask.queries@1499", 1499, {}),
 ("taskgen", "taskgen/agent.py", "AsyncAgent.reply_user.queries", 1537, {}),
 ("taskgen", "taskgen/function.py", "Function.__init__.system_prompt", 293, {}),
 ("taskgen", "taskgen/function.py", "AsyncFunction.async_init.system_prompt", 377, {}),
 ("taskgen", "taskgen/memory.py", "Memory.retrieve_by_llm.system_prompt", 221, {}),
 ("taskgen", "taskgen/memory.py", "AsyncMemory.retrieve_by_llm.system_prompt", 290, {}),
 ("taskgen", "taskgen/wrapper.py", "ConversationWrapper.chat.task", 60, {}),
 ("taskgen", "taskgen/wrapper.py", "ConversationWrapper.chat.query", 73, {}),
 ("taskgen", "taskgen/wrapper.py", "ConversationWrapper.chat.system_prompt", 96, {}),
 ("taskgen", "taskgen/wrapper.py", "ConversationWrapper.chat.user_prompt", 97, {}),
 ("taskgen", "taskgen/wrapper.py", "ConversableAgent.chat.task", 159, {}),
 ("taskgen", "taskgen/wrapper.py", "ConversableAgent.chat.query", 172, {}),
 ("taskgen", "taskgen/wrapper.py", "ConversableAgent.chat.system_prompt", 195, {}),
 ("taskgen", "taskgen/wrapper.py", "ConversableAgent.chat.user_prompt", 196, {}),
]

NEUTRAL = [
 ("prometheus", PL + "prompts.py", "SCORE_RUBRIC_TEMPLATE and the *_RUBRIC constants (values of {rubric})", 141),
 ("prometheus", "eval/prompts.py", "AUTOJ_COARSE_SCORE_RUBRIC (value of {score_rubric})", 43),
 ("prometheus", "eval/run_evaluate.py", "system_message + record[...] compositions", 256),
 ("prometheus", "eval/llms/prometheus_utils.py", "score_prompts: input + feedback + ' [RESULT] ' + score compositions", 28),
 ("prometheus", "eval/llms/vllm_utils.py", "feedback + ' [RESULT] ' + score compositions", 110),
 ("webvoyager", "run.py", "warn_obs (exec_action_type) and pdf_obs (line 442): values of the observation prompts' variables", 177),
 ("webvoyager", "utils.py", "clip_message_and_obs(_text_only) '(Omitted in context.)' rewrites of old turns", 272),
 ("agente", AP, "USER_AGENT_PROMPT, BROWSER_NAV_EXECUTOR_PROMPT (a user proxy without a model) and the skills' *_PROMPT tool descriptions", 2),
 ("agente", "ae/core/autogen_wrapper.py", "my_custom_summary_method's empty-message note and reflection_message (nested-chat results)", 128),
 ("agente", "ae/utils/autogen_sequential_function_call.py", "the skipped-function tool result", 53),
 ("agente", "ae/core/skills/click_using_selector.py", "skills' returned texts (tool results)", 58),
 ("taskgen", "taskgen/agent.py", "output_format descriptions, fn_description texts, data headers (Assigned Subtask, Subtasks Completed, Global Context, Equipped Functions, Knowledge Reference, Related Subtasks Completed)", 515),
 ("taskgen", "taskgen/base.py", "strict_json error_msg (parse-error observation) and the exception texts it quotes", 528),
 ("taskgen", "taskgen/wrapper.py", "reply_user('Summarise Subtasks Completed in one line') (the value of reply_user's {my_query})", 67),
]

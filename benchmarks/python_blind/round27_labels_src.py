# Blind round 27 label source (issue #11, Python sources, session 15), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round27_labels.toml.

HEADER = """\
# Blind round 27 (issue #11, Python sources, session 15): hand labels written BY READING THE CODE, committed before
# pcache was run on these trees (main `562f587`'s rules, frozen: nothing was changed before this round's run).
# Projects never used before in this repository (checked against /work/claimed-projects.txt, benchmarks/,
# tests/fixtures/ and the eval labels; claimed before opening), not held out, no fork of a held-out project:
#
#   trace      microsoft/Trace @ 8190d032e43ffe18943a8cad9ea9ee99e43d6773 (MIT)  folder opto (a generative
#              optimisation library: optimizer classes whose prompt templates are class attributes wrapped in
#              `dedent(...)` and formatted with str.format in `construct_prompt` (OptoPrime, OPRO); a TextGrad
#              port whose module constants are str.format templates (copied from zou-group/textgrad, whose own
#              files were round 8's; the code that fills them is Trace's); Node / bundle descriptions beside them)
#   mleagent   MLSysOps/MLE-agent @ 7e58438a2d523e1c04069b6dbcb52134e2e7fae0 (MIT)  folder mle/agents (ML engineering
#              agents: system prompts written as `self.sys_prompt = \"\"\"...\"\"\"` in `__init__`, with
#              `self.search_prompt` / `self.json_mode_prompt` added by `+=`, and per-call user prompts as locals sent
#              as {"role": "user", "content": ...} dicts)
#   toolbench  OpenBMB/ToolBench @ d56fdd89faf8c91fa135090b212bb9057ee5cfc2 (Apache-2.0)  folder toolbench/inference
#              (ToolLLaMA's inference: prompt constants in `Prompts/*.py` whose `{name}` slots are filled with
#              `.replace("{name}", value)` in DFS.py, single_chain.py, davinci_model.py and rank_candidate.py)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results, demo calls under
# `if __name__ == "__main__"`).  Notes:
# - trace: OptoPrime's `representation_prompt` + `output_format_prompt` make the system prompt (concatenated, not
#   formatted: no field in either), `user_prompt_template` / `example_problem_template` (str.format) and
#   `final_prompt` the user prompt; `example_prompt` is never read (a template by form, labelled);
#   `ProblemInstance.problem_template` is formatted into the value of `{problem_instance}` (neutral), and so is
#   `default_objective` (the value of `{instruction}`); `example_problem` / `example_response` are the few-shot
#   example (neutral); the "Below are some variables and their feedbacks you received in the past." f-string in
#   construct_prompt is a data header (neutral).  OPRO: `output_format_prompt` is its system prompt,
#   `user_prompt_template` its user template (str.format).  TextGrad port: the same decisions as round 8 (the
#   *_PROMPT / *_INSTRUCTION constants are str.format templates, labelled whether read or not; OPTIMIZER_SYSTEM_PROMPT
#   with GLOSSARY_TEXT inlined; BACKWARD_SYSTEM_PROMPT and REDUCE_MEAN_SYSTEM_PROMPT are sent as they are);
#   GLOSSARY_TEXT*, CONVERSATION_TEMPLATE, GRADIENT_TEMPLATE / GRADIENT_MULTIPART_TEMPLATE (values of fields), the
#   `construct_tgd_prompt` composition and `construct_reduce_prompt`'s `<FEEDBACK>{gradient}</FEEDBACK>` wrappers are
#   neutral.  Node, ParameterNode, ExceptionNode and bundle `description` texts reach the optimizer only as
#   #Documentation values (neutral).
# - mleagent: every `self.sys_prompt`, `self.search_prompt` and `self.json_mode_prompt` written in an agent's
#   `__init__` is a prompt (the system message the agent sends; a second write of the same name in its `if` is
#   `@line`); the per-call locals `task_prompt` / `improve_prompt` / `debug_prompt` / `greet_prompt` /
#   `user_prompt` / `system_prompt` are prompts (dedented where the code dedents); the text ChatAgent.chat adds to
#   the user's question (`user_prompt += f\"\"\"...These reference files ...\"\"\"`) is a prompt named by the
#   parameter; what is only data with headers is neutral: DebugAgent.analyze_with_log's `analyze_prompt` (the
#   command and the logs), ReportAgent.process_knowledge's `info_prompt`, the summarizers' `info_str`, the
#   "Error message:" / "EXAMPLE SUBMISSION FILE:" / "The overall project information" additions.
# - toolbench: each slot filled by `.replace("{name}", ...)` is a variable (the marker's first occurrence);
#   `{{TASK_DESCRIPTION}}` in the rank prompt is text (never replaced); rapidapi's `self.task_description` is the
#   value of `{task_description}` and the Finish function's descriptions are tool descriptions (neutral);
#   davinci's `func_str` lines and "Observation:" scratchpad lines are values (neutral); the messages of the
#   `__main__` demos in LLM/*.py are neutral.
# Names corrected AFTER the blind run (round27_blind_run.txt, labels of c30fe6d): the labels had named the attributes
#   an agent's `__init__` writes `Class.__init__.self.attr`; the README names an attribute set in `__init__`
#   `Class.attr` (`BaseAgent.use_llm_prompt`), so they are `PlanAgent.sys_prompt`, `AdviseAgent.sys_prompt@96`, ...
#   (23 rows; nothing else changed).  The blind figure is the run on the labels as committed.
# NOT prompts (false positives if reported): MLE-agent's console and questionary texts, `process_report`,
#   `process_summary`, `process_plan` and `process_debug_report` (shown in print_in_box); Trace's render_opt_step
#   HTML, error texts, test JSON strings; ToolBench's server error texts (`process_error`) and prints.
"""

ROOTS = {"trace": "Trace/", "mleagent": "MLE-agent/", "toolbench": "ToolBench/"}

OP = "opto/optimizers/optoprime.py"
OR = "opto/optimizers/opro.py"
TG = "opto/optimizers/textgrad.py"
A = "mle/agents/"
TP = "toolbench/inference/Prompts/"
FMT = {"fmt": True}
DFMT = {"fmt": True, "transform": "dedent"}
DED = {"transform": "dedent"}

PROMPTS = [
 ("trace", OP, "OptoPrime.representation_prompt", 147, DFMT),
 ("trace", OP, "OptoPrime.output_format_prompt", 173, DFMT),
 ("trace", OP, "OptoPrime.example_problem_template", 196, DFMT),
 ("trace", OP, "OptoPrime.user_prompt_template", 209, DFMT),
 ("trace", OP, "OptoPrime.example_prompt", 220, DFMT),
 ("trace", OP, "OptoPrime.final_prompt", 243, DFMT),
 ("trace", OR, "OPRO.user_prompt_template", 9, DFMT),
 ("trace", OR, "OPRO.output_format_prompt", 21, DFMT),
] + [("trace", TG, c, None, FMT) for c in [
 "OPTIMIZER_SYSTEM_PROMPT", "TGD_PROMPT_PREFIX", "TGD_MULTIPART_PROMPT_INIT", "TGD_MULTIPART_PROMPT_PREFIX",
 "TGD_PROMPT_SUFFIX", "MOMENTUM_PROMPT_ADDITION", "CONSTRAINT_PROMPT_ADDITION", "IN_CONTEXT_EXAMPLE_PROMPT_ADDITION",
 "CONVERSATION_START_INSTRUCTION_CHAIN", "OBJECTIVE_INSTRUCTION_CHAIN", "CONVERSATION_START_INSTRUCTION_BASE",
 "OBJECTIVE_INSTRUCTION_BASE", "EVALUATE_VARIABLE_INSTRUCTION", "SEARCH_QUERY_BACKWARD_INSTRUCTION",
 "GRADIENT_OF_RESULTS_INSTRUCTION"]
] + [("trace", TG, c, None, {}) for c in ["BACKWARD_SYSTEM_PROMPT", "REDUCE_MEAN_SYSTEM_PROMPT"]
] + [
 ("mleagent", A + "planner.py", "PlanAgent.sys_prompt", 39, {}),
 ("mleagent", A + "planner.py", "PlanAgent.json_mode_prompt", 59, {}),
 ("mleagent", A + "advisor.py", "AdviseAgent.sys_prompt", 50, {}),
 ("mleagent", A + "advisor.py", "AdviseAgent.search_prompt", 71, {}),
 ("mleagent", A + "advisor.py", "AdviseAgent.json_mode_prompt", 75, {}),
 ("mleagent", A + "advisor.py", "AdviseAgent.sys_prompt@96", 96, {}),
 ("mleagent", A + "advisor.py", "AdviseAgent.json_mode_prompt@111", 111, {}),
 ("mleagent", A + "advisor.py", "AdviseAgent.clarify_dataset.system_prompt", 207, {}),
 ("mleagent", A + "advisor.py", "AdviseAgent.clarify_dataset.user_prompt", 214, {}),
 ("mleagent", A + "advisor.py", "AdviseAgent.clarify_dataset.user_prompt@233", 233, {}),
 ("mleagent", A + "chat.py", "ChatAgent.sys_prompt", 30, {}),
 ("mleagent", A + "chat.py", "ChatAgent.search_prompt", 46, {}),
 ("mleagent", A + "chat.py", "ChatAgent.greet.greet_prompt", 90, {}),
 ("mleagent", A + "chat.py", "ChatAgent.chat.user_prompt", 124, {}),
 ("mleagent", A + "coder.py", "CodeAgent.sys_prompt", 48, {}),
 ("mleagent", A + "coder.py", "CodeAgent.sys_prompt@68", 68, {}),
 ("mleagent", A + "coder.py", "CodeAgent.search_prompt", 85, {}),
 ("mleagent", A + "coder.py", "CodeAgent.json_mode_prompt", 89, {}),
 ("mleagent", A + "coder.py", "CodeAgent.json_mode_prompt@115", 115, {}),
 ("mleagent", A + "coder.py", "CodeAgent.code.task_prompt", 168, DED),
 ("mleagent", A + "coder.py", "CodeAgent.debug.improve_prompt", 195, DED),
 ("mleagent", A + "debugger.py", "DebugAgent.sys_prompt", 46, {}),
 ("mleagent", A + "debugger.py", "DebugAgent.search_prompt", 61, {}),
 ("mleagent", A + "debugger.py", "DebugAgent.json_mode_prompt", 66, {}),
 ("mleagent", A + "debugger.py", "DebugAgent.sys_prompt@97", 97, {}),
 ("mleagent", A + "debugger.py", "DebugAgent.analyze.debug_prompt", 153, {}),
 ("mleagent", A + "reporter.py", "ReportAgent.sys_prompt", 23, {}),
 ("mleagent", A + "reporter.py", "ReportAgent.json_mode_prompt", 42, {}),
 ("mleagent", A + "summarizer.py", "GitHubSummaryAgent.sys_prompt", 30, {}),
 ("mleagent", A + "summarizer.py", "GitHubSummaryAgent.json_mode_prompt", 48, {}),
 ("mleagent", A + "summarizer.py", "GitHubSummaryAgent.kaggle_request_summarize.system_prompt", 148, {}),
 ("mleagent", A + "summarizer.py", "GitSummaryAgent.sys_prompt", 198, {}),
 ("mleagent", A + "summarizer.py", "GitSummaryAgent.json_mode_prompt", 215, {}),
 ("toolbench", TP + "ReAct_prompts.py", "FORMAT_INSTRUCTIONS_SYSTEM_FUNCTION", None, {"marker": "{task_description}"}),
 ("toolbench", TP + "ReAct_prompts.py", "FORMAT_INSTRUCTIONS_USER_FUNCTION", None, {"marker": "{input_description}"}),
 ("toolbench", TP + "ReAct_prompts.py", "FORMAT_INSTRUCTIONS_SYSTEM_FUNCTION_ZEROSHOT", None, {"marker": "{func_str}"}),
 ("toolbench", TP + "Tree_search_prompts.py", "DIVERSITY_PROMPT", None, {"marker": "{previous_candidate}"}),
 ("toolbench", TP + "rank_prompts.py", "LLM_PAIRWISE_RANK_SUBFIX_SYSTEM_PROMPT", None, {"marker": "{task_description}"}),
 ("toolbench", TP + "rank_prompts.py", "LLM_PAIRWISE_RANK_USER_PROMPT", None, {}),
]

NEUTRAL = [
 ("trace", OP, "ProblemInstance.problem_template (formatted into the value of {problem_instance})", 100),
 ("trace", OP, "default_objective (the value of {instruction}), example_problem / example_response (few-shot)", 170),
 ("trace", OP, "construct_prompt's past-feedback header and the system_prompt composition", 424),
 ("trace", OR, "OPRO.default_objective (the value of {instruction})", 41),
 ("trace", TG, "GLOSSARY_TEXT*, CONVERSATION_TEMPLATE, GRADIENT_TEMPLATE / GRADIENT_MULTIPART_TEMPLATE (values of fields)", 24),
 ("trace", TG, "construct_tgd_prompt (composition), construct_reduce_prompt <FEEDBACK> wrappers, gradient texts", 262),
 ("trace", "opto/trace/nodes.py", "Node / ParameterNode / ExceptionNode / operator descriptions (#Documentation values)", 790),
 ("trace", "opto/trace/bundle.py", "bundle descriptions and exception node texts", 572),
 ("mleagent", A + "debugger.py", "analyze_with_log.analyze_prompt (command and logs with headers), \"Error message:\" addition", 125),
 ("mleagent", A + "reporter.py", "process_knowledge.info_prompt (GitHub data with headers)", 73),
 ("mleagent", A + "summarizer.py", "process_knowledge.info_str (both agents) and the EXAMPLE SUBMISSION FILE addition", 78),
 ("mleagent", A + "chat.py", "the overall project information addition and the File/Snippet lines", 73),
 ("toolbench", "toolbench/inference/Downstream_tasks/rapidapi.py", "self.task_description (value of {task_description}), Finish descriptions", 114),
 ("toolbench", "toolbench/inference/LLM/davinci_model.py", "func_str / api_desc lines (values), Observation scratchpad", 92),
 ("toolbench", "toolbench/inference/LLM/llama_model.py", "__main__ demo messages (also tool_llama*.py, chatgpt_function_model.py)", 123),
]

# Blind round 11 label source (issue #11, Python sources), written BY READING THE CODE before pcache ran on
# these trees; emit_labels.py turns it into round11_labels.toml.  (project, file, container, line, kwargs)
import ast
import os

HEADER = """\
# Blind round 11 (issue #11, Python sources, session 5): hand labels written BY READING THE CODE, committed
# before pcache was run on these trees (main 5a36a55: all rules of rounds 3-10).  Projects never used
# before in this repository (checked against benchmarks/*.md, tests/fixtures/SOURCES.md) and not held out:
#
#   chemcrow  ur-whitelab/chemcrow-public @ e7ebd5193334ac1d8dea137b635721c7cb470d33  folder chemcrow
#   gptswarm  metauto-ai/GPTSwarm @ 8ceccd599d9cd7b958ec726450b509456deae5cb
#             swarm/environment/prompt and swarm/environment/operations (scanned together)
#   mlab      snap-stanford/MLAgentBench @ 5d71205cc20a8e95d43aa7cb7120e89ca3323e31
#             MLAgentBench/agents/{agent,agent_research,agent_langchain,agent_autogpt}.py,
#             MLAgentBench/high_level_actions.py, MLAgentBench/LLM.py (scanned together; the vendored
#             agents/Auto-GPT copy is left out)
#   voyager   MineDojo/Voyager @ 55e45a880755d0c8c66ca7fb5fe7962ac8974f89  folder voyager (its .py files;
#             its prompts are voyager/prompts/*.txt, loaded by name: no Python prompt is labelled, so this
#             project measures false positives only)
#   ell       MadcowD/ell @ 9d129846203e75efeb4e5cddd3fb1c164dc0b243  folder src/ell
#
# Same labelling rule as round3_labels.toml (a string whose purpose is to instruct or frame a model; names
# as pcache's README names containers: a second prompt of the same name gets @line; a message written in
# place in `messages = [...]` is `function.messages.<role>`; what a function returns is the function).
# Neutral: values of another prompt's variable, data headers, compositions, few-shot examples, tool
# descriptions and tool results.  Notes:
# - chemcrow: rmrkl's ChatZeroShotAgent formats FORMAT_INSTRUCTIONS / QUESTION_PROMPT / SUFFIX with
#   str.format (LangChain's agent prompt); REPHRASE_TEMPLATE and the tools' templates go to PromptTemplate.
#   PREFIX is not imported anywhere (a prompt by purpose, kept in prompts.py).  FINAL_ANSWER_ACTION is an
#   output-parsing marker.
# - GPTSwarm: every operation sends Message(role="system", content=f"You are a {role}. {constraint}") and
#   the PromptSet's get_*_prompt result as the user message.  get_role / get_constraint / get_format
#   return the VALUES of {role} and {constraint} (neutral); get_answer_prompt returns f"{question}" (no
#   text of its own; neutral).  get_combine_materials builds the question the final answer prompt sends
#   (it starts with the task: first variable at 0).  crosswords' module templates and PLAN_TEMPLATE are
#   unused ToT-style templates with {input}/{filenames} str.format slots; human_eval_fewshot's *_FEW_SHOT*
#   constants are few-shot examples (neutral), its instructions are prompts (copied from reflexion).
#   UnitestGeneration.check_examples.user_prompt is assigned and never read (neutral).
# - MLAgentBench: initial_prompt templates are filled by .format (tools_prompt first); ResearchAgent.run
#   builds its step prompt from self.initial_prompt plus written-in-place instructions (retrieval header,
#   "Now let's start!", the retry instruction after a malformed answer): labelled, first variable at 0.
#   The simple agent's step prompt (initial prompt + glue) and format_prompt_dict entries (values of
#   {format_prompt}) are neutral; invalid_action_error texts are tool results.
# - Voyager: observation texts (Biome/Time/Inventory headers), task contexts, QA questions (values of
#   {question}), "Final task: {task}" and "Question: {question}" (a data header and its value) are neutral.
# - ell: @ell.simple makes the function's docstring the system prompt and what it returns the user prompt
#   (ell's documented API): write_commit_message_for_diff is both.  The __main__ demo programs are values.
"""

ROOTS = {"chemcrow": "chemcrow-public/", "gptswarm": "GPTSwarm/", "mlab": "MLAgentBench/", "voyager": "Voyager/",
         "ell": "ell/"}
FMT = {"fmt": True}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind11/")


def _tree(path):
    return ast.parse(open(ROOT + path, encoding="utf-8").read())


def _ret(path, cls, meth):
    """Line of the string a method returns (its first return with a value)."""
    tree = _tree(path)
    c = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls)
    f = next(n for n in c.body if isinstance(n, ast.FunctionDef) and n.name == meth)
    r = next(n for n in ast.walk(f) if isinstance(n, ast.Return) and n.value is not None)
    return r.value.lineno


C = "chemcrow/"
PROMPTS = [
 ("chemcrow", C + "agents/prompts.py", "PREFIX", None, {}),
 ("chemcrow", C + "agents/prompts.py", "FORMAT_INSTRUCTIONS", None, FMT),
 ("chemcrow", C + "agents/prompts.py", "QUESTION_PROMPT", None, FMT),
 ("chemcrow", C + "agents/prompts.py", "SUFFIX", None, FMT),
 ("chemcrow", C + "agents/prompts.py", "REPHRASE_TEMPLATE", None, FMT),
 ("chemcrow", C + "tools/prompts.py", "safety_summary_prompt", 2, FMT),
 ("chemcrow", C + "tools/prompts.py", "summary_each_data", 14, FMT),
 ("chemcrow", C + "tools/reactions.py", "RXNRetrosynthesisLocal._summary_gpt.prompt", 112, {}),
 ("chemcrow", C + "tools/rxn4chem.py", "RXNRetrosynthesis._summary_gpt.prompt", 275, {}),
 ("chemcrow", C + "tools/search.py", "paper_search.prompt", 31, FMT),
]

P = "swarm/environment/prompt/"
O = "swarm/environment/operations/"
G = "GPTSwarm/"
PROMPTS += [("gptswarm", P + "mmlu_prompt_set.py", "MMLUPromptSet.get_adversarial_answer_prompt",
             _ret(G + P + "mmlu_prompt_set.py", "MMLUPromptSet", "get_adversarial_answer_prompt"), {})]
for fname, cls, meths in [
        ("gaia_prompt_set.py", "GaiaPromptSet", ["get_query_prompt", "get_file_analysis_prompt", "get_websearch_prompt",
                                                "get_distill_websearch_prompt", "get_reflect_prompt",
                                                "get_self_consistency", "get_select_best"]),
        ("humaneval_prompt_set.py", "HumanEvalPromptSet", ["get_react_prompt", "get_query_prompt",
                                                          "get_file_analysis_prompt", "get_websearch_prompt",
                                                          "get_distill_websearch_prompt", "get_reflect_prompt",
                                                          "get_self_consistency", "get_select_best"]),
        ("crosswords_prompt_set.py", "CrosswordsPromptSet", ["get_propose_prompt", "get_if_correct_prompt",
                                                            "get_value_prompt"])]:
    for m in meths:
        PROMPTS.append(("gptswarm", P + fname, f"{cls}.{m}", _ret(G + P + fname, cls, m), {}))
PROMPTS += [
 ("gptswarm", P + "crosswords_prompt_set.py", "CrosswordsPromptSet.get_suggest_prompt", 34, {}),
 ("gptswarm", P + "crosswords_prompt_set.py", "standard_prompt", None, FMT),
 ("gptswarm", P + "crosswords_prompt_set.py", "cot_prompt", None, FMT),
 ("gptswarm", P + "crosswords_prompt_set.py", "propose_one_prompt", None, FMT),
 ("gptswarm", P + "crosswords_prompt_set.py", "evaluate_prompt", None, FMT),
 ("gptswarm", P + "plan.py", "PLAN_TEMPLATE", None, FMT),
 ("gptswarm", P + "common.py", "get_combine_materials", 6, {"before": ""}),
]
for name in ["react_prompt_header", "react_prompt_starter", "PY_SELF_REFLECTION_COMPLETION_INSTRUCTION",
             "USE_PYTHON_CODEBLOCK_INSTRUCTION", "PY_SIMPLE_CHAT_INSTRUCTION", "PY_SIMPLE_CHAT_INSTRUCTION_V2",
             "PY_REFLEXION_CHAT_INSTRUCTION", "PY_REFLEXION_CHAT_INSTRUCTION_V2",
             "PY_SELF_REFLECTION_CHAT_INSTRUCTION", "PY_SELF_REFLECTION_CHAT_INSTRUCTION_V2",
             "PY_TEST_GENERATION_COMPLETION_INSTRUCTION", "PY_TEST_GENERATION_CHAT_INSTRUCTION"]:
    PROMPTS.append(("gptswarm", P + "human_eval_fewshot.py", name, None, {}))
PROMPTS += [
 ("gptswarm", O + "adversarial_answer.py", "AdversarialAnswer._execute.message.system", 54, {}),
 ("gptswarm", O + "combine_answer.py", "CombineAnswer._execute.message.system", 66, {}),
 ("gptswarm", O + "direct_answer.py", "DirectAnswer._execute.message.system", 63, {}),
 ("gptswarm", O + "final_decision.py", "FinalDecision._execute.message.system", 81, {}),
 ("gptswarm", O + "final_decision.py", "FinalDecision._execute.message.system@113", 113, {}),
 ("gptswarm", O + "final_decision.py", "FinalDecision._execute.message.system@127", 127, {}),
 ("gptswarm", O + "generate_query.py", "GenerateQuery._execute.message.system", 115, {}),
 ("gptswarm", O + "reflect.py", "Reflect._execute.message.system", 58, {}),
 ("gptswarm", O + "web_search.py", "WebSearch._execute.message.system", 55, {}),
 ("gptswarm", O + "cot_step.py", "CoTStep._execute.system_prompt", 39, {}),
 ("gptswarm", O + "cot_step.py", "CoTStep._execute.system_prompt@44", 44, {}),
 ("gptswarm", O + "optimizable_operation.py", "OptimizableOperation.get_new_prompt.meta_prompt", 40, {}),
 ("gptswarm", O + "optimizable_operation.py", "OptimizableOperation.get_new_prompt.user", 51, {}),
 ("gptswarm", O + "optimizable_operation.py", "OptimizableOperation.get_new_prompt.meta_prompt@59", 59, {}),
 ("gptswarm", O + "humaneval/code_writing.py", "CodeWriting.__init__.prompt", 28, {}),
 ("gptswarm", O + "humaneval/unitest_generation.py", "UnitestGeneration.check_examples.messages.system", 70, {}),
 ("gptswarm", O + "humaneval/unitest_generation.py", "UnitestGeneration.check_examples.messages.user", 77, {}),
 ("gptswarm", O + "humaneval/unitest_generation.py", "UnitestGeneration._execute.message.system", 110, {}),
]

M = "MLAgentBench/"
PROMPTS += [
 ("mlab", M + "agents/agent.py", "initial_prompt", None, FMT),
 ("mlab", M + "agents/agent_research.py", "initial_prompt", None, FMT),
 ("mlab", M + "agents/agent_research.py", "ResearchAgent.run.prompt", 74, {"before": ""}),
 ("mlab", M + "agents/agent_research.py", "ResearchAgent.summarize_observation.prompt", 232, {}),
 ("mlab", M + "agents/agent_research.py", "ResearchAgent.summarize_observation.prompt@251", 251, {}),
 ("mlab", M + "agents/agent_research.py", "ResearchAgent.summarize_action_and_observation.prompt", 274, {}),
 ("mlab", M + "high_level_actions.py", "reflection.prompt", 16, {}),
 ("mlab", M + "high_level_actions.py", "understand_file.prompt", 54, {}),
 ("mlab", M + "high_level_actions.py", "understand_file.prompt@68", 68, {}),
 ("mlab", M + "high_level_actions.py", "edit_script.prompt", 86, {}),
 ("mlab", M + "high_level_actions.py", "edit_script_lines.prompt", 132, {}),
 ("mlab", M + "high_level_actions.py", "retrieval_from_research_log.prompt", 182, {}),
]

E = "src/ell/util/differ.py"
PROMPTS += [
 ("ell", E, "write_commit_message_for_diff.system", 8, {}),
 ("ell", E, "write_commit_message_for_diff", 38, {}),
]

NEUTRAL = [
 ("chemcrow", C + "agents/prompts.py", "FINAL_ANSWER_ACTION (an output-parsing marker)", 46),
 ("chemcrow", C + "tools/*.py", "tool descriptions (description = ...) and tool results (returned strings)", 1),
 ("gptswarm", P + "*_prompt_set.py", "get_role / get_constraint / get_format (values of {role} / {constraint}) and get_answer_prompt (f'{question}')", 1),
 ("gptswarm", P + "human_eval_fewshot.py", "*_FEW_SHOT* few-shot examples (PY_CHECK_EXAMPLES_FEW_SHOT is a parameter default, the value of {check_examples_few_shot})", 16),
 ("gptswarm", O + "humaneval/unitest_generation.py", "check_examples.user_prompt (never read)", 64),
 ("gptswarm", O + "cot_step.py", "concatenated_response (the task and the model's thought, passed on as data)", 66),
 ("gptswarm", O + "file_analyse.py", "the subtask record f'Read the content of ###{file}, use query ###{query}' (memory data)", 52),
 ("mlab", M + "agents/agent.py", "SimpleActionAgent.run's step prompt (initial prompt + glue), format_prompt_dict, construct_tool_prompt (tool descriptions)", 252),
 ("mlab", M + "agents/agent_research.py", "format_prompt_dict entries (values of {format_prompt}); invalid_action_error (tool result)", 37),
 ("mlab", M + "high_level_actions.py", "ActionInfo descriptions and usage (tool descriptions); returned observations", 198),
 ("voyager", "voyager/agents/*.py", "observations, task contexts, QA questions, 'Final task: {task}', 'Question: {question}', skill's 'The main function is' (data headers and values)", 1),
 ("ell", E, "test_version_1 / test_version_2 demo programs in __main__ (values of {old_clean} / {new_clean})", 58),
]

# Blind round 14 label source (issue #11, Python sources, session 6), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round14_labels.toml.  (project, file, container, line, kwargs)
import ast
import os

HEADER = """\
# Blind round 14 (issue #11, Python sources, session 6): hand labels written BY READING THE CODE, committed
# before pcache was run on these trees (rules of main 2208926).  Projects never used before in this repository
# (checked against tests/fixtures/SOURCES.md, benchmarks/*.md, tests/fixtures/agents/eval/labels*.toml and
# /work/claimed-projects.txt), not held out and no fork of a held-out project:
#
#   simpleevals  openai/simple-evals @ ee3b0318d8d1d9d72755a4120879be65f7c07e9e       folder . (the eval harness)
#   aiscientist  SakanaAI/AI-Scientist @ 9dffdc445c2596ffa871b5588377e9f12558febc     folders ai_scientist,
#                launch_scientist.py, experimental (a research agent; uses aider's Coder as a library)
#   soc          OthersideAI/self-operating-computer @ fac568eea7da5e24f8bc91bfc1211b65679177eb  operate, evaluate.py
#   repoagent    OpenBMB/RepoAgent @ 825d988127d7bfd757237d9c4e8678d9104030f0         folder repo_agent
#   raptor       parthsarthi03/raptor @ 2e3e83e5c4aa6a9b5f2d8359f5b71a9159c20845      folder raptor (a RAG library)
#
# Same labelling rule as round3_labels.toml: a prompt is a string whose purpose is to instruct or frame a model;
# named as pcache names containers (MODULE_CONSTANT, Class.attr, function.local with @line for a second
# assignment of the same local, function.<role> for a message written in place, MAPPING.key for the values of
# a mapping named for prompts, function for what a prompt-building function returns).  first_var_token:
# tiktoken o200k on the value's text before its first variable, computed by label_tokens.py / the helpers
# below with their own ast reading (a `.strip()` the code applies is applied; a constant formatted with a
# literal in place, `(...).format(currentDateTime="2024-04-01")`, has no variable; a template sent without
# being formatted has none either; a `.replace("<<conversation>>", ...)` marker or a `%(name)s` field is the
# first variable of a template filled that way; a local assigned once to a literal and spliced into an
# f-string is static text).
# Notes per project:
# - simpleevals: module templates (QUERY_TEMPLATE, GRADER_TEMPLATE...) formatted and sent as user messages;
#   mgsm's LANG_TO_INSTRUCTIONS values are per-language instructions formatted with {input};
#   DropEval.__call__.fn.prompt is built by += (the conditional "# Your Task" header is its first variable);
#   HumanEval's instruction is added before the sample's prompt.  The samplers' system messages are prompts.
#   NOT prompts (false positives if reported): the HTML report templates (HTML_JINJA, _message_template,
#   _report_template, HEALTHBENCH_*_HTML_JINJA), INDEX_STR_TEMPLATE / CLUSTER_STR_TEMPLATE (result keys),
#   MULTILINGUAL_ANSWER_PATTERN_TEMPLATE (a regex), PHYSICIAN_COMPLETION_MODES descriptions, argparse help.
# - aiscientist: prompts formatted and sent through get_response_from_llm (positional `msg`) or given to aider's
#   coder.run(...) as the next user message.  Run results / errors reported to the coder ("Run failed with the
#   following error ...", "Plotting timed out ...") are observations: neutral.  per_section_tips and error_list
#   are values/parts of other prompts: neutral.  The fabricated assistant turn of the review ensemble is neutral.
# - soc: prompts.py's templates; USER_QUESTION is the greeting a prompt_toolkit dialog shows the PERSON (a false
#   positive if reported); apis.py adds a "**REMEMBER**" instruction to the user prompt and has a JSON-repair
#   system prompt; evaluate.py's EVALUATION_PROMPT.  TEST_CASES (objectives and guidelines) are test data: neutral.
# - repoagent: llama_index templates in prompt.py / chat_with_repo/prompt.py; text_analysis_tool.py's prompts given
#   to self.llm.complete(...).  Values of chat_template's fields built in ChatEngine.build_prompt
#   (get_referenced_prompt, get_referencer_prompt, relationship sentences, have_return_tell, ...) are neutral;
#   format_chat_prompt is completion glue (neutral); relevance_ranking_guideline ("Query: {query} Docs: {docs}")
#   is a data header (neutral).  NOT prompts: gradio HTML, click help, log_config strings.
# - raptor: chat messages written in place in the summarization / QA models, and GPT3QAModel's prompt=.
#   NOT prompts: the log_config descriptions, the overwrite question asked with input().
"""

ROOTS = {"simpleevals": "simple-evals/", "aiscientist": "AI-Scientist/", "soc": "self-operating-computer/",
         "repoagent": "RepoAgent/", "raptor": "raptor/"}
FMT = {"fmt": True}
FMTS = {"fmt": True, "transform": "strip"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind14/")


def _const(path, name):
    """Value of the module constant NAME of PATH (a literal, or a literal with .strip())."""
    tree = ast.parse(open(ROOT + path, encoding="utf-8").read())
    for n in tree.body:
        if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name) and n.targets[0].id == name:
            v = n.value
            strip = isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr == "strip"
            if strip:
                v = v.func.value
            return v.value.strip() if strip else v.value
    raise KeyError(name)


def _before(text, marker):
    return {"before": text[:text.index(marker)]}


def _local_str(path, func, name, nth=0):
    """The nth string literal assigned to local NAME inside function FUNC."""
    tree = ast.parse(open(ROOT + path, encoding="utf-8").read())
    f = next(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == func)
    hits = [n.value.value for n in ast.walk(f) if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
            and n.targets[0].id == name and isinstance(n.value, ast.Constant)]
    return hits[nth]


SE = "simple-evals/"
_drop = ("You will be asked to read a passage and answer a question. Some examples of passages and Q&A are "
         "provided below." + "\n\n# Examples")
_mgsm = list(zip(["en", "bn", "de", "es", "fr", "ja", "ru", "sw", "te", "th", "zh"], range(33, 64, 3)))

AS = "ai_scientist/"
_aider_format = None  # filled lazily below (needs the checkout)

PROMPTS = [
 # simple-evals
 ("simpleevals", "browsecomp_eval.py", "QUERY_TEMPLATE", None, FMTS),
 ("simpleevals", "browsecomp_eval.py", "GRADER_TEMPLATE", None, FMTS),
 ("simpleevals", "common.py", "QUERY_TEMPLATE_MULTICHOICE", None, FMTS),
 ("simpleevals", "common.py", "EQUALITY_TEMPLATE", None, "EQUALITY"),
 ("simpleevals", "drop_eval.py", "DropEval.__call__.fn.prompt", 263, {"before": _drop}),
 ("simpleevals", "humaneval_eval.py", "HumanEval.__call__.instruction", 66, {}),
 *[("simpleevals", "mgsm_eval.py", f"LANG_TO_INSTRUCTIONS.{k}", ln, FMT) for k, ln in _mgsm],
 ("simpleevals", "math_eval.py", "QUERY_TEMPLATE", None, FMTS),
 ("simpleevals", "simpleqa_eval.py", "GRADER_TEMPLATE", None, FMTS),
 ("simpleevals", "healthbench_eval.py", "GRADER_TEMPLATE", None, "HEALTHBENCH"),
 ("simpleevals", "sampler/chat_completion_sampler.py", "OPENAI_SYSTEM_MESSAGE_API", None, {}),
 ("simpleevals", "sampler/chat_completion_sampler.py", "OPENAI_SYSTEM_MESSAGE_CHATGPT", 11, {}),
 ("simpleevals", "sampler/claude_sampler.py", "CLAUDE_SYSTEM_MESSAGE_LMSYS", 10, {}),
 # AI-Scientist
 ("aiscientist", AS + "generate_ideas.py", "idea_first_prompt", None, FMT),
 ("aiscientist", AS + "generate_ideas.py", "idea_reflection_prompt", None, FMT),
 ("aiscientist", AS + "generate_ideas.py", "generate_next_idea.user", 221, {}),
 ("aiscientist", AS + "generate_ideas.py", "novelty_system_msg", None, FMT),
 ("aiscientist", AS + "generate_ideas.py", "novelty_prompt", None, FMT),
 ("aiscientist", AS + "perform_experiments.py", "coder_prompt", None, FMT),
 ("aiscientist", AS + "perform_experiments.py", "run_experiment.next_prompt@66", 66, {}),
 ("aiscientist", AS + "perform_experiments.py", "perform_experiments.next_prompt", 144, {}),
 ("aiscientist", AS + "perform_experiments.py", "perform_experiments.next_prompt@159", 159, {}),
 ("aiscientist", AS + "perform_review.py", "reviewer_system_prompt_neg", 19, {}),
 ("aiscientist", AS + "perform_review.py", "reviewer_system_prompt_pos", 23, {}),
 ("aiscientist", AS + "perform_review.py", "neurips_form", 66, {}),
 ("aiscientist", AS + "perform_review.py", "reviewer_reflection_prompt", None, {}),
 ("aiscientist", AS + "perform_review.py", "get_review_fewshot_examples.fewshot_prompt", 324, "FEWSHOT"),
 ("aiscientist", AS + "perform_review.py", "meta_reviewer_system_prompt", None, FMT),
 ("aiscientist", AS + "perform_review.py", "perform_improvement.improvement_prompt", 387, FMT),
 ("aiscientist", AS + "perform_writeup.py", "generate_latex.prompt", 37, {}),
 ("aiscientist", AS + "perform_writeup.py", "generate_latex.prompt@49", 49, {}),
 ("aiscientist", AS + "perform_writeup.py", "generate_latex.prompt@61", 61, {}),
 ("aiscientist", AS + "perform_writeup.py", "generate_latex.prompt@73", 73, {}),
 ("aiscientist", AS + "perform_writeup.py", "generate_latex.prompt@82", 82, {}),
 ("aiscientist", AS + "perform_writeup.py", "refinement_prompt", 198, FMT),
 ("aiscientist", AS + "perform_writeup.py", "second_refinement_prompt", 207, FMT),
 ("aiscientist", AS + "perform_writeup.py", "citation_system_msg", None, FMT),
 ("aiscientist", AS + "perform_writeup.py", "citation_first_prompt", None, FMT),
 ("aiscientist", AS + "perform_writeup.py", "citation_second_prompt", None, FMT),
 ("aiscientist", AS + "perform_writeup.py", "get_citation_aider_prompt", 379, "AIDER"),
 ("aiscientist", AS + "perform_writeup.py", "perform_writeup.abstract_prompt", 405, {}),
 ("aiscientist", AS + "perform_writeup.py", "perform_writeup.section_prompt", 430, {}),
 ("aiscientist", AS + "perform_writeup.py", "perform_writeup.section_prompt@451", 451, {}),
 ("aiscientist", AS + "perform_writeup.py", "perform_writeup.user", 491, {}),
 # self-operating-computer
 ("soc", "operate/models/prompts.py", "SYSTEM_PROMPT_STANDARD", None, FMT),
 ("soc", "operate/models/prompts.py", "SYSTEM_PROMPT_LABELED", None, FMT),
 ("soc", "operate/models/prompts.py", "SYSTEM_PROMPT_OCR", None, FMT),
 ("soc", "operate/models/prompts.py", "OPERATE_FIRST_MESSAGE_PROMPT", None, {}),
 ("soc", "operate/models/prompts.py", "OPERATE_PROMPT", None, {}),
 ("soc", "operate/models/apis.py", "call_qwen_vl_with_ocr.vision_message.user", 179, {}),
 ("soc", "operate/models/apis.py", "call_claude_3_with_ocr.vision_message.user", 932, {"before": ""}),
 ("soc", "operate/models/apis.py", "call_claude_3_with_ocr.system", 960, {}),
 ("soc", "evaluate.py", "EVALUATION_PROMPT", None, FMT),
 # RepoAgent
 ("repoagent", "repo_agent/prompt.py", "doc_generation_instruction", None, FMT),
 ("repoagent", "repo_agent/prompt.py", "documentation_guideline", None, FMT),
 ("repoagent", "repo_agent/chat_with_repo/prompt.py", "query_generation_prompt_str", None, FMT),
 ("repoagent", "repo_agent/chat_with_repo/prompt.py", "relevance_ranking_instruction", None, {}),
 ("repoagent", "repo_agent/chat_with_repo/prompt.py", "rag_prompt_str", None, FMT),
 ("repoagent", "repo_agent/chat_with_repo/prompt.py", "rag_ar_prompt_str", None, FMT),
 ("repoagent", "repo_agent/chat_with_repo/text_analysis_tool.py", "TextAnalysisTool.keyword.prompt", 14, {}),
 ("repoagent", "repo_agent/chat_with_repo/text_analysis_tool.py", "TextAnalysisTool.tree.prompt", 19, {}),
 ("repoagent", "repo_agent/chat_with_repo/text_analysis_tool.py", "TextAnalysisTool.nerquery.query", 52, "NER"),
 # raptor
 ("raptor", "raptor/SummarizationModels.py", "GPT3TurboSummarizationModel.summarize.system", 31, {}),
 ("raptor", "raptor/SummarizationModels.py", "GPT3TurboSummarizationModel.summarize.user", 34, {}),
 ("raptor", "raptor/SummarizationModels.py", "GPT3SummarizationModel.summarize.system", 61, {}),
 ("raptor", "raptor/SummarizationModels.py", "GPT3SummarizationModel.summarize.user", 64, {}),
 ("raptor", "raptor/QAModels.py", "GPT3QAModel.answer_question.prompt", 47, {}),
 ("raptor", "raptor/QAModels.py", "GPT3TurboQAModel._attempt_answer_question.system", 92, {}),
 ("raptor", "raptor/QAModels.py", "GPT3TurboQAModel._attempt_answer_question.user", 95, {}),
 ("raptor", "raptor/QAModels.py", "GPT4QAModel._attempt_answer_question.system", 144, {}),
 ("raptor", "raptor/QAModels.py", "GPT4QAModel._attempt_answer_question.user", 147, {}),
]


def _resolve(kw, proj, file, line):
    """The special kwargs: text before the first variable, read from the checkout."""
    full = ROOTS[proj] + file
    if kw == "EQUALITY":  # r"""...""".strip() filled with `% {"expression1": ...}`
        return _before(_const(full, "EQUALITY_TEMPLATE"), "%(expression1)s")
    if kw == "HEALTHBENCH":  # """...""".strip() filled with .replace("<<conversation>>", ...)
        return _before(_const(full, "GRADER_TEMPLATE"), "<<conversation>>")
    if kw == "FEWSHOT":  # header, then `+=` of each example under `for`
        return {"before": _local_str(full, "get_review_fewshot_examples", "fewshot_prompt")}
    if kw == "AIDER":  # aider_format.format(bibtex=..., description=...) + "...": returned as the prompt
        return _before(_local_str(full, "get_citation_aider_prompt", "aider_format"), "{bibtex}")
    if kw == "NER":  # f"{instrcution}\n\nThe input is shown as bellow:\n{message}..." with a literal local
        return {"before": _local_str(full, "nerquery", "instrcution") + "\n\nThe input is shown as bellow:\n"}
    return kw


PROMPTS = [(p, f, c, ln, _resolve(kw, p, f, ln) if isinstance(kw, str) else kw) for p, f, c, ln, kw in PROMPTS]

NEUTRAL = [
 ("simpleevals", "browsecomp_eval.py", "grader_prompt / prompt_messages compositions of the templates", 80),
 ("simpleevals", "healthbench_meta_eval.py", "GRADER_TEMPLATE imported and filled (composition)", 84),
 ("aiscientist", AS + "perform_experiments.py", "run_experiment / run_plotting failure and timeout observations (next_prompt @60, @83, @105, @107, @111)", 60),
 ("aiscientist", AS + "perform_review.py", "reviewer_system_prompt_base and template_instructions (inside the neg/pos prompts and neurips_form), base_prompt's paper header, get_meta_review's review list, the ensemble's assistant turn", 14),
 ("aiscientist", AS + "perform_writeup.py", "per_section_tips values and error_list (parts of other prompts), paper_strings data", 130),
 ("aiscientist", AS + "generate_ideas.py", "paper_strings data (search results)", 469),
 ("soc", "operate/models/prompts.py", "get_system_prompt / get_user_prompt / get_user_first_message_prompt (compositions and aliases of the constants)", 226),
 ("soc", "evaluate.py", "TEST_CASES objectives and guidelines (test data)", 13),
 ("repoagent", "repo_agent/chat_engine.py", "ChatEngine.build_prompt's field values (get_referenced_prompt, get_referencer_prompt, get_relationship_description, have_return_tell, combine_ref_situation, project_structure_prefix, instance_prompt)", 39),
 ("repoagent", "repo_agent/chat_with_repo/prompt.py", "relevance_ranking_guideline (data header)", 21),
 ("repoagent", "repo_agent/chat_with_repo/text_analysis_tool.py", "format_chat_prompt completion glue; nerquery's instrcution (inside query)", 22),
 ("repoagent", "repo_agent/chat_with_repo/rag.py", "compositions of the templates (fmt_prompt, rag_prompt, rag_ar_prompt)", 37),
]

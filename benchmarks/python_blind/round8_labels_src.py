# Blind round 8 label source (issue #11, Python sources), written BY READING THE CODE before pcache ran on
# these trees; emit_labels.py turns it into round8_labels.toml.  (project, file, container, line, kwargs)
import ast
import os

HEADER = """\
# Blind round 8 (issue #11, Python sources, session 4): hand labels written BY READING THE CODE, committed
# before pcache was run on these trees (rules of rounds 3-7 and const4).  Projects never used before in
# this repository (checked against benchmarks/*.md, tests/fixtures/SOURCES.md, tests/fixtures/*) and not
# held out:
#
#   nanographrag gusye1234/nano-graphrag @ 01f429e8c562e8f19b2449f90cec9a4a67d4f6ee  folder nano_graphrag
#   textgrad     zou-group/textgrad @ 75e912e210864b61999781778cdf756d4468120f
#                folders textgrad/optimizer, textgrad/autograd
#   webarena     web-arena-x/webarena @ f62e0b99bc7d9e0cd996d0cf5ebb2225780ec279  folders agent, evaluation_harness
#   fastchat     lm-sys/FastChat @ 0e6d3e4beaab66f4d3f93db72541a4abab8af28d  file fastchat/conversation.py
#   kotaemon     Cinnamon/kotaemon @ 4015bb0f7cebd59d474624c4a570a4c119cdd826
#                folder libs/ktem/ktem/reasoning/prompt_optimization
#
# Same labelling rule as round3_labels.toml (a string whose purpose is to instruct or frame a model;
# names as pcache's README names containers: a second prompt of the same name gets @line; a message
# written in place in `messages = [...]` is `function.messages.<role>`; a key of a dict assigned to a name
# is `name.key`).  Notes:
# - nano-graphrag keeps its templates as PROMPTS["key"] = "..." in prompt.py, all filled by str.format in
#   _op.py (claim_extraction is unused, a template by form); PROMPTS["fail_response"] is a canned answer.
# - textgrad's *_INSTRUCTION / *_PROMPT constants are str.format templates filled in llm_ops.py /
#   optimizer_prompts.py; OPTIMIZER_SYSTEM_PROMPT is formatted in optimizer.py (new_variable_start_tag);
#   conversation templates (the value of {conversation}) and glossaries inlined into a prompt are neutral.
# - webarena keeps each agent prompt as `prompt = {"intro": ..., "examples": [...], "template": ...}` in
#   agent/prompts/raw/*.py (converted to JSON and formatted with str.format in prompt_constructor.py);
#   few-shot example turns are neutral, meta_data.answer_phrase is an output-parsing phrase (not a prompt).
# - FastChat: every non-empty system_message= / system_message_vision= of a Conversation(...) template is a system prompt; the
#   `{{currentDateTime}}` tags are replaced per day by str.replace (gradio_web_server.py): the first one is
#   the first variable.  system_template= wrappers ("<|im_start|>system\\n{system_message}") are neutral.
# - kotaemon: the *_PROMPT_TEMPLATE class constants are filled by kotaemon's PromptTemplate.populate
#   ({name} fields, str.format-like); MINDMAP_HTML_EXPORT_TEMPLATE is an HTML export page (not a prompt).
"""

ROOTS = {"nanographrag": "nano-graphrag/", "textgrad": "textgrad/", "webarena": "webarena/",
         "fastchat": "FastChat/", "kotaemon": "kotaemon/"}
FMT = {"fmt": True}
N = "nano_graphrag/"
T = "textgrad/"
K = "libs/ktem/ktem/reasoning/prompt_optimization/"

PROMPTS = [
 ("nanographrag", N + "prompt.py", "PROMPTS.claim_extraction", 11, FMT),
 ("nanographrag", N + "prompt.py", "PROMPTS.community_report", 65, FMT),
 ("nanographrag", N + "prompt.py", "PROMPTS.entity_extraction", 196, FMT),
 ("nanographrag", N + "prompt.py", "PROMPTS.summarize_entity_descriptions", 299, FMT),
 ("nanographrag", N + "prompt.py", "PROMPTS.entiti_continue_extraction", 316, FMT),
 ("nanographrag", N + "prompt.py", "PROMPTS.entiti_if_loop_extraction", 321, FMT),
 ("nanographrag", N + "prompt.py", "PROMPTS.local_rag_response", 331, FMT),
 ("nanographrag", N + "prompt.py", "PROMPTS.global_map_rag_points", 370, FMT),
 ("nanographrag", N + "prompt.py", "PROMPTS.global_reduce_rag_response", 427, FMT),
 ("nanographrag", N + "prompt.py", "PROMPTS.naive_rag_response", 483, FMT),
 ("nanographrag", N + "entity_extraction/module.py", "CombinedExtraction", 117, {"doc": True}),
 ("nanographrag", N + "entity_extraction/module.py", "CritiqueCombinedExtraction", 162, {"doc": True}),
 ("nanographrag", N + "entity_extraction/module.py", "RefineCombinedExtraction", 196, {"doc": True}),
 ("nanographrag", N + "entity_extraction/metric.py", "AssessRelationships", 5, {"doc": True}),
] + [("textgrad", T + "optimizer/optimizer_prompts.py", c, None, FMT) for c in [
 "OPTIMIZER_SYSTEM_PROMPT", "TGD_PROMPT_PREFIX", "TGD_MULTIPART_PROMPT_INIT", "TGD_MULTIPART_PROMPT_PREFIX",
 "TGD_PROMPT_SUFFIX", "MOMENTUM_PROMPT_ADDITION", "CONSTRAINT_PROMPT_ADDITION", "IN_CONTEXT_EXAMPLE_PROMPT_ADDITION"]
] + [("textgrad", T + "autograd/llm_backward_prompts.py", c, None, FMT) for c in [
 "BACKWARD_SYSTEM_PROMPT", "CONVERSATION_START_INSTRUCTION_CHAIN", "OBJECTIVE_INSTRUCTION_CHAIN",
 "CONVERSATION_START_INSTRUCTION_BASE", "OBJECTIVE_INSTRUCTION_BASE", "EVALUATE_VARIABLE_INSTRUCTION",
 "SEARCH_QUERY_BACKWARD_INSTRUCTION", "GRADIENT_OF_RESULTS_INSTRUCTION", "IN_CONTEXT_EXAMPLE_PROMPT_ADDITION"]
] + [("textgrad", T + "autograd/reduce_prompts.py", "REDUCE_MEAN_SYSTEM_PROMPT", None, {})
] + [("textgrad", T + "autograd/string_based_ops.py", c, None, FMT) for c in [
 "CONVERSATION_START_INSTRUCTION_STRING_FN_CHAIN", "CONVERSATION_START_INSTRUCTION_STRING_FN_BASE",
 "OBJECTIVE_INSTRUCTION_CHAIN", "OBJECTIVE_INSTRUCTION_BASE"]
]

WEBARENA_RAW = [("p_cot_id_actree_2s.py", 2, 69), ("p_cot_id_actree_2s_no_na.py", 2, 69),
                ("p_direct_id_actree_2s.py", 2, 68), ("p_direct_id_actree_2s_no_na.py", 2, 68),
                ("p_direct_id_actree_3s_llama.py", 2, 69)]
for f, intro, template in WEBARENA_RAW:
    PROMPTS += [("webarena", "agent/prompts/raw/" + f, "prompt.intro", intro, {}),
                ("webarena", "agent/prompts/raw/" + f, "prompt.template", template, FMT)]
# message = "..." then message += f"question: {question}\n": the text before the first field
FUZZY_HEAD = ("Help a teacher to grade the answer of a student given a question. Keep in mind that the student may use "
              "different phrasing or wording to answer the question. The goal is to evaluate whether the answer is "
              "semantically equivalent to the reference answer.\n")
PROMPTS += [
 ("webarena", "evaluation_harness/helper_functions.py", "llm_fuzzy_match.message", 150, {"before": FUZZY_HEAD + "question: "}),
 ("webarena", "evaluation_harness/helper_functions.py", "llm_fuzzy_match.messages.system", 157, {}),
 ("webarena", "evaluation_harness/helper_functions.py", "llm_ua_match.message", 180, {"before": "task: "}),
 ("webarena", "evaluation_harness/helper_functions.py", "llm_ua_match.messages.system", 192, {}),
]


def _fastchat():
    """Every non-empty system_message= / system_message_vision= keyword of a Conversation(...) at module
    level, in file order."""
    path = "fastchat/conversation.py"
    tree = ast.parse(open(os.environ.get("BLIND_ROOT", "/tmp/blind/") + "FastChat/" + path, encoding="utf-8").read())
    out, seen = [], set()
    for stmt in tree.body:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "Conversation":
                for kw in n.keywords:
                    v = kw.value
                    if kw.arg in ("system_message", "system_message_vision") and isinstance(v, (ast.Constant, ast.JoinedStr)) \
                            and (not isinstance(v, ast.Constant) or len(str(v.value).split()) >= 2):
                        text = ast.literal_eval(v) if isinstance(v, ast.Constant) else ""
                        name = kw.arg if kw.arg not in seen else f"{kw.arg}@{v.lineno}"
                        seen.add(kw.arg)
                        kwargs = {"marker": "{{currentDateTime"} if "{{currentDateTime" in text else {}
                        out.append(("fastchat", path, name, v.lineno, kwargs))
    return out


PROMPTS += _fastchat()
PROMPTS += [
 ("kotaemon", K + "decompose_question.py", "DecomposeQuestionPipeline.DECOMPOSE_SYSTEM_PROMPT_TEMPLATE", None, {}),
 ("kotaemon", K + "rewrite_question.py", "DEFAULT_REWRITE_PROMPT", None, FMT),
 ("kotaemon", K + "rewrite_question.py", "RewriteQuestionPipeline.run.messages.system", 35, {}),
 ("kotaemon", K + "suggest_conversation_name.py", "SuggestConvNamePipeline.SUGGEST_NAME_PROMPT_TEMPLATE", None, FMT),
 ("kotaemon", K + "suggest_followup_chat.py", "SuggestFollowupQuesPipeline.SUGGEST_QUESTIONS_PROMPT_TEMPLATE", None, FMT),
 ("kotaemon", K + "suggest_followup_chat.py", "SuggestFollowupQuesPipeline.extra_prompt", None, {}),
 ("kotaemon", K + "mindmap.py", "CreateMindmapPipeline.SYSTEM_PROMPT", None, {}),
 ("kotaemon", K + "mindmap.py", "CreateMindmapPipeline.MINDMAP_PROMPT_TEMPLATE", None, FMT),
 ("kotaemon", K + "fewshot_rewrite_question.py", "FewshotRewriteQuestionPipeline.run.messages.system", 83, {}),
]

NEUTRAL = [
 ("nanographrag", N + "_op.py", "_pack_single_community_describe.final_template (data tables)", 488),
 ("nanographrag", N + "_op.py", "_build_local_query_context return (data tables)", 915),
 ("nanographrag", N + "_op.py", "global_query points_context (analyst answers, data)", 1089),
 ("nanographrag", N + "prompt.py", "PROMPTS DEFAULT_* delimiters and entity types (values of template fields)", 324),
 ("textgrad", T + "optimizer/optimizer_prompts.py", "GLOSSARY_TEXT (inlined into OPTIMIZER_SYSTEM_PROMPT)", 1),
 ("textgrad", T + "optimizer/optimizer_prompts.py", "GRADIENT_TEMPLATE / GRADIENT_MULTIPART_TEMPLATE (value of {variable_grad})", 114),
 ("textgrad", T + "optimizer/optimizer_prompts.py", "construct_tgd_prompt return (composition of the constants)", 70),
 ("textgrad", T + "optimizer/optimizer.py", "get_gradient_memory_text / constraint text (values of fields)", 140),
 ("textgrad", T + "optimizer/guidance_optimizer.py", "guidance program pieces (lm += ...)", 75),
 ("textgrad", T + "autograd/llm_backward_prompts.py", "GLOSSARY_TEXT_BACKWARD (inlined into BACKWARD_SYSTEM_PROMPT)", 1),
 ("textgrad", T + "autograd/llm_backward_prompts.py", "CONVERSATION_TEMPLATE (value of {conversation})", 25),
 ("textgrad", T + "autograd/multimodal_backward_prompts.py", "MULTIMODAL_CONVERSATION_TEMPLATE (value of {conversation})", 3),
 ("textgrad", T + "autograd/string_based_ops.py", "CONVERSATION_TEMPLATE_STRING (value of {conversation})", 8),
 ("textgrad", T + "autograd/llm_ops.py", "backward_prompt compositions of the instruction constants", 103),
 ("textgrad", T + "autograd/algebra.py", "role descriptions and combined-feedback gradient texts (values of fields)", 61),
 ("webarena", "agent/prompts/raw/*.py", "prompt.examples (few-shot turns)", 45),
 ("webarena", "agent/prompts/prompt_constructor.py", "get_lm_api_input message (completion-mode composition of intro, examples, current)", 70),
 ("fastchat", "fastchat/conversation.py", "system_template= wrappers, one_shot/rwkv example messages, the __main__ demo's set_system_message", 2317),
 ("kotaemon", K + "rewrite_question.py", "RewriteQuestionPipeline.run prompt (populated template)", 33),
]

# Blind round 22 label source (issue #11, Python sources, session 9), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round22_labels.toml.
import ast
import os

HEADER = """\
# Blind round 22 (issue #11, Python sources, session 9): hand labels written BY READING THE CODE, committed before
# pcache was run on these trees (rules of branch src-py10, frozen before the trees were opened).  Projects never used
# before in this repository (checked against /work/claimed-projects.txt, benchmarks/, tests/fixtures/SOURCES.md and
# the eval labels; claimed before opening), not held out, no fork of a held-out project:
#
#   pentestgpt  GreyDGL/PentestGPT @ a6edb3053ef1b3e0c36286306bc95cd8e6ceb026  folder pentestgpt (a penetration-testing
#               assistant: prompts as fields of a dataclass in prompts/prompt_class.py, used by utils/pentest_gpt.py
#               with `self.prompts.x + text` sent through `send_message`; chat backends in utils/llm_api.py, utils/APIs)
#   chatpaper   kaixindelele/ChatPaper @ 045205730c164ae6192b99538f1ca666de75d19a  files chat_paper.py, chat_arxiv.py,
#               chat_translate.py, folder ChatReviewerAndResponse (openai.ChatCompletion messages written in place:
#               system / assistant / user dicts, str.format and concatenation)
#   stride      mrwadams/stride-gpt @ 449d5b27b171eb288a48cdd9008a1f184e9afa48  folder stride_gpt/core (a STRIDE threat
#               modeller: prompt builders in core/prompts/builder.py, `_get_system_prompt` functions in the core modules)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results, demo calls under
# `if __name__ == "__main__"`).  Notes:
# - PentestGPT: prompts/prompt_class_v1.py, prompt_class_v2.py and utils/pentest_gpt_rebuilt.py are imported by no
#   module (older versions): their texts are neutral.  postfix_options' four texts are added to the parsing prefix
#   (`prefix += self.postfix_options[source]`, under an `if`): prompts, and the first variable of `prefix` is that
#   conditional addition.  options_desc is shown to the person (not a prompt).  tasks/example_sqlmap.py is a script
#   chatting with a ChatGPT wrapper: its init_script and the texts given to `self.ask` are prompts (`prefix`, "The
#   output from terminal is :", is a data header: neutral).  Gemini's seeded persona turn ("What is your persona?" /
#   "I am a helpful assistant.") is sent with every message: prompts.
# - ChatPaper: each `messages` list has a system, an assistant (an instruction followed by the paper's text) and a
#   user message (str.format template); "Input Contents:" + text and "This is the review comments:" + text are data
#   headers (neutral).  chat_translate_part's two branches each write a list: the second is named @line.
# - stride-gpt: the task_description= / approach_description= texts given to create_reasoning_system_prompt are
#   values of that template's fields (neutral), as are _DFD_RULES_BLOCK (inlined into _DFD_BASE_PROMPT),
#   dfd_to_prompt_section, drawio_to_prompt_section's lines and the reference cards of load_reference.  The JSON
#   schemas' "description" fields are output-field descriptions (neutral).  create_threat_model_prompt's `prompt` is
#   built with `+=`, its first addition under an `if`: the first variable is there.
# NOT prompts (false positives if reported): log_conversation / print / prompt_ask / console texts, PentestGPT's
# options_desc and task_handler help texts, stride-gpt's DREAD markdown table rows, parse-error texts
# ("Failed to parse ...", "JSON parse error: ...") and "Error: unknown reference card ...", ChatPaper's printed
# token counts and the reviewer's ethics statement added to the saved review.
"""

ROOTS = {"pentestgpt": "PentestGPT/", "chatpaper": "ChatPaper/", "stride": "stride-gpt/stride_gpt/core/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind22/")

PC = "pentestgpt/prompts/prompt_class.py"
PG = "pentestgpt/utils/pentest_gpt.py"
LA = "pentestgpt/utils/llm_api.py"
GA = "pentestgpt/utils/APIs/gemini_api.py"
SQ = "pentestgpt/tasks/example_sqlmap.py"

PROMPTS = [(("pentestgpt", PC, f"PentestGPTPrompt.{name}", None, {})) for name in (
    "generation_session_init", "reasoning_session_init", "input_parsing_init", "task_description", "process_results",
    "process_results_task_selection", "ask_todo", "discussion", "todo_to_command", "local_task_init",
    "local_task_prefix", "local_task_brainstorm")]
PROMPTS += [
 ("pentestgpt", PG, "pentestGPT.postfix_options.tool", 48, {}),
 ("pentestgpt", PG, "pentestGPT.postfix_options.user-comments", 49, {}),
 ("pentestgpt", PG, "pentestGPT.postfix_options.web", 50, {}),
 ("pentestgpt", PG, "pentestGPT.postfix_options.default", 51, {}),
 ("pentestgpt", PG, "pentestGPT.input_parsing_handler.prefix", 297, {"before": "Please summarize the following input. "}),
 ("pentestgpt", PG, "pentestGPT.input_parsing_handler.word_limit", 311, {}),
 ("pentestgpt", LA, "LLMAPI._token_compression.chat_message.system", 111, {}),
 ("pentestgpt", LA, "LLMAPI._token_compression.chat_message.user", 115, {}),
 ("pentestgpt", LA, "LLMAPI.send_message.chat_message.system", 265, {}),
 ("pentestgpt", GA, "GeminiAPI.send_message.chat_message.user", 133, {}),
 ("pentestgpt", GA, "GeminiAPI.send_message.chat_message.assistant", 134, {}),
 ("pentestgpt", SQ, "init_script", None, {}),
 ("pentestgpt", SQ, "sqlmapHandler.run", 31, {}),
 ("pentestgpt", SQ, "sqlmapHandler.run.output", 48, {}),
]

# ChatPaper: (file, function, line of the system / assistant / user contents)
for file, lines in (("chat_paper.py", {"chat_conclusion": (582, 585, 587), "chat_method": (635, 638, 640),
                                       "chat_summary": (690, 692, 693)}),
                    ("chat_arxiv.py", {"chat_conclusion": (576, 579, 581), "chat_method": (621, 624, 626),
                                       "chat_summary": (668, 670, 671)})):
    for fn, (s, a, u) in lines.items():
        PROMPTS += [("chatpaper", file, f"Reader.{fn}.messages.system", s, {}),
                    ("chatpaper", file, f"Reader.{fn}.messages.assistant", a, {}),
                    ("chatpaper", file, f"Reader.{fn}.messages.user", u, {"fmt": True})]
T = "chat_translate.py"
PROMPTS += [
 ("chatpaper", T, "chat_translate_part.messages.system", 60, {}),
 ("chatpaper", T, "chat_translate_part.messages.assistant", 62, {}),
 ("chatpaper", T, "chat_translate_part.messages.user", 63, {}),
 ("chatpaper", T, "chat_translate_part.messages.system@82", 82, {}),
 ("chatpaper", T, "chat_translate_part.messages.assistant@84", 84, {"fmt": True}),
 ("chatpaper", T, "chat_translate_part.messages.user@85", 85, {}),
 ("chatpaper", T, "chat_check_domain.messages.system", 133, {}),
 ("chatpaper", T, "chat_check_domain.messages.assistant", 135, {}),
 ("chatpaper", "ChatReviewerAndResponse/chat_response.py", "Response.chat_response.messages.system", 81, {"fmt": True}),
 ("chatpaper", "ChatReviewerAndResponse/chat_reviewer.py", "Reviewer.stage_1.messages.system", 138, {}),
 ("chatpaper", "ChatReviewerAndResponse/chat_reviewer.py", "Reviewer.chat_review.messages.system", 174, {}),
]

B = "prompts/builder.py"


def _threat_model_head() -> str:
    """The literal create_threat_model_prompt's `prompt` starts with (its first addition is under an `if`)."""
    tree = ast.parse(open(ROOT + ROOTS["stride"] + B, encoding="utf-8").read())
    for n in ast.walk(tree):
        if isinstance(n, ast.Assign) and n.lineno == 264:
            return n.value.value
    raise KeyError(264)


PROMPTS += [
 ("stride", B, "create_reasoning_system_prompt", 16, {}),
 ("stride", B, "create_image_analysis_prompt", 24, {}),
 ("stride", B, "create_json_structure_prompt", 48, {}),
 ("stride", B, "create_dfd_prompt", 195, {}),
 ("stride", B, "create_dfd_image_analysis_prompt", 217, {}),
 ("stride", B, "create_threat_model_prompt.prompt", 264, {"before": _threat_model_head()}),
 ("stride", "dfd.py", "_DFD_BASE_PROMPT", 155, {}),
 ("stride", "dread.py", "_get_system_prompt", 109, {}),
 ("stride", "mitigations.py", "_get_system_prompt", 38, {}),
 ("stride", "threat_model.py", "_get_system_prompt", 118, {}),
 ("stride", "test_cases.py", "_get_system_prompt", 45, {}),
]

NEUTRAL = [
 ("pentestgpt", "pentestgpt/prompts/prompt_class_v1.py", "an older version of the prompt class, imported by no module", 1),
 ("pentestgpt", "pentestgpt/prompts/prompt_class_v2.py", "an older version of the prompt class, imported by no module", 1),
 ("pentestgpt", "pentestgpt/utils/pentest_gpt_rebuilt.py", "an older copy of pentest_gpt.py, imported by no module", 1),
 ("pentestgpt", SQ, "prefix: a data header before the terminal output", 23),
 ("pentestgpt", PG, "prefixed_init_description and other compositions of self.prompts.x with the tester's input", 189),
 ("pentestgpt", "pentestgpt/utils/chatgpt.py", "demo messages under __main__", 344),
 ("pentestgpt", LA, "demo messages under __main__", 323),
 ("pentestgpt", "pentestgpt/utils/APIs/azure_api.py", "demo messages under __main__ (also in the other APIs modules)", 140),
 ("chatpaper", T, "chat_check_domain's user message: 'Input Contents:' + text (a data header)", 136),
 ("chatpaper", "ChatReviewerAndResponse/chat_response.py", "input_text: 'This is the review comments:' + text", 79),
 ("chatpaper", "ChatReviewerAndResponse/chat_reviewer.py", "input_text: 'This is the paper for your review:' + text; stage_1's 'Title: ' text", 170),
 ("stride", "attack_tree.py", "task_description / approach_description texts (also in dfd, dread, mitigations, threat_model, test_cases, llm)", 44),
 ("stride", "dfd.py", "_DFD_RULES_BLOCK (inlined into _DFD_BASE_PROMPT; approach_description)", 123),
 ("stride", B, "dfd_to_prompt_section and the *_prompt_section functions (values spliced into the threat-model prompt)", 167),
 ("stride", "drawio_parser.py", "drawio_to_prompt_section lines (a section spliced into a prompt)", 131),
 ("stride", B, "JSON schema descriptions (create_attack_tree_schema, *_lm_studio)", 88),
]

# Blind round 19 label source (issue #11, Python sources, session 8), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round19_labels.toml.
import os

HEADER = """\
# Blind round 19 (issue #11, Python sources, session 8): hand labels written BY READING THE CODE, committed before
# pcache was run on these trees, with main 2edc24d's rules.  Projects never used before in this repository (checked
# against /work/claimed-projects.txt, benchmarks/, tests/fixtures/SOURCES.md and the eval labels), not held out,
# no fork of a held-out project:
#
#   mindsearch  InternLM/MindSearch @ 7952c5f8a956fe6a44228a6a7d528a35340e7c87   folder mindsearch (a search agent on
#               InternLM's lagent: prompts are a prompts module's constants handed to lagent parsers and agents)
#   paper2code  going-doer/Paper2Code @ ba9169978043d5799c8d4f4a0963e6b66a24c2e1  folder codes (pipeline scripts:
#               module-level lists of chat messages, f-strings over the paper, a function building the user turn)
#   bbm         yihong0618/bilingual_book_maker @ 9133c06c25c053862f8515ef0e98180f07df8600  folder book_maker (a
#               translation app: default templates as class attributes and `x or "..."` defaults, prompts built from
#               parts, a classification prompt assembled from a list of lines)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results).  Notes:
# - mindsearch: the prompts module keeps the searcher's system prompt (lagent's PluginParser formats it with
#   tool_info: str.format), the planner's GRAPH_PROMPT (InterpreterParser's template) and FINAL_RESPONSE (the
#   summary prompt the agent sends as a message).  The searcher's input and context templates ("## Final Problem\\n
#   {topic}...", "## Historical Problem\\n{question}\\nAnswer: {answer}") and search_template_* are data headers
#   (neutral); fewshot_example_* / graph_fewshot_example_* are few-shot examples, unused (neutral).  Each agent's
#   `template=date` (datetime.now().strftime("The current date is %Y-%m-%d.")) is the agent's template, sent to the
#   model: labelled, its variable the strftime field (first_var_token = the text before %Y).  terminal.py's demo
#   question to the agent is a user's query (neutral).
# - paper2code: module-level message lists are named `<list>.<role>` (`plan_msg.system`); a message written in a
#   function's list local `<function>.<list>.<role>`.  draft_desc (the sentence spliced into the analysis request as
#   {draft_desc}) is the value of a variable (neutral); the code listings built with `codes += f"```python..."` are data
#   (neutral).  eval.py's prompt is read from a file (nothing in code).
# - bbm: `self.x = param or "..."` in __init__ is named `Class.x` (class-attribute naming); a text added to a local
#   that starts with a variable (`prompt = self.prompt.format(...)` then `prompt += f"..."`, `f"{user_prompt}\\n\\n
#   Return ..."`) is labelled as the local with its first variable at token 0 (the composition the model reads).
#   The schema field descriptions (_single_field_description, build_schema) are output-field descriptions (neutral);
#   build_agent_prompt is printed for the user to paste into a coding agent (neutral: for a person first); the
#   compositions f"{prompt}\\n\\n{render_schema_for_prompt(schema)}", liteLLM's `sys_content`/`content` f-strings of
#   variables only, and build_prompt's per-signature lines are neutral.
# NOT prompts (false positives if reported): CLI help, terminal messages, error texts, SQL, HTTP headers, language
# names, the Batch API job description ("Batch job for {book_name} at {current_time}": metadata, never read by a
# model).
"""

ROOTS = {"mindsearch": "MindSearch/", "paper2code": "Paper2Code/", "bbm": "bilingual_book_maker/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind19/")
FMT = {"fmt": True}
MP = "mindsearch/agent/mindsearch_prompt.py"
C = "codes/"
DATE = {"before": "The current date is "}

BUILD_PROMPT_HEAD = "\n".join([
    "You are preparing a bilingual EPUB. For each HTML tag signature below, decide whether it is better to translate "
    "its text or keep it as is.",
    'Answer "translate" for book content a reader wants translated: prose, verse, dialogue, headings, captions.',
    'Answer "skip" for text to keep as is: running heads, page or line numbers, manuscript sigla, cross-reference '
    "labels, publisher boilerplate, decorative markers.",
    'Answer "unsure" if the samples do not settle it.',
    "",
]) + "\n"
SCHEMA_HEAD = "Answer with a single JSON object — no prose, no markdown fences, no explanation.\n"

PROMPTS = [
 # MindSearch
 ("mindsearch", MP, "searcher_system_prompt_cn", None, FMT),
 ("mindsearch", MP, "searcher_system_prompt_en", None, FMT),
 ("mindsearch", MP, "GRAPH_PROMPT_CN", None, {}),
 ("mindsearch", MP, "GRAPH_PROMPT_EN", None, {}),
 ("mindsearch", MP, "FINAL_RESPONSE_CN", None, {}),
 ("mindsearch", MP, "FINAL_RESPONSE_EN", None, {}),
 ("mindsearch", "mindsearch/agent/__init__.py", "init_agent.date", 46, DATE),
 ("mindsearch", "mindsearch/terminal.py", "date", 25, DATE),
 # Paper2Code: the planning scripts (OpenAI and vLLM variants hold the same messages)
 *[("paper2code", C + f, name, line, {"col": col}) for f, rows in (
     ("1_planning.py", [("plan_msg.system", 41, 38), ("plan_msg.user", 52, 21), ("file_list_msg.user", 71, 36),
                        ("task_list_msg.user", 110, 36), ("config_msg.user", 187, 36)]),
     ("1_planning_llm.py", [("plan_msg.system", 48, 38), ("plan_msg.user", 59, 21), ("file_list_msg.user", 78, 36),
                            ("task_list_msg.user", 117, 36), ("config_msg.user", 194, 36)]),
     ("2_analyzing.py", [("analysis_msg.system", 80, 34), ("get_write_msg.write_msg.user", 100, 43)]),
     ("2_analyzing_llm.py", [("analysis_msg.system", 90, 34), ("get_write_msg.write_msg.user", 110, 43)]),
     ("3_coding.py", [("code_msg.system", 55, 34), ("get_write_msg.write_msg.user", 75, 28)]),
     ("3_coding_llm.py", [("code_msg.system", 77, 34), ("get_write_msg.write_msg.user", 97, 28)]),
     ("3.1_coding_sh.py", [("code_msg.system", 54, 34), ("get_write_msg.write_msg.user", 72, 28)]),
     ("1.2_rag_config.py", [("messages.system", 58, 12)]),
     ("4_debugging.py", [("msg.system", 188, 19)]),
 ) for name, line, col in rows],
 # `codes = ""` then `codes += f"..."`: not a constant (emit_labels would inline it), so the text before it is given
 ("paper2code", C + "1.2_rag_config.py", "messages.user", 66, {"before": "\n### Configuration file\n"}),
 ("paper2code", C + "4_debugging.py", "msg.user", 218, {"before": "\n### Code Repository\n"}),
 # bilingual_book_maker
 ("bbm", "book_maker/translator/chatgptapi_translator.py", "PROBE_PROMPT", None, {}),
 ("bbm", "book_maker/translator/chatgptapi_translator.py", "ChatGPTAPI.DEFAULT_PROMPT", None, FMT),
 ("bbm", "book_maker/translator/chatgptapi_translator.py", "ChatGPTAPI._create_structured_batch_messages.content", 967,
  {"before": ""}),
 ("bbm", "book_maker/translator/chatgptapi_translator.py", "ChatGPTAPI._validate_model_with_test.test_messages.user",
  1256, {}),
 ("bbm", "book_maker/translator/gemini_translator.py", "Gemini.DEFAULT_PROMPT", None, FMT),
 ("bbm", "book_maker/translator/gemini_translator.py", "Gemini._batch_translate.prompt", 510, {"before": ""}),
 ("bbm", "book_maker/translator/claude_translator.py", "Claude.prompt_template", 47, FMT),
 ("bbm", "book_maker/translator/litellm_translator.py", "liteLLM.create_chat_completion.context_sys_str", 38, {}),
 ("bbm", "book_maker/translator/base_translator.py", "Base._build_batch_prompt.batch_instruction", 247, {}),
 ("bbm", "book_maker/translator/base_translator.py", "Base._build_batch_prompt.batch_sys_msg", 259, {"before": ""}),
 ("bbm", "book_maker/translator/base_translator.py", "Base._build_batch_prompt.batch_sys_msg@264", 264, {}),
 ("bbm", "book_maker/loader/srt_loader.py", "SRTBookLoader.__init__.system", 42, {}),
 ("bbm", "book_maker/loader/srt_loader.py", "SRTBookLoader.__init__.user", 43, FMT),
 ("bbm", "book_maker/loader/classify/model.py", "build_prompt", 83, {"before": BUILD_PROMPT_HEAD}),
 ("bbm", "book_maker/structured.py", "render_schema_for_prompt", 168, {"before": SCHEMA_HEAD}),
]

NEUTRAL = [
 ("mindsearch", MP, "searcher_input_template_*, searcher_context_template_*, search_template_* (data headers)", 58),
 ("mindsearch", MP, "fewshot_example_*, graph_fewshot_example_* (few-shot examples, unused)", 36),
 ("mindsearch", "mindsearch/terminal.py", "the demo question given to the agent", 61),
 ("paper2code", C + "2_analyzing.py", "draft_desc (value of {draft_desc}), also in 2_analyzing_llm.py", 96),
 ("paper2code", C + "3_coding.py", "code listings appended to code_files / codes (data), every script", 67),
 ("bbm", "book_maker/loader/classify/agent.py", "build_agent_prompt (printed for a person to paste)", 22),
 ("bbm", "book_maker/translator/chatgptapi_translator.py", "schema field descriptions", 127),
 ("bbm", "book_maker/loader/classify/model.py", "build_schema descriptions and the per-signature lines", 51),
 ("bbm", "book_maker/structured.py", "prompt_with_schema composition", 213),
 ("bbm", "book_maker/translator/litellm_translator.py", "content / sys_content compositions of variables", 34),
]

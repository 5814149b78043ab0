# Blind round 13 label source (issue #11, Python sources), written BY READING THE CODE before pcache ran on
# these trees; emit_labels.py turns it into round13_labels.toml.  (project, file, container, line, kwargs)
import ast
import os

HEADER = """\
# Blind round 13 (issue #11, Python sources, session 5): hand labels written BY READING THE CODE, committed
# before pcache was run on these trees (the rules of main after rounds 11-12: ell's programs, mapping
# lookups, questions asked through another file).  A project of the same pool, never used before, not held out:
#
#   tapeagents  ServiceNow/TapeAgents @ e22d5e39ee043fcfe759902df4748d7e937d8aa0
#               folders tapeagents (the library), examples/web_agent, examples/gaia_agent
#
# Same labelling rule as round3_labels.toml.  TapeAgents keeps its agents' prompts in conf/*.yaml (not
# scored here); the library's Python holds the tools' and nodes' own prompts.  Notes:
# - web_search.py: DEFAULT_SAFE_SEARCH_PROMPT is a system prompt (never formatted: its {{ }} are sent as
#   written); MultiSearchExtract.extract sends msg = f"{prefix}{fr.text}{postfix}" where prefix starts with
#   the class constant extract_prefix (static) and then {task}; extract_page_data's msg is a user message;
#   EXTRACT_INSTRUCTIONS is an instruction constant (unused in these folders).  SafeWebSearch's content
#   ("CONFIDENTIAL DATA:" / "ORIGINAL SEARCH QUERY:" headers) and llm_view's "Topic:" are data headers.
# - nodes.py AsStep: format_prompt is formatted with the schema and sent as a user message; the first
#   message is f"{self.guidance}\\n\\n{text}" with the class constant guidance (static) before {text}; the
#   retry message "Our previous attempt resulted in failure:" + the error is a data header.
# - llm_function.py: LLM_FUNCTION_TEMPLATE is str.format-ed (starts with {function_desc}: first variable at
#   0); ReasoningOutput's prefix/desc are values of its fields (neutral).
# - converters.py: the default caption prompt is the text part of a user message; grounding.py's
#   format_openai_template returns the user message whose text part is the prompt.
# - Neutral: tool results and errors (browser, document reader, MCP, computer api TRUNCATED_MESSAGE),
#   the environment's loop warning (an observation), team.py's exec-result messages, prompting.py's
#   step-to-message glue, the examples' unused INTERRUPT_* markers.  Not prompts (false positives if
#   reported): UI text of the Streamlit / Gradio examples, HTML renderers, SQL of observe.py, the
#   code executor's permission question to the person, CLI help texts.
"""

ROOTS = {"tapeagents": "TapeAgents/"}
FMT = {"fmt": True}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind11/")


def _class_const(path, cls, name):
    tree = ast.parse(open(ROOT + "TapeAgents/" + path, encoding="utf-8").read())
    c = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls)
    return next(n.value.value for n in c.body if isinstance(n, ast.AnnAssign) and n.target.id == name)


T = "tapeagents/"
W = T + "tools/web_search.py"
PROMPTS = [
 ("tapeagents", W, "DEFAULT_SAFE_SEARCH_PROMPT", None, {}),
 ("tapeagents", W, "MultiSearchExtract.extract.msg", 487, {"before": _class_const(W, "MultiSearchExtract", "extract_prefix")}),
 ("tapeagents", W, "MultiSearchExtract.extract.extract_page_data.msg", 498, {}),
 ("tapeagents", W, "EXTRACT_INSTRUCTIONS", None, {}),
 ("tapeagents", T + "nodes.py", "AsStep.format_prompt", 497, FMT),
 ("tapeagents", T + "nodes.py", "AsStep.make_prompt.msg", 515, {"before": _class_const(T + "nodes.py", "AsStep", "guidance") + "\n\n"}),
 ("tapeagents", T + "llm_function.py", "LLM_FUNCTION_TEMPLATE", None, FMT),
 ("tapeagents", T + "tools/converters.py", "ImageConverter._get_mlm_description.prompt", 622, {}),
 ("tapeagents", T + "tools/grounding.py", "GroundingModel.format_openai_template.user", 59, {}),
]

NEUTRAL = [
 ("tapeagents", W, "SafeWebSearch content (CONFIDENTIAL DATA / ORIGINAL SEARCH QUERY headers), llm_view's Topic header, MultiSearchExtract.extract_prefix (inside msg)", 196),
 ("tapeagents", T + "nodes.py", "AsStep.guidance (inside msg), the retry message (data header), StandardNode parse-failure actions (tool results)", 503),
 ("tapeagents", T + "llm_function.py", "ReasoningOutput prefix / desc (values of the template's fields)", 97),
 ("tapeagents", T + "environment.py", "ToolCollectionEnvironment loop_warning (an observation)", 199),
 ("tapeagents", T + "team.py", "_exec_result_message (tool results)", 293),
 ("tapeagents", T + "prompting.py", "step_to_message glue", 27),
 ("tapeagents", T + "tools/*.py", "tool results and errors (browser, document reader, MCP, computer api TRUNCATED_MESSAGE)", 1),
 ("tapeagents", "examples/web_agent/chat.py", "INTERRUPT_TEXT / INTERRUPT_TOOL_ERROR (unused markers)", 55),
]

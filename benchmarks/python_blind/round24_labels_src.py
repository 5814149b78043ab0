# Blind round 24 label source (issue #11, Python sources, session 12), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round24_labels.toml.

HEADER = """\
# Blind round 24 (issue #11, Python sources, session 12): hand labels written BY READING THE CODE, committed before
# pcache was run on these trees (main `45c2b28`'s rules, frozen: nothing was changed before this round's run).
# Projects never used before in this repository (checked against /work/claimed-projects.txt, benchmarks/,
# tests/fixtures/ and the eval labels; claimed before opening), not held out, no fork of a held-out project, all MIT:
#
#   simpleai  minimaxir/simpleaichat @ 569dbf58139ede858a00c19409293b3087d07434  folder simpleaichat (a small chat
#             client for the OpenAI API: ChatMessage(role=..., content=...) built from a session's `system` default and
#             the caller's prompt, a tool-selection system prompt formatted with str.format)
#   memary    kingjulio8238/Memary @ b2331a2c0844d66f69acd607b9e4dbaba56552c1  folder src/memary (an agent memory layer on
#             llama-index: a LangChain PromptTemplate for synonym expansion, OpenAI-style message dicts sent through
#             llama-index ChatMessage and a requests.post wrapper)
#   autopr    irgolic/AutoPR @ a95671a20d8d3e3265768ffecf750ac07abc17cd  folder autopr (a GitHub Action writing pull
#             requests: `prompt_template` class variables of pydantic PromptRail / PromptChain classes, written as
#             f-strings whose `{{param}}` escapes become str.format fields filled by the base class's
#             `spec.format(**prompt_params)` in another file; guardrails RAIL specs (XML with <instructions> and
#             <prompt>) returned by `get_rail_spec` / `_write_*_rail_spec` and given to gr.Guard.from_rail_string)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results, demo calls under
# `if __name__ == "__main__"`).  Notes:
# - simpleaichat: `ChatGPTSession.system` and `AIChat.build_system`'s `default` are default system prompts;
#   `build_system` returns `character_prompt.format(...).strip()` (first field `{0}`, counted after the strip the code
#   applies); `character_system` ("- {0}") is an addition of only a variable (neutral); `new_system` appends an
#   instruction to the system prompt (a prompt, first variable at token 0); `new_prompt` ("Context: ...\\n\\nUser: ...")
#   is a data wrapper (neutral); the console's priming "Hello!" is one word, under the size floor (neutral).
# - Memary: the `"Summarize these previous conversations into 50 words:" + str(...)` user message is a prompt; the
#   "Knowledge Entity Store:" / "Summarized past conversation:" / "Your address is" texts are data headers and tool
#   results (neutral); the synonym Output model's Field description is an output-field description (neutral).
# - AutoPR: the `output_spec` class variables (guardrails XML output schemas with field descriptions), the actions'
#   `description` strings (choices of the action-selection schema), GeneratedHunkOutputParser's format instructions
#   (the value of `{format_instructions}`), the context headings and notes put into the `{context}` variable, the
#   "Failed to create new file ..." entries added to the context, OpenAICompletionsRepo's prompt composition:
#   neutral.
# NOT prompts (false positives if reported): simpleaichat's ChatSession.__str__ summary and CLI help; Memary's
# Message.__str__ / Context.__str__ debug strings and the Cypher query of generate_string; AutoPR's publish_service
# texts (pull request bodies, progress sections, the error report template), GraphQL queries, the gpt-4 / gpt-3.5
# warnings published to the user, log messages.
"""

ROOTS = {"simpleai": "simpleaichat/", "memary": "Memary/", "autopr": "AutoPR/"}

C = "simpleaichat/chatgpt.py"
S = "simpleaichat/simpleaichat.py"
B = "src/memary/agent/base_agent.py"
L = "autopr/actions/look_at_files.py"
A = "autopr/services/action_service.py"

PROMPTS = [
 ("simpleai", C, "tool_prompt", 10, {"fmt": True}),
 ("simpleai", C, "ChatGPTSession.system", 20, {}),
 ("simpleai", C, "ChatGPTSession.gen_with_tools.new_system", 227, {}),
 ("simpleai", C, "ChatGPTSession.gen_with_tools_async.new_system", 382, {}),
 ("simpleai", S, "AIChat.build_system.default", 173, {}),
 ("simpleai", S, "AIChat.build_system.character_prompt", 175, {"fmt": True, "transform": "strip"}),
 ("memary", "src/memary/synonym_expand/synonym.py", "custom_synonym_expand_fn.template", 14, {"fmt": True}),
 ("memary", B, "Agent.external_query.messages_dict.system", 164, {}),
 ("memary", B, "Agent._summarize_contexts.llm_message_chat.user", 321, {}),
 ("autopr", "autopr/actions/edit_file.py", "RewriteCodeHunkChain.prompt_template", 15, {"fmt": True}),
 ("autopr", "autopr/actions/new_file.py", "NewFileChain.prompt_template", 14, {"fmt": True}),
 ("autopr", "autopr/actions/plan_pr.py", "ProposePullRequestRail.prompt_template", 9, {"fmt": True}),
 ("autopr", L, "InitialFileSelect.prompt_template", 56, {"fmt": True}),
 ("autopr", L, "LookAtFiles.prompt_template", 136, {"fmt": True}),
 ("autopr", L, "ContinueLookingAtFiles.prompt_template", 188, {"fmt": True}),
 ("autopr", L, "InitialFileSelectResponse.get_rail_spec", 25, {}),
 ("autopr", L, "LookAtFilesResponse.get_rail_spec", 105, {}),
 ("autopr", "autopr/models/rail_objects.py", "RailObject.get_rail_spec", 29, {}),
 ("autopr", A, "ActionService._write_action_selection_rail_spec", 98, {}),
 ("autopr", A, "ActionService._write_action_args_query_rail_spec", 124, {}),
 ("autopr", "autopr/services/rail_service.py", "RailService.__init__.raw_system_prompt", 89, {}),
 ("autopr", "autopr/repos/completions_repo.py", "CompletionsRepo.complete.system_prompt", 53, {}),
]

NEUTRAL = [
 ("simpleai", S, "character_system (\"- {0}\": an addition of only a variable)", 183),
 ("simpleai", C, "new_prompt (Context: ... User: ...: a data wrapper), both methods", 228),
 ("simpleai", S, "the console's priming \"Hello!\" (one word)", 203),
 ("memary", B, "\"Knowledge Entity Store:\" + str(top_entities) (a data header)", 288),
 ("memary", B, "\"Summarized past conversation:\" + response (a data header on a model reply)", 327),
 ("memary", B, "\"Your address is\" + formatted_address (a tool result)", 188),
 ("memary", "src/memary/synonym_expand/output.py", "the Output model's Field description", 7),
 ("autopr", L, "output_spec class variables (guardrails output schemas), here and in edit_file / new_file / plan_commits / request_more_info / utils/commit.py", 15),
 ("autopr", A, "the <choice>/<case> output_spec pieces and the actions' description strings", 66),
 ("autopr", "autopr/actions/utils/file.py", "GeneratedHunkOutputParser.get_format_instructions (the value of {format_instructions})", 77),
 ("autopr", L, "notes = \"The repository's contents were irrelevant ...\" (a value of {context})", 381),
 ("autopr", "autopr/agents/plan_and_code.py", "context_headings values (headings of {context})", 72),
 ("autopr", "autopr/actions/new_file.py", "\"Failed to create new file ...\" context entries (tool results)", 75),
 ("autopr", "autopr/repos/completions_repo.py", "OpenAICompletionsRepo._complete.prompt (a composition)", 179),
]

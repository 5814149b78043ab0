# Blind round 23 label source (issue #11, Python sources, session 11), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round23_labels.toml.

HEADER = """\
# Blind round 23 (issue #11, Python sources, session 11): hand labels written BY READING THE CODE, committed before
# pcache was run on these trees (rules of branch src-py11 `a36acd9`, frozen before the trees were opened).  Projects
# never used before in this repository (checked against /work/claimed-projects.txt, benchmarks/,
# tests/fixtures/SOURCES.md and the eval labels; claimed before opening), not held out, no fork of a held-out project:
#
#   newspaper  assafelovic/gpt-newspaper @ b86aff2d2c208c6abc44a51f443948bfae2d08cc  folder backend (LangGraph agents
#              writing a newspaper: OpenAI-style message lists written in place in each agent's method, converted with
#              convert_openai_messages and sent with ChatOpenAI(...).invoke)
#   codeinterp shroominic/codeinterpreter-api @ 9482d36f32841a1ffd641db67f772bad1fc622b7  folder src/codeinterpreterapi
#              (a LangChain code-interpreter agent: a prompts package of PromptTemplate / ChatPromptTemplate /
#              SystemMessage constants, the session's handlers)
#   localgpt   PromtEngineer/localGPT @ 34f3107f56a88203859092312231b945a711c619  folder rag_system (a local RAG system
#              on Ollama: f-string prompts built in methods and sent as `prompt=`, module and class constants
#              formatted with str.format)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results, demo calls under
# `if __name__ == "__main__"`).  Notes:
# - gpt-newspaper: each agent method writes `prompt = [{"role": "system", ...}, {"role": "user", ...}]`; the
#   module constants sample_json / sample_revise_json are output-format examples inlined into the user messages
#   (neutral).  editor.py's article_templates are HTML layouts (not prompts).
# - codeinterpreter-api: determine_modifications_prompt is a PromptTemplate (str.format, `{{`/`}}` escapes, first
#   field `{code}` after two worked examples); remove_dl_link_prompt's HumanMessage / AIMessage pair is a few-shot
#   example (neutral), its last message is only the `{input_response}` field; settings.SYSTEM_MESSAGE is
#   prompts/system_message.py's system_message.  The session's `request.content = "I uploaded, just text me back ..."`
#   is the user's message the program writes when files come without text (a prompt); the upload headers it adds
#   after it are data headers (neutral).  The python tool's description is a tool description (neutral), the
#   texts _run_handler returns are tool results (neutral).
# - localGPT: query_transformer's `new_examples` are few-shot examples (neutral), `full_prompt` the composition of
#   system_prompt, the examples and the input payload (neutral); contextualizer's LOCAL_CONTEXT_PROMPT_TEMPLATE is a
#   data wrapper and human_prompt_content / full_prompt compositions (neutral); the verifier's `prompt +=` additions
#   are delimiters around data (neutral).  The Qwen reranker's PREFIX / SUFFIX / DEFAULT_INSTRUCTION / _format_pair
#   and the embedders' QUERY_PROMPT_TEMPLATE / DEFAULT_RETRIEVAL_INSTRUCTION are inputs to retrieval models (a
#   yes/no relevance scorer, an embedding model), not generation prompts: neutral either way.
# NOT prompts (false positives if reported): print / out / input / argparse texts, api_server's status messages,
# main.py's pipeline descriptions, VERIFIER_AVAILABILITY_NOTES (reported to the user), "I could not find an answer
# in the documents." and "Unable to generate an answer." (answers shown to the user), codeinterpreter-api's
# CodeInterpreterResponse error texts ("Sorry, something went while generating your response ..."), gpt-newspaper's
# article_templates HTML.
"""

ROOTS = {"newspaper": "gpt-newspaper/", "codeinterp": "codeinterpreter-api/", "localgpt": "localGPT/"}

W = "backend/agents/writer.py"
CR = "backend/agents/critique.py"
CU = "backend/agents/curator.py"
P = "src/codeinterpreterapi/prompts/"
S = "src/codeinterpreterapi/session.py"
LOOP = "rag_system/agent/loop.py"
QT = "rag_system/retrieval/query_transformer.py"
RP = "rag_system/pipelines/retrieval_pipeline.py"

PROMPTS = [
 ("newspaper", W, "WriterAgent.writer.prompt.system", 43, {}),
 ("newspaper", W, "WriterAgent.writer.prompt.user", 47, {}),
 ("newspaper", W, "WriterAgent.revise.prompt.system", 68, {}),
 ("newspaper", W, "WriterAgent.revise.prompt.user", 72, {}),
 ("newspaper", CR, "CritiqueAgent.critique.prompt.system", 12, {}),
 ("newspaper", CR, "CritiqueAgent.critique.prompt.user", 16, {}),
 ("newspaper", CU, "CuratorAgent.curate_sources.prompt.system", 18, {}),
 ("newspaper", CU, "CuratorAgent.curate_sources.prompt.user", 22, {}),
 ("codeinterp", P + "modifications_check.py", "determine_modifications_prompt", 5, {"fmt": True}),
 ("codeinterp", P + "remove_dl_link.py", "remove_dl_link_prompt.system", 8, {}),
 ("codeinterp", P + "system_message.py", "system_message", 4, {}),
 ("codeinterp", S, "CodeInterpreterSession._input_handler.request.content", 335, {}),
 ("codeinterp", S, "CodeInterpreterSession._ainput_handler.request.content", 352, {}),
 ("localgpt", LOOP, "Agent._format_query_with_history.prompt", 221, {}),
 ("localgpt", LOOP, "Agent._triage_query_async.prompt", 266, {}),
 ("localgpt", LOOP, "Agent._run_async_inner.prompt", 463, {}),
 ("localgpt", LOOP, "Agent._run_async_inner.compose_prompt", 673, {}),
 ("localgpt", LOOP, "Agent._route_via_overviews.router_prompt", 791, {}),
 ("localgpt", "rag_system/agent/verifier.py", "Verifier.verify_async.prompt", 231, {}),
 ("localgpt", QT, "QueryDecomposer._decompose_multi_turn.system_prompt", 74, {}),
 ("localgpt", QT, "QueryDecomposer._decompose_single_turn.system_prompt", 335, {}),
 ("localgpt", "rag_system/indexing/contextualizer.py", "SYSTEM_PROMPT", 12, {}),
 ("localgpt", "rag_system/indexing/contextualizer.py", "CHUNK_PROMPT_TEMPLATE", 18, {"fmt": True}),
 ("localgpt", "rag_system/indexing/overview_builder.py", "OverviewBuilder.DEFAULT_PROMPT", 111, {"fmt": True}),
 ("localgpt", RP, "RetrievalPipeline._reformulate_query.prompt", 407, {}),
 ("localgpt", RP, "RetrievalPipeline._synthesize_final_answer.prompt", 563, {}),
]

NEUTRAL = [
 ("newspaper", W, "sample_json / sample_revise_json: output-format examples inlined into the user messages", 6),
 ("codeinterp", P + "remove_dl_link.py", "the HumanMessage / AIMessage few-shot pair", 16),
 ("codeinterp", S, "the upload headers added to request.content (The user uploaded the following files / File(s) are now available)", 338),
 ("codeinterp", S, "the python tool's description", 108),
 ("codeinterp", S, "tool results returned by _run_handler / _arun_handler", 247),
 ("codeinterp", "src/codeinterpreterapi/chains/rm_dl_link.py", "test() demo input", 45),
 ("localgpt", QT, "new_examples (few-shot examples) and full_prompt (composition), both functions", 125),
 ("localgpt", "rag_system/indexing/contextualizer.py", "LOCAL_CONTEXT_PROMPT_TEMPLATE (data wrapper), human_prompt_content / full_prompt (compositions)", 14),
 ("localgpt", "rag_system/agent/verifier.py", "the prompt += delimiters around the context and answer", 291),
 ("localgpt", "rag_system/rerankers/reranker.py", "the Qwen reranker's PREFIX / SUFFIX / DEFAULT_INSTRUCTION / _format_pair, the __main__ demo", 100),
 ("localgpt", "rag_system/indexing/representations.py", "QUERY_PROMPT_TEMPLATE / DEFAULT_RETRIEVAL_INSTRUCTION (embedding model instruction)", 34),
 ("localgpt", RP, "the [Source document: ...] header and the full-document escalation block (data headers)", 1612),
 ("localgpt", "rag_system/utils/watsonx_client.py", "the __main__ demo's What is AI?", 257),
]

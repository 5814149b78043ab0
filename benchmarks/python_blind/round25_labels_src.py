# Blind round 25 label source (issue #11, Python sources, session 13), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round25_labels.toml.

HEADER = """\
# Blind round 25 (issue #11, Python sources, session 13): hand labels written BY READING THE CODE, committed before
# pcache was run on these trees (main `dbb2094`'s rules, frozen: nothing was changed before this round's run).
# Projects never used before in this repository (checked against /work/claimed-projects.txt, benchmarks/,
# tests/fixtures/ and the eval labels; claimed before opening), not held out, no fork of a held-out project:
#
#   hedgefund  virattt/ai-hedge-fund @ eff8a7320fcf0b473b135690fa1a5b0d9b022a83 (MIT)  folder hedge_fund (LLM investor
#              personas: each persona class's `get_system_prompt` returns its system prompt, sent by the base class
#              `LLMAgent.predict` through `self._llm.complete(system, user)`; a large Textual TUI, a backtester, data
#              clients and tests beside them)
#   optillm    codelion/optillm @ a5e3588c1234134c3a9c9a586ef58548198cde2c (Apache-2.0)  folders optillm/mars and
#              optillm/plugins/longcepo (an inference proxy's reasoning approaches: MARS's module prompt constants
#              formatted with str.format, OpenAI-style message lists written in methods, f-string prompts; LongCePO's
#              map/collapse/reduce prompt constants formatted through a config dataclass's fields)
#   hipporag   OSU-NLP-Group/HippoRAG @ c617143f01477243992a63b2e2151cc003dd3b21 (MIT)  folder src/hipporag (a RAG
#              system: prompt template modules under prompts/templates, each a `prompt_template` list of role/content
#              dicts whose contents become string.Template objects (`${passage}`) in PromptTemplateManager; str.format
#              frames converted to `${name}` by convert_format_to_template; a saved DSPy program's system prompt
#              used by the reranker; a user-message template in DSPyFilter.__init__)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results, demo calls under
# `if __name__ == "__main__"`).  Notes:
# - hedgefund: the five `get_system_prompt` returns are prompts with no variable; FundamentalsSnapshot.render (the
#   user message: the company's figures rendered as lines) is a data rendering (neutral).
# - optillm: MATHEMATICAL_SYSTEM_PROMPT is sent as is (no .format): its `\\\\boxed{answer}` is literal text, no
#   variable.  The `provider_request` dicts given to conversation_logger.log_provider_call are log records of the
#   request (neutral; in strategy_network one holds a shorter text than the one sent).  The agent / candidate /
#   strategy / verification texts built with `+=` and the `extracted_answers_text` block appended to the synthesis
#   prompt are parts of other prompts (neutral); the synthesis prompt `SYNTHESIS_PROMPT.format(...) + extracted` is a
#   composition (neutral).  LongCePO: qa_history / qa_history_stub / format_chunk_list texts are values of
#   variables (neutral); `run_longcepo.prompt` ("The question is: {normalized_query}", sent as the user prompt with
#   the planning system prompt) is a prompt.
# - hipporag: the template modules' system constants are prompts (named by the constant their message holds); a
#   user message that is only `${passage}` / `${prompt_user}` is a variable alone (neutral); the one-shot
#   paragraphs, inputs, outputs and IRCoT demos are few-shot examples (neutral), and `ircot_system` inlines its demo
#   (a module constant of the file: static text); `ner_conditioned_re_frame` is the user template (its str.format
#   fields become `${passage}` / `${named_entity_json}` through convert_format_to_template); the saved DSPy program's
#   `prog.system` is sent unformatted as the reranker's system message (its `{question}` is literal: no variable);
#   `prog.signature.instructions` and the demos are not sent by the code (neutral); `one_output_template` is the
#   few-shot assistant side (neutral); `prompt_user` built in HippoRAG.py / StandardRAG.py / utils/qa_utils.py is
#   the value of `${prompt_user}` (neutral); get_query_instruction's texts and the embedders'
#   "Instruct: ...\\nQuery: " / "<|user|>\\n" wrappers are retrieval-model instructions (neutral, as round 23's).
# NOT prompts (false positives if reported): hedge_fund's TUI texts (labels, help, key prompts, messages), log and
#   exception messages, the backtest / event-study reports; optillm's error responses ("MARS system encountered an
#   error ...", "Unable to generate solution ..."), the extracted answer "The final answer is $\\\\boxed{...}$" and
#   the <think> wrapper (model output returned to the caller), log messages; HippoRAG's config field help texts
#   (`metadata={"help": ...}`), log and print messages, docstrings.
"""

ROOTS = {"hedgefund": "ai-hedge-fund/", "optillm": "optillm/", "hipporag": "HippoRAG/"}

S = "hedge_fund/signals/"
M = "optillm/mars/"
L = "optillm/plugins/longcepo/"
T = "src/hipporag/prompts/templates/"
FMT = {"fmt": True}

PROMPTS = [
 ("hedgefund", S + "buffett.py", "BuffettAgent.get_system_prompt", 22, {}),
 ("hedgefund", S + "druckenmiller.py", "DruckenmillerAgent.get_system_prompt", 24, {}),
 ("hedgefund", S + "graham.py", "GrahamAgent.get_system_prompt", 22, {}),
 ("hedgefund", S + "lynch.py", "LynchAgent.get_system_prompt", 22, {}),
 ("hedgefund", S + "munger.py", "MungerAgent.get_system_prompt", 22, {}),
 ("optillm", M + "prompts.py", "MATHEMATICAL_SYSTEM_PROMPT", None, {}),
 ("optillm", M + "prompts.py", "AGENT_EXPLORATION_PROMPT", None, FMT),
 ("optillm", M + "prompts.py", "VERIFICATION_PROMPT", None, FMT),
 ("optillm", M + "prompts.py", "SYNTHESIS_PROMPT", None, FMT),
 ("optillm", M + "prompts.py", "IMPROVEMENT_PROMPT", None, FMT),
 ("optillm", M + "prompts.py", "SINGLE_REFINEMENT_PROMPT", None, FMT),
 ("optillm", M + "prompts.py", "MULTI_AGGREGATION_PROMPT", None, FMT),
 ("optillm", M + "aggregator.py", "MARSAggregator._call_model_for_aggregation.system", 256, {}),
 ("optillm", M + "mars.py", "_synthesize_final_solution.system", 541, {}),
 ("optillm", M + "strategy_network.py", "StrategyNetwork._extract_strategy_from_solution.strategy_extraction_prompt", 143, {}),
 ("optillm", M + "strategy_network.py", "StrategyNetwork._extract_strategy_from_solution.system", 176, {}),
 ("optillm", M + "strategy_network.py", "StrategyNetwork._classify_problem_with_llm.classification_prompt", 345, {}),
 ("optillm", M + "strategy_network.py", "StrategyNetwork._classify_problem_with_llm.system", 357, {}),
 ("optillm", M + "strategy_network.py", "StrategyNetwork._generate_strategy_enhanced_solution.enhancement_prompt", 450, {}),
 ("optillm", M + "strategy_network.py", "StrategyNetwork._generate_strategy_enhanced_solution.system", 475, {}),
 ("optillm", L + "prompts.py", "MAPREDUCE_SYSTEM_PROMPT", None, FMT),
 ("optillm", L + "prompts.py", "QUERY_FORMAT_PROMPT", None, FMT),
 ("optillm", L + "prompts.py", "SUMMARY_PROMPT", None, FMT),
 ("optillm", L + "prompts.py", "PLANNING_SYSTEM_PROMPT", None, FMT),
 ("optillm", L + "prompts.py", "MAP_PROMPT", None, FMT),
 ("optillm", L + "prompts.py", "COLLAPSE_PROMPT", None, FMT),
 ("optillm", L + "prompts.py", "REDUCE_PROMPT", None, FMT),
 ("optillm", L + "main.py", "run_longcepo.prompt", 50, {}),
 ("hipporag", T + "ner.py", "ner_system", None, {}),
 ("hipporag", T + "ner_query.py", "ner_system", None, {}),
 ("hipporag", T + "ner_query.py", "prompt_template.user", 21, {"col": 32, "marker": "${query}"}),
 ("hipporag", T + "triple_extraction.py", "ner_conditioned_re_system", None, {}),
 ("hipporag", T + "triple_extraction.py", "ner_conditioned_re_frame", None, FMT),
 ("hipporag", T + "rag_qa_musique.py", "rag_qa_system", None, {}),
 ("hipporag", T + "ircot_2wikimultihopqa.py", "ircot_system", None, {"inline_extra": {"one_shot_ircot_demo": "(demo)"}}),
 ("hipporag", T + "ircot_hotpotqa.py", "ircot_system", None, {"inline_extra": {"one_shot_ircot_demo": "(demo)"}}),
 ("hipporag", T + "ircot_musique.py", "ircot_system", None, {"inline_extra": {"one_shot_ircot_demo": "(demo)"}}),
 ("hipporag", "src/hipporag/prompts/filter_default_prompt.py", "best_dspy_prompt.prog.system", 1, {}),
 ("hipporag", "src/hipporag/rerank.py", "DSPyFilter.one_input_template", 33, FMT),
]

NEUTRAL = [
 ("hedgefund", "hedge_fund/features/snapshot.py", "FundamentalsSnapshot.render (the user message: the figures rendered as lines)", 87),
 ("optillm", M + "aggregator.py", "provider_request messages (a log record of the request), here and in mars.py / strategy_network.py", 274),
 ("optillm", M + "aggregator.py", "candidate_text (\"Solution {i+1} (Agent ...\": a value of {candidate_solutions})", 194),
 ("optillm", M + "mars.py", "agent_solutions_text / verification_text / extracted_answers_text (parts of the synthesis prompt) and synthesis_prompt (a composition)", 513),
 ("optillm", M + "strategy_network.py", "strategy_insights (a value of {strategy_insights})", 446),
 ("optillm", L + "main.py", "qa_history entries (values)", 93),
 ("optillm", L + "mapreduce.py", "qa_history_stub and format_chunk_list texts (values of variables)", 78),
 ("hipporag", T + "ner.py", "the one-shot paragraph / output and the \"${passage}\" user message (few-shot; a variable alone), in every template module", 5),
 ("hipporag", T + "triple_extraction.py", "ner_conditioned_re_input / _output (few-shot)", 29),
 ("hipporag", T + "rag_qa_musique.py", "one_shot_rag_qa_docs / one_shot_ircot_demo / one_shot_rag_qa_input / _output (few-shot)", 3),
 ("hipporag", "src/hipporag/prompts/filter_default_prompt.py", "best_dspy_prompt demos and signature.instructions (not sent)", 1),
 ("hipporag", "src/hipporag/rerank.py", "DSPyFilter.one_output_template (few-shot assistant side)", 34),
 ("hipporag", "src/hipporag/HippoRAG.py", "prompt_user (the value of ${prompt_user}), here and in StandardRAG.py / utils/qa_utils.py", 831),
 ("hipporag", "src/hipporag/prompts/linking.py", "get_query_instruction texts (retrieval-model instructions)", 2),
 ("hipporag", "src/hipporag/embedding_model/OpenAI.py", "\"Instruct: ...\\nQuery: \" and GritLM's \"<|user|>\\n\" embedder wrappers", 89),
]

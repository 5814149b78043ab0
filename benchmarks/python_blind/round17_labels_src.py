# Blind round 17 label source (issue #11, Python sources, session 7), written BY READING THE CODE before pcache
# ran on these trees (after the round-16 rules, main e0fa154); emit_labels.py turns it into round17_labels.toml.
import ast
import os

HEADER = """\
# Blind round 17 (issue #11, Python sources, session 7): hand labels written BY READING THE CODE, committed before
# pcache was run on these trees, with the round-16 rules on main (e0fa154).  Projects never used before in this
# repository (checked against /work/claimed-projects.txt, benchmarks/, tests/fixtures/SOURCES.md and the eval
# labels), not held out, no fork of a held-out project:
#
#   intercode  princeton-nlp/intercode @ c3e46d827cfc9d4c704ec078f7abf9f41e3191d8   folder experiments (an interactive
#              coding benchmark's agents: a prompts module of template classes, chat and completion policies)
#   openagi    agiresearch/OpenAGI @ 22190c5217dad787d8ca4c796a7abab5ef6f0e2a        folder pyopenagi/agents (an agent OS's
#              agents)
#   gorilla    ShishirPatil/gorilla @ 6ea57973c7a6097fd7c5915698c54c17c5b1b6c8       folder raft (RAFT: synthetic
#              question / answer generation for fine-tuning)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool descriptions and tool results).  Notes:
# - intercode: utils/prompts.py's template classes return the prompts (named Class.method); the DEMO_* constants and
#   DEMO_MAP_* are few-shot demonstrations (neutral), self.explore_msg / self.message_history are values spliced into
#   them (neutral), TemplateCTF.get_obs_msg ("Output: {observation}", "No output") is a tool result (neutral); the
#   eval scripts' observations ("Submitted flag is incorrect. Keep trying!", "Failed Test Case: ...") and the ReAct
#   completion glue are tool results / compositions (neutral); handicap_sql's table list is data; palm_api's
#   __main__ demo message is labelled (a user message sent to the model).
# - openagi: the agents' manual_workflow step messages are the values of ReactAgent.run's "{message}" (neutral); the
#   assistant turns the program writes ("[Thinking]: The workflow generated ...", "Fail {i+1} times ...") and the tool
#   call records are history / tool results (neutral); the agents' descriptions come from JSON configs.
# - gorilla: build_qa_messages and generate_chunk_instructions write system messages in place (% x fills the count);
#   prompt_templates is a mapping of templates (str.format); raft_local's T5 prompt is labelled (a prompt to a local
#   model); format.py's default_chat_system_prompt is written into fine-tuning chat records (labelled: the system
#   prompt the fine-tuned model is trained and then served with).
# NOT prompts (false positives if reported): argparse help, log lines, the agents' result records
# ("Failed to generate a valid workflow in the given times."), ANSI/terminal text.
"""

ROOTS = {"intercode": "intercode/", "openagi": "OpenAGI/", "gorilla": "gorilla/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind17/")
IP = "experiments/utils/prompts.py"
R = "raft/raft.py"


def _const_text(full, line):
    tree = ast.parse(open(ROOT + full, encoding="utf-8").read())
    texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.lineno == line]
    return max(texts, key=len)


def _before_pct(full, line):
    text = _const_text(full, line)
    return {"before": text[:text.index("%s")]}


_INTERCODE = [("PromptTemplate.get_retry_msg", 370), ("TemplateV1.get_init_msg", 387), ("TemplateV1.get_query_msg", 411),
              ("TemplateV1.get_obs_msg", 423), ("TemplateV2.get_init_msg", 437), ("TemplateV2.get_query_msg", 465),
              ("TemplateV2.get_obs_msg", 472), ("TemplateSQLGame.get_init_msg", 482), ("TemplateReAct.get_init_msg", 539),
              ("TemplateReAct.get_query_msg", 551), ("TemplateCTF.get_init_msg", 556), ("TemplateCTF.get_query_msg", 579),
              ("TemplatePlanSolve.get_init_msg", 589), ("TemplatePlanSolve.get_execute_plan_msg", 599),
              ("TemplatePlanSolve.get_after_plan_msg", 614), ("TemplatePlanSolve.get_query_msg", 629),
              ("TemplateV3.get_init_msg", 639), ("TemplateV3.get_query_msg", 645), ("TemplateV3.get_obs_msg", 651),
              ("TemplateV4.get_init_msg", 664), ("TemplateV4.get_query_msg", 671), ("TemplateV4.get_obs_msg", 677),
              ("TemplateCodeFunction.get_init_msg", 689), ("TemplateCodeFunction.get_obs_msg", 715)]

PROMPTS = [
 *[("intercode", IP, c, ln, {}) for c, ln in _INTERCODE],
 ("intercode", "experiments/policies.py", "HFChatPolicy.forward.dialogue.content", 207, {}),
 ("intercode", "experiments/utils/palm_api.py", "init_message", 85, {}),
 # OpenAGI
 ("openagi", "pyopenagi/agents/react_agent.py", "ReactAgent.build_system_instruction.plan_instruction", 35,
  {"before": "You are given the available tools from the tool list: "}),
 ("openagi", "pyopenagi/agents/react_agent.py", "ReactAgent.run.user", 121, {}),
 ("openagi", "pyopenagi/agents/react_agent.py", "ReactAgent.run.prompt", 136, {}),
 ("openagi", "pyopenagi/agents/example/rag_agent/agent.py", "RAGAgent.build_prompt.prompt_template_literal", 115,
  {"fmt": True}),
 # gorilla raft
 ("gorilla", R, "generate_chunk_instructions.system", 156, "PCT"),
 ("gorilla", R, "generate_chunk_instructions.system@157", 157, {}),
 ("gorilla", R, "generate_chunk_instructions.system@158", 158, {}),
 ("gorilla", R, "generate_chunk_instructions.system@159", 159, {}),
 ("gorilla", R, "build_qa_messages.system", 173, "PCT"),
 ("gorilla", R, "build_qa_messages.system@177", 177, {}),
 ("gorilla", R, "build_qa_messages.system@182", 182, "PCT"),
 ("gorilla", R, "build_qa_messages.system@198", 198, {}),
 ("gorilla", R, "encode_question.prompt", 249, {}),
 ("gorilla", R, "encode_question.system", 250, {}),
 ("gorilla", R, "prompt_templates.gpt", 256, {"fmt": True}),
 ("gorilla", R, "prompt_templates.llama", 264, {"fmt": True}),
 ("gorilla", R, "encode_question_gen.system", 301, {}),
 ("gorilla", "raft/raft_local.py", "generate_instructions_hf.input_text", 99, {}),
 ("gorilla", "raft/format.py", "default_chat_system_prompt", None, {}),
]
PROMPTS = [(p, f, c, ln, _before_pct(ROOTS[p] + f, ln) if kw == "PCT" else kw) for p, f, c, ln, kw in PROMPTS]

NEUTRAL = [
 ("intercode", IP, "DEMO_* few-shot demonstrations and DEMO_MAP_*; explore_msg / message_history; TemplateCTF.get_obs_msg (tool result)", 1),
 ("intercode", "experiments/eval_n_turn.py", "observations (Submitted flag is incorrect, Failed Test Case ...): tool results", 137),
 ("intercode", "experiments/eval_react.py", "completion glue (Thought {turn}:) and the execute-error observation", 96),
 ("intercode", "experiments/utils/utils.py", "handicap_sql table list (data); gen_react_demos (few-shot)", 99),
 ("openagi", "pyopenagi/agents/react_agent.py", "assistant turns written by the program, tool call records, prefix + plan_instruction composition", 117),
 ("openagi", "pyopenagi/agents/base_agent.py", "the Fail {i+1} times assistant turn", 134),
 ("openagi", "pyopenagi/agents/example/travel_agent/agent.py", "manual_workflow step messages (values of {message}) in every example agent", 17),
 ("gorilla", R, "encode_question_gen's prompt (a composition of prompt_templates)", 299),
]

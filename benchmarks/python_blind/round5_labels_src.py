T = "src/tot/prompts/"
H = "hotpotqa_runs/prompts.py"
P = "programming_runs/generators/"
PROMPTS = (
  [("tot", T + f, c, None, {"fmt": True}) for f, c in [
    ("crosswords.py", "standard_prompt"), ("crosswords.py", "cot_prompt"), ("crosswords.py", "propose_prompt"),
    ("crosswords.py", "value_prompt"), ("game24.py", "standard_prompt"), ("game24.py", "cot_prompt"),
    ("game24.py", "propose_prompt"), ("game24.py", "value_prompt"), ("game24.py", "value_last_step_prompt"),
    ("text.py", "standard_prompt"), ("text.py", "cot_prompt"), ("text.py", "vote_prompt"),
    ("text.py", "compare_prompt"), ("text.py", "score_prompt")]]
  + [("reflexion", H, c, None, {"fmt": True}) for c in [
    "COT_INSTRUCTION", "COT_AGENT_REFLECT_INSTRUCTION", "COT_REFLECT_INSTRUCTION", "COT_SIMPLE_INSTRUCTION",
    "COT_SIMPLE_AGENT_REFLECT_INSTRUCTION", "COT_SIMPLE_REFLECT_INSTRUCTION", "REACT_INSTRUCTION",
    "REACT_REFLECT_INSTRUCTION", "REFLECTION_HEADER", "REFLECTION_AFTER_LAST_TRIAL_HEADER", "LAST_TRIAL_HEADER",
    "REFLECT_INSTRUCTION"]]
  + [("reflexion", P + "py_generate.py", c, None, {}) for c in [
    "PY_SIMPLE_COMPLETION_INSTRUCTION", "PY_REFLEXION_COMPLETION_INSTRUCTION",
    "PY_SELF_REFLECTION_COMPLETION_INSTRUCTION", "USE_PYTHON_CODEBLOCK_INSTRUCTION", "PY_SIMPLE_CHAT_INSTRUCTION",
    "PY_SIMPLE_CHAT_INSTRUCTION_V2", "PY_REFLEXION_CHAT_INSTRUCTION", "PY_REFLEXION_CHAT_INSTRUCTION_V2",
    "PY_SELF_REFLECTION_CHAT_INSTRUCTION", "PY_SELF_REFLECTION_CHAT_INSTRUCTION_V2",
    "PY_TEST_GENERATION_COMPLETION_INSTRUCTION", "PY_TEST_GENERATION_CHAT_INSTRUCTION"]]
  + [("reflexion", P + "rs_generate.py", c, line, {}) for c, line in [
    ("RS_SIMPLE_COMPLETION_INSTRUCTION", 8), ("USE_RUST_CODEBLOCK_INSTRUCTION", 11),
    ("RS_SIMPLE_CHAT_INSTRUCTION", 13), ("RS_REFLEXION_CHAT_INSTRUCTION", 14),
    ("RS_SELF_REFLECTION_CHAT_INSTRUCTION", 15),
    ("RS_REFLEXION_COMPLETION_INSTRUCTION@17", 17), ("RS_SELF_REFLECTION_COMPLETION_INSTRUCTION@18", 18),
    ("RS_TEST_GENERATION_COMPLETION_INSTRUCTION", 111), ("RS_TEST_GENERATION_CHAT_INSTRUCTION", 115)]]
  + [("reflexion", P + "model.py", "CodeLlama.DEFAULT_SYSTEM_PROMPT", 204, {}),
     ("reflexion", "alfworld_runs/alfworld_trial.py", "run_trial.base_prompt", 124, {}),
     ("reflexion", "alfworld_runs/generate_reflections.py", "_generate_reflection_query.query", 15, {})]
)
NEUTRAL = [
 ("tot", "src/tot/tasks/*.py", "*_prompt_wrap returns (a labelled constant formatted, plus data)", 58),
 ("reflexion", "hotpotqa_runs/fewshots.py", "few-shot example blocks (values of {examples} / {reflections})", 1),
 ("reflexion", P + "py_generate.py", "PY_*_FEW_SHOT* (values of the few-shot parameters)", 19),
 ("reflexion", P + "rs_generate.py", "RS_*_FEW_SHOT* (values of the few-shot parameters)", 20),
 ("reflexion", P + "rs_generate.py", "RS_REFLEXION_COMPLETION_INSTRUCTION / RS_SELF_REFLECTION_COMPLETION_INSTRUCTION at lines 9-10 (assigned again at 17-18)", 9),
 ("reflexion", P + "generator_utils.py", "messages composed of instruction parameters and data headers", 34),
 ("reflexion", "alfworld_runs/env_history.py", "_get_base_query headers added to the base prompt", 48),
 ("reflexion", "hotpotqa_runs/agents.py", "observations of the environment (tool feedback)", 222),
]

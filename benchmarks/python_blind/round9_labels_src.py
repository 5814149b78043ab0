# Blind round 9 label source (issue #11, Python sources), written BY READING THE CODE before pcache ran on
# these trees; emit_labels.py turns it into round9_labels.toml.  (project, file, container, line, kwargs)
import ast
import os

HEADER = """\
# Blind round 9 (issue #11, Python sources, session 4): hand labels written BY READING THE CODE, committed
# before pcache was run on these trees (the rules of main after the round-8 fixes: mapping entries, +=
# constants, parameter defaults, read-through of x = f(), fenced slots).  Projects never used before in
# this repository and not held out:
#
#   llmcompiler  SqueezeAILab/LLMCompiler @ a00c9d35507507da70e8c637eee64efc8c1857ae
#                configs/hotpotqa, configs/hotpotqa_react, src/llm_compiler (scanned together)
#   taskmatrix   chenfei-wu/TaskMatrix @ 4b7664f8d3a23804ac1b795d75a73efd162769f0
#                visual_chatgpt.py, LowCodeLLM/src (scanned together)
#   ragas        explodinggradients/ragas @ 3e28e9dec93897f47a98065be4c62f6d072a45a7
#                src/ragas/metrics/collections
#
# Same labelling rule as round3_labels.toml / round8_labels.toml.  Notes:
# - LLMCompiler: f-string fields END_OF_PLAN / JOINNER_FINISH are constants of src/llm_compiler/constants.py
#   (in the scan): static text.  LangChain's PromptTemplate.from_examples formats prefix and suffix
#   (str.format); few-shot example lists are neutral.  generate_llm_compiler_prompt returns the system
#   prompt it builds with +=; JOIN_DESCRIPTION (an action description inside it) is neutral.
# - TaskMatrix: VISUAL_CHATGPT_* go to LangChain's conversational agent (prefix, format_instructions
#   formatted with tool_names/ai_prefix, suffix with chat_history/input).  Negative prompts of the
#   image models (n_prompt), BLIP questions and tool descriptions (@prompts) are neutral; the UI
#   placeholder is not a prompt.  Human_prompt is written into the agent's memory (a human turn).
# - ragas: each BasePrompt subclass's `instruction` is its prompt (static); examples are neutral.
"""

ROOTS = {"llmcompiler": "LLMCompiler/", "taskmatrix": "TaskMatrix/", "ragas": "ragas/"}
FMT = {"fmt": True}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind/")
CONSTS = {"END_OF_PLAN": "<END_OF_PLAN>", "JOINNER_FINISH": "Finish"}  # src/llm_compiler/constants.py


def _consts(path):
    tree = ast.parse(open(ROOT + path, encoding="utf-8").read())
    return {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
            for t in n.targets if isinstance(t, ast.Name)}


def _fstring_head(path, line):
    tree = ast.parse(open(ROOT + path, encoding="utf-8").read())
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) and n.lineno == line)
    return node.values[0].value


P = "LLMCompiler/src/llm_compiler/planner.py"
PROMPTS = [
 ("llmcompiler", "configs/hotpotqa/gpt_prompts.py", "PLANNER_PROMPT", None, {"inline_extra": CONSTS}),
 ("llmcompiler", "configs/hotpotqa/gpt_prompts.py", "OUTPUT_PROMPT", None, {"inline_extra": CONSTS}),
 ("llmcompiler", "configs/hotpotqa/llama_prompts.py", "PLANNER_PROMPT", None, {"inline_extra": CONSTS}),
 ("llmcompiler", "configs/hotpotqa/llama_prompts.py", "OUTPUT_PROMPT", None, {"inline_extra": CONSTS}),
 ("llmcompiler", "configs/hotpotqa_react/gpt_prompts.py", "_PREFIX", None, FMT),
 ("llmcompiler", "configs/hotpotqa_react/gpt_prompts.py", "_SUFFIX", None, FMT),
 ("llmcompiler", "configs/hotpotqa_react/llama_prompts.py", "_PREFIX", None, FMT),
 ("llmcompiler", "configs/hotpotqa_react/llama_prompts.py", "SUFFIX", None, FMT),
 None,  # generate_llm_compiler_prompt, set below
 ("llmcompiler", "src/llm_compiler/planner.py", "Planner.run_llm.human_prompt", 226, {}),
 ("llmcompiler", "src/llm_compiler/planner.py", "Planner.run_llm.human_prompt@229", 229, {}),
]


def _planner_head():
    tree = ast.parse(open(ROOT + P, encoding="utf-8").read())
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "generate_llm_compiler_prompt")
    value = fn.body[0].value  # prefix = ("Given a user query ..." f"Each plan ... {len(tools) + 1} types:\n")
    return value.values[0].value


PROMPTS[8] = ("llmcompiler", "src/llm_compiler/planner.py", "generate_llm_compiler_prompt", 42,
              {"before": _planner_head()})

V = "visual_chatgpt.py"
PROMPTS += [
 ("taskmatrix", V, "VISUAL_CHATGPT_PREFIX", None, {}),
 ("taskmatrix", V, "VISUAL_CHATGPT_FORMAT_INSTRUCTIONS", None, FMT),
 ("taskmatrix", V, "VISUAL_CHATGPT_SUFFIX", None, FMT),
 ("taskmatrix", V, "VISUAL_CHATGPT_PREFIX_CN", None, {}),
 ("taskmatrix", V, "VISUAL_CHATGPT_FORMAT_INSTRUCTIONS_CN", None, FMT),
 ("taskmatrix", V, "VISUAL_CHATGPT_SUFFIX_CN", None, FMT),
 ("taskmatrix", V, "InfinityOutPainting.check_prompt.check", 1211, {}),
 ("taskmatrix", V, "InfinityOutPainting.get_imagine_caption.imagine_prompt", 1220, {}),
 ("taskmatrix", V, "ConversationBot.run_image.Human_prompt", 1543, {}),
 ("taskmatrix", V, "ConversationBot.run_image.Human_prompt@1546", 1546, {}),
]
L = "LowCodeLLM/src/"
_pl = _consts("TaskMatrix/" + L + "planningLLM.py")
PROMPTS += [
 ("taskmatrix", L + "planningLLM.py", "PLANNING_LLM_PREFIX", None, {}),
 ("taskmatrix", L + "planningLLM.py", "EXTEND_PREFIX", None, {}),
 ("taskmatrix", L + "planningLLM.py", "PLANNING_LLM_SUFFIX", None, {}),
 ("taskmatrix", L + "planningLLM.py", "planningLLM.__init__.messages.system", 51, {}),
 ("taskmatrix", L + "planningLLM.py", "planningLLM.get_workflow.messages.user", 58,
  {"before": _pl["PLANNING_LLM_PREFIX"] + "\nThe task is:\n"}),
 ("taskmatrix", L + "planningLLM.py", "planningLLM.extend_workflow.messages.user", 66,
  {"before": _pl["PLANNING_LLM_PREFIX"] + "\nThe task is:\n"}),
 ("taskmatrix", L + "planningLLM.py", "planningLLM.extend_workflow.user", 67,
  {"before": _pl["EXTEND_PREFIX"] + "The current SOP is:\n"}),
 ("taskmatrix", L + "executingLLM.py", "EXECUTING_LLM_PREFIX", None, {}),
 ("taskmatrix", L + "executingLLM.py", "EXECUTING_LLM_SUFFIX", None, {}),
 ("taskmatrix", L + "executingLLM.py", "executingLLM.__init__.messages.system", 31, {}),
 ("taskmatrix", L + "lowCodeLLM.py", "lowCodeLLM.execute.prompt.system", 25,
  {"before": "The overall task you are facing is: "}),
]

C = "src/ragas/metrics/collections/"


def _ragas():
    out = []
    base = ROOT + "ragas/" + C
    for d in sorted(os.listdir(base)):
        path = os.path.join(base, d, "util.py")
        if not os.path.isfile(path):
            continue
        tree = ast.parse(open(path, encoding="utf-8").read())
        for cls in tree.body:
            if isinstance(cls, ast.ClassDef):
                for n in cls.body:
                    if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "instruction" for t in n.targets):
                        out.append(("ragas", C + d + "/util.py", f"{cls.name}.instruction", n.value.lineno, {}))
    return out


PROMPTS += _ragas()

NEUTRAL = [
 ("llmcompiler", "configs/hotpotqa_react/gpt_prompts.py", "_EXAMPLES / EXAMPLES few-shot lists and PROMPT = from_examples(...)", 20),
 ("llmcompiler", "configs/hotpotqa/tools.py", "Tool(description=...) tool descriptions", 12),
 ("llmcompiler", "src/llm_compiler/planner.py", "JOIN_DESCRIPTION (an action description) and run_llm's message = system_prompt + human_prompt", 26),
 ("llmcompiler", "src/llm_compiler/llm_compiler.py", "the joinner prompt composition (parameter + Question header + scratchpad)", 208),
 ("taskmatrix", V, "n_prompt negative prompts of image models, BLIP VQA questions, @prompts tool descriptions", 284),
 ("taskmatrix", L + "executingLLM.py", "executingLLM.execute user message: current_prompt + self.suffix (composition)", 37),
 ("ragas", C + "*/util.py", "examples (few-shot pydantic models); factual_correctness / noise_sensitivity to_string() calls of prompt functions outside the scan", 1),
]

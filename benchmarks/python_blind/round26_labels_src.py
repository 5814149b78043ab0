# Blind round 26 label source (issue #11, Python sources, session 14), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round26_labels.toml.

HEADER = """\
# Blind round 26 (issue #11, Python sources, session 14): hand labels written BY READING THE CODE, committed before
# pcache was run on these trees (main `1e5af5a`'s rules, frozen: nothing was changed before this round's run).
# Projects never used before in this repository (checked against /work/claimed-projects.txt, benchmarks/,
# tests/fixtures/ and the eval labels; claimed before opening), not held out, no fork of a held-out project:
#
#   gpteam     101dotxyz/GPTeam @ a216364ea2dbb208e6501468c5e5b791594cc3d5 (MIT)  folder src (a multi-agent
#              simulation of co-workers: prompt templates as members of `class PromptString(Enum)` formatted by
#              `Prompter` (`self.template.format(**self.inputs)` into a SystemMessage) in other files; tools built
#              in `get_tools` with `tool_usage_summarization_prompt=` templates; retry and tool-function messages
#              written in place; SQL, terminal output and a progress file beside them: a test of false positives)
#   adala      HumanSignal/Adala @ 10cff7320417f8438e1a0536c4e198cea7297db9 (Apache-2.0)  folder adala (a data
#              labelling agent framework: pydantic skill classes whose `instructions` (the system prompt) and
#              `input_template` (the user template, str.format fields) are class attributes; a prompt-improvement
#              dialogue written as role/content dicts in `TransformSkill.improve`)
#   surfsense  MODSetter/SurfSense @ b4d57e9b471891962a24bbd5c77620983509abfa (Apache-2.0 outside
#              app/proprietary, which is not read)  folders surfsense_backend/app/agents/video_presentation and
#              surfsense_backend/app/podcasts/generation (a research assistant's slide-video and podcast
#              generators: module prompt constants, prompt builder functions returning f-strings or a join of a
#              list of lines, LangChain SystemMessage/HumanMessage lists in graph nodes)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results, demo calls under
# `if __name__ == "__main__"`).  Notes:
# - gpteam: PromptString's members are prompts (str.format through Prompter); OUTPUT_FORMAT is a reminder appended
#   to the executor's `input` (a part of another prompt's variable: neutral); Examples.PLAN_EXAMPLES is [""];
#   `tool_usage_summarization_prompt=` texts go through Prompter (prompts, str.format); `tool_usage_description=`
#   texts are memories the program writes about what the agent did (values that reach later prompts: neutral); tool
#   `description=` texts are tool descriptions (neutral); `CustomOutputParser.get_format_instructions` is the value
#   of a field of the format-correction prompt (neutral); `SinglePlan.make_plan_prompt` is the value of
#   EXECUTE_PLAN's `{input}` (neutral); the scratchpad "Observation: ..." lines, `HumanMessage(content=f"{args}")`
#   (a variable alone), event / message texts ("... said to everyone in the ...") and tool results are neutral.
# - adala: each skill's `instructions` is its system prompt (short ones included) and `input_template` its user
#   template (str.format fields); `output_template` is the output's template (the model's side: neutral); an empty
#   template is nothing; OntologyCreator's validator composition `f"The target is {self.target}.\\n{self.instructions}"`
#   and PromptImprovementSkill's `input_template = f"{input_json_template} --> {output_json_template}"` are
#   compositions (neutral); `PromptImprovementSkill.validate_prompts` writes `self.input_prefix` (a prompt, the
#   user text before the examples); in TransformSkill.improve the scripted assistant turn, the `examples` texts and
#   `cot_instructions` appended to the last message are few-shot / parts (neutral).
# - surfsense: the two builders that return "\\n".join of a list of lines are prompts whose first variable is read
#   after the joined text before it (labelled with `before`); `get_theme_assignment_system_prompt` returns the
#   formatted constant (a composition: neutral); REMOTION_SCENE_SYSTEM_PROMPT and REFINE_SCENE_SYSTEM_PROMPT are sent
#   as they are (their braces are JSX / code text: no variable); the `<source_content>{...}</source_content>` user
#   messages are data wrappers (neutral), and so are the `focus_block` / `recap_block` / user-instruction parts and
#   the speaker roster lines (values of variables); THEME_DESCRIPTIONS values fill `{theme_list}` (neutral).
# NOT prompts (false positives if reported): GPTeam's SQL, `Agent.__str__` (printed), the progress file written by
#   the agent, prints and logs, errors; Adala's pydantic Field titles/descriptions/examples, rich console texts,
#   SQL, errors, docstrings; SurfSense's errors, prints and docstrings.
"""

ROOTS = {"gpteam": "GPTeam/", "adala": "Adala/", "surfsense": "SurfSense/"}

P = "src/utils/prompt.py"
TB = "src/tools/base.py"
C = "adala/skills/collection/"
V = "surfsense_backend/app/agents/video_presentation/"
G = "surfsense_backend/app/podcasts/generation/prompts/"
FMT = {"fmt": True}

PROMPTS = [
 ("gpteam", P, "PromptString.REFLECTION_QUESTIONS", None, FMT),
 ("gpteam", P, "PromptString.REFLECTION_INSIGHTS", None, FMT),
 ("gpteam", P, "PromptString.IMPORTANCE", None, FMT),
 ("gpteam", P, "PromptString.RECENT_ACTIIVITY", None, FMT),
 ("gpteam", P, "PromptString.MAKE_PLANS", None, FMT),
 ("gpteam", P, "PromptString.EXECUTE_PLAN", None, FMT),
 ("gpteam", P, "PromptString.REACT", None, FMT),
 ("gpteam", P, "PromptString.GOSSIP", None, FMT),
 ("gpteam", P, "PromptString.HAS_HAPPENED", None, FMT),
 ("gpteam", TB, "get_tools.tool_usage_summarization_prompt", 185, FMT),
 ("gpteam", TB, "get_tools.tool_usage_summarization_prompt@221", 221, FMT),
 ("gpteam", TB, "get_tools.tool_usage_summarization_prompt@235", 235, FMT),
 ("gpteam", TB, "get_tools.tool_usage_summarization_prompt@245", 245, FMT),
 ("gpteam", "src/agent/executor.py", "CustomOutputParser.parse.formatting_correction", 101, {}),
 ("gpteam", "src/agent/base.py", "Agent._plan.user", 747, {}),
 ("gpteam", "src/tools/llm_function_tool.py", "LLMFunctionTool.get_llm_response.system_message.system", 24, {}),
 ("gpteam", "src/utils/discord.py", "discord_listener.inbound_message.system", 100, {}),
 ("gpteam", "src/utils/discord.py", "discord_listener.inbound_message.user", 104, {}),
 ("adala", C + "classification.py", "ClassificationSkill.instructions", 102, {}),
 ("adala", C + "classification.py", "ClassificationSkill.input_template", 103, FMT),
 ("adala", C + "ontology_creation.py", "OntologyCreator.instructions", 9, {}),
 ("adala", C + "ontology_creation.py", "OntologyCreator.input_template", 14, FMT),
 ("adala", C + "ontology_creation.py", "OntologyMerger.instructions", 28, {}),
 ("adala", C + "ontology_creation.py", "OntologyMerger.input_template", 70, FMT),
 ("adala", C + "translation.py", "TranslationSkill.instructions", 21, {}),
 ("adala", C + "translation.py", "TranslationSkill.input_template", 23, FMT),
 ("adala", C + "label_studio.py", "LabelStudioSkill.input_template", 37, FMT),
 ("adala", C + "prompt_improvement.py", "PromptImprovementSkill.instructions", 63, {}),
 ("adala", C + "prompt_improvement.py", "PromptImprovementSkill.validate_prompts.self.input_prefix", 95, {}),
 ("adala", C + "summarization.py", "SummarizationSkill.instructions", 20, {}),
 ("adala", C + "summarization.py", "SummarizationSkill.input_template", 21, FMT),
 ("adala", C + "entity_extraction.py", "EntityExtraction.input_template", 309, FMT),
 ("adala", C + "qa.py", "QuestionAnsweringSkill.instructions", 19, {}),
 ("adala", C + "qa.py", "QuestionAnsweringSkill.input_template", 20, FMT),
 ("adala", C + "text_generation.py", "TextGenerationSkill.instructions", 16, {}),
 ("adala", C + "text_generation.py", "TextGenerationSkill.input_template", 17, FMT),
 ("adala", "adala/skills/_base.py", "TransformSkill.improve.messages.system", 373, {"col": 50}),
 ("adala", "adala/skills/_base.py", "TransformSkill.improve.messages.user", 390, {}),
 ("adala", "adala/skills/_base.py", "TransformSkill.improve.messages.user@431", 431, {}),
 ("adala", "adala/skills/_base.py", "TransformSkill.improve.messages.user@447", 447, {}),
 ("surfsense", V + "prompts.py", "THEME_ASSIGNMENT_SYSTEM_PROMPT", None, FMT),
 ("surfsense", V + "prompts.py", "build_theme_assignment_user_prompt", 81,
  {"before": "Assign a theme and mode to each of these slides:\n\nSlide "}),
 ("surfsense", V + "prompts.py", "get_slide_generation_prompt", 111, {}),
 ("surfsense", V + "prompts.py", "REMOTION_SCENE_SYSTEM_PROMPT", None, {}),
 ("surfsense", V + "prompts.py", "build_scene_generation_user_prompt", 480,
  {"before": "Create a cinematic, visually striking Remotion scene.\nThe video is "}),
 ("surfsense", V + "prompts.py", "REFINE_SCENE_SYSTEM_PROMPT", None, {}),
 ("surfsense", V + "nodes.py", "_refine_if_needed.messages.user", 463, {}),
 ("surfsense", G + "plan_outline.py", "plan_outline_prompt", 26, {}),
 ("surfsense", G + "draft_segment.py", "draft_segment_prompt", 36, {}),
]

NEUTRAL = [
 ("gpteam", P, "PromptString.OUTPUT_FORMAT (a reminder appended to the executor's input)", 33),
 ("gpteam", TB, "tool descriptions and tool_usage_description memories of get_tools", 183),
 ("gpteam", "src/agent/executor.py", "CustomOutputParser.get_format_instructions (value of a field) and the scratchpad lines", 126),
 ("gpteam", "src/agent/plans.py", "SinglePlan.make_plan_prompt (the value of EXECUTE_PLAN's {input})", 148),
 ("gpteam", "src/tools/llm_function_tool.py", "human_message f\"{args}\" (a variable alone)", 26),
 ("gpteam", "src/agent/base.py", "event and plan texts (\"... said to everyone in the ...\", plan lines)", 659),
 ("adala", "adala/skills/_base.py", "the scripted assistant turn, examples and cot_instructions of TransformSkill.improve", 423),
 ("adala", C, "output_template of every skill (the output's template) and the compositions in validators", 104),
 ("surfsense", V + "prompts.py", "get_theme_assignment_system_prompt (composition), THEME_DESCRIPTIONS (values), the user-instruction part", 91),
 ("surfsense", V + "nodes.py", "create_presentation_slides user <source_content> wrapper", 69),
 ("surfsense", "surfsense_backend/app/podcasts/generation/transcript/nodes.py", "_source_block wrapper, recap", 106),
 ("surfsense", G + "speakers.py", "render_speaker_roster lines, focus_block / recap_block parts", 15),
]

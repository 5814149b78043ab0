# Blind round 15 label source (issue #11, Python sources, session 6), written BY READING THE CODE before pcache
# ran on these trees (after the round-14 rules); emit_labels.py turns it into round15_labels.toml.
import ast
import os

HEADER = """\
# Blind round 15 (issue #11, Python sources, session 6): hand labels written BY READING THE CODE, committed
# before pcache was run on these trees, with the round-14 rules on the branch (src-py7 5141406).  Projects never
# used before in this repository, not held out, no fork of a held-out project:
#
#   appagent  TencentQQGYLab/AppAgent @ 2c1900422caf6f9e94e96d5dd984b530e5a5fbf8   folder scripts (a mobile-app agent)
#   seeact    OSU-NLP-Group/SeeAct @ 2434627b196b33d1b0668a418188dd2f348883bb     folder seeact_package/seeact (a web agent)
#
# Same labelling rule as round3_labels.toml.  Notes:
# - appagent: prompts.py's templates are filled with re.sub(r"<marker>", value, template) in document_generation.py,
#   self_explorer.py and task_executor.py: the first marker the code replaces is the first variable (label_tokens'
#   `marker`).  task_executor's "You also have access to the following documentations ..." header is the value of
#   task_template's <ui_document> slot (neutral), the per-element doc lines are data (neutral).  NOT prompts (false
#   positives if reported): the print_with_color questions and notices to the person, the adb commands.
# - seeact: data_utils/prompts.py keeps the online prompts (module constants and the entries of
#   seeact_choice_prompt_dict); agent.py's _initialize_prompts / _initialize_prompts_pure_vision return the prompt
#   parts as a dict (named here by the function and the key); update_action_space rewrites the action format;
#   generate_new_query_prompt builds the user query (first variable: the task).  Neutral: the referring prompt's
#   composition, format_options' option list and its "If none of these elements match ..." line (the value of the
#   referring prompt's choices), the taken_actions history records, the inference engines' message lists (their
#   content is the prompts above, passed in).
"""

ROOTS = {"appagent": "AppAgent/", "seeact": "SeeAct/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind15/")
A = "scripts/prompts.py"
S = "seeact_package/seeact/"

# the markers each template's users replace (re.sub), in the files that fill it
_MARKERS = {
    "tap_doc_template": ["<ui_element>", "<task_desc>"],
    "text_doc_template": ["<ui_element>", "<task_desc>"],
    "long_press_doc_template": ["<ui_element>", "<task_desc>"],
    "swipe_doc_template": ["<swipe_dir>", "<ui_element>", "<task_desc>"],
    "refine_doc_suffix": ["<old_doc>"],
    "task_template": ["<ui_document>", "<task_description>", "<last_act>"],
    "task_template_grid": ["<task_description>", "<last_act>"],
    "self_explore_task_template": ["<task_description>", "<last_act>"],
    "self_explore_reflect_template": ["<action>", "<ui_element>", "<task_desc>", "<last_act>"],
}


def _before_marker(name):
    tree = ast.parse(open(ROOT + ROOTS["appagent"] + A, encoding="utf-8").read())
    text = next(n.value.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == name)
    first = min(text.index(m) for m in _MARKERS[name] if m in text)
    return {"before": text[:first]}


PROMPTS = [(
    "appagent", A, name, None, _before_marker(name)) for name in _MARKERS] + [
 # seeact: data_utils/prompts.py
 ("seeact", S + "data_utils/prompts.py", "seeact_online_sys_prompt", None, {}),
 ("seeact", S + "data_utils/prompts.py", "seeact_online_question_description_new_exp4", None, {}),
 ("seeact", S + "data_utils/prompts.py", "seeact_online_action_format", None, {}),
 ("seeact", S + "data_utils/prompts.py", "seeact_online_value_format", None, {}),
 ("seeact", S + "data_utils/prompts.py", "seeact_choice_prompt_dict.referring_description", 52, {}),
 ("seeact", S + "data_utils/prompts.py", "seeact_choice_prompt_dict.element_format", 58, {}),
 # agent.py
 ("seeact", S + "agent.py", "SeeActAgent._initialize_prompts.system_prompt", 171, {}),
 ("seeact", S + "agent.py", "SeeActAgent._initialize_prompts.action_space", 173, {}),
 ("seeact", S + "agent.py", "SeeActAgent._initialize_prompts.question_description", 201, {}),
 ("seeact", S + "agent.py", "SeeActAgent._initialize_prompts.referring_description", 218, {}),
 ("seeact", S + "agent.py", "SeeActAgent._initialize_prompts.element_format", 224, {}),
 ("seeact", S + "agent.py", "SeeActAgent._initialize_prompts.value_format", 233, {}),
 ("seeact", S + "agent.py", "SeeActAgent._initialize_prompts.action_format", 168, {}),
 ("seeact", S + "agent.py", "SeeActAgent._initialize_prompts_pure_vision.system_prompt", 240, {}),
 ("seeact", S + "agent.py", "SeeActAgent._initialize_prompts_pure_vision.question_description", 242, {}),
 ("seeact", S + "agent.py", "SeeActAgent.update_action_space.self.prompts.action_format", 300,
  {"before": "ACTION: Choose an action from {"}),
 # format_prompt_utils.py
 ("seeact", S + "data_utils/format_prompt_utils.py", "generate_new_query_prompt.query_text", 28,
  {"before": "You are asked to complete the following task: "}),
]

NEUTRAL = [
 ("appagent", "scripts/task_executor.py", "ui_doc: the documentation header and per-element doc lines (the value of <ui_document>)", 183),
 ("seeact", S + "data_utils/format_prompt_utils.py", "generate_new_referring_prompt composition; format_options' option list and its 'If none of these elements match' line", 50),
 ("seeact", S + "data_utils/prompts.py", "seeact_choice_prompt_dict action_format / value_format (f-strings of the constants above); generate_prompt's composition", 66),
 ("seeact", S + "agent.py", "taken_actions history records (new_action, change_task), generate_prompt's compositions", 801),
 ("seeact", S + "demo_utils/inference_engine.py", "message lists of the engines (their content is passed in)", 134),
]

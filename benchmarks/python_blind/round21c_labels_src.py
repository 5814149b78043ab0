# Blind round 21c label source (issue #11, Python sources, session 8), written BY READING THE CODE before pcache
# ran on this tree; emit_labels.py turns it into round21c_labels.toml.
import os

HEADER = """\
# Blind round 21c (issue #11, Python sources, session 8): hand labels written BY READING THE CODE, committed before
# pcache was run on this tree, with the rules of main b97d152.  Project never used before in this repository (checked
# against /work/claimed-projects.txt, benchmarks/, tests/fixtures/SOURCES.md and the eval labels), not held out, no
# fork of a held-out project (a user of the CAMEL library, whose own code is in the tune set, not a fork of it):
#
#   owl  camel-ai/owl @ fa5c0b4c3d31217e53fef0b4889f89152b0ecfe6  folder owl/utils (a role-playing society on CAMEL:
#        system prompts as f-string locals given to BaseMessage.make_user_message / make_assistant_message, text
#        appended to each turn's message with `msg.content += f"..."`)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results).  Notes:
# - `modified_user_msg.content += f"..."` adds instructions to a message whose content the other agent wrote: labelled
#   under the dotted target (`OwlRolePlaying.step.modified_user_msg.content`, a second one `@line`), first variable at
#   token 0 (the round-19 convention: text added to a value that starts with a variable is measured in the
#   composition).
# - `self.image_tool.ask_question_about_image(document_path, "Please make a detailed caption about the image.")`: a
#   question to a vision model through CAMEL's toolkit (another package): labelled under the toolkit's parameter name,
#   `question`.
# - gaia.py: the `task["Question"] += f" Here are the necessary ... files: {file_path}"` additions are data headers
#   naming the task's file (neutral); `_result_info["question"]` (the question plus "Please decompose the task ...")
#   is a record written to the results file, not sent (a false positive if reported).
# - document_toolkit.py's returned error and status texts are tool results (neutral).
# NOT prompts (false positives if reported): log lines, the results record, webapp texts.
"""

ROOTS = {"owl": "owl/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind21/")
E = "owl/utils/enhanced_role_playing.py"
ADD = {"before": ""}

PROMPTS = [
 ("owl", E, "OwlRolePlaying._construct_gaia_sys_msgs.user_system_prompt", 183, {}),
 ("owl", E, "OwlRolePlaying._construct_gaia_sys_msgs.assistant_system_prompt", 213, {}),
 ("owl", E, "OwlRolePlaying.step.modified_user_msg.content", 273, ADD),
 ("owl", E, "OwlRolePlaying.step.modified_user_msg.content@283", 283, ADD),
 ("owl", E, "OwlRolePlaying.step.modified_assistant_msg.content", 304, ADD),
 ("owl", E, "OwlRolePlaying.astep.modified_user_msg.content", 343, ADD),
 ("owl", E, "OwlRolePlaying.astep.modified_user_msg.content@353", 353, ADD),
 ("owl", E, "OwlRolePlaying.astep.modified_assistant_msg.content", 373, ADD),
 ("owl", E, "OwlGAIARolePlaying.step.modified_user_msg.content", 416, ADD),
 ("owl", E, "OwlGAIARolePlaying.step.modified_user_msg.content@426", 426, ADD),
 ("owl", E, "OwlGAIARolePlaying.step.modified_assistant_msg.content", 459, ADD),
 ("owl", E, "run_society.init_prompt", 489, {}),
 ("owl", E, "arun_society.init_prompt", 554, {}),
 ("owl", "owl/utils/document_toolkit.py", "DocumentProcessingToolkit.extract_document_content.question", 78, {}),
]

NEUTRAL = [
 ("owl", "owl/utils/gaia.py", "task['Question'] += file headers (data headers)", 297),
 ("owl", "owl/utils/document_toolkit.py", "returned error and status texts (tool results)", 130),
]

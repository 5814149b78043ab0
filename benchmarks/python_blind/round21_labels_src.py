# Blind round 21 label source (issue #11, Python sources, session 8), written BY READING THE CODE before pcache
# ran on this tree; emit_labels.py turns it into round21_labels.toml.
import os

HEADER = """\
# Blind round 21 (issue #11, Python sources, session 8): hand labels written BY READING THE CODE, committed before
# pcache was run on this tree, with the rules of main 2ce8ef2 (src-py9's rounds 19-20 work landed).  Project never used
# before in this repository (checked against /work/claimed-projects.txt, benchmarks/, tests/fixtures/SOURCES.md and
# the eval labels), not held out, no fork of a held-out project:
#
#   colosseum  OpenGenerativeAI/llm-colosseum @ f51f0b04b3d57f832ab5dd0a59a2283615797450  folder agent (LLM players of
#              Street Fighter III: a system prompt built per call around the game state, sent through llama_index)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results).  Notes:
# - TextRobot.context_prompt returns the game-state text spliced into the system prompt as {self.context_prompt()}:
#   the value of a variable (neutral), and so are its position/power/last-action/score sentences (values of its own
#   fields); META_INSTRUCTIONS' move names are the value of {move_list} (neutral).
# - The user message "Your next moves are:" is labelled (a ChatMessage with role and content).
# NOT prompts (false positives if reported): log lines, the client factory's provider names and URLs.
"""

ROOTS = {"colosseum": "llm-colosseum/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind21/")
R = "agent/robot.py"

PROMPTS = [
 ("colosseum", R, "TextRobot.call_llm.system_prompt", 388, {}),
 ("colosseum", R, "TextRobot.call_llm.messages.user", 409, {}),
 ("colosseum", R, "VisionRobot.call_llm.system_prompt", 483, {}),
]

NEUTRAL = [
 ("colosseum", R, "TextRobot.context_prompt (its return and the sentences it splices in: values of variables)", 292),
 ("colosseum", "agent/config.py", "META_INSTRUCTIONS move names (value of {move_list})", 1),
]

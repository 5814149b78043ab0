# Blind round 21b label source (issue #11, Python sources, session 8), written BY READING THE CODE before pcache
# ran on this tree; emit_labels.py turns it into round21b_labels.toml.
import os

HEADER = """\
# Blind round 21b (issue #11, Python sources, session 8): hand labels written BY READING THE CODE, committed before
# pcache was run on this tree, with the rules of main 2ce8ef2.  Project never used before in this repository (checked
# against /work/claimed-projects.txt, benchmarks/, tests/fixtures/SOURCES.md and the eval labels), not held out, no
# fork of a held-out project:
#
#   integuru  Integuru-AI/Integuru @ 6370793e75b54a7592e0dfe96a495e41653dd66b  folder integuru (an agent that reverse-
#             engineers web APIs from a HAR file: f-string prompts in methods, sent with
#             llm.get_instance().invoke(prompt, functions=[...]) / llm_model.invoke(prompt))
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results).  Notes:
# - The function_def schemas' descriptions are tool descriptions (neutral).
# - generate_code's parse_response_prompt (five values, one `+=`) and dynamic_parts_prompt are the values of its
#   prompt's {parse_response_prompt} / {dynamic_parts_prompt} fields (neutral); generate_code's `prompt` is labelled.
# - The first variable of the agent's prompts that open with a line break and indentation before {self.har_urls} is at the indentation's
#   tokens (the f-strings are not dedented).
# NOT prompts (false positives if reported): print/log lines, the click option help, generate_code's cookie line
# (f"{cookie_value} = cookie_dict['{cookie_key}']": code).
"""

ROOTS = {"integuru": "Integuru/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind21/")
A = "integuru/agent.py"
P = "integuru/util/print.py"

PROMPTS = [
 ("integuru", A, "IntegrationAgent.end_url_identify_agent.prompt", 57, {}),
 ("integuru", A, "IntegrationAgent.input_variables_identifying_agent.prompt", 110, {}),
 ("integuru", A, "IntegrationAgent.dynamic_part_identifying_agent.prompt", 187, {}),
 ("integuru", A, "IntegrationAgent.get_simplest_request.prompt", 272, {}),
 ("integuru", P, "generate_code.prompt", 225, {}),
 ("integuru", P, "aggregate_functions.prompt", 276, {}),
]

NEUTRAL = [
 ("integuru", A, "function_def descriptions (tool schemas)", 42),
 ("integuru", P, "generate_code.parse_response_prompt (five values) and dynamic_parts_prompt", 164),
]

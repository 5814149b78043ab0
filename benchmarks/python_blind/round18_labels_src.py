# Blind round 18 label source (issue #11, Python sources, session 7), written BY READING THE CODE before pcache
# ran on this tree (after the round-16/17 rules, main af05f3f); emit_labels.py turns it into round18_labels.toml.
import os

HEADER = """\
# Blind round 18 (issue #11, Python sources, session 7): hand labels written BY READING THE CODE, committed before
# pcache was run on this tree, with the rounds 16-17 rules on main (af05f3f).  A project never used before in this
# repository, not held out, no fork of a held-out project:
#
#   chameleon  lupantech/chameleon-llm @ 4ea0212c75700414e14e03657db14378be370961   folder run_tabmwp (a compositional
#              reasoning agent: few-shot prompt modules in demos/, a solver class that composes them per module)
#
# (GAIR-NLP/factool was claimed too and left: its prompts are YAML files, its Python holds none.)
# Same labelling rule as round3_labels.toml.  Notes: demos/prompt_*.py keep the instruction + few-shot prompt of each
# module (labelled: each is the whole static head of its module's prompt, `demo_prompt + "\\n\\n" + test_prompt`);
# model.py's test_prompt f-strings ("Table:\\n{table}\\n\\nQuestion: {question} ...") are data under headers
# and full_prompt a composition (neutral); build_prompt_for_pg / _sg's instruction and solution lines are labelled
# (instructions written into the test prompt); the question's additions (" Please select from the following
# options: {choices}.") are parts of the question's value (neutral).
"""

ROOTS = {"chameleon": "chameleon-llm/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind18/")
D = "run_tabmwp/demos/"
M = "run_tabmwp/model.py"

PROMPTS = [
 *[("chameleon", D + f, name, None, {}) for f, name in (
     ("prompt_policy.py", "prompt"), ("prompt_rl.py", "prompt"), ("prompt_cl.py", "prompt"), ("prompt_tv.py", "prompt"),
     ("prompt_kr.py", "prompt"), ("prompt_pg.py", "prompt_choice"), ("prompt_pg.py", "prompt_free"),
     ("prompt_sg.py", "prompt_choice"), ("prompt_sg.py", "prompt_free"))],
 ("chameleon", M, "solver.build_prompt_for_pg.instruction", 237, {}),
 ("chameleon", M, "solver.build_prompt_for_pg.instruction@239", 239, {}),
 ("chameleon", M, "solver.build_prompt_for_pg.solution", 247, {}),
 ("chameleon", M, "solver.build_prompt_for_pg.solution@249", 249, {}),
 ("chameleon", M, "solver.build_prompt_for_sg.instruction", 356, {}),
 ("chameleon", M, "solver.build_prompt_for_sg.instruction@358", 358, {}),
]

NEUTRAL = [
 ("chameleon", M, "test_prompt f-strings of every module (data under headers), full_prompt compositions, the question's additions", 44),
]

"""Builds benchmarks/blind_js19/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates each literal's source before its first `${`). Same helpers as
blind_js18/make_labels.py: pre(): the text of the literal starting on LINE (after NEEDLE) before its first `${`;
static(): None after checking the literal has no variable; filled(): None after replacing each `${CONST}` of a module
constant by its text and checking nothing else is left (the prompt, as the code evaluates it, has no variable).
Trees: /tmp/blindjs19/<owner>+<name>, each mirror's HEAD extracted by blind_js11/extract.py."""
import os
import pprint
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind_js6"))
from literal_prefix import literal, cook  # noqa: E402

ROOT = "/tmp/blindjs19"


def pre(proj, f, line, needle=None):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    if not has_var:
        raise SystemExit(f"no variable in {proj}/{f}:{line}")
    return cook(raw, q)


def static(proj, f, line, needle=None):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    assert not has_var, (proj, f, line)
    assert at == line, (proj, f, line, at)
    return None


def filled(proj, f, line, consts, needle=None):
    """None: every `${NAME}` of the literal is a module constant (CONSTS: name -> its text)."""
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    for name in consts:
        body = body.replace("${" + name + "}", consts[name])
    assert "${" not in body, (proj, f, line)
    return None


# ---- openai/openai-responses-starter-app: a Next.js starter on the Responses API. The developer prompt
# DEVELOPER_PROMPT (static) is sent as `instructions: getDeveloperPrompt()`, whose literal
# `${DEVELOPER_PROMPT.trim()}\n\nToday is ${dayName}, ...` is a composition of that constant and a date line
# (neutral). INITIAL_MESSAGE is only displayed (`chatMessages`; `conversationItems`, the items sent, start empty):
# not a prompt. Tool and connector descriptions (config/tools-list.ts, lib/tools/connectors.ts): neutral.
R = "openai+openai-responses-starter-app"
responses = [
    ("config/constants.ts", 4, "DEVELOPER_PROMPT", static(R, "config/constants.ts", 4)),
]
responses_neutral = [
    ("config/constants.ts", 33, "*"),  # getDeveloperPrompt's composition (the constant + a date sentence)
    ("config/tools-list.ts", 0, "*"), ("lib/tools/connectors.ts", 0, "*"),  # tool / connector descriptions
    ("app/api/functions/", 0, "*"),  # the demo functions' results (tool results)
]

# ---- e2b-dev/ai-analyst: a data-analyst chat (AI SDK `streamText`); one system prompt, `toPrompt(data)`'s returned
# template with the uploaded files inside (`system: toPrompt(data)`). The nested per-file literal is a composition
# of values (neutral).
A = "e2b-dev+ai-analyst"
analyst = [
    ("lib/prompt.ts", 4, "toPrompt", pre(A, "lib/prompt.ts", 4)),
]
analyst_neutral = [("lib/prompt.ts", 20, "*")]

# ---- Nutlope/llama-ocr: an OCR library (Together AI vision models); one prompt, the static `systemPrompt` sent as
# the text part of the user message beside the image. The image data URL is no prompt.
L = "Nutlope+llama-ocr"
ocr = [
    ("src/index.ts", 36, "systemPrompt", static(L, "src/index.ts", 36)),
]
ocr_neutral = []

# ---- dzhng/zod-gpt: a structured-output helper over llm-api. The JSON-schema system message built for models
# without function calling (`systemMessage: \`You will respond to ALL human messages in JSON. ...${schemaInstructions}
# ...\``), the auto-heal user turn `Please respond with a call to the ${FunctionName} function` (FunctionName the
# module constant 'print': static), and the two initial texts of the `issuesMessage` reduce sent by
# `response.respond(issuesMessage)` (one with `${FunctionName}`: static; one with `${schemaInstructions}`).
# Neutral: the issue lines the reduce appends (`\nThe issue is at path ...`, `\nThe issue is: ...`: values with a
# header), FunctionDescription (a function description for the model: neutral here as in the Python rounds' rule).
Z = "dzhng+zod-gpt"
ZC = "src/completion.ts"
zod = [
    (ZC, 94, "systemMessage", pre(Z, ZC, 94)),
    (ZC, 119, "*", filled(Z, ZC, 119, {"FunctionName": "print"})),
    (ZC, 171, "*", filled(Z, ZC, 171, {"FunctionName": "print"})),
    (ZC, 172, "*", pre(Z, ZC, 172)),
]
zod_neutral = [(ZC, 166, "*"), (ZC, 169, "*"), (ZC, 16, "*")]

# ---- openai/openai-testing-agent-demo: a computer-use testing agent (Responses API). Prompts: lib/constants.ts'
# PROMPT_WITH_LOGIN / PROMPT_WITHOUT_LOGIN (the test-case agent's system message, chosen in its constructor) and
# TEST_SCRIPT_REVIEW_PROMPT (the review agent's system message), all static; openai-cua-client.ts' `cuaPrompt`
# (static; `cua_initiation_prompt` is a composition of it and an optional environment line: neutral); the user turn
# "continue" computer-use-loop.ts sends through `sendInputToModel(..., "continue")` (static).
# Neutral: data headers around values (`INSTRUCTIONS:\n${...}\n\nUSER INFO:\n${...}`, `${testCase} URL: ${url} ...`,
# `INSTRUCTIONS:\n${testCaseJson}`, "Instructions: " + ..., "Context: " + ...), the mark_done tool's description,
# frontend/lib/constants.ts' TEST_CASE (the form's default test case: the value of `${testCase}`).
T = "openai+openai-testing-agent-demo"
TC = "cua-server/src/lib/constants.ts"
TO = "cua-server/src/services/openai-cua-client.ts"
testing = [
    (TC, 1, "PROMPT_WITH_LOGIN", static(T, TC, 1)),
    (TC, 28, "PROMPT_WITHOUT_LOGIN", static(T, TC, 28)),
    (TC, 51, "TEST_SCRIPT_REVIEW_PROMPT", static(T, TC, 51)),
    (TO, 11, "cuaPrompt", static(T, TO, 11)),
    ("cua-server/src/lib/computer-use-loop.ts", 103, "*", static(T, "cua-server/src/lib/computer-use-loop.ts", 103)),
]
testing_neutral = [
    (TO, 141, "*"), (TO, 158, "*"), (TO, 33, "*"),
    ("cua-server/src/handlers/test-case-initiation-handler.ts", 32, "*"),
    ("cua-server/src/handlers/test-case-initiation-handler.ts", 47, "*"),
    ("cua-server/src/agents/test-script-review-agent.ts", 75, "*"),
    ("cua-server/src/agents/test-script-review-agent.ts", 207, "*"),
    ("frontend/lib/constants.ts", 1, "*"),
]


def commit(proj):
    import subprocess
    return subprocess.run(["git", "--git-dir", f"/work/.mirror/{proj}/repo", "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


PROJECTS = {
    "openai/openai-responses-starter-app (config/ lib/ components/ stores/ app/)": {
        "commit": commit(R), "labels": responses, "neutral": responses_neutral},
    "e2b-dev/ai-analyst (app/ lib/ components/)": {
        "commit": commit(A), "labels": analyst, "neutral": analyst_neutral},
    "Nutlope/llama-ocr (src/)": {
        "commit": commit(L), "labels": ocr, "neutral": ocr_neutral},
    "dzhng/zod-gpt (src/)": {
        "commit": commit(Z), "labels": zod, "neutral": zod_neutral},
    "openai/openai-testing-agent-demo (cua-server/src/ frontend/)": {
        "commit": commit(T), "labels": testing, "neutral": testing_neutral},
}

if __name__ == "__main__":
    doc = open(os.path.join(HERE, "labels_doc.txt"), encoding="utf-8").read()
    with open(os.path.join(HERE, "labels_code.py"), "w", encoding="utf-8") as fh:
        fh.write('"""' + doc.rstrip() + '\n"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110) + "\n")
    print({k: len(v["labels"]) for k, v in PROJECTS.items()})
    for k, v in PROJECTS.items():
        for row in v["labels"]:
            print(row[:3], repr(row[3])[-80:] if row[3] else None)

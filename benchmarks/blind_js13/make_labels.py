"""Builds benchmarks/blind_js13/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates each literal's source before its first `${`).
pre(): the text of the literal starting on LINE (after NEEDLE) before its first `${`; whole(): a literal
without a variable (asserted); static(): None after checking the literal has no variable.
Trees: /tmp/blindjs13/<owner>+<name>, each mirror's HEAD extracted by blind_js11/extract.py."""
import os
import pprint
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind_js6"))
from literal_prefix import literal, cook  # noqa: E402

ROOT = "/tmp/blindjs13"


def pre(proj, f, line, needle=None, head=""):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    if not has_var:
        raise SystemExit(f"no variable in {proj}/{f}:{line}")
    return head + cook(raw, q)


def whole(proj, f, line, needle=None):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    assert not has_var, (proj, f, line)
    return cook(body, q)


def static(proj, f, line, needle=None):
    """None (a prompt without a variable), after checking the literal on LINE has none."""
    whole(proj, f, line, needle)
    return None


# ---- bytedance/UI-TARS-desktop: the desktop app's GUI-agent system prompts (one per model version, chosen
# by getSpByModelVersion), the UI-TARS SDK's default system prompt and its `{{action_spaces_holder}}`
# template, Agent TARS's system prompt (a constant, the browser rules grown with `+=`, the workspace) and
# the web UI's welcome cards (each card's `prompt` is sent as the user's message when clicked)
U = "bytedance+UI-TARS-desktop"
UP = "apps/ui-tars/src/main/agent/prompts.ts"
UO = "apps/ui-tars/src/main/agent/operator.ts"
# getSystemPrompt: `...## Action Space\n${NutJSElectronOperator.MANUAL.ACTION_SPACES.join('\n')}\n\n## Note\n- Use
# ${language === 'zh' ? ...}`: the operator's static ACTION_SPACES (ten literals, never changed) is a constant of
# the project, taken as its text; the first variable is the language conditional
action_spaces = "\n".join(whole(U, UO, ln) for ln in range(23, 33))
ui_tars = [
    (UP, 9, "getSystemPrompt", pre(U, UP, 9) + action_spaces + "\n\n## Note\n- Use "),
    (UP, 30, "getSystemPromptV1_5", pre(U, UP, 30)),
    (UP, 89, "getSystemPromptDoubao_15_15B", pre(U, UP, 89, "=> ")),
    (UP, 147, "getSystemPromptDoubao_15_20B", pre(U, UP, 147)),
    # the thought examples spliced into the 2.0B prompt by `${language === 'zh' ? ThoughtExamplesZH : ThoughtExamplesEN}`
    (UP, 118, "ThoughtExamplesZH", static(U, UP, 118)),
    (UP, 131, "ThoughtExamplesEN", static(U, UP, 131)),
    # the model check of the settings page: a real request to the configured model
    ("apps/ui-tars/src/main/ipcRoutes/setting.ts", 50, "content",
     static(U, "apps/ui-tars/src/main/ipcRoutes/setting.ts", 50, "content: ")),
]
US = "packages/ui-tars/sdk/src/constants.ts"
ui_tars += [
    (US, 12, "SYSTEM_PROMPT", static(U, US, 12)),
    # SYSTEM_PROMPT_TEMPLATE.replace('{{action_spaces_holder}}', actionSpaces.join('\n')) in GUIAgent.ts
    (US, 38, "SYSTEM_PROMPT_TEMPLATE", whole(U, US, 38).split("{{action_spaces_holder}}")[0]),
]
UA = "multimodal/agent-tars/core/src/prompt.ts"
UT = "multimodal/agent-tars/core/src/agent-tars.ts"
default_system = whole(U, UA, 13)
ui_tars += [
    (UA, 13, "DEFAULT_SYSTEM_PROMPT", static(U, UA, 13)),
    # generateBrowserRulesPrompt: `let browserRules = `<browser_rules>...``, three `+=` branches of a switch,
    # a closing `+=`, returned: no variable in any piece; the base and each appended piece are sections
    (UA, 125, "browserRules", static(U, UA, 125)),
    (UA, 132, "browserRules", static(U, UA, 132)),
    (UA, 171, "browserRules", static(U, UA, 171)),
    (UA, 189, "browserRules", static(U, UA, 189)),
    (UA, 204, "browserRules", static(U, UA, 204)),
    # buildInstructions: `${DEFAULT_SYSTEM_PROMPT}\n${browserRules}\n\n<environment>...${workspace}...`: the
    # imported constant is text; browserRules (the rules for the configured control mode) the first variable
    (UT, 259, "systemPrompt", default_system + "\n"),
]
UW = "multimodal/agent-tars/core/src/webui-config.ts"
ui_tars += [(UW, ln, "prompt", static(U, UW, ln))
            for ln in (21, 28, 35, 42, 49, 56, 64, 72, 79, 87, 95, 102, 110, 118, 126, 134)]
ui_tars_neutral = [
    (UP, 59, "*"),  # getSystemPromptPoki: exported, called by no code
    (US, 55, "*"),  # DEFAULT_ACTION_SPACES: exported, used by no code
    (UP, 21, "*"), (UP, 53, "*"), (UP, 54, "*"), (UP, 112, "*"), (UP, 160, "*"), (UP, 173, "*"),
    (UP, 182, "*"), (UP, 185, "*"),  # nested alternatives of the conditionals inside the prompts
    ("packages/ui-tars/sdk/src/utils.ts", 121, "*"),  # `${systemPrompt}\n${history}\n...`: all values
    ("packages/ui-tars/sdk/src/utils.ts", 233, "*"),  # `${role}: ${msg.value}`: a history record
    (UT, 262, "*"),  # `${systemPrompt}\n\n---\n\n**User Instructions...**\n\n${userInstructions}`: opens with a value
]

# ---- vercel-labs/gemini-chatbot: the chat route's system prompt, four generateObject prompts, the two
# suggested actions (sent by `append({role: 'user', content: suggestedAction.action})`), and the user turns
# the flight components append (`append({role: 'user', content: `I'd like to go with seat ...`})`)
G = "vercel-labs+gemini-chatbot"
GR, GA = "app/(chat)/api/chat/route.ts", "ai/actions.ts"
gemini = [
    (GR, 37, "system", pre(G, GR, 37)),
    (GA, 15, "prompt", pre(G, GA, 15)),
    (GA, 52, "prompt", pre(G, GA, 52)),
    (GA, 86, "prompt", pre(G, GA, 86)),
    (GA, 125, "prompt", pre(G, GA, 125)),
    ("components/custom/multimodal-input.tsx", 26, "action",
     static(G, "components/custom/multimodal-input.tsx", 26, "action:")),
    ("components/custom/multimodal-input.tsx", 31, "action",
     static(G, "components/custom/multimodal-input.tsx", 31, "action:")),
    ("components/flights/select-seats.tsx", 100, "content", pre(G, "components/flights/select-seats.tsx", 100)),
    ("components/flights/list-flights.tsx", 98, "content", pre(G, "components/flights/list-flights.tsx", 98)),
]
gemini_neutral = []

# ---- Nutlope/turboseek: a follow-up-questions call (system, user) and the answer's system prompt
T = "Nutlope+turboseek"
TS, TA = "app/api/getSimilarQuestions/route.ts", "app/api/getAnswer/route.ts"
turboseek = [
    (TS, 30, "content", static(T, TS, 30)),
    (TS, 39, "content", pre(T, TS, 39)),
    (TA, 20, "mainAnswerPrompt", pre(T, TA, 20)),
]
turboseek_neutral = [
    (TS, 41, "*"),  # `${sourcesContext ? `Search results:\n${sourcesContext}` : ''}`: a nested alternative
    (TA, 29, "*"),  # `[[citation:${index}]] ${result.content...}`: a source record
    ("components/Hero.tsx", 94, "*"), ("components/Hero.tsx", 99, "*"), ("components/Hero.tsx", 104, "*"),
    # suggestions put in the input field for the person to send (setPromptValue): either reading
]

# ---- anc95/ChatGPT-CodeReview: the review prompt assembled in Chat.generatePrompt (the env PROMPT or a
# default instruction, a JSON-format requirement built with `+`, the language, the patch)
C = "anc95+ChatGPT-CodeReview"
CC = "src/chat.ts"
codereview = [
    (CC, 70, "userPrompt", static(C, CC, 70, "|| ")),     # the default of `process.env.PROMPT || '...'`
    (CC, 72, "jsonFormatRequirement", None),              # a `+` chain of literals: a constant section
    (CC, 85, "generatePrompt", ""),                       # `${userPrompt}${jsonFormatRequirement} ...`: opens with a value
]
codereview_neutral = [(CC, 67, "*")]  # `Answer me in ${process.env.LANGUAGE},`: four words around a value


def commit(proj):
    import subprocess
    return subprocess.run(["git", "--git-dir", f"/work/.mirror/{proj}/repo", "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


PROJECTS = {
    "bytedance/UI-TARS-desktop (apps/ui-tars/src/main/ packages/ui-tars/sdk/src/ multimodal/agent-tars/core/src/)": {
        "commit": commit(U), "labels": ui_tars, "neutral": ui_tars_neutral},
    "vercel-labs/gemini-chatbot": {"commit": commit(G), "labels": gemini, "neutral": gemini_neutral},
    "Nutlope/turboseek (app/ components/ utils/)": {"commit": commit(T), "labels": turboseek,
                                                  "neutral": turboseek_neutral},
    "anc95/ChatGPT-CodeReview (src/)": {"commit": commit(C), "labels": codereview, "neutral": codereview_neutral},
}

if __name__ == "__main__":
    assert whole(C, CC, 72).startswith("\nProvide your feedback")
    doc = open(os.path.join(HERE, "labels_doc.txt"), encoding="utf-8").read()
    with open(os.path.join(HERE, "labels_code.py"), "w", encoding="utf-8") as fh:
        fh.write('"""' + doc.rstrip() + '\n"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110) + "\n")
    print({k: len(v["labels"]) for k, v in PROJECTS.items()})

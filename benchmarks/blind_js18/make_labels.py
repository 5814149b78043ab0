"""Builds benchmarks/blind_js18/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates each literal's source before its first `${`).
pre(): the text of the literal starting on LINE (after NEEDLE) before its first `${`; dedent=True applies the
`dedent` package's rule (common indentation removed, the leading newline dropped); static(): None after checking
the literal has no variable; filled(): None after replacing each `${CONST}` of a module constant by its text and
checking nothing else is left (the prompt, as the code evaluates it, has no variable).
Trees: /tmp/blindjs18/<owner>+<name>, each mirror's HEAD extracted by blind_js11/extract.py."""
import os
import pprint
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind_js6"))
from literal_prefix import literal, cook  # noqa: E402

ROOT = "/tmp/blindjs18"


def pre(proj, f, line, needle=None, dedent=False):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    if not has_var:
        raise SystemExit(f"no variable in {proj}/{f}:{line}")
    text = cook(raw, q)
    if dedent:
        # the dedent package measures the indentation over the whole literal: check the prefix's lines carry it
        whole = body.replace("\n", "\n")
        indents = {len(x) - len(x.lstrip(" ")) for x in whole.split("\n")[1:] if x.strip()}
        text = textwrap.dedent(text).lstrip("\n")
        assert min(indents) == min(len(x) - len(x.lstrip(" ")) for x in raw.split("\n")[1:] if x.strip()), (f, line)
    return text


def static(proj, f, line, needle=None):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    assert not has_var, (proj, f, line)
    return None


def filled(proj, f, line, consts):
    """None: every `${NAME}` of the literal is a module constant (CONSTS: name -> its text)."""
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line)
    for name in consts:
        body = body.replace("${" + name + "}", consts[name])
    assert "${" not in body, (proj, f, line)
    return None


# ---- openai/openai-support-agent-demo: a Next.js support-agent demo on the Responses API; one prompt, the
# developer prompt `lib/assistant.ts` puts first in every request, filled with the constant AGENT_NAME
# (`config/demoData.ts`: "Blossom"). INITIAL_MESSAGE only goes to the displayed chat (`chatMessages`, never
# `conversationItems`): not a prompt; nor the FAQ extracts shown beside the chat, nor the tools' descriptions
S = "openai+openai-support-agent-demo"
support = [
    ("config/constants.ts", 6, "DEVELOPER_PROMPT", filled(S, "config/constants.ts", 6, {"AGENT_NAME": "Blossom"})),
]
support_neutral = [
    # the mock API routes' JSON messages (tool results) and the conversation's own items
    ("app/api/", 0, "*"), ("components/Action.tsx", 43, "*"),
]

# ---- vercel-labs/ai-sdk-slackbot: a Slack assistant (AI SDK); the system prompt (`generateText`, a date inside),
# and the two suggested prompts Slack offers in a new assistant thread (`setSuggestedPrompts`: a click sends the
# `message` as the user's turn, which the bot hands to the model)
K = "vercel-labs+ai-sdk-slackbot"
slackbot = [
    ("lib/generate-response.ts", 12, "system", pre(K, "lib/generate-response.ts", 12)),
    ("lib/handle-messages.ts", 27, "*", static(K, "lib/handle-messages.ts", 27)),
    ("lib/handle-messages.ts", 31, "*", static(K, "lib/handle-messages.ts", 31)),
]
slackbot_neutral = [
    # the thread's messages mapped to turns (`content` from Slack), the mention as the user's turn
    ("lib/slack-utils.ts", 100, "*"), ("lib/handle-app-mention.ts", 47, "*"),
]

# ---- Nutlope/smartpdfs: a PDF summarizer (Together AI); the summary system prompt (`dedent`, the language
# inside). The cover image's FLUX prompt is a media model's prompt (README: not a prompt)
P = "Nutlope+smartpdfs"
PS = "src/app/api/summarize/route.ts"
smartpdfs = [
    (PS, 13, "systemPrompt", pre(P, PS, 13, dedent=True)),
]
smartpdfs_neutral = [
    (PS, 54, "*"),  # the user turn: the document excerpt itself
]

# ---- Nutlope/explorecareers: career paths from a resume (Together AI, OpenAI SDK); two requests, each a
# system prompt and a user prompt with the resume and context inside
E = "Nutlope+explorecareers"
EC = "app/api/getCareers/route.ts"
explore = [
    (EC, 24, "*", static(E, EC, 24)),
    (EC, 28, "*", pre(E, EC, 28)),
    (EC, 96, "*", static(E, EC, 96)),
    (EC, 100, "*", pre(E, EC, 100)),
]
explore_neutral = []


def commit(proj):
    import subprocess
    return subprocess.run(["git", "--git-dir", f"/work/.mirror/{proj}/repo", "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


PROJECTS = {
    "openai/openai-support-agent-demo (config/ lib/ components/ stores/ app/)": {
        "commit": commit(S), "labels": support, "neutral": support_neutral},
    "vercel-labs/ai-sdk-slackbot (lib/ api/)": {
        "commit": commit(K), "labels": slackbot, "neutral": slackbot_neutral},
    "Nutlope/smartpdfs (src/)": {
        "commit": commit(P), "labels": smartpdfs, "neutral": smartpdfs_neutral},
    "Nutlope/explorecareers (app/ lib/)": {
        "commit": commit(E), "labels": explore, "neutral": explore_neutral},
}

if __name__ == "__main__":
    doc = open(os.path.join(HERE, "labels_doc.txt"), encoding="utf-8").read()
    with open(os.path.join(HERE, "labels_code.py"), "w", encoding="utf-8") as fh:
        fh.write('"""' + doc.rstrip() + '\n"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110) + "\n")
    print({k: len(v["labels"]) for k, v in PROJECTS.items()})
    for k, v in PROJECTS.items():
        for row in v["labels"]:
            print(row[:3], repr(row[3])[-80:] if row[3] else None)

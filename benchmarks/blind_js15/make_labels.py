"""Builds benchmarks/blind_js15/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates each literal's source before its first `${`).
pre(): the text of the literal starting on LINE (after NEEDLE) before its first `${`; whole(): a literal
without a variable (asserted); static(): None after checking the literal has no variable.
Trees: /tmp/blindjs15/<owner>+<name>, each mirror's HEAD extracted by blind_js11/extract.py."""
import os
import pprint
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind_js6"))
from literal_prefix import literal, cook  # noqa: E402

ROOT = "/tmp/blindjs15"


def pre(proj, f, line, needle=None, head=""):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    if not has_var:
        raise SystemExit(f"no variable in {proj}/{f}:{line}")
    return head + cook(raw, q)


def pre_trimmed(proj, f, line, needle=None):
    """The prefix of a literal the code passes through `.trim()` (its leading white space dropped)."""
    return pre(proj, f, line, needle).lstrip()


def whole(proj, f, line, needle=None):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    assert not has_var, (proj, f, line)
    return cook(body, q)


def static(proj, f, line, needle=None):
    """None (a prompt without a variable), after checking the literal on LINE has none."""
    whole(proj, f, line, needle)
    return None


# ---- SawyerHood/draw-a-ui: a wireframe-to-HTML route, one system prompt constant and the user turn's
# text part next to the image
D = "SawyerHood+draw-a-ui"
DR = "app/api/toHtml/route.ts"
draw = [
    (DR, 3, "systemPrompt", static(D, DR, 3)),
    (DR, 29, "text", static(D, DR, 29)),
]
draw_neutral = []

# ---- bramses/chatgpt-md: an Obsidian chat plugin on the Vercel AI SDK; the agent wizard's system prompt,
# the title-inference request, and the tool results it appends to the conversation as user turns
C = "bramses+chatgpt-md"
CT = "src/Services/ToolService.ts"
chatgptmd = [
    ("src/Constants.ts", 99, "AGENT_WIZARD_SYSTEM_PROMPT", static(C, "src/Constants.ts", 99)),
    ("src/Services/AiProviderService.ts", 297, "prompt", pre(C, "src/Services/AiProviderService.ts", 297)),
    (CT, 358, "content", pre(C, CT, 358)),
    (CT, 364, "content", pre(C, CT, 364)),
    (CT, 372, "content", pre(C, CT, 372)),
    (CT, 398, "content", pre(C, CT, 398)),
    (CT, 432, "content", pre(C, CT, 432)),
    (CT, 438, "content", pre(C, CT, 438)),
    (CT, 446, "content", pre(C, CT, 446)),
]
chatgptmd_neutral = [
    # `PLUGIN_SYSTEM_MESSAGE`: the default of a setting described as a system message, which no code of
    # this commit sends; `ORIGINAL_PLUGIN_SYSTEM_MESSAGE`: the earlier default, only compared in a migration
    ("src/Constants.ts", 92, "*"), ("src/Services/SettingsMigration.ts", 12, "*"),
    # the default chat front matter (YAML written into new notes; its `system_commands` value is a
    # user's setting once written)
    ("src/Models/Config.ts", 22, "*"),
    # the linked-note record spliced into a user message (values only)
    ("src/Services/MessageService.ts", 109, "*"),
    # texts a tool returns as values of the tool-result turns above
    ("src/Services/VaultSearchService.ts", 151, "*"), ("src/Services/VaultSearchService.ts", 158, "*"),
] + [(f"src/{d}/CLAUDE.md", 0, "*") for d in (
    "Models", "Views", "Services/Adapters", "Services", "Commands", "Types", "Utilities", "core")]
    # the CLAUDE.md notes for coding agents: prompt files by the file rules, not this set's JS/TS

# ---- glowingjade/obsidian-smart-composer: an Obsidian chat/apply plugin; the chat's system prompt (two
# variants, a middle conditional on the model's prompt level), custom-instruction, current-file and RAG
# user turns, the vault-snippet and web sections of the user turn, tool-role texts, the apply request
S = "glowingjade+obsidian-smart-composer"
SP = "src/utils/chat/promptGenerator.ts"
SA = "src/utils/chat/apply.ts"
composer = [
    (SP, 229, "content", pre(S, SP, 229)),
    (SP, 327, "filePrompt", pre(S, SP, 327)),
    (SP, 363, "urlPrompt", pre(S, SP, 363)),
    (SP, 416, "systemPrompt", pre(S, SP, 416)),   # first variable: the prompt-level conditional
    (SP, 454, "systemPromptRAG", pre(S, SP, 454)),
    (SP, 496, "content", pre(S, SP, 496)),
    (SP, 509, "content", pre(S, SP, 509)),
    (SP, 521, "content", static(S, SP, 521)),
    (SA, 32, "systemPrompt", static(S, SA, 32)),
    (SA, 93, "generateApplyPrompt", pre(S, SA, 93)),
    ("src/constants.ts", 32, "CLAUDE_CODE_SYSTEM_MESSAGE", static(S, "src/constants.ts", 32)),
]
composer_neutral = [
    (SP, 191, "*"), (SP, 196, "*"),  # the citations appended to an assistant turn and their record
    (SP, 241, "*"),  # `Error: ${...}` tool-role text (an error value)
    (SP, 337, "*"), (SP, 343, "*"), (SP, 353, "*"), (SP, 367, "*"), (SP, 399, "*"),  # records, values
    (SP, 416, "*"), (SP, 426, "*"), (SP, 454, "*"), (SP, 462, "*"),  # the conditionals' branches
    (SP, 537, "*"), (SP, 554, "*"), (SP, 556, "*"),  # line-number record, fetched page texts
    (SA, 55, "*"), (SA, 64, "*"), (SA, 68, "*"), (SA, 106, "*"), (SA, 108, "*"), (SA, 110, "*"),
    # settings-migration tests whose data holds a user's `systemPrompt` setting
    ("src/settings/schema/migrations/1_to_2.test.ts", 0, "*"),
]

# ---- gensx-inc/gensx: a TypeScript workflow framework; five of its examples (a blog writer, a Hacker
# News analyzer, a reflection loop, text-to-SQL, deep research), each a chain of Vercel AI SDK or OpenAI
# calls with prompts in template literals
G = "gensx-inc+gensx"
B = "examples/blog-writer/src/components/"
H = "examples/hacker-news-analyzer/src/workflows.ts"
R = "examples/reflection/src/workflows.ts"
Q = "examples/deep-research/gensx/deep-research/"
gensx = [
    (B + "outline.ts", 64, "prompt", pre(G, B + "outline.ts", 64)),
    (B + "research.ts", 21, "prompt", pre(G, B + "research.ts", 21)),
    (B + "research.ts", 64, "content", static(G, B + "research.ts", 64)),
    (B + "research.ts", 69, "content", pre(G, B + "research.ts", 69)),
    (B + "editorial.ts", 46, "prompt", pre(G, B + "editorial.ts", 46)),
    (B + "editorial.ts", 96, "prompt", pre(G, B + "editorial.ts", 96)),
    (B + "draft.ts", 98, "prompt", pre(G, B + "draft.ts", 98)),
    # `const PROMPT = \`\n...\`.trim()`: the prefix as trimmed
    (H, 21, "PROMPT", static(G, H, 21)),
    (H, 53, "PROMPT", static(G, H, 53)),
    (H, 88, "PROMPT", pre_trimmed(G, H, 88)),
    (H, 138, "PROMPT", pre_trimmed(G, H, 138)),
    (H, 197, "PROMPT", static(G, H, 197)),
    (R, 22, "systemPrompt", static(G, R, 22)),
    (R, 25, "prompt", pre(G, R, 25)),
    (R, 46, "systemPrompt", static(G, R, 46)),
    ("examples/text-to-sql/src/workflows.ts", 34, "content", static(G, "examples/text-to-sql/src/workflows.ts", 34)),
    (Q + "plan.ts", 13, "systemMessage", static(G, Q + "plan.ts", 13)),
    (Q + "plan.ts", 16, "fullPrompt", pre(G, Q + "plan.ts", 16)),
    (Q + "write-queries.ts", 14, "systemMessage", static(G, Q + "write-queries.ts", 14)),
    (Q + "write-queries.ts", 16, "fullPrompt", pre(G, Q + "write-queries.ts", 16)),
    (Q + "extract-snippets.ts", 18, "systemMessage", static(G, Q + "extract-snippets.ts", 18)),
    (Q + "extract-snippets.ts", 20, "fullPrompt", pre(G, Q + "extract-snippets.ts", 20)),
    (Q + "evaluate.ts", 21, "systemMessage", static(G, Q + "evaluate.ts", 21)),
    (Q + "evaluate.ts", 43, "fullPrompt", pre(G, Q + "evaluate.ts", 43)),
    (Q + "generate-report.ts", 22, "systemMessage", static(G, Q + "generate-report.ts", 22)),
    (Q + "generate-report.ts", 23, "buildPrompt", pre(G, Q + "generate-report.ts", 23)),
    (Q + "summarize.ts", 35, "systemMessage", static(G, Q + "summarize.ts", 35)),
    (Q + "summarize.ts", 37, "fullPrompt", pre(G, Q + "summarize.ts", 37)),
]
gensx_neutral = [
    (B + "outline.ts", 50, "*"), (B + "outline.ts", 54, "*"), (B + "outline.ts", 69, "*"),  # research notes
    (B + "draft.ts", 53, "*"), (B + "draft.ts", 147, "*"), (B + "draft.ts", 151, "*"), (B + "draft.ts", 158, "*"),
    (B + "draft.ts", 161, "*"), (B + "draft.ts", 170, "*"), (B + "draft.ts", 215, "*"),  # records, branches
    # the workflows' inputs: the user's request filling `${props.prompt}` / the tweet request filling
    # `${prompt}` (values of a prompt's variables, either reading), the reflection's sample text
    ("examples/blog-writer/src/index.ts", 0, "*"), (H, 307, "*"), ("examples/reflection/src/index.ts", 0, "*"),
    (H, 36, "*"), (H, 113, "*"), (H, 121, "*"), (H, 157, "*"), (H, 181, "*"), (H, 223, "*"),  # value records
    (Q + "evaluate.ts", 26, "*"), (Q + "evaluate.ts", 31, "*"), (Q + "generate-report.ts", 38, "*"),
]


def commit(proj):
    import subprocess
    return subprocess.run(["git", "--git-dir", f"/work/.mirror/{proj}/repo", "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


PROJECTS = {
    "SawyerHood/draw-a-ui (app/ components/ lib/)": {
        "commit": commit(D), "labels": draw, "neutral": draw_neutral},
    "bramses/chatgpt-md (src/)": {
        "commit": commit(C), "labels": chatgptmd, "neutral": chatgptmd_neutral},
    "glowingjade/obsidian-smart-composer (src/)": {
        "commit": commit(S), "labels": composer, "neutral": composer_neutral},
    "gensx-inc/gensx (examples/blog-writer/src/ examples/hacker-news-analyzer/src/ examples/reflection/src/ "
    "examples/text-to-sql/src/ examples/deep-research/gensx/)": {
        "commit": commit(G), "labels": gensx, "neutral": gensx_neutral},
}

if __name__ == "__main__":
    doc = open(os.path.join(HERE, "labels_doc.txt"), encoding="utf-8").read()
    with open(os.path.join(HERE, "labels_code.py"), "w", encoding="utf-8") as fh:
        fh.write('"""' + doc.rstrip() + '\n"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110) + "\n")
    print({k: len(v["labels"]) for k, v in PROJECTS.items()})

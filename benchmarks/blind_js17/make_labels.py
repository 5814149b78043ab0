"""Builds benchmarks/blind_js17/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates each literal's source before its first `${`).
pre(): the text of the literal starting on LINE (after NEEDLE) before its first `${`; whole(): a literal
without a variable (asserted); static(): None after checking the literal has no variable; pre_field(): a
literal without `${` that the code fills by `.replace('{name}', ...)`: its text before `{FIELD}`.
Trees: /tmp/blindjs17/<owner>+<name>, each mirror's HEAD extracted by blind_js11/extract.py."""
import os
import pprint
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind_js6"))
from literal_prefix import literal, cook  # noqa: E402

ROOT = "/tmp/blindjs17"


def pre(proj, f, line, needle=None):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    if not has_var:
        raise SystemExit(f"no variable in {proj}/{f}:{line}")
    return cook(raw, q)


def whole(proj, f, line, needle=None):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    assert not has_var, (proj, f, line)
    return cook(body, q)


def static(proj, f, line, needle=None):
    """None (a prompt without a variable), after checking the literal on LINE has none."""
    whole(proj, f, line, needle)
    return None


def pre_field(proj, f, line, field):
    """A literal without `${` whose `{field}` the code fills (`.replace('{field}', ...)`): text before it."""
    text = whole(proj, f, line)
    assert "{" + field + "}" in text, (proj, f, line, field)
    return text.split("{" + field + "}", 1)[0]


# ---- xataio/agent: a Next.js Postgres agent (AI SDK); the chat and monitoring system prompts assembled from
# the constants of `lib/ai/prompts.ts` and the cloud-provider sections, the monitoring runner's user turns,
# the artifact writers' system prompts, the playbook and cron generators, the chat title prompt, and the
# user turns a click sends (suggested actions, the artifact toolbars' `appendMessage({role: 'user', ...})`)
X = "xataio+agent"
S = "apps/dbagent/src/"
XP = S + "lib/ai/prompts.ts"
XA = S + "lib/ai/agent.ts"
XR = S + "lib/monitoring/runner.ts"
XC = S + "app/(main)/projects/[project]/chats/[chat]/page.tsx"
xata = [
    (XP, 3, "commonSystemPrompt", static(X, XP, 3)),
    (XP, 11, "chatSystemPrompt", static(X, XP, 11)),
    (XP, 20, "monitoringSystemPrompt", static(X, XP, 20)),
    (XP, 28, "artifactsPrompt", static(X, XP, 28)),
    (XP, 57, "sheetPrompt", static(X, XP, 57)),
    (XP, 63, "updateDocumentPrompt", pre(X, XP, 63)),
    (XP, 69, "updateDocumentPrompt", pre(X, XP, 69)),
    (XA, 9, "getCloudProviderPrompt", static(X, XA, 9)),
    (XA, 15, "getCloudProviderPrompt", static(X, XA, 15)),
    (XR, 37, "*", pre(X, XR, 37)),  # `Run this playbook: ${playbook}. ...` (user turn)
    (XR, 71, "prompt", static(X, XR, 71)),
    (XR, 118, "prompt", pre(X, XR, 118)),
    (XR, 161, "prompt", static(X, XR, 161)),
    (S + "components/monitoring/actions.ts", 21, "prompt", pre(X, S + "components/monitoring/actions.ts", 21)),
    (S + "components/playbooks/action.ts", 21, "prompt", pre(X, S + "components/playbooks/action.ts", 21)),
    (S + "components/playbooks/action.ts", 45, "*", static(X, S + "components/playbooks/action.ts", 45)),
    (S + "components/chat/artifacts/text/server.ts", 13, "system",
     static(X, S + "components/chat/artifacts/text/server.ts", 13)),
    (S + "app/(main)/projects/[project]/chats/actions.ts", 18, "system",
     static(X, S + "app/(main)/projects/[project]/chats/actions.ts", 18)),
    (S + "components/chat/artifacts/sheet/client.tsx", 85, "*",
     static(X, S + "components/chat/artifacts/sheet/client.tsx", 85)),
    (S + "components/chat/artifacts/text/client.tsx", 150, "*",
     static(X, S + "components/chat/artifacts/text/client.tsx", 150)),
    (S + "components/chat/artifacts/text/client.tsx", 160, "*",
     static(X, S + "components/chat/artifacts/text/client.tsx", 160)),
    (XC, 21, "*", static(X, XC, 21)),
    (XC, 25, "*", static(X, XC, 25)),
    (XC, 29, "*", static(X, XC, 29)),
    (XC, 33, "*", static(X, XC, 33)),
]
# Added after the blind scan (read there as false positives; real prompts the labels had missed, so the blind
# figures, scored with the labels committed at a2d2453, do not change): the artifact tool's suggestion writer's
# system prompt, and the first user turn a new chat is saved with (`chat.tsx` sends a trailing user message on
# load: `if (initialMessages?.[...].role === 'user') reload()`)
XN = S + "app/(main)/projects/[project]/chats/new/page.tsx"
xata += [
    (S + "lib/ai/tools/artifacts.ts", 164, "system", static(X, S + "lib/ai/tools/artifacts.ts", 164)),
    (XN, 80, "*", pre(X, XN, 80)),
    (XN, 105, "*", pre(X, XN, 105)),
    (XN, 130, "*", static(X, XN, 130)),
]
xata_neutral = [
    # the playbooks the getPlaybook tool returns, the dbinfo tool's records (tool results)
    (S + "lib/tools/playbooks.ts", 0, "*"), (S + "lib/tools/dbinfo.ts", 0, "*"),
]

# ---- openai/openai-realtime-console: a React app over the Realtime API; one prompt, the `instructions` of the
# `response.create` event sent after the color-palette tool call (the tool's descriptions are not prompts)
O = "openai+openai-realtime-console"
OT = "client/components/ToolPanel.jsx"
realtime = [
    (OT, 98, "instructions", static(O, OT, 98)),
]
realtime_neutral = []

# ---- Azure-Samples/azure-search-openai-javascript: a RAG sample (Fastify search service); the chat approach's
# system message (filled by `.replace('{follow_up_questions_prompt}', ...)`), its follow-up section, the query
# generator's system prompt, few-shot turns and user turn; the ask approach's system prompt and its sample turns
A = "Azure-Samples+azure-search-openai-javascript"
AC = "packages/search/src/lib/approaches/chat-read-retrieve-read.ts"
AK = "packages/search/src/lib/approaches/ask-retrieve-then-read.ts"
azure = [
    (AC, 14, "SYSTEM_MESSAGE_CHAT_CONVERSATION", pre_field(A, AC, 14, "follow_up_questions_prompt")),
    (AC, 22, "FOLLOW_UP_QUESTIONS_PROMPT_CONTENT", static(A, AC, 22)),
    (AC, 31, "QUERY_PROMPT_TEMPLATE", static(A, AC, 31)),
    (AC, 41, "*", static(A, AC, 41, "content: ")),
    (AC, 42, "*", static(A, AC, 42, "content: ")),
    (AC, 43, "*", static(A, AC, 43, "content: ")),
    (AC, 44, "*", static(A, AC, 44, "content: ")),
    # 'Generate search query for: ' + messages[messages.length - 1].content (the query generator's user turn)
    (AC, 128, "*", whole(A, AC, 128)),
    (AK, 13, "SYSTEM_CHAT_TEMPLATE", static(A, AK, 13)),
    (AK, 21, "QUESTION", static(A, AK, 21)),  # the sample exchange sent with every request
    (AK, 30, "ANSWER", static(A, AK, 30)),
]
azure_neutral = [
    (AC, 192, "*"), (AK, 54, "*"),  # the user's question and the sources (values with a header)
]

# ---- supermemoryai/supermemory: a memory layer (SDK middlewares, an MCP server, a web app); the MCP server's
# instructions and its `context` prompt, the VoltAgent middleware's default memory preamble, the onboarding
# research prompt, and the user's request of the Claude memory-tool example
M = "supermemoryai+supermemory"
MC = "apps/mcp/src/server/prompts/context.ts"
supermemory = [
    ("apps/mcp/src/server/server.ts", 29, "SERVER_INSTRUCTIONS", static(M, "apps/mcp/src/server/server.ts", 29)),
    # the MCP prompt: `parts` joined by "\n", its first item then `Active space: ${activeLabel}...`
    (MC, 39, "*", whole(M, MC, 39) + "\n" + pre(M, MC, 40)),
    ("packages/tools/src/voltagent/middleware.ts", 317, "*", pre(M, "packages/tools/src/voltagent/middleware.ts", 317)),
    ("apps/web/app/api/onboarding/research/route.ts", 51, "finalPrompt",
     pre(M, "apps/web/app/api/onboarding/research/route.ts", 51)),
    ("packages/tools/src/claude-memory-simple-example.ts", 63, "*",
     static(M, "packages/tools/src/claude-memory-simple-example.ts", 63)),
]
supermemory_neutral = [
    # headers around memories and profile facts (values with a header): the default template
    # `User Supermemories: \n${...}`, `Search results for user's recent message: ...`, `## Static Profile`
    ("packages/tools/src/shared/prompt-builder.ts", 0, "*"), ("packages/tools/src/shared/memory-client.ts", 155, "*"),
    ("packages/tools/src/openai/middleware.ts", 220, "*"), ("packages/tools/src/openai/middleware.ts", 507, "*"),
    ("packages/tools/src/openai/middleware.ts", 225, "*"), ("packages/tools/src/openai/middleware.ts", 512, "*"),
    ("packages/tools/src/openai/middleware.ts", 572, "*"), ("packages/tools/src/voltagent/middleware.ts", 372, "*"),
    ("packages/tools/src/vercel/memory-prompt.ts", 73, "*"),
    # the MCP tools' result texts (format.ts, space-presentation.ts) and the context prompt's fallback
    ("apps/mcp/src/server/format.ts", 0, "*"), ("apps/mcp/src/server/space-presentation.ts", 0, "*"),
    (MC, 107, "*"),
    # the research prompt's optional user records (`Name: ${name}`, the context header)
    ("apps/web/app/api/onboarding/research/route.ts", 86, "*"),
]


def commit(proj):
    import subprocess
    return subprocess.run(["git", "--git-dir", f"/work/.mirror/{proj}/repo", "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


PROJECTS = {
    "xataio/agent (apps/dbagent/src/lib/ apps/dbagent/src/components/ apps/dbagent/src/app/)": {
        "commit": commit(X), "labels": xata, "neutral": xata_neutral},
    "openai/openai-realtime-console (client/ server.js)": {
        "commit": commit(O), "labels": realtime, "neutral": realtime_neutral},
    "Azure-Samples/azure-search-openai-javascript (packages/search/src/)": {
        "commit": commit(A), "labels": azure, "neutral": azure_neutral},
    "supermemoryai/supermemory (packages/tools/src/ apps/web/app/api/ apps/mcp/src/server/)": {
        "commit": commit(M), "labels": supermemory, "neutral": supermemory_neutral},
}

if __name__ == "__main__":
    doc = open(os.path.join(HERE, "labels_doc.txt"), encoding="utf-8").read()
    with open(os.path.join(HERE, "labels_code.py"), "w", encoding="utf-8") as fh:
        fh.write('"""' + doc.rstrip() + '\n"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110) + "\n")
    print({k: len(v["labels"]) for k, v in PROJECTS.items()})

"""Builds benchmarks/blind_js11/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates each literal's source before its first variable).
pre(): the text of the literal starting on LINE before its first `${` (or before `cut`, a placeholder
the code fills with .replace); cat(): a `+` chain of literals, each piece cooked by Node, up to the
first variable of the chain; `head` is text that an expression before the chain evaluates to (a
constant or a same-file function returning one literal)."""
import os, pprint, re, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind_js6"))
from literal_prefix import literal, cook

ROOT = "/tmp/blindjs11"


def pre(proj, f, line, cut=None, needle=None, head=""):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    end = body.find(cut) if cut else body.find("${")
    if end < 0:
        raise SystemExit(f"no variable in {proj}/{f}:{line}")
    if cut and "${" in body[:end]:
        raise SystemExit(f"a ${{}} before {cut} in {proj}/{f}:{line}")
    return head + cook(body[:end], q)


def cat(proj, f, pieces, head=""):
    """pieces: [(line, needle)] of the chain's literals in order; stops at the first variable."""
    out = head
    for line, needle in pieces:
        raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
        if has_var:
            return out + cook(raw, q)
        out += cook(body, q)
    raise SystemExit(f"no variable in the chain {proj}/{f}:{pieces}")


def whole(proj, f, line, needle=None):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    assert not has_var, (f, line)
    return cook(body, q)


# ---- coderabbitai/ai-pr-reviewer: `$name` placeholders filled by Inputs.render's .replace calls
P = "coderabbitai+ai-pr-reviewer"
PR = "src/prompts.ts"
pr_reviewer = [
    (PR, 7, "summarizeFileDiff", pre(P, PR, 7, cut="$title")),
    (PR, 31, "triageFileDiff", None),          # appended to summarizeFileDiff (a section)
    (PR, 55, "summarizeChangesets", pre(P, PR, 55, cut="$raw_summary")),
    (PR, 66, "summarizePrefix", pre(P, PR, 66, cut="$raw_summary")),
    (PR, 73, "summarizeShort", None),          # sent after summarizePrefix (a section)
    (PR, 86, "reviewFileDiff", pre(P, PR, 86, cut="$title")),
    (PR, 179, "comment", pre(P, PR, 179, cut="$filename")),
    ("src/bot.ts", 29, "systemMessage", ""),  # `${options.systemMessage} ...` opens with a variable
]
pr_reviewer_neutral = [
    ("src/review.ts", 225, "*"), ("src/review.ts", 398, "*"), ("src/review.ts", 597, "*"),
    ("src/review.ts", 605, "*"), ("src/review.ts", 613, "*"),   # hunk and summary records
    ("src/commenter.ts", 490, "*"),                             # comment chain records
]

# ---- josStorer/chatGPTBox
C = "josStorer+chatGPTBox"
ST = "src/content-script/selection-tools/index.mjs"
SA = "src/content-script/site-adapters/"
CS = "src/content-script/index.jsx"
GH = SA + "github/index.mjs"
GL = SA + "gitlab/index.mjs"
ZH = SA + "zhihu/index.mjs"
COMPLETION_BASE = (whole(C, "src/services/apis/shared.mjs", 7) + whole(C, "src/services/apis/shared.mjs", 8)
                   + whole(C, "src/services/apis/shared.mjs", 9) + whole(C, "src/services/apis/shared.mjs", 10))
chatgptbox = [
    (ST, 30, "fullMessage", pre(C, ST, 30)),
    (ST, 33, "fullMessage", pre(C, ST, 33)),
    (ST, 44, "message", None), (ST, 83, "message", None), (ST, 92, "message", None),
    (ST, 100, "message", None), (ST, 108, "message", None), (ST, 115, "message", None),
    (ST, 123, "message", None),
    ("src/content-script/menu-tools/index.mjs", 16, "*", pre(C, "src/content-script/menu-tools/index.mjs", 16)),
    (CS, 136, "replyPromptBelow", pre(C, CS, 136)),
    (CS, 137, "replyPromptAbove", pre(C, CS, 137)),
    (CS, 147, "*", pre(C, CS, 147)),
    (SA + "arxiv/index.mjs", 11, "*", cat(C, SA + "arxiv/index.mjs", [(11, None), (12, None)])),
    (SA + "bilibili/index.mjs", 61, "*", pre(C, SA + "bilibili/index.mjs", 61)),
    (SA + "followin/index.mjs", 14, "*", pre(C, SA + "followin/index.mjs", 14)),
    (SA + "followin/index.mjs", 19, "*", pre(C, SA + "followin/index.mjs", 19)),
    # a `let prompt` built by `+=`: the branch, then '---\n\n', then `Title:\n${title}`
    (GH, 92, "prompt", cat(C, GH, [(92, None), (98, None), (100, None)])),
    (GH, 95, "prompt", cat(C, GH, [(95, None), (98, None), (100, None)])),
    (GH, 156, "*", cat(C, GH, [(156, None), (157, None)])),
    (GL, 26, "*", cat(C, GL, [(26, None), (27, None)])),
    (GL, 35, "*", cat(C, GL, [(35, None), (36, None)])),
    (SA + "juejin/index.mjs", 24, "*", pre(C, SA + "juejin/index.mjs", 24)),
    (SA + "quora/index.mjs", 18, "*", cat(C, SA + "quora/index.mjs", [(18, None), (19, None)])),
    (SA + "reddit/index.mjs", 17, "*", cat(C, SA + "reddit/index.mjs", [(17, None), (18, None)])),
    (SA + "stackoverflow/index.mjs", 17, "*", cat(C, SA + "stackoverflow/index.mjs", [(17, None), (18, None)])),
    (SA + "weixin/index.mjs", 23, "*", pre(C, SA + "weixin/index.mjs", 23)),
    (SA + "youtube/index.mjs", 57, "*", cat(C, SA + "youtube/index.mjs", [(57, None), (58, None)])),
    (ZH, 15, "*", pre(C, ZH, 15)),
    (ZH, 24, "*", pre(C, ZH, 24)),
    (ZH, 34, "*", pre(C, ZH, 34)),
    ("src/services/apis/shared.mjs", 7, "getCompletionPromptBase", None),
    # base + getConversationPairs(...) + `Human: ${question}\nAI: `: the pairs follow the base
    ("src/services/apis/openai-api.mjs", 21, "prompt", COMPLETION_BASE),
    ("src/services/clients/bing/index.mjs", 295, "text", None),   # the default system turn
]
chatgptbox_neutral = [
    (ST, 35, "*"), (ST, 36, "*"),                        # `Reply in ${lang}.`; all-variable composition
    (CS, 138, "*"), (CS, 285, "*"),                      # all-variable composition; `Reply in ${lang}.\n` + prompt
    ("src/services/apis/shared.mjs", 2, "*"), ("src/services/apis/shared.mjs", 15, "*"),  # never called
    ("src/services/apis/openai-api.mjs", 27, "*"),       # `Human: ${question}\nAI: ` record
    ("src/utils/get-conversation-pairs.mjs", 0, "*"),    # Human:/AI: records
    ("src/services/clients/bing/index.mjs", 312, "*"),   # [user](#message) records
    ("src/services/clients/bing/index.mjs", 324, "*"),
    ("src/config/index.mjs", 389, "*"),                  # an inactive user-tool sample 'sample prompt: {{selection}}'
    ("src/components/FloatingToolbar/index.jsx", 150, "*"),
    (GH, 104, "*"), (GH, 110, "*"),                      # message records appended to the prompt
]

# ---- eyaltoledano/claude-task-master (JS/TS only; its src/prompts/*.json templates are config fields)
T = "eyaltoledano+claude-task-master"
SC = "scripts/modules/task-manager/scope-adjustment.js"
SCHEMA = "mcp-server/src/custom-sdk/schema-converter.js"
CE = "packages/tm-core/src/modules/execution/executors/claude-executor.ts"
TES = "packages/tm-core/src/modules/tasks/services/task-execution-service.ts"
task_master = [
    (SC, 291, "systemPrompt", None),
    (SC, 293, "prompt", pre(T, SC, 293)),
    (SC, 487, "basePrompt", pre(T, SC, 487)),
    (SC, 502, "basePrompt", None), (SC, 508, "basePrompt", None),   # the two appended branches
    (SC, 519, "basePrompt", None),                                  # the appended JSON instruction
    (SC, 547, "systemPrompt", None),
    ("scripts/modules/task-manager/analyze-task-complexity.js", 462, "expansionPrompt",
     pre(T, "scripts/modules/task-manager/analyze-task-complexity.js", 462)),
    ("scripts/modules/ai-services-unified.js", 640, "systemPromptWithLanguage", ""),
    (SCHEMA, 16, "convertSchemaToInstructions", pre(T, SCHEMA, 16)),
    (SCHEMA, 35, "convertSchemaToInstructions", pre(T, SCHEMA, 35)),
    (CE, 24, "systemPrompt", None),
    (CE, 66, "fullPrompt", ""),          # `${this.claudeConfig.systemPrompt}...`: config or default
    (TES, 265, "prompt", ""),            # `${itemType} #${itemId}: ...` + appended sections
    ("apps/extension/src/utils/task-master-api/index.ts", 238, "prompt",
     pre(T, "apps/extension/src/utils/task-master-api/index.ts", 238)),
]
task_master_neutral = [
    (SC, 300, "*"), (SC, 308, "*"), (SC, 316, "*"), (SC, 324, "*"), (SC, 332, "*"), (SC, 340, "*"),
    # (above) nested alternatives inside the subtask prompt
    (SC, 516, "*"),                                  # `\n\nCUSTOM INSTRUCTIONS:\n${customPrompt}`
    ("scripts/modules/task-manager/add-task.js", 387, "*"),      # `\n- Suggested Title: "${...}"` records
    ("packages/tm-core/src/modules/execution/executors/base-executor.ts", 0, "*"),  # a task record
    (TES, 268, "*"), (TES, 272, "*"), (TES, 276, "*"), (TES, 280, "*"), (TES, 283, "*"),
    ("packages/tm-profiles/src/slash-commands/commands/", 0, "description"),       # menu descriptions
]

# the slash commands (Claude Code command files the profiles write): each command's content literal;
# `$ARGUMENTS`, which Claude Code replaces with the command's arguments, is its first variable
SLASH = "packages/tm-profiles/src/slash-commands/commands/"
slash = []
for sub in ("common", "solo", "team"):
    for name in sorted(os.listdir(f"{ROOT}/{T}/{SLASH}{sub}")):
        if name == "index.ts":
            continue
        rel = f"{SLASH}{sub}/{name}"
        src = open(f"{ROOT}/{T}/{rel}", encoding="utf-8").read()
        m = re.search(r"(?:content:\s*|Command\(\s*(?:'[^']*',\s*){3})`", src)
        assert m, rel
        line = src[:m.end()].count("\n") + 1
        raw, has_var, at, q, body = literal(f"{ROOT}/{T}/{rel}", line, None)
        assert not has_var and at == line, rel
        dynamic = "dynamicCommand(" in src
        slash.append((rel, line, "*", pre(T, rel, line, cut="$ARGUMENTS") if dynamic else None))
task_master += slash

# ---- inngest/agent-kit (the library, and examples' agents)
A = "inngest+agent-kit"
E = "examples/"
CA = E + "code-assistant-agent/src/index.ts"
CG = E + "code-assistant-agentic/src/index.ts"
CR = E + "code-assistant-rag/src/index.ts"
DI = E + "demo/inngest.ts"
SUP = E + "support-agent-human-in-the-loop/src/index.ts"
agent_kit = [
    ("packages/agent-kit/src/network.ts", 289, "system", pre(A, "packages/agent-kit/src/network.ts", 289)),
    (CA, 104, "system", None), (CA, 110, "system", None),
    (CA, 194, "system", pre(A, CA, 194)),
    (CG, 31, "system", None), (CG, 37, "system", None),
    (CG, 45, "system", pre(A, CG, 45)),
    (CG, 74, "system", pre(A, CG, 74)),
    (CG, 144, "*", None),
    (CR, 10, "system", None),
    (CR, 24, "*", pre(A, CR, 24)),
    (DI, 43, "systemPrompt", None),
    (DI, 66, "prompt", cat(A, DI, [(66, '+ '), (68, None)], head=whole(A, DI, 43))),
    (DI, 122, "system", None),
    (E + "demo/mw.ts", 54, "system", None), (E + "demo/mw.ts", 77, "system", None),
    (E + "e2b-coding-agent/src/index.ts", 23, "system", None),
    (E + "swebench/agents/editor.ts", 54, "system", pre(A, E + "swebench/agents/editor.ts", 54)),
    (E + "swebench/agents/planner.ts", 43, "system", pre(A, E + "swebench/agents/planner.ts", 43)),
    (SUP, 75, "system", None), (SUP, 87, "system", None), (SUP, 136, "system", None),
    (SUP, 228, "*", pre(A, SUP, 228)),
    (E + "mem0-memory/index.ts", 18, "system", None),
    (E + "mem0-memory/multi-agent.ts", 18, "system", None),
    (E + "mem0-memory/multi-agent.ts", 32, "system", None),
    (E + "mem0-memory/multi-agent.ts", 47, "system", None),
]
agent_kit_neutral = [
    ("packages/agent-kit/src/network.ts", 296, "*"), (CA, 200, "*"),   # <agent> records
    ("packages/agent-kit/src/agent.ts", 794, "*"),                     # all-variable composition
    ("packages/agent-kit/src/__tests__/", 0, "*"),                     # test agents
    (CG, 73, "*"),
]


def commit(name):
    return subprocess.run(["git", "--git-dir", f"/work/.mirror/{name}/repo", "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


TM_SCOPE = [SC, "scripts/modules/task-manager/analyze-task-complexity.js", "scripts/modules/task-manager/add-task.js",
            "scripts/modules/ai-services-unified.js", "mcp-server/src/custom-sdk/",
            "packages/tm-core/src/modules/execution/", TES, "packages/tm-core/src/modules/prompts/",
            "apps/extension/src/utils/task-master-api/", SLASH, "src/ui/"]
AK_SCOPE = ["packages/agent-kit/src/", E + "code-assistant-agent/src/", E + "code-assistant-agentic/src/",
            E + "code-assistant-rag/src/", E + "daytona-coding-agent/src/", E + "demo/",
            E + "e2b-coding-agent/src/", E + "swebench/", E + "support-agent-human-in-the-loop/src/",
            E + "mem0-memory/"]
PROJECTS = {
    "coderabbitai/ai-pr-reviewer (src/)": {"commit": commit(P), "labels": pr_reviewer, "neutral": pr_reviewer_neutral},
    "josStorer/chatGPTBox (src/)": {"commit": commit(C), "labels": chatgptbox, "neutral": chatgptbox_neutral},
    "eyaltoledano/claude-task-master (" + " ".join(TM_SCOPE) + ")": {
        "commit": commit(T), "labels": task_master, "neutral": task_master_neutral},
    "inngest/agent-kit (" + " ".join(AK_SCOPE) + ")": {
        "commit": commit(A), "labels": agent_kit, "neutral": agent_kit_neutral},
}

if __name__ == "__main__":
    if "--show" in sys.argv:
        for proj, spec in PROJECTS.items():
            print("##", proj.split(" (")[0], len(spec["labels"]))
            for f, line, hint, prefix in spec["labels"]:
                print(f"  {f}:{line} {hint} {prefix!r}"[:230])
        raise SystemExit
    DOC = open(os.path.join(HERE, "labels_doc.txt")).read()
    with open(os.path.join(HERE, "labels_code.py"), "w") as fh:
        fh.write('"""' + DOC + '"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110, sort_dicts=False) + "\n")

"""Builds benchmarks/blind_js9/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates the literal's source before its first `${`)."""
import pprint, sys
sys.path.insert(0, "/work/wt/src-js7/benchmarks/blind_js6")
from literal_prefix import literal, cook

ROOT = "/tmp/src-js7"

def pre(proj, f, line, consts=None, trim=False, needle=None):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    for k, v in (consts or {}).items():
        body = body.replace("${" + k + "}", v.replace("`", "\\`"))
    cut = body.find("${")
    if cut < 0:
        return None
    text = cook(body[:cut], q)
    return text.lstrip() if trim else text

H = "HyperAgent"
hyper = [
    ("src/agent/messages/system-prompt.ts", 12, "SYSTEM_PROMPT", pre(H, "src/agent/messages/system-prompt.ts", 12)),
    ("src/agent/messages/input-format.ts", 1, "INPUT_FORMAT", None),
    ("src/agent/messages/output-format.ts", 1, "OUTPUT_FORMAT", None),
    ("src/agent/messages/examples-actions.ts", 1, "EXAMPLE_ACTIONS", None),
    ("src/agent/examine-dom/prompts.ts", 10, "buildExamineDomSystemPrompt", None),
    ("src/agent/examine-dom/prompts.ts", 39, "instruction", pre(H, "src/agent/examine-dom/prompts.ts", 39)),
    ("src/agent/examine-dom/prompts.ts", 64, "buildExamineDomUserPrompt", pre(H, "src/agent/examine-dom/prompts.ts", 64)),
    ("src/agent/tools/agent.ts", 410, "content", pre(H, "src/agent/tools/agent.ts", 410)),
    ("src/agent/tools/agent.ts", 503, "content", pre(H, "src/agent/tools/agent.ts", 503)),
    ("src/agent/actions/extract.ts", 65, "text", pre(H, "src/agent/actions/extract.ts", 65)),
    ("src/agent/index.ts", 1604, "*", pre(H, "src/agent/index.ts", 1604)),
    ("src/agent/index.ts", 1626, "*", None),
] + [(f"src/{d}AGENTS.md", 1, "*", None) for d in
     ["", "agent/", "browser-providers/", "cdp/", "cli/", "context-providers/", "custom-actions/",
      "debug/", "llm/", "types/", "utils/"]]
hyper_neutral = [
    ("src/agent/messages/builder.ts", 0, "*"),
    ("src/agent/tools/agent.ts", 500, "*"),
    ("src/agent/shared/action-restrictions.ts", 0, "*"),
    ("src/agent/actions/", 0, "*"),
    ("src/custom-actions/", 0, "*"),
    ("src/agent/mcp/", 0, "*"),
]

C = "chatbox"
chatbox = [
    ("src/shared/defaults.ts", 68, "getDefaultPrompt", None),
    ("src/renderer/packages/prompts.ts", 9, "content", pre(C, "src/renderer/packages/prompts.ts", 9)),
    ("src/renderer/packages/models/openai.ts", 290, "metadataPrompt", pre(C, "src/renderer/packages/models/openai.ts", 290)),
    ("src/renderer/packages/models/siliconflow.ts", 151, "*", pre(C, "src/renderer/packages/models/siliconflow.ts", 151)),
] + [("src/renderer/packages/initial_data.ts", n, "content", None) for n in (13, 26, 66, 94, 122, 150, 215, 243, 271)]
chatbox_neutral = [
    ("src/renderer/packages/initial_data.ts", 0, "*"),   # the example sessions' user and assistant turns
    ("src/renderer/i18n/", 0, "*"),                      # UI translations; "Copilot Prompt Demo" is a placeholder
]

B = "codebuff"
SP = "backend/src/system-prompt/prompts.ts"
CF = {"codebuffConfigFile": "codebuff.json"}
codebuff = [
    (".agents/prompts/base-prompts.ts", 13, "baseAgentSystemPrompt", pre(B, ".agents/prompts/base-prompts.ts", 13)),
    (".agents/prompts/base-prompts.ts", 231, "baseAgentUserInputPrompt", ""),
    (".agents/prompts/base-prompts.ts", 306, "baseAgentAgentStepPrompt", pre(B, ".agents/prompts/base-prompts.ts", 306)),
    (".agents/prompts/ask-prompts.ts", 11, "askAgentSystemPrompt", pre(B, ".agents/prompts/ask-prompts.ts", 11)),
    (".agents/prompts/ask-prompts.ts", 156, "askAgentUserInputPrompt", ""),
    (".agents/prompts/ask-prompts.ts", 201, "askAgentAgentStepPrompt", pre(B, ".agents/prompts/ask-prompts.ts", 201)),
    (SP, 18, "configSchemaPrompt", pre(B, SP, 18, CF, trim=True)),
    (SP, 36, "knowledgeFilesPrompt", None),
    (SP, 85, "initPrompt", None),
    (SP, 112, "compactPrompt", None),
    (SP, 119, "exportPrompt", pre(B, SP, 119, trim=True)),
    (SP, 169, "getProjectFileTreePrompt", pre(B, SP, 169, trim=True)),
    (SP, 195, "windowsNote", None),
    (SP, 205, "getSystemInfoPrompt", pre(B, SP, 205, trim=True)),
    (SP, 231, "getGitChangesPrompt", pre(B, SP, 231, trim=True)),
    (SP, 251, "gitCommitGuidePrompt", None),
]
codebuff_neutral = [
    (SP, 164, "*"), (SP, 166, "*"), (SP, 167, "*"), (SP, 185, "*"),
    ("backend/src/system-prompt/search-system-prompt.ts", 0, "*"),
    ("backend/src/system-prompt/truncate-file-tree.ts", 0, "*"),
    ("backend/src/system-prompt/agent-instructions.md", 0, "*"),
    (".agents/prompts/base-prompts.ts", 0, "buildArray"),
]

V = "voltagent"
VS = "packages/core/src/"
voltagent = [
    (VS + "agent/subagent/index.ts", 292, "generateSupervisorSystemMessage",
     pre(V, VS + "agent/subagent/index.ts", 292, trim=True)),
    (VS + "agent/subagent/index.ts", 261, "defaultGuidelines", None),
    (VS + "planagent/planning/index.ts", 18, "DEFAULT_PLANNING_PROMPT", None),
    (VS + "planagent/plan-agent.ts", 37, "BASE_PROMPT", None),
    (VS + "planagent/plan-agent.ts", 45, "PLANNING_SYSTEM_MESSAGE", None),
    (VS + "planagent/plan-agent.ts", 55, "TASK_SYSTEM_PROMPT", None),
    (VS + "planagent/filesystem/index.ts", 40, "FILESYSTEM_SYSTEM_PROMPT", None),
    (VS + "agent/apply-summarization.ts", 12, "SUMMARY_SYSTEM_PROMPT", None),
]
voltagent_neutral = [
    (VS + "agent/subagent/index.ts", 249, "*"), (VS + "agent/subagent/index.ts", 252, "*"),
    (VS + "agent/subagent/index.ts", 289, "*"), (VS + "agent/subagent/index.ts", 372, "*"),
    (VS + "agent/subagent/test-utils.ts", 0, "*"),
    (VS + "planagent/plan-agent.ts", 42, "*"), (VS + "planagent/plan-agent.ts", 244, "*"),
    (VS + "planagent/plan-agent.ts", 177, "*"), (VS + "planagent/plan-agent.ts", 181, "*"),
    (VS + "planagent/filesystem/", 0, "DESCRIPTION"),
    (VS + "agent/apply-summarization.ts", 420, "*"), (VS + "agent/apply-summarization.ts", 435, "*"),
]

def commit(name):
    import subprocess
    return subprocess.run(["git", "-C", f"/work/.mirror/{name}/repo", "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()

PROJECTS = {
    "hyperbrowserai/HyperAgent (src/)": {"commit": commit("hyperbrowserai+HyperAgent"), "labels": hyper,
                                         "neutral": hyper_neutral},
    "Bin-Huang/chatbox (src/)": {"commit": commit("Bin-Huang+chatbox"), "labels": chatbox, "neutral": chatbox_neutral},
    "CodebuffAI/codebuff (.agents/prompts/ backend/src/system-prompt/)": {
        "commit": commit("CodebuffAI+codebuff"), "labels": codebuff, "neutral": codebuff_neutral},
    "VoltAgent/voltagent (packages/core/src/agent/subagent/ packages/core/src/planagent/ packages/core/src/agent/apply-summarization.ts)": {
        "commit": commit("VoltAgent+voltagent"), "labels": voltagent, "neutral": voltagent_neutral},
}
DOC = open("/tmp/src-js7/labels_doc.txt").read()
with open("/work/wt/src-js7/benchmarks/blind_js9/labels_code.py", "w") as fh:
    fh.write('"""' + DOC + '"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110, sort_dicts=False) + "\n")

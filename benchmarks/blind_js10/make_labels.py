"""Builds benchmarks/blind_js10/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates the literal's source before its first variable).
pre(): `consts` replaces `${NAME}` of a project constant by its text; `cut` ends the prefix at a
placeholder the code fills with .replace/.replaceAll (`{filePath}`) instead of the first `${`;
`dedent` applies the `dedent` package's rule (cody's psDedent: common indentation and the leading
blank line removed); `trim` applies `.trim()`."""
import json, os, pprint, subprocess, sys, textwrap
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind_js6"))
from literal_prefix import literal, cook

ROOT = "/tmp/blindjs10"


def pre(proj, f, line, consts=None, cut=None, dedent=False, trim=False, needle=None):
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line, needle)
    for k, v in (consts or {}).items():
        body = body.replace("${" + k + "}", v.replace("`", "\\`"))
    end = body.find(cut) if cut else body.find("${")
    if end < 0:
        raise SystemExit(f"no variable in {proj}/{f}:{line}")
    if cut and "${" in body[:end]:
        raise SystemExit(f"a ${{}} before {cut} in {proj}/{f}:{line}")
    text = cook(body[:end], q)
    if dedent:
        text = textwrap.dedent(text).lstrip("\n")
    return text.lstrip() if trim else text


def json_pre(proj, f, keys, cut):
    value = json.load(open(f"{ROOT}/{proj}/{f}", encoding="utf-8"))
    for k in keys:
        value = value[k]
    return value[:value.index(cut)]


C = "sourcegraph+cody"
PRE = "lib/shared/src/chat/preamble.ts"
TPL = "lib/shared/src/prompt/templates.ts"
MIX = "lib/shared/src/prompt/prompt-mixin.ts"
SCM = "vscode/src/commands/scm/prompts.ts"
EX = "vscode/src/commands/execute/"
AG = "vscode/src/chat/agentic/prompts.ts"
GEN = "vscode/src/edit/prompt/models/generic.ts"
SAC = "vscode/src/edit/prompt/smart-apply/apply/smart-apply-custom.ts"
SCM_ = "vscode/src/edit/prompt/smart-apply/selection/custom-model.ts"
SDF = "vscode/src/edit/prompt/smart-apply/selection/default.ts"
SUP = "vscode/src/supercompletions/prompt.ts"
AUT = "vscode/src/autoedits/prompt/constants.ts"
KW = "vscode/src/local-context/rewrite-keyword-query.ts"
TOPICS = {f"SMART_APPLY_CUSTOM_PROMPT_TOPICS.{k}": v for k, v in {
    "USER_QUERY": "USER_QUERY", "TARGET_CHANGES": "TARGET_CHANGES", "FULL_FILE_CODE": "FULL_FILE_CODE",
    "CODE_TO_UPDATE": "CODE_TO_UPDATE", "FINAL_CODE": "UPDATED_CODE"}.items()}
SEL = {f"SMART_APPLY_TOPICS.{k}": k for k in ("INSTRUCTION", "FILE_CONTENTS", "INCOMING", "REPLACE")}
cody = [
    (PRE, 5, "DEFAULT_PREAMBLE", None),
    (PRE, 16, "SMART_APPLY_PREAMBLE", None),
    (PRE, 19, "TERMINAL_TOOL_PREAMBLE", None),
    (PRE, 54, "text", None),  # the assistant turn every non-system-prompt request sends
    (TPL, 29, "DIAGNOSTICS_CONTEXT_TEMPLATE", pre(C, TPL, 29, cut="{type}")),
    (TPL, 99, "CODE_GENERATION_CONTEXT_TEMPLATE", pre(C, TPL, 99, cut="{filePath}")),
    (MIX, 8, "CONTEXT_PREAMBLE", None),
    (SCM, 3, "COMMIT_INTRO", None),
    (SCM, 5, "COMMIT_INSTRUCTION", pre(C, SCM, 5, cut="{COMMIT_TEMPLATE}")),
    (SCM, 10, "COMMIT_TEMPLATE", None),
    (SCM, 12, "COMMIT_TEMPLATE_NOT_FOUND", None),
    # the default commands: doc/explain/smell get `.replaceAll('the selected code', <mention>)` in
    # doc.ts/explain.ts/smell.ts (doc's chat path), test gets `.replaceAll('{languageName}', ...)`
    (EX + "cody.json", 6, "doc.prompt", json_pre(C, EX + "cody.json", ["commands", "doc", "prompt"], "the selected code")),
    (EX + "cody.json", 16, "explain.prompt", json_pre(C, EX + "cody.json", ["commands", "explain", "prompt"], "the selected code")),
    (EX + "cody.json", 24, "test.prompt", json_pre(C, EX + "cody.json", ["commands", "test", "prompt"], "{languageName}")),
    (EX + "cody.json", 34, "smell.prompt", json_pre(C, EX + "cody.json", ["commands", "smell", "prompt"], "the selected code")),
    (EX + "explain-history.ts", 60, "prompt", pre(C, EX + "explain-history.ts", 60)),
    (EX + "test-edit.ts", 89, "newTestSuitePrompt", None),
    (EX + "test-case.ts", 21, "instruction", None),
    (EX + "terminal.ts", 66, "template", pre(C, EX + "terminal.ts", 66, cut="{{PROCESS}}")),
    (EX + "test-chat.ts", 24, "prompt", pre(C, EX + "test-chat.ts", 24, cut="<selected>")),
    (AG, 9, "REVIEW_PROMPT", pre(C, AG, 9, cut="{{CODY_TOOLS_PLACEHOLDER}}")),
    (GEN, 13, "system", None),
    (GEN, 23, "instruction", pre(C, GEN, 23, cut="{filePath}", dedent=True)),
    (GEN, 40, "system", None),
    (GEN, 50, "instruction", pre(C, GEN, 50, cut="{filePath}", dedent=True)),
    (GEN, 59, "system", None),
    (GEN, 70, "instruction", pre(C, GEN, 70, cut="{filePath}", dedent=True)),
    (GEN, 83, "instruction", pre(C, GEN, 83, cut="{filePath}", dedent=True)),
    (GEN, 95, "system", None),
    (GEN, 105, "instruction", pre(C, GEN, 105, cut="{filePath}", dedent=True)),
    (SAC, 32, "getTagsExplanationPrompt", None),
    (SAC, 42, "getGuidelinesPrompt", None),
    (SAC, 55, "getSystemPrompt", None),
    (SAC, 76, "getUserPrompt", pre(C, SAC, 76, consts=TOPICS)),
    (SCM_, 24, "system", None),
    (SCM_, 29, "instruction", pre(C, SCM_, 29, consts=SEL, cut="{instruction}", dedent=True)),
    (SDF, 24, "system", None),
    (SDF, 32, "instruction", pre(C, SDF, 32, cut="{filePath}", dedent=True)),
    (SUP, 5, "SYSTEM", None),
    (SUP, 44, "PROMPT", pre(C, SUP, 44, cut="{filename}", dedent=True)),
    (SUP, 80, "ASSISTANT_EXAMPLE", None),
    (AUT, 24, "SYSTEM_PROMPT", None),
    (AUT, 25, "BASE_USER_PROMPT", None),
    (AUT, 26, "FINAL_USER_PROMPT", None),
    (AUT, 27, "LONG_TERM_SNIPPET_VIEWS_INSTRUCTION", None),
    (AUT, 28, "JACCARD_SIMILARITY_INSTRUCTION", None),
    (AUT, 35, "LONG_SUGGESTION_BASE_USER_PROMPT", None),
    (AUT, 36, "LONG_SUGGESTION_FINAL_USER_PROMPT", None),
    (KW, 46, "text", pre(C, KW, 46)),
    (KW, 101, "text", pre(C, KW, 101)),
]
cody_neutral = [
    (PRE, 21, "*"), (PRE, 34, "*"),
    (TPL, 0, "*"),                      # record headers around context items, IDE names
    (MIX, 12, "*"), (MIX, 74, "*"),     # a four-word hedging mixin; the mixed message
    (EX + "explain.ts", 36, "*"), (EX + "smell.ts", 36, "*"), (EX + "doc.ts", 141, "*"), (EX + "doc.ts", 214, "*"),
    (EX + "test-chat.ts", 27, "*"), (EX + "terminal.ts", 51, "*"), (EX + "index.ts", 0, "*"),
    ("vscode/src/commands/CommandsController.ts", 0, "*"),
    ("vscode/src/chat/agentic/prompts.ts", 5, "*"),
    (GEN, 126, "*"),
    ("vscode/src/edit/prompt/constants.ts", 0, "*"), ("vscode/src/edit/prompt/models/claude.ts", 0, "*"),
    ("vscode/src/edit/prompt/models/openai.ts", 0, "*"), ("vscode/src/edit/prompt/index.ts", 102, "*"),
    ("vscode/src/edit/prompt/context.ts", 0, "*"), ("vscode/src/edit/prompt/smart-apply/utils.ts", 0, "*"),
    ("vscode/src/edit/prompt/smart-apply/selection/base.ts", 0, "*"),
    (SUP, 53, "*"), (SUP, 56, "*"), (SUP, 67, "*"),   # the few-shot user turn and its fill values
    (AUT, 0, "*"),                      # tags and the short section headers
]

F = "mendableai+firecrawl"
BP = "apps/api/src/lib/extract/build-prompts.ts"
SA = "apps/api/src/lib/extract/completions/singleAnswer.ts"
RR = "apps/api/src/lib/extract/reranker.ts"
LX = "apps/api/src/scraper/scrapeURL/transformers/llmExtract.ts"
RM = "apps/api/src/lib/deep-research/research-manager.ts"
LT = "apps/api/src/lib/generate-llmstxt/generate-llmstxt-service.ts"


def concat_prefix(path, line):
    """The string literal starting on LINE (a "..." + date concatenation: the text before the call)."""
    return cook(literal(f"{ROOT}/{F}/{path}", line)[0], '"')


firecrawl = [
    (BP, 2, "buildRefrasedPrompt", pre(F, BP, 2)),
    (BP, 24, "buildPreRerankPrompt", pre(F, BP, 24)),
    (BP, 43, "buildRerankerUserPrompt", pre(F, BP, 43)),
    (BP, 61, "buildAnalyzeSchemaPrompt", None),
    (BP, 88, "buildAnalyzeSchemaUserPrompt", pre(F, BP, 88)),
    (BP, 95, "buildShouldExtractSystemPrompt", None),
    (BP, 102, "buildShouldExtractUserPrompt", pre(F, BP, 102)),
    (BP, 112, "buildBatchExtractSystemPrompt", ""),
    (BP, 118, "buildBatchExtractPrompt", pre(F, BP, 118)),
    (BP, 123, "buildRephraseToSerpPrompt", pre(F, BP, 123)),
    (SA, 39, "docsPrompt", "Today is: "),
    (SA, 48, "systemPrompt", ""),
    (RR, 268, "systemPrompt", pre(F, RR, 268)),
    (LX, 276, "prompt", pre(F, LX, 276)),
    (LX, 277, "prompt", pre(F, LX, 277)),
    (LX, 494, "prompt", pre(F, LX, 494)),
    (LX, 496, "system", None),
    (LX, 936, "systemPrompt", None),
    (LX, 937, "prompt", None),
    (LX, 1057, "systemPrompt", None),
    (LX, 1082, "prompt", pre(F, LX, 1082)),
    (LX, 1133, "systemPrompt", None),
    (LX, 1150, "prompt", pre(F, LX, 1150)),
    (RM, 165, "systemPrompt", concat_prefix(RM, 165)),
    (RM, 189, "prompt", pre(F, RM, 189)),
    (RM, 234, "systemPrompt", ""),
    (RM, 252, "prompt", pre(F, RM, 252)),
    (RM, 311, "systemPrompt", None),
    (RM, 312, "systemPrompt", concat_prefix(RM, 312)),
    (RM, 318, "prompt", pre(F, RM, 318)),
    (RM, 319, "prompt", pre(F, RM, 319)),
    (LT, 172, "prompt", pre(F, LT, 172)),
]
firecrawl_neutral = [
    (BP, 34, "*"), (BP, 129, "*"),      # builders no code calls (the reranker's is only imported)
    (RR, 64, "*"), (RR, 253, "*"), (RR, 272, "*"), (RR, 275, "*"), (RR, 282, "*"), (RR, 291, "*"),
    (LX, 283, "*"), (LX, 358, "*"), (RM, 190, "*"), (RM, 317, "*"),
]

S = "e2b-dev+surf"
EP = "components/chat/example-prompts.tsx"
surf = [
    ("lib/streaming/openai.ts", 23, "INSTRUCTIONS", None),
    (EP, 47, "prompt", None), (EP, 52, "prompt", None), (EP, 57, "prompt", None), (EP, 62, "prompt", None),
]


def commit(name):
    return subprocess.run(["git", "-C", f"/work/.mirror/{name}/repo", "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()


PROJECTS = {
    "sourcegraph/cody (" + " ".join([PRE, TPL, MIX, "vscode/src/commands/", AG, "vscode/src/edit/prompt/", SUP, AUT, KW]) + ")": {
        "commit": commit(C), "labels": cody, "neutral": cody_neutral},
    "mendableai/firecrawl (" + " ".join([BP, "apps/api/src/lib/extract/completions/", RR,
                                         "apps/api/src/lib/extract/extraction-service.ts",
                                         "apps/api/src/lib/extract/url-processor.ts",
                                         "apps/api/src/lib/deep-research/", "apps/api/src/lib/generate-llmstxt/", LX]) + ")": {
        "commit": commit(F), "labels": firecrawl, "neutral": firecrawl_neutral},
    "e2b-dev/surf": {"commit": commit(S), "labels": surf, "neutral": []},
}

if __name__ == "__main__":
    DOC = open(os.path.join(HERE, "labels_doc.txt")).read()
    with open(os.path.join(HERE, "labels_code.py"), "w") as fh:
        fh.write('"""' + DOC + '"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110, sort_dicts=False) + "\n")

"""Builds benchmarks/blind_js16/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates each literal's source before its first `${`).
pre(): the text of the literal starting on LINE (after NEEDLE) before its first `${`; whole(): a literal
without a variable (asserted); static(): None after checking the literal has no variable; pre_field(): a
literal without `${` whose template library fills `{name}` fields (LangChain's `fromTemplate`/`fromMessages`):
its text before FIELD; pre_dedent(): the prefix of a literal the code passes through npm `dedent` as a
function (dmnd/dedent 1.5: strip the smallest indentation of the lines that have one, then trim).
Trees: /tmp/blindjs16/<owner>+<name>, each mirror's HEAD extracted by blind_js11/extract.py."""
import os
import pprint
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind_js6"))
from literal_prefix import literal, cook  # noqa: E402

ROOT = "/tmp/blindjs16"


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


def static_const(proj, f, line, const):
    """None for a literal whose only `${...}` is a `const` of the same file bound to a string literal."""
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line)
    src = open(f"{ROOT}/{proj}/{f}", encoding="utf-8").read()
    assert re.search(r"const " + const + r" = '[^'$]*'", src) and re.findall(r"\$\{(\w+)\}", body) == [const]
    return None


def pre_field(proj, f, line, field):
    """A literal without `${` that a template library fills: its text before `{field}`."""
    text = whole(proj, f, line)
    assert "{" + field + "}" in text, (proj, f, line, field)
    return text.split("{" + field + "}", 1)[0]


def dedent_js(text):
    """npm dedent 1.5 called as a function on a string (no escape handling): the smallest indentation of
    the lines matching /^(\\s+)\\S+/ is cut from every line starting with a space or tab, then trim()."""
    lines = text.split("\n")
    indents = [len(m.group(1)) for m in (re.match(r"^(\s+)\S+", ln) for ln in lines) if m]
    if indents:
        m = min(indents)
        text = "\n".join(ln[m:] if ln[:1] in (" ", "\t") else ln for ln in lines)
    return text.strip()


def pre_dedent(proj, f, line, marker="\x00"):
    """The prefix of `dedent(\\`...${v}...\\`)`: the static lines dedented as the library does (a value
    filling `${v}` could only lower the indentation by lines of its own; the labels take the static text),
    cut before the marker put where the first `${` was."""
    raw, has_var, at, q, body = literal(f"{ROOT}/{proj}/{f}", line)
    assert has_var
    i = body.index("${")
    depth, j = 0, i + 1
    while True:
        depth += {"{": 1, "}": -1}.get(body[j], 0)
        if depth == 0:
            break
        j += 1
    head = cook(body[:i], q)
    tail = cook(body[j + 1:].split("${")[0], q)
    out = dedent_js(head + marker + tail)
    return out.split(marker, 1)[0]


# ---- ex3ndr/llama-coder: a VS Code extension (Ollama inline completion); its prompts are the three
# fill-in-the-middle formats `adaptPrompt` returns as `{prompt, stop}` for Ollama's raw `/api/generate`
L = "ex3ndr+llama-coder"
LM = "src/prompts/processors/models.ts"
llamacoder = [
    (LM, 16, "prompt", pre(L, LM, 16)),
    (LM, 24, "prompt", pre(L, LM, 24)),
    (LM, 31, "prompt", pre(L, LM, 31)),
]
llamacoder_neutral = [
    # the notebook cells written into the prefix as comments, the path/language header lines (values,
    # records around the document's own text)
    ("src/prompts/preparePrompt.ts", 50, "*"), ("src/prompts/preparePrompt.ts", 71, "*"),
    ("src/prompts/preparePrompt.ts", 73, "*"), ("src/prompts/processors/fileHeaders.ts", 0, "*"),
    ("src/prompts/processors/comment.ts", 0, "*"),
]

# ---- context-labs/autodoc: a Node CLI agent documenting a repository; three prompt builders (file
# summary, file questions, folder summary) sent through `model.call(prompt)`, and the query chat's two
# LangChain templates (the condense prompt, the QA prompt built per project)
A = "context-labs+autodoc"
AP = "src/cli/commands/index/prompts.ts"
AQ = "src/cli/commands/query/createChatChain.ts"
autodoc = [
    (AP, 10, "createCodeFileSummary", pre(A, AP, 10)),
    (AP, 31, "createCodeQuestions", pre(A, AP, 31)),
    (AP, 53, "folderSummaryPrompt", pre(A, AP, 53)),
    (AQ, 8, "CONDENSE_PROMPT", pre_field(A, AQ, 8, "chat_history")),
    (AQ, 18, "makeQAPrompt", pre(A, AQ, 18)),
]
autodoc_neutral = [
    (AP, 60, "*"), (AP, 70, "*"),  # the folder prompt's file and subfolder records (values)
    (AQ, 35, "*"),  # the QA prompt's conditional branch on the user's chat prompt
    # the defaults of the `filePrompt`/`folderPrompt` settings written into the project's config (they fill
    # the prompts' `${filePrompt}`, `${folderPrompt}`: a user's setting once written, either reading)
    ("src/cli/commands/init/index.ts", 37, "*"), ("src/cli/commands/init/index.ts", 45, "*"),
]

# ---- aidar-freeed/ai-codereviewer: a GitHub Action; its one prompt in `src/main.ts` and the same function
# compiled by ncc into `dist/index.js` (the file the action runs; the bundle also holds its dependencies)
R = "aidar-freeed+ai-codereviewer"
reviewer = [
    ("src/main.ts", 82, "createPrompt", pre(R, "src/main.ts", 82)),
    ("dist/index.js", 109, "createPrompt", pre(R, "dist/index.js", 109)),
]
reviewer_neutral = [
    ("src/main.ts", 107, "*"), ("dist/index.js", 132, "*"),  # the diff lines' record (values)
]

# ---- mayooear/ai-pdf-chatbot-langchain: a Next.js app over a LangGraph.js backend; the router's and the
# answer's ChatPromptTemplate system messages (`{question}`, `{context}` filled by `.invoke`)
M = "mayooear+ai-pdf-chatbot-langchain"
MP = "backend/src/retrieval_graph/prompts.ts"
pdfchat = [
    (MP, 6, "ROUTER_SYSTEM_PROMPT", static(M, MP, 6)),
    (MP, 14, "RESPONSE_SYSTEM_PROMPT", pre_field(M, MP, 14, "question")),
]
pdfchat_neutral = [
    (MP, 8, "*"),  # `['human', '{query}']`: the user's question alone (a value)
    # example questions shown as buttons; a click puts one in the input box for the user to send
    ("frontend/components/example-prompts.tsx", 0, "*"),
]

# ---- Nutlope/self.so: a Next.js resume-to-website app; the resume extraction prompt (dedented) and the
# content-safety check, both Vercel AI SDK `generateText({prompt})`
N = "Nutlope+self.so"
NR = "lib/server/ai/generateResumeObject.ts"
NB = "lib/server/ai/isFileContentBad.ts"
selfso = [
    (NR, 31, "prompt", pre_dedent(N, NR, 31)),
    (NB, 17, "prompt", pre(N, NB, 17)),
]
selfso_neutral = []

# ---- transitive-bullshit/chatgpt-api (the agentic AI-function library at this commit): ten examples,
# each the same weather/news task written for another SDK (Vercel AI SDK, Dexter, Genkit, LangChain,
# LlamaIndex, OpenAI): system prompts and the user's request in each SDK's own shape
T = "transitive-bullshit+chatgpt-api"
E = "examples/"
agentic = [
    (E + "ai-sdk/browserbase.ts", 19, "system", static(T, E + "ai-sdk/browserbase.ts", 19)),
    (E + "ai-sdk/browserbase.ts", 20, "prompt", static(T, E + "ai-sdk/browserbase.ts", 20)),
    (E + "ai-sdk/weather.ts", 17, "system", static(T, E + "ai-sdk/weather.ts", 17)),
    (E + "ai-sdk/weather.ts", 18, "prompt", static(T, E + "ai-sdk/weather.ts", 18)),
    (E + "dexter/analyze.ts", 20, "systemMessage", static(T, E + "dexter/analyze.ts", 20)),
    # `createAIRunner(...)` returns a function sending its argument as the user turn.  Corrected after the blind
    # scan (a miss there, so the blind figures do not change): `${topic}` is `const topic = 'the 2024 olympics'`
    # of the same file, text by the labels' convention (blind_js6/literal_prefix.py), so no variable; the label
    # committed blind (b6be714) had the prefix before `${topic}`
    (E + "dexter/analyze.ts", 24, "*", static_const(T, E + "dexter/analyze.ts", 24, "topic")),
    (E + "dexter/code-interpreter.ts", 18, "*", static(T, E + "dexter/code-interpreter.ts", 18)),
    (E + "dexter/election-news.ts", 22, "systemMessage", static(T, E + "dexter/election-news.ts", 22)),
    (E + "dexter/election-news.ts", 26, "*", static(T, E + "dexter/election-news.ts", 26)),
    (E + "dexter/weather.ts", 17, "systemMessage", static(T, E + "dexter/weather.ts", 17)),
    (E + "dexter/weather.ts", 20, "*", static(T, E + "dexter/weather.ts", 20)),
    (E + "genkit/weather.ts", 25, "*", static(T, E + "genkit/weather.ts", 25)),  # system turn's text part
    (E + "genkit/weather.ts", 30, "prompt", static(T, E + "genkit/weather.ts", 30)),
    (E + "langchain/weather.ts", 18, "*", static(T, E + "langchain/weather.ts", 18)),
    (E + "llamaindex/weather.ts", 14, "systemPrompt", static(T, E + "llamaindex/weather.ts", 14)),
    (E + "llamaindex/weather.ts", 19, "message", static(T, E + "llamaindex/weather.ts", 19)),
    (E + "openai/weather.ts", 14, "content", static(T, E + "openai/weather.ts", 14)),
    (E + "openai/weather.ts", 16, "content", static(T, E + "openai/weather.ts", 16)),
]
agentic_neutral = [
    # the agent template's placeholders and `{input}` turn (values), the request filling `{input}`
    (E + "langchain/weather.ts", 19, "*"), (E + "langchain/weather.ts", 20, "*"),
    (E + "langchain/weather.ts", 21, "*"), (E + "langchain/weather.ts", 32, "*"),
    (E + "openai/weather.ts", 42, "*"),  # the tool result (a value)
    ("src/message.test.ts", 0, "*"),  # `Msg.system` unit tests' data
]


def commit(proj):
    import subprocess
    return subprocess.run(["git", "--git-dir", f"/work/.mirror/{proj}/repo", "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


PROJECTS = {
    "ex3ndr/llama-coder (src/)": {
        "commit": commit(L), "labels": llamacoder, "neutral": llamacoder_neutral},
    "context-labs/autodoc (src/)": {
        "commit": commit(A), "labels": autodoc, "neutral": autodoc_neutral},
    "aidar-freeed/ai-codereviewer (src/ dist/)": {
        "commit": commit(R), "labels": reviewer, "neutral": reviewer_neutral},
    "mayooear/ai-pdf-chatbot-langchain (backend/src/ frontend/app/ frontend/lib/ frontend/components/)": {
        "commit": commit(M), "labels": pdfchat, "neutral": pdfchat_neutral},
    "Nutlope/self.so (app/ lib/ components/)": {
        "commit": commit(N), "labels": selfso, "neutral": selfso_neutral},
    "transitive-bullshit/chatgpt-api (examples/ src/)": {
        "commit": commit(T), "labels": agentic, "neutral": agentic_neutral},
}

if __name__ == "__main__":
    doc = open(os.path.join(HERE, "labels_doc.txt"), encoding="utf-8").read()
    with open(os.path.join(HERE, "labels_code.py"), "w", encoding="utf-8") as fh:
        fh.write('"""' + doc.rstrip() + '\n"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110) + "\n")
    print({k: len(v["labels"]) for k, v in PROJECTS.items()})

"""Builds benchmarks/blind_js14/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates each literal's source before its first `${`).
pre(): the text of the literal starting on LINE (after NEEDLE) before its first `${`; whole(): a literal
without a variable (asserted); static(): None after checking the literal has no variable.
Trees: /tmp/blindjs14/<owner>+<name>, each mirror's HEAD extracted by blind_js11/extract.py."""
import os
import pprint
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind_js6"))
from literal_prefix import literal, cook  # noqa: E402

ROOT = "/tmp/blindjs14"


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


# ---- vercel-labs/natural-language-postgres: three `generateText` calls of the Vercel AI SDK (a SQL
# generator, a query explainer, a chart-config generator), each a `system` and a `prompt`
N = "vercel-labs+natural-language-postgres"
NA = "app/actions.ts"
nlp = [
    (NA, 13, "system", static(N, NA, 13)),
    (NA, 54, "prompt", pre(N, NA, 54)),
    (NA, 114, "system", static(N, NA, 114)),
    (NA, 130, "prompt", pre(N, NA, 130)),
    # `const system = \`You are a data visualization expert. \`;` then `generateText({system, ...})`
    (NA, 150, "system", static(N, NA, 150)),
    (NA, 156, "prompt", pre(N, NA, 156)),
]
NS = "components/suggested-queries.tsx"
nlp_neutral = [
    # the suggestions' `desktop` texts: a click submits one as the user's question, which fills the
    # `${input}` of the SQL prompt (a value of a prompt's variable, not a prompt of its own): either reading.
    # Their `mobile` labels are button text (false positives if reported).
    (NS, ln, "desktop") for ln in (11, 15, 19, 24, 28, 33, 37, 41, 46, 51, 55)
]

# ---- Nutlope/pdftochat: a LangChain.js RAG chain (`ChatPromptTemplate.fromMessages`): the history-aware
# rephrase request (a user turn) and the answer's system template (`{context}` a variable, LangChain's
# f-string format)
P = "Nutlope+pdftochat"
PR = "utils/ragChain.ts"
pdftochat = [
    (PR, 19, "historyAwarePrompt", static(P, PR, 19)),
    (PR, 23, "ANSWER_SYSTEM_TEMPLATE", whole(P, PR, 23).split("{context}")[0]),
]
pdftochat_neutral = [
    (PR, 16, "*"), (PR, 36, "*"),  # `['user', '{input}']`: the user's question alone, all value
]

# ---- Nutlope/napkins: a screenshot-to-code app; `getCodingPrompt` grows `let systemPrompt` with `+=` (the
# base, a shadcn section under a condition, a closing rule, the examples section) and returns
# `dedent(systemPrompt)`, sent as the text part of the user message; four eval scripts keep their own copy
# of the prompt (`dedent\`...\``), sent the same way to Together/Fireworks
K = "Nutlope+napkins"
KP = "lib/prompt.ts"
napkins = [
    (KP, 57, "systemPrompt", static(K, KP, 57)),
    (KP, 83, "systemPrompt", pre(K, KP, 83)),   # first variable: the shadcn docs `.map(...).join('\n')`
    (KP, 108, "systemPrompt", static(K, KP, 108)),
    (KP, 112, "systemPrompt", pre(K, KP, 112)),   # first variable: the examples `.map(...).join('\n')`
    ("scripts/eval-fireworks.ts", 25, "systemPrompt", static(K, "scripts/eval-fireworks.ts", 25)),
    ("scripts/eval-focused.ts", 26, "systemPrompt", static(K, "scripts/eval-focused.ts", 26)),
    ("scripts/eval-single.ts", 23, "systemPrompt", static(K, "scripts/eval-single.ts", 23)),
    ("scripts/repro-postamble.ts", 18, "prompt", static(K, "scripts/repro-postamble.ts", 18)),
]
napkins_neutral = [
    (KP, 90, "*"),  # the `<component>\n<name>\n${component.name}...` record each shadcn doc is mapped to
    (KP, 118, "*"),  # the `<example>\n<input>\n${example.input}...` record
    (KP, 6, "*"), (KP, 7, "*"),  # the example's input and output spliced through that record
    ("lib/shadcn-docs/", 0, "*"),  # each component's importDocs/usageDocs, spliced through the record
]

# ---- run-llama/chat-llamaindex: demo bots whose system message is `TEMPLATE(PERSONA)`, an arrow returning
# `I want you to act as a ${PERSONA}. ...`; everything else is UI text (locales, bot greetings never sent)
L = "run-llama+chat-llamaindex"
LB = "app/store/bot.data.ts"
llamaindex = [
    (LB, 9, "TEMPLATE", pre(L, LB, 9)),
]
llamaindex_neutral = [
    (LB, 37, "*"), (LB, 58, "*"), (LB, 79, "*"),  # `content: TEMPLATE("Red Hat Linux Expert")`: the template
    # called with a literal persona (a static text per bot, or the template's use): either reading
]


def commit(proj):
    import subprocess
    return subprocess.run(["git", "--git-dir", f"/work/.mirror/{proj}/repo", "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


PROJECTS = {
    "vercel-labs/natural-language-postgres (app/ components/ lib/)": {
        "commit": commit(N), "labels": nlp, "neutral": nlp_neutral},
    "Nutlope/pdftochat (app/ components/ utils/)": {
        "commit": commit(P), "labels": pdftochat, "neutral": pdftochat_neutral},
    "Nutlope/napkins (app/ components/ lib/ scripts/)": {
        "commit": commit(K), "labels": napkins, "neutral": napkins_neutral},
    "run-llama/chat-llamaindex (app/)": {
        "commit": commit(L), "labels": llamaindex, "neutral": llamaindex_neutral},
}

if __name__ == "__main__":
    assert whole(P, PR, 23).startswith("You are a helpful AI assistant.")
    doc = open(os.path.join(HERE, "labels_doc.txt"), encoding="utf-8").read()
    with open(os.path.join(HERE, "labels_code.py"), "w", encoding="utf-8") as fh:
        fh.write('"""' + doc.rstrip() + '\n"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110) + "\n")
    print({k: len(v["labels"]) for k, v in PROJECTS.items()})

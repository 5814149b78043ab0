"""Builds benchmarks/blind_js12/labels_code.py from the hand-chosen label list below (prefixes via
blind_js6/literal_prefix.py: Node evaluates each literal's source before its first `${`).
pre(): the text of the literal starting on LINE (after NEEDLE) before its first `${`; whole(): a literal
without a variable (asserted); cat(): `+` pieces cooked one by one up to the first variable.
Trees: /tmp/blindjs12/<owner>+<name>, each mirror's HEAD extracted by blind_js11/extract.py."""
import os, pprint, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind_js6"))
from literal_prefix import literal, cook

ROOT = "/tmp/blindjs12"


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


# ---- Nutlope/aicommits: a system prompt joined from an array (`[...].filter(Boolean).join('\n')`)
A = "Nutlope+aicommits"
AP = "src/utils/prompt.ts"
aicommits = [
    # item 1 (a literal) + "\n" + item 2 `Message language: ${locale}`
    (AP, 47, "generatePrompt", whole(A, AP, 47) + "\n" + pre(A, AP, 48)),
    (AP, 21, "conventional", pre(A, AP, 21)),            # commitTypes[type]: a section of the joined prompt
    (AP, 8, "specifyCommitFormat", pre(A, AP, 8)),       # specifyCommitFormat(type): a section too
]
aicommits_neutral = [(AP, 4, "*"), (AP, 49, "*")]          # the format placeholders; the array's own items

# ---- steven-tey/novel: one route, a `match(option)` of message pairs; only the last message's content is
# sent (`streamText({prompt: messages[messages.length - 1].content})`), so the system texts never reach a model
N = "steven-tey+novel"
NR = "apps/web/app/api/generate/route.ts"
novel = [(NR, ln, "content", pre(N, NR, ln)) for ln in (64, 75, 87, 100, 113)]
novel_neutral = [(NR, ln, "*") for ln in (44, 58, 71, 82, 94, 107)]   # the system texts (built, never sent)

# ---- mendableai/fireplexity: two search routes (one a copy of the other), each with an answer call and a
# follow-up-question call
F = "mendableai+fireplexity"
FP, FC = "app/api/fireplexity/search/route.ts", "app/api/fire-cache/search/route.ts"
fireplexity = []
fireplexity_neutral = []
for path, (s1, u1, s2, u2, s3, u3, rec, prev) in ((FP, (124, 141, 149, 168, 183, 189, 109, 175)),
                                                 (FC, (148, 165, 173, 192, 207, 213, 133, 199))):
    fireplexity += [
        (path, s1, "content", static(F, path, s1)),
        (path, u1, "content", pre(F, path, u1)),
        (path, s2, "content", static(F, path, s2)),
        (path, u2, "content", pre(F, path, u2)),
        (path, s3, "content", pre(F, path, s3)),   # `...${isFollowUp ? '...' : ''}`: the conditional is its first variable
        (path, u3, "content", pre(F, path, u3)),
    ]
    # the source records, the conversation preview (`${m.role}: ${m.content}`, `user: ${query}`), the nested
    # alternatives inside the follow-up prompts
    fireplexity_neutral += [(path, rec, "*"), (path, prev, "*"), (path, s3 + 2, "*"), (path, u3, "*")]

# ---- Nutlope/notesGPT: one extraction call (Instructor's zod `describe`s are schema text, not prompts)
G = "Nutlope+notesGPT"
notesgpt = [("convex/together.ts", 58, "content", static(G, "convex/together.ts", 58))]

# ---- tldraw/make-real: the prompt table used by the settings (NOVEMBER_19_2025), its `user(sourceCode)`
# a conditional plus an appended reminder; the user message's text parts pushed in getMessages
M = "tldraw+make-real"
MP, MG = "app/prompt.ts", "app/lib/getMessages.ts"
make_real = [
    (MP, 70, "system", static(M, MP, 70)),
    (MP, 67, "user", pre(M, MP, 67)),
    (MP, 68, "user", static(M, MP, 68)),
    (MP, 69, "user", static(M, MP, 69)),
    (MG, 45, "text", pre(M, MG, 45)),
    (MG, 52, "text", pre(M, MG, 52)),
]
# LEGACY_SYSTEM_PROMPT and IMPROVED_ORIGINAL: exported, used by no code (prompt tables no code reads)
make_real_neutral = [(MP, 4, "*"), (MP, 5, "*"), (MP, 6, "*"), (MP, 22, "*"), (MP, 24, "*"), (MP, 25, "*")]


def commit(proj):
    import subprocess
    return subprocess.run(["git", "--git-dir", f"/work/.mirror/{proj}/repo", "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


PROJECTS = {
    "Nutlope/aicommits (src/)": {"commit": commit(A), "labels": aicommits, "neutral": aicommits_neutral},
    "steven-tey/novel": {"commit": commit(N), "labels": novel, "neutral": novel_neutral},
    "mendableai/fireplexity (app/ lib/)": {"commit": commit(F), "labels": fireplexity, "neutral": fireplexity_neutral},
    "Nutlope/notesGPT (convex/ lib/ app/)": {"commit": commit(G), "labels": notesgpt, "neutral": []},
    "tldraw/make-real (app/)": {"commit": commit(M), "labels": make_real, "neutral": make_real_neutral},
}

if __name__ == "__main__":
    doc = open(os.path.join(HERE, "labels_doc.txt"), encoding="utf-8").read()
    with open(os.path.join(HERE, "labels_code.py"), "w", encoding="utf-8") as fh:
        fh.write('"""' + doc.rstrip() + '\n"""\n\nPROJECTS = ' + pprint.pformat(PROJECTS, width=110) + "\n")
    print({k: len(v["labels"]) for k, v in PROJECTS.items()})

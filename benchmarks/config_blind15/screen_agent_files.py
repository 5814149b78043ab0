"""Which files of the rounds 1-11 projects' snapshots (mirror HEADs) this round's walk and loader rules can add or
recount: Markdown agent/command definitions (``prompty.agent_front_matter``) and ``.prompt`` files.  Usage: python
screen_agent_files.py (the branch's package importable)."""
import os, subprocess, sys
from pcache.analyzers.sources.prompty import agent_front_matter
from pcache.analyzers.sources.prompt_names import count_words
root = "/work/.mirror"
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_cmp import projs
for d in [p.replace("/", "+") for p in projs + ["llama-farm/llamafarm", "phil65/llmling-agent", "antinomyhq/forge"]]:
    g = os.path.join(root, d, "repo")
    if not os.path.isdir(g):
        continue
    try:
        files = subprocess.check_output(["git", "--git-dir", g, "ls-tree", "-r", "--name-only", "HEAD"], text=True, stderr=subprocess.DEVNULL).splitlines()
    except subprocess.CalledProcessError:
        continue
    hits = []
    for f in files:
        if f.lower().endswith((".md", ".markdown")):
            try:
                text = subprocess.check_output(["git", "--git-dir", g, "show", f"HEAD:{f}"], stderr=subprocess.DEVNULL)[:1 << 20].decode("utf-8", "replace")
            except subprocess.CalledProcessError:
                continue
            if not text.startswith("---"):
                continue
            r = agent_front_matter(text, f)
            if r and count_words(r[0]) >= 2:
                hits.append(f)
        elif f.endswith(".prompt"):
            hits.append("PROMPTFILE " + f)
    print(d, len(hits), hits[:12])

"""The config files (YAML/JSON/TOML) of the rounds 1-11 projects' snapshots (mirror HEADs) holding a key this round's
rules read, copied to /tmp/cfg17/cmp/<owner+name>/ with their paths (at most 2,500 a project); rescore_dump_cmp.py then
loads each file with main's code (PYTHONPATH=/tmp/cfg17/mainsrc) and with the branch's, rescore_compare.py compares."""
import os, re, subprocess, sys
sys.path.insert(0, "/work/wt/cfg17/benchmarks/config_blind15")
from extract_cmp import projs
projs = projs + ["llama-farm/llamafarm", "phil65/llmling-agent", "antinomyhq/forge"]
rx = re.compile(rb"description|goal|expected_output|backstory|default|choices|approval|confirm|hitl|identity|communication_style", re.I)
for p in projs:
    g = f"/work/.mirror/{p.replace('/', '+')}/repo"
    if not os.path.isdir(g):
        print(p, "no mirror"); continue
    out = f"/tmp/cfg17/cmp/{p.replace('/', '+')}"
    files = subprocess.check_output(["git", "--git-dir", g, "ls-tree", "-r", "HEAD"], text=True).splitlines()
    n = 0
    for line in files:
        meta, path = line.split("\t", 1)
        mode, typ, sha = meta.split()
        if typ != "blob" or not path.lower().endswith((".yaml", ".yml", ".json", ".toml")) or "node_modules" in path:
            continue
        r = subprocess.run(["git", "--git-dir", g, "cat-file", "blob", sha], capture_output=True)
        if r.returncode: continue
        data = r.stdout
        if len(data) > 2_000_000 or not rx.search(data):
            continue
        os.makedirs(os.path.dirname(os.path.join(out, path)), exist_ok=True)
        open(os.path.join(out, path), "wb").write(data)
        n += 1
        if n >= 2500:
            break
    print(p, n, flush=True)

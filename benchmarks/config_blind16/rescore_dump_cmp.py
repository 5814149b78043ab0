import json, os, sys
from pcache.analyzers.sources.load import load_paths
root = sys.argv[1]
out = {}
for dp, dn, fn in os.walk(root):
    for f in sorted(fn):
        full = os.path.join(dp, f)
        rel = os.path.relpath(full, root)
        try:
            loaded = load_paths([full])
        except Exception as e:
            out[rel] = [["ERROR", type(e).__name__]]
            continue
        rows = []
        for p in loaded.prompts:
            var = next((s.name or s.text for s in p.segments if s.kind == "variable"), None)
            rows.append([p.container or "", p.syntax, var, p.line])
        out[rel] = sorted(rows, key=str)
json.dump(out, sys.stdout)

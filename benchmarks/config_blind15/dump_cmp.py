import json, os, sys
from pcache.analyzers.sources.load import load_paths
import tiktoken
enc = tiktoken.get_encoding("o200k_base")
root = sys.argv[1]
out = {}
for dp, dn, fn in os.walk(root):
    for f in sorted(fn):
        full = os.path.join(dp, f)
        rel = os.path.relpath(full, root)
        try:
            loaded = load_paths([full])
        except Exception as e:
            out[rel] = [("ERROR", repr(e)[:100])]
            continue
        rows = []
        for p in loaded.prompts:
            head = []
            var = None
            for s in p.segments:
                if s.kind == "variable":
                    var = s.name or s.text
                    break
                head.append(s.text)
            rows.append((p.container or "", p.syntax, var, len(enc.encode("".join(head), disallowed_special=()))))
        out[rel] = sorted(rows, key=str)
json.dump(out, sys.stdout)

"""Load every non-code file under the given roots one by one (``load_paths``) and dump its prompts as
``[container, syntax, first variable, line, tokens before it]`` rows, as JSON.  Run with main's code
(PYTHONPATH=/tmp/cfg18/mainsrc) and with the branch's; rescore_compare.py compares.
Usage: python rescore_dump.py ROOT... > out.json"""
import json
import os
import sys

from pcache.analyzers.sources.load import load_paths

CODE = (".py", ".pyw", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".mts", ".cts", ".go", ".rs", ".java", ".rb")
out = {}
for root in sys.argv[1:]:
    for dp, dn, fn in os.walk(root):
        for f in sorted(fn):
            full = os.path.join(dp, f)
            if f.lower().endswith(CODE):
                continue
            try:
                loaded = load_paths([full])
            except Exception as e:  # noqa: BLE001 - recorded, compared like a result
                out[full] = [["ERROR", type(e).__name__]]
                continue
            rows = []
            for p in loaded.prompts:
                var = next((s for s in p.segments if s.kind == "variable"), None)
                before = sum(len(s.text) for s in p.segments[:p.segments.index(var)]) if var else None
                rows.append([p.container or "", p.syntax, var.name or var.text if var else None, p.line, before])
            out[full] = sorted(rows, key=str)
json.dump(out, sys.stdout)

"""Compare two rescore.sh outputs prompt by prompt: usage compare_scans.py BEFORE_DIR AFTER_DIR name...
(prompts of the scans, keyed by file and container: added, dropped, or changed in syntax or first variable)."""
import json, sys, os
def rows(path):
    try:
        d = json.load(open(path))
    except Exception as e:
        return None
    out = {}
    for p in d["prompts"]:
        fv = p.get("first_variable")
        key = (os.path.normpath(p["file"]), p.get("container") or "")
        out.setdefault(key, []).append((p.get("syntax"), fv["token"] if fv else None, fv["name"] if fv else None))
    return out
BEFORE, AFTER = sys.argv[1], sys.argv[2]
for name in sys.argv[3:]:
    a, b = rows(f"{BEFORE}/{name}_scan.json"), rows(f"{AFTER}/{name}_scan.json")
    if a is None or b is None:
        print(name, "missing"); continue
    gone = sorted(set(a) - set(b)); new = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    print(f"{name}: base {len(a)} new {len(b)}; gone {len(gone)} new {len(new)} changed {len(changed)}")
    for k in gone[:15]: print("  -", k, a[k])
    for k in new[:15]: print("  +", k, b[k])
    for k in changed[:15]: print("  ~", k, a[k], "->", b[k])

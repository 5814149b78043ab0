import json, glob, os
tot_files = tot_main = tot_branch = 0
for m in sorted(glob.glob("/tmp/cfg17/cmpout/*.main.json")):
    b = m.replace(".main.json", ".branch.json")
    n = os.path.basename(m)[:-10]
    if not os.path.exists(b) or os.path.getsize(b) == 0 or os.path.getsize(m) == 0:
        print(n, "incomplete"); continue
    M, B = json.load(open(m)), json.load(open(b))
    pm = sum(len(v) for v in M.values()); pb = sum(len(v) for v in B.values())
    changed = [f for f in M if M[f] != B.get(f)]
    tot_files += len(M); tot_main += pm; tot_branch += pb
    print(f"{n}: files {len(M)}, prompts main {pm} branch {pb}, files changed {len(changed)}")
    for f in changed[:12]:
        mm = {tuple(map(str, r)) for r in M[f]}; bb = {tuple(map(str, r)) for r in B.get(f, [])}
        print("   ", f, "removed:", sorted(mm - bb)[:4], "added:", sorted(bb - mm)[:4])
print("total files", tot_files, "prompts main", tot_main, "branch", tot_branch)

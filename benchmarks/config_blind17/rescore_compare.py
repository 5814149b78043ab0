"""Compare two rescore_dump.py outputs (main, branch): files and prompts that differ.  Usage: python
rescore_compare.py MAIN.json BRANCH.json"""
import json
import sys

M, B = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
pm = sum(len(v) for v in M.values())
pb = sum(len(v) for v in B.values())
changed = [f for f in sorted(set(M) | set(B)) if M.get(f) != B.get(f)]
print(f"files {len(M)} / {len(B)}, prompts main {pm} branch {pb}, files changed {len(changed)}")
for f in changed:
    mm = {tuple(map(str, r)) for r in M.get(f, [])}
    bb = {tuple(map(str, r)) for r in B.get(f, [])}
    print(" ", f)
    for r in sorted(mm - bb):
        print("     - main  ", r)
    for r in sorted(bb - mm):
        print("     + branch", r)

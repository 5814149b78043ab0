"""Extract a commit's tree file by file (blobs absent from the snapshot are skipped and listed)."""
import os, subprocess, sys
git, commit, out = sys.argv[1:4]
rows = subprocess.run(["git", "--git-dir", git, "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout.split(b"\0")
missing = []
p = subprocess.Popen(["git", "--git-dir", git, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
for row in rows:
    if not row: continue
    meta, path = row.split(b"\t", 1)
    mode, kind, sha = meta.split()
    if kind != b"blob" or mode == b"120000": continue
    p.stdin.write(sha + b"\n"); p.stdin.flush()
    head = p.stdout.readline().split()
    if head[1] == b"missing":
        missing.append(path.decode()); continue
    data = p.stdout.read(int(head[2])); p.stdout.read(1)
    dest = os.path.join(out, path.decode())
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as fh: fh.write(data)
print("missing:", missing)

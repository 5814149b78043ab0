"""Copy the files of the rounds 1-12 snapshots (mirror HEADs) that this round's rules can change to
/tmp/cfg18/cmp/<owner+name>/ with their paths (at most 2,500 a project, 2 MB a file): config files (YAML, JSON,
TOML) holding ``{{``, a ``{<digit>}`` field or a ``template`` key; other text files (Markdown, text, Jinja, prompt
files) holding a ``{<digit>}`` field or Haystack's ``{% message`` tag.  rescore_dump.py then loads each with main's
code and with the branch's; rescore_compare.py compares.  Usage: python rescore_extract.py owner/name..."""
import os
import re
import subprocess
import sys

CONFIG = (".yaml", ".yml", ".json", ".toml")
TEXT = (".md", ".txt", ".j2", ".jinja", ".jinja2", ".prompt", ".prompty", ".tmpl", ".tpl", ".hbs", ".mustache")
cfg_rx = re.compile(rb"\{\{|\{\d\}|template", re.I)
txt_rx = re.compile(rb"\{\d\}|\{%-?\s*message")
for p in sys.argv[1:]:
    g = f"/work/.mirror/{p.replace('/', '+')}/repo"
    out = f"/tmp/cfg18/cmp/{p.replace('/', '+')}"
    files = subprocess.check_output(["git", "--git-dir", g, "ls-tree", "-r", "HEAD"], text=True).splitlines()
    n = 0
    for line in files:
        meta, path = line.split("\t", 1)
        mode, typ, sha = meta.split()
        low = path.lower()
        if typ != "blob" or "node_modules" in path or not low.endswith(CONFIG + TEXT):
            continue
        r = subprocess.run(["git", "--git-dir", g, "cat-file", "blob", sha], capture_output=True)
        if r.returncode or len(r.stdout) > 2_000_000:
            continue
        if not (cfg_rx if low.endswith(CONFIG) else txt_rx).search(r.stdout):
            continue
        os.makedirs(os.path.dirname(os.path.join(out, path)) or out, exist_ok=True)
        with open(os.path.join(out, path), "wb") as fh:
            fh.write(r.stdout)
        n += 1
        if n >= 2500:
            break
    print(p, n, flush=True)

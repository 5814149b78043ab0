#!/bin/bash
set -f
# usage: rescore.sh CHECKOUT OUTDIR: rounds 1-9 through ../config_blind13/rescore.sh, then round 10 (trees
# /tmp/cfg14/blind/<name>, made with ./extract.sh), each scanned whole with CHECKOUT's code and scored with its
# round's labels (this round: measure.py; ROUND10_ONLY=1 skips rounds 1-9)
wt=$1; out=$2
export TIKTOKEN_CACHE_DIR=/tmp/cfg11/tiktoken
B=$(cd "$(dirname "$0")/.." && pwd)
[ -n "$ROUND10_ONLY" ] || bash "$B/config_blind13/rescore.sh" "$wt" "$out"
mkdir -p "$out"
while read -r name proj; do
  root=/tmp/cfg14/blind/$name
  [ -d "$root" ] || { echo "$name: no tree"; continue; }
  ( cd "$root" && ulimit -v 4000000 && timeout 1800 nice "$wt/.venv/bin/pcache" scan . --format json > "$out/${name}_scan.json" 2> "$out/${name}_scan.err"
    "$wt/.venv/bin/python" "$B/config_blind14/measure.py" "$proj" . "$out/${name}_scan.json" > "$out/${name}.json" )
  python3 - "$out/${name}.json" "$name" <<'P'
import json,sys
d=json.load(open(sys.argv[1]))
print(sys.argv[2], d["expected"], d["found"], "syn", d["syntax"], "pos", d["positions"], "static", d["static"], "fp", d["fp"],
      "dotprompt", d["dotprompt_positions_body"], d.get("dotprompt_positions_text", ""))
P
done <<'T'
NeMo-Skills NVIDIA/NeMo-Skills
cagent docker/cagent
genkit firebase/genkit
T

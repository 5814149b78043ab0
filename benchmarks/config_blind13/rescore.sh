#!/bin/bash
set -f
# usage: rescore.sh CHECKOUT OUTDIR: rounds 1-8 through ../config_blind12/rescore.sh, then round 9 (trees
# /tmp/cfg13/blind/<name>, made with ./extract.sh), each scanned whole with CHECKOUT's code and scored with this
# round's labels (measure.py) and again with Go templates' `go` syntax name accepted (measure_go.py: pcache
# had no name for Go's syntax when the labels were written; the labels accept any double-brace one)
wt=$1; out=$2
export TIKTOKEN_CACHE_DIR=/tmp/cfg11/tiktoken
B=$(cd "$(dirname "$0")/.." && pwd)
[ -n "$ROUND9_ONLY" ] || bash "$B/config_blind12/rescore.sh" "$wt" "$out"
mkdir -p "$out"
while read -r name proj; do
  root=/tmp/cfg13/blind/$name
  [ -d "$root" ] || { echo "$name: no tree"; continue; }
  ( cd "$root" && ulimit -v 4000000 && timeout 1800 nice "$wt/.venv/bin/pcache" scan . --format json > "$out/${name}_scan.json" 2> "$out/${name}_scan.err"
    "$wt/.venv/bin/python" "$B/config_blind13/measure.py" "$proj" . "$out/${name}_scan.json" > "$out/${name}.json"
    "$wt/.venv/bin/python" "$B/config_blind13/measure_go.py" "$proj" . "$out/${name}_scan.json" > "$out/${name}_go.json" )
  for f in "$name" "${name}_go"; do python3 - "$out/$f.json" "$f" <<'P'
import json,sys
d=json.load(open(sys.argv[1]))
print(sys.argv[2], d["expected"], d["found"], "syn", d["syntax"], "pos", d["positions"], "static", d["static"], "fp", d["fp"])
P
  done
done <<'T'
teams-ai microsoft/teams-ai
LocalAI mudler/LocalAI
unitxt IBM/unitxt
T

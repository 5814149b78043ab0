#!/bin/bash
set -f
# usage: rescore.sh CHECKOUT OUTDIR: rounds 1-6 through ../config_blind11/rescore.sh (trees /tmp/cfg11/trees/<name>),
# then round 7 (trees /tmp/cfg11/blind/<name>, made with ../config_blind11/extract.sh) and round 8 (trees
# /tmp/cfg12/blind/<name>, made with ./extract.sh), each scanned whole (code included: rounds 7 and 8 were
# scanned so blind; the scorers ignore code files) with CHECKOUT's code and scored with its round's labels
wt=$1; out=$2
export TIKTOKEN_CACHE_DIR=/tmp/cfg11/tiktoken
B=$(cd "$(dirname "$0")/.." && pwd)
bash "$B/config_blind11/rescore.sh" "$wt" "$out"
mkdir -p "$out"
while read -r root name proj round; do
  [ -d "$root" ] || { echo "$name: no tree"; continue; }
  ( cd "$root" && ulimit -v 4000000 && timeout 1200 nice "$wt/.venv/bin/pcache" scan . --format json > "$out/${name}_scan.json" 2> "$out/${name}_scan.err"
    "$wt/.venv/bin/python" "$B/$round/measure.py" "$proj" . "$out/${name}_scan.json" > "$out/${name}.json" )
  python3 - "$out/${name}.json" "$name" <<'P'
import json,sys
d=json.load(open(sys.argv[1]))
print(sys.argv[2], d["expected"], d["found"], "syn", d["syntax"], "pos", d["positions"], "static", d["static"], "fp", d["fp"])
P
done <<'T'
/tmp/cfg11/blind/ReAct ReAct ysymyth/ReAct config_blind11
/tmp/cfg11/blind/GAOKAO-Bench GAOKAO-Bench OpenLMLab/GAOKAO-Bench config_blind11
/tmp/cfg11/blind/stanford_alpaca stanford_alpaca tatsu-lab/stanford_alpaca config_blind11
/tmp/cfg12/blind/prompthub prompthub deepset-ai/prompthub config_blind12
/tmp/cfg12/blind/alpaca-lora alpaca-lora tloen/alpaca-lora config_blind12
/tmp/cfg12/blind/promptsource promptsource bigscience-workshop/promptsource config_blind12
T

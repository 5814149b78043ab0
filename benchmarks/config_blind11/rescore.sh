#!/bin/bash
set -f
# usage: rescore.sh CHECKOUT OUTDIR [name...]: scan each tree of rounds 1-6 (/tmp/cfg11/trees/<name>, made with
# ../config_blind10/extract.sh from the labelled snapshots) with CHECKOUT's code (its .venv), score it with the
# round's scorer and labels, print one line per tree
wt=$1; out=$2; shift 2
export TIKTOKEN_CACHE_DIR=/tmp/cfg11/tiktoken
# code files are the other half of #11: the scorers ignore them, so the scans leave them out (same for both codes)
EXCL=""; for e in py pyw js mjs cjs ts tsx jsx mts cts; do EXCL="$EXCL --exclude *.$e"; done
mkdir -p "$out"
B=$(cd "$(dirname "$0")/.." && pwd)
table() { cat <<'T'
AgentVerse OpenBMB/AgentVerse config_blind6 labels
promptflow microsoft/promptflow config_blind6 labels
prompty microsoft/prompty config_blind6 labels
julep julep-ai/julep config_blind6 labels
AgentBench THUDM/AgentBench config_blind6 labels
dify langgenius/dify config_blind6 labels_b
promptfoo promptfoo/promptfoo config_blind6 labels_b
NeMo-Guardrails NVIDIA/NeMo-Guardrails config_blind7 labels
lm-evaluation-harness EleutherAI/lm-evaluation-harness config_blind7 labels
evals openai/evals config_blind7 labels
Promptify promptslab/Promptify config_blind7 labels
UFO microsoft/UFO config_blind8 labels
text-generation-webui oobabooga/text-generation-webui config_blind8 labels
alpaca_eval tatsu-lab/alpaca_eval config_blind8 labels
SillyTavern SillyTavern/SillyTavern config_blind8 labels
AlphaCodium Codium-ai/AlphaCodium config_blind9 labels
can-ai-code the-crypt-keeper/can-ai-code config_blind9 labels
gpt4all nomic-ai/gpt4all config_blind9 labels
chat-copilot microsoft/chat-copilot config_blind9 labels_b
kernel-memory microsoft/kernel-memory config_blind9 labels_b
aichat sigoden/aichat config_blind9 labels_b
mods charmbracelet/mods config_blind9 labels_c
arena-hard-auto lm-sys/arena-hard-auto config_blind10 labels
LongBench THUDM/LongBench config_blind10 labels
lmms-eval EvolvingLMMs-Lab/lmms-eval config_blind10 labels
T
}
table | while read name proj round labels; do
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
  root=/tmp/cfg11/trees/$name
  [ -d "$root" ] || { echo "$name: no tree"; continue; }
  [ -n "$SCORE_ONLY" ] || ( cd "$root" && ulimit -v 4000000 && timeout 1200 nice "$wt/.venv/bin/pcache" scan . --format json $EXCL > "$out/${name}_scan.json" 2> "$out/${name}_scan.err" )
  # scans give paths relative to "." : the scorer's root is "."
  ( cd "$root" && "$wt/.venv/bin/python" "$B/$round/measure.py" "$proj" . "$out/${name}_scan.json" --labels $labels > "$out/${name}.json" 2> "$out/${name}.score.err" )
  python3 - "$out/${name}.json" "$name" <<'P'
import json,sys
try:
    d=json.load(open(sys.argv[1]))
    print(sys.argv[2], d["expected"], d["found"], "syn", d["syntax"], "pos", d["positions"], "pty", d.get("prompty_positions_chatml"), "static", d["static"], "fp", d["fp"])
except Exception as e:
    print(sys.argv[2], "score failed", e)
P
done

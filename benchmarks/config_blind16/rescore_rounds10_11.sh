#!/bin/bash
# Rounds 10-11 scanned with main (38cc75f, its cli/ and analyzers/ extracted to /tmp/cfg17/mainsrc/pcache) and with
# this branch, scored with their rounds' scorers; trees extracted blob by blob (./extract.sh; llmling-agent, forge and
# NeMo-Skills were made with `git archive HEAD`, every file of the commit present). Output: rescore/rounds10_11_main_vs_branch.txt
set -f
export TIKTOKEN_CACHE_DIR=/tmp/cfg17/tiktoken
B=/work/wt/cfg17/benchmarks
while read -r name proj round; do
  bash $B/config_blind16/extract.sh /work/.mirror/${proj/\//+}/repo $name
  out=/tmp/cfg17/blind/$name
  for side in main branch; do
    if [ $side = main ]; then pp=/tmp/cfg17/mainsrc; else pp=; fi
    ( cd $out && ulimit -v 4000000 && PYTHONPATH=$pp timeout 1500 nice /work/wt/cfg17/.venv/bin/python -c 'import sys; from pcache.cli.app import main; sys.argv[0]="pcache"; main()' scan . --format json > /tmp/cfg17/old/${name}_$side.json 2> /tmp/cfg17/old/${name}_$side.err
      if [ $round = 10 ]; then m=$B/config_blind14/measure_after.py; else m=$B/config_blind15/measure.py; fi
      /work/wt/cfg17/.venv/bin/python $m $proj . /tmp/cfg17/old/${name}_$side.json > /tmp/cfg17/old/${name}_$side.score.json )
    python3 -c "
import json,sys; d=json.load(open('/tmp/cfg17/old/${name}_$side.score.json')); print('$name $side', d['expected'], d['found'], 'syn', d['syntax'], 'pos', d['positions'], 'static', d['static'], 'fp', d['fp'], d.get('dotprompt_positions_chat',''))" >> /tmp/cfg17/old/summary.txt
  done
done <<'T'
llmling-agent phil65/llmling-agent 11
forge antinomyhq/forge 11
NeMo-Skills NVIDIA/NeMo-Skills 10
cagent docker/cagent 10
llamafarm llama-farm/llamafarm 11
genkit firebase/genkit 10
T
echo done2 >> /tmp/cfg17/old/summary.txt

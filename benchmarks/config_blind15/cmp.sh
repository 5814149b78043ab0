#!/bin/bash
export TIKTOKEN_CACHE_DIR=/tmp/cfg16/tiktoken
cd /tmp/cfg16
mkdir -p cmpout
for d in cmp/*; do n=$(basename $d)
  ulimit -v 4000000
  PYTHONPATH=/tmp/cfg16/mainsrc timeout 900 nice -n 10 /work/wt/cfg16/.venv/bin/python /tmp/cfg16/dump_cmp.py $d > cmpout/$n.main.json 2>/dev/null
  timeout 900 nice -n 10 /work/wt/cfg16/.venv/bin/python /tmp/cfg16/dump_cmp.py $d > cmpout/$n.branch.json 2>/dev/null
done
echo done > /tmp/cfg16/cmp.done

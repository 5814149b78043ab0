#!/bin/bash
# usage: extract.sh MIRROR_GIT_DIR NAME [COMMIT]: the commit's tree (default the mirror's HEAD), blob by blob, into
# /tmp/cfg18/blind/NAME, made a git work tree with every extracted file committed (../config_blind16/extract.sh, as there)
set -e
mirror=$1; name=$2; commit=${3:-HEAD}; out=/tmp/cfg18/blind/$name
rm -rf "$out"; mkdir -p "$out"
git --git-dir="$mirror" ls-tree -r -z "$commit" | while IFS= read -r -d '' line; do
  meta=${line%%$'\t'*}; path=${line#*$'\t'}
  set -- $meta; mode=$1; type=$2; sha=$3
  [ "$type" = blob ] || continue
  mkdir -p "$out/$(dirname "$path")"
  if [ "$mode" = 120000 ]; then continue; fi
  git --git-dir="$mirror" cat-file blob "$sha" > "$out/$path" 2>/dev/null || { rm -f "$out/$path"; echo "absent: $path" >> /tmp/cfg18/blind/$name.absent; }
done
cd "$out" && git init -q && git add -f -A . && git -c user.email=x@x -c user.name=x commit -q -m "snapshot $(git --git-dir="$mirror" rev-parse "$commit")" && echo "$name $(git --git-dir="$mirror" rev-parse "$commit") $(git ls-files | wc -l) files"

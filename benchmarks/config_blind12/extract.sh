#!/bin/bash
# extract the mirror's HEAD blob by blob into /tmp/cfg12/blind/NAME, then make it a git work tree with every extracted file committed
set -e
mirror=$1; name=$2; out=/tmp/cfg12/blind/$name
rm -rf "$out"; mkdir -p "$out"
missing=0
git --git-dir="$mirror" ls-tree -r -z HEAD | while IFS= read -r -d '' line; do
  meta=${line%%$'\t'*}; path=${line#*$'\t'}
  set -- $meta; mode=$1; type=$2; sha=$3
  [ "$type" = blob ] || continue
  mkdir -p "$out/$(dirname "$path")"
  if [ "$mode" = 120000 ]; then continue; fi
  git --git-dir="$mirror" cat-file blob "$sha" > "$out/$path" 2>/dev/null || { rm -f "$out/$path"; echo "absent: $path" >> /tmp/cfg12/blind/$name.absent; }
done
cd "$out" && git init -q && git add -f -A . && git -c user.email=x@x -c user.name=x commit -q -m "snapshot $(git --git-dir="$mirror" rev-parse HEAD)" && echo "$name $(git --git-dir="$mirror" rev-parse HEAD) $(git ls-files | wc -l) files"

#!/bin/bash
# usage: extract.sh MIRROR_GIT_DIR NAME: ../config_blind11/extract.sh (the mirror's HEAD, blob by blob, made a git
# work tree with every extracted file committed), writing to /tmp/cfg12/blind/NAME instead of /tmp/cfg11/blind
exec bash <(sed 's|/tmp/cfg11/blind|/tmp/cfg12/blind|g' "$(dirname "$0")/../config_blind11/extract.sh") "$@"

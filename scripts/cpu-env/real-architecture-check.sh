#!/usr/bin/env bash
# Runs one benchmark's real-architecture check (docs/geneval.md, docs/oneig.md, docs/genai-bench.md,
# "Real-architecture check"): the Python half inside the trixie root (trixie-root.sh: Debian's python3-torch 2.6),
# with the official trees and the pure-Python packages given as folders, then the Java half (a JUnit test gated by a
# system property) in the Maven reactor, which loads the exports through the project's DJL scorer and compares with
# the official numbers.
#
#   real-architecture-check.sh --module benchmarks/NAME --test CLASS --property NAME --out DIR \
#       [--path DIR]... [--bind DIR]... [--meta NAME=VERSION]... -- PYTHON_SCRIPT ARGS...
#
# --path   a folder put on PYTHONPATH (e.g. open_clip/src, transformers/src); the folders are bound into the root.
#          This script's folder is on PYTHONPATH too (check_images.py).
# --bind   a folder made visible inside the root without going on PYTHONPATH (an official tree the script reads).
# --meta   a package given as a source tree that another package checks with importlib.metadata: a minimal
#          NAME-VERSION.dist-info is written under OUT/dist-info (no code; the tree on --path is what runs).
# PYTHON_SCRIPT gets --out OUT appended. OMP_NUM_THREADS defaults to 2 (the machine is shared).
# IRG_EVAL_OPENBLAS: optional folder holding libblas.so.3 (Debian's libopenblas0-pthread unpacked:
#   `apt-get download libopenblas0-pthread && dpkg -x libopenblas0-pthread_*.deb DIR`, then
#   DIR/usr/lib/x86_64-linux-gnu/openblas-pthread). The root resolves libblas.so.3 to Debian's reference BLAS, which
#   makes a ViT-L/14 forward about 4x slower; the folder is put first on LD_LIBRARY_PATH inside the root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
module= test= prop= out= paths=() metas=() extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --module) module=$2; shift 2 ;;
    --test) test=$2; shift 2 ;;
    --property) prop=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --path) paths+=("$(cd "$2" && pwd)"); shift 2 ;;
    --meta) metas+=("$2"); shift 2 ;;
    --bind) extra+=("$(cd "$2" && pwd)"); shift 2 ;;
    --) shift; break ;;
    *) echo "real-architecture-check: unknown option $1" >&2; exit 1 ;;
  esac
done
[ -n "$module" ] && [ -n "$test" ] && [ -n "$prop" ] && [ -n "$out" ] && [ $# -gt 0 ] || {
  sed -n '2,15p' "$0" >&2; exit 1; }
mkdir -p "$out"; out="$(cd "$out" && pwd)"
pp=()
if [ ${#metas[@]} -gt 0 ]; then
  for nv in "${metas[@]}"; do
    n=${nv%%=*}; v=${nv#*=}; d="$out/dist-info/${n//-/_}-$v.dist-info"
    mkdir -p "$d"; printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' "$n" "$v" > "$d/METADATA"
  done
  pp+=("$out/dist-info")
fi
pp+=("$here" "${paths[@]}")  # $here: check_images.py, shared by the checks
binds=(--bind "$repo" --bind "$out")
ld=
if [ -n "${IRG_EVAL_OPENBLAS:-}" ]; then
  ld="$(cd "$IRG_EVAL_OPENBLAS" && pwd)"; binds+=(--bind "$ld")
fi
for p in "${paths[@]}" "${extra[@]}"; do binds+=(--bind "$p"); done
script="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; shift
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
"$repo/scripts/cpu-env/trixie-root.sh" exec "${binds[@]}" -- \
  env PYTHONPATH="$(IFS=:; echo "${pp[*]}")" LD_LIBRARY_PATH="$ld" OMP_NUM_THREADS="$OMP_NUM_THREADS" \
  OPENBLAS_NUM_THREADS="$OMP_NUM_THREADS" python3 "$script" "$@" --out "$out"
cd "$repo"
mvn -q -B -o -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dirgeval.test.excludedGroups=none "-D$prop=$out"
echo "real-architecture-check: $out/java_result.json"

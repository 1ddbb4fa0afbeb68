#!/usr/bin/env bash
# OneIG's real-architecture check (docs/oneig.md, "Real-architecture check"): CSD and the StyleEncoder built from the
# official code with seeded random weights, the official embedding classes vs the export scripts -> DJL.
#
#   check_real_architecture.sh ONEIG_TREE CLIP_TREE FTFY_TREE WCWIDTH_TREE TRANSFORMERS_TREE HF_HUB_TREE [OUT]
#
# Trees: OneIG-Bench/OneIG-Benchmark, openai/CLIP, rspeer/python-ftfy, jquast/wcwidth, huggingface/transformers and
# huggingface/huggingface_hub, each a checkout at the commit/tag named in docs/oneig.md. OUT defaults to
# benchmarks/oneig/target/real-architecture. Needs root (trixie-root.sh) and Maven with the DJL artifacts.
set -euo pipefail
[ $# -ge 6 ] || { sed -n '2,9p' "$0" >&2; exit 1; }
here="$(cd "$(dirname "$0")" && pwd)"
out="${7:-$here/../target/real-architecture}"
ver() { sed -n 's/^__version__ = "\(.*\)"/\1/p' "$1" | head -1; }
exec "$here/../../../scripts/cpu-env/real-architecture-check.sh" --module benchmarks/oneig \
  --test OneIgRealArchitectureCheckTest --property irgeval.realcheck.oneig --out "$out" \
  --path "$2" --path "$3" --path "$4" --path "$5/src" --path "$6/src" --path "$1" \
  --meta "transformers=$(ver "$5/src/transformers/__init__.py")" \
  --meta "huggingface-hub=$(ver "$6/src/huggingface_hub/__init__.py")" \
  -- "$here/check_real_architecture.py" --oneig "$(cd "$1" && pwd)"

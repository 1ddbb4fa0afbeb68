#!/usr/bin/env bash
# GenEval's real-architecture check (docs/geneval.md, "Real-architecture check"): the real CLIP ViT-L/14 of
# open_clip with seeded random weights, the official color_classification vs export_clip.py -> DJL ClipColorClassifier.
#
#   check_real_architecture.sh GENEVAL_TREE OPEN_CLIP_TREE CLIP_BENCHMARK_TREE FTFY_TREE WCWIDTH_TREE [OUT]
#
# Trees: djghosh13/geneval, mlfoundations/open_clip (v2.20.0), LAION-AI/CLIP_benchmark (v1.4.0), rspeer/python-ftfy,
# jquast/wcwidth, each a checkout at the tag named in docs/geneval.md. OUT defaults to
# benchmarks/geneval/target/real-architecture. Needs root (trixie-root.sh) and Maven with the DJL artifacts.
# IRG_EVAL_CHECK_ARGS: extra arguments for check_real_architecture.py (e.g. --seed 1, --images 12, --reuse-export).
set -euo pipefail
[ $# -ge 5 ] || { sed -n '2,9p' "$0" >&2; exit 1; }
here="$(cd "$(dirname "$0")" && pwd)"
out="${6:-$here/../target/real-architecture}"
exec "$here/../../../scripts/cpu-env/real-architecture-check.sh" --module benchmarks/geneval \
  --test RealArchitectureCheckTest --property irgeval.realcheck.geneval --out "$out" \
  --path "$2/src" --path "$3" --path "$4" --path "$5" --path "$1" \
  -- "$here/check_real_architecture.py" --geneval "$(cd "$1" && pwd)" ${IRG_EVAL_CHECK_ARGS:-}

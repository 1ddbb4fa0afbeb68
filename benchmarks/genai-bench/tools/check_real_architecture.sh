#!/usr/bin/env bash
# GenAI-Bench's real-architecture check (docs/genai-bench.md, "Real-architecture check"): CLIP-FlanT5 built from the
# official t2v_metrics model code with seeded random weights (real widths, reduced depth), the official loader and
# scoring function vs export_clip_flant5.py -> DJL (ClipT5Prompt + ClipT5Preprocess + ClipFlanT5Model).
#
#   check_real_architecture.sh --t2v DIR --transformers DIR --hub DIR [--out DIR] [-- CHECK_ARGS...]
#
# Each DIR is a checkout, at the commit/tag docs/genai-bench.md names, of: linzhiqiu/t2v_metrics,
# huggingface/transformers, huggingface/huggingface_hub. CHECK_ARGS go to check_real_architecture.py (--variant,
# --t5-layers, --vision-layers, --images, --seed). OUT defaults to benchmarks/genai-bench/target/real-architecture.
# Needs root (trixie-root.sh) and Maven with the DJL artifacts; IRG_EVAL_OPENBLAS as real-architecture-check.sh says.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
declare -A t=()
out="$here/../target/real-architecture"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --t2v|--transformers|--hub) t[${1#--}]="$(cd "$2" && pwd)"; shift 2 ;;
    --) shift; break ;;
    *) sed -n '2,11p' "$0" >&2; exit 1 ;;
  esac
done
for k in t2v transformers hub; do
  [ -n "${t[$k]:-}" ] || { echo "check_real_architecture: --$k DIR is missing" >&2; sed -n '2,11p' "$0" >&2; exit 1; }
done
ver() { sed -n 's/^__version__ = "\(.*\)"/\1/p' "$1" | head -1; }
exec "$here/../../../scripts/cpu-env/real-architecture-check.sh" --module benchmarks/genai-bench \
  --test GenAiRealArchitectureCheckTest --property irgeval.realcheck.genai --out "$out" \
  --path "${t[transformers]}/src" --path "${t[hub]}/src" --bind "${t[t2v]}" \
  --meta "transformers=$(ver "${t[transformers]}/src/transformers/__init__.py")" \
  --meta "huggingface-hub=$(ver "${t[hub]}/src/huggingface_hub/__init__.py")" \
  -- "$here/check_real_architecture.py" --t2v "${t[t2v]}" "$@"

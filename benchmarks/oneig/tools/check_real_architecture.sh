#!/usr/bin/env bash
# OneIG's real-architecture check (docs/oneig.md, "Real-architecture check"): CSD, the StyleEncoder and DreamSim built
# from the official code with seeded random weights; the official embedding classes vs the export scripts -> DJL.
#
#   check_real_architecture.sh --oneig DIR --clip DIR --ftfy DIR --wcwidth DIR --transformers DIR --hub DIR \
#       --accelerate DIR --dreamsim DIR --peft DIR --open-clip DIR --dino DIR [--parts csd,se,dreamsim] [--out DIR]
#
# Each DIR is a checkout, at the commit/tag docs/oneig.md names, of: OneIG-Bench/OneIG-Benchmark, openai/CLIP,
# rspeer/python-ftfy, jquast/wcwidth, huggingface/transformers, huggingface/huggingface_hub, huggingface/accelerate,
# ssundaram21/dreamsim, huggingface/peft, mlfoundations/open_clip, facebookresearch/dino. OUT defaults to
# benchmarks/oneig/target/real-architecture. Needs root (trixie-root.sh) and Maven with the DJL artifacts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
declare -A t=()
parts=csd,se,dreamsim
out="$here/../target/real-architecture"
while [ $# -gt 0 ]; do
  case "$1" in
    --parts) parts=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --oneig|--clip|--ftfy|--wcwidth|--transformers|--hub|--accelerate|--dreamsim|--peft|--open-clip|--dino)
      t[${1#--}]="$(cd "$2" && pwd)"; shift 2 ;;
    *) sed -n '2,12p' "$0" >&2; exit 1 ;;
  esac
done
for k in oneig clip ftfy wcwidth transformers hub accelerate dreamsim peft open-clip dino; do
  [ -n "${t[$k]:-}" ] || { echo "check_real_architecture: --$k DIR is missing" >&2; sed -n '2,12p' "$0" >&2; exit 1; }
done
ver() { sed -n 's/^__version__ = "\(.*\)"/\1/p' "$1" | head -1; }
exec "$here/../../../scripts/cpu-env/real-architecture-check.sh" --module benchmarks/oneig \
  --test OneIgRealArchitectureCheckTest --property irgeval.realcheck.oneig --out "$out" \
  --path "${t[dreamsim]}" --path "${t[peft]}/src" --path "${t[open-clip]}/src" --path "${t[clip]}" \
  --path "${t[ftfy]}" --path "${t[wcwidth]}" --path "${t[transformers]}/src" --path "${t[hub]}/src" \
  --path "${t[accelerate]}/src" --bind "${t[oneig]}" --bind "${t[dino]}" \
  --meta "transformers=$(ver "${t[transformers]}/src/transformers/__init__.py")" \
  --meta "huggingface-hub=$(ver "${t[hub]}/src/huggingface_hub/__init__.py")" \
  -- "$here/check_real_architecture.py" --oneig "${t[oneig]}" --dino "${t[dino]}" --parts "$parts"

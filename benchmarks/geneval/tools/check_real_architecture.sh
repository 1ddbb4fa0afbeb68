#!/usr/bin/env bash
# GenEval's real-architecture check (docs/geneval.md, "Real-architecture check"): the real CLIP ViT-L/14 of
# open_clip and the real Mask2Former of mmdet 2.x, each with seeded random weights, the official scoring functions
# vs the project's exports run through DJL (ClipColorClassifier, TorchScriptDetector).
#
#   check_real_architecture.sh [--parts clip,detector] [--mmcv MMCV --mmdet MMDET --addict ADDICT]
#       GENEVAL_TREE OPEN_CLIP_TREE CLIP_BENCHMARK_TREE FTFY_TREE WCWIDTH_TREE [OUT]
#
# Trees: djghosh13/geneval, mlfoundations/open_clip (v2.20.0), LAION-AI/CLIP_benchmark (v1.4.0), rspeer/python-ftfy,
# jquast/wcwidth; for the detector part (--parts detector, default clip) open-mmlab/mmcv v1.7.1, an mmdetection 2.x
# tree (mmdet/ and configs/), mewwts/addict v2.4.0; each a checkout at the tag named in docs/geneval.md. OUT defaults
# to benchmarks/geneval/target/real-architecture. Needs root (trixie-root.sh) and Maven with the DJL artifacts.
# IRG_EVAL_CHECK_ARGS: extra arguments for check_real_architecture.py (e.g. --seed 1, --images 12, --reuse-export).
set -euo pipefail
usage() { sed -n '2,13p' "$0" >&2; exit 1; }
parts=clip mmcv= mmdet= addict=
while [ $# -gt 0 ]; do
  case "$1" in
    --parts) parts=$2; shift 2 ;;
    --mmcv) mmcv=$2; shift 2 ;;
    --mmdet) mmdet=$2; shift 2 ;;
    --addict) addict=$2; shift 2 ;;
    --*) usage ;;
    *) break ;;
  esac
done
[ $# -ge 5 ] || usage
here="$(cd "$(dirname "$0")" && pwd)"
out="${6:-$here/../target/real-architecture}"
tests=() paths=(--path "$2/src" --path "$3" --path "$4" --path "$5" --path "$1")
case ",$parts," in *,clip,*) tests+=(clipColourLogitsMatchTheOfficialFunction) ;; esac
case ",$parts," in
  *,detector,*)
    [ -n "$mmcv" ] && [ -n "$mmdet" ] && [ -n "$addict" ] || {
      echo "check_real_architecture: the detector part needs --mmcv, --mmdet and --addict" >&2; exit 1; }
    paths+=(--path "$mmcv" --path "$mmdet" --path "$addict")
    tests+=(mask2formerDetectionsMatchTheOfficialInference)
    # mmcv imports cv2, yapf and (through torch.utils.cpp_extension) setuptools, mmdet terminaltables and
    # matplotlib: Debian packages, in a root of their own (trixie-root.sh), so the shared root is never rebuilt.
    export IRG_EVAL_TRIXIE_EXTRA="python3-matplotlib python3-opencv python3-setuptools python3-six python3-terminaltables python3-yapf"
    ;;
esac
[ ${#tests[@]} -gt 0 ] || usage
exec "$here/../../../scripts/cpu-env/real-architecture-check.sh" --module benchmarks/geneval \
  --test "RealArchitectureCheckTest#$(IFS=+; echo "${tests[*]}")" --property irgeval.realcheck.geneval --out "$out" \
  "${paths[@]}" -- "$here/check_real_architecture.py" --geneval "$(cd "$1" && pwd)" --parts "$parts" \
  ${IRG_EVAL_CHECK_ARGS:-}

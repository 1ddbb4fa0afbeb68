#!/usr/bin/env bash
# The equality check on one GPU of a machine without network (docs/irg-server-gpu-check.md, "GPU"): everything it
# needs is carried in - this repository, the official trees and the three pure-Python packages; torch, numpy, PIL,
# safetensors and the rest come from the machine's image.
#
#   gpu_run.sh --official-repo IRG --bagel-repo BAGEL --packages DIR [--work DIR] [--mutations] [-- GPU_CHECK_ARGS]
#
# DIR as for cpu_check.sh (DIR/<any>/src/<package>). Default: --device cuda:0, 256x256, 8 timesteps, 24 think tokens.
# First with the carried stack (transformers 4.44.2, huggingface_hub 0.24.6, accelerate 0.34.2 ahead of the image's
# own); if that run dies before its RESULT line (an import or API failure of the carried stack against the image's
# torch), once more with the image's own transformers/accelerate, and says so. --mutations as in cpu_check.sh.
# Exit status: that of the run that printed RESULT (0: passed), 3 when neither did.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
server="$(dirname "$here")"
# shellcheck source=check_args.sh
source "$here/check_args.sh"
parse_check_args gpu_run "$@"
tmp="$(mktemp -d /tmp/irg-gpu-run.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
[ -n "$work" ] || work="$tmp/work"

pkgs=()
for name in transformers huggingface_hub accelerate; do
  hits=()
  for d in "$packages"/*/src/"$name" "$packages/$name"; do [ -f "$d/__init__.py" ] && hits+=("$d"); done
  [ ${#hits[@]} -eq 1 ] || { echo "gpu_run: need exactly one $name tree in $packages, found ${#hits[@]}" >&2; exit 2; }
  pkgs+=("${hits[0]}")
done
# the carried transformers 4.44.2 refuses the image's newer tokenizers at import: the stand-in is forced
bash "$here/make_site.sh" "$tmp/site" force "${pkgs[@]}"

check() {   # PYTHONPATH, log, gpu_check arguments...
  local pp="$1" log="$2"; shift 2
  (cd "$server" && PYTHONPATH="$pp" python3 -m gpu_check.gpu_check --device cuda:0 --official-repo "$official" \
    --bagel-repo "$bagel" --work "$work" --resolution 256 --timesteps 8 --max-tokens 24 "$@") 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

python3 -c "import sys, torch; print('INFO python', sys.version.split()[0], 'torch', torch.__version__, 'cuda', torch.version.cuda, torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'NO CUDA DEVICE')"
stack="$tmp/site"
status=0
check "$stack" "$tmp/run.log" "${extra[@]}" || status=$?
if ! grep -q '^RESULT ' "$tmp/run.log"; then
  echo "INFO the carried stack did not reach a result (exit $status); fallback: the image's own transformers/accelerate"
  python3 -c "import transformers, accelerate; print('INFO image stack: transformers', transformers.__version__, 'accelerate', accelerate.__version__)" || true
  stack=""
  status=0
  check "" "$tmp/run.log" "${extra[@]}" || status=$?
  grep -q '^RESULT ' "$tmp/run.log" || { echo "gpu_run: neither stack reached a result"; exit 3; }
fi
if [ "$mutations" = 1 ]; then
  for name in turn1-text-cfg-after-prompt image-without-vit turn2-text-cfg-of-turn1 image-cfg-without-think; do
    rc=0
    check "$stack" "$tmp/mut.log" --mutate "$name" --skip-bagel --skip-http "${extra[@]}" >/dev/null || rc=$?
    if [ "$rc" = 0 ]; then echo "FAIL mutation $name: the check exited 0 on a mutated server"; status=1
    else echo "PASS mutation $name: the check exited $rc ($(grep '^RESULT ' "$tmp/mut.log" || echo 'no RESULT'))"; fi
  done
fi
echo "gpu_run: exit $status"
exit "$status"

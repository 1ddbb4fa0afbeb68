#!/usr/bin/env bash
# A Debian trixie root with PyTorch 2.6 from Debian's own packages, for the CPU proofs that run official model code
# (pipelines/irg-server/gpu_check, benchmarks/*/scripts/check_*): bookworm's python3-torch 1.13 lacks
# torch.nn.attention, which BAGEL's and IRG's code import. Built once with mmdebstrap from Debian's packages only
# (no pip, no other registry), cached, and rebuilt only when the package list below changes.
#
#   trixie-root.sh ensure                         build the root if it is missing or stale; print its path
#   trixie-root.sh exec [--bind DIR]... -- CMD... run CMD inside the root; each DIR is visible at the same path
#
# `exec` runs in a private mount namespace (unshare -m): /proc, /dev, /tmp and the bound folders are mounted there
# only, so they disappear with the command whatever way it ends - nothing to tear down, nothing left mounted.
# Needs root (mmdebstrap's root mode, unshare, chroot). IRG_EVAL_TRIXIE_ROOT overrides the cache folder.
# IRG_EVAL_TRIXIE_EXTRA="pkg pkg...": Debian packages one check needs on top of the list below (GenEval's detector
# check: python3-opencv, python3-addict...). They go into a separate root (trixie-root+<hash of the extras>, unless
# IRG_EVAL_TRIXIE_ROOT names one), so the shared root other checks use is never rebuilt for them.
set -euo pipefail

read -r -a EXTRA <<< "${IRG_EVAL_TRIXIE_EXTRA:-}"
if [ ${#EXTRA[@]} -gt 0 ]; then
  suffix="+$(printf '%s\n' "${EXTRA[@]}" | sort -u | sha256sum | cut -c1-12)"
else
  suffix=
fi
ROOT="${IRG_EVAL_TRIXIE_ROOT:-${HOME}/.cache/irg-eval/trixie-root$suffix}"
# Keep sorted; any change rebuilds the root (the list's hash is stored in the root's stamp).
PACKAGES=(
  python3 python3-einops python3-filelock python3-fsspec python3-numpy python3-packaging
  python3-pil python3-protobuf python3-psutil python3-regex python3-requests python3-safetensors python3-scipy
  python3-sentencepiece python3-torch python3-torchvision python3-tqdm python3-typing-extensions python3-yaml
)
STAMP="$ROOT/.irg-eval-stamp"

PACKAGES+=("${EXTRA[@]}")

want_stamp() { printf '%s\n' trixie "${PACKAGES[@]}" | sha256sum | cut -c1-64; }

ensure() {
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(want_stamp)" ]; then
    echo "$ROOT"; return 0
  fi
  command -v mmdebstrap >/dev/null 2>&1 || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 && apt-get install -y -q --no-install-recommends mmdebstrap >&2
  }
  tmp="$ROOT.building-$$"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$ROOT")"
  trap 'rm -rf "${tmp:-}"' EXIT
  echo "trixie-root: building $ROOT (mmdebstrap, Debian trixie, ${#PACKAGES[@]} packages; several minutes)" >&2
  local inc; inc=$(IFS=,; echo "${PACKAGES[*]}")
  mmdebstrap --mode=root --variant=apt --include="$inc" trixie "$tmp" >&2
  want_stamp > "$tmp/.irg-eval-stamp"
  rm -rf "$ROOT"
  mv "$tmp" "$ROOT"
  trap - EXIT
  echo "$ROOT"
}

run_inside() {
  local binds=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --bind) binds+=("$(cd "$2" && pwd)"); shift 2 ;;
      --) shift; break ;;
      *) echo "trixie-root: unknown option $1 (usage: exec [--bind DIR]... -- CMD...)" >&2; exit 1 ;;
    esac
  done
  [ $# -gt 0 ] || { echo "trixie-root: exec needs a command after --" >&2; exit 1; }
  ensure >/dev/null
  # The child shell does the mounts inside the new namespace; its arguments: root, bind count, binds..., command...
  exec unshare -m --propagation private bash -euc '
    root=$1; n=$2; shift 2
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs tmpfs "$root/tmp"
    for ((i = 0; i < n; i++)); do
      mkdir -p "$root$1"; mount --bind "$1" "$root$1"; shift
    done
    exec chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
      PYTHONDONTWRITEBYTECODE=1 OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(nproc)}" "$@"
  ' bash "$ROOT" "${#binds[@]}" "${binds[@]}" "$@"
}

case "${1:-}" in
  ensure) ensure ;;
  exec) shift; run_inside "$@" ;;
  *) sed -n '2,12p' "$0" >&2; exit 1 ;;
esac

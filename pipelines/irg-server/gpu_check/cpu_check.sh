#!/usr/bin/env bash
# The equality check (gpu_check.py) on the CPU, inside a Debian trixie root built from Debian's packages only
# (scripts/cpu-env/trixie-root.sh: python3-torch 2.6, numpy, PIL, safetensors, ...), with the three pure-Python
# packages the official code needs and Debian lacks - transformers 4.44.2, huggingface_hub 0.24.6, accelerate
# 0.34.2 - taken from their release-tag source trees (docs/irg-server-gpu-check.md says how to obtain them).
#
#   cpu_check.sh --official-repo IRG --bagel-repo BAGEL --packages DIR [--work DIR] [--mutations] [-- GPU_CHECK_ARGS]
#
# DIR holds the three source trees, each as its checkout (DIR/<any>/src/<package>/__init__.py, e.g.
# DIR/transformers@v4.44.2/src/transformers) or as the bare package (DIR/<package>/__init__.py).
# Default check: 128x128, 4 timesteps, 24 think tokens (--resolution/--timesteps/--max-tokens after -- change it).
# --mutations: after the check, runs it once per deliberate flow mistake (gpu_check/mutations.py) with --mutate,
# IRG only, and fails unless every one of those runs exits non-zero.
# Exit status: 0 when the check passed (and, with --mutations, every mutated run failed).
#
# Nothing is installed on the host and nothing stays mounted: the root is cached (~/.cache/irg-eval/trixie-root),
# the packages are linked into a site folder on the root's private /tmp, which goes away with the command.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
server="$(dirname "$here")"
repo="$(cd "$server/../.." && pwd)"
# shellcheck source=check_args.sh
source "$here/check_args.sh"
parse_check_args cpu_check "$@"
[ -n "$work" ] || { work="$(mktemp -d /tmp/irg-cpu-check.XXXXXX)"; trap 'rm -rf "$work"' EXIT; }

# one source tree per package; its version is read from the package itself and printed with the result
find_package() {
  local name="$1" hits=()
  for d in "$packages"/*/src/"$name" "$packages/$name"; do
    [ -f "$d/__init__.py" ] && hits+=("$d")
  done
  [ ${#hits[@]} -eq 1 ] || { echo "cpu_check: need exactly one $name tree in $packages, found ${#hits[@]}" >&2; exit 2; }
  echo "${hits[0]}"
}
pkgs=()
for name in transformers huggingface_hub accelerate; do pkgs+=("$(find_package "$name")"); done

root_sh="$repo/scripts/cpu-env/trixie-root.sh"
bash "$root_sh" ensure >/dev/null
binds=(--bind "$repo" --bind "$official" --bind "$bagel" --bind "$work")
for p in "${pkgs[@]}"; do binds+=(--bind "$p"); done

# Inside the root: a site folder with the three packages (make_site.sh says how and why), then gpu_check.
inner='
set -euo pipefail
pkgs=(); while [ "$1" != "--" ]; do pkgs+=("$1"); shift; done; shift
bash "$SERVER/gpu_check/make_site.sh" /tmp/irg-site absent "${pkgs[@]}"
python3 -c "import sys, torch, numpy, PIL; print(\"INFO python\", sys.version.split()[0], \"torch\", torch.__version__, \"numpy\", numpy.__version__, \"PIL\", PIL.__version__)"
cd "$SERVER"
export PYTHONPATH=/tmp/irg-site
exec python3 -m gpu_check.gpu_check "$@"
'
run_check() {
  OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(nproc)}" bash "$root_sh" exec "${binds[@]}" -- \
    /usr/bin/env SERVER="$server" bash -c "$inner" bash "${pkgs[@]}" -- \
    --device cpu --official-repo "$official" --bagel-repo "$bagel" --work "$work" \
    --resolution 128 --timesteps 4 --max-tokens 24 "$@"
}

echo "INFO cpu_check $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, OMP_NUM_THREADS=${OMP_NUM_THREADS:-$(nproc)}"
for t in "$official" "$bagel"; do
  echo "INFO tree $t $(git -C "$t" rev-parse HEAD 2>/dev/null || echo '(not a git checkout)')"
done
status=0
run_check "${extra[@]}" || status=$?
if [ "$mutations" = 1 ]; then
  for name in turn1-text-cfg-after-prompt image-without-vit turn2-text-cfg-of-turn1 image-cfg-without-think; do
    rc=0
    run_check --mutate "$name" --skip-bagel --skip-http "${extra[@]}" || rc=$?
    if [ "$rc" = 0 ]; then
      echo "FAIL mutation $name: the check exited 0 on a mutated server"; status=1
    else
      echo "PASS mutation $name: the check exited $rc"
    fi
  done
fi
echo "cpu_check: exit $status"
exit "$status"

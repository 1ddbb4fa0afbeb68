#!/usr/bin/env bash
# Submits an irg-eval run as a Slurm job array of N shards plus a dependent merge-and-score job (docs/slurm.md).
# Usage: IRG_EVAL_OUT=runs/ckpt-1200 IRG_EVAL_RUN_ARGS="--pipeline irg ..." [IRG_SERVER_CMD=...|IRG_ENDPOINTS=...] \
#          scripts/slurm/submit.sh N [extra sbatch options for the shards, e.g. --gres=gpu:8 --partition=gpu]
# Prints "<array job id> <merge job id>". Per-task options: edit the #SBATCH lines or pass them here.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
n="${1:?usage: submit.sh N [sbatch options]}"; shift
: "${IRG_EVAL_OUT:?set IRG_EVAL_OUT}"
mkdir -p "$IRG_EVAL_OUT"
export IRG_EVAL_SHARDS="$n"
export IRG_EVAL="${IRG_EVAL:-$(cd "$here/../.." && pwd)/irg-eval}"  # absolute: Slurm runs copies of the scripts
array=$(sbatch --parsable --array="0-$((n - 1))${IRG_EVAL_MAX_PARALLEL:+%$IRG_EVAL_MAX_PARALLEL}" \
  --output="$IRG_EVAL_OUT/shard_%A_%a.log" "$@" "$here/shard.sbatch")
array="${array%%;*}"
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$IRG_EVAL_OUT/merge_%j.log" "$here/merge.sbatch")
merge="${merge%%;*}"
echo "$array $merge"

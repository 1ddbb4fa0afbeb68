#!/usr/bin/env bash
# The harness's tail after the last trajectory (issue 14): a generate-only run of all five benchmarks at their default
# official sizes (GenEval 553x4, WISE 1000, TIIF testmini 554, GenAI-Bench 527, OneIG-EN 1120x4: 8,773 trajectories)
# against N loopback simulators, then the manifest's
# exports.seconds_after_last_trajectory and the summary's time. A measurement, not a test: it takes minutes.
#
#   scripts/perf/export-tail.sh DATA OUT [ENDPOINTS=8] [PAYLOAD=blocks|realistic] [IMAGE_LATENCY=fixed:100] [LIMIT]
#
# The simulators are serial (one trajectory at a time, like one GPU); their text stages take 10 ms, image stages
# IMAGE_LATENCY. LIMIT caps the prompts per benchmark (realistic payloads cost the harness ~0.1 s of CPU per image on
# 2 cores, so a realistic measurement there uses fewer prompts).
set -euo pipefail
data=$1 out=$2 n=${3:-8} payload=${4:-blocks} latency=${5:-fixed:100} limit=${6:-}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$here/irg-eval" --version >/dev/null # builds the jar on first use
cp="$here/cli/target/irg-eval.jar:$(cat "$here/cli/target/classpath.txt")"
size=64
if [ "$payload" = realistic ]; then size=0; fi
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
endpoints=()
for i in $(seq 0 $((n - 1))); do
  port=$((18300 + i))
  java -Xmx512m -cp "$cp" org.irgeval.pipeline.irg.sim.IrgSimulator --port "$port" --name "tail-$i" --serial true \
    --capacity 2 --text-latency fixed:10 --image-latency "$latency" --payload "$payload" --image-size "$size" \
    --seed $((1000 + i)) --data "$data" >"$out.sim-$i.log" 2>&1 &
  pids+=($!)
  endpoints+=(--endpoint "http://127.0.0.1:$port")
done
for i in $(seq 0 $((n - 1))); do
  until curl -sf "http://127.0.0.1:$((18300 + i))/v1/health" >/dev/null; do sleep 0.2; done
done
start=$(date +%s.%N)
"$here/irg-eval" run --pipeline irg "${endpoints[@]}" --concurrency 2 --preset irg-paper --data "$data" \
  --benchmarks geneval,wise,tiif,genai-bench,oneig ${limit:+--limit "$limit"} --generate-only --out "$out"
end=$(date +%s.%N)
python3 - "$out" "$start" "$end" <<'PY'
import json, sys
run, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
m = json.load(open(run + "/manifest.json"))
s = json.load(open(run + "/summary.json"))
e = m["exports"]
traj = sum(1 for _ in open(run + "/trajectories.jsonl"))
print(json.dumps({"trajectories": traj, "wall_s": round(end - start, 1),
                  "exports_seconds_after_last_trajectory": e.get("seconds_after_last_trajectory"),
                  "summary_s": round(s.get("summary_computation", {}).get("seconds", -1), 2),
                  "exports": e}, indent=1))
PY

#!/usr/bin/env bash
# How the log reserves disk space, measured: Rivulet's encode + append with fallocate(2) (the default on
# Linux) and with zeros written by plain writes (-Drivulet.storage.noFallocate=true), and Chronicle Queue
# as the peer, one JMH fork each, taking turns, for ROUNDS rounds. Prints one CSV row per fork: the median
# of its measured iterations, with the load average when it started.
#
#   ./benchmarks/append-fallocate-ab.sh              # 3 rounds, 1 KiB and 100 B (≈ 10 min)
#   ROUNDS=1 SIZES=1024 ./benchmarks/append-fallocate-ab.sh
#
# Needs the jar: ./mvnw -B -q -o -pl benchmarks -am -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-3}"
SIZES="${SIZES:-1024 100}"
mkdir -p benchmarks/results
out="benchmarks/results/append-fallocate-vs-zeros-$(date -u +%Y%m%dT%H%M%SZ).csv"
tmp="$(mktemp -d -t append-fallocate-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
echo "round,variant,size,records_per_s,load" > "$out"
for round in $(seq 1 "$ROUNDS"); do
  for size in $SIZES; do
    for variant in zeros fallocate cq; do
      load="$(cut -d' ' -f1 /proc/loadavg)"
      case "$variant" in
        fallocate) bench='AppendBenchmark.encodeAndAppend$'; extra=() ;;
        zeros) bench='AppendBenchmark.encodeAndAppend$'; extra=(-jvmArgsPrepend -Drivulet.storage.noFallocate=true) ;;
        cq) bench='ChronicleQueueAppendBenchmark.append$'; extra=() ;;
      esac
      java -jar benchmarks/target/benchmarks.jar "io.rivulet.benchmarks.$bench" -p recordSize="$size" -f 1 \
        -wi 2 -i 3 -w 2 -r 3 ${extra[@]+"${extra[@]}"} -rf json -rff "$tmp/run.json" > "$tmp/run.log" 2>&1 \
        || { echo "failed: $variant $size"; tail -20 "$tmp/run.log"; exit 1; }
      python3 - "$tmp/run.json" "$round" "$variant" "$size" "$load" >> "$out" <<'PY'
import json, statistics, sys
path, rnd, variant, size, load = sys.argv[1:]
runs = json.load(open(path))[0]["primaryMetric"]["rawData"]
print(f"{rnd},{variant},{size},{statistics.median([x for fork in runs for x in fork]):.0f},{load}")
PY
      tail -1 "$out"
    done
  done
done
echo "results: $out"

#!/usr/bin/env bash
# The append comparison on a shared machine: Rivulet (encode + append through a builder, and encoded in
# place in the segment) and Chronicle Queue, one JMH fork each, taking turns in a rotating order, for
# ROUNDS rounds, so a change of load hits every contender. Prints, per benchmark and record size, the
# median of all measured iterations and the Rivulet / CQ ratios, both of the medians and paired per round.
#
#   ./benchmarks/append-rounds.sh                      # 5 rounds, 100 B and 1 KiB (≈ 10 min)
#   ROUNDS=3 SIZES=1024 ./benchmarks/append-rounds.sh  # fewer
#   ./benchmarks/append-rounds.sh --report benchmarks/results/append-rounds-STAMP.csv
#
# Settings: ROUNDS (5), SIZES ("100 1024"), JMH_OPTS (-wi 2 -i 3 -w 2 -r 3), BUILD (1: package the jar
# offline first), RESULTS_DIR (benchmarks/results), BENCH_DIR (where both systems write; default the system
# temp dir; BENCH_DIR=/dev/shm/x is the tmpfs control, where fsync costs nothing: label it as such). Leaves append-rounds-STAMP.csv: one row per measured
# iteration (round, benchmark, size, iteration, records/s, load average when the fork started).
set -euo pipefail
cd "$(dirname "$0")/.."

report() {
  python3 - "$1" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
sizes = sorted({int(r["size"]) for r in rows})
names = ["encodeAndAppend", "encodeInPlace", "cq.append"]
def scores(name, size, rnd=None):
    return [float(r["records_per_s"]) for r in rows
            if r["benchmark"] == name and int(r["size"]) == size and (rnd is None or r["round"] == rnd)]
rounds = sorted({r["round"] for r in rows}, key=int)
loads = [float(r["load"]) for r in rows]
print(f"{len(rounds)} rounds, load average {min(loads):.1f}-{max(loads):.1f} at fork starts")
print(f"{'size':>5} {'benchmark':<16} {'median M rec/s':>14} {'min-max':>14} {'/ CQ (medians)':>15} {'/ CQ paired per round':>34}")
for size in sizes:
    cq = statistics.median(scores("cq.append", size)) if scores("cq.append", size) else None
    for name in names:
        s = scores(name, size)
        if not s:
            continue
        med = statistics.median(s)
        ratio = f"{med / cq:.2f}" if cq and name != "cq.append" else "-"
        paired = []
        if name != "cq.append":
            for rnd in rounds:
                a, c = scores(name, size, rnd), scores("cq.append", size, rnd)
                if a and c:
                    paired.append(statistics.median(a) / statistics.median(c))
        pr = (f"median {statistics.median(paired):.2f} ({', '.join(f'{p:.2f}' for p in paired)})" if paired else "-")
        print(f"{size:>5} {name:<16} {med/1e6:>14.3f} {min(s)/1e6:>6.3f}-{max(s)/1e6:<6.3f} {ratio:>15} {pr:>34}")
PY
}

if [ "${1:-}" = "--report" ]; then
  report "$2"
  exit 0
fi

ROUNDS="${ROUNDS:-5}"
SIZES="${SIZES:-100 1024}"
JMH_OPTS="${JMH_OPTS:--wi 2 -i 3 -w 2 -r 3}"
RESULTS_DIR="${RESULTS_DIR:-benchmarks/results}"
if [ "${BUILD:-1}" = "1" ]; then
  ./mvnw -B -q -o package -DskipTests -pl benchmarks -am
fi
mkdir -p "$RESULTS_DIR"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
csv="$RESULTS_DIR/append-rounds-$stamp${BENCH_DIR:+-custom-dir}.csv"
dir_opts=()
if [ -n "${BENCH_DIR:-}" ]; then
  dir_opts=(-jvmArgsPrepend "-Drivulet.bench.dir=$BENCH_DIR")
  echo "writing to $BENCH_DIR" > "${csv%.csv}.dir"
fi
tmp="$(mktemp -d -t append-rounds-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
echo "round,benchmark,size,iteration,records_per_s,load" > "$csv"

benches=("AppendBenchmark.encodeAndAppend" "AppendBenchmark.encodeInPlace" "ChronicleQueueAppendBenchmark.append")
for round in $(seq 1 "$ROUNDS"); do
  for size in $SIZES; do
    for k in 0 1 2; do
      bench="${benches[$(( (k + round) % 3 ))]}"
      load="$(cut -d' ' -f1 /proc/loadavg)"
      json="$tmp/r$round-$size-$k.json"
      # shellcheck disable=SC2086
      java -jar benchmarks/target/benchmarks.jar "io.rivulet.benchmarks.$bench\$" -p recordSize="$size" -f 1 $JMH_OPTS "${dir_opts[@]}" \
        -rf json -rff "$json" > "$tmp/r$round-$size-$k.log" 2>&1 || { echo "failed: $bench $size"; tail -20 "$tmp/r$round-$size-$k.log"; exit 1; }
      python3 - "$json" "$round" "$size" "$load" >> "$csv" <<'PY'
import json, sys
path, rnd, size, load = sys.argv[1:]
for b in json.load(open(path)):
    name = b["benchmark"].rsplit(".", 2)
    label = "cq.append" if name[-2] == "ChronicleQueueAppendBenchmark" else name[-1]
    for fork in b["primaryMetric"]["rawData"]:
        for i, v in enumerate(fork, 1):
            print(f"{rnd},{label},{size},{i},{v:.1f},{load}")
PY
      echo "round $round, ${size} B: $bench done (load $load)"
    done
  done
done
echo "results: $csv"
report "$csv"

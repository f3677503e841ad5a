#!/usr/bin/env bash
# Rivulet's embedded engine (`rivulet perf`) against Chronicle Queue (QueuePerf) on the same records,
# alternating runs in one session so both see the same machine. Prints each run's JSON line and a
# table of medians with the Rivulet / Chronicle Queue ratio.
#
#   ./benchmarks/compare-engine.sh                 # 100 B and 1 KiB, produce and e2e, 3 runs each
#   RUNS=5 RECORDS=5000000 ./benchmarks/compare-engine.sh
#   THROUGHPUT=100000 ./benchmarks/compare-engine.sh   # pace e2e writers at 100 k records/s
#   WARMUP=0 ./benchmarks/compare-engine.sh        # cold JVMs: no unmeasured records first (default 2,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-3}"
RECORDS="${RECORDS:-2000000}"
THROUGHPUT="${THROUGHPUT:--1}"
WARMUP="${WARMUP:-2000000}"
SIZES="${SIZES:-100 1024}"
MODES="${MODES:-produce e2e}"

./mvnw -B -q package -DskipTests -pl engine,benchmarks -am
flags=$(sed -n 's:.*<rivulet.jvm.flags>\(--[^<]*\)</rivulet.jvm.flags>.*:\1:p' pom.xml | head -1)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

field() { # field NAME JSON_LINE -> value
  sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" <<<"$2"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%-8s %-6s %-10s %14s %14s %8s %10s %10s\n' mode size system "rec/s(median)" "MB/s(median)" ratio p99_ms p999_ms
for mode in $MODES; do
  for size in $SIZES; do
    : >"$scratch/riv" ; : >"$scratch/cq"
    for run in $(seq "$RUNS"); do
      extra=()
      if [ "$mode" = e2e ] && [ "$THROUGHPUT" != "-1" ]; then extra=(--throughput "$THROUGHPUT"); fi
      riv=$(java $flags -Xmx1g -jar engine/target/rivulet.jar perf "$mode" "perf-$mode-$size-$run" \
              --data-dir "$scratch/data-$run" --records "$RECORDS" --record-size "$size" --partitions 1 \
              --warmup-records "$WARMUP" \
              "${extra[@]}" 2>/dev/null | tail -1)
      rm -rf "$scratch/data-$run"
      cq=$(java $flags -Xmx1g -cp benchmarks/target/benchmarks.jar io.rivulet.benchmarks.QueuePerf \
              "$mode" "$RECORDS" "$size" "$THROUGHPUT" "$WARMUP" 2>/dev/null | tail -1)
      echo "rivulet $riv" >&2
      echo "queue   $cq" >&2
      echo "$riv" >>"$scratch/riv"
      echo "$cq" >>"$scratch/cq"
    done
    for sys in riv cq; do
      rate=$(while read -r l; do field records_per_sec "$l"; done <"$scratch/$sys" | median)
      mb=$(while read -r l; do field mb_per_sec "$l"; done <"$scratch/$sys" | median)
      p99=$(while read -r l; do field p99_ms "$l"; done <"$scratch/$sys" | grep -v null | median || true)
      p999=$(while read -r l; do field p999_ms "$l"; done <"$scratch/$sys" | grep -v null | median || true)
      eval "rate_$sys=$rate"
      name=$([ $sys = riv ] && echo rivulet || echo chronicle-q)
      ratio=""
      if [ $sys = cq ]; then ratio=$(awk -v a="$rate_riv" -v b="$rate_cq" 'BEGIN {printf "%.2f", a / b}'); fi
      printf '%-8s %-6s %-10s %14.0f %14.1f %8s %10s %10s\n' "$mode" "$size" "$name" "$rate" "$mb" "$ratio" "${p99:--}" "${p999:--}"
    done
  done
done

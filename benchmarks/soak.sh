#!/usr/bin/env bash
# A lifecycle soak, not a benchmark: many short runs that create, fill, roll, retain and close logs — embedded,
# then against one node under remote producers, readers and e2e runs — to catch what only shows when a log
# closes or rolls mid-flight: a JVM crash (an hs_err file), a hang, an unexpected error. Not in the default test
# run. (A crash of this kind — a perf run ended while its log's next segment was being prepared, and the closing
# log released the mapping the preparation was still writing — showed on 2026-12-01.)
#
#   ./benchmarks/soak.sh                                    # 2 minutes embedded, then 3 minutes against a node
#   EMBEDDED_SECONDS=600 NODE_SECONDS=1800 ./benchmarks/soak.sh
#
# Exits 1 if a JVM crashed, a run timed out, the node died, or a run failed with anything but a reader falling
# behind retention (the documented OffsetOutOfRangeException: segments here are 16 MiB and retention keeps 48 MiB,
# so readers of a busy topic do fall behind). Logs stay in the printed directory when something is wrong.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/measure.sh
source benchmarks/lib/measure.sh

EMBEDDED_SECONDS="${EMBEDDED_SECONDS:-120}"
NODE_SECONDS="${NODE_SECONDS:-180}"
RIVULET="${RIVULET:-./rivulet}"
export RIVULET_JAVA_OPTS="${RIVULET_JAVA_OPTS:--Xmx512m}"
riv="$(cd "$(dirname "$RIVULET")" && pwd)/$(basename "$RIVULET")" # absolute: runs start in $work

./mvnw -B -q -o package -DskipTests -pl engine -am 2>/dev/null || ./mvnw -B -q package -DskipTests -pl engine -am
work="$(mktemp -d)"
problems=0
runs=0
behind=0

# Runs one client command with a timeout, in $work (where a crashing JVM leaves its hs_err file); counts it.
run() { # NAME COMMAND...
  local name="$1" rc=0 out
  shift
  out="$work/$name.$runs.log"
  (cd "$work" && timeout 300 "$@") >"$out" 2>&1 || rc=$?
  runs=$((runs + 1))
  if [ "$rc" = 0 ]; then
    rm -f "$out"
  elif [ "$rc" != 124 ] && grep -q "is out of range for" "$out"; then
    behind=$((behind + 1))
    rm -f "$out"
  else
    problems=$((problems + 1))
    log "$name failed (exit $rc): $out"
  fi
}

log "embedded for ${EMBEDDED_SECONDS} s: perf produce and e2e on 16-64 MiB segments, two partitions"
end=$(($(date +%s) + EMBEDDED_SECONDS))
i=0
while [ "$(date +%s)" -lt "$end" ]; do
  i=$((i + 1))
  data="$work/embedded-$i"
  "$riv" topics create t --data-dir "$data" --partitions 2 --config "segment.bytes=$(((RANDOM % 4 + 1) * 16777216))" >/dev/null
  mode=$([ $((i % 2)) = 0 ] && echo produce || echo e2e)
  run "embedded-$mode" "$riv" perf "$mode" t --data-dir "$data" --records $(((RANDOM % 20 + 5) * 100000)) \
    --record-size $((RANDOM % 1000 + 50)) --linger-ms $((RANDOM % 6))
  rm -rf "$data"
done

log "a node for ${NODE_SECONDS} s: 16 MiB segments, 48 MiB retention per partition, three partitions"
printf 'log.segment.bytes=16777216\nlog.retention.bytes=50331648\nlog.retention.check.interval.ms=300\nnum.partitions=3\n' \
  >"$work/node.properties"
port="$(free_port)"
(cd "$work" && exec "$riv" server --data-dir "$work/node" \
  --native-port "$port" --http-port 0 --kafka-port 0 --config "$work/node.properties") >"$work/node.log" 2>&1 &
node=$!
wait_for_port "$port" "$node" "rivulet server"
bootstrap="rivulet://127.0.0.1:$port"
end=$(($(date +%s) + NODE_SECONDS))
# Producers go on until the readers are done, so a reader whose records retention removed gets new ones rather
# than wait for good; a reader that still times out is a hang.
producers() { # in a subshell: counts its own runs and hands them back in a file
  runs=0 problems=0 behind=0
  while [ ! -f "$work/readers.done" ]; do
    run remote-produce "$riv" perf produce s --bootstrap "$bootstrap" --records $(((RANDOM % 20 + 1) * 100000)) \
      --record-size $((RANDOM % 2000 + 20)) --acks "$([ $((RANDOM % 2)) = 0 ] && echo 1 || echo all)"
  done
  echo "$runs $problems $behind" >"$work/producers.count"
}
readers() {
  runs=0 problems=0 behind=0
  while [ "$(date +%s)" -lt "$end" ]; do
    run remote-consume "$riv" perf consume s --bootstrap "$bootstrap" --records $(((RANDOM % 10 + 1) * 100000))
    run remote-e2e "$riv" perf e2e e --bootstrap "$bootstrap" --records 300000 --record-size 200 --throughput 50000
  done
  echo "$runs $problems $behind" >"$work/readers.count"
  touch "$work/readers.done"
}
producers & p1=$!
readers & p2=$!
wait "$p1" "$p2"
for f in producers readers; do
  read -r r p b <"$work/$f.count"
  runs=$((runs + r)); problems=$((problems + p)); behind=$((behind + b))
done
if kill -0 "$node" 2>/dev/null; then
  stop_pid "$node"
else
  problems=$((problems + 1))
  log "the node died: $work/node.log"
fi
if grep -q " ERROR " "$work/node.log"; then
  problems=$((problems + 1))
  log "the node logged errors: $work/node.log"
fi
crashes=$(find "$work" -name 'hs_err_pid*.log' | wc -l)
problems=$((problems + crashes))

log "$runs runs, $behind readers fell behind retention (expected), $crashes JVM crashes, $problems problems"
if [ "$problems" -gt 0 ]; then
  log "logs kept in $work"
  exit 1
fi
rm -rf "$work"

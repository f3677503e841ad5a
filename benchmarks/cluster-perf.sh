#!/usr/bin/env bash
# A three-node cluster on loopback against a single node, in one run on this machine: `rivulet perf produce`
# with acks=all (throughput, p99) on a topic with 3 replicas and min.insync.replicas=2 against the same on a
# single node; then the failover time: a probe writes one acks=all record every 2 ms while the partition's
# leader is killed with SIGKILL, and reports the longest pause between two acknowledgements.
#
#   ./benchmarks/cluster-perf.sh                      # 1,000,000 records of 100 B, median of 3 runs
#   RUNS=1 RECORDS=200000 ./benchmarks/cluster-perf.sh
#
# Every perf run first sends WARMUP records the same way, unmeasured, and one whole run (run 0) goes first
# uncounted on each side, so the JITs are warm: three node JVMs sharing two cores warm up far more slowly than
# one, and cold runs measure that rather than replication.
#
# Settings (environment): RECORDS (1000000), SIZE (100), RUNS (3), WARMUP (1000000; 0 for cold runs),
# FAILOVERS (3 kills, median reported),
# KEEP (1 keeps the nodes' logs and data), HEAP (-Xmx of every JVM, 1g), BASE_PORT (19190: consensus
# ports BASE_PORT+1..3; native ports are picked free), and the failover timeouts of the cluster: SESSION_MS (1000), HEARTBEAT_MS (100), ELECTION_MS (150).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/lib/measure.sh
. benchmarks/lib/measure.sh # median
root="$PWD"

RECORDS="${RECORDS:-1000000}"
SIZE="${SIZE:-100}"
RUNS="${RUNS:-3}"
WARMUP="${WARMUP:-1000000}"
FAILOVERS="${FAILOVERS:-3}"
HEAP="${HEAP:-1g}"
BASE_PORT="${BASE_PORT:-19190}"
SESSION_MS="${SESSION_MS:-1000}"
HEARTBEAT_MS="${HEARTBEAT_MS:-100}"
ELECTION_MS="${ELECTION_MS:-150}"

./mvnw -B -q package -DskipTests -pl engine,benchmarks -am
export RIVULET_JAVA_OPTS="-Xmx$HEAP"
read -r -a jvm_flags < engine/target/rivulet-jvm.flags || true # Chronicle's flags, as ./rivulet passes them
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "nodes' logs and data kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Starts `rivulet server` with the given arguments in the background, logging to $1; its pid goes to $last_pid.
launch_node() {
  local log="$1"; shift
  ./rivulet server --http-port -1 --kafka-port 0 --native-port 0 "$@" > "$log" 2>&1 &
  disown # killing it is part of the benchmark, not news
  last_pid=$!
  pids+=("$last_pid")
}

# Waits until the node logging to $1 is ready; prints its native port.
await_ready() {
  for _ in $(seq 1 900); do
    if grep -q "rivulet server ready" "$1"; then
      sed -nE 's/^native listening on [^:]+:([0-9]+).*/\1/p' "$1"
      return
    fi
    sleep 0.1
  done
  echo "a node did not start; its log:" >&2; cat "$1" >&2; exit 1
}

field() { grep -oE "\"$1\":[0-9.]+" <<< "$2" | head -1 | cut -d: -f2; }

perf() { # bootstrap topic → the JSON line
  ./rivulet perf produce "$2" --records "$RECORDS" --record-size "$SIZE" --acks all \
    --warmup-records "$WARMUP" --bootstrap "$1" 2>/dev/null | tail -1
}

warm_nodes() { # one unmeasured run first: the nodes' JITs, not only the client's, need millions of records
  (( RUNS > 0 && WARMUP > 0 )) || return 0
  echo "  run 0 (not counted): $(perf "$1" bench)"
}

echo "== single node"
launch_node "$work/single.log" --data-dir "$work/single"
single_pid=$last_pid
single_port="$(await_ready "$work/single.log")"
single="rivulet://127.0.0.1:$single_port"
./rivulet topics create bench --partitions 1 --bootstrap "$single" > /dev/null
single_rps=(); single_p99=()
warm_nodes "$single"
for run in $(seq 1 "$RUNS"); do
  json="$(perf "$single" bench)"; echo "  run $run: $json"
  single_rps+=("$(field records_per_sec "$json")"); single_p99+=("$(field p99_ms "$json")")
done
kill -9 "$single_pid"

echo "== three-node cluster"
cat > "$work/cluster.properties" <<PROPS
broker.heartbeat.interval.ms=$HEARTBEAT_MS
broker.session.timeout.ms=$SESSION_MS
controller.quorum.election.timeout.ms=$ELECTION_MS
replica.lag.time.max.ms=5000
PROPS
voters="1@127.0.0.1:$((BASE_PORT + 1)),2@127.0.0.1:$((BASE_PORT + 2)),3@127.0.0.1:$((BASE_PORT + 3))"
declare -A port pid
for n in 1 2 3; do
  launch_node "$work/node-$n.log" --node-id "$n" --cluster "$voters" --data-dir "$work/node-$n" \
    --config "$work/cluster.properties"
  pid[$n]=$last_pid
done
for n in 1 2 3; do port[$n]="$(await_ready "$work/node-$n.log")"; done
cluster="rivulet://127.0.0.1:${port[1]},127.0.0.1:${port[2]},127.0.0.1:${port[3]}"
./rivulet topics create bench --partitions 1 --replication-factor 3 --config min.insync.replicas=2 \
  --bootstrap "$cluster" > /dev/null
cluster_rps=(); cluster_p99=()
warm_nodes "$cluster"
for run in $(seq 1 "$RUNS"); do
  json="$(perf "$cluster" bench)"; echo "  run $run: $json"
  cluster_rps+=("$(field records_per_sec "$json")"); cluster_p99+=("$(field p99_ms "$json")")
done

echo "== failover: kill -9 of the leader while a probe writes every 2 ms"
./rivulet topics create probe --partitions 1 --replication-factor 3 --config min.insync.replicas=2 \
  --bootstrap "$cluster" > /dev/null
pauses=()
for round in $(seq 1 "$FAILOVERS"); do
  # The leader before the probe starts (no kill moves it meanwhile), and the kill once the probe is writing:
  # a CLI call in between can take seconds on a busy machine, long enough for the probe to have finished.
  leader="$(./rivulet topics describe probe --format json --bootstrap "$cluster" | grep -oE '"leader":[0-9-]+' | head -1 | cut -d: -f2)"
  java "${jvm_flags[@]}" -Xmx256m -cp benchmarks/target/benchmarks.jar io.rivulet.benchmarks.FailoverProbe "$cluster" probe 12 \
    > "$work/probe.json" 2> "$work/probe.err" &
  probe=$!
  for _ in $(seq 1 300); do grep -q "probe: writing" "$work/probe.err" && break; sleep 0.1; done
  sleep 1
  kill -0 "$probe" 2>/dev/null || { echo "the probe ended before the kill:" >&2; cat "$work/probe.err" >&2; exit 1; }
  kill -9 "${pid[$leader]}"
  echo "$(date +%T.%3N) round $round: killed node $leader" >> "$work/kills.log" # to line up with the logs
  wait "$probe" || { echo "the probe failed:" >&2; cat "$work/probe.err" >&2; exit 1; }
  echo "  round $round: killed node $leader: $(cat "$work/probe.json")"
  pauses+=("$(field longest_pause_ms "$(cat "$work/probe.json")")")
  mv "$work/node-$leader.log" "$work/node-$leader.log.$round"
  mv "$work/probe.err" "$work/probe.err.$round"
  launch_node "$work/node-$leader.log" --node-id "$leader" --cluster "$voters" --data-dir "$work/node-$leader" \
    --config "$work/cluster.properties"
  pid[$leader]=$last_pid
  await_ready "$work/node-$leader.log" > /dev/null
  for _ in $(seq 1 300); do # back in the ISR before the next kill: else min.insync.replicas, not failover, sets the pause
    isr="$(./rivulet topics describe probe --format json --bootstrap "$cluster" | grep -oE '"isr":\[[0-9,]*\]' | head -1)"
    [[ "$isr" == *,*,* ]] && break
    sleep 0.2
  done
done

s_rps="$(printf '%s\n' "${single_rps[@]}" | median)"; c_rps="$(printf '%s\n' "${cluster_rps[@]}" | median)"
s_p99="$(printf '%s\n' "${single_p99[@]}" | median)"; c_p99="$(printf '%s\n' "${cluster_p99[@]}" | median)"
pause="$(printf '%s\n' "${pauses[@]}" | median)"
echo
if (( RUNS > 0 )); then
  printf '%-34s %14s %10s\n' "acks=all, $SIZE B, 1 partition" "records/s" "p99 ms"
  printf '%-34s %14.0f %10.1f\n' "single node" "$s_rps" "$s_p99"
  printf '%-34s %14.0f %10.1f\n' "3-node cluster, RF 3, min ISR 2" "$c_rps" "$c_p99"
  printf 'cluster / single throughput: %.2f (goal >= 0.50)\n' "$(echo "$c_rps / $s_rps" | bc -l)"
fi
if (( FAILOVERS > 0 )); then
  printf 'failover, SIGKILL to the next acknowledged write: median %.0f ms of %s (goal < 1000 ms)\n' "$pause" "$FAILOVERS"
fi
mkdir -p benchmarks/results
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
printf 'metric,value\nsession_ms,%s\nheartbeat_ms,%s\nelection_ms,%s\nwarmup_records,%s\nsingle_records_per_sec,%s\ncluster_records_per_sec,%s\nsingle_p99_ms,%s\ncluster_p99_ms,%s\nfailover_pause_ms,%s\n' \
  "$SESSION_MS" "$HEARTBEAT_MS" "$ELECTION_MS" "$WARMUP" "$s_rps" "$c_rps" "$s_p99" "$c_p99" "$pause" > "benchmarks/results/cluster-perf-$stamp.csv"

#!/usr/bin/env bash
# Zero-copy fetch against one copy, in one run: `rivulet perf consume --bootstrap` reads the same stored
# records from a `rivulet server` whose fetches hand the log's mapped memory to the socket (the default)
# and from one started with -Drivulet.fetch.copy=true, which copies each frame's batches once into a
# pooled buffer. The runs alternate (wrap, copy, wrap, copy, ...) on one data directory that stays in
# the page cache, and each server serves two reads: the first warms it, the second is measured. Prints
# the consumer's records/s and the server's CPU-seconds per million records, medians and ratios.
#
#   ./benchmarks/compare-fetch-copy.sh                 # 1 KiB and 100 B, 3 pairs
#   PAIRS=1 RECORDS_1024=200000 ./benchmarks/compare-fetch-copy.sh
#
# Settings (environment): PAIRS (3), SIZES ("1024 100"), RECORDS_<SIZE> (1024: 1,000,000; 100:
# 4,000,000), HEAP (1g), RIVULET (./rivulet).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/lib/measure.sh
. benchmarks/lib/measure.sh

PAIRS="${PAIRS:-3}"
SIZES="${SIZES:-1024 100}"
RECORDS_1024="${RECORDS_1024:-1000000}"
RECORDS_100="${RECORDS_100:-4000000}"
HEAP="${HEAP:-1g}"
RIVULET="${RIVULET:-./rivulet}"
clk_tck="$(getconf CLK_TCK)"
scratch="$(mktemp -d -t rivulet-fetch-copy.XXXXXX)"
server_pid=""
trap 'stop_pid "$server_pid"; rm -rf "$scratch"' EXIT

[ -f engine/target/rivulet.jar ] || ./mvnw -B -q -pl engine -am package -DskipTests

# Starts a server on $scratch/data with the JVM options given; sets server_pid and port.
start_server() { # JAVA_OPTS
  local out="$scratch/server.out"
  RIVULET_JAVA_OPTS="-Xmx$HEAP $1" "$RIVULET" server --data-dir "$scratch/data" --native-port 0 \
    --http-port -1 --kafka-port 0 >"$out" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 300); do
    port="$(sed -n 's/.*native listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$out" | head -1)"
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || die "the server exited: $(tail -3 "$out")"
    sleep 0.1
  done
  [ -n "$port" ] || die "the server printed no native port"
  check_is_jvm "$server_pid" "rivulet server"
}

perf() { # MODE TOPIC SIZE RECORDS -> the JSON line
  RIVULET_JAVA_OPTS="-Xmx$HEAP" "$RIVULET" perf "$1" "$2" --record-size "$3" --records "$4" \
    --bootstrap "rivulet://127.0.0.1:$port" 2>"$scratch/perf.err" || die "perf $1 failed: $(tail -2 "$scratch/perf.err")"
}

json_field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }

results="$scratch/results.txt"
: >"$results"
for size in $SIZES; do
  var="RECORDS_$size"
  records="${!var:-1000000}"
  topic="fetch-$size"
  start_server ""
  log "producing $records records of $size B to $topic"
  perf produce "$topic" "$size" "$records" >/dev/null
  stop_pid "$server_pid"
  for pair in $(seq "$PAIRS"); do
    for mode in wrap copy; do
      opts=""; [ "$mode" = copy ] && opts="-Drivulet.fetch.copy=true"
      start_server "$opts"
      perf consume "$topic" "$size" "$records" >/dev/null # warms the server's JIT and the page cache
      before="$(cpu_ticks "$server_pid")"
      line="$(perf consume "$topic" "$size" "$records")"
      after="$(cpu_ticks "$server_pid")"
      stop_pid "$server_pid"
      rate="$(json_field records_per_sec <<<"$line")"
      cpu="$(ticks_to_seconds $((after - before)))"
      echo "$size $mode $rate $(per_million "$cpu" "$records")" >>"$results"
      log "$size B, pair $pair, $mode: $(fmt 0 "$rate") records/s, server $(per_million "$cpu" "$records") CPU-s per million"
    done
  done
done

printf '\n%-6s %-5s %14s %20s\n' size mode 'records/s' 'server CPU-s/M rec'
for size in $SIZES; do
  for mode in wrap copy; do
    rate="$(awk -v s="$size" -v m="$mode" '$1 == s && $2 == m {print $3}' "$results" | median)"
    cpu="$(awk -v s="$size" -v m="$mode" '$1 == s && $2 == m {print $4}' "$results" | median)"
    printf '%-6s %-5s %14s %20s\n' "$size" "$mode" "$(fmt 0 "$rate")" "$(fmt 3 "$cpu")"
    eval "rate_$mode=$rate cpu_$mode=$cpu"
  done
  printf '%-6s wrap/copy: rate %s, server CPU %s\n' "$size" "$(ratio "$rate_wrap" "$rate_copy")" \
    "$(ratio "$cpu_wrap" "$cpu_copy")"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Rivulet over loopback (`rivulet perf` against `rivulet server`) against Apache Kafka (a single-node
# KRaft broker on loopback, driven by its own ProducerPerformance / ConsumerPerformance) on the same
# workload, in one run on this machine. Prints throughput, p99 latency and broker CPU-seconds per
# million records for both and the Rivulet / Kafka ratios; writes a CSV and a PNG chart to
# benchmarks/results/.
#
#   ./benchmarks/compare-kafka.sh                      # 100 B and 1 KiB, acks=1, median of 3 runs
#   RUNS=1 RECORDS_100=300000 RECORDS_1024=100000 PACED_RECORDS=200000 ./benchmarks/compare-kafka.sh
#   RIVULET_MODE=embedded ./benchmarks/compare-kafka.sh  # force the in-process fallback
#   ./benchmarks/compare-kafka.sh --report benchmarks/results/compare-kafka-STAMP.csv
#                                   # table, goals and chart again from a run's CSV, nothing run
#
# Settings (environment):
#   RUNS             runs per workload; medians are reported (default 3; 1 for a quick look)
#   SIZES            record (value) sizes in bytes (default "100 1024")
#   RECORDS_<SIZE>   records per produce/consume run of that size (100: 2,000,000; 1024: 500,000;
#                    other sizes: RECORDS, default 1,000,000)
#   PACED_RATE       records/s of the paced latency run (default 100000; empty or 0 skips it)
#   PACED_SIZES      sizes of the paced run (default 100)
#   PACED_RECORDS    records per paced run (default 500,000 = 5 s at 100 k/s)
#   PACED_WARMUP     records each paced run first sends at the same rate, unmeasured, on both sides
#                    (Rivulet's --warmup-records, ProducerPerformance's --warmup-records; default
#                    3,000,000: a client JVM is still compiling after 1,000,000), so the p99 is of warm
#                    clients; 0 measures them cold. Broker and client CPU of a paced row count them too.
#   PARTITIONS       partitions of every topic (default 1)
#   WARMUP_RECORDS   100 B records each broker takes and serves back, unmeasured, before run 1 (default
#                    2,000,000; 0: none); each other size in SIZES then warms it with one unmeasured run's
#                    worth (RECORDS_<SIZE>). Both brokers were still compiling in run 1 after 500,000.
#   KAFKA_VERSION    Kafka release fetched from the Maven repository (default 4.4.0)
#   RIVULET_MODE     auto (default): over loopback if `rivulet server` opens a native listener and
#                    `perf --bootstrap` works, else the EMBEDDED fallback; or network | embedded
#   RIVULET          the rivulet launcher (default ./rivulet; another build's, or a stand-in to test
#                    this script's network path)
#   HEAP             -Xmx of every JVM, brokers and clients (default 1g)
#   RESULTS_DIR      where the CSVs and the chart go (default benchmarks/results)
#
# Broker CPU is utime + stime of the broker JVM from /proc/PID/stat, read before and after each
# phase; client CPU is each client process's user + system time (bash's `time`). In the EMBEDDED
# fallback there is no broker process: Rivulet's only figure is the whole `rivulet perf` process
# (client, engine and JVM start-up), every Rivulet row is marked EMBEDDED, and the CPU goal is
# checked on client + broker for both systems.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
# shellcheck source=benchmarks/lib/measure.sh
. benchmarks/lib/measure.sh
# shellcheck source=benchmarks/lib/kafka.sh
. benchmarks/lib/kafka.sh

RUNS="${RUNS:-3}"
SIZES="${SIZES:-100 1024}"
RECORDS="${RECORDS:-1000000}"
RECORDS_100="${RECORDS_100:-2000000}"
RECORDS_1024="${RECORDS_1024:-500000}"
PACED_RATE="${PACED_RATE-100000}"
PACED_SIZES="${PACED_SIZES:-100}"
PACED_RECORDS="${PACED_RECORDS:-500000}"
PACED_WARMUP="${PACED_WARMUP:-3000000}"
PARTITIONS="${PARTITIONS:-1}"
WARMUP_RECORDS="${WARMUP_RECORDS:-2000000}"
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
RIVULET_MODE="${RIVULET_MODE:-auto}"
HEAP="${HEAP:-1g}"
RIVULET="${RIVULET:-./rivulet}"

kafka_home="$root/benchmarks/target/kafka-$KAFKA_VERSION"   # gitignored cache of the fetched jars
results_dir="${RESULTS_DIR:-$root/benchmarks/results}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
clk_tck="$(getconf CLK_TCK)"
# Kafka's own start scripts run the broker with a fixed 1 GiB heap and G1 tuned for short pauses;
# the same options go to every JVM here (both brokers, all clients) so neither side gets more.
jvm_opts=(-Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35)

scratch="$(mktemp -d "${TMPDIR:-/tmp}/compare-kafka.XXXXXX")"
kafka_pid=""
rivulet_pid=""
rivulet_port=""
rivulet_net=false

# Stops only the processes this script started, by PID, and removes the scratch directory.
cleanup() {
  stop_pid "$kafka_pid"
  stop_pid "$rivulet_pid"
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

records_for() { # SIZE -> records of a produce/consume run
  local var="RECORDS_$1"
  echo "${!var:-$RECORDS}"
}

# Kafka's fetch, broker and tools (kafka_fetch, kafka_start, kafka_produce, kafka_consume) are in
# lib/kafka.sh; every phase prints one normalised line: records seconds records_per_sec mb_per_sec
# p99_ms (NA where the tool does not measure it). MB are MiB on both sides.

# ---------------------------------------------------------------------------------------------
# Rivulet: build, server, perf
# ---------------------------------------------------------------------------------------------

rivulet_build() {
  # package, not install: the local repository is shared with other work on this machine.
  log "building engine/target/rivulet.jar"
  ./mvnw -B -q -pl engine -am package -DskipTests >&2
}

# The launcher adds the project's JVM flags and execs java, so $! of a background ./rivulet is the
# JVM's own PID (needed for /proc/PID/stat).
rivulet_cmd() { RIVULET_JAVA_OPTS="${jvm_opts[*]}" "$RIVULET" "$@"; }

# The native port `rivulet server --native-port 0` chose, from what it printed on start. The
# contract assumed here is a line "native listening on 127.0.0.1:PORT"; if the server words it
# differently, this is the one place to change.
rivulet_parse_native_port() { # SERVER_OUTPUT_FILE
  sed -n 's/.*native listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$1" | head -1
}

# Starts `rivulet server` with native and HTTP listeners on ports the kernel picks, and checks that
# `perf --bootstrap` can talk to it. Returns non-zero (and leaves no server running) if either part
# does not exist yet, so the caller can fall back to the embedded engine.
rivulet_server_start() {
  local dir="$scratch/rivulet-server" out="$scratch/rivulet-server.out" i
  mkdir -p "$dir"
  # Not through rivulet_cmd: see kafka_start on why $! must be the JVM's PID.
  RIVULET_JAVA_OPTS="${jvm_opts[*]}" "$RIVULET" server --data-dir "$dir" --native-port 0 --http-port 0 --kafka-port 0 >"$out" 2>&1 &
  rivulet_pid=$!
  for i in $(seq 300); do
    rivulet_port="$(rivulet_parse_native_port "$out")"
    [ -n "$rivulet_port" ] && break
    if ! kill -0 "$rivulet_pid" 2>/dev/null; then
      log "rivulet server has no native listener yet: $(grep -m1 -i 'error\|unknown' "$out" || tail -1 "$out")"
      rivulet_pid=""; return 1
    fi
    sleep 0.1
  done
  if [ -z "$rivulet_port" ]; then
    log "rivulet server printed no 'native listening on HOST:PORT' line within 30 s"
    rivulet_stop; return 1
  fi
  if ! rivulet_cmd perf produce bootstrap-probe --bootstrap "rivulet://127.0.0.1:$rivulet_port" \
         --records 1000 --acks 1 >"$scratch/probe.out" 2>&1; then
    log "perf --bootstrap does not work yet: $(grep -m1 'error' "$scratch/probe.out" || tail -1 "$scratch/probe.out")"
    rivulet_stop; return 1
  fi
  check_is_jvm "$rivulet_pid" "rivulet server"
  log "rivulet server pid $rivulet_pid, native listener on 127.0.0.1:$rivulet_port"
}

rivulet_stop() {
  if [ -n "$rivulet_pid" ]; then
    kill "$rivulet_pid" 2>/dev/null || true
    wait "$rivulet_pid" 2>/dev/null || true
    rivulet_pid=""
  fi
}

json_field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" <<<"$2"; }

# One `rivulet perf` run, over the network or embedded; prints the normalised line.
rivulet_perf() { # MODE TOPIC SIZE RECORDS RATE [WARMUP]
  local where=() json err="$scratch/rivulet-perf.err"
  if $rivulet_net; then
    where=(--bootstrap "rivulet://127.0.0.1:$rivulet_port")
  else
    where=(--data-dir "$scratch/rivulet-embedded")
  fi
  local args=(perf "$1" "$2" "${where[@]}" --records "$4" --record-size "$3" --partitions "$PARTITIONS")
  if [ "$1" = produce ]; then args+=(--acks 1 --throughput "$5" --warmup-records "${6:-0}"); fi
  timed "$scratch/rivulet-perf.out" "$err" rivulet_cmd "${args[@]}" \
    || { cat "$err" >&2; die "rivulet perf $1 failed"; }
  json="$(tail -1 "$scratch/rivulet-perf.out")"
  local p99
  p99="$(json_field p99_ms "$json")"; [ "$p99" = null ] && p99=NA
  printf '%s %s %s %s %s\n' "$(json_field records "$json")" "$(json_field seconds "$json")" \
    "$(json_field records_per_sec "$json")" "$(json_field mb_per_sec "$json")" "$p99"
}

# ---------------------------------------------------------------------------------------------
# Phases, results, report
# ---------------------------------------------------------------------------------------------

csv="$results_dir/compare-kafka-$stamp.csv"
summary_csv="$results_dir/compare-kafka-$stamp-summary.csv"
chart="$results_dir/compare-kafka-$stamp.png"

# Runs one phase of one system, reads the broker's CPU around it and appends a CSV row.
# PHASE is produce, consume or paced (produce held to PACED_RATE, for latency).
measure() { # SYSTEM PHASE SIZE RUN TOPIC RECORDS
  local system="$1" phase="$2" size="$3" run="$4" topic="$5" n="$6" rate=-1 warm=0 pid before after res cpu
  if [ "$phase" = paced ]; then rate="$PACED_RATE"; warm="$PACED_WARMUP"; fi
  pid=$([ "$system" = kafka ] && echo "$kafka_pid" || echo "$rivulet_pid")
  if [ -n "$pid" ]; then before="$(cpu_ticks "$pid")"; fi
  case "$system/$phase" in
    kafka/consume)   res="$(kafka_consume "$topic" "$n")" ;;
    kafka/*)         res="$(kafka_produce "$topic" "$size" "$n" "$rate" 1 "$warm")" ;;
    rivulet/consume) res="$(rivulet_perf consume "$topic" "$size" "$n" -1)" ;;
    rivulet/*)       res="$(rivulet_perf produce "$topic" "$size" "$n" "$rate" "$warm")" ;;
  esac
  # Embedded there is no broker process: its CPU is NA and the perf process's (client) CPU is the
  # engine's and the client's together.
  cpu=NA
  if [ -n "$pid" ]; then
    after="$(cpu_ticks "$pid")"
    cpu="$(ticks_to_seconds $((after - before)))"
  fi
  local records seconds rps mbps p99 client per_m total_per_m
  read -r records seconds rps mbps p99 <<<"$res"
  client="$(cat "$scratch/client.cpu")"
  local sent=$(( records + warm )) # the CPU was spent on the warm-up too
  per_m="$(per_million "$cpu" "$sent")"
  total_per_m="$(awk -v b="$cpu" -v c="$client" -v n="$sent" \
    'BEGIN {printf "%.3f", (n > 0 ? ((b == "NA" ? 0 : b) + c) * 1e6 / n : 0)}')"
  echo "$stamp,$commit,$rivulet_label,$system,$phase,$size,$run,$records,$seconds,$rps,$mbps,$p99,$cpu,$client,$per_m,$total_per_m" >>"$csv"
  log "  $system $phase ${size}B run $run: $rps rec/s, $mbps MB/s, p99 $p99 ms, broker CPU $cpu s ($per_m s/M records), client CPU $client s"
}

# Brokers are long-lived: one unmeasured produce run, read back once, warms each up (JIT of both paths,
# page cache, log segments) before the measured runs, as a broker in service would be. The clients
# start cold in every run on both sides. Embedded there is no long-lived process to warm.
# Each size warms the code that size takes (at 1 KiB a request carries 16 records a batch, not 150), or the
# measured 1 KiB runs would charge both brokers for compiling it.
warm_up() {
  [ "$WARMUP_RECORDS" -gt 0 ] || return 0
  local size n
  for size in $(printf '%s\n' 100 $SIZES | sort -nu); do
    if [ "$size" = 100 ]; then n="$WARMUP_RECORDS"; else n="$(records_for "$size")"; fi
    log "warming up the broker(s) with $n records of $size B each (not measured)"
    kafka_create_topic "warmup-$size"
    kafka_produce "warmup-$size" "$size" "$n" -1 >/dev/null
    kafka_consume "warmup-$size" "$n" >/dev/null
    if $rivulet_net; then
      rivulet_perf produce "warmup-$size" "$size" "$n" -1 >/dev/null
      rivulet_perf consume "warmup-$size" "$size" "$n" -1 >/dev/null
    fi
  done
}

run_system() { # SYSTEM RUN: every phase of one system for one run
  local system="$1" run="$2" size n topic
  for size in $SIZES; do
    n="$(records_for "$size")"
    topic="bench-$size-r$run"
    if [ "$system" = kafka ]; then kafka_create_topic "$topic"; fi
    measure "$system" produce "$size" "$run" "$topic" "$n"
    measure "$system" consume "$size" "$run" "$topic" "$n"
  done
  if paced_on; then
    for size in $PACED_SIZES; do
      topic="paced-$size-r$run"
      if [ "$system" = kafka ]; then kafka_create_topic "$topic"; fi
      measure "$system" paced "$size" "$run" "$topic" "$PACED_RECORDS"
    done
  fi
}

column_median() { # SYSTEM PHASE SIZE COLUMN (1-based in the CSV) -> median over runs, NA if none
  awk -F, -v s="$1" -v p="$2" -v z="$3" -v c="$4" '$4 == s && $5 == p && $6 == z && $c != "NA" {print $c}' "$csv" | median
}

# Medians per system, phase and size into m_<system>_<phase>_<size> = "rec/s MB/s p99 brokerCPU/M
# totalCPU/M"; the table on stdout and the summary CSV.
report() {
  local phase size sys label i k r
  local -a v
  echo "phase,size,system,records_per_sec,mb_per_sec,p99_ms,broker_cpu_s_per_m_records,total_cpu_s_per_m_records" >"$summary_csv"
  printf '\n%-8s %-6s %-17s %11s %8s %9s %15s %15s\n' phase size system "rec/s" "MB/s" "p99 ms" \
    "broker CPU-s/M" "+client CPU-s/M"
  for phase in produce consume paced; do
    # shellcheck disable=SC2086 # SIZES and PACED_SIZES are lists of words
    for size in $(printf '%s\n' $SIZES $PACED_SIZES | sort -nu); do
      [ "$(awk -F, -v p="$phase" -v z="$size" '$5 == p && $6 == z' "$csv" | wc -l)" -gt 0 ] || continue
      for sys in kafka rivulet; do
        v=()
        for i in 10 11 12 15 16; do v+=("$(column_median "$sys" "$phase" "$size" "$i")"); done
        eval "m_${sys}_${phase}_${size}=\"${v[*]}\""
        label="$sys"; [ "$sys" = rivulet ] && label="$rivulet_label"
        printf '%-8s %-6s %-17s %11s %8s %9s %15s %15s\n' "$phase" "$size" "$label" "$(fmt 0 "${v[0]}")" \
          "$(fmt 1 "${v[1]}")" "$(fmt 2 "${v[2]}")" "$(fmt 2 "${v[3]}")" "$(fmt 2 "${v[4]}")"
        (IFS=,; echo "$phase,$size,$label,${v[*]}") >>"$summary_csv"
      done
      eval "k=(\$m_kafka_${phase}_${size})"; eval "r=(\$m_rivulet_${phase}_${size})"
      v=()
      for i in 0 1 2 3 4; do v+=("$(ratio "${r[$i]}" "${k[$i]}")"); done
      printf '%-8s %-6s %-17s %11s %8s %9s %15s %15s\n' "$phase" "$size" "rivulet/kafka" "${v[@]}"
      (IFS=,; echo "$phase,$size,rivulet/kafka,${v[*]}") >>"$summary_csv"
    done
  done
}

# The index in m_* of the CPU figure the goals and the chart use: the broker's over the network;
# embedded there is no broker process, so client + broker on both sides (Kafka's two JVMs against
# the one perf process), which is the only like-for-like figure then.
cpu_index() { if $rivulet_net; then echo 3; else echo 4; fi; }
cpu_what() { if $rivulet_net; then echo "broker CPU"; else echo "client+broker CPU"; fi; }

# The issue's goals, each checked against this run's medians (goal / minimum).
goals() {
  local size k r v c
  c="$(cpu_index)"
  echo
  echo "goals ($rivulet_label vs kafka, medians of $RUNS run(s)):"
  for size in $SIZES; do
    eval "k=(\$m_kafka_produce_${size})"; eval "r=(\$m_rivulet_produce_${size})"
    v="$(ratio "${r[0]}" "${k[0]}")"
    echo "  produce ${size} B throughput >= 3x Kafka's (at least 1.5x): ${v}x -> $(verdict "$v" 3 1.5 ge)"
    v="$(ratio "${r[$c]}" "${k[$c]}")"
    echo "  produce ${size} B $(cpu_what) per record <= 0.33x Kafka's (at most 0.5x): ${v}x -> $(verdict "$v" 0.33 0.5 le)"
    eval "k=(\$m_kafka_consume_${size})"; eval "r=(\$m_rivulet_consume_${size})"
    v="$(ratio "${r[0]}" "${k[0]}")"
    echo "  consume ${size} B throughput >= 3x Kafka's: ${v}x -> $(verdict "$v" 3 3 ge)"
  done
  if paced_on; then
    for size in $PACED_SIZES; do
      eval "r=(\$m_rivulet_paced_${size})"; eval "k=(\$m_kafka_paced_${size})"
      echo "  p99 < 2 ms at $PACED_RATE records/s, ${size} B: rivulet $(fmt 2 "${r[2]}") ms at $(fmt 0 "${r[0]}") rec/s" \
        "(kafka $(fmt 2 "${k[2]}") ms at $(fmt 0 "${k[0]}") rec/s) -> $(verdict "${r[2]}" 2 2 lt)"
      # A side that could not keep the pace measured its latency in overload, not at the rate asked.
      short_of_pace kafka "${k[0]}"; short_of_pace rivulet "${r[0]}"
    done
  fi
}

short_of_pace() { # SYSTEM ACHIEVED_RATE
  if awk -v a="$2" -v t="$PACED_RATE" 'BEGIN {exit !(a != "NA" && a < 0.95 * t)}'; then
    echo "    note: $1 reached only $(fmt 0 "$2") of $PACED_RATE records/s: its p99 is that of an overloaded producer"
  fi
}

paced_on() { [ -n "$PACED_RATE" ] && [ "$PACED_RATE" != 0 ]; }

size_label() { if [ "$1" = 1024 ]; then echo "1 KiB"; else echo "$1 B"; fi; }

# Four bar charts of the medians, both systems, every size: produce and consume throughput, CPU per
# million produced records, and p99 of the paced run (log scale: the two can be orders apart).
draw_chart() {
  ensure_gnuplot || { log "gnuplot missing and not installable (apt-get install gnuplot-nox): no chart"; return 0; }
  local dat="$scratch/chart.dat" lat="$scratch/latency.dat" size k r kc rc c title
  c="$(cpu_index)"
  : >"$dat"; : >"$lat"
  for size in $SIZES; do
    eval "k=(\$m_kafka_produce_${size})"; eval "r=(\$m_rivulet_produce_${size})"
    eval "kc=(\$m_kafka_consume_${size})"; eval "rc=(\$m_rivulet_consume_${size})"
    printf '"%s" %s %s %s %s %s %s\n' "$(size_label "$size")" "${k[0]}" "${r[0]}" "${kc[0]}" "${rc[0]}" \
      "${k[$c]}" "${r[$c]}" >>"$dat"
  done
  if paced_on; then
    for size in $PACED_SIZES; do
      eval "k=(\$m_kafka_paced_${size})"; eval "r=(\$m_rivulet_paced_${size})"
      printf '"%s" %s %s\n' "$(size_label "$size")" "${k[2]}" "${r[2]}" >>"$lat"
    done
  fi
  title="Rivulet vs Apache Kafka $KAFKA_VERSION on loopback, acks=1, median of $RUNS run(s), ${stamp:0:4}-${stamp:4:2}-${stamp:6:2}, commit $commit"
  $rivulet_net || title="$title\\nRivulet EMBEDDED (perf in one process, in-process fallback): NOT the over-the-network comparison"
  gnuplot <<GNUPLOT
set terminal pngcairo size 1200,900 font "sans,10"
set output "$chart"
set datafile missing "NA"
set multiplot layout 2,2 title "$title"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key below horizontal
set offsets 0, 0, graph 0.1, 0
set yrange [0:*]
set title "produce (k records/s, higher is better)"
plot "$dat" using (\$2/1000):xtic(1) title "Kafka" lc rgb "#7f7f7f", "" using (\$3/1000) title "$rivulet_label" lc rgb "#1f77b4"
set title "consume (k records/s, higher is better)"
plot "$dat" using (\$4/1000):xtic(1) title "Kafka" lc rgb "#7f7f7f", "" using (\$5/1000) title "$rivulet_label" lc rgb "#1f77b4"
set title "$(cpu_what)-seconds per million records produced (lower is better)"
plot "$dat" using 6:xtic(1) title "Kafka" lc rgb "#7f7f7f", "" using 7 title "$rivulet_label" lc rgb "#1f77b4"
set title "produce p99 latency at ${PACED_RATE:-?} records/s, ms (log scale; goal < 2 ms)"
set logscale y
set yrange [0.1:*]
$(if [ -s "$lat" ]; then
    echo "plot \"$lat\" using 2:xtic(1) title \"Kafka\" lc rgb \"#7f7f7f\", \"\" using 3 title \"$rivulet_label\" lc rgb \"#1f77b4\", 2 notitle dt 2 lc rgb \"red\""
  else
    echo 'unset logscale y; set yrange [0:1]; set label 1 "paced run off" at graph 0.4, graph 0.5; plot 2 notitle'
  fi)
unset multiplot
GNUPLOT
  log "chart: $chart"
}

# --report CSV: the medians, goals and chart of an earlier run, from its CSV alone.
report_from() { # CSV
  csv="$1"
  [ -f "$csv" ] || die "no such file: $csv"
  local base="${csv%.csv}"
  summary_csv="$base-summary.csv"; chart="$base.png"
  stamp="$(awk -F, 'NR == 2 {print $1}' "$csv")"; commit="$(awk -F, 'NR == 2 {print $2}' "$csv")"
  rivulet_label="$(awk -F, 'NR == 2 {print $3}' "$csv")"
  rivulet_net=$([ "$rivulet_label" = rivulet ] && echo true || echo false)
  RUNS="$(awk -F, 'NR > 1 && $7 > n {n = $7} END {print n}' "$csv")"
  SIZES="$(awk -F, 'NR > 1 && $5 == "produce" {print $6}' "$csv" | sort -nu | xargs)"
  PACED_SIZES="$(awk -F, 'NR > 1 && $5 == "paced" {print $6}' "$csv" | sort -nu | xargs)"
  [ -n "$PACED_SIZES" ] || PACED_RATE=""
  report; goals; draw_chart
}

main() {
  if [ "${1:-}" = --report ]; then report_from "${2:?--report needs a CSV file}"; return; fi
  mkdir -p "$results_dir"
  # The whole report (load, commit, table, goals) is kept beside the CSV.
  exec > >(tee "$results_dir/compare-kafka-$stamp.txt")
  commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine api storage-offheap 2>/dev/null || echo '+dirty')"
  echo "compare-kafka: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "workload: sizes $SIZES B, records $(for s in $SIZES; do printf '%s=%s ' "$s" "$(records_for "$s")"; done)acks=1, $PARTITIONS partition(s), $RUNS run(s), paced ${PACED_RATE:-off} rec/s x $PACED_RECORDS ($PACED_SIZES B) after $PACED_WARMUP unmeasured"
  mkdir -p "$results_dir"

  kafka_fetch
  rivulet_build
  if [ "$RIVULET_MODE" != embedded ] && rivulet_server_start; then
    rivulet_net=true
  elif [ "$RIVULET_MODE" = network ]; then
    die "RIVULET_MODE=network but the server / --bootstrap is not usable"
  fi
  rivulet_label=$($rivulet_net && echo rivulet || echo rivulet-EMBEDDED)
  $rivulet_net || log "Rivulet runs EMBEDDED (perf --data-dir, no network, CPU = whole perf process): not the over-the-network comparison"
  kafka_start

  echo "stamp,commit,rivulet_mode,system,phase,size,run,records,seconds,records_per_sec,mb_per_sec,p99_ms,broker_cpu_s,client_cpu_s,broker_cpu_s_per_m_records,total_cpu_s_per_m_records" >"$csv"
  warm_up
  local run
  for run in $(seq "$RUNS"); do
    log "run $run of $RUNS"
    # Alternate which system goes first, so neither always gets the fresher page cache / quieter moment.
    if [ $((run % 2)) = 1 ]; then run_system kafka "$run"; run_system rivulet "$run"
    else run_system rivulet "$run"; run_system kafka "$run"; fi
  done

  report
  goals
  draw_chart
  echo
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "results: $csv, $summary_csv${chart:+, $chart}"
}

main "$@"

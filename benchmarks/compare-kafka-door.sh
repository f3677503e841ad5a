#!/usr/bin/env bash
# Kafka's own tools — ProducerPerformance, ConsumerPerformance and EndToEndLatency, the same jars —
# against Rivulet's Kafka door (`rivulet server --kafka-port P`) and against an Apache Kafka KRaft
# broker on this machine, in one run. Only one broker runs at a time, so the two never share the
# cores. Prints throughput, p99 latency and broker CPU-seconds per million records for both and the
# Rivulet / Kafka ratios; writes a CSV, a summary CSV, the report and a PNG chart to
# benchmarks/results/.
#
#   ./benchmarks/compare-kafka-door.sh                  # 100 B records, median of 3 runs (< 10 min)
#   RUNS=1 RECORDS=200000 E2E_RECORDS=1000 ./benchmarks/compare-kafka-door.sh     # quick look
#   ./benchmarks/compare-kafka-door.sh --report benchmarks/results/compare-kafka-door-STAMP.csv
#                                   # table, goals and chart again from a run's CSV, nothing run
#
# Settings (environment):
#   RUNS            runs; medians are reported (default 3). Each run starts each broker afresh.
#   RECORDS         records per ProducerPerformance run, and read back by ConsumerPerformance
#                   (default 2,000,000)
#   RECORD_SIZE     value size in bytes (default 100)
#   E2E_RECORDS     round trips of EndToEndLatency (default 3,000; it sends one record at a time)
#   WARMUP_RECORDS  records each fresh broker takes, unmeasured, before its phases (default 3,000,000:
#                   with 200,000 both brokers were still compiling in the measured phases; this also
#                   creates the run's topic on both sides)
#   PARTITIONS      partitions of the topic (default 1)
#   KAFKA_VERSION   Kafka release fetched from the Maven repository (default 4.4.0)
#   HEAP            -Xmx of every JVM, brokers and tools (default 1g)
#   RIVULET         the rivulet launcher (default ./rivulet)
#   BUILD           1 (default): package engine/target/rivulet.jar offline first; 0: use it as it is
#   RESULTS_DIR     where the files go (default benchmarks/results)
#
# Phases, each run, each system: produce acks=1, produce acks=all (ProducerPerformance, default —
# idempotent — producer, unthrottled), consume (ConsumerPerformance, a consumer group), e2e
# (EndToEndLatency: send one record, wait until the consumer has it, repeat). Broker CPU is utime +
# stime of the broker JVM from /proc/PID/stat around each phase.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
# shellcheck source=benchmarks/lib/measure.sh
. benchmarks/lib/measure.sh
# shellcheck source=benchmarks/lib/kafka.sh
. benchmarks/lib/kafka.sh

RUNS="${RUNS:-3}"
RECORDS="${RECORDS:-2000000}"
RECORD_SIZE="${RECORD_SIZE:-100}"
E2E_RECORDS="${E2E_RECORDS:-3000}"
WARMUP_RECORDS="${WARMUP_RECORDS:-3000000}"
PARTITIONS="${PARTITIONS:-1}"
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
HEAP="${HEAP:-1g}"
RIVULET="${RIVULET:-./rivulet}"
BUILD="${BUILD:-1}"

# shellcheck disable=SC2034 # kafka_home, clk_tck and jvm_opts are read by lib/*.sh
kafka_home="$root/benchmarks/target/kafka-$KAFKA_VERSION"   # gitignored cache of the fetched jars
results_dir="${RESULTS_DIR:-$root/benchmarks/results}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
clk_tck="$(getconf CLK_TCK)"
# The same options for every JVM, both brokers and all tools, so neither side gets more (Kafka's
# start scripts' heap and G1 settings, as compare-kafka.sh).
jvm_opts=(-Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35)
phases=(produce-acks1 produce-acksall consume e2e)
# What a Rivulet phase records when the door does not serve the group APIs the tool needs.
no_groups="n/a (groups not yet served)"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/compare-kafka-door.XXXXXX")"
kafka_pid=""
rivulet_pid=""
broker_pid=""
bootstrap=""

cleanup() {
  stop_pid "$kafka_pid"
  stop_pid "$rivulet_pid"
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Rivulet's door
# ---------------------------------------------------------------------------------------------

rivulet_build() {
  [ "$BUILD" = 1 ] || return 0
  # package, not install: the local repository is shared with other work on this machine.
  log "building engine/target/rivulet.jar (offline)"
  ./mvnw -B -q -o -pl engine -am -DskipTests package >&2 \
    || die "the offline build failed (run once without -o to fill ~/.m2, or BUILD=0 to use the jar as it is)"
}

# `rivulet server` on a fresh data dir: native and HTTP on ports it picks (0), the Kafka door on a
# free port (for --kafka-port, 0 means off). The launcher execs java, so $! is the JVM's PID.
rivulet_start() {
  local dir="$scratch/rivulet" out port="" i
  rm -rf "$dir"; mkdir -p "$dir"
  out="$dir/server.out"
  # As the Kafka broker here: topics of PARTITIONS partitions, and no 3 s wait before a new group's
  # first rebalance (Kafka's default, which ConsumerPerformance's fetch rate leaves out anyway).
  printf 'num.partitions=%s\ngroup.initial.rebalance.delay.ms=0\n' "$PARTITIONS" >"$dir/server.properties"
  port="$(free_port)"
  RIVULET_JAVA_OPTS="${jvm_opts[*]}" "$RIVULET" server --data-dir "$dir/data" --config "$dir/server.properties" \
    --native-port 0 --http-port 0 --kafka-port "$port" >"$out" 2>&1 &
  rivulet_pid=$!
  for i in $(seq 600); do
    grep -q "kafka listening on " "$out" && break
    kill -0 "$rivulet_pid" 2>/dev/null || { cat "$out" >&2; die "rivulet server exited before its Kafka door listened"; }
    sleep 0.1
  done
  grep -q "kafka listening on " "$out" || die "rivulet server printed no 'kafka listening on' line within 60 s"
  wait_for_port "$port" "$rivulet_pid" "rivulet server"
  check_is_jvm "$rivulet_pid" "rivulet server"
  bootstrap="127.0.0.1:$port"
  log "rivulet server pid $rivulet_pid, Kafka door on $bootstrap"
}

rivulet_stop() {
  stop_pid "$rivulet_pid"
  rivulet_pid=""
}

start_broker() { # SYSTEM
  if [ "$1" = kafka ]; then kafka_start; broker_pid="$kafka_pid"; bootstrap="$kafka_bootstrap"
  else rivulet_start; broker_pid="$rivulet_pid"; fi
}

stop_broker() { # SYSTEM
  if [ "$1" = kafka ]; then kafka_stop; else rivulet_stop; fi
  broker_pid=""
}

# ---------------------------------------------------------------------------------------------
# The tools' phases: each prints "records seconds records_per_sec mb_per_sec p99_ms note"
# ---------------------------------------------------------------------------------------------

# A failure that names a group API or the coordinator: the door does not serve consumer groups yet.
group_error() { grep -qiE 'FIND_COORDINATOR|JOIN_GROUP|SYNC_GROUP|OFFSET_COMMIT|OFFSET_FETCH|coordinator' "$@" 2>/dev/null; }

phase_produce() { # TOPIC ACKS
  local res
  res="$(producer_perf "$bootstrap" "$1" "$RECORD_SIZE" "$RECORDS" -1 "$2")" || die "ProducerPerformance acks=$2 failed"
  echo "$res -"
}

phase_consume() { # SYSTEM TOPIC
  local res out="$scratch/consumer-perf.out"
  if res="$(consumer_perf "$bootstrap" "$2" "$RECORDS")"; then echo "$res -"; return; fi
  if [ "$1" = rivulet ] && group_error "$out" "$out.err"; then
    log "  ConsumerPerformance against the door: $(grep -m1 -iE 'coordinator|group' "$out" "$out.err" | cut -c1-160)"
    echo "NA NA NA NA NA $no_groups"; return
  fi
  cat "$out" "$out.err" >&2; die "ConsumerPerformance failed against $1"
}

# EndToEndLatency assigns the partitions and seeks to their end (no group join), sends one record at
# a time and polls until it arrives; it prints "Avg latency: 1.2 ms" and "Percentiles: 50th = 1,
# 99th = 3, 99.9th = 9" (whole ms). Only then does it call commitSync, which needs the group
# coordinator: against a door without groups the tool fails after printing, and the figures stand.
# Its throughput is the round-trip rate, 1000 / average latency.
phase_e2e() { # SYSTEM TOPIC
  local out="$scratch/e2e.out" rc=0 avg p99 note=-
  timed "$out" "$out.err" kafka_java org.apache.kafka.tools.EndToEndLatency --bootstrap-server "$bootstrap" \
    --topic "$2" --num-records "$E2E_RECORDS" --producer-acks 1 --record-size "$RECORD_SIZE" || rc=$?
  avg="$(sed -n 's/^Avg latency: \([0-9.]*\) ms.*/\1/p' "$out" | tail -1)"
  p99="$(sed -n 's/^Percentiles: .* 99th = \([0-9]*\),.*/\1/p' "$out" | tail -1)"
  if [ -z "$avg" ] || [ -z "$p99" ]; then cat "$out" "$out.err" >&2; die "EndToEndLatency printed no latency against $1"; fi
  if [ "$rc" != 0 ]; then
    if [ "$1" = rivulet ] && group_error "$out" "$out.err"; then note="final commitSync failed: groups not yet served"
    else cat "$out.err" >&2; die "EndToEndLatency failed against $1 after printing its latency"; fi
  fi
  awk -v n="$E2E_RECORDS" -v avg="$avg" -v p99="$p99" -v size="$RECORD_SIZE" -v note="$note" 'BEGIN {
      rate = (avg > 0 ? 1000 / avg : 0)
      printf "%d %.3f %.1f %.4f %s %s\n", n, n * avg / 1000, rate, rate * size / 1048576, p99, note }'
}

# ---------------------------------------------------------------------------------------------
# Runs, CSV
# ---------------------------------------------------------------------------------------------

csv="$results_dir/compare-kafka-door-$stamp.csv"
summary_csv="$results_dir/compare-kafka-door-$stamp-summary.csv"
chart="$results_dir/compare-kafka-door-$stamp.png"
csv_header="stamp,commit,system,phase,run,load1,records,seconds,records_per_sec,mb_per_sec,p99_ms,broker_cpu_s,client_cpu_s,broker_cpu_s_per_m_records,client_cpu_s_per_m_records,note"
# 1-based columns of that header, for the medians
c_system=3; c_phase=4; c_run=5; c_rps=9; c_mbps=10; c_p99=11; c_per_m=14; c_client_per_m=15; c_note=16

# Runs one phase against the broker now up, reads its CPU around it and appends a CSV row.
measure() { # SYSTEM PHASE RUN TOPIC
  local system="$1" phase="$2" run="$3" topic="$4" before after res load cpu client per_m client_per_m
  local records seconds rps mbps p99 note
  load="$(cut -d' ' -f1 /proc/loadavg)"
  echo 0 >"$scratch/client.cpu"
  before="$(cpu_ticks "$broker_pid")"
  case "$phase" in
    produce-acks1)   res="$(phase_produce "$topic" 1)" ;;
    produce-acksall) res="$(phase_produce "$topic" all)" ;;
    consume)         res="$(phase_consume "$system" "$topic")" ;;
    e2e)             res="$(phase_e2e "$system" "$topic")" ;;
  esac
  after="$(cpu_ticks "$broker_pid")"
  read -r records seconds rps mbps p99 note <<<"$res"
  cpu="$(ticks_to_seconds $((after - before)))"
  client="$(cat "$scratch/client.cpu")"
  per_m="$(per_million "$cpu" "$records")"
  client_per_m="$(per_million "$client" "$records")"
  [ "$note" = - ] && note=""
  echo "$stamp,$commit,$system,$phase,$run,$load,$records,$seconds,$rps,$mbps,$p99,$cpu,$client,$per_m,$client_per_m,$note" >>"$csv"
  log "  $system $phase run $run: $rps rec/s, $mbps MB/s, p99 $p99 ms, broker CPU $cpu s ($per_m s/M records), client CPU $client s${note:+ — $note}"
}

# One system, one run: a fresh broker, an unmeasured warm-up that also creates the topic (the
# producer's metadata request auto-creates it on both brokers), the four phases, and the broker
# stopped again so the other system has the cores to itself.
run_system() { # SYSTEM RUN
  local system="$1" run="$2" topic="door-bench-r$2" phase
  start_broker "$system"
  producer_perf "$bootstrap" "$topic" "$RECORD_SIZE" "$(( WARMUP_RECORDS > 0 ? WARMUP_RECORDS : 1 ))" -1 1 >/dev/null \
    || die "the warm-up ProducerPerformance failed against $system"
  for phase in "${phases[@]}"; do measure "$system" "$phase" "$run" "$topic"; done
  stop_broker "$system"
}

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

column_median() { # SYSTEM PHASE COLUMN -> median over runs, NA if none
  awk -F, -v s="$1" -v p="$2" -v c="$3" -v cs="$c_system" -v cp="$c_phase" \
    'NR > 1 && $cs == s && $cp == p && $c != "NA" && $c != "" {print $c}' "$csv" | median
}

column_runs() { # SYSTEM PHASE COLUMN -> the runs' values, in run order
  awk -F, -v s="$1" -v p="$2" -v c="$3" -v cs="$c_system" -v cp="$c_phase" -v cr="$c_run" \
    'NR > 1 && $cs == s && $cp == p {print $cr, $c}' "$csv" | sort -n | awk '{print $2}' | xargs | tr ' ' '/'
}

# Rivulet / Kafka within each run (the two brokers minutes apart rather than a whole run apart: on a
# machine whose load drifts, these paired ratios move less than the medians do), and their median.
paired_ratios() { # PHASE COLUMN -> "r1/r2/... median"
  awk -F, -v p="$1" -v c="$2" -v cs="$c_system" -v cp="$c_phase" -v cr="$c_run" '
      NR > 1 && $cp == p { v[$cs, $cr] = $c; if ($cr > n) n = $cr }
      END {
        for (i = 1; i <= n; i++) {
          k = v["kafka", i]; r = v["rivulet", i]
          out = out (i > 1 ? "/" : "") ((k == "NA" || r == "NA" || k == "" || r == "" || k == 0) ? "NA" : sprintf("%.2f", r / k))
        }
        print out
      }' "$csv"
}

paired_median() { # PHASE COLUMN
  paired_ratios "$1" "$2" | tr '/' '\n' | grep -v NA | median
}

phase_note() { # SYSTEM PHASE -> the note of its last run, if any
  awk -F, -v s="$1" -v p="$2" -v cs="$c_system" -v cp="$c_phase" -v cn="$c_note" \
    'NR > 1 && $cs == s && $cp == p && $cn != "" {n = $cn} END {print n}' "$csv"
}

short_label() {
  case "$1" in produce-acks1) echo "acks=1" ;; produce-acksall) echo "acks=all" ;; *) echo "$1" ;; esac
}

phase_label() {
  case "$1" in
    produce-acks1) echo "produce acks=1" ;; produce-acksall) echo "produce acks=all" ;;
    consume) echo "consume" ;; e2e) echo "end to end" ;;
  esac
}

# Medians per system and phase into m_<system>_<phase> = "rec/s MB/s p99 brokerCPU/M clientCPU/M"; the table on
# stdout, the summary CSV, and the single runs to show the spread.
report() {
  local phase sys i k r key note
  local -a v
  echo "phase,system,records_per_sec,mb_per_sec,p99_ms,broker_cpu_s_per_m_records,client_cpu_s_per_m_records,note" >"$summary_csv"
  printf '\n%-17s %-14s %11s %9s %9s %15s %15s  %s\n' phase system "rec/s" "MB/s" "p99 ms" "broker CPU-s/M" "client CPU-s/M" note
  for phase in "${phases[@]}"; do
    key="${phase//-/_}"
    for sys in kafka rivulet; do
      v=()
      for i in $c_rps $c_mbps $c_p99 $c_per_m $c_client_per_m; do v+=("$(column_median "$sys" "$phase" "$i")"); done
      eval "m_${sys}_${key}=\"${v[*]}\""
      note="$(phase_note "$sys" "$phase")"
      printf '%-17s %-14s %11s %9s %9s %15s %15s  %s\n' "$(phase_label "$phase")" "$sys" "$(fmt 0 "${v[0]}")" \
        "$(fmt 2 "${v[1]}")" "$(fmt 2 "${v[2]}")" "$(fmt 3 "${v[3]}")" "$(fmt 3 "${v[4]}")" "$note"
      (IFS=,; echo "$phase,$sys,${v[*]},$note") >>"$summary_csv"
    done
    eval "k=(\$m_kafka_${key})"; eval "r=(\$m_rivulet_${key})"
    v=()
    for i in 0 1 2 3 4; do v+=("$(ratio "${r[$i]}" "${k[$i]}")"); done
    printf '%-17s %-14s %11s %9s %9s %15s %15s\n' "$(phase_label "$phase")" "rivulet/kafka" "${v[@]}"
    (IFS=,; echo "$phase,rivulet/kafka,${v[*]},") >>"$summary_csv"
  done
  echo
  echo "single runs (run 1/2/...): records/s; p99 ms; broker CPU-s per million records; r/k: Rivulet / Kafka in the same run"
  for phase in "${phases[@]}"; do
    for sys in kafka rivulet; do
      printf '  %-17s %-8s %s; %s; %s\n' "$(phase_label "$phase")" "$sys" "$(column_runs "$sys" "$phase" $c_rps)" \
        "$(column_runs "$sys" "$phase" $c_p99)" "$(column_runs "$sys" "$phase" $c_per_m)"
    done
    printf '  %-17s %-8s %s; %s; %s  (medians %s; %s; %s)\n' "$(phase_label "$phase")" "r/k" \
      "$(paired_ratios "$phase" $c_rps)" "$(paired_ratios "$phase" $c_p99)" "$(paired_ratios "$phase" $c_per_m)" \
      "$(fmt 2 "$(paired_median "$phase" $c_rps)")" "$(fmt 2 "$(paired_median "$phase" $c_p99)")" \
      "$(fmt 2 "$(paired_median "$phase" $c_per_m)")"
  done
}

# The issue's goals, each checked against this run's medians.
goals() {
  local phase key k r v
  echo
  echo "goals (rivulet's Kafka door vs kafka, Kafka's tools on both, medians of $RUNS run(s)):"
  for phase in produce-acks1 produce-acksall; do
    key="${phase//-/_}"; eval "k=(\$m_kafka_${key})"; eval "r=(\$m_rivulet_${key})"
    v="$(ratio "${r[0]}" "${k[0]}")"
    echo "  $(phase_label "$phase") throughput >= 3x Kafka's: ${v}x -> $(verdict "$v" 3 3 ge)"
    v="$(ratio "${r[3]}" "${k[3]}")"
    echo "  $(phase_label "$phase") broker CPU per record <= 0.33x Kafka's: ${v}x -> $(verdict "$v" 0.33 0.33 le)"
  done
  eval "k=(\$m_kafka_consume)"; eval "r=(\$m_rivulet_consume)"
  v="$(ratio "${r[0]}" "${k[0]}")"
  if [ "$v" = NA ] && [ -n "$(phase_note rivulet consume)" ]; then
    echo "  consume rate >= 3x Kafka's: $(phase_note rivulet consume)"
  else
    echo "  consume rate >= 3x Kafka's: ${v}x -> $(verdict "$v" 3 3 ge)"
  fi
  eval "k=(\$m_kafka_e2e)"; eval "r=(\$m_rivulet_e2e)"
  v="$(ratio "${r[2]}" "${k[2]}")"
  echo "  end-to-end p99 below Kafka's: rivulet $(fmt 0 "${r[2]}") ms, kafka $(fmt 0 "${k[2]}") ms (${v}x) -> $(verdict "$v" 1 1 lt)"
}

# Four panels of the medians: throughput, broker CPU per million records, p99 (log scale), and
# the Rivulet / Kafka ratios against their goals (log scale; a missing bar is a phase not served).
draw_chart() {
  ensure_gnuplot || { log "gnuplot missing and not installable (apt-get install gnuplot-nox): no chart"; return 0; }
  local tput="$scratch/tput.dat" lat="$scratch/lat.dat" rat="$scratch/ratio.dat" phase key k r title missing
  : >"$tput"; : >"$lat"; : >"$rat"
  for phase in "${phases[@]}"; do
    key="${phase//-/_}"; eval "k=(\$m_kafka_${key})"; eval "r=(\$m_rivulet_${key})"
    if [ "$phase" != e2e ]; then
      printf '"%s" %s %s %s %s\n' "$(phase_label "$phase")" "${k[0]}" "${r[0]}" "${k[3]}" "${r[3]}" >>"$tput"
    fi
    if [ "$phase" != consume ]; then
      printf '"%s" %s %s\n' "$(phase_label "$phase")" "${k[2]}" "${r[2]}" >>"$lat"
    fi
  done
  # Ratio panel rows: label, ratio of the medians, goal, and what to write where a ratio is missing.
  for phase in produce-acks1 produce-acksall consume; do
    key="${phase//-/_}"; eval "k=(\$m_kafka_${key})"; eval "r=(\$m_rivulet_${key})"
    printf '"%s\\nrec/s" %s 3\n' "$(short_label "$phase")" "$(ratio "${r[0]}" "${k[0]}")" >>"$rat"
  done
  for phase in produce-acks1 produce-acksall; do
    key="${phase//-/_}"; eval "k=(\$m_kafka_${key})"; eval "r=(\$m_rivulet_${key})"
    printf '"%s\\nCPU/record" %s 0.33\n' "$(short_label "$phase")" "$(ratio "${r[3]}" "${k[3]}")" >>"$rat"
  done
  eval "k=(\$m_kafka_e2e)"; eval "r=(\$m_rivulet_e2e)"
  printf '"e2e\\np99" %s 1\n' "$(ratio "${r[2]}" "${k[2]}")" >>"$rat"
  missing=""
  [ "$(awk 'NR == 3 {print $2}' "$rat")" = NA ] && [ -n "$(phase_note rivulet consume)" ] \
    && missing='set label 2 "n/a:\ngroups\nnot yet\nserved" at 2, 0.15 center'
  title="Kafka $KAFKA_VERSION's own tools against Rivulet's Kafka door and a Kafka $KAFKA_VERSION broker, ${RECORD_SIZE} B records, median of $RUNS run(s), ${stamp:0:4}-${stamp:4:2}-${stamp:6:2}, commit $commit"
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
set title "throughput (k records/s, higher is better)"
plot "$tput" using (\$2/1000):xtic(1) title "Kafka" lc rgb "#7f7f7f", "" using (\$3/1000) title "Rivulet door" lc rgb "#1f77b4"
set title "broker CPU-seconds per million records (lower is better)"
plot "$tput" using 4:xtic(1) title "Kafka" lc rgb "#7f7f7f", "" using 5 title "Rivulet door" lc rgb "#1f77b4"
set title "p99 latency, ms (log scale, lower is better; produce: unthrottled, queueing included)"
set logscale y
set yrange [0.5:*]
plot "$lat" using 2:xtic(1) title "Kafka" lc rgb "#7f7f7f", "" using 3 title "Rivulet door" lc rgb "#1f77b4"
set title "Rivulet / Kafka (log scale) and each goal (red dash)"
set style data boxes
set boxwidth 0.6
set yrange [0.05:10]
set xrange [-0.6:5.6]
set offsets 0, 0, 0, 0
set key inside top right
set bmargin 3.5
$missing
plot "$rat" using 0:2:xtic(1) title "ratio of the medians" lc rgb "#1f77b4", \
     "" using 0:3:(0.35) with xerrorbars pt 0 lw 2 lc rgb "red" title "goal", \
     1 notitle lc rgb "#444444" dt 3
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
  RUNS="$(awk -F, -v cr="$c_run" 'NR > 1 && $cr > n {n = $cr} END {print n}' "$csv")"
  report; goals; draw_chart
}

main() {
  if [ "${1:-}" = --report ]; then report_from "${2:?--report needs a CSV file}"; return; fi
  local t0=$SECONDS run
  mkdir -p "$results_dir"
  # The whole report (load, commit, table, goals) is kept beside the CSV.
  exec > >(tee "$results_dir/compare-kafka-door-$stamp.txt")
  commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine api storage-offheap 2>/dev/null || echo '+dirty')"
  echo "compare-kafka-door: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "workload: Kafka $KAFKA_VERSION's ProducerPerformance (acks=1, acks=all), ConsumerPerformance and EndToEndLatency (acks=1), ${RECORD_SIZE} B records, $RECORDS records per produce/consume, $E2E_RECORDS round trips, $PARTITIONS partition(s), warm-up $WARMUP_RECORDS, $RUNS run(s), one broker at a time"

  kafka_fetch
  rivulet_build
  echo "$csv_header" >"$csv"
  for run in $(seq "$RUNS"); do
    log "run $run of $RUNS"
    # Alternate which system goes first, so neither always gets the quieter moment.
    if [ $((run % 2)) = 1 ]; then run_system kafka "$run"; run_system rivulet "$run"
    else run_system rivulet "$run"; run_system kafka "$run"; fi
  done

  report
  goals
  draw_chart
  echo
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); took $(( (SECONDS - t0) / 60 )) min $(( (SECONDS - t0) % 60 )) s"
  echo "results: $csv, $summary_csv${chart:+, $chart}"
}

main "$@"

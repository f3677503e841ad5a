# shellcheck shell=bash
# Shared by the benchmark scripts (sourced after measure.sh, not run): Apache Kafka fetched from the
# Maven repository, a single-node KRaft broker, and Kafka's own perf tools, which work against any
# broker that speaks the Kafka protocol (Kafka's, or Rivulet's Kafka door).
#
# Globals the caller sets before calling these functions:
#   KAFKA_VERSION  the release (e.g. 4.4.0)
#   kafka_home     where the jars are cached (gitignored), e.g. benchmarks/target/kafka-$KAFKA_VERSION
#   jvm_opts       array of JVM options for every Kafka JVM (broker and tools)
#   PARTITIONS     partitions of the broker's topics
#   scratch        the run's temp directory (broker log, tool output)
# kafka_start sets kafka_pid and kafka_bootstrap; kafka_stop clears kafka_pid.

# Resolves the broker and tools jars with their runtime dependencies through the project's Maven
# wrapper into benchmarks/target, once per version. The POM is generated, used and left in that
# cache: nothing of Kafka is committed, and nothing is installed into the local repository.
kafka_fetch() {
  if [ -f "$kafka_home/lib/kafka-tools-$KAFKA_VERSION.jar" ]; then return 0; fi
  log "fetching Apache Kafka $KAFKA_VERSION (broker, tools and runtime dependencies) into $kafka_home"
  mkdir -p "$kafka_home"
  # log4j-slf4j-impl binds the broker's SLF4J logging to log4j2 (errors only, its default), so a
  # broker that fails says why instead of logging nothing.
  cat >"$kafka_home/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.benchmarks</groupId>
  <artifactId>kafka-for-compare-kafka</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>2.25.5</version></dependency>
  </dependencies>
</project>
POM
  ./mvnw -B -q -f "$kafka_home/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$kafka_home/lib" >&2
}

kafka_java() { # MAIN_CLASS ARGS... (a Kafka tool or the broker, on the fetched class path)
  java "${jvm_opts[@]}" -cp "$kafka_home/lib/*" "$@"
}

# A combined broker + controller (KRaft) on two free loopback ports, its log in the scratch dir
# (a fresh one each start). Settings left out keep Kafka's defaults (no fsync per message, as
# Rivulet's defaults; topics auto-created with PARTITIONS partitions).
kafka_start() {
  local port cport dir
  port="$(free_port)"; cport="$(free_port)"
  dir="$scratch/kafka"; rm -rf "$dir"; mkdir -p "$dir"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/logs
num.partitions=$PARTITIONS
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  kafka_format "$dir"
  # java directly, not through kafka_java: a backgrounded function would make $! a subshell's PID,
  # not the broker JVM whose /proc/PID/stat is read.
  java "${jvm_opts[@]}" -cp "$kafka_home/lib/*" kafka.Kafka "$dir/server.properties" >"$dir/broker.out" 2>&1 &
  kafka_pid=$!
  kafka_bootstrap="127.0.0.1:$port"
  wait_for_port "$port" "$kafka_pid" "the Kafka broker"
  check_is_jvm "$kafka_pid" "the Kafka broker"
  log "Kafka $KAFKA_VERSION broker pid $kafka_pid on $kafka_bootstrap"
}

# Formats DIR/logs for DIR/server.properties. The storage tool (a JVM start, slow on a busy machine)
# runs once per script; later starts copy that empty formatted log dir, which holds only the cluster
# and node ids (no ports), so a broker on new ports accepts it.
kafka_format() { # DIR
  local pristine="$scratch/kafka-formatted" cluster
  if [ ! -d "$pristine" ]; then
    # A random cluster id as Kafka writes one: 16 random bytes, URL-safe base64 without padding,
    # never starting with '-' (the storage tool's random-uuid, without a JVM start).
    cluster="$(python3 -c 'import base64, os
while True:
    s = base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")
    if not s.startswith("-"):
        print(s)
        break')"
    kafka_java kafka.tools.StorageTool format -t "$cluster" -c "$1/server.properties" >"$1/format.out" 2>&1 \
      || { cat "$1/format.out" >&2; die "kafka-storage format failed"; }
    cp -a "$1/logs" "$pristine"
  else
    cp -a "$pristine" "$1/logs"
  fi
}

kafka_stop() {
  stop_pid "$kafka_pid"
  kafka_pid=""
}

kafka_create_topic() { # NAME
  kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$kafka_bootstrap" --create \
    --topic "$1" --partitions "$PARTITIONS" --replication-factor 1 >"$scratch/topic.out" 2>&1 \
    || { cat "$scratch/topic.out" >&2; die "could not create Kafka topic $1"; }
}

# Every tool run prints one normalised line: records seconds records_per_sec mb_per_sec p99_ms
# (NA where the tool does not measure it). MB are MiB, as the tools count them.

# ProducerPerformance ends with e.g. "2000000 records sent, 215000.1 records/sec (20.50 MB/sec),
# 12.3 ms avg latency, 300.0 ms max latency, 5 ms 50th, 20 ms 95th, 25 ms 99th, 30 ms 99.9th."
# The producer keeps its defaults otherwise (idempotent, batch.size 16384, linger.ms 5).
# With WARMUP > 0 the tool first sends WARMUP more records the same way (its --warmup-records) and the line
# parsed is its "N steady state records sent, …" summary of the RECORDS after them.
producer_perf() { # BOOTSTRAP TOPIC SIZE RECORDS RATE ACKS [WARMUP]
  local out="$scratch/producer-perf.out" line warm="${7:-0}" extra=()
  if [ "$warm" -gt 0 ]; then extra=(--warmup-records "$warm"); fi
  timed "$out" "$out.err" kafka_java org.apache.kafka.tools.ProducerPerformance --topic "$2" \
    --record-size "$3" --num-records "$(( $4 + warm ))" --throughput "$5" "${extra[@]}" \
    --command-property acks="$6" --command-property bootstrap.servers="$1" \
    || { cat "$out" "$out.err" >&2; log "ProducerPerformance failed"; return 1; }
  line="$(grep ' records sent, ' "$out" | tail -1)"
  line="${line/ steady state records sent,/ records sent,}"
  [ -n "$line" ] || { cat "$out" >&2; log "no summary line from ProducerPerformance"; return 1; }
  awk '{
      rate = $4; mb = $6; sub(/\(/, "", mb); p99 = "NA"
      for (i = 2; i <= NF; i++) if ($i == "99th,") p99 = $(i - 2)
      printf "%d %.3f %.1f %.2f %s\n", $1, (rate > 0 ? $1 / rate : 0), rate, mb, p99
    }' <<<"$line"
}

# ConsumerPerformance prints a header and one CSV line. fetch.* excludes the consumer group's join
# (rebalance.time.ms). On failure the tool's output stays in $scratch/consumer-perf.out.
consumer_perf() { # BOOTSTRAP TOPIC RECORDS
  local out="$scratch/consumer-perf.out"
  timed "$out" "$out.err" kafka_java org.apache.kafka.tools.ConsumerPerformance \
    --bootstrap-server "$1" --topic "$2" --num-records "$3" --timeout 60000 || return 1
  awk -F', *' '
      /^start.time/ { for (i = 1; i <= NF; i++) col[$i] = i; next }
      ("fetch.nMsg.sec" in col) && NF >= col["fetch.nMsg.sec"] && $col["data.consumed.in.nMsg"] ~ /^[0-9]+$/ {
        n = $col["data.consumed.in.nMsg"]; rate = $col["fetch.nMsg.sec"]
        printf "%d %.3f %.1f %.2f NA\n", n, (rate > 0 ? n / rate : 0), rate, $col["fetch.MB.sec"]; found = 1
      }
      END { if (!found) exit 1 }' "$out"
}

kafka_produce() { # TOPIC SIZE RECORDS RATE [ACKS, default 1] [WARMUP records, default 0]
  producer_perf "$kafka_bootstrap" "$1" "$2" "$3" "$4" "${5:-1}" "${6:-0}" || die "ProducerPerformance failed"
}

kafka_consume() { # TOPIC RECORDS
  consumer_perf "$kafka_bootstrap" "$1" "$2" \
    || { cat "$scratch/consumer-perf.out" "$scratch/consumer-perf.out.err" >&2; die "ConsumerPerformance failed or printed no result"; }
}

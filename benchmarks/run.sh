#!/usr/bin/env bash
# Builds the benchmarks jar and runs Rivulet against Chronicle Queue in one JMH run.
#
#   ./benchmarks/run.sh                  # append comparison (AppendBenchmark + ChronicleQueueAppendBenchmark)
#   ./benchmarks/run.sh all              # every benchmark: append, read, recovery (~5 minutes)
#   ./benchmarks/run.sh Read -wi 1 -i 3  # any JMH regex and options
#
# Extra arguments after the regex go to JMH. Results: benchmarks/target/jmh-result.json.
# Scratch files go to the system temp dir; choose another with -jvmArgsAppend -Drivulet.bench.dir=<dir>.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q package -DskipTests -pl benchmarks -am

pattern="${1:-Append}"
shift || true
if [ "$pattern" = "all" ]; then
  pattern="io.rivulet.benchmarks"
fi

exec java -jar benchmarks/target/benchmarks.jar "$pattern" -prof gc \
  -rf json -rff benchmarks/target/jmh-result.json "$@"

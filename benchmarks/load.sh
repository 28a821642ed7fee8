#!/usr/bin/env bash
# End-to-end load driver (issue 5): our server against the naive ceiling, fixed-rate upload
# latency, GET /api/v1/telemetry latency. Builds benchmarks/target/benchmarks.jar when missing.
# Usage: benchmarks/load.sh [--mode all|throughput|latency|summaries] [options]   (--help lists them)
# JVM options: LOAD_JAVA_OPTS, e.g. LOAD_JAVA_OPTS="-XX:StartFlightRecording=duration=60s,filename=/tmp/x.jfr,settings=profile"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -DskipTests -pl benchmarks -am package)
fi
# shellcheck disable=SC2086
exec java ${LOAD_JAVA_OPTS:-} -cp "$jar" com.vrooli.telemetry.bench.load.LoadDriver "$@"

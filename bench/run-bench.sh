#!/usr/bin/env bash
# Builds the standalone and the benchmarks, starts the standalone on a fresh temporary data directory with a
# known API key, runs one benchmark against it and stops it again. The first argument names the benchmark
# (sites: SitesBenchmark, reads: ReadsBenchmark (every contract GET under wrk, which it installs from Debian's
# packages if missing), site-summary: SiteSummaryBenchmark, history: FleetHistoryBenchmark, ocpp: OcppBenchmark, which is also told the
# standalone's pid to report its CPU and RSS; replay: ReplayBenchmark, told the pid too, to read the CPU of each
# stage; crash: CrashBenchmark, which starts the standalone itself on the same data directory, because it kills it
# with SIGKILL and starts it again; failover: CrashBenchmark against the local cluster of deploy/local-cluster.sh,
# which this script starts on a fresh data directory, bench/target/failover-cluster, instead of the standalone and
# stops afterwards (its logs stay there), killing a broker, a gateway and a projection-service instance in turn);
# the others go to it, e.g.
#   bench/run-bench.sh sites --writes=5000 --concurrency=32
#   bench/run-bench.sh reads --chargers=10000 --sites=100 --connections=32 --seconds=20
#   bench/run-bench.sh site-summary --chargers=1000 --sites=50
#   bench/run-bench.sh replay --events=10000000 --chargers=10000 (--profile=mixed|chatty|sparse)
#   bench/run-bench.sh ocpp --chargers=10000 --calls-per-second=5000 (realistic mix by default: two connectors,
#     charging sessions with transactions; --mix=classic for the old half-Heartbeat one; --ocpp201-percent=50 makes
#     half the load chargers OCPP 2.0.1 stations, a mixed fleet; --sites=100 --site-probes=2
#     --probe-samples=1000 --warmup-s=20 --seconds=60; a small check: --chargers=200 --calls-per-second=200
#     --warmup-s=10 --seconds=30 --probe-samples=100)
#   bench/run-bench.sh storm --chargers=10000 (OcppStormBenchmark, the reconnect storm; started like ocpp, told the pid)
#   bench/run-bench.sh crash --chargers=200 --kills=3 --between-kills-s=60
#   bench/run-bench.sh failover --chargers=200 --between-kills-s=60 (--kill=kafka-1,ocpp-gateway-1,projection-service-1)
#   bench/run-bench.sh load --chargers=1000 --sites=50 --site-kw=100 --seconds=60 (SiteLoadBenchmark, site load
#     management under sessions starting and stopping; told the pid too, for the standalone's CPU per profile call)
# history and replay take --rebuild-with=cli/target/quarkus-app/quarkus-run.jar: afterwards every projection is
# rebuilt from the event history with the operator's tool (compare mode), switched, and checked again.
# STANDALONE_JAVA_OPTS sets the standalone's JVM options (e.g. -Xmx1g); unset, the ocpp benchmark runs it with
# ZGC and a 3 GiB heap, as the README advises for a gateway holding many chargers, the others with the JVM's
# defaults. SKIP_BUILD=1 reuses the last build.
# Needs port 8080 free (and, but for crash, which picks free ones, the standalone's embedded Kafka on 9092/9093 and
# PostgreSQL on 5433).
set -euo pipefail
cd "$(dirname "$0")/.."

java_opts=
cluster=
case "${1:-}" in
  sites) main=org.dynamocsms.bench.SitesBenchmark ;;
  reads) main=org.dynamocsms.bench.ReadsBenchmark ;;
  site-summary) main=org.dynamocsms.bench.SiteSummaryBenchmark ;;
  ocpp) main=org.dynamocsms.bench.OcppBenchmark; java_opts="-XX:+UseZGC -Xmx8g" ;;
  storm) main=org.dynamocsms.bench.OcppStormBenchmark; java_opts="-XX:+UseZGC -Xmx3g" ;;
  history) main=org.dynamocsms.bench.FleetHistoryBenchmark ;;
  replay) main=org.dynamocsms.bench.ReplayBenchmark ;;
  crash) main=org.dynamocsms.bench.CrashBenchmark ;;
  failover) main=org.dynamocsms.bench.CrashBenchmark; cluster=1 ;;
  load) main=org.dynamocsms.bench.SiteLoadBenchmark ;;
  *) echo "usage: $0 sites|reads|site-summary|ocpp|storm|history|replay|crash|failover|load [benchmark options]" >&2
     exit 2 ;;
esac
shift

if [[ -n "$cluster" ]]; then
  if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    echo "Building the services and the benchmark..."
    ./mvnw -B -q -pl command-service,projection-service,query-api,ocpp-gateway,bench -am package -DskipTests
  fi
  export CSMS_CLUSTER_DIR=$PWD/bench/target/failover-cluster
  export CSMS_BOOTSTRAP_API_KEY="csk_bench_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  if [[ -d "$CSMS_CLUSTER_DIR/run" ]]; then
    deploy/local-cluster.sh down # a run interrupted before its own down
  fi
  rm -rf "$CSMS_CLUSTER_DIR"
  trap 'status=$?; deploy/local-cluster.sh down; exit $status' EXIT
  trap 'exit 130' INT TERM
  deploy/local-cluster.sh up
  CSMS_API_KEY="$CSMS_BOOTSTRAP_API_KEY" java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp bench/target/bench.jar "$main" --base-url="http://127.0.0.1:$(( ${CSMS_CLUSTER_PORT_BASE:-19000} + 80 ))" \
    --cluster=deploy/local-cluster.sh "$@"
  exit
fi

BASE_URL=http://127.0.0.1:8080
STARTUP_LIMIT_S=180

if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  echo "Something already listens on 127.0.0.1:8080; stop it first." >&2
  exit 1
fi

if [[ "$main" == *ReadsBenchmark ]] && ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian's package)..."
  if [[ $(id -u) == 0 ]]; then apt-get install -y -q wrk >/dev/null; else sudo apt-get install -y -q wrk >/dev/null; fi
fi

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "Building the standalone and the benchmark..."
  ./mvnw -B -q -pl standalone,bench,cli -am package -DskipTests
fi

work_dir=$(mktemp -d -t csms-bench-XXXXXX)
api_key="csk_bench_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
standalone_pid=

cleanup() {
  local status=$?
  if [[ -n "$standalone_pid" ]] && kill -0 "$standalone_pid" 2>/dev/null; then
    kill "$standalone_pid"
    # a clean stop closes Kafka and PostgreSQL; force it only if that hangs
    for _ in $(seq 1 60); do
      kill -0 "$standalone_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$standalone_pid" 2>/dev/null && kill -9 "$standalone_pid"
    wait "$standalone_pid" 2>/dev/null || true
  fi
  if [[ -f "$work_dir/standalone.log" ]]; then
    cp "$work_dir/standalone.log" bench/target/standalone.log
    if [[ $status -ne 0 ]]; then
      echo "--- last lines of the standalone's log (all of it: bench/target/standalone.log) ---" >&2
      tail -n 40 "$work_dir/standalone.log" >&2
    fi
  fi
  rm -rf "$work_dir"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

java_opts=${STANDALONE_JAVA_OPTS-$java_opts}
if [[ "$main" == *CrashBenchmark ]]; then
  CSMS_API_KEY="$api_key" java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp bench/target/bench.jar "$main" \
    --base-url="$BASE_URL" --jar=standalone/target/quarkus-app/quarkus-run.jar --data-dir="$work_dir/data" \
    --log="$work_dir/standalone.log" --java-opts="$java_opts" "$@"
  exit
fi
echo "Starting the standalone (data in $work_dir, JVM options: ${java_opts:-none})..."
# shellcheck disable=SC2086 # java_opts holds several options
java $java_opts \
  -Dcsms.data-dir="$work_dir/data" \
  -Dcsms.bootstrap.api-key="$api_key" \
  -jar standalone/target/quarkus-app/quarkus-run.jar >"$work_dir/standalone.log" 2>&1 &
standalone_pid=$!

started=$SECONDS
until [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $api_key" \
    "$BASE_URL/api/v1/sites?limit=1")" == 200 ]]; do
  if ! kill -0 "$standalone_pid" 2>/dev/null; then
    echo "The standalone exited during startup." >&2
    exit 1
  fi
  if (( SECONDS - started > STARTUP_LIMIT_S )); then
    echo "The standalone did not answer within ${STARTUP_LIMIT_S} s." >&2
    exit 1
  fi
  sleep 0.5
done
echo "Standalone ready after $(( SECONDS - started )) s."

extra=()
[[ "$main" == *Ocpp*Benchmark || "$main" == *SiteLoadBenchmark ]] && extra=(--gateway-pid="$standalone_pid")
[[ "$main" == *ReplayBenchmark ]] && extra=(--standalone-pid="$standalone_pid")
CSMS_API_KEY="$api_key" java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp bench/target/bench.jar "$main" \
  --base-url="$BASE_URL" "${extra[@]}" "$@"

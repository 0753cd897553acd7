#!/usr/bin/env bash
# The split deployment of docker-compose.yml as plain processes on this machine, without Docker: three KRaft Kafka
# nodes (broker and controller each; replication factor 3, min.insync.replicas 2), PostgreSQL, the services (two
# instances each of ocpp-gateway, query-api and projection-service, one command-service by default) and nginx in
# front with the compose router's rules. See deploy/README.md.
#
#   deploy/local-cluster.sh up            start whatever is not running (all of it the first time; after a kill, the
#                                         killed process), then wait until every service is ready
#   deploy/local-cluster.sh status        each process: pid, port, alive, ready
#   deploy/local-cluster.sh kill NAME     SIGKILL one process (e.g. kafka-2, ocpp-gateway-1), as a crash would
#   deploy/local-cluster.sh down          stop every process it started (SIGTERM, SIGKILL after 60 s)
#   deploy/local-cluster.sh bootstrap-servers   the brokers' addresses, for Kafka clients
#
# The services' jars must be built: ./mvnw -B -q package -DskipTests \
#   -pl command-service,projection-service,query-api,ocpp-gateway -am
# Data, logs and pid files: $CSMS_CLUSTER_DIR (default target/local-cluster). Every port is on 127.0.0.1, from
# $CSMS_CLUSTER_PORT_BASE (default 19000): router +80, Kafka +91..+93 (controllers +191..+193), PostgreSQL +432,
# command-service +101.., projection-service +111.., query-api +121.., ocpp-gateway +131.. (one per instance).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

dir=${CSMS_CLUSTER_DIR:-$repo/target/local-cluster}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
base=${CSMS_CLUSTER_PORT_BASE:-19000}
# instances per service; ocpp-gateway and query-api need two for a failover, projection-service too
declare -A instances=(
  [command-service]=${CSMS_CLUSTER_COMMAND_SERVICES:-1}
  [projection-service]=${CSMS_CLUSTER_PROJECTION_SERVICES:-2}
  [query-api]=${CSMS_CLUSTER_QUERY_APIS:-2}
  [ocpp-gateway]=${CSMS_CLUSTER_GATEWAYS:-2}
)
for count in "${instances[@]}"; do
  # each service has ten ports
  [[ $count =~ ^[1-9]$ ]] || { echo "instances of a service: 1 to 9, not '$count'" >&2; exit 2; }
done
declare -A first_port=([command-service]=101 [projection-service]=111 [query-api]=121 [ocpp-gateway]=131)
services=(query-api command-service projection-service ocpp-gateway)
brokers=3
router_port=$((base + 80))
postgres_port=$((base + 432))
# the compose cluster's id: one id for the one topology
cluster_id=eM4ZeYVLRv62txm52Uye2A
db_password=${CSMS_DB_PASSWORD:-csms}
# the processes share one machine: bounded heaps instead of compose's share of a container's memory
service_java_opts="-Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dvertx.disableURIValidation=true"
ready_limit_s=${CSMS_CLUSTER_READY_LIMIT_S:-420}

run=$dir/run
logs=$dir/logs
mkdir -p "$run" "$logs"

broker_port() { echo $((base + 90 + $1)); }
controller_port() { echo $((base + 190 + $1)); }
service_port() { echo $((base + ${first_port[$1]} + $2 - 1)); }
bootstrap_servers() {
  local n list=
  for n in $(seq 1 $brokers); do list+="${list:+,}127.0.0.1:$(broker_port "$n")"; done
  echo "$list"
}

pid_of() { [[ -f $run/$1.pid ]] && cat "$run/$1.pid"; }
# running: a process killed but not yet reaped (a zombie) is not
alive() {
  local pid
  pid=$(pid_of "$1") && [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && [[ $(ps -o stat= -p "$pid") != Z* ]]
}
not_alive() { ! alive "$1"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_status() { curl -s -o /dev/null -m 3 -w '%{http_code}' "http://127.0.0.1:$1$2" || true; }

# Every process of the cluster as "name port kind", in start order.
processes() {
  local n s
  for n in $(seq 1 $brokers); do echo "kafka-$n $(broker_port "$n") kafka"; done
  echo "postgres $postgres_port postgres"
  for s in "${services[@]}"; do
    for n in $(seq 1 "${instances[$s]}"); do echo "$s-$n $(service_port "$s" "$n") service"; done
  done
  echo "router $router_port router"
}

# The API key command-service registers as the first operator key: CSMS_BOOTSTRAP_API_KEY, else one generated on
# the first start; kept in the data directory (api-key, readable by its owner only) for status and for clients.
api_key() {
  if [[ -n ${CSMS_BOOTSTRAP_API_KEY:-} || ! -f $dir/api-key ]]; then
    (umask 077 && echo "${CSMS_BOOTSTRAP_API_KEY:-csk_local_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}" \
      >"$dir/api-key")
  fi
  cat "$dir/api-key"
}

# Resolves the broker's classpath and the PostgreSQL binaries (deploy/local-cluster/pom.xml) once.
runtime() {
  if [[ ! -s $dir/kafka.classpath ]]; then
    echo "Resolving Kafka $(grep -m1 -o '<kafka.version>[^<]*' pom.xml | cut -d'>' -f2) and PostgreSQL from Maven..."
    ./mvnw -B -q -f deploy/local-cluster/pom.xml \
      org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
      -Dmdep.outputFile="$dir/kafka.classpath.all" -Dmdep.includeScope=runtime
    tr ':' '\n' <"$dir/kafka.classpath.all" | grep -v embedded-postgres-binaries | paste -sd: >"$dir/kafka.classpath"
    tr ':' '\n' <"$dir/kafka.classpath.all" | grep embedded-postgres-binaries >"$dir/postgres.jar"
    rm "$dir/kafka.classpath.all"
  fi
  if [[ ! -x $dir/postgres-dist/bin/postgres ]]; then
    rm -rf "$dir/postgres-dist"
    mkdir -p "$dir/postgres-dist"
    # the jar holds one .txz of the PostgreSQL binaries
    unzip -p "$(cat "$dir/postgres.jar")" '*.txz' | tar -xJ -C "$dir/postgres-dist"
  fi
}

# Starts a command in the background with its output in the process's log and its pid in run/NAME.pid.
spawn() {
  local name=$1
  shift
  echo "=== started $(date -u +%FT%TZ) ===" >>"$logs/$name.log"
  nohup "$@" >>"$logs/$name.log" 2>&1 </dev/null &
  echo $! >"$run/$name.pid"
}

start_kafka() {
  local n=$1 voters= v
  local node_dir=$dir/kafka-$n
  for v in $(seq 1 $brokers); do voters+="${voters:+,}$v@127.0.0.1:$(controller_port "$v")"; done
  mkdir -p "$node_dir"
  cat >"$node_dir/server.properties" <<EOF
# written by deploy/local-cluster.sh: the settings of docker-compose.yml's kafka-$n
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$(broker_port "$n"),CONTROLLER://127.0.0.1:$(controller_port "$n")
advertised.listeners=PLAINTEXT://127.0.0.1:$(broker_port "$n")
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$node_dir/data
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
  local java_cmd=(java -Xmx512m -Dorg.slf4j.simpleLogger.showDateTime=true
    -Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd\'T\'HH:mm:ss.SSS -cp "$(cat "$dir/kafka.classpath")")
  if [[ ! -f $node_dir/data/meta.properties ]]; then
    "${java_cmd[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$node_dir/server.properties" \
      >>"$logs/kafka-$n.log" 2>&1
  fi
  spawn "kafka-$n" "${java_cmd[@]}" kafka.Kafka "$node_dir/server.properties"
}

# initdb refuses root: run PostgreSQL as its Debian user if there is one, else as nobody.
pg() {
  if [[ $(id -u) == 0 ]]; then
    local user=nobody
    id postgres >/dev/null 2>&1 && user=postgres
    touch "$logs/postgres.log"
    chown -R "$user" "$dir/postgres" "$logs/postgres.log"
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  local bin=$dir/postgres-dist/bin data=$dir/postgres/data
  mkdir -p "$dir/postgres"
  if [[ ! -f $data/PG_VERSION ]]; then
    echo "$db_password" >"$dir/postgres/pwfile"
    pg "$bin/initdb" -D "$data" -U csms --pwfile="$dir/postgres/pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 >>"$logs/postgres.log" 2>&1
    rm "$dir/postgres/pwfile"
    echo "CREATE DATABASE csms;" | pg "$bin/postgres" --single -D "$data" postgres >>"$logs/postgres.log" 2>&1
  fi
  # as the compose image: an acknowledged commit survives a crash (synchronous_commit is on by default)
  pg "$bin/pg_ctl" start -D "$data" -l "$logs/postgres.log" -s \
    -o "-p $postgres_port -c listen_addresses=127.0.0.1 -k $dir/postgres -c max_connections=200"
  head -1 "$data/postmaster.pid" >"$run/postgres.pid"
}

# One service instance, configured by the environment variables docker-compose.yml gives that service, plus what
# tells instances on one machine apart: port, instance id, Kafka Streams state directory.
start_service() {
  local service=$1 n=$2
  local name=$service-$n
  local env=(
    CSMS_KAFKA_BOOTSTRAP_SERVERS="$(bootstrap_servers)"
    CSMS_KAFKA_PARTITIONS=6
    CSMS_KAFKA_REPLICATION_FACTOR=3
    CSMS_KAFKA_MIN_INSYNC_REPLICAS=2
    CSMS_KAFKA_STATE_DIR="$dir/$name/streams"
    CSMS_KAFKA_INSTANCE_ID="$name"
    CSMS_KAFKA_SESSION_TIMEOUT=20s
    QUARKUS_HTTP_HOST=127.0.0.1
    QUARKUS_HTTP_PORT="$(service_port "$service" "$n")"
  )
  local java_opts=$service_java_opts
  # the services with Kafka Streams applications, when they run more than once: a warm copy of each task's stores
  # on another instance, so that one taking over a lost instance's tasks restores only the tail of their changelogs
  if [[ $service == command-service || $service == projection-service ]] && ((instances[$service] > 1)); then
    env+=(CSMS_KAFKA_STANDBY_REPLICAS=1)
  fi
  local datasource=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$postgres_port/csms"
    QUARKUS_DATASOURCE_USERNAME=csms QUARKUS_DATASOURCE_PASSWORD="$db_password")
  case $service in
    command-service)
      env+=("${datasource[@]}" CSMS_BOOTSTRAP_ENABLED=true CSMS_BOOTSTRAP_API_KEY="$(api_key)"
        CSMS_BOOTSTRAP_ORGANISATION_ID="${CSMS_BOOTSTRAP_ORGANISATION_ID:-org_default}") ;;
    query-api)
      env+=("${datasource[@]}") ;;
    ocpp-gateway)
      env+=(CSMS_OCPP_GATEWAY_ID="gateway-$n")
      java_opts="-XX:+UseZGC $java_opts" ;;
  esac
  local jar=$repo/$service/target/quarkus-app/quarkus-run.jar
  mkdir -p "$dir/$name"
  # shellcheck disable=SC2086 # java_opts holds several options
  spawn "$name" env "${env[@]}" java $java_opts -jar "$jar"
}

# nginx with deploy/router/nginx.conf itself (linked, so its rules are the compose router's) and the two files it
# includes written for these ports.
start_router() {
  local conf=$dir/router s n
  mkdir -p "$conf"
  ln -sfn "$repo/deploy/router/nginx.conf" "$conf/nginx.conf"
  echo "listen 127.0.0.1:$router_port;" >"$conf/listen.conf"
  {
    echo "# written by deploy/local-cluster.sh: the upstreams of deploy/router/upstreams.conf on this machine"
    for s in "${services[@]}"; do
      echo "upstream ${s//-/_} {"
      for n in $(seq 1 "${instances[$s]}"); do
        echo "    server 127.0.0.1:$(service_port "$s" "$n") max_fails=3 fail_timeout=10s;"
      done
      [[ $s == query-api || $s == command-service ]] && echo "    keepalive 32;"
      echo "}"
    done
  } >"$conf/upstreams.conf"
  nginx -p "$conf" -c "$conf/nginx.conf" -g "pid $run/router.pid; error_log $logs/router.log;"
}

wait_until() {
  local what=$1 limit=$2
  shift 2
  local started=$SECONDS
  until "$@"; do
    if ((SECONDS - started > limit)); then
      echo "$what: not within $limit s (logs in $logs)" >&2
      return 1
    fi
    sleep 1
  done
}

all_ready() {
  local name port kind
  while read -r name port kind; do
    [[ $kind == service ]] || continue
    [[ $(http_status "$port" /q/health/ready) == 200 ]] || return 1
  done < <(processes)
}

up() {
  for tool in java nginx unzip xz curl; do
    command -v $tool >/dev/null || { echo "$tool is missing (nginx: apt-get install nginx-light)" >&2; exit 1; }
  done
  local s
  for s in "${services[@]}"; do
    [[ -f $s/target/quarkus-app/quarkus-run.jar ]] || {
      echo "$s is not built: ./mvnw -B -q package -DskipTests -pl $(IFS=, && echo "${services[*]}") -am" >&2
      exit 1
    }
  done
  runtime
  local name port kind started=()
  while read -r name port kind; do
    alive "$name" && continue
    if listening "$port"; then
      echo "127.0.0.1:$port ($name) is taken by a process this script did not start" >&2
      exit 1
    fi
    case $kind in
      kafka) start_kafka "${name#kafka-}" ;;
      postgres)
        start_postgres
        wait_until "PostgreSQL listening" 60 listening "$port" ;;
      service) start_service "${name%-*}" "${name##*-}" ;;
      router) start_router ;;
    esac
    started+=("$name")
  done < <(processes)
  if ((${#started[@]} == 0)); then
    echo "Everything is running."
  else
    echo "Started ${started[*]}; waiting until every service is ready..."
    wait_until "every service ready" "$ready_limit_s" all_ready || { status; exit 1; }
  fi
  status
}

status() {
  local name port kind pid state ready
  printf '%-22s %8s %6s  %-6s %s\n' process pid port alive ready
  while read -r name port kind; do
    pid=$(pid_of "$name" || true)
    state=no
    alive "$name" && state=yes
    case $kind in
      service) ready=$(http_status "$port" /q/health/ready) ;;
      *) ready=$(listening "$port" && echo listening || echo -) ;;
    esac
    [[ $ready == 000 ]] && ready=-
    printf '%-22s %8s %6s  %-6s %s\n' "$name" "${pid:--}" "$port" "$state" "$ready"
  done < <(processes)
  echo "router: http://127.0.0.1:$router_port  (ws://127.0.0.1:$router_port/ocpp/<charge_point_id>)"
  echo "Kafka: $(bootstrap_servers)   PostgreSQL: 127.0.0.1:$postgres_port/csms (user csms)"
  echo "API key: $(cat "$dir/api-key" 2>/dev/null || echo -)   data and logs: $dir"
}

kill_process() {
  local name=$1
  alive "$name" || { echo "$name is not running" >&2; exit 1; }
  kill -9 "$(pid_of "$name")"
  # returns once it is gone, so that up and status see it gone
  wait_until "$name gone after SIGKILL" 30 not_alive "$name"
  echo "killed $name (pid $(pid_of "$name"))"
}

down() {
  # the router first, then the services, then what they use
  stop_all router
  stop_all service
  stop_all kafka
  if alive postgres; then
    pg "$dir/postgres-dist/bin/pg_ctl" stop -D "$dir/postgres/data" -m fast -s -t 60 || kill -9 "$(pid_of postgres)"
  fi
  rm -f "$run"/*.pid
  echo "Stopped; data and logs kept in $dir (delete it for a fresh cluster)."
}

# SIGTERM to every running process of one kind, then waits for them all.
stop_all() {
  local name port kind names=()
  while read -r name port kind; do
    [[ $kind == "$1" ]] && alive "$name" && kill "$(pid_of "$name")" && names+=("$name")
  done < <(processes)
  stop_waiting "${names[@]}"
}

# Waits up to 60 s for the named processes to exit after SIGTERM, then SIGKILLs what is left.
stop_waiting() {
  local name deadline=$((SECONDS + 60))
  for name in "$@"; do
    while alive "$name" && ((SECONDS < deadline)); do sleep 0.5; done
    if alive "$name"; then
      echo "$name did not stop within 60 s: SIGKILL" >&2
      kill -9 "$(pid_of "$name")"
    fi
  done
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  bootstrap-servers) bootstrap_servers ;;
  kill) [[ -n ${2:-} ]] || { echo "usage: $0 kill NAME" >&2; exit 2; }; kill_process "$2" ;;
  *) echo "usage: $0 up|down|status|kill NAME|bootstrap-servers" >&2; exit 2 ;;
esac

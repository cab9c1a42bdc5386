#!/usr/bin/env bash
# Mayhem Mandrill scaled out on one machine, everything on 127.0.0.1 (docs/scale-out.md):
# one ActiveMQ Artemis broker, one PostgreSQL server and N Payara Micro instances running the same WAR.
#
#   cluster.sh up [N]   start the broker, the database and N instances (default 3); returns when all are ready
#   cluster.sh down     stop what "up" started: instances (SIGTERM, graceful), broker, database
#   cluster.sh pids     the instances' process ids, one per line, in port order
#   cluster.sh prepare  build what "up" needs (./mvnw -Pcluster -DskipTests package); "up" does it when missing
#
# Environment (defaults in brackets):
#   MAYHEM_CLUSTER_DIR          run directory: logs, pid files, broker instance, database [<project>/target/cluster-run]
#   MAYHEM_CLUSTER_HTTP_PORT    HTTP port of instance 1; instance i listens on this + i - 1 [8081]
#   MAYHEM_CLUSTER_BROKER_PORT  the broker's acceptor, OpenWire and core (any JMS client) [61616]
#   MAYHEM_CLUSTER_PG_PORT      PostgreSQL [55432]
#   MAYHEM_CLUSTER_JAVA_OPTS    more JVM options for the instances
#   MAYHEM_CLUSTER_TIMEOUT      seconds to wait for each part to be ready [300]
# The instances inherit the environment, so MAYHEM_* settings of the docs/operations.md "Configuration" apply to
# all of them (MAYHEM_PUBLISHER_ENABLED=false: no instance publishes on its own).
set -euo pipefail

PROJECT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=$PROJECT/target
BUILT=$TARGET/cluster
RUN=${MAYHEM_CLUSTER_DIR:-$TARGET/cluster-run}
HTTP_PORT=${MAYHEM_CLUSTER_HTTP_PORT:-8081}
BROKER_PORT=${MAYHEM_CLUSTER_BROKER_PORT:-61616}
PG_PORT=${MAYHEM_CLUSTER_PG_PORT:-55432}
TIMEOUT=${MAYHEM_CLUSTER_TIMEOUT:-300}
WAR=$TARGET/mayhem-mandrill.war
MICRO=$TARGET/payara-micro
BOOT_TEMPLATE=$PROJECT/server-config/payara-micro/boot.template

log() { echo "cluster.sh: $*" >&2; }
fail() { log "$*"; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Waits (at most $2 seconds) for the process whose pid is in file $1 to end.
await_exit() { alive "$1" && timeout "$2" tail --pid="$(cat "$1")" -f /dev/null || true; }

prepare() {
    (cd "$PROJECT" && ./mvnw -B -q -Pcluster -DskipTests package) || fail "./mvnw -Pcluster -DskipTests package failed"
}

# One boot command file from server-config/payara-micro/boot.template, by the rule in its header (the one pom.xml's
# execution "boot-files" follows): the lines of SECTIONS ("a|b|c"), in the template's order, without the section
# word, each @name@ replaced by the VALUE given as name=VALUE.    boot_file SECTIONS name=VALUE... >FILE
boot_file() {
    local sections=$1 line pair
    shift
    while IFS= read -r line || [ -n "$line" ]; do
        [[ $line =~ ^($sections)[[:space:]]+(.*)$ ]] || continue
        line=${BASH_REMATCH[2]}
        for pair in "$@"; do
            line=${line//"@${pair%%=*}@"/"${pair#*=}"}
        done
        [[ ! $line =~ @[a-z.]+@ ]] || fail "no value for ${BASH_REMATCH[0]} in $BOOT_TEMPLATE (sections $sections)"
        printf '%s\n' "$line"
    done <"$BOOT_TEMPLATE"
}

# ---- PostgreSQL: a server of its own, as the system tests' PostgresServer makes it ------------------------
pg_bin() {
    local found
    found=$(command -v "$1" || ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$found" ] || fail "$1 not found: install the PostgreSQL server binaries (Debian/Ubuntu: apt-get install postgresql)"
    echo "$found"
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_database() {
    local data=$RUN/postgresql
    if [ ! -d "$data/data" ]; then
        mkdir -p "$data"
        [ "$(id -u)" = 0 ] && chown postgres: "$data"
        as_pg "$(pg_bin initdb)" -D "$data/data" --auth=trust -U mayhem -E UTF8 >"$data/initdb.log" 2>&1 \
            || fail "initdb failed, see $data/initdb.log (as root, the postgres user must be able to reach $data)"
    fi
    port_in_use "$PG_PORT" && fail "port $PG_PORT (PostgreSQL) is in use"
    as_pg "$(pg_bin pg_ctl)" -D "$data/data" -l "$data/server.log" -w -t "$TIMEOUT" \
        -o "-p $PG_PORT -k $data -c listen_addresses=127.0.0.1" start >/dev/null \
        || fail "PostgreSQL did not start, see $data/server.log"
    psql -h 127.0.0.1 -p "$PG_PORT" -U mayhem -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'mayhem'" \
        | grep -q 1 || psql -h 127.0.0.1 -p "$PG_PORT" -U mayhem -d postgres -qc "CREATE DATABASE mayhem"
    log "PostgreSQL on 127.0.0.1:$PG_PORT (database mayhem, user mayhem), data in $data"
}

stop_database() {
    local data=$RUN/postgresql
    if [ -f "$data/data/postmaster.pid" ]; then
        as_pg "$(pg_bin pg_ctl)" -D "$data/data" -m fast -w stop >/dev/null || true
    fi
}

# ---- ActiveMQ Artemis: an instance of the bin distribution that Maven fetched --------------------------------
start_broker() {
    local home
    home=$(ls -d "$BUILT"/apache-artemis-*/ 2>/dev/null | head -1 || true)
    if [ -z "$home" ]; then
        tar xzf "$BUILT/apache-artemis-bin.tar.gz" -C "$BUILT"
        home=$(ls -d "$BUILT"/apache-artemis-*/ | head -1)
    fi
    if [ ! -d "$RUN/broker" ]; then
        # one acceptor for every protocol (OpenWire and core included) on loopback; no web console and no
        # per-protocol acceptors (their default ports belong to other brokers: AMQP 5672, MQTT 1883, ...)
        "$home/bin/artemis" create "$RUN/broker" --silent --force --allow-anonymous --user mayhem --password mayhem \
            --host 127.0.0.1 --default-port "$BROKER_PORT" --no-web --no-amqp-acceptor --no-mqtt-acceptor \
            --no-stomp-acceptor --no-hornetq-acceptor --no-autotune --nio --java-memory 1G >"$RUN/broker-create.log" \
            || fail "artemis create failed, see $RUN/broker-create.log"
        # A request the service refuses (intake saturated, database down) rolls back and is redelivered for as
        # long as it takes, never moved to the DLQ: nothing published is lost.
        sed -i 's|<address-settings>|<address-settings>\
         <address-setting match="mayhem.restarts">\
            <max-delivery-attempts>-1</max-delivery-attempts>\
            <redelivery-delay>1000</redelivery-delay>\
            <redelivery-delay-multiplier>2</redelivery-delay-multiplier>\
            <max-redelivery-delay>60000</max-redelivery-delay>\
         </address-setting>|' "$RUN/broker/etc/broker.xml"
    fi
    port_in_use "$BROKER_PORT" && fail "port $BROKER_PORT (broker) is in use"
    setsid "$RUN/broker/bin/artemis" run >"$RUN/broker.log" 2>&1 </dev/null &
    echo $! >"$RUN/broker.pid"
    local waited=0
    until port_in_use "$BROKER_PORT"; do
        alive "$RUN/broker.pid" || fail "the broker stopped, see $RUN/broker.log"
        [ $waited -lt $((TIMEOUT * 2)) ] || fail "the broker is not listening after $TIMEOUT s, see $RUN/broker.log"
        sleep 0.5 # a poll of the port, bounded above; the broker tells nothing else when it is ready
        waited=$((waited + 1))
    done
    log "ActiveMQ Artemis $(basename "$home" | sed 's/apache-artemis-//') on tcp://127.0.0.1:$BROKER_PORT (pid $(cat "$RUN/broker.pid")), log $RUN/broker.log"
}

stop_broker() {
    if alive "$RUN/broker.pid"; then
        kill -TERM "$(cat "$RUN/broker.pid")"
        await_exit "$RUN/broker.pid" 60
        alive "$RUN/broker.pid" && kill -KILL "$(cat "$RUN/broker.pid")"
    fi
    rm -f "$RUN/broker.pid"
}

# ---- Payara Micro instances -----------------------------------------------------------------------------
start_instance() {
    local i=$1 port=$(($HTTP_PORT + $1 - 1)) dir=$RUN/instance-$1
    port_in_use "$port" && fail "port $port (instance $i) is in use"
    rm -rf "$dir/root"
    mkdir -p "$dir"
    # the same pool as the run command's pre-boot-postgresql.asadmin, created before the server starts; the
    # database trusts connections from 127.0.0.1, so the pool's password (MAYHEM_DB_PASSWORD, unset) is empty
    boot_file "note|tx-log|http-loopback|metrics-off|postgresql" data.dir="$dir" \
        db.url="jdbc:postgresql://127.0.0.1:$PG_PORT/mayhem" db.user=mayhem >"$dir/pre-boot.asadmin"
    # the Artemis resource adapter deployed under the name the WAR uses (activemq-rar) and pointed at the
    # external broker. No automatic transaction recovery at start (the pre-boot file above leaves it off): with
    # recovery on, Payara's start-up recovery of JDBC resources ran while the boot commands created the pool
    # (then in this post-boot file, after the RAR), and one instance in three failed to deploy the RAR (a
    # NullPointerException in ConnectorValidator, the main thread without a context class loader). Deliveries
    # commit in one phase (docs/decisions/0001-no-two-phase-commit.md), so there is nothing in doubt to recover.
    boot_file "note|start-gate|artemis" micro="$MICRO" broker.port="$BROKER_PORT" rar="$BUILT/artemis-rar.rar" \
        >"$dir/post-boot.asadmin"
    # shellcheck disable=SC2086 # MAYHEM_CLUSTER_JAVA_OPTS is a list of options
    # HTTP on loopback through the pre-boot file; no data grid at all (--nohazelcast, which Payara Micro ignores
    # when --nocluster is also given): the instances share nothing but the broker and the database, and nothing
    # else listens (ClusterIT lists each instance's listening sockets). The launcher exits 1 on a failed start.
    setsid env --default-signal=INT,HUP,TERM,QUIT java -Xmx512m \
        -Dcom.sun.enterprise.connectors.inbound.ramid=activemq-rar \
        ${MAYHEM_CLUSTER_JAVA_OPTS:-} -jar "$MICRO/mayhem-launcher.jar" --deploy "$WAR" --contextroot / \
        --port "$port" --nohazelcast --rootdir "$dir/root" \
        --prebootcommandfile "$dir/pre-boot.asadmin" --postbootcommandfile "$dir/post-boot.asadmin" \
        --addLibs "$MICRO/postgresql.jar" >"$dir/server.log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
}

# Ready = /health/ready answers 200 with the service's own check (docs/operations.md "Probes"). curl retries the 503s
# and refused connections of a starting server itself, once a second.
await_instance() {
    local i=$1 port=$(($HTTP_PORT + $1 - 1)) dir=$RUN/instance-$1 deadline=$((SECONDS + TIMEOUT)) body
    while [ $SECONDS -lt $deadline ]; do
        alive "$dir/pid" || fail "instance $i stopped, see $dir/server.log"
        body=$(curl -sf --retry 10 --retry-delay 1 --retry-connrefused -m 5 "http://127.0.0.1:$port/health/ready" || true)
        if [[ $body == *mayhem-readiness* ]]; then
            log "instance $i on http://127.0.0.1:$port (pid $(cat "$dir/pid")), log $dir/server.log"
            return 0
        fi
        # 200 before the application's checks are registered (docs/operations.md "Probes"): ask again in a second
        [ -z "$body" ] || sleep 1
    done
    fail "instance $i is not ready after $TIMEOUT s, see $dir/server.log"
}

stop_instances() {
    local dir
    for dir in "$RUN"/instance-*; do
        alive "$dir/pid" && kill -TERM "$(cat "$dir/pid")"
    done
    for dir in "$RUN"/instance-*; do
        # mayhem.shutdown.timeout (10 s) and Payara's own stop fit in 60 s
        await_exit "$dir/pid" 60
        alive "$dir/pid" && kill -KILL "$(cat "$dir/pid")"
        rm -f "$dir/pid"
    done
}

up() {
    local n=${1:-3} i
    [[ $n =~ ^[1-9][0-9]*$ ]] || fail "usage: cluster.sh up [N], N >= 1"
    for f in "$BUILT/artemis-rar.rar" "$BUILT/apache-artemis-bin.tar.gz" "$WAR" "$MICRO/payara-micro.jar" "$MICRO/postgresql.jar"; do
        [ -f "$f" ] || { log "$f is missing: ./mvnw -Pcluster -DskipTests package"; prepare; break; }
    done
    for f in "$RUN"/instance-*/pid "$RUN/broker.pid"; do
        alive "$f" && fail "$(dirname "$f") is running already (cluster.sh pids); cluster.sh down first"
    done
    mkdir -p "$RUN"
    trap 'log "start failed; stopping what started"; down' EXIT
    start_database
    start_broker
    for ((i = 1; i <= n; i++)); do start_instance "$i"; done
    for ((i = 1; i <= n; i++)); do await_instance "$i"; done
    trap - EXIT
    log "up: $n instances; publish to topic mayhem.restarts on tcp://127.0.0.1:$BROKER_PORT, outcomes on mayhem.acks"
}

down() {
    [ -d "$RUN" ] || return 0
    stop_instances
    stop_broker
    stop_database
    log "down"
}

pids() {
    local i=1
    while [ -f "$RUN/instance-$i/pid" ]; do
        cat "$RUN/instance-$i/pid"
        i=$((i + 1))
    done
}

case "${1:-}" in
    up) shift; up "$@" ;;
    down) down ;;
    pids) pids ;;
    prepare) prepare ;;
    *) fail "usage: cluster.sh up [N] | down | pids | prepare" ;;
esac

#!/usr/bin/env bash
# The per-server check (docs/deploy.md "The server checks"): the built WAR, unchanged, on a server fetched from Maven Central.
#
#   ./mvnw -B -DskipTests package && server-config/check.sh payara-server|wildfly
#
# Fetches and unzips the server under target/servers (through Maven), starts it on loopback, applies its
# server-config, deploys target/mayhem-mandrill.war at context root /, waits until readiness reports the
# application's own check UP, publishes COUNT requests (default 20) to mayhem.restarts through the server's
# broker with the server's own JMS client and waits (bounded) for their outcome events on mayhem.acks, then
# undeploys and stops. The scheduled publisher is off, so the counts are the check's own. Prints the deploy time
# and the counts; the last line is "RESULT ..."; exits non-zero on any failure. Logs: target/servers/<server>-*.log.
# Ports (loopback only): Payara Server HTTP 8480, admin 4858, OpenMQ 27776, data grid 4960/5960;
# WildFly HTTP 8482, management 10090 (port offset 100).
set -euo pipefail

server=${1:?usage: server-config/check.sh payara-server|wildfly}
count=${COUNT:-20}
cd "$(dirname "$0")/.."
root=$PWD
war=$root/target/mayhem-mandrill.war
work=$root/target/servers
[ -f "$war" ] || { echo "no $war: run ./mvnw -B -DskipTests package first" >&2; exit 2; }
mkdir -p "$work"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
millis() { date +%s%3N; }

# Polls a command once a second until it succeeds, for at most $1 seconds.
await() {
    local seconds=$1 what=$2; shift 2
    local deadline=$(( $(date +%s) + seconds ))
    until "$@" >/dev/null 2>&1; do
        if (( $(date +%s) >= deadline )); then log "FAILED: $what not within ${seconds}s"; return 1; fi
        sleep 1
    done
}

# The server distribution from Maven Central, unzipped once (a marker file says it is complete).
fetch() {
    local artifact=$1 dir=$2
    if [ ! -f "$work/$dir.unpacked" ]; then
        log "fetching $artifact"
        rm -rf "${work:?}/$dir"
        "$root/mvnw" -B -q dependency:unpack -Dartifact="$artifact" -DoutputDirectory="$work" -Dmdep.overWriteReleases=true
        touch "$work/$dir.unpacked"
    fi
}

# Fails when the process listens anywhere but loopback.
loopback_only() {
    local pid=$1 wide
    wide=$(ss -Hltnp | grep "pid=$pid," | awk '{print $4}' | grep -Ev '^(127\.0\.0\.1|\[::1\]|\[::ffff:127\.0\.0\.1\]):' || true)
    ss -Hltnp | grep "pid=$pid," | awk '{print "  listening on " $4}'
    if [ -n "$wide" ]; then log "FAILED: listening beyond loopback: $(echo $wide)"; return 1; fi
}

ready() { curl -sf "$1" | grep -q '"name":"mayhem-readiness","status":"UP"'; }

stats() { curl -s -w ' (HTTP %{http_code})' "$1/api/stats"; }

# /metrics is the WAR's Prometheus endpoint (not the server's own metrics) and agrees with /api/stats.
acked_in_stats() { curl -sf "$1/api/stats" | grep -o '"acked":[0-9]*' | cut -d: -f2; }
acked_in_metrics() { curl -sf -H 'Accept: text/plain' "$1/metrics" | awk '/^mayhem_acked_total\{/ { print $2 + 0 }'; }
metrics_agree() { local acked; acked=$(acked_in_stats "$1"); [ -n "$acked" ] && [ "$acked" = "$(acked_in_metrics "$1")" ]; }

# Publishes and waits for the outcome events: java runs the client as a single source file on the given class path.
round_trip() {
    java -cp "$1" "$root/server-config/JmsRoundTrip.java" "${@:2}" "$count" 120
}

check_payara_server() {
    fetch fish.payara.distributions:payara:6.2025.9:zip payara6
    local home=$work/payara6 domain=mayhem-check
    local asadmin=("$home/bin/asadmin" --host 127.0.0.1 --port 4858)
    local http=http://127.0.0.1:8480
    rm -rf "$home/glassfish/domains/$domain"
    "$home/bin/asadmin" create-domain --nopassword --checkports=true --adminport 4858 --instanceport 8480 \
        --domainproperties 'http.ssl.port=8481:jms.port=27776:orb.listener.port=23780:orb.ssl.port=23880:orb.mutualauth.port=23980:domain.jmxPort=28786:osgi.shell.telnet.port=26766:java.debugger.port=29109' \
        "$domain" > "$work/payara-server-setup.log"
    log "starting Payara Server 6.2025.9"
    "$home/bin/asadmin" start-domain "$domain" >> "$work/payara-server-setup.log"
    local pid; pid=$(cat "$home/glassfish/domains/$domain/config/pid")
    # On failure: stop the domain, or its process (values expanded now: the trap runs outside this function).
    trap "\"$home/bin/asadmin\" stop-domain $domain >/dev/null 2>&1 || kill $pid 2>/dev/null || true" EXIT
    # The check's own settings: every listener on loopback, the data grid on its own ports, the publisher off.
    cat > "$work/payara-server-check.asadmin" <<EOF
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.address=127.0.0.1
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener-2.address=127.0.0.1
set configs.config.server-config.network-config.network-listeners.network-listener.admin-listener.address=127.0.0.1
set configs.config.server-config.iiop-service.iiop-listener.orb-listener-1.address=127.0.0.1
set configs.config.server-config.iiop-service.iiop-listener.SSL.address=127.0.0.1
set configs.config.server-config.iiop-service.iiop-listener.SSL_MUTUALAUTH.address=127.0.0.1
set configs.config.server-config.admin-service.jmx-connector.system.address=127.0.0.1
set-hazelcast-configuration --dasport 4960 --startport 5960
create-system-properties --target server-config mayhem.publisher.enabled=false
EOF
    "${asadmin[@]}" multimode --file "$work/payara-server-check.asadmin" >> "$work/payara-server-setup.log"
    log "applying server-config/payara-server/configure.asadmin"
    "${asadmin[@]}" multimode --file "$root/server-config/payara-server/configure.asadmin" >> "$work/payara-server-setup.log"
    "$home/bin/asadmin" restart-domain "$domain" >> "$work/payara-server-setup.log"
    pid=$(cat "$home/glassfish/domains/$domain/config/pid")
    log "deploying $(sha256sum "$war" | cut -c1-16) $war"
    local start; start=$(millis)
    # no --contextroot, no --name: the WAR's glassfish-web.xml says /, and the name comes from the file
    "${asadmin[@]}" deploy "$war"
    local deployed=$(( $(millis) - start ))
    await 120 "readiness UP" ready "$http/health/ready"
    local readied=$(( $(millis) - start ))
    log "deploy took ${deployed} ms, ready after ${readied} ms"
    local result
    result=$(round_trip "$home/mq/lib/imq.jar:$home/mq/lib/jms.jar" openmq mq://127.0.0.1:27776 guest guest) \
        || { log "FAILED: $result"; return 1; }
    log "$result"
    log "stats: $(stats "$http")"
    await 10 "/metrics agreeing with /api/stats" metrics_agree "$http"
    log "metrics: mayhem_acked_total $(acked_in_metrics "$http"), /api/stats acked $(acked_in_stats "$http")"
    loopback_only "$pid"
    "${asadmin[@]}" undeploy mayhem-mandrill
    "$home/bin/asadmin" stop-domain "$domain" >> "$work/payara-server-setup.log"
    trap - EXIT
    echo "RESULT payara-server 6.2025.9: deploy ${deployed} ms (ready ${readied} ms), $result"
}

check_wildfly() {
    fetch org.wildfly:wildfly-dist:39.0.1.Final:zip wildfly-39.0.1.Final
    local home=$work/wildfly-39.0.1.Final
    local cli=("$home/bin/jboss-cli.sh" --connect --controller=127.0.0.1:10090)
    local http=http://127.0.0.1:8482
    # The distribution's configuration each run; a client user for the check's JMS connection (Artemis in WildFly
    # requires one).
    local conf=$home/standalone/configuration file
    for file in standalone-full.xml application-users.properties application-roles.properties; do
        [ -f "$work/wildfly-$file.orig" ] || cp "$conf/$file" "$work/wildfly-$file.orig"
        cp "$work/wildfly-$file.orig" "$conf/$file"
    done
    rm -rf "$conf/standalone_xml_history" "$home/standalone/data" "$home/standalone/tmp" "$home/standalone/log"
    "$home/bin/add-user.sh" -s -a -u mayhem-check -p 'check-Pa55' -g guest -sc "$home/standalone/configuration"
    log "starting WildFly 39.0.1.Final (standalone-full.xml)"
    LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE=$work/wildfly.pid "$home/bin/standalone.sh" -c standalone-full.xml \
        -Djboss.socket.binding.port-offset=100 -Djboss.http.port=8382 -Dmayhem.publisher.enabled=false \
        > "$work/wildfly-server.log" 2>&1 &
    local launcher=$!
    trap "\"$home/bin/jboss-cli.sh\" --connect --controller=127.0.0.1:10090 --command=shutdown >/dev/null 2>&1 || kill \$(cat \"$work/wildfly.pid\") 2>/dev/null || true" EXIT
    await 120 "WildFly running" sh -c "\"$home/bin/jboss-cli.sh\" --connect --controller=127.0.0.1:10090 --command=':read-attribute(name=server-state)' | grep -q running"
    local pid; pid=$(cat "$work/wildfly.pid")
    log "applying server-config/wildfly/configure.cli (twice: it is idempotent)"
    "${cli[@]}" --file="$root/server-config/wildfly/configure.cli" > "$work/wildfly-setup.log"
    "${cli[@]}" --file="$root/server-config/wildfly/configure.cli" >> "$work/wildfly-setup.log"
    log "deploying $(sha256sum "$war" | cut -c1-16) $war (its jboss-web.xml says /)"
    local start; start=$(millis)
    "${cli[@]}" --command="deploy $war"
    local deployed=$(( $(millis) - start ))
    await 120 "readiness UP" ready http://127.0.0.1:10090/health/ready
    local readied=$(( $(millis) - start ))
    log "deploy took ${deployed} ms, ready after ${readied} ms"
    local result
    result=$(round_trip "$home/bin/client/jboss-client.jar" artemis \
        'tcp://127.0.0.1:8482?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true' \
        mayhem-check check-Pa55) || { log "FAILED: $result"; return 1; }
    log "$result"
    log "stats: $(stats "$http")"
    await 10 "/metrics agreeing with /api/stats" metrics_agree "$http"
    log "metrics: mayhem_acked_total $(acked_in_metrics "$http"), /api/stats acked $(acked_in_stats "$http")"
    loopback_only "$pid"
    "${cli[@]}" --command="undeploy mayhem-mandrill.war"
    "${cli[@]}" --command=shutdown
    wait "$launcher" || true
    trap - EXIT
    echo "RESULT wildfly 39.0.1.Final: deploy ${deployed} ms (ready ${readied} ms), $result"
}

case $server in
    payara-server) check_payara_server ;;
    wildfly) check_wildfly ;;
    *) echo "usage: server-config/check.sh payara-server|wildfly" >&2; exit 2 ;;
esac

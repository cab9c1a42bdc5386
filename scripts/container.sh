#!/usr/bin/env bash
# Builds the service's container image (Dockerfile) on this machine and runs it as Kubernetes would, without
# pulling anything from a registry (docs/deploy.md "Container image and Kubernetes"):
#
#   1. the base: a Java 17 runtime made with jlink from this machine's JDK (Debian's openjdk-17), the shared
#      libraries it links (Debian's), /etc/passwd, /etc/group and /tmp, imported FROM scratch as
#      localhost/mayhem-jre:<JDK version>; made once per JDK version;
#   2. the image localhost/mayhem-mandrill:latest from the Dockerfile, on that base (--build-arg BASE), from
#      target/container/image (the run command's files for /opt/mayhem: target/payara-micro/container, and the jars);
#   3. unless "image" is given: runs it with a read-only root, /tmp a tmpfs, the data directory a volume, its
#      HTTP port on 127.0.0.1:$MAYHEM_CONTAINER_PORT, the publisher off and an operator made for this run given only
#      as MAYHEM_API_USERS (a hash); waits for /health/ready, checks /health/started and /health/live, sends one
#      request with POST /api/restarts and waits for its "Done. Acked" line and /api/stats "acked": 1, measures
#      the process's memory, stops the container (SIGTERM) and checks the graceful shutdown.
#
# The numbers (image sizes, time to ready, RSS, the request's round trip, the stop) go to
# target/container/results.txt, the container's log to target/container/container.log. Idempotent: a
# container left by an interrupted run is removed first, and the image is rebuilt from the build's files.
#
#   scripts/container.sh           all of the above
#   scripts/container.sh image     steps 1 and 2 only
#
# Needs root or sudo (podman and runc, Debian's, installed with apt-get when missing), a JDK 17 with jlink,
# python3 (the operator's password hash), curl, and the build (./mvnw -B -DskipTests package, run when missing).
# Podman runs with runc and cgroupfs and without default ulimits (target/container/containers.conf): the
# default crun fails on hybrid cgroups, and the default ulimits are refused in some sandboxes.
#
# Environment: MAYHEM_CONTAINER_PORT, the host port for the container's HTTP port [18080].
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${MAYHEM_CONTAINER_PORT:-18080}
OUT=target/container
IMAGE=localhost/mayhem-mandrill:latest
NAME=mayhem-container-check
STOP_TIMEOUT=30
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    SUDO="sudo"
fi

log() { echo "container.sh: $*" >&2; }
fail() {
    log "FAILED: $*"
    exit 1
}
now_ms() { date +%s%3N; }
seconds_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

podman_ready() {
    if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
        log "installing Debian's podman and runc"
        export DEBIAN_FRONTEND=noninteractive
        $SUDO apt-get install -y --no-install-recommends podman runc || {
            $SUDO apt-get update
            $SUDO apt-get install -y --no-install-recommends podman runc
        }
    fi
    mkdir -p "$OUT"
    cat >"$OUT/containers.conf" <<'EOF'
# scripts/container.sh: runc and cgroupfs (crun fails on hybrid cgroups), no default ulimits (refused in some sandboxes)
[containers]
default_ulimits = []
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
}

PODMAN=($SUDO env CONTAINERS_CONF="$PWD/$OUT/containers.conf" podman --runtime runc --cgroup-manager cgroupfs)
pm() { "${PODMAN[@]}" "$@"; }

# ---- 1. the base: a Java 17 runtime from this machine's JDK, FROM scratch ---------------------------------
base() {
    local java jdk version dir root
    java=$(readlink -f "$(command -v java)")
    jdk=${JAVA_HOME:-$(dirname "$(dirname "$java")")}
    [[ -x $jdk/bin/jlink ]] || fail "no jlink in $jdk (a JDK 17 is needed, not a JRE; set JAVA_HOME)"
    version=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ { print $2 }')
    [[ $version == 17.* ]] || fail "the JDK in $jdk is $version, not 17"
    BASE=localhost/mayhem-jre:${version//+/_}
    if pm image exists "$BASE"; then
        log "base $BASE already built"
        return
    fi
    dir=$OUT/base
    root=$dir/rootfs
    rm -rf "$dir"
    mkdir -p "$root"/{etc,tmp,lib64,opt}
    chmod 1777 "$root/tmp"
    log "jlink: a Java $version runtime into $root/opt/java"
    # what Payara Micro needs (the java.se modules, sun.misc.Unsafe, JMX, JFR, DNS for JNDI, zipfs, locales) and
    # jcmd, for a thread dump with "podman exec <name> jcmd 1 Thread.print"
    "$jdk/bin/jlink" --output "$root/opt/java" --no-header-files --no-man-pages --compress=2 --add-modules \
        java.se,jdk.unsupported,jdk.charsets,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.naming.dns,jdk.naming.rmi,jdk.management,jdk.management.agent,jdk.management.jfr,jdk.jfr,jdk.jcmd,jdk.attach,jdk.httpserver,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.xml.dom,jdk.zipfs
    # the shared libraries they link, from this machine (Debian's packages), at the same paths; not those of the
    # X11 and sound parts, which a headless server does not load
    find "$root/opt/java" -name '*.so' ! -name libawt_xawt.so ! -name libjawt.so ! -name libsplashscreen.so \
        ! -name libjsound.so -print0 | xargs -0 ldd "$root/opt/java/bin/java" 2>/dev/null \
        | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | sort -u | while read -r lib; do
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
    done
    cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
    printf 'root:x:0:0:root:/root:/sbin/nologin\n' >"$root/etc/passwd"
    printf 'root:x:0:\n' >"$root/etc/group"
    printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
    cat >"$dir/Containerfile" <<'EOF'
FROM scratch
COPY rootfs/ /
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/bin:/bin LANG=C.UTF-8
EOF
    pm build --pull=never -q -t "$BASE" "$dir" >/dev/null
    log "base $BASE built: $(size "$BASE")"
}

size() { pm image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.1f MB", $1 / 1e6 }'; }

# ---- 2. the image --------------------------------------------------------------------------------------------
image() {
    local micro=target/payara-micro stage=$OUT/image previous
    if [[ ! -f target/mayhem-mandrill.war || ! -f $micro/container/run.args ]]; then
        log "building: ./mvnw -B -DskipTests package"
        ./mvnw -B -q -DskipTests package
    fi
    rm -rf "$stage"
    mkdir -p "$stage/opt/mayhem" "$stage/var/lib/mayhem"
    cp "$micro"/container/* "$micro"/{payara-micro.jar,mayhem-launcher.jar,mayhem-start-gate.war,activemq-rar.rar,postgresql.jar} \
        target/mayhem-mandrill.war "$stage/opt/mayhem/"
    previous=$(pm image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
    pm build --pull=never -q --build-arg BASE="$BASE" -t "$IMAGE" . >/dev/null
    # the image this one replaced, untagged now: removed, so that runs do not pile images up
    if [[ -n $previous && $previous != $(pm image inspect --format '{{.Id}}' "$IMAGE") ]]; then
        pm rmi "$previous" >/dev/null 2>&1 || true
    fi
    log "image $IMAGE built: $(size "$IMAGE") (base $(size "$BASE"))"
}

# ---- 3. run and check ------------------------------------------------------------------------------------------
# Waits at most $2 seconds for a line of the container's log that contains $1.
await_log() {
    local found=0
    coproc LOGS { exec timeout "$2" "${PODMAN[@]}" logs -f "$NAME" 2>&1; }
    grep -m1 -qF -- "$1" <&"${LOGS[0]}" && found=1
    kill "$LOGS_PID" 2>/dev/null || true
    wait "$LOGS_PID" 2>/dev/null || true
    [[ $found == 1 ]]
}

http() { curl -s -m 10 "$@"; }

check() {
    local password users data started ready_s id body acked pid rss hwm tmp stop_start stop_s exit_code round_trip
    data=$PWD/$OUT/data
    pm rm -f -t 0 "$NAME" >/dev/null 2>&1 || true
    rm -rf "$data"
    mkdir -p "$data"
    $SUDO chown 10001:0 "$data"
    # an operator for this run: the password stays in this shell, the container gets its hash
    password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    users="check:operator:$(printf %s "$password" | python3 -c 'import base64,hashlib,os,sys; s=os.urandom(16); n=10000; print("PBKDF2WithHmacSHA256:%d:%s:%s" % (n, base64.b64encode(s).decode(), base64.b64encode(hashlib.pbkdf2_hmac("sha256", sys.stdin.read().encode(), s, n)).decode()))')"

    started=$(now_ms)
    pm run -d --name "$NAME" --read-only --tmpfs /tmp:rw,size=256m,mode=1777 -v "$data:/var/lib/mayhem" \
        -p "127.0.0.1:$PORT:8080" -e MAYHEM_PUBLISHER_ENABLED=false -e MAYHEM_API_USERS="$users" \
        --stop-timeout "$STOP_TIMEOUT" "$IMAGE" >/dev/null
    await_log "ready in" 300 || fail "Payara Micro did not start within 300 s; see $OUT/container.log"
    body=$(http -f --retry 30 --retry-delay 1 --retry-all-errors "http://127.0.0.1:$PORT/health/ready") \
        || fail "/health/ready did not answer 200"
    [[ $body == *'"mayhem-readiness","status":"UP"'* ]] || fail "/health/ready: $body"
    ready_s=$(seconds_since "$started")
    log "ready after $ready_s s: $body"
    for probe in started live; do
        body=$(http -f "http://127.0.0.1:$PORT/health/$probe") || fail "/health/$probe did not answer 200"
        log "/health/$probe: $body"
    done
    [[ $(http "http://127.0.0.1:$PORT/api/stats") == *'"acked":0,'* ]] || fail "acked is not 0 before the request"

    local sent
    sent=$(now_ms)
    body=$(printf 'user = "check:%s"\n' "$password" | http -K - -w ' %{http_code}' -H 'Content-Type: application/json' \
        -d '{"instance_name": "container-check"}' "http://127.0.0.1:$PORT/api/restarts")
    [[ $body == *' 202' ]] || fail "POST /api/restarts: $body"
    id=$(sed -E 's/.*"message_id":"([^"]+)".*/\1/' <<<"$body")
    await_log "Done. Acked" 60 || fail "no outcome for $id within 60 s"
    round_trip=$(seconds_since "$sent")
    pm logs "$NAME" 2>&1 | grep -F "Done. Acked" | grep -qF "$id" || fail "the acked request is not $id"
    acked=$(http "http://127.0.0.1:$PORT/api/stats")
    [[ $acked == *'"acked":1,'* ]] || fail "/api/stats after the request: $acked"
    log "request $id: 202, acked after $round_trip s; /api/stats: $acked"

    pid=$(pm inspect --format '{{.State.Pid}}' "$NAME")
    rss=$($SUDO awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
    hwm=$($SUDO awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
    tmp=$($SUDO du -sm "/proc/$pid/root/tmp" | cut -f1)
    log "java (pid $pid on the host, 1 in the container): RSS $rss MiB, peak $hwm MiB; /tmp holds $tmp MiB"

    stop_start=$(now_ms)
    pm stop -t "$STOP_TIMEOUT" "$NAME" >/dev/null
    stop_s=$(seconds_since "$stop_start")
    exit_code=$(pm inspect --format '{{.State.ExitCode}}' "$NAME")
    pm logs "$NAME" >"$OUT/container.log" 2>&1
    pm rm "$NAME" >/dev/null
    [[ $exit_code != 137 ]] || fail "the container was killed after $STOP_TIMEOUT s, not stopped by SIGTERM"
    grep -q "Successfully shutdown the Mayhem service." "$OUT/container.log" \
        || fail "no graceful shutdown in $OUT/container.log"
    log "stopped with SIGTERM in $stop_s s, exit code $exit_code, shutdown lines in $OUT/container.log"

    printf '%s image=%s image_size=%s base_size=%s ready_s=%s request_round_trip_s=%s rss_mib=%s peak_rss_mib=%s tmp_mib=%s stop_s=%s exit_code=%s\n' \
        "$(date -u +%FT%TZ)" "$IMAGE" "$(size "$IMAGE" | tr -d ' ')" "$(size "$BASE" | tr -d ' ')" "$ready_s" \
        "$round_trip" "$rss" "$hwm" "$tmp" "$stop_s" "$exit_code" | tee -a "$OUT/results.txt"
}

# a container left running by a failed check: its log kept, then removed
cleanup() {
    if pm container exists "$NAME" 2>/dev/null; then
        pm logs "$NAME" >"$OUT/container.log" 2>&1 || true
        pm rm -f -t 5 "$NAME" >/dev/null 2>&1 || true
    fi
}

podman_ready
trap cleanup EXIT
base
image
if [[ ${1:-} != image ]]; then
    check
fi

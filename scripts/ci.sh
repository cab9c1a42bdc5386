#!/usr/bin/env bash
# The one definition of CI (docs/testing.md "CI"). .ci/run runs "all"; the Jenkinsfile runs one stage at a time.
#
#   scripts/ci.sh all          what .ci/run and the README's test command run, in this order:
#                              install-browser, install-python-clients, ./mvnw -B -Pmutation install, the test-kit example,
#                              the server checks, ./mvnw -B -Pcluster verify
#   scripts/ci.sh STAGE...     the Jenkinsfile's stages, in one workspace, in this order:
#     build        the WAR, no test
#     unit         unit tests (*Test, Surefire) and nothing else
#     integration  container and system tests (*IT, Failsafe) and the coverage gate over them and the unit
#                  stage's jacoco.exec; no unit test runs again (-DskipUTs); installs the WAR, the classes jar
#                  and the test-kit jar in the local repository
#     mutation     the mutation gate (PIT runs the unit tests itself); Surefire and Failsafe skipped
#     example      docs/examples/testkit-example against the test kit installed above
#     servers      the WAR on Payara Server and on WildFly (server-config/check.sh)
#     cluster      three instances, Artemis, PostgreSQL, one instance killed (ClusterIT)
#     container    the image built from the Dockerfile without a registry, run and checked end to end
#                  (scripts/container.sh: about 2 minutes; needs the build stage's WAR; not part of "all")
#   scripts/ci.sh --dry-run ...  prints the commands instead of running them
#
# Every Maven run goes through ./mvnw (Maven 3.9.16, .mvn/wrapper/maven-wrapper.properties).
set -euo pipefail
cd "$(dirname "$0")/.."

dry=false
if [[ ${1:-} == --dry-run ]]; then
    dry=true
    shift
fi

run() {
    echo "ci.sh: $*"
    if ! $dry; then
        "$@"
    fi
}

mvnw() { run ./mvnw -B "$@"; }
example() { mvnw -f docs/examples/testkit-example/pom.xml test; }
servers() {
    run server-config/check.sh payara-server
    run server-config/check.sh wildfly
}

stage() {
    case $1 in
        all)
            run scripts/install-browser.sh
            run scripts/install-python-clients.sh
            mvnw -Pmutation install
            example
            servers
            mvnw -Pcluster verify
            ;;
        build) mvnw -DskipTests package ;;
        unit) mvnw test ;;
        integration)
            # LivePageIT drives Debian's Chromium, PythonPublishersIT stomp.py and python-qpid-proton; the scripts
            # install them when missing (root or sudo)
            run scripts/install-browser.sh
            run scripts/install-python-clients.sh
            mvnw -DskipUTs install
            ;;
        mutation) mvnw -Pmutation -DskipUTs -DskipITs -Djacoco.skip=true verify ;;
        example) example ;;
        servers) servers ;;
        cluster) mvnw -Pcluster verify ;;
        container) run scripts/container.sh ;;
        *)
            echo "usage: scripts/ci.sh [--dry-run] all | build|unit|integration|mutation|example|servers|cluster|container ..." >&2
            exit 2
            ;;
    esac
}

[[ $# -gt 0 ]] || set -- all
for name in "$@"; do
    stage "$name"
done

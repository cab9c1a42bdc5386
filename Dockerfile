# The service's image: Payara Micro, the WAR and the run command's boot files on a Java 17 runtime
# (docs/deploy.md "Container image and Kubernetes"). Build it after ./mvnw -B -DskipTests package, from the
# staging directory scripts/container.sh fills (target/container/image: the files of target/payara-micro/container
# and the jars they name), with the project as the context:
#
#   scripts/container.sh image                    here: a base made from this machine's JDK, no registry
#   docker build -t mayhem-mandrill .             elsewhere: Eclipse Temurin's JRE 17 from Docker Hub
#
# Server settings are environment variables (MAYHEM_HTTP_PORT, MAYHEM_DATA_DIR, ...: docs/operations.md "Server
# settings"); the application's are MicroProfile Config's (MAYHEM_PUBLISHER_RATE, MAYHEM_API_USERS, ...).
ARG BASE=docker.io/library/eclipse-temurin:17-jre
FROM ${BASE}

COPY target/container/image/opt/mayhem/ /opt/mayhem/
# the data directory (H2, the embedded broker's store, the transaction log): the one place the service writes
# besides java.io.tmpdir (/tmp, Payara Micro's runtime directory)
COPY --chown=10001:0 target/container/image/var/lib/mayhem/ /var/lib/mayhem/
VOLUME ["/var/lib/mayhem"]

# not root; numeric, so that Kubernetes' runAsNonRoot can check it
USER 10001:0
EXPOSE 8080
# exec form: java is process 1 and gets SIGTERM itself (the service's graceful shutdown, docs/operations.md);
# another run command is another argument file: run-postgresql.args, run-external-broker.args
ENTRYPOINT ["java"]
CMD ["@/opt/mayhem/run.args"]

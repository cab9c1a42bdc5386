package io.mayhem.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.configuration.Durations;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests of server-config/kubernetes against the image they run: probes on the health endpoints and the
 * port the image's boot files listen on, a grace period past the shutdown timeout, every environment variable
 * one the service reads, passwords and operators from secrets, the data directory and /tmp on volumes.
 */
class KubernetesManifestsTest {

    static final Path MANIFESTS = Path.of("server-config", "kubernetes");

    static List<Manifest> manifests() {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            List<Manifest> all = new ArrayList<>();
            files.filter(file -> file.toString().endsWith(".yaml")).sorted()
                    .forEach(file -> all.addAll(Manifest.read(file)));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Workload> workloads() {
        return manifests().stream().filter(Manifest::isWorkload).map(Workload::new).toList();
    }

    @Test
    void theEmbeddedDefaultIsAStatefulSetWithAVolumeAndTheExternalBrokerModeADeployment() {
        assertThat(workloads()).extracting(Workload::toString).containsExactlyInAnyOrder(
                "deployment-external-broker.yaml Deployment mayhem-external-broker",
                "statefulset.yaml StatefulSet mayhem");
        Workload embedded = workloads().stream().filter(w -> w.kind().equals("StatefulSet")).findFirst().orElseThrow();
        assertThat(embedded.runArgs()).isEqualTo("@/opt/mayhem/run.args");
        assertThat(embedded.persistentVolumes()).contains(embedded.mountOf(embedded.dataDirectory()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void probesAskTheHealthEndpointsOnThePortTheImageListensOn(Workload workload) {
        assertThat(workload.probePath("startupProbe")).isEqualTo("/health/started");
        assertThat(workload.probePath("readinessProbe")).isEqualTo("/health/ready");
        assertThat(workload.probePath("livenessProbe")).isEqualTo("/health/live");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(workload.probePort(probe)).as(probe).isEqualTo(workload.httpPort());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void theGracePeriodOutlastsTheShutdownTimeoutAndTheTenSecondsAfterIt(Workload workload) {
        String timeout = workload.variable("MAYHEM_SHUTDOWN_TIMEOUT", defaults().getProperty("mayhem.shutdown.timeout"));
        Duration shutdown = Durations.parse("mayhem.shutdown.timeout", timeout);
        assertThat(Duration.ofSeconds(workload.gracePeriodSeconds())).isGreaterThanOrEqualTo(shutdown.plusSeconds(10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void everyVariableSetIsAServerSettingOfItsRunCommandOrAConfigurationKey(Workload workload) {
        List<String> known = new ArrayList<>(ImageFiles.environment(workload.runArgs()).keySet());
        known.addAll(ImageFiles.configurationVariables());
        assertThat(workload.variableNames()).isNotEmpty().allMatch(known::contains, "is read by the service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void passwordsAndOperatorsComeFromSecrets(Workload workload) {
        assertThat(workload.variableNames()).contains("MAYHEM_API_USERS")
                .filteredOn(name -> name.contains("PASSWORD") || name.equals("MAYHEM_API_USERS"))
                .allMatch(workload::fromSecret, "comes from a secret");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void aNonRootReadOnlyContainerWritesOnlyItsDataDirectoryAndTmpOnVolumes(Workload workload) {
        assertThat(workload.runsAsNonRoot()).isTrue();
        assertThat(workload.readOnlyRoot()).isTrue();
        assertThat(workload.mountOf(workload.dataDirectory())).as("volume at " + workload.dataDirectory()).isNotNull();
        assertThat(workload.mountOf("/tmp")).as("volume at /tmp").isNotNull();
        if (!workload.persistentVolumes().contains(workload.mountOf(workload.dataDirectory()))) {
            assertThat(ImageFiles.environment(workload.runArgs())).as("data in PostgreSQL when the volume is the pod's")
                    .containsKey("MAYHEM_DB_URL");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void resourcesHaveRequestsAndLimits(Workload workload) {
        assertThat(workload.resources("requests")).containsKeys("cpu", "memory");
        assertThat(workload.resources("limits")).containsKeys("cpu", "memory");
    }

    @Test
    void everyServiceSendsToTheHttpPortOfAWorkload() {
        List<Manifest> services = manifests().stream().filter(m -> m.kind().equals("Service")).toList();
        assertThat(services).hasSameSizeAs(workloads());
        for (Manifest service : services) {
            Workload target = workloads().stream().filter(w -> w.labels().entrySet()
                    .containsAll(service.map("spec").map("selector").raw().entrySet())).findFirst().orElseThrow();
            assertThat(service.map("spec").list("ports")).extracting(port -> port.raw().get("targetPort"))
                    .as(service.name()).containsOnly("http");
            assertThat(target.httpPort()).isPositive();
        }
    }

    static Properties defaults() {
        Properties defaults = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }

    /** One workload's pod and its one container. */
    record Workload(Manifest manifest) {

        String kind() {
            return manifest.kind();
        }

        Manifest pod() {
            return manifest.map("spec").map("template").map("spec");
        }

        Manifest container() {
            List<Manifest> containers = pod().list("containers");
            assertThat(containers).as(this + " containers").hasSize(1);
            return containers.get(0);
        }

        Map<String, Object> labels() {
            return manifest.map("spec").map("template").map("metadata").map("labels").raw();
        }

        /** The argument file java runs: the container's args, or the Dockerfile's CMD. */
        String runArgs() {
            List<Object> args = container().rawList("args");
            return args.isEmpty() ? DockerfileTest.command().get(1) : (String) args.get(0);
        }

        List<String> variableNames() {
            return container().list("env").stream().map(e -> (String) e.raw().get("name")).toList();
        }

        /** The value the manifest sets, or the image's default when it sets none. */
        String variable(String name, String imageDefault) {
            return container().list("env").stream().filter(e -> name.equals(e.raw().get("name")))
                    .map(e -> (String) e.raw().get("value")).findFirst().orElse(imageDefault);
        }

        boolean fromSecret(String name) {
            return container().list("env").stream().filter(e -> name.equals(e.raw().get("name")))
                    .allMatch(e -> !e.raw().containsKey("value") && e.map("valueFrom").raw().containsKey("secretKeyRef"));
        }

        int httpPort() {
            String port = variable("MAYHEM_HTTP_PORT", ImageFiles.environment(runArgs()).get("MAYHEM_HTTP_PORT"));
            Manifest http = container().list("ports").stream().filter(p -> "http".equals(p.raw().get("name")))
                    .findFirst().orElseThrow();
            assertThat(http.raw().get("containerPort")).as(this + " port http").isEqualTo(Integer.parseInt(port));
            return Integer.parseInt(port);
        }

        String probePath(String probe) {
            return (String) container().map(probe).map("httpGet").raw().get("path");
        }

        int probePort(String probe) {
            Object port = container().map(probe).map("httpGet").raw().get("port");
            return "http".equals(port) ? httpPort() : (Integer) port;
        }

        int gracePeriodSeconds() {
            return (Integer) pod().raw().get("terminationGracePeriodSeconds");
        }

        String dataDirectory() {
            return variable("MAYHEM_DATA_DIR", ImageFiles.environment(runArgs()).get("MAYHEM_DATA_DIR"));
        }

        /** The name of the volume mounted at path, or null. */
        String mountOf(String path) {
            return container().list("volumeMounts").stream().filter(m -> path.equals(m.raw().get("mountPath")))
                    .map(m -> (String) m.raw().get("name")).findFirst().orElse(null);
        }

        List<String> persistentVolumes() {
            return manifest.map("spec").list("volumeClaimTemplates").stream()
                    .map(t -> (String) t.map("metadata").raw().get("name")).toList();
        }

        boolean runsAsNonRoot() {
            Map<String, Object> security = pod().map("securityContext").raw();
            return Boolean.TRUE.equals(security.get("runAsNonRoot")) && !Integer.valueOf(0).equals(security.get("runAsUser"));
        }

        boolean readOnlyRoot() {
            return Boolean.TRUE.equals(container().map("securityContext").raw().get("readOnlyRootFilesystem"));
        }

        Map<String, Object> resources(String kind) {
            return container().map("resources").map(kind).raw();
        }

        @Override
        public String toString() {
            return manifest.file() + " " + kind() + " " + manifest.name();
        }
    }
}

package io.mayhem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 client inside the server: the WAR, with the fabric8 jars in WEB-INF/lib, deploys on Payara Micro (run
 * command), and the running service with {@code mayhem.restarter=kubernetes} and {@code selector:} targets, pointed
 * at fabric8's mock API server in this JVM, lists the matching running pods and deletes those its publisher names.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesRestarterIT {

    KubernetesMockServer server;
    KubernetesClient client;
    ServiceProcess running;

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.awaitExit(Duration.ZERO) == null) {
            running.destroyForcibly();
        }
    }

    void pod(String name, String app) {
        client.pods().inNamespace("chaos").resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace("chaos").addToLabels("app", app).endMetadata().withNewStatus().withPhase("Running")
                .endStatus().build()).create();
    }

    boolean exists(String name) {
        return client.pods().inNamespace("chaos").withName(name).get() != null;
    }

    @Test
    void theServiceDeletesThePodsOfItsLabelSelector() throws Exception {
        pod("web-1", "web");
        pod("web-2", "web");
        pod("db-1", "db");
        ServiceProcess.freshDataDirectory();
        running = ServiceProcess.start("KUBERNETES-selector", "-Dmayhem.publisher.enabled=true", "-Dmayhem.publisher.rate=1",
                "-Dmayhem.restarter=kubernetes", "-Dmayhem.restarter.namespace=chaos", "-Dmayhem.restarter.dry-run=false",
                "-Dmayhem.restarter.grace-period=0s", "-Dmayhem.publisher.targets=selector:app=web",
                "-Dkubernetes.master=" + server.url("/"), "-Dkubernetes.auth.tryKubeConfig=false",
                "-Dkubernetes.auth.tryServiceAccount=false", "-Dkubernetes.namespace=chaos");
        running.awaitReady(Duration.ofMinutes(3));

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> !exists("web-1") && !exists("web-2") && running.output().contains("Restarted web-1.example.net")
                        && running.output().contains("Restarted web-2.example.net"));

        assertThat(exists("db-1")).isTrue();
        running.signal("TERM");
        assertThat(running.awaitExit(Duration.ofSeconds(30))).isNotNull();
        assertThat(running.output())
                .contains("Restarting hosts with the kubernetes restarter, publishing for selector targets")
                .doesNotContain("Could not list the pods").doesNotContain("Restarted db-1")
                .doesNotContain("Kubernetes client not closed");
    }
}

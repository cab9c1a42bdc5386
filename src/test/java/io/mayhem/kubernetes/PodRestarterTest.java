package io.mayhem.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.mayhem.request.RestartRequest;
import io.mayhem.restart.RestartFailed;
import io.mayhem.restart.RestartRejected;
import io.mayhem.testkit.LogCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@EnableKubernetesMockClient(crud = true)
class PodRestarterTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    KubernetesMockServer server;
    KubernetesClient client;
    Kubernetes kubernetes;
    PodRestarter restarter;

    @BeforeEach
    void pods() {
        Pods.create(client, "chaos", "web-1", "web", "Running");
        Pods.create(client, "chaos", "web-2", "web", "Running");
        kubernetes = new Kubernetes(client, "chaos", Executors.newFixedThreadPool(Kubernetes.THREADS));
        restarter = new PodRestarter(kubernetes, Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        kubernetes.close();
    }

    static RestartRequest request(String instanceName) {
        return new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", instanceName, "example.net");
    }

    @Test
    void deletesThePodNamedByTheRequestWithTheGracePeriod() throws InterruptedException {
        assertThat(restarter.restart(request("web-1"))).succeedsWithin(Duration.ofSeconds(10));

        assertThat(server.getLastRequest().getMethod()).isEqualTo("DELETE");
        assertThat(server.getLastRequest().getPath()).isEqualTo("/api/v1/namespaces/chaos/pods/web-1");
        assertThat(server.getLastRequest().getBody().readUtf8()).contains("\"gracePeriodSeconds\":30");
        assertThat(Pods.exists(client, "chaos", "web-1")).isFalse();
        assertThat(Pods.exists(client, "chaos", "web-2")).isTrue();
        assertThat(logs.messages(Level.INFO)).isEmpty();
    }

    @Test
    void aPodThatIsNotThereIsAlreadyGoneWhichCountsAsRestarted() {
        assertThat(restarter.restart(request("web-9"))).succeedsWithin(Duration.ofSeconds(10));

        assertThat(logs.messages(Level.INFO)).containsExactly("Pod web-9 in namespace chaos was already gone");
        assertThat(Pods.exists(client, "chaos", "web-1")).isTrue();
    }

    @Test
    void aForbiddenDeletionIsRejectedAndAServerErrorFails() {
        KubernetesMockServer answering = new KubernetesMockServer(false);
        answering.init();
        answering.expect().delete().withPath("/api/v1/namespaces/chaos/pods/web-1").andReturn(403, "{}").once();
        answering.expect().delete().withPath("/api/v1/namespaces/chaos/pods/web-2").andReturn(503, "{}").once();
        try (Kubernetes refusing = Kubernetes.connect(new ConfigBuilder().withMasterUrl(answering.url("/")).build(), "chaos",
                Duration.ofSeconds(10), Executors.defaultThreadFactory())) {
            PodRestarter restarter = new PodRestarter(refusing, Duration.ofSeconds(30));

            assertThat(restarter.restart(request("web-1"))).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                    .havingCause().isInstanceOf(RestartRejected.class)
                    .withMessageStartingWith("Deleting pod web-1 in namespace chaos failed: answered 403: ");
            assertThat(restarter.restart(request("web-2"))).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                    .havingCause().isInstanceOf(RestartFailed.class)
                    .withMessageStartingWith("Deleting pod web-2 in namespace chaos failed: answered 503: ");
        } finally {
            answering.destroy();
        }
    }

    @Test
    void anApiServerThatDoesNotAnswerFailsTheAttempt() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (Kubernetes nowhere = Kubernetes.connect(new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closed).build(), "chaos", Duration.ofSeconds(5), Executors.defaultThreadFactory())) {

            assertThat(new PodRestarter(nowhere, Duration.ZERO).restart(request("web-1"))).failsWithin(Duration.ofSeconds(30))
                    .withThrowableThat().havingCause().isInstanceOf(RestartFailed.class)
                    .withMessageStartingWith("Deleting pod web-1 in namespace chaos failed: no answer: ");
        }
    }

    @Test
    void describesTheDeletion() {
        assertThat(restarter.describe(request("web-1")))
                .isEqualTo("delete pod web-1 in namespace chaos (grace period 30s)");
    }

    @Test
    void anAttemptAfterTheClientWasClosedFails() {
        kubernetes.close();

        assertThat(restarter.restart(request("web-1"))).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOf(RestartFailed.class)
                .withMessageStartingWith("Deleting pod web-1 in namespace chaos failed: java.util.concurrent.RejectedExecutionException");
    }
}

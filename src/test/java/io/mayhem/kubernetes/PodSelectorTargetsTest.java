package io.mayhem.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mayhem.monitoring.Stats;
import io.mayhem.publishing.Publisher;
import io.mayhem.publishing.RequestSender;
import io.mayhem.request.RestartRequest;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.SequentialIds;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@EnableKubernetesMockClient(crud = true)
class PodSelectorTargetsTest {

    static final String LIST_WEB = "/api/v1/namespaces/chaos/pods?labelSelector=app%3Dweb";

    @RegisterExtension
    LogCapture logs = new LogCapture();

    KubernetesMockServer server;
    KubernetesClient client;
    VirtualScheduler time = new VirtualScheduler();
    ExecutorService calls = Executors.newSingleThreadExecutor();
    Kubernetes kubernetes;
    PodSelectorTargets targets;

    @BeforeEach
    void pods() {
        Pods.create(client, "chaos", "web-1", "web", "Running");
        Pods.create(client, "chaos", "web-2", "web", "Running");
        Pods.create(client, "chaos", "web-3", "web", "Pending");
        Pods.create(client, "chaos", "db-1", "db", "Running");
        Pods.create(client, "other", "web-4", "web", "Running");
        kubernetes = new Kubernetes(client, "chaos", calls);
        targets = new PodSelectorTargets(kubernetes, "app=web", new Random(7), time.clock(), Duration.ofSeconds(10));
    }

    @AfterEach
    void close() {
        kubernetes.close();
    }

    @Test
    void drawsOnlyTheRunningPodsThatMatchTheSelector() {
        assertThat(targets.next()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !targets.pods().isEmpty());

        assertThat(targets.pods()).containsExactly("web-1", "web-2");
        for (int i = 0; i < 20; i++) {
            assertThat(targets.next()).hasValueSatisfying(name -> assertThat(name).isIn("web-1", "web-2"));
        }
    }

    @Test
    void listsAgainOnlyOnceTheListIsOlderThanTheRefreshInterval() {
        targets.next();
        await().atMost(Duration.ofSeconds(10)).until(() -> !targets.pods().isEmpty());
        client.pods().inNamespace("chaos").withName("web-2").delete();

        time.advance(Duration.ofMillis(9_999));
        targets.next();
        assertThat(targets.pods()).containsExactly("web-1", "web-2");

        time.advance(Duration.ofMillis(1));
        targets.next();
        await().atMost(Duration.ofSeconds(10)).until(() -> targets.pods().equals(List.of("web-1")));
        assertThat(targets.next()).hasValue("web-1");
    }

    @Test
    void neverWaitsForTheApiServer() throws InterruptedException {
        CountDownLatch stuck = new CountDownLatch(1);
        calls.execute(() -> {
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(targets.next()).isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        stuck.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> targets.pods().size() == 2);
    }

    @Test
    void aFailedListingPublishesNothingAndIsLoggedOnceUntilListingWorksAgain() {
        KubernetesMockServer answering = new KubernetesMockServer(false);
        answering.init();
        String twoPods = Serialization.asJson(client.pods().inNamespace("chaos").withLabel("app", "web").list());
        answering.expect().get().withPath(LIST_WEB).andReturn(200, twoPods).once();
        answering.expect().get().withPath(LIST_WEB).andReturn(500, "{}").times(2);
        answering.expect().get().withPath(LIST_WEB).andReturn(200, twoPods).once();
        try (Kubernetes failing = Kubernetes.connect(new ConfigBuilder().withMasterUrl(answering.url("/")).build(), "chaos",
                Duration.ofSeconds(10), Executors.defaultThreadFactory())) {
            PodSelectorTargets targets = new PodSelectorTargets(failing, "app=web", new Random(7), time.clock(),
                    Duration.ofSeconds(10));
            targets.next();
            await().atMost(Duration.ofSeconds(10)).until(() -> targets.pods().size() == 2);

            for (int i = 0; i < 2; i++) {
                int requests = answering.getRequestCount();
                time.advance(Duration.ofSeconds(10));
                targets.next();
                await().atMost(Duration.ofSeconds(10)).until(() -> answering.getRequestCount() > requests && !targets.listing());
                assertThat(targets.pods()).isEmpty();
                assertThat(targets.next()).isEmpty();
            }
            assertThat(logs.messages(Level.WARNING)).hasSize(1).first().asString()
                    .startsWith("Could not list the pods by app=web in namespace chaos, publishing nothing until it works: ");

            time.advance(Duration.ofSeconds(10));
            targets.next();
            await().atMost(Duration.ofSeconds(10)).until(() -> targets.pods().size() == 2);
            assertThat(logs.messages(Level.INFO)).containsExactly("Listing pods by app=web works again: 2 running");
        } finally {
            answering.destroy();
        }
    }

    @Test
    void thePublisherNamesTheSelectedPods() {
        ManualExecutor executor = new ManualExecutor();
        Publisher publisher = new Publisher(mock(RequestSender.class), executor, new SequentialIds("id-1", "id-2", "id-3"),
                targets, new Stats(() -> 0), "example.net", 3);

        assertThat(publisher.tick()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !targets.pods().isEmpty());

        assertThat(publisher.tick()).extracting(RestartRequest::instanceName).hasSize(3)
                .allSatisfy(name -> assertThat(name).isIn("web-1", "web-2"));
    }
}

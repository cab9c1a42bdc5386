package io.mayhem.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The pods of one namespace through the Kubernetes API (fabric8 client on the JDK's HTTP client). The client's
 * calls block, so they run on two threads of their own, never on the caller's: each call returns a future. The
 * client does not retry by itself: the restarts' own rule (mayhem.restart.max-attempts, backoff) does.
 */
public final class Kubernetes implements AutoCloseable {

    static final int THREADS = 2;

    private final KubernetesClient client;
    private final String namespace;
    private final ExecutorService calls;

    /**
     * @param client a client; closed by {@link #close()}
     * @param namespace where the pods are
     * @param calls runs the blocking calls; shut down by {@link #close()}
     */
    Kubernetes(KubernetesClient client, String namespace, ExecutorService calls) {
        this.client = client;
        this.namespace = namespace;
        this.calls = calls;
    }

    /**
     * Connects as Kubernetes clients do: inside a pod with its service account, else with the kubeconfig
     * ({@code KUBECONFIG} or {@code ~/.kube/config}), or as the {@code kubernetes.*} system properties say.
     * Nothing is sent until the first call.
     *
     * @param namespace where the pods are ({@code mayhem.restarter.namespace})
     * @param requestTimeout bound on each API request (the restarter's timeout)
     * @param threads makes the two threads the calls run on (the server's managed thread factory)
     */
    public static Kubernetes connect(String namespace, Duration requestTimeout, ThreadFactory threads) {
        return connect(Config.autoConfigure(null), namespace, requestTimeout, threads);
    }

    static Kubernetes connect(Config config, String namespace, Duration requestTimeout, ThreadFactory threads) {
        Config bounded = new ConfigBuilder(config).withNamespace(namespace)
                .withRequestTimeout((int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis()))
                .withRequestRetryBackoffLimit(0).build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(bounded)
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
        return new Kubernetes(client, namespace, Executors.newFixedThreadPool(THREADS, threads));
    }

    /** The namespace the pods are in. */
    public String namespace() {
        return namespace;
    }

    /**
     * Deletes a pod.
     *
     * @param name the pod's name
     * @param gracePeriod its termination grace period, whole seconds
     * @return true when the pod was deleted, false when there was none of this name (404); fails with the client's
     *         {@code KubernetesClientException} (its code says what the API server answered, 0 or less for no answer)
     */
    CompletableFuture<Boolean> delete(String name, Duration gracePeriod) {
        return call(() -> !client.pods().inNamespace(namespace).withName(name)
                .withGracePeriod(gracePeriod.toSeconds()).delete().isEmpty());
    }

    /**
     * Lists pods by label selector.
     *
     * @param selector a label selector as Kubernetes writes it ({@code app=web,tier!=db})
     * @return the names of the matching pods that are running and not being deleted
     */
    CompletableFuture<List<String>> running(String selector) {
        return call(() -> client.pods().inNamespace(namespace).withLabelSelector(selector).list().getItems().stream()
                .filter(Kubernetes::running).map(pod -> pod.getMetadata().getName()).sorted().toList());
    }

    private static boolean running(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase());
    }

    private <T> CompletableFuture<T> call(Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call, calls);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stops the threads (a running call is interrupted) and closes the client. */
    @Override
    public void close() {
        calls.shutdownNow();
        client.close();
    }
}

package io.mayhem.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mayhem.request.InputText;
import io.mayhem.request.RestartRequest;
import io.mayhem.tasks.RootCause;
import io.mayhem.restart.HostRestarter;
import io.mayhem.restart.RestartFailed;
import io.mayhem.restart.RestartRejected;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * Restarts a host by deleting the pod named by the request's {@code instance_name}
 * ({@code mayhem.restarter=kubernetes}), with the configured grace period; its controller (Deployment,
 * StatefulSet, ...) starts a new one. A pod that is not there (404) is already gone: that counts as restarted, so
 * that a retry after a deletion whose answer was lost does not fail. 401, 403 and other 4xx answers are refusals
 * ({@link RestartRejected}); 429, 5xx and no answer fail the attempt ({@link RestartFailed}, retried).
 */
public final class PodRestarter implements HostRestarter {

    private static final Logger LOG = Logger.getLogger(PodRestarter.class.getName());

    private final Kubernetes kubernetes;
    private final Duration gracePeriod;

    /** @param gracePeriod the pods' termination grace period, whole seconds ({@code mayhem.restarter.grace-period}) */
    public PodRestarter(Kubernetes kubernetes, Duration gracePeriod) {
        this.kubernetes = kubernetes;
        this.gracePeriod = gracePeriod;
    }

    @Override
    public CompletableFuture<Void> restart(RestartRequest request) {
        String pod = request.instanceName();
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        kubernetes.delete(pod, gracePeriod).whenComplete((deleted, error) -> {
            if (error == null) {
                if (!deleted) {
                    LOG.info(() -> "Pod " + pod + " in namespace " + kubernetes.namespace() + " was already gone "
                            + request.tag());
                }
                attempt.complete(null);
            } else {
                attempt.completeExceptionally(failure(request, unwrap(error)));
            }
        });
        return attempt;
    }

    @Override
    public String describe(RestartRequest request) {
        return "delete pod " + request.instanceName() + " in namespace " + kubernetes.namespace()
                + " (grace period " + gracePeriod.toSeconds() + "s)";
    }

    private RuntimeException failure(RestartRequest request, Throwable error) {
        String reason = "Deleting pod " + request.instanceName() + " in namespace " + kubernetes.namespace() + " failed: ";
        if (error instanceof KubernetesClientException api) {
            int code = api.getCode();
            String answer = (code <= 0 ? "no answer" : "answered " + code) + ": " + InputText.escape(String.valueOf(
                    api.getMessage()) + (code <= 0 ? " (" + RootCause.of(api) + ")" : ""));
            return code >= 400 && code < 500 && code != 429 ? new RestartRejected(reason + answer)
                    : new RestartFailed(reason + answer);
        }
        return new RestartFailed(reason + InputText.escape(error.toString()));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}

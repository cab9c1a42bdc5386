package io.mayhem.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Pods put into the mock API server for the tests. */
final class Pods {

    private Pods() {
    }

    static void create(KubernetesClient client, String namespace, String name, String app, String phase) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", app)
                .endMetadata().withNewStatus().withPhase(phase).endStatus().build();
        client.pods().inNamespace(namespace).resource(pod).create();
    }

    static boolean exists(KubernetesClient client, String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get() != null;
    }
}

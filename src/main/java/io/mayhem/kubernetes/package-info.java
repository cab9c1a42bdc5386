/**
 * The Kubernetes API, through the fabric8 client, and nothing else of it anywhere: {@code Kubernetes} (the client,
 * in-cluster or from a kubeconfig, and the threads its blocking calls run on), {@code PodRestarter} (the
 * {@code kubernetes} restarter: deletes the request's pod) and {@code PodSelectorTargets} (the publisher's
 * {@code selector:} targets). Core: plain Java, no container API (docs/restarting-real-hosts.md).
 */
package io.mayhem.kubernetes;

/**
 * The container image and the Kubernetes manifests, checked as files: the Dockerfile's form
 * ({@code DockerfileTest}), and that every manifest's probes, ports, grace period, secrets and settings agree
 * with what the image's boot files and the service read ({@code KubernetesManifestsTest}). scripts/container.sh
 * builds and runs the image itself.
 */
package io.mayhem.container;

/** Tests of {@code io.mayhem.kubernetes} against fabric8's mock Kubernetes API server in CRUD mode. */
package io.mayhem.kubernetes;

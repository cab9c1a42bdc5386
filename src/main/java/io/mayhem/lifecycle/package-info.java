/**
 * Start-up and the graceful shutdown: {@code MayhemService} (EE glue) builds the core at start and runs
 * {@code Shutdown} (core) at {@code @PreDestroy} (docs/design.md section 4).
 */
package io.mayhem.lifecycle;

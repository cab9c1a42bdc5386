/**
 * The composition root, at the top: {@code MayhemService} (EE glue) builds the core at start with what
 * {@code MayhemConfig} reads and {@code ManagedExecutors} (the one user of the managed executors) provides, with the
 * restarter and publisher targets that {@code RestarterWiring} picks from the settings,
 * produces what the edges inject ({@code @Produces}), and runs {@code Shutdown} at {@code @PreDestroy}
 * (docs/design.md section 4). Nothing outside this package names {@code MayhemService}.
 */
package io.mayhem.lifecycle;

/** The benchmark's trivial listener WARs: the broker limit the service is measured against (docs/performance.md). */
package io.mayhem.bench.trivial;

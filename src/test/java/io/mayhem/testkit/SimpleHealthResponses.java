package io.mayhem.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.spi.HealthCheckResponseProvider;

/**
 * Lets health checks build their responses in unit tests, where no MicroProfile Health implementation runs.
 * Registered for the test class path in {@code META-INF/services}; the server brings its own.
 *
 * <p>What it replaces: nothing in the asyncio original, which had no health checks. A project that uses the
 * test-kit artifact and tests MicroProfile Health checks registers it in its own test resources, file
 * {@code META-INF/services/org.eclipse.microprofile.health.spi.HealthCheckResponseProvider}, and needs
 * {@code microprofile-health-api} on its test class path.
 *
 * <pre>{@code
 * // in a unit test, with no server: the API finds this provider through META-INF/services
 * HealthCheckResponse response = HealthCheckResponse.named("database").down().withData("reason", "refused").build();
 * assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
 * }</pre>
 */
public final class SimpleHealthResponses implements HealthCheckResponseProvider {

    /** Called through {@link java.util.ServiceLoader}; tests do not build one themselves. */
    public SimpleHealthResponses() {
    }

    /** A builder of plain {@link HealthCheckResponse}s with the name, status and data it was given. */
    @Override
    public HealthCheckResponseBuilder createResponseBuilder() {
        return new HealthCheckResponseBuilder() {
            private String name;
            private boolean up;
            private final Map<String, Object> data = new LinkedHashMap<>();

            @Override
            public HealthCheckResponseBuilder name(String name) {
                this.name = name;
                return this;
            }

            @Override
            public HealthCheckResponseBuilder withData(String key, String value) {
                data.put(key, value);
                return this;
            }

            @Override
            public HealthCheckResponseBuilder withData(String key, long value) {
                data.put(key, value);
                return this;
            }

            @Override
            public HealthCheckResponseBuilder withData(String key, boolean value) {
                data.put(key, value);
                return this;
            }

            @Override
            public HealthCheckResponseBuilder up() {
                return status(true);
            }

            @Override
            public HealthCheckResponseBuilder down() {
                return status(false);
            }

            @Override
            public HealthCheckResponseBuilder status(boolean up) {
                this.up = up;
                return this;
            }

            @Override
            public HealthCheckResponse build() {
                return new HealthCheckResponse(name, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                        Optional.of(Map.copyOf(data)));
            }
        };
    }
}

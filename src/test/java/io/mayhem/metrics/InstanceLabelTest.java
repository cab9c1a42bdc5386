package io.mayhem.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.configuration.MetricsSettings;
import org.junit.jupiter.api.Test;

class InstanceLabelTest {

    @Test
    void isTheHostNameAndHttpPortByDefault() {
        assertThat(InstanceLabel.of(MetricsSettings.of(null), "mayhem-7d9f-x2k4p", 8080)).isEqualTo("mayhem-7d9f-x2k4p:8080");
    }

    @Test
    void isTheConfiguredNameWhenThereIsOne() {
        assertThat(InstanceLabel.of(MetricsSettings.of("eu-1/mayhem-a"), "host", 8080)).isEqualTo("eu-1/mayhem-a");
    }

    @Test
    void theLocalHostHasAName() {
        assertThat(InstanceLabel.hostName()).isNotBlank();
    }
}

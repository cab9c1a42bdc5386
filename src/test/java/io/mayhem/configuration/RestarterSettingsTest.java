package io.mayhem.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mayhem.configuration.RestarterSettings.Kind;
import io.mayhem.configuration.RestarterSettings.Texts;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestarterSettingsTest {

    static Texts texts(String restarter) {
        return new Texts(restarter, "60s", null, null, null, "default", "30s", null, "random");
    }

    @Test
    void defaultsAreTheSimulatedRestarterWithoutDryRunAndRandomNames() {
        RestarterSettings d = RestarterSettings.defaults();

        assertThat(d.kind()).isEqualTo(Kind.SIMULATED);
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.namespace()).isEqualTo("default");
        assertThat(d.gracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.dryRun()).isFalse();
        assertThat(d.targets()).isEqualTo(PublisherTargets.random());
        assertThat(d.command()).isNull();
        assertThat(d.url()).isNull();
    }

    @Test
    void dryRunIsOnByDefaultForEveryRealRestarterAndCanBeTurnedOff() {
        Texts command = new Texts("command", "60s", "ssh,{hostname},sudo,systemctl,restart,app", null, null, "default",
                "30s", null, "random");
        Texts http = new Texts("http", "60s", null, "https://chaos.example.net/restart", null, "default", "30s", null,
                "random");

        assertThat(RestarterSettings.of(command).dryRun()).isTrue();
        assertThat(RestarterSettings.of(http).dryRun()).isTrue();
        assertThat(RestarterSettings.of(texts("kubernetes")).dryRun()).isTrue();
        assertThat(RestarterSettings.of(new Texts("kubernetes", "60s", null, null, null, "chaos", "30s", " False ",
                "random")).dryRun()).isFalse();
        assertThat(RestarterSettings.of(new Texts("simulated", "60s", null, null, null, "default", "30s", "true",
                "random")).dryRun()).isTrue();
    }

    @Test
    void readsEachRestartersOwnKeysOnly() {
        RestarterSettings command = RestarterSettings.of(new Texts("command", "5s", "ssh,{hostname},sudo,systemctl,restart,app",
                "not a url", "bad header", "default", "30s", null, "random"));
        RestarterSettings http = RestarterSettings.of(new Texts("http", "2s", "", " https://chaos.example.net/restart ",
                "Authorization: Bearer s3cret", "default", "30s", null, "random"));

        assertThat(command.command().arguments()).containsExactly("ssh", "{hostname}", "sudo", "systemctl", "restart", "app");
        assertThat(command.url()).isNull();
        assertThat(command.header()).isNull();
        assertThat(command.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(http.url()).isEqualTo(URI.create("https://chaos.example.net/restart"));
        assertThat(http.header()).isEqualTo(new HttpHeader("Authorization", "Bearer s3cret"));
        assertThat(http.command()).isNull();
    }

    @Test
    void refusesAnUnknownRestarterNamingTheKey() {
        assertThatThrownBy(() -> RestarterSettings.of(texts("ssh")))
                .hasMessage("mayhem.restarter must be one of simulated, command, http, kubernetes, was 'ssh'");
        assertThatThrownBy(() -> RestarterSettings.of(texts("Kubernetes")))
                .hasMessageStartingWith("mayhem.restarter must be one of");
    }

    @Test
    void refusesAZeroOrMissingTimeout() {
        assertThatThrownBy(() -> RestarterSettings.of(new Texts("simulated", "0s", null, null, null, "default", "30s",
                null, "random"))).hasMessage("mayhem.restarter.timeout must be > 0");
        assertThatThrownBy(() -> RestarterSettings.of(new Texts("simulated", "soon", null, null, null, "default", "30s",
                null, "random"))).hasMessageStartingWith("mayhem.restarter.timeout is not a duration: 'soon'");
        assertThatThrownBy(() -> RestarterSettings.of(new Texts("simulated", null, null, null, null, "default", "30s",
                null, "random"))).hasMessageStartingWith("mayhem.restarter.timeout must be set");
    }

    @Test
    void refusesACommandRestarterWithoutACommand() {
        assertThatThrownBy(() -> RestarterSettings.of(texts("command")))
                .hasMessageStartingWith("mayhem.restarter.command must be set when mayhem.restarter=command");
        assertThatThrownBy(() -> new RestarterSettings(Kind.COMMAND, Duration.ofSeconds(1), null, null, null, "default",
                Duration.ZERO, true, PublisherTargets.random()))
                .hasMessage("mayhem.restarter.command must be set when mayhem.restarter=command");
    }

    @Test
    void refusesAnHttpRestarterWithoutAnHttpUrl() {
        for (String url : new String[] {null, " ", "chaos.example.net/restart", "ftp://chaos.example.net/", "http://"}) {
            assertThatThrownBy(() -> RestarterSettings.of(new Texts("http", "60s", null, url, null, "default", "30s",
                    null, "random")))
                    .hasMessageStartingWith("mayhem.restarter.url must be an absolute http or https URL when mayhem.restarter=http");
        }
        assertThatThrownBy(() -> RestarterSettings.of(new Texts("http", "60s", null, "http://a b/", null, "default", "30s",
                null, "random"))).hasMessageContaining("'http://a b/' (Illegal character in authority)");
        assertThatThrownBy(() -> new RestarterSettings(Kind.HTTP, Duration.ofSeconds(1), null, null, null, "default",
                Duration.ZERO, true, PublisherTargets.random()))
                .hasMessage("mayhem.restarter.url must be set when mayhem.restarter=http");
    }

    @Test
    void refusesANamespaceThatIsNoDnsLabel() {
        for (String namespace : new String[] {"Chaos", "-chaos", "chaos-", "", "a".repeat(64), "cha os"}) {
            assertThatThrownBy(() -> RestarterSettings.of(new Texts("kubernetes", "60s", null, null, null, namespace,
                    "30s", null, "random"))).hasMessageStartingWith("mayhem.restarter.namespace must be a Kubernetes namespace name");
        }
        assertThat(RestarterSettings.of(new Texts("kubernetes", "60s", null, null, null, " chaos-1 ", "30s", null,
                "random")).namespace()).isEqualTo("chaos-1");
        assertThatThrownBy(() -> new RestarterSettings(Kind.KUBERNETES, Duration.ofSeconds(1), null, null, null, null,
                Duration.ZERO, true, PublisherTargets.random()))
                .hasMessageStartingWith("mayhem.restarter.namespace must be");
    }

    @Test
    void refusesAGracePeriodThatIsNotWholeSeconds() {
        assertThatThrownBy(() -> RestarterSettings.of(new Texts("kubernetes", "60s", null, null, null, "chaos",
                "1500ms", null, "random")))
                .hasMessage("mayhem.restarter.grace-period must be whole seconds, 0 or more (Kubernetes counts seconds), was 1500ms");
        assertThat(RestarterSettings.of(new Texts("kubernetes", "60s", null, null, null, "chaos", "0s", null,
                "random")).gracePeriod()).isZero();
        assertThatThrownBy(() -> new RestarterSettings(Kind.KUBERNETES, Duration.ofSeconds(1), null, null, null,
                "chaos", Duration.ofSeconds(-1), true, PublisherTargets.random()))
                .hasMessageStartingWith("mayhem.restarter.grace-period must be whole seconds");
    }

    @Test
    void refusesADryRunThatIsNeitherTrueNorFalse() {
        assertThatThrownBy(() -> RestarterSettings.of(new Texts("kubernetes", "60s", null, null, null, "chaos", "30s",
                "yes", "random"))).hasMessage("mayhem.restarter.dry-run must be true or false, was 'yes'");
    }

    @Test
    void refusesMissingTargets() {
        assertThatThrownBy(() -> new RestarterSettings(Kind.SIMULATED, Duration.ofSeconds(1), null, null, null,
                "default", Duration.ZERO, false, null)).hasMessage("mayhem.publisher.targets must be set");
        assertThat(RestarterSettings.of(new Texts("kubernetes", "60s", null, null, null, "chaos", "30s", null,
                "selector:app=web")).targets()).isEqualTo(new PublisherTargets(PublisherTargets.Kind.SELECTOR, List.of(), "app=web"));
    }

    @Test
    void refusesMissingValuesNamingTheirKeys() {
        assertThatThrownBy(() -> new RestarterSettings(null, Duration.ofSeconds(1), null, null, null, "default",
                Duration.ZERO, false, PublisherTargets.random())).hasMessage("mayhem.restarter must be set");
        assertThatThrownBy(() -> new RestarterSettings(Kind.SIMULATED, null, null, null, null, "default",
                Duration.ZERO, false, PublisherTargets.random())).hasMessage("mayhem.restarter.timeout must be > 0");
        assertThatThrownBy(() -> new RestarterSettings(Kind.SIMULATED, Duration.ofSeconds(-1), null, null, null,
                "default", Duration.ZERO, false, PublisherTargets.random())).hasMessage("mayhem.restarter.timeout must be > 0");
        assertThatThrownBy(() -> new RestarterSettings(Kind.SIMULATED, Duration.ofSeconds(1), null, null, null,
                "default", null, false, PublisherTargets.random())).hasMessageEndingWith("was null");
        assertThatThrownBy(() -> RestarterSettings.of(new Texts(null, "60s", null, null, null, "default", "30s", null,
                "random"))).hasMessage("mayhem.restarter must be one of simulated, command, http, kubernetes, was ''");
        assertThatThrownBy(() -> RestarterSettings.of(new Texts("simulated", "60s", null, null, null, null, "30s", null,
                "random"))).hasMessageStartingWith("mayhem.restarter.namespace must be a Kubernetes namespace name");
    }
}

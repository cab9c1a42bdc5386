package io.mayhem.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mayhem.configuration.RestarterSettings.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublisherTargetsTest {

    @Test
    void readsTheThreeForms() {
        assertThat(PublisherTargets.parse(" random ", Kind.SIMULATED)).isEqualTo(PublisherTargets.random());
        assertThat(PublisherTargets.parse("list:web-1, web-2,db-1", Kind.COMMAND))
                .isEqualTo(new PublisherTargets(PublisherTargets.Kind.LIST, List.of("web-1", "web-2", "db-1"), null));
        assertThat(PublisherTargets.parse("selector: app=web,tier in (front, edge)", Kind.KUBERNETES))
                .isEqualTo(new PublisherTargets(PublisherTargets.Kind.SELECTOR, List.of(), "app=web,tier in (front, edge)"));
    }

    @Test
    void refusesAnythingElseNamingTheKey() {
        for (String text : new String[] {null, "", "Random", "cattle-1a2b", "list", "pods:app=web"}) {
            assertThatThrownBy(() -> PublisherTargets.parse(text, Kind.KUBERNETES)).hasMessageStartingWith(
                    "mayhem.publisher.targets must be random, list:<name>,<name>,... or selector:<label selector>, was '");
        }
    }

    @Test
    void refusesAListedNameThatIsNoHostLabel() {
        assertThatThrownBy(() -> PublisherTargets.parse("list:web-1,web 2", Kind.SIMULATED)).hasMessage(
                "mayhem.publisher.targets: instance_name is not a host label (1-63 of [A-Za-z0-9-], no leading or "
                        + "trailing '-'): 'web 2'");
        assertThatThrownBy(() -> PublisherTargets.parse("list:", Kind.SIMULATED))
                .hasMessageStartingWith("mayhem.publisher.targets: instance_name is not a host label");
        assertThatThrownBy(() -> PublisherTargets.parse("list:web-1,,web-2", Kind.SIMULATED))
                .hasMessageEndingWith("''");
    }

    @Test
    void refusesASelectorWithoutTheKubernetesRestarterOrWithoutLabels() {
        assertThatThrownBy(() -> PublisherTargets.parse("selector:app=web", Kind.COMMAND)).hasMessage(
                "mayhem.publisher.targets=selector:... lists pods through the Kubernetes API and needs "
                        + "mayhem.restarter=kubernetes, but mayhem.restarter is command");
        assertThatThrownBy(() -> PublisherTargets.parse("selector: ", Kind.KUBERNETES))
                .hasMessage("mayhem.publisher.targets: the label selector is empty or has a control character");
        assertThatThrownBy(() -> PublisherTargets.parse("selector:app=web\ntier=db", Kind.KUBERNETES))
                .hasMessageStartingWith("mayhem.publisher.targets: the label selector is empty");
        assertThatThrownBy(() -> PublisherTargets.parse("selector:app=\u0007web", Kind.KUBERNETES))
                .hasMessageStartingWith("mayhem.publisher.targets: the label selector is empty");
    }
}

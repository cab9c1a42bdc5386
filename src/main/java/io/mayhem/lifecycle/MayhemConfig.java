package io.mayhem.lifecycle;

import io.mayhem.configuration.BrokerDeadLetterQueues;
import io.mayhem.configuration.Durations;
import io.mayhem.configuration.RestartLimits;
import io.mayhem.configuration.MetricsSettings;
import io.mayhem.configuration.RestarterSettings;
import io.mayhem.configuration.Settings;
import io.mayhem.guardrails.GuardrailSettings;
import io.mayhem.operator.OperatorSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The one reader of MicroProfile Config, beside the wiring that uses what it reads; defaults live in
 * META-INF/microprofile-config.properties, the rules in {@code configuration.Settings} and {@code OperatorSettings}.
 */
@ApplicationScoped
public class MayhemConfig {

    @Inject
    Config config;

    private Settings settings;
    private OperatorSettings operatorSettings;
    private BrokerDeadLetterQueues brokerDeadLetterQueues;
    private RestartLimits restartLimits;
    private GuardrailSettings guardrailSettings;
    private MetricsSettings metricsSettings;
    private RestarterSettings restarterSettings;

    @PostConstruct
    void read() {
        settings = new Settings(
                config.getValue("mayhem.publisher.enabled", Boolean.class),
                config.getValue("mayhem.publisher.rate", Integer.class),
                config.getValue("mayhem.hostname.domain", String.class),
                duration("mayhem.simulation.max-latency"),
                config.getValue("mayhem.simulation.restart-failure-rate", Double.class),
                config.getValue("mayhem.simulation.save-failure-rate", Double.class),
                config.getOptionalValue("mayhem.simulation.seed", Long.class).orElse(null),
                duration("mayhem.lease.extend-every"),
                duration("mayhem.lease.extend-by"),
                duration("mayhem.lease.max-total"),
                config.getValue("mayhem.restart.max-attempts", Integer.class),
                duration("mayhem.restart.backoff"),
                config.getValue("mayhem.flow.max-outstanding", Integer.class),
                duration("mayhem.flow.max-wait"),
                config.getValue("mayhem.intake.max-payload-bytes", Integer.class),
                duration("mayhem.shutdown.timeout"),
                duration("mayhem.tasks.slow-threshold"),
                duration("mayhem.store.dedup-window"));
        operatorSettings = OperatorSettings.of(config.getOptionalValue("mayhem.api.users", String.class).orElse(null),
                config.getValue("mayhem.api.restarts.rate-per-minute", Integer.class));
        restartLimits = new RestartLimits(duration("mayhem.restart.min-interval-per-target"),
                config.getValue("mayhem.restart.max-per-window", Integer.class), duration("mayhem.restart.window"));
        guardrailSettings = GuardrailSettings.parse(text("mayhem.targets.include"), text("mayhem.targets.exclude"),
                text("mayhem.quiet.weekdays"), text("mayhem.quiet.times-of-day"), text("mayhem.quiet.days-of-year"),
                text("mayhem.quiet.timezone"));
        brokerDeadLetterQueues = BrokerDeadLetterQueues.parse(config.getValue("mayhem.broker.dead-letter-queues", String.class));
        metricsSettings = MetricsSettings.of(config.getOptionalValue("mayhem.metrics.instance", String.class).orElse(null));
        restarterSettings = RestarterSettings.of(new RestarterSettings.Texts(text("mayhem.restarter"),
                text("mayhem.restarter.timeout"), text("mayhem.restarter.command"), text("mayhem.restarter.url"),
                text("mayhem.restarter.header"), text("mayhem.restarter.namespace"),
                text("mayhem.restarter.grace-period"), text("mayhem.restarter.dry-run"),
                text("mayhem.publisher.targets")));
    }

    @Produces
    public Settings settings() {
        return settings;
    }

    @Produces
    public OperatorSettings operatorSettings() {
        return operatorSettings;
    }

    @Produces
    public GuardrailSettings guardrailSettings() {
        return guardrailSettings;
    }

    @Produces
    public RestartLimits restartLimits() {
        return restartLimits;
    }

    @Produces
    public BrokerDeadLetterQueues brokerDeadLetterQueues() {
        return brokerDeadLetterQueues;
    }

    /** How hosts are restarted and what the publisher names (docs/restarting-real-hosts.md). */
    @Produces
    public RestarterSettings restarterSettings() {
        return restarterSettings;
    }

    /** The raw text of a key, null when absent or empty (MicroProfile Config reads both alike); never split on commas. */
    private String text(String key) {
        return config.getOptionalValue(key, String.class).orElse(null);
    }

    @Produces
    public MetricsSettings metricsSettings() {
        return metricsSettings;
    }

    private Duration duration(String key) {
        return Durations.parse(key, config.getValue(key, String.class));
    }
}

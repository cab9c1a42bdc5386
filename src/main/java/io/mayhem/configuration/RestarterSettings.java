package io.mayhem.configuration;

import io.mayhem.request.InputText;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How hosts are restarted ({@code mayhem.restarter} and its keys, docs/restarting-real-hosts.md) and what the
 * scheduled publisher names ({@code mayhem.publisher.targets}), validated: a bad value stops the deployment with a
 * message naming its key.
 *
 * @param kind which restarter ({@code mayhem.restarter})
 * @param timeout how long one attempt may take before it is stopped and counted as failed (> 0)
 * @param command the command restarter's argument vector; null for the other restarters
 * @param url the http restarter's URL (http or https); null for the other restarters
 * @param header the http restarter's extra header; null when none
 * @param namespace the kubernetes restarter's namespace, a DNS label
 * @param gracePeriod the pod's termination grace period, whole seconds
 * @param dryRun true when restarts are only described, never done (the guardrail reads it)
 * @param targets what the scheduled publisher names
 */
public record RestarterSettings(Kind kind, Duration timeout, CommandLine command, URI url, HttpHeader header,
                                String namespace, Duration gracePeriod, boolean dryRun, PublisherTargets targets) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** The restarters of {@code mayhem.restarter}. */
    public enum Kind {
        SIMULATED, COMMAND, HTTP, KUBERNETES;

        /** The setting's spelling: {@code simulated}, {@code command}, {@code http}, {@code kubernetes}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind parse(String text) {
            String value = text == null ? "" : text.strip();
            return Arrays.stream(values()).filter(kind -> kind.key().equals(value)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("mayhem.restarter must be one of simulated, command, http, kubernetes, was '"
                            + InputText.clip(value) + "'"));
        }
    }

    public RestarterSettings {
        require(kind != null, "mayhem.restarter must be set");
        require(timeout != null && !timeout.isZero() && !timeout.isNegative(), "mayhem.restarter.timeout must be > 0");
        require(kind != Kind.COMMAND || command != null, "mayhem.restarter.command must be set when mayhem.restarter=command");
        require(kind != Kind.HTTP || url != null, "mayhem.restarter.url must be set when mayhem.restarter=http");
        require(namespace != null && DNS_LABEL.matcher(namespace).matches(), "mayhem.restarter.namespace must be a "
                + "Kubernetes namespace name (1-63 of [a-z0-9-], no leading or trailing '-'), was '"
                + InputText.clip(String.valueOf(namespace)) + "'");
        require(gracePeriod != null && !gracePeriod.isNegative() && gracePeriod.toMillis() % 1000 == 0,
                "mayhem.restarter.grace-period must be whole seconds, 0 or more (Kubernetes counts seconds), was "
                        + (gracePeriod == null ? null : Durations.format(gracePeriod)));
        require(targets != null, "mayhem.publisher.targets must be set");
    }

    /** The defaults of microprofile-config.properties: the simulated restarter, random names, no dry run. */
    public static RestarterSettings defaults() {
        return of(new Texts("simulated", "60s", null, null, null, "default", "30s", null, "random"));
    }

    /**
     * The settings' values as texts, as MicroProfile Config gives them; null for a key that is not set.
     */
    public record Texts(String restarter, String timeout, String command, String url, String header,
                        String namespace, String gracePeriod, String dryRun, String targets) {
    }

    /**
     * @param texts the values of the keys
     * @return the validated settings; {@code dryRun} is, unless {@code mayhem.restarter.dry-run} says otherwise,
     *         true for every restarter but {@code simulated}
     * @throws IllegalArgumentException naming the key of the first bad value
     */
    public static RestarterSettings of(Texts texts) {
        Kind kind = Kind.parse(texts.restarter());
        return new RestarterSettings(kind,
                Durations.parse("mayhem.restarter.timeout", texts.timeout()),
                kind == Kind.COMMAND ? CommandLine.parse(texts.command()) : null,
                kind == Kind.HTTP ? url(texts.url()) : null,
                kind == Kind.HTTP ? HttpHeader.parse(texts.header()) : null,
                texts.namespace() == null ? null : texts.namespace().strip(),
                Durations.parse("mayhem.restarter.grace-period", texts.gracePeriod()),
                dryRun(texts.dryRun(), kind),
                PublisherTargets.parse(texts.targets(), kind));
    }

    private static URI url(String text) {
        String hint = "mayhem.restarter.url must be an absolute http or https URL when mayhem.restarter=http, was '";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(hint + "'");
        }
        try {
            URI url = new URI(text.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            require((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null,
                    hint + InputText.clip(text.strip()) + "'");
            return url;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(hint + InputText.clip(text.strip()) + "' (" + e.getReason() + ")", e);
        }
    }

    private static boolean dryRun(String text, Kind kind) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> kind != Kind.SIMULATED;
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("mayhem.restarter.dry-run must be true or false, was '"
                    + InputText.clip(text.strip()) + "'");
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

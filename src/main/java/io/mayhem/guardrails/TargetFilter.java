package io.mayhem.guardrails;

import io.mayhem.request.RestartRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which targets may be restarted, by regular expressions over {@code instance_name} (chaoskube's
 * {@code --included-pod-names} and {@code --excluded-pod-names}): {@code mayhem.targets.include} (absent: every name)
 * and {@code mayhem.targets.exclude} (absent: none); a name both include and exclude match is excluded.
 * <p>
 * A pattern must match the whole name ({@link java.util.regex.Matcher#matches()}), so {@code cattle-1} names
 * {@code cattle-1} and not {@code cattle-10}. This differs from chaoskube, whose Go patterns match anywhere in the name
 * unless anchored: write {@code .*prod.*} for its {@code prod}. Java's syntax ({@link Pattern}), case-sensitive unless
 * the pattern starts with {@code (?i)}; whitespace around the value is ignored.
 */
public final class TargetFilter implements Guardrail {

    static final String INCLUDE = "mayhem.targets.include";
    static final String EXCLUDE = "mayhem.targets.exclude";

    private final Pattern include;
    private final Pattern exclude;

    private TargetFilter(Pattern include, Pattern exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /**
     * Compiles both patterns once.
     *
     * @param include {@code mayhem.targets.include}; null or blank: every name
     * @param exclude {@code mayhem.targets.exclude}; null or blank: no name
     * @return the filter
     * @throws IllegalArgumentException naming the key, the pattern and the error when a pattern does not compile
     */
    public static TargetFilter parse(String include, String exclude) {
        return new TargetFilter(compiled(INCLUDE, include), compiled(EXCLUDE, exclude));
    }

    /** @return a filter that admits every name */
    public static TargetFilter all() {
        return new TargetFilter(null, null);
    }

    /**
     * @param instanceName the request's {@code instance_name}
     * @return whether include matches all of it (or is absent) and exclude does not match all of it (or is absent)
     */
    public boolean admits(String instanceName) {
        return reason(instanceName).isEmpty();
    }

    @Override
    public Optional<String> refusal(RestartRequest request, Instant now) {
        return reason(request.instanceName());
    }

    private Optional<String> reason(String name) {
        if (exclude != null && exclude.matcher(name).matches()) {
            return Optional.of("target filter: " + name + " matches " + EXCLUDE + " (" + exclude.pattern() + ")");
        }
        if (include != null && !include.matcher(name).matches()) {
            return Optional.of("target filter: " + name + " does not match " + INCLUDE + " (" + include.pattern() + ")");
        }
        return Optional.empty();
    }

    private static Pattern compiled(String key, String text) {
        String regex = text == null ? "" : text.strip();
        if (regex.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(key + ": \"" + regex + "\" is not a regular expression: "
                    + e.getDescription() + " near index " + e.getIndex(), e);
        }
    }

    /** @return the settings as read, for a startup log line: {@code include cattle-.*; exclude none} */
    @Override
    public String toString() {
        return "include " + (include == null ? "all" : include.pattern()) + "; exclude "
                + (exclude == null ? "none" : exclude.pattern());
    }
}

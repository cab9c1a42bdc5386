package io.mayhem.configuration;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT2S}). */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @param key the setting's key, named in the message when the text is not a duration
     * @param text the setting's value
     * @return the duration, never negative
     * @throws IllegalArgumentException naming the key when the text is missing, not a duration, or negative
     */
    public static Duration parse(String key, String text) {
        if (text == null) {
            throw new IllegalArgumentException(key + " must be set (write 250ms, 2s, 5m, 1h, 1d or ISO-8601 like PT2S)");
        }
        String value = text.trim();
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            Duration parsed = Duration.parse(value);
            if (parsed.isNegative()) {
                throw new IllegalArgumentException(key + " must not be negative: '" + text + "'");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    key + " is not a duration: '" + text + "' (write 250ms, 2s, 5m, 1h, 1d or ISO-8601 like PT2S)", e);
        }
    }

    /**
     * A duration in the words of the configuration, for messages: whole days, hours, minutes or seconds
     * ({@code 1d}, {@code 1h}, {@code 5m}, {@code 90s}), else milliseconds ({@code 250ms}).
     */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (duration.getNano() != 0 || seconds == 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}

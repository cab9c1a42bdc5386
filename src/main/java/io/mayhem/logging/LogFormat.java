package io.mayhem.logging;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The log format of the process: {@code text} (the default, the server's own format) or {@code json} (one JSON
 * object per line, {@link JsonLogFormatter}). Set by the system property {@value #KEY} or, without it, the
 * environment variable {@value #ENVIRONMENT}; read by the run command's launcher before the server starts, so no
 * other configuration source can set it.
 */
public enum LogFormat {
    TEXT, JSON;

    /** The system property that sets the format. */
    public static final String KEY = "mayhem.log.format";

    /** The environment variable that sets the format when the system property is not set. */
    public static final String ENVIRONMENT = "MAYHEM_LOG_FORMAT";

    /**
     * The format the process was started with.
     *
     * @throws IllegalArgumentException when the set value is neither {@code text} nor {@code json}, naming the key
     */
    public static LogFormat ofProcess() {
        return configured(System::getProperty, System::getenv);
    }

    /**
     * The format that the system property, or else the environment variable, names; {@link #TEXT} when neither is
     * set.
     *
     * @param properties a system property's value by name (null when not set)
     * @param environment an environment variable's value by name (null when not set)
     * @throws IllegalArgumentException when the value is neither {@code text} nor {@code json} (in any letter case,
     *         surrounding blanks ignored), naming the key it came from
     */
    public static LogFormat configured(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String property = properties.apply(KEY);
        if (property != null) {
            return parse(KEY, property);
        }
        String variable = environment.apply(ENVIRONMENT);
        return variable == null ? TEXT : parse(ENVIRONMENT, variable);
    }

    private static LogFormat parse(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException(key + " must be text or json, not "
                    + JsonLogFormatter.quote(value));
        };
    }
}

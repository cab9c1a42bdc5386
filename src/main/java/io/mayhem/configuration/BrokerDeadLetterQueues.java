package io.mayhem.configuration;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The broker's own dead-letter queues this service reads ({@code mayhem.broker.dead-letter-queues}): where the
 * broker moves a request it gave up on before the service received it (expired, or a duplicate from its store).
 * Default {@code ActiveMQ.DLQ}, the embedded broker's; {@code none} reads none (docs/operations.md "Requests the
 * broker dead-lettered").
 *
 * @param names queue names, each letters, digits, '.', '_', '-' or '$'
 */
public record BrokerDeadLetterQueues(List<String> names) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._$-]{1,200}");

    public BrokerDeadLetterQueues {
        names = List.copyOf(names);
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("mayhem.broker.dead-letter-queues: \"" + name + "\" is not a queue name "
                        + "(letters, digits, '.', '_', '-', '$'); give a comma-separated list, or none");
            }
        }
    }

    /**
     * @param text the setting's value: comma-separated queue names, or {@code none}
     * @throws IllegalArgumentException naming the key when a name is not a queue name
     */
    public static BrokerDeadLetterQueues parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.equalsIgnoreCase("none")) {
            return new BrokerDeadLetterQueues(List.of());
        }
        return new BrokerDeadLetterQueues(Arrays.stream(trimmed.split(",", -1)).map(String::strip).toList());
    }
}

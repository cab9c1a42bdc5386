package io.mayhem.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The argument vector of {@code mayhem.restarter.command}: comma-separated arguments (a comma inside an argument
 * written {@code \,}, spaces around each argument dropped), run without a shell. {@code {hostname}} and
 * {@code {instance_name}} are placeholders only as whole arguments, so a substituted value is always exactly one
 * argument: it can never split into two or become part (an option) of another.
 *
 * @param arguments the program, then its arguments, placeholders unsubstituted
 */
public record CommandLine(List<String> arguments) {

    public static final String HOSTNAME = "{hostname}";
    public static final String INSTANCE_NAME = "{instance_name}";
    private static final String KEY = "mayhem.restarter.command";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z_]+}");

    public CommandLine {
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty() || arguments.get(0).isEmpty()) {
            throw new IllegalArgumentException(KEY + " must name a program (for example ssh,{hostname},sudo,systemctl,restart,app)");
        }
        if (isPlaceholder(arguments.get(0))) {
            throw new IllegalArgumentException(KEY + ": the first argument is the program, not a placeholder: " + arguments.get(0));
        }
        for (int i = 0; i < arguments.size(); i++) {
            check(i + 1, arguments.get(i));
        }
    }

    /**
     * @param text the setting's value
     * @throws IllegalArgumentException naming the key when it is empty, has an empty argument or misuses a placeholder
     */
    public static CommandLine parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(KEY + " must be set when mayhem.restarter=command "
                    + "(for example ssh,{hostname},sudo,systemctl,restart,app)");
        }
        List<String> arguments = new ArrayList<>();
        StringBuilder argument = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                argument.append(',');
                i++;
            } else if (c == ',') {
                arguments.add(argument.toString().strip());
                argument.setLength(0);
            } else {
                argument.append(c);
            }
        }
        arguments.add(argument.toString().strip());
        return new CommandLine(arguments);
    }

    /**
     * The argument vector for one host: each placeholder argument replaced, as a whole, by its value.
     *
     * @param hostname the value of {@code {hostname}}
     * @param instanceName the value of {@code {instance_name}}
     * @return as many arguments as the template has, whatever the values hold
     */
    public List<String> substitute(String hostname, String instanceName) {
        List<String> command = new ArrayList<>(arguments.size());
        for (String argument : arguments) {
            command.add(switch (argument) {
                case HOSTNAME -> hostname;
                case INSTANCE_NAME -> instanceName;
                default -> argument;
            });
        }
        return command;
    }

    private static void check(int position, String argument) {
        if (argument.isEmpty()) {
            throw new IllegalArgumentException(KEY + ": argument " + position + " is empty");
        }
        if (isPlaceholder(argument) && !argument.equals(HOSTNAME) && !argument.equals(INSTANCE_NAME)) {
            throw new IllegalArgumentException(KEY + ": unknown placeholder " + argument + " (argument " + position
                    + "); the placeholders are {hostname} and {instance_name}");
        }
        if (!isPlaceholder(argument) && (argument.contains(HOSTNAME) || argument.contains(INSTANCE_NAME))) {
            throw new IllegalArgumentException(KEY + ": a placeholder must be a whole argument, but argument " + position
                    + " is '" + argument + "' (write it as an argument of its own)");
        }
    }

    private static boolean isPlaceholder(String argument) {
        return PLACEHOLDER.matcher(argument).matches();
    }
}

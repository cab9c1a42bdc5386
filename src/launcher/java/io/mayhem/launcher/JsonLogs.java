package io.mayhem.launcher;

import io.mayhem.logging.JsonLogHandler;
import io.mayhem.logging.PrintedLines;
import io.mayhem.logging.StandardOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * MAYHEM_LOG_FORMAT=json for the run command: every line on standard output a JSON object, before Payara Micro
 * logs its first. Payara Micro owns java.util.logging's handlers and reads its logging properties from the file
 * that {@value #JUL_CONFIG} names (as --logproperties sets it): that file is Payara Micro's own default with
 * {@link JsonLogHandler} as the one handler, so every logger keeps its level. What is printed to
 * {@code System.out} and {@code System.err} goes through {@link PrintedLines}; the embedded broker's Log4j gets
 * log4j2-json.properties (the same fields).
 */
final class JsonLogs {

    static final String JUL_CONFIG = "java.util.logging.config.file";
    static final String LOG4J_CONFIG = "log4j2.configurationFile";
    private static final String PAYARA_DEFAULTS = "MICRO-INF/domain/logging.properties";

    private JsonLogs() {
    }

    /**
     * Installs the JSON format.
     *
     * @param args Payara Micro's arguments
     * @throws IllegalArgumentException when they (or -Djava.util.logging.config.file) name logging properties of
     *         their own, which would take the place of the JSON handler
     * @throws IOException when the two configuration files cannot be written to the temporary directory
     */
    static void install(String[] args) throws IOException {
        if (Arrays.asList(args).contains("--logproperties") || System.getProperty(JUL_CONFIG) != null) {
            throw new IllegalArgumentException("MAYHEM_LOG_FORMAT=json (mayhem.log.format) sets the logging "
                    + "properties itself: leave out --logproperties and -D" + JUL_CONFIG);
        }
        Path dir = Files.createTempDirectory("mayhem-json-logs");
        System.setProperty(JUL_CONFIG, write(dir.resolve("logging.properties"), julProperties()).toString());
        System.setProperty(LOG4J_CONFIG, write(dir.resolve("log4j2.properties"),
                resource("io/mayhem/launcher/log4j2-json.properties")).toString());
        System.setOut(PrintedLines.stream("System.out", Level.INFO, StandardOutput.PROCESS));
        System.setErr(PrintedLines.stream("System.err", Level.WARNING, StandardOutput.PROCESS));
    }

    /** Payara Micro's default logging properties, with the JSON handler in place of its console handler. */
    static String julProperties() throws IOException {
        return resource(PAYARA_DEFAULTS).lines()
                .filter(line -> !line.startsWith("handlers=") && !line.startsWith("java.util.logging.ConsoleHandler."))
                .collect(Collectors.joining("\n", "handlers=" + JsonLogHandler.class.getName() + "\n", "\n"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = JsonLogs.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        file.getParent().toFile().deleteOnExit();
        return file;
    }
}

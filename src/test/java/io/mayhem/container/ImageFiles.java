package io.mayhem.container;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the image runs, read from the build: the run command's files for /opt/mayhem
 * (target/payara-micro/container, written at process-resources from server-config/payara-micro/boot.template) and
 * the service's MicroProfile Config keys.
 */
final class ImageFiles {

    static final Path DIR = Path.of("target", "payara-micro", "container");
    static final String IMAGE_DIR = "/opt/mayhem/";

    private static final Pattern ENV = Pattern.compile("\\$\\{ENV=([A-Z0-9_]+)(?::([^}]*))?}");

    private ImageFiles() {
    }

    /**
     * @param argsFile an argument file as the container's command names it ("@/opt/mayhem/run.args")
     * @return the environment variables its boot command files read, each with its default ("" when none)
     * @throws IllegalArgumentException when the image has no such file
     */
    static Map<String, String> environment(String argsFile) {
        Map<String, String> variables = new TreeMap<>();
        for (String line : lines(local(argsFile.substring(1)))) {
            String[] option = line.trim().split("\\s+", 2);
            if (option[0].endsWith("commandfile")) {
                for (String command : lines(local(option[1]))) {
                    Matcher reference = ENV.matcher(command);
                    while (reference.find()) {
                        variables.put(reference.group(1), reference.group(2) == null ? "" : reference.group(2));
                    }
                }
            }
        }
        return variables;
    }

    /** The argument file's name in the build, for an image path under /opt/mayhem/. */
    static Path local(String imagePath) {
        if (!imagePath.startsWith(IMAGE_DIR)) {
            throw new IllegalArgumentException(imagePath + " is not in " + IMAGE_DIR);
        }
        Path file = DIR.resolve(imagePath.substring(IMAGE_DIR.length()));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(imagePath + ": the build writes no " + file);
        }
        return file;
    }

    /**
     * @return the service's MicroProfile Config keys as environment variables (MicroProfile Config's rule:
     *     every character but letters and digits an underscore, upper case): those with a default in
     *     microprofile-config.properties and those documented without one in docs/operations.md's table
     */
    static Set<String> configurationVariables() {
        Set<String> keys = new TreeSet<>();
        Properties defaults = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys.addAll(defaults.stringPropertyNames());
        Matcher documented = Pattern.compile("(?m)^\\| `(mayhem\\.[a-z.-]+)` \\|")
                .matcher(String.join("\n", lines(Path.of("docs/operations.md"))));
        while (documented.find()) {
            keys.add(documented.group(1));
        }
        Set<String> variables = new TreeSet<>();
        keys.forEach(key -> variables.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase()));
        return variables;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

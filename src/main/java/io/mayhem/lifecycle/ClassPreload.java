package io.mayhem.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads every class of the application at start, while its class loader works. When {@code @PreDestroy} runs
 * at SIGTERM, Payara has already stopped the web class loader, and a class first needed then (a shutdown path
 * an idle instance never took, the nested class of a request's handling) fails with {@code NoClassDefFoundError}
 * and breaks the shutdown off. The build writes the list of the application's classes to {@link #LIST}.
 */
public final class ClassPreload {

    /** One class file path per line ({@code io/mayhem/.../Name$Inner.class}), written by the build. */
    public static final String LIST = "META-INF/mayhem/classes.txt";

    private ClassPreload() {
    }

    /**
     * Loads (without initializing) every class the list names.
     *
     * @return the names of the classes that could not be loaded (empty when all were)
     * @throws IllegalStateException when the list is missing (a build without the class-list step)
     */
    public static List<String> loadAll(ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        for (String name : classNames(loader)) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** The binary names of the classes the list names. */
    static List<String> classNames(ClassLoader loader) {
        try (InputStream list = loader.getResourceAsStream(LIST)) {
            if (list == null) {
                throw new IllegalStateException(LIST + " is missing: the build writes it (pom.xml, class-list)");
            }
            return new String(list.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> line.endsWith(".class"))
                    .map(line -> line.substring(0, line.length() - ".class".length()).replace('/', '.'))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.mayhem.container;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A part of a Kubernetes manifest as YAML maps, with the file it came from: a missing key reads as an empty map
 * or list, so an assertion on the value fails, not the navigation.
 */
record Manifest(String file, Map<String, Object> raw) {

    /** Every document of a YAML file (documents separated by ---), read with SnakeYAML's safe constructor. */
    @SuppressWarnings("unchecked")
    static List<Manifest> read(Path file) {
        List<Manifest> documents = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                if (document != null) {
                    documents.add(new Manifest(file.getFileName().toString(), (Map<String, Object>) document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    String kind() {
        return (String) raw.get("kind");
    }

    String name() {
        return (String) map("metadata").raw().get("name");
    }

    boolean isWorkload() {
        return List.of("Deployment", "StatefulSet").contains(kind());
    }

    @SuppressWarnings("unchecked")
    Manifest map(String key) {
        Object value = raw.get(key);
        return new Manifest(file, value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
    }

    @SuppressWarnings("unchecked")
    List<Manifest> list(String key) {
        return rawList(key).stream().map(item -> new Manifest(file, (Map<String, Object>) item)).toList();
    }

    @SuppressWarnings("unchecked")
    List<Object> rawList(String key) {
        Object value = raw.get(key);
        return value instanceof List<?> items ? (List<Object>) items : List.of();
    }
}

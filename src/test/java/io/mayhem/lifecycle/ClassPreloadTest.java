package io.mayhem.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassPreloadTest {

    @Test
    void theBuildListsEveryClassOfTheApplicationAndAllLoad() throws Exception {
        Path classes = Path.of(ClassPreload.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> compiled;
        try (var files = Files.walk(classes.resolve("io/mayhem"))) {
            compiled = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .toList();
        }

        assertThat(ClassPreload.classNames(ClassPreload.class.getClassLoader()))
                .containsExactlyInAnyOrderElementsOf(compiled)
                .contains("io.mayhem.handling.RequestHandler$Handling", "io.mayhem.lifecycle.Shutdown");
        assertThat(ClassPreload.loadAll(ClassPreload.class.getClassLoader())).isEmpty();
    }

    @Test
    void loadsEachListedClassThroughTheGivenLoaderAndNamesThoseItCannot() {
        List<String> asked = new ArrayList<>();
        ClassLoader loader = new ClassLoader(ClassPreloadTest.class.getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return name.equals(ClassPreload.LIST) ? new ByteArrayInputStream(
                        "io/mayhem/lifecycle/Shutdown.class\n\nio/mayhem/Gone$Inner.class\n".getBytes(StandardCharsets.UTF_8))
                        : null;
            }

            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        };

        assertThat(ClassPreload.loadAll(loader)).containsExactly("io.mayhem.Gone$Inner");
        assertThat(asked).contains("io.mayhem.lifecycle.Shutdown", "io.mayhem.Gone$Inner");
    }

    @Test
    void aBuildWithoutTheListIsAClearError() {
        ClassLoader empty = new ClassLoader(null) {
        };

        assertThatThrownBy(() -> ClassPreload.loadAll(empty)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("META-INF/mayhem/classes.txt is missing");
    }
}

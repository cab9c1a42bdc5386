package io.mayhem.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile: java as process 1 (the exec form, so SIGTERM reaches the JVM), a user other than root, and a
 * run command and port that the build's files for the image have.
 */
class DockerfileTest {

    static List<String> lines() {
        return ImageFiles.lines(Path.of("Dockerfile")).stream().filter(line -> !line.startsWith("#")).toList();
    }

    /** ENTRYPOINT and CMD together, from their JSON arrays. */
    static List<String> command() {
        return List.of(jsonArray("ENTRYPOINT"), jsonArray("CMD")).stream().flatMap(List::stream).toList();
    }

    private static List<String> jsonArray(String instruction) {
        String line = lines().stream().filter(l -> l.startsWith(instruction + " ")).reduce((a, b) -> b).orElseThrow();
        String array = line.substring(instruction.length()).trim();
        assertThat(array).as(instruction + " in the exec form").matches("\\[\\s*\"[^\"]*\"(\\s*,\\s*\"[^\"]*\")*\\s*]");
        return Arrays.stream(array.substring(1, array.length() - 1).split(","))
                .map(item -> item.trim().replaceAll("^\"|\"$", "")).toList();
    }

    @Test
    void javaIsProcessOneAndRunsAnArgumentFileOfTheImage() {
        assertThat(command()).hasSize(2).startsWith("java");
        assertThat(command().get(1)).startsWith("@" + ImageFiles.IMAGE_DIR);
        assertThat(ImageFiles.local(command().get(1).substring(1))).exists();
    }

    @Test
    void theUserIsANumberOtherThanRoot() {
        String user = lines().stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow()
                .substring("USER ".length()).trim();
        assertThat(user).matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isNotZero();
    }

    @Test
    void itExposesTheHttpPortOfItsRunCommand() {
        String port = ImageFiles.environment(command().get(1)).get("MAYHEM_HTTP_PORT");
        assertThat(lines()).contains("EXPOSE " + port);
    }
}

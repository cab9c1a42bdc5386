package io.mayhem.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as an operator runs it: {@code java @target/payara-micro/run.args} (the README's run command)
 * as a separate process, with default handling of INT, HUP, TERM and QUIT even when the build itself was
 * started where they are ignored, on the system tests' port, data directory and broker port. The publisher is off
 * unless a test's system properties turn it on ({@code -Dmayhem.publisher.enabled=true}: the last one counts).
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path output;

    private ServiceProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static ServiceProcess start(String name, String... systemProperties) throws IOException {
        return start(name, "post-boot.asadmin", null, List.of(), systemProperties);
    }

    /** The same, with these environment variables added to the test's own ({@code MAYHEM_LOG_FORMAT=json}). */
    static ServiceProcess start(String name, Map<String, String> environment) throws IOException {
        return start(name, "post-boot.asadmin", null, List.of(), environment);
    }

    /** Another WAR (the benchmark's trivial listener) on the same server, broker and ports. */
    static ServiceProcess startWar(String name, Path war, String... systemProperties) throws IOException {
        return start(name, "post-boot.asadmin", war, List.of(), systemProperties);
    }

    /**
     * The same, with PostgreSQL instead of H2 behind java:comp/DefaultDataSource (the system tests'
     * post-boot-postgresql.asadmin, the driver added with --addLibs).
     */
    static ServiceProcess startOnPostgres(String name, String... systemProperties) throws IOException {
        Path driver = Path.of(System.getProperty("mayhem.run.args")).resolveSibling("postgresql.jar");
        return start(name, "post-boot-postgresql.asadmin", null, List.of("--addLibs", driver.toString()),
                systemProperties);
    }

    /** The same, with the resource adapter connected to an external broker instead of embedding one. */
    static ServiceProcess startOnExternalBroker(String name, String... systemProperties) throws IOException {
        return start(name, "post-boot-external-broker.asadmin", null, List.of(), systemProperties);
    }

    private static ServiceProcess start(String name, String postBoot, Path war, List<String> extraArgs,
                                        String... systemProperties) throws IOException {
        return start(name, postBoot, war, extraArgs, Map.of(), systemProperties);
    }

    private static ServiceProcess start(String name, String postBoot, Path war, List<String> extraArgs,
                                        Map<String, String> environment, String... systemProperties)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,HUP,TERM,QUIT",
                ProcessHandle.current().info().command().orElse("java")));
        command.add("-Dmayhem.publisher.enabled=false");
        command.addAll(List.of(systemProperties));
        List<String> args = runArgs(postBoot);
        if (war != null) {
            args.set(args.indexOf("--deploy") + 1, war.toString());
        }
        command.addAll(args);
        command.addAll(extraArgs);
        Path output = Path.of("target", "system", name + ".log");
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new ServiceProcess(process, output);
    }

    /** The run command's arguments, moved to the system tests' port and boot files. */
    private static List<String> runArgs(String postBoot) throws IOException {
        String boot = System.getProperty("mayhem.st.boot.dir");
        List<String> args = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("mayhem.run.args")))) {
            String[] option = line.trim().split("\\s+", 2);
            switch (option[0]) {
                case "--port" -> args.addAll(List.of("--port", System.getProperty("mayhem.st.http.port")));
                case "--prebootcommandfile" -> args.addAll(List.of(option[0], boot + "/pre-boot.asadmin"));
                case "--postbootcommandfile" -> args.addAll(List.of(option[0], boot + "/" + postBoot));
                default -> args.addAll(List.of(option));
            }
        }
        return args;
    }

    /** Empties the system tests' data directory (broker store, H2, transaction log): a first start. */
    static void freshDataDirectory() throws IOException {
        Path data = Path.of(System.getProperty("mayhem.st.data.dir"));
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits until /health/ready is UP with the service's own check; returns how long that took. */
    Duration awaitReady(Duration atMost) {
        long start = System.nanoTime();
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(this::ready);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private boolean ready() {
        String body = readiness();
        return body != null && body.startsWith("200 ") && body.contains("mayhem-readiness");
    }

    /** Waits until /health/ready answers 503 with the service's own check DOWN; returns how long that took. */
    Duration awaitNotReady(Duration atMost) {
        long start = System.nanoTime();
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            String body = readiness();
            return body != null && body.startsWith("503 ") && body.contains("mayhem-readiness");
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** "<status> <body>" of /health/ready, or null when nothing answers. */
    String readiness() {
        return health("/health/ready");
    }

    /** "<status> <body>" of a health endpoint ("/health/started"), or null when nothing answers. */
    String health(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + System.getProperty("mayhem.st.http.port") + path)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -s " + name + " " + process.pid() + " exited with " + exit);
        }
    }

    /** Waits for the process to end; returns how long it took, or null when it is still running. */
    Duration awaitExit(Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)
                ? Duration.ofNanos(System.nanoTime() - start) : null;
    }

    /** The exit code of a process that has ended. */
    int exitValue() {
        return process.exitValue();
    }

    void destroyForcibly() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}

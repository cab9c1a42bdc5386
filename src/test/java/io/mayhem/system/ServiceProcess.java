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
 * The service as an operator runs it: {@code java @target/payara-micro/run.args} (the README's run command, or
 * {@code run-postgresql.args}) as a separate process, with default handling of INT, HUP, TERM and QUIT even when
 * the build itself was started where they are ignored. Its files are the run command's own, unchanged: the
 * system tests' HTTP port, broker ports and data directory are the environment variables an operator would set
 * ({@code MAYHEM_HTTP_PORT}, {@code MAYHEM_DATA_DIR}, ...; docs/operations.md "Server settings"), so every system
 * test also shows that they take effect. Payara Micro's runtime directory goes under {@code target/system/tmp}.
 * The JVM also gets the options of {@code -Dmayhem.test.server.jvm} (pom.xml: C1 only, for a faster start).
 * The publisher is off unless a test's system properties turn it on ({@code -Dmayhem.publisher.enabled=true}:
 * the last one counts).
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
        return start(name, runArgs("run.args", null, null), Map.of(), systemProperties);
    }

    /** The same, with these environment variables added to the test's own ({@code MAYHEM_LOG_FORMAT=json}). */
    static ServiceProcess start(String name, Map<String, String> environment) throws IOException {
        return start(name, runArgs("run.args", null, null), environment);
    }

    /** Another WAR (the benchmark's trivial listener) on the same server, broker and ports. */
    static ServiceProcess startWar(String name, Path war, String... systemProperties) throws IOException {
        return start(name, runArgs("run.args", war, null), Map.of(), systemProperties);
    }

    /**
     * The same, with PostgreSQL instead of H2 behind java:comp/DefaultDataSource: {@code run-postgresql.args}, the
     * database's URL, user and password given as the environment variables {@code MAYHEM_DB_URL},
     * {@code MAYHEM_DB_USER} and {@code MAYHEM_DB_PASSWORD}, and only there.
     */
    static ServiceProcess startOnPostgres(String name, String url, String user, String password,
                                          String... systemProperties) throws IOException {
        return start(name, runArgs("run-postgresql.args", null, null),
                Map.of("MAYHEM_DB_URL", url, "MAYHEM_DB_USER", user, "MAYHEM_DB_PASSWORD", password),
                systemProperties);
    }

    /**
     * The same, with the resource adapter connected to an external broker instead of embedding one: run.args
     * with the run command's post-boot-external-broker.asadmin, the broker's port as {@code MAYHEM_BROKER_PORT}.
     */
    static ServiceProcess startOnExternalBroker(String name, String... systemProperties) throws IOException {
        String port = Integer.toString(URI.create(System.getProperty("mayhem.st.ext.broker.url")).getPort());
        return start(name, runArgs("run.args", null, "post-boot-external-broker.asadmin"),
                Map.of("MAYHEM_BROKER_PORT", port), systemProperties);
    }

    private static ServiceProcess start(String name, List<String> runArgs, Map<String, String> environment,
                                        String... systemProperties) throws IOException {
        Path tmp = Path.of("target", "system", "tmp").toAbsolutePath();
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,HUP,TERM,QUIT",
                ProcessHandle.current().info().command().orElse("java"), "-Djava.io.tmpdir=" + tmp));
        // the tests' JIT setting (pom.xml, mayhem.test.server.jvm); the run command's own options follow unchanged
        for (String option : System.getProperty("mayhem.test.server.jvm", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add("-Dmayhem.publisher.enabled=false");
        command.addAll(List.of(systemProperties));
        command.addAll(runArgs);
        Path output = Path.of("target", "system", name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(settings());
        builder.environment().putAll(environment);
        return new ServiceProcess(builder.start(), output);
    }

    /** The system tests' server settings, as the environment variables of the run command. */
    private static Map<String, String> settings() {
        return Map.of(
                "MAYHEM_HTTP_PORT", System.getProperty("mayhem.st.http.port"),
                "MAYHEM_DATA_DIR", System.getProperty("mayhem.st.data.dir"),
                "MAYHEM_BROKER_PORT", Integer.toString(URI.create(System.getProperty("mayhem.st.broker.url")).getPort()),
                "MAYHEM_STOMP_PORT", System.getProperty("mayhem.st.stomp.port"),
                "MAYHEM_AMQP_PORT", System.getProperty("mayhem.st.amqp.port"));
    }

    /**
     * The arguments of a run command's file beside run.args, with another WAR or post-boot file when given (null:
     * the file's own).
     */
    private static List<String> runArgs(String file, Path war, String postBoot) throws IOException {
        Path runArgs = Path.of(System.getProperty("mayhem.run.args")).resolveSibling(file);
        List<String> args = new ArrayList<>();
        for (String line : Files.readAllLines(runArgs)) {
            String[] option = line.trim().split("\\s+", 2);
            if (war != null && option[0].equals("--deploy")) {
                option[1] = war.toString();
            } else if (postBoot != null && option[0].equals("--postbootcommandfile")) {
                option[1] = runArgs.resolveSibling(postBoot).toString();
            }
            args.addAll(List.of(option));
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

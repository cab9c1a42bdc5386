package io.mayhem.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mayhem.configuration.CommandLine;
import io.mayhem.monitoring.Stats;
import io.mayhem.request.RestartRequest;
import io.mayhem.tasks.ExecutorScheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command restarter on real processes: FakeHost JVMs stand in for hosts, {@code restart-host.sh} (test
 * resources) for the restart command.
 */
class CommandHostRestarterTest {

    static final Path SCRIPT = Path.of("target", "test-classes", "restart", "restart-host.sh").toAbsolutePath();
    static final Duration KILL_GRACE = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    Stats stats = new Stats(() -> 0);
    List<Long> started = new ArrayList<>();

    @AfterEach
    void stopHosts() throws IOException {
        timer.shutdownNow();
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        try (var pidFiles = Files.list(dir)) {
            for (Path file : pidFiles.filter(f -> f.toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    CommandHostRestarter restarter(String mode, String... more) {
        List<String> argv = new ArrayList<>(List.of("bash", SCRIPT.toString(), dir.toString(), mode, "{instance_name}"));
        argv.addAll(List.of(more));
        return new CommandHostRestarter(new CommandLine(argv), KILL_GRACE);
    }

    CompletableFuture<Void> restart(HostRestarter restarter, RestartRequest request, Duration timeout) {
        return new Restarts(restarter, new ExecutorScheduler(timer), stats, 1, Duration.ofMillis(100), timeout)
                .restart(request, Runnable::run);
    }

    static RestartRequest request(String instanceName) {
        return new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", instanceName, "example.net");
    }

    @Test
    void replacesTheHostsProcessWhichServesAgain() throws Exception {
        int port = freePort();
        Files.writeString(dir.resolve("web-1.start"), "exec " + String.join(" ", javaCommand(port,
                dir.resolve("web-1.pid"), dir.resolve("web-1.ready"))) + "\n");
        Process first = new ProcessBuilder(javaCommand(port, dir.resolve("web-1.pid"), null))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(first.pid());
        long before = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> servedPid(port), pid -> pid > 0);
        assertThat(before).isEqualTo(first.pid());

        CompletableFuture<Void> done = restart(restarter("restart"), request("web-1"), Duration.ofSeconds(60));

        assertThat(done).succeedsWithin(Duration.ofSeconds(60));
        long after = servedPid(port);
        assertThat(after).isNotEqualTo(before).isEqualTo(Long.parseLong(Files.readString(dir.resolve("web-1.pid"))));
        assertThat(first.isAlive()).isFalse();
        assertThat(ProcessHandle.of(after)).hasValueSatisfying(host -> assertThat(host.isAlive()).isTrue());
    }

    @Test
    void aNonZeroExitFailsWithTheExitCodeAndTheEscapedEndOfStandardError() {
        CompletableFuture<Void> done = restart(restarter("fail"), request("web-1"), Duration.ofSeconds(60));

        assertThat(done).failsWithin(Duration.ofSeconds(30)).withThrowableThat().havingCause()
                .isInstanceOf(RestartFailed.class)
                .withMessageStartingWith("[bash, " + SCRIPT + ", " + dir + ", fail, web-1] exited with 3; stderr: ")
                .withMessageEndingWith("not found.\\u000A\\u0009tab and \\u001B[31mescape\\u001B[0m")
                .satisfies(e -> assertThat(e.getMessage().substring(e.getMessage().indexOf("; stderr: ") + 10)
                        .replace("\\u000A", "\n").replace("\\u0009", "\t").replace("\\u001B", "\u001b"))
                        .hasSizeLessThanOrEqualTo(CommandHostRestarter.STDERR_TAIL)
                        .hasSizeGreaterThan(CommandHostRestarter.STDERR_TAIL - 60));
    }

    @Test
    void aHungCommandIsKilledAtTheTimeoutWithEveryProcessItStarted() throws Exception {
        CompletableFuture<Void> done = restart(restarter("hang"), request("web-1"), Duration.ofSeconds(3));

        assertThat(done).failsWithin(Duration.ofSeconds(30)).withThrowableThat().havingCause()
                .isInstanceOf(RestartFailed.class).withMessage("Restart of web-1.example.net timed out after 3s");
        long[] pids = Arrays.stream(Files.readString(dir.resolve("hang.pids")).strip().split(" "))
                .mapToLong(Long::parseLong).toArray();
        assertThat(pids).hasSize(3);
        Arrays.stream(pids).forEach(started::add);
        for (long pid : pids) {
            await().atMost(KILL_GRACE.multipliedBy(3)).until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                    .orElse(false), alive -> !alive);
        }
    }

    @Test
    void substitutesTheRequestsNamesAsWholeArguments() throws Exception {
        HostRestarter restarter = restarter("args", "{hostname}", "--", "{instance_name}");

        assertThat(restart(restarter, request("web-1"), Duration.ofSeconds(60))).succeedsWithin(Duration.ofSeconds(30));

        assertThat(Files.readString(dir.resolve("args")).split("\0")).containsExactly(
                dir.toString(), "args", "web-1", "web-1.example.net", "--", "web-1");
        assertThat(restarter.describe(request("web-1"))).isEqualTo("run [bash, " + SCRIPT + ", " + dir
                + ", args, web-1, web-1.example.net, --, web-1]");
    }

    @Test
    void anInstanceNameThatIsNoHostLabelRunsNothing() {
        HostRestarter restarter = restarter("args", "{hostname}");

        for (String name : List.of("-rf", "web-1 --force", "web-1,web-2", "$(reboot)", "web\n1")) {
            assertThat(restarter.restart(request(name))).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                    .isInstanceOf(RestartRejected.class)
                    .withMessageStartingWith("Not running a command for this request: instance_name is not a host label");
        }
        assertThat(dir.resolve("args")).doesNotExist();
    }

    @Test
    void aProgramThatCannotRunFailsTheAttempt() {
        HostRestarter restarter = new CommandHostRestarter(new CommandLine(List.of(dir.resolve("missing").toString())),
                KILL_GRACE);

        assertThat(restarter.restart(request("web-1"))).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOf(RestartFailed.class).withMessageStartingWith("Could not run [" + dir.resolve("missing") + "]");
    }

    static List<String> javaCommand(int port, Path pidFile, Path ready) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m",
                "-cp", Path.of("target", "test-classes").toAbsolutePath().toString(), FakeHost.class.getName(),
                Integer.toString(port), pidFile.toString()));
        if (ready != null) {
            command.add(ready.toString());
        }
        return command;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static long servedPid(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            return Long.parseLong(in.readLine());
        }
    }

    @Test
    void saysWhyStandardErrorCouldNotBeRead() {
        assertThat(CommandHostRestarter.tail(dir.resolve("gone.stderr")))
                .startsWith("(could not be read: java.io.FileNotFoundException: ");
    }

    @Test
    void theTailOfStandardErrorStartsOnAWholeCharacter() throws IOException {
        Path stderr = dir.resolve("e.stderr");
        Files.writeString(stderr, "\u00e9".repeat(513) + "a");

        assertThat(CommandHostRestarter.tail(stderr)).isEqualTo("\u00e9".repeat(511) + "a");
    }
}

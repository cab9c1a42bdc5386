package io.mayhem.restart;

import io.mayhem.configuration.CommandLine;
import io.mayhem.request.HostLabel;
import io.mayhem.request.InputText;
import io.mayhem.request.RestartRequest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Restarts a host by running a command ({@code mayhem.restarter=command}): the configured argument vector with
 * {@code {hostname}} and {@code {instance_name}} substituted as whole arguments, without a shell. Exit 0 means
 * restarted; any other exit fails the attempt ({@link RestartFailed}, retried) with the exit code and the last
 * 1 KiB of standard error. The process runs in the background: its standard error goes to a file read once it
 * has exited ({@link Process#onExit()}), so no thread waits for it. Cancelling the attempt (the timeout, the
 * shutdown, a lost lease) kills the whole process tree.
 */
public final class CommandHostRestarter implements HostRestarter {

    /** How much of the end of standard error a reason quotes, in bytes. */
    static final int STDERR_TAIL = 1024;
    private static final Logger LOG = Logger.getLogger(CommandHostRestarter.class.getName());

    private final CommandLine command;
    private final Duration killGrace;

    /**
     * @param command the argument vector, placeholders unsubstituted
     * @param killGrace how long a process asked to stop may take before it is killed
     */
    public CommandHostRestarter(CommandLine command, Duration killGrace) {
        this.command = command;
        this.killGrace = killGrace;
    }

    @Override
    public CompletableFuture<Void> restart(RestartRequest request) {
        String problem = HostLabel.problem(request.instanceName());
        if (problem != null) {
            return CompletableFuture.failedFuture(new RestartRejected("Not running a command for this request: " + problem));
        }
        List<String> argv = command.substitute(request.hostname(), request.instanceName());
        Path stderr = null;
        Process process;
        try {
            stderr = Files.createTempFile("mayhem-restart-", ".stderr");
            process = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            delete(stderr);
            return CompletableFuture.failedFuture(new RestartFailed("Could not run " + argv + ": " + e.getMessage()));
        }
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        Path errors = stderr;
        process.onExit().whenComplete((exited, error) -> finish(attempt, argv, process, errors));
        attempt.whenComplete((ignored, error) -> {
            if (attempt.isCancelled() && process.isAlive()) {
                LOG.info(() -> "Killing " + argv + " (pid " + process.pid() + ") and its children " + request.tag());
                ProcessTree.kill(process.toHandle(), killGrace);
            }
        });
        return attempt;
    }

    @Override
    public String describe(RestartRequest request) {
        return "run " + command.substitute(request.hostname(), request.instanceName());
    }

    private static void finish(CompletableFuture<Void> attempt, List<String> argv, Process process, Path stderr) {
        int exit = process.exitValue();
        if (exit == 0) {
            attempt.complete(null);
        } else {
            String tail = tail(stderr);
            attempt.completeExceptionally(new RestartFailed(InputText.clip(argv.toString(), 200) + " exited with "
                    + exit + (tail.isEmpty() ? "" : "; stderr: " + tail)));
        }
        delete(stderr);
    }

    /**
     * The last {@link #STDERR_TAIL} bytes of the file as UTF-8, no partial character first, escaped to one line; or
     * why it could not be read.
     */
    static String tail(Path file) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, STDERR_TAIL);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            int start = 0;
            while (size == STDERR_TAIL && start < size && (bytes[start] & 0xC0) == 0x80) {
                start++;
            }
            return InputText.escape(new String(bytes, start, size - start, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return "(could not be read: " + InputText.escape(e.toString()) + ")";
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not delete " + file, e);
        }
    }
}

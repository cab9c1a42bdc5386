package io.mayhem.lifecycle;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.logging.Logger;

/**
 * Shutdown lines. At SIGTERM/SIGINT the server closes its log handlers before the application's
 * {@code @PreDestroy} runs, so lines logged there would be lost: each line is written straight to the
 * process's standard output (file descriptor 1, not the possibly redirected System.out), and also logged.
 */
final class ShutdownLog {

    private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());
    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);

    private ShutdownLog() {
    }

    static void line(String text) {
        OUT.println(prefix("INFO") + text);
        LOG.fine(text);
    }

    /** A shutdown that broke off; the server's own log of the exception may already be closed. */
    static void failed(Throwable e) {
        synchronized (OUT) {
            OUT.println(prefix("SEVERE") + "Shutdown broke off: " + e);
            e.printStackTrace(OUT);
        }
        LOG.log(java.util.logging.Level.SEVERE, "Shutdown broke off", e);
    }

    private static String prefix(String level) {
        return "[" + OffsetDateTime.now(ZoneOffset.UTC) + "] [" + level + "] [" + Shutdown.class.getName() + "] ";
    }
}

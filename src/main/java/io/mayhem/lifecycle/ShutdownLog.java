package io.mayhem.lifecycle;

import java.util.logging.Logger;

/** Shutdown lines: logged, and written to the process output as well, since the server's log handlers may already be closed. */
final class ShutdownLog {

    private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());

    private ShutdownLog() {
    }

    static void line(String text) {
        LOG.info(text);
    }
}

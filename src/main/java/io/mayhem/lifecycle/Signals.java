package io.mayhem.lifecycle;

import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Remembers which of SIGINT, SIGTERM and SIGHUP stopped the JVM, so shutdown can say so, then hands the
 * signal to the JVM's own handler (which runs the shutdown hooks). A signal the JVM ignores stays ignored.
 */
public final class Signals {

    private static final Logger LOG = Logger.getLogger(Signals.class.getName());
    private static volatile String received;

    private Signals() {
    }

    public static void record() {
        try {
            for (String name : new String[] {"INT", "TERM", "HUP"}) {
                chain(new Signal(name));
            }
        } catch (LinkageError | IllegalArgumentException | IllegalStateException e) {
            LOG.config(() -> "Signal names will not be logged at shutdown: " + e);
        }
    }

    private static void chain(Signal signal) {
        SignalHandler[] previous = new SignalHandler[1];
        previous[0] = Signal.handle(signal, caught -> {
            received = "SIG" + caught.getName();
            previous[0].handle(caught);
        });
        if (previous[0] == SignalHandler.SIG_IGN || previous[0] == SignalHandler.SIG_DFL) {
            Signal.handle(signal, previous[0]);
        }
    }

    /** The signal that started the shutdown, or null. */
    public static String received() {
        return received;
    }
}

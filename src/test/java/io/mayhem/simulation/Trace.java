package io.mayhem.simulation;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines of what happened in a run (all of them with {@code -Dsim.trace=true}), for a failure's message. */
final class Trace {

    private final Deque<String> lines = new ArrayDeque<>();
    private final int keep;
    private final boolean print;

    Trace(int keep, boolean print) {
        this.keep = keep;
        this.print = print;
    }

    private long digest = 17;

    void add(String line) {
        digest = digest * 31 + line.hashCode();
        if (print) {
            System.out.println(line);
        }
        lines.addLast(line);
        if (lines.size() > keep) {
            lines.removeFirst();
        }
    }

    /** A hash of every line: equal for two runs of a seed when the replay is exact. */
    long digest() {
        return digest;
    }

    String tail() {
        return String.join("\n", lines);
    }
}

package io.mayhem.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Whole lines to an output stream, each in one write, one at a time: lines from many threads never mix. Not
 * buffered, so nothing is lost when the process ends.
 */
public final class StandardOutput implements Consumer<String> {

    /** The process's standard output, file descriptor 1 (not {@code System.out}, which may be replaced). */
    public static final StandardOutput PROCESS = new StandardOutput(new FileOutputStream(FileDescriptor.out));

    private final OutputStream out;
    private volatile boolean failed;

    /** @param out where the lines go, written unbuffered */
    public StandardOutput(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes the text (a line and its line break) as UTF-8. A failed write (the reader of a pipe has gone) is
     * remembered, not thrown: {@link #failed()}.
     */
    @Override
    public void accept(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                failed = true;
            }
        }
    }

    /** Whether a write has failed, as {@link java.io.PrintStream#checkError()} tells. */
    public boolean failed() {
        return failed;
    }
}

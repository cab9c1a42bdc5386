package io.mayhem.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Ids handed out in a given order, then {@code 00000000-0000-0000-0000-00000000000N} for ever.
 *
 * <pre>{@code
 * Publisher publisher = new Publisher(sender, executor, new SequentialIds("id-1", "id-2"), ...);
 * }</pre>
 */
public final class SequentialIds implements Supplier<String> {

    private final Deque<String> given;
    private long next = 1;

    public SequentialIds(String... ids) {
        this.given = new ArrayDeque<>(List.of(ids));
    }

    @Override
    public synchronized String get() {
        return given.isEmpty() ? String.format("00000000-0000-0000-0000-%012d", next++) : given.poll();
    }
}

package io.mayhem.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Ids handed out in a given order, then {@code 00000000-0000-0000-0000-00000000000N} (N = 1, 2, ...) for ever.
 *
 * <p>What it replaces: {@code mock.patch("uuid.uuid4", side_effect=[...])} in a pytest test. Code under test
 * takes a {@code Supplier<String>} of ids ({@code () -> UUID.randomUUID().toString()} in production) instead of
 * calling a global, so a test knows every id in advance.
 *
 * <pre>{@code
 * Supplier<String> ids = new SequentialIds("id-1", "id-2");
 * assertThat(List.of(ids.get(), ids.get(), ids.get()))
 *         .containsExactly("id-1", "id-2", "00000000-0000-0000-0000-000000000001");
 * }</pre>
 */
public final class SequentialIds implements Supplier<String> {

    private final Deque<String> given;
    private long next = 1;

    /**
     * Ids that start with {@code ids}, in order.
     *
     * @param ids the first ids handed out; none for the numbered ones only
     */
    public SequentialIds(String... ids) {
        this.given = new ArrayDeque<>(List.of(ids));
    }

    /** The next given id, or the next numbered one once they are used up. */
    @Override
    public synchronized String get() {
        return given.isEmpty() ? String.format("00000000-0000-0000-0000-%012d", next++) : given.poll();
    }
}

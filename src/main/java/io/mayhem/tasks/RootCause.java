package io.mayhem.tasks;

/** The innermost cause of an exception, as one log-friendly phrase. */
public final class RootCause {

    private RootCause() {
    }

    /** Returns "SimpleClassName: message" of the deepest cause of {@code e} (of {@code e} itself when it has none). */
    public static String of(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}

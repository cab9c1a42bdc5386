package io.mayhem.store;

/**
 * The periodic queries, in SQL that H2 and PostgreSQL both run, with the indexes that keep their cost to the
 * rows they return, however long the history (issue "Thousands in seconds", item 5; the history test shows
 * their plans). The sweep reads only unacked rows; the purge, acked rows older than the deduplication window;
 * the resend, the outbox, which holds only events not yet sent.
 */
public final class StoreQueries {

    public static final String OWNER_INDEX = "MAYHEM_REQUEST_OWNER";
    public static final String ACKED_AT_INDEX = "MAYHEM_REQUEST_ACKED_AT";

    /** Made at start when missing (tables made by an older version have no indexes). */
    public static final String[] INDEXES = {
            "CREATE INDEX IF NOT EXISTS " + OWNER_INDEX + " ON MAYHEM_REQUEST (ACKED, LEASE_OWNER)",
            "CREATE INDEX IF NOT EXISTS " + ACKED_AT_INDEX + " ON MAYHEM_REQUEST (ACKED, ACKED_AT)",
            "CREATE INDEX IF NOT EXISTS MAYHEM_OUTBOX_STORED ON MAYHEM_OUTBOX (STORED_AT)"};

    /** Unacked requests released at shutdown or held by an owner that is not live; parameter: limit. */
    public static final String ABANDONED = "SELECT MESSAGE_ID FROM MAYHEM_REQUEST WHERE ACKED = FALSE"
            + " AND (LEASE_OWNER IS NULL OR LEASE_OWNER NOT IN"
            + " (SELECT OWNER FROM MAYHEM_INSTANCE WHERE EXPIRED = FALSE)) ORDER BY RECEIVED_AT LIMIT ?";

    /**
     * Acked requests older than the deduplication window (JPQL: a timestamp bound to a native query reached H2
     * as bytes); parameter: before; the limit is the query's maximum results.
     */
    public static final String PURGEABLE = "SELECT r.messageId FROM RequestRecord r WHERE r.acked = TRUE"
            + " AND r.ackedAt < :before";

    /** Outbox entries left behind (JPQL); parameter: before; the limit is the query's maximum results. */
    public static final String UNSENT = "SELECT o.messageId FROM OutboxRecord o WHERE o.storedAt < :before"
            + " ORDER BY o.storedAt";

    private StoreQueries() {
    }
}

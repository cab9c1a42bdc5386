package io.mayhem.request;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One restart request and what has happened to it so far: the type every layer shares (docs/design.md section 1).
 * Its {@code toString()} keeps the original service's name, {@code PubSubMessage(instance_name=...)}, which every
 * log line about a request shows.
 */
public final class RestartRequest {

    private final String messageId;
    private final String instanceName;
    private final String hostname;
    private volatile boolean saved;
    private volatile boolean restarted;
    private final AtomicBoolean acked = new AtomicBoolean();
    private final AtomicInteger extendedCount = new AtomicInteger();
    private final AtomicInteger restartAttempts = new AtomicInteger();

    public RestartRequest(String messageId, String instanceName, String domain) {
        this.messageId = messageId;
        this.instanceName = instanceName;
        this.hostname = instanceName + "." + domain;
    }

    public String messageId() {
        return messageId;
    }

    public String instanceName() {
        return instanceName;
    }

    public String hostname() {
        return hostname;
    }

    public boolean saved() {
        return saved;
    }

    public void markSaved() {
        saved = true;
    }

    public boolean restarted() {
        return restarted;
    }

    public void markRestarted() {
        restarted = true;
    }

    public boolean acked() {
        return acked.get();
    }

    public void markAcked() {
        acked.set(true);
    }

    public int extendedCount() {
        return extendedCount.get();
    }

    public int countExtension() {
        return extendedCount.incrementAndGet();
    }

    public int restartAttempts() {
        return restartAttempts.get();
    }

    public int countRestartAttempt() {
        return restartAttempts.incrementAndGet();
    }

    /** Appended to every log line about this request. */
    public String tag() {
        return tag(messageId);
    }

    /** The tag of a message id, for a log line about a request that has no {@code RestartRequest} (yet). */
    public static String tag(String messageId) {
        return "[message_id=" + messageId + "]";
    }

    /** The original's wording: log lines (and their readers) rely on it. */
    @Override
    public String toString() {
        return "PubSubMessage(instance_name=" + instanceName + ")";
    }
}

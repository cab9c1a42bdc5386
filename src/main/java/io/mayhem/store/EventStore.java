package io.mayhem.store;

import io.mayhem.request.RestartRequest;
import java.util.List;

/** Records restart events (their own table, apart from the inbox); blocking, one transaction per call. */
public interface EventStore {

    /** Records the restart event of each request not recorded yet, all in one transaction. */
    void recordAll(List<RestartRequest> messages);
}

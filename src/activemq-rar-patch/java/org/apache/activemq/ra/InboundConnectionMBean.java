package org.apache.activemq.ra;

/** MAYHEM PATCH: the attributes of {@link InboundConnection}. */
public interface InboundConnectionMBean {

    /** Whether the endpoint holds its connection and consumer. */
    boolean isConnected();

    /** Why not, or empty while connected. */
    String getProblem();

    /** The resource adapter's broker URL ({@code vm://localhost?create=false} for the embedded broker). */
    String getServerUrl();

    /** Since when it is not connected (ms since the epoch), or 0 while connected. */
    long getDisconnectedSince();
}

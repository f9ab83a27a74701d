package org.tcpsim.app;

/** Receives connections.csv rows, one per connection attempt, as each ends (or at the end of the run). */
@FunctionalInterface
public interface ConnectionSink {
    void connection(ConnectionRecord record);

    /**
     * The row of connection {@code workload.number} whose connect() failed at {@code endNs} before there was a
     * socket (started at {@code startNs}): what {@link #connection} gets for such a connection, which a sink may
     * write without building the record and its conn_id string.
     */
    default void connectFailed(String workload, long number, String client, String server, long startNs, long endNs,
                               String errno) {
        connection(new ConnectionRecord(workload + "." + number, client, server, 0, startNs, -1, endNs, errno, 0, 0,
                0, 0));
    }
}

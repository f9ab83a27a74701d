package org.tcpsim.app;

/** Receives connections.csv rows, one per connection attempt, as each ends (or at the end of the run). */
@FunctionalInterface
public interface ConnectionSink {
    void connection(ConnectionRecord record);
}

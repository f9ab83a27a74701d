package org.tcpsim.app;

/** Receives flows.csv rows. */
@FunctionalInterface
public interface FlowSink {
    void flow(FlowRecord record);
}

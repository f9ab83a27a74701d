package org.tcpsim.app;

/** Receives timeseries.csv rows: (t, host, metric, value). */
@FunctionalInterface
public interface TimeseriesSink {
    void add(long timeNs, String host, String metric, double value);
}

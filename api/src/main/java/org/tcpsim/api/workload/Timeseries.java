package org.tcpsim.api.workload;

/** Receives timeseries.csv rows at a sampling instant. */
@FunctionalInterface
public interface Timeseries {
    /**
     * One row: (t, host, metric, value); the metric is prefixed with the workload's name and a dot.
     *
     * @param host   the host the value belongs to
     * @param metric the metric name
     * @param value  the value
     */
    void add(String host, String metric, double value);
}

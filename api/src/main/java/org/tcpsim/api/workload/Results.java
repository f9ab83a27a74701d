package org.tcpsim.api.workload;

/** Where a workload's results go when the run ends. */
public interface Results {
    /**
     * A headline metric: a summary.csv column {@code NAME.metric} (NAME is the workload's name).
     *
     * @param metric the metric name, without the workload's name
     * @param value  the value
     */
    void metric(String metric, double value);

    /**
     * A flows.csv row.
     *
     * @param row the row
     */
    void flow(FlowRow row);
}

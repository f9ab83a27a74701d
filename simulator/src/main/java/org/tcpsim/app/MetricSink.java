package org.tcpsim.app;

/** Receives a run's headline metrics (summary.csv columns). */
@FunctionalInterface
public interface MetricSink {
    void metric(String name, double value);
}

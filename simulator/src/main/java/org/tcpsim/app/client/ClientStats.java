package org.tcpsim.app.client;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.TimeseriesSink;

/**
 * The tally of a client workload's connections: attempts, outcomes by errno, connect latency (SYN
 * sent to ESTABLISHED) and response time (connect() to the last response byte), and the rate of
 * connections ending per sampling interval.
 */
public final class ClientStats {
    /** Errnos always reported (as 0 when unseen), so summary columns do not come and go between runs. */
    private static final List<String> USUAL_ERRNOS = List.of("EADDRNOTAVAIL", "EMFILE", "ENFILE", "ECONNREFUSED",
            "ETIMEDOUT", "ECONNRESET");

    private final LatencyHistogram connect = new LatencyHistogram();
    private final LatencyHistogram response = new LatencyHistogram();
    /** Failures by errno, each a one-element counter (no boxed Long per failure). */
    private final Map<String, long[]> failed = new TreeMap<>();
    private long attempted;
    private long ok;
    private long failedTotal;
    private long okAtSample;
    private long failedAtSample;
    private long lastSampleNs;

    public ClientStats() {
        for (String e : USUAL_ERRNOS) {
            failed.put(e, new long[1]);
        }
    }

    void attempted() {
        attempted++;
    }

    void connected(long latencyNs) {
        connect.record(latencyNs);
    }

    void responded(long sinceStartNs) {
        response.record(sinceStartNs);
    }

    void ended(String outcome) {
        if ("ok".equals(outcome)) {
            ok++;
        } else {
            failedTotal++;
            failed.computeIfAbsent(outcome, e -> new long[1])[0]++;
        }
    }

    public long attempts() {
        return attempted;
    }

    /**
     * Timeseries on the client host: {@code <name>.completed_per_s} and {@code <name>.failed_per_s}
     * (connections that ended ok / with an error since the last sample, per second) and
     * {@code <name>.open} (connections in progress now).
     */
    public void sample(long now, String host, String name, long open, TimeseriesSink out) {
        double seconds = (now - lastSampleNs) / 1e9;
        out.add(now, host, name + ".completed_per_s", seconds > 0 ? (ok - okAtSample) / seconds : 0);
        out.add(now, host, name + ".failed_per_s", seconds > 0 ? (failedTotal - failedAtSample) / seconds : 0);
        out.add(now, host, name + ".open", open);
        okAtSample = ok;
        failedAtSample = failedTotal;
        lastSampleNs = now;
    }

    /** Headline metrics: attempted, ok, failed, failed.ERRNO, open, connect latency and response time in seconds. */
    public void report(MetricSink metrics, long open) {
        metrics.metric("attempted", attempted);
        metrics.metric("ok", ok);
        metrics.metric("failed", failedTotal);
        for (Map.Entry<String, long[]> e : failed.entrySet()) {
            metrics.metric("failed." + e.getKey(), e.getValue()[0]);
        }
        metrics.metric("open", open);
        latencies(metrics, "connect_latency", connect);
        latencies(metrics, "response_time", response);
    }

    private static void latencies(MetricSink metrics, String name, LatencyHistogram h) {
        metrics.metric(name + "_mean_s", h.meanNs() / 1e9);
        metrics.metric(name + "_p50_s", h.percentileNs(500) / 1e9);
        metrics.metric(name + "_p99_s", h.percentileNs(990) / 1e9);
        metrics.metric(name + "_max_s", h.maxNs() / 1e9);
    }
}

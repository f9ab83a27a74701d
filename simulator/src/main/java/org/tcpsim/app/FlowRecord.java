package org.tcpsim.app;

import java.util.List;

/**
 * One row of flows.csv. Fields that do not apply to a flow's type are NaN (written empty).
 * Times in nanoseconds; rates in bits per second. For a TCP flow, {@code busyS}, {@code rwndLimitedS}
 * and {@code sndbufLimitedS} are its sender's tcpi_busy_time, tcpi_rwnd_limited and
 * tcpi_sndbuf_limited at its end, in seconds (tcp_chrono): time with data unacknowledged or unsent,
 * and the parts of it the receiver's window or the sender's own SO_SNDBUF held data back.
 */
public record FlowRecord(String flowId, String type, String src, String dst, long startNs, long endNs,
                         long packetsSent, long packetsReceived, long bytesSent, long bytesReceived,
                         double goodputBps, double lossRate, long reordered, long duplicates,
                         double delayMeanS, double delayMaxS, long retransmits, double busyS, double rwndLimitedS,
                         double sndbufLimitedS) {
    /** A packet count that does not apply to the flow's type (written as an empty field). */
    public static final long NOT_COUNTED = -1;

    public static final List<String> COLUMNS = List.of("flow_id", "type", "src", "dst", "start_s", "end_s",
            "packets_sent", "packets_received", "bytes_sent", "bytes_received", "goodput_bps", "loss_rate",
            "reordered", "duplicates", "delay_mean_s", "delay_max_s", "retransmits", "busy_s", "rwnd_limited_s",
            "sndbuf_limited_s");
}

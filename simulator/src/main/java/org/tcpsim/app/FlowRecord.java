package org.tcpsim.app;

import java.util.List;

/**
 * One row of flows.csv. Fields that do not apply to a flow's type are NaN (written empty).
 * Times in nanoseconds; rates in bits per second.
 */
public record FlowRecord(String flowId, String type, String src, String dst, long startNs, long endNs,
                         long packetsSent, long packetsReceived, long bytesSent, long bytesReceived,
                         double goodputBps, double lossRate, long reordered, long duplicates,
                         double delayMeanS, double delayMaxS, long retransmits) {
    /** A packet count that does not apply to the flow's type (written as an empty field). */
    public static final long NOT_COUNTED = -1;

    public static final List<String> COLUMNS = List.of("flow_id", "type", "src", "dst", "start_s", "end_s",
            "packets_sent", "packets_received", "bytes_sent", "bytes_received", "goodput_bps", "loss_rate",
            "reordered", "duplicates", "delay_mean_s", "delay_max_s", "retransmits");
}

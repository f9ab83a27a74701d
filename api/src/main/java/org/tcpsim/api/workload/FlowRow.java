package org.tcpsim.api.workload;

/**
 * One row of flows.csv, for {@link Results#flow}. Times in nanoseconds, rates in bits per second;
 * NaN for a value that does not apply.
 *
 * @param flowId        a name unique in the run (prefix it with the workload's name)
 * @param type          the workload type
 * @param src           the sending host
 * @param dst           the receiving host
 * @param startNs       when the flow began
 * @param endNs         when it ended (or the end of the run)
 * @param bytesSent     payload bytes sent and acknowledged
 * @param bytesReceived payload bytes the receiving application read
 * @param goodputBps    goodput
 * @param delayMeanS    a mean delay the workload measured (seconds), or NaN
 * @param retransmits   segments retransmitted
 */
public record FlowRow(String flowId, String type, String src, String dst, long startNs, long endNs, long bytesSent,
                      long bytesReceived, double goodputBps, double delayMeanS, long retransmits) {
}

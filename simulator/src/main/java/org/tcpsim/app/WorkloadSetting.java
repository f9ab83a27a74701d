package org.tcpsim.app;

import org.tcpsim.config.ConfigNode;
import org.tcpsim.config.Units;
import org.tcpsim.tcp.CongestionChoice;

/** What a workload parser may ask of the topology, to reject dangling names and unroutable pairs early. */
public interface WorkloadSetting {
    /** The workload's name for metrics and random streams (its "name" field, else derived from its type). */
    String workloadName();

    /** Position of the workload in the experiment's list (0-based). */
    int workloadIndex();

    /** The run length, for defaults that depend on it. */
    long durationNs();

    boolean isHost(String nodeName);

    /** Node owning the address, or null. */
    String nodeOfAddress(int address);

    int addressOf(String nodeName);

    /** Whether a packet can get from one node to the other. */
    boolean connected(String fromNode, String toNode);

    /**
     * A congestion control named by a string ({@code "cubic"}) or given with module parameters
     * ({@code {"name": "cubic", "beta": 717}}); null, with the problem reported on {@code node},
     * when it names nothing usable.
     */
    CongestionChoice congestion(ConfigNode node);

    /** A congestion control named by a string only, as TCP_CONGESTION gives it. */
    CongestionChoice congestionByName(ConfigNode node);

    /**
     * The workload's "stop" (default {@code defaultStop}, which follows the run's duration), refusing a stop
     * before {@code start}. When "stop" is not in the file the problem is reported at "start": that is the key
     * the user wrote, and the run is too short for it (e.g. after {@code --set /duration=2s}).
     */
    default long stopNs(ConfigNode node, long start, long defaultStop) {
        long stop = node.optDurationNs("stop", defaultStop);
        if (stop >= start) {
            return stop;
        }
        if (node.has("stop")) {
            node.problemAt("stop", "stop (" + Units.formatDurationNs(stop) + ") must not be before start ("
                    + Units.formatDurationNs(start) + ")");
        } else {
            node.problemAt("start", "start (" + Units.formatDurationNs(start) + ") is after the workload's default"
                    + " stop (" + Units.formatDurationNs(stop) + ", from the run's duration "
                    + Units.formatDurationNs(durationNs()) + "): lengthen the duration, start earlier, or give \"stop\"");
        }
        return stop;
    }
}

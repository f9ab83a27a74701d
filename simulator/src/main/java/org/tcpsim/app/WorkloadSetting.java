package org.tcpsim.app;

import org.tcpsim.config.ConfigNode;
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
}

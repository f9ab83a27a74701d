package org.tcpsim.app;

import org.tcpsim.config.ConfigNode;

/**
 * A kind of workload users name in JSON ({@code "type": "probe"}). Found through
 * {@link java.util.ServiceLoader}, so a jar on the classpath can add one; `tcpsim plugins` lists them.
 */
public interface WorkloadType {
    /** The JSON type name. */
    String name();

    /** One line for `tcpsim plugins` and the README. */
    String description();

    /**
     * Reads and validates one workload entry. Problems go to the node's sink (never thrown);
     * the result is used only if the whole experiment is free of problems.
     */
    Workload parse(ConfigNode node, WorkloadSetting setting);
}

package org.tcpsim.api.workload;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;

/**
 * A kind of workload users name in JSON ({@code "type": NAME}), found by
 * {@link java.util.ServiceLoader}: a jar lists its class in
 * {@code META-INF/services/org.tcpsim.api.workload.WorkloadType}. Its JSON object holds its
 * declared parameters plus {@code "type"}, {@code "name"}, {@code "sockopt"} and
 * {@code "congestion_control"}, which the simulator reads.
 */
public interface WorkloadType {
    /**
     * The JSON type name.
     *
     * @return the name
     */
    String name();

    /**
     * One line for {@code tcpsim plugins}.
     *
     * @return the description
     */
    String description();

    /**
     * The parameters it takes from its JSON object.
     *
     * @return the declarations
     */
    List<Parameter> parameters();

    /**
     * Checks one entry and fixes it, when the experiment is read (before any run). HOST and
     * ENDPOINT parameters are already resolved against the topology.
     *
     * @param params the values, checked against {@link #parameters()} and completed with defaults
     * @return the workload, immutable (installed into many runs, possibly in parallel threads)
     * @throws org.tcpsim.api.ParameterException for values the workload cannot accept
     */
    Workload configure(Parameters params);
}

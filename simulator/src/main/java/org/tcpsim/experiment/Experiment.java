package org.tcpsim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.tcpsim.app.Workload;

/**
 * One fully resolved, validated experiment configuration (a single point of a sweep).
 *
 * @param json    the resolved JSON it was read from (topology inlined, sweep values applied)
 * @param plugins the plugin jars it was read with, as content hashes ("" without jars): part of a
 *                run's fingerprint, so a changed plugin jar makes finished runs stale
 */
public record Experiment(String name, String description, long durationNs, List<Long> seeds, long sampleIntervalNs,
                         TopologySpec topology, Map<String, HostSpec> hosts, List<Workload> workloads,
                         JsonNode json, String plugins) {

    /** Without plugin jars. */
    public Experiment(String name, String description, long durationNs, List<Long> seeds, long sampleIntervalNs,
                      TopologySpec topology, Map<String, HostSpec> hosts, List<Workload> workloads, JsonNode json) {
        this(name, description, durationNs, seeds, sampleIntervalNs, topology, hosts, workloads, json, "");
    }

    /** The declared kernel of a node, or the defaults for one that is not listed under "hosts". */
    public HostSpec host(String node) {
        HostSpec h = hosts.get(node);
        return h != null ? h : HostSpec.defaults();
    }
}

package org.tcpsim.experiment;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.nat.NatPortSelection;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.NodeKind;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * Which sysctls the model reads, per kind of node. Not a list to keep up to date: it is found by
 * building a small world (a host and a NAT gateway, on every kernel profile) exactly as every run
 * builds its own ({@link NetworkBuilder}), from sysctls that note each name a model asks for
 * ({@link Sysctls#recordingReads}). A model that starts reading a sysctl where it takes its settings
 * (TcpSettings, the conntrack table, the softnet backlog) is counted from then on. A model must read
 * the sysctls it depends on when it is built, not only under some values of others.
 */
public final class ModelledSysctls {
    private static final Map<NodeKind, Set<String>> READ = discover();

    private ModelledSysctls() {
    }

    /** Whether a node of {@code kind} reads {@code name} (a host's TCP stack and softnet, a NAT's conntrack). */
    public static boolean readOn(NodeKind kind, String name) {
        return READ.getOrDefault(kind, Set.of()).contains(name);
    }

    /** Whether any node reads {@code name}. */
    public static boolean read(String name) {
        for (Set<String> names : READ.values()) {
            if (names.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** The "modelled" column of `tcpsim sysctls`: yes, yes on NAT nodes only, or accepted and not read. */
    public static String column(String name) {
        if (readOn(NodeKind.HOST, name)) {
            return "yes";
        }
        return readOn(NodeKind.NAT, name) ? "yes (nat nodes)" : "accepted, not read yet";
    }

    /** The node kinds that read {@code name}, as the warnings name them. */
    static String readers(String name) {
        return readOn(NodeKind.NAT, name) && !readOn(NodeKind.HOST, name) ? "nat nodes" : "hosts";
    }

    private static Map<NodeKind, Set<String>> discover() {
        Map<NodeKind, Set<String>> read = new EnumMap<>(NodeKind.class);
        for (NodeKind kind : NodeKind.values()) {
            read.put(kind, new TreeSet<>());
        }
        for (KernelVersion k : KernelVersion.values()) {
            Map<String, NodeSpec> byName = new LinkedHashMap<>();
            NodeSpec host = new NodeSpec("h", NodeKind.HOST, 0x0a000001, 1, 0, 0, null);
            NodeSpec nat = new NodeSpec("n", NodeKind.NAT, 0x0a000101, 1, 0xc0a80001, 24, NatPortSelection.PRESERVE);
            NodeSpec router = new NodeSpec("r", NodeKind.ROUTER, 0, 1, 0, 0, null);
            Map<String, HostSpec> hosts = new LinkedHashMap<>();
            for (NodeSpec n : List.of(host, nat, router)) {
                byName.put(n.name(), n);
                Sysctls recording = Sysctls.defaults(k, HostSpec.DEFAULT_MEMORY).recordingReads(read.get(n.kind()));
                // packets_per_second > 0, so the softnet backlog is built too
                hosts.put(n.name(), new HostSpec(k, recording, HostSpec.DEFAULT_MEMORY, HostSpec.DEFAULT_NOFILE, 1,
                        1_000_000, 0, List.of()));
            }
            LinkDirection d = new LinkDirection(1_000_000_000L, 1_000_000L, 1000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
            List<LinkSpec> links = List.of(new LinkSpec("h", "r", d, d), new LinkSpec("r", "n", d, d));
            List<String[]> edges = List.of(new String[] {"h", "r"}, new String[] {"r", "n"});
            TopologySpec topo = TopologySpec.of(List.copyOf(byName.values()), links, byName,
                    Map.of(host.address(), "h", nat.address(), "n"), edges);
            Experiment world = new Experiment("modelled-sysctls", "", 1_000_000_000L, List.of(1L), 0, topo, hosts,
                    List.of(), null);
            Simulation sim = new Simulation();
            RandomStreams random = new RandomStreams(1);
            NetworkBuilder.tcpStacks(world, NetworkBuilder.build(world, sim, random), sim, random);
        }
        Map<NodeKind, Set<String>> out = new EnumMap<>(NodeKind.class);
        read.forEach((kind, names) -> out.put(kind, Set.copyOf(names)));
        return out;
    }
}

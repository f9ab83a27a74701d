package org.tcpsim.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.SysctlNames;
import org.tcpsim.net.FilterRule;
import org.tcpsim.nat.Masquerade;
import org.tcpsim.net.Host;
import org.tcpsim.net.NatGateway;
import org.tcpsim.net.Network;
import org.tcpsim.net.NodeKind;
import org.tcpsim.tcp.TcpStack;
import org.tcpsim.tcp.TopologyHost;

/** Turns a declared topology into a live network for one run. */
final class NetworkBuilder {
    private NetworkBuilder() {
    }

    /** The topology, then each host's receive-side packet processing and packet filters as declared under "hosts". */
    static Network build(Experiment exp, Simulation sim, RandomStreams random) {
        Network net = build(exp.topology(), sim, random);
        for (NodeSpec n : exp.topology().nodes()) {
            if (n.kind() == NodeKind.HOST) {
                configureHost((Host) net.node(n.name()), exp.host(n.name()));
            } else if (n.kind() == NodeKind.NAT) {
                // conntrack sizes and timeouts come from the node's "hosts" entry (net.netfilter.*)
                ((NatGateway) net.node(n.name())).setTranslation(new Masquerade(sim, random.stream("nat:" + n.name()),
                        exp.host(n.name()).sysctls(), publicAddresses(n), n.portSelection()));
            }
        }
        return net;
    }

    /**
     * CPUs and their softnet backlogs (cpus, packets_per_second, net.core.netdev_max_backlog), and the
     * filters in their declared order.
     */
    static void configureHost(Host host, HostSpec spec) {
        host.configureSoftnet(spec.cpus(), spec.packetsPerSecond(),
                spec.sysctls().getInt(SysctlNames.NETDEV_MAX_BACKLOG));
        for (FilterRule rule : spec.filters()) {
            host.addFilter(rule);
        }
    }

    private static int[] publicAddresses(NodeSpec n) {
        int[] out = new int[n.publicCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.address() + i;
        }
        return out;
    }

    private static Network build(TopologySpec topo, Simulation sim, RandomStreams random) {
        Network net = new Network(sim, random);
        for (NodeSpec n : topo.nodes()) {
            switch (n.kind()) {
                case HOST -> net.addHost(n.name(), n.address());
                case ROUTER -> net.addRouter(n.name(), n.address());
                case NAT -> net.addNat(n.name(), publicAddresses(n), n.inside(), n.insidePrefix());
                default -> throw new IllegalStateException("unknown node kind " + n.kind());
            }
        }
        for (LinkSpec l : topo.links()) {
            net.connect(l.a(), l.b(), l.aToB(), l.bToA());
        }
        net.computeRoutes();
        return net;
    }

    /** A TCP stack on every host, configured from its kernel profile and sysctls. */
    static Map<String, TcpStack> tcpStacks(Experiment exp, Network net, Simulation sim, RandomStreams random) {
        Map<String, TcpStack> stacks = new LinkedHashMap<>();
        for (NodeSpec n : exp.topology().nodes()) {
            if (n.kind() == NodeKind.HOST) {
                HostSpec h = exp.host(n.name());
                TcpStack stack = TopologyHost.stack((Host) net.node(n.name()), sim, random, h.kernel(), h.sysctls());
                stack.setNofileLimit(h.ulimitNofile());
                if (h.congestion() != null) {
                    stack.setDefaultCongestion(h.congestion());
                }
                stack.setUptimeNs(h.uptimeNs());
                stacks.put(n.name(), stack);
            }
        }
        return stacks;
    }
}

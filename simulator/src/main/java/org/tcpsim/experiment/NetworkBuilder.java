package org.tcpsim.experiment;

import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.Network;

/** Turns a declared topology into a live network for one run. */
final class NetworkBuilder {
    private NetworkBuilder() {
    }

    static Network build(TopologySpec topo, Simulation sim, RandomStreams random) {
        Network net = new Network(sim, random);
        for (NodeSpec n : topo.nodes()) {
            switch (n.kind()) {
                case HOST -> net.addHost(n.name(), n.address());
                case ROUTER -> net.addRouter(n.name(), n.address());
                case NAT -> net.addNat(n.name(), n.address(), n.inside());
                default -> throw new IllegalStateException("unknown node kind " + n.kind());
            }
        }
        for (LinkSpec l : topo.links()) {
            net.connect(l.a(), l.b(), l.aToB(), l.bToA());
        }
        net.computeRoutes();
        return net;
    }
}

package org.tcpsim.tcp;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlException;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.Host;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.Network;
import org.tcpsim.net.loss.LossModelSpec;

/** Two hosts on one link, each with a TCP stack: the fixture TCP tests start from. */
final class TcpTestbed {
    static final int CLIENT = 0x0a000001;
    static final int SERVER = 0x0a000002;

    final Simulation sim = new Simulation();
    final Network net;
    final Host clientHost;
    final Host serverHost;
    final TcpStack client;
    final TcpStack server;
    final List<String> trace = new ArrayList<>();

    TcpTestbed(long seed, LinkDirection toServer, LinkDirection toClient, KernelVersion kernel, String... sysctls) {
        RandomStreams random = new RandomStreams(seed);
        net = new Network(sim, random);
        clientHost = net.addHost("client", CLIENT);
        serverHost = net.addHost("server", SERVER);
        net.connect("client", "server", toServer, toClient);
        net.computeRoutes();
        Sysctls s = Sysctls.defaults(kernel, 16L << 30);
        try {
            for (int i = 0; i + 1 < sysctls.length; i += 2) {
                s = s.with(sysctls[i], sysctls[i + 1]);
            }
        } catch (SysctlException e) {
            throw new IllegalArgumentException(e);
        }
        client = TopologyHost.stack(clientHost, sim, random, kernel, s);
        server = TopologyHost.stack(serverHost, sim, random, kernel, s);
        client.setStateTrace((id, sock, from, to, cause, now) -> trace.add("client " + from + "->" + to));
        server.setStateTrace((id, sock, from, to, cause, now) -> trace.add("server " + from + "->" + to));
    }

    static LinkDirection link(long rateBps, long delayNs) {
        return new LinkDirection(rateBps, delayNs, 1000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
    }

    static TcpTestbed simple(long delayNs) {
        return new TcpTestbed(1, link(100_000_000, delayNs), link(100_000_000, delayNs), KernelVersion.V6_18);
    }
}

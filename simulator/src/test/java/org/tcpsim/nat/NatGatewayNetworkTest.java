package org.tcpsim.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.Datagram;
import org.tcpsim.net.DropCause;
import org.tcpsim.net.Host;
import org.tcpsim.net.Ipv4Address;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.NatGateway;
import org.tcpsim.net.Network;
import org.tcpsim.net.loss.LossModelSpec;

/** A gateway in a network: what leaves is masqueraded, what answers comes back, the rest is routed or counted. */
class NatGatewayNetworkTest {
    private static final long MS = 1_000_000L;
    private static final int PUBLIC = Ipv4Address.parse("203.0.113.1");

    private final Simulation sim = new Simulation();
    private final Network net = new Network(sim, new RandomStreams(1));
    private final Host a = net.addHost("a", Ipv4Address.parse("192.168.1.11"));
    private final Host b = net.addHost("b", Ipv4Address.parse("192.168.1.12"));
    private final Host server = net.addHost("server", Ipv4Address.parse("198.51.100.10"));
    private final NatGateway nat = net.addNat("nat", PUBLIC, Ipv4Address.parse("192.168.1.1"), 24);

    NatGatewayNetworkTest() {
        LinkDirection d = new LinkDirection(1_000_000_000L, MS, 100, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        net.connect("a", "nat", d, d);
        net.connect("b", "nat", d, d);
        net.connect("nat", "server", d, d);
        net.computeRoutes();
        nat.setTranslation(new Masquerade(sim, new RandomStreams(1).stream("nat"), Sysctls.defaults(KernelVersion.V6_18),
                PUBLIC, NatPortSelection.PRESERVE));
    }

    /** (source address, source port, TTL) of each datagram {@code h} receives on {@code port}. */
    private static List<int[]> received(Host h, int port) {
        List<int[]> got = new ArrayList<>();
        h.bindDatagram(port, (d, now) -> got.add(new int[] {d.src, d.srcPort, d.ttl}));
        return got;
    }

    @Test
    void outboundIsMasqueradedAndTheAnswerReachesThePrivateHost() {
        List<int[]> atServer = received(server, 9000);
        List<int[]> atA = received(a, 5555);
        a.send(new Datagram(a.address(), 5555, server.address(), 9000, 100, 0, 0), 0);
        sim.run(10 * MS);
        assertEquals(1, atServer.size());
        assertEquals(PUBLIC, atServer.get(0)[0], "the server sees the public address");
        assertEquals(5555, atServer.get(0)[1], "and the client's own port, free on the public side");
        assertEquals(63, atServer.get(0)[2], "one forwarding hop");
        server.send(new Datagram(server.address(), 9000, PUBLIC, 5555, 100, 0, 0), 10 * MS);
        sim.run(20 * MS);
        assertEquals(1, atA.size(), "the reply is mapped back to a:5555");
        assertEquals(server.address(), atA.get(0)[0]);
    }

    @Test
    void insideToInsideIsRoutedUntranslatedAndAnUnmatchedPacketIsCounted() {
        List<int[]> atB = received(b, 7000);
        a.send(new Datagram(a.address(), 5555, b.address(), 7000, 100, 0, 0), 0);
        server.send(new Datagram(server.address(), 9000, PUBLIC, 4444, 100, 0, 0), 0);
        sim.run(10 * MS);
        assertEquals(1, atB.size());
        assertEquals(a.address(), atB.get(0)[0], "no masquerade between two private hosts");
        assertEquals(1, net.drops().get(DropCause.NAT_UNMATCHED));
        assertEquals(0, nat.translation().counters().get("conntrack.count"), "nothing tracked for inside traffic");
    }
}

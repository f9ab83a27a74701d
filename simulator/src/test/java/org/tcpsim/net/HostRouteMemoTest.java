package org.tcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * A host with one link remembers its last destination's node and interface (Node.transmit); the
 * memo must follow the topology: a destination that becomes reachable (a link added, a host added)
 * is reached, one that never was is not, whatever the order of sends.
 */
class HostRouteMemoTest {
    private static final LinkDirection LINK = new LinkDirection(1_000_000_000L, 1_000, 100, true, 1500,
            LossModelSpec.NONE, 0, 0, 0);

    private static Packet to(int dst) {
        Packet p = new Packet();
        p.dst = dst;
        p.length = 100;
        return p;
    }

    @Test
    void theMemoFollowsTheTopology() {
        Network net = new Network(new Simulation(), new RandomStreams(1));
        Host a = net.addHost("a", 1);
        net.addRouter("r", 0x0a0000fe);
        net.addHost("b", 2);
        net.addHost("c", 3);
        net.connect("a", "r", LINK, LINK);
        net.connect("r", "b", LINK, LINK);
        net.computeRoutes();
        Packet toB = to(2);
        assertTrue(a.send(toB, 0));
        assertEquals(net.nodeIndexOf(2), toB.dstNode);
        assertFalse(a.send(to(3), 0), "c has no link yet");
        assertFalse(a.send(to(3), 0), "still none (the memo's answer)");
        assertTrue(a.send(to(2), 0), "b again after c");
        assertFalse(a.send(to(99), 0), "an address no node owns");
        assertEquals(3, a.counter(IpCounter.IP_OUT_NO_ROUTES));

        net.connect("r", "c", LINK, LINK);
        net.computeRoutes();
        Packet toC = to(3);
        assertTrue(a.send(toC, 0), "c reachable once linked");
        assertEquals(net.nodeIndexOf(3), toC.dstNode);

        net.addHost("d", 4);
        assertFalse(a.send(to(4), 0), "d, added without a link");
        net.connect("d", "r", LINK, LINK);
        assertTrue(a.send(to(4), 0), "d, once linked (reachability recomputed without computeRoutes)");
        assertTrue(a.send(to(3), 0));
        assertEquals(4, a.counter(IpCounter.IP_OUT_NO_ROUTES));
    }
}

package org.tcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;

/**
 * A host's lo against [6.18] drivers/net/loopback.c: a packet to an own address crosses lo (MTU 64 KiB,
 * no qdisc) into the backlog that enqueue_to_backlog limits to netdev_max_backlog, and costs CPU time,
 * so simulated time advances (fuzz finding F10: it used to cost nothing, and a TCP flow to itself spun).
 */
class LoopbackTest {
    private final Simulation sim = new Simulation();
    private final Network net = new Network(sim, new RandomStreams(1));
    private final Host h = net.addHost("h", Ipv4Address.parse("10.0.0.1"));
    private final List<Long> got = new ArrayList<>();

    LoopbackTest() {
        net.computeRoutes();
        h.bindDatagram(9, (d, now) -> got.add(now));
    }

    private void send(int n, int size, long at) {
        for (int i = 0; i < n; i++) {
            int seq = i;
            sim.schedule(at, now -> h.send(new Datagram(h.address(), 1, h.address(), 9, size, seq, now), now));
        }
    }

    @Test
    void eachPacketCostsItsCpuTimeAndWaitsForTheOneBefore() {
        send(3, 1000, 5_000);
        send(1, 64_000, 5_000);
        sim.run(Long.MAX_VALUE);
        long c = Loopback.costNs(1000);
        long big = Loopback.costNs(64_000);
        assertEquals(List.of(5_000 + c, 5_000 + 2 * c, 5_000 + 3 * c, 5_000 + 3 * c + big), got);
        assertEquals(Loopback.PACKET_NS + 350, c, "7 us a packet and 0.35 ns a byte");
        assertEquals(4, h.loopback().packets());
        assertEquals(4, h.counter(IpCounter.IP_IN_DELIVERS));
        assertEquals(4, h.counter(IpCounter.IP_OUT_REQUESTS));
    }

    @Test
    void aFullBacklogDropsAsEnqueueToBacklogDoes() {
        h.configureSoftnet(1, 0, 10); // unlimited receive processing, netdev_max_backlog = 10
        send(20, 100, 0);
        sim.run(Long.MAX_VALUE);
        // one in processing, max + 1 = 11 waiting (qlen > max drops), the other 8 dropped
        assertEquals(12, got.size());
        assertEquals(8, h.loopback().dropped());
        assertEquals(8, h.softnetDropped(), "counted in softnet_stat's dropped column");
        assertEquals(8, net.drops().get(DropCause.SOFTNET_BACKLOG));
    }

    @Test
    void theMtuIs64KiBAndALargerPacketIsDropped() {
        send(1, Loopback.MTU, 0);
        send(1, Loopback.MTU + 1, 0);
        sim.run(Long.MAX_VALUE);
        assertEquals(1, got.size());
        assertEquals(1, h.counter(IpCounter.IP_FRAG_FAILS));
    }

    @Test
    void aHostWithLimitedProcessingAlsoQueuesLoTrafficInItsSoftnet() {
        h.configureSoftnet(1, 10_000, 1000); // 100 us per received packet
        send(2, 100, 0);
        sim.run(Long.MAX_VALUE);
        long c = Loopback.costNs(100);
        assertEquals(List.of(c + 100_000, Math.max(2 * c, c + 100_000) + 100_000), got);
        assertTrue(h.softnet().processed() == 2);
    }
}
